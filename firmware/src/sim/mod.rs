//! The simulated board (feature `sim`): the firmware on Linux, with its flash in an image file,
//! its console on stdio, a pseudo-terminal or TCP, and its network on host sockets.
//!
//! - [`host::SimHost`]: the VM's host over simulated flash (also used by tests alone).
//! - [`console`]: the console's terminals.
//! - [`machine`]: the hardware behind Python's `machine` module.
//! - [`board`]: boot sequence, soft resets and the console loop (`mote sim` runs it).
//! - [`flash`]: the flash filesystem, shared by the VM and the WebREPL.
//! - [`webrepl`]: `mote_webrepl` served on 127.0.0.1 (host sockets), over [`files`] (its file
//!   store) and the console.
//! - [`ota`]: the ROM bootloader, the firmware slots and updates over the air.

pub mod board;
pub mod console;
pub mod files;
pub mod flash;
pub mod host;
pub mod machine;
pub mod ota;
pub mod webrepl;

pub use host::SimHost;
