//! Tampered images: every one is refused, with its own reason where the tamper has one, and
//! the running slot and the boot state are untouched.

mod common;

use common::*;
use embassy_futures::block_on;
use mote_ota::image::{KeyId, PREFIX_LEN};
use mote_ota::{Chip, Error, ImageError, Slot};
use mote_storage::sim::{SimError, SimFlash};

/// A board running confirmed v1 (counter 1) from slot B, as a flash image.
struct Board {
    flash: Vec<u8>,
    running: Vec<u8>,
    state: Vec<u8>,
}

impl Board {
    fn new() -> Board {
        let flash = flash_running_v1(&board_keys());
        Board {
            running: slot_bytes(&flash, Slot::B),
            state: state_bytes(&flash),
            flash: flash.image().to_vec(),
        }
    }

    /// Offers `image` in chunks of `chunk` bytes; returns the refusal, after checking that
    /// the running slot and the boot state did not change and the board still boots v1.
    fn offer(&self, image: &[u8], chunk: usize) -> Option<Error<SimError>> {
        let keys = board_keys();
        let mut u = updater(SimFlash::from_image(self.flash.clone()), &keys, 1);
        let refusal = download(&mut u, image, chunk).err();
        let flash = u.into_inner();
        assert_eq!(
            slot_bytes(&flash, Slot::B),
            self.running,
            "running slot touched"
        );
        assert_eq!(state_bytes(&flash), self.state, "boot state touched");
        let mut u = updater(flash, &keys, 1);
        let boot = block_on(u.boot()).unwrap();
        assert_eq!((boot.slot, boot.on_trial), (Slot::B, false));
        refusal
    }
}

/// Payload 300 bytes: a 428-byte image.
fn small_image() -> Vec<u8> {
    image(&payload(2, 300), spec(2, 2), &signer(1))
}

#[test]
fn the_untampered_image_is_accepted() {
    let keys = board_keys();
    let mut u = updater(SimFlash::from_image(Board::new().flash), &keys, 1);
    download(&mut u, &small_image(), 7).unwrap();
}

#[test]
fn every_bit_flip_is_refused() {
    let board = Board::new();
    let good = small_image();
    let mut tried = 0;
    for pos in 0..good.len() {
        for bit in 0..8 {
            let mut bad = good.clone();
            bad[pos] ^= 1 << bit;
            let chunk = 1 + (pos * 8 + bit) % 97;
            let refusal = board.offer(&bad, chunk);
            assert!(
                refusal.is_some(),
                "flip of bit {bit} at byte {pos} accepted"
            );
            if pos >= PREFIX_LEN {
                assert_eq!(refusal, Some(Error::Image(ImageError::HashMismatch)));
            } else if (24..32).contains(&pos) {
                assert!(matches!(
                    refusal,
                    Some(Error::Image(ImageError::UnknownKey(_)))
                ));
            } else if pos >= 64 {
                assert_eq!(refusal, Some(Error::Image(ImageError::BadSignature)));
            }
            tried += 1;
        }
    }
    assert_eq!(tried, 428 * 8);
}

#[test]
fn every_truncation_is_refused() {
    let board = Board::new();
    let good = small_image();
    for len in 0..good.len() {
        let refusal = board.offer(&good[..len], 1 + len % 50);
        assert_eq!(
            refusal,
            Some(Error::Image(ImageError::Truncated)),
            "length {len}"
        );
    }
}

#[test]
fn appended_bytes_are_refused() {
    let board = Board::new();
    let good = small_image();
    for extra in [1, 2, 3, 4, 63, 64, 1000] {
        for chunk in [1, 64, 428, 4096] {
            let mut long = good.clone();
            long.extend(std::iter::repeat_n(0u8, extra));
            assert_eq!(
                board.offer(&long, chunk),
                Some(Error::Image(ImageError::Extended)),
                "{extra} extra bytes in chunks of {chunk}"
            );
        }
    }
    // A whole second image after the first one.
    let twice = [good.clone(), good].concat();
    assert_eq!(
        board.offer(&twice, 100),
        Some(Error::Image(ImageError::Extended))
    );
}

#[test]
fn each_refusal_has_its_own_reason() {
    let board = Board::new();
    let body = payload(2, 300);
    let refused = |image: Vec<u8>| {
        board.offer(&image, 50).map(|e| match e {
            Error::Image(e) => e,
            other => panic!("not an image refusal: {other:?}"),
        })
    };

    let stranger = signer(9);
    assert_eq!(
        refused(image(&body, spec(2, 2), &stranger)),
        Some(ImageError::UnknownKey(KeyId::of(&stranger.verifying_key())))
    );
    // The second key of the board's ring signs just as well (key rotation).
    let keys = board_keys();
    let mut u = updater(SimFlash::from_image(board.flash.clone()), &keys, 1);
    download(&mut u, &image(&body, spec(2, 2), &signer(2)), 50).unwrap();

    let esp = mote_ota::image::ImageSpec {
        chip: Chip::Esp32c3,
        ..spec(2, 2)
    };
    assert_eq!(
        refused(image(&body, esp, &signer(1))),
        Some(ImageError::WrongChip(Chip::Esp32c3.code()))
    );
    assert_eq!(
        refused(image(&body, spec(2, 0), &signer(1))),
        Some(ImageError::SecurityCounterTooLow {
            image: 0,
            installed: 1
        })
    );
    let capacity = layout().payload_capacity(4096);
    assert_eq!(
        refused(image(
            &payload(2, capacity as usize + 1),
            spec(2, 2),
            &signer(1)
        )),
        Some(ImageError::TooLarge {
            len: capacity + 1,
            capacity
        })
    );
    // The largest payload that fits is accepted.
    let mut u = updater(SimFlash::from_image(board.flash.clone()), &keys, 1);
    download(
        &mut u,
        &image(&payload(2, capacity as usize), spec(2, 2), &signer(1)),
        999,
    )
    .unwrap();

    let mut future = small_image();
    future[4] = 2;
    assert_eq!(refused(future), Some(ImageError::UnknownFormat(2)));
    let mut not_ours = small_image();
    not_ours[..4].copy_from_slice(b"\x7fELF");
    assert_eq!(refused(not_ours), Some(ImageError::BadMagic));
    let mut forged = small_image();
    forged[100] ^= 0x80;
    assert_eq!(refused(forged), Some(ImageError::BadSignature));
    // A correctly signed header whose hash does not match its payload.
    let mut swapped = image(&body, spec(2, 2), &signer(1));
    swapped.truncate(PREFIX_LEN);
    swapped.extend_from_slice(&payload(3, 300));
    assert_eq!(refused(swapped), Some(ImageError::HashMismatch));
}
