//! Shared by the ota integration tests: keys, signed images and updaters over simulated flash.
#![allow(dead_code)]

use embassy_futures::block_on;
use mote_ota::image::{sign_prefix, ImageSpec};
use mote_ota::{Chip, Config, Error, Layout, SigningKey, Slot, Updater, VerifyingKey, Version};
use mote_storage::sim::{SimError, SimFlash, ERASE_SIZE};
use sha2::{Digest, Sha256};

/// Sectors per slot in the tests: 4 of payload and the trailer.
pub const SLOT_SECTORS: u32 = 5;

pub fn layout() -> Layout {
    Layout::contiguous(0, SLOT_SECTORS * ERASE_SIZE as u32, ERASE_SIZE as u32)
}

pub fn flash_size() -> usize {
    layout().end(ERASE_SIZE as u32) as usize
}

/// The signing key of `seed`.
pub fn signer(seed: u8) -> SigningKey {
    SigningKey::from_bytes(&[seed; 32])
}

/// The board's accepted keys: those of seeds 1 and 2 (a rotation in progress).
pub fn board_keys() -> [VerifyingKey; 2] {
    [signer(1).verifying_key(), signer(2).verifying_key()]
}

pub fn version(major: u16) -> Version {
    Version {
        major,
        minor: 0,
        patch: 0,
    }
}

/// A payload of `len` bytes that differs per `tag`.
pub fn payload(tag: u8, len: usize) -> Vec<u8> {
    (0..len)
        .map(|i| (i as u32).wrapping_mul(2654435761).to_le_bytes()[3] ^ tag)
        .collect()
}

/// A signed image.
pub fn image(payload: &[u8], spec: ImageSpec, key: &SigningKey) -> Vec<u8> {
    let hash: [u8; 32] = Sha256::digest(payload).into();
    let mut out = sign_prefix(&spec, payload.len() as u32, &hash, key).to_vec();
    out.extend_from_slice(payload);
    out
}

/// The spec of a simulated-board image of version `major` with security counter `counter`.
pub fn spec(major: u16, counter: u32) -> ImageSpec {
    ImageSpec {
        chip: Chip::Sim,
        version: version(major),
        security_counter: counter,
    }
}

/// A simulated-board image of version `major`, counter `major`, signed with key 1.
pub fn sim_image(major: u16, len: usize) -> Vec<u8> {
    image(
        &payload(major as u8, len),
        spec(major, u32::from(major)),
        &signer(1),
    )
}

pub fn updater<'k>(
    flash: SimFlash,
    keys: &'k [VerifyingKey],
    boot_attempts: u8,
) -> Updater<'k, SimFlash> {
    let config = Config {
        chip: Chip::Sim,
        keys,
        boot_attempts,
    };
    Updater::new(flash, layout(), config).expect("layout fits")
}

/// Streams `image` in chunks of `chunk` bytes into the inactive slot.
pub fn download(
    u: &mut Updater<SimFlash>,
    image: &[u8],
    chunk: usize,
) -> Result<mote_ota::image::HeaderRepr, Error<SimError>> {
    block_on(async {
        let mut d = u.download().await?;
        for c in image.chunks(chunk.max(1)) {
            d.write(c).await?;
        }
        d.finish().await
    })
}

/// A flash whose slot B holds confirmed version 1 (counter 1), as after one full update.
pub fn flash_running_v1(keys: &[VerifyingKey]) -> SimFlash {
    let mut u = updater(SimFlash::new(flash_size()), keys, 1);
    download(&mut u, &sim_image(1, 5000), 512).expect("v1 downloads");
    let boot = block_on(u.boot()).expect("boots");
    assert_eq!((boot.slot, boot.on_trial), (Slot::B, true));
    assert!(block_on(u.confirm()).expect("confirms"));
    u.into_inner()
}

/// A copy of `flash`'s contents as a fresh flash (a reboot after a power cut).
pub fn reboot(flash: &SimFlash) -> SimFlash {
    SimFlash::from_image(flash.image().to_vec())
}

/// The bytes of `slot` (payload and trailer).
pub fn slot_bytes(flash: &SimFlash, slot: Slot) -> Vec<u8> {
    let l = layout();
    let at = l.slot(slot) as usize;
    flash.image()[at..at + l.slot_len as usize].to_vec()
}

/// The bytes of the two boot-state sectors.
pub fn state_bytes(flash: &SimFlash) -> Vec<u8> {
    let at = layout().state as usize;
    flash.image()[at..at + 2 * ERASE_SIZE].to_vec()
}
