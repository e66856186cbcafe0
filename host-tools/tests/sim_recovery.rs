//! `mote sim` end to end under bad input: a raw-paste sender that ignores the window, tools
//! that vanish mid-upload or while their program runs, and configuration files that are
//! missing or cut short. The board keeps running and the next tool gets a working REPL.

mod sim_common;

use sim_common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn mpremote_path() -> PathBuf {
    match std::env::var_os("MOTE_MPREMOTE") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/mpremote-venv/bin/mpremote"),
    }
}

/// `mpremote connect socket://… exec CODE` against `board`: its output, which must be a
/// success.
#[track_caller]
fn mpremote_exec(board: &Board, code: &str) -> String {
    let out = Command::new(mpremote_path())
        .args([
            "connect",
            &format!("socket://{}", board.console),
            "exec",
            code,
        ])
        .output()
        .expect("mpremote (scripts/test.sh installs it)");
    assert!(out.status.success(), "mpremote exec {code:?}: {out:?}");
    String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
}

/// Enter raw-paste mode on a fresh connection; the window size the board granted.
fn raw_paste(term: &mut Term) -> usize {
    term.prompt();
    term.send(b"\r\x01");
    term.until(b"raw REPL; CTRL-B to exit\r\n>");
    term.send(b"\x05A\x01");
    assert_eq!(term.until(b"\x01"), b"R\x01");
    let window = term.until(b"\x01");
    usize::from(u16::from_le_bytes([window[0], window[1]]))
}

#[test]
fn a_sender_that_ignores_the_raw_paste_window() {
    let dir = scratch_dir("overrun");
    let board = Board::start(&dir.join("o.flash"), "tcp:0", &[]);
    let mut term = board.connect();
    // 40 windows' worth in one write, never waiting for a grant: nothing is lost.
    let window = raw_paste(&mut term);
    let mut code = b"n = 0\n".to_vec();
    while code.len() < 40 * window {
        code.extend_from_slice(b"n += 1\n");
    }
    let lines = code.iter().filter(|&&b| b == b'\n').count() - 1;
    code.extend_from_slice(b"print('n', n)\n\x04");
    term.send(&code);
    let out = String::from_utf8_lossy(&term.until(b"\x04>")).into_owned();
    assert!(
        out.ends_with(&format!("\x04n {lines}\r\n\x04\x04>")),
        "{out:?}"
    );
    // Past the board's input limit: the board ends the paste early (Ctrl-D), says why, and
    // waits for the sender's Ctrl-D; what arrives meanwhile is dropped.
    term.send(b"\x05A\x01");
    term.until(b"R\x01");
    term.until(b"\x01");
    let flood: Vec<u8> = b"x = 1\n"
        .iter()
        .copied()
        .cycle()
        .take(300 * 1024)
        .collect();
    term.send(&flood);
    term.send(b"\x04");
    let out = String::from_utf8_lossy(&term.until(b"\x04>")).into_owned();
    assert!(out.contains("MemoryError: input too long"), "{out:?}");
    term.send(b"print('still', 1 + 1)\x04");
    assert_eq!(term.until(b"\x04>"), b"OKstill 2\r\n\x04\x04>");
}

#[test]
fn a_tool_that_vanishes_mid_upload() {
    let dir = scratch_dir("vanish-upload");
    let board = Board::start(&dir.join("u.flash"), "tcp:0", &[]);
    {
        let mut term = board.connect();
        raw_paste(&mut term);
        term.send(b"f = open('half.py', 'w')\nf.write('x' * 10)\nprint('never");
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(mpremote_exec(&board, "print('next', 6 * 7)"), "next 42\n");
    {
        // In the plain raw REPL too.
        let mut term = board.connect();
        term.prompt();
        term.send(b"\r\x01");
        term.until(b"raw REPL; CTRL-B to exit\r\n>");
        term.send(b"for i in range(3):\n    print(");
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(mpremote_exec(&board, "print('again')"), "again\n");
    // The abandoned programs never ran.
    assert_eq!(
        mpremote_exec(&board, "import os; print('half.py' in os.listdir())"),
        "False\n"
    );
}

#[test]
fn a_tool_that_vanishes_while_its_program_runs() {
    let dir = scratch_dir("vanish-run");
    let board = Board::start(&dir.join("r.flash"), "tcp:0", &[]);
    {
        let mut term = board.connect();
        term.prompt();
        term.send(b"\r\x01");
        term.until(b"raw REPL; CTRL-B to exit\r\n>");
        term.send(
            b"import time\nn = 0\nwhile True:\n    n += 1\n    time.sleep_ms(1)\n    if n == 50:\n        open('ran.txt', 'w').write('ran')\n\x04",
        );
        term.until(b"OK");
    }
    // The program went on without a terminal; the next tool stops it (mpremote interrupts,
    // then soft-resets) and takes over.
    std::thread::sleep(Duration::from_millis(500));
    let out = mpremote_exec(&board, "print(open('ran.txt').read())");
    assert_eq!(out, "ran\n");
    // The friendly REPL, too, after a friendly client left in the middle of a loop.
    {
        let mut term = board.connect();
        term.prompt();
        term.send(b"while True:\r pass\r\r");
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut term = board.connect();
    term.send(b"\x03");
    term.prompt();
    assert_eq!(term.line("'alive'"), "'alive'\r\n");
}

#[test]
fn a_missing_or_truncated_config_gives_the_defaults() {
    let dir = scratch_dir("config");
    // Cut in the middle of a line: the unique id is two hex digits short.
    let flash = flash_with(&dir, &[("mote.conf", "name = cut\nunique_id = 0a0b0c0d0e")]);
    let board = Board::start(&flash, "tcp:0", &[]);
    let log = board.wait_log("is not valid");
    assert!(log.contains("using the defaults"), "{log}");
    assert!(!log.contains("board cut"), "{log}");
    let mut term = board.connect();
    term.prompt();
    assert_eq!(term.line("1 + 1"), "2\r\n");
    // Missing: the board writes a fresh one (and uses it on the next boot).
    term.line("import os; os.remove('/mote.conf')");
    drop(term);
    drop(board);
    let board = Board::start(&flash, "tcp:0", &[]);
    let log = board.wait_log("REPL ready");
    assert!(log.contains("first boot, writing /mote.conf"), "{log}");
    let name = log
        .lines()
        .find_map(|l| l.strip_prefix("mote sim: board "))
        .expect("the board's name in the log")
        .to_string();
    assert!(name.starts_with("mote-"), "{name}");
    drop(board);
    let board = Board::start(&flash, "tcp:0", &[]);
    let log = board.wait_log("REPL ready");
    assert!(log.contains(&format!("board {name}")), "{log}");
    assert!(!log.contains("first boot"), "{log}");
}
