//! `webrepl-bench`: the simulated board's WebREPL and HTTP file API, each figure beside a
//! reference measured in the same run.
//!
//! ```text
//! cargo build --release -p mote-host-tools
//! cargo run --release -p mote-tests --bin webrepl-bench [-- --mote PATH] [--size BYTES]
//!     [--rounds N] [--duration SECONDS]
//! ```
//!
//! - Upload throughput of a `--size` file (4 MiB by default) to a `mote sim` board: a WebREPL
//!   put (`webrepl_cli.py`'s framing, 1 KiB frames, and 16 KiB frames) and an HTTP `PUT /fs`.
//!   References, over the same loopback: the same bytes over raw TCP into a sink, and over raw
//!   TCP into the board's own file store (`BoardFiles`, 16 KiB reads, on a file-backed
//!   simulated flash as the board's): the path under the protocols, without them.
//! - REPL round trip over the WebREPL: `1` + Enter, to the result and the next prompt, p50
//!   and p99 over `--rounds` rounds (2000); reference: a TCP echo round trip on loopback.
//! - Load: 20 HTTP clients at once for `--duration` seconds (60; 0 skips it), each putting,
//!   getting back and comparing a 4 KiB file and reading `/info`; every request must succeed,
//!   and the board's resident memory is sampled each second (first, highest, last).
//!   References: one client alone; and `GET /info` alone (1 and 20 clients, 3 s each), the
//!   server without the file store.
//!
//! It uses `target/release/mote` of this workspace unless `--mote PATH` is given.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use embassy_futures::block_on;
use mote_firmware::sim::files::BoardFiles;
use mote_firmware::sim::flash::SharedFlash;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_tests::webrepl_client::{
    basic_auth, connect, http, pattern, scratch_dir, SimBoard, Ws, PATIENCE,
};
use mote_webrepl::{FilePath, FileStore, FileWriter};

const PASSWORD: &str = "benchpw";
const CLIENTS: usize = 20;
/// The flash of the board and of the storage reference.
const FLASH_SIZE: usize = 32 * 1024 * 1024;

struct Options {
    mote: PathBuf,
    size: usize,
    rounds: usize,
    duration: u64,
}

fn main() -> ExitCode {
    let mut options = Options {
        mote: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/mote"),
        size: 4 * 1024 * 1024,
        rounds: 2000,
        duration: 60,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let number = value.as_deref().and_then(|v| v.parse::<u64>().ok());
        match (arg.as_str(), value.as_deref(), number) {
            ("--mote", Some(path), _) => options.mote = PathBuf::from(path),
            ("--size", _, Some(n)) if n > 0 && n <= 8 << 20 => options.size = n as usize,
            ("--rounds", _, Some(n)) if n > 0 => options.rounds = n as usize,
            ("--duration", _, Some(n)) => options.duration = n,
            _ => {
                eprintln!(
                    "usage: webrepl-bench [--mote PATH] [--size BYTES (at most 8 MiB)] \
                     [--rounds N] [--duration SECONDS]"
                );
                return ExitCode::from(2);
            }
        }
    }
    if !options.mote.exists() {
        eprintln!(
            "webrepl-bench: {} is missing; build it with cargo build --release -p mote-host-tools",
            options.mote.display()
        );
        return ExitCode::from(2);
    }
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("webrepl-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / time.as_secs_f64() / 1e6
}

fn run(options: &Options) -> Result<(), String> {
    let dir = scratch_dir("bench");
    let flash_size = format!("{}", FLASH_SIZE);
    let board = SimBoard::start(
        &options.mote,
        &dir.join("board.flash"),
        &["--password", PASSWORD, "--flash-size", &flash_size],
    );
    let data = pattern(options.size);
    let size = options.size;
    println!(
        "webrepl-bench: board {} (pid {}), {} byte uploads",
        board.web,
        board.pid(),
        size
    );

    // References first, then each protocol; best of three runs of each.
    let sink = best_of(3, || raw_tcp_sink(&data))?;
    let storage = best_of(3, || raw_tcp_into_storage(&data, &dir))?;
    let cli = best_of(3, || webrepl_put(&board, &data, 1024))?;
    let big = best_of(3, || webrepl_put(&board, &data, 16 * 1024))?;
    let put = best_of(3, || http_put(&board, &data))?;
    println!("upload of {size} bytes (best of 3):");
    let line = |what: &str, time: Duration| {
        println!(
            "  {what:<48} {:7.1} MB/s  {:6.1} % of raw TCP into the store  {:6.2} % of raw TCP",
            mb_per_s(size, time),
            100.0 * storage.as_secs_f64() / time.as_secs_f64(),
            100.0 * sink.as_secs_f64() / time.as_secs_f64(),
        );
    };
    line("raw TCP into a sink (reference)", sink);
    line("raw TCP into the board's file store (reference)", storage);
    line("WebREPL put, 1 KiB frames (webrepl_cli.py)", cli);
    line("WebREPL put, 16 KiB frames", big);
    line("HTTP PUT /fs", put);

    let (p50, p99) = webrepl_round_trips(&board, options.rounds)?;
    let (e50, e99) = tcp_echo_round_trips(options.rounds)?;
    println!(
        "REPL round trip over the WebREPL ({} rounds):",
        options.rounds
    );
    println!(
        "  WebREPL `1` + Enter to `1` and `>>> `   p50 {:7.1} µs  p99 {:7.1} µs",
        p50, p99
    );
    println!(
        "  TCP echo on loopback (reference)        p50 {:7.1} µs  p99 {:7.1} µs",
        e50, e99
    );
    println!(
        "  ratio                                   p50 {:7.1} x   p99 {:7.1} x",
        p50 / e50,
        p99 / e99
    );

    if options.duration > 0 {
        load(&board, options.duration)?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn best_of(
    runs: usize,
    mut measure: impl FnMut() -> Result<Duration, String>,
) -> Result<Duration, String> {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        best = best.min(measure()?);
    }
    Ok(best)
}

/// `data` over loopback into a thread that reads and drops it.
fn raw_tcp_sink(data: &[u8]) -> Result<Duration, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let reader = std::thread::spawn(move || -> usize {
        let Ok((mut stream, _)) = listener.accept() else {
            return 0;
        };
        let mut buf = vec![0; 64 * 1024];
        let mut total = 0;
        while let Ok(n @ 1..) = stream.read(&mut buf) {
            total += n;
        }
        let _ = stream.write_all(b"k");
        total
    });
    let start = Instant::now();
    let mut stream = connect(addr);
    stream.write_all(data).map_err(|e| e.to_string())?;
    stream
        .shutdown(std::net::Shutdown::Write)
        .map_err(|e| e.to_string())?;
    let mut ack = [0];
    stream.read_exact(&mut ack).map_err(|e| e.to_string())?;
    let time = start.elapsed();
    match reader.join() {
        Ok(n) if n == data.len() => Ok(time),
        _ => Err("the raw TCP sink lost bytes".into()),
    }
}

/// `data` over loopback into the board's own file store (`BoardFiles` over a file-backed
/// simulated flash, as `mote sim` has it): the path under the protocols, without them.
fn raw_tcp_into_storage(data: &[u8], dir: &Path) -> Result<Duration, String> {
    let image = dir.join("reference.flash");
    let _ = std::fs::remove_file(&image);
    let flash = SimFlash::create_file(&image, FLASH_SIZE).map_err(|e| e.to_string())?;
    let fs: Fs<SimFlash> = block_on(Fs::format(flash)).map_err(|e| format!("{e:?}"))?;
    let files = BoardFiles::new(SharedFlash::new(fs));
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let size = data.len() as u64;
    let reader = std::thread::spawn(move || -> Result<usize, String> {
        let (mut stream, _) = listener.accept().map_err(|e| e.to_string())?;
        let path = FilePath::parse(b"upload.bin", 64).map_err(|e| format!("{e:?}"))?;
        let mut writer = block_on(files.create(path, size)).map_err(|e| format!("{e:?}"))?;
        let mut buf = vec![0; 16 * 1024];
        let mut total = 0;
        loop {
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            block_on(writer.write(&buf[..n])).map_err(|e| format!("{e:?}"))?;
            total += n;
        }
        block_on(writer.commit()).map_err(|e| format!("{e:?}"))?;
        stream.write_all(b"k").map_err(|e| e.to_string())?;
        Ok(total)
    });
    let start = Instant::now();
    let mut stream = connect(addr);
    stream.write_all(data).map_err(|e| e.to_string())?;
    stream
        .shutdown(std::net::Shutdown::Write)
        .map_err(|e| e.to_string())?;
    let mut ack = [0];
    stream.read_exact(&mut ack).map_err(|e| e.to_string())?;
    let time = start.elapsed();
    let total = reader
        .join()
        .map_err(|_| "the storage reference failed")??;
    let _ = std::fs::remove_file(&image);
    if total == data.len() {
        Ok(time)
    } else {
        Err("the storage reference lost bytes".into())
    }
}

/// Logs in (retrying while a client just gone still holds the slot).
fn login(board: &SimBoard, open: fn(std::net::SocketAddr) -> Ws) -> Result<Ws, String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let mut ws = open(board.web);
        if ws.login(PASSWORD).contains(">>> ") {
            return Ok(ws);
        }
        if Instant::now() > deadline {
            return Err("the WebREPL slot stayed taken".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A WebREPL put of `data` in frames of `frame` bytes, from the request to the final `WB`.
fn webrepl_put(board: &SimBoard, data: &[u8], frame: usize) -> Result<Duration, String> {
    let mut ws = login(board, Ws::cli)?;
    let start = Instant::now();
    let codes = ws.put("/bench.bin", data, true, frame);
    let time = start.elapsed();
    if codes != (0, Some(0)) {
        return Err(format!("WebREPL put answered {codes:?}"));
    }
    Ok(time)
}

/// `PUT /fs/bench.bin` with `data`, to the 201.
fn http_put(board: &SimBoard, data: &[u8]) -> Result<Duration, String> {
    let start = Instant::now();
    let reply = http(
        board.web,
        "PUT",
        "/fs/bench.bin",
        &basic_auth(PASSWORD),
        data,
    );
    let time = start.elapsed();
    if reply.status != 201 {
        return Err(format!("PUT /fs answered {}", reply.status));
    }
    Ok(time)
}

fn percentiles(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99))
}

/// `1` + Enter over the WebREPL to `1\r\n>>> `, in microseconds.
fn webrepl_round_trips(board: &SimBoard, rounds: usize) -> Result<(f64, f64), String> {
    let mut ws = login(board, Ws::browser)?;
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds + rounds / 10 {
        let start = Instant::now();
        ws.type_text("1\r");
        ws.text_until("1\r\n>>> ");
        times.push(start.elapsed().as_secs_f64() * 1e6);
    }
    // The first tenth warms up.
    Ok(percentiles(times.split_off(rounds / 10)))
}

/// A 2-byte message echoed by a thread on loopback, in microseconds.
fn tcp_echo_round_trips(rounds: usize) -> Result<(f64, f64), String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.set_nodelay(true);
            let mut buf = [0; 64];
            while let Ok(n @ 1..) = stream.read(&mut buf) {
                if stream.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    });
    let mut stream: TcpStream = connect(addr);
    let mut times = Vec::with_capacity(rounds);
    let mut buf = [0; 2];
    for _ in 0..rounds + rounds / 10 {
        let start = Instant::now();
        stream.write_all(b"1\r").map_err(|e| e.to_string())?;
        stream.read_exact(&mut buf).map_err(|e| e.to_string())?;
        times.push(start.elapsed().as_secs_f64() * 1e6);
    }
    Ok(percentiles(times.split_off(rounds / 10)))
}

/// One client for a few seconds (the reference), then 20 at once for `seconds`: put, get
/// back, compare, `/info`.
fn load(board: &SimBoard, seconds: u64) -> Result<(), String> {
    let (info_alone, _) = clients(board, 1, 3, false)?;
    let (info_rate, _) = clients(board, CLIENTS, 3, false)?;
    println!("HTTP GET /info only, 3 s each (the server without the file store):");
    println!(
        "  1 client alone {info_alone:.0} requests/s; {CLIENTS} clients {info_rate:.0} requests/s ({:.2} x)",
        info_rate / info_alone
    );
    let (alone, _) = clients(board, 1, 3, true)?;
    println!(
        "{CLIENTS} HTTP clients for {seconds} s (PUT 4 KiB, GET it back and compare, GET /info):"
    );
    println!("  1 client alone (reference, 3 s): {alone:.0} requests/s");
    let (rate, rss) = clients(board, CLIENTS, seconds, true)?;
    let first = rss.first().copied().unwrap_or(0);
    let last = rss.last().copied().unwrap_or(0);
    let high = rss.iter().copied().max().unwrap_or(0);
    println!(
        "  {CLIENTS} clients: {rate:.0} requests/s ({:.2} x one alone), every answer right",
        rate / alone
    );
    println!(
        "  board RSS: first second {first} KiB, highest {high} KiB, last {last} KiB ({:+.1} % last vs first)",
        100.0 * (last as f64 - first as f64) / first.max(1) as f64
    );
    Ok(())
}

/// `count` clients for `seconds`, with `files` each round a PUT, a GET compared and `/info`,
/// else `/info` alone; requests per second and the board's RSS (KiB) each second. A wrong
/// answer is an error.
fn clients(
    board: &SimBoard,
    count: usize,
    seconds: u64,
    files: bool,
) -> Result<(f64, Vec<u64>), String> {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let mut clients = Vec::new();
    for client in 0..count {
        let (stop, done, failed) = (stop.clone(), done.clone(), failed.clone());
        let web = board.web;
        clients.push(std::thread::spawn(move || {
            let auth = basic_auth(PASSWORD);
            let path = format!("/fs/load{client}.bin");
            let mut round = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let info = |web| http(web, "GET", "/info", &auth, b"").status == 200;
                let (ok, requests) = if files {
                    let body: Vec<u8> = pattern(4096).iter().map(|b| b ^ round as u8).collect();
                    let ok = http(web, "PUT", &path, &auth, &body).status == 201
                        && http(web, "GET", &path, &auth, b"").body == body
                        && info(web);
                    (ok, 3)
                } else {
                    (info(web), 1)
                };
                let counter = if ok { &done } else { &failed };
                counter.fetch_add(requests, Ordering::Relaxed);
                round += 1;
            }
        }));
    }
    let start = Instant::now();
    let mut rss = Vec::new();
    while start.elapsed() < Duration::from_secs(seconds) {
        std::thread::sleep(Duration::from_secs(1));
        rss.push(board.rss_kib());
    }
    stop.store(true, Ordering::Relaxed);
    for client in clients {
        client.join().map_err(|_| "a load client panicked")?;
    }
    let time = start.elapsed().as_secs_f64();
    let (done, failed) = (done.load(Ordering::Relaxed), failed.load(Ordering::Relaxed));
    if failed > 0 {
        return Err(format!("{failed} requests were in failed rounds"));
    }
    Ok((done as f64 / time, rss))
}
