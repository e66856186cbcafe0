//! The REPL, as MicroPython's: one implementation fed bytes and writing bytes, shared by every
//! terminal of a board (console, WebREPL) and by `mote repl` on the host.
//!
//! - The friendly REPL (`line_editor`): banner, `>>> `/`... ` prompts, line editing,
//!   history, auto-indent, Tab completion, Ctrl-C to interrupt or clear the line, Ctrl-D on an
//!   empty line to ask the embedder for a soft reset, Ctrl-E paste mode (`=== `).
//! - The raw REPL (`raw`), byte for byte as MicroPython's `pyexec.c`, so tools written for
//!   MicroPython (mpremote) drive it unchanged: Ctrl-A enters (`raw REPL; CTRL-B to exit\r\n>`),
//!   code then Ctrl-D is answered `OK`, the output, `\x04`, the error text, `\x04`, `>`
//!   (`sys.exit(n)` with `n` not 0 has the error text `SystemExit: n`, `sys.exit("msg")`
//!   `msg`, and then the embedder soft-resets); Ctrl-B
//!   leaves; Ctrl-D on an empty raw line asks for a soft reset; and raw-paste (`\x05A\x01`
//!   answered `R\x01`, a 16-bit little-endian window size and `\x01`, one `\x01` per window
//!   consumed, `\x04` to end, answered `\x04`).
//!
//! The REPL drives the VM through its public API only ([`Vm::start`], [`Vm::poll`]); the
//! embedder's host adds [`Console`]: Python's output collected for the REPL to forward (so
//! prompts, echo and program output leave in order), and the interrupt signal. The embedder
//! feeds input with [`Repl::feed`] whenever it arrives, also while a program runs (type-ahead is
//! queued, Ctrl-C interrupts), and calls [`Repl::poll`] with a fuel budget so the program's
//! output goes out as it is produced; everything to send to the terminals is appended to `out`.
//! Program output is "cooked" as on a UART (`\n` goes out as `\r\n`).
//!
//! Bad input is bounded: an input longer than the limit given to [`Repl::new`] is refused
//! with a `MemoryError` report, queued type-ahead is capped, and any byte sequence leaves the
//! REPL in a usable state.

mod complete;
mod continuation;
mod line_editor;
pub(crate) mod os_error_line;
mod raw;
#[cfg(test)]
mod tests;

pub use complete::Completer;

use crate::format::message::{fill, ToArg};
use crate::host::Host;
use crate::source::Mode;
use crate::vm::{Outcome, Poll, Vm};
use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;
use line_editor::{Key, LineEditor};

/// What the REPL needs from the embedder's host beyond [`Host`].
pub trait Console: Host {
    /// Append to `out` what Python wrote to stdout and stderr since the last call, in order.
    fn take_output(&mut self, out: &mut Vec<u8>);
    /// Raise `KeyboardInterrupt` in the running program (the REPL's Ctrl-C): the host's
    /// `take_interrupt` returns true from now until it is taken.
    fn interrupt(&mut self);
}

/// Why the REPL asks the embedder to reset the VM.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reset {
    /// Ctrl-D at an empty prompt.
    CtrlD,
    /// `sys.exit(code)` (or `SystemExit`) from a program run at the REPL.
    SystemExit(i32),
}

/// What the REPL needs next, from [`Repl::poll`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Nothing to do until more input arrives.
    WaitingForInput,
    /// A program runs and wants more fuel: poll again soon.
    Running,
    /// A program sleeps until host tick `wake_at_us` (or input arrives: Ctrl-C).
    Sleeping {
        /// Host tick (`Host::ticks_us`) at which to poll again.
        wake_at_us: u64,
    },
    /// Soft reset requested: the embedder makes a fresh VM (MicroPython prints
    /// `MPY: soft reboot`), runs its boot scripts, and calls [`Repl::start`] again.
    Reset(Reset),
}

/// The REPL's friendly prompts.
const PS1: &str = ">>> ";
const PS2: &str = "... ";

/// Bytes of type-ahead kept while a program runs; more is dropped.
const MAX_TYPE_AHEAD: usize = 64 * 1024;

/// Bytes the device lets the host send per raw-paste window.
pub const RAW_PASTE_WINDOW: u16 = 512;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Friendly REPL: editing a line (`continued`: the input has more than one line).
    Friendly { continued: bool },
    /// Friendly paste mode (`=== `).
    Paste,
    /// Raw REPL: collecting code until Ctrl-D.
    Raw,
    /// Raw-paste: receiving code under flow control, `remaining` bytes left in this window.
    RawPaste { remaining: u16 },
    /// Raw-paste ended early by the device: waiting for the host's Ctrl-C or Ctrl-D.
    RawPasteDrain,
    /// A program runs; `raw` frames its output for the raw REPL.
    Running { raw: bool },
    /// Waiting for the embedder to reset.
    Reset(Reset),
}

/// One REPL session. It outlives soft resets (the VM is replaced, the history stays).
pub struct Repl {
    state: State,
    /// Whether the raw REPL is the mode to return to (after a run, and after a soft reset).
    raw_mode: bool,
    editor: LineEditor,
    /// Paste-mode, raw and raw-paste code being collected.
    code: Vec<u8>,
    /// `code` went over the limit: report it instead of running.
    overflow: bool,
    limit: usize,
    pending: VecDeque<u8>,
    banner: String,
    scratch: Vec<u8>,
}

impl Repl {
    /// A REPL whose banner line is `banner` (e.g. `mote 0.1.0 on sim; mote-sim with ESP32C3`)
    /// and whose inputs are at most `limit` bytes.
    pub fn new(banner: &str, limit: usize) -> Repl {
        Repl {
            state: State::Friendly { continued: false },
            raw_mode: false,
            editor: LineEditor::new(limit),
            code: Vec::new(),
            overflow: false,
            limit,
            pending: VecDeque::new(),
            banner: String::from(banner),
            scratch: Vec::new(),
        }
    }

    /// Greet a fresh VM: the banner and `>>> `, or the raw REPL's prompt if the session was
    /// in the raw REPL (as after a soft reset from a tool). Also forwards output the VM made
    /// before (boot scripts).
    pub fn start<H: Console>(&mut self, vm: &mut Vm<H>, out: &mut Vec<u8>) {
        vm.keep_tracebacks(self.raw_mode);
        self.drain(vm, out);
        if self.raw_mode {
            self.enter_raw(out);
        } else {
            self.friendly_banner(vm, out);
        }
    }

    /// The line history, most recent first (an embedder may keep it between sessions).
    pub fn history(&self) -> &[String] {
        self.editor.history()
    }

    /// Start with `lines` as the history, most recent first.
    pub fn set_history(&mut self, lines: Vec<String>) {
        self.editor.set_history(lines);
    }

    /// Whether the session is in the raw REPL (a board then skips `main.py` after a soft
    /// reset, as MicroPython does, so tools get a quiet board).
    pub fn in_raw_mode(&self) -> bool {
        self.raw_mode
    }

    /// Whether a program is running (Ctrl-C then interrupts it).
    pub fn is_running(&self) -> bool {
        matches!(self.state, State::Running { .. })
    }

    /// Take input bytes from a terminal and act on those the REPL can act on now.
    pub fn feed<H: Console>(&mut self, vm: &mut Vm<H>, bytes: &[u8], out: &mut Vec<u8>) {
        for &b in bytes {
            if self.pending.len() < MAX_TYPE_AHEAD {
                self.pending.push_back(b);
            }
        }
        self.process(vm, out);
    }

    /// Run the program (if any) for about `fuel` instructions and say what is needed next.
    pub fn poll<H: Console>(&mut self, vm: &mut Vm<H>, fuel: u32, out: &mut Vec<u8>) -> Status {
        self.process(vm, out);
        if let State::Running { raw } = self.state {
            if let Some(i) = self.pending.iter().position(|&b| b == CTRL_C) {
                self.pending.remove(i);
                vm.host_mut().interrupt();
            }
            let mut fuel = fuel;
            let poll = vm.poll(&mut fuel);
            self.drain(vm, out);
            match poll {
                Poll::Yielded => return Status::Running,
                Poll::Idle { wake_at_us } => return Status::Sleeping { wake_at_us },
                Poll::Done(outcome) => {
                    self.finish(vm, raw, outcome, out);
                    self.process(vm, out);
                }
            }
        }
        match self.state {
            State::Running { .. } => Status::Running,
            State::Reset(r) => Status::Reset(r),
            _ => Status::WaitingForInput,
        }
    }

    /// Handle queued input until a program starts or the queue is empty.
    fn process<H: Console>(&mut self, vm: &mut Vm<H>, out: &mut Vec<u8>) {
        while !matches!(self.state, State::Running { .. } | State::Reset(_)) {
            let Some(c) = self.pending.pop_front() else {
                break;
            };
            match self.state {
                State::Friendly { continued } => self.friendly_byte(vm, c, continued, out),
                State::Paste => self.paste_byte(vm, c, out),
                State::Raw => self.raw_byte(vm, c, out),
                State::RawPaste { remaining } => self.raw_paste_byte(vm, c, remaining, out),
                State::RawPasteDrain => self.raw_paste_drain_byte(vm, c, out),
                State::Running { .. } | State::Reset(_) => {}
            }
        }
    }

    fn friendly_banner<H: Console>(&mut self, vm: &mut Vm<H>, out: &mut Vec<u8>) {
        out.extend_from_slice(self.banner.as_bytes());
        out.extend_from_slice(b"\r\n");
        if vm.completion_names(&[]).iter().any(|n| n == "help") {
            out.extend_from_slice(b"Type \"help()\" for more information.\r\n");
        }
        self.restart_prompt(out);
    }

    fn restart_prompt(&mut self, out: &mut Vec<u8>) {
        self.raw_mode = false;
        self.state = State::Friendly { continued: false };
        self.editor.begin(PS1, out);
    }

    fn friendly_byte<H: Console>(
        &mut self,
        vm: &mut Vm<H>,
        c: u8,
        continued: bool,
        out: &mut Vec<u8>,
    ) {
        let key = self.editor.process(c, out, &mut VmNames(vm));
        let Some(key) = key else {
            return;
        };
        match (continued, key) {
            (false, Key::Control(CTRL_A)) => {
                out.extend_from_slice(b"\r\n");
                self.enter_raw(out);
            }
            (false, Key::Control(CTRL_B)) => {
                out.extend_from_slice(b"\r\n");
                self.friendly_banner(vm, out);
            }
            (_, Key::Control(CTRL_C)) => {
                out.extend_from_slice(b"\r\n");
                self.restart_prompt(out);
            }
            (false, Key::Control(CTRL_D)) => {
                out.extend_from_slice(b"\r\n");
                self.state = State::Reset(Reset::CtrlD);
            }
            (false, Key::Control(CTRL_E)) => {
                out.extend_from_slice(
                    b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== ",
                );
                self.code.clear();
                self.overflow = false;
                self.state = State::Paste;
            }
            (true, Key::Control(CTRL_D)) => self.run_input(vm, out),
            (_, Key::Control(_)) => {}
            (false, Key::Newline) if self.editor.text().is_empty() => self.restart_prompt(out),
            (_, Key::Newline) => {
                if continuation::continues(self.editor.text()) {
                    self.editor.continue_line(PS2, out);
                    self.state = State::Friendly { continued: true };
                } else {
                    self.run_input(vm, out);
                }
            }
        }
    }

    /// Run the friendly input as one REPL statement (expression results are printed).
    fn run_input<H: Console>(&mut self, vm: &mut Vm<H>, out: &mut Vec<u8>) {
        let source = String::from_utf8_lossy(self.editor.text()).into_owned();
        self.run(vm, &source, Mode::Single, false, out);
    }

    fn paste_byte<H: Console>(&mut self, vm: &mut Vm<H>, c: u8, out: &mut Vec<u8>) {
        match c {
            CTRL_C => {
                out.extend_from_slice(b"\r\n");
                self.restart_prompt(out);
            }
            CTRL_D => {
                out.extend_from_slice(b"\r\n");
                if self.overflow {
                    self.report_overflow(vm, false, out);
                } else {
                    let source = String::from_utf8_lossy(&self.code).into_owned();
                    self.run(vm, &source, Mode::Exec, false, out);
                }
            }
            b'\r' => {
                self.push_code(c);
                out.extend_from_slice(b"\r\n=== ");
            }
            _ => {
                self.push_code(c);
                out.push(c);
            }
        }
    }

    fn push_code(&mut self, c: u8) -> bool {
        if self.code.len() < self.limit {
            self.code.push(c);
            true
        } else {
            self.overflow = true;
            false
        }
    }

    /// Input over the limit: say so as the program's error, in the current mode's framing.
    fn report_overflow<H: Console>(&mut self, vm: &mut Vm<H>, raw: bool, out: &mut Vec<u8>) {
        self.code.clear();
        self.overflow = false;
        self.state = State::Running { raw };
        self.finish_with_error(vm, raw, "MemoryError: input too long for the REPL\n", out);
    }

    /// Start `source`; a compile error finishes at once.
    fn run<H: Console>(
        &mut self,
        vm: &mut Vm<H>,
        source: &str,
        mode: Mode,
        raw: bool,
        out: &mut Vec<u8>,
    ) {
        // A Ctrl-C that came after the last program ended must not stop this one.
        vm.host_mut().take_interrupt();
        vm.keep_tracebacks(raw);
        self.state = State::Running { raw };
        if let Some(outcome) = vm.start(source, "<stdin>", mode) {
            self.drain(vm, out);
            self.finish(vm, raw, outcome, out);
        }
    }

    /// A program ended: frame its end for the raw REPL, or prompt again.
    fn finish<H: Console>(
        &mut self,
        vm: &mut Vm<H>,
        raw: bool,
        outcome: Outcome,
        out: &mut Vec<u8>,
    ) {
        self.code.clear();
        let mut error = vm.take_traceback().unwrap_or_default();
        // MicroPython's raw REPL sends no trace of `sys.exit(n)`: its code reaches only the
        // port (a Unix process's status). Here a non-zero code is the error text
        // `SystemExit: n`, so a tool learns it and MicroPython's tools see a failure.
        if let (true, Outcome::SystemExit(code @ (i32::MIN..=-1 | 1..))) = (raw, outcome) {
            if error.is_empty() {
                error = fill("SystemExit: {}\n", &[code.arg()]);
            }
        }
        self.finish_with_error(vm, raw, &error, out);
        if let Outcome::SystemExit(code) = outcome {
            self.state = State::Reset(Reset::SystemExit(code));
        }
    }

    fn finish_with_error<H: Console>(
        &mut self,
        vm: &mut Vm<H>,
        raw: bool,
        error: &str,
        out: &mut Vec<u8>,
    ) {
        self.drain(vm, out);
        if raw {
            out.push(CTRL_D);
            cook(error.as_bytes(), out);
            out.push(CTRL_D);
            self.state = State::Raw;
            self.raw_mode = true;
            out.push(b'>');
        } else {
            cook(error.as_bytes(), out);
            self.restart_prompt(out);
        }
    }

    /// Forward what Python wrote, cooked.
    fn drain<H: Console>(&mut self, vm: &mut Vm<H>, out: &mut Vec<u8>) {
        self.scratch.clear();
        vm.host_mut().take_output(&mut self.scratch);
        cook(&self.scratch, out);
    }
}

const CTRL_A: u8 = 1;
const CTRL_B: u8 = 2;
const CTRL_C: u8 = 3;
const CTRL_D: u8 = 4;
const CTRL_E: u8 = 5;

/// Program output as a UART sends it: `\n` as `\r\n` (for embedders forwarding output
/// of programs they run outside the REPL, such as `boot.py`).
pub fn cook(bytes: &[u8], out: &mut Vec<u8>) {
    for part in bytes.split_inclusive(|&b| b == b'\n') {
        match part.strip_suffix(b"\n") {
            Some(line) => {
                out.extend_from_slice(line);
                out.extend_from_slice(b"\r\n");
            }
            None => out.extend_from_slice(part),
        }
    }
}

/// Completion names from the VM.
struct VmNames<'a, H: Host>(&'a mut Vm<H>);

impl<H: Host> Completer for VmNames<'_, H> {
    fn names(&mut self, path: &[&str]) -> Vec<String> {
        self.0.completion_names(path)
    }
}
