//! One WebREPL client from the end of the WebSocket handshake to the close: the password, the
//! REPL over text frames, and file transfer over binary frames, as MicroPython's
//! `extmod/modwebrepl.c` behaves.

use core::{
    future::Future,
    mem,
    pin::{pin, Pin},
};

use embassy_futures::select::{select, Either};
use embedded_hal_async::delay::DelayNs;
use embedded_io_async::{Read, Write};

use super::request::{
    emit_response, Request, RequestError, RequestKind, Status, MAX_NAME_LEN, REQUEST_LEN,
};
use crate::{
    app::{Attached, WebRepl},
    password::PasswordCheck,
    path::FilePath,
    session::ReplSession,
    store::{FileReader, FileStore, FileWriter, StoreError},
    ws::{sender::close_code, ControlFrame, DataKind, Decoder, Event, Opcode, Sender},
};

/// MicroPython's login prompt.
pub const PASSWORD_PROMPT: &[u8] = b"Password: ";
/// MicroPython's greeting after a good password.
pub const CONNECTED: &[u8] = b"\r\nWebREPL connected\r\n>>> ";
/// MicroPython's answer to a wrong password (then the connection closes).
pub const DENIED: &[u8] = b"\r\nAccess denied\r\n";
/// The answer to a client while another one is logged in (then the connection closes).
pub const BUSY: &[u8] =
    b"\r\nConcurrent WebREPL connection rejected: another client is connected\r\n";

/// The answer to a client that did not log in in time (then the connection closes).
pub const LOGIN_TIMEOUT: &[u8] = b"\r\nLogin timed out\r\n";

/// Ctrl-C.
const INTERRUPT: u8 = 0x03;
/// The longest password line kept; a longer one is wrong anyway (passwords have 4 to 9).
const MAX_PASSWORD_LINE: usize = 32;
/// The most file bytes one get chunk carries (MicroPython's).
const GET_CHUNK: usize = 256;
/// REPL output sent at once.
const OUTPUT_LEN: usize = 512;

/// Serves one client on an upgraded connection until it closes, breaks the protocol, fails to
/// log in (or has not logged in when `login_deadline` completes), or the socket fails (the
/// error is returned). An upload in progress at the end is aborted, so it never leaves a
/// partial file.
///
/// `reader.read` must be cancel-safe (tokio's and embassy-net's are): it is raced against the
/// REPL session's output. Frames are read from the socket into `rx` (the board's connection
/// buffer, free once the connection is upgraded), as much as it holds at once: a chip's
/// small buffer costs it throughput only, a host's large one saves reads.
pub async fn serve_client<R, W, S, F, P, D>(
    app: &WebRepl<'_, S, F, P, D>,
    mut reader: R,
    writer: W,
    login_deadline: impl Future<Output = ()>,
    rx: &mut [u8],
) -> Result<(), R::Error>
where
    R: Read,
    W: Write<Error = R::Error>,
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    let mut client = Client {
        app,
        tx: Sender::new(writer),
        decoder: Decoder::new(),
        login: Login::default(),
        attached: None,
        transfer: Transfer::idle(),
    };
    let result = client.serve(&mut reader, pin!(login_deadline), rx).await;
    client.transfer.abort().await;
    result
}

/// Whether to keep serving after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Close,
}

/// The password line being typed.
#[derive(Default)]
struct Login {
    line: [u8; MAX_PASSWORD_LINE],
    len: usize,
    too_long: bool,
}

impl Login {
    /// Takes bytes up to a line end; returns where the bytes after the line end start, once
    /// the line is complete.
    fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        for (i, &byte) in bytes.iter().enumerate() {
            if byte == b'\r' || byte == b'\n' {
                return Some(i + 1);
            }
            match self.line.get_mut(self.len) {
                Some(slot) => {
                    *slot = byte;
                    self.len += 1;
                }
                None => self.too_long = true,
            }
        }
        None
    }

    fn candidate(&self) -> &[u8] {
        if self.too_long {
            &[]
        } else {
            &self.line[..self.len]
        }
    }
}

/// The file transfer in progress on the binary frames.
enum Transfer<Wr, Rd> {
    /// Collecting the 82-byte request, which may arrive split over frames.
    Idle {
        header: [u8; REQUEST_LEN],
        filled: usize,
    },
    /// Receiving a put's bytes. After a store failure the rest is still read (and dropped) so
    /// the stream stays in step, and the failure is reported at the end.
    Put {
        writer: Option<Wr>,
        remaining: u32,
        failure: Option<Status>,
    },
    /// Answering a get's chunk requests.
    Get { reader: Rd },
}

impl<Wr: FileWriter, Rd> Transfer<Wr, Rd> {
    fn idle() -> Self {
        Transfer::Idle {
            header: [0; REQUEST_LEN],
            filled: 0,
        }
    }

    async fn abort(&mut self) {
        if let Transfer::Put {
            writer: Some(writer),
            ..
        } = mem::replace(self, Transfer::idle())
        {
            writer.abort().await;
        }
    }
}

struct Client<'r, 'a, W, S: ReplSession, F: FileStore + 'a, P, D> {
    app: &'r WebRepl<'a, S, F, P, D>,
    tx: Sender<W>,
    decoder: Decoder,
    login: Login,
    attached: Option<Attached<'r, 'a, S, F, P, D>>,
    transfer: Transfer<F::Writer<'a>, F::Reader<'a>>,
}

impl<'r, 'a, W, S, F, P, D> Client<'r, 'a, W, S, F, P, D>
where
    W: Write,
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    async fn serve<R: Read<Error = W::Error>>(
        &mut self,
        reader: &mut R,
        mut login_deadline: Pin<&mut impl Future<Output = ()>>,
        rx: &mut [u8],
    ) -> Result<(), W::Error> {
        if self.app.client_attached() {
            return self.refuse(BUSY).await;
        }
        self.tx.send_text(PASSWORD_PROMPT).await?;
        let app = self.app;
        let mut output = [0; OUTPUT_LEN];
        let mut held = 0;
        loop {
            let read = if self.attached.is_some() {
                match select(
                    reader.read(&mut *rx),
                    app.session.output(&mut output[held..]),
                )
                .await
                {
                    Either::First(read) => read?,
                    Either::Second(len) => {
                        held = self.send_output(&mut output, held + len).await?;
                        continue;
                    }
                }
            } else {
                match select(reader.read(&mut *rx), login_deadline.as_mut()).await {
                    Either::First(read) => read?,
                    Either::Second(()) => return self.refuse(LOGIN_TIMEOUT).await,
                }
            };
            if read == 0 {
                return Ok(());
            }
            let mut at = 0;
            while at < read {
                let Ok((used, event)) = self.decoder.decode(&mut rx[at..read]) else {
                    self.tx.send_close(close_code::PROTOCOL_ERROR).await?;
                    return Ok(());
                };
                at += used;
                let flow = match event {
                    None => Flow::Continue,
                    Some(Event::Control(control)) => self.on_control(control).await?,
                    Some(Event::Data { kind, payload }) => self.on_data(kind, payload).await?,
                };
                if flow == Flow::Close {
                    return Ok(());
                }
            }
        }
    }

    /// Sends REPL output as text, holding back an incomplete UTF-8 sequence at the end (a
    /// browser drops a connection on a text frame that is not UTF-8); returns how many bytes
    /// are held, now at the start of `output`.
    async fn send_output(&mut self, output: &mut [u8], len: usize) -> Result<usize, W::Error> {
        let whole = complete_utf8_prefix(&output[..len]);
        if whole > 0 {
            self.tx.send_text(&output[..whole]).await?;
        }
        output.copy_within(whole..len, 0);
        Ok(len - whole)
    }

    async fn refuse(&mut self, message: &[u8]) -> Result<(), W::Error> {
        self.tx.send_text(message).await?;
        self.tx.send_close(close_code::POLICY).await
    }

    async fn on_control(&mut self, control: ControlFrame) -> Result<Flow, W::Error> {
        match control.opcode {
            Opcode::Ping => {
                self.tx
                    .send_parts(Opcode::Pong, &[control.payload()])
                    .await?;
                Ok(Flow::Continue)
            }
            Opcode::Close => {
                self.tx.send_close(close_code::NORMAL).await?;
                Ok(Flow::Close)
            }
            _ => Ok(Flow::Continue),
        }
    }

    async fn on_data(&mut self, kind: DataKind, mut payload: &[u8]) -> Result<Flow, W::Error> {
        if self.attached.is_none() {
            // Before login every byte, text or binary, is password (webrepl_cli.py sends it in
            // a binary frame, the browser as typed text).
            let Some(rest) = self.login.feed(payload) else {
                return Ok(Flow::Continue);
            };
            if !self.app.check_password(self.login.candidate()).await {
                self.refuse(DENIED).await?;
                return Ok(Flow::Close);
            }
            let Some(attached) = self.app.attach() else {
                self.refuse(BUSY).await?;
                return Ok(Flow::Close);
            };
            self.attached = Some(attached);
            self.tx.send_text(CONNECTED).await?;
            payload = &payload[rest..];
        }
        match kind {
            DataKind::Text => {
                if payload.contains(&INTERRUPT) {
                    self.app.session.interrupt();
                }
                if !payload.is_empty() {
                    self.app.session.input(payload).await;
                }
                Ok(Flow::Continue)
            }
            DataKind::Binary => self.on_binary(payload).await,
        }
    }

    async fn on_binary(&mut self, mut payload: &[u8]) -> Result<Flow, W::Error> {
        while !payload.is_empty() {
            match &mut self.transfer {
                Transfer::Idle { header, filled } => {
                    let take = (REQUEST_LEN - *filled).min(payload.len());
                    header[*filled..*filled + take].copy_from_slice(&payload[..take]);
                    *filled += take;
                    payload = &payload[take..];
                    if *filled == REQUEST_LEN {
                        let header = *header;
                        self.transfer = Transfer::idle();
                        if self.start(&header).await? == Flow::Close {
                            return Ok(Flow::Close);
                        }
                    }
                }
                Transfer::Put {
                    writer,
                    remaining,
                    failure,
                } => {
                    let take = (*remaining as usize).min(payload.len());
                    if let (Some(file), None) = (writer.as_mut(), *failure) {
                        if let Err(error) = file.write(&payload[..take]).await {
                            *failure = Some(status_of(error));
                        }
                    }
                    *remaining -= take as u32;
                    payload = &payload[take..];
                    if *remaining == 0 {
                        self.finish_put().await?;
                    }
                }
                Transfer::Get { reader } => {
                    // Each byte the client sends asks for the next chunk.
                    payload = &payload[1..];
                    let mut chunk = [0; GET_CHUNK];
                    match reader.read(&mut chunk).await {
                        Ok(0) => self.finish_get(Status::Ok).await?,
                        Ok(len) => {
                            let len = len.min(GET_CHUNK);
                            let prefix = (len as u16).to_le_bytes();
                            self.tx.send_binary(&[&prefix, &chunk[..len]]).await?;
                        }
                        Err(error) => self.finish_get(status_of(error)).await?,
                    }
                }
            }
        }
        Ok(Flow::Continue)
    }

    /// Acts on a complete request.
    async fn start(&mut self, header: &[u8; REQUEST_LEN]) -> Result<Flow, W::Error> {
        let request = match Request::new_checked(&header[..]) {
            Ok(request) => request,
            // Without the signature the stream is out of step: nothing after can be trusted.
            Err(RequestError::BadSignature) => {
                self.respond(Status::BadRequest).await?;
                self.tx.send_close(close_code::PROTOCOL_ERROR).await?;
                return Ok(Flow::Close);
            }
            Err(_) => {
                return self
                    .respond(Status::BadRequest)
                    .await
                    .map(|()| Flow::Continue)
            }
        };
        let Some(kind) = request.kind() else {
            return self
                .respond(Status::BadRequest)
                .await
                .map(|()| Flow::Continue);
        };
        if kind == RequestKind::Version {
            let version = self.app.config.version;
            self.tx.send_binary(&[&version]).await?;
            return Ok(Flow::Continue);
        }
        if request.offset() != 0 {
            return self
                .respond(Status::BadRequest)
                .await
                .map(|()| Flow::Continue);
        }
        let Ok(path) = FilePath::parse(request.name(), MAX_NAME_LEN) else {
            return self.respond(Status::BadName).await.map(|()| Flow::Continue);
        };
        if path.is_root() {
            return self
                .respond(Status::NotAFile)
                .await
                .map(|()| Flow::Continue);
        }
        let store: &'a F = self.app.store;
        match kind {
            RequestKind::Put => {
                let size = request.size();
                if size > self.app.config.max_put_size {
                    return self.respond(Status::NoSpace).await.map(|()| Flow::Continue);
                }
                match store.create(path, u64::from(size)).await {
                    Ok(writer) => {
                        self.respond(Status::Ok).await?;
                        self.transfer = Transfer::Put {
                            writer: Some(writer),
                            remaining: size,
                            failure: None,
                        };
                        if size == 0 {
                            self.finish_put().await?;
                        }
                    }
                    Err(error) => self.respond(status_of(error)).await?,
                }
            }
            _ => match store.open(path).await {
                Ok(reader) => {
                    self.respond(Status::Ok).await?;
                    self.transfer = Transfer::Get { reader };
                }
                Err(error) => self.respond(status_of(error)).await?,
            },
        }
        Ok(Flow::Continue)
    }

    async fn finish_put(&mut self) -> Result<(), W::Error> {
        let status = match mem::replace(&mut self.transfer, Transfer::idle()) {
            Transfer::Put {
                writer: Some(writer),
                failure: None,
                ..
            } => match writer.commit().await {
                Ok(()) => Status::Ok,
                Err(error) => status_of(error),
            },
            Transfer::Put {
                writer, failure, ..
            } => {
                if let Some(writer) = writer {
                    writer.abort().await;
                }
                failure.unwrap_or(Status::Io)
            }
            _ => Status::Io,
        };
        self.respond(status).await
    }

    /// Ends a get: the empty chunk, then the status.
    async fn finish_get(&mut self, status: Status) -> Result<(), W::Error> {
        self.transfer = Transfer::idle();
        self.tx.send_binary(&[&[0, 0]]).await?;
        self.respond(status).await
    }

    async fn respond(&mut self, status: Status) -> Result<(), W::Error> {
        self.tx.send_binary(&[&emit_response(status)]).await
    }
}

/// The `WB` status for a store failure.
fn status_of(error: StoreError) -> Status {
    match error {
        StoreError::NotFound => Status::NotFound,
        StoreError::NotADirectory
        | StoreError::IsADirectory
        | StoreError::AlreadyExists
        | StoreError::NotEmpty => Status::NotAFile,
        StoreError::NoSpace => Status::NoSpace,
        StoreError::Io => Status::Io,
        StoreError::Busy => Status::Busy,
    }
}

/// The length of `bytes` without an incomplete UTF-8 sequence at its end.
fn complete_utf8_prefix(bytes: &[u8]) -> usize {
    let len = bytes.len();
    for back in 1..=len.min(3) {
        let byte = bytes[len - back];
        if byte & 0xc0 == 0x80 {
            continue;
        }
        let needed = match byte {
            0xf0.. => 4,
            0xe0.. => 3,
            0xc0.. => 2,
            _ => 1,
        };
        return if needed > back { len - back } else { len };
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_back_only_incomplete_utf8_endings() {
        assert_eq!(complete_utf8_prefix(b"abc"), 3);
        assert_eq!(complete_utf8_prefix("aé".as_bytes()), 3);
        assert_eq!(complete_utf8_prefix(&"aé".as_bytes()[..2]), 1);
        assert_eq!(complete_utf8_prefix(&"a€".as_bytes()[..3]), 1);
        assert_eq!(complete_utf8_prefix(&"😀".as_bytes()[..3]), 0);
        assert_eq!(complete_utf8_prefix("😀".as_bytes()), 4);
        assert_eq!(complete_utf8_prefix(b""), 0);
    }

    #[test]
    fn login_line_ends_at_cr_or_lf_and_long_lines_never_match() {
        let mut login = Login::default();
        assert_eq!(login.feed(b"sec"), None);
        assert_eq!(login.feed(b"ret\rmore"), Some(4));
        assert_eq!(login.candidate(), b"secret");
        let mut login = Login::default();
        assert_eq!(login.feed(&[b'a'; 40]), None);
        assert_eq!(login.feed(b"\n"), Some(1));
        assert_eq!(login.candidate(), b"");
    }
}
