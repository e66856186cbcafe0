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
//!   put (`webrepl_cli.py`'s framing, 1 KiB frames, and 16 KiB frames) and an HTTP `PUT /fs`,
//!   each as a ratio of the reference under them: the same bytes over raw TCP on the same
//!   loopback into the board's own file store (`BoardFiles` on a file-backed simulated flash of
//!   the board's size, which keeps its history across runs as the board's does), served as the
//!   board serves its WebREPL (a thread of its own running a current-thread tokio runtime, with
//!   the board's scheduler slice; the connection read through `QuickAckStream` with Nagle off,
//!   straight into the store's buffer as `PUT /fs` reads). The target is 80 % of it. Every
//!   protocol upload follows one into the reference, five times over, so both stores see the
//!   same uploads in the same order and each pair the same load from elsewhere on the
//!   machine; the ratio is the median pair's (and best run against best run), beside the
//!   processor time the server thread took (which the machine's load does not change). Raw TCP into a sink is printed too: the
//!   loopback without any store.
//! - REPL round trip over the WebREPL: `1` + Enter, to the result and the next prompt, p50
//!   and p99 over `--rounds` rounds (2000); reference: a TCP echo round trip on loopback.
//!   The bench's client thread and the echo server ask for the same short scheduler slice as
//!   the board's threads (`mote_firmware::sim::latency`), so that what is measured is the
//!   board's latency, not the measuring client's wait for a processor.
//! - Load: 20 HTTP clients at once for `--duration` seconds (60; 0 skips it), each putting,
//!   getting back and comparing a 4 KiB file and reading `/info`; every request must succeed,
//!   and the board's resident memory is sampled each second (first, highest, last).
//!   References: one client alone; and `GET /info` alone (1 and 20 clients, 3 s each), the
//!   server without the file store.
//!
//! It uses `target/release/mote` of this workspace unless `--mote PATH` is given.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use embassy_futures::block_on;
use mote_firmware::sim::files::BoardFiles;
use mote_firmware::sim::flash::SharedFlash;
use mote_firmware::sim::latency::request_short_slice;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_tests::webrepl_client::{
    basic_auth, connect, http, login, pattern, scratch_dir, timed_http_put, timed_webrepl_put,
    SimBoard, Ws,
};
use mote_webrepl::host_socket::QuickAckStream;
use mote_webrepl::{FilePath, FileStore, FileWriter};
use picoserve::io::{BaseWrite, Read as _, Socket};

const PASSWORD: &str = "benchpw";
const CLIENTS: usize = 20;
/// Runs of each upload (interleaved); the best counts.
const RUNS: usize = 5;
/// The upload throughput the protocols must reach, in percent of the storage reference.
const TARGET_PERCENT: f64 = 80.0;
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
    // As the board's threads do (see the module doc).
    request_short_slice();
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
        "webrepl-bench: board {} (pid {}), {} byte uploads; load average {}",
        board.web,
        board.pid(),
        size,
        load_average()
    );

    let store = start_store_reference(&dir)?;
    let board_thread = (board.pid(), BOARD_THREAD);
    let reference_thread = (std::process::id(), REFERENCE_THREAD);
    type Measure<'a> = Box<dyn FnMut() -> Result<Duration, String> + 'a>;
    let mut protocols: Vec<(&str, Measure)> = vec![
        (
            "WebREPL put, 1 KiB frames (webrepl_cli.py)",
            Box::new(|| timed_webrepl_put(&board, PASSWORD, &data, 1024)),
        ),
        (
            "WebREPL put, 16 KiB frames",
            Box::new(|| timed_webrepl_put(&board, PASSWORD, &data, 16 * 1024)),
        ),
        (
            "HTTP PUT /fs",
            Box::new(|| timed_http_put(&board, PASSWORD, &data)),
        ),
    ];
    // Each protocol's upload follows one into the reference, so the two stores see the same
    // uploads in the same order (a log-structured store slows down as it fills with garbage)
    // and the pair the same load from elsewhere.
    let mut sink = Vec::new();
    let mut paired: Vec<[Vec<Sample>; 2]> = vec![Default::default(); protocols.len()];
    for _ in 0..RUNS {
        sink.push(Sample::measure(None, &mut || raw_tcp_sink(&data))?);
        for ((_, measure), [reference, protocol]) in protocols.iter_mut().zip(&mut paired) {
            reference.push(Sample::measure(Some(reference_thread), &mut || {
                raw_tcp_into_store(store, &data)
            })?);
            protocol.push(Sample::measure(Some(board_thread), measure)?);
        }
    }
    let mb = |samples: &[Sample]| mb_per_s(size, Sample::best_wall(samples));
    println!("upload of {size} bytes ({RUNS} runs each, interleaved; best run, then every run, in MB/s):");
    println!(
        "  {:<48} {:7.1} MB/s  ({})",
        "raw TCP into a sink",
        mb(&sink),
        Sample::each(size, &sink)
    );
    for ((what, _), [reference, protocol]) in protocols.iter().zip(&paired) {
        let best = 100.0 * Sample::best_wall(reference).as_secs_f64()
            / Sample::best_wall(protocol).as_secs_f64();
        // A pair ran back to back, under about the same load: the middle pair's ratio is the
        // figure least moved by the other programs on the machine.
        let mut pairs: Vec<f64> = reference
            .iter()
            .zip(protocol)
            .map(|(r, p)| 100.0 * r.wall.as_secs_f64() / p.wall.as_secs_f64())
            .collect();
        pairs.sort_by(f64::total_cmp);
        let percent = pairs[pairs.len() / 2];
        println!(
            "  {:<48} {:7.1} MB/s  ({})",
            "raw TCP into the board's file store (reference)",
            mb(reference),
            Sample::each(size, reference)
        );
        println!(
            "  {what:<48} {:7.1} MB/s  ({})",
            mb(protocol),
            Sample::each(size, protocol)
        );
        println!(
            "    ratio {percent:6.1} % of raw TCP into the store, median of the {RUNS} pairs (target {TARGET_PERCENT:.0} %: {}); best vs best {best:.1} %",
            if percent >= TARGET_PERCENT { "met" } else { "NOT met" }
        );
        // Processor time does not depend on what else the machine runs, wall time does.
        if let (Some(reference), Some(protocol)) =
            (Sample::least_cpu(reference), Sample::least_cpu(protocol))
        {
            println!(
                "    server thread's processor time: {:.1} ms, the reference's {:.1} ms ({:.1} % of its speed; a WebREPL put's includes its login)",
                protocol.as_secs_f64() * 1e3,
                reference.as_secs_f64() * 1e3,
                100.0 * reference.as_secs_f64() / protocol.as_secs_f64()
            );
        }
    }

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

/// One upload: its wall time, and the processor time its server thread took (if measured).
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    server_cpu: Option<Duration>,
}

impl Sample {
    /// Runs `measure`, reading the processor time of `server` (a process id and a thread
    /// name) around it.
    fn measure(
        server: Option<(u32, &str)>,
        measure: &mut dyn FnMut() -> Result<Duration, String>,
    ) -> Result<Sample, String> {
        let cpu = || server.and_then(|(pid, name)| thread_cpu(pid, name));
        let before = cpu();
        let wall = measure()?;
        let server_cpu = match (before, cpu()) {
            (Some(before), Some(after)) => Some(after.saturating_sub(before)),
            _ => None,
        };
        Ok(Sample { wall, server_cpu })
    }

    fn best_wall(samples: &[Sample]) -> Duration {
        samples
            .iter()
            .map(|s| s.wall)
            .min()
            .unwrap_or(Duration::MAX)
    }

    fn least_cpu(samples: &[Sample]) -> Option<Duration> {
        samples.iter().filter_map(|s| s.server_cpu).min()
    }

    /// Every run's throughput.
    fn each(size: usize, samples: &[Sample]) -> String {
        let runs: Vec<String> = samples
            .iter()
            .map(|s| format!("{:.1}", mb_per_s(size, s.wall)))
            .collect();
        runs.join(", ")
    }
}

/// The first figure of `/proc/loadavg` (the machine is shared), or `?`.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| text.split_whitespace().next().map(String::from))
        .unwrap_or_else(|| "?".into())
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

/// Serves the storage reference on a free port of 127.0.0.1 for as long as the bench runs:
/// each connection sends a 64-bit little-endian length and that many bytes, which go into
/// `upload.bin` of a `BoardFiles` store, and gets `k` once it is committed.
fn start_store_reference(dir: &Path) -> Result<SocketAddr, String> {
    let image = dir.join("reference.flash");
    let flash = SimFlash::create_file(&image, FLASH_SIZE).map_err(|e| e.to_string())?;
    let fs: Fs<SimFlash> = block_on(Fs::format(flash)).map_err(|e| format!("{e:?}"))?;
    let files = BoardFiles::new(SharedFlash::new(fs));
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .build()
        .map_err(|e| e.to_string())?;
    let spawned = std::thread::Builder::new()
        .name(REFERENCE_THREAD.into())
        .spawn(move || {
            request_short_slice();
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                while let Ok((stream, _)) = listener.accept().await {
                    if stream.set_nodelay(true).is_ok() {
                        // A failed upload drops the connection: the client reports it.
                        let _ = store_upload(&files, stream).await;
                    }
                }
            });
        });
    spawned.map_err(|e| e.to_string())?;
    Ok(addr)
}

/// The name of the storage reference's server thread.
const REFERENCE_THREAD: &str = "store-reference";
/// The name of the board's WebREPL server thread (`mote_firmware::sim::webrepl`).
const BOARD_THREAD: &str = "webrepl";

/// The processor time the thread called `name` of process `pid` has had so far (the first
/// field of its `schedstat`, nanoseconds), if there is such a thread.
fn thread_cpu(pid: u32, name: &str) -> Option<Duration> {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).ok()?;
    for task in tasks.flatten() {
        let path = task.path();
        let comm = std::fs::read_to_string(path.join("comm")).unwrap_or_default();
        if comm.trim_end() == name {
            let stat = std::fs::read_to_string(path.join("schedstat")).ok()?;
            let ns = stat.split_whitespace().next()?.parse().ok()?;
            return Some(Duration::from_nanos(ns));
        }
    }
    None
}

/// One upload into the storage reference.
async fn store_upload(files: &BoardFiles, stream: tokio::net::TcpStream) -> Result<(), String> {
    let mut socket = QuickAckStream(stream);
    let (mut reader, mut writer) = socket.split();
    let mut length = [0; 8];
    reader
        .read_exact(&mut length)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let size = u64::from_le_bytes(length);
    let path = FilePath::parse(b"upload.bin", 64).map_err(|e| format!("{e:?}"))?;
    let mut file = files
        .create(path, size)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let mut left = usize::try_from(size).map_err(|e| e.to_string())?;
    while left > 0 {
        match file.write_from(&mut reader, left).await {
            Ok(0) | Err(_) => return Err("the upload broke off".into()),
            Ok(read) => left -= read,
        }
    }
    file.commit().await.map_err(|e| format!("{e:?}"))?;
    writer.write_all(b"k").await.map_err(|e| format!("{e:?}"))?;
    writer.flush().await.map_err(|e| format!("{e:?}"))
}

/// `data` over loopback into the storage reference, to its acknowledgement.
fn raw_tcp_into_store(store: SocketAddr, data: &[u8]) -> Result<Duration, String> {
    let start = Instant::now();
    let mut stream = connect(store);
    stream
        .write_all(&(data.len() as u64).to_le_bytes())
        .and_then(|()| stream.write_all(data))
        .map_err(|e| e.to_string())?;
    let mut ack = [0];
    stream
        .read_exact(&mut ack)
        .map_err(|e| format!("the storage reference failed: {e}"))?;
    Ok(start.elapsed())
}

fn percentiles(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.99))
}

/// `1` + Enter over the WebREPL to `1\r\n>>> `, in microseconds.
fn webrepl_round_trips(board: &SimBoard, rounds: usize) -> Result<(f64, f64), String> {
    let mut ws = login(board, PASSWORD, Ws::browser)?;
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
        request_short_slice();
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
