//! WebSocket (RFC 6455) for the WebREPL route: the frame header on the wire, a push decoder for
//! client frames, the opening handshake and the frames the server sends.
//!
//! picoserve's own upgrade insists on `Sec-WebSocket-Version: 13`, which `webrepl_cli.py` never
//! sends, so this route does its own handshake and framing.

pub mod decoder;
pub mod frame;
pub mod handshake;
pub mod sender;

pub use decoder::{ControlFrame, DataKind, DecodeError, Decoder, Event};
pub use frame::{Frame, FrameError, Opcode};
pub use sender::Sender;
