//! Python's sockets on the board's own TCP/IP stack (`embassy-net`), as the chip has them: a
//! fixed pool of TCP and UDP sockets made once at power-on and reused, and the VM's
//! non-blocking [`Network`] operations on them (each op polls the socket's future once: ready
//! is the answer, pending is `EAGAIN`).
//!
//! A Python TCP socket takes a pool socket only when it connects or listens. A listening
//! socket keeps up to [`LISTEN_SLOTS`] pool sockets in LISTEN (smoltcp's way to a backlog); an
//! accepted connection takes the pool socket over and the listener listens again on a free one.
//! A closed connection's pool socket is reused once its FIN handshake is over (or after
//! [`LINGER`]).

use embassy_futures::poll_once;
use embassy_net::tcp::{State, TcpSocket};
use embassy_net::udp::{PacketMetadata, UdpSocket};
use embassy_net::{IpAddress, IpEndpoint, IpListenEndpoint, Ipv4Address, Stack};
use embassy_time::{Duration, Instant};
use mote_vm::net::*;
use std::collections::HashMap;
use std::task::Poll;
use std::vec::Vec;
use std::{boxed::Box, vec};

/// TCP sockets in the pool.
pub const TCP_SOCKETS: usize = 8;
/// UDP sockets in the pool.
pub const UDP_SOCKETS: usize = 4;
/// Each TCP socket's receive and send buffers.
const TCP_BUFFER: usize = 32 * 1024;
/// Each UDP socket's receive and send buffers, and the datagrams they hold.
const UDP_BUFFER: usize = 8 * 1024;
const UDP_PACKETS: usize = 16;
/// Pool sockets a listening socket keeps in LISTEN.
const LISTEN_SLOTS: usize = 2;
/// How long a closed connection may take to finish before it is aborted.
const LINGER: Duration = Duration::from_secs(10);

/// What a Python socket is, on the pool.
enum Sock {
    /// A TCP socket not yet connected or listening; its bound port and `TCP_NODELAY`.
    TcpFresh { port: u16, nodelay: bool },
    /// Listening on `port` with pool sockets `slots`.
    TcpListen { port: u16, slots: Vec<usize> },
    /// Connecting or connected on pool socket `slot`; a failed connect's errno until read.
    TcpConn { slot: usize, error: Option<i32> },
    /// A UDP socket: its pool socket once bound.
    Udp { slot: Option<usize> },
}

/// The state of a pool socket.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Use {
    Free,
    Taken,
    /// Closed by Python; reusable when its connection is over, aborted at the instant.
    Closing(Instant),
}

/// Python's sockets on a stack.
pub struct Sockets {
    stack: Stack<'static>,
    tcp: Vec<(TcpSocket<'static>, Use)>,
    udp: Vec<(UdpSocket<'static>, Use)>,
    socks: HashMap<SocketId, Sock>,
    next_id: SocketId,
}

fn leak<T: Clone>(value: T, n: usize) -> &'static mut [T] {
    Box::leak(vec![value; n].into_boxed_slice())
}

impl Sockets {
    /// The pool on `stack` (its buffers are made once and live as long as the board).
    pub fn new(stack: Stack<'static>) -> Sockets {
        let mut tcp = Vec::new();
        for _ in 0..TCP_SOCKETS {
            let socket = TcpSocket::new(stack, leak(0, TCP_BUFFER), leak(0, TCP_BUFFER));
            tcp.push((socket, Use::Free));
        }
        let mut udp = Vec::new();
        for _ in 0..UDP_SOCKETS {
            let socket = UdpSocket::new(
                stack,
                leak(PacketMetadata::EMPTY, UDP_PACKETS),
                leak(0, UDP_BUFFER),
                leak(PacketMetadata::EMPTY, UDP_PACKETS),
                leak(0, UDP_BUFFER),
            );
            udp.push((socket, Use::Free));
        }
        Sockets {
            stack,
            tcp,
            udp,
            socks: HashMap::new(),
            next_id: 1,
        }
    }

    /// Close every socket (a soft reset: the new VM starts with none).
    pub fn close_all(&mut self) {
        let ids: Vec<SocketId> = self.socks.keys().copied().collect();
        for id in ids {
            self.close(id);
        }
    }

    fn take_tcp(&mut self) -> Result<usize, NetError> {
        let now = Instant::now();
        for (i, (socket, state)) in self.tcp.iter_mut().enumerate() {
            if let Use::Closing(deadline) = *state {
                if matches!(socket.state(), State::Closed | State::TimeWait) {
                    *state = Use::Free;
                } else if now >= deadline {
                    socket.abort();
                    *state = Use::Free;
                }
            }
            if *state == Use::Free && matches!(socket.state(), State::Closed | State::TimeWait) {
                *state = Use::Taken;
                socket.set_nagle_enabled(true);
                return Ok(i);
            }
        }
        Err(NetError(ENOMEM))
    }

    fn release_tcp(&mut self, slot: usize, graceful: bool) {
        if let Some((socket, state)) = self.tcp.get_mut(slot) {
            if graceful {
                socket.close();
                *state = Use::Closing(Instant::now() + LINGER);
            } else {
                socket.abort();
                *state = Use::Closing(Instant::now() + LINGER);
            }
        }
    }

    fn listen_on(&mut self, slot: usize, port: u16) -> Result<(), NetError> {
        let socket = &mut self.tcp[slot].0;
        match poll_once(socket.accept(port)) {
            Poll::Ready(Err(_)) => Err(NetError(EADDRNOTAVAIL)),
            _ => Ok(()),
        }
    }

    fn sock(&mut self, s: SocketId) -> Result<&mut Sock, NetError> {
        self.socks.get_mut(&s).ok_or(NetError(EBADF))
    }

    fn conn(&mut self, s: SocketId) -> Result<&mut TcpSocket<'static>, NetError> {
        match self.socks.get(&s) {
            Some(Sock::TcpConn { slot, .. }) => Ok(&mut self.tcp[*slot].0),
            Some(_) => Err(NetError(ENOTCONN)),
            None => Err(NetError(EBADF)),
        }
    }

    fn udp_slot(&mut self, s: SocketId) -> Result<usize, NetError> {
        match self.socks.get(&s) {
            Some(Sock::Udp { slot: Some(slot) }) => Ok(*slot),
            Some(Sock::Udp { slot: None }) => {
                self.bind(
                    s,
                    SockAddr {
                        ip: [0; 4],
                        port: 0,
                    },
                )?;
                self.udp_slot(s)
            }
            Some(_) => Err(NetError(EOPNOTSUPP)),
            None => Err(NetError(EBADF)),
        }
    }
}

/// `EBADF`: not an open socket.
const EBADF: i32 = 9;
/// `EINVAL`: an invalid argument.
const EINVAL: i32 = 22;
/// `EMSGSIZE`: a datagram too long.
const EMSGSIZE: i32 = 90;

fn endpoint(addr: SockAddr) -> IpEndpoint {
    IpEndpoint::new(IpAddress::Ipv4(Ipv4Address::from(addr.ip)), addr.port)
}

fn sockaddr(ep: IpEndpoint) -> SockAddr {
    SockAddr {
        ip: ipv4(ep.addr),
        port: ep.port,
    }
}

/// The IPv4 octets of `addr` (the stack speaks IPv4 only; another family reads as 0.0.0.0).
fn ipv4(addr: IpAddress) -> [u8; 4] {
    #[allow(unreachable_patterns)]
    match addr {
        IpAddress::Ipv4(ip) => ip.octets(),
        _ => [0; 4],
    }
}

/// A TCP connection state in which a listener's pool socket holds an accepted connection.
fn accepted(state: State) -> bool {
    !matches!(
        state,
        State::Listen | State::SynReceived | State::SynSent | State::Closed
    )
}

impl Network for Sockets {
    fn open(&mut self, kind: SocketKind) -> Result<SocketId, NetError> {
        let id = self.next_id;
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let sock = match kind {
            SocketKind::Stream => Sock::TcpFresh {
                port: 0,
                nodelay: false,
            },
            SocketKind::Datagram => Sock::Udp { slot: None },
        };
        self.socks.insert(id, sock);
        Ok(id)
    }

    fn close(&mut self, s: SocketId) {
        match self.socks.remove(&s) {
            Some(Sock::TcpListen { slots, .. }) => {
                for slot in slots {
                    self.release_tcp(slot, false);
                }
            }
            Some(Sock::TcpConn { slot, .. }) => self.release_tcp(slot, true),
            Some(Sock::Udp { slot: Some(slot) }) => {
                if let Some((socket, state)) = self.udp.get_mut(slot) {
                    socket.close();
                    *state = Use::Free;
                }
            }
            _ => {}
        }
    }

    fn bind(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError> {
        let listening = |socks: &HashMap<SocketId, Sock>, port| {
            socks
                .values()
                .any(|k| matches!(k, Sock::TcpListen { port: p, .. } if *p == port))
        };
        let taken = listening(&self.socks, addr.port);
        match self.sock(s)? {
            Sock::TcpFresh { port, .. } => {
                if addr.port != 0 && taken {
                    return Err(NetError(EADDRINUSE));
                }
                *port = addr.port;
                Ok(())
            }
            Sock::Udp { slot: None } => {
                let slot = self
                    .udp
                    .iter()
                    .position(|(_, u)| *u == Use::Free)
                    .ok_or(NetError(ENOMEM))?;
                let ep = IpListenEndpoint {
                    addr: (addr.ip != [0; 4]).then(|| Ipv4Address::from(addr.ip).into()),
                    port: addr.port,
                };
                self.udp[slot]
                    .0
                    .bind(ep)
                    .map_err(|_| NetError(EADDRINUSE))?;
                self.udp[slot].1 = Use::Taken;
                self.socks.insert(s, Sock::Udp { slot: Some(slot) });
                Ok(())
            }
            _ => Err(NetError(EINVAL)),
        }
    }

    fn listen(&mut self, s: SocketId, backlog: u32) -> Result<(), NetError> {
        let Sock::TcpFresh { port, .. } = *self.sock(s)? else {
            return Err(NetError(EINVAL));
        };
        if port == 0 {
            return Err(NetError(EINVAL));
        }
        let mut slots = Vec::new();
        for _ in 0..(backlog as usize).clamp(1, LISTEN_SLOTS) {
            let Ok(slot) = self.take_tcp() else { break };
            if let Err(e) = self.listen_on(slot, port) {
                self.release_tcp(slot, false);
                for slot in slots {
                    self.release_tcp(slot, false);
                }
                return Err(e);
            }
            slots.push(slot);
        }
        if slots.is_empty() {
            return Err(NetError(ENOMEM));
        }
        self.socks.insert(s, Sock::TcpListen { port, slots });
        Ok(())
    }

    fn accept(&mut self, s: SocketId) -> Result<(SocketId, SockAddr), NetError> {
        let Sock::TcpListen { port, slots } = self.sock(s)? else {
            return Err(NetError(EINVAL));
        };
        let port = *port;
        let mut slots = core::mem::take(slots);
        let mut got = None;
        for i in 0..slots.len() {
            let socket = &mut self.tcp[slots[i]].0;
            let state = socket.state();
            if accepted(state) {
                got = Some(slots.remove(i));
                break;
            }
            if state == State::Closed {
                // A handshake that was reset: listen again.
                let _ = self.listen_on(slots[i], port);
            }
        }
        if got.is_some() {
            if let Ok(fresh) = self.take_tcp() {
                match self.listen_on(fresh, port) {
                    Ok(()) => slots.push(fresh),
                    Err(_) => self.release_tcp(fresh, false),
                }
            }
        }
        if let Some(Sock::TcpListen { slots: s, .. }) = self.socks.get_mut(&s) {
            *s = slots;
        }
        let slot = got.ok_or(NetError(EAGAIN))?;
        let peer = self.tcp[slot].0.remote_endpoint().map(sockaddr);
        let id = self.open(SocketKind::Stream)?;
        self.socks.insert(id, Sock::TcpConn { slot, error: None });
        Ok((
            id,
            peer.unwrap_or(SockAddr {
                ip: [0; 4],
                port: 0,
            }),
        ))
    }

    fn connect(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError> {
        let nodelay = match self.sock(s)? {
            Sock::TcpFresh { nodelay, .. } => *nodelay,
            Sock::TcpConn { .. } => return Err(NetError(EALREADY)),
            _ => return Err(NetError(EOPNOTSUPP)),
        };
        let slot = self.take_tcp()?;
        let socket = &mut self.tcp[slot].0;
        socket.set_nagle_enabled(!nodelay);
        let result = poll_once(socket.connect(endpoint(addr)));
        let error = match result {
            Poll::Ready(Ok(())) => None,
            Poll::Pending => {
                self.socks.insert(s, Sock::TcpConn { slot, error: None });
                return Err(NetError(EINPROGRESS));
            }
            Poll::Ready(Err(embassy_net::tcp::ConnectError::NoRoute)) => Some(ENETUNREACH),
            Poll::Ready(Err(_)) => Some(ECONNREFUSED),
        };
        if let Some(e) = error {
            self.release_tcp(slot, false);
            return Err(NetError(e));
        }
        self.socks.insert(s, Sock::TcpConn { slot, error: None });
        Ok(())
    }

    fn send(&mut self, s: SocketId, data: &[u8]) -> Result<usize, NetError> {
        let socket = self.conn(s)?;
        if matches!(socket.state(), State::SynSent | State::SynReceived) {
            return Err(NetError(EAGAIN));
        }
        if !socket.may_send() {
            return Err(NetError(EPIPE));
        }
        match poll_once(socket.write(data)) {
            Poll::Ready(Ok(n)) => Ok(n),
            Poll::Ready(Err(_)) => Err(NetError(ECONNRESET)),
            Poll::Pending => Err(NetError(EAGAIN)),
        }
    }

    fn recv(&mut self, s: SocketId, buf: &mut [u8]) -> Result<usize, NetError> {
        let socket = self.conn(s)?;
        if matches!(socket.state(), State::SynSent | State::SynReceived) {
            return Err(NetError(EAGAIN));
        }
        match poll_once(socket.read(buf)) {
            Poll::Ready(Ok(n)) => Ok(n),
            Poll::Ready(Err(_)) => Err(NetError(ECONNRESET)),
            Poll::Pending => Err(NetError(EAGAIN)),
        }
    }

    fn send_to(&mut self, s: SocketId, data: &[u8], addr: SockAddr) -> Result<usize, NetError> {
        let slot = self.udp_slot(s)?;
        match poll_once(self.udp[slot].0.send_to(data, endpoint(addr))) {
            Poll::Ready(Ok(())) => Ok(data.len()),
            Poll::Ready(Err(embassy_net::udp::SendError::NoRoute)) => Err(NetError(ENETUNREACH)),
            Poll::Ready(Err(embassy_net::udp::SendError::PacketTooLarge)) => {
                Err(NetError(EMSGSIZE))
            }
            Poll::Ready(Err(_)) => Err(NetError(EINVAL)),
            Poll::Pending => Err(NetError(EAGAIN)),
        }
    }

    fn recv_from(&mut self, s: SocketId, buf: &mut [u8]) -> Result<(usize, SockAddr), NetError> {
        let slot = self.udp_slot(s)?;
        let socket = &mut self.udp[slot].0;
        let received = poll_once(socket.recv_from_with(|data, meta| {
            let n = data.len().min(buf.len());
            buf[..n].copy_from_slice(&data[..n]);
            (n, sockaddr(meta.endpoint))
        }));
        match received {
            Poll::Ready(got) => Ok(got),
            Poll::Pending => Err(NetError(EAGAIN)),
        }
    }

    fn set_option(&mut self, s: SocketId, opt: SockOpt, value: i32) -> Result<(), NetError> {
        if opt == SockOpt::ReuseAddr {
            return self.sock(s).map(|_| ());
        }
        match self.sock(s)? {
            Sock::TcpFresh { nodelay, .. } => *nodelay = value != 0,
            Sock::TcpConn { .. } => self.conn(s)?.set_nagle_enabled(value == 0),
            _ => {}
        }
        Ok(())
    }

    fn ready(&mut self, s: SocketId) -> u32 {
        match self.socks.get(&s) {
            Some(Sock::TcpListen { slots, .. }) => {
                let any = slots.iter().any(|&i| accepted(self.tcp[i].0.state()));
                if any {
                    READABLE
                } else {
                    0
                }
            }
            Some(Sock::TcpConn { slot, error }) => {
                let socket = &self.tcp[*slot].0;
                match socket.state() {
                    State::SynSent | State::SynReceived => 0,
                    State::Closed if error.is_some() => READABLE | WRITABLE | ERROR,
                    state => {
                        let mut bits = 0;
                        if socket.can_recv() || !socket.may_recv() {
                            bits |= READABLE;
                        }
                        if socket.can_send() || !socket.may_send() {
                            bits |= WRITABLE;
                        }
                        if matches!(state, State::Closed | State::TimeWait) {
                            bits |= HANGUP;
                        }
                        bits
                    }
                }
            }
            Some(Sock::Udp { slot: Some(slot) }) => {
                let socket = &self.udp[*slot].0;
                let mut bits = WRITABLE;
                if poll_once(socket.wait_recv_ready()).is_ready() {
                    bits |= READABLE;
                }
                bits
            }
            Some(Sock::Udp { slot: None }) => WRITABLE,
            Some(Sock::TcpFresh { .. }) => WRITABLE | HANGUP,
            None => ERROR,
        }
    }

    fn take_error(&mut self, s: SocketId) -> Option<NetError> {
        let Some(Sock::TcpConn { slot, error }) = self.socks.get_mut(&s) else {
            return None;
        };
        if error.is_none() && self.tcp[*slot].0.state() == State::Closed {
            // The connect was refused (or timed out): said once, then the socket is closed.
            *error = Some(ECONNREFUSED);
        }
        error.take().map(NetError)
    }

    fn peer_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError> {
        let socket = self.conn(s)?;
        socket
            .remote_endpoint()
            .map(sockaddr)
            .ok_or(NetError(ENOTCONN))
    }

    fn local_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError> {
        let own = self
            .stack
            .config_v4()
            .map_or([0; 4], |c| c.address.address().octets());
        match self.sock(s)? {
            Sock::TcpFresh { port, .. } | Sock::TcpListen { port, .. } => Ok(SockAddr {
                ip: own,
                port: *port,
            }),
            Sock::TcpConn { .. } => {
                let socket = self.conn(s)?;
                socket
                    .local_endpoint()
                    .map(sockaddr)
                    .ok_or(NetError(ENOTCONN))
            }
            Sock::Udp { slot } => {
                let port = slot.map_or(0, |i| self.udp[i].0.endpoint().port);
                Ok(SockAddr { ip: own, port })
            }
        }
    }

    fn resolve(&mut self, host: &str) -> Result<Vec<[u8; 4]>, NetError> {
        // Names need the DNS client, which awaits: the network thread resolves them
        // (`resolve_name`) before the table is asked.
        parse_ipv4(host)
            .map(|ip| vec![ip])
            .ok_or(NetError(EHOSTUNREACH))
    }
}

/// Resolve `host` with the stack's DNS client (servers from DHCP), or as a dotted quad.
pub async fn resolve_name(stack: Stack<'static>, host: &str) -> Result<Vec<[u8; 4]>, NetError> {
    if let Some(ip) = parse_ipv4(host) {
        return Ok(vec![ip]);
    }
    if host == "localhost" {
        return Ok(vec![[127, 0, 0, 1]]);
    }
    let found = stack
        .dns_query(host, embassy_net::dns::DnsQueryType::A)
        .await
        .map_err(|_| NetError(EHOSTUNREACH))?;
    Ok(found.iter().map(|a| ipv4(*a)).collect())
}
