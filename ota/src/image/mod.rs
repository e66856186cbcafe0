//! The signed image format and its streaming verifier.
//!
//! # Format version 1
//!
//! An image is a 64-byte header, the 64-byte ed25519 signature of the header's bytes, then the
//! payload (the firmware exactly as a slot holds it). All integers are little-endian.
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | magic `MOTA` |
//! | 4 | 2 | format version (1) |
//! | 6 | 2 | header length (64) |
//! | 8 | 2 | target chip: `0x0005` ESP32-C3 (ESP-IDF's chip id), `0x8000` the simulated board |
//! | 10 | 6 | firmware version: major, minor, patch (`u16` each) |
//! | 16 | 4 | security counter |
//! | 20 | 4 | payload length in bytes |
//! | 24 | 8 | key id: the first 8 bytes of the SHA-256 of the signing public key |
//! | 32 | 32 | SHA-256 of the payload |
//! | 64 | 64 | ed25519 signature (RFC 8032, checked strictly) of bytes 0..64 |
//! | 128 | payload length | the payload |
//!
//! The magic and the format version stay at bytes 0..6 in every later format, so a reader
//! can tell a format it does not know ([`ImageError::UnknownFormat`]) from something that is no
//! image at all ([`ImageError::BadMagic`]). The signature comes before the payload so that a
//! board authenticates the header (and so the payload's hash, size and target) before it erases
//! a single sector: an image signed by no known key costs the board no flash wear. The payload
//! is accepted only when all of it has arrived and its hash matches the signed one.

mod header;
mod sign;
mod verifier;

use core::fmt;

pub use header::{
    check_stable_prefix, Chip, Header, HeaderRepr, KeyId, Version, FORMAT_VERSION, HEADER_LEN,
    MAGIC, PREFIX_LEN, SIGNATURE_LEN, STABLE_PREFIX_LEN,
};
pub use sign::{sign_prefix, ImageSpec};
pub use verifier::{Policy, Verified, Verifier};

/// Why an image was refused. Every reason has its own variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// The image does not start with [`MAGIC`].
    BadMagic,
    /// The format version (carried) is not one this build reads.
    UnknownFormat(u16),
    /// The header length field (carried) does not match the format version.
    BadHeaderLength(u16),
    /// No accepted public key has the header's key id (carried).
    UnknownKey(KeyId),
    /// The signature does not verify under the key the header names.
    BadSignature,
    /// The image is for another chip (its code carried).
    WrongChip(u16),
    /// The image's security counter is below the installed one.
    SecurityCounterTooLow {
        /// The image's counter.
        image: u32,
        /// The lowest counter the board accepts.
        installed: u32,
    },
    /// The payload is larger than the slot.
    TooLarge {
        /// The payload length in the header.
        len: u32,
        /// The largest payload the slot holds.
        capacity: u32,
    },
    /// The image ended before its payload did.
    Truncated,
    /// Bytes arrived after the end of the payload.
    Extended,
    /// The payload's SHA-256 differs from the signed one.
    HashMismatch,
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match *self {
            ImageError::BadMagic => f.write_str("not a mote image (bad magic)"),
            ImageError::UnknownFormat(v) => write!(f, "unknown image format version {v}"),
            ImageError::BadHeaderLength(n) => write!(f, "bad header length {n}"),
            ImageError::UnknownKey(id) => write!(f, "signed by an unknown key (key id {id})"),
            ImageError::BadSignature => f.write_str("bad signature"),
            ImageError::WrongChip(code) => match Chip::from_code(code) {
                Some(chip) => write!(f, "built for another chip ({chip})"),
                None => write!(f, "built for an unknown chip (code {code:#06x})"),
            },
            ImageError::SecurityCounterTooLow { image, installed } => write!(
                f,
                "security counter {image} is below the installed {installed} (downgrade refused)"
            ),
            ImageError::TooLarge { len, capacity } => write!(
                f,
                "payload of {len} bytes is larger than the slot ({capacity} bytes)"
            ),
            ImageError::Truncated => f.write_str("truncated image"),
            ImageError::Extended => f.write_str("bytes after the end of the image"),
            ImageError::HashMismatch => f.write_str("payload does not match its signed hash"),
        }
    }
}
