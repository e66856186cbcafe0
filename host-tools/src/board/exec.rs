//! `mote exec BOARD CODE` and `mote run --board BOARD FILE.py`: code run on the board through
//! its raw REPL over the WebREPL, output streamed back as it is printed, the exit status from
//! the board's outcome, as `python3` gives it: 1 and the traceback on stderr if it raised;
//! `sys.exit(n)` is `n` (modulo 256), `sys.exit()` 0, `sys.exit("message")` the message on
//! stderr and 1. Ctrl-C here interrupts the program on the board (KeyboardInterrupt, status 1).
//!
//! `sys.exit()` on a board also soft-resets it, as on MicroPython. MicroPython's raw REPL
//! sends a `sys.exit` message as its error text but no trace of a code; a mote board sends
//! `SystemExit: n` as the error text for a code other than 0, which is where this reads it
//! (from MicroPython a code reads as 0).

use std::io::Write;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use clap::Args;

use super::webrepl::{Outcome, Session};
use super::{fail, BoardArgs, BoardError, Target};

/// Arguments of `mote exec`.
#[derive(Args)]
pub struct ExecArgs {
    #[command(flatten)]
    board: BoardArgs,
    /// The Python code to run.
    #[arg(value_name = "CODE")]
    code: String,
}

/// `mote exec`.
pub fn exec(args: ExecArgs) -> ExitCode {
    run_code(&args.board, args.code.as_bytes(), "exec")
}

/// Runs `code` on the board named in `board`; `command` names the subcommand in messages.
pub fn run_code(board: &BoardArgs, code: &[u8], command: &str) -> ExitCode {
    match run_on_board(board, code) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Exit(code)) => ExitCode::from((code & 0xff) as u8),
        Ok(Outcome::Exception(traceback)) => {
            let mut stderr = std::io::stderr().lock();
            let mut text = Uncooked::default();
            let _ = stderr.write_all(&text.convert(&traceback));
            let _ = stderr.write_all(&text.finish());
            ExitCode::from(1)
        }
        Err(error) => fail(command, &error),
    }
}

fn run_on_board(board: &BoardArgs, code: &[u8]) -> Result<Outcome, BoardError> {
    let target = Target::resolve(&board.board, board.password.as_deref())?;
    let interrupted = Arc::new(AtomicBool::new(false));
    let flag = interrupted.clone();
    // Ctrl-C stops the program on the board (KeyboardInterrupt there), not this tool.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst));
    let mut session = Session::login(&target)?;
    session.enter_raw()?;
    let mut stdout = std::io::stdout().lock();
    let mut text = Uncooked::default();
    let outcome = session.run(
        code,
        &mut |bytes| {
            let _ = stdout.write_all(&text.convert(bytes));
            let _ = stdout.flush();
        },
        &|| interrupted.load(Ordering::SeqCst),
    );
    let _ = stdout.write_all(&text.finish());
    let _ = stdout.flush();
    session.leave_raw();
    outcome
}

/// The board's output as a terminal-less reader wants it: the UART's `\r\n` back to `\n`,
/// across chunk boundaries.
#[derive(Default)]
pub struct Uncooked {
    held_cr: bool,
}

impl Uncooked {
    /// Converts one chunk (a trailing `\r` is held until the next shows what follows it).
    pub fn convert(&mut self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len() + 1);
        for &byte in bytes {
            if std::mem::take(&mut self.held_cr) && byte != b'\n' {
                out.push(b'\r');
            }
            if byte == b'\r' {
                self.held_cr = true;
            } else {
                out.push(byte);
            }
        }
        out
    }

    /// What is still held at the end.
    pub fn finish(&mut self) -> Vec<u8> {
        if std::mem::take(&mut self.held_cr) {
            vec![b'\r']
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Uncooked;

    #[test]
    fn crlf_becomes_lf_across_chunks() {
        let mut text = Uncooked::default();
        let mut out = text.convert(b"a\r\nb\r");
        out.extend(text.convert(b"\nc\rd\r"));
        out.extend(text.finish());
        assert_eq!(out, b"a\nb\nc\rd\r");
    }
}
