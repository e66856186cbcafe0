//! Mounting damaged images: random bytes, and real images with random bit flips, must give an
//! error or a working filesystem, never a panic.

mod common;

use common::{bytes, run, snapshot, Op, Rng, TestFs};
use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;

const SIZE: usize = 64 * 1024;

fn real_image() -> Vec<u8> {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(SIZE))).unwrap();
    block_on(fs.mkdir("/lib")).unwrap();
    // 16 sectors: 4 of them data sectors, which the 9000-byte file uses.
    for (i, len) in [10usize, 2500, 0, 900, 9000].into_iter().enumerate() {
        let op = Op::Write {
            path: format!("/lib/f{i}"),
            mode: "w",
            data: bytes(len, i as u64),
            pieces: 2,
        };
        run(&mut fs, &op).unwrap();
    }
    block_on(fs.rename("/lib/f0", "/top")).unwrap();
    fs.flash().image().to_vec()
}

/// Mounts, reads everything, writes a file; returns whether the mount succeeded.
fn exercise(image: Vec<u8>) -> bool {
    let Ok(mut fs) = block_on(TestFs::mount(SimFlash::from_image(image))) else {
        return false;
    };
    let _ = snapshot(&mut fs);
    let op = Op::Write {
        path: "/new".into(),
        mode: "w",
        data: bytes(1200, 5),
        pieces: 1,
    };
    let _ = run(&mut fs, &op);
    let _ = block_on(fs.statvfs());
    true
}

#[test]
fn random_images_are_refused() {
    let mut rng = Rng(99);
    for _ in 0..40 {
        let image: Vec<u8> = (0..SIZE).map(|_| rng.next() as u8).collect();
        assert!(!exercise(image));
    }
}

#[test]
fn bit_flipped_images_mount_or_fail_cleanly() {
    let base = real_image();
    let mut rng = Rng(7);
    let mut mounted = 0;
    let trials = 150;
    for _ in 0..trials {
        let mut image = base.clone();
        for _ in 0..1 + rng.below(8) {
            let at = rng.below(SIZE as u64) as usize;
            image[at] ^= 1 << rng.below(8);
        }
        if exercise(image) {
            mounted += 1;
        }
    }
    // Most flips land in data the CRCs reject item by item; the filesystem still mounts.
    assert!(mounted > trials / 2, "only {mounted} of {trials} mounted");
}
