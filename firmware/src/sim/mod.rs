//! The simulated board (feature `sim`): the firmware on Linux, with its flash in an image file,
//! its console on stdio, a pseudo-terminal or TCP, and its network on host sockets.
//!
//! - [`host::SimHost`]: the VM's host over simulated flash (also used by tests alone).
//! - [`console`]: the console's terminals.
//! - [`machine`]: the hardware behind Python's `machine` module.
//! - [`wlan`]: the Wi-Fi interfaces behind Python's `network` module (the host link as the
//!   station); [`host_io`]: waiting on the console and the board's host sockets together.
//! - [`board`]: boot sequence, soft resets and the console loop (`mote sim` runs it).

pub mod board;
pub mod console;
pub mod host;
pub mod host_io;
pub mod machine;
pub mod wlan;

pub use host::SimHost;
