//! The user's terminal for a REPL: raw mode (every key reaches the REPL, Ctrl-C as a byte, no
//! local echo or output translation; the board console's [`RawMode`]), and a reader thread that
//! turns stdin into chunks of bytes. Ctrl-C while a program runs is taken as MicroPython's UART takes its interrupt
//! character: it sets the interrupt flag at once (even while Python blocks) and is not queued.

pub use mote_firmware::sim::console::RawMode;
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;

use mote_vm::std_host::InterruptHandle;

/// Read stdin on a thread. Chunks arrive on the returned channel (an empty chunk only wakes
/// the receiver after an interrupt); the channel closes at end of input. While `running` is
/// set, Ctrl-C bytes set `interrupt` instead of being passed on.
pub fn spawn_reader(running: Arc<AtomicBool>, interrupt: InterruptHandle) -> Receiver<Vec<u8>> {
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
                interrupt.interrupt();
                chunk.retain(|&b| b != 3);
            }
            if tx.send(chunk).is_err() {
                break;
            }
        }
    });
    rx
}
