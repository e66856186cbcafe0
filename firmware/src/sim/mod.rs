//! The simulated board (feature `sim`): the firmware on Linux, with its flash in an image file,
//! its console on stdio, a pseudo-terminal or TCP, and its network on host sockets.
//!
//! - [`host::SimHost`]: the VM's host over simulated flash (also used by tests alone).
//! - [`console`]: the console's terminals.
//! - [`machine`]: the hardware behind Python's `machine` module.
//! - [`board`]: boot sequence, soft resets and the console loop (`mote sim` runs it).
//! - [`network`]: host sockets or TAP, chosen by `mote sim`.
//! - [`discovery`]: the discovery answer on loopback (host sockets).
//! - [`tap`], [`tap_net`], [`tap_sockets`]: the board on a TAP device with its own TCP/IP
//!   stack (`mote sim --tap`): the driver, the network thread, Python's sockets on it.

pub mod board;
pub mod console;
pub mod discovery;
pub mod host;
pub mod machine;
pub mod network;
pub mod tap;
pub mod tap_net;
pub mod tap_sockets;

pub use host::SimHost;
