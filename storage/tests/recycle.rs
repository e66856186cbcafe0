//! Removal in place and recycled inode numbers: a removed small file's records become
//! tombstones, one small write, and its entry stays dead until a new file takes it over or
//! the directory needs its room; its number is then handed out again. Nothing of the old
//! file shows through the new one, neither tombstones nor dead entries pile up, and a number
//! the superblock still lists after a cut is not handed out twice.

mod common;

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, Kind, OpenOptions, SeekFrom};

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

/// Bytes programmed by `op` on `fs`.
fn programmed(fs: &mut Fs<SimFlash, 4>, op: impl FnOnce(&mut Fs<SimFlash, 4>)) -> u64 {
    fs.flash().reset_stats();
    op(fs);
    fs.flash().total_stats().bytes_written
}

/// Removing a small file writes its record's tombstone and one per chunk, nothing else (the
/// directory block and the superblock are left alone); a new file of the same name takes the
/// dead entry over with its record alone.
#[test]
fn a_small_file_is_removed_with_one_small_write_per_record() {
    let mut fs: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(256 * 1024))).unwrap();
    block_on(fs.mkdir("/d")).unwrap();
    write_file(&mut fs, "/d/two-chunks", &common::bytes(500, 99)).unwrap();
    for i in 0..20 {
        write_file(&mut fs, &format!("/d/file{i}.py"), &common::bytes(150, i)).unwrap();
    }
    // The last commit of a file with chunks stays listed in the superblock until its next
    // write (which a removal of that file would then make first); unmounting writes it.
    let flash = block_on(fs.unmount()).unwrap();
    let mut fs: Fs<SimFlash, 4> = block_on(Fs::mount(flash)).unwrap();
    let inline = programmed(&mut fs, |fs| block_on(fs.remove("/d/file7.py")).unwrap());
    assert!(
        inline <= 16,
        "an inline file's removal programmed {inline} B"
    );
    let chunked = programmed(&mut fs, |fs| block_on(fs.remove("/d/two-chunks")).unwrap());
    assert!(
        chunked <= 16 + 2 * 20,
        "a two-chunk file's removal programmed {chunked} B"
    );
    assert_eq!(
        block_on(fs.stat("/d/file7.py")).err(),
        Some(Error::NotFound)
    );
    assert_eq!(block_on(fs.remove("/d/file7.py")), Err(Error::NotFound));
    let again = programmed(&mut fs, |fs| {
        write_file(fs, "/d/file7.py", b"new").unwrap();
    });
    let fresh = programmed(&mut fs, |fs| {
        write_file(fs, "/d/file70.py", b"new").unwrap();
    });
    // The fresh file's entry costs a rewrite of the directory block (about 250 B here).
    assert!(
        again + 200 <= fresh,
        "taking the dead entry over programmed {again} B, a new name {fresh} B"
    );
    assert_eq!(read_file(&mut fs, "/d/file7.py"), b"new");
}

/// The names of the directory `path`, as a listing shows them.
fn names(fs: &mut Fs<SimFlash, 4>, path: &str) -> Vec<(String, Kind)> {
    block_on(async {
        let mut cursor = fs.open_dir(path).await?;
        let mut out = Vec::new();
        while let Some(e) = fs.next_entry(&mut cursor).await? {
            out.push((e.name.as_str().to_string(), e.kind));
        }
        Ok::<_, Error>(out)
    })
    .unwrap()
}

/// Dead entries show nowhere: not in a listing, not to `stat`, `open` or `rename`; a
/// directory holding only dead entries is empty, a directory and a renamed file can take a
/// dead entry's name, and an exclusive create succeeds on it.
#[test]
fn dead_entries_are_invisible() {
    let mut fs: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(256 * 1024))).unwrap();
    block_on(fs.mkdir("/d")).unwrap();
    for name in ["a", "b", "c", "d"] {
        write_file(&mut fs, &format!("/d/{name}"), name.as_bytes()).unwrap();
    }
    block_on(fs.remove("/d/b")).unwrap();
    block_on(fs.remove("/d/c")).unwrap();
    let listed = names(&mut fs, "/d");
    assert_eq!(listed, [("a".into(), Kind::File), ("d".into(), Kind::File)]);
    assert_eq!(
        block_on(fs.open("/d/b", mode("r"))).err(),
        Some(Error::NotFound)
    );
    assert_eq!(block_on(fs.rename("/d/c", "/d/z")), Err(Error::NotFound));
    block_on(fs.rename("/d/a", "/d/b")).unwrap();
    block_on(fs.mkdir("/d/c")).unwrap();
    block_on(async {
        let fd = fs.open("/d/a", mode("x")).await?;
        fs.write(fd, b"fresh").await?;
        fs.close(fd).await
    })
    .unwrap();
    let mut listed = names(&mut fs, "/d");
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        listed,
        [
            ("a".into(), Kind::File),
            ("b".into(), Kind::File),
            ("c".into(), Kind::Dir),
            ("d".into(), Kind::File)
        ]
    );
    assert_eq!(read_file(&mut fs, "/d/a"), b"fresh");
    assert_eq!(read_file(&mut fs, "/d/b"), b"a");
    assert_eq!(block_on(fs.rmdir("/d")), Err(Error::NotEmpty));
    for name in ["a", "b", "d"] {
        block_on(fs.remove(&format!("/d/{name}"))).unwrap();
    }
    block_on(fs.rmdir("/d/c")).unwrap();
    block_on(fs.rmdir("/d")).unwrap();
    assert!(names(&mut fs, "/").is_empty());
}

/// Files of ever new names created and removed in one directory: the dead entries are cut
/// when the directory needs room, so the partition then holds as much as a fresh one.
#[test]
fn dead_entries_do_not_pile_up() {
    let size = 32 * 1024;
    let mut fresh: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(size))).unwrap();
    block_on(fresh.mkdir("/d")).unwrap();
    let fresh_files = fill(&mut fresh);
    let mut fs: Fs<SimFlash, 4> = block_on(Fs::format(SimFlash::new(size))).unwrap();
    block_on(fs.mkdir("/d")).unwrap();
    // Without cutting, 600 dead entries of 30 bytes would take 18 KB of directory blocks.
    for i in 0..600u64 {
        let path = format!("/d/a-file-of-a-new-name-{i:04}");
        write_file(
            &mut fs,
            &path,
            &common::bytes(100 + (i as usize * 37) % 500, i),
        )
        .unwrap();
        block_on(fs.remove(&path)).unwrap();
    }
    assert!(names(&mut fs, "/d").is_empty());
    let churned_files = fill(&mut fs);
    assert!(
        churned_files + 2 >= fresh_files,
        "{fresh_files} files fit a fresh partition, {churned_files} after the churn"
    );
}
