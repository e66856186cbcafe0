//! A [`Host`] over `std`: real or captured stdout/stderr, the system clocks, files ([`StdFs`]),
//! and a shareable interrupt flag that a Ctrl-C handler can set.

extern crate std;

use crate::fs::FileSystem;
use crate::fs_std::StdFs;
use crate::host::{Host, HostError};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, Ordering};
use std::io::Write;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The std-backed host used by `mote run` and the tests.
pub struct StdHost {
    start: Instant,
    capture: bool,
    /// Captured stderr goes into the stdout buffer, in order (a console).
    merged: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    interrupt: Arc<AtomicBool>,
    fs: StdFs,
}

impl Default for StdHost {
    fn default() -> Self {
        Self::new()
    }
}

impl StdHost {
    /// A host writing to the process's stdout and stderr.
    pub fn new() -> StdHost {
        StdHost {
            start: Instant::now(),
            capture: false,
            merged: false,
            stdout: Vec::new(),
            stderr: Vec::new(),
            interrupt: Arc::new(AtomicBool::new(false)),
            fs: StdFs::new(),
        }
    }

    /// A host that captures output in buffers (for tests).
    pub fn capturing() -> StdHost {
        StdHost {
            capture: true,
            ..StdHost::new()
        }
    }

    /// A host for the REPL ([`crate::repl::Console`]): stdout and stderr collected together,
    /// in order, for the REPL to forward.
    pub fn console() -> StdHost {
        StdHost {
            capture: true,
            merged: true,
            ..StdHost::new()
        }
    }

    /// The same host with `open()` and `os` starting in directory `dir` instead of the
    /// process's current directory.
    pub fn in_dir(mut self, dir: &str) -> StdHost {
        self.fs = StdFs::starting_in(dir);
        self
    }

    /// Take the captured stdout.
    pub fn take_stdout(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.stdout)
    }

    /// Take the captured stderr.
    pub fn take_stderr(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.stderr)
    }

    /// The interrupt flag: setting it raises `KeyboardInterrupt` in the running program.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }
}

impl Host for StdHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        if self.capture {
            self.stdout.extend_from_slice(bytes);
        } else {
            let mut o = std::io::stdout();
            let _ = o.write_all(bytes);
            let _ = o.flush();
        }
    }

    fn write_stderr(&mut self, bytes: &[u8]) {
        if self.merged {
            self.stdout.extend_from_slice(bytes);
        } else if self.capture {
            self.stderr.extend_from_slice(bytes);
        } else {
            let _ = std::io::stderr().write_all(bytes);
        }
    }

    fn ticks_us(&mut self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }

    fn time_s(&mut self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }

    fn wait_until(&mut self, t: u64) {
        loop {
            let now = self.ticks_us();
            if now >= t || self.interrupt.load(Ordering::Relaxed) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_micros((t - now).min(20_000)));
        }
    }

    fn take_interrupt(&mut self) -> bool {
        self.interrupt.swap(false, Ordering::Relaxed)
    }

    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, HostError> {
        std::fs::read(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => HostError::NotFound,
            _ => HostError::Io,
        })
    }

    fn is_file(&mut self, path: &str) -> bool {
        std::path::Path::new(path).is_file()
    }

    fn platform(&self) -> &str {
        std::env::consts::OS
    }

    fn fs(&mut self) -> Option<&mut dyn FileSystem> {
        Some(&mut self.fs)
    }
}

impl crate::repl::Console for StdHost {
    fn take_output(&mut self, out: &mut Vec<u8>) {
        out.append(&mut self.stdout);
        out.append(&mut self.stderr);
    }

    fn interrupt(&mut self) {
        self.interrupt.store(true, Ordering::SeqCst);
    }
}
