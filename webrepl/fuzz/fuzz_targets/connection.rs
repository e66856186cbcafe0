//! Fuzz target: a whole connection. Arbitrary bytes arrive on a socket (in pieces whose size
//! the first byte picks) and go through the front door, picoserve or the WebREPL (login with
//! password `pass`, REPL, file transfer into an in-memory store). No input may panic or hang;
//! whatever happens, the connection ends and no upload is left half-written.
#![no_main]

use core::future::Future;

use libfuzzer_sys::fuzz_target;
use mote_webrepl::{
    host::{EchoSession, MemoryStore},
    http::{serve_connection, Buffers},
    path::{FilePath, MAX_PATH_LEN},
    Config, Password, WebRepl,
};
use picoserve::{
    io::{ErrorType, Read, Socket, Write},
    mem::{BorrowedBuffer, BorrowedCursor},
    time::{Duration, Timer},
};

/// The runtime marker the in-memory socket and timer share.
struct Memory;

/// Timeouts never fire: every read is ready at once.
struct NoTimer;

impl Timer<Memory> for NoTimer {
    fn delay(&self, _duration: Duration) -> impl Future<Output = ()> {
        core::future::pending()
    }
}

#[derive(Clone)]
struct NoDelay;

impl embedded_hal_async::delay::DelayNs for NoDelay {
    async fn delay_ns(&mut self, _ns: u32) {}
}

struct Input<'a> {
    data: &'a [u8],
    piece: usize,
}

impl ErrorType for Input<'_> {
    type Error = core::convert::Infallible;
}

impl Read for Input<'_> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        let len = self.data.len().min(buf.len()).min(self.piece);
        buf[..len].copy_from_slice(&self.data[..len]);
        self.data = &self.data[len..];
        Ok(len)
    }
}

struct Sink;

impl ErrorType for Sink {
    type Error = core::convert::Infallible;
}

impl embedded_io_async::Write for Sink {
    async fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
        Ok(buf.len())
    }

    async fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

impl Write for Sink {
    async fn write_with<F: FnOnce(BorrowedCursor<'_>) -> R, R>(
        &mut self,
        f: F,
    ) -> Result<R, Self::Error> {
        let mut buffer = [0; 256];
        Ok(f(BorrowedBuffer::new(&mut buffer).unfilled()))
    }
}

struct MemorySocket<'a> {
    input: Input<'a>,
    output: Sink,
}

impl<'a> Socket<Memory> for MemorySocket<'a> {
    type Error = core::convert::Infallible;
    type ReadHalf<'b>
        = &'b mut Input<'a>
    where
        Self: 'b;
    type WriteHalf<'b>
        = &'b mut Sink
    where
        Self: 'b;

    fn split(&mut self) -> (Self::ReadHalf<'_>, Self::WriteHalf<'_>) {
        (&mut self.input, &mut self.output)
    }

    async fn abort<T: Timer<Memory>>(
        self,
        _timeouts: &picoserve::Timeouts,
        _timer: &T,
    ) -> Result<(), picoserve::Error<Self::Error>> {
        Ok(())
    }

    async fn shutdown<T: Timer<Memory>>(
        self,
        _timeouts: &picoserve::Timeouts,
        _timer: &T,
    ) -> Result<(), picoserve::Error<Self::Error>> {
        Ok(())
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&piece, data)) = data.split_first() else {
        return;
    };
    let session = EchoSession::default();
    let store = MemoryStore::default();
    let password = Password::new(b"pass").unwrap();
    let app = WebRepl::new(&session, &store, &password, NoDelay, Config::default());
    let router = mote_webrepl::router(&app);
    let config = picoserve::Config::const_default().keep_connection_alive();
    let socket = MemorySocket {
        input: Input {
            data,
            piece: usize::from(piece) * 8 + 1,
        },
        output: Sink,
    };
    let mut head = [0; 1024];
    let mut http = [0; 1024];
    let buffers = Buffers {
        head: &mut head,
        http: &mut http,
    };
    let _ = embassy_futures::block_on(serve_connection(
        &app, &router, &config, NoTimer, socket, buffers,
    ));
    assert!(
        !app.client_attached(),
        "the client slot outlived its connection"
    );
    // Every name that reached the store was checked: no `..`, no NUL, no empty component, at
    // most 255 bytes (64 from the WebREPL, longer ones through /fs).
    for path in store.paths() {
        let checked = FilePath::parse(path.as_bytes(), MAX_PATH_LEN);
        assert!(checked.is_ok_and(|path| !path.is_root()), "{path:?}");
    }
});
