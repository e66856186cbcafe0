//! The simulated board: the boot sequence and the console loop, over a flash image file.
//!
//! Boot: open (or create and format) the flash image, mount it, read the configuration
//! ([`crate::config`]; missing or garbled gives a message and the defaults, never a failed
//! boot), open the console, then for every (soft) reset: a fresh VM on the same host, `boot.py`,
//! `main.py` (skipped when the session is in the raw REPL, as MicroPython does, so tools get a
//! quiet board), and the REPL until it asks for a soft reset. A script's traceback is printed and
//! the boot goes on; `SystemExit` from a script resets, `machine.reset()` restarts the board
//! (flash remounted, configuration reread, a fresh REPL session). The VM is polled with fuel ([`serve`]) so the console keeps being served
//! while Python computes.

use super::console::{Console, ConsoleKind};
use super::flash::SharedFlash;
use super::host::SimHost;
use super::ip_config::{self, BoardIpConfig};
use super::machine::{ResetCause, SimMachine};
use super::network::{self, BoardNet, NetMode};
use super::ota::trial::TrialWatch;
use super::ota::{self, running::RunningImage};
use super::webrepl::{self, BoardPassword};
use crate::config::{self, BoardConfig};
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::fs::{parse_mode, FileSystem};
use mote_vm::repl::{cook, Repl, Status};
use mote_vm::source::Mode;
use mote_vm::wlan::IfConfig;
use mote_vm::{Config, Host, Outcome, Poll, Vm};
use std::path::PathBuf;
use std::string::{String, ToString};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use std::vec::Vec;
use std::{eprintln, format};

/// Instructions the VM runs between two looks at the console.
const FUEL: u32 = 20_000;

/// How often a running start-up script is interrupted to check an image on trial's health.
const SETTLE_POLL: Duration = Duration::from_millis(250);

/// The longest input the REPL takes (a paste or a raw-REPL upload).
const INPUT_LIMIT: usize = 256 * 1024;

/// How to start a simulated board.
#[derive(Clone, Debug)]
pub struct BoardOptions {
    /// The flash image file.
    pub flash: PathBuf,
    /// Its size when it is created.
    pub flash_size: usize,
    /// Reformat a flash image that cannot be mounted.
    pub format: bool,
    /// The device name (saved in the configuration); `None` keeps the configured one.
    pub name: Option<String>,
    /// The Python heap in bytes.
    pub heap: usize,
    /// The password to set at first boot (stored hashed).
    pub password: Option<String>,
    /// Where the console is: one or more terminals sharing the REPL session.
    pub console: Vec<ConsoleKind>,
    /// The port the board's servers (the WebREPL) listen on, on 127.0.0.1.
    pub port: u16,
    /// Host sockets or a TAP device.
    pub net: NetMode,
    /// The image the ROM bootloader started (`None`: started without one, as in tests).
    pub firmware: Option<Arc<RunningImage>>,
}

/// Run the board until the process ends; `Err` says why it could not start.
pub fn run(options: BoardOptions) -> Result<(), String> {
    let started = Instant::now();
    // This thread runs the REPL: it answers every terminal's keys.
    super::latency::request_short_slice();
    let flash = SharedFlash::new(open_flash(&options)?);
    let (free_heap, password) = (Arc::default(), Arc::new(BoardPassword::default()));
    let interrupt = Arc::new(AtomicBool::new(false));
    let console = Console::open(&options.console, interrupt.clone())
        .map_err(|e| format!("cannot open the console {:?}: {e}", options.console))?;
    flash.set_collection_waker(console.input());
    let mut cause = ResetCause::PowerOn;
    let mut net = None;
    // Kept across soft resets; on TAP none until the network has an address.
    let ip = BoardIpConfig::new(match options.net {
        NetMode::HostSockets => ip_config::LOOPBACK,
        NetMode::Tap { .. } => IfConfig::default(),
    });
    loop {
        let mut host = SimHost::console(flash.clone(), interrupt.clone());
        host.set_heap_meter(Arc::clone(&free_heap));
        host.set_nested_output(console.output());
        let board = load_config(&mut host, &options, &console);
        password.set(board.password_hash.clone());
        host.set_machine(SimMachine::new(board.unique_id, cause));
        host.set_identity(&board.name, board.unique_id, &board.wifi_ssid, &ip);
        if cause == ResetCause::PowerOn {
            console.log(&format!("board {}", board.name));
            let firmware = options.firmware.clone();
            let seams = webrepl::seams(
                &console, &board, &ip, &flash, &free_heap, &password, started, firmware,
            );
            // An update that cannot be reached is not a healthy one.
            let unhealthy = |why: &str| {
                if let Some(image) = &options.firmware {
                    image.unhealthy(why);
                }
            };
            let up = network::start(
                &options.net,
                &board,
                options.port,
                started,
                &console,
                seams,
                &unhealthy,
            );
            match up {
                Ok(up) => net = Some(up),
                Err(e) => {
                    // Give the terminal back before saying why the board cannot start.
                    console.restore();
                    return Err(e);
                }
            }
            if board.password_hash.is_none() {
                console.announce(
                    "no password set: the WebREPL and the HTTP API refuse every login \
                     (start the board with --password PW to set one)",
                );
            }
            for path in &console.paths {
                console.log(&format!("console {path}"));
            }
            if options.console.contains(&ConsoleKind::Stdio) {
                console.log("Ctrl-] stops the board");
            }
            console.log(&format!("flash {}", options.flash.display()));
        }
        let Some(host) = boot(host, &board, &options, &console, started, net.as_ref())? else {
            console.restore();
            eprintln!("\nmote sim: stopped");
            return Ok(());
        };
        // machine.reset(): everything restarts but the console (the USB-serial stays).
        console.log("hard reset");
        drop(host);
        flash.remount(&options.flash)?;
        cause = ResetCause::Hard;
    }
}

/// One power cycle: VMs, soft reset after soft reset, until `machine.reset()` (the host back)
/// or the stdio console's quit key (`None`).
fn boot(
    mut host: SimHost,
    board: &BoardConfig,
    options: &BoardOptions,
    console: &Console,
    started: Instant,
    net: Option<&BoardNet>,
) -> Result<Option<SimHost>, String> {
    let banner = format!(
        "mote {} on mote-sim; {} (simulated board)",
        env!("CARGO_PKG_VERSION"),
        board.name
    );
    let mut repl = Repl::new(&banner, INPUT_LIMIT);
    let mut soft_reset = false;
    let watch = TrialWatch::new(options.firmware.clone());
    loop {
        if soft_reset {
            console.write(b"MPY: soft reboot\r\n");
        }
        // A fresh network for every VM: a soft reset closes Python's sockets.
        if let Some(net) = net {
            host.set_net(net.fresh());
        }
        let mut vm = Vm::new(
            Config {
                heap_bytes: options.heap,
                ..Config::default()
            },
            host,
        )
        .map_err(|e| {
            format!(
                "cannot start the VM with a {} byte heap: {e:?}",
                options.heap
            )
        })?;
        vm.set_path(&["", "/lib"]);
        if let Some(image) = &options.firmware {
            ota::python::install(Arc::clone(image));
            // A fresh VM: the name is free.
            let _ = vm.register_module(&ota::python::MODULE);
        }
        let mut typed = Vec::new();
        let mut stopped = run_script(&mut vm, console, "boot.py", &mut typed, &watch);
        if !stopped && !repl.in_raw_mode() {
            stopped = run_script(&mut vm, console, "main.py", &mut typed, &watch);
        }
        if !stopped {
            watch.ready();
            if !soft_reset {
                console.log(&format!(
                    "REPL ready after {:.1} ms",
                    started.elapsed().as_secs_f64() * 1e3
                ));
            }
            let mut out = Vec::new();
            repl.start(&mut vm, &mut out);
            repl.feed(&mut vm, &typed, &mut out);
            console.write(&out);
            serve(&mut vm, &mut repl, console);
            if console.quit_requested() {
                return Ok(None);
            }
        }
        host = vm.into_host();
        host.flash_fs().close_all();
        let hard = host
            .sim_machine()
            .is_some_and(SimMachine::take_reset_request);
        if hard {
            return Ok(Some(host));
        }
        console.log("soft reset");
        if let Some(m) = host.sim_machine() {
            m.soft_reset();
        }
        soft_reset = true;
    }
}

/// The console loop: feed input to the REPL and run its programs with fuel, until it asks for
/// a soft reset or the console's quit key. (One function so an executor's task can take its
/// place.)
pub fn serve(vm: &mut Vm<SimHost>, repl: &mut Repl, console: &Console) {
    let mut out = Vec::new();
    loop {
        collect_if_wanted(vm);
        // What the REPL wrote (an echo) goes out before, or with, what its program prints.
        vm.host_mut().hold_console_bytes(&mut out);
        let status = repl.poll(vm, FUEL, &mut out);
        vm.host().report_free_heap(vm.heap_bytes_free());
        console.set_running(repl.is_running());
        let mut bytes = vm.host_mut().take_held_console_bytes();
        bytes.append(&mut out);
        console.write(&bytes);
        if console.quit_requested() {
            return;
        }
        let wait = match status {
            Status::Reset(_) => return,
            Status::Running => Duration::ZERO,
            Status::Sleeping { wake_at_us } => io_wait(vm, wake_at_us),
            Status::WaitingForInput => Duration::MAX,
        };
        if let Some(bytes) = console.read(wait) {
            repl.feed(vm, &bytes, &mut out);
            // The echo goes out, and Ctrl-C counts as an interrupt, before the program that
            // this input started runs: its first slice may not come back (a loop inside
            // `exec()` runs in a nested interpreter that cannot yield).
            console.set_running(repl.is_running());
            console.write(&out);
            out.clear();
        }
    }
}

/// The file store asked for a collection (a file it must replace may be held open by garbage).
fn collect_if_wanted(vm: &mut Vm<SimHost>) {
    if vm.host().shared_flash().collection_wanted() {
        vm.collect();
        vm.host().shared_flash().collected();
    }
}

/// How long to wait for the console while Python sleeps: a program waiting on sockets looks
/// again every millisecond (the network has no waker into this loop).
fn io_wait(vm: &mut Vm<SimHost>, wake_at_us: u64) -> Duration {
    let wait = Duration::from_micros(wake_at_us.saturating_sub(vm.host_mut().ticks_us()));
    if vm.io_wait().is_empty() {
        wait
    } else {
        wait.min(Duration::from_millis(1))
    }
}

/// Run `/name` if it exists, serving Ctrl-C; other input is kept in `typed` for the REPL.
/// `true` when the script ended with `SystemExit` (`machine.reset()`, `sys.exit()`): the board
/// resets, as MicroPython's does.
/// An image on trial is rejected when the script raises, confirmed when it runs long enough.
fn run_script(
    vm: &mut Vm<SimHost>,
    console: &Console,
    name: &str,
    typed: &mut Vec<u8>,
    watch: &TrialWatch,
) -> bool {
    let path = format!("/{name}");
    let Ok(source) = vm.host_mut().read_file(&path) else {
        return false;
    };
    console.log(&format!("running {name}"));
    let source = String::from_utf8_lossy(&source).into_owned();
    vm.host_mut().take_interrupt();
    let mut out = Vec::new();
    let mut raw = Vec::new();
    let mut outcome = vm.start(&source, name, Mode::Exec);
    if outcome.is_none() {
        console.set_running(true);
        loop {
            let mut fuel = FUEL;
            collect_if_wanted(vm);
            let poll = vm.poll(&mut fuel);
            mote_vm::repl::Console::take_output(vm.host_mut(), &mut raw);
            cook(&raw, &mut out);
            raw.clear();
            console.write(&out);
            out.clear();
            let wait = match poll {
                Poll::Done(o) => {
                    outcome = Some(o);
                    break;
                }
                Poll::Yielded => Duration::ZERO,
                Poll::Idle { wake_at_us } => io_wait(vm, wake_at_us),
            };
            if let Some(bytes) = console.read(wait.min(SETTLE_POLL)) {
                typed.extend_from_slice(&bytes);
            }
            watch.script_running();
        }
        console.set_running(false);
    }
    if outcome == Some(Outcome::Exception) {
        watch.script_failed(name);
    }
    mote_vm::repl::Console::take_output(vm.host_mut(), &mut raw);
    cook(&raw, &mut out);
    console.write(&out);
    matches!(outcome, Some(Outcome::SystemExit(_)))
}

/// Open the flash image, creating and formatting it when missing; an image that does not
/// mount is an error unless `format` allows erasing it.
fn open_flash(options: &BoardOptions) -> Result<Fs<SimFlash>, String> {
    let path = &options.flash;
    let shown = path.display();
    if !path.exists() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let flash = SimFlash::create_file(path, options.flash_size)
            .map_err(|e| format!("cannot create the flash image {shown}: {e}"))?;
        eprintln!(
            "mote sim: new flash image {shown} ({} KiB), formatting",
            options.flash_size / 1024
        );
        return embassy_futures::block_on(Fs::format(flash))
            .map_err(|e| format!("cannot format {shown}: {e}"));
    }
    let flash = SimFlash::open_file(path)
        .map_err(|e| format!("cannot open the flash image {shown}: {e}"))?;
    match embassy_futures::block_on(Fs::mount(flash)) {
        Ok(fs) => Ok(fs),
        Err(e) if options.format => {
            eprintln!("mote sim: {shown} does not mount ({e}); formatting it as --format asks");
            let flash = SimFlash::open_file(path)
                .map_err(|e| format!("cannot open the flash image {shown}: {e}"))?;
            embassy_futures::block_on(Fs::format(flash))
                .map_err(|e| format!("cannot format {shown}: {e}"))
        }
        Err(e) => Err(format!(
            "the flash image {shown} cannot be mounted ({e}); start with --format to erase it"
        )),
    }
}

/// Read the configuration (or make the first one), apply `--name`/`--password`, save it.
fn load_config(host: &mut SimHost, options: &BoardOptions, console: &Console) -> BoardConfig {
    let (mut board, save) = match host.read_file(config::PATH) {
        Ok(bytes) => match BoardConfig::parse(&bytes) {
            Ok(c) => (c, false),
            Err(e) => {
                console.announce(&format!(
                    "{} is not valid ({e}); using the defaults (fix or delete the file)",
                    config::PATH
                ));
                (BoardConfig::defaults(random()), false)
            }
        },
        Err(_) => {
            console.log(&format!("first boot, writing {}", config::PATH));
            (BoardConfig::defaults(random()), true)
        }
    };
    let mut save = save;
    if let Some(name) = &options.name {
        if *name != board.name {
            board.name = name.clone();
            save = true;
        }
    }
    if let Some(password) = &options.password {
        if board.password_hash.is_none() {
            let salt: [u8; 16] = random();
            board.password_hash = Some(config::hash_password(password, &salt));
            save = true;
        } else {
            console.log("the board already has a password; --password is ignored");
        }
    }
    if save {
        if let Err(e) = write_file(
            &mut *host.flash_fs(),
            config::PATH,
            board.to_text().as_bytes(),
        ) {
            console.announce(&format!("cannot save {}: {e}", config::PATH));
        }
    }
    board
}

/// Write a whole file so a power cut leaves the old or the new one: a temporary, then rename.
fn write_file(fs: &mut dyn FileSystem, path: &str, data: &[u8]) -> Result<(), String> {
    let tmp = format!("{path}.new");
    let mode = parse_mode("wb").map_err(|_| "bad mode".to_string())?;
    let fd = fs.open(&tmp, mode).map_err(|e| format!("errno {}", e.0))?;
    let written = fs.write(fd, data);
    let closed = fs.close(fd);
    written.map_err(|e| format!("errno {}", e.0))?;
    closed.map_err(|e| format!("errno {}", e.0))?;
    fs.rename(&tmp, path).map_err(|e| format!("errno {}", e.0))
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if getrandom::fill(&mut bytes).is_err() {
        // No entropy source: a clock-derived value still tells boards apart.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = (t >> (8 * (i % 16))) as u8;
        }
    }
    bytes
}
