//! An HTTP/1.x request head (request line and header lines), read in place.
//!
//! Only the front door reads it, to tell a WebSocket upgrade from a page request before
//! picoserve takes the connection; picoserve parses everything else again itself.

/// Why bytes are not a request head.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadError {
    /// The request line is not `METHOD TARGET HTTP/1.x`.
    BadRequestLine,
    /// A header line has no `:` or an empty or invalid name.
    BadHeader,
    /// A line does not end with CRLF, or the head does not end with an empty line.
    BadLineEnd,
}

/// A parsed request head borrowing the bytes it was read from.
#[derive(Debug, Clone, Copy)]
pub struct RequestHead<'a> {
    method: &'a [u8],
    target: &'a [u8],
    version: &'a [u8],
    /// The header lines, each ending with CRLF, without the final empty line.
    headers: &'a [u8],
}

/// Where the head ends: the index just past the first empty line (`\r\n\r\n`).
pub fn head_len(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4)
}

impl<'a> RequestHead<'a> {
    /// Parses a head: `bytes` must be exactly the head, up to and including `\r\n\r\n`.
    pub fn parse(bytes: &'a [u8]) -> Result<RequestHead<'a>, HeadError> {
        let body = bytes.strip_suffix(b"\r\n").ok_or(HeadError::BadLineEnd)?;
        let line_end = find_crlf(body).ok_or(HeadError::BadLineEnd)?;
        let mut parts = body[..line_end].split(|&b| b == b' ');
        let (Some(method), Some(target), Some(version), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(HeadError::BadRequestLine);
        };
        if method.is_empty()
            || !method.iter().all(|&b| is_token(b))
            || target.is_empty()
            || target.iter().any(|&b| b <= b' ' || b == 0x7f)
            || !version.starts_with(b"HTTP/1.")
        {
            return Err(HeadError::BadRequestLine);
        }
        let headers = &body[line_end + 2..];
        let head = RequestHead {
            method,
            target,
            version,
            headers,
        };
        for line in head.lines() {
            let colon = line
                .iter()
                .position(|&b| b == b':')
                .ok_or(HeadError::BadHeader)?;
            if colon == 0 || !line[..colon].iter().all(|&b| is_token(b)) {
                return Err(HeadError::BadHeader);
            }
        }
        // Every header line must have ended with CRLF (the last one's is the head's end).
        if !head.headers.is_empty() && !head.headers.ends_with(b"\r\n") {
            return Err(HeadError::BadLineEnd);
        }
        Ok(head)
    }

    /// The method, e.g. `GET`.
    pub fn method(&self) -> &'a [u8] {
        self.method
    }

    /// The request target, e.g. `/`.
    pub fn target(&self) -> &'a [u8] {
        self.target
    }

    /// The protocol version, e.g. `HTTP/1.1`.
    pub fn version(&self) -> &'a [u8] {
        self.version
    }

    /// The first header named `name` (case-insensitive), its value trimmed.
    pub fn header(&self, name: &str) -> Option<&'a [u8]> {
        self.lines().find_map(|line| {
            let colon = line.iter().position(|&b| b == b':')?;
            line[..colon]
                .eq_ignore_ascii_case(name.as_bytes())
                .then(|| line[colon + 1..].trim_ascii())
        })
    }

    fn lines(&self) -> impl Iterator<Item = &'a [u8]> {
        let headers = self.headers;
        headers
            .split(|&b| b == b'\n')
            .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
            .filter(|line| !line.is_empty())
    }
}

fn find_crlf(bytes: &[u8]) -> Option<usize> {
    bytes.windows(2).position(|w| w == b"\r\n")
}

/// RFC 9110 token characters.
fn is_token(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CLI: &[u8] = b"GET / HTTP/1.1\r\nHost: echo.websocket.org\r\nConnection: Upgrade\r\n\
Upgrade: websocket\r\nSec-WebSocket-Key: foo\r\n\r\n";

    #[test]
    fn parses_webrepl_cli_handshake() {
        assert_eq!(head_len(CLI), Some(CLI.len()));
        let head = RequestHead::parse(CLI).unwrap();
        assert_eq!(
            (head.method(), head.target(), head.version()),
            (&b"GET"[..], &b"/"[..], &b"HTTP/1.1"[..])
        );
        assert_eq!(head.header("sec-websocket-key"), Some(&b"foo"[..]));
        assert_eq!(head.header("UPGRADE"), Some(&b"websocket"[..]));
        assert_eq!(head.header("sec-websocket-version"), None);
    }

    #[test]
    fn refuses_malformed_heads() {
        let cases: [(&[u8], HeadError); 6] = [
            (b"GET /\r\n\r\n", HeadError::BadRequestLine),
            (b"GET / HTTP/1.1 x\r\n\r\n", HeadError::BadRequestLine),
            (b"G(T / HTTP/1.1\r\n\r\n", HeadError::BadRequestLine),
            (b"GET / SPDY/3\r\n\r\n", HeadError::BadRequestLine),
            (b"GET / HTTP/1.1\r\nNoColon\r\n\r\n", HeadError::BadHeader),
            (b"GET / HTTP/1.1\r\n: empty\r\n\r\n", HeadError::BadHeader),
        ];
        for (bytes, error) in cases {
            assert_eq!(RequestHead::parse(bytes).unwrap_err(), error, "{bytes:?}");
        }
        assert_eq!(
            RequestHead::parse(b"GET / HTTP/1.1").unwrap_err(),
            HeadError::BadLineEnd
        );
    }
}
