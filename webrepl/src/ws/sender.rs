//! Frames the server sends: unmasked, whole, each written and flushed in one piece so that a
//! frame never waits behind a partly written one and small frames are not split on the wire.

use embedded_io_async::Write;

use super::frame::{emit_header, Opcode};

/// The largest payload of one frame the server sends. Well under 64 KiB, the most
/// `webrepl_cli.py` can read (it knows only the 7- and 16-bit length forms).
pub const MAX_PAYLOAD: usize = 1024;

/// Close status codes (RFC 6455 section 7.4.1).
pub mod close_code {
    /// The connection ends normally.
    pub const NORMAL: u16 = 1000;
    /// The peer broke the protocol (a bad frame).
    pub const PROTOCOL_ERROR: u16 = 1002;
    /// The server refuses this connection by policy (a second client, a wrong password).
    pub const POLICY: u16 = 1008;
}

/// Writes frames to a client.
pub struct Sender<W> {
    writer: W,
    frame: [u8; 10 + MAX_PAYLOAD],
}

impl<W: Write> Sender<W> {
    /// A sender on `writer`.
    pub fn new(writer: W) -> Sender<W> {
        Sender {
            writer,
            frame: [0; 10 + MAX_PAYLOAD],
        }
    }

    /// Sends one frame whose payload is the concatenation of `parts` (at most
    /// [`MAX_PAYLOAD`] bytes in all; anything beyond is cut).
    pub async fn send_parts(&mut self, opcode: Opcode, parts: &[&[u8]]) -> Result<(), W::Error> {
        let len = parts
            .iter()
            .map(|part| part.len())
            .sum::<usize>()
            .min(MAX_PAYLOAD);
        let mut header = [0; 10];
        let header_len = emit_header(true, opcode, len, &mut header);
        self.frame[..header_len].copy_from_slice(&header[..header_len]);
        let mut at = header_len;
        for part in parts {
            let take = part.len().min(header_len + len - at);
            self.frame[at..at + take].copy_from_slice(&part[..take]);
            at += take;
        }
        self.writer.write_all(&self.frame[..at]).await?;
        self.writer.flush().await
    }

    /// Sends `text` as text frames of at most [`MAX_PAYLOAD`] bytes.
    pub async fn send_text(&mut self, text: &[u8]) -> Result<(), W::Error> {
        for piece in text.chunks(MAX_PAYLOAD) {
            self.send_parts(Opcode::Text, &[piece]).await?;
        }
        Ok(())
    }

    /// Sends one binary frame.
    pub async fn send_binary(&mut self, parts: &[&[u8]]) -> Result<(), W::Error> {
        self.send_parts(Opcode::Binary, parts).await
    }

    /// Sends a close frame with a status code.
    pub async fn send_close(&mut self, code: u16) -> Result<(), W::Error> {
        self.send_parts(Opcode::Close, &[&code.to_be_bytes()]).await
    }

    /// The writer, for bytes outside frames (the handshake response).
    pub fn writer(&mut self) -> &mut W {
        &mut self.writer
    }
}
