//! The file store seam: what the server needs from the board's filesystem.

use embedded_io_async::Read;

use crate::path::FilePath;

/// Why a file store operation failed. The board maps its filesystem's errors onto these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreError {
    /// No such file or folder.
    NotFound,
    /// A path component is a file.
    NotADirectory,
    /// The path is a folder where a file is needed.
    IsADirectory,
    /// Something already exists at the path (mkdir, rename target).
    AlreadyExists,
    /// A folder that is not empty cannot be removed.
    NotEmpty,
    /// The store is full, or the announced size cannot fit.
    NoSpace,
    /// The file is in use on the board (a program holds it open), so it cannot be replaced
    /// or removed now.
    Busy,
    /// The store failed (flash error, corruption).
    Io,
}

/// A file or a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A file.
    File,
    /// A folder.
    Directory,
}

/// What `stat` tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metadata {
    /// File or folder.
    pub kind: EntryKind,
    /// The file's length in bytes (0 for a folder).
    pub size: u64,
}

/// One entry of a folder listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirEntry<'a> {
    /// The entry's name inside its folder.
    pub name: &'a str,
    /// File or folder, and size.
    pub metadata: Metadata,
}

/// The board's filesystem as the server sees it. Paths are checked [`FilePath`]s, relative to
/// the store's root.
///
/// Writes go through a temporary file: nothing appears at the target path until
/// [`FileWriter::commit`], and a writer that is aborted or dropped (a client vanishing
/// mid-transfer, the server task cancelled) leaves the old file, or none, in place.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait FileStore {
    /// A file being written.
    type Writer<'s>: FileWriter
    where
        Self: 's;
    /// A file being read.
    type Reader<'s>: FileReader
    where
        Self: 's;
    /// A folder being listed.
    type Listing<'s>: Listing
    where
        Self: 's;

    /// Starts writing `path` through a temporary file. `size` is the announced length, so a
    /// store can refuse with [`StoreError::NoSpace`] before any byte is sent.
    async fn create(&self, path: FilePath<'_>, size: u64) -> Result<Self::Writer<'_>, StoreError>;
    /// Opens the file at `path` for reading.
    async fn open(&self, path: FilePath<'_>) -> Result<Self::Reader<'_>, StoreError>;
    /// Tells whether `path` is a file or a folder, and its size.
    async fn stat(&self, path: FilePath<'_>) -> Result<Metadata, StoreError>;
    /// Lists the folder at `path`.
    async fn list(&self, path: FilePath<'_>) -> Result<Self::Listing<'_>, StoreError>;
    /// Removes a file or an empty folder.
    async fn remove(&self, path: FilePath<'_>) -> Result<(), StoreError>;
    /// Makes a folder (its parent must exist).
    async fn mkdir(&self, path: FilePath<'_>) -> Result<(), StoreError>;
    /// Renames a file or folder; `to` must not exist.
    async fn rename(&self, from: FilePath<'_>, to: FilePath<'_>) -> Result<(), StoreError>;
}

/// How much [`FileWriter::write_from`] reads at once when the writer has no buffer of its own.
pub const WRITE_FROM_LEN: usize = 512;

/// Why [`FileWriter::write_from`] failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteFromError<E> {
    /// Reading failed (the socket).
    Read(E),
    /// The store refused the bytes.
    Store(StoreError),
}

/// A file being written through a temporary file.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait FileWriter {
    /// Appends `data`.
    async fn write(&mut self, data: &[u8]) -> Result<(), StoreError>;
    /// Appends what one read of `reader` gives, at most `limit` bytes; returns how many (0 at
    /// the reader's end). This reads through a small buffer of its own; a writer that
    /// collects bytes in a buffer anyway can read straight into that, which saves a copy and
    /// reads as much at once as it has room for.
    async fn write_from<R: Read>(
        &mut self,
        reader: &mut R,
        limit: usize,
    ) -> Result<usize, WriteFromError<R::Error>> {
        let mut buffer = [0; WRITE_FROM_LEN];
        let len = limit.min(WRITE_FROM_LEN);
        let read = reader
            .read(&mut buffer[..len])
            .await
            .map_err(WriteFromError::Read)?;
        self.write(&buffer[..read])
            .await
            .map_err(WriteFromError::Store)?;
        Ok(read)
    }
    /// The modification time to give the file when it is committed, in milliseconds since the
    /// Unix epoch (`PUT /fs`'s `X-Timestamp`). A store that keeps no times ignores it.
    fn set_modified(&mut self, unix_ms: u64) {
        let _ = unix_ms;
    }
    /// Makes the written bytes the file at the target path, atomically.
    async fn commit(self) -> Result<(), StoreError>;
    /// Drops the temporary file; the target path is unchanged.
    async fn abort(self);
}

/// A file being read.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait FileReader {
    /// Reads up to `buf.len()` bytes; 0 at the end of the file.
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, StoreError>;
}

/// A folder being listed.
#[allow(
    async_fn_in_trait,
    reason = "the board's executor is single-threaded (embassy style)"
)]
pub trait Listing {
    /// The next entry, `None` after the last.
    async fn next_entry(&mut self) -> Result<Option<DirEntry<'_>>, StoreError>;
}
