//! A simulated board in its own process (`mote sim`) and the clients that reach it over
//! 127.0.0.1: a WebSocket client speaking MicroPython's WebREPL as its two clients do (masked
//! like the browser, or unmasked like `webrepl_cli.py`), plain HTTP for the file API, and the
//! console on TCP. The end-to-end tests (`host-tools/tests/webrepl.rs`) and `webrepl-bench`
//! share it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a test waits for what it expects before it fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A running `mote sim` and what it logged on stderr.
pub struct SimBoard {
    child: Child,
    log: Arc<Mutex<String>>,
    /// The console (TCP).
    pub console: SocketAddr,
    /// The WebREPL and HTTP port (0.0.0.0:0 when the board could not serve it).
    pub web: SocketAddr,
}

fn addr_after(log: &str, prefix: &str) -> Option<SocketAddr> {
    let line = log.lines().find_map(|line| line.strip_prefix(prefix))?;
    let text = line.trim_start_matches("http://");
    let end = text.find(['/', ' ']).unwrap_or(text.len());
    text[..end].parse().ok()
}

impl SimBoard {
    /// Starts `mote` (the binary at `mote`) as `mote sim --console tcp:0 --flash FLASH
    /// [--port 0] EXTRA…` (`--port 0` unless `extra` names a port) and waits for its REPL.
    pub fn start(mote: &Path, flash: &Path, extra: &[&str]) -> SimBoard {
        let mut command = Command::new(mote);
        command
            .args(["sim", "--console", "tcp:0", "--flash"])
            .arg(flash);
        if !extra.contains(&"--port") {
            command.args(["--port", "0"]);
        }
        let mut child = command
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("mote sim starts");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let shared = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut log = shared.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let mut board = SimBoard {
            child,
            log,
            console: SocketAddr::from(([0, 0, 0, 0], 0)),
            web: SocketAddr::from(([0, 0, 0, 0], 0)),
        };
        let log = board.wait_log("REPL ready");
        board.console = addr_after(&log, "mote sim: console ").expect("a console address");
        board.web = addr_after(&log, "mote sim: WebREPL ").unwrap_or(board.web);
        board
    }

    /// The id of the process running the board: `mote sim` runs the firmware slot's
    /// executable as its child (as a ROM bootloader starts an image), so that child when there
    /// is one, else `mote sim` itself.
    pub fn pid(&self) -> u32 {
        let pid = self.child.id();
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
            .ok()
            .and_then(|children| children.split_whitespace().next()?.parse().ok())
            .unwrap_or(pid)
    }

    /// The log so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Waits until the log contains `text`; the log.
    pub fn wait_log(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let log = self.log();
            if log.contains(text) {
                return log;
            }
            assert!(Instant::now() < deadline, "{text:?} not in the log:\n{log}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The board's resident memory in KiB (Linux `VmRSS`).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.pid()))
            .expect("the board's /proc status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }
}

impl Drop for SimBoard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new empty folder for a test's flash images.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mote-webrepl-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

/// Connects with Nagle off and a read timeout. A refused connection is tried again for a
/// while: a board on `embassy-net` (TAP) has no accept backlog, and refuses connections while
/// each of its server's sockets is busy or closing.
pub fn connect(addr: SocketAddr) -> TcpStream {
    let start = Instant::now();
    let stream = loop {
        match TcpStream::connect(addr) {
            Ok(stream) => break stream,
            Err(e)
                if e.kind() == std::io::ErrorKind::ConnectionRefused
                    && start.elapsed() < PATIENCE =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => panic!("the board at {addr} does not accept: {e}"),
        }
    };
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.set_nodelay(true).unwrap();
    stream
}

/// WebSocket opcodes.
pub const TEXT: u8 = 0x1;
/// A binary frame.
pub const BINARY: u8 = 0x2;
/// A close frame.
pub const CLOSE: u8 = 0x8;

/// The 82-byte `WA` request (`<2sBBQLH64s`): put (1), get (2) or version (3).
pub fn wa_request(kind: u8, size: u32, name: &[u8]) -> [u8; 82] {
    let mut request = [0; 82];
    request[..2].copy_from_slice(b"WA");
    request[2] = kind;
    request[12..16].copy_from_slice(&size.to_le_bytes());
    request[16..18].copy_from_slice(&(name.len() as u16).to_le_bytes());
    let len = name.len().min(64);
    request[18..18 + len].copy_from_slice(&name[..len]);
    request
}

/// A WebREPL client.
pub struct Ws {
    /// The connection.
    pub stream: TcpStream,
    masked: bool,
    seed: u8,
}

impl Ws {
    /// Opens as `webrepl_cli.py` does: `Sec-WebSocket-Key: foo`, no version, unmasked frames.
    pub fn cli(addr: SocketAddr) -> Ws {
        Ws::open(
            addr,
            "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: foo\r\n",
            false,
        )
    }

    /// Opens as a browser does: RFC 6455 to the letter, masked frames.
    pub fn browser(addr: SocketAddr) -> Ws {
        Ws::open(
            addr,
            "Connection: keep-alive, Upgrade\r\nUpgrade: websocket\r\n\
             Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n",
            true,
        )
    }

    fn open(addr: SocketAddr, headers: &str, masked: bool) -> Ws {
        let mut stream = connect(addr);
        write!(stream, "GET / HTTP/1.1\r\nHost: {addr}\r\n{headers}\r\n").unwrap();
        let head = read_head(&mut stream);
        assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
        Ws {
            stream,
            masked,
            seed: 1,
        }
    }

    /// Sends one frame (7-, 16- or 64-bit length as the payload needs).
    pub fn send(&mut self, opcode: u8, payload: &[u8]) {
        let mask_bit = if self.masked { 0x80 } else { 0 };
        let mut frame = Vec::with_capacity(payload.len() + 14);
        frame.push(0x80 | opcode);
        match payload.len() {
            len @ 0..=125 => frame.push(mask_bit | len as u8),
            len @ 126..=65535 => {
                frame.push(mask_bit | 126);
                frame.extend_from_slice(&(len as u16).to_be_bytes());
            }
            len => {
                frame.push(mask_bit | 127);
                frame.extend_from_slice(&(len as u64).to_be_bytes());
            }
        }
        if self.masked {
            self.seed = self.seed.wrapping_mul(31).wrapping_add(7);
            let key = [self.seed, 0x5a, !self.seed, 0x13];
            frame.extend_from_slice(&key);
            frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
        } else {
            frame.extend_from_slice(payload);
        }
        self.stream.write_all(&frame).unwrap();
    }

    /// Keys, as the client sends them (text frames).
    pub fn type_text(&mut self, keys: &str) {
        self.send(TEXT, keys.as_bytes());
    }

    /// The next frame, `None` when the connection ends.
    pub fn recv(&mut self) -> Option<(u8, Vec<u8>)> {
        let mut header = [0; 2];
        self.stream.read_exact(&mut header).ok()?;
        assert_eq!(header[1] & 0x80, 0, "server frames are unmasked");
        let mut len = usize::from(header[1] & 0x7f);
        assert_ne!(
            len, 127,
            "a frame over 64 KiB: webrepl_cli.py cannot read it"
        );
        if len == 126 {
            let mut ext = [0; 2];
            self.stream.read_exact(&mut ext).ok()?;
            len = usize::from(u16::from_be_bytes(ext));
        }
        let mut payload = vec![0; len];
        self.stream.read_exact(&mut payload).ok()?;
        Some((header[0] & 0x0f, payload))
    }

    /// Text until it contains `needle`; all of it.
    pub fn text_until(&mut self, needle: &str) -> String {
        let mut text = String::new();
        while !text.contains(needle) {
            match self.recv() {
                Some((TEXT, payload)) => text.push_str(&String::from_utf8_lossy(&payload)),
                Some((BINARY, _)) => {}
                other => panic!("{other:?} while waiting for {needle:?} after {text:?}"),
            }
        }
        text
    }

    /// Answers the `Password: ` prompt (as `webrepl_cli.py` in one binary frame, as the
    /// browser a key per text frame); what the board said after it, up to the prompt or the
    /// refusal, or up to the close.
    pub fn login(&mut self, password: &str) -> String {
        let mut greeting = String::new();
        while !greeting.contains("Password: ") {
            match self.recv() {
                Some((TEXT, payload)) => greeting.push_str(&String::from_utf8_lossy(&payload)),
                Some((CLOSE, _)) | None => return greeting,
                Some(_) => {}
            }
        }
        if self.masked {
            for key in password.bytes().chain(*b"\r") {
                self.send(TEXT, &[key]);
            }
        } else {
            self.send(BINARY, format!("{password}\r").as_bytes());
        }
        let mut text = String::new();
        loop {
            match self.recv() {
                Some((TEXT, payload)) => text.push_str(&String::from_utf8_lossy(&payload)),
                Some((CLOSE, _)) | None => return text,
                Some(_) => {}
            }
            if text.contains(">>> ") || text.contains("denied\r\n") {
                return text;
            }
        }
    }

    /// The next binary frame (text frames, the REPL's output, are skipped as
    /// `webrepl_cli.py` skips them).
    pub fn binary(&mut self) -> Vec<u8> {
        loop {
            match self.recv() {
                Some((BINARY, payload)) => return payload,
                Some((TEXT, _)) => {}
                other => panic!("expected a binary frame, got {other:?}"),
            }
        }
    }

    /// The code of the next `WB` response.
    pub fn status(&mut self) -> u16 {
        let response = self.binary();
        assert_eq!(response.len(), 4, "{response:?}");
        assert_eq!(&response[..2], b"WB");
        u16::from_le_bytes([response[2], response[3]])
    }

    /// Puts `data` at `name` in frames of `chunk` bytes, the request split over two frames
    /// (after 10 bytes, as `webrepl_cli.py` sends it) or whole; both `WB` codes (the second
    /// `None` when the first refused).
    pub fn put(
        &mut self,
        name: &str,
        data: &[u8],
        split: bool,
        chunk: usize,
    ) -> (u16, Option<u16>) {
        let request = wa_request(1, data.len() as u32, name.as_bytes());
        if split {
            self.send(BINARY, &request[..10]);
            self.send(BINARY, &request[10..]);
        } else {
            self.send(BINARY, &request);
        }
        let first = self.status();
        if first != 0 {
            return (first, None);
        }
        for part in data.chunks(chunk) {
            self.send(BINARY, part);
        }
        (first, Some(self.status()))
    }

    /// Gets `name` as both clients do (a 1-byte request per chunk, a 16-bit length and the
    /// bytes back, 0 at the end, then the final code).
    pub fn get(&mut self, name: &str) -> Result<Vec<u8>, u16> {
        self.send(BINARY, &wa_request(2, 0, name.as_bytes()));
        let first = self.status();
        if first != 0 {
            return Err(first);
        }
        let mut data = Vec::new();
        loop {
            self.send(BINARY, &[0]);
            let chunk = self.binary();
            let len = usize::from(u16::from_le_bytes([chunk[0], chunk[1]]));
            assert_eq!(chunk.len(), 2 + len, "a chunk is one frame");
            if len == 0 {
                break;
            }
            data.extend_from_slice(&chunk[2..]);
        }
        match self.status() {
            0 => Ok(data),
            code => Err(code),
        }
    }

    /// Whether the server ends the connection (a close frame or end of stream) within
    /// [`PATIENCE`], reading past whatever else it sends.
    pub fn is_closed(&mut self) -> bool {
        loop {
            match self.recv() {
                None | Some((CLOSE, _)) => return true,
                Some(_) => {}
            }
        }
    }
}

/// An HTTP response head, read byte by byte so nothing after it is consumed.
pub fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&head).into_owned()
}

/// `Authorization` for the board password (HTTP Basic, empty user name).
pub fn basic_auth(password: &str) -> String {
    format!(
        "Authorization: Basic {}\r\n",
        base64(format!(":{password}").as_bytes())
    )
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in bytes.chunks(3) {
        let b = [
            group[0],
            *group.get(1).unwrap_or(&0),
            *group.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= group.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An HTTP reply.
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// The head, status line included.
    pub head: String,
    /// The body (de-chunked).
    pub body: Vec<u8>,
}

/// One request on a fresh connection (`Connection: close`), read to the end.
pub fn http(addr: SocketAddr, method: &str, path: &str, headers: &str, body: &[u8]) -> Reply {
    let mut stream = connect(addr);
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{headers}");
    if method == "PUT" && !headers.to_ascii_lowercase().contains("content-length") {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    parse_reply(&reply)
        .unwrap_or_else(|| panic!("no HTTP reply: {:?}", String::from_utf8_lossy(&reply)))
}

/// Splits a whole HTTP reply (de-chunking a chunked body).
pub fn parse_reply(reply: &[u8]) -> Option<Reply> {
    let end = reply.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&reply[..end]).into_owned();
    let status = head.get(9..12)?.parse().ok()?;
    let mut body = reply[end..].to_vec();
    if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut plain = Vec::new();
        let mut rest = &body[..];
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
            let size =
                usize::from_str_radix(std::str::from_utf8(&rest[..line_end]).ok()?.trim(), 16)
                    .ok()?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            plain.extend_from_slice(rest.get(..size)?);
            rest = rest.get(size + 2..)?;
        }
        body = plain;
    }
    Some(Reply { status, head, body })
}

/// The board's console over TCP.
pub struct ConsoleClient {
    stream: TcpStream,
    seen: Vec<u8>,
}

impl ConsoleClient {
    /// Connects to the console at `addr`.
    pub fn connect(addr: SocketAddr) -> ConsoleClient {
        ConsoleClient {
            stream: connect(addr),
            seen: Vec::new(),
        }
    }

    /// Types `keys`.
    pub fn type_text(&mut self, keys: &str) {
        self.stream.write_all(keys.as_bytes()).unwrap();
    }

    /// Reads until the output since the last call contains `needle`; that output.
    pub fn read_until(&mut self, needle: &str) -> String {
        let mut buf = [0; 4096];
        while !String::from_utf8_lossy(&self.seen).contains(needle) {
            let n = self.stream.read(&mut buf).unwrap_or(0);
            assert!(
                n > 0,
                "{needle:?} never came: {:?}",
                String::from_utf8_lossy(&self.seen)
            );
            self.seen.extend_from_slice(&buf[..n]);
        }
        let text = String::from_utf8_lossy(&self.seen).into_owned();
        let at = text.find(needle).unwrap() + needle.len();
        let out = text[..at].to_string();
        self.seen = text.as_bytes()[at..].to_vec();
        out
    }
}
/// Logs in to the board's WebREPL over a connection made by `open` ([`Ws::cli`] or
/// [`Ws::browser`]), retrying while a client just gone still holds the one slot.
pub fn login(board: &SimBoard, password: &str, open: fn(SocketAddr) -> Ws) -> Result<Ws, String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let mut ws = open(board.web);
        if ws.login(password).contains(">>> ") {
            return Ok(ws);
        }
        if Instant::now() > deadline {
            return Err("the WebREPL slot stayed taken".into());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A WebREPL put of `data` as `/bench.bin` in frames of `frame` bytes, timed from the request
/// to the final `WB`.
pub fn timed_webrepl_put(
    board: &SimBoard,
    password: &str,
    data: &[u8],
    frame: usize,
) -> Result<Duration, String> {
    let mut ws = login(board, password, Ws::cli)?;
    let start = Instant::now();
    let codes = ws.put("/bench.bin", data, true, frame);
    let time = start.elapsed();
    if codes != (0, Some(0)) {
        return Err(format!("WebREPL put answered {codes:?}"));
    }
    Ok(time)
}

/// `PUT /fs/bench.bin` with `data`, timed to the 201.
pub fn timed_http_put(board: &SimBoard, password: &str, data: &[u8]) -> Result<Duration, String> {
    let start = Instant::now();
    let reply = http(
        board.web,
        "PUT",
        "/fs/bench.bin",
        &basic_auth(password),
        data,
    );
    let time = start.elapsed();
    if reply.status != 201 {
        return Err(format!("PUT /fs answered {}", reply.status));
    }
    Ok(time)
}

/// `len` bytes that differ at every offset a mix-up could hide behind.
pub fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 7 + i / 251) as u8).collect()
}
