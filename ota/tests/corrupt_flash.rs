//! Whatever the flash holds (random bytes, damaged state records, damaged trailers), the
//! updater answers with a state or an error and never panics; a boot always picks a slot.

mod common;

use common::*;
use embassy_futures::block_on;
use mote_ota::Slot;
use mote_storage::sim::{SimFlash, ERASE_SIZE};

fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

/// Runs every read-side operation and a boot on `image`.
fn exercise(image: Vec<u8>) {
    let keys = board_keys();
    let mut u = updater(SimFlash::from_image(image), &keys, 2);
    let _ = block_on(u.state()).unwrap();
    for slot in [Slot::A, Slot::B] {
        let _ = block_on(u.read_header(slot));
        let _ = block_on(u.verify_slot(slot));
    }
    let boot = block_on(u.boot()).unwrap();
    let _ = block_on(u.confirm()).unwrap();
    let _ = block_on(u.reject()).unwrap();
    // Unless an image is on trial, a download still goes through.
    if !boot.on_trial {
        let refusal = download(&mut u, &sim_image(900, 1000), 100).err();
        assert!(
            matches!(
                refusal,
                None | Some(mote_ota::Error::Image(
                    mote_ota::ImageError::SecurityCounterTooLow { .. }
                ))
            ),
            "{refusal:?}"
        );
    }
}

#[test]
fn random_flash_contents() {
    let mut seed = 0x2545_F491_4F6C_DD1D;
    for _ in 0..50 {
        let image = (0..flash_size())
            .map(|_| xorshift(&mut seed) as u8)
            .collect();
        exercise(image);
    }
}

#[test]
fn damaged_state_records_and_trailers() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 1);
    download(&mut u, &sim_image(2, 3000), 500).unwrap();
    let base = u.into_inner().image().to_vec();
    let l = layout();
    let e = ERASE_SIZE;
    let regions = [
        (l.state as usize, 2 * e),
        (l.trailer(Slot::A, e as u32) as usize, 128),
        (l.trailer(Slot::B, e as u32) as usize, 128),
    ];
    let mut seed = 0x9E37_79B9_7F4A_7C15;
    for round in 0..600 {
        let mut image = base.clone();
        let (at, len) = regions[round % regions.len()];
        for _ in 0..1 + round % 5 {
            let pos = at + xorshift(&mut seed) as usize % len;
            image[pos] ^= 1 << (xorshift(&mut seed) % 8);
        }
        exercise(image);
    }
}
