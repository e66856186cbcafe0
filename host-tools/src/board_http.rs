//! A board's HTTP port as the host tools reach it: the address (`host[:port]`, `http://` or
//! `ws://` URL; port 8266 by default), the password (HTTP Basic, empty user name) and one
//! request per connection (`Connection: close`), with a streamed body for uploads.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

/// The board's port unless the address names one.
pub const DEFAULT_PORT: u16 = 8266;

/// The most bytes of an answer read (answers here are short texts and JSON).
const MAX_REPLY: u64 = 1 << 20;

/// A board's address and password.
#[derive(Debug, Clone)]
pub struct Board {
    /// `host:port` as given (for messages and the `Host` header).
    pub name: String,
    /// The resolved address.
    pub addr: SocketAddr,
    /// The board password (empty when none is needed).
    pub password: String,
}

impl Board {
    /// The board at `address` (`host[:port]`, `http://host[:port]/`, `ws://host[:port]/`).
    pub fn resolve(address: &str, password: String) -> Result<Board, String> {
        let rest = ["http://", "ws://"]
            .iter()
            .find_map(|scheme| address.strip_prefix(scheme))
            .unwrap_or(address);
        let host_port = rest.split('/').next().unwrap_or(rest);
        if host_port.is_empty() {
            return Err(format!("`{address}` names no board"));
        }
        let name = if host_port
            .rsplit_once(':')
            .is_some_and(|(_, port)| !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
            && !host_port.ends_with(']')
        {
            host_port.to_string()
        } else {
            format!("{host_port}:{DEFAULT_PORT}")
        };
        let addr = name
            .to_socket_addrs()
            .map_err(|e| format!("cannot resolve {name}: {e}"))?
            .next()
            .ok_or_else(|| format!("{name} has no address"))?;
        Ok(Board {
            name,
            addr,
            password,
        })
    }

    /// One request: `method path`, with `body` (of `len` bytes) streamed through `sent` (called
    /// with the bytes sent so far); the answer.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<(&mut dyn Read, u64)>,
        timeout: Duration,
        sent: &mut dyn FnMut(u64),
    ) -> io::Result<Reply> {
        let mut stream = TcpStream::connect_timeout(&self.addr, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        stream.set_nodelay(true)?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAuthorization: Basic {}\r\n",
            self.name,
            base64(format!(":{}", self.password).as_bytes())
        );
        if let Some((_, len)) = &body {
            head.push_str(&format!(
                "Content-Length: {len}\r\nContent-Type: application/octet-stream\r\n"
            ));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if let Some((reader, len)) = body {
            let mut buf = vec![0u8; 16 * 1024];
            let mut done = 0u64;
            while done < len {
                let want = (len - done).min(buf.len() as u64) as usize;
                let n = reader.read(&mut buf[..want])?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the file ended early",
                    ));
                }
                // The board may answer (a refusal) before taking the whole body; its answer
                // is what counts, so a failed write still reads it.
                if stream.write_all(&buf[..n]).is_err() {
                    break;
                }
                done += n as u64;
                sent(done);
            }
        }
        read_reply(&mut stream)
    }
}

/// An HTTP answer.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The body (de-chunked).
    pub body: Vec<u8>,
}

impl Reply {
    /// The body as text, without its final newline.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).trim_end().to_string()
    }
}

fn read_reply(stream: &mut TcpStream) -> io::Result<Reply> {
    let mut raw = Vec::new();
    stream.take(MAX_REPLY).read_to_end(&mut raw)?;
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_string());
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("the board's answer has no complete head"))?;
    let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
    let status = head
        .strip_prefix("http/1.1 ")
        .or_else(|| head.strip_prefix("http/1.0 "))
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| bad("the board's answer has no status"))?;
    let mut body = raw[end + 4..].to_vec();
    if head.contains("transfer-encoding: chunked") {
        body = dechunk(&body).ok_or_else(|| bad("bad chunked body"))?;
    }
    Ok(Reply { status, body })
}

fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line = rest.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&rest[..line]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        rest = &rest[line + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size + 2..)?;
    }
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in bytes.chunks(3) {
        let n = group
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_credentials() {
        assert_eq!(base64(b":secret"), "OnNlY3JldA==");
        assert_eq!(base64(b":passw0rd"), "OnBhc3N3MHJk");
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"ab"), "YWI=");
    }

    #[test]
    fn addresses() {
        let port = |a: &str| Board::resolve(a, String::new()).unwrap().addr.port();
        assert_eq!(port("127.0.0.1"), 8266);
        assert_eq!(port("127.0.0.1:9000"), 9000);
        assert_eq!(port("ws://127.0.0.1:9001/"), 9001);
        assert_eq!(port("http://127.0.0.1"), 8266);
        assert_eq!(port("[::1]:7000"), 7000);
        assert!(Board::resolve("http://", String::new()).is_err());
    }

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"5\r\nab").is_none());
    }
}
