//! `mote run`: runs a script, or code given with `-c`, on the mote VM on this machine.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mote_vm::std_host::{InterruptHandle, StdHost};
use mote_vm::{Config, Outcome, Vm, VmError};
use std::io::Read;

use crate::size::parse_size;

/// Default heap for scripts run on the host: MicroPython's Unix port uses the same.
pub const DEFAULT_HEAP: &str = "2M";

/// Arguments of `mote run`.
#[derive(Args)]
pub struct RunArgs {
    /// Size of the VM's heap (e.g. 64k, 2M).
    #[arg(long, default_value = DEFAULT_HEAP, value_parser = parse_size)]
    pub heap: usize,
    /// Run CODE instead of a file.
    #[arg(short = 'c', value_name = "CODE")]
    pub code: Option<String>,
    /// Run it on this board (HOST[:PORT], ws://HOST:PORT/ or a name from boards.toml) through
    /// its raw REPL, output streamed back.
    #[arg(long, value_name = "BOARD")]
    pub board: Option<String>,
    /// The board's password (else MOTE_PASSWORD, else boards.toml).
    #[arg(long, value_name = "PW", requires = "board")]
    pub password: Option<String>,
    /// The script (`-` reads it from standard input) and the arguments it sees in
    /// `sys.argv[1:]`.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "FILE [ARGS]"
    )]
    pub rest: Vec<String>,
}

/// Creates the VM, or says on stderr why it cannot start (with the smallest heap that works).
pub fn start_vm<H: mote_vm::Host>(config: Config, host: H) -> Option<Vm<H>> {
    let heap = config.heap_bytes;
    match Vm::new(config, host) {
        Ok(vm) => Some(vm),
        Err(VmError::HeapTooSmall) => {
            eprintln!(
                "mote: cannot start the VM: a heap of {} is too small for the builtin objects; \
                 it needs at least {} (try --heap 64k)",
                size_words(heap),
                size_words(smallest_heap()),
            );
            None
        }
        Err(VmError::HeapTooLarge) => {
            eprintln!(
                "mote: cannot start the VM: a heap of {} is larger than the VM can address; \
                 the most is {}",
                size_words(heap),
                size_words(mote_vm::MAX_HEAP_BYTES as usize),
            );
            None
        }
        Err(e) => {
            eprintln!("mote: cannot start the VM: {e:?}");
            None
        }
    }
}

/// The smallest heap, to the KiB, the VM starts with (found by trying).
fn smallest_heap() -> usize {
    let starts = |kib: usize| {
        Vm::new(
            Config {
                heap_bytes: kib << 10,
                ..Config::default()
            },
            StdHost::capturing(),
        )
        .is_ok()
    };
    let (mut low, mut high) = (0usize, 1usize);
    while !starts(high) && high < 1 << 20 {
        (low, high) = (high, high * 2);
    }
    while high - low > 1 {
        let mid = (low + high) / 2;
        if starts(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    high << 10
}

/// `1536` as "1.5 KiB (1536 bytes)".
fn size_words(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} bytes")
    } else {
        format!("{} KiB ({bytes} bytes)", bytes as f64 / 1024.0)
    }
}

/// Runs the script and maps its outcome to the process exit status: 1 for an uncaught
/// exception (its traceback is on stderr), the code given to `sys.exit` otherwise.
pub fn run(args: RunArgs) -> ExitCode {
    if let Some(board) = &args.board {
        return run_on_board(board, &args);
    }
    let host = StdHost::new();
    install_interrupt_handler(&host);
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
    let outcome = match (&args.code, args.rest.split_first()) {
        (Some(code), _) => {
            let argv: Vec<&str> = core::iter::once("-c")
                .chain(args.rest.iter().map(String::as_str))
                .collect();
            vm.set_argv(&argv);
            vm.set_path(&["."]);
            vm.run_source(code, "<stdin>")
        }
        (None, Some((file, _))) if file == "-" => {
            let mut source = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut source) {
                eprintln!("mote: cannot read the program from standard input: {e}");
                return ExitCode::from(2);
            }
            let argv: Vec<&str> = args.rest.iter().map(String::as_str).collect();
            vm.set_argv(&argv);
            vm.set_path(&["."]);
            vm.run_source(&source, "<stdin>")
        }
        (None, Some((file, _))) => {
            if let Err(message) = check_script(Path::new(file)) {
                eprintln!("mote: can't open file '{file}': {message}");
                return ExitCode::from(2);
            }
            let argv: Vec<&str> = args.rest.iter().map(String::as_str).collect();
            vm.set_argv(&argv);
            let folder = script_folder(Path::new(file));
            vm.set_path(&[folder.to_string_lossy().as_ref()]);
            vm.run_file(file)
        }
        (None, None) => {
            eprintln!("mote run: give a FILE to run, or -c CODE");
            return ExitCode::from(2);
        }
    };
    exit_code(outcome)
}

/// `mote run --board`: the script's source runs on the board.
fn run_on_board(board: &str, args: &RunArgs) -> ExitCode {
    let source = match (&args.code, args.rest.as_slice()) {
        (Some(code), []) => code.clone().into_bytes(),
        (None, [file]) if file == "-" => {
            let mut source = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut source) {
                eprintln!("mote: cannot read the program from standard input: {e}");
                return ExitCode::from(2);
            }
            source
        }
        (None, [file]) => match std::fs::read(file) {
            Ok(source) => source,
            Err(e) => {
                eprintln!("mote: can't open file '{file}': {e}");
                return ExitCode::from(2);
            }
        },
        (None, []) => {
            eprintln!("mote run: give a FILE to run, or -c CODE");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("mote run: a program run on a board takes no arguments");
            return ExitCode::from(2);
        }
    };
    let board = crate::board::BoardArgs {
        board: board.into(),
        password: args.password.clone(),
    };
    crate::board::exec::run_code(&board, &source, "run")
}

/// Why `file` cannot be run as a script, in the words of the OS.
fn check_script(file: &Path) -> Result<(), String> {
    match std::fs::metadata(file) {
        Ok(meta) if meta.is_dir() => Err("Is a directory".into()),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err("No such file or directory".into())
        }
        Err(e) => Err(e.to_string()),
    }
}

/// The folder a script's own imports are searched in first, as CPython puts it on `sys.path`.
fn script_folder(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Lets Ctrl-C raise `KeyboardInterrupt` inside the running script instead of killing mote.
pub fn install_interrupt_handler(host: &StdHost) {
    install_interrupt_flag(host.interrupt_handle());
}

/// Lets Ctrl-C (SIGINT) interrupt the VM through `handle` (which also ends a wait at once).
pub fn install_interrupt_flag(handle: InterruptHandle) {
    // A second handler cannot be installed (the REPL installs it once); that is harmless.
    let _ = ctrlc::set_handler(move || handle.interrupt());
}

/// Maps a VM outcome to this process's exit status.
pub fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Ok | Outcome::Incomplete => ExitCode::SUCCESS,
        Outcome::Exception => ExitCode::from(1),
        Outcome::SystemExit(code) => ExitCode::from((code & 0xff) as u8),
    }
}
