//! Key files: one line of text, a kind tag, a space, and the 32 key bytes in hex.
//!
//! ```text
//! mote-ed25519-public d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a
//! mote-ed25519-private 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60
//! ```
//!
//! The private file holds the RFC 8032 secret seed; the public file the encoded public key
//! (the example is the pair of RFC 8032's first test vector).
//! Surrounding whitespace is ignored. The format is shared by `mote keygen/sign/verify`, the
//! simulated board's `--ota-key` and the firmware build, so all read the same files.

use core::fmt;

use ed25519_dalek::{SigningKey, VerifyingKey};

/// The tag of a public key file.
pub const PUBLIC_TAG: &str = "mote-ed25519-public";
/// The tag of a private key file.
pub const PRIVATE_TAG: &str = "mote-ed25519-private";

/// Why a key file was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFileError {
    /// A private key file was given where a public one belongs.
    PrivateNotPublic,
    /// A public key file was given where a private one belongs.
    PublicNotPrivate,
    /// The text is not a key file.
    NotAKeyFile,
    /// The key is not 64 hex digits.
    BadHex,
    /// The bytes are not a valid ed25519 public key.
    InvalidKey,
}

impl fmt::Display for KeyFileError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            KeyFileError::PrivateNotPublic => {
                "this is a private key; give the public key (NAME.pub)"
            }
            KeyFileError::PublicNotPrivate => "this is a public key; signing needs the private key",
            KeyFileError::NotAKeyFile => "not a mote key file",
            KeyFileError::BadHex => "the key is not 64 hex digits",
            KeyFileError::InvalidKey => "not a valid ed25519 public key",
        })
    }
}

fn parse(text: &str, tag: &str) -> Result<[u8; 32], KeyFileError> {
    let (kind, hex) = text
        .trim()
        .split_once(' ')
        .ok_or(KeyFileError::NotAKeyFile)?;
    match kind {
        k if k == tag => {}
        PUBLIC_TAG => return Err(KeyFileError::PublicNotPrivate),
        PRIVATE_TAG => return Err(KeyFileError::PrivateNotPublic),
        _ => return Err(KeyFileError::NotAKeyFile),
    }
    let hex = hex.as_bytes();
    if hex.len() != 64 {
        return Err(KeyFileError::BadHex);
    }
    let mut key = [0u8; 32];
    for (byte, pair) in key.iter_mut().zip(hex.chunks_exact(2)) {
        let digit = |c: u8| (c as char).to_digit(16).ok_or(KeyFileError::BadHex);
        *byte = (digit(pair[0])? * 16 + digit(pair[1])?) as u8;
    }
    Ok(key)
}

/// Reads a public key file.
pub fn parse_public(text: &str) -> Result<VerifyingKey, KeyFileError> {
    let bytes = parse(text, PUBLIC_TAG)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| KeyFileError::InvalidKey)
}

/// Reads a private key file.
pub fn parse_private(text: &str) -> Result<SigningKey, KeyFileError> {
    Ok(SigningKey::from_bytes(&parse(text, PRIVATE_TAG)?))
}

fn write(out: &mut impl fmt::Write, tag: &str, bytes: &[u8; 32]) -> fmt::Result {
    out.write_str(tag)?;
    out.write_char(' ')?;
    bytes.iter().try_for_each(|b| write!(out, "{b:02x}"))?;
    out.write_char('\n')
}

/// Writes the public key file of `key`.
pub fn write_public(out: &mut impl fmt::Write, key: &VerifyingKey) -> fmt::Result {
    write(out, PUBLIC_TAG, key.as_bytes())
}

/// Writes the private key file of `key`.
pub fn write_private(out: &mut impl fmt::Write, key: &SigningKey) -> fmt::Result {
    write(out, PRIVATE_TAG, &key.to_bytes())
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::string::String;

    use super::*;

    #[test]
    fn the_documented_example_is_a_key_pair() {
        let private = "mote-ed25519-private \
            9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60\n";
        let public = "  mote-ed25519-public \
            d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a\r\n";
        let key = parse_private(private).unwrap();
        assert_eq!(key.verifying_key(), parse_public(public).unwrap());
    }

    #[test]
    fn keys_round_trip_and_kinds_are_not_confused() {
        let key = SigningKey::from_bytes(&[7; 32]);
        let (mut private, mut public) = (String::new(), String::new());
        write_private(&mut private, &key).unwrap();
        write_public(&mut public, &key.verifying_key()).unwrap();
        assert!(public.starts_with("mote-ed25519-public ") && public.ends_with('\n'));
        assert_eq!(parse_private(&private).unwrap().to_bytes(), key.to_bytes());
        assert_eq!(parse_public(&public).unwrap(), key.verifying_key());
        assert_eq!(
            parse_public(&private).err(),
            Some(KeyFileError::PrivateNotPublic)
        );
        assert_eq!(
            parse_private(&public).err(),
            Some(KeyFileError::PublicNotPrivate)
        );
        assert_eq!(parse_public("hello").err(), Some(KeyFileError::NotAKeyFile));
        let short = &public[..public.len() - 3];
        assert_eq!(parse_public(short).err(), Some(KeyFileError::BadHex));
        let bad = std::format!("{}g", &public.trim_end()[..public.trim_end().len() - 1]);
        assert_eq!(parse_public(&bad).err(), Some(KeyFileError::BadHex));
        let non_ascii = std::format!("{PUBLIC_TAG} {}", "é".repeat(32));
        assert_eq!(parse_public(&non_ascii).err(), Some(KeyFileError::BadHex));
    }
}
