//! [`LengthGuard`]: checks the `Content-Length` of every request on a kept-alive connection
//! before picoserve reads it.
//!
//! The front door checks the first request's head itself, but picoserve 0.20.1 reads the
//! requests after it on its own and adds their `Content-Length` to a `usize` unchecked: a
//! length near `usize::MAX` overflows there (a panic where overflow is checked, garbage where
//! not). This reader follows the connection's HTTP framing as picoserve does (a head, then
//! `Content-Length` bytes of body, then the next head) and ends the stream just before the end
//! of a head line whose length is not a decimal number within the limit (or differs from an
//! earlier one), so picoserve never sees that head complete: it answers 400 and closes the
//! connection.

use embedded_io_async::{ErrorType, Read};

/// The most of a head line kept to recognise a `Content-Length` header and its value.
const LINE_KEPT: usize = 64;

const NAME: &[u8] = b"content-length:";

/// Where the reader is in the connection's HTTP framing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Framing {
    /// In a request head; `length` is its `Content-Length` so far.
    Head {
        length: Option<u64>,
        line_len: usize,
    },
    /// In a body, with this many bytes to go.
    Body(u64),
    /// A bad head was seen: the stream has ended.
    Refused,
}

/// A reader that ends the stream before a request head with an impossible `Content-Length`.
pub struct LengthGuard<R> {
    inner: R,
    max_body: u64,
    framing: Framing,
    line: [u8; LINE_KEPT],
}

impl<R> LengthGuard<R> {
    /// Guards `inner`, a connection read from the start of a request head; a body may be at
    /// most `max_body` bytes.
    pub fn new(inner: R, max_body: u64) -> Self {
        LengthGuard {
            inner,
            max_body,
            framing: Framing::Head {
                length: None,
                line_len: 0,
            },
            line: [0; LINE_KEPT],
        }
    }

    /// Follows the framing over `bytes`; how many of them may pass (all unless a bad head line
    /// ends in them).
    fn scan(&mut self, bytes: &[u8]) -> usize {
        let mut at = 0;
        while at < bytes.len() {
            match self.framing {
                Framing::Refused => return at,
                Framing::Body(left) => {
                    let take = left.min((bytes.len() - at) as u64);
                    at += take as usize;
                    self.framing = match left - take {
                        0 => Self::new_head(),
                        rest => Framing::Body(rest),
                    };
                }
                Framing::Head { length, line_len } => {
                    let byte = bytes[at];
                    if byte != b'\n' {
                        if let Some(slot) = self.line.get_mut(line_len) {
                            *slot = byte;
                        }
                        self.framing = Framing::Head {
                            length,
                            line_len: line_len.saturating_add(1),
                        };
                        at += 1;
                        continue;
                    }
                    match self.end_line(length, line_len) {
                        Some(framing) => self.framing = framing,
                        None => {
                            self.framing = Framing::Refused;
                            return at;
                        }
                    }
                    at += 1;
                }
            }
        }
        at
    }

    fn new_head() -> Framing {
        Framing::Head {
            length: None,
            line_len: 0,
        }
    }

    /// The framing after a head line of `line_len` bytes; `None` if the line is a bad length.
    fn end_line(&self, length: Option<u64>, line_len: usize) -> Option<Framing> {
        let kept = &self.line[..line_len.min(LINE_KEPT)];
        let kept = kept.strip_suffix(b"\r").unwrap_or(kept);
        if kept.is_empty() {
            // The end of the head: its body follows.
            return Some(match length {
                Some(len) if len > 0 => Framing::Body(len),
                _ => Self::new_head(),
            });
        }
        let is_length = kept.len() >= NAME.len() && kept[..NAME.len()].eq_ignore_ascii_case(NAME);
        if !is_length {
            return Some(Framing::Head {
                length,
                line_len: 0,
            });
        }
        if line_len > LINE_KEPT {
            return None;
        }
        let value = core::str::from_utf8(&kept[NAME.len()..]).ok()?.trim();
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let value: u64 = value.parse().ok()?;
        if value > self.max_body || length.is_some_and(|earlier| earlier != value) {
            return None;
        }
        Some(Framing::Head {
            length: Some(value),
            line_len: 0,
        })
    }
}

impl<R: Read> ErrorType for LengthGuard<R> {
    type Error = R::Error;
}

impl<R: Read> Read for LengthGuard<R> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        if self.framing == Framing::Refused || buf.is_empty() {
            return Ok(0);
        }
        let read = self.inner.read(buf).await?;
        Ok(self.scan(&buf[..read]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What passes of `input` fed in pieces of `step` bytes.
    fn passed(input: &[u8], step: usize) -> usize {
        let mut guard = LengthGuard::new((), 1000);
        let mut total = 0;
        for piece in input.chunks(step) {
            let n = guard.scan(piece);
            total += n;
            if n < piece.len() {
                break;
            }
        }
        total
    }

    #[test]
    fn follows_bodies_and_stops_before_an_impossible_length() {
        let good = b"PUT /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello\
GET / HTTP/1.1\r\n\r\nPUT /b HTTP/1.1\r\ncontent-length:  1000 \r\n\r\n";
        for step in [1, 3, 7, good.len()] {
            assert_eq!(passed(good, step), good.len());
        }
        // The second request's length cannot be: everything up to its line's last byte passes.
        let prefix = b"PUT /a HTTP/1.1\r\nContent-Length: 5\r\n\r\nCONTENT-LENGTH: 1\r\n\r\n\
PUT /b HTTP/1.1\r\nContent-Length: 18446744073709551615\r";
        let mut bad = prefix.to_vec();
        bad.extend_from_slice(b"\n\r\n");
        for step in [1, 4, bad.len()] {
            assert_eq!(passed(&bad, step), prefix.len(), "{step}");
        }
        // A body's bytes are not mistaken for a head.
        let body = b"PUT /a HTTP/1.1\r\nContent-Length: 22\r\n\r\nContent-Length: 99999\n";
        assert_eq!(passed(body, 5), body.len());
        for line in [
            &b"Content-Length: 1001\r\n"[..],
            b"Content-Length: -1\r\n",
            b"Content-Length: 1x\r\n",
            b"Content-Length:\r\n",
            b"Content-Length: 000000000000000000000000000000000000000000000000000001\r\n",
        ] {
            let mut head = b"PUT /a HTTP/1.1\r\n".to_vec();
            head.extend_from_slice(line);
            assert_eq!(passed(&head, 2), head.len() - 1, "{line:?}");
        }
        let twice = b"PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n";
        assert_eq!(passed(twice, 100), twice.len() - 1);
    }
}
