//! The image header, format version 1: what an image claims to be, in 64 bytes that its
//! signature covers.

use core::fmt;
use core::str::FromStr;

use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};

use super::ImageError;

/// The first four bytes of every mote image, whatever its format version.
pub const MAGIC: [u8; 4] = *b"MOTA";
/// The format version this crate writes and reads.
pub const FORMAT_VERSION: u16 = 1;
/// Bytes in a version-1 header.
pub const HEADER_LEN: usize = 64;
/// Bytes of the ed25519 signature that follows the header.
pub const SIGNATURE_LEN: usize = 64;
/// Bytes before the payload: the header, then its signature.
pub const PREFIX_LEN: usize = HEADER_LEN + SIGNATURE_LEN;
/// Bytes from the start that every format version keeps in place: the magic and the format
/// version, so that a reader can tell which format it holds before it knows its layout.
pub const STABLE_PREFIX_LEN: usize = 6;

/// Byte offsets of the header fields (all integers little-endian).
mod field {
    use core::ops::Range;

    pub const MAGIC: Range<usize> = 0..4;
    pub const FORMAT_VERSION: Range<usize> = 4..6;
    pub const HEADER_LEN: Range<usize> = 6..8;
    pub const CHIP: Range<usize> = 8..10;
    pub const VERSION_MAJOR: Range<usize> = 10..12;
    pub const VERSION_MINOR: Range<usize> = 12..14;
    pub const VERSION_PATCH: Range<usize> = 14..16;
    pub const SECURITY_COUNTER: Range<usize> = 16..20;
    pub const PAYLOAD_LEN: Range<usize> = 20..24;
    pub const KEY_ID: Range<usize> = 24..32;
    pub const PAYLOAD_SHA256: Range<usize> = 32..64;
}

/// The chip an image was built for; a board refuses images for any other.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chip {
    /// The simulated board (a Linux executable).
    Sim,
    /// The ESP32-C3.
    Esp32c3,
}

impl Chip {
    /// The code of the chip in the header (the ESP32-C3's is ESP-IDF's image chip id).
    pub const fn code(self) -> u16 {
        match self {
            Chip::Esp32c3 => 0x0005,
            Chip::Sim => 0x8000,
        }
    }

    /// The chip with header code `code`, if it is one this crate knows.
    pub const fn from_code(code: u16) -> Option<Chip> {
        match code {
            0x0005 => Some(Chip::Esp32c3),
            0x8000 => Some(Chip::Sim),
            _ => None,
        }
    }

    /// The chip's name as the host tools spell it.
    pub const fn name(self) -> &'static str {
        match self {
            Chip::Esp32c3 => "esp32c3",
            Chip::Sim => "sim",
        }
    }
}

impl FromStr for Chip {
    type Err = ();

    fn from_str(s: &str) -> Result<Chip, ()> {
        match s {
            "esp32c3" => Ok(Chip::Esp32c3),
            "sim" => Ok(Chip::Sim),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Chip {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A firmware version, `major.minor.patch`; ordered as numbers, field by field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Version {
    /// Incompatible changes.
    pub major: u16,
    /// Compatible additions.
    pub minor: u16,
    /// Fixes.
    pub patch: u16,
}

impl FromStr for Version {
    type Err = ();

    /// Parses `MAJOR[.MINOR[.PATCH]]`, each a decimal `u16`; missing parts are 0.
    fn from_str(s: &str) -> Result<Version, ()> {
        let mut parts = [0u16; 3];
        for (i, part) in s.split('.').enumerate() {
            let slot = parts.get_mut(i).ok_or(())?;
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(());
            }
            *slot = part.parse().map_err(|_| ())?;
        }
        let [major, minor, patch] = parts;
        Ok(Version {
            major,
            minor,
            patch,
        })
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The id of a signing key: the first 8 bytes of the SHA-256 of its public key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyId(pub [u8; 8]);

impl KeyId {
    /// The id of `key`.
    pub fn of(key: &VerifyingKey) -> KeyId {
        let digest = Sha256::digest(key.as_bytes());
        let mut id = [0; 8];
        id.copy_from_slice(&digest[..8]);
        KeyId(id)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

/// A read/write view of a header in a byte buffer, smoltcp style: `new_checked` validates once,
/// the accessors then read fixed offsets.
#[derive(Debug, Clone)]
pub struct Header<T: AsRef<[u8]>> {
    buffer: T,
}

impl<T: AsRef<[u8]>> Header<T> {
    /// Wraps `buffer` without checks; accessors panic if it is shorter than [`HEADER_LEN`].
    pub const fn new_unchecked(buffer: T) -> Header<T> {
        Header { buffer }
    }

    /// Wraps `buffer` after checking the magic, the format version and the header length.
    /// A buffer too short to hold a version-1 header is [`ImageError::Truncated`].
    pub fn new_checked(buffer: T) -> Result<Header<T>, ImageError> {
        let header = Header::new_unchecked(buffer);
        header.check()?;
        Ok(header)
    }

    /// The checks of [`Header::new_checked`].
    pub fn check(&self) -> Result<(), ImageError> {
        let data = self.buffer.as_ref();
        check_stable_prefix(data)?;
        if data.len() < HEADER_LEN {
            return Err(ImageError::Truncated);
        }
        let len = self.header_len();
        if usize::from(len) != HEADER_LEN {
            return Err(ImageError::BadHeaderLength(len));
        }
        Ok(())
    }

    /// The underlying buffer.
    pub fn into_inner(self) -> T {
        self.buffer
    }

    fn u16_at(&self, at: core::ops::Range<usize>) -> u16 {
        let b = &self.buffer.as_ref()[at];
        u16::from_le_bytes([b[0], b[1]])
    }

    fn u32_at(&self, at: core::ops::Range<usize>) -> u32 {
        let b = &self.buffer.as_ref()[at];
        u32::from_le_bytes([b[0], b[1], b[2], b[3]])
    }

    /// The format version.
    pub fn format_version(&self) -> u16 {
        self.u16_at(field::FORMAT_VERSION)
    }

    /// The header length field (64 in format version 1).
    pub fn header_len(&self) -> u16 {
        self.u16_at(field::HEADER_LEN)
    }

    /// The target chip's code (see [`Chip::code`]).
    pub fn chip_code(&self) -> u16 {
        self.u16_at(field::CHIP)
    }

    /// The firmware version.
    pub fn version(&self) -> Version {
        Version {
            major: self.u16_at(field::VERSION_MAJOR),
            minor: self.u16_at(field::VERSION_MINOR),
            patch: self.u16_at(field::VERSION_PATCH),
        }
    }

    /// The security counter: a board refuses images whose counter is below the installed one.
    pub fn security_counter(&self) -> u32 {
        self.u32_at(field::SECURITY_COUNTER)
    }

    /// Bytes of payload after the signature.
    pub fn payload_len(&self) -> u32 {
        self.u32_at(field::PAYLOAD_LEN)
    }

    /// The id of the key that signed the header.
    pub fn key_id(&self) -> KeyId {
        let mut id = [0; 8];
        id.copy_from_slice(&self.buffer.as_ref()[field::KEY_ID]);
        KeyId(id)
    }

    /// The SHA-256 of the payload.
    pub fn payload_sha256(&self) -> [u8; 32] {
        let mut hash = [0; 32];
        hash.copy_from_slice(&self.buffer.as_ref()[field::PAYLOAD_SHA256]);
        hash
    }

    /// The header's bytes (what the signature covers).
    pub fn as_bytes(&self) -> &[u8] {
        &self.buffer.as_ref()[..HEADER_LEN]
    }
}

impl<T: AsRef<[u8]> + AsMut<[u8]>> Header<T> {
    fn put(&mut self, at: core::ops::Range<usize>, bytes: &[u8]) {
        self.buffer.as_mut()[at].copy_from_slice(bytes);
    }

    /// Writes the magic, format version 1 and its header length.
    pub fn set_format(&mut self) {
        self.put(field::MAGIC, &MAGIC);
        self.put(field::FORMAT_VERSION, &FORMAT_VERSION.to_le_bytes());
        self.put(field::HEADER_LEN, &(HEADER_LEN as u16).to_le_bytes());
    }

    /// Sets the target chip.
    pub fn set_chip(&mut self, chip: Chip) {
        self.put(field::CHIP, &chip.code().to_le_bytes());
    }

    /// Sets the firmware version.
    pub fn set_version(&mut self, v: Version) {
        self.put(field::VERSION_MAJOR, &v.major.to_le_bytes());
        self.put(field::VERSION_MINOR, &v.minor.to_le_bytes());
        self.put(field::VERSION_PATCH, &v.patch.to_le_bytes());
    }

    /// Sets the security counter.
    pub fn set_security_counter(&mut self, counter: u32) {
        self.put(field::SECURITY_COUNTER, &counter.to_le_bytes());
    }

    /// Sets the payload length.
    pub fn set_payload_len(&mut self, len: u32) {
        self.put(field::PAYLOAD_LEN, &len.to_le_bytes());
    }

    /// Sets the signing key's id.
    pub fn set_key_id(&mut self, id: KeyId) {
        self.put(field::KEY_ID, &id.0);
    }

    /// Sets the payload's SHA-256.
    pub fn set_payload_sha256(&mut self, hash: &[u8; 32]) {
        self.put(field::PAYLOAD_SHA256, hash);
    }
}

/// Checks the magic and that the format version is one this crate reads. Needs only the first
/// [`STABLE_PREFIX_LEN`] bytes (fewer is [`ImageError::Truncated`]).
pub fn check_stable_prefix(data: &[u8]) -> Result<(), ImageError> {
    let prefix = data.get(..STABLE_PREFIX_LEN).ok_or(ImageError::Truncated)?;
    if prefix[field::MAGIC] != MAGIC {
        return Err(ImageError::BadMagic);
    }
    let version = u16::from_le_bytes([prefix[4], prefix[5]]);
    if version != FORMAT_VERSION {
        return Err(ImageError::UnknownFormat(version));
    }
    Ok(())
}

/// A decoded header: every field as a value, smoltcp's `Repr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderRepr {
    /// The target chip's code (see [`Chip::from_code`]).
    pub chip_code: u16,
    /// The firmware version.
    pub version: Version,
    /// The security counter.
    pub security_counter: u32,
    /// Bytes of payload.
    pub payload_len: u32,
    /// The signing key's id.
    pub key_id: KeyId,
    /// The SHA-256 of the payload.
    pub payload_sha256: [u8; 32],
}

impl HeaderRepr {
    /// Reads every field of a checked header.
    pub fn parse<T: AsRef<[u8]>>(header: &Header<T>) -> HeaderRepr {
        HeaderRepr {
            chip_code: header.chip_code(),
            version: header.version(),
            security_counter: header.security_counter(),
            payload_len: header.payload_len(),
            key_id: header.key_id(),
            payload_sha256: header.payload_sha256(),
        }
    }

    /// The target chip, if this crate knows its code.
    pub fn chip(&self) -> Option<Chip> {
        Chip::from_code(self.chip_code)
    }

    /// Writes a complete version-1 header into `header`.
    pub fn emit<T: AsRef<[u8]> + AsMut<[u8]>>(&self, header: &mut Header<T>) {
        header.set_format();
        header.put(field::CHIP, &self.chip_code.to_le_bytes());
        header.set_version(self.version);
        header.set_security_counter(self.security_counter);
        header.set_payload_len(self.payload_len);
        header.set_key_id(self.key_id);
        header.set_payload_sha256(&self.payload_sha256);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr() -> HeaderRepr {
        HeaderRepr {
            chip_code: Chip::Esp32c3.code(),
            version: Version {
                major: 1,
                minor: 2,
                patch: 3,
            },
            security_counter: 7,
            payload_len: 1000,
            key_id: KeyId([1, 2, 3, 4, 5, 6, 7, 8]),
            payload_sha256: [9; 32],
        }
    }

    #[test]
    fn emit_then_parse_round_trips() {
        let mut buf = [0u8; HEADER_LEN];
        repr().emit(&mut Header::new_unchecked(&mut buf[..]));
        assert_eq!(&buf[..4], b"MOTA");
        let header = Header::new_checked(&buf[..]).unwrap();
        assert_eq!(HeaderRepr::parse(&header), repr());
        assert_eq!(header.format_version(), 1);
        assert_eq!(repr().chip(), Some(Chip::Esp32c3));
    }

    #[test]
    fn fields_sit_where_the_format_table_says() {
        let mut buf = [0u8; HEADER_LEN];
        repr().emit(&mut Header::new_unchecked(&mut buf[..]));
        let mut expected = [0u8; HEADER_LEN];
        expected[0..4].copy_from_slice(b"MOTA");
        expected[4..6].copy_from_slice(&[1, 0]);
        expected[6..8].copy_from_slice(&[64, 0]);
        expected[8..10].copy_from_slice(&[5, 0]);
        expected[10..16].copy_from_slice(&[1, 0, 2, 0, 3, 0]);
        expected[16..20].copy_from_slice(&[7, 0, 0, 0]);
        expected[20..24].copy_from_slice(&1000u32.to_le_bytes());
        expected[24..32].copy_from_slice(&[1, 2, 3, 4, 5, 6, 7, 8]);
        expected[32..64].copy_from_slice(&[9; 32]);
        assert_eq!(buf, expected);
        assert_eq!(Chip::Sim.code(), 0x8000);
    }

    #[test]
    fn key_ids_are_the_start_of_the_public_keys_sha256() {
        let key = VerifyingKey::from_bytes(&[
            0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64,
            0x07, 0x3a, 0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68,
            0xf7, 0x07, 0x51, 0x1a,
        ])
        .unwrap();
        // Python: hashlib.sha256(bytes.fromhex("d75a...511a")).hexdigest()[:16]
        extern crate std;
        assert_eq!(std::format!("{}", KeyId::of(&key)), "21fe31dfa154a261");
    }

    #[test]
    fn new_checked_refuses_what_it_cannot_read() {
        let mut buf = [0u8; HEADER_LEN];
        repr().emit(&mut Header::new_unchecked(&mut buf[..]));
        assert_eq!(
            Header::new_checked(&buf[..5]).err(),
            Some(ImageError::Truncated)
        );
        assert_eq!(
            Header::new_checked(&buf[..40]).err(),
            Some(ImageError::Truncated)
        );
        let mut bad = buf;
        bad[0] = b'X';
        assert_eq!(
            Header::new_checked(&bad[..]).err(),
            Some(ImageError::BadMagic)
        );
        let mut v2 = buf;
        v2[4] = 2;
        assert_eq!(
            Header::new_checked(&v2[..]).err(),
            Some(ImageError::UnknownFormat(2))
        );
        let mut len = buf;
        len[6] = 65;
        assert_eq!(
            Header::new_checked(&len[..]).err(),
            Some(ImageError::BadHeaderLength(65))
        );
    }

    #[test]
    fn versions_parse_and_order_as_numbers() {
        let v: Version = "1.10.2".parse().unwrap();
        assert_eq!((v.major, v.minor, v.patch), (1, 10, 2));
        assert!(v > "1.9.30".parse().unwrap());
        assert_eq!(
            "3".parse::<Version>(),
            Ok(Version {
                major: 3,
                ..Version::default()
            })
        );
        for bad in ["", "1.", "1.2.3.4", "a", "1.-2", "70000", "+1"] {
            assert!(bad.parse::<Version>().is_err(), "{bad}");
        }
    }

    #[test]
    fn chips_round_trip_through_codes_and_names() {
        for chip in [Chip::Sim, Chip::Esp32c3] {
            assert_eq!(Chip::from_code(chip.code()), Some(chip));
            assert_eq!(chip.name().parse(), Ok(chip));
        }
        assert_eq!(Chip::from_code(0), None);
    }
}
