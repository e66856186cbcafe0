//! HTTP on the board's port: the request head the front door reads, and the front door itself.

pub mod front;
pub mod head;

pub use front::{serve_connection, Buffers};
pub use head::{head_len, HeadError, RequestHead};
