//! The file API over HTTP, behind the board password (HTTP Basic, empty user name):
//!
//! - `GET /fs/<path>`: a file's bytes, or a folder's listing as JSON:
//!   `[{"name":"main.py","kind":"file","size":120},{"name":"lib","kind":"dir","size":0}]`.
//! - `PUT /fs/<path>`: the body (`Content-Length` required) streamed into a temporary file,
//!   which replaces `<path>` only when every byte arrived (201); `X-Timestamp` (milliseconds
//!   since the Unix epoch, as CircuitPython's) sets its modification time.
//!   `PUT /fs/<path>/` makes a folder (201).
//! - `DELETE /fs/<path>`: removes a file or an empty folder (204).
//! - `MOVE /fs/<path>` with `X-Destination: /fs/<new path>`: renames (201), as CircuitPython's
//!   web workflow does.
//!
//! Errors: 400 bad path, 401 no or wrong password (after the login back-off), 404 not found,
//! 405 other methods, 409 conflict (a folder where a file is needed, a file in the way, a
//! folder not empty, a target that exists), 411 no `Content-Length`, 500 store failure, 507 no
//! space.
//!
//! A body must arrive within picoserve's `read_request` timeout, which the board sets for the
//! largest upload it expects.

use embedded_hal_async::delay::DelayNs;
use picoserve::{
    io::Read,
    request::{Path, Request},
    response::{
        chunked::{ChunkWriter, ChunkedResponse, Chunks, ChunksWritten},
        Content, IntoResponse, Response, ResponseWriter, StatusCode,
    },
    routing::PathRouterService,
    ResponseSent,
};
use serde::Serialize;

use super::auth::{authorize, challenge};
use crate::{
    app::WebRepl,
    password::PasswordCheck,
    path::{FilePath, MAX_PATH_LEN},
    session::ReplSession,
    store::{EntryKind, FileReader, FileStore, FileWriter, Listing, StoreError, WriteFromError},
};

/// Where the file API is mounted.
pub const PREFIX: &str = "/fs";

/// Bytes of a file read from the store and sent at once.
const COPY_LEN: usize = 512;

/// The `/fs` routes, as a picoserve service over the board's file store.
pub struct FileApi<'r, 'a, S, F, P, D> {
    app: &'r WebRepl<'a, S, F, P, D>,
}

impl<'r, 'a, S, F, P, D> FileApi<'r, 'a, S, F, P, D> {
    /// The file API of `app`.
    pub fn new(app: &'r WebRepl<'a, S, F, P, D>) -> Self {
        FileApi { app }
    }
}

impl<S, F, P, D> PathRouterService for FileApi<'_, '_, S, F, P, D>
where
    S: ReplSession,
    F: FileStore,
    P: PasswordCheck,
    D: DelayNs + Clone,
{
    async fn call_path_router_service<R: Read, W: ResponseWriter<Error = R::Error>>(
        &self,
        _state: &(),
        _path_parameters: (),
        path: Path<'_>,
        mut request: Request<'_, R>,
        response_writer: W,
    ) -> Result<ResponseSent, W::Error> {
        let app = self.app;
        if !authorize(app, request.parts.headers()).await {
            let connection = request.body_connection.finalize().await?;
            return challenge().write_to(connection, response_writer).await;
        }

        let mut decoded = [0; MAX_PATH_LEN + 2];
        let Some((path, folder)) = target_path(path.encoded(), &mut decoded) else {
            let connection = request.body_connection.finalize().await?;
            return (StatusCode::BAD_REQUEST, "bad path\n")
                .write_to(connection, response_writer)
                .await;
        };
        let store: &F = app.store;
        let status = match request.parts.method() {
            "GET" => return get(store, path, request, response_writer).await,
            "PUT" if folder => created(store.mkdir(path).await),
            "PUT" if request.parts.headers().get("content-length").is_none() => {
                StatusCode::new(411)
            }
            "PUT" => put(store, path, &mut request).await?,
            "DELETE" if path.is_root() => StatusCode::CONFLICT,
            "DELETE" => match store.remove(path).await {
                Ok(()) => StatusCode::NO_CONTENT,
                Err(error) => status_of(error),
            },
            "MOVE" => {
                let mut decoded = [0; MAX_PATH_LEN + 2];
                let destination = request
                    .parts
                    .headers()
                    .get("x-destination")
                    .and_then(|value| value.as_str().ok())
                    .and_then(|value| value.strip_prefix(PREFIX))
                    .and_then(|value| target_path(value, &mut decoded));
                match destination {
                    Some((to, _)) if !path.is_root() && !to.is_root() => {
                        created(store.rename(path, to).await)
                    }
                    _ => StatusCode::BAD_REQUEST,
                }
            }
            _ => StatusCode::METHOD_NOT_ALLOWED,
        };
        let connection = request.body_connection.finalize().await?;
        (status, reason(status))
            .write_to(connection, response_writer)
            .await
    }
}

/// The store path a request names, and whether it ended with `/` (a folder); `None` if the
/// path is not percent-encoded UTF-8 or does not pass [`FilePath::parse`].
fn target_path<'o>(
    encoded: &str,
    out: &'o mut [u8; MAX_PATH_LEN + 2],
) -> Option<(FilePath<'o>, bool)> {
    let decoded = percent_decode(encoded, out)?;
    let (name, folder) = match decoded.strip_suffix(b"/") {
        Some(name) => (name, true),
        None => (decoded, false),
    };
    Some((FilePath::parse(name, MAX_PATH_LEN).ok()?, folder))
}

fn percent_decode<'o>(encoded: &str, out: &'o mut [u8]) -> Option<&'o [u8]> {
    let mut bytes = encoded.bytes();
    let mut len = 0;
    while let Some(byte) = bytes.next() {
        let byte = if byte == b'%' {
            let high = (bytes.next()? as char).to_digit(16)?;
            let low = (bytes.next()? as char).to_digit(16)?;
            (high * 16 + low) as u8
        } else {
            byte
        };
        *out.get_mut(len)? = byte;
        len += 1;
    }
    Some(&out[..len])
}

async fn get<F: FileStore, R: Read, W: ResponseWriter<Error = R::Error>>(
    store: &F,
    path: FilePath<'_>,
    request: Request<'_, R>,
    response_writer: W,
) -> Result<ResponseSent, W::Error> {
    let connection = request.body_connection.finalize().await?;
    let metadata = match store.stat(path).await {
        Ok(metadata) => metadata,
        Err(error) => {
            let status = status_of(error);
            return (status, reason(status))
                .write_to(connection, response_writer)
                .await;
        }
    };
    if metadata.kind == EntryKind::Directory {
        return match store.list(path).await {
            Ok(listing) => {
                ChunkedResponse::new(ListingJson { listing })
                    .into_response()
                    .write_to(connection, response_writer)
                    .await
            }
            Err(error) => {
                let status = status_of(error);
                (status, reason(status))
                    .write_to(connection, response_writer)
                    .await
            }
        };
    }
    match store.open(path).await {
        Ok(reader) => {
            let Ok(size) = usize::try_from(metadata.size) else {
                return (StatusCode::INTERNAL_SERVER_ERROR, "file too large\n")
                    .write_to(connection, response_writer)
                    .await;
            };
            Response::new(StatusCode::OK, FileBody { reader, size })
                .write_to(connection, response_writer)
                .await
        }
        Err(error) => {
            let status = status_of(error);
            (status, reason(status))
                .write_to(connection, response_writer)
                .await
        }
    }
}

/// Streams the body into a temporary file and commits it only if every byte arrived.
async fn put<F: FileStore, R: Read>(
    store: &F,
    path: FilePath<'_>,
    request: &mut Request<'_, R>,
) -> Result<StatusCode, R::Error> {
    let expected = request.body_connection.content_length();
    let modified = match request.parts.headers().get("x-timestamp") {
        None => None,
        Some(value) => match value
            .as_str()
            .ok()
            .and_then(|text| text.trim().parse().ok())
        {
            Some(unix_ms) => Some(unix_ms),
            None => return Ok(StatusCode::BAD_REQUEST),
        },
    };
    let mut writer = match store.create(path, expected as u64).await {
        Ok(writer) => writer,
        Err(error) => return Ok(status_of(error)),
    };
    if let Some(unix_ms) = modified {
        writer.set_modified(unix_ms);
    }
    let mut reader = request.body_connection.body().reader();
    let mut received = 0;
    loop {
        let read = match writer
            .write_from(&mut reader, expected.saturating_sub(received))
            .await
        {
            Ok(read) => read,
            Err(WriteFromError::Read(error)) => {
                writer.abort().await;
                return Err(error);
            }
            Err(WriteFromError::Store(error)) => {
                writer.abort().await;
                return Ok(status_of(error));
            }
        };
        if read == 0 {
            break;
        }
        received += read;
    }
    if received != expected {
        writer.abort().await;
        return Ok(StatusCode::BAD_REQUEST);
    }
    Ok(created(writer.commit().await))
}

fn created(result: Result<(), StoreError>) -> StatusCode {
    match result {
        Ok(()) => StatusCode::CREATED,
        Err(error) => status_of(error),
    }
}

fn status_of(error: StoreError) -> StatusCode {
    match error {
        StoreError::NotFound => StatusCode::NOT_FOUND,
        StoreError::NotADirectory
        | StoreError::IsADirectory
        | StoreError::AlreadyExists
        | StoreError::NotEmpty
        | StoreError::Busy => StatusCode::CONFLICT,
        StoreError::NoSpace => StatusCode::INSUFFICIENT_STORAGE,
        StoreError::Io => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn reason(status: StatusCode) -> &'static str {
    match status.as_u16() {
        201 => "created\n",
        204 => "",
        400 => "bad request\n",
        404 => "not found\n",
        405 => "method not allowed\n",
        409 => "conflict\n",
        411 => "Content-Length required\n",
        507 => "no space\n",
        _ => "file store failure\n",
    }
}

/// A file's bytes as a response body of known length.
struct FileBody<Rd> {
    reader: Rd,
    size: usize,
}

impl<Rd: FileReader> Content for FileBody<Rd> {
    fn content_type(&self) -> &'static str {
        "application/octet-stream"
    }

    fn content_length(&self) -> usize {
        self.size
    }

    async fn write_content<W: picoserve::io::Write>(
        mut self,
        mut writer: W,
    ) -> Result<(), W::Error> {
        let mut buffer = [0; COPY_LEN];
        let mut left = self.size;
        while left > 0 {
            // A store failure mid-file cannot change the status any more: the body ends
            // short of its Content-Length, which the client sees.
            let Ok(read) = self.reader.read(&mut buffer[..left.min(COPY_LEN)]).await else {
                break;
            };
            if read == 0 {
                break;
            }
            writer.write_all(&buffer[..read]).await?;
            left -= read;
        }
        Ok(())
    }
}

/// One listing entry in JSON.
#[derive(Serialize)]
struct EntryJson<'n> {
    name: &'n str,
    kind: &'static str,
    size: u64,
}

/// A folder listing streamed as a JSON array, one chunk per entry.
struct ListingJson<L> {
    listing: L,
}

impl<L: Listing> Chunks for ListingJson<L> {
    fn content_type(&self) -> &'static str {
        "application/json"
    }

    async fn write_chunks<W: picoserve::io::Write>(
        mut self,
        mut chunks: ChunkWriter<W>,
    ) -> Result<ChunksWritten, W::Error> {
        // A name is at most 255 bytes; escaped JSON of it fits with room to spare.
        let mut buffer = [0; 1 + 6 * MAX_PATH_LEN + 64];
        chunks.write_chunk(b"[").await?;
        let mut first = true;
        while let Ok(Some(entry)) = self.listing.next_entry().await {
            let json = EntryJson {
                name: entry.name,
                kind: match entry.metadata.kind {
                    EntryKind::File => "file",
                    EntryKind::Directory => "dir",
                },
                size: entry.metadata.size,
            };
            let (separator, body) = buffer.split_at_mut(1);
            separator[0] = b',';
            let Ok(len) = serde_json_core::to_slice(&json, body) else {
                continue;
            };
            let start = if first { 1 } else { 0 };
            first = false;
            chunks.write_chunk(&buffer[start..1 + len]).await?;
        }
        chunks.write_chunk(b"]").await?;
        chunks.finalize().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_paths_and_folder_marks() {
        let mut out = [0; MAX_PATH_LEN + 2];
        let (path, folder) = target_path("/lib/my%20file.py", &mut out).unwrap();
        assert_eq!((path.as_str(), folder), ("lib/my file.py", false));
        let (path, folder) = target_path("/lib/", &mut out).unwrap();
        assert_eq!((path.as_str(), folder), ("lib", true));
        let (path, folder) = target_path("", &mut out).unwrap();
        assert!(path.is_root() && !folder);
        for bad in ["/%2e%2e/x", "/a%00b", "/%zz", "/%4", "/a//b"] {
            assert!(target_path(bad, &mut out).is_none(), "{bad}");
        }
        let long = "a".repeat(400);
        assert!(target_path(&long, &mut out).is_none());
    }
}
