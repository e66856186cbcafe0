//! `mote run`: runs a script, or code given with `-c`, on the mote VM on this machine.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use mote_vm::std_host::StdHost;
use mote_vm::{Config, Outcome, Vm};

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
    /// The script and the arguments it sees in `sys.argv[1:]`.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "FILE [ARGS]"
    )]
    pub rest: Vec<String>,
}

/// Runs the script and maps its outcome to the process exit status: 1 for an uncaught
/// exception (its traceback is on stderr), the code given to `sys.exit` otherwise.
pub fn run(args: RunArgs) -> ExitCode {
    let host = StdHost::new();
    install_interrupt_handler(&host);
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
    let outcome = match (&args.code, args.rest.split_first()) {
        (Some(code), _) => {
            let argv: Vec<&str> = core::iter::once("-c")
                .chain(args.rest.iter().map(String::as_str))
                .collect();
            vm.set_argv(&argv);
            vm.set_path(&["."]);
            vm.run_source(code, "<stdin>")
        }
        (None, Some((file, _))) => {
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

/// The folder a script's own imports are searched in first, as CPython puts it on `sys.path`.
fn script_folder(file: &Path) -> PathBuf {
    match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Lets Ctrl-C raise `KeyboardInterrupt` inside the running script instead of killing mote.
pub fn install_interrupt_handler(host: &StdHost) {
    let flag = host.interrupt_flag();
    // A second handler cannot be installed (the REPL installs it once); that is harmless.
    let _ = ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::SeqCst));
}

/// Maps a VM outcome to this process's exit status.
pub fn exit_code(outcome: Outcome) -> ExitCode {
    match outcome {
        Outcome::Ok | Outcome::Incomplete => ExitCode::SUCCESS,
        Outcome::Exception => ExitCode::from(1),
        Outcome::SystemExit(code) => ExitCode::from((code & 0xff) as u8),
    }
}
