//! The server end to end on loopback: the WebREPL with clients that behave like MicroPython's
//! own, and the `/fs` file API.

mod common;
mod files;
mod webrepl;
