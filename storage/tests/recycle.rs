//! Recycled inode numbers: a removed small file's records become tombstones and its number
//! is handed out again; nothing of the old file shows through the new one, the tombstones do
//! not pile up, and a number the superblock still lists after a cut is not handed out twice.

mod common;

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, OpenOptions, SeekFrom};

fn mode(m: &str) -> OpenOptions {
    OpenOptions::from_mode(m).unwrap()
}

fn write_file<F>(fs: &mut Fs<F, 4>, path: &str, data: &[u8]) -> Result<(), Error>
where
    F: embedded_storage_async::nor_flash::MultiwriteNorFlash,
{
    block_on(async {
        let fd = fs.open(path, mode("w")).await?;
        let written = fs.write(fd, data).await;
        let closed = fs.close(fd).await;
        written.and(closed)
    })
}

fn read_file<F>(fs: &mut Fs<F, 4>, path: &str) -> Vec<u8>
where
    F: embedded_storage_async::nor_flash::MultiwriteNorFlash,
{
    block_on(async {
        let fd = fs.open(path, mode("r")).await?;
        let mut out = Vec::new();
        let mut buf = [0u8; 256];
        loop {
            let n = fs.read(fd, &mut buf).await?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        fs.close(fd).await?;
        Ok::<_, Error>(out)
    })
    .unwrap()
}

/// A file on a recycled number whose previous owner had two chunks: a gap left by a seek
/// past the end reads as zeros, not as the old file's bytes.
#[test]
fn a_recycled_number_shows_nothing_of_the_old_file() {
    let mut fs: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(256 * 1024))).unwrap();
    let old = common::bytes(600, 1);
    write_file(&mut fs, "/old", &old).unwrap();
    block_on(fs.remove("/old")).unwrap();
    block_on(async {
        let fd = fs.open("/new", mode("w")).await?;
        fs.seek(fd, SeekFrom::Start(500))?;
        fs.write(fd, b"tail").await?;
        fs.close(fd).await
    })
    .unwrap();
    let mut expected = vec![0u8; 500];
    expected.extend_from_slice(b"tail");
    assert_eq!(read_file(&mut fs, "/new"), expected);
}

/// Writes 1,000-byte files until the first refusal; returns how many fit.
fn fill(fs: &mut Fs<SimFlash, 4>) -> usize {
    let mut n = 0;
    while write_file(fs, &format!("/fill{n}"), &common::bytes(1000, n as u64)).is_ok() {
        n += 1;
    }
    n
}

/// Creating and removing small files many times over leaves the partition holding as much
/// as a fresh one: each removal's tombstones are superseded when the number is used again.
#[test]
fn tombstones_do_not_pile_up() {
    let size = 32 * 1024;
    let mut fresh: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(size))).unwrap();
    block_on(fresh.mkdir("/d")).unwrap();
    let fresh_files = fill(&mut fresh);
    let mut fs: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(size))).unwrap();
    block_on(fs.mkdir("/d")).unwrap();
    // Without recycling or removal, the tombstones alone would take about 16 KB.
    for round in 0..20 {
        for i in 0..10 {
            let len = 100 + (i * 37) % 500;
            write_file(&mut fs, &format!("/d/f{i}"), &common::bytes(len, round)).unwrap();
        }
        for i in 0..10 {
            block_on(fs.remove(&format!("/d/f{i}"))).unwrap();
        }
    }
    let churned_files = fill(&mut fs);
    assert!(
        churned_files + 2 >= fresh_files,
        "{fresh_files} files fit a fresh partition, {churned_files} after the churn"
    );
}

/// A number handed out again after the superblock was last written is still listed there
/// when power is cut; the next mount must not hand it out a second time.
#[test]
fn a_number_listed_before_a_cut_is_not_handed_out_twice() {
    let mut flash = SimFlash::new(256 * 1024);
    {
        let mut fs: Fs<&mut SimFlash, 4> = block_on(Fs::format(&mut flash)).unwrap();
        write_file(&mut fs, "/a", b"first").unwrap();
        block_on(fs.remove("/a")).unwrap();
        // Takes the recycled number; creating an inline file writes no superblock.
        write_file(&mut fs, "/b", b"second").unwrap();
        // Dropped without unmounting: the power cut.
    }
    let mut fs: Fs<&mut SimFlash, 4> = block_on(Fs::mount(&mut flash)).unwrap();
    write_file(&mut fs, "/c", b"third").unwrap();
    assert_eq!(read_file(&mut fs, "/b"), b"second");
    assert_eq!(read_file(&mut fs, "/c"), b"third");
    block_on(fs.remove("/c")).unwrap();
    assert_eq!(read_file(&mut fs, "/b"), b"second");
}
