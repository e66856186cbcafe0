//! The host interface: the VM's only window on the world (console, clocks, timers, interrupt
//! signal, files for `import`, the filesystem of `open()` and `os`, the network of `socket`). `mote run` supplies
//! [`crate::std_host::StdHost`]; a board supplies its own over its console, timer and flash
//! filesystem.

use crate::fs::FileSystem;
use crate::net::{Network, SocketId};
use crate::wlan::Wlan;
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
    /// Wall-clock microseconds since the Unix epoch (negative before it). Integer, so a VM
    /// whose floats are 32-bit (the `float32` feature) links no 64-bit float code for its clock.
    fn time_us(&mut self) -> i64;
    /// Block until `ticks_us() >= t`, returning early once the interrupt flag is set (used by
    /// the `run_*` conveniences when the VM is idle, and by waits in nested loops). It may
    /// return early for other reasons; callers check the time again. It should let the CPU
    /// sleep rather than spin.
    fn wait_until(&mut self, t: u64);
    /// Return and clear the interrupt flag (Ctrl-C); the default suits a host without one.
    fn take_interrupt(&mut self) -> bool {
        false
    }
    /// Return and clear the signals Rust raised for asyncio's `ThreadSafeFlag`s: bit `n` sets
    /// the `n`-th flag the program created. A pending signal also ends an asyncio wait (and
    /// `wait_until`/`wait_io` should return when one arrives).
    fn take_signals(&mut self) -> u32 {
        0
    }
    /// Read a whole file (for `import`); the default suits a host without files (only
    /// built-in and frozen modules import). A board reads its filesystem with
    /// [`crate::fs::read_whole_file`].
    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, HostError> {
        let _ = path;
        Err(HostError::NotFound)
    }
    /// Does `path` name a regular file? The default: a host without files.
    fn is_file(&mut self, path: &str) -> bool {
        let _ = path;
        false
    }
    /// `sys.platform`.
    fn platform(&self) -> &str;
    /// `os.uname().nodename`: the board's name (the default suits a host without a board).
    fn node_name(&self) -> &str {
        "mote"
    }
    /// The filesystem behind `open()` and `os`; `None` makes them raise `OSError(ENODEV)`.
    fn fs(&mut self) -> Option<&mut dyn FileSystem> {
        None
    }
    /// The board's hardware behind `machine`; `None` (a host without a board, like `mote run`)
    /// makes `import machine` raise `ImportError`.
    fn machine(&mut self) -> Option<&mut dyn Machine> {
        None
    }
    /// Wi-Fi interface `interface` ([`crate::wlan::STA_IF`], [`crate::wlan::AP_IF`]) behind
    /// `network.WLAN`; `None` for an interface the host lacks. A host with no interface at all
    /// (like `mote run`) makes `import network` raise `ImportError`.
    fn wlan(&mut self, interface: u32) -> Option<&mut dyn Wlan> {
        let _ = interface;
        None
    }
    /// The network behind `socket`, `select` and asyncio's streams; `None` makes them raise
    /// `OSError(EOPNOTSUPP)`.
    fn net(&mut self) -> Option<&mut dyn Network> {
        None
    }
    /// Block until `ticks_us() >= t`, until one of `interest`'s sockets is ready for what its
    /// bits ask ([`crate::net::READABLE`], [`crate::net::WRITABLE`]), or until an interrupt, as
    /// [`Host::wait_until`] (which the default uses, polling readiness when it returns).
    fn wait_io(&mut self, interest: &[(SocketId, u32)], t: u64) {
        let _ = interest;
        self.wait_until(t);
    }
    /// One line of standard input for `input()`, without its line end; `None` at the end of
    /// input or on a host without one (then `input()` raises `EOFError`).
    fn read_line(&mut self) -> Option<Vec<u8>> {
        None
    }
    /// Fill `buf` from the host's entropy source for `os.urandom`; `false` if it has none
    /// (then `os.urandom` raises `OSError(ENODEV)`, never returns predictable bytes).
    fn random_bytes(&mut self, buf: &mut [u8]) -> bool {
        let _ = buf;
        false
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
