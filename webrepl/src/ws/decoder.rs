//! A push decoder for the frames a client sends: bytes in, any split, events out.
//!
//! It keeps no payload except a control frame's (at most 125 bytes): data payloads are unmasked
//! in the caller's buffer and handed out as they arrive, so a frame of any length streams
//! through in constant memory.

use super::frame::{self, Frame, FrameError, Opcode, MAX_CONTROL_PAYLOAD, MAX_HEADER_LEN};

/// What a data message carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// A text message: REPL input.
    Text,
    /// A binary message: file transfer.
    Binary,
}

/// A whole control frame, payload copied out of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlFrame {
    /// Close, ping or pong.
    pub opcode: Opcode,
    payload: [u8; MAX_CONTROL_PAYLOAD],
    len: u8,
}

impl ControlFrame {
    /// The frame's payload.
    pub fn payload(&self) -> &[u8] {
        &self.payload[..usize::from(self.len)]
    }
}

/// One thing the decoder found in the bytes it was given.
#[derive(Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A piece of a data message's payload, unmasked.
    Data {
        /// The kind of the message the piece belongs to.
        kind: DataKind,
        /// The bytes.
        payload: &'a [u8],
    },
    /// A complete control frame.
    Control(ControlFrame),
}

/// Why the byte stream is not a valid sequence of client frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// A frame header is invalid.
    Frame(FrameError),
    /// A continuation frame with no message to continue.
    UnexpectedContinuation,
    /// A new data message before the previous one's final frame.
    UnfinishedMessage,
}

impl From<FrameError> for DecodeError {
    fn from(error: FrameError) -> Self {
        DecodeError::Frame(error)
    }
}

#[derive(Debug, Clone, Copy)]
enum State {
    Header,
    Payload {
        opcode: Opcode,
        remaining: u64,
        mask: Option<[u8; 4]>,
        /// Payload bytes seen so far, modulo 4: where the mask key continues.
        mask_phase: usize,
    },
}

/// The decoder's state between calls to [`Decoder::decode`].
#[derive(Debug, Clone)]
pub struct Decoder {
    state: State,
    header: [u8; MAX_HEADER_LEN],
    header_filled: usize,
    /// The kind of the fragmented data message in progress, if any.
    message: Option<DataKind>,
    /// Whether the message in progress ends with the current frame.
    message_ends: bool,
    control: [u8; MAX_CONTROL_PAYLOAD],
    control_filled: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Decoder::new()
    }
}

impl Decoder {
    /// A decoder expecting the first byte of a frame.
    pub const fn new() -> Decoder {
        Decoder {
            state: State::Header,
            header: [0; MAX_HEADER_LEN],
            header_filled: 0,
            message: None,
            message_ends: false,
            control: [0; MAX_CONTROL_PAYLOAD],
            control_filled: 0,
        }
    }

    /// Consumes a prefix of `input` and returns how many bytes it took and the event they
    /// completed, if any. Call again with the rest until it is empty. Data payload bytes are
    /// unmasked in place.
    pub fn decode<'a>(
        &mut self,
        input: &'a mut [u8],
    ) -> Result<(usize, Option<Event<'a>>), DecodeError> {
        match self.state {
            State::Header => self.decode_header(input),
            State::Payload {
                opcode,
                remaining,
                mask,
                mask_phase,
            } => {
                let take = usize::try_from(remaining)
                    .unwrap_or(usize::MAX)
                    .min(input.len());
                let (payload, _) = input.split_at_mut(take);
                if let Some(key) = mask {
                    unmask(payload, key, mask_phase);
                }
                let remaining = remaining - take as u64;
                self.state = State::Payload {
                    opcode,
                    remaining,
                    mask,
                    mask_phase: (mask_phase + take) % 4,
                };
                let event = if opcode.is_control() {
                    self.control[self.control_filled..self.control_filled + take]
                        .copy_from_slice(payload);
                    self.control_filled += take;
                    None
                } else {
                    let kind = self.message.ok_or(DecodeError::UnexpectedContinuation)?;
                    (take > 0).then_some(Event::Data {
                        kind,
                        payload: &*payload,
                    })
                };
                if remaining == 0 {
                    return Ok((take, self.finish_frame(opcode).or(event)));
                }
                Ok((take, event))
            }
        }
    }

    fn decode_header<'a>(
        &mut self,
        input: &[u8],
    ) -> Result<(usize, Option<Event<'a>>), DecodeError> {
        let want = frame::header_len(&self.header[..self.header_filled]).unwrap_or(2);
        let take = (want - self.header_filled).min(input.len());
        self.header[self.header_filled..self.header_filled + take].copy_from_slice(&input[..take]);
        self.header_filled += take;
        // The first two bytes may announce a longer header: come back for the rest.
        if self.header_filled < frame::header_len(&self.header[..self.header_filled]).unwrap_or(2) {
            return Ok((take, None));
        }
        let header = Frame::new_checked(&self.header[..self.header_filled])?;
        let opcode = header.opcode().ok_or(FrameError::ReservedOpcode)?;
        let fin = header.fin();
        match opcode {
            Opcode::Continuation if self.message.is_none() => {
                return Err(DecodeError::UnexpectedContinuation)
            }
            Opcode::Text | Opcode::Binary if self.message.is_some() => {
                return Err(DecodeError::UnfinishedMessage)
            }
            Opcode::Text => self.message = Some(DataKind::Text),
            Opcode::Binary => self.message = Some(DataKind::Binary),
            _ => {}
        }
        if !opcode.is_control() {
            self.message_ends = fin;
        }
        let remaining = header.payload_len();
        self.state = State::Payload {
            opcode,
            remaining,
            mask: header.mask_key(),
            mask_phase: 0,
        };
        self.header_filled = 0;
        self.control_filled = 0;
        // An empty frame is complete now: a close must not wait for bytes that never come.
        let event = if remaining == 0 {
            self.finish_frame(opcode)
        } else {
            None
        };
        Ok((take, event))
    }

    /// Back to reading headers; a control frame is returned whole.
    fn finish_frame<'a>(&mut self, opcode: Opcode) -> Option<Event<'a>> {
        self.state = State::Header;
        if opcode.is_control() {
            let mut payload = [0; MAX_CONTROL_PAYLOAD];
            payload[..self.control_filled].copy_from_slice(&self.control[..self.control_filled]);
            return Some(Event::Control(ControlFrame {
                opcode,
                payload,
                len: self.control_filled as u8,
            }));
        }
        if self.message_ends {
            self.message = None;
        }
        None
    }
}

/// XORs `payload` with the mask `key`, whose byte `phase` comes first: eight bytes at a time
/// (a browser masks every byte it sends, and uploads are megabytes).
fn unmask(payload: &mut [u8], key: [u8; 4], phase: usize) {
    let mut rotated = [0; 8];
    for (i, byte) in rotated.iter_mut().enumerate() {
        *byte = key[(phase + i) % 4];
    }
    // The word is built from and applied to bytes in memory order, so byte order is moot.
    let word = u64::from_ne_bytes(rotated);
    let mut words = payload.chunks_exact_mut(8);
    for chunk in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        chunk.copy_from_slice(&(u64::from_ne_bytes(bytes) ^ word).to_ne_bytes());
    }
    for (byte, key) in words.into_remainder().iter_mut().zip(rotated) {
        *byte ^= key;
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::*;
    use std::{vec, vec::Vec};

    /// Data pieces merged by kind, and the control frames.
    type Decoded = (Vec<(DataKind, Vec<u8>)>, Vec<ControlFrame>);

    /// Decodes `stream` fed in pieces of `split` bytes; returns (kind, bytes) per data piece
    /// merged by kind, and the control frames.
    fn decode_all(stream: &[u8], split: usize) -> Result<Decoded, DecodeError> {
        let mut decoder = Decoder::new();
        let mut data: Vec<(DataKind, Vec<u8>)> = Vec::new();
        let mut controls = Vec::new();
        for piece in stream.chunks(split) {
            let mut piece = piece.to_vec();
            let mut at = 0;
            while at < piece.len() {
                let (used, event) = decoder.decode(&mut piece[at..])?;
                at += used;
                match event {
                    Some(Event::Data { kind, payload }) => match data.last_mut() {
                        Some((last, bytes)) if *last == kind => bytes.extend_from_slice(payload),
                        _ => data.push((kind, payload.to_vec())),
                    },
                    Some(Event::Control(control)) => controls.push(control),
                    None => {}
                }
            }
        }
        Ok((data, controls))
    }

    fn masked(opcode: u8, payload: &[u8], key: [u8; 4]) -> Vec<u8> {
        let mut out = vec![opcode, 0x80 | payload.len() as u8];
        out.extend_from_slice(&key);
        out.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
        out
    }

    #[test]
    fn masked_and_unmasked_frames_in_every_split() {
        let mut stream = masked(0x81, b"print(1)\r", [9, 8, 7, 6]);
        stream.extend_from_slice(&[0x82, 3, b'W', b'A', 1]);
        stream.extend(masked(0x89, b"hi", [1, 2, 3, 4]));
        for split in 1..stream.len() {
            let (data, controls) = decode_all(&stream, split).unwrap();
            assert_eq!(
                data,
                vec![
                    (DataKind::Text, b"print(1)\r".to_vec()),
                    (DataKind::Binary, b"WA\x01".to_vec())
                ]
            );
            assert_eq!(controls.len(), 1);
            assert_eq!(controls[0].opcode, Opcode::Ping);
            assert_eq!(controls[0].payload(), b"hi");
        }
    }

    #[test]
    fn unmasks_word_wise_from_any_phase_and_length() {
        let key = [0x12, 0x34, 0x56, 0x78];
        for phase in 0..4 {
            for len in 0..40 {
                let plain: Vec<u8> = (0..len as u8).map(|i| i.wrapping_mul(37)).collect();
                let mut bytes: Vec<u8> = plain
                    .iter()
                    .enumerate()
                    .map(|(i, b)| b ^ key[(phase + i) % 4])
                    .collect();
                unmask(&mut bytes, key, phase);
                assert_eq!(bytes, plain, "phase {phase}, length {len}");
            }
        }
    }

    #[test]
    fn fragments_continue_their_message_around_control_frames() {
        let stream = [0x01, 2, b'a', b'b', 0x8a, 0, 0x80, 1, b'c'];
        let (data, controls) = decode_all(&stream, 1).unwrap();
        assert_eq!(data, vec![(DataKind::Text, b"abc".to_vec())]);
        assert_eq!(controls[0].opcode, Opcode::Pong);
    }

    #[test]
    fn refuses_continuation_without_message_and_interleaved_messages() {
        assert_eq!(
            decode_all(&[0x80, 0], 4).unwrap_err(),
            DecodeError::UnexpectedContinuation
        );
        assert_eq!(
            decode_all(&[0x01, 0, 0x82, 0], 4).unwrap_err(),
            DecodeError::UnfinishedMessage
        );
        assert_eq!(
            decode_all(&[0x88, 0x7e, 0, 200], 4).unwrap_err(),
            DecodeError::Frame(FrameError::BadControlFrame)
        );
    }
}
