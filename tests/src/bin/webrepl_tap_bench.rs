//! `webrepl-tap-bench`: the WebREPL and the HTTP API of a TAP board (`mote sim --tap`, the
//! board's own `embassy-net` stack), each figure beside a raw TCP reference over the same TAP
//! path in the same run.
//!
//! ```text
//! cargo build --release -p mote-host-tools
//! cargo run --release -p mote-tests --bin webrepl-tap-bench [-- --mote PATH] [--size BYTES]
//!     [--seconds N]
//! ```
//!
//! It needs root (it makes a network namespace, removed at the end, with a bridge and two TAP
//! devices; nothing is set up in the root namespace) and says why it is skipped otherwise.
//!
//! - The board: `mote sim --tap tap0 --ip 10.77.0.2/24` in the namespace.
//! - The reference: this process runs an `embassy-net` stack of its own on `tap1`
//!   (10.77.0.3, the board's TAP driver, its socket buffers, Nagle off) with a raw TCP sink and
//!   a canned HTTP responder: the same path without the WebREPL, picoserve and the file store.
//! - HTTP keep-alive requests per second, best of two runs of `--seconds` (3) after a
//!   warm-up: `GET /info` on one connection and on as many as the board serves at once,
//!   against the responder's canned answer of the same size.
//! - Upload of `--size` bytes (4 MiB): a WebREPL put (`webrepl_cli.py`'s framing, 1 KiB
//!   frames, and 16 KiB frames) and `PUT /fs`, against raw TCP into the sink and raw TCP
//!   into the board's own file store (`BoardFiles` on a file-backed simulated flash, as the
//!   board's) in the reference; best of 3.
//!
//! It uses `target/release/mote` of this workspace unless `--mote PATH` is given.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use embassy_futures::block_on;
use embassy_net::tcp::TcpSocket;
use embassy_net::{Config, Ipv4Cidr, Stack, StackResources, StaticConfigV4};
use mote_firmware::sim::files::BoardFiles;
use mote_firmware::sim::flash::SharedFlash;
use mote_firmware::sim::tap::TapDevice;
use mote_firmware::sim::tap_webrepl::{CONNECTIONS, SOCKET_BUFFER};
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_tests::netns::{self, Netns};
use mote_tests::webrepl_client::{
    basic_auth, connect, pattern, timed_http_put, timed_webrepl_put, SimBoard,
};
use mote_webrepl::{FilePath, FileStore, FileWriter};

const PASSWORD: &str = "benchpw";
/// The board's flash.
const FLASH_SIZE: usize = 32 * 1024 * 1024;
const BOARD: Ipv4Addr = Ipv4Addr::new(10, 77, 0, 2);
const REFERENCE: Ipv4Addr = Ipv4Addr::new(10, 77, 0, 3);
const PORT: u16 = 8266;
const SINK_PORT: u16 = 9000;
const STORE_PORT: u16 = 9002;
const RESPONDER_PORT: u16 = 9001;
/// The size of the board's `/info` body, which the responder's answers take.
static ANSWER_SIZE: AtomicUsize = AtomicUsize::new(300);

struct Options {
    mote: PathBuf,
    size: usize,
    seconds: u64,
}

fn main() -> ExitCode {
    let mut options = Options {
        mote: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/release/mote"),
        size: 4 * 1024 * 1024,
        seconds: 3,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let number = value.as_deref().and_then(|v| v.parse::<u64>().ok());
        match (arg.as_str(), value.as_deref(), number) {
            ("--mote", Some(path), _) => options.mote = PathBuf::from(path),
            ("--size", _, Some(n)) if n > 0 && n <= 8 << 20 => options.size = n as usize,
            ("--seconds", _, Some(n)) if n > 0 => options.seconds = n,
            _ => {
                eprintln!(
                    "usage: webrepl-tap-bench [--mote PATH] [--size BYTES (at most 8 MiB)] \
                     [--seconds N]"
                );
                return ExitCode::from(2);
            }
        }
    }
    if let Err(why) = netns::available() {
        println!("webrepl-tap-bench: skipped: {why}");
        return ExitCode::SUCCESS;
    }
    if !options.mote.exists() {
        eprintln!(
            "webrepl-tap-bench: {} is missing; build it with cargo build --release -p mote-host-tools",
            options.mote.display()
        );
        return ExitCode::from(2);
    }
    let mut ns = Netns::new("bench");
    let board_tap = ns.tap();
    let reference_tap = ns.tap();
    let result = {
        // Left before the namespace is removed (which ends every process inside).
        let _inside = ns.enter();
        run(&options, &ns, &board_tap, &reference_tap)
    };
    drop(ns);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("webrepl-tap-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn mb_per_s(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / time.as_secs_f64() / 1e6
}

fn run(options: &Options, ns: &Netns, board_tap: &str, reference_tap: &str) -> Result<(), String> {
    start_reference(reference_tap, &ns.dir)?;
    let flash_size = FLASH_SIZE.to_string();
    let ip = format!("{BOARD}/24");
    let port = PORT.to_string();
    let mut board = SimBoard::start(
        &options.mote,
        &ns.dir.join("board.flash"),
        &[
            "--password",
            PASSWORD,
            "--flash-size",
            &flash_size,
            "--tap",
            board_tap,
            "--ip",
            &ip,
            "--port",
            &port,
        ],
    );
    board.wait_log("net: static address");
    board.web = SocketAddr::from((BOARD, PORT));
    println!(
        "webrepl-tap-bench: board {} on {board_tap} (pid {}), reference stack {REFERENCE} on \
         {reference_tap}",
        board.web,
        board.pid()
    );

    let info = format!(
        "GET /info HTTP/1.1\r\nHost: b\r\n{}\r\n",
        basic_auth(PASSWORD)
    );
    // The first seconds warm up (the new board's flash image is still being written back).
    let info_size = keep_alive_requests(board.web, info.as_bytes(), 1, Duration::from_secs(2))
        .map(|(_, body)| body)?;
    ANSWER_SIZE.store(info_size, Ordering::Relaxed);
    let responder = SocketAddr::from((REFERENCE, RESPONDER_PORT));
    let seconds = Duration::from_secs(options.seconds);
    println!(
        "HTTP keep-alive requests, best of 2 runs of {} s (GET /info, a {info_size}-byte answer):",
        options.seconds
    );
    for connections in [1, CONNECTIONS] {
        let (mut raw, mut rate) = (0f64, 0f64);
        for _ in 0..2 {
            raw = raw.max(keep_alive_requests(responder, info.as_bytes(), connections, seconds)?.0);
            rate =
                rate.max(keep_alive_requests(board.web, info.as_bytes(), connections, seconds)?.0);
        }
        println!(
            "  {connections} connection(s): board {rate:8.0} requests/s   raw TCP responder \
             (reference) {raw:8.0} requests/s   {:5.1} %",
            100.0 * rate / raw
        );
    }

    let data = pattern(options.size);
    let sink = best_of(3, || raw_tcp(&data, false))?;
    let stored = best_of(3, || raw_tcp(&data, true))?;
    let cli = best_of(3, || timed_webrepl_put(&board, PASSWORD, &data, 1024))?;
    let big = best_of(3, || timed_webrepl_put(&board, PASSWORD, &data, 16 * 1024))?;
    let put = best_of(3, || timed_http_put(&board, PASSWORD, &data))?;
    println!("upload of {} bytes over TAP (best of 3):", options.size);
    let line = |what: &str, time: Duration| {
        println!(
            "  {what:<48} {:7.1} MB/s  {:6.1} % of raw TCP into the store  {:6.1} % of raw TCP",
            mb_per_s(options.size, time),
            100.0 * stored.as_secs_f64() / time.as_secs_f64(),
            100.0 * sink.as_secs_f64() / time.as_secs_f64(),
        );
    };
    line("raw TCP into a sink (reference)", sink);
    line("raw TCP into the board's file store (reference)", stored);
    line("WebREPL put, 1 KiB frames (webrepl_cli.py)", cli);
    line("WebREPL put, 16 KiB frames", big);
    line("HTTP PUT /fs", put);
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

/// The responder's answer: a head like picoserve's and a body of `size` bytes.
fn canned_answer(size: usize) -> Vec<u8> {
    let mut answer = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {size}\r\n\r\n"
    )
    .into_bytes();
    answer.extend(std::iter::repeat_n(b'x', size));
    answer
}

/// `request` over and over on each of `connections` keep-alive connections to `addr` for
/// `time`: requests per second, and the size of the last answer's body. An answer that is not
/// a 200 is an error.
fn keep_alive_requests(
    addr: SocketAddr,
    request: &[u8],
    connections: usize,
    time: Duration,
) -> Result<(f64, usize), String> {
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let mut threads = Vec::new();
    for _ in 0..connections {
        let (stop, done, request) = (stop.clone(), done.clone(), request.to_vec());
        threads.push(std::thread::spawn(move || -> Result<usize, String> {
            let mut stream = connect(addr);
            let mut answer = Answer::default();
            while !stop.load(Ordering::Relaxed) {
                stream.write_all(&request).map_err(|e| e.to_string())?;
                let status = answer.read(&mut stream)?;
                if status != 200 {
                    return Err(format!("{addr} answered {status}"));
                }
                done.fetch_add(1, Ordering::Relaxed);
            }
            Ok(answer.body)
        }));
    }
    let start = Instant::now();
    std::thread::sleep(time);
    stop.store(true, Ordering::Relaxed);
    let mut body = 0;
    for thread in threads {
        body = thread.join().map_err(|_| "a client panicked")??;
    }
    let rate = done.load(Ordering::Relaxed) as f64 / start.elapsed().as_secs_f64();
    Ok((rate, body))
}

/// One keep-alive answer read off a connection (bytes past it kept for the next).
#[derive(Default)]
struct Answer {
    buffer: Vec<u8>,
    body: usize,
}

impl Answer {
    /// Read the next answer: its status.
    fn read(&mut self, stream: &mut TcpStream) -> Result<u16, String> {
        let mut chunk = [0; 4096];
        let head_end = loop {
            if let Some(at) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            self.fill(stream, &mut chunk)?;
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).to_ascii_lowercase();
        let status = head
            .get(9..12)
            .and_then(|s| s.parse().ok())
            .ok_or("no status line")?;
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .ok_or("no Content-Length")?;
        while self.buffer.len() < head_end + length {
            self.fill(stream, &mut chunk)?;
        }
        self.buffer.drain(..head_end + length);
        self.body = length;
        Ok(status)
    }

    fn fill(&mut self, stream: &mut TcpStream, chunk: &mut [u8]) -> Result<(), String> {
        match stream.read(chunk) {
            Ok(0) => Err("the connection closed".into()),
            Ok(n) => {
                self.buffer.extend_from_slice(&chunk[..n]);
                Ok(())
            }
            Err(e) => Err(e.to_string()),
        }
    }
}

/// `data` over TAP into the reference's sink (or, `into_store`, its file store, the size
/// first), to its answer after the end.
fn raw_tcp(data: &[u8], into_store: bool) -> Result<Duration, String> {
    let start = Instant::now();
    let port = if into_store { STORE_PORT } else { SINK_PORT };
    let mut stream = connect(SocketAddr::from((REFERENCE, port)));
    if into_store {
        let size = data.len() as u64;
        stream
            .write_all(&size.to_le_bytes())
            .map_err(|e| e.to_string())?;
    }
    stream.write_all(data).map_err(|e| e.to_string())?;
    stream
        .shutdown(std::net::Shutdown::Write)
        .map_err(|e| e.to_string())?;
    let mut count = [0; 8];
    stream.read_exact(&mut count).map_err(|e| e.to_string())?;
    let time = start.elapsed();
    match u64::from_le_bytes(count) {
        n if n == data.len() as u64 => Ok(time),
        n => Err(format!("the reference took {n} of {} bytes", data.len())),
    }
}

/// Start the reference: an `embassy-net` stack on TAP device `tap` (opened by the calling
/// thread, inside the namespace) at [`REFERENCE`], with the sink and the responder, in a
/// thread of its own for the rest of the run.
fn start_reference(tap: &str, dir: &Path) -> Result<(), String> {
    let device = TapDevice::open(tap, [0x02, 0, 0, 0, 0, 3])
        .map_err(|e| format!("cannot open {tap}: {e}"))?;
    let flash = SimFlash::create_file(&dir.join("reference.flash"), FLASH_SIZE)
        .map_err(|e| e.to_string())?;
    let fs: Fs<SimFlash> = block_on(Fs::format(flash)).map_err(|e| format!("{e:?}"))?;
    let files = BoardFiles::new(SharedFlash::new(fs));
    std::thread::Builder::new()
        .name("reference".into())
        .spawn(move || {
            let resources = Box::leak(Box::new(StackResources::<8>::new()));
            let config = Config::ipv4_static(StaticConfigV4 {
                address: Ipv4Cidr::new(REFERENCE, 24),
                gateway: None,
                dns_servers: Default::default(),
            });
            let (stack, mut runner) = embassy_net::new(device, config, resources, 7);
            // As the board's network thread runs its tasks.
            let tasks = async_executor::LocalExecutor::new();
            tasks.spawn(runner.run()).detach();
            tasks.spawn(sink(stack)).detach();
            tasks.spawn(store(stack, files)).detach();
            for _ in 0..CONNECTIONS {
                tasks.spawn(responder(stack)).detach();
            }
            async_io::block_on(tasks.run(std::future::pending::<()>()));
        })
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Accept a connection on `port` into `socket`, Nagle off, as the board's server does.
async fn accept(socket: &mut TcpSocket<'_>, port: u16) -> bool {
    if socket.accept(port).await.is_err() {
        return false;
    }
    socket.set_nagle_enabled(false);
    true
}

/// Reads everything a connection sends, then answers how many bytes it got (8 bytes, LE).
async fn sink(stack: Stack<'static>) {
    let mut rx = vec![0; SOCKET_BUFFER];
    let mut tx = vec![0; SOCKET_BUFFER];
    let mut buf = vec![0; 16 * 1024];
    loop {
        let mut socket = TcpSocket::new(stack, &mut rx, &mut tx);
        if !accept(&mut socket, SINK_PORT).await {
            continue;
        }
        let mut total = 0u64;
        while let Ok(n @ 1..) = socket.read(&mut buf).await {
            total += n as u64;
        }
        let _ = socket.write(&total.to_le_bytes()).await;
        socket.close();
        let _ = socket.flush().await;
    }
}

/// Writes what each connection sends into the board's own file store (`BoardFiles` over a
/// file-backed simulated flash, as `mote sim` has it), 16 KiB reads, then answers how many
/// bytes it stored (8 bytes, LE): the path under the protocols, without them.
async fn store(stack: Stack<'static>, files: BoardFiles) {
    let mut rx = vec![0; SOCKET_BUFFER];
    let mut tx = vec![0; SOCKET_BUFFER];
    let mut buf = vec![0; 16 * 1024];
    let Ok(path) = FilePath::parse(b"upload.bin", 64) else {
        return;
    };
    loop {
        let mut socket = TcpSocket::new(stack, &mut rx, &mut tx);
        if !accept(&mut socket, STORE_PORT).await {
            continue;
        }
        let mut size = [0; 8];
        let mut filled = 0;
        while filled < size.len() {
            match socket.read(&mut size[filled..]).await {
                Ok(n @ 1..) => filled += n,
                _ => break,
            }
        }
        let size = u64::from_le_bytes(size);
        let Ok(mut writer) = files.create(path, size).await else {
            continue;
        };
        let mut total = 0u64;
        while let Ok(n @ 1..) = socket.read(&mut buf).await {
            if writer.write(&buf[..n]).await.is_err() {
                break;
            }
            total += n as u64;
        }
        if total != size || writer.commit().await.is_err() {
            total = 0;
        }
        let _ = socket.write(&total.to_le_bytes()).await;
        socket.close();
        let _ = socket.flush().await;
    }
}

/// Answers each request head on a keep-alive connection with a canned answer the size of
/// the board's `/info` ([`ANSWER_SIZE`]).
async fn responder(stack: Stack<'static>) {
    let mut rx = vec![0; SOCKET_BUFFER];
    let mut tx = vec![0; SOCKET_BUFFER];
    let mut buf = vec![0; 4096];
    loop {
        let mut socket = TcpSocket::new(stack, &mut rx, &mut tx);
        if !accept(&mut socket, RESPONDER_PORT).await {
            continue;
        }
        let answer = canned_answer(ANSWER_SIZE.load(Ordering::Relaxed));
        let mut filled = 0;
        'connection: loop {
            let Ok(n @ 1..) = socket.read(&mut buf[filled..]).await else {
                break;
            };
            filled += n;
            while let Some(end) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                let mut sent = 0;
                while sent < answer.len() {
                    match socket.write(&answer[sent..]).await {
                        Ok(n) => sent += n,
                        Err(_) => break 'connection,
                    }
                }
                buf.copy_within(end + 4..filled, 0);
                filled -= end + 4;
            }
            if filled == buf.len() {
                break;
            }
        }
        socket.close();
        let _ = socket.flush().await;
    }
}
