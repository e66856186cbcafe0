//! The simulated board's WebREPL: `mote_webrepl` served on 127.0.0.1 (host-socket mode) from a
//! thread of its own running a current-thread tokio runtime, as a board runs it in embassy
//! tasks. This file only supplies the crate's seams:
//!
//! - [`WebReplTerminal`] ([`ReplSession`]): the WebREPL as one more terminal of the board's
//!   [`Console`]: its keys feed the one REPL session, it gets everything the board prints, and
//!   Ctrl-C interrupts a running program through the VM's interrupt flag.
//! - [`BoardFiles`] ([`mote_webrepl::FileStore`]): the flash filesystem, shared with the VM.
//! - [`BoardPassword`] ([`PasswordCheck`]): the hash in the board's configuration; a board
//!   without one refuses every network login.
//! - [`SimStatus`] ([`BoardStatus`]): what `GET /info` reports.
//! - [`FirmwareSlots`] ([`mote_webrepl::OtaSink`]): `PUT /ota` into the firmware's other slot.

use super::console::{Console, TerminalInput};
use super::files::BoardFiles;
use super::flash::SharedFlash;
use super::ip_config::BoardIpConfig;
use super::ota::running::{FirmwareSlots, RunningImage};
use crate::config;
use alloc::collections::VecDeque;
use alloc::string::String;
use mote_vm::fs::FileSystem;
use mote_webrepl::http::ota::OtaApi;
use mote_webrepl::{host, BoardInfo, BoardStatus, PasswordCheck, ReplSession, WebRepl};
use sha2::{Digest, Sha256};
use std::boxed::Box;
use std::format;
use std::io::Write;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// picoserve's timeouts: a whole upload must arrive within `read_request`, so it is set for
/// the largest file the flash holds on a slow link; a client that does not read its answers
/// (WebREPL output included) is dropped after `write`.
pub(crate) const TIMEOUTS: picoserve::Timeouts = picoserve::Timeouts {
    start_read_request: picoserve::time::Duration::from_secs(5),
    persistent_start_read_request: picoserve::time::Duration::from_secs(5),
    read_request: picoserve::time::Duration::from_secs(120),
    write: picoserve::time::Duration::from_secs(2),
};

/// Output held for a WebREPL client that reads slower than the board prints.
const OUTPUT_LIMIT: usize = 256 * 1024;

/// How long the board waits for a slow client to make room before its output is dropped (a
/// client that does not read at all is closed by the server's write timeout meanwhile).
const OUTPUT_WAIT: Duration = Duration::from_secs(2);

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[derive(Default)]
struct Output {
    attached: bool,
    queue: VecDeque<u8>,
}

#[derive(Default)]
struct TerminalShared {
    output: Mutex<Output>,
    /// The queue got room (the client read, or left).
    room: Condvar,
    /// The queue got bytes.
    ready: tokio::sync::Notify,
}

/// The WebREPL client as a terminal of the board's console.
pub struct WebReplTerminal {
    shared: Arc<TerminalShared>,
    input: TerminalInput,
}

impl WebReplTerminal {
    /// A terminal of `console`: from now on the board's output reaches it (while a client is
    /// attached).
    pub fn new(console: &Console) -> WebReplTerminal {
        let shared = Arc::new(TerminalShared::default());
        console.add_output(Box::new(TerminalWriter(shared.clone())));
        WebReplTerminal {
            shared,
            input: console.input(),
        }
    }
}

/// The console's side of the terminal: what the board prints goes into the client's queue.
struct TerminalWriter(Arc<TerminalShared>);

impl Write for TerminalWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let deadline = Instant::now() + OUTPUT_WAIT;
        let mut output = lock(&self.0.output);
        while output.attached && output.queue.len() >= OUTPUT_LIMIT {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(bytes.len());
            }
            output = self
                .0
                .room
                .wait_timeout(output, left)
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .0;
        }
        if output.attached {
            output.queue.extend(bytes);
            self.0.ready.notify_one();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl ReplSession for WebReplTerminal {
    fn attach(&self) {
        lock(&self.shared.output).attached = true;
    }

    fn detach(&self) {
        let mut output = lock(&self.shared.output);
        output.attached = false;
        output.queue.clear();
        self.shared.room.notify_all();
    }

    async fn input(&self, bytes: &[u8]) {
        self.input.send(bytes);
    }

    async fn output(&self, buf: &mut [u8]) -> usize {
        loop {
            let ready = self.shared.ready.notified();
            {
                let mut output = lock(&self.shared.output);
                let len = output.queue.len().min(buf.len());
                if len > 0 {
                    for (slot, byte) in buf.iter_mut().zip(output.queue.drain(..len)) {
                        *slot = byte;
                    }
                    self.shared.room.notify_all();
                    return len;
                }
            }
            ready.await;
        }
    }

    fn interrupt(&self) {
        self.input.interrupt();
    }
}

/// The board password as the configuration holds it (hashed), reread at every boot.
#[derive(Default)]
pub struct BoardPassword {
    hash: Mutex<Option<String>>,
    /// The last password that matched the hash, kept as a digest bound to that hash, so a
    /// client logging in again (every HTTP request carries the password) does not pay the
    /// 10,000 rounds each time. A wrong password always does.
    verified: Mutex<Option<[u8; 32]>>,
}

impl BoardPassword {
    /// The board's password hash now (`None`: no password, every login refused).
    pub fn set(&self, hash: Option<String>) {
        *lock(&self.hash) = hash;
        *lock(&self.verified) = None;
    }

    fn digest(hash: &str, candidate: &[u8]) -> [u8; 32] {
        Sha256::new()
            .chain_update(hash.as_bytes())
            .chain_update([0])
            .chain_update(candidate)
            .finalize()
            .into()
    }
}

impl PasswordCheck for BoardPassword {
    fn verify(&self, candidate: &[u8]) -> bool {
        let Some(hash) = lock(&self.hash).clone() else {
            return false;
        };
        let digest = Self::digest(&hash, candidate);
        if lock(&self.verified)
            .is_some_and(|known| mote_webrepl::password::constant_time_eq(&known, &digest))
        {
            return true;
        }
        let Ok(text) = core::str::from_utf8(candidate) else {
            return false;
        };
        let good = config::check_password(&hash, text);
        if good {
            *lock(&self.verified) = Some(digest);
        }
        good
    }
}

/// What `GET /info` reports about the simulated board.
pub struct SimStatus {
    name: String,
    unique_id: String,
    ip: BoardIpConfig,
    started: Instant,
    free_heap: Arc<AtomicU64>,
    flash: SharedFlash,
    firmware: Option<Arc<RunningImage>>,
    /// Free flash and when it was measured: the storage's count takes milliseconds on a big
    /// partition, too long to pay on every request.
    free_flash: Mutex<Option<(Instant, u64)>>,
}

/// How old the free-flash figure `GET /info` reports may be.
const FREE_FLASH_AGE: Duration = Duration::from_secs(1);

impl SimStatus {
    /// The board called `name` with `unique_id`, reachable at `ip` (kept current by its
    /// network), up since `started`; the board loop keeps `free_heap` current.
    pub fn new(
        name: &str,
        unique_id: [u8; 6],
        ip: BoardIpConfig,
        started: Instant,
        free_heap: Arc<AtomicU64>,
        flash: SharedFlash,
        firmware: Option<Arc<RunningImage>>,
    ) -> SimStatus {
        let unique_id = unique_id.iter().map(|b| format!("{b:02x}")).collect();
        SimStatus {
            name: name.into(),
            unique_id,
            ip,
            started,
            free_heap,
            flash,
            firmware,
            free_flash: Mutex::new(None),
        }
    }

    /// The settings it reports, for the network to keep current.
    pub fn ip_config(&self) -> BoardIpConfig {
        self.ip.clone()
    }

    fn free_flash(&self) -> u64 {
        let mut cached = lock(&self.free_flash);
        match *cached {
            Some((at, bytes)) if at.elapsed() < FREE_FLASH_AGE => bytes,
            _ => {
                let bytes = self
                    .flash
                    .clone()
                    .statvfs("/")
                    .map_or(0, |s| s.bavail.saturating_mul(s.frsize));
                *cached = Some((Instant::now(), bytes));
                bytes
            }
        }
    }
}

impl BoardStatus for SimStatus {
    fn info(&self) -> BoardInfo<'_> {
        let free_flash = self.free_flash();
        BoardInfo {
            name: &self.name,
            unique_id: &self.unique_id,
            firmware_version: self
                .firmware
                .as_ref()
                .map_or(env!("CARGO_PKG_VERSION"), |f| f.version()),
            firmware_slot: self.firmware.as_ref().map(|f| f.slot_label()),
            firmware_state: self.firmware.as_ref().map(|f| f.state_name()),
            free_heap: self.free_heap.load(Ordering::Relaxed),
            free_flash,
            uptime_ms: self.started.elapsed().as_millis() as u64,
            ip: self.ip.address(),
        }
    }
}

/// The board's pieces the server is made of.
pub struct Seams {
    /// The WebREPL terminal of the console.
    pub terminal: WebReplTerminal,
    /// The filesystem.
    pub files: BoardFiles,
    /// The password.
    pub password: Arc<BoardPassword>,
    /// `GET /info`.
    pub status: SimStatus,
    /// `PUT /ota`.
    pub ota: FirmwareSlots,
}

/// The seams of the board that boots with `board` on `console` and `flash`; the board loop keeps
/// `free_heap` and `password` current, its network `ip`.
#[allow(clippy::too_many_arguments)]
pub fn seams(
    console: &Console,
    board: &config::BoardConfig,
    ip: &BoardIpConfig,
    flash: &SharedFlash,
    free_heap: &Arc<AtomicU64>,
    password: &Arc<BoardPassword>,
    started: Instant,
    firmware: Option<Arc<RunningImage>>,
) -> Seams {
    Seams {
        terminal: WebReplTerminal::new(console),
        files: BoardFiles::new(flash.clone()),
        password: Arc::clone(password),
        status: SimStatus::new(
            &board.name,
            board.unique_id,
            ip.clone(),
            started,
            Arc::clone(free_heap),
            flash.clone(),
            firmware.clone(),
        ),
        ota: FirmwareSlots::new(firmware),
    }
}

/// Serve the WebREPL and the HTTP API on 127.0.0.1:`port` from a new thread, until the process
/// ends; the address it listens on (`port` 0 picks a free one).
pub fn start(port: u16, seams: Seams) -> std::io::Result<SocketAddr> {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    seams.files.clean();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    std::thread::Builder::new()
        .name("webrepl".into())
        .spawn(move || {
            super::latency::request_short_slice();
            // One board, one server, for the life of the process: leaking gives the
            // connection tasks the 'static state they share.
            let session = host::leak(seams.terminal);
            let files = host::leak(seams.files);
            let password = host::leak(seams.password);
            let status = host::leak(seams.status);
            let ota = host::leak(seams.ota);
            let app = host::leak(
                WebRepl::new(
                    session,
                    files,
                    &**password,
                    host::TokioDelay,
                    mote_webrepl::Config {
                        // A request may carry a whole firmware image (`PUT /ota`).
                        max_put_size: super::ota::SLOT_LEN,
                        ..mote_webrepl::Config::default()
                    },
                )
                .with_status(status),
            );
            let router = host::leak(mote_webrepl::router(app).route(
                mote_webrepl::http::ota::PATH,
                picoserve::routing::put_service(OtaApi::new(app, ota)),
            ));
            let http = host::leak(picoserve::Config::new(TIMEOUTS).keep_connection_alive());
            let local = tokio::task::LocalSet::new();
            let served = local.block_on(&runtime, async move {
                let listener = tokio::net::TcpListener::from_std(listener)?;
                host::serve(listener, app, router, http).await
            });
            if let Err(e) = served {
                std::eprintln!("mote sim: the WebREPL stopped: {e}");
            }
        })?;
    Ok(addr)
}
