//! `mote-webrepl`: the protocols a board speaks on the wire.
//!
//! Will hold the HTTP and WebSocket server on `picoserve`: MicroPython's WebREPL framing, the
//! file-transfer requests, OTA upload streaming and the browser page, with JSON through
//! `serde-json-core`. It will talk to a REPL session and a file store through small traits, never
//! to the VM or `storage` directly, so it can be tested alone.
//!
//! Work on this crate has not started; it holds no functionality yet.
#![no_std]
