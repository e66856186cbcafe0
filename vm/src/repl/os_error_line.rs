//! The raw REPL's spelling of `OSError`-family errors: MicroPython's `OSError: [Errno 2] ENOENT`.
//!
//! Inside Python an errno error keeps CPython's shape (`open()` of a missing file raises
//! `FileNotFoundError`, an `OSError` with `errno == 2` whose `str()` is glibc's text). The raw
//! REPL, though, is a protocol between machines, and the tools written for MicroPython read its
//! error channel as text: `mpremote` takes an error for a filesystem error only when it contains
//! `OSError` and the errno's symbolic name (how `fs cp` decides that a target does not exist yet),
//! `ampy` looks for `OSError: [Errno 2] ENOENT` verbatim. So there, and only there, the last line
//! of such a traceback is the one MicroPython prints; the friendly REPL and scripts keep CPython's.

use alloc::string::String;

use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::runtime::Runtime;
use crate::value::Value;

impl Runtime {
    /// MicroPython's last traceback line for `e`, an `OSError` whose `args` are
    /// `(errno, strerror)` with a known errno; `None` for any other exception.
    pub(crate) fn micropython_os_error_line(&mut self, e: Value) -> Option<String> {
        if !self.exc_matches(e, ExcKind::OSError) {
            return None;
        }
        let args = self.exc_args(e);
        if args == Value::NULL || self.seq_len(args) < 2 {
            return None;
        }
        let errno = self.seq_get(args, 0).as_small()?;
        let name = crate::fs::ERRNO_NAMES
            .iter()
            .chain(crate::net::NET_ERRNO_NAMES)
            .find(|(_, n)| i64::from(*n) == i64::from(errno))?
            .0;
        Some(fill("OSError: [Errno {}] {}\n", &[errno.arg(), name.arg()]))
    }
}

/// `traceback` with its last line replaced by `line`.
pub(crate) fn with_last_line(traceback: &str, line: &str) -> String {
    let body = traceback.strip_suffix('\n').unwrap_or(traceback);
    let keep = body
        .as_bytes()
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut out = String::from(&traceback[..keep]);
    out.push_str(line);
    out
}
