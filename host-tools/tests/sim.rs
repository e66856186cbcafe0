//! End-to-end tests of `mote sim`: simulated boards started as a user starts them, reached over
//! their console (TCP on 127.0.0.1, or a pseudo-terminal) as tools reach a board on a cable.

mod sim_common;

use sim_common::*;
use std::io::{Read, Write};
use std::time::{Duration, Instant};

#[test]
fn boot_py_then_main_py_and_a_traceback_leaves_the_repl_usable() {
    let dir = scratch_dir("boot");
    let flash = flash_with(
        &dir,
        &[
            ("greet.py", "def hello(n):\n    return 'hello ' + n\n"),
            ("boot.py", "open('/order', 'a').write('boot ')\nprint('boot says hi')\n"),
            (
                "main.py",
                "open('/order', 'a').write('main ')\nprint('main says hi')\nraise ValueError('main failed')\n",
            ),
        ],
    );
    let board = Board::start(&flash, "tcp:0", &[]);
    let log = board.wait_log("REPL ready");
    let boot = log.find("running boot.py").expect("boot.py ran");
    let main = log.find("running main.py").expect("main.py ran");
    assert!(boot < main, "{log}");
    let mut term = board.connect();
    term.prompt();
    assert_eq!(term.line("print(open('/order').read())"), "boot main \r\n");
    // Modules import from the board's flash; a missing one is CPython's ModuleNotFoundError.
    assert_eq!(
        term.line("import greet; print(greet.hello('board'))"),
        "hello board\r\n"
    );
    let missing = term.line("import absent");
    assert!(
        missing.contains("ModuleNotFoundError: No module named 'absent'"),
        "{missing:?}"
    );
    // A soft reset runs them again, and this terminal sees it all.
    term.send(b"\x04");
    let boot = String::from_utf8_lossy(&term.until(b">>> ")).into_owned();
    let order = [
        "MPY: soft reboot\r\n",
        "boot says hi\r\n",
        "main says hi\r\n",
        "ValueError: main failed\r\n",
        "mote 0.1.0 on mote-sim",
    ];
    let mut at = 0;
    for part in order {
        match boot[at..].find(part) {
            Some(i) => at += i + part.len(),
            None => panic!("{part:?} missing or out of order in {boot:?}"),
        }
    }
    assert_eq!(term.line("6 * 7"), "42\r\n");
}

#[test]
fn soft_reset_gives_a_fresh_heap_and_ctrl_c_stops_a_loop() {
    let dir = scratch_dir("reset");
    let board = Board::start(&dir.join("b.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    term.line("import gc");
    term.line("keep = [0] * 5000");
    let before = term.line("gc.collect(); print(gc.mem_free())");
    term.send(b"\x04");
    term.until(b"MPY: soft reboot\r\n");
    term.until(b">>> ");
    assert!(term.line("keep").contains("NameError"));
    term.line("import gc");
    let after = term.line("gc.collect(); print(gc.mem_free())");
    let (before, after): (u64, u64) = (
        before.trim().parse().unwrap(),
        after.trim().parse().unwrap(),
    );
    assert!(
        after > before + 15_000,
        "free before {before}, after {after}"
    );
    // Ctrl-C stops a running loop; the REPL goes on.
    term.send(b"while True:\r pass\r\r");
    std::thread::sleep(Duration::from_millis(300));
    term.send(b"\x03");
    let out = term.until(b">>> ");
    assert!(
        String::from_utf8_lossy(&out).contains("KeyboardInterrupt"),
        "{out:?}"
    );
    // And a sleep.
    term.line("import time");
    term.send(b"time.sleep(60)\r");
    std::thread::sleep(Duration::from_millis(300));
    term.send(b"\x03");
    let out = term.until(b">>> ");
    assert!(
        String::from_utf8_lossy(&out).contains("KeyboardInterrupt"),
        "{out:?}"
    );
    assert_eq!(term.line("1 + 1"), "2\r\n");
}

#[test]
fn files_written_from_python_are_there_after_a_restart() {
    let dir = scratch_dir("persist");
    let flash = dir.join("p.flash");
    {
        let board = Board::start(&flash, "tcp:0", &["--name", "keeper"]);
        let mut term = board.connect();
        term.prompt();
        term.line("f = open('/kept.txt', 'w'); f.write('still here'); f.close()");
    }
    let board = Board::start(&flash, "tcp:0", &[]);
    assert!(board.wait_log("board keeper").contains("board keeper"));
    let mut term = board.connect();
    term.prompt();
    assert_eq!(
        term.line("print(open('/kept.txt').read())"),
        "still here\r\n"
    );
}

#[test]
fn raw_repl_and_raw_paste_bytes_over_tcp() {
    let dir = scratch_dir("raw");
    let board = Board::start(&dir.join("r.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    term.send(b"\r\x01");
    assert!(term
        .until(b"raw REPL; CTRL-B to exit\r\n>")
        .ends_with(b"\r\nraw REPL; CTRL-B to exit\r\n>"));
    term.send(b"print('out')\x04");
    assert_eq!(term.until(b">"), b"OKout\r\n\x04\x04>");
    term.send(b"1/0\x04");
    let out = term.until(b"\x04>");
    assert!(
        out.starts_with(b"OK\x04Traceback (most recent call last):\r\n"),
        "{out:?}"
    );
    assert!(
        out.ends_with(b"\r\nZeroDivisionError: division by zero\r\n\x04>"),
        "{out:?}"
    );
    // Raw-paste: header, windows, end.
    term.send(b"\x05A\x01");
    assert_eq!(term.until(b"\x01"), b"R\x01");
    let window = term.until(b"\x01");
    assert_eq!(window, b"\x00\x02\x01");
    let mut code = b"total = 0\n".to_vec();
    for i in 0..200 {
        code.extend_from_slice(format!("total += {i}\n").as_bytes());
    }
    code.extend_from_slice(b"print('total', total)\n");
    let mut grants = 0;
    let mut sent = 0;
    let mut allowed = 512 * 2;
    while sent < code.len() {
        while allowed == 0 {
            term.until(b"\x01");
            grants += 1;
            allowed += 512;
        }
        let n = allowed.min(code.len() - sent);
        term.send(&code[sent..sent + n]);
        sent += n;
        allowed -= n;
    }
    term.send(b"\x04");
    let rest = term.until(b"\x04>");
    let rest = String::from_utf8_lossy(&rest);
    assert!(
        rest.ends_with("\x04total 19900\r\n\x04\x04>"),
        "{rest:?} after {grants} grants"
    );
    // Ctrl-B back to friendly, Ctrl-D in raw soft-resets back into raw.
    term.send(b"\x04");
    assert_eq!(
        term.until(b"soft reboot\r\n"),
        b"OK\r\nMPY: soft reboot\r\n"
    );
    term.until(b"raw REPL; CTRL-B to exit\r\n>");
    term.send(b"\x02");
    term.until(b">>> ");
}

#[test]
fn garbage_and_a_vanishing_tool_leave_the_board_running() {
    let dir = scratch_dir("garbage");
    let board = Board::start(&dir.join("g.flash"), "tcp:0", &[]);
    {
        let mut term = board.connect();
        let garbage: Vec<u8> = (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect();
        term.send(&garbage);
        // A tool that leaves mid-paste.
        term.send(b"\x03\x02\r\x01\x05A\x01print(");
    }
    std::thread::sleep(Duration::from_millis(200));
    let mut term = board.connect();
    // Ends the abandoned paste (or soft-resets), then a fresh prompt either way.
    term.send(b"\x04");
    std::thread::sleep(Duration::from_millis(200));
    term.prompt();
    assert_eq!(term.line("'alive'"), "'alive'\r\n");
}

#[test]
fn bad_config_and_bad_flash_are_reported() {
    let dir = scratch_dir("bad");
    let flash = flash_with(&dir, &[("mote.conf", "name = \u{0}\u{1}\ngarbage\n")]);
    let board = Board::start(&flash, "tcp:0", &[]);
    assert!(board
        .wait_log("is not valid")
        .contains("using the defaults"));
    let mut term = board.connect();
    term.prompt();
    assert_eq!(term.line("2 ** 8"), "256\r\n");
    drop(board);
    let junk = dir.join("junk.flash");
    std::fs::write(&junk, vec![0x5a; 64 * 1024]).unwrap();
    let out = mote()
        .args(["sim", "--console", "tcp:0", "--flash"])
        .arg(&junk)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--format"),
        "{out:?}"
    );
    assert_eq!(
        std::fs::read(&junk).unwrap(),
        vec![0x5a; 64 * 1024],
        "the image was touched"
    );
    let board = Board::start(&junk, "tcp:0", &["--format"]);
    let mut term = board.connect();
    term.prompt();
    assert_eq!(term.line("1"), "1\r\n");
}

#[test]
fn boards_side_by_side_and_the_password_is_stored_hashed() {
    let dir = scratch_dir("pair");
    let a = Board::start(
        &dir.join("a.flash"),
        "tcp:0",
        &["--name", "left", "--password", "s3cret"],
    );
    let b = Board::start(&dir.join("b.flash"), "tcp:0", &["--name", "right"]);
    let (mut ta, mut tb) = (a.connect(), b.connect());
    ta.prompt();
    tb.prompt();
    ta.line("x = 'a'");
    tb.line("x = 'b'");
    assert_eq!(ta.line("x"), "'a'\r\n");
    assert_eq!(tb.line("x"), "'b'\r\n");
    let conf = ta.line("print(open('/mote.conf').read())");
    assert!(conf.contains("name = left"), "{conf}");
    assert!(conf.contains("password = sha256$"), "{conf}");
    assert!(!conf.contains("s3cret"), "{conf}");
}

#[test]
fn machine_module_reset_causes_and_pins() {
    let dir = scratch_dir("machine");
    let board = Board::start(&dir.join("m.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    term.line("import machine");
    assert_eq!(term.line("len(machine.unique_id())"), "6\r\n");
    assert_eq!(
        term.line("machine.reset_cause() == machine.PWRON_RESET"),
        "True\r\n"
    );
    assert_eq!(term.line("machine.freq()"), "160000000\r\n");
    term.line("p = machine.Pin(2, machine.Pin.OUT, value=1)");
    assert_eq!(term.line("p.value()"), "1\r\n");
    term.line("p.off()");
    assert_eq!(term.line("p.value()"), "0\r\n");
    assert_eq!(term.line("p"), "Pin(2)\r\n");
    assert!(term
        .line("machine.Pin(99)")
        .contains("ValueError: invalid pin"));
    // Soft reset: a fresh VM says so.
    term.send(b"\x04");
    term.until(b"soft reboot\r\n");
    term.until(b">>> ");
    term.line("import machine");
    assert_eq!(
        term.line("machine.reset_cause() == machine.SOFT_RESET"),
        "True\r\n"
    );
    // machine.reset() restarts the board.
    term.line("x = 1");
    term.send(b"machine.reset()\r");
    board.wait_log("hard reset");
    term.until(b"for more information.\r\n>>> ");
    term.line("import machine");
    assert_eq!(
        term.line("machine.reset_cause() == machine.HARD_RESET"),
        "True\r\n"
    );
    assert!(term.line("x").contains("NameError"));
}

#[test]
fn every_terminal_shares_the_one_session() {
    let dir = scratch_dir("shared");
    let board = Board::start(&dir.join("s.flash"), "tcp:0", &["--console", "pty"]);
    let log = board.wait_log("REPL ready");
    let pty = log
        .lines()
        .find_map(|l| l.strip_prefix("mote sim: console /dev/"))
        .map(|p| format!("/dev/{p}"))
        .expect("a pty console path in the log");
    let mut pty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&pty)
        .unwrap();
    let mut pty_reader = pty.try_clone().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = pty_reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let (mut a, mut b) = (board.connect(), board.connect());
    a.prompt();
    // The board takes `b` in when it accepts the connection, which on a busy machine may be
    // after `a`'s banner: `b`'s own line, answered on both, shows it is in the session.
    b.send(b"print('b' + '-joined')\r");
    b.until(b"b-joined\r\n>>> ");
    a.until(b"b-joined\r\n>>> ");
    a.send(b"print('from', 'a')\r");
    b.until(b"from a\r\n>>> ");
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    while !String::from_utf8_lossy(&seen).contains("from a\r\n") {
        assert!(
            Instant::now() < deadline,
            "the pty did not get it: {seen:?}"
        );
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(50)) {
            seen.extend_from_slice(&bytes);
        }
    }
    // Typing on the pty goes to the same session.
    pty.write_all(b"from_pty = 5\r").unwrap();
    a.until(b"from_pty = 5\r\n>>> ");
    b.until(b"from_pty = 5\r\n>>> ");
    assert_eq!(a.line("from_pty * 2"), "10\r\n");
}

#[test]
fn an_imported_module_that_sleeps_shows_its_output_as_it_runs() {
    let dir = scratch_dir("nested");
    let flash = flash_with(
        &dir,
        &[(
            "slow.py",
            "import time\nprint('first')\ntime.sleep(1.5)\nprint('second')\n",
        )],
    );
    let board = Board::start(&flash, "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    // The import runs in a nested loop; its output and the echo still come at once.
    term.send(b"import slow\r");
    let started = Instant::now();
    term.until(b"import slow\r\nfirst\r\n");
    assert!(
        started.elapsed() < Duration::from_millis(1000),
        "the output waited for the import: {:?}",
        started.elapsed()
    );
    term.until(b"second\r\n>>> ");
}

#[test]
fn ctrl_c_stops_a_loop_inside_exec_and_its_line_is_echoed_first() {
    // The nested interpreter exec() runs cannot yield to the board loop, so Ctrl-C must be
    // armed, and the echo sent, before the program's first slice runs.
    let dir = scratch_dir("exec-loop");
    let board = Board::start(&dir.join("b.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    term.prompt();
    term.send(b"exec('while True: pass')\r");
    let echo = term.until(b"\r\n");
    assert!(
        String::from_utf8_lossy(&echo).contains("exec('while True: pass')"),
        "{echo:?}"
    );
    std::thread::sleep(Duration::from_millis(300));
    term.send(b"\x03");
    let out = term.until(b">>> ");
    assert!(
        String::from_utf8_lossy(&out).contains("KeyboardInterrupt"),
        "{out:?}"
    );
    assert_eq!(term.line("1 + 1"), "2\r\n");
}
