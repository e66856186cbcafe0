//! `mote-netstack`: the board's network on `embassy-net` (smoltcp), shared by the ESP32-C3
//! (Wi-Fi) and the simulated board (TAP).
//!
//! Generic over the link: everything takes an `embassy_net::Stack` built on any
//! `embassy_net_driver::Driver`; `no_std`, no allocator. Depends on no other mote crate.
//!
//! - [`board::run`]: all of the below in one future, beside the stack's runner.
//! - [`plan`]: the `ipv4` setting (`dhcp`, static, `dhcp or` a fallback), parsed.
//! - [`bringup::supervise`]: DHCP with the static fallback, recovery after a lost lease or
//!   link, each change said through the [`log::Log`] seam; on the fallback it keeps looking
//!   for a DHCP server ([`dhcp_probe`]) without giving the fallback address up.
//! - [`discovery`]: the answer to `mote scan`'s query ([`wire::discovery`], UDP port 8267).
//! - [`mdns`]: `<name>.local` and DNS-SD services (`edge-mdns`).
//!
//! DNS lookups are embassy-net's own (`Stack::dns_query`, servers from DHCP).
//! Invariant: nothing received from the network can panic: packets are parsed by checked views
//! ([`wire`]) or by `edge-mdns`/`domain`, and answers that do not fit are dropped.
#![no_std]
#![forbid(unsafe_code)]

pub mod board;
pub mod bringup;
pub mod dhcp_probe;
pub mod discovery;
pub mod log;
pub mod mdns;
pub mod plan;
pub mod wire;

pub use embassy_net;
