//! The simulated board's VM host: console captured in buffers, the host's clocks, an
//! interrupt flag the console sets on Ctrl-C, and the filesystem on simulated NOR flash
//! ([`mote_storage::sim::SimFlash`]) through [`FlashFs`], shared with the board's WebREPL
//! ([`SharedFlash`]); Python's network is what the board gives it ([`SimHost::set_net`]: the
//! host's sockets on its loopback), its Wi-Fi the [`SimWlan`] stand-ins.

use super::console::ConsoleOutput;
use super::flash::SharedFlash;
use super::ip_config::BoardIpConfig;
use super::machine::SimMachine;
use super::wlan::SimWlan;
use crate::fs::FlashFs;
use alloc::vec::Vec;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::fs::FileSystem;
use mote_vm::net::{Network, SocketId, ERROR, HANGUP};
use mote_vm::repl::Console;
use mote_vm::wlan::{Wlan, AP_IF, STA_IF};
use mote_vm::{Host, HostError, Machine};
use std::boxed::Box;
use std::string::String;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, MutexGuard};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// A VM host whose files live on simulated flash.
pub struct SimHost {
    start: Instant,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    /// stderr goes into `stdout`, in order (the board's console has one stream).
    merged: bool,
    interrupt: Arc<AtomicBool>,
    fs: SharedFlash,
    machine: Option<SimMachine>,
    net: Option<Box<dyn Network>>,
    name: String,
    station: Option<SimWlan>,
    access_point: Option<SimWlan>,
    nested_output: Option<ConsoleOutput>,
    /// Console bytes the board has yet to send (the REPL's echo): they go first.
    held: Vec<u8>,
    /// Free heap as the board loop last saw it (`GET /info` reads it from another thread).
    heap_meter: Arc<AtomicU64>,
}

impl SimHost {
    /// A host over the mounted filesystem `fs`.
    pub fn new(fs: Fs<SimFlash>) -> SimHost {
        SimHost::shared(SharedFlash::new(fs))
    }

    /// A host over the board's shared filesystem.
    pub fn shared(fs: SharedFlash) -> SimHost {
        SimHost {
            start: Instant::now(),
            stdout: Vec::new(),
            stderr: Vec::new(),
            merged: false,
            interrupt: Arc::new(AtomicBool::new(false)),
            fs,
            machine: None,
            net: None,
            name: String::from("mote"),
            station: None,
            access_point: None,
            nested_output: None,
            held: Vec::new(),
            heap_meter: Arc::new(AtomicU64::new(0)),
        }
    }

    /// A host for the board's console: one output stream for the REPL to forward, and
    /// `interrupt` as the Ctrl-C flag (shared with the console readers).
    pub fn console(fs: SharedFlash, interrupt: Arc<AtomicBool>) -> SimHost {
        SimHost {
            merged: true,
            interrupt,
            ..SimHost::shared(fs)
        }
    }

    /// Where [`SimHost::report_free_heap`] puts its figure.
    pub fn set_heap_meter(&mut self, meter: Arc<AtomicU64>) {
        self.heap_meter = meter;
    }

    /// The board loop saw `bytes` of the Python heap free.
    pub fn report_free_heap(&self, bytes: usize) {
        self.heap_meter.store(bytes as u64, Ordering::Relaxed);
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

    /// Name the board (`os.uname().nodename`) and give it Wi-Fi interfaces, the station
    /// joined to `ssid` over the board's link, whose settings are `link`.
    pub fn set_identity(
        &mut self,
        name: &str,
        unique_id: [u8; 6],
        ssid: &str,
        link: &BoardIpConfig,
    ) {
        self.name = name.into();
        self.station = Some(SimWlan::station(name, unique_id, ssid, link.clone()));
        self.access_point = Some(SimWlan::access_point(name, unique_id, link.clone()));
    }

    /// Where to send output when a program waits in a nested loop (the console).
    pub fn set_nested_output(&mut self, output: ConsoleOutput) {
        self.nested_output = Some(output);
    }

    /// Keep `bytes` (moved out) to send before anything Python prints next.
    pub fn hold_console_bytes(&mut self, bytes: &mut Vec<u8>) {
        self.held.append(bytes);
    }

    /// The held console bytes not sent yet.
    pub fn take_held_console_bytes(&mut self) -> Vec<u8> {
        core::mem::take(&mut self.held)
    }

    /// Before blocking: send what Python printed (after any held console bytes). The VM waits
    /// through the host only inside nested loops (an `import` whose module sleeps or waits on
    /// a socket), where the board's loop, which forwards output between polls, does not run;
    /// elsewhere there is nothing left to send.
    fn forward_output(&mut self) {
        if let Some(output) = &self.nested_output {
            let mut cooked = core::mem::take(&mut self.held);
            mote_vm::repl::cook(&self.stdout, &mut cooked);
            mote_vm::repl::cook(&self.stderr, &mut cooked);
            self.stdout.clear();
            self.stderr.clear();
            output.write(&cooked);
        }
    }

    /// Give Python a network (`socket`): host sockets or the TAP board's stack.
    pub fn set_net(&mut self, net: Box<dyn Network>) {
        self.net = Some(net);
    }

    /// The board, if any.
    pub fn sim_machine(&mut self) -> Option<&mut SimMachine> {
        self.machine.as_mut()
    }

    /// The flash filesystem, locked while the guard lives.
    pub fn flash_fs(&mut self) -> MutexGuard<'_, FlashFs<SimFlash>> {
        self.fs.lock()
    }

    /// The shared handle on the flash filesystem.
    pub fn shared_flash(&self) -> &SharedFlash {
        &self.fs
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

    fn time_us(&mut self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_micros() as i64)
    }

    fn wait_until(&mut self, t: u64) {
        self.forward_output();
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
        mote_vm::fs::read_whole_file(&mut self.fs, path)
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

    fn node_name(&self) -> &str {
        &self.name
    }

    fn wlan(&mut self, interface: u32) -> Option<&mut dyn Wlan> {
        let w = match interface {
            STA_IF => self.station.as_mut(),
            AP_IF => self.access_point.as_mut(),
            _ => None,
        };
        w.map(|w| w as &mut dyn Wlan)
    }

    fn net(&mut self) -> Option<&mut dyn Network> {
        match &mut self.net {
            Some(net) => Some(net.as_mut()),
            None => None,
        }
    }

    fn wait_io(&mut self, interest: &[(SocketId, u32)], t: u64) {
        self.forward_output();
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
