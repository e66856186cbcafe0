//! [`EspHost`]: the VM's host on the chip: Python's output collected for the console, the
//! chip's microsecond clock, the Ctrl-C flag, the filesystem on the flash partition and the
//! chip's `machine`.

use super::flash::PartitionFlash;
use super::machine::EspMachine;
use crate::fs::FlashFs;
use alloc::boxed::Box;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};
use embassy_time::Instant;
use mote_vm::fs::FileSystem;
use mote_vm::repl::Console;
use mote_vm::{Host, HostError, Machine};

/// Ctrl-C seen by the console while a program runs.
static INTERRUPT: AtomicBool = AtomicBool::new(false);

/// The filesystem on the chip's flash. Boxed: it holds its buffers (16 KiB) inline, and the
/// tasks that own it are static, sized for their largest state.
pub type EspFs = Box<FlashFs<PartitionFlash>>;

/// A VM host whose files live on the chip's flash.
pub struct EspHost {
    output: Vec<u8>,
    fs: EspFs,
    machine: EspMachine,
}

impl EspHost {
    /// A host over the mounted filesystem `fs`, with `machine`.
    pub fn new(fs: EspFs, machine: EspMachine) -> EspHost {
        EspHost {
            output: Vec::new(),
            fs,
            machine,
        }
    }

    /// The flash filesystem.
    pub fn flash_fs(&mut self) -> &mut FlashFs<PartitionFlash> {
        &mut self.fs
    }

    /// The filesystem and the chip, for the next VM.
    pub fn into_parts(self) -> (EspFs, EspMachine) {
        (self.fs, self.machine)
    }

    /// The chip's `machine`.
    pub fn esp_machine(&mut self) -> &mut EspMachine {
        &mut self.machine
    }
}

/// Microseconds since the chip started.
pub fn now_us() -> u64 {
    Instant::now().as_micros()
}

impl Host for EspHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.output.extend_from_slice(bytes);
    }

    fn write_stderr(&mut self, bytes: &[u8]) {
        self.output.extend_from_slice(bytes);
    }

    fn ticks_us(&mut self) -> u64 {
        now_us()
    }

    fn time_us(&mut self) -> i64 {
        // No wall clock until SNTP is wired (issue 11): time since start, as MicroPython
        // boards without an RTC setting count from 2000-01-01.
        now_us() as i64
    }

    fn wait_until(&mut self, t: u64) {
        // Only nested waits come here (the console loop sleeps through `Poll::Idle`): they
        // spin, as short as the program asked.
        while now_us() < t && !INTERRUPT.load(Ordering::SeqCst) {
            core::hint::spin_loop();
        }
    }

    fn take_interrupt(&mut self) -> bool {
        // The RV32IMC core has no atomic swap; only tasks (never an interrupt handler) set
        // the flag, and tasks do not preempt each other, so a load then a store is enough.
        let set = INTERRUPT.load(Ordering::SeqCst);
        if set {
            INTERRUPT.store(false, Ordering::SeqCst);
        }
        set
    }

    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, HostError> {
        mote_vm::fs::read_whole_file(&mut *self.fs, path)
    }

    fn is_file(&mut self, path: &str) -> bool {
        self.fs.stat(path).is_ok_and(|s| !s.is_dir)
    }

    fn platform(&self) -> &str {
        // MicroPython's name for every ESP32 family chip.
        "esp32"
    }

    fn fs(&mut self) -> Option<&mut dyn FileSystem> {
        Some(&mut *self.fs)
    }

    fn machine(&mut self) -> Option<&mut dyn Machine> {
        Some(&mut self.machine)
    }
}

impl Console for EspHost {
    fn take_output(&mut self, out: &mut Vec<u8>) {
        out.append(&mut self.output);
    }

    fn interrupt(&mut self) {
        INTERRUPT.store(true, Ordering::SeqCst);
    }
}
