//! Mount an arbitrary flash image, then read everything on it and try writes and removals:
//! every outcome must be a value (mounted or an error), never a panic or a hang.
//!
//! The first input byte picks the image: even = the input itself as a raw image (padded with
//! erased bytes); odd = a valid filesystem image with files and directories, with the rest of
//! the input applied as `(offset: u16, xor: u8)` bit flips, so the fuzzer reaches the decoders
//! behind the CRCs as well as the CRCs themselves.
#![no_main]

use std::sync::OnceLock;

use embassy_futures::block_on;
use libfuzzer_sys::fuzz_target;
use mote_storage::sim::SimFlash;
use mote_storage::{Fs, Kind, OpenOptions, SeekFrom};

const IMAGE_SIZE: usize = 16 * 4096;
/// Bounds the walk, since a corrupt directory may list itself.
const MAX_ENTRIES: usize = 64;

type FuzzFs<'a> = Fs<&'a mut SimFlash, 2>;

fn valid_image() -> &'static [u8] {
    static IMAGE: OnceLock<Vec<u8>> = OnceLock::new();
    IMAGE.get_or_init(|| {
        let mut flash = SimFlash::new(IMAGE_SIZE);
        block_on(async {
            let mut fs = FuzzFs::format(&mut flash).await.unwrap();
            fs.mkdir("/lib").await.unwrap();
            // `big.bin` fills two of the image's four data sectors (its extent list and the
            // allocation record are fuzzed too) and ends in a chunk.
            for (path, len) in [("/boot.py", 40usize), ("/lib/big.bin", 9000), ("/cfg", 0)] {
                let fd = fs
                    .open(path, OpenOptions::from_mode("w").unwrap())
                    .await
                    .unwrap();
                let data: Vec<u8> = (0..len).map(|i| i as u8).collect();
                fs.write(fd, &data).await.unwrap();
                fs.close(fd).await.unwrap();
            }
            fs.rename("/cfg", "/lib/cfg").await.unwrap();
            // A dead entry: a file of two chunks removed in place.
            let fd = fs
                .open("/lib/gone.py", OpenOptions::from_mode("w").unwrap())
                .await
                .unwrap();
            fs.write(fd, &[3u8; 500]).await.unwrap();
            fs.close(fd).await.unwrap();
            fs.remove("/lib/gone.py").await.unwrap();
            let fd = fs
                .open("/boot.py", OpenOptions::from_mode("a").unwrap())
                .await
                .unwrap();
            fs.write(fd, b"# appended").await.unwrap();
            fs.close(fd).await.unwrap();
        });
        flash.image().to_vec()
    })
}

fn build_image(input: &[u8]) -> Vec<u8> {
    let Some((&mode, rest)) = input.split_first() else {
        return vec![0xFF; IMAGE_SIZE];
    };
    if mode % 2 == 0 {
        let mut image = rest.to_vec();
        image.resize(IMAGE_SIZE, 0xFF);
        image.truncate(IMAGE_SIZE);
        return image;
    }
    let mut image = valid_image().to_vec();
    for flip in rest.chunks_exact(3) {
        let offset = usize::from(u16::from_le_bytes([flip[0], flip[1]])) % IMAGE_SIZE;
        image[offset] ^= flip[2];
    }
    image
}

async fn exercise(fs: &mut FuzzFs<'_>) {
    let mut dirs = vec![String::from("/")];
    let mut seen = 0;
    while let Some(dir) = dirs.pop() {
        let Ok(mut cursor) = fs.open_dir(&dir).await else {
            continue;
        };
        while let Ok(Some(entry)) = fs.next_entry(&mut cursor).await {
            seen += 1;
            if seen > MAX_ENTRIES {
                return;
            }
            let path = format!("{}/{}", dir.trim_end_matches('/'), entry.name.as_str());
            let _ = fs.stat(&path).await;
            if entry.kind == Kind::Dir {
                dirs.push(path);
                continue;
            }
            let Ok(fd) = fs.open(&path, OpenOptions::from_mode("r").unwrap()).await else {
                continue;
            };
            let mut buf = [0u8; 512];
            while let Ok(n) = fs.read(fd, &mut buf).await {
                if n == 0 {
                    break;
                }
            }
            let _ = fs.close(fd).await;
        }
    }
    let _ = fs.statvfs().await;
    if let Ok(fd) = fs
        .open("/fuzz-new", OpenOptions::from_mode("w").unwrap())
        .await
    {
        // Past a sector, so the chunked commit path and the data sectors' allocation run on
        // damaged images too.
        let _ = fs.write(fd, &[7u8; 5000]).await;
        let _ = fs.close(fd).await;
    }
    if let Ok(fd) = fs
        .open("/lib/big.bin", OpenOptions::from_mode("r+").unwrap())
        .await
    {
        // A write inside a data sector (copied to a fresh one), then a cut into the sectors.
        let _ = fs.seek(fd, SeekFrom::Start(100));
        let _ = fs.write(fd, b"inside").await;
        let _ = fs.truncate(fd, 5000).await;
        let _ = fs.close(fd).await;
    }
    let _ = fs.rename("/boot.py", "/lib/boot.py").await;
    let _ = fs.remove("/lib/big.bin").await;
    // Removal in place, and the dead entries met again: a file taking one over, a directory
    // taking another's name.
    let _ = fs.remove("/lib/cfg").await;
    if let Ok(fd) = fs
        .open("/lib/gone.py", OpenOptions::from_mode("w").unwrap())
        .await
    {
        let _ = fs.write(fd, b"back").await;
        let _ = fs.close(fd).await;
    }
    let _ = fs.mkdir("/lib/cfg").await;
}

fuzz_target!(|input: &[u8]| {
    let mut flash = SimFlash::from_image(build_image(input));
    block_on(async {
        if let Ok(mut fs) = FuzzFs::mount(&mut flash).await {
            exercise(&mut fs).await;
        }
    });
});
