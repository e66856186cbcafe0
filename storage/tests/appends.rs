//! Appends through open, write, close: the commit's intent is written once and cleared only
//! with the next superblock write, so the flash a close leaves still names a finished
//! commit. Every such flash must mount to the bytes committed so far, also when the file is
//! appended through another descriptor slot in between or rewritten small (inline) without
//! an intent of its own; a clean unmount leaves nothing for the next mount to settle.

mod common;

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, OpenOptions};

use common::{read_path, Rng, TestFs};

fn mode(m: &str) -> OpenOptions {
    OpenOptions::from_mode(m).unwrap()
}

fn write_with(fs: &mut TestFs, path: &str, m: &str, data: &[u8]) -> Result<(), Error> {
    block_on(async {
        let fd = fs.open(path, mode(m)).await?;
        let written = fs.write(fd, data).await;
        let closed = fs.close(fd).await;
        written.and(closed)
    })
}

/// A filesystem mounted from a copy of `fs`'s flash, as a power cut right now would leave it.
fn mount_copy(fs: &mut TestFs) -> TestFs {
    let image = fs.flash().image().to_vec();
    block_on(Fs::mount(SimFlash::from_image(image))).unwrap()
}

#[test]
fn every_close_leaves_a_flash_that_mounts_with_the_bytes_appended() {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(256 * 1024))).unwrap();
    let mut rng = Rng(0x5EED_1065);
    let mut log = Vec::new();
    let mut longest = 0;
    for round in 0..240u64 {
        // Another file held open takes the first descriptor slot, so the log's intent goes
        // to another slot than the finished one of the round before.
        let held = match round % 3 {
            1 => Some(block_on(fs.open("/other", mode("a"))).unwrap()),
            _ => None,
        };
        if round % 120 == 119 {
            // Back to inline contents: this commit records no intent of its own.
            log = common::bytes(10, round);
            write_with(&mut fs, "/log.txt", "w", &log).unwrap();
        } else {
            let piece = common::bytes(1 + rng.below(400) as usize, round);
            write_with(&mut fs, "/log.txt", "a", &piece).unwrap();
            log.extend_from_slice(&piece);
        }
        longest = longest.max(log.len());
        if let Some(fd) = held {
            block_on(fs.close(fd)).unwrap();
        }
        let mut copy = mount_copy(&mut fs);
        assert_eq!(
            read_path(&mut copy, "/log.txt", 700).unwrap(),
            log,
            "round {round}"
        );
        if round % 25 == 0 {
            // The recovered filesystem goes on appending.
            let more = common::bytes(333, round + 1000);
            write_with(&mut copy, "/log.txt", "a", &more).unwrap();
            let mut expected = log.clone();
            expected.extend_from_slice(&more);
            assert_eq!(read_path(&mut copy, "/log.txt", 500).unwrap(), expected);
        }
    }
    assert!(longest > 4096 * 4, "the log filled data sectors");
}

#[test]
fn a_clean_unmount_leaves_nothing_for_the_next_mount_to_settle() {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(256 * 1024))).unwrap();
    for i in 0..50 {
        write_with(&mut fs, "/log.txt", "a", &common::bytes(64, i)).unwrap();
    }
    // Without an unmount the last commit's finished intent is still on flash: mounting
    // replays it (finding nothing to do) and clears it, a superblock write.
    let image = fs.flash().image().to_vec();
    let mut replayed = SimFlash::from_image(image);
    let mounted: Result<Fs<&mut SimFlash, 1>, Error> = block_on(Fs::mount(&mut replayed));
    assert!(mounted.is_ok());
    drop(mounted);
    assert!(replayed.total_stats().bytes_written > 0);
    let mut flash = block_on(fs.unmount()).unwrap();
    flash.reset_stats();
    let mut fs: TestFs = block_on(Fs::mount(flash)).unwrap();
    assert_eq!(fs.flash().total_stats().bytes_written, 0);
    let log = read_path(&mut fs, "/log.txt", 700).unwrap();
    assert_eq!(log.len(), 50 * 64);
    assert_eq!(&log[49 * 64..], &common::bytes(64, 49)[..]);
}
