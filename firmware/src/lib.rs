//! `mote-firmware`: the board.
//!
//! Will compose flash, filesystem, network stack, WebREPL server and VM into one embassy
//! application, own the boot sequence (`boot.py`, then `main.py`) and the REPL multiplexer, and
//! build for the ESP32-C3 (`riscv32imc-unknown-none-elf`) and for Linux as the simulated board.
//!
//! In place so far: [`fs::FlashFs`], the VM's filesystem (`open()`, `os`) over the board's
//! flash filesystem (`mote-storage`), and with the `sim` feature [`sim::SimHost`], a VM host
//! over simulated flash for tests.
#![no_std]

extern crate alloc;
#[cfg(feature = "sim")]
extern crate std;

pub mod config;
pub mod fs;
#[cfg(feature = "sim")]
pub mod sim;
