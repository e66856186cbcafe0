//! The simulated board's VM host: console captured in buffers, the host's clocks, an
//! interrupt flag the console sets on Ctrl-C, and the filesystem on simulated NOR flash
//! ([`mote_storage::sim::SimFlash`]) through [`FlashFs`].

use super::machine::SimMachine;
use crate::fs::FlashFs;
use alloc::vec::Vec;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::fs::FileSystem;
use mote_vm::net::{Network, SocketId, ERROR, HANGUP};
use mote_vm::repl::Console;
use mote_vm::{Host, HostError, Machine};
use std::boxed::Box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// A VM host whose files live on simulated flash.
pub struct SimHost {
    start: Instant,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// stderr goes into `stdout`, in order (the board's console has one stream).
    merged: bool,
    interrupt: Arc<AtomicBool>,
    fs: FlashFs<SimFlash>,
    machine: Option<SimMachine>,
    net: Option<Box<dyn Network>>,
}

impl SimHost {
    /// A host over the mounted filesystem `fs`.
    pub fn new(fs: Fs<SimFlash>) -> SimHost {
        SimHost {
            start: Instant::now(),
            stdout: Vec::new(),
            stderr: Vec::new(),
            merged: false,
            interrupt: Arc::new(AtomicBool::new(false)),
            fs: FlashFs::new(fs),
            machine: None,
            net: None,
        }
    }

    /// A host for the board's console: one output stream for the REPL to forward, and
    /// `interrupt` as the Ctrl-C flag (shared with the console readers).
    pub fn console(fs: Fs<SimFlash>, interrupt: Arc<AtomicBool>) -> SimHost {
        SimHost {
            merged: true,
            interrupt,
            ..SimHost::new(fs)
        }
    }

    /// Take what Python printed to stdout.
    pub fn take_stdout(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.stdout)
    }

    /// Take what Python printed to stderr.
    pub fn take_stderr(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.stderr)
    }

    /// Give Python a board (`machine`).
    pub fn set_machine(&mut self, machine: SimMachine) {
        self.machine = Some(machine);
    }

    /// The board, if any.
    pub fn sim_machine(&mut self) -> Option<&mut SimMachine> {
        self.machine.as_mut()
    }

    /// Give Python a network (`socket`): host sockets or the TAP board's stack.
    pub fn set_net(&mut self, net: Box<dyn Network>) {
        self.net = Some(net);
    }

    /// The filesystem, to unmount it.
    pub fn into_fs(self) -> Fs<SimFlash> {
        self.fs.into_inner()
    }

    /// The flash filesystem.
    pub fn flash_fs(&mut self) -> &mut FlashFs<SimFlash> {
        &mut self.fs
    }
}

impl Host for SimHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.stdout.extend_from_slice(bytes);
    }

    fn write_stderr(&mut self, bytes: &[u8]) {
        if self.merged {
            self.stdout.extend_from_slice(bytes);
        } else {
            self.stderr.extend_from_slice(bytes);
        }
    }

    fn ticks_us(&mut self) -> u64 {
        self.start.elapsed().as_micros() as u64
    }

    fn time_s(&mut self) -> f64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64())
    }

    fn wait_until(&mut self, t: u64) {
        // In short steps, so Ctrl-C ends a sleep inside a nested call at once.
        loop {
            let now = self.ticks_us();
            if now >= t || self.interrupt.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_micros((t - now).min(10_000)));
        }
    }

    fn take_interrupt(&mut self) -> bool {
        self.interrupt.swap(false, Ordering::SeqCst)
    }

    fn read_file(&mut self, path: &str) -> Result<Vec<u8>, HostError> {
        let mode = mote_vm::fs::parse_mode("rb").map_err(|_| HostError::Io)?;
        let fd = self.fs.open(path, mode).map_err(|e| match e.0 {
            mote_vm::fs::ENOENT => HostError::NotFound,
            _ => HostError::Io,
        })?;
        let mut out = Vec::new();
        let mut buf = [0u8; 256];
        let r = loop {
            match self.fs.read(fd, &mut buf) {
                Ok(0) => break Ok(()),
                Ok(n) => out.extend_from_slice(&buf[..n.min(buf.len())]),
                Err(_) => break Err(HostError::Io),
            }
        };
        let _ = self.fs.close(fd);
        r.map(|_| out)
    }

    fn is_file(&mut self, path: &str) -> bool {
        self.fs.stat(path).is_ok_and(|s| !s.is_dir)
    }

    fn platform(&self) -> &str {
        "mote-sim"
    }

    fn fs(&mut self) -> Option<&mut dyn FileSystem> {
        Some(&mut self.fs)
    }

    fn machine(&mut self) -> Option<&mut dyn Machine> {
        self.machine.as_mut().map(|m| m as &mut dyn Machine)
    }

    fn net(&mut self) -> Option<&mut dyn Network> {
        match &mut self.net {
            Some(net) => Some(net.as_mut()),
            None => None,
        }
    }

    fn wait_io(&mut self, interest: &[(SocketId, u32)], t: u64) {
        // The network has no waker here: look at the sockets every millisecond.
        loop {
            let ready = self.net.as_deref_mut().is_some_and(|net| {
                interest
                    .iter()
                    .any(|&(s, bits)| net.ready(s) & (bits | ERROR | HANGUP) != 0)
            });
            let now = self.ticks_us();
            if ready || now >= t || self.interrupt.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_micros((t - now).min(1_000)));
        }
    }
}

impl Console for SimHost {
    fn take_output(&mut self, out: &mut Vec<u8>) {
        out.append(&mut self.stdout);
        out.append(&mut self.stderr);
    }

    fn interrupt(&mut self) {
        self.interrupt.store(true, Ordering::SeqCst);
    }
}
