//! MicroPython's file-transfer request on the wire: 82 bytes, little-endian, `<2sBBQLH64s`
//! (signature `WA`, type, flags, offset, size, name length, name), and the 4-byte response
//! `WB` + a 16-bit little-endian status.

use core::ops::Range;

/// Field offsets of the request.
mod field {
    use core::ops::Range;

    pub const SIGNATURE: Range<usize> = 0..2;
    pub const KIND: usize = 2;
    pub const FLAGS: usize = 3;
    pub const OFFSET: Range<usize> = 4..12;
    pub const SIZE: Range<usize> = 12..16;
    pub const NAME_LEN: Range<usize> = 16..18;
    pub const NAME: Range<usize> = 18..82;
}

/// The length of a request.
pub const REQUEST_LEN: usize = field::NAME.end;

/// The longest file name a request can carry.
pub const MAX_NAME_LEN: usize = field::NAME.end - field::NAME.start;

/// The signature every request starts with.
pub const REQUEST_SIGNATURE: [u8; 2] = *b"WA";

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestKind {
    /// Write a file (`size` bytes follow in binary frames).
    Put,
    /// Read a file (the client asks for each chunk with one byte).
    Get,
    /// The firmware version, three bytes.
    Version,
}

/// Why 82 bytes are not a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestError {
    /// Fewer than 82 bytes.
    Truncated,
    /// Not `WA`.
    BadSignature,
    /// A type other than 1, 2 or 3.
    UnknownKind,
    /// A name length over 64.
    BadNameLength,
}

/// A read-only view of a request.
#[derive(Debug, Clone, Copy)]
pub struct Request<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> Request<T> {
    /// Wraps a buffer without checking it; accessors may then panic on a short buffer.
    pub const fn new_unchecked(buffer: T) -> Request<T> {
        Request { buffer }
    }

    /// Wraps a buffer holding a whole, well-formed request.
    pub fn new_checked(buffer: T) -> Result<Request<T>, RequestError> {
        let request = Request::new_unchecked(buffer);
        request.check()?;
        Ok(request)
    }

    /// Checks the length, the signature, the type and the name length.
    pub fn check(&self) -> Result<(), RequestError> {
        let data = self.buffer.as_ref();
        if data.len() < REQUEST_LEN {
            return Err(RequestError::Truncated);
        }
        if data[field::SIGNATURE] != REQUEST_SIGNATURE {
            return Err(RequestError::BadSignature);
        }
        self.kind().ok_or(RequestError::UnknownKind)?;
        if usize::from(self.name_len()) > MAX_NAME_LEN {
            return Err(RequestError::BadNameLength);
        }
        Ok(())
    }

    /// The request type, `None` if unknown.
    pub fn kind(&self) -> Option<RequestKind> {
        match self.buffer.as_ref()[field::KIND] {
            1 => Some(RequestKind::Put),
            2 => Some(RequestKind::Get),
            3 => Some(RequestKind::Version),
            _ => None,
        }
    }

    /// The flags byte (no flag is defined; clients send 0).
    pub fn flags(&self) -> u8 {
        self.buffer.as_ref()[field::FLAGS]
    }

    /// Where in the file the transfer starts (clients send 0).
    pub fn offset(&self) -> u64 {
        u64::from_le_bytes(array(&self.buffer.as_ref()[field::OFFSET]))
    }

    /// How many bytes a put sends.
    pub fn size(&self) -> u32 {
        u32::from_le_bytes(array(&self.buffer.as_ref()[field::SIZE]))
    }

    /// The name's length in bytes.
    pub fn name_len(&self) -> u16 {
        u16::from_le_bytes(array(&self.buffer.as_ref()[field::NAME_LEN]))
    }

    /// The name's bytes (NUL padding excluded).
    pub fn name(&self) -> &[u8] {
        let name: Range<usize> =
            field::NAME.start..field::NAME.start + usize::from(self.name_len()).min(MAX_NAME_LEN);
        &self.buffer.as_ref()[name]
    }
}

fn array<const N: usize>(bytes: &[u8]) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(bytes);
    out
}

/// Writes a request (for clients and tests).
pub fn emit_request(kind: RequestKind, size: u32, name: &[u8]) -> [u8; REQUEST_LEN] {
    let mut out = [0; REQUEST_LEN];
    out[field::SIGNATURE].copy_from_slice(&REQUEST_SIGNATURE);
    out[field::KIND] = match kind {
        RequestKind::Put => 1,
        RequestKind::Get => 2,
        RequestKind::Version => 3,
    };
    out[field::SIZE].copy_from_slice(&size.to_le_bytes());
    let name = &name[..name.len().min(MAX_NAME_LEN)];
    out[field::NAME_LEN].copy_from_slice(&(name.len() as u16).to_le_bytes());
    out[field::NAME.start..field::NAME.start + name.len()].copy_from_slice(name);
    out
}

/// The status a `WB` response carries. MicroPython's clients know only 0 (they stop on
/// anything else); the other codes say why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u16)]
pub enum Status {
    /// Done.
    Ok = 0,
    /// The request is malformed or asks for something unsupported (an unknown type, a
    /// non-zero offset).
    BadRequest = 1,
    /// The name is empty, over 64 bytes, not UTF-8, or holds NUL, `.` or `..` components.
    BadName = 2,
    /// No such file (get), or no such folder (put).
    NotFound = 3,
    /// The name is a folder, or a path component is a file.
    NotAFile = 4,
    /// The file store is full, or the size is over the board's limit.
    NoSpace = 5,
    /// The file store failed.
    Io = 6,
    /// The file is in use on the board (a program holds it open).
    Busy = 7,
}

/// The 4-byte response carrying `status`.
pub fn emit_response(status: Status) -> [u8; 4] {
    let code = (status as u16).to_le_bytes();
    [b'W', b'B', code[0], code[1]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_webrepl_cli_packs() {
        // struct.pack("<2sBBQLH64s", b"WA", 1, 0, 0, 100000, 7, b"/x.py.1")
        let mut bytes = [0u8; 82];
        bytes[..4].copy_from_slice(b"WA\x01\x00");
        bytes[12..16].copy_from_slice(&100_000u32.to_le_bytes());
        bytes[16..18].copy_from_slice(&7u16.to_le_bytes());
        bytes[18..25].copy_from_slice(b"/x.py.1");
        let request = Request::new_checked(&bytes[..]).unwrap();
        assert_eq!(request.kind(), Some(RequestKind::Put));
        assert_eq!(
            (request.size(), request.offset(), request.flags()),
            (100_000, 0, 0)
        );
        assert_eq!(request.name(), b"/x.py.1");
        assert_eq!(emit_request(RequestKind::Put, 100_000, b"/x.py.1"), bytes);
    }

    #[test]
    fn refuses_malformed_requests() {
        let good = emit_request(RequestKind::Get, 0, b"a");
        assert_eq!(
            Request::new_checked(&good[..81]).unwrap_err(),
            RequestError::Truncated
        );
        let mut bad = good;
        bad[0] = b'X';
        assert_eq!(
            Request::new_checked(&bad[..]).unwrap_err(),
            RequestError::BadSignature
        );
        let mut bad = good;
        bad[2] = 9;
        assert_eq!(
            Request::new_checked(&bad[..]).unwrap_err(),
            RequestError::UnknownKind
        );
        let mut bad = good;
        bad[16] = 65;
        assert_eq!(
            Request::new_checked(&bad[..]).unwrap_err(),
            RequestError::BadNameLength
        );
    }

    #[test]
    fn responses_are_wb_and_little_endian_status() {
        assert_eq!(emit_response(Status::Ok), *b"WB\x00\x00");
        assert_eq!(emit_response(Status::Io), *b"WB\x06\x00");
    }
}
