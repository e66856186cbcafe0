//! The board's HTTP file API (`/fs/<path>`, HTTP Basic with an empty user name and the board
//! password): one request per connection, bodies streamed both ways.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::{base64, Address, BoardError, Target};

/// How long the board may stay silent in the middle of an answer (it waits up to 16 s before
/// answering a wrong password).
const READ_TIMEOUT: Duration = Duration::from_secs(40);
/// The longest response head read.
const MAX_HEAD: usize = 8192;
/// The longest folder listing read (a few thousand entries).
const MAX_LISTING: u64 = 4 << 20;
/// Bytes moved at once.
const COPY_LEN: usize = 16 * 1024;

/// One entry of a folder listing, as the board's JSON has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteEntry {
    /// The name inside its folder.
    pub name: String,
    /// `file` or `dir`.
    pub kind: String,
    /// The file's length (0 for a folder).
    pub size: u64,
}

impl RemoteEntry {
    /// Whether this is a folder.
    pub fn is_dir(&self) -> bool {
        self.kind == "dir"
    }
}

/// A client of one board's file API.
pub struct FileApi {
    address: Address,
    authorization: String,
}

/// An answer whose body is read as it arrives.
pub struct Response {
    /// The HTTP status.
    pub status: u16,
    /// The body's announced length, if it has one.
    pub length: Option<u64>,
    /// Whether the body is a folder listing (JSON), not a file's bytes.
    pub is_listing: bool,
    body: Body,
}

enum Body {
    Length {
        stream: BufReader<TcpStream>,
        left: u64,
    },
    Chunked {
        stream: BufReader<TcpStream>,
        left: u64,
        done: bool,
    },
}

impl FileApi {
    /// The file API of `target`.
    pub fn new(target: &Target) -> FileApi {
        let credentials = format!(":{}", target.password.expose());
        FileApi {
            address: target.address.clone(),
            authorization: format!("Basic {}", base64::encode(credentials.as_bytes())),
        }
    }

    /// The board, for messages.
    pub fn board(&self) -> String {
        self.address.to_string()
    }

    /// Sends a request with `body` (its length and bytes; `sent` hears of each piece) and
    /// reads the answer's head. 401 is [`BoardError::WrongPassword`].
    pub fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: Option<(u64, &mut dyn Read)>,
        sent: &mut dyn FnMut(u64),
    ) -> Result<Response, BoardError> {
        let mut stream = self.address.connect()?;
        let lost = |doing: &str, e: io::Error| BoardError::ConnectionLost {
            board: self.board(),
            doing: format!("{doing} {} ({e})", display(path)),
        };
        stream
            .set_read_timeout(Some(READ_TIMEOUT))
            .map_err(|e| lost("asking for", e))?;
        let mut head = format!(
            "{method} {} HTTP/1.1\r\nHost: {}\r\nAuthorization: {}\r\nConnection: close\r\n",
            fs_url(path),
            self.address.authority(),
            self.authorization
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some((length, _)) = &body {
            head.push_str(&format!("Content-Length: {length}\r\n"));
        }
        head.push_str("\r\n");
        let written = stream.write_all(head.as_bytes()).and_then(|()| match body {
            Some((length, reader)) => copy_body(reader, length, &mut stream, sent),
            None => Ok(()),
        });
        let mut reader = BufReader::new(stream);
        let answer = read_head(&mut reader);
        let Head {
            status,
            length,
            chunked,
            is_listing,
        } = match (written, answer) {
            (_, Ok(head)) => head,
            // A board that answers early (a refusal) may stop reading the body: its answer
            // counts, not the broken pipe.
            (Err(e), Err(_)) => return Err(lost("sending", e)),
            (Ok(()), Err(e)) => return Err(lost("reading the answer to", e)),
        };
        if status == 401 {
            return Err(BoardError::WrongPassword(self.board()));
        }
        let body = if chunked {
            Body::Chunked {
                stream: reader,
                left: 0,
                done: false,
            }
        } else {
            Body::Length {
                stream: reader,
                left: length.unwrap_or(0),
            }
        };
        Ok(Response {
            status,
            length: if chunked { None } else { length },
            is_listing,
            body,
        })
    }

    /// Sends a request without a body and checks for a 2xx answer.
    pub fn simple(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
    ) -> Result<Response, BoardError> {
        let response = self.request(method, path, headers, None, &mut |_| {})?;
        response.check(path)
    }

    /// The entries of the folder at `path`.
    pub fn list(&self, path: &str) -> Result<Vec<RemoteEntry>, BoardError> {
        let mut response = self.simple("GET", path, &[])?;
        if !response.is_listing {
            return Err(BoardError::Refused {
                path: display(path),
                reason: "not a folder".into(),
            });
        }
        let mut json = Vec::new();
        (&mut response)
            .take(MAX_LISTING)
            .read_to_end(&mut json)
            .map_err(|e| self.lost_reading(path, e))?;
        serde_json::from_slice(&json).map_err(|e| BoardError::Protocol {
            board: self.board(),
            what: format!(
                "the listing of {} is not the JSON expected: {e}",
                display(path)
            ),
        })
    }

    /// What `path` is, `None` if nothing is there.
    pub fn stat(&self, path: &str) -> Result<Option<RemoteEntry>, BoardError> {
        if path.is_empty() {
            return Ok(Some(RemoteEntry {
                name: String::new(),
                kind: "dir".into(),
                size: 0,
            }));
        }
        let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
        match self.list(parent) {
            Ok(entries) => Ok(entries.into_iter().find(|e| e.name == name)),
            Err(BoardError::NotFound(_)) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A read failing mid-answer.
    pub fn lost_reading(&self, path: &str, e: io::Error) -> BoardError {
        BoardError::ConnectionLost {
            board: self.board(),
            doing: format!("reading {} ({e})", display(path)),
        }
    }
}

impl Response {
    /// This answer if it is a success; else the error its status stands for.
    pub fn check(self, path: &str) -> Result<Response, BoardError> {
        let refused = |reason: &str| BoardError::Refused {
            path: display(path),
            reason: reason.into(),
        };
        match self.status {
            200..=299 => Ok(self),
            404 => Err(BoardError::NotFound(display(path))),
            400 => Err(refused("the board refused the name or the request")),
            409 => Err(refused(
                "conflict: a folder where a file is needed, a file in the way, a folder that \
                 is not empty, or a target that exists",
            )),
            507 => Err(refused("the board's file store is full")),
            status => Err(refused(&format!("the board answered HTTP {status}"))),
        }
    }
}

impl Read for Response {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.body {
            Body::Length { stream, left } => {
                if *left == 0 || buf.is_empty() {
                    return Ok(0);
                }
                let want = buf.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
                let n = stream.read(&mut buf[..want])?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        format!("the answer ended {left} bytes short"),
                    ));
                }
                *left -= n as u64;
                Ok(n)
            }
            Body::Chunked { stream, left, done } => {
                if *done || buf.is_empty() {
                    return Ok(0);
                }
                if *left == 0 {
                    let size = read_line(stream)?;
                    let size = size.split(';').next().unwrap_or_default().trim();
                    *left = u64::from_str_radix(size, 16).map_err(|_| {
                        io::Error::new(io::ErrorKind::InvalidData, "bad chunk size")
                    })?;
                    if *left == 0 {
                        *done = true;
                        return Ok(0);
                    }
                }
                let want = buf.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
                let n = stream.read(&mut buf[..want])?;
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                *left -= n as u64;
                if *left == 0 {
                    read_line(stream)?;
                }
                Ok(n)
            }
        }
    }
}

fn copy_body(
    reader: &mut dyn Read,
    length: u64,
    stream: &mut TcpStream,
    sent: &mut dyn FnMut(u64),
) -> io::Result<()> {
    let mut buffer = vec![0; COPY_LEN];
    let mut left = length;
    while left > 0 {
        let want = buffer
            .len()
            .min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = reader.read(&mut buffer[..want])?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the local file got shorter while it was sent",
            ));
        }
        stream.write_all(&buffer[..n])?;
        left -= n as u64;
        sent(n as u64);
    }
    stream.flush()
}

/// What an answer's head says.
struct Head {
    status: u16,
    length: Option<u64>,
    chunked: bool,
    /// `Content-Type: application/json`: the board lists folders so, and sends files as
    /// `application/octet-stream`.
    is_listing: bool,
}

fn read_head(stream: &mut BufReader<TcpStream>) -> io::Result<Head> {
    let status_line = read_line(stream)?;
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("not an HTTP answer: {status_line:?}"),
            )
        })?;
    let mut head = Head {
        status,
        length: None,
        chunked: false,
        is_listing: false,
    };
    let mut total = status_line.len();
    loop {
        let line = read_line(stream)?;
        total += line.len();
        if total > MAX_HEAD {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too long"));
        }
        if line.is_empty() {
            return Ok(head);
        }
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim();
            if name.eq_ignore_ascii_case("content-length") {
                head.length = value.parse().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                head.chunked = value.eq_ignore_ascii_case("chunked");
            } else if name.eq_ignore_ascii_case("content-type") {
                head.is_listing = value.starts_with("application/json");
            }
        }
    }
}

/// One CRLF-ended line (at most [`MAX_HEAD`] bytes), without its end.
fn read_line(stream: &mut BufReader<TcpStream>) -> io::Result<String> {
    let mut line = Vec::new();
    let read = stream
        .by_ref()
        .take(MAX_HEAD as u64)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    if line.last() != Some(&b'\n') {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(String::from_utf8_lossy(&line).into_owned())
}

/// The URL path of a board path (`lib/a b.py` → `/fs/lib/a%20b.py`).
pub fn fs_url(path: &str) -> String {
    let mut url = String::from("/fs/");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

/// A board path as the user sees it (`/lib/x.py`).
pub fn display(path: &str) -> String {
    format!("/{}", path.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_percent_encoded() {
        assert_eq!(fs_url("lib/a b.py"), "/fs/lib/a%20b.py");
        assert_eq!(fs_url(""), "/fs/");
        assert_eq!(fs_url("d/"), "/fs/d/");
        assert_eq!(fs_url("é%?#"), "/fs/%C3%A9%25%3F%23");
    }
}
