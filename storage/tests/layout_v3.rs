//! Partitions written by layout version 3 (a fixed map/data split, no geometry sector) are
//! mounted, read and written with the `v3` feature (`cargo test -p mote-storage --features v3
//! --test layout_v3`), and refused without it. `data/v3_256k.img` was written by the version 3 code
//! (commit 75052ee): `/main.py` (300 B), `/lib/big.bin` (3 sectors + 700 B, in data
//! sectors), `/lib/mid.txt` (3,000 B, in chunks); byte `i` of a file of `len` bytes is
//! `i * 7 + len` (mod 256).

#[cfg(feature = "v3")]
mod common;

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
#[cfg(not(feature = "v3"))]
use mote_storage::Error;
use mote_storage::Fs;
#[cfg(feature = "v3")]
use mote_storage::OpenOptions;

fn image() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/v3_256k.img"
    ))
    .unwrap()
}

/// Without the `v3` feature the image is refused with an error of its own, which a board
/// does not take for a blank partition to format, and the image is left as it was.
#[cfg(not(feature = "v3"))]
#[test]
fn a_version_3_image_is_refused_with_the_way_to_migrate() {
    let mut flash = SimFlash::from_image(image());
    let mounted: Result<Fs<&mut SimFlash, 2>, Error> = block_on(Fs::mount(&mut flash));
    assert_eq!(mounted.err(), Some(Error::OldLayout));
    assert!(Error::OldLayout.to_string().contains("mote image migrate"));
    assert!(flash.image() == image().as_slice());
}

#[cfg(feature = "v3")]
fn contents(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + len) as u8).collect()
}

#[cfg(feature = "v3")]
fn read(fs: &mut Fs<SimFlash, 2>, path: &str) -> Vec<u8> {
    common::read_path(fs, path, 64 * 1024).unwrap()
}

#[cfg(feature = "v3")]
#[test]
fn a_version_3_image_is_read_and_written() {
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::mount(SimFlash::from_image(image()))).unwrap();
    for (path, len) in [
        ("/main.py", 300),
        ("/lib/big.bin", 3 * 4096 + 700),
        ("/lib/mid.txt", 3000),
    ] {
        assert_eq!(read(&mut fs, path), contents(len), "{path}");
    }
    let new = contents(5 * 4096 + 11);
    block_on(async {
        let fd = fs
            .open("/lib/new.bin", OpenOptions::from_mode("w")?)
            .await?;
        fs.write(fd, &new).await?;
        fs.close(fd).await?;
        fs.remove("/main.py").await
    })
    .unwrap();
    assert!(block_on(fs.statvfs()).unwrap().free_bytes > 0);
    let flash = block_on(fs.unmount()).unwrap();
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::mount(flash)).unwrap();
    assert_eq!(read(&mut fs, "/lib/new.bin"), new);
    assert_eq!(read(&mut fs, "/lib/mid.txt"), contents(3000));
    assert!(block_on(fs.stat("/main.py")).is_err());
}
