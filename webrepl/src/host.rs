//! The host adapter (feature `tokio`): an accept loop on a tokio listener, an in-memory file
//! store and a line-echo REPL session. Tests, the example server and the simulated board's
//! host-socket mode use it; a board supplies its own session and store.

use std::{
    borrow::ToOwned,
    boxed::Box,
    collections::{BTreeMap, VecDeque},
    string::String,
    string::ToString,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Mutex, MutexGuard,
    },
    vec,
    vec::Vec,
};

use embedded_hal_async::delay::DelayNs;
use picoserve::routing::PathRouter;
use tokio::{net::TcpListener, sync::Notify};

use crate::{
    host_socket::QuickAckStream,
    http::{serve_connection, Buffers},
    path::FilePath,
    store::{
        DirEntry, EntryKind, FileReader, FileStore, FileWriter, Listing, Metadata, StoreError,
    },
    PasswordCheck, ReplSession, WebRepl,
};

/// The first request head's limit per connection (a longer one gets 431).
pub const HEAD_BUFFER_LEN: usize = 2048;
/// picoserve's request buffer per connection, as a chip's.
pub const HTTP_BUFFER_LEN: usize = 2048;
/// picoserve's request buffer per connection on host sockets ([`serve`]), which is also what
/// one socket read of the WebREPL takes: a host has the memory, and 16 reads of 1 KiB cost
/// more than one of 16 KiB.
pub const HOST_HTTP_BUFFER_LEN: usize = 16 * 1024;

/// Accepts connections on `listener` and serves each in a task of the current `LocalSet`,
/// forever (or until accepting fails).
pub async fn serve<S, F, P, D, R>(
    listener: TcpListener,
    app: &'static WebRepl<'static, S, F, P, D>,
    router: &'static picoserve::Router<R>,
    config: &'static picoserve::Config,
) -> std::io::Result<()>
where
    S: ReplSession + 'static,
    F: FileStore + 'static,
    P: PasswordCheck + 'static,
    D: DelayNs + Clone + 'static,
    R: PathRouter + 'static,
{
    loop {
        let (stream, _) = listener.accept().await?;
        // Answers go out at once rather than waiting for the peer's ACK of the last segment.
        stream.set_nodelay(true)?;
        tokio::task::spawn_local(async move {
            let mut head = vec![0; HEAD_BUFFER_LEN];
            let mut http = vec![0; HOST_HTTP_BUFFER_LEN];
            let buffers = Buffers {
                head: &mut head,
                http: &mut http,
            };
            // A connection's failure is that connection's alone.
            let _ = serve_connection(
                app,
                router,
                config,
                picoserve::time::TokioTimer,
                QuickAckStream(stream),
                buffers,
            )
            .await;
        });
    }
}

/// [`DelayNs`] on tokio's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioDelay;

impl DelayNs for TokioDelay {
    async fn delay_ns(&mut self, ns: u32) {
        tokio::time::sleep(std::time::Duration::from_nanos(u64::from(ns))).await;
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A REPL session for tests: echoes keys, answers a line of integer arithmetic (`6*7`,
/// `print(6*7)`) with its value, any other line with itself, and Ctrl-C with
/// `KeyboardInterrupt`; each answer ends with a `>>> ` prompt.
#[derive(Default)]
pub struct EchoSession {
    state: Mutex<EchoState>,
    ready: Notify,
    interrupts: AtomicUsize,
}

#[derive(Default)]
struct EchoState {
    attached: bool,
    line: Vec<u8>,
    output: VecDeque<u8>,
}

impl EchoSession {
    /// How many times a client asked for an interrupt.
    pub fn interrupts(&self) -> usize {
        self.interrupts.load(Ordering::SeqCst)
    }

    /// Output from the board's side (as a running program's print would make).
    pub fn print(&self, text: &[u8]) {
        let mut state = lock(&self.state);
        if state.attached {
            state.output.extend(text);
            self.ready.notify_one();
        }
    }
}

impl ReplSession for EchoSession {
    fn attach(&self) {
        lock(&self.state).attached = true;
    }

    fn detach(&self) {
        let mut state = lock(&self.state);
        state.attached = false;
        state.output.clear();
        state.line.clear();
    }

    async fn input(&self, bytes: &[u8]) {
        let mut reply = Vec::new();
        {
            let mut state = lock(&self.state);
            for &byte in bytes {
                match byte {
                    b'\r' | b'\n' => {
                        let line = core::mem::take(&mut state.line);
                        reply.extend_from_slice(b"\r\n");
                        reply.extend_from_slice(&evaluate(&line));
                        reply.extend_from_slice(b"\r\n>>> ");
                    }
                    0x03 => {
                        state.line.clear();
                        reply.extend_from_slice(b"\r\nKeyboardInterrupt\r\n>>> ");
                    }
                    _ => {
                        state.line.push(byte);
                        reply.push(byte);
                    }
                }
            }
        }
        self.print(&reply);
    }

    async fn output(&self, buf: &mut [u8]) -> usize {
        loop {
            let ready = self.ready.notified();
            {
                let mut state = lock(&self.state);
                let len = state.output.len().min(buf.len());
                if len > 0 {
                    for (slot, byte) in buf.iter_mut().zip(state.output.drain(..len)) {
                        *slot = byte;
                    }
                    return len;
                }
            }
            ready.await;
        }
    }

    fn interrupt(&self) {
        self.interrupts.fetch_add(1, Ordering::SeqCst);
    }
}

/// The value of `a OP b` (integers, `+ - *`), optionally inside `print(...)`; else the line.
fn evaluate(line: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(line);
    let expr = text
        .trim()
        .strip_prefix("print(")
        .and_then(|rest| rest.strip_suffix(')'))
        .unwrap_or(text.trim());
    let value = expr.find(['+', '-', '*']).and_then(|at| {
        let a: i64 = expr[..at].trim().parse().ok()?;
        let b: i64 = expr[at + 1..].trim().parse().ok()?;
        match &expr[at..at + 1] {
            "+" => a.checked_add(b),
            "-" => a.checked_sub(b),
            _ => a.checked_mul(b),
        }
    });
    match value {
        Some(value) => value.to_string().into_bytes(),
        None => line.to_owned(),
    }
}

/// An in-memory file store with the temporary-file semantics a board's has: a write is
/// invisible until committed.
#[derive(Default)]
pub struct MemoryStore {
    nodes: Mutex<BTreeMap<String, Node>>,
    /// Modification times set on commit (milliseconds since the Unix epoch).
    modified: Mutex<BTreeMap<String, u64>>,
}

#[derive(Clone)]
enum Node {
    File(Vec<u8>),
    Directory,
}

impl MemoryStore {
    /// A file's bytes, if it exists.
    pub fn file(&self, path: &str) -> Option<Vec<u8>> {
        match lock(&self.nodes).get(path) {
            Some(Node::File(bytes)) => Some(bytes.clone()),
            _ => None,
        }
    }

    /// The modification time a commit set on a file, if any.
    pub fn modified(&self, path: &str) -> Option<u64> {
        lock(&self.modified).get(path).copied()
    }

    /// Puts a file in place directly.
    pub fn insert(&self, path: &str, bytes: &[u8]) {
        lock(&self.nodes).insert(path.into(), Node::File(bytes.to_vec()));
    }

    /// The paths of every file and folder.
    pub fn paths(&self) -> Vec<String> {
        lock(&self.nodes).keys().cloned().collect()
    }

    fn parent_is_directory(nodes: &BTreeMap<String, Node>, path: &str) -> Result<(), StoreError> {
        match path.rsplit_once('/') {
            None => Ok(()),
            Some((parent, _)) => match nodes.get(parent) {
                Some(Node::Directory) => Ok(()),
                Some(Node::File(_)) => Err(StoreError::NotADirectory),
                None => Err(StoreError::NotFound),
            },
        }
    }
}

/// A file being written to a [`MemoryStore`].
pub struct MemoryWriter<'s> {
    store: &'s MemoryStore,
    path: String,
    bytes: Vec<u8>,
    modified: Option<u64>,
}

impl FileWriter for MemoryWriter<'_> {
    async fn write(&mut self, data: &[u8]) -> Result<(), StoreError> {
        self.bytes.extend_from_slice(data);
        Ok(())
    }

    fn set_modified(&mut self, unix_ms: u64) {
        self.modified = Some(unix_ms);
    }

    async fn commit(self) -> Result<(), StoreError> {
        let mut nodes = lock(&self.store.nodes);
        MemoryStore::parent_is_directory(&nodes, &self.path)?;
        if let Some(Node::Directory) = nodes.get(&self.path) {
            return Err(StoreError::IsADirectory);
        }
        if let Some(unix_ms) = self.modified {
            lock(&self.store.modified).insert(self.path.clone(), unix_ms);
        }
        nodes.insert(self.path, Node::File(self.bytes));
        Ok(())
    }

    async fn abort(self) {}
}

/// A file being read from a [`MemoryStore`] (a snapshot taken at open).
pub struct MemoryReader {
    bytes: Vec<u8>,
    at: usize,
}

impl FileReader for MemoryReader {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, StoreError> {
        let rest = &self.bytes[self.at..];
        let len = rest.len().min(buf.len());
        buf[..len].copy_from_slice(&rest[..len]);
        self.at += len;
        Ok(len)
    }
}

/// A folder listing of a [`MemoryStore`] (a snapshot taken at list).
pub struct MemoryListing {
    entries: Vec<(String, Metadata)>,
    next: usize,
}

impl Listing for MemoryListing {
    async fn next_entry(&mut self) -> Result<Option<DirEntry<'_>>, StoreError> {
        let Some((name, metadata)) = self.entries.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        Ok(Some(DirEntry {
            name,
            metadata: *metadata,
        }))
    }
}

fn metadata(node: &Node) -> Metadata {
    match node {
        Node::File(bytes) => Metadata {
            kind: EntryKind::File,
            size: bytes.len() as u64,
        },
        Node::Directory => Metadata {
            kind: EntryKind::Directory,
            size: 0,
        },
    }
}

impl FileStore for MemoryStore {
    type Writer<'s> = MemoryWriter<'s>;
    type Reader<'s> = MemoryReader;
    type Listing<'s> = MemoryListing;

    async fn create(&self, path: FilePath<'_>, _size: u64) -> Result<MemoryWriter<'_>, StoreError> {
        let nodes = lock(&self.nodes);
        Self::parent_is_directory(&nodes, path.as_str())?;
        if let Some(Node::Directory) = nodes.get(path.as_str()) {
            return Err(StoreError::IsADirectory);
        }
        Ok(MemoryWriter {
            store: self,
            path: path.as_str().into(),
            bytes: Vec::new(),
            modified: None,
        })
    }

    async fn open(&self, path: FilePath<'_>) -> Result<MemoryReader, StoreError> {
        match lock(&self.nodes).get(path.as_str()) {
            Some(Node::File(bytes)) => Ok(MemoryReader {
                bytes: bytes.clone(),
                at: 0,
            }),
            Some(Node::Directory) => Err(StoreError::IsADirectory),
            None => Err(StoreError::NotFound),
        }
    }

    async fn stat(&self, path: FilePath<'_>) -> Result<Metadata, StoreError> {
        if path.is_root() {
            return Ok(metadata(&Node::Directory));
        }
        lock(&self.nodes)
            .get(path.as_str())
            .map(metadata)
            .ok_or(StoreError::NotFound)
    }

    async fn list(&self, path: FilePath<'_>) -> Result<MemoryListing, StoreError> {
        if !path.is_root() {
            match lock(&self.nodes).get(path.as_str()) {
                Some(Node::Directory) => {}
                Some(Node::File(_)) => return Err(StoreError::NotADirectory),
                None => return Err(StoreError::NotFound),
            }
        }
        let prefix = if path.is_root() {
            String::new()
        } else {
            std::format!("{}/", path.as_str())
        };
        let entries = lock(&self.nodes)
            .iter()
            .filter_map(|(key, node)| {
                let name = key.strip_prefix(&prefix)?;
                (!name.contains('/')).then(|| (name.into(), metadata(node)))
            })
            .collect();
        Ok(MemoryListing { entries, next: 0 })
    }

    async fn remove(&self, path: FilePath<'_>) -> Result<(), StoreError> {
        let mut nodes = lock(&self.nodes);
        let prefix = std::format!("{}/", path.as_str());
        if nodes.keys().any(|key| key.starts_with(&prefix)) {
            return Err(StoreError::NotEmpty);
        }
        nodes
            .remove(path.as_str())
            .map(|_| ())
            .ok_or(StoreError::NotFound)
    }

    async fn mkdir(&self, path: FilePath<'_>) -> Result<(), StoreError> {
        let mut nodes = lock(&self.nodes);
        Self::parent_is_directory(&nodes, path.as_str())?;
        if path.is_root() || nodes.contains_key(path.as_str()) {
            return Err(StoreError::AlreadyExists);
        }
        nodes.insert(path.as_str().into(), Node::Directory);
        Ok(())
    }

    async fn rename(&self, from: FilePath<'_>, to: FilePath<'_>) -> Result<(), StoreError> {
        let mut nodes = lock(&self.nodes);
        Self::parent_is_directory(&nodes, to.as_str())?;
        if nodes.contains_key(to.as_str()) {
            return Err(StoreError::AlreadyExists);
        }
        let node = nodes.remove(from.as_str()).ok_or(StoreError::NotFound)?;
        // A folder's contents move with it.
        let prefix = std::format!("{}/", from.as_str());
        let inside: Vec<String> = nodes
            .keys()
            .filter(|key| key.starts_with(&prefix))
            .cloned()
            .collect();
        for key in inside {
            if let Some(child) = nodes.remove(&key) {
                let moved = std::format!("{}/{}", to.as_str(), &key[prefix.len()..]);
                nodes.insert(moved, child);
            }
        }
        nodes.insert(to.as_str().into(), node);
        Ok(())
    }
}

/// Leaks `value` for the `'static` lifetime the accept loop needs (one per process).
pub fn leak<T>(value: T) -> &'static T {
    Box::leak(Box::new(value))
}
