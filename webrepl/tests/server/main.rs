//! The server end to end on loopback: the WebREPL with clients that behave like MicroPython's
//! own, the `/fs` file API and `PUT /ota`.

mod common;
mod files;
mod ota;
mod ota_sink;
mod webrepl;
