//! `mote-firmware`: the board.
//!
//! Composes flash, filesystem and VM into the board, owns the boot sequence (`boot.py`, then
//! `main.py`, then the REPL), the board's configuration file and its console; builds for the
//! ESP32-C3 (`riscv32imc-unknown-none-elf`) and, with the `sim` feature, for Linux as the
//! simulated board that `mote sim` runs. Depends on `mote-vm`, `mote-storage` and
//! `mote-netstack`, and with `sim` on `mote-webrepl` (served from a tokio thread on host
//! sockets, and from the network thread's embassy-net sockets on TAP, as the chip will) and
//! `mote-ota` (the simulated board's slots, its ROM bootloader and `PUT /ota`); the chip's
//! crates (esp-hal, esp-rtos, esp-radio, ...) come only with the `esp` feature, so host builds
//! and the no_std library build never compile them.
//!
//! - [`fs::FlashFs`]: the VM's filesystem (`open()`, `os`) over the flash filesystem.
//! - [`config`]: the configuration file (name, unique id, Wi-Fi, password hash); a bad file
//!   never stops a boot.
//! - `esp` (feature, with a chip feature: `esp32c3`): the Espressif board (flash partition,
//!   USB-serial/JTAG console, Wi-Fi, the VM in an embassy task); the chip's binary is
//!   `src/bin/esp32c3.rs`.
//! - the VM's optional modules: `all-modules` (default) turns on all of them; a chip
//!   feature lists its own (`esp32c3-modules`), because each costs flash
//!   (`firmware/docs/chip-size.md`).
//! - `sim` (feature): the simulated board: `sim::SimHost` (the VM's host over simulated
//!   flash, with the host's sockets on its loopback behind Python's `socket`, or `embassy-net`
//!   on a TAP device with `mote-netstack`'s tasks: `sim::network`), its consoles
//!   (stdio, pty, TCP), its `machine` hardware, its Wi-Fi (`sim::wlan`: the host link stands in
//!   for the station behind `network.WLAN`), the boot loop (`sim::board::run`), which waits
//!   on the console and a parked program's sockets together, and OTA (`sim::ota`: the ROM
//!   bootloader that runs a slot's executable, confirm and rollback, the `ota` Python module).
//!   The REPL itself is `mote_vm::repl`, shared with `mote repl`. The chip's partition table is
//!   `firmware/partitions.csv` (`firmware/docs/ota-on-esp32c3.md`).
//!
//! Still to come (issue 11): the WebREPL served over `embassy-net` on the chip, Python's
//! sockets on the chip's stack.
#![no_std]

extern crate alloc;
#[cfg(feature = "sim")]
extern crate std;

pub mod config;
#[cfg(feature = "esp")]
pub mod esp;
pub mod fs;
#[cfg(feature = "sim")]
pub mod sim;
