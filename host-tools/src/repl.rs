//! `mote repl`: an interactive Python prompt on the mote VM, as MicroPython's Unix port gives.
//!
//! `>>>` reads a statement; an incomplete one (an open bracket, a block header) continues with
//! `...`, and a block ends at an empty line. Expression results are echoed. Ctrl-C interrupts a
//! running program with `KeyboardInterrupt` (the prompt comes back) or discards the line being
//! typed; Ctrl-D on an empty line leaves.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use mote_vm::std_host::StdHost;
use mote_vm::{Config, Outcome, Vm};
use rustyline::error::ReadlineError;
use rustyline::DefaultEditor;

use crate::run::{exit_code, install_interrupt_handler, DEFAULT_HEAP};
use crate::size::parse_size;

/// Arguments of `mote repl`.
#[derive(Args)]
pub struct ReplArgs {
    /// Size of the VM's heap (e.g. 64k, 2M).
    #[arg(long, default_value = DEFAULT_HEAP, value_parser = parse_size)]
    pub heap: usize,
}

const PRIMARY: &str = ">>> ";
const CONTINUATION: &str = "... ";

/// Runs the prompt until Ctrl-D or `sys.exit()`.
pub fn run(args: ReplArgs) -> ExitCode {
    let host = StdHost::new();
    install_interrupt_handler(&host);
    let interrupt = host.interrupt_flag();
    let mut vm = match Vm::new(
        Config {
            heap_bytes: args.heap,
            stack_budget: mote_vm::std_host::main_thread_stack_budget(),
            ..Config::default()
        },
        host,
    ) {
        Ok(vm) => vm,
        Err(err) => {
            eprintln!("mote: cannot start the VM: {err:?}");
            return ExitCode::from(2);
        }
    };
    vm.set_argv(&[""]);
    vm.set_path(&["."]);
    let mut editor = match DefaultEditor::new() {
        Ok(editor) => editor,
        Err(err) => {
            eprintln!("mote: cannot open the terminal: {err}");
            return ExitCode::from(2);
        }
    };
    let history = history_file();
    if let Some(path) = &history {
        // No history yet is the normal first run.
        let _ = editor.load_history(path);
    }
    println!(
        "mote {} on {}; Ctrl-D to exit",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    );

    let mut pending = String::new();
    let status = loop {
        let prompt = if pending.is_empty() {
            PRIMARY
        } else {
            CONTINUATION
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("mote: terminal error: {err}");
                break ExitCode::from(2);
            }
        };
        if pending.is_empty() && line.trim().is_empty() {
            continue;
        }
        let _ = editor.add_history_entry(line.as_str());
        let blank = line.trim().is_empty();
        pending.push_str(&line);
        pending.push('\n');
        if !blank && pending.lines().count() > 1 && opens_block(&pending) {
            // A compound statement goes on until an empty line, as in CPython's REPL.
            continue;
        }
        interrupt.store(false, std::sync::atomic::Ordering::SeqCst);
        match vm.run_repl_input(&pending) {
            Outcome::Incomplete if !blank => continue,
            Outcome::Incomplete => eprintln!("SyntaxError: incomplete input"),
            Outcome::SystemExit(code) => break exit_code(Outcome::SystemExit(code)),
            Outcome::Ok | Outcome::Exception => {}
        }
        pending.clear();
    };
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    status
}

/// Whether the first line of `source` starts a compound statement (ends with `:`).
fn opens_block(source: &str) -> bool {
    source
        .lines()
        .next()
        .map(|first| {
            first
                .split('#')
                .next()
                .unwrap_or("")
                .trim_end()
                .ends_with(':')
        })
        .unwrap_or(false)
}

/// Where the REPL keeps its history between sessions.
fn history_file() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".mote_history"))
}
