//! The chip's boot sequence and console loop, as the simulated board's (`sim::board`): mount
//! the filesystem (formatting a partition that holds none), read the configuration (missing or
//! garbled gives a message and the defaults, never a failed boot), then for every soft reset a
//! fresh VM, `boot.py`, `main.py` (skipped in the raw REPL) and the REPL until it asks for a
//! reset. `machine.reset()` restarts the chip.
//!
//! This runs in an embassy task: the VM gets [`FUEL`] instructions at a time and the task
//! yields between two slices, so the Wi-Fi, network and console tasks run while Python
//! computes; a sleeping program or an idle prompt waits on a timer or the console.

use super::console;
use super::flash::{PartitionError, PartitionFlash, FS_LABEL};
use super::host::{now_us, EspFs, EspHost};
use super::machine::{unique_id, EspMachine};
use crate::config::{self, BoardConfig};
use crate::fs::FlashFs;
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use embassy_futures::select::{select, Either};
use embassy_futures::yield_now;
use embassy_time::{Instant, Timer};
use embedded_io_async::Read;
use esp_hal::usb::usb_serial_jtag::UsbSerialJtagRx;
use esp_hal::Async;
use mote_storage::{Error, Fs};
use mote_vm::fs::{parse_mode, FileSystem};
use mote_vm::repl::{cook, Console, Repl, Status};
use mote_vm::source::Mode;
use mote_vm::{Config, Host, Outcome, Poll, Vm};

/// Instructions the VM runs between two looks at the console and the other tasks.
pub const FUEL: u32 = 20_000;

/// The longest input the REPL takes (a paste or a raw-REPL upload).
const INPUT_LIMIT: usize = 16 * 1024;

/// Ctrl-C.
const CTRL_C: u8 = 0x03;

/// The console's receiver.
pub type ConsoleRx = UsbSerialJtagRx<'static, Async>;

/// What the VM gets on this chip.
#[derive(Clone, Copy, Debug)]
pub struct VmBudget {
    /// The chip's name in the banner.
    pub chip: &'static str,
    /// The Python heap in bytes.
    pub heap_bytes: usize,
    /// Stack bytes the VM may use below the console task's frame.
    pub stack_budget: usize,
}

/// Mount the filesystem partition; a partition without a mote filesystem (a new chip, or one
/// that ran other firmware) is formatted, as MicroPython formats a blank one. The mount and
/// format futures (tens of KiB) live on the heap while they run, not in the task.
pub async fn mount() -> Result<EspFs, String> {
    let flash = PartitionFlash::find().map_err(|e| match e {
        PartitionError::BadTable => String::from("the partition table cannot be read"),
        PartitionError::NoFsPartition => {
            format!("the partition table has no data partition '{FS_LABEL}' for the filesystem")
        }
        PartitionError::NoDriver => String::from("no flash driver"),
    })?;
    let (offset, size) = (flash.offset(), flash.size());
    let fs = match Box::pin(Fs::mount(flash)).await {
        Ok(fs) => fs,
        Err(Error::Corrupt) => {
            console::announce(&format!(
                "no filesystem in the partition at {offset:#x} ({} KiB); formatting it",
                size / 1024
            ))
            .await;
            let flash = PartitionFlash::find().map_err(|_| String::from("flash went away"))?;
            Box::pin(Fs::format(flash))
                .await
                .map_err(|e| format!("cannot format the filesystem: {e}"))?
        }
        Err(e) => return Err(format!("the filesystem does not mount: {e}")),
    };
    Ok(Box::new(FlashFs::new(fs)))
}

/// Read the configuration, writing the defaults at first boot.
pub async fn load_config(fs: EspFs, machine: EspMachine) -> (EspFs, EspMachine, BoardConfig) {
    let mut host = EspHost::new(fs, machine);
    let board = match host.read_file(config::PATH) {
        Ok(bytes) => match BoardConfig::parse(&bytes) {
            Ok(board) => board,
            Err(e) => {
                console::announce(&format!(
                    "{} is not valid ({e}); using the defaults (fix or delete the file)",
                    config::PATH
                ))
                .await;
                BoardConfig::defaults(unique_id())
            }
        },
        Err(_) => {
            console::announce(&format!("first boot, writing {}", config::PATH)).await;
            let board = BoardConfig::defaults(unique_id());
            if let Err(errno) = save(host.flash_fs(), config::PATH, board.to_text().as_bytes()) {
                console::announce(&format!("cannot save {}: errno {errno}", config::PATH)).await;
            }
            board
        }
    };
    let (fs, machine) = host.into_parts();
    (fs, machine, board)
}

/// Write a whole file so a power cut leaves the old or the new one: a temporary, then rename.
fn save(fs: &mut dyn FileSystem, path: &str, data: &[u8]) -> Result<(), i32> {
    let tmp = format!("{path}.new");
    let mode = parse_mode("wb").map_err(|_| mote_vm::fs::EINVAL)?;
    let fd = fs.open(&tmp, mode).map_err(|e| e.0)?;
    let written = fs.write(fd, data);
    let closed = fs.close(fd);
    written.map_err(|e| e.0)?;
    closed.map_err(|e| e.0)?;
    fs.rename(&tmp, path).map_err(|e| e.0)
}

/// Run the board until `machine.reset()` restarts the chip.
pub async fn run(
    mut fs: EspFs,
    mut machine: EspMachine,
    board: &BoardConfig,
    mut rx: ConsoleRx,
    budget: VmBudget,
) -> ! {
    let banner = format!(
        "mote {} on {}; {}",
        env!("CARGO_PKG_VERSION"),
        budget.chip,
        board.name
    );
    let mut repl = Repl::new(&banner, INPUT_LIMIT);
    let mut soft_reset = false;
    loop {
        // The new VM's heap takes the old one's place before anything awaits: the Wi-Fi
        // driver allocates from the same heap and could otherwise split the hole.
        let host = EspHost::new(fs, machine);
        let config = Config {
            heap_bytes: budget.heap_bytes,
            stack_budget: budget.stack_budget,
            ..Config::default()
        };
        let mut vm = match Vm::new(config, host) {
            Ok(vm) => vm,
            Err(e) => halt(&format!("cannot start the VM: {e:?}")).await,
        };
        if soft_reset {
            console::write(b"MPY: soft reboot\r\n").await;
        } else {
            console::announce(&format!(
                "Python heap {} KiB; {} KiB of the heap left for the board",
                budget.heap_bytes / 1024,
                esp_alloc::HEAP.free() / 1024
            ))
            .await;
        }
        vm.set_path(&["", "/lib"]);
        let mut typed = Vec::new();
        let mut stopped = run_script(&mut vm, &mut rx, "boot.py", &mut typed).await;
        if !stopped && !repl.in_raw_mode() {
            stopped = run_script(&mut vm, &mut rx, "main.py", &mut typed).await;
        }
        if !stopped {
            if !soft_reset {
                console::announce(&format!("REPL ready after {} ms", now_us() / 1000)).await;
            }
            let mut out = Vec::new();
            repl.start(&mut vm, &mut out);
            repl.feed(&mut vm, &typed, &mut out);
            console::write(&out).await;
            serve(&mut vm, &mut repl, &mut rx).await;
        }
        let mut host = vm.into_host();
        host.flash_fs().close_all();
        if host.esp_machine().reset_requested() {
            console::announce("hard reset").await;
            // Let the writer send the line before the chip goes.
            Timer::after(console::WRITE_TIMEOUT).await;
            esp_hal::system::software_reset();
        }
        (fs, machine) = host.into_parts();
        machine.soft_reset();
        soft_reset = true;
    }
}

/// Say why the board cannot go on, and keep the other tasks (the network) running.
pub async fn halt(why: &str) -> ! {
    console::announce(why).await;
    loop {
        Timer::after_secs(3600).await;
    }
}

/// How long the console loop may wait for input.
#[derive(Clone, Copy)]
enum Wait {
    /// Not at all: let the other tasks run once and take what has arrived.
    Yield,
    /// Until host tick `t` (µs).
    Until(u64),
    /// Until input arrives.
    Forever,
}

/// Input from the console, waiting as `wait` allows; empty when none came.
async fn input<'b>(rx: &mut ConsoleRx, wait: Wait, buf: &'b mut [u8]) -> &'b [u8] {
    let n = match wait {
        Wait::Yield => {
            yield_now().await;
            rx.drain_rx_fifo(buf)
        }
        Wait::Until(t) => match select(rx.read(buf), Timer::at(Instant::from_micros(t))).await {
            Either::First(Ok(n)) => n,
            _ => 0,
        },
        Wait::Forever => rx.read(buf).await.unwrap_or(0),
    };
    buf.get(..n).unwrap_or(&[])
}

/// The console loop: feed input to the REPL and run its programs with fuel, until it asks for
/// a soft reset.
async fn serve(vm: &mut Vm<EspHost>, repl: &mut Repl, rx: &mut ConsoleRx) {
    let mut out = Vec::new();
    let mut buf = [0u8; 64];
    loop {
        let status = repl.poll(vm, FUEL, &mut out);
        console::write(&out).await;
        out.clear();
        let wait = match status {
            Status::Reset(_) => return,
            Status::Running => Wait::Yield,
            Status::Sleeping { wake_at_us } => Wait::Until(wake_at_us),
            Status::WaitingForInput => Wait::Forever,
        };
        let bytes = input(rx, wait, &mut buf).await;
        if !bytes.is_empty() {
            repl.feed(vm, bytes, &mut out);
        }
    }
}

/// Run `/name` if it exists, serving Ctrl-C; other input is kept in `typed` for the REPL.
/// `true` when the script ended with `SystemExit` (`machine.reset()`, `sys.exit()`).
async fn run_script(
    vm: &mut Vm<EspHost>,
    rx: &mut ConsoleRx,
    name: &str,
    typed: &mut Vec<u8>,
) -> bool {
    let path = format!("/{name}");
    let Ok(source) = vm.host_mut().read_file(&path) else {
        return false;
    };
    console::announce(&format!("running {name}")).await;
    let source = String::from_utf8_lossy(&source).into_owned();
    vm.host_mut().take_interrupt();
    let (mut out, mut raw) = (Vec::new(), Vec::new());
    let mut buf = [0u8; 64];
    let mut outcome = vm.start(&source, name, Mode::Exec);
    while outcome.is_none() {
        let mut fuel = FUEL;
        let poll = vm.poll(&mut fuel);
        vm.host_mut().take_output(&mut raw);
        cook(&raw, &mut out);
        raw.clear();
        console::write(&out).await;
        out.clear();
        let wait = match poll {
            Poll::Done(o) => {
                outcome = Some(o);
                break;
            }
            Poll::Yielded => Wait::Yield,
            Poll::Idle { wake_at_us } => Wait::Until(wake_at_us),
        };
        for &byte in input(rx, wait, &mut buf).await {
            if byte == CTRL_C {
                vm.host_mut().interrupt();
            } else if typed.len() < INPUT_LIMIT {
                typed.push(byte);
            }
        }
    }
    vm.host_mut().take_output(&mut raw);
    cook(&raw, &mut out);
    console::write(&out).await;
    matches!(outcome, Some(Outcome::SystemExit(_)))
}
