//! `board-bench`: figures of the simulated board, each beside a reference measured in the same
//! run.
//!
//! ```text
//! cargo build --release -p mote-host-tools
//! cargo run --release -p mote-tests --bin board-bench [-- --mote PATH] [--rounds N]
//! ```
//!
//! - Boot to REPL: `mote sim` on a new flash image (created and formatted) and on an existing
//!   one, from process start to the REPL's prompt on a TCP console; reference: `mote run -c
//!   pass` (process start and a VM, nothing else).
//! - Console round trip over `tcp:`: `1` + Enter to the echoed result and the next prompt,
//!   p50 and p99 over N rounds; reference: a TCP echo round trip on the same loopback.
//! - Raw-paste upload of a 50 KB script (MicroPython's raw-paste flow control, 512-byte
//!   windows), from the `\x05A\x01` to the board's end-of-data acknowledgement; reference: the
//!   same script through the plain raw REPL (what tools fall back to).
//!
//! It uses `target/release/mote` of this workspace unless `--mote PATH` is given.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let mut mote = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/mote");
    let mut rounds = 2000usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--mote", Some(path)) => mote = PathBuf::from(path),
            ("--rounds", Some(n)) => match n.parse() {
                Ok(n) if n > 0 => rounds = n,
                _ => return usage(),
            },
            _ => return usage(),
        }
    }
    if !mote.exists() {
        eprintln!(
            "board-bench: {} is missing; build it with cargo build --release -p mote-host-tools",
            mote.display()
        );
        return ExitCode::from(2);
    }
    match run(&mote, rounds) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("board-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: board-bench [--mote PATH] [--rounds N]");
    ExitCode::from(2)
}

fn run(mote: &PathBuf, rounds: usize) -> Result<(), String> {
    let dir = std::env::temp_dir().join(format!("mote-board-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let flash = dir.join("bench.flash");

    // Boot to REPL.
    let reference = best_of(5, || {
        let t = Instant::now();
        let ok = Command::new(mote)
            .args(["run", "-c", "pass"])
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| t.elapsed())
    })?;
    let (mut board, fresh) = Board::start(mote, &flash)?;
    drop(board);
    let again = best_of(5, || {
        let (b, t) = Board::start(mote, &flash).ok()?;
        drop(b);
        Some(t)
    })?;
    println!("boot to REPL (process start to prompt on tcp:)");
    println!("  new flash (create + format 2 MiB): {:8.2} ms", ms(fresh));
    println!("  existing flash (mount + config):   {:8.2} ms", ms(again));
    println!(
        "  reference `mote run -c pass`:      {:8.2} ms   ratio {:.2}",
        ms(reference),
        again.as_secs_f64() / reference.as_secs_f64()
    );

    // Console round trip.
    let (b, _) = Board::start(mote, &flash)?;
    board = b;
    let mut term = board.connect()?;
    term.send(b"\x03\x02")?;
    term.until(b"for more information.\r\n>>> ")?;
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        term.send(b"1\r")?;
        term.until(b"1\r\n1\r\n>>> ")?;
        times.push(t.elapsed());
    }
    let echo = tcp_echo_times(rounds)?;
    let (p50, p99) = percentiles(&mut times);
    let (e50, e99) = percentiles(&mut echo.clone());
    println!("console round trip over tcp: (`1` Enter -> `1` and the prompt), {rounds} rounds");
    println!("  p50 {:8.1} us   p99 {:8.1} us", us(p50), us(p99));
    println!(
        "  reference TCP echo on loopback: p50 {:6.1} us   p99 {:6.1} us   ratio p50 {:.1}",
        us(e50),
        us(e99),
        p50.as_secs_f64() / e50.as_secs_f64()
    );

    // Raw-paste upload of a 50 KB script.
    let mut script = Vec::new();
    let mut i = 0;
    while script.len() < 50 * 1024 {
        script.extend_from_slice(format!("v{} = {}\n", i % 50, i).as_bytes());
        i += 1;
    }
    script.extend_from_slice(b"print('done', v1)\n");
    term.send(b"\r\x01")?;
    term.until(b"raw REPL; CTRL-B to exit\r\n>")?;
    let t = Instant::now();
    term.send(b"\x05A\x01")?;
    let header = term.until(b"R\x01")?;
    let _ = header;
    let mut window = [0u8; 3];
    term.read_exact(&mut window)?;
    let size = usize::from(u16::from_le_bytes([window[0], window[1]]));
    let mut allowed = size * 2;
    let mut sent = 0;
    while sent < script.len() {
        while allowed == 0 {
            term.until(b"\x01")?;
            allowed += size;
        }
        let n = allowed.min(script.len() - sent);
        term.send(&script[sent..sent + n])?;
        sent += n;
        allowed -= n;
    }
    term.send(b"\x04")?;
    term.until(b"\x04")?;
    let paste = t.elapsed();
    term.until(b"\x04>")?;
    let t = Instant::now();
    for chunk in script.chunks(256) {
        term.send(chunk)?;
    }
    term.send(b"\x04")?;
    term.until(b"OK")?;
    let plain = t.elapsed();
    term.until(b"\x04>")?;
    let kb = script.len() as f64 / 1024.0;
    println!("raw-paste upload of a {kb:.1} KiB script ({size}-byte windows)");
    println!(
        "  {:8.2} ms   {:8.1} KiB/s",
        ms(paste),
        kb / paste.as_secs_f64()
    );
    println!(
        "  reference plain raw REPL upload: {:8.2} ms   {:8.1} KiB/s   ratio {:.2}",
        ms(plain),
        kb / plain.as_secs_f64(),
        paste.as_secs_f64() / plain.as_secs_f64()
    );
    drop(board);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn percentiles(times: &mut [Duration]) -> (Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize];
    (at(0.5), at(0.99))
}

fn best_of(n: usize, mut f: impl FnMut() -> Option<Duration>) -> Result<Duration, String> {
    (0..n)
        .filter_map(|_| f())
        .min()
        .ok_or_else(|| "no run succeeded".to_string())
}

/// Round trips of one byte through a TCP echo server on loopback.
fn tcp_echo_times(rounds: usize) -> Result<Vec<Duration>, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        if let Ok((mut s, _)) = listener.accept() {
            let _ = s.set_nodelay(true);
            let mut b = [0u8; 64];
            while let Ok(n) = s.read(&mut b) {
                if n == 0 || s.write_all(&b[..n]).is_err() {
                    break;
                }
            }
        }
    });
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    s.set_nodelay(true).map_err(|e| e.to_string())?;
    let mut times = Vec::with_capacity(rounds);
    let mut b = [0u8; 1];
    for _ in 0..rounds {
        let t = Instant::now();
        s.write_all(b"x").map_err(|e| e.to_string())?;
        s.read_exact(&mut b).map_err(|e| e.to_string())?;
        times.push(t.elapsed());
    }
    Ok(times)
}

struct Board {
    child: Child,
    console: String,
}

impl Board {
    /// Start a board; the time from spawning it to its prompt on a TCP console.
    fn start(mote: &PathBuf, flash: &PathBuf) -> Result<(Board, Duration), String> {
        let t = Instant::now();
        let mut child = Command::new(mote)
            .args(["sim", "--console", "tcp:0", "--flash"])
            .arg(flash)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut lines = BufReader::new(stderr).lines();
        let mut console = String::new();
        for line in lines.by_ref().map_while(Result::ok) {
            if let Some(path) = line.strip_prefix("mote sim: console ") {
                console = path.to_string();
            }
            if line.contains("REPL ready") {
                break;
            }
        }
        std::thread::spawn(move || lines.for_each(drop));
        let board = Board { child, console };
        let mut term = board.connect()?;
        // The prompt on a terminal: the banner again (Ctrl-B) shows the REPL answers.
        term.send(b"\x02")?;
        term.until(b">>> ")?;
        let took = t.elapsed();
        Ok((board, took))
    }

    fn connect(&self) -> Result<Term, String> {
        let s = TcpStream::connect(&self.console).map_err(|e| format!("{}: {e}", self.console))?;
        s.set_nodelay(true).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| e.to_string())?;
        Ok(Term {
            s,
            seen: Vec::new(),
        })
    }
}

impl Drop for Board {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Term {
    s: TcpStream,
    seen: Vec<u8>,
}

impl Term {
    fn send(&mut self, b: &[u8]) -> Result<(), String> {
        self.s.write_all(b).map_err(|e| e.to_string())
    }

    fn read_exact(&mut self, out: &mut [u8]) -> Result<(), String> {
        while self.seen.len() < out.len() {
            self.fill()?;
        }
        let rest = self.seen.split_off(out.len());
        out.copy_from_slice(&self.seen);
        self.seen = rest;
        Ok(())
    }

    fn fill(&mut self) -> Result<(), String> {
        let mut b = [0u8; 8192];
        match self.s.read(&mut b) {
            Ok(0) => Err("the board closed the console".into()),
            Ok(n) => {
                self.seen.extend_from_slice(&b[..n]);
                Ok(())
            }
            Err(e) => Err(format!("console: {e}")),
        }
    }

    fn until(&mut self, end: &[u8]) -> Result<Vec<u8>, String> {
        loop {
            if let Some(at) = self.seen.windows(end.len()).position(|w| w == end) {
                let rest = self.seen.split_off(at + end.len());
                return Ok(std::mem::replace(&mut self.seen, rest));
            }
            self.fill()?;
        }
    }
}
