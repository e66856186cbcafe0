//! The update cycle over simulated flash: download, trial boot, confirm, reject, revert.

mod common;

use common::*;
use embassy_futures::block_on;
use mote_ota::{Error, ImageError, Phase, Slot};
use mote_storage::sim::SimFlash;

#[test]
fn a_fresh_board_runs_slot_a_and_downloads_into_b() {
    let keys = board_keys();
    let mut u = updater(SimFlash::new(flash_size()), &keys, 1);
    let boot = block_on(u.boot()).unwrap();
    assert_eq!(
        (boot.slot, boot.on_trial, boot.state.phase),
        (Slot::A, false, Phase::Idle)
    );
    let header = download(&mut u, &sim_image(1, 3000), 100).unwrap();
    assert_eq!(header.version, version(1));
    assert_eq!(block_on(u.state()).unwrap().phase, Phase::Downloaded);
    assert_eq!(block_on(u.read_header(Slot::B)).unwrap(), header);
    let verified = block_on(u.verify_slot(Slot::B)).unwrap();
    assert_eq!(verified.header, header);
}

#[test]
fn a_confirmed_update_becomes_current_and_raises_the_counter() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 1);
    let state = block_on(u.state()).unwrap();
    assert_eq!((state.current, state.phase), (Slot::B, Phase::Confirmed));
    assert_eq!(state.installed_security_counter, 1);

    download(&mut u, &sim_image(7, 9000), 333).unwrap();
    // Not booted yet: the current image still runs until the next boot.
    assert_eq!(block_on(u.state()).unwrap().running(), Slot::B);
    let boot = block_on(u.boot()).unwrap();
    assert_eq!((boot.slot, boot.on_trial), (Slot::A, true));
    assert_eq!(block_on(u.download()).err().map(|_| ()), Some(()));
    assert!(matches!(block_on(u.download()), Err(Error::UpdatePending)));
    assert!(block_on(u.confirm()).unwrap());
    assert!(
        !block_on(u.confirm()).unwrap(),
        "confirming twice is a no-op"
    );
    let state = block_on(u.state()).unwrap();
    assert_eq!((state.current, state.phase), (Slot::A, Phase::Confirmed));
    assert_eq!(state.installed_security_counter, 7);
    let boot = block_on(u.boot()).unwrap();
    assert_eq!((boot.slot, boot.on_trial), (Slot::A, false));

    // Below the installed counter: refused.
    let old = image(&payload(5, 100), spec(5, 6), &signer(1));
    assert_eq!(
        download(&mut u, &old, 64).err(),
        Some(Error::Image(ImageError::SecurityCounterTooLow {
            image: 6,
            installed: 7
        }))
    );
}

#[test]
fn an_unconfirmed_image_is_reverted_after_its_boot_attempts() {
    let keys = board_keys();
    for attempts in 1..=3u8 {
        let mut u = updater(flash_running_v1(&keys), &keys, attempts);
        download(&mut u, &sim_image(2, 4000), 4096).unwrap();
        for left in (0..attempts).rev() {
            let boot = block_on(u.boot()).unwrap();
            assert_eq!((boot.slot, boot.on_trial), (Slot::A, true));
            assert_eq!(
                boot.state.phase,
                Phase::Testing {
                    attempts_left: left
                }
            );
        }
        let boot = block_on(u.boot()).unwrap();
        assert_eq!(
            (boot.slot, boot.on_trial, boot.state.phase),
            (Slot::B, false, Phase::Reverted)
        );
        assert_eq!(block_on(u.state()).unwrap().installed_security_counter, 1);
        assert!(
            !block_on(u.confirm()).unwrap(),
            "a reverted image cannot be confirmed"
        );
        assert_eq!(block_on(u.boot()).unwrap().slot, Slot::B);
    }
}

#[test]
fn a_rejected_image_is_left_at_the_next_boot() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 3);
    assert!(!block_on(u.reject()).unwrap());
    download(&mut u, &sim_image(2, 4000), 17).unwrap();
    assert!(block_on(u.boot()).unwrap().on_trial);
    assert!(block_on(u.reject()).unwrap());
    let boot = block_on(u.boot()).unwrap();
    assert_eq!(
        (boot.slot, boot.on_trial, boot.state.phase),
        (Slot::B, false, Phase::Reverted)
    );
    // A new update goes into the rejected image's slot.
    download(&mut u, &sim_image(3, 4000), 17).unwrap();
    assert_eq!(block_on(u.boot()).unwrap().slot, Slot::A);
    assert_eq!(
        block_on(u.read_header(Slot::A)).unwrap().version,
        version(3)
    );
}

#[test]
fn a_second_download_replaces_one_that_has_not_booted() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 1);
    download(&mut u, &sim_image(2, 10_000), 1000).unwrap();
    download(&mut u, &sim_image(3, 2000), 1000).unwrap();
    let boot = block_on(u.boot()).unwrap();
    assert_eq!((boot.slot, boot.on_trial), (Slot::A, true));
    assert_eq!(
        block_on(u.verify_slot(Slot::A)).unwrap().header.version,
        version(3)
    );
}

#[test]
fn an_abandoned_download_cancels_a_waiting_one_and_keeps_the_running_slot() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 1);
    download(&mut u, &sim_image(2, 10_000), 1000).unwrap();
    let running = slot_bytes(u.flash_mut(), Slot::B);
    let half = sim_image(3, 10_000);
    block_on(async {
        let mut d = u.download().await.unwrap();
        d.write(&half[..6000]).await.unwrap();
        assert_eq!(d.slot(), Slot::A);
        assert_eq!(d.payload_received(), 6000 - 128);
    });
    assert_eq!(block_on(u.state()).unwrap().phase, Phase::Idle);
    assert_eq!(slot_bytes(u.flash_mut(), Slot::B), running);
    let boot = block_on(u.boot()).unwrap();
    assert_eq!((boot.slot, boot.on_trial), (Slot::B, false));
    // The retry succeeds.
    download(&mut u, &half, 700).unwrap();
    assert_eq!(block_on(u.boot()).unwrap().slot, Slot::A);
}

#[test]
fn a_slot_damaged_after_download_is_not_booted() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 1);
    download(&mut u, &sim_image(2, 3000), 1000).unwrap();
    let mut image = u.into_inner().image().to_vec();
    // Flip a payload bit of slot A behind the updater's back (a flash fault).
    image[layout().slot(Slot::A) as usize + 1234] ^= 0x04;
    let mut u = updater(SimFlash::from_image(image), &keys, 1);
    assert_eq!(
        block_on(u.verify_slot(Slot::A)).err(),
        Some(Error::Image(ImageError::HashMismatch))
    );
    let boot = block_on(u.boot()).unwrap();
    assert_eq!(
        (boot.slot, boot.on_trial, boot.state.phase),
        (Slot::B, false, Phase::Reverted)
    );
}

#[test]
fn the_state_log_survives_many_updates_across_sector_switches() {
    let keys = board_keys();
    let mut u = updater(flash_running_v1(&keys), &keys, 1);
    let mut current = Slot::B;
    // 3 records per cycle: well past both 128-record sectors, several times.
    for cycle in 0..200u16 {
        download(&mut u, &sim_image(2 + cycle, 64), 64).unwrap();
        let boot = block_on(u.boot()).unwrap();
        assert_eq!(boot.slot, current.other());
        if cycle % 3 == 0 {
            assert!(block_on(u.reject()).unwrap());
        } else {
            assert!(block_on(u.confirm()).unwrap());
            current = current.other();
        }
        let state = block_on(u.state()).unwrap();
        assert_eq!(state.current, current);
    }
    let erases: Vec<u64> = u.flash_mut().sector_stats()[..2]
        .iter()
        .map(|s| s.erases)
        .collect();
    assert!(erases.iter().all(|&e| e >= 2), "{erases:?}");
}

#[test]
fn every_chunk_size_stores_the_same_slot() {
    let keys = board_keys();
    let image = sim_image(2, 2000);
    let mut reference = None;
    for chunk in (1..=300).chain([511, 512, 513, 1999, 2128, 5000]) {
        let mut u = updater(flash_running_v1(&keys), &keys, 1);
        download(&mut u, &image, chunk).unwrap();
        let stored = slot_bytes(&u.into_inner(), Slot::A);
        assert_eq!(
            *reference.get_or_insert_with(|| stored.clone()),
            stored,
            "chunk {chunk}"
        );
    }
    let stored = reference.unwrap();
    assert_eq!(&stored[..2000], &image[128..]);
}
