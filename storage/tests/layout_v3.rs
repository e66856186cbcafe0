//! Partitions written by layout version 3 (a fixed map/data split, no geometry sector) are
//! still mounted, read and written. `data/v3_256k.img` was written by the version 3 code
//! (commit 75052ee): `/main.py` (300 B), `/lib/big.bin` (3 sectors + 700 B, in data
//! sectors), `/lib/mid.txt` (3,000 B, in chunks); byte `i` of a file of `len` bytes is
//! `i * 7 + len` (mod 256).

use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Fs, OpenOptions};

fn contents(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + len) as u8).collect()
}

fn read(fs: &mut Fs<SimFlash, 2>, path: &str) -> Vec<u8> {
    block_on(async {
        let fd = fs.open(path, OpenOptions::from_mode("r")?).await?;
        let mut out = vec![0; 64 * 1024];
        let mut n = 0;
        loop {
            let got = fs.read(fd, &mut out[n..]).await?;
            if got == 0 {
                break;
            }
            n += got;
        }
        fs.close(fd).await?;
        out.truncate(n);
        Ok::<_, mote_storage::Error>(out)
    })
    .unwrap()
}

#[test]
fn a_version_3_image_is_read_and_written() {
    let image = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/v3_256k.img"
    ))
    .unwrap();
    let mut fs: Fs<SimFlash, 2> = block_on(Fs::mount(SimFlash::from_image(image))).unwrap();
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
