//! The board's network as `mote sim` chose it: host sockets on 127.0.0.1, or the board's own
//! stack on a TAP device ([`super::tap_net`]). Started once at power-on; each VM gets a fresh
//! [`Network`] (a soft reset closes Python's sockets).

use super::console::Console;
use super::discovery::{self, Responder};
use super::tap_net::{self, Identity, TapNet, TapOptions};
use super::webrepl::{self, Seams};
use crate::config::BoardConfig;
use mote_netstack::bringup::Timing;
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
        /// How long DHCP may take before the fallback, and the looks for a server after it.
        timing: Timing,
    },
}

/// The network of a running board.
pub enum BoardNet {
    /// Host sockets.
    Host,
    /// The TAP board's stack.
    Tap(TapNet),
}

/// Bring the network up at power-on with the board's servers (`seams`: the WebREPL's), saying
/// so on the console; `unhealthy` hears when the WebREPL cannot be served (an update that
/// cannot be reached is not a healthy one).
pub fn start(
    mode: &NetMode,
    board: &BoardConfig,
    port: u16,
    started: Instant,
    console: &Console,
    seams: Seams,
    unhealthy: &dyn Fn(&str),
) -> Result<BoardNet, String> {
    match mode {
        NetMode::HostSockets => {
            console.log("address 127.0.0.1 (host sockets)");
            // A port in use leaves the board without its WebREPL, not without its console.
            match webrepl::start(port, seams) {
                Ok(addr) => console.log(&format!(
                    "WebREPL http://{addr}/ (ws://{addr}/ for webrepl_cli.py)"
                )),
                Err(e) => {
                    console.announce(&format!(
                        "the WebREPL is not served: cannot listen on 127.0.0.1:{port} ({e}); \
                         choose another port with --port"
                    ));
                    unhealthy("its WebREPL is not served");
                }
            }
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
            timing,
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
                timing: *timing,
            };
            let id = Identity {
                name: board.name.clone(),
                unique_id: board.unique_id,
                port,
            };
            tap_net::start(options, id, console.announcer(), seams).map(BoardNet::Tap)
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
