//! `mote repl` and a simulated board's console (`mote sim --console stdio`) driven through a
//! real terminal: tmux runs them in a pane, the test types with `send-keys` (and pastes with
//! `paste-buffer`) and reads the screen with `capture-pane`. The REPL scenarios run on both,
//! as both run the one REPL. Needs `tmux` (scripts/test.sh installs it).

mod sim_common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// A tmux server of its own (its own socket) running one `mote repl` pane.
struct Pane {
    socket: String,
}

impl Pane {
    fn start(name: &str) -> Pane {
        Pane::run(name, "repl")
    }

    /// A pane running a simulated board on a fresh flash image, its console on the terminal.
    fn board(name: &str) -> Pane {
        let dir = std::env::temp_dir().join(format!("mote-term-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let flash = dir.join("t.flash");
        Pane::run(
            name,
            &format!("sim --console stdio --flash {}", flash.display()),
        )
    }

    /// A pane running `mote ARGS`.
    fn run(name: &str, args: &str) -> Pane {
        let pane = Pane::shell(name, &format!("{} {args}", env!("CARGO_BIN_EXE_mote")));
        pane.wait_for(">>> ");
        pane
    }

    /// A pane running the shell command `command`.
    fn shell(name: &str, command: &str) -> Pane {
        let socket = format!("mote-test-{}-{name}", std::process::id());
        let pane = Pane { socket };
        let home = std::env::temp_dir().join(format!("mote-term-{}", std::process::id()));
        std::fs::create_dir_all(&home).unwrap();
        // A shell stays after the command ends, so a test can see the terminal left usable.
        let command = format!("HOME={} {command}; exec sh", home.display());
        pane.tmux(&["new-session", "-d", "-x", "100", "-y", "50", &command]);
        pane
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("tmux is needed for this test (scripts/test.sh installs it)");
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        out
    }

    /// Type keys (tmux key names such as `Enter`, `Tab`, `C-c`, or literal text).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Paste `text` as a terminal paste does (newlines arrive as carriage returns).
    fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "--", text]);
        self.tmux(&["paste-buffer"]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p"]).stdout).into_owned()
    }

    /// Wait until mote has left and the shell after it runs.
    #[track_caller]
    fn wait_for_shell(&self) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let out = self.tmux(&["display-message", "-p", "#{pane_current_command}"]);
            if String::from_utf8_lossy(&out.stdout).trim() == "sh" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "mote did not leave:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The cursor's column.
    fn cursor_x(&self) -> usize {
        let out = self.tmux(&["display-message", "-p", "#{cursor_x}"]);
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }

    /// Wait until the screen shows `text` (trailing spaces of lines aside: tmux drops them);
    /// its contents then.
    #[track_caller]
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        let text = trim_lines(text);
        loop {
            let screen = trim_lines(&self.screen());
            if screen.contains(&text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "{text:?} never appeared; the screen:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn trim_lines(text: &str) -> String {
    text.split('\n')
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

fn type_ahead_and_partial_lines(pane: &Pane) {
    // Three lines typed in one go: all of them run.
    pane.keys(&[
        "a=1",
        "Enter",
        "b=2",
        "Enter",
        "print(a+b, end=' ')",
        "Enter",
    ]);
    pane.wait_for(">>> print(a+b, end=' ')\n3 >>> ");
    pane.keys(&["for i in range(3): print(i, end=' ')", "Enter", "Enter"]);
    pane.wait_for("0 1 2 >>> ");
}

fn pasted_block_runs(pane: &Pane) {
    pane.paste("def double(x):\n    y = x * 2\n    return y\n\nprint(double(21), 'pasted')\n");
    pane.wait_for("42 pasted\n>>> ");
    assert!(!pane.screen().contains("Error"), "{}", pane.screen());
}

fn auto_indent_and_completion(pane: &Pane) {
    pane.keys(&["if True:", "Enter"]);
    pane.wait_for("if True:\n...");
    // The cursor stands after "... " and the four spaces of the auto-indent.
    let deadline = Instant::now() + Duration::from_secs(5);
    while pane.cursor_x() != 8 {
        assert!(
            Instant::now() < deadline,
            "no auto-indent: {}",
            pane.cursor_x()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // As MicroPython: two Enters keep the indent, the third ends the block.
    pane.keys(&["print('in', 'block')", "Enter", "Enter", "Enter", "Enter"]);
    pane.wait_for("in block\n>>> ");
    pane.keys(&["import sys", "Enter", "sys.pa", "Tab"]);
    pane.wait_for(">>> sys.path");
    pane.keys(&["C-c", "zebra_count = 5", "Enter", "zeb", "Tab", "Enter"]);
    pane.wait_for(">>> zebra_count\n5\n>>> ");
}

fn paste_mode(pane: &Pane) {
    pane.keys(&["C-e"]);
    pane.wait_for("paste mode; Ctrl-C to cancel, Ctrl-D to finish\n=== ");
    pane.paste("for i in range(2):\n    print('line', i)\n");
    pane.keys(&["C-d"]);
    pane.wait_for("line 0\nline 1\n>>> ");
}

fn ctrl_c_stops_a_sleep_and_a_loop(pane: &Pane) {
    pane.keys(&["import time", "Enter", "time.sleep(60)", "Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    pane.keys(&["C-c"]);
    pane.wait_for("KeyboardInterrupt");
    pane.keys(&["while True: pass", "Enter", "Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    pane.keys(&["C-c"]);
    pane.wait_for("KeyboardInterrupt\n>>> \n");
    pane.keys(&["print('al' + 'ive')", "Enter"]);
    pane.wait_for("alive\n>>> ");
    assert_eq!(
        pane.screen().matches("KeyboardInterrupt").count(),
        2,
        "{}",
        pane.screen()
    );
}

/// Each scenario as a test on `mote repl` and one on a board's console.
macro_rules! on_both {
    ($($scenario:ident: $repl:ident, $board:ident;)*) => {$(
        #[test]
        fn $repl() {
            $scenario(&Pane::start(stringify!($repl)));
        }
        #[test]
        fn $board() {
            $scenario(&Pane::board(stringify!($board)));
        }
    )*};
}

on_both! {
    type_ahead_and_partial_lines: repl_type_ahead, board_type_ahead;
    pasted_block_runs: repl_pasted_block, board_pasted_block;
    auto_indent_and_completion: repl_auto_indent_and_completion, board_auto_indent_and_completion;
    paste_mode: repl_paste_mode, board_paste_mode;
    ctrl_c_stops_a_sleep_and_a_loop: repl_ctrl_c, board_ctrl_c;
}

#[test]
fn raw_repl_on_the_terminal() {
    let pane = Pane::start("raw");
    pane.keys(&["C-a"]);
    pane.wait_for("raw REPL; CTRL-B to exit\n>");
    pane.keys(&["C-b"]);
    pane.wait_for(">>> ");
    pane.keys(&["C-d"]);
    // Ctrl-D at an empty prompt leaves (a board soft-resets), and the terminal is cooked again:
    // the shell's own echo shows.
    pane.wait_for_shell();
    pane.keys(&["echo left with $?", "Enter"]);
    pane.wait_for("left with 0");
}

#[test]
fn the_simulated_boards_console_on_a_terminal() {
    let pane = Pane::board("sim");
    pane.wait_for("for more information.\n>>> ");
    pane.keys(&["C-d"]);
    pane.wait_for("MPY: soft reboot");
    pane.keys(&["C-]"]);
    pane.wait_for_shell();
    pane.keys(&["echo stopped with $?", "Enter"]);
    pane.wait_for("stopped with 0");
}

fn mpremote_path() -> PathBuf {
    match std::env::var_os("MOTE_MPREMOTE") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/mpremote-venv/bin/mpremote"),
    }
}

/// (Over a pty: mpremote's `repl` cannot wait on a `socket://` connection, which pyserial
/// gives no file descriptor; its other commands work over both, see tests/mpremote.rs.)
#[test]
fn mpremote_repl_on_a_boards_pty_console() {
    let dir = sim_common::scratch_dir("mpr-repl");
    let board = sim_common::Board::start(&dir.join("r.flash"), "pty", &[]);
    let pane = Pane::shell(
        "mpr-repl",
        &format!(
            "{} connect {} repl",
            mpremote_path().display(),
            board.console
        ),
    );
    pane.wait_for("Use Ctrl-] or Ctrl-x to exit this shell");
    pane.keys(&["Enter"]);
    pane.wait_for(">>> ");
    pane.keys(&["for i in range(3): print(i * 7, end=' ')", "Enter", "Enter"]);
    pane.wait_for("0 7 14 >>> ");
    pane.keys(&["import os", "Enter", "os.uname().sysname", "Enter"]);
    pane.wait_for("'mote'\n>>> ");
    pane.keys(&["C-]"]);
    pane.wait_for_shell();
}
