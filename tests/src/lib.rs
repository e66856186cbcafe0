//! `mote-tests`: end-to-end tests across the mote crates.
//!
//! The Python conformance programs live in `python/`, each beside the output CPython prints for
//! it; the test runners live in `tests/`.
