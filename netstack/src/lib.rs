//! `mote-netstack`: network bring-up for mote boards.
//!
//! Will hold the link and IP layer on `embassy-net`/`smoltcp`: Wi-Fi through `esp-radio` on the
//! ESP32-C3, a TAP device on the simulated board, DHCP, DNS, board discovery, and TLS client
//! sockets on `embedded-tls`. It will depend on no other mote crate.
//!
//! Work on this crate has not started; it holds no functionality yet.
#![no_std]
