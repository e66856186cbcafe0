//! Waiting for the console and for Python's sockets at once.
//!
//! The console's terminals feed a channel; a program parked on its sockets
//! ([`Vm::io_wait`]) waits on host file descriptors. The board's loop waits on both by turns in
//! short slices: a ready socket wakes the program at once, console input (Ctrl-C) is seen
//! within [`SLICE`].

use super::console::Console;
use super::host::SimHost;
use mote_vm::{Host, Vm};
use std::time::Duration;
use std::vec::Vec;

/// The longest a socket wait blocks before the console is looked at again.
const SLICE: Duration = Duration::from_millis(2);

/// Console input that arrived within `wait`, or `None` when the time is up or (for a program
/// waiting on sockets) one of them is ready: either way the caller polls the VM again.
pub fn read_console_or_sockets(
    vm: &mut Vm<SimHost>,
    console: &Console,
    wait: Duration,
) -> Option<Vec<u8>> {
    if vm.io_wait().is_empty() || wait.is_zero() {
        return console.read(wait);
    }
    let interest = vm.io_wait().to_vec();
    let host = vm.host_mut();
    let deadline = host
        .ticks_us()
        .saturating_add(u64::try_from(wait.as_micros()).unwrap_or(u64::MAX));
    loop {
        if let Some(bytes) = console.read(Duration::ZERO) {
            return Some(bytes);
        }
        let now = host.ticks_us();
        if now >= deadline {
            return None;
        }
        let slice_end = deadline.min(now + SLICE.as_micros() as u64);
        if host.wait_sockets(&interest, slice_end) {
            return None;
        }
    }
}
