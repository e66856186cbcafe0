//! A [`Host`] over `std`: real or captured stdout/stderr, the system clocks, files ([`StdFs`]),
//! and an [`InterruptHandle`] that a Ctrl-C handler (or any thread) uses to raise
//! `KeyboardInterrupt` in the running program.
//!
//! Waiting sleeps the thread in `poll(2)` on a self-pipe: an interrupt writes one byte to the
//! pipe, so a wait ends at once and an idle VM uses no CPU.

extern crate std;

use crate::fs::FileSystem;
use crate::fs_std::StdFs;
use crate::host::{Host, HostError};
use crate::net::{Network, SocketId};
use crate::net_std::{ready_to_events, StdNet};
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The std-backed host used by `mote run` and the tests.
pub struct StdHost {
    start: Instant,
    capture: bool,
    /// Captured stderr goes into the stdout buffer, in order (a console).
    merged: bool,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    interrupt: InterruptHandle,
    fs: StdFs,
    net: StdNet,
}

/// Raises `KeyboardInterrupt` in the VM of a [`StdHost`] from any thread, also while the
/// program waits (the wait ends at once).
#[derive(Clone)]
pub struct InterruptHandle(Arc<Wakeup>);

struct Wakeup {
    flag: AtomicBool,
    signals: AtomicU32,
    /// Self-pipe: `wait_until` polls the read end, an interrupt writes to the write end.
    /// `None` if the process is out of file descriptors; waits then sleep in 10 ms slices.
    pipe: Option<(OwnedFd, OwnedFd)>,
}

impl InterruptHandle {
    fn new() -> InterruptHandle {
        let mut fds = [0i32; 2];
        // SAFETY: `fds` is a valid array of two ints for pipe2 to fill.
        let ok = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_NONBLOCK | libc::O_CLOEXEC) } == 0;
        let pipe = ok.then(|| {
            use std::os::fd::FromRawFd;
            // SAFETY: pipe2 succeeded, so both descriptors are open and owned by nobody else.
            unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
        });
        InterruptHandle(Arc::new(Wakeup {
            flag: AtomicBool::new(false),
            signals: AtomicU32::new(0),
            pipe,
        }))
    }

    /// Ask the program to stop with `KeyboardInterrupt` (Ctrl-C).
    pub fn interrupt(&self) {
        self.0.flag.store(true, Ordering::SeqCst);
        self.poke();
    }

    /// Set asyncio `ThreadSafeFlag` number `n` (the `n`-th the program created, from 0; `n`
    /// below 32), waking the program if it waits.
    pub fn signal(&self, n: u32) {
        self.0.signals.fetch_or(1u32 << (n & 31), Ordering::SeqCst);
        self.poke();
    }

    fn poke(&self) {
        if let Some((_, w)) = &self.0.pipe {
            // A full pipe already holds a wakeup; nothing is lost by a failed write.
            // SAFETY: writing one byte from a valid buffer to an open descriptor.
            let _ = unsafe { libc::write(w.as_raw_fd(), b"!".as_ptr().cast(), 1) };
        }
    }

    /// Withdraw an interrupt that was not delivered yet.
    pub fn clear(&self) {
        self.0.flag.store(false, Ordering::SeqCst);
    }

    /// Is an interrupt pending?
    pub fn is_set(&self) -> bool {
        self.0.flag.load(Ordering::SeqCst)
    }

    fn take(&self) -> bool {
        self.0.flag.swap(false, Ordering::SeqCst)
    }

    /// Empty the self-pipe (after a poll saw it readable).
    fn drain(&self) {
        if let Some((r, _)) = &self.0.pipe {
            let mut buf = [0u8; 64];
            // SAFETY: reading into a valid buffer of its own length from an open descriptor.
            while unsafe { libc::read(r.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
        }
    }

    fn read_fd(&self) -> Option<i32> {
        self.0.pipe.as_ref().map(|(r, _)| r.as_raw_fd())
    }
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
            interrupt: InterruptHandle::new(),
            net: StdNet::new(),
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

    /// The interrupt handle: `interrupt()` raises `KeyboardInterrupt` in the running program.
    pub fn interrupt_handle(&self) -> InterruptHandle {
        self.interrupt.clone()
    }

    /// Sleep in `poll(2)` until tick `t`, an interrupt, or readiness of one of `fds`
    /// (`(fd, poll events)`).
    fn wait_fds(&mut self, fds: &[(i32, i16)], t: u64) {
        let mut set: Vec<libc::pollfd> = Vec::with_capacity(fds.len() + 1);
        loop {
            let now = self.ticks_us();
            if now >= t
                || self.interrupt.is_set()
                || self.interrupt.0.signals.load(Ordering::SeqCst) != 0
            {
                return;
            }
            set.clear();
            if let Some(fd) = self.interrupt.read_fd() {
                set.push(libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                });
            }
            set.extend(fds.iter().map(|&(fd, events)| libc::pollfd {
                fd,
                events,
                revents: 0,
            }));
            let slice = if self.interrupt.read_fd().is_some() {
                t - now
            } else {
                (t - now).min(10_000)
            };
            let ms = slice.div_ceil(1000).min(i32::MAX as u64) as i32;
            // SAFETY: `set` is a valid array of `set.len()` pollfd structs.
            let n = unsafe { libc::poll(set.as_mut_ptr(), set.len() as libc::nfds_t, ms) };
            if n > 0 {
                self.interrupt.drain();
                let skip = usize::from(self.interrupt.read_fd().is_some());
                if set[skip..].iter().any(|p| p.revents != 0) {
                    return;
                }
            }
        }
    }
}

impl Host for StdHost {
    fn read_line(&mut self) -> Option<Vec<u8>> {
        if self.capture {
            return None;
        }
        let mut line = std::string::String::new();
        match std::io::stdin().read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => {
                let trimmed = line.strip_suffix('\n').unwrap_or(&line);
                let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
                Some(trimmed.as_bytes().to_vec())
            }
        }
    }

    fn random_bytes(&mut self, buf: &mut [u8]) -> bool {
        use std::io::Read;
        std::fs::File::open("/dev/urandom")
            .and_then(|mut f| f.read_exact(buf))
            .is_ok()
    }

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

    fn time_us(&mut self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros() as i64)
    }

    fn wait_until(&mut self, t: u64) {
        self.wait_fds(&[], t);
    }

    fn take_interrupt(&mut self) -> bool {
        self.interrupt.take()
    }

    fn take_signals(&mut self) -> u32 {
        self.interrupt.0.signals.swap(0, Ordering::SeqCst)
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

    fn net(&mut self) -> Option<&mut dyn Network> {
        Some(&mut self.net)
    }

    fn wait_io(&mut self, interest: &[(SocketId, u32)], t: u64) {
        let fds: Vec<(i32, i16)> = interest
            .iter()
            .filter_map(|&(s, bits)| Some((self.net.fd(s)?, ready_to_events(bits))))
            .collect();
        self.wait_fds(&fds, t);
    }
}

impl crate::repl::Console for StdHost {
    fn take_output(&mut self, out: &mut Vec<u8>) {
        out.append(&mut self.stdout);
        out.append(&mut self.stderr);
    }

    fn interrupt(&mut self) {
        self.interrupt.interrupt();
    }
}

/// A stack budget for a VM run on the calling process's main thread: what `RLIMIT_STACK` allows
/// less 64 KiB for the embedder's own frames and the last unchecked stretch, capped at the
/// compiler's default. (Threads other than the main one have the stack they were spawned
/// with; their embedders pass that instead.)
pub fn main_thread_stack_budget() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes only the struct it is given, which lives for the call.
    let known = unsafe { libc::getrlimit(libc::RLIMIT_STACK, &mut limit) } == 0;
    let default = crate::compile::DEFAULT_STACK_BUDGET;
    if !known || limit.rlim_cur == libc::RLIM_INFINITY {
        return default;
    }
    usize::try_from(limit.rlim_cur)
        .unwrap_or(usize::MAX)
        .saturating_sub(64 * 1024)
        .min(default)
}
