//! [`EagerSocket`]: an `embassy-net` TCP connection as picoserve's socket, whose flush does not
//! wait for the peer's ACK.
//!
//! `TcpSocket::flush` returns once every byte sent has been acknowledged. picoserve flushes
//! after a response's head and again after its body, and the WebREPL's framer after each
//! frame; a peer that has nothing to say until the whole answer is there (an HTTP client
//! waiting for the body, a WebREPL client waiting for the next output) delays its ACK, by up
//! to 40 ms on Linux, so each flush cost that much: about 22 keep-alive requests a second.
//! Here a flush only hands the bytes to the stack, which the write already did (and woke the
//! stack's runner): they go out as soon as the connection's task waits, all the writes since
//! the last wait in as few segments as they fit (Nagle is off, see
//! [`tap_webrepl`](super::tap_webrepl)). A write still waits for room in the send buffer,
//! which is what holds a fast sender back; closing the connection still waits for its
//! data to be delivered (picoserve's `shutdown` flushes the socket itself).

use embassy_net::tcp::{Error, TcpReader, TcpSocket, TcpWriter};
use picoserve::io::{BaseWrite, ErrorType, Socket, Write};
use picoserve::mem::{BorrowedBuffer, BorrowedCursor};
use picoserve::time::Timer;
use picoserve::{EmbassyRuntime, Timeouts};

/// A connection whose flushes do not wait for ACKs.
pub struct EagerSocket<'s>(pub TcpSocket<'s>);

/// The write half of an [`EagerSocket`].
pub struct EagerWriter<'a>(TcpWriter<'a>);

impl ErrorType for EagerWriter<'_> {
    type Error = Error;
}

impl BaseWrite for EagerWriter<'_> {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, Error> {
        self.0.write(buf).await
    }

    async fn flush(&mut self) -> Result<(), Error> {
        // The bytes are in the stack's send buffer and the runner is woken: they are sent.
        Ok(())
    }
}

impl Write for EagerWriter<'_> {
    async fn write_with<F: FnOnce(BorrowedCursor<'_>) -> R, R>(
        &mut self,
        f: F,
    ) -> Result<R, Error> {
        self.0
            .write_with(|space| {
                let mut buffer = BorrowedBuffer::new(space);
                let output = f(buffer.unfilled());
                (buffer.len(), output)
            })
            .await
    }
}

impl<'s> Socket<EmbassyRuntime> for EagerSocket<'s> {
    type Error = Error;
    type ReadHalf<'a>
        = TcpReader<'a>
    where
        's: 'a;
    type WriteHalf<'a>
        = EagerWriter<'a>
    where
        's: 'a;

    fn split(&mut self) -> (TcpReader<'_>, EagerWriter<'_>) {
        let (reader, writer) = self.0.split();
        (reader, EagerWriter(writer))
    }

    async fn abort<T: Timer<EmbassyRuntime>>(
        self,
        timeouts: &Timeouts,
        timer: &T,
    ) -> Result<(), picoserve::Error<Error>> {
        self.0.abort(timeouts, timer).await
    }

    async fn shutdown<T: Timer<EmbassyRuntime>>(
        self,
        timeouts: &Timeouts,
        timer: &T,
    ) -> Result<(), picoserve::Error<Error>> {
        self.0.shutdown(timeouts, timer).await
    }
}
