//! The front door of the board's port: reads a connection's first request head and either
//! answers a WebSocket upgrade on `/` with the WebREPL, or hands the connection (the head
//! replayed) to picoserve for the page and the other HTTP routes.
//!
//! picoserve's own WebSocket upgrade refuses `webrepl_cli.py` (no `Sec-WebSocket-Version`), and
//! once picoserve has the connection its writer is reachable only through its response types,
//! so the upgrade is decided here, before picoserve sees the connection.

use core::{marker::PhantomData, mem};

use embedded_hal_async::delay::DelayNs;
use embedded_io_async::{ErrorType, Read, Write};
use picoserve::{
    io::Socket,
    routing::PathRouter,
    time::{Duration, Timer},
    Router,
};

use super::head::{head_len, RequestHead};
use super::length_guard::LengthGuard;
use crate::{
    app::WebRepl,
    password::PasswordCheck,
    protocol::serve_client,
    session::ReplSession,
    store::FileStore,
    ws::handshake::{accept_key, lists_token},
};

/// The memory one connection needs: the head the front door reads (its length bounds the
/// request head; a longer one gets 431) and picoserve's request buffer, which after a
/// WebSocket upgrade takes the WebREPL's socket reads (so its length is the most one read
/// takes: a host can give more than a chip).
pub struct Buffers<'b> {
    /// The first request's head.
    pub head: &'b mut [u8],
    /// picoserve's buffer for every request it reads; after a WebSocket upgrade, the
    /// WebREPL's socket reads (at least 1 byte).
    pub http: &'b mut [u8],
}

/// Serves one accepted connection until it closes.
pub async fn serve_connection<Runtime, T, S, P, RS, F, PC, D>(
    app: &WebRepl<'_, RS, F, PC, D>,
    router: &Router<P>,
    config: &picoserve::Config,
    timer: T,
    mut socket: S,
    buffers: Buffers<'_>,
) -> Result<(), picoserve::Error<S::Error>>
where
    T: Timer<Runtime>,
    S: Socket<Runtime>,
    P: PathRouter,
    RS: ReplSession,
    F: FileStore,
    PC: PasswordCheck,
    D: DelayNs + Clone,
{
    let Buffers { head, http } = buffers;
    let (mut reader, mut writer) = socket.split();
    let read = timer
        .run_with_timeout(
            config.timeouts.start_read_request,
            read_head(&mut reader, head),
        )
        .await;
    let filled = match read {
        Ok(Ok(HeadRead::Complete(filled))) => filled,
        Ok(Ok(HeadRead::TooLarge)) => {
            let result = respond(&mut writer, b"431 Request Header Fields Too Large").await;
            drop((reader, writer));
            let _ = socket.shutdown(&config.timeouts, &timer).await;
            return result;
        }
        Ok(Ok(HeadRead::Closed)) | Err(_) => return Ok(()),
        Ok(Err(error)) => return Err(picoserve::Error::Read(error)),
    };
    let head_end = head_len(&head[..filled]).unwrap_or(filled);
    let result = match upgrade_key(&head[..head_end], app.config.max_put_size) {
        Upgrade::Not => {
            // curl asks before sending a body and waits a second for an answer; picoserve
            // gives none. (Requests after the first on a connection are not asked for.)
            if expects_continue(&head[..head_end]) {
                writer
                    .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                    .await
                    .map_err(picoserve::Error::Write)?;
                writer.flush().await.map_err(picoserve::Error::Write)?;
            }
            drop((reader, writer));
            let socket = Replay {
                prefix: &head[..filled],
                socket,
                max_body: u64::from(app.config.max_put_size),
            };
            // picoserve closes the connection itself.
            return picoserve::Server::custom(router, timer, config, http)
                .serve(socket)
                .await
                .map(|_| ());
        }
        Upgrade::Refused(status) => {
            let result = respond(&mut writer, status).await;
            drop((reader, writer));
            result
        }
        Upgrade::WebSocket(key) => {
            let accept = accept_key(key);
            let mut response = [0; 160];
            let len = switching_protocols(&accept, &mut response);
            writer
                .write_all(&response[..len])
                .await
                .map_err(picoserve::Error::Write)?;
            writer.flush().await.map_err(picoserve::Error::Write)?;
            let reader = ReadErrors(Prefixed {
                prefix: &head[head_end..filled],
                inner: reader,
            });
            // A client that stops reading must not hold the WebREPL slot forever.
            let writer = TimedWriter {
                inner: writer,
                timer: &timer,
                timeout: config.timeouts.write,
                runtime: PhantomData,
            };
            let login_time = Duration::from_millis(u64::from(app.config.login_timeout_ms));
            serve_client(app, reader, writer, timer.delay(login_time), http).await
        }
    };
    // The peer may already be gone; how the close goes changes nothing.
    let _ = socket.shutdown(&config.timeouts, &timer).await;
    result
}

enum HeadRead {
    Complete(usize),
    TooLarge,
    Closed,
}

async fn read_head<R: Read>(reader: &mut R, buffer: &mut [u8]) -> Result<HeadRead, R::Error> {
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            return Ok(HeadRead::TooLarge);
        }
        let read = reader.read(&mut buffer[filled..]).await?;
        if read == 0 {
            return Ok(HeadRead::Closed);
        }
        // Only the last bytes read and the three before them can complete the end mark.
        let from = filled.saturating_sub(3);
        filled += read;
        if head_len(&buffer[from..filled]).is_some() {
            return Ok(HeadRead::Complete(filled));
        }
    }
}

/// What the first request asks of the front door.
enum Upgrade<'a> {
    /// A well-formed request that is not a WebSocket upgrade: picoserve serves it.
    Not,
    /// A malformed head, an impossible body length, or a WebSocket upgrade the WebREPL cannot
    /// take, with the status line to answer.
    Refused(&'static [u8]),
    /// A WebSocket upgrade of `/` with this key.
    WebSocket(&'a [u8]),
}

fn upgrade_key(head: &[u8], max_body: u32) -> Upgrade<'_> {
    // A head this parser refuses is answered here, so picoserve only sees heads it has checked.
    let Ok(head) = RequestHead::parse(head) else {
        return Upgrade::Refused(b"400 Bad Request");
    };
    // picoserve 0.20.1 adds Content-Length to a usize unchecked (an overflow panic where
    // overflow is checked): a length no upload can have is refused before picoserve sees it
    // (with a 413 here; in the requests after the first, `LengthGuard` has picoserve answer 400 and close).
    if head
        .header("content-length")
        .is_some_and(|length| !body_length_fits(length, max_body))
    {
        return Upgrade::Refused(b"413 Content Too Large");
    }
    if !head
        .header("upgrade")
        .is_some_and(|upgrade| lists_token(upgrade, "websocket"))
    {
        return Upgrade::Not;
    }
    if head.target() != b"/" {
        return Upgrade::Refused(b"404 Not Found");
    }
    if head.method() != b"GET" {
        return Upgrade::Refused(b"405 Method Not Allowed");
    }
    match head.header("sec-websocket-key") {
        Some(key) if !key.is_empty() => Upgrade::WebSocket(key),
        _ => Upgrade::Refused(b"400 Bad Request"),
    }
}

/// Whether the request head asks for `100 Continue` before its body.
fn expects_continue(head: &[u8]) -> bool {
    RequestHead::parse(head).is_ok_and(|head| {
        head.header("expect")
            .is_some_and(|value| value.trim_ascii().eq_ignore_ascii_case(b"100-continue"))
    })
}

/// Whether a `Content-Length` value is a decimal number of at most `max` bytes.
fn body_length_fits(value: &[u8], max: u32) -> bool {
    core::str::from_utf8(value)
        .ok()
        .and_then(|text| text.parse::<u64>().ok())
        .is_some_and(|length| length <= u64::from(max))
}

/// Writes the 101 response and returns its length.
fn switching_protocols(accept: &[u8], out: &mut [u8; 160]) -> usize {
    let parts: [&[u8]; 3] = [
        b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
Sec-WebSocket-Accept: ",
        accept,
        b"\r\n\r\n",
    ];
    let mut at = 0;
    for part in parts {
        out[at..at + part.len()].copy_from_slice(part);
        at += part.len();
    }
    at
}

/// Answers with a bodiless status and closes.
async fn respond<W: Write>(writer: &mut W, status: &[u8]) -> Result<(), picoserve::Error<W::Error>>
where
    W::Error: 'static,
{
    let parts: [&[u8]; 3] = [
        b"HTTP/1.1 ",
        status,
        b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
    ];
    for part in parts {
        writer
            .write_all(part)
            .await
            .map_err(picoserve::Error::Write)?;
    }
    writer.flush().await.map_err(picoserve::Error::Write)
}

/// A reader that first yields bytes already read from its inner reader.
pub struct Prefixed<'p, R> {
    prefix: &'p [u8],
    inner: R,
}

impl<R: Read> ErrorType for Prefixed<'_, R> {
    type Error = R::Error;
}

impl<R: Read> Read for Prefixed<'_, R> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        if self.prefix.is_empty() {
            return self.inner.read(buf).await;
        }
        let take = self.prefix.len().min(buf.len());
        buf[..take].copy_from_slice(&self.prefix[..take]);
        self.prefix = &self.prefix[take..];
        Ok(take)
    }
}

/// A reader whose errors are picoserve's, to match [`TimedWriter`].
struct ReadErrors<R>(R);

impl<R: Read> ErrorType for ReadErrors<R>
where
    R::Error: 'static,
{
    type Error = picoserve::Error<R::Error>;
}

impl<R: Read> Read for ReadErrors<R>
where
    R::Error: 'static,
{
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, Self::Error> {
        self.0.read(buf).await.map_err(picoserve::Error::Read)
    }
}

/// A writer whose every write and flush must finish within a timeout.
struct TimedWriter<'t, Runtime, W, T> {
    inner: W,
    timer: &'t T,
    timeout: Duration,
    runtime: PhantomData<fn(&Runtime)>,
}

impl<Runtime, W: Write, T: Timer<Runtime>> ErrorType for TimedWriter<'_, Runtime, W, T>
where
    W::Error: 'static,
{
    type Error = picoserve::Error<W::Error>;
}

impl<Runtime, W: Write, T: Timer<Runtime>> Write for TimedWriter<'_, Runtime, W, T>
where
    W::Error: 'static,
{
    async fn write(&mut self, buf: &[u8]) -> Result<usize, Self::Error> {
        self.timer
            .run_with_timeout(self.timeout, self.inner.write(buf))
            .await
            .map_err(picoserve::Error::WriteTimeout)?
            .map_err(picoserve::Error::Write)
    }

    async fn flush(&mut self) -> Result<(), Self::Error> {
        self.timer
            .run_with_timeout(self.timeout, self.inner.flush())
            .await
            .map_err(picoserve::Error::WriteTimeout)?
            .map_err(picoserve::Error::Write)
    }
}

/// A socket whose reads start with bytes the front door already read, and whose every
/// request's `Content-Length` is checked before picoserve reads it ([`LengthGuard`]).
struct Replay<'p, S> {
    prefix: &'p [u8],
    socket: S,
    max_body: u64,
}

impl<Runtime, S: Socket<Runtime>> Socket<Runtime> for Replay<'_, S> {
    type Error = S::Error;
    type ReadHalf<'a>
        = LengthGuard<Prefixed<'a, S::ReadHalf<'a>>>
    where
        Self: 'a;
    type WriteHalf<'a>
        = S::WriteHalf<'a>
    where
        Self: 'a;

    fn split(&mut self) -> (Self::ReadHalf<'_>, Self::WriteHalf<'_>) {
        let prefix = mem::take(&mut self.prefix);
        let (inner, writer) = self.socket.split();
        (
            LengthGuard::new(Prefixed { prefix, inner }, self.max_body),
            writer,
        )
    }

    async fn abort<T: Timer<Runtime>>(
        self,
        timeouts: &picoserve::Timeouts,
        timer: &T,
    ) -> Result<(), picoserve::Error<Self::Error>> {
        self.socket.abort(timeouts, timer).await
    }

    async fn shutdown<T: Timer<Runtime>>(
        self,
        timeouts: &picoserve::Timeouts,
        timer: &T,
    ) -> Result<(), picoserve::Error<Self::Error>> {
        self.socket.shutdown(timeouts, timer).await
    }
}
