//! The REPL at byte level: what a terminal sends, what it gets back.

use super::{Console, Repl, Reset, Status};
use crate::host::Host;
use crate::vm::{Config, Vm};
use alloc::vec::Vec;

/// A host with a hand-moved clock, collecting output for the REPL.
struct TestHost {
    output: Vec<u8>,
    interrupted: bool,
    now: u64,
}

impl Host for TestHost {
    fn write_stdout(&mut self, bytes: &[u8]) {
        self.output.extend_from_slice(bytes);
    }
    fn write_stderr(&mut self, bytes: &[u8]) {
        self.output.extend_from_slice(bytes);
    }
    fn ticks_us(&mut self) -> u64 {
        self.now
    }
    fn time_us(&mut self) -> i64 {
        0
    }
    fn wait_until(&mut self, t: u64) {
        self.now = self.now.max(t);
    }
    fn take_interrupt(&mut self) -> bool {
        core::mem::take(&mut self.interrupted)
    }
    fn platform(&self) -> &str {
        "test"
    }
}

impl Console for TestHost {
    fn take_output(&mut self, out: &mut Vec<u8>) {
        out.append(&mut self.output);
    }
    fn interrupt(&mut self) {
        self.interrupted = true;
    }
}

struct Session {
    vm: Vm<TestHost>,
    repl: Repl,
}

const BANNER: &str = "mote test";

impl Session {
    fn new() -> (Session, Vec<u8>) {
        Session::with_limit(4096)
    }

    fn with_limit(limit: usize) -> (Session, Vec<u8>) {
        let host = TestHost {
            output: Vec::new(),
            interrupted: false,
            now: 0,
        };
        let mut vm = match Vm::new(Config::default(), host) {
            Ok(vm) => vm,
            Err(e) => panic!("vm: {e:?}"),
        };
        let mut repl = Repl::new(BANNER, limit);
        let mut out = Vec::new();
        repl.start(&mut vm, &mut out);
        (Session { vm, repl }, out)
    }

    /// Feed `input` and poll until the REPL waits for input (or `max` polls passed).
    fn send(&mut self, input: &[u8]) -> (Vec<u8>, Status) {
        let mut out = Vec::new();
        self.repl.feed(&mut self.vm, input, &mut out);
        let status = self.settle(&mut out, 10_000);
        (out, status)
    }

    fn settle(&mut self, out: &mut Vec<u8>, max: usize) -> Status {
        let mut status = Status::WaitingForInput;
        for _ in 0..max {
            status = self.repl.poll(&mut self.vm, 10_000, out);
            if status != Status::Running {
                break;
            }
        }
        status
    }

    fn text(&mut self, input: &[u8]) -> Vec<u8> {
        self.send(input).0
    }
}

fn show(bytes: &[u8]) -> alloc::string::String {
    alloc::format!("{:?}", alloc::string::String::from_utf8_lossy(bytes))
}

#[track_caller]
fn contains(hay: &[u8], needle: &[u8]) {
    assert!(
        hay.windows(needle.len()).any(|w| w == needle),
        "{} not in {}",
        show(needle),
        show(hay)
    );
}

#[test]
fn banner_then_prompt() {
    let (_, out) = Session::new();
    assert_eq!(
        out,
        b"mote test\r\nType \"help()\" for more information.\r\n>>> "
    );
}

#[test]
fn expression_result_is_echoed() {
    let (mut s, _) = Session::new();
    assert_eq!(s.text(b"1+2\r"), b"1+2\r\n3\r\n>>> ");
}

#[test]
fn type_ahead_runs_every_line() {
    let (mut s, _) = Session::new();
    let out = s.text(b"a=1\rb=2\r\nprint(a+b)\r");
    assert_eq!(out, b"a=1\r\n>>> b=2\r\n>>> print(a+b)\r\n3\r\n>>> ");
}

#[test]
fn output_without_newline_is_kept() {
    let (mut s, _) = Session::new();
    assert_eq!(s.text(b"print(1, end='')\r"), b"print(1, end='')\r\n1>>> ");
}

#[test]
fn auto_indent_and_three_enters_end_a_block() {
    let (mut s, _) = Session::new();
    assert_eq!(
        s.text(b"for i in range(2):\r"),
        b"for i in range(2):\r\n...     "
    );
    assert_eq!(s.text(b"print(i)\r"), b"print(i)\r\n...     ");
    assert_eq!(s.text(b"\r"), b"\r\n...     ");
    assert_eq!(s.text(b"\r"), b"\r\n... ");
    assert_eq!(s.text(b"\r"), b"\r\n0\r\n1\r\n>>> ");
}

#[test]
fn pasted_indented_block_runs() {
    // A space right after an auto-indent gives back three of its four spaces, so pasted
    // code keeps its own indentation.
    let (mut s, _) = Session::new();
    let out = s.text(b"def f(x):\r    return x*2\r\rprint(f(21))\r");
    contains(&out, b"42\r\n>>> ");
    assert!(!out.windows(5).any(|w| w == b"Error"), "{}", show(&out));
}

#[test]
fn traceback_then_prompt() {
    let (mut s, _) = Session::new();
    let out = s.text(b"1/0\r");
    contains(&out, b"Traceback (most recent call last):\r\n");
    contains(&out, b"ZeroDivisionError");
    assert!(out.ends_with(b"\r\n>>> "), "{}", show(&out));
    assert_eq!(s.text(b"2\r"), b"2\r\n2\r\n>>> ");
}

#[test]
fn line_editing_keys() {
    let (mut s, _) = Session::new();
    // Left twice, backspace over the '1', type '4': print(43).
    let out = s.text(b"print(13)\x1b[D\x1b[D\x7f4\r");
    contains(&out, b"\r\n43\r\n");
    // Home then Delete then End.
    let out = s.text(b"x1+1\x1b[H\x1b[3~\x1b[F\r");
    contains(&out, b"\r\n2\r\n");
    // Ctrl-A/Ctrl-E on a non-empty line move; Ctrl-K kills to the end.
    let out = s.text(b"5+5junk\x01\x1b[C\x1b[C\x1b[C\x0b\r");
    contains(&out, b"\r\n10\r\n");
}

#[test]
fn echo_and_redraw_bytes() {
    let (mut s, _) = Session::new();
    let mut out = Vec::new();
    s.repl.feed(&mut s.vm, b"ab\x1b[Dc", &mut out);
    // 'a', 'b', back one, then 'c' inserted: redraw "cb" and step back over 'b'.
    assert_eq!(out, b"ab\x08cb\x08");
    let mut out = Vec::new();
    s.repl.feed(&mut s.vm, b"\x7f", &mut out);
    assert_eq!(out, b"\x08\x1b[Kb\x08");
}

#[test]
#[cfg(feature = "unicode-class")]
fn utf8_is_typed_and_edited_by_characters() {
    let (mut s, _) = Session::new();
    let out = s.text("print('héllo €')\r".as_bytes());
    contains(&out, "\r\nhéllo €\r\n".as_bytes());
    // Left steps over the two-byte 'é' as one column, backspace then deletes all of it.
    let mut out = Vec::new();
    s.repl
        .feed(&mut s.vm, "aéb\x1b[D\x1b[D".as_bytes(), &mut out);
    assert_eq!(out, "aéb\x08\x08".as_bytes());
    let mut out = Vec::new();
    s.repl.feed(&mut s.vm, b"\x1b[C\x7f", &mut out);
    let mut want = "é".as_bytes().to_vec();
    want.extend_from_slice(b"\x08\x1b[Kb\x08");
    assert_eq!(out, want);
    // A character typed before others is inserted whole, the rest redrawn after it.
    let mut out = Vec::new();
    s.repl.feed(&mut s.vm, "\x1b[D€".as_bytes(), &mut out);
    let mut want = b"\x08".to_vec();
    want.extend_from_slice("€ab\x08\x08".as_bytes());
    assert_eq!(out, want);
    let out = s.text(b"\r");
    contains(&out, "invalid character '€' (U+20AC)".as_bytes());
}

#[test]
fn history_up_and_down() {
    let (mut s, _) = Session::new();
    s.text(b"40+2\r");
    s.text(b"1+1\r");
    let out = s.text(b"\x1b[A\x1b[A\r");
    contains(&out, b"42\r\n");
    let out = s.text(b"\x1b[A\x1b[A\x1b[B\r");
    contains(&out, b"2\r\n>>> ");
}

#[test]
fn history_can_be_kept_between_sessions() {
    let (mut s, _) = Session::new();
    s.text(b"1+1\r");
    s.text(b"2+2\r");
    assert_eq!(s.repl.history(), ["2+2", "1+1"]);
    let (mut t, _) = Session::new();
    t.repl.set_history(s.repl.history().to_vec());
    let out = t.text(b"\x1b[A\x1b[A\r");
    contains(&out, b"\r\n2\r\n>>> ");
}

#[test]
fn tab_completes_globals_builtins_and_attributes() {
    let (mut s, _) = Session::new();
    s.text(b"zebra_count = 7\r");
    assert_eq!(s.text(b"zeb\t"), b"zebra_count");
    assert_eq!(s.text(b"\r"), b"\r\n7\r\n>>> ");
    assert_eq!(s.text(b"isinst\t"), b"isinstance");
    s.text(b"\x03");
    s.text(b"import sys\r");
    assert_eq!(s.text(b"sys.pat\t"), b"sys.path");
    s.text(b"\x03");
    // Several matches: the list, then the prompt and the line again.
    s.text(b"class K:\r  alpha = 1\r  also = 2\r\r");
    let out = s.text(b"K.al\t");
    contains(&out, b"K.al\r\nalpha           also\r\n>>> K.al");
}

#[test]
fn tab_after_space_indents() {
    let (mut s, _) = Session::new();
    assert_eq!(s.text(b"x \t"), b"x     ");
}

#[test]
fn ctrl_c_clears_the_line_and_ctrl_d_asks_for_reset() {
    let (mut s, _) = Session::new();
    assert_eq!(s.text(b"abc\x03"), b"abc\r\n>>> ");
    let (out, status) = s.send(b"\x04");
    assert_eq!(out, b"\r\n");
    assert_eq!(status, Status::Reset(Reset::CtrlD));
}

#[test]
fn sys_exit_asks_for_reset_with_its_code() {
    let (mut s, _) = Session::new();
    let (_, status) = s.send(b"import sys\rsys.exit(3)\r");
    assert_eq!(status, Status::Reset(Reset::SystemExit(3)));
}

#[test]
fn ctrl_c_interrupts_a_running_loop() {
    let (mut s, _) = Session::new();
    let mut out = Vec::new();
    s.repl
        .feed(&mut s.vm, b"while True:\r pass\r\r\r", &mut out);
    assert_eq!(s.settle(&mut out, 20), Status::Running);
    assert!(s.repl.is_running());
    let (out, status) = s.send(b"\x03");
    assert_eq!(status, Status::WaitingForInput);
    contains(&out, b"KeyboardInterrupt");
    assert!(out.ends_with(b">>> "));
    assert_eq!(s.text(b"1\r"), b"1\r\n1\r\n>>> ");
}

#[test]
fn ctrl_c_interrupts_a_sleep() {
    let (mut s, _) = Session::new();
    let (_, status) = s.send(b"import time\rtime.sleep(100)\r");
    assert!(matches!(status, Status::Sleeping { .. }), "{status:?}");
    let (out, status) = s.send(b"\x03");
    assert_eq!(status, Status::WaitingForInput);
    contains(&out, b"KeyboardInterrupt");
}

#[test]
fn type_ahead_waits_for_the_running_program() {
    let (mut s, _) = Session::new();
    let mut out = Vec::new();
    s.repl
        .feed(&mut s.vm, b"for i in range(20000): pass\r\r\r", &mut out);
    s.repl.feed(&mut s.vm, b"print('after')\r", &mut out);
    s.settle(&mut out, 1000);
    contains(&out, b">>> print('after')\r\nafter\r\n>>> ");
}

#[test]
fn paste_mode() {
    let (mut s, _) = Session::new();
    let out = s.text(b"\x05");
    assert_eq!(
        out,
        b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n=== "
    );
    let out = s.text(b"for i in range(2):\r    print(i)\r\x04");
    assert_eq!(
        out,
        b"for i in range(2):\r\n===     print(i)\r\n=== \r\n0\r\n1\r\n>>> "
    );
    let out = s.text(b"\x05x = 1\x03");
    assert!(out.ends_with(b"x = 1\r\n>>> "), "{}", show(&out));
}

#[test]
fn raw_repl_bytes() {
    let (mut s, _) = Session::new();
    assert_eq!(s.text(b"\x01"), b"\r\nraw REPL; CTRL-B to exit\r\n>");
    assert_eq!(s.text(b"print(1)\nprint(2)\x04"), b"OK1\r\n2\r\n\x04\x04>");
    let out = s.text(b"x = 5\n1/0\x04");
    assert!(
        out.starts_with(b"OK\x04Traceback (most recent call last):\r\n"),
        "{}",
        show(&out)
    );
    assert!(
        out.ends_with(b"\r\nZeroDivisionError: division by zero\r\n\x04>"),
        "{}",
        show(&out)
    );
    assert_eq!(s.text(b"print(x)\x04"), b"OK5\r\n\x04\x04>");
    // Syntax errors are errors too.
    let out = s.text(b"1 +\x04");
    contains(&out, b"SyntaxError");
    assert!(out.starts_with(b"OK\x04") && out.ends_with(b"\x04>"));
    // Ctrl-C drops the code collected so far.
    assert_eq!(
        s.text(b"print('no')\x03print('yes')\x04"),
        b"OKyes\r\n\x04\x04>"
    );
    // Ctrl-A again: the banner again.
    assert_eq!(s.text(b"\x01"), b"raw REPL; CTRL-B to exit\r\n>");
    assert_eq!(
        s.text(b"\x02"),
        b"\r\nmote test\r\nType \"help()\" for more information.\r\n>>> "
    );
}

#[test]
fn raw_repl_reports_system_exit_codes_and_messages_as_error_text() {
    let (mut s, _) = Session::new();
    s.text(b"\x01");
    let (out, status) = s.send(b"import sys\nprint(1)\nsys.exit(3)\x04");
    assert_eq!(out, b"OK1\r\n\x04SystemExit: 3\r\n\x04>", "{}", show(&out));
    assert_eq!(status, Status::Reset(Reset::SystemExit(3)));
    for (code, status) in [
        (&b"raise SystemExit\x04"[..], 0),
        (b"import sys\nsys.exit(0)\x04", 0),
        (b"import sys\nsys.exit(None)\x04", 0),
    ] {
        let (mut s, _) = Session::new();
        s.text(b"\x01");
        let (out, got) = s.send(code);
        assert_eq!(out, b"OK\x04\x04>", "{}", show(&out));
        assert_eq!(got, Status::Reset(Reset::SystemExit(status)));
    }
    let (mut s, _) = Session::new();
    s.text(b"\x01");
    let (out, status) = s.send(b"raise SystemExit('bad input')\x04");
    assert_eq!(out, b"OK\x04bad input\r\n\x04>", "{}", show(&out));
    assert_eq!(status, Status::Reset(Reset::SystemExit(1)));
}

#[test]
fn raw_repl_soft_reset_and_restart_in_raw_mode() {
    let (mut s, _) = Session::new();
    s.text(b"\r\x01");
    let (out, status) = s.send(b"\x04");
    assert_eq!(out, b"OK\r\n");
    assert_eq!(status, Status::Reset(Reset::CtrlD));
    // The embedder makes a fresh VM; the session stays in the raw REPL.
    let (fresh, _) = Session::new();
    s.vm = fresh.vm;
    let mut out = Vec::new();
    s.repl.start(&mut s.vm, &mut out);
    assert_eq!(out, b"raw REPL; CTRL-B to exit\r\n>");
}

#[test]
fn raw_repl_interrupt_while_running() {
    let (mut s, _) = Session::new();
    s.text(b"\x01");
    let mut out = Vec::new();
    s.repl
        .feed(&mut s.vm, b"while True:\n pass\n\x04", &mut out);
    assert_eq!(s.settle(&mut out, 5), Status::Running);
    let (rest, _) = s.send(b"\x03");
    out.extend_from_slice(&rest);
    assert!(out.starts_with(b"OK\x04Traceback"), "{}", show(&out));
    contains(&out, b"KeyboardInterrupt");
    assert!(out.ends_with(b"\x04>"));
}

#[test]
fn raw_paste_flow_control() {
    let (mut s, _) = Session::new();
    s.text(b"\x01");
    let out = s.text(b"\x05A\x01");
    assert_eq!(out, b"R\x01\x00\x02\x01");
    // 1100 bytes of code: the device grants a new window after each 512 it consumed.
    let mut code = b"x = 1\n".to_vec();
    code.resize(1100 - 9, b'#');
    code.extend_from_slice(b"\nprint(x)");
    let out = s.text(&code);
    assert_eq!(out, b"\x01\x01");
    assert_eq!(s.text(b"\x04"), b"\x041\r\n\x04\x04>");
    // Errors come after the first end marker.
    s.text(b"\x05A\x01");
    assert!(s
        .text(b"raise ValueError('bad')\x04")
        .ends_with(b"ValueError: bad\r\n\x04>"));
    // An unknown variant is refused.
    assert_eq!(s.text(b"\x05B\x01"), b"R\x00>");
    // Ctrl-C ends a paste as an interrupt.
    s.text(b"\x05A\x01");
    assert_eq!(
        s.text(b"print(1)\x03"),
        b"\x04\x04KeyboardInterrupt\r\n\x04>"
    );
}

#[test]
fn input_over_the_limit_is_refused_and_the_repl_recovers() {
    let (mut s, _) = Session::with_limit(64);
    s.text(b"\x01");
    let long = [b'#'; 100];
    let mut input = long.to_vec();
    input.push(4);
    let out = s.text(&input);
    assert_eq!(
        out,
        b"OK\x04MemoryError: input too long for the REPL\r\n\x04>"
    );
    // Raw-paste: the device ends the paste early; the host acknowledges with Ctrl-D.
    s.text(b"\x05A\x01");
    let out = s.text(&long);
    assert_eq!(out, b"\x04");
    assert_eq!(s.text(b"more"), b"");
    assert_eq!(
        s.text(b"\x04"),
        b"\x04MemoryError: input too long for the REPL\r\n\x04>"
    );
    assert_eq!(s.text(b"print(7)\x04"), b"OK7\r\n\x04\x04>");
}

#[test]
fn garbage_never_breaks_the_session() {
    let (mut s, _) = Session::new();
    let all: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
    for _ in 0..3 {
        s.feed_recovering(&all);
    }
    // What mpremote sends to get a known state: interrupt, then the friendly REPL.
    s.feed_recovering(b"\r\x03\x03\x02\x03");
    let out = s.text(b"6*7\r");
    contains(&out, b"42\r\n>>> ");
}

impl Session {
    /// Feed `input`, interrupting whatever runs and resetting when asked, until the REPL
    /// waits for input.
    fn feed_recovering(&mut self, input: &[u8]) {
        let mut out = Vec::new();
        self.repl.feed(&mut self.vm, input, &mut out);
        for _ in 0..50 {
            match self.repl.poll(&mut self.vm, 10_000, &mut out) {
                Status::Running | Status::Sleeping { .. } => {
                    self.repl.feed(&mut self.vm, b"\x03", &mut out)
                }
                Status::Reset(_) => {
                    let (fresh, _) = Session::new();
                    self.vm = fresh.vm;
                    self.repl.start(&mut self.vm, &mut out);
                }
                Status::WaitingForInput => return,
            }
        }
        panic!("the REPL did not settle: {}", show(&out));
    }
}

#[test]
#[cfg(feature = "errno")]
fn raw_repl_spells_errno_errors_as_micropython() {
    let (mut s, _) = Session::new();
    s.text(b"\x01");
    let out = s.text(b"raise FileNotFoundError(2, 'No such file or directory')\x04");
    assert!(
        out.ends_with(b"\r\nOSError: [Errno 2] ENOENT\r\n\x04>"),
        "{}",
        show(&out)
    );
    let out = s.text(b"import errno\nraise OSError(errno.EEXIST, 'File exists')\x04");
    assert!(
        out.ends_with(b"\r\nOSError: [Errno 17] EEXIST\r\n\x04>"),
        "{}",
        show(&out)
    );
    // Without an errno, or with one no table names, the CPython line stays.
    let out = s.text(b"raise OSError('plain')\x04");
    assert!(
        out.ends_with(b"\r\nOSError: plain\r\n\x04>"),
        "{}",
        show(&out)
    );
    let out = s.text(b"raise OSError(9999, 'odd')\x04");
    assert!(
        out.ends_with(b"\r\nOSError: [Errno 9999] odd\r\n\x04>"),
        "{}",
        show(&out)
    );
    // Python still sees CPython's exception.
    let out = s.text(
        b"try:\n raise FileNotFoundError(2, 'No such file or directory')\nexcept OSError as e:\n print(type(e).__name__, e.errno, e)\x04",
    );
    assert_eq!(
        out,
        b"OKFileNotFoundError 2 [Errno 2] No such file or directory\r\n\x04\x04>",
        "{}",
        show(&out)
    );
    // The friendly REPL prints CPython's line.
    s.text(b"\x02");
    let out = s.text(b"raise FileNotFoundError(2, 'No such file or directory')\r");
    contains(
        &out,
        b"FileNotFoundError: [Errno 2] No such file or directory\r\n",
    );
}
