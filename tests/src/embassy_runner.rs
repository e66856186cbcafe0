//! The VM as a cooperative task of an embassy executor: `Vm::run_async` polls with a fuel
//! budget, yields to the executor when the fuel runs out, and sleeps on an embassy timer while
//! Python waits.

use embassy_time::{Duration, Instant, Timer};
use mote_vm::{Host, Outcome, Vm};

/// Instructions (fuel units) per poll: small enough that other tasks run every few hundred
/// microseconds even while Python computes.
pub const FUEL: u32 = 2_000;

/// Longest single timer wait while Python is idle: an interrupt or a socket becoming ready
/// is noticed within this (a board's runner waits on the network's wakers instead).
pub const MAX_IDLE: Duration = Duration::from_millis(5);

/// Run the started program of `vm` to its end ([`Vm::run_async`] with an embassy timer as the
/// idle wait, capped at [`MAX_IDLE`]).
pub async fn run<H: Host>(vm: &mut Vm<H>) -> Outcome {
    let start = Instant::now();
    // The VM's ticks and embassy's clock both run from process start on the host; measure the
    // offset once so a wake tick converts to an embassy instant.
    let offset = vm.host_mut().ticks_us() as i64 - start.as_micros() as i64;
    vm.run_async(FUEL, |wake_at_us| {
        let at_us =
            (i128::from(wake_at_us) - i128::from(offset)).clamp(0, i128::from(u64::MAX / 2));
        let at = Instant::from_micros(at_us as u64);
        Timer::at(at.min(Instant::now() + MAX_IDLE))
    })
    .await
}
