//! Partitions written by layout version 4 (one reserve record of 1,536 bytes, larger than
//! today's item buffer) are moved to version 5 by mount. `data/v4_256k.img` was written by
//! the version 4 code (commit 53b7b32, `mote image create --size 256K`, then `put`):
//! `/main.py` (300 B), `/lib/big.bin` (3 sectors + 700 B), `/lib/mid.txt` (3,000 B); byte
//! `i` of a file of `len` bytes is `i * 7 + len` (mod 256).

mod common;

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, OpenOptions};

type V4Fs<F> = Fs<F, 2>;

const FILES: [(&str, usize); 3] = [
    ("/main.py", 300),
    ("/lib/big.bin", 3 * 4096 + 700),
    ("/lib/mid.txt", 3000),
];

fn contents(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + len) as u8).collect()
}

fn image() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/v4_256k.img"
    ))
    .unwrap()
}

fn read<F: embedded_storage_async::nor_flash::MultiwriteNorFlash>(
    fs: &mut V4Fs<F>,
    path: &str,
) -> Result<Vec<u8>, Error> {
    common::read_path(fs, path, 64 * 1024)
}

fn write<F: embedded_storage_async::nor_flash::MultiwriteNorFlash>(
    fs: &mut V4Fs<F>,
    path: &str,
    data: &[u8],
) -> Result<(), Error> {
    block_on(async {
        let fd = fs.open(path, OpenOptions::from_mode("w")?).await?;
        fs.write(fd, data).await?;
        fs.close(fd).await
    })
}

fn assert_files<F: embedded_storage_async::nor_flash::MultiwriteNorFlash>(fs: &mut V4Fs<F>) {
    for (path, len) in FILES {
        assert_eq!(read(fs, path).unwrap(), contents(len), "{path}");
    }
}

/// After the move the map turns over many times (compacting the page that held the old
/// reserve), fills up, and a file can still be removed on the full flash.
#[test]
fn a_version_4_image_is_moved_to_version_5_and_keeps_working() {
    let mut fs: V4Fs<SimFlash> = block_on(Fs::mount(SimFlash::from_image(image()))).unwrap();
    assert_eq!(fs.layout_version(), 5);
    assert_files(&mut fs);
    let flash = block_on(fs.unmount()).unwrap();
    let mut fs: V4Fs<SimFlash> = block_on(Fs::mount(flash)).unwrap();
    assert_eq!(fs.layout_version(), 5);
    // About 300 KB of map writes: the 256 KiB partition's map (23 sectors) turns over.
    for round in 0..1200usize {
        let data = contents(200 + round % 100);
        write(&mut fs, "/cfg.txt", &data).unwrap();
    }
    assert_eq!(
        read(&mut fs, "/cfg.txt").unwrap(),
        contents(200 + 1199 % 100)
    );
    assert_files(&mut fs);
    let mut n = 0;
    loop {
        match write(&mut fs, &format!("/fill{n}"), &contents(3000)) {
            Ok(()) => n += 1,
            Err(Error::NoSpace) => break,
            Err(e) => panic!("fill {n}: {e:?}"),
        }
    }
    assert!(n > 10, "{n}");
    block_on(fs.remove("/fill0")).unwrap();
    block_on(fs.remove("/lib/mid.txt")).unwrap();
    assert_eq!(
        read(&mut fs, "/lib/big.bin").unwrap(),
        contents(3 * 4096 + 700)
    );
    let flash = block_on(fs.unmount()).unwrap();
    let mut fs: V4Fs<SimFlash> = block_on(Fs::mount(flash)).unwrap();
    assert_eq!(read(&mut fs, "/main.py").unwrap(), contents(300));
    assert_eq!(read(&mut fs, "/fill1").unwrap(), contents(3000));
}

/// A power cut (clean or torn) at any flash operation of the first mount leaves an image
/// that mounts, as version 5, with every file.
#[test]
fn a_cut_while_moving_to_version_5_loses_nothing() {
    let mut cuts = 0;
    for tear in [false, true] {
        for at in 0.. {
            let mut flash = SimFlash::from_image(image());
            flash.cut_power_at(at, tear, at + 1);
            let whole = match block_on(Fs::<&mut SimFlash, 2>::mount(&mut flash)) {
                Ok(mut fs) => {
                    let whole = !fs.flash().is_cut();
                    if whole {
                        assert_eq!(fs.layout_version(), 5);
                        assert_files(&mut fs);
                    }
                    whole
                }
                Err(_) => false,
            };
            if whole {
                break;
            }
            assert!(flash.is_cut(), "mount failed with no cut at {at}");
            cuts += 1;
            let mut fs: V4Fs<SimFlash> =
                block_on(Fs::mount(SimFlash::from_image(flash.image().to_vec())))
                    .unwrap_or_else(|e| panic!("cut at {at} (torn: {tear}): {e:?}"));
            assert_eq!(fs.layout_version(), 5, "cut at {at}");
            assert_files(&mut fs);
        }
    }
    assert!(cuts > 4, "{cuts}");
}
