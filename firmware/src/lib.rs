//! `mote-firmware`: the board.
//!
//! Will compose flash, filesystem, network stack, WebREPL server and VM into one embassy
//! application, own the boot sequence (`boot.py`, then `main.py`) and the REPL multiplexer, and
//! build for the ESP32-C3 (`riscv32imc-unknown-none-elf`) and for Linux as the simulated board.
//!
//! Work on this crate has not started; it holds no functionality yet.
#![no_std]
