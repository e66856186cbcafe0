//! The board's network as `mote sim` chose it: host sockets on 127.0.0.1, or the board's own
//! stack on a TAP device ([`super::tap_net`]). Started once at power-on; each VM gets a fresh
//! [`Network`] (a soft reset closes Python's sockets).

use super::console::Console;
use super::discovery::{self, Responder};
use super::tap_net::{self, Identity, TapNet, TapOptions};
use crate::config::BoardConfig;
use mote_netstack::plan::{Ipv4Plan, StaticV4};
use mote_vm::net::Network;
use mote_vm::net_std::StdNet;
use std::boxed::Box;
use std::format;
use std::string::String;
use std::time::Instant;

/// How the simulated board reaches the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetMode {
    /// The host's sockets, on 127.0.0.1 (no root needed).
    HostSockets,
    /// Its own TCP/IP stack on a TAP device.
    Tap {
        /// The TAP device.
        device: String,
        /// A static address (`--ip`, `--gateway`); `None` follows the config's `ipv4`.
        address: Option<StaticV4>,
        /// Seconds DHCP may take before the fallback.
        dhcp_wait_s: u64,
    },
}

/// The network of a running board.
pub enum BoardNet {
    /// Host sockets.
    Host,
    /// The TAP board's stack.
    Tap(TapNet),
}

/// Bring the network up at power-on, saying so on the console.
pub fn start(
    mode: &NetMode,
    board: &BoardConfig,
    port: u16,
    started: Instant,
    console: &Console,
) -> Result<BoardNet, String> {
    match mode {
        NetMode::HostSockets => {
            console.log(&format!(
                "address 127.0.0.1 (host sockets); servers on port {port}"
            ));
            let responder = Responder {
                name: board.name.clone(),
                unique_id: board.unique_id,
                port,
                started,
            };
            match discovery::start(responder) {
                Ok(()) => console.log(&format!(
                    "discovery on the loopback group and UDP 127.0.0.1:{port}"
                )),
                Err(e) => console.announce(&format!("no discovery answer: {e}")),
            }
            Ok(BoardNet::Host)
        }
        NetMode::Tap {
            device,
            address,
            dhcp_wait_s,
        } => {
            let plan = match address {
                Some(s) => Ipv4Plan::Static(*s),
                None => Ipv4Plan::parse(&board.ipv4, board.unique_id).unwrap_or_else(|e| {
                    console.announce(&format!("ipv4 = {}: {e}; using dhcp", board.ipv4));
                    Ipv4Plan::Dhcp {
                        fallback: mote_netstack::plan::link_local(board.unique_id),
                    }
                }),
            };
            let options = TapOptions {
                device: device.clone(),
                plan,
                dhcp_wait_s: *dhcp_wait_s,
            };
            let id = Identity {
                name: board.name.clone(),
                unique_id: board.unique_id,
                port,
            };
            tap_net::start(options, id, console.announcer()).map(BoardNet::Tap)
        }
    }
}

impl BoardNet {
    /// The network for a new VM: Python's sockets of the previous one are closed.
    pub fn fresh(&self) -> Box<dyn Network> {
        match self {
            BoardNet::Host => Box::new(StdNet::new()),
            BoardNet::Tap(net) => {
                net.close_all();
                Box::new(net.clone())
            }
        }
    }
}
