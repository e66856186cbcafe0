//! `mote-webrepl`: the protocols a board speaks on its one HTTP port (8266 by default).
//!
//! - `GET /` serves the board's page ([`page`]: `webrepl/page/` inlined into one document and
//!   gzipped by `build.rs`); a WebSocket upgrade of `/` is MicroPython's WebREPL: the
//!   `Password: ` login, the REPL over text frames and file transfer over binary frames (the
//!   82-byte `WA` request and 4-byte `WB` response, [`protocol`]), exactly as MicroPython's own
//!   clients (`webrepl.html`, `webrepl_cli.py`) expect it.
//! - `/fs/<path>` (GET, PUT, DELETE, MOVE) and `GET /info`, behind HTTP Basic with the board
//!   password and an empty user name ([`http::files`], [`http::info`]).
//! - `PUT /ota`, behind the same password: a firmware image streamed into the board's
//!   [`OtaSink`] (the board verifies while writing; [`http::ota`]). The board adds the route to
//!   [`router`]'s with [`http::ota::OtaApi`].
//! - The front door ([`http::serve_connection`]) reads each connection's first request head:
//!   a WebSocket upgrade gets this crate's lenient handshake and framing ([`ws`]), because
//!   `webrepl_cli.py` sends `Sec-WebSocket-Key: foo`, no `Sec-WebSocket-Version` and unmasked
//!   frames, which picoserve's upgrade refuses; everything else goes to `picoserve`, every
//!   request's `Content-Length` checked first ([`http::length_guard`]: picoserve 0.20.1 would
//!   overflow on a huge one in a kept-alive connection's later requests).
//!
//! Depends on picoserve (HTTP), embedded-io-async (sockets), embedded-hal-async (the login
//! delay), sha1 (the handshake) and serde-json-core (the JSON answers), and at build time on
//! flate2 (the page's gzip); on no other mote crate.
//! The board plugs in through small seams: [`ReplSession`] (the one REPL session),
//! [`FileStore`] (its filesystem, writes through a temporary file), [`PasswordCheck`] (the board
//! password) and, optionally, [`BoardStatus`] (what `GET /info` reports) and [`OtaSink`] (its
//! inactive firmware slot; the crate knows nothing of image formats).
//!
//! Invariants: no input from the network panics (the parsers and a whole connection are fuzzed,
//! `webrepl/fuzz`); nothing allocates: the crate does not link `alloc` outside the `host`
//! adapter, every buffer is fixed per connection;
//! a frame the server sends is under 64 KiB; a name from the network reaches the file store only
//! as a checked [`FilePath`] (no `..`, no NUL, at most 64 bytes from the WebREPL); an upload that
//! does not complete is aborted, never committed (a file or a firmware image); one WebREPL client at a time.
//!
//! `no_std`; the `tokio` feature adds the `host` and `host_socket` modules, which the adapter
//! tests and the simulated board's host-socket mode use.
//!
//! A board serves it from a few embassy tasks sharing one [`WebRepl`] (with picoserve's
//! `embassy` feature on, which gives `embassy_net::tcp::TcpSocket` picoserve's `Socket`):
//!
//! ```text
//! let app = WebRepl::new(&session, &store, &password, embassy_time::Delay, Config::default());
//! let router = mote_webrepl::router(&app);
//! loop {                                        // in each server task
//!     let mut socket = TcpSocket::new(stack, &mut rx, &mut tx);
//!     socket.set_nagle_enabled(false);           // answers must not wait for ACKs
//!     socket.accept(mote_webrepl::DEFAULT_PORT).await?;
//!     let buffers = Buffers { head: &mut head, http: &mut http };
//!     serve_connection(&app, &router, &http_config, EmbassyTimer, socket, buffers).await;
//! }
//! ```
#![no_std]
#![forbid(unsafe_code)]

#[cfg(feature = "std")]
extern crate std;

pub mod app;
#[cfg(feature = "tokio")]
pub mod host;
#[cfg(feature = "tokio")]
pub mod host_socket;
pub mod http;
pub mod ota;
pub mod page;
pub mod password;
pub mod path;
pub mod protocol;
pub mod session;
pub mod status;
pub mod store;
pub mod ws;

pub use app::{Config, WebRepl};
pub use http::router;
pub use ota::{Message, OtaError, OtaErrorKind, OtaSink, OtaUpload};
pub use password::{NoPassword, Password, PasswordCheck};
pub use path::FilePath;
pub use session::ReplSession;
pub use status::{BoardInfo, BoardStatus};
pub use store::{
    DirEntry, EntryKind, FileReader, FileStore, FileWriter, Listing, Metadata, StoreError,
    WriteFromError,
};

/// The WebREPL's port, as MicroPython's.
pub const DEFAULT_PORT: u16 = 8266;
