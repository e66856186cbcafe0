//! Power cuts at every flash operation of an update: download, the state changes, the first
//! boot, confirm, reject and revert, with clean and torn cuts, on a fresh state log and on logs
//! filled so that the switch to the other state sector falls inside the update.
//!
//! After each cut the board reboots from what the flash holds. It must boot a valid signed
//! image (verified again from flash), and the one it would have booted either before or after
//! the interrupted step (or, inside a download, its confirmed image). Then a new update must go
//! through to the end. The tests print the number of cuts tried and fail on any failure.
//!
//! The torture run (16 torn seeds per operation) is `#[ignore]`d; run it with
//! `cargo test --release -p mote-ota --test power_cut -- --ignored --nocapture`.

mod common;

use common::*;
use embassy_futures::block_on;
use mote_ota::{Error, Slot, Updater, VerifyingKey, Version};
use mote_storage::sim::{SimError, SimFlash};

#[derive(Clone)]
enum Step {
    Download(Vec<u8>),
    Boot,
    Confirm,
    Reject,
}

/// What a reboot leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Outcome {
    slot: Slot,
    version: Version,
    on_trial: bool,
}

fn run_step(u: &mut Updater<SimFlash>, step: &Step) -> Result<(), Error<SimError>> {
    match step {
        Step::Download(image) => download(u, image, 300).map(drop),
        Step::Boot => block_on(u.boot()).map(drop),
        Step::Confirm => block_on(u.confirm()).map(drop),
        Step::Reject => block_on(u.reject()).map(drop),
    }
}

/// Reboots a board from `image`: the boot decision, then a full check of the chosen slot.
fn reboot_from<'k>(
    image: &[u8],
    keys: &'k [VerifyingKey],
    attempts: u8,
) -> Result<(Outcome, Updater<'k, SimFlash>), String> {
    let mut u = updater(SimFlash::from_image(image.to_vec()), keys, attempts);
    let boot = block_on(u.boot()).map_err(|e| format!("boot failed: {e:?}"))?;
    let verified = block_on(u.verify_slot(boot.slot))
        .map_err(|e| format!("boots slot {:?}, which is invalid: {e:?}", boot.slot))?;
    let outcome = Outcome {
        slot: boot.slot,
        version: verified.header.version,
        on_trial: boot.on_trial,
    };
    Ok((outcome, u))
}

/// The confirmed image a state falls back to: the current slot, not on trial.
fn confirmed_of(image: &[u8], keys: &[VerifyingKey]) -> Outcome {
    let mut u = updater(SimFlash::from_image(image.to_vec()), keys, 1);
    let slot = block_on(u.state()).unwrap().current;
    let version = block_on(u.read_header(slot)).unwrap().version;
    Outcome {
        slot,
        version,
        on_trial: false,
    }
}

/// After recovery, a new update must go all the way.
fn update_to_the_end(mut u: Updater<SimFlash>, on_trial: bool) -> Result<(), String> {
    if on_trial {
        block_on(u.confirm()).map_err(|e| format!("confirm after recovery: {e:?}"))?;
    }
    let last = sim_image(60, 3000);
    download(&mut u, &last, 1000).map_err(|e| format!("download after recovery: {e:?}"))?;
    let trial = block_on(u.boot()).map_err(|e| format!("{e:?}"))?;
    block_on(u.confirm()).map_err(|e| format!("{e:?}"))?;
    let boot = block_on(u.boot()).map_err(|e| format!("{e:?}"))?;
    let version = block_on(u.verify_slot(boot.slot))
        .map_err(|e| format!("{e:?}"))?
        .header
        .version;
    if !trial.on_trial || boot.on_trial || boot.slot != trial.slot || version != version_60() {
        return Err(format!(
            "the update after recovery ended at {boot:?} {version}"
        ));
    }
    Ok(())
}

fn version_60() -> Version {
    version(60)
}

#[derive(Default)]
struct Tally {
    cuts: usize,
    failures: Vec<String>,
}

/// Cuts power at every flash operation of `steps` run on `base`: once clean, and torn with
/// `tears` different seeds (a torn program keeps a random prefix, a torn erase a random part).
fn cut_everywhere(
    name: &str,
    base: &[u8],
    steps: &[Step],
    attempts: u8,
    tears: u64,
    tally: &mut Tally,
) {
    let keys = board_keys();
    // The uncut run: where each step ends, and what a reboot after each step leads to.
    let mut images = vec![base.to_vec()];
    let mut ends = vec![0u64];
    let mut u = updater(SimFlash::from_image(base.to_vec()), &keys, attempts);
    for step in steps {
        run_step(&mut u, step).unwrap_or_else(|e| panic!("{name}: uncut run failed: {e:?}"));
        ends.push(u.flash_mut().operations());
        images.push(u.flash_mut().image().to_vec());
    }
    let reboot = |image: &[u8]| reboot_from(image, &keys, attempts).map(|(o, _)| o);
    let refs: Vec<Outcome> = images
        .iter()
        .map(|image| reboot(image).unwrap_or_else(|e| panic!("{name}: uncut: {e}")))
        .collect();
    let total = *ends.last().unwrap_or(&0);
    for op in 0..total {
        let k = ends.iter().position(|&end| end > op).unwrap_or(0);
        for seed in 0..=tears {
            tally.cuts += 1;
            let tear = seed > 0;
            let what = format!("{name}: cut at operation {op} (step {k}, tear seed {seed})");
            let mut flash = SimFlash::from_image(base.to_vec());
            flash.cut_power_at(op, tear, op * 7919 + seed * 104_729);
            let mut u = updater(flash, &keys, attempts);
            let stopped = steps
                .iter()
                .map(|s| run_step(&mut u, s))
                .find(|r| r.is_err());
            if stopped != Some(Err(Error::Flash(SimError::PowerCut))) {
                tally
                    .failures
                    .push(format!("{what}: the run did not stop at the cut"));
                continue;
            }
            let image = u.into_inner().image().to_vec();
            let (outcome, recovered) = match reboot_from(&image, &keys, attempts) {
                Ok(r) => r,
                Err(e) => {
                    tally.failures.push(format!("{what}: {e}"));
                    continue;
                }
            };
            let mut allowed = vec![refs[k - 1], refs[k]];
            if matches!(steps[k - 1], Step::Download(_)) {
                allowed.push(confirmed_of(&images[k - 1], &keys));
            }
            if !allowed.contains(&outcome) {
                tally.failures.push(format!(
                    "{what}: boots {outcome:?}, expected one of {allowed:?}"
                ));
                continue;
            }
            if let Err(e) = update_to_the_end(recovered, outcome.on_trial) {
                tally.failures.push(format!("{what}: {e}"));
            }
        }
    }
}

/// A flash running confirmed v1 whose state log holds `records` records (a mix of 3-record
/// confirmed updates and 4-record reverted ones, ending with a confirmed one).
fn base_with_records(records: u32) -> Vec<u8> {
    let keys = board_keys();
    let fours = records % 3;
    let threes = (records - 4 * fours) / 3;
    let mut flash = SimFlash::new(flash_size());
    for _ in 0..fours {
        let mut u = updater(flash, &keys, 2);
        download(&mut u, &sim_image(1, 5000), 4096).unwrap();
        for _ in 0..3 {
            block_on(u.boot()).unwrap();
        }
        flash = u.into_inner();
    }
    for _ in 0..threes {
        let mut u = updater(flash, &keys, 1);
        download(&mut u, &sim_image(1, 5000), 4096).unwrap();
        block_on(u.boot()).unwrap();
        assert!(block_on(u.confirm()).unwrap());
        flash = u.into_inner();
    }
    flash.image().to_vec()
}

fn scenarios() -> Vec<(&'static str, Vec<Step>, u8)> {
    use Step::*;
    let v2 = sim_image(2, 5000);
    let v3 = sim_image(3, 2000);
    vec![
        (
            "update and confirm",
            vec![Download(v2.clone()), Boot, Confirm, Boot],
            1,
        ),
        (
            "update never confirmed",
            vec![Download(v2.clone()), Boot, Boot, Boot],
            1,
        ),
        (
            "update never confirmed in 2 attempts",
            vec![Download(v2.clone()), Boot, Boot, Boot, Boot],
            2,
        ),
        (
            "update rejected",
            vec![Download(v2.clone()), Boot, Reject, Boot],
            1,
        ),
        (
            "download replaced before booting",
            vec![Download(v2), Download(v3), Boot, Confirm, Boot],
            1,
        ),
    ]
}

fn report(tally: &Tally) {
    println!(
        "ota power cuts: {} cuts tried, {} failures",
        tally.cuts,
        tally.failures.len()
    );
    for f in tally.failures.iter().take(10) {
        println!("  {f}");
    }
    assert!(tally.failures.is_empty(), "{}", tally.failures[0]);
}

#[test]
fn a_cut_at_every_operation_of_an_update_leaves_a_bootable_signed_image() {
    let mut tally = Tally::default();
    let fresh = flash_running_v1(&board_keys()).image().to_vec();
    for (name, steps, attempts) in scenarios() {
        cut_everywhere(name, &fresh, &steps, attempts, 1, &mut tally);
    }
    report(&tally);
    assert!(tally.cuts >= 290, "only {} cuts", tally.cuts);
}

#[test]
fn a_cut_at_every_operation_while_the_state_log_switches_sectors() {
    let mut tally = Tally::default();
    // 128 records fill a state sector: the switch lands on each record write of the updates.
    for records in [125, 126, 127, 128] {
        let base = base_with_records(records);
        for (name, steps, attempts) in scenarios() {
            let name = format!("{name}, {records} records logged");
            cut_everywhere(&name, &base, &steps, attempts, 1, &mut tally);
        }
    }
    report(&tally);
    assert!(tally.cuts >= 1200, "only {} cuts", tally.cuts);
}

#[test]
#[ignore = "release-mode torture run; prints figures"]
fn torture_many_tears_at_every_operation() {
    let mut tally = Tally::default();
    let fresh = flash_running_v1(&board_keys()).image().to_vec();
    let mut bases = vec![("fresh log".to_string(), fresh)];
    for records in 120..=128 {
        bases.push((
            format!("{records} records logged"),
            base_with_records(records),
        ));
    }
    for (base_name, base) in &bases {
        for (name, steps, attempts) in scenarios() {
            let name = format!("{name}, {base_name}");
            cut_everywhere(&name, base, &steps, attempts, 16, &mut tally);
        }
    }
    report(&tally);
}
