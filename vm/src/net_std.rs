//! [`Network`] over the host's sockets (`libc`, non-blocking, IPv4), for `mote run` and tests.
//! Linux errno values are MicroPython's, so errors pass through unchanged.

extern crate std;

use crate::net::*;
use alloc::vec::Vec;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};

/// Most sockets open at once (beyond: `EMFILE`-like `ENOBUFS`).
const MAX_SOCKETS: usize = 1024;

/// Host sockets, indexed by [`SocketId`].
#[derive(Default)]
pub struct StdNet {
    sockets: Vec<Option<OwnedFd>>,
}

fn last_error() -> NetError {
    NetError(
        std::io::Error::last_os_error()
            .raw_os_error()
            .unwrap_or(libc::EIO),
    )
}

fn to_sockaddr(a: SockAddr) -> libc::sockaddr_in {
    // SAFETY: sockaddr_in is plain old data; all-zero is a valid value.
    let mut sa: libc::sockaddr_in = unsafe { core::mem::zeroed() };
    sa.sin_family = libc::AF_INET as libc::sa_family_t;
    sa.sin_port = a.port.to_be();
    sa.sin_addr.s_addr = u32::from_be_bytes(a.ip).to_be();
    sa
}

fn from_sockaddr(sa: &libc::sockaddr_in) -> SockAddr {
    SockAddr {
        ip: u32::from_be(sa.sin_addr.s_addr).to_be_bytes(),
        port: u16::from_be(sa.sin_port),
    }
}

const SA_LEN: libc::socklen_t = core::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;

impl StdNet {
    /// No sockets yet.
    pub fn new() -> StdNet {
        StdNet::default()
    }

    /// The host descriptor of `s`.
    pub fn fd(&self, s: SocketId) -> Option<RawFd> {
        self.sockets
            .get(s as usize)?
            .as_ref()
            .map(|fd| fd.as_raw_fd())
    }

    fn get(&self, s: SocketId) -> Result<RawFd, NetError> {
        self.fd(s).ok_or(NetError(crate::fs::EBADF))
    }

    fn insert(&mut self, fd: OwnedFd) -> Result<SocketId, NetError> {
        if let Some(i) = self.sockets.iter().position(Option::is_none) {
            self.sockets[i] = Some(fd);
            return Ok(i as SocketId);
        }
        if self.sockets.len() >= MAX_SOCKETS {
            return Err(NetError(ENOBUFS));
        }
        self.sockets.push(Some(fd));
        Ok((self.sockets.len() - 1) as SocketId)
    }

    fn addr_of(
        &mut self,
        s: SocketId,
        f: unsafe extern "C" fn(i32, *mut libc::sockaddr, *mut libc::socklen_t) -> i32,
    ) -> Result<SockAddr, NetError> {
        let fd = self.get(s)?;
        // SAFETY: zeroed sockaddr_in is valid; `f` writes at most `len` bytes into it.
        let mut sa: libc::sockaddr_in = unsafe { core::mem::zeroed() };
        let mut len = SA_LEN;
        if unsafe { f(fd, (&mut sa as *mut libc::sockaddr_in).cast(), &mut len) } != 0 {
            return Err(last_error());
        }
        Ok(from_sockaddr(&sa))
    }
}

impl Network for StdNet {
    fn open(&mut self, kind: SocketKind) -> Result<SocketId, NetError> {
        let ty = match kind {
            SocketKind::Stream => libc::SOCK_STREAM,
            SocketKind::Datagram => libc::SOCK_DGRAM,
        };
        // SAFETY: plain socket(2) call.
        let fd = unsafe {
            libc::socket(
                libc::AF_INET,
                ty | libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
                0,
            )
        };
        if fd < 0 {
            return Err(last_error());
        }
        // SAFETY: socket(2) returned a new descriptor that nothing else owns.
        self.insert(unsafe { OwnedFd::from_raw_fd(fd) })
    }

    fn close(&mut self, s: SocketId) {
        if let Some(slot) = self.sockets.get_mut(s as usize) {
            *slot = None;
        }
        while matches!(self.sockets.last(), Some(None)) {
            self.sockets.pop();
        }
    }

    fn bind(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError> {
        let fd = self.get(s)?;
        let sa = to_sockaddr(addr);
        // SAFETY: `sa` is a valid sockaddr_in of SA_LEN bytes.
        if unsafe { libc::bind(fd, (&sa as *const libc::sockaddr_in).cast(), SA_LEN) } != 0 {
            return Err(last_error());
        }
        Ok(())
    }

    fn listen(&mut self, s: SocketId, backlog: u32) -> Result<(), NetError> {
        let fd = self.get(s)?;
        // SAFETY: plain listen(2) call.
        if unsafe { libc::listen(fd, backlog.min(128) as i32) } != 0 {
            return Err(last_error());
        }
        Ok(())
    }

    fn accept(&mut self, s: SocketId) -> Result<(SocketId, SockAddr), NetError> {
        let fd = self.get(s)?;
        // SAFETY: zeroed sockaddr_in is valid; accept4 writes at most `len` bytes into it.
        let mut sa: libc::sockaddr_in = unsafe { core::mem::zeroed() };
        let mut len = SA_LEN;
        let nfd = unsafe {
            libc::accept4(
                fd,
                (&mut sa as *mut libc::sockaddr_in).cast(),
                &mut len,
                libc::SOCK_NONBLOCK | libc::SOCK_CLOEXEC,
            )
        };
        if nfd < 0 {
            return Err(last_error());
        }
        // SAFETY: accept4 returned a new descriptor that nothing else owns.
        let id = self.insert(unsafe { OwnedFd::from_raw_fd(nfd) })?;
        Ok((id, from_sockaddr(&sa)))
    }

    fn connect(&mut self, s: SocketId, addr: SockAddr) -> Result<(), NetError> {
        let fd = self.get(s)?;
        let sa = to_sockaddr(addr);
        // SAFETY: `sa` is a valid sockaddr_in of SA_LEN bytes.
        if unsafe { libc::connect(fd, (&sa as *const libc::sockaddr_in).cast(), SA_LEN) } != 0 {
            return Err(last_error());
        }
        Ok(())
    }

    fn send(&mut self, s: SocketId, data: &[u8]) -> Result<usize, NetError> {
        let fd = self.get(s)?;
        // SAFETY: `data` is valid for `data.len()` bytes.
        let n = unsafe { libc::send(fd, data.as_ptr().cast(), data.len(), libc::MSG_NOSIGNAL) };
        if n < 0 {
            return Err(last_error());
        }
        Ok(n as usize)
    }

    fn recv(&mut self, s: SocketId, buf: &mut [u8]) -> Result<usize, NetError> {
        let fd = self.get(s)?;
        // SAFETY: `buf` is valid for writes of `buf.len()` bytes.
        let n = unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), 0) };
        if n < 0 {
            return Err(last_error());
        }
        Ok(n as usize)
    }

    fn send_to(&mut self, s: SocketId, data: &[u8], addr: SockAddr) -> Result<usize, NetError> {
        let fd = self.get(s)?;
        let sa = to_sockaddr(addr);
        // SAFETY: `data` is valid for its length; `sa` is a valid sockaddr_in.
        let n = unsafe {
            libc::sendto(
                fd,
                data.as_ptr().cast(),
                data.len(),
                libc::MSG_NOSIGNAL,
                (&sa as *const libc::sockaddr_in).cast(),
                SA_LEN,
            )
        };
        if n < 0 {
            return Err(last_error());
        }
        Ok(n as usize)
    }

    fn recv_from(&mut self, s: SocketId, buf: &mut [u8]) -> Result<(usize, SockAddr), NetError> {
        let fd = self.get(s)?;
        // SAFETY: zeroed sockaddr_in is valid; `buf` is valid for its length and recvfrom
        // writes at most `len` bytes of address.
        let mut sa: libc::sockaddr_in = unsafe { core::mem::zeroed() };
        let mut len = SA_LEN;
        let n = unsafe {
            libc::recvfrom(
                fd,
                buf.as_mut_ptr().cast(),
                buf.len(),
                0,
                (&mut sa as *mut libc::sockaddr_in).cast(),
                &mut len,
            )
        };
        if n < 0 {
            return Err(last_error());
        }
        Ok((n as usize, from_sockaddr(&sa)))
    }

    fn set_option(&mut self, s: SocketId, opt: SockOpt, value: i32) -> Result<(), NetError> {
        let fd = self.get(s)?;
        let (level, name) = match opt {
            SockOpt::ReuseAddr => (libc::SOL_SOCKET, libc::SO_REUSEADDR),
            SockOpt::NoDelay => (libc::IPPROTO_TCP, libc::TCP_NODELAY),
        };
        // SAFETY: `value` is a valid int for setsockopt to read.
        let rc = unsafe {
            libc::setsockopt(
                fd,
                level,
                name,
                (&value as *const i32).cast(),
                core::mem::size_of::<i32>() as libc::socklen_t,
            )
        };
        if rc != 0 {
            return Err(last_error());
        }
        Ok(())
    }

    fn ready(&mut self, s: SocketId) -> u32 {
        let Some(fd) = self.fd(s) else {
            return ERROR;
        };
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN | libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: one valid pollfd, zero timeout.
        if unsafe { libc::poll(&mut p, 1, 0) } <= 0 {
            return 0;
        }
        revents_to_ready(p.revents)
    }

    fn take_error(&mut self, s: SocketId) -> Option<NetError> {
        let fd = self.fd(s)?;
        let mut err: i32 = 0;
        let mut len = core::mem::size_of::<i32>() as libc::socklen_t;
        // SAFETY: `err` is a valid int of `len` bytes for getsockopt to fill.
        let rc = unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_ERROR,
                (&mut err as *mut i32).cast(),
                &mut len,
            )
        };
        if rc != 0 {
            return Some(last_error());
        }
        (err != 0).then_some(NetError(err))
    }

    fn peer_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError> {
        self.addr_of(s, libc::getpeername)
    }

    fn local_addr(&mut self, s: SocketId) -> Result<SockAddr, NetError> {
        self.addr_of(s, libc::getsockname)
    }

    fn resolve(&mut self, host: &str) -> Result<Vec<[u8; 4]>, NetError> {
        if let Some(ip) = parse_ipv4(host) {
            return Ok(alloc::vec![ip]);
        }
        use std::net::ToSocketAddrs;
        let addrs = (host, 0)
            .to_socket_addrs()
            .map_err(|_| NetError(EHOSTUNREACH))?;
        let ips: Vec<[u8; 4]> = addrs
            .filter_map(|a| match a {
                std::net::SocketAddr::V4(v4) => Some(v4.ip().octets()),
                std::net::SocketAddr::V6(_) => None,
            })
            .collect();
        if ips.is_empty() {
            return Err(NetError(EHOSTUNREACH));
        }
        Ok(ips)
    }
}

/// Readiness bits of poll(2) `revents`.
pub fn revents_to_ready(revents: i16) -> u32 {
    let mut r = 0;
    if revents & libc::POLLIN != 0 {
        r |= READABLE;
    }
    if revents & libc::POLLOUT != 0 {
        r |= WRITABLE;
    }
    if revents & libc::POLLERR != 0 {
        r |= ERROR;
    }
    if revents & libc::POLLHUP != 0 {
        r |= HANGUP;
    }
    r
}

/// poll(2) events for readiness bits.
pub fn ready_to_events(ready: u32) -> i16 {
    let mut e = 0;
    if ready & READABLE != 0 {
        e |= libc::POLLIN;
    }
    if ready & WRITABLE != 0 {
        e |= libc::POLLOUT;
    }
    e
}
