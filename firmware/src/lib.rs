//! `mote-firmware`: the board.
//!
//! Composes flash, filesystem and VM into the board, owns the boot sequence (`boot.py`, then
//! `main.py`, then the REPL), the board's configuration file and its console; builds for the
//! ESP32-C3 (`riscv32imc-unknown-none-elf`) and, with the `sim` feature, for Linux as the
//! simulated board that `mote sim` runs. Depends on `mote-vm`, `mote-storage` and
//! `mote-netstack`, and with `sim` on `mote-webrepl` (served from a tokio thread on host
//! sockets, and from the network thread's embassy-net sockets on TAP, as the chip will).
//!
//! - [`fs::FlashFs`]: the VM's filesystem (`open()`, `os`) over the flash filesystem.
//! - [`config`]: the configuration file (name, unique id, Wi-Fi, password hash); a bad file
//!   never stops a boot.
//! - `sim` (feature): the simulated board: `sim::SimHost` (the VM's host over simulated
//!   flash), its consoles (stdio, pty, TCP), its `machine` hardware, its network (host
//!   sockets, or `embassy-net` on a TAP device with `mote-netstack`'s tasks), and the boot loop
//!   (`sim::board::run`). The REPL itself is `mote_vm::repl`, shared with `mote repl`.
//!
//! Still to come: the embassy executor (the VM as a future beside the network and WebREPL
//! tasks) and the ESP32-C3 build of the boot sequence.
#![no_std]

extern crate alloc;
#[cfg(feature = "sim")]
extern crate std;

pub mod config;
pub mod fs;
#[cfg(feature = "sim")]
pub mod sim;
