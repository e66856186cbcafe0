//! [`QuickAckStream`] (feature `tokio`): a host TCP connection as picoserve's socket, whose
//! reads are acknowledged at once.
//!
//! `webrepl_cli.py` sends each frame as two `send()` calls (header, then payload) with Nagle's
//! algorithm on, so the payload waits for the header's ACK. During a get, Linux sees an
//! interactive exchange and delays that ACK by up to 40 ms, once per 256-byte chunk: a
//! 100 KiB get took 18.7 s, 0.66 s with the client changed to send once. Re-arming
//! `TCP_QUICKACK` after every read (Linux leaves quick-ACK mode by itself) removes the wait on
//! the server's side. (A board on `embassy-net` does the same by setting no ACK delay.)

use picoserve::{io::Socket, time::Timer, Timeouts, TokioRuntime};
use tokio::net::TcpStream;

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

impl Socket<TokioRuntime> for QuickAckStream {
    type Error = <TcpStream as Socket<TokioRuntime>>::Error;
    type ReadHalf<'a> = QuickAckRead<'a>;
    type WriteHalf<'a> = <TcpStream as Socket<TokioRuntime>>::WriteHalf<'a>;

    fn split(&mut self) -> (Self::ReadHalf<'_>, Self::WriteHalf<'_>) {
        let (inner, writer): Halves<'_> = Socket::split(&mut self.0);
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
