//! Verify-while-writing throughput: a 1.5 MiB signed image streamed into a slot of simulated
//! flash, against references over the same bytes in the same run: SHA-256 alone, and the same
//! erases and programs with no verification. Run with `cargo bench -p mote-ota`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use embassy_futures::block_on;
use embedded_storage_async::nor_flash::NorFlash;
use mote_ota::image::{sign_prefix, ImageSpec, Policy, PREFIX_LEN};
use mote_ota::{Chip, Config, Layout, SigningKey, Slot, Updater, Verifier, Version};
use mote_storage::sim::{SimFlash, ERASE_SIZE};
use sha2::{Digest, Sha256};

const PAYLOAD_LEN: usize = 1536 * 1024;
const ROUNDS: usize = 7;

/// The fastest of `ROUNDS` runs of `f` (each on fresh state from `setup`).
fn best<S, R>(mut setup: impl FnMut() -> S, mut f: impl FnMut(S) -> R) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let state = setup();
            let start = Instant::now();
            black_box(f(state));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn mib_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

fn main() {
    let payload: Vec<u8> = (0..PAYLOAD_LEN as u32)
        .map(|i| i.wrapping_mul(2654435761).to_le_bytes()[3])
        .collect();
    let key = SigningKey::from_bytes(&[1; 32]);
    let keys = [key.verifying_key()];
    let spec = ImageSpec {
        chip: Chip::Sim,
        version: Version {
            major: 1,
            minor: 0,
            patch: 0,
        },
        security_counter: 1,
    };
    let hash: [u8; 32] = Sha256::digest(&payload).into();
    let mut image = sign_prefix(&spec, PAYLOAD_LEN as u32, &hash, &key).to_vec();
    image.extend_from_slice(&payload);

    let e = ERASE_SIZE as u32;
    let layout = Layout::contiguous(0, PAYLOAD_LEN as u32 + e, e);
    let flash_len = layout.end(e) as usize;
    let config = Config {
        chip: Chip::Sim,
        keys: &keys,
        boot_attempts: 1,
    };
    let policy = Policy {
        keys: &keys,
        chip: Some(Chip::Sim),
        min_security_counter: 0,
        max_payload_len: u32::MAX,
    };
    let chunk = 1024;

    let sha = best(|| (), |_| Sha256::digest(&payload));
    let verify = best(
        || Verifier::new(policy),
        |mut v| {
            for c in image.chunks(chunk) {
                black_box(v.push(c).expect("accepted"));
            }
            v.finish().expect("valid")
        },
    );
    let raw_write = best(
        || SimFlash::new(flash_len),
        |mut flash| {
            block_on(async {
                let slot = layout.slot(Slot::B);
                flash
                    .erase(slot, slot + PAYLOAD_LEN as u32)
                    .await
                    .expect("erase");
                for (i, c) in payload.chunks(256).enumerate() {
                    flash
                        .write(slot + (i * 256) as u32, c)
                        .await
                        .expect("write");
                }
            });
            flash
        },
    );
    let download = |chunk: usize| {
        best(
            || Updater::new(SimFlash::new(flash_len), layout, config).expect("layout"),
            |mut u| {
                block_on(async {
                    let mut d = u.download().await.expect("starts");
                    for c in image.chunks(chunk) {
                        d.write(c).await.expect("accepted");
                    }
                    d.finish().await.expect("valid");
                });
                u
            },
        )
    };
    let download_1k = download(1024);
    let download_16k = download(16 * 1024);
    let mut installed = Updater::new(SimFlash::new(flash_len), layout, config).expect("layout");
    block_on(async {
        let mut d = installed.download().await.expect("starts");
        d.write(&image).await.expect("accepted");
        d.finish().await.expect("valid");
    });
    let boot_check = best(
        || (),
        |_| block_on(installed.verify_slot(Slot::B)).expect("valid"),
    );

    let n = PAYLOAD_LEN;
    println!(
        "verify-while-writing a {} KiB image (+{PREFIX_LEN} bytes of header and signature), best of {ROUNDS}:",
        n / 1024
    );
    let line = |what: &str, d: Duration| {
        println!(
            "  {what:<52} {:>8.2} ms {:>9.1} MiB/s",
            d.as_secs_f64() * 1e3,
            mib_s(n, d)
        );
    };
    line("reference: SHA-256 of the payload", sha);
    line("reference: erase + program, no verification", raw_write);
    line("verify only (1 KiB chunks, no flash)", verify);
    line("verify while writing (1 KiB chunks)", download_1k);
    line("verify while writing (16 KiB chunks)", download_16k);
    line("boot check: verify the slot from flash", boot_check);
    println!(
        "  verify-while-writing (1 KiB) / (SHA-256 + raw write): {:.2}x the time",
        download_1k.as_secs_f64() / (sha + raw_write).as_secs_f64()
    );
    println!(
        "  verify-while-writing (1 KiB) / raw write: {:.2}x the time",
        download_1k.as_secs_f64() / raw_write.as_secs_f64()
    );
}
