//! What the `mote sim` end-to-end tests share: starting a simulated board as a user does,
//! and a console client over TCP. (Each test file uses a part of it.)
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-sim-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn mote() -> Command {
    Command::new(env!("CARGO_BIN_EXE_mote"))
}

/// A running `mote sim` and what it printed on stderr (its log).
pub struct Board {
    pub child: Child,
    pub log: Arc<Mutex<String>>,
    /// The console: `127.0.0.1:PORT` or `/dev/pts/N`.
    pub console: String,
}

impl Board {
    pub fn start(flash: &Path, console: &str, extra: &[&str]) -> Board {
        let mut child = mote()
            .args(["sim", "--console", console, "--flash"])
            .arg(flash)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let shared = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(path) = line.strip_prefix("mote sim: console ") {
                    let _ = tx.send(path.to_string());
                }
                let mut log = shared.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let console = match rx.recv_timeout(Duration::from_secs(20)) {
            Ok(path) => path,
            Err(_) => panic!("the board did not start: {}", log.lock().unwrap()),
        };
        let board = Board {
            child,
            log,
            console,
        };
        board.wait_log("REPL ready");
        board
    }

    pub fn wait_log(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let log = self.log.lock().unwrap().clone();
            if log.contains(text) {
                return log;
            }
            assert!(Instant::now() < deadline, "{text:?} not in the log:\n{log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn connect(&self) -> Term {
        let stream = TcpStream::connect(&self.console).unwrap();
        stream.set_nodelay(true).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(20)))
            .unwrap();
        Term {
            stream,
            seen: Vec::new(),
        }
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A console client that reads what the board sends.
pub struct Term {
    pub stream: TcpStream,
    pub seen: Vec<u8>,
}

impl Term {
    pub fn send(&mut self, bytes: &[u8]) {
        self.stream.write_all(bytes).unwrap();
    }

    /// Read until the board has sent `end`; everything up to and including it.
    #[track_caller]
    pub fn until(&mut self, end: &[u8]) -> Vec<u8> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(at) = self.seen.windows(end.len()).position(|w| w == end) {
                let rest = self.seen.split_off(at + end.len());
                return std::mem::replace(&mut self.seen, rest);
            }
            assert!(
                Instant::now() < deadline,
                "{:?} never came; got {:?}",
                String::from_utf8_lossy(end),
                String::from_utf8_lossy(&self.seen)
            );
            let mut buf = [0u8; 4096];
            match self.stream.read(&mut buf) {
                Ok(0) => panic!("the board closed the console"),
                Ok(n) => self.seen.extend_from_slice(&buf[..n]),
                Err(_) => {}
            }
        }
    }

    /// Run `line` at the friendly prompt; the output between the echo and the next prompt.
    pub fn line(&mut self, line: &str) -> String {
        self.send(line.as_bytes());
        self.send(b"\r");
        let got = self.until(b">>> ");
        let text = String::from_utf8_lossy(&got).into_owned();
        let echo = format!("{line}\r\n");
        match text.find(&echo) {
            Some(at) => text[at + echo.len()..text.len() - 4].to_string(),
            None => text,
        }
    }

    /// Get a fresh friendly prompt: Ctrl-C clears the line (or the raw REPL's code), Ctrl-B
    /// shows the banner (or leaves the raw REPL).
    ///
    /// Keys sent while the board still boots are taken after its own banner, so the banner
    /// seen may be that one: a marker line then reads past whatever the keys printed.
    pub fn prompt(&mut self) {
        self.send(b"\x03\x02");
        self.until(b"for more information.\r\n>>> ");
        self.send(b"print('prompt' + '-sync')\r");
        self.until(b"prompt-sync\r\n>>> ");
    }
}

/// An image with `files` on it, made with `mote image` as a user would.
pub fn flash_with(dir: &Path, files: &[(&str, &str)]) -> PathBuf {
    let flash = dir.join("board.flash");
    let ok = |c: &mut Command| assert!(c.status().unwrap().success());
    ok(mote()
        .args(["image", "create", "--size", "512k"])
        .arg(&flash));
    for (name, text) in files {
        let local = dir.join(name);
        std::fs::write(&local, text).unwrap();
        ok(mote()
            .args(["image", "put"])
            .arg(&flash)
            .arg(&local)
            .arg(format!("/{name}")));
    }
    flash
}
