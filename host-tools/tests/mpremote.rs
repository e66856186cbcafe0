//! MicroPython's own tool, `mpremote` (from PyPI; scripts/test.sh installs it in a virtual
//! environment and names it in `MOTE_MPREMOTE`), driving simulated boards unchanged over a
//! pseudo-terminal and over TCP.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-mpr-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn mpremote_path() -> PathBuf {
    match std::env::var_os("MOTE_MPREMOTE") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/mpremote-venv/bin/mpremote"),
    }
}

/// A `mote sim` whose console is `console`; killed when dropped.
struct Board {
    child: Child,
    console: String,
}

impl Board {
    fn start(dir: &Path, console: &str) -> Board {
        let mut child = Command::new(env!("CARGO_BIN_EXE_mote"))
            .args(["sim", "--console", console, "--flash"])
            .arg(dir.join("board.flash"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let mut console = String::new();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(path) = line.strip_prefix("mote sim: console ") {
                console = path.to_string();
            }
            if line.contains("REPL ready") {
                break;
            }
        }
        assert!(!console.is_empty(), "the board did not start");
        // Keep draining the log so the board never blocks on it.
        std::thread::spawn(move || lines.for_each(drop));
        Board { child, console }
    }

    /// What mpremote's `connect` takes for this console.
    fn device(&self) -> String {
        if self.console.starts_with("/dev/") {
            self.console.clone()
        } else {
            format!("socket://{}", self.console)
        }
    }

    /// Run mpremote against the board; its output, which must be a success.
    #[track_caller]
    fn mpremote(&self, args: &[&str]) -> String {
        let out: Output = Command::new(mpremote_path())
            .args(["connect", &self.device()])
            .args(args)
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap_or_else(|e| {
                panic!(
                    "mpremote not found at {} ({e}); run scripts/test.sh, which installs it",
                    mpremote_path().display()
                )
            });
        assert!(out.status.success(), "mpremote {args:?}: {out:?}");
        // A board's console sends `\r\n`, as MicroPython's does; mpremote passes it on.
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n")
    }

    /// Run mpremote expecting it to fail; what it printed.
    #[track_caller]
    fn mpremote_fails(&self, args: &[&str]) -> String {
        let out = Command::new(mpremote_path())
            .args(["connect", &self.device()])
            .args(args)
            .current_dir(std::env::temp_dir())
            .output()
            .unwrap();
        assert!(
            !out.status.success(),
            "mpremote {args:?} succeeded: {out:?}"
        );
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr)
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn every_command(console: &str) {
    let dir = scratch_dir(&console.replace(':', "-"));
    let board = Board::start(&dir, console);
    assert_eq!(
        board.mpremote(&["exec", "print('sum', sum(range(10)))"]),
        "sum 45\n"
    );

    // fs cp to the board: a new file, then over an existing one; ls, cat.
    let local = dir.join("data.py");
    let text: String = (0..60).map(|i| format!("v{i} = {i} * 'x'\n")).collect();
    std::fs::write(&local, "old = 1\n").unwrap();
    board.mpremote(&["fs", "cp", local.to_str().unwrap(), ":data.py"]);
    std::fs::write(&local, &text).unwrap();
    board.mpremote(&["fs", "cp", local.to_str().unwrap(), ":data.py"]);
    let listing = board.mpremote(&["fs", "ls"]);
    assert!(
        listing.contains(&format!("{} data.py", text.len())),
        "{listing}"
    );
    assert!(board
        .mpremote(&["fs", "cat", "data.py"])
        .contains("v59 = 59 * 'x'"));
    // fs cp back: to a new local file, then over an existing one.
    let back = dir.join("back.py");
    board.mpremote(&["fs", "cp", ":data.py", back.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&back).unwrap(), text);
    board.mpremote(&["exec", "open('data.py', 'a').write('tail = 2\\n')"]);
    board.mpremote(&["fs", "cp", ":data.py", back.to_str().unwrap()]);
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        format!("{text}tail = 2\n")
    );
    // A file the board does not have is mpremote's own "No such file" error.
    let missing = board.mpremote_fails(&["fs", "cat", "nothing.py"]);
    assert!(missing.contains("No such file"), "{missing}");

    // mkdir, cp into it, and rm.
    board.mpremote(&["fs", "mkdir", "lib"]);
    board.mpremote(&["fs", "cp", local.to_str().unwrap(), ":lib/"]);
    assert!(board.mpremote(&["fs", "ls", "lib"]).contains("data.py"));
    board.mpremote(&["fs", "rm", "data.py"]);
    let listing = board.mpremote(&["fs", "ls"]);
    assert!(
        listing.contains("lib/") && !listing.contains("data.py"),
        "{listing}"
    );
    // run a local script on the board.
    let script = dir.join("script.py");
    std::fs::write(
        &script,
        "import sys\nsys.path.append('/lib')\nimport data\nprint('ran', len(data.v42))\n",
    )
    .unwrap();
    assert_eq!(
        board.mpremote(&["run", script.to_str().unwrap()]),
        "ran 42\n"
    );

    // soft-reset: the module cache is gone afterwards.
    board.mpremote(&["exec", "import sys; sys.modules['marker'] = 1"]);
    board.mpremote(&["soft-reset"]);
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(
        board.mpremote(&["exec", "import sys; print('marker' in sys.modules)"]),
        "False\n"
    );
}

#[test]
fn mpremote_over_tcp() {
    every_command("tcp:0");
}

#[test]
fn mpremote_over_a_pty() {
    every_command("pty");
}
