//! The client side of a WebSocket (RFC 6455) on a blocking TCP stream: the opening handshake
//! and masked frames out; the server's frames read with `mote-webrepl`'s own header parser.
//!
//! What the board sends is bounded here: a message over [`MAX_MESSAGE`] bytes or a head over
//! [`MAX_HEAD`] bytes is a protocol error, not an allocation.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use mote_webrepl::ws::frame::{header_len, Frame, Opcode};
use mote_webrepl::ws::handshake::accept_key;

use super::{base64, Address, BoardError};

/// The longest handshake answer read.
pub const MAX_HEAD: usize = 8192;
/// The longest message accepted from the board (its frames stay under 64 KiB).
pub const MAX_MESSAGE: usize = 1 << 20;
/// How long the handshake may take.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long to wait for the board to hang up after a close.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(2);
/// The largest frame this client sends: MicroPython's clients stay within a 16-bit length.
const MAX_FRAME: usize = 16 * 1024;

/// A whole message from the board.
#[derive(Debug, PartialEq, Eq)]
pub enum Message {
    /// REPL output (bytes: raw-REPL control characters arrive in text frames too).
    Text(Vec<u8>),
    /// File-transfer bytes.
    Binary(Vec<u8>),
    /// A ping, with its payload (the reader answers it when it can write).
    Ping(Vec<u8>),
    /// The board closed the connection.
    Close,
}

/// Reads the board's frames and reassembles messages.
pub struct FrameReader {
    stream: TcpStream,
    buffer: Vec<u8>,
    /// A fragmented message being reassembled: its opcode and bytes so far.
    partial: Option<(Opcode, Vec<u8>)>,
}

/// Sends masked frames to the board.
pub struct FrameWriter {
    stream: TcpStream,
}

/// A WebSocket connection to a board.
pub struct WebSocket {
    reader: FrameReader,
    writer: FrameWriter,
}

impl WebSocket {
    /// Connects to the board and upgrades `/` to a WebSocket.
    pub fn connect(address: &Address) -> Result<WebSocket, BoardError> {
        let mut stream = address.connect()?;
        let protocol = |what: String| BoardError::Protocol {
            board: address.to_string(),
            what,
        };
        let lost = |e: io::Error| BoardError::Unreachable {
            board: address.to_string(),
            reason: format!("the WebSocket handshake failed: {e}"),
        };
        let mut nonce = [0u8; 16];
        getrandom::fill(&mut nonce).map_err(|e| protocol(format!("no random numbers: {e}")))?;
        let key = base64::encode(&nonce);
        let request = format!(
            "GET / HTTP/1.1\r\nHost: {}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n",
            address.authority()
        );
        stream
            .set_read_timeout(Some(HANDSHAKE_TIMEOUT))
            .map_err(lost)?;
        stream.write_all(request.as_bytes()).map_err(lost)?;
        let (head, rest) = read_head(&mut stream).map_err(lost)?;
        let head = String::from_utf8_lossy(&head).into_owned();
        let status = head.lines().next().unwrap_or_default();
        if status.split_whitespace().nth(1) != Some("101") {
            return Err(protocol(format!(
                "it is not a WebREPL (it answered the upgrade with {status:?})"
            )));
        }
        let expected = accept_key(key.as_bytes());
        let accepted = head.lines().any(|line| {
            line.split_once(':').is_some_and(|(name, value)| {
                name.trim().eq_ignore_ascii_case("sec-websocket-accept")
                    && value.trim().as_bytes() == expected
            })
        });
        if !accepted {
            return Err(protocol("a wrong Sec-WebSocket-Accept".into()));
        }
        stream.set_read_timeout(None).map_err(lost)?;
        let writer = FrameWriter {
            stream: stream.try_clone().map_err(lost)?,
        };
        Ok(WebSocket {
            reader: FrameReader {
                stream,
                buffer: rest,
                partial: None,
            },
            writer,
        })
    }

    /// The next message, answering pings; `None` if `deadline` passes first (`None` waits).
    pub fn recv(&mut self, deadline: Option<Instant>) -> io::Result<Option<Message>> {
        loop {
            match self.reader.next(deadline)? {
                Some(Message::Ping(payload)) => self.writer.send(Opcode::Pong, &payload)?,
                other => return Ok(other),
            }
        }
    }

    /// Sends a text message (REPL input).
    pub fn send_text(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.writer.send(Opcode::Text, bytes)
    }

    /// Closes the connection and waits (a little) for the board to hang up, so the board's
    /// one WebREPL slot is free for the next command when this returns.
    pub fn close(&mut self) {
        if self
            .writer
            .send(Opcode::Close, &1000u16.to_be_bytes())
            .is_err()
        {
            return;
        }
        let deadline = Instant::now() + CLOSE_TIMEOUT;
        while let Ok(Some(_)) = self.reader.next(Some(deadline)) {}
    }

    /// The two directions, for a reader thread and a writer.
    pub fn split(self) -> (FrameReader, FrameWriter) {
        (self.reader, self.writer)
    }
}

/// Reads up to the blank line ending an HTTP head; returns the head and any bytes after it.
fn read_head(stream: &mut TcpStream) -> io::Result<(Vec<u8>, Vec<u8>)> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = data.split_off(end + 4);
            return Ok((data, rest));
        }
        if data.len() > MAX_HEAD {
            return Err(io::Error::other("the answer's head is too long"));
        }
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        data.extend_from_slice(&chunk[..n]);
    }
}

impl FrameReader {
    /// The next message or ping; `None` if `deadline` passes first.
    pub fn next(&mut self, deadline: Option<Instant>) -> io::Result<Option<Message>> {
        loop {
            if let Some(message) = self.take_message()? {
                return Ok(Some(message));
            }
            let timeout = match deadline {
                None => None,
                Some(deadline) => match deadline.checked_duration_since(Instant::now()) {
                    Some(left) if !left.is_zero() => Some(left),
                    _ => return Ok(None),
                },
            };
            self.stream.set_read_timeout(timeout)?;
            let mut chunk = [0u8; 16 * 1024];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err(io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => self.buffer.extend_from_slice(&chunk[..n]),
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                    ) =>
                {
                    return Ok(None)
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    /// A whole message from the buffered bytes, if there is one.
    fn take_message(&mut self) -> io::Result<Option<Message>> {
        loop {
            let Some(head_len) = header_len(&self.buffer) else {
                return Ok(None);
            };
            if self.buffer.len() < head_len {
                return Ok(None);
            }
            let frame = Frame::new_checked(&self.buffer[..head_len])
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
            let len = usize::try_from(frame.payload_len())
                .ok()
                .filter(|&len| len <= MAX_MESSAGE)
                .ok_or_else(|| invalid("a frame over 1 MiB"))?;
            if self.buffer.len() < head_len + len {
                return Ok(None);
            }
            let (fin, opcode, mask) = (frame.fin(), frame.opcode(), frame.mask_key());
            let mut payload: Vec<u8> = self.buffer.drain(..head_len + len).skip(head_len).collect();
            if let Some(key) = mask {
                unmask(&mut payload, key);
            }
            let message = match opcode {
                Some(Opcode::Ping) => Some(Message::Ping(payload)),
                Some(Opcode::Pong) => None,
                Some(Opcode::Close) => Some(Message::Close),
                Some(Opcode::Continuation) => {
                    let Some((kind, mut bytes)) = self.partial.take() else {
                        return Err(invalid("a continuation frame with no message open"));
                    };
                    if bytes.len() + payload.len() > MAX_MESSAGE {
                        return Err(invalid("a message over 1 MiB"));
                    }
                    bytes.extend_from_slice(&payload);
                    if fin {
                        Some(whole(kind, bytes))
                    } else {
                        self.partial = Some((kind, bytes));
                        None
                    }
                }
                Some(kind @ (Opcode::Text | Opcode::Binary)) => {
                    if self.partial.is_some() {
                        return Err(invalid("a new message inside a fragmented one"));
                    }
                    if fin {
                        Some(whole(kind, payload))
                    } else {
                        self.partial = Some((kind, payload));
                        None
                    }
                }
                None => return Err(invalid("a reserved opcode")),
            };
            if message.is_some() {
                return Ok(message);
            }
        }
    }
}

fn whole(kind: Opcode, bytes: Vec<u8>) -> Message {
    if kind == Opcode::Text {
        Message::Text(bytes)
    } else {
        Message::Binary(bytes)
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

fn unmask(bytes: &mut [u8], key: [u8; 4]) {
    for (i, byte) in bytes.iter_mut().enumerate() {
        *byte ^= key[i % 4];
    }
}

impl FrameWriter {
    /// Sends `payload` as one message, masked as RFC 6455 asks of clients, in frames of at
    /// most [`MAX_FRAME`] bytes.
    pub fn send(&mut self, opcode: Opcode, payload: &[u8]) -> io::Result<()> {
        let mut chunks = payload.chunks(MAX_FRAME).peekable();
        let mut first = true;
        let mut frame = Vec::with_capacity(payload.len().min(MAX_FRAME) + 14);
        if payload.is_empty() {
            encode(true, opcode, &[], &mut frame)?;
            return self.stream.write_all(&frame);
        }
        while let Some(chunk) = chunks.next() {
            let code = if first { opcode } else { Opcode::Continuation };
            first = false;
            frame.clear();
            encode(chunks.peek().is_none(), code, chunk, &mut frame)?;
            self.stream.write_all(&frame)?;
        }
        Ok(())
    }
}

/// One masked frame.
fn encode(fin: bool, opcode: Opcode, payload: &[u8], out: &mut Vec<u8>) -> io::Result<()> {
    let mut key = [0u8; 4];
    getrandom::fill(&mut key).map_err(|e| io::Error::other(e.to_string()))?;
    out.push(if fin { 0x80 } else { 0 } | opcode.bits());
    match payload.len() {
        len @ 0..=125 => out.push(0x80 | len as u8),
        len @ 126..=0xffff => {
            out.push(0x80 | 126);
            out.extend_from_slice(&(len as u16).to_be_bytes());
        }
        len => {
            out.push(0x80 | 127);
            out.extend_from_slice(&(len as u64).to_be_bytes());
        }
    }
    out.extend_from_slice(&key);
    let start = out.len();
    out.extend_from_slice(payload);
    unmask(&mut out[start..], key);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_masked_and_read_back_by_the_servers_parser() {
        for len in [0, 1, 125, 126, 65535, 65536] {
            let payload: Vec<u8> = (0..len).map(|i| i as u8).collect();
            let mut out = Vec::new();
            encode(true, Opcode::Binary, &payload, &mut out).unwrap();
            let head = header_len(&out).unwrap();
            let frame = Frame::new_checked(&out[..head]).unwrap();
            assert!(frame.masked() && frame.fin());
            assert_eq!(frame.payload_len(), len as u64);
            let mut body = out[head..].to_vec();
            unmask(&mut body, frame.mask_key().unwrap());
            assert_eq!(body, payload);
        }
    }

    /// A reader over a socket the test writes `bytes` into, then closes.
    fn reader_of(bytes: &[u8]) -> FrameReader {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
        let (server, _) = listener.accept().unwrap();
        client.write_all(bytes).unwrap();
        drop(client);
        FrameReader {
            stream: server,
            buffer: Vec::new(),
            partial: None,
        }
    }

    #[test]
    fn reassembles_fragments_unmasks_and_passes_pings() {
        let mut bytes = vec![0x01, 3, b'a', b'b', b'c']; // text, not final
        bytes.extend([0x89, 1, b'p']); // a ping in between
        bytes.extend([0x80, 0x82, 1, 2, 3, 4, b'd' ^ 1, b'e' ^ 2]); // masked final part
        bytes.extend([0x82, 126, 0, 200]);
        bytes.extend([9; 200]);
        bytes.extend([0x88, 0]);
        let mut reader = reader_of(&bytes);
        assert_eq!(
            reader.next(None).unwrap(),
            Some(Message::Ping(b"p".to_vec()))
        );
        assert_eq!(
            reader.next(None).unwrap(),
            Some(Message::Text(b"abcde".to_vec()))
        );
        assert_eq!(
            reader.next(None).unwrap(),
            Some(Message::Binary(vec![9; 200]))
        );
        assert_eq!(reader.next(None).unwrap(), Some(Message::Close));
        assert!(reader.next(None).is_err());
    }

    #[test]
    fn refuses_bad_frames_without_allocating_them() {
        let cases: [&[u8]; 5] = [
            &[0x83, 0],                                 // reserved opcode
            &[0x82, 127, 0x7f, 0xff, 0, 0, 0, 0, 0, 0], // a 64-bit length far over the limit
            &[0x80, 1, 0],                              // a continuation with nothing open
            &[0x01, 1, b'a', 0x01, 1, b'b'],            // a new message inside one
            &[0x09, 0],                                 // a fragmented ping
        ];
        for bytes in cases {
            let error = reader_of(bytes).next(None).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidData, "{bytes:?}");
        }
        // A frame cut short is a lost connection.
        let error = reader_of(&[0x82, 10, 1, 2]).next(None).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
    }
}
