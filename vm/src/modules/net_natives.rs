//! `_net`: the VM's thin, non-blocking view of the host [`Network`], on which the `socket`,
//! `select` and `asyncio` modules (Python, frozen into the VM) are written. Sockets are small
//! ints ([`SocketId`]); addresses are `(ip_str, port)` tuples; failures are `OSError` with
//! MicroPython's errno. `wait` parks the VM until a socket is ready or a timeout passes (see
//! `Runtime::io_wait`), so blocking socket calls written as retry loops never spin and never
//! block the embedder's executor.

use super::{Attr, ModuleDef};
use crate::format::message::{fill, ToArg};
use crate::fs::FsError;
use crate::net::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

/// Largest receive a single call makes (bounds the transient buffer).
const MAX_RECV: usize = 64 * 1024;

crate::native_table! {
    /// The natives of `_net`.
    pub static NATIVES;
    SOCKET = "socket" => socket, module;
    CLOSE = "close" => close, module;
    BIND = "bind" => bind, module;
    LISTEN = "listen" => listen, module;
    ACCEPT = "accept" => accept, module;
    CONNECT = "connect" => connect, module;
    SEND = "send" => send, module;
    RECV = "recv" => recv, module;
    SENDTO = "sendto" => sendto, module;
    RECVFROM = "recvfrom" => recvfrom, module;
    SETOPT = "setopt" => setopt, module;
    READY = "ready" => ready, module;
    ERROR = "error" => error, module;
    PEER = "peer" => peer, module;
    LOCAL = "local" => local, module;
    RESOLVE = "resolve" => resolve, module;
    WAIT = "wait" => wait, module;
    SIGNALS = "signals" => signals, module;
    RAISE_ERRNO = "raise_errno" => raise_errno, module;
    SUSPEND = "suspend" => suspend, module;
}

/// The `_net` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "_net",
    natives: &NATIVES,
    attrs: &[
        ("READABLE", Attr::Int(READABLE as i32)),
        ("WRITABLE", Attr::Int(WRITABLE as i32)),
        ("ERROR", Attr::Int(ERROR as i32)),
        ("HANGUP", Attr::Int(HANGUP as i32)),
    ],
    init: None,
};

/// Run `f` on the host network; `OSError` from its errno (EOPNOTSUPP without a network).
fn with_net<T>(
    rt: &mut Runtime,
    f: impl FnOnce(&mut dyn Network) -> Result<T, NetError>,
) -> PyResult<T> {
    let r = match rt.host.net() {
        Some(net) => f(net),
        None => Err(NetError(EOPNOTSUPP)),
    };
    r.map_err(|e| rt.os_error(FsError(e.0), None))
}

fn arg(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<Value> {
    match args.get(i) {
        Some(v) => Ok(*v),
        None => Err(rt.type_error_with(
            "function missing required positional argument #{}",
            &[(i + 1).arg()],
        )),
    }
}

fn int(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<i64> {
    let v = arg(rt, args, i)?;
    rt.int_arg(v)
}

fn sock(rt: &mut Runtime, args: &[Value]) -> PyResult<SocketId> {
    let s = int(rt, args, 0)?;
    u32::try_from(s).map_err(|_| rt.os_error(FsError(crate::fs::EBADF), None))
}

fn text(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<String> {
    let v = arg(rt, args, i)?;
    match rt.str_text(v) {
        Some(t) => Ok(t.into()),
        None => Err(rt.type_error(crate::packed!("address must be a str"))),
    }
}

/// The address `(host, port)` at `args[i]`, `args[i + 1]`: a dotted quad, `""` for any, or a
/// name resolved through the network.
fn addr(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<SockAddr> {
    let host = text(rt, args, i)?;
    let port = int(rt, args, i + 1)?;
    let Ok(port) = u16::try_from(port) else {
        return Err(rt.raise(
            crate::obj::exception::ExcKind::OverflowError,
            "port must be 0-65535.",
        ));
    };
    let ip = if host.is_empty() {
        [0; 4]
    } else {
        match parse_ipv4(&host) {
            Some(ip) => ip,
            None => with_net(rt, |n| n.resolve(&host))?
                .first()
                .copied()
                .unwrap_or([0; 4]),
        }
    };
    Ok(SockAddr { ip, port })
}

/// `(ip_str, port)`.
fn addr_value(rt: &mut Runtime, a: SockAddr) -> PyResult<Value> {
    let [a0, a1, a2, a3] = a.ip;
    let ip = rt.new_str(&fill(
        "{}.{}.{}.{}",
        &[a0.arg(), a1.arg(), a2.arg(), a3.arg()],
    ))?;
    rt.pin(ip);
    let t = rt.new_tuple(&[ip, Value::small(i32::from(a.port))]);
    rt.unpin(1);
    t
}

fn data(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<Vec<u8>> {
    let v = arg(rt, args, i)?;
    if let Some(b) = rt.bytes_of(v) {
        return Ok(b.to_vec());
    }
    Err(rt.type_error_naming("a bytes-like object is required, not '", v, "'"))
}

fn recv_len(rt: &mut Runtime, args: &[Value]) -> PyResult<usize> {
    let n = int(rt, args, 1)?;
    if n < 0 {
        return Err(rt.value_error(crate::packed!("negative buffersize in recv")));
    }
    Ok((n as usize).min(MAX_RECV))
}

/// `_net.socket(kind)`: 1 stream, 2 datagram.
fn socket(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let kind = match int(rt, args, 0)? {
        1 => SocketKind::Stream,
        2 => SocketKind::Datagram,
        _ => return Err(rt.os_error(FsError(crate::fs::EINVAL), None)),
    };
    let s = with_net(rt, |n| n.open(kind))?;
    Ok(Value::small(s as i32))
}

fn close(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    if let Some(n) = rt.host.net() {
        n.close(s);
    }
    Ok(Value::NONE)
}

fn bind(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let a = addr(rt, args, 1)?;
    with_net(rt, |n| n.bind(s, a))?;
    Ok(Value::NONE)
}

fn listen(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let backlog = int(rt, args, 1)?.clamp(0, 128) as u32;
    with_net(rt, |n| n.listen(s, backlog))?;
    Ok(Value::NONE)
}

/// `_net.accept(s)` → `(new_socket, (ip, port))`.
fn accept(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let (c, a) = with_net(rt, |n| n.accept(s))?;
    let av = match addr_value(rt, a) {
        Ok(v) => v,
        Err(r) => {
            if let Some(n) = rt.host.net() {
                n.close(c);
            }
            return Err(r);
        }
    };
    rt.pin(av);
    let t = rt.new_tuple(&[Value::small(c as i32), av]);
    rt.unpin(1);
    t
}

fn connect(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let a = addr(rt, args, 1)?;
    with_net(rt, |n| n.connect(s, a))?;
    Ok(Value::NONE)
}

fn send(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let d = data(rt, args, 1)?;
    let n = with_net(rt, |n| n.send(s, &d))?;
    rt.new_int(n as i64)
}

fn recv(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let len = recv_len(rt, args)?;
    let mut buf = alloc::vec![0u8; len];
    let n = with_net(rt, |net| net.recv(s, &mut buf))?;
    rt.new_bytes(&buf[..n.min(len)])
}

fn sendto(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let d = data(rt, args, 1)?;
    let a = addr(rt, args, 2)?;
    let n = with_net(rt, |n| n.send_to(s, &d, a))?;
    rt.new_int(n as i64)
}

/// `_net.recvfrom(s, n)` → `(bytes, (ip, port))`.
fn recvfrom(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let len = recv_len(rt, args)?;
    let mut buf = alloc::vec![0u8; len];
    let (n, a) = with_net(rt, |net| net.recv_from(s, &mut buf))?;
    let b = rt.new_bytes(&buf[..n.min(len)])?;
    rt.pin(b);
    let r = addr_value(rt, a).and_then(|av| {
        rt.pin(av);
        let t = rt.new_tuple(&[b, av]);
        rt.unpin(1);
        t
    });
    rt.unpin(1);
    r
}

/// `_net.setopt(s, opt, value)`: opt 1 `SO_REUSEADDR`, 2 `TCP_NODELAY`.
fn setopt(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let opt = match int(rt, args, 1)? {
        1 => SockOpt::ReuseAddr,
        2 => SockOpt::NoDelay,
        _ => return Err(rt.os_error(FsError(EOPNOTSUPP), None)),
    };
    let v = int(rt, args, 2)?.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    with_net(rt, |n| n.set_option(s, opt, v))?;
    Ok(Value::NONE)
}

fn ready(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let r = rt.host.net().map_or(ERROR, |n| n.ready(s));
    Ok(Value::small(r as i32))
}

/// `_net.error(s)`: the pending errno (0 for none), cleared.
fn error(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let e = rt.host.net().and_then(|n| n.take_error(s));
    Ok(Value::small(e.map_or(0, |e| e.0)))
}

fn peer(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let a = with_net(rt, |n| n.peer_addr(s))?;
    addr_value(rt, a)
}

fn local(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = sock(rt, args)?;
    let a = with_net(rt, |n| n.local_addr(s))?;
    addr_value(rt, a)
}

/// `_net.resolve(host)` → list of dotted quads.
fn resolve(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let host = text(rt, args, 0)?;
    let ips = with_net(rt, |n| n.resolve(&host))?;
    let l = rt.new_list(&[])?;
    rt.pin(l);
    let r = (|| {
        for [a, b, c, d] in ips {
            let s = rt.new_str(&fill("{}.{}.{}.{}", &[a.arg(), b.arg(), c.arg(), d.arg()]))?;
            rt.list_append(l, s)?;
        }
        Ok(l)
    })();
    rt.unpin(1);
    r
}

/// `_net.wait(interest, timeout_us)`: park until a socket of `interest` (pairs
/// `(socket, bits)`) is ready for its bits, a signal arrives, or `timeout_us` passes (`< 0`: no
/// timeout). Returns at once if one is ready already; the caller checks readiness again.
fn wait(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let list = arg(rt, args, 0)?;
    let timeout = int(rt, args, 1)?;
    let Some(items) = rt.seq_items(list) else {
        return Err(rt.type_error(crate::packed!(
            "interest must be a list of (socket, events)"
        )));
    };
    let mut interest = Vec::with_capacity(items.len());
    for it in items {
        let pair = rt.seq_items_or_empty(it);
        let (Some(&s), Some(&bits)) = (pair.first(), pair.get(1)) else {
            return Err(rt.type_error(crate::packed!(
                "interest must be a list of (socket, events)"
            )));
        };
        let s = rt.int_arg(s)?;
        let bits = rt.int_arg(bits)?;
        interest.push((s.clamp(0, u32::MAX as i64) as u32, bits as u32));
    }
    rt.io_wait = interest;
    rt.wait_signals = true;
    if rt.io_ready() || timeout == 0 {
        rt.end_wait();
        return Ok(Value::NONE);
    }
    let now = rt.host.ticks_us();
    rt.sleep_until = Some(if timeout < 0 {
        u64::MAX
    } else {
        now.saturating_add(timeout as u64)
    });
    Ok(Value::NONE)
}

/// `_net.signals()`: the signals raised since the last call (bit `n`: flag `n`), cleared.
fn signals(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = rt.signals | rt.host.take_signals();
    rt.signals = 0;
    rt.new_int(i64::from(s))
}

/// `_net.raise_errno(e)`: raise the `OSError` (subclass) CPython gives for errno `e`.
fn raise_errno(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let e = int(rt, args, 0)?.clamp(0, i32::MAX as i64) as i32;
    Err(rt.os_error(FsError(e), None))
}

/// `suspend(value, result)`: an awaitable that yields `value` to asyncio's scheduler once and
/// then evaluates to `result` (`asyncio.sleep` and stream waits; one heap block).
fn suspend(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let [value, result] = args else {
        return Err(rt.type_error(crate::packed!("suspend() takes 2 arguments")));
    };
    rt.new_iter(crate::obj::iter::IterKind::Suspend, &[*value, *result])
}
