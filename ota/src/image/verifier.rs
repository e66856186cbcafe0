//! Streaming verification: an image is fed in chunks of any size; the verifier authenticates
//! the header as soon as it is complete, hands back the payload bytes to store, and accepts
//! the image only when the whole payload has arrived and hashes to the signed value.

use ed25519_dalek::{Signature, VerifyingKey};
use sha2::{Digest, Sha256};

use super::header::{
    check_stable_prefix, Chip, Header, HeaderRepr, KeyId, HEADER_LEN, PREFIX_LEN, STABLE_PREFIX_LEN,
};
use super::ImageError;

/// What a board accepts.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'k> {
    /// The accepted public keys (more than one during a key rotation).
    pub keys: &'k [VerifyingKey],
    /// The board's chip; `None` accepts any chip this crate knows (for host-side checks).
    pub chip: Option<Chip>,
    /// The lowest security counter accepted (the installed image's).
    pub min_security_counter: u32,
    /// The largest payload accepted (the slot's capacity).
    pub max_payload_len: u32,
}

impl Policy<'_> {
    /// Checks a complete header and signature against this policy.
    pub fn check_prefix(&self, prefix: &[u8; PREFIX_LEN]) -> Result<HeaderRepr, ImageError> {
        let (header_bytes, signature) = prefix.split_at(HEADER_LEN);
        let header = Header::new_checked(header_bytes)?;
        let repr = HeaderRepr::parse(&header);
        let key = self
            .keys
            .iter()
            .find(|k| KeyId::of(k) == repr.key_id)
            .ok_or(ImageError::UnknownKey(repr.key_id))?;
        let mut sig = [0u8; 64];
        sig.copy_from_slice(signature);
        key.verify_strict(header_bytes, &Signature::from_bytes(&sig))
            .map_err(|_| ImageError::BadSignature)?;
        let chip_ok = match self.chip {
            Some(chip) => chip.code() == repr.chip_code,
            None => repr.chip().is_some(),
        };
        if !chip_ok {
            return Err(ImageError::WrongChip(repr.chip_code));
        }
        if repr.security_counter < self.min_security_counter {
            return Err(ImageError::SecurityCounterTooLow {
                image: repr.security_counter,
                installed: self.min_security_counter,
            });
        }
        if repr.payload_len > self.max_payload_len {
            return Err(ImageError::TooLarge {
                len: repr.payload_len,
                capacity: self.max_payload_len,
            });
        }
        Ok(repr)
    }
}

/// An image that passed every check: its header and signature, ready to be stored beside the
/// payload.
#[derive(Debug, Clone)]
pub struct Verified {
    /// The header and signature bytes.
    pub prefix: [u8; PREFIX_LEN],
    /// The decoded header.
    pub header: HeaderRepr,
}

/// Verifies one image fed in chunks. Holds only the header, the signature and a hash state.
///
/// After the first refusal every later call returns the same error.
#[derive(Clone)]
pub struct Verifier<'k> {
    policy: Policy<'k>,
    prefix: [u8; PREFIX_LEN],
    prefix_len: usize,
    header: Option<HeaderRepr>,
    hasher: Sha256,
    payload_seen: u32,
    refused: Option<ImageError>,
}

impl<'k> Verifier<'k> {
    /// A verifier expecting the first byte of an image.
    pub fn new(policy: Policy<'k>) -> Verifier<'k> {
        Verifier {
            policy,
            prefix: [0; PREFIX_LEN],
            prefix_len: 0,
            header: None,
            hasher: Sha256::new(),
            payload_seen: 0,
            refused: None,
        }
    }

    /// The authenticated header, once the header and signature have arrived and passed.
    pub fn header(&self) -> Option<&HeaderRepr> {
        self.header.as_ref()
    }

    /// Payload bytes received so far.
    pub fn payload_received(&self) -> u32 {
        self.payload_seen
    }

    /// Feeds the next `chunk`; returns the part of it that is payload (already hashed), to be
    /// stored. Refuses as early as the bytes allow.
    pub fn push<'c>(&mut self, chunk: &'c [u8]) -> Result<&'c [u8], ImageError> {
        let result = self.push_inner(chunk);
        if let Err(e) = result {
            self.refused = Some(e);
        }
        result
    }

    fn push_inner<'c>(&mut self, chunk: &'c [u8]) -> Result<&'c [u8], ImageError> {
        if let Some(e) = self.refused {
            return Err(e);
        }
        let mut rest = chunk;
        if self.header.is_none() {
            let take = rest.len().min(PREFIX_LEN - self.prefix_len);
            let (head, tail) = rest.split_at(take);
            self.prefix[self.prefix_len..self.prefix_len + take].copy_from_slice(head);
            self.prefix_len += take;
            rest = tail;
            if self.prefix_len >= STABLE_PREFIX_LEN {
                check_stable_prefix(&self.prefix)?;
            }
            if self.prefix_len < PREFIX_LEN {
                return Ok(&[]);
            }
            self.header = Some(self.policy.check_prefix(&self.prefix)?);
        }
        let expected = self.header.map_or(0, |h| h.payload_len);
        let remaining = (expected - self.payload_seen) as usize;
        if rest.len() > remaining {
            return Err(ImageError::Extended);
        }
        self.hasher.update(rest);
        self.payload_seen += rest.len() as u32;
        Ok(rest)
    }

    /// Ends the image: accepted only if the whole payload arrived and matches its hash.
    pub fn finish(self) -> Result<Verified, ImageError> {
        if let Some(e) = self.refused {
            return Err(e);
        }
        let header = self.header.ok_or(ImageError::Truncated)?;
        if self.payload_seen != header.payload_len {
            return Err(ImageError::Truncated);
        }
        if self.hasher.finalize().as_slice() != header.payload_sha256 {
            return Err(ImageError::HashMismatch);
        }
        Ok(Verified {
            prefix: self.prefix,
            header,
        })
    }
}

#[cfg(test)]
mod tests {
    extern crate std;

    use std::vec::Vec;

    use ed25519_dalek::SigningKey;

    use super::*;
    use crate::image::{sign_prefix, ImageSpec, Version};

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn image(payload: &[u8], spec: &ImageSpec, signer: &SigningKey) -> Vec<u8> {
        let hash: [u8; 32] = Sha256::digest(payload).into();
        let mut out = sign_prefix(spec, payload.len() as u32, &hash, signer).to_vec();
        out.extend_from_slice(payload);
        out
    }

    fn spec() -> ImageSpec {
        ImageSpec {
            chip: Chip::Sim,
            version: Version {
                major: 2,
                minor: 0,
                patch: 1,
            },
            security_counter: 3,
        }
    }

    fn run(policy: Policy, bytes: &[u8], chunk: usize) -> Result<(Verified, Vec<u8>), ImageError> {
        let mut v = Verifier::new(policy);
        let mut stored = Vec::new();
        for c in bytes.chunks(chunk.max(1)) {
            stored.extend_from_slice(v.push(c)?);
        }
        Ok((v.finish()?, stored))
    }

    #[test]
    fn any_chunking_yields_the_payload_and_the_header() {
        let keys = [key(1).verifying_key()];
        let policy = Policy {
            keys: &keys,
            chip: Some(Chip::Sim),
            min_security_counter: 3,
            max_payload_len: 1000,
        };
        let payload: Vec<u8> = (0..777u32).map(|i| (i * 7) as u8).collect();
        let img = image(&payload, &spec(), &key(1));
        for chunk in [1, 3, 64, 127, 128, 129, 500, 4096] {
            let (verified, stored) = run(policy, &img, chunk).unwrap();
            assert_eq!(stored, payload, "chunk {chunk}");
            assert_eq!(verified.header.version, spec().version);
            assert_eq!(&verified.prefix[..], &img[..PREFIX_LEN]);
        }
    }

    #[test]
    fn refusals_name_their_reason_and_stick() {
        let keys = [key(1).verifying_key(), key(2).verifying_key()];
        let policy = Policy {
            keys: &keys,
            chip: Some(Chip::Sim),
            min_security_counter: 3,
            max_payload_len: 100,
        };
        let payload = [5u8; 100];
        let good = image(&payload, &spec(), &key(1));
        assert!(run(policy, &good, 7).is_ok());
        // The second key of the ring is accepted too (rotation).
        assert!(run(policy, &image(&payload, &spec(), &key(2)), 7).is_ok());

        let refused = |bytes: &[u8]| run(policy, bytes, 7).err();
        let unknown = KeyId::of(&key(3).verifying_key());
        assert_eq!(
            refused(&image(&payload, &spec(), &key(3))),
            Some(ImageError::UnknownKey(unknown))
        );
        let esp = ImageSpec {
            chip: Chip::Esp32c3,
            ..spec()
        };
        assert_eq!(
            refused(&image(&payload, &esp, &key(1))),
            Some(ImageError::WrongChip(Chip::Esp32c3.code()))
        );
        let old = ImageSpec {
            security_counter: 2,
            ..spec()
        };
        assert_eq!(
            refused(&image(&payload, &old, &key(1))),
            Some(ImageError::SecurityCounterTooLow {
                image: 2,
                installed: 3
            })
        );
        assert_eq!(
            refused(&image(&[0; 101], &spec(), &key(1))),
            Some(ImageError::TooLarge {
                len: 101,
                capacity: 100
            })
        );
        let mut extended = good.clone();
        extended.push(0);
        assert_eq!(refused(&extended), Some(ImageError::Extended));
        assert_eq!(
            refused(&good[..good.len() - 1]),
            Some(ImageError::Truncated)
        );
        assert_eq!(refused(&good[..10]), Some(ImageError::Truncated));
        let mut flipped = good.clone();
        flipped[PREFIX_LEN + 50] ^= 1;
        assert_eq!(refused(&flipped), Some(ImageError::HashMismatch));
        let mut sig = good.clone();
        sig[HEADER_LEN + 3] ^= 0x10;
        assert_eq!(refused(&sig), Some(ImageError::BadSignature));
        let mut counter = good.clone();
        counter[16] ^= 1;
        assert_eq!(refused(&counter), Some(ImageError::BadSignature));
        let mut v9 = good.clone();
        v9[4] = 9;
        assert_eq!(refused(&v9[..6]), Some(ImageError::UnknownFormat(9)));
        assert_eq!(refused(b"ELF..."), Some(ImageError::BadMagic));

        let mut v = Verifier::new(policy);
        assert_eq!(v.push(b"XOTA\x01\x00"), Err(ImageError::BadMagic));
        assert_eq!(v.push(&good), Err(ImageError::BadMagic));
        assert_eq!(v.finish().err(), Some(ImageError::BadMagic));
    }

    #[test]
    fn any_known_chip_passes_a_policy_without_one() {
        let keys = [key(1).verifying_key()];
        let policy = Policy {
            keys: &keys,
            chip: None,
            min_security_counter: 0,
            max_payload_len: u32::MAX,
        };
        let esp = ImageSpec {
            chip: Chip::Esp32c3,
            ..spec()
        };
        assert!(run(policy, &image(b"fw", &esp, &key(1)), 1).is_ok());
        assert!(run(policy, &image(b"fw", &spec(), &key(1)), 1).is_ok());
    }
}
