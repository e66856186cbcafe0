//! The simulated board (feature `sim`): the firmware on Linux, with its flash in an image file,
//! its console on stdio, a pseudo-terminal or TCP, and its network on host sockets.
//!
//! - [`host::SimHost`]: the VM's host over simulated flash (also used by tests alone).
//! - [`console`]: the console's terminals.
//! - [`machine`]: the hardware behind Python's `machine` module.
//! - [`wlan`]: the Wi-Fi interfaces behind Python's `network` module (the host link as the
//!   station).
//! - [`board`]: boot sequence, soft resets and the console loop (`mote sim` runs it).
//! - [`network`]: host sockets or TAP, chosen by `mote sim`.
//! - [`discovery`]: the discovery answer on loopback (host sockets).
//! - [`tap`], [`tap_net`], [`tap_sockets`], [`tap_webrepl`], [`tap_server_socket`]: the board
//!   on a TAP device with its own TCP/IP stack (`mote sim --tap`): the driver, the network
//!   thread, Python's sockets, the WebREPL on it and its sockets' flush.
//! - [`flash`]: the flash filesystem, shared by the VM and the WebREPL.
//! - [`ip_config`]: the board's IPv4 settings as its network has them now (`GET /info`,
//!   `network.WLAN().ifconfig()`).
//! - [`webrepl`]: `mote_webrepl` served on 127.0.0.1 (host sockets) or on the TAP board's
//!   stack, over [`files`] (its file store) and the console.
//! - [`ota`]: the ROM bootloader, the firmware slots and updates over the air.
//! - [`latency`]: short scheduler slices for the threads that answer (console loop, WebREPL).

pub mod board;
pub mod console;
pub mod discovery;
pub mod files;
pub mod flash;
pub mod host;
pub mod ip_config;
pub mod latency;
pub mod machine;
pub mod network;
pub mod ota;
pub mod tap;
pub mod tap_net;
pub mod tap_server_socket;
pub mod tap_sockets;
pub mod tap_webrepl;
pub mod webrepl;
pub mod wlan;

pub use host::SimHost;
