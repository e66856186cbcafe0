//! Signing: building the header and signature that precede a payload (used by the host tools
//! and by tests; a board only verifies).

use ed25519_dalek::{Signer, SigningKey};

use super::header::{Chip, Header, HeaderRepr, KeyId, Version, HEADER_LEN, PREFIX_LEN};

/// What the signer says about a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSpec {
    /// The chip the payload runs on.
    pub chip: Chip,
    /// The firmware version.
    pub version: Version,
    /// The security counter (raise it to stop boards from going back to older images).
    pub security_counter: u32,
}

/// The header and signature for a payload of `payload_len` bytes with SHA-256
/// `payload_sha256`, signed by `key`: the first [`PREFIX_LEN`] bytes of the image.
pub fn sign_prefix(
    spec: &ImageSpec,
    payload_len: u32,
    payload_sha256: &[u8; 32],
    key: &SigningKey,
) -> [u8; PREFIX_LEN] {
    let mut prefix = [0u8; PREFIX_LEN];
    let (header, signature) = prefix.split_at_mut(HEADER_LEN);
    let repr = HeaderRepr {
        chip_code: spec.chip.code(),
        version: spec.version,
        security_counter: spec.security_counter,
        payload_len,
        key_id: KeyId::of(&key.verifying_key()),
        payload_sha256: *payload_sha256,
    };
    repr.emit(&mut Header::new_unchecked(&mut *header));
    signature.copy_from_slice(&key.sign(header).to_bytes());
    prefix
}
