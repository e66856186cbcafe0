//! Power cuts at every flash operation of a scripted workload, and at random points of a long
//! random workload; after each cut the remounted filesystem must hold the state before or after
//! the interrupted operation.
//!
//! The large runs are `#[ignore]`d; run them (they print their figures) with
//! `cargo test --release -p mote-storage --test power_cut -- --ignored --nocapture`.

mod common;

use common::{cut_everywhere, random_with_cuts, scripted, Tally};

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
