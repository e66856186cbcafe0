//! MicroPython's WebREPL protocol over a WebSocket: the login, the REPL and file transfer.

pub mod connection;
pub mod request;

pub use connection::serve_client;
pub use request::{Request, RequestKind, Status};
