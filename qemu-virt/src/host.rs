//! The VM's host on the virt machine: the UART for output, the CLINT's `mtime` for clocks,
//! and nothing else (no files, no input, no network, no `machine`).

use crate::console;
use mote_vm::Host;

/// The CLINT's `mtime` register (64 bits), counting at the virt machine's 10 MHz timebase;
/// under `-icount` it follows the instruction count, not the host's clock.
const MTIME: *const u32 = 0x0200_BFF8 as *const u32;
/// `mtime` ticks per microsecond.
const TICKS_PER_US: u64 = 10;

/// The host: remembers whether the last byte written ended a line.
pub struct VirtHost {
    at_line_start: bool,
}

impl VirtHost {
    /// A host whose console is at the start of a line.
    pub fn new() -> VirtHost {
        VirtHost {
            at_line_start: true,
        }
    }

    /// Whether the last byte the program wrote ended a line (or it wrote nothing).
    pub fn at_line_start(&self) -> bool {
        self.at_line_start
    }

    fn write(&mut self, bytes: &[u8]) {
        if let Some(&last) = bytes.last() {
            self.at_line_start = last == b'\n';
        }
        console::write(bytes);
    }
}

fn mtime() -> u64 {
    loop {
        // SAFETY: the CLINT's mtime halves, at their fixed addresses on the virt machine;
        // volatile word reads have no side effect.
        let (hi, lo, again) = unsafe {
            (
                core::ptr::read_volatile(MTIME.add(1)),
                core::ptr::read_volatile(MTIME),
                core::ptr::read_volatile(MTIME.add(1)),
            )
        };
        if hi == again {
            return (u64::from(hi) << 32) | u64::from(lo);
        }
    }
}

impl Host for VirtHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.write(bytes);
    }

    fn write_stderr(&mut self, bytes: &[u8]) {
        self.write(bytes);
    }

    fn ticks_us(&mut self) -> u64 {
        mtime() / TICKS_PER_US
    }

    /// The machine has no set clock: time since reset.
    fn time_us(&mut self) -> i64 {
        (mtime() / TICKS_PER_US) as i64
    }

    /// Spins: with interrupts off there is nothing to sleep until, and no interrupt flag.
    fn wait_until(&mut self, t: u64) {
        while self.ticks_us() < t {
            core::hint::spin_loop();
        }
    }

    fn platform(&self) -> &str {
        "qemu"
    }
}
