//! The Espressif chips' board (feature `esp`, with a chip feature such as `esp32c3`): the
//! pieces the chip's binary (`src/bin/esp32c3.rs`) wires together. Nothing here names a chip;
//! what differs between chips (memory, clocks, peripherals) stays in the binaries.
//!
//! - [`flash`]: the filesystem's partition of the SPI flash as async NOR flash.
//! - [`host`]: the VM's host (console buffers, clock, Ctrl-C, files, `machine`).
//! - [`machine`]: the chip behind Python's `machine`.
//! - [`console`]: the USB-serial/JTAG console, shared by every task.
//! - [`board`]: mount, configuration, boot scripts and the REPL, with the VM on fuel.
//! - [`wifi`]: the Wi-Fi station and `embassy-net` over it; [`station_only`]: the Wi-Fi
//!   library built without its access point.
//! - [`panic`]: the panic handler (code addresses on the stack, then a reset).

pub mod board;
pub mod console;
pub mod flash;
pub mod host;
pub mod machine;
pub mod panic;
pub mod station_only;
pub mod wifi;
