//! Discovery for the board on host sockets: the answer of `mote_netstack::discovery`, served
//! on loopback only.
//!
//! Every host-socket board joins the discovery group (239.255.82.67, UDP 8267) on the loopback
//! interface, with `SO_REUSEADDR` so that all boards of the host hear one query (`mote scan`),
//! and also answers on UDP 127.0.0.1 at its own server port (`mote scan --addr
//! 127.0.0.1:PORT` asks that board alone). Nothing is bound beyond 127.0.0.1 and the group.

use mote_netstack::discovery::{answer, BoardInfo};
use mote_netstack::wire::discovery::{GROUP, MAX_ANSWER_LEN, PORT};
use socket2::{Domain, Protocol, Socket, Type};
use std::net::{Ipv4Addr, SocketAddrV4, UdpSocket};
use std::string::String;
use std::time::Instant;

/// Who answers.
#[derive(Clone, Debug)]
pub struct Responder {
    /// The board's name.
    pub name: String,
    /// Its unique id.
    pub unique_id: [u8; 6],
    /// Its server port (also the UDP port of its direct answer).
    pub port: u16,
    /// When it powered on.
    pub started: Instant,
}

/// Start answering on loopback; `Err` says which socket could not be opened (the board runs
/// on without it).
pub fn start(responder: Responder) -> Result<(), String> {
    let group = group_socket().map_err(|e| std::format!("discovery group {GROUP:?}: {e}"))?;
    let direct = UdpSocket::bind((Ipv4Addr::LOCALHOST, responder.port))
        .map_err(|e| std::format!("discovery on UDP 127.0.0.1:{}: {e}", responder.port))?;
    let r = responder.clone();
    std::thread::Builder::new()
        .name("discovery".into())
        .spawn(move || serve(group, &r))
        .map_err(|e| e.to_string())?;
    std::thread::Builder::new()
        .name("discovery-direct".into())
        .spawn(move || serve(direct, &responder))
        .map_err(|e| e.to_string())?;
    Ok(())
}

use std::string::ToString;

fn group_socket() -> std::io::Result<UdpSocket> {
    let socket = Socket::new(Domain::IPV4, Type::DGRAM, Some(Protocol::UDP))?;
    socket.set_reuse_address(true)?;
    let group = Ipv4Addr::from(GROUP);
    // Bound to the group address: only datagrams sent to the group reach this socket.
    socket.bind(&SocketAddrV4::new(group, PORT).into())?;
    socket.join_multicast_v4(&group, &Ipv4Addr::LOCALHOST)?;
    Ok(socket.into())
}

fn serve(socket: UdpSocket, r: &Responder) {
    let info = BoardInfo {
        name: &r.name,
        unique_id: r.unique_id,
        port: r.port,
        firmware: env!("CARGO_PKG_VERSION"),
    };
    let mut query = [0u8; 64];
    let mut out = [0u8; MAX_ANSWER_LEN];
    loop {
        let Ok((n, from)) = socket.recv_from(&mut query) else {
            // A passing error (an ICMP report for an earlier answer): go on, without spinning.
            std::thread::sleep(std::time::Duration::from_millis(10));
            continue;
        };
        let uptime = r.started.elapsed().as_secs().min(u32::MAX as u64) as u32;
        let reply = query
            .get(..n)
            .and_then(|q| answer(q, &info, [127, 0, 0, 1], uptime, &mut out));
        if let Some(len) = reply {
            let _ = socket.send_to(&out[..len], from);
        }
    }
}
