//! `mote repl`: the board's REPL (`mote_vm::repl`, the same implementation a board runs) on
//! the mote VM on this machine, over the user's terminal.
//!
//! MicroPython's friendly REPL: `>>>`/`...`, line editing, history, auto-indent, Tab
//! completion, Ctrl-E paste mode, Ctrl-C to interrupt or clear the line, and the raw REPL
//! (Ctrl-A) for tools. Ctrl-D on an empty line (a board's soft reset) or `sys.exit()` leaves.
//! Input typed or pasted while a program runs is queued and runs after it. The line history is
//! kept in `~/.mote_history`.

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use mote_vm::repl::{Repl, Reset, Status};
use mote_vm::std_host::StdHost;
use mote_vm::{Config, Host};

use crate::run::{install_interrupt_flag, start_vm, DEFAULT_HEAP};
use crate::size::parse_size;
use crate::terminal::{spawn_reader, RawMode};

/// Arguments of `mote repl`.
#[derive(Args)]
pub struct ReplArgs {
    /// Size of the VM's heap (e.g. 64k, 2M).
    #[arg(long, default_value = DEFAULT_HEAP, value_parser = parse_size)]
    pub heap: usize,
    /// A board to open a terminal on, over its WebREPL (HOST[:PORT], ws://HOST:PORT/ or a
    /// name from boards.toml); Ctrl-] leaves. Without it, the REPL runs on this machine.
    #[arg(value_name = "BOARD")]
    pub board: Option<String>,
    /// The board's password (else MOTE_PASSWORD, else boards.toml).
    #[arg(long, value_name = "PW", requires = "board")]
    pub password: Option<String>,
}

/// Instructions run between two looks at the terminal.
const FUEL: u32 = 20_000;

/// Longest input the REPL accepts (a paste or a raw-REPL upload).
const INPUT_LIMIT: usize = 1 << 20;

/// Runs the REPL until Ctrl-D, `sys.exit()` or the end of input.
pub fn run(args: ReplArgs) -> ExitCode {
    if let Some(board) = &args.board {
        return crate::board::terminal::run(board, args.password.as_deref());
    }
    let host = StdHost::console();
    let interrupt = host.interrupt_handle();
    let Some(mut vm) = start_vm(
        Config {
            heap_bytes: args.heap,
            stack_budget: mote_vm::std_host::main_thread_stack_budget(),
            ..Config::default()
        },
        host,
    ) else {
        return ExitCode::from(2);
    };
    vm.set_argv(&[""]);
    vm.set_path(&["."]);
    let banner = format!(
        "mote {} on {}; Ctrl-D to exit, Ctrl-E for paste mode",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );
    let mut repl = Repl::new(&banner, INPUT_LIMIT);
    let history = history_file();
    if let Some(path) = &history {
        // No history yet is the normal first run.
        if let Ok(text) = std::fs::read_to_string(path) {
            repl.set_history(text.lines().rev().map(String::from).collect());
        }
    }
    let raw_mode = RawMode::enter(0);
    if raw_mode.is_none() {
        // Not a terminal: Ctrl-C comes as SIGINT, not as a byte.
        install_interrupt_flag(interrupt.clone());
    }
    let running = Arc::new(AtomicBool::new(false));
    let input = spawn_reader(running.clone(), interrupt);
    let mut out = Vec::new();
    repl.start(&mut vm, &mut out);
    let mut eof = false;
    let status = loop {
        let status = repl.poll(&mut vm, FUEL, &mut out);
        running.store(repl.is_running(), Ordering::SeqCst);
        flush(&mut out);
        let wait = match status {
            Status::Reset(Reset::CtrlD) => break ExitCode::SUCCESS,
            Status::Reset(Reset::SystemExit(code)) => break ExitCode::from((code & 0xff) as u8),
            Status::Running => Duration::ZERO,
            Status::Sleeping { wake_at_us } => {
                let now = vm.host_mut().ticks_us();
                Duration::from_micros(wake_at_us.saturating_sub(now))
            }
            // End of input with nothing running: leave.
            Status::WaitingForInput if eof => break ExitCode::SUCCESS,
            Status::WaitingForInput => Duration::MAX,
        };
        if eof {
            std::thread::sleep(wait);
            continue;
        }
        match input.recv_timeout(wait) {
            Ok(bytes) => repl.feed(&mut vm, &bytes, &mut out),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => eof = true,
        }
    };
    flush(&mut out);
    drop(raw_mode);
    if let Some(path) = &history {
        let mut text = String::new();
        for line in repl.history().iter().rev() {
            text.push_str(line);
            text.push('\n');
        }
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("mote: cannot save the history in {}: {e}", path.display());
        }
    }
    status
}

/// Where the REPL keeps its history between sessions (oldest line first).
fn history_file() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|home| std::path::PathBuf::from(home).join(".mote_history"))
}

fn flush(out: &mut Vec<u8>) {
    if out.is_empty() {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out);
    let _ = stdout.flush();
    out.clear();
}
