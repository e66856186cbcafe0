//! Runs arbitrary source text as a program on a small heap, under an instruction budget, with
//! the collector running on every allocation: whatever the program does (exhaust the heap,
//! recurse, loop forever, raise), the VM must end with an outcome, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_vm::source::Mode;
use mote_vm::{Config, Host, Poll, Vm};

/// Small enough that programs hit `MemoryError`, large enough for the builtins.
const HEAP_BYTES: usize = 48 * 1024;
/// Instructions one input may run before it is stopped.
const BUDGET: u32 = 200_000;
/// Stack the VM may use: run the fuzzer with a stack limit above it (`ulimit -s 512`), so a
/// native recursion that ignores the budget overflows and shows as a crash.
const STACK_BUDGET: usize = 192 * 1024;

/// A host with no files and a clock that moves only when read, so runs are deterministic.
struct FuzzHost {
    clock_us: u64,
}

impl Host for FuzzHost {
    fn write_stdout(&mut self, _bytes: &[u8]) {}
    fn write_stderr(&mut self, _bytes: &[u8]) {}
    fn ticks_us(&mut self) -> u64 {
        self.clock_us += 1_000;
        self.clock_us
    }
    fn time_us(&mut self) -> i64 {
        1_700_000_000_000_000
    }
    fn wait_until(&mut self, t: u64) {
        self.clock_us = self.clock_us.max(t);
    }
    fn platform(&self) -> &str {
        "fuzz"
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = core::str::from_utf8(data) else {
        return;
    };
    let config = Config {
        heap_bytes: HEAP_BYTES,
        stack_budget: STACK_BUDGET,
        ..Config::default()
    };
    let Ok(mut vm) = Vm::new(config, FuzzHost { clock_us: 0 }) else {
        return;
    };
    if vm.start(source, "<fuzz>", Mode::Exec).is_some() {
        return;
    }
    let mut spent = 0;
    while spent < BUDGET {
        let mut fuel = 1_000;
        let poll = vm.poll(&mut fuel);
        spent += 1_000 - fuel.min(1_000);
        match poll {
            Poll::Done(_) => return,
            Poll::Yielded => {}
            Poll::Idle { wake_at_us } => vm.host_mut().wait_until(wake_at_us),
        }
        // A poll that made no progress still counts, so the loop always ends.
        spent += 1;
    }
});
