//! `mote-qemu-virt`: mote's VM with its compiler, bare metal on QEMU's riscv32 `virt`
//! machine, built with the firmware's `chip` profile: the instrument for issue 17's size
//! budget and instruction counts.
//!
//! It runs the script the runner placed in RAM ([`script`]), printing what the script prints
//! on the UART ([`console`]), then one line of figures read from `minstret` ([`counter`],
//! exact under `-icount shift=0`):
//!
//! ```text
//! mote-qemu-virt: startup=<n> empty=<n> script=<n> heap=<bytes> startup_heap=<bytes>
//! ```
//!
//! `startup` is the instructions of `Vm::new`; `empty` of compiling and running an empty
//! program; `script` of compiling and running the script (after the empty one, in the same
//! VM); `heap` the Python heap's size and `startup_heap` the bytes of it in use when `Vm::new`
//! returned. It exits through the test device ([`finisher`]) with the status a Python process would
//! have: 0 when the script ran to its end, 1 after an uncaught exception, the low byte of
//! `sys.exit(code)`; or with one of the finisher's codes when it could not run the script.
//!
//! Depends on mote-vm only (and a free-list allocator); a workspace of its own, built for
//! `riscv32imc-unknown-none-elf` from this folder (`.cargo/config.toml`). `scripts/rv32_size.py`
//! reports its size, `scripts/rv32_bench.py` runs programs on it.
#![no_std]
#![no_main]

extern crate alloc;

mod arena;
mod console;
mod counter;
mod finisher;
mod host;
mod script;
mod start;

use host::VirtHost;
use mote_vm::{Config, Outcome, Vm, VmError};

/// Stack bytes the VM may use (compiling, nested loops): `link.x` reserves 256 KiB.
const STACK_BUDGET: usize = 192 * 1024;

/// Called by `_start` on hart 0 with a stack and a zeroed `.bss`.
extern "C" fn main() -> ! {
    arena::init();
    let Some(script) = script::loaded() else {
        console::write(b"mote-qemu-virt: no script loaded\n");
        finisher::fail(finisher::NO_SCRIPT)
    };
    let config = Config {
        heap_bytes: script.heap_bytes,
        stack_budget: STACK_BUDGET,
        ..Config::default()
    };
    let before = counter::instret();
    let vm = Vm::new(config, VirtHost::new());
    let startup = counter::instret() - before;
    let mut vm = match vm {
        Ok(vm) => vm,
        Err(e) => {
            let why: &[u8] = match e {
                VmError::HeapTooSmall => b"heap too small",
                VmError::HeapTooLarge => b"heap too large",
                VmError::HeapFull => b"heap full",
                VmError::ModuleRefused => b"module refused",
            };
            console::write(b"mote-qemu-virt: the VM cannot start: ");
            console::write(why);
            console::write(b"\n");
            finisher::fail(finisher::NO_VM)
        }
    };
    let startup_heap = script.heap_bytes - vm.heap_bytes_free();
    let before = counter::instret();
    let empty_outcome = vm.run_source("", "<empty>");
    let empty = counter::instret() - before;
    let before = counter::instret();
    let outcome = vm.run_source(script.source, "<script>");
    let ran = counter::instret() - before;
    if !vm.host().at_line_start() {
        console::write(b"\n");
    }
    let figures = [
        (&b"mote-qemu-virt: startup="[..], startup),
        (b" empty=", empty),
        (b" script=", ran),
        (b" heap=", script.heap_bytes as u64),
        (b" startup_heap=", startup_heap as u64),
    ];
    for (label, n) in figures {
        console::write(label);
        console::write_dec(n);
    }
    console::write(b"\n");
    match (empty_outcome, outcome) {
        (Outcome::Ok, Outcome::Ok) => finisher::pass(),
        // What a POSIX process's exit status keeps of `sys.exit(code)`: its low byte.
        (Outcome::Ok, Outcome::SystemExit(code)) => match code as u8 {
            0 => finisher::pass(),
            status => finisher::fail(status),
        },
        _ => finisher::fail(finisher::EXCEPTION),
    }
}
