//! The user's terminal for a REPL: raw mode (every key reaches the REPL, Ctrl-C as a byte, no
//! local echo or output translation), and a reader thread that turns stdin into chunks of
//! bytes. Ctrl-C while a program runs is taken as MicroPython's UART takes its interrupt
//! character: it sets the interrupt flag at once (even while Python blocks) and is not queued.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

/// The terminal in raw mode until dropped; `None` from [`RawMode::enter`] when stdin is not a
/// terminal (a pipe: nothing to change).
pub struct RawMode {
    saved: libc::termios,
}

impl RawMode {
    /// Put stdin's terminal in raw mode.
    pub fn enter() -> Option<RawMode> {
        // SAFETY: isatty, tcgetattr, cfmakeraw and tcsetattr only read and write the termios
        // value we own; fd 0 stays open for the process's life.
        unsafe {
            if libc::isatty(0) != 1 {
                return None;
            }
            let mut saved: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut saved) != 0 {
                return None;
            }
            let mut raw = saved;
            libc::cfmakeraw(&mut raw);
            if libc::tcsetattr(0, libc::TCSANOW, &raw) != 0 {
                return None;
            }
            Some(RawMode { saved })
        }
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        // SAFETY: restores the attributes read in `enter` on the same descriptor.
        unsafe {
            libc::tcsetattr(0, libc::TCSANOW, &self.saved);
        }
    }
}

/// Read stdin on a thread. Chunks arrive on the returned channel (an empty chunk only wakes
/// the receiver after an interrupt); the channel closes at end of input. While `running` is
/// set, Ctrl-C bytes set `interrupt` instead of being passed on.
pub fn spawn_reader(running: Arc<AtomicBool>, interrupt: Arc<AtomicBool>) -> Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin();
        let mut buf = [0u8; 4096];
        loop {
            let n = match stdin.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let mut chunk = buf[..n].to_vec();
            if running.load(Ordering::SeqCst) && chunk.contains(&3) {
                interrupt.store(true, Ordering::SeqCst);
                chunk.retain(|&b| b != 3);
            }
            if tx.send(chunk).is_err() {
                break;
            }
        }
    });
    rx
}
