//! The VM as a cooperative task of an embassy executor: poll with a fuel budget, yield to the
//! executor when the fuel runs out, sleep on an embassy timer while Python waits.

use embassy_time::{Duration, Timer};
use mote_vm::{Host, Outcome, Poll, Vm};

/// Instructions (fuel units) per poll: small enough that other tasks run every few hundred
/// microseconds even while Python computes.
pub const FUEL: u32 = 2_000;

/// Longest single timer wait while Python is idle: an interrupt or a socket becoming ready
/// is noticed within this (a board's runner waits on the network's wakers instead).
pub const MAX_IDLE: Duration = Duration::from_millis(5);

/// Run the started program of `vm` to its end.
pub async fn run<H: Host>(vm: &mut Vm<H>) -> Outcome {
    loop {
        let mut fuel = FUEL;
        match vm.poll(&mut fuel) {
            Poll::Done(outcome) => return outcome,
            Poll::Yielded => embassy_futures::yield_now().await,
            Poll::Idle { wake_at_us } => {
                let now = vm.host_mut().ticks_us();
                let wait = Duration::from_micros(wake_at_us.saturating_sub(now));
                Timer::after(wait.min(MAX_IDLE)).await;
            }
        }
    }
}
