//! Power cuts at every flash operation of a scripted workload, and at random points of a long
//! random workload; after each cut the remounted filesystem must hold the state before or after
//! the interrupted operation.
//!
//! The large runs are `#[ignore]`d; run them (they print their figures) with
//! `cargo test --release -p mote-storage --test power_cut -- --ignored --nocapture`.

mod common;

use common::{
    bytes, check_flash, cut_everywhere, random_with_cuts, run, scripted, snapshot, Node, Op, State,
    Tally, TestFs,
};
use embassy_futures::block_on;
use mote_storage::sim::SimFlash;
use mote_storage::{Error, Fs, OpenOptions};

fn report(name: &str, tally: &Tally) {
    println!(
        "{name}: {} cuts tried, {} failures",
        tally.cuts,
        tally.failures.len()
    );
    for f in tally.failures.iter().take(5) {
        println!("  {f}");
    }
    assert!(tally.failures.is_empty(), "{}", tally.failures[0]);
}

#[test]
fn cut_at_every_operation_of_a_small_workload() {
    // Small files commit as one inline record, so this workload takes fewer flash
    // operations than its size suggests; the log still grows past one chunk.
    let tally = cut_everywhere(64 * 1024, &scripted(1), false);
    assert!(tally.cuts > 150, "only {} cuts", tally.cuts);
    report("small scripted workload", &tally);
}

/// Small files removed in place and what later meets their dead entries: a file of the same
/// name taking one over, a rename and a directory onto one, new entries filling a directory
/// until its dead entries are cut, and a directory removed with dead entries in it.
fn removal_in_place_workload() -> Vec<common::Op> {
    use common::{bytes, Op};
    let w = |path: &str, len: usize, seed: u64| Op::Write {
        path: path.into(),
        mode: "w",
        data: bytes(len, seed),
        pieces: 1,
    };
    let rm = |path: &str| Op::Remove { path: path.into() };
    let mut ops = vec![
        Op::Mkdir { path: "/d".into() },
        w("/d/a", 100, 1),
        w("/d/b", 500, 2),
        w("/d/c", 50, 3),
        rm("/d/a"),
        rm("/d/b"),
        w("/d/b", 200, 4),
        Op::Rename {
            from: "/d/c".into(),
            to: "/d/a".into(),
        },
        w("/d/e", 30, 5),
        rm("/d/e"),
        Op::Mkdir {
            path: "/d/e".into(),
        },
        Op::Mkdir { path: "/s".into() },
        w("/s/f", 400, 6),
        rm("/s/f"),
        Op::Rmdir { path: "/s".into() },
    ];
    // Entries of 26 bytes: twenty fill a 512-byte block.
    let long = |i: usize| format!("/d/a-twenty-char-name{i:02}");
    for i in 0..12 {
        ops.push(w(&long(i), 40 + i * 30, 10 + i as u64));
    }
    for i in (0..12).filter(|i| i % 4 != 0) {
        ops.push(rm(&long(i)));
    }
    for i in 12..30 {
        ops.push(w(&long(i), 60, 10 + i as u64));
    }
    ops
}

#[test]
fn cut_at_every_operation_of_removals_in_place() {
    let tally = cut_everywhere(64 * 1024, &removal_in_place_workload(), false);
    assert!(tally.cuts > 150, "only {} cuts", tally.cuts);
    report("removals in place", &tally);
}

/// Appends to `/a` and rewrites `/b` with both open, removing `/c` (a file in data sectors)
/// and renaming `/d` to `/e` meanwhile, then commits both.
async fn files_open_together(fs: &mut TestFs, more_a: &[u8], new_b: &[u8]) -> Result<(), Error> {
    let a = fs.open("/a", OpenOptions::from_mode("a")?).await?;
    let b = fs.open("/b", OpenOptions::from_mode("w")?).await?;
    for piece in more_a[..1500].chunks(700) {
        fs.write(a, piece).await?;
    }
    fs.write(b, &new_b[..9000]).await?;
    fs.remove("/c").await?;
    fs.rename("/d", "/e").await?;
    fs.write(a, &more_a[1500..]).await?;
    fs.close(a).await?;
    fs.write(b, &new_b[9000..]).await?;
    fs.close(b).await
}

/// Two transactions pending in their slots while a file in data sectors is removed and
/// another renamed: the journal entries are recorded beside the intents, so superblock
/// writes keep entries other writes recorded (read back from flash), and the removed
/// file's sectors are held while the intents are pending. A clean and a torn cut at every
/// flash operation leaves each file as it was or as written.
#[test]
fn cut_at_every_operation_with_files_open_together() {
    let mut fs: TestFs = block_on(Fs::format(SimFlash::new(256 * 1024))).unwrap();
    let (old_a, old_b, c, d) = (
        bytes(3000, 1),
        bytes(9000, 2),
        bytes(9000, 3),
        bytes(500, 4),
    );
    for (path, data) in [("/a", &old_a), ("/b", &old_b), ("/c", &c), ("/d", &d)] {
        let write = Op::Write {
            path: path.into(),
            mode: "w",
            data: data.clone(),
            pieces: 1,
        };
        run(&mut fs, &write).unwrap();
    }
    let (more_a, new_b) = (bytes(2500, 5), bytes(13000, 6));
    let new_a = [&old_a[..], &more_a[..]].concat();
    let mut allowed = Vec::new();
    for a in [&old_a, &new_a] {
        for b in [&old_b, &new_b] {
            for c_left in [true, false] {
                for d_path in ["/d", "/e"] {
                    let mut state = State::new();
                    state.insert("/a".into(), Node::File(a.clone()));
                    state.insert("/b".into(), Node::File(b.clone()));
                    if c_left {
                        state.insert("/c".into(), Node::File(c.clone()));
                    }
                    state.insert(d_path.into(), Node::File(d.clone()));
                    allowed.push(state);
                }
            }
        }
    }
    let base = fs.flash().image().to_vec();
    fs.flash().record_operations();
    block_on(files_open_together(&mut fs, &more_a, &new_b)).unwrap();
    assert_eq!(Some(&snapshot(&mut fs).unwrap()), allowed.last());
    let mut tally = Tally::default();
    let mut running = SimFlash::from_image(base);
    for (i, op) in fs.flash().take_log().iter().enumerate() {
        for torn in [false, true] {
            let mut cut = SimFlash::from_image(running.image().to_vec());
            cut.cut_power_at(0, torn, i as u64 * 7919 + 1);
            let _ = cut.apply(op);
            tally.cuts += 1;
            let what = format!("cut at flash op {i} (torn: {torn})");
            let image = SimFlash::from_image(cut.image().to_vec());
            if let Err(e) = check_flash(image, &allowed, &what) {
                tally.failures.push(e);
            }
        }
        running.apply(op).unwrap();
    }
    assert!(tally.cuts > 100, "only {} cuts", tally.cuts);
    report("files open together", &tally);
}

#[test]
fn random_workload_with_cuts_and_tears() {
    let (tally, _) = random_with_cuts(64 * 1024, 150, 60, 6000, 11);
    assert!(tally.cuts > 20, "only {} cuts", tally.cuts);
    report("small random workload", &tally);
}

#[test]
#[ignore = "release-mode torture run; prints figures"]
fn torture_every_operation_of_the_full_workload() {
    let tally = cut_everywhere(1024 * 1024, &scripted(40), true);
    report(
        "scripted workload (files 0..64 KiB, 1 MiB flash), clean and torn cut at every flash operation",
        &tally,
    );
}

#[test]
#[ignore = "release-mode torture run; prints figures"]
fn torture_long_random_workload_and_wear() {
    // `TORTURE_SEED=N` runs another random workload (wear depends on where the cuts fall).
    let seed = std::env::var("TORTURE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2026);
    let (tally, flash) = random_with_cuts(1024 * 1024, 10_000, 80, 64 * 1024, seed);
    let erases: Vec<u64> = flash.sector_stats().iter().map(|s| s.erases).collect();
    let max = *erases.iter().max().unwrap();
    let mean = erases.iter().sum::<u64>() as f64 / erases.len() as f64;
    println!(
        "wear after the long random workload: {} sectors, erases per sector max {max}, mean {mean:.1}, min {} (max/mean {:.2})",
        erases.len(),
        erases.iter().min().unwrap(),
        max as f64 / mean
    );
    report(
        "long random workload (1 MiB flash, random clean/torn cuts, some during recovery)",
        &tally,
    );
    assert!((max as f64) <= 2.0 * mean);
}

/// 3,000-byte files until the map has grown into the data region several times (the map of
/// a 128 KiB partition holds about 18 of them), then removals, a file in data sectors and a
/// rename: power cut at every flash operation, growths included.
fn growing_workload() -> Vec<common::Op> {
    use common::{bytes, Op};
    let mut ops = vec![Op::Mkdir { path: "/d".into() }];
    for i in 0..26u64 {
        ops.push(Op::Write {
            path: format!("/d/f{i}"),
            mode: "w",
            data: bytes(3000, i),
            pieces: 2,
        });
    }
    for i in (0..26).step_by(3) {
        ops.push(Op::Remove {
            path: format!("/d/f{i}"),
        });
    }
    ops.push(Op::Write {
        path: "/large".into(),
        mode: "w",
        data: bytes(4 * 4096 + 100, 99),
        pieces: 3,
    });
    ops.push(Op::Rename {
        from: "/d/f1".into(),
        to: "/d/f4".into(),
    });
    ops
}

#[test]
#[ignore = "release-mode torture run; prints figures"]
fn torture_every_operation_while_the_map_grows() {
    let tally = cut_everywhere(128 * 1024, &growing_workload(), true);
    report(
        "map growth workload (3,000 B files past the map's size, 128 KiB flash), clean and torn cut at every flash operation",
        &tally,
    );
}
