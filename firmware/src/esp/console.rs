//! The console on the chip's USB-serial/JTAG port.
//!
//! Everything the board says (the REPL, Python's output, the board's own messages from any
//! task) goes through one pipe to [`writer`], the only owner of the port's transmitter, so
//! lines from the Wi-Fi task and the REPL never interleave mid-write. With no terminal attached
//! the port's FIFO never drains: the writer gives up on a chunk after [`WRITE_TIMEOUT`] and
//! drops it, and while nobody reads it waits only [`STALLED_TIMEOUT`] per chunk, so a program
//! printing without a terminal runs at nearly full speed.

use alloc::format;
use core::fmt;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::pipe::Pipe;
use embassy_time::{with_timeout, Duration};
use embedded_io_async::Write;
use esp_hal::usb::usb_serial_jtag::UsbSerialJtagTx;
use esp_hal::Async;

/// Bytes waiting for the port.
const PIPE_BYTES: usize = 2048;

/// How long one chunk may wait for a terminal to read it.
pub const WRITE_TIMEOUT: Duration = Duration::from_millis(100);

/// How long a chunk waits once a chunk has been dropped, until one goes out again.
const STALLED_TIMEOUT: Duration = Duration::from_millis(1);

static OUT: Pipe<CriticalSectionRawMutex, PIPE_BYTES> = Pipe::new();

/// Queue `bytes` for the console, waiting while the pipe is full.
pub async fn write(bytes: &[u8]) {
    OUT.write_all(bytes).await;
}

/// Say `text` on the console as the board's own message (`mote: ...`), on a line of its own.
pub async fn announce(text: &str) {
    write(format!("mote: {text}\r\n").as_bytes()).await;
}

/// Say a line from code that cannot wait (the network's log): queued when the pipe has room,
/// dropped (the part that does not fit) when a stalled console has filled it.
pub fn line(args: fmt::Arguments<'_>) {
    let text = format!("mote: {args}\r\n");
    let mut rest = text.as_bytes();
    while let Ok(n @ 1..) = OUT.try_write(rest) {
        rest = rest.get(n..).unwrap_or_default();
    }
}

/// The task that owns the port's transmitter.
#[embassy_executor::task]
pub async fn writer(mut tx: UsbSerialJtagTx<'static, Async>) {
    let mut chunk = [0u8; 64];
    let mut stalled = false;
    loop {
        let n = OUT.read(&mut chunk).await;
        let Some(bytes) = chunk.get(..n) else {
            continue;
        };
        let timeout = if stalled {
            STALLED_TIMEOUT
        } else {
            WRITE_TIMEOUT
        };
        // No terminal attached (or it stopped reading): the chunk is dropped, see above.
        let sent = with_timeout(timeout, async {
            let _ = tx.write_all(bytes).await;
            let _ = tx.flush().await;
        })
        .await;
        stalled = sent.is_err();
    }
}
