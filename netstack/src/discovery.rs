//! The discovery responder: answers [`wire::discovery`](crate::wire::discovery) queries with
//! who the board is.
//!
//! [`answer`] is the whole protocol on the board's side (pure, so the host-socket board and
//! the fuzzer use it too); [`respond`] serves it on an `embassy-net` stack, on UDP port
//! [`PORT`] and the multicast group [`GROUP`].

use crate::log::Log;
use crate::wire::discovery::{Answer, Query, GROUP, MAX_ANSWER_LEN, PORT};
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_net::{Ipv4Address, Stack};
use embassy_time::Instant;

/// Who the board is, as discovery tells it.
#[derive(Clone, Copy, Debug)]
pub struct BoardInfo<'a> {
    /// The board's name.
    pub name: &'a str,
    /// Its unique id.
    pub unique_id: [u8; 6],
    /// The TCP port of its servers.
    pub port: u16,
    /// Its firmware version.
    pub firmware: &'a str,
}

/// The answer to datagram `query` from a board at `address` up for `uptime_s` seconds, written
/// into `out`: its length, or `None` when `query` is not a query (nothing is sent back).
pub fn answer(
    query: &[u8],
    info: &BoardInfo<'_>,
    address: [u8; 4],
    uptime_s: u32,
    out: &mut [u8; MAX_ANSWER_LEN],
) -> Option<usize> {
    let query = Query::parse(query).ok()?;
    let mut name = info.name;
    let mut firmware = info.firmware;
    truncate(&mut name);
    truncate(&mut firmware);
    Answer {
        token: query.token,
        unique_id: info.unique_id,
        address,
        port: info.port,
        uptime_s,
        name,
        firmware,
    }
    .emit(out)
    .ok()
}

/// Cut `s` to at most the wire's text length, on a character boundary.
fn truncate(s: &mut &str) {
    let mut end = s.len().min(crate::wire::discovery::MAX_TEXT);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    *s = &s[..end];
}

/// Answer discovery queries on `stack` for as long as the board runs.
pub async fn respond(stack: Stack<'_>, info: BoardInfo<'_>, log: &dyn Log) -> ! {
    let mut rx_meta = [PacketMetadata::EMPTY; 8];
    let mut rx = [0u8; 1024];
    let mut tx_meta = [PacketMetadata::EMPTY; 8];
    let mut tx = [0u8; 1024];
    let mut socket = UdpSocket::new(stack, &mut rx_meta, &mut rx, &mut tx_meta, &mut tx);
    if socket.bind(PORT).is_err() {
        log.line(format_args!("net: discovery cannot bind UDP {PORT}"));
        core::future::pending::<()>().await;
    }
    let group = Ipv4Address::from(GROUP);
    if stack.join_multicast_group(group).is_err() {
        log.line(format_args!(
            "net: discovery cannot join {group}; unicast only"
        ));
    }
    let started = Instant::now();
    let mut query = [0u8; 64];
    let mut out = [0u8; MAX_ANSWER_LEN];
    loop {
        let Ok((n, meta)) = socket.recv_from(&mut query).await else {
            // A datagram longer than the buffer: not a query of ours.
            continue;
        };
        let address = stack
            .config_v4()
            .map_or([0; 4], |c| c.address.address().octets());
        let uptime = started.elapsed().as_secs().min(u32::MAX as u64) as u32;
        let reply = query
            .get(..n)
            .and_then(|q| answer(q, &info, address, uptime, &mut out));
        if let Some(len) = reply {
            // A full send queue (a flood) drops this answer; the asker asks again.
            let _ = socket.send_to(&out[..len], meta.endpoint).await;
        }
        // Let the board's other tasks run between datagrams of a flood.
        embassy_futures::yield_now().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const INFO: BoardInfo<'static> = BoardInfo {
        name: "desk",
        unique_id: [9, 8, 7, 6, 5, 4],
        port: 8266,
        firmware: "0.1.0",
    };

    #[test]
    fn a_query_gets_the_boards_answer_with_its_token() {
        let mut q = [0u8; 10];
        Query { token: 77 }.emit(&mut q).unwrap();
        let mut out = [0u8; MAX_ANSWER_LEN];
        let n = answer(&q, &INFO, [10, 1, 2, 3], 5, &mut out).unwrap();
        let a = Answer::parse(&out[..n]).unwrap();
        assert_eq!(
            (a.token, a.name, a.address, a.port, a.uptime_s, a.firmware),
            (77, "desk", [10, 1, 2, 3], 8266, 5, "0.1.0")
        );
    }

    #[test]
    fn answers_are_not_answered_and_long_names_are_cut() {
        let mut out = [0u8; MAX_ANSWER_LEN];
        let mut q = [0u8; 10];
        Query { token: 1 }.emit(&mut q).unwrap();
        let n = answer(&q, &INFO, [0; 4], 0, &mut out).unwrap();
        let echo = out;
        assert_eq!(answer(&echo[..n], &INFO, [0; 4], 0, &mut out), None);
        let long = "é".repeat(40);
        let info = BoardInfo {
            name: &long,
            ..INFO
        };
        let n = answer(&q, &info, [0; 4], 0, &mut out).unwrap();
        assert_eq!(Answer::parse(&out[..n]).unwrap().name.len(), 62);
    }
}
