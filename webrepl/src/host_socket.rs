//! [`QuickAckStream`] (feature `tokio`): a host TCP connection as picoserve's socket, whose
//! reads are acknowledged at once and whose writes go out at each flush, in one piece.
//!
//! picoserve writes a response's status line and each header with a call of their own; with
//! Nagle off (answers must not wait for ACKs) each became a segment of its own, and a client
//! woken by the first waited for the rest behind the server's next time slice. Writes are
//! collected until picoserve (or the WebREPL's framer) flushes, which both do after each
//! response head, body and frame.
//!
//! `webrepl_cli.py` sends each frame as two `send()` calls (header, then payload) with Nagle's
//! algorithm on, so the payload waits for the header's ACK. During a get, Linux sees an
//! interactive exchange and delays that ACK by up to 40 ms, once per 256-byte chunk: a
//! 100 KiB get took 18.7 s, 0.66 s with the client changed to send once. Re-arming
//! `TCP_QUICKACK` after every read (Linux leaves quick-ACK mode by itself) removes the wait on
//! the server's side. (A board on `embassy-net` does the same by setting no ACK delay.)

use std::vec::Vec;

use picoserve::{
    io::{BaseWrite, ErrorType, Socket},
    mem::{BorrowedBuffer, BorrowedCursor},
    time::Timer,
    Timeouts, TokioRuntime,
};
use tokio::net::TcpStream;

/// Collected writes go out once they reach this, flush or not.
const WRITE_BUFFER: usize = 16 * 1024;

/// A tokio TCP connection that acknowledges every read at once.
pub struct QuickAckStream(pub TcpStream);

type Halves<'a> = (
    <TcpStream as Socket<TokioRuntime>>::ReadHalf<'a>,
    <TcpStream as Socket<TokioRuntime>>::WriteHalf<'a>,
);

/// The read half of a [`QuickAckStream`].
pub struct QuickAckRead<'a> {
    inner: <TcpStream as Socket<TokioRuntime>>::ReadHalf<'a>,
}

impl picoserve::io::ErrorType for QuickAckRead<'_> {
    type Error = <TcpStream as Socket<TokioRuntime>>::Error;
}

impl picoserve::io::Read for QuickAckRead<'_> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let read = self.inner.read(buf).await?;
        #[cfg(target_os = "linux")]
        {
            let stream: &TcpStream = self.inner.0.as_ref();
            // Only a later ACK is at stake if this fails; the read itself succeeded.
            let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
        }
        Ok(read)
    }
}

/// The write half of a [`QuickAckStream`]: writes collected until a flush.
pub struct CollectedWrite<'a> {
    inner: <TcpStream as Socket<TokioRuntime>>::WriteHalf<'a>,
    collected: Vec<u8>,
}

impl CollectedWrite<'_> {
    async fn send(&mut self) -> Result<(), <Self as ErrorType>::Error> {
        let result = self.inner.write_all(&self.collected).await;
        self.collected.clear();
        result
    }

    async fn collect(&mut self, bytes: &[u8]) -> Result<(), <Self as ErrorType>::Error> {
        self.collected.extend_from_slice(bytes);
        if self.collected.len() >= WRITE_BUFFER {
            self.send().await?;
        }
        Ok(())
    }
}

impl ErrorType for CollectedWrite<'_> {
    type Error = <TcpStream as Socket<TokioRuntime>>::Error;
}

impl BaseWrite for CollectedWrite<'_> {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
        self.collect(buf).await?;
        Ok(buf.len())
    }

    async fn flush(&mut self) -> Result<(), Self::Error> {
        self.send().await?;
        self.inner.flush().await
    }
}

impl picoserve::io::Write for CollectedWrite<'_> {
    async fn write_with<F: FnOnce(BorrowedCursor<'_>) -> R, R>(
        &mut self,
        f: F,
    ) -> Result<R, Self::Error> {
        let mut space = [0; 1024];
        let mut buffer = BorrowedBuffer::new(&mut space);
        let output = f(buffer.unfilled());
        self.collect(buffer.filled()).await?;
        Ok(output)
    }
}

impl Socket<TokioRuntime> for QuickAckStream {
    type Error = <TcpStream as Socket<TokioRuntime>>::Error;
    type ReadHalf<'a> = QuickAckRead<'a>;
    type WriteHalf<'a> = CollectedWrite<'a>;

    fn split(&mut self) -> (Self::ReadHalf<'_>, Self::WriteHalf<'_>) {
        let (inner, writer): Halves<'_> = Socket::split(&mut self.0);
        let writer = CollectedWrite {
            inner: writer,
            collected: Vec::new(),
        };
        (QuickAckRead { inner }, writer)
    }

    async fn abort<T: Timer<TokioRuntime>>(
        self,
        timeouts: &Timeouts,
        timer: &T,
    ) -> Result<(), picoserve::Error<Self::Error>> {
        self.0.abort(timeouts, timer).await
    }

    async fn shutdown<T: Timer<TokioRuntime>>(
        self,
        timeouts: &Timeouts,
        timer: &T,
    ) -> Result<(), picoserve::Error<Self::Error>> {
        self.0.shutdown(timeouts, timer).await
    }
}
