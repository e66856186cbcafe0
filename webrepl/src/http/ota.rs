//! `PUT /ota`: a firmware image streamed into the board's [`OtaSink`], behind the board password
//! (HTTP Basic, empty user name).
//!
//! `Content-Length` is required (411 without): the board refuses an image too large for its
//! slot before reading it (413). The body goes to the sink chunk by chunk as it arrives; the
//! board verifies while writing and may refuse at any chunk, with its reason as the answer's
//! text: 422 for an image it will not run (bad signature, unknown key, wrong chip, downgrade,
//! bad hash), 409 when it cannot take one now, 500 when its flash fails. A refused body is
//! still read to its end (discarded) so the client, still sending, sees the answer rather than
//! a reset connection. A body that ends short of its `Content-Length` aborts the upload (400);
//! nothing changes on the board. An accepted image is answered 200 with the board's
//! description of it, then the board restarts into it ([`OtaSink::restart`]).
//!
//! The body must arrive within picoserve's `read_request` timeout, which the board sets for the
//! largest image it takes.

use embedded_hal_async::delay::DelayNs;
use picoserve::{
    io::Read,
    request::Request,
    response::{IntoResponse, ResponseWriter, StatusCode},
    routing::RequestHandlerService,
    ResponseSent,
};

use super::auth::{authorize, challenge};
use crate::{
    app::WebRepl,
    ota::{Message, OtaError, OtaSink, OtaUpload},
    password::PasswordCheck,
    session::ReplSession,
    store::FileStore,
};

/// Where images are uploaded.
pub const PATH: &str = "/ota";

/// Bytes moved from the socket to the sink at once.
const COPY_LEN: usize = 1024;

/// The `/ota` route of a server, over the board's sink.
///
/// ```text
/// let router = mote_webrepl::router(&app)
///     .route(http::ota::PATH, picoserve::routing::put_service(OtaApi::new(&app, &sink)));
/// ```
pub struct OtaApi<'r, 'a, S, F, P, D, O> {
    app: &'r WebRepl<'a, S, F, P, D>,
    sink: &'r O,
}

impl<'r, 'a, S, F, P, D, O> OtaApi<'r, 'a, S, F, P, D, O> {
    /// The `/ota` route of `app`, writing into `sink`.
    pub fn new(app: &'r WebRepl<'a, S, F, P, D>, sink: &'r O) -> Self {
        OtaApi { app, sink }
    }
}

/// How an upload ended.
enum Outcome {
    Accepted(Message),
    Refused(OtaError),
    CutOff { received: usize, expected: usize },
}

impl<S, F, P, D, O> RequestHandlerService for OtaApi<'_, '_, S, F, P, D, O>
where
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
    O: OtaSink,
{
    async fn call_request_handler_service<R: Read, W: ResponseWriter<Error = R::Error>>(
        &self,
        _state: &(),
        _path_parameters: (),
        mut request: Request<'_, R>,
        response_writer: W,
    ) -> Result<ResponseSent, W::Error> {
        if !authorize(self.app, request.parts.headers()).await {
            let connection = request.body_connection.finalize().await?;
            return challenge().write_to(connection, response_writer).await;
        }
        if request.parts.headers().get("content-length").is_none() {
            let connection = request.body_connection.finalize().await?;
            return (StatusCode::new(411), "Content-Length required\n")
                .write_to(connection, response_writer)
                .await;
        }
        let outcome = upload(self.sink, &mut request).await?;
        let connection = request.body_connection.finalize().await?;
        match outcome {
            Outcome::Accepted(message) => {
                let sent = (StatusCode::OK, Line(message))
                    .write_to(connection, response_writer)
                    .await;
                if sent.is_ok() {
                    self.sink.restart();
                }
                sent
            }
            Outcome::Refused(error) => {
                (StatusCode::new(error.kind.status()), Line(error.reason))
                    .write_to(connection, response_writer)
                    .await
            }
            Outcome::CutOff { received, expected } => {
                let text = Message::new(format_args!(
                    "upload cut off after {received} of {expected} bytes; nothing changed"
                ));
                (StatusCode::BAD_REQUEST, Line(text))
                    .write_to(connection, response_writer)
                    .await
            }
        }
    }
}

/// Streams the body into the sink. A refusal reads the rest of the body (discarding it) so the
/// answer reaches a client that is still sending.
async fn upload<O: OtaSink, R: Read>(
    sink: &O,
    request: &mut Request<'_, R>,
) -> Result<Outcome, R::Error> {
    let expected = request.body_connection.content_length();
    let mut upload = match sink.begin(expected as u64).await {
        Ok(upload) => upload,
        Err(error) => return Ok(Outcome::Refused(error)),
    };
    let mut reader = request.body_connection.body().reader();
    let mut buffer = [0; COPY_LEN];
    let mut received = 0;
    let mut refused = None;
    loop {
        // A read error (the connection broke) drops the upload: nothing changes on the board.
        let read = reader.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        received += read;
        if refused.is_none() {
            if let Err(error) = upload.write(&buffer[..read]).await {
                refused = Some(error);
            }
        }
    }
    if let Some(error) = refused {
        return Ok(Outcome::Refused(error));
    }
    if received != expected {
        return Ok(Outcome::CutOff { received, expected });
    }
    Ok(match upload.finish().await {
        Ok(message) => Outcome::Accepted(message),
        Err(error) => Outcome::Refused(error),
    })
}

/// A message as a one-line `text/plain` body.
struct Line(Message);

impl picoserve::response::Content for Line {
    fn content_type(&self) -> &'static str {
        "text/plain; charset=utf-8"
    }

    fn content_length(&self) -> usize {
        self.0.as_str().len() + 1
    }

    async fn write_content<W: picoserve::io::Write>(self, mut writer: W) -> Result<(), W::Error> {
        writer.write_all(self.0.as_str().as_bytes()).await?;
        writer.write_all(b"\n").await
    }
}
