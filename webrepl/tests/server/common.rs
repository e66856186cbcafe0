//! A board on loopback (the tokio host adapter over an in-memory store and the line-echo
//! session) and WebSocket clients that behave like MicroPython's two clients.

use std::{
    io::{Read, Write},
    net::{SocketAddr, TcpStream},
    sync::{
        atomic::{AtomicUsize, Ordering},
        mpsc, Once,
    },
    time::Duration,
};

use mote_webrepl::{
    host::{self, EchoSession, MemoryStore, TokioDelay},
    http::ota::OtaApi,
    protocol::request::{emit_request, RequestKind},
    BoardInfo, BoardStatus, Config, Password, WebRepl,
};

pub use crate::ota_sink::MemoryOta;

/// What the test board reports at `/info`.
pub struct TestStatus;

impl BoardStatus for TestStatus {
    fn info(&self) -> BoardInfo<'_> {
        BoardInfo {
            name: "mote-test",
            unique_id: "0123456789ab",
            firmware_version: "0.1.0",
            firmware_slot: Some("ota_0"),
            firmware_state: Some("confirmed"),
            free_heap: 65536,
            free_flash: 1 << 20,
            uptime_ms: 1234,
            ip: core::net::Ipv4Addr::LOCALHOST,
        }
    }
}

pub const PASSWORD: &str = "secret";

/// The name of every test server's thread.
const SERVER_THREAD: &str = "webrepl-server";

/// Panics on server threads (a connection task's panic is caught by tokio and would otherwise
/// go unseen: the server keeps serving).
pub static SERVER_PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_server_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(SERVER_THREAD) {
                SERVER_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            default(info);
        }));
    });
}

/// A running server and the seams behind it.
pub struct Board {
    pub addr: SocketAddr,
    pub session: &'static EchoSession,
    pub store: &'static MemoryStore,
    pub ota: &'static MemoryOta,
}

/// Starts a server on 127.0.0.1 in a thread of its own.
pub fn start() -> Board {
    let session = host::leak(EchoSession::default());
    let store = host::leak(MemoryStore::default());
    let password = host::leak(Password::new(PASSWORD.as_bytes()).unwrap());
    let ota = host::leak(MemoryOta::default());
    let config = Config {
        login_delay_ms: 20,
        login_timeout_ms: 2000,
        ..Config::default()
    };
    let (addr_tx, addr_rx) = mpsc::channel();
    count_server_panics();
    let server = std::thread::Builder::new().name(SERVER_THREAD.into());
    let _ = server.spawn(move || {
        // The server state is not Sync: it lives on the server's thread, as on a board's one
        // executor.
        let app = host::leak(
            WebRepl::new(session, store, password, TokioDelay, config).with_status(&TestStatus),
        );
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let local = tokio::task::LocalSet::new();
        local.block_on(&runtime, async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            addr_tx.send(listener.local_addr().unwrap()).unwrap();
            let router = host::leak(mote_webrepl::router(app).route(
                mote_webrepl::http::ota::PATH,
                picoserve::routing::put_service(OtaApi::new(app, ota)),
            ));
            let http = host::leak(picoserve::Config::const_default().keep_connection_alive());
            host::serve(listener, app, router, http).await.unwrap();
        });
    });
    Board {
        addr: addr_rx.recv().unwrap(),
        session,
        store,
        ota,
    }
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.set_nodelay(true).unwrap();
    stream
}

/// Sends raw bytes and returns everything the server sends until it closes.
pub fn exchange(addr: SocketAddr, request: &[u8]) -> Vec<u8> {
    let mut stream = connect(addr);
    stream.write_all(request).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    response
}

pub const TEXT: u8 = 0x1;
pub const BINARY: u8 = 0x2;
pub const CLOSE: u8 = 0x8;
pub const PING: u8 = 0x9;
pub const PONG: u8 = 0xa;

/// A WebSocket client: `masked` like a browser (RFC 6455), or unmasked like `webrepl_cli.py`.
pub struct Client {
    pub stream: TcpStream,
    masked: bool,
    mask_seed: u8,
}

impl Client {
    /// Opens like `webrepl_cli.py`: its exact handshake (`Sec-WebSocket-Key: foo`, no version)
    /// and unmasked frames.
    pub fn cli(addr: SocketAddr) -> Client {
        let mut stream = connect(addr);
        stream
            .write_all(
                b"GET / HTTP/1.1\r\nHost: echo.websocket.org\r\nConnection: Upgrade\r\n\
Upgrade: websocket\r\nSec-WebSocket-Key: foo\r\n\r\n",
            )
            .unwrap();
        let head = read_head(&mut stream);
        assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
        Client {
            stream,
            masked: false,
            mask_seed: 0,
        }
    }

    /// Opens like a browser: RFC 6455 handshake, checked accept value, masked frames.
    pub fn browser(addr: SocketAddr) -> Client {
        let mut stream = connect(addr);
        stream
            .write_all(
                b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive, Upgrade\r\n\
Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1\r\n\
Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n",
            )
            .unwrap();
        let head = read_head(&mut stream);
        assert!(head.starts_with("HTTP/1.1 101 "), "{head}");
        assert!(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
        Client {
            stream,
            masked: true,
            mask_seed: 1,
        }
    }

    pub fn send(&mut self, opcode: u8, payload: &[u8]) {
        self.send_raw(0x80 | opcode, payload);
    }

    /// Sends a frame with `first` as its first byte (FIN, RSV and opcode as given).
    pub fn send_raw(&mut self, first: u8, payload: &[u8]) {
        let mask_bit = if self.masked { 0x80 } else { 0 };
        let mut frame = vec![first];
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
            self.mask_seed = self.mask_seed.wrapping_mul(31).wrapping_add(7);
            let key = [self.mask_seed, 0x5a, self.mask_seed ^ 0xff, 0x13];
            frame.extend_from_slice(&key);
            frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ key[i % 4]));
        } else {
            frame.extend_from_slice(payload);
        }
        self.stream.write_all(&frame).unwrap();
    }

    /// The next frame, read as `webrepl_cli.py` reads: 7- and 16-bit lengths only.
    pub fn recv(&mut self) -> Option<(u8, Vec<u8>)> {
        let mut header = [0; 2];
        self.stream.read_exact(&mut header).ok()?;
        assert_eq!(header[0] & 0x70, 0, "RSV bits set");
        assert_eq!(header[0] & 0x80, 0x80, "server frames are whole");
        assert_eq!(header[1] & 0x80, 0, "server frames are unmasked");
        let mut len = usize::from(header[1] & 0x7f);
        assert_ne!(
            len, 127,
            "a server frame over 64 KiB: webrepl_cli.py cannot read it"
        );
        if len == 126 {
            let mut ext = [0; 2];
            self.stream.read_exact(&mut ext).unwrap();
            len = usize::from(u16::from_be_bytes(ext));
        }
        let mut payload = vec![0; len];
        self.stream.read_exact(&mut payload).unwrap();
        Some((header[0] & 0x0f, payload))
    }

    /// Text frames until their text contains `needle`; returns all of it.
    pub fn text_until(&mut self, needle: &str) -> String {
        let mut text = String::new();
        while !text.contains(needle) {
            match self.recv() {
                Some((TEXT, payload)) => text.push_str(std::str::from_utf8(&payload).unwrap()),
                Some((opcode, payload)) => {
                    panic!("{opcode:#x} {payload:?} while waiting for {needle:?} after {text:?}")
                }
                None => panic!("closed while waiting for {needle:?} after {text:?}"),
            }
        }
        text
    }

    /// The next binary frame, skipping text frames as `webrepl_cli.py` does.
    pub fn binary(&mut self) -> Vec<u8> {
        loop {
            match self.recv() {
                Some((BINARY, payload)) => return payload,
                Some((TEXT, _)) => continue,
                other => panic!("expected a binary frame, got {other:?}"),
            }
        }
    }

    /// The `WB` status of the next binary frame.
    pub fn status(&mut self) -> u16 {
        let response = self.binary();
        assert_eq!(response.len(), 4, "{response:?}");
        assert_eq!(&response[..2], b"WB");
        u16::from_le_bytes([response[2], response[3]])
    }

    /// Logs in as `webrepl_cli.py` does (password and `\r` in one binary frame) or as the
    /// browser does (each key a text frame).
    pub fn login(&mut self, password: &str) -> String {
        let mut greeting = String::new();
        while !greeting.contains("Password: ") {
            match self.recv() {
                Some((TEXT, payload)) => greeting.push_str(std::str::from_utf8(&payload).unwrap()),
                // Another client holds the slot: the refusal is the answer.
                Some((CLOSE, _)) | None => return greeting,
                Some(other) => panic!("{other:?}"),
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
                Some((TEXT, payload)) => text.push_str(std::str::from_utf8(&payload).unwrap()),
                Some((CLOSE, _)) | None => return text,
                Some(other) => panic!("{other:?}"),
            }
            if text.contains(">>> ") || text.contains("denied\r\n") {
                return text;
            }
        }
    }

    pub fn version(&mut self) -> Vec<u8> {
        self.send(BINARY, &emit_request(RequestKind::Version, 0, b""));
        self.binary()
    }

    /// Puts `data` at `name` as `webrepl_cli.py` does (header split after 10 bytes, data in
    /// 1024-byte frames) or, `split_header` false, as the browser does; returns the two
    /// statuses (the second `None` if the first refused).
    pub fn put(&mut self, name: &[u8], data: &[u8], split_header: bool) -> (u16, Option<u16>) {
        let request = emit_request(RequestKind::Put, data.len() as u32, name);
        if split_header {
            self.send(BINARY, &request[..10]);
            self.send(BINARY, &request[10..]);
        } else {
            self.send(BINARY, &request);
        }
        let first = self.status();
        if first != 0 {
            return (first, None);
        }
        for chunk in data.chunks(1024) {
            self.send(BINARY, chunk);
        }
        (first, Some(self.status()))
    }

    /// Gets `name` as both clients do: one byte per chunk request, a 16-bit length and data
    /// back, 0 for the end, then the final status.
    pub fn get(&mut self, name: &[u8]) -> Result<Vec<u8>, u16> {
        self.send(BINARY, &emit_request(RequestKind::Get, 0, name));
        let status = self.status();
        if status != 0 {
            return Err(status);
        }
        let mut data = Vec::new();
        loop {
            self.send(BINARY, &[0]);
            let chunk = self.binary();
            let len = usize::from(u16::from_le_bytes([chunk[0], chunk[1]]));
            assert_eq!(chunk.len(), 2 + len, "a chunk is one frame");
            assert!(len <= 256);
            if len == 0 {
                break;
            }
            data.extend_from_slice(&chunk[2..]);
        }
        match self.status() {
            0 => Ok(data),
            status => Err(status),
        }
    }

    /// Reads until the server closes; returns the close frame's status code if one came.
    pub fn closed(&mut self) -> Option<u16> {
        let mut code = None;
        while let Some((opcode, payload)) = self.recv_lenient() {
            if opcode == CLOSE && payload.len() >= 2 {
                code = Some(u16::from_be_bytes([payload[0], payload[1]]));
            }
        }
        code
    }

    fn recv_lenient(&mut self) -> Option<(u8, Vec<u8>)> {
        let mut header = [0; 2];
        self.stream.read_exact(&mut header).ok()?;
        let mut len = usize::from(header[1] & 0x7f);
        if len == 126 {
            let mut ext = [0; 2];
            self.stream.read_exact(&mut ext).ok()?;
            len = usize::from(u16::from_be_bytes(ext));
        }
        let mut payload = vec![0; len];
        self.stream.read_exact(&mut payload).ok()?;
        Some((header[0] & 0x0f, payload))
    }
}

/// Reads an HTTP response head byte by byte (as `webrepl_cli.py` does), so nothing after it
/// is consumed.
pub fn read_head(stream: &mut TcpStream) -> String {
    let mut head = Vec::new();
    let mut byte = [0];
    while !head.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).unwrap() == 0 {
            break;
        }
        head.push(byte[0]);
    }
    String::from_utf8(head).unwrap()
}

/// Deterministic pseudo-random bytes.
pub fn pattern(len: usize) -> Vec<u8> {
    let mut state = 0x2545_f491_u32;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state as u8
        })
        .collect()
}
