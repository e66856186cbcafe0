//! The WebSocket frame header on the wire (RFC 6455 section 5.2), read in place.

use core::fmt;

/// Field offsets and masks of the frame header.
mod field {
    /// FIN, RSV1-3 and the opcode.
    pub const FLAGS: usize = 0;
    /// The mask bit and the 7-bit payload length.
    pub const LENGTH: usize = 1;
    /// Where the extended length (2 or 8 bytes) or, without it, the mask key starts.
    pub const EXTENDED: usize = 2;

    pub const FIN: u8 = 0x80;
    pub const RSV: u8 = 0x70;
    pub const OPCODE: u8 = 0x0f;
    pub const MASKED: u8 = 0x80;
    pub const LENGTH7: u8 = 0x7f;

    /// A 7-bit length of 126 announces a 16-bit length, 127 a 64-bit one.
    pub const LENGTH16_MARK: u8 = 126;
    pub const LENGTH64_MARK: u8 = 127;
}

/// The longest header: 2 bytes, a 64-bit length and a mask key.
pub const MAX_HEADER_LEN: usize = 14;

/// The largest payload of a control frame (RFC 6455 section 5.5).
pub const MAX_CONTROL_PAYLOAD: usize = 125;

/// A frame opcode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opcode {
    /// Continues the message its first frame opened.
    Continuation,
    /// Opens a UTF-8 text message (the REPL).
    Text,
    /// Opens a binary message (file transfer).
    Binary,
    /// Asks to close the connection.
    Close,
    /// Asks for a pong with the same payload.
    Ping,
    /// Answers a ping.
    Pong,
}

impl Opcode {
    /// The opcode of a 4-bit field, or `None` for the reserved values.
    pub fn from_bits(bits: u8) -> Option<Opcode> {
        match bits {
            0x0 => Some(Opcode::Continuation),
            0x1 => Some(Opcode::Text),
            0x2 => Some(Opcode::Binary),
            0x8 => Some(Opcode::Close),
            0x9 => Some(Opcode::Ping),
            0xa => Some(Opcode::Pong),
            _ => None,
        }
    }

    /// The 4-bit field of this opcode.
    pub fn bits(self) -> u8 {
        match self {
            Opcode::Continuation => 0x0,
            Opcode::Text => 0x1,
            Opcode::Binary => 0x2,
            Opcode::Close => 0x8,
            Opcode::Ping => 0x9,
            Opcode::Pong => 0xa,
        }
    }

    /// Close, ping and pong: never fragmented, at most 125 bytes.
    pub fn is_control(self) -> bool {
        matches!(self, Opcode::Close | Opcode::Ping | Opcode::Pong)
    }
}

/// Why a frame header is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// The buffer is shorter than the header it announces.
    Truncated,
    /// RSV1-3 set: no extension was negotiated.
    ReservedBits,
    /// Opcodes 3-7 and 11-15 are reserved.
    ReservedOpcode,
    /// A control frame without FIN or with more than 125 bytes.
    BadControlFrame,
    /// A 64-bit length with its most significant bit set.
    BadLength,
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FrameError::Truncated => "frame header truncated",
            FrameError::ReservedBits => "reserved bits set",
            FrameError::ReservedOpcode => "reserved opcode",
            FrameError::BadControlFrame => "fragmented or oversized control frame",
            FrameError::BadLength => "payload length out of range",
        })
    }
}

/// A read-only view of a frame header at the start of a buffer.
///
/// Masking is optional on purpose: browsers mask as RFC 6455 requires, `webrepl_cli.py` does not.
#[derive(Debug, Clone, Copy)]
pub struct Frame<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> Frame<T> {
    /// Wraps a buffer without checking it; accessors may then panic on a short buffer.
    pub const fn new_unchecked(buffer: T) -> Frame<T> {
        Frame { buffer }
    }

    /// Wraps a buffer holding a whole, valid header.
    pub fn new_checked(buffer: T) -> Result<Frame<T>, FrameError> {
        let frame = Frame::new_unchecked(buffer);
        frame.check()?;
        Ok(frame)
    }

    /// Checks that the buffer holds the whole header and that the header is valid.
    pub fn check(&self) -> Result<(), FrameError> {
        let data = self.buffer.as_ref();
        let len = header_len(data).ok_or(FrameError::Truncated)?;
        if data.len() < len {
            return Err(FrameError::Truncated);
        }
        if data[field::FLAGS] & field::RSV != 0 {
            return Err(FrameError::ReservedBits);
        }
        let opcode = self.opcode().ok_or(FrameError::ReservedOpcode)?;
        if opcode.is_control() && (!self.fin() || self.payload_len() > MAX_CONTROL_PAYLOAD as u64) {
            return Err(FrameError::BadControlFrame);
        }
        if self.payload_len() >> 63 != 0 {
            return Err(FrameError::BadLength);
        }
        Ok(())
    }

    /// The header's length in bytes: 2 to 14.
    pub fn header_len(&self) -> usize {
        header_len(self.buffer.as_ref()).unwrap_or(2)
    }

    /// Whether this is the last frame of its message.
    pub fn fin(&self) -> bool {
        self.buffer.as_ref()[field::FLAGS] & field::FIN != 0
    }

    /// The opcode, `None` if reserved.
    pub fn opcode(&self) -> Option<Opcode> {
        Opcode::from_bits(self.buffer.as_ref()[field::FLAGS] & field::OPCODE)
    }

    /// Whether the payload is masked (client to server, per RFC 6455).
    pub fn masked(&self) -> bool {
        self.buffer.as_ref()[field::LENGTH] & field::MASKED != 0
    }

    /// The payload length, from whichever of the three encodings the header uses.
    pub fn payload_len(&self) -> u64 {
        let data = self.buffer.as_ref();
        match data[field::LENGTH] & field::LENGTH7 {
            field::LENGTH16_MARK => u64::from(u16::from_be_bytes([
                data[field::EXTENDED],
                data[field::EXTENDED + 1],
            ])),
            field::LENGTH64_MARK => {
                let mut bytes = [0; 8];
                bytes.copy_from_slice(&data[field::EXTENDED..field::EXTENDED + 8]);
                u64::from_be_bytes(bytes)
            }
            short => u64::from(short),
        }
    }

    /// The mask key, if the payload is masked.
    pub fn mask_key(&self) -> Option<[u8; 4]> {
        if !self.masked() {
            return None;
        }
        let at = self.header_len() - 4;
        let data = self.buffer.as_ref();
        Some([data[at], data[at + 1], data[at + 2], data[at + 3]])
    }
}

/// The header length announced by a header's first two bytes, `None` if fewer are given.
pub fn header_len(data: &[u8]) -> Option<usize> {
    let second = *data.get(field::LENGTH)?;
    let extended = match second & field::LENGTH7 {
        field::LENGTH16_MARK => 2,
        field::LENGTH64_MARK => 8,
        _ => 0,
    };
    let mask = if second & field::MASKED != 0 { 4 } else { 0 };
    Some(field::EXTENDED + extended + mask)
}

/// Writes the header of an unmasked server frame into `out` and returns its length.
///
/// Lengths up to 65535 use the 16-bit form; longer ones the 64-bit form. `webrepl_cli.py` reads
/// only the first two, so the server never sends a frame of 64 KiB or more.
pub fn emit_header(fin: bool, opcode: Opcode, payload_len: usize, out: &mut [u8; 10]) -> usize {
    out[field::FLAGS] = if fin { field::FIN } else { 0 } | opcode.bits();
    if payload_len < usize::from(field::LENGTH16_MARK) {
        out[field::LENGTH] = payload_len as u8;
        2
    } else if let Ok(short) = u16::try_from(payload_len) {
        out[field::LENGTH] = field::LENGTH16_MARK;
        out[field::EXTENDED..field::EXTENDED + 2].copy_from_slice(&short.to_be_bytes());
        4
    } else {
        out[field::LENGTH] = field::LENGTH64_MARK;
        out[field::EXTENDED..field::EXTENDED + 8]
            .copy_from_slice(&(payload_len as u64).to_be_bytes());
        10
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_length_forms_and_the_mask() {
        let short = Frame::new_checked(&[0x81, 0x05][..]).unwrap();
        assert_eq!(
            (short.fin(), short.opcode(), short.payload_len()),
            (true, Some(Opcode::Text), 5)
        );
        assert_eq!(short.mask_key(), None);

        let medium = Frame::new_checked(&[0x82, 0xfe, 0x01, 0x00, 1, 2, 3, 4][..]).unwrap();
        assert_eq!(medium.payload_len(), 256);
        assert_eq!(medium.mask_key(), Some([1, 2, 3, 4]));
        assert_eq!(medium.header_len(), 8);

        let long = Frame::new_checked(&[0x02, 0x7f, 0, 0, 0, 1, 0, 0, 0, 0][..]).unwrap();
        assert_eq!(long.payload_len(), 1 << 32);
        assert!(!long.fin());
    }

    #[test]
    fn refuses_bad_headers() {
        assert_eq!(
            Frame::new_checked(&[0x81][..]).unwrap_err(),
            FrameError::Truncated
        );
        assert_eq!(
            Frame::new_checked(&[0x81, 0x7e, 0][..]).unwrap_err(),
            FrameError::Truncated
        );
        assert_eq!(
            Frame::new_checked(&[0xc1, 0][..]).unwrap_err(),
            FrameError::ReservedBits
        );
        assert_eq!(
            Frame::new_checked(&[0x83, 0][..]).unwrap_err(),
            FrameError::ReservedOpcode
        );
        assert_eq!(
            Frame::new_checked(&[0x09, 0][..]).unwrap_err(),
            FrameError::BadControlFrame
        );
        assert_eq!(
            Frame::new_checked(&[0x89, 0x7e, 0, 126][..]).unwrap_err(),
            FrameError::BadControlFrame
        );
        let huge = [0x82, 0x7f, 0x80, 0, 0, 0, 0, 0, 0, 0];
        assert_eq!(
            Frame::new_checked(&huge[..]).unwrap_err(),
            FrameError::BadLength
        );
    }

    #[test]
    fn emits_headers_that_read_back() {
        for len in [0, 125, 126, 65535, 65536] {
            let mut out = [0; 10];
            let n = emit_header(true, Opcode::Binary, len, &mut out);
            let frame = Frame::new_checked(&out[..n]).unwrap();
            assert_eq!(frame.payload_len(), len as u64);
            assert_eq!(frame.header_len(), n);
            assert_eq!(frame.opcode(), Some(Opcode::Binary));
        }
    }
}
