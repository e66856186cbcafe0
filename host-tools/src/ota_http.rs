//! The two HTTP requests `mote ota` makes of a board (`PUT /ota` with the image streamed,
//! `GET /info`), one per connection (`Connection: close`), with the password as every board
//! command proves it (HTTP Basic, empty user name; [`crate::board::Target`]).

use std::io::{self, Read, Write};
use std::time::Duration;

use crate::board::{base64, Address, Target};

/// The most bytes of an answer read (answers here are short texts and JSON).
const MAX_REPLY: u64 = 1 << 20;

/// A board's HTTP port.
pub struct BoardHttp {
    address: Address,
    authorization: String,
}

impl BoardHttp {
    /// The HTTP port of `target`.
    pub fn new(target: &Target) -> BoardHttp {
        let credentials = format!(":{}", target.password.expose());
        BoardHttp {
            address: target.address.clone(),
            authorization: format!("Basic {}", base64::encode(credentials.as_bytes())),
        }
    }

    /// The board, for messages.
    pub fn name(&self) -> String {
        self.address.to_string()
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
        let mut stream = self
            .address
            .connect()
            .map_err(|e| io::Error::new(io::ErrorKind::ConnectionRefused, e.to_string()))?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nAuthorization: {}\r\n",
            self.address.authority(),
            self.authorization
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

fn read_reply(stream: &mut std::net::TcpStream) -> io::Result<Reply> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"5\r\nab").is_none());
    }
}
