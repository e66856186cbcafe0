//! The host interface: the VM's only window on the world (console, clocks, timers, interrupt
//! signal, files for `import`, the filesystem of `open()` and `os`). `mote run` supplies
//! [`crate::std_host::StdHost`]; a board supplies its own over its console, timer and flash
//! filesystem.

use crate::fs::FileSystem;
use alloc::vec::Vec;
use core::any::Any;

/// Why a host operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostError {
    /// No such file.
    NotFound,
    /// Any other I/O failure.
    Io,
}

/// What the VM needs from its embedder.
pub trait Host: Any {
    /// Write bytes to standard output.
    fn write_stdout(&mut self, bytes: &[u8]);
    /// Write bytes to standard error.
    fn write_stderr(&mut self, bytes: &[u8]);
    /// Monotonic microseconds since an arbitrary start.
    fn ticks_us(&mut self) -> u64;
    /// Wall-clock seconds since the Unix epoch.
    fn time_s(&mut self) -> f64;
    /// Block until `ticks_us() >= t` (used by the `run_*` conveniences when the VM is idle).
    fn wait_until(&mut self, t: u64);
    /// Return and clear the interrupt flag (Ctrl-C).
    fn take_interrupt(&mut self) -> bool;
    /// Read a whole file (for `import`).
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, HostError>;
    /// Does `path` name a regular file?
    fn is_file(&mut self, path: &str) -> bool;
    /// `sys.platform`.
    fn platform(&self) -> &str;
    /// The filesystem behind `open()` and `os`; `None` makes them raise `OSError(ENODEV)`.
    fn fs(&mut self) -> Option<&mut dyn FileSystem> {
        None
    }
    /// The board's hardware behind `machine`; `None` (a host without a board, like `mote run`)
    /// makes `import machine` raise `ImportError`.
    fn machine(&mut self) -> Option<&mut dyn Machine> {
        None
    }
}

/// A board's hardware as the `machine` module sees it.
pub trait Machine {
    /// `machine.unique_id()`: the board's id bytes.
    fn unique_id(&self) -> Vec<u8>;
    /// The CPU frequency in Hz.
    fn freq(&self) -> u32;
    /// Change it; `false` when the board cannot run at `hz`.
    fn set_freq(&mut self, hz: u32) -> bool;
    /// Why the board last started: one of `machine`'s `*_RESET` values.
    fn reset_cause(&self) -> u32;
    /// `machine.reset()`: restart the board once the running program has stopped (the VM
    /// stops it with `SystemExit`).
    fn request_reset(&mut self);
    /// The level of GPIO `id`; `None` when the board has no such pin.
    fn pin(&mut self, id: u32) -> Option<bool>;
    /// Drive GPIO `id` to `level`; `false` when the board has no such pin.
    fn set_pin(&mut self, id: u32, level: bool) -> bool;
}
