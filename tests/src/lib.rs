//! `mote-tests`: end-to-end tests across the mote crates.
//!
//! The Python conformance programs live in `python/`, each beside the output CPython prints for
//! it; the test runners live in `tests/`.
//!
//! [`embassy_runner`] drives a VM as a task of an embassy executor on the host (the shape the
//! firmware's runner has); the embassy tests and `bench_embassy` use it.
//!
//! [`webrepl_client`] starts `mote sim` boards and reaches them over the WebREPL, HTTP and the
//! console; `webrepl-bench` and the WebREPL end-to-end tests of `host-tools` use it.
//!
//! [`netns`] makes a network namespace for TAP boards (root only); `webrepl-tap-bench` and
//! the TAP tests of `host-tools` use it.

pub mod embassy_runner;
pub mod netns;
pub mod webrepl_client;
