//! The VM's network interface: what `socket`, `select` and asyncio's streams need from the
//! embedder.
//!
//! A board implements [`Network`] over its TCP/IP stack, `mote run` over the host's sockets
//! (`crate::net_std::StdNet`). Every operation is non-blocking: one that cannot finish now
//! fails with [`EAGAIN`] (or [`EINPROGRESS`] for `connect`), and the VM waits for readiness
//! ([`Network::ready`], `Host::wait_io`) without blocking the executor. Sockets are IPv4 only.
//! Errors are errno numbers with MicroPython's (Linux) values, so `OSError.errno` is the same on
//! every board.

use alloc::vec::Vec;

/// A socket of the network: an index the network hands out and takes back on close.
pub type SocketId = u32;

/// Stream (TCP) or datagram (UDP).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SocketKind {
    /// `SOCK_STREAM`.
    Stream,
    /// `SOCK_DGRAM`.
    Datagram,
}

/// An IPv4 address and port.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SockAddr {
    /// The address, most significant byte first.
    pub ip: [u8; 4],
    /// The port.
    pub port: u16,
}

/// A socket option the VM can set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SockOpt {
    /// `SO_REUSEADDR`.
    ReuseAddr,
    /// `TCP_NODELAY`.
    NoDelay,
}

/// An errno value carried by a failed network operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetError(pub i32);

/// Readiness bit: data (or a connection, or end of stream) can be received.
pub const READABLE: u32 = 0x001;
/// Readiness bit: data can be sent (a connect finished).
pub const WRITABLE: u32 = 0x004;
/// Readiness bit: an error is pending.
pub const ERROR: u32 = 0x008;
/// Readiness bit: the peer hung up.
pub const HANGUP: u32 = 0x010;

/// `EPERM`: operation not permitted.
pub const EPERM: i32 = 1;
/// `EAGAIN`: the operation would block.
pub const EAGAIN: i32 = 11;
/// `ENOMEM`: out of memory (the network's buffers).
pub const ENOMEM: i32 = 12;
/// `EPIPE`: the connection is closed for sending.
pub const EPIPE: i32 = 32;
/// `EOPNOTSUPP`: the operation is not supported (no network).
pub const EOPNOTSUPP: i32 = 95;
/// `EADDRINUSE`: the address is in use.
pub const EADDRINUSE: i32 = 98;
/// `EADDRNOTAVAIL`: the address is not available here.
pub const EADDRNOTAVAIL: i32 = 99;
/// `ENETUNREACH`: no route to the network.
pub const ENETUNREACH: i32 = 101;
/// `ECONNABORTED`: the connection was aborted.
pub const ECONNABORTED: i32 = 103;
/// `ECONNRESET`: the peer reset the connection.
pub const ECONNRESET: i32 = 104;
/// `ENOBUFS`: no buffer space.
pub const ENOBUFS: i32 = 105;
/// `EISCONN`: already connected.
pub const EISCONN: i32 = 106;
/// `ENOTCONN`: not connected.
pub const ENOTCONN: i32 = 107;
/// `ETIMEDOUT`: the operation timed out.
pub const ETIMEDOUT: i32 = 110;
/// `ECONNREFUSED`: the peer refused the connection.
pub const ECONNREFUSED: i32 = 111;
/// `EHOSTUNREACH`: no route to the host.
pub const EHOSTUNREACH: i32 = 113;
/// `EALREADY`: a connect is already in progress.
pub const EALREADY: i32 = 114;
/// `EINPROGRESS`: a connect started and finishes later.
pub const EINPROGRESS: i32 = 115;

/// `(name, value)` of the network errnos the `errno` module exports.
pub const NET_ERRNO_NAMES: &[(&str, i32)] = &[
    ("EPERM", EPERM),
    ("EAGAIN", EAGAIN),
    ("EWOULDBLOCK", EAGAIN),
    ("ENOMEM", ENOMEM),
    ("EPIPE", EPIPE),
    ("EOPNOTSUPP", EOPNOTSUPP),
    ("EADDRINUSE", EADDRINUSE),
    ("EADDRNOTAVAIL", EADDRNOTAVAIL),
    ("ENETUNREACH", ENETUNREACH),
    ("ECONNABORTED", ECONNABORTED),
    ("ECONNRESET", ECONNRESET),
    ("ENOBUFS", ENOBUFS),
    ("EISCONN", EISCONN),
    ("ENOTCONN", ENOTCONN),
    ("ETIMEDOUT", ETIMEDOUT),
    ("ECONNREFUSED", ECONNREFUSED),
    ("EHOSTUNREACH", EHOSTUNREACH),
    ("EALREADY", EALREADY),
    ("EINPROGRESS", EINPROGRESS),
];

/// Non-blocking IPv4 sockets, as the embedder provides them.
pub trait Network {
    /// A new unbound socket.
    fn open(&mut self, kind: SocketKind) -> Result<SocketId, NetError>;
    /// Close `s` (its id may be handed out again).
    fn close(&mut self, s: SocketId);
    /// Bind `s` to a local address (`0.0.0.0` for any).
    fn bind(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError>;
    /// Make stream socket `s` accept connections.
    fn listen(&mut self, s: SocketId, backlog: u32) -> Result<(), NetError>;
    /// A new connection on listening socket `s`, or `EAGAIN`.
    fn accept(&mut self, s: SocketId) -> Result<(SocketId, SockAddr), NetError>;
    /// Start connecting `s`: `Ok` if connected at once, `EINPROGRESS` if it finishes later
    /// (then `s` becomes writable and [`Network::take_error`] tells the outcome).
    fn connect(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError>;
    /// Send what fits now: the number of bytes taken, or `EAGAIN`.
    fn send(&mut self, s: SocketId, data: &[u8]) -> Result<usize, NetError>;
    /// Receive into `buf`: the number of bytes (0 at end of stream), or `EAGAIN`.
    fn recv(&mut self, s: SocketId, buf: &mut [u8]) -> Result<usize, NetError>;
    /// Send one datagram to `addr`.
    fn send_to(&mut self, s: SocketId, data: &[u8], addr: SockAddr) -> Result<usize, NetError>;
    /// Receive one datagram (truncated to `buf`) and its sender, or `EAGAIN`.
    fn recv_from(&mut self, s: SocketId, buf: &mut [u8]) -> Result<(usize, SockAddr), NetError>;
    /// Set an option.
    fn set_option(&mut self, s: SocketId, opt: SockOpt, value: i32) -> Result<(), NetError>;
    /// What `s` is ready for now ([`READABLE`], [`WRITABLE`], [`ERROR`], [`HANGUP`] bits).
    fn ready(&mut self, s: SocketId) -> u32;
    /// The pending error of `s` (the outcome of a connect), cleared by reading it.
    fn take_error(&mut self, s: SocketId) -> Option<NetError>;
    /// The address of the peer of connected socket `s`.
    fn peer_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError>;
    /// The local address of `s`.
    fn local_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError>;
    /// Resolve `host` (a name or dotted quad) to IPv4 addresses.
    fn resolve(&mut self, host: &str) -> Result<Vec<[u8; 4]>, NetError>;
}

/// Parse a dotted quad (`"127.0.0.1"`).
pub fn parse_ipv4(s: &str) -> Option<[u8; 4]> {
    let mut ip = [0u8; 4];
    let mut parts = s.split('.');
    for b in &mut ip {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        *b = p.parse().ok()?;
    }
    parts.next().is_none().then_some(ip)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_quads_parse_strictly() {
        assert_eq!(parse_ipv4("127.0.0.1"), Some([127, 0, 0, 1]));
        assert_eq!(parse_ipv4("0.0.0.0"), Some([0, 0, 0, 0]));
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.0.0.1",
            "a.b.c.d",
            "1..2.3",
            "+1.2.3.4",
        ] {
            assert_eq!(parse_ipv4(bad), None, "{bad}");
        }
    }
}
