//! `mote` as the client of a board: reaching it (`BOARD` as `host[:port]`, a `ws://` URL or a
//! name), its password, and the two protocols it speaks on its one port.
//!
//! - The WebREPL ([`webrepl`], over this module's own WebSocket client, [`websocket`]): the
//!   terminal (`mote repl BOARD`) and code run through the raw REPL / raw-paste (`mote exec`,
//!   `mote run --board`, and the board-side SHA-256 and `statvfs` that `mote fs` asks for).
//! - The HTTP file API ([`http`]): every `mote fs` transfer and file operation. It streams in
//!   both directions without the WebREPL's one round trip per 256-byte `get` chunk, has
//!   listing, remove, mkdir and rename (the WebREPL has only put and get), and does not take
//!   the board's one WebREPL client slot, so `mote fs` works while a terminal is open.
//!
//! The wire constants (the login texts, frame headers, the `Sec-WebSocket-Accept` rule) come
//! from `mote-webrepl`, the server's own crate, so client and server cannot drift apart; the
//! client side of the framing (masked frames, the handshake request) is here, on blocking
//! `std::net` sockets, because a command-line tool needs no async runtime.

pub mod address;
pub mod base64;
pub mod boards;
pub mod config;
pub mod error;
pub mod exec;
pub mod fs;
pub mod http;
pub mod terminal;
pub mod webrepl;
pub mod websocket;

pub use address::Address;
pub use error::BoardError;

use clap::Args;

/// How every board command names its board and proves the password.
#[derive(Args, Clone)]
pub struct BoardArgs {
    /// The board: HOST[:PORT] (port 8266 by default), ws://HOST:PORT/, or a name from
    /// boards.toml in the user's config directory.
    #[arg(value_name = "BOARD")]
    pub board: String,
    /// The board's password (else MOTE_PASSWORD, else the board's entry in boards.toml).
    #[arg(long, value_name = "PW", global = true)]
    pub password: Option<String>,
}

/// A board found and its password known: everything a connection needs.
pub struct Target {
    /// Where the board listens.
    pub address: Address,
    /// The board's password.
    pub password: config::Password,
}

impl Target {
    /// Resolves `board` (a name, an address or a URL) and finds its password.
    pub fn resolve(board: &str, password: Option<&str>) -> Result<Target, BoardError> {
        let boards = config::Boards::load()?;
        let address = address::resolve(board, &boards)?;
        let password = config::password(&address, password, &boards)?;
        Ok(Target { address, password })
    }
}

/// Prints a board error the way every board command does and gives the exit status for it.
pub fn fail(command: &str, error: &BoardError) -> std::process::ExitCode {
    eprintln!("mote {command}: {error}");
    std::process::ExitCode::from(2)
}
