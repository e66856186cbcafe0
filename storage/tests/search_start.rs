//! Where the search for a free data sector starts after a mount: the search-start record,
//! moved ahead of the sectors taken without rewriting the allocation record, is preferred;
//! an image without it (written before it existed) starts from the allocation record; and a
//! power cut at any flash operation of a large write never lets the next mount's search
//! erase again a sector the cut write had taken.

mod common;

use std::collections::BTreeSet;

use common::{allowed, bytes, check_flash, run, Op, State, TestFs};
use embassy_futures::block_on;
use mote_storage::sim::{FlashOp, SimFlash};
use mote_storage::{Fs, OpenOptions};

const SIZE: usize = 256 * 1024;
const SECTOR: usize = 4096;
/// The first data sector of a 64-sector partition: the data region is its last five eighths.
const DATA_FIRST: usize = 24;

/// Data sectors (numbered within the data region) erased since the counts were reset.
fn erased_data_sectors(flash: &SimFlash) -> BTreeSet<usize> {
    flash
        .sector_stats()
        .iter()
        .enumerate()
        .filter(|(i, s)| *i >= DATA_FIRST && s.erases > 0)
        .map(|(i, _)| i - DATA_FIRST)
        .collect()
}

/// Mounts `image`, writes a file of `sectors` whole sectors and returns the data sectors
/// that write erased.
fn sectors_taken_after_mount(image: Vec<u8>, sectors: usize) -> BTreeSet<usize> {
    let mut fs: TestFs = block_on(Fs::mount(SimFlash::from_image(image))).unwrap();
    fs.flash().reset_stats();
    let next = Op::Write {
        path: "/next".into(),
        mode: "w",
        data: bytes(sectors * SECTOR, 5),
        pieces: 1,
    };
    run(&mut fs, &next).unwrap();
    erased_data_sectors(fs.flash())
}

/// Marks removed, as the map does (a zero CRC), every copy of the search-start record in
/// `image`: items of 4 bytes (`sequential-storage` 8, 4-byte words: CRC-32, length, CRC-16
/// of the length, then the key `10, 0xFF` and the `u16` start). Returns how many it found.
fn remove_search_start_records(image: &mut [u8]) -> usize {
    let mut found = 0;
    for at in (0..DATA_FIRST * SECTOR - 12).step_by(4) {
        let item = &image[at..at + 12];
        if item[4..6] == [4, 0] && item[8..10] == [10, 0xFF] && item[..4] != [0; 4] {
            image[at..at + 4].fill(0);
            found += 1;
        }
    }
    found
}

#[test]
fn a_mount_prefers_the_search_start_record_and_else_takes_the_allocation_records() {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(SIZE))).unwrap();
    // Seven sectors written and never committed (a cut): taking sector 0 moved the start
    // to 5, taking sector 5 to 10; the allocation record still holds the format's 0.
    block_on(async {
        let fd = fs.open("/big", OpenOptions::from_mode("w")?).await?;
        fs.write(fd, &bytes(7 * SECTOR, 3)).await
    })
    .unwrap();
    assert_eq!(erased_data_sectors(fs.flash()), (0..7).collect());
    let image = fs.flash().image().to_vec();

    assert_eq!(
        sectors_taken_after_mount(image.clone(), 2),
        BTreeSet::from([10, 11])
    );

    // The same image as firmware from before the search-start record leaves it.
    let mut old = image;
    assert_eq!(remove_search_start_records(&mut old), 2);
    assert_eq!(
        sectors_taken_after_mount(old, 2),
        BTreeSet::from([0, 1]),
        "the search starts where the allocation record says"
    );
}

#[test]
fn a_commit_leaves_the_allocation_records_start_past_its_sectors() {
    // Firmware from before the search-start record (an OTA rollback) reads the allocation
    // record's start: each commit writes it as it is then.
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(SIZE))).unwrap();
    let big = Op::Write {
        path: "/big".into(),
        mode: "w",
        data: bytes(7 * SECTOR + 100, 3),
        pieces: 7,
    };
    run(&mut fs, &big).unwrap();
    let mut old = fs.flash().image().to_vec();
    assert!(remove_search_start_records(&mut old) > 0);
    assert_eq!(sectors_taken_after_mount(old, 1), BTreeSet::from([10]));
}

#[test]
fn a_cut_anywhere_in_a_large_write_never_lets_the_next_search_erase_its_sectors_again() {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(SIZE))).unwrap();
    let base = fs.flash().image().to_vec();
    fs.flash().record_operations();
    // Eleven sectors, one write call each: the start moves at sectors 0, 5 and 10.
    let big = Op::Write {
        path: "/big".into(),
        mode: "w",
        data: bytes(11 * SECTOR + 300, 9),
        pieces: 12,
    };
    run(&mut fs, &big).unwrap();
    let log: Vec<FlashOp> = fs.flash().take_log();
    let allowed = allowed(&State::new(), &big);
    let mut running = SimFlash::from_image(base);
    let mut erased_before = BTreeSet::new();
    let mut cuts = 0;
    for (i, op) in log.iter().enumerate() {
        if let FlashOp::Erase { offset } = op {
            let sector = *offset as usize / SECTOR;
            if sector >= DATA_FIRST {
                erased_before.insert(sector - DATA_FIRST);
            }
        }
        for torn in [false, true] {
            let mut cut = SimFlash::from_image(running.image().to_vec());
            cut.cut_power_at(0, torn, i as u64 * 7919 + 1);
            let _ = cut.apply(op);
            let what = format!("cut at flash op {i} (torn: {torn})");
            let (_, mut after) =
                check_flash(SimFlash::from_image(cut.image().to_vec()), &allowed, &what)
                    .unwrap_or_else(|e| panic!("{e}"));
            after.flash().reset_stats();
            let next = Op::Write {
                path: "/next".into(),
                mode: "w",
                data: bytes(2 * SECTOR, 5),
                pieces: 1,
            };
            run(&mut after, &next).unwrap_or_else(|e| panic!("{what}: {e:?}"));
            let again: Vec<usize> = erased_data_sectors(after.flash())
                .intersection(&erased_before)
                .copied()
                .collect();
            assert!(
                again.is_empty(),
                "{what}: the next write erased again sectors {again:?} of the cut one"
            );
            cuts += 1;
        }
        running.apply(op).unwrap();
    }
    assert!(erased_before.len() >= 11, "{erased_before:?}");
    assert!(cuts > 40, "{cuts} cuts");
}
