//! [`BoardFiles`]: the WebREPL's [`FileStore`] over the board's flash filesystem.
//!
//! Every operation takes the shared filesystem's lock for one storage call and opens and
//! closes what it touches within it ([`SharedFlash`] says why). A reader reads ahead a
//! [`CHUNK`] at a time; a writer collects a [`CHUNK`] and appends it to its temporary file.
//!
//! Uploads go to a temporary file in the root, named [`TEMP_PREFIX`] and a number, and are
//! renamed onto the target when complete (the storage's rename is atomic and replaces a file),
//! so `open()` on the board sees the old file or the new one, never a part. An upload that is
//! aborted, dropped (the client vanished, the task was cancelled) or cut by a power loss leaves
//! only its temporary file, which the writer removes, or the next boot does
//! ([`BoardFiles::clean`]). Temporary files are hidden from the file API's listing of the root;
//! Python sees one only while its upload runs. (A folder of their own would cost a folder
//! operation per upload, which the storage makes slow: 18 ms for an `rmdir` measured.)

use super::flash::SharedFlash;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use mote_vm::fs::{self as vmfs, FileSystem, FsError, FsResult};
use mote_webrepl::{
    DirEntry, EntryKind, FilePath, FileReader, FileStore, FileWriter, Listing, Metadata,
    StoreError, WriteFromError,
};
use picoserve::io::Read;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How the names of uploads being written start (in the root; hidden from its listing).
pub const TEMP_PREFIX: &str = ".upload-";

/// How much a reader reads, and a writer collects, per storage call.
pub const CHUNK: usize = 16 * 1024;

/// The board's filesystem as the WebREPL and the HTTP file API see it.
pub struct BoardFiles {
    flash: SharedFlash,
    next_temp: AtomicU32,
}

impl BoardFiles {
    /// The store over the board's filesystem.
    pub fn new(flash: SharedFlash) -> BoardFiles {
        BoardFiles {
            flash,
            next_temp: AtomicU32::new(0),
        }
    }

    /// Remove uploads a power cut or a killed board left unfinished (at boot, before serving).
    pub fn clean(&self) {
        let mut fs = self.flash.clone();
        if let Ok(entries) = fs.listdir("/") {
            for entry in entries.iter().filter(|e| is_temp(&e.name) && !e.is_dir) {
                // A leftover that cannot be removed is retried at the next boot.
                let _ = fs.remove(&format!("/{}", entry.name));
            }
        }
    }

    fn fs(&self) -> SharedFlash {
        self.flash.clone()
    }

    /// Run `op` (a replace or a remove); when the file is busy, have Python's garbage collected
    /// (an unreachable file object may hold it open) and run it once more.
    fn unless_busy<T>(&self, op: impl Fn(&mut SharedFlash) -> FsResult<T>) -> FsResult<T> {
        match op(&mut self.fs()) {
            Err(FsError(vmfs::EBUSY)) if self.flash.collect_garbage(BUSY_WAIT) => {
                op(&mut self.fs())
            }
            result => result,
        }
    }
}

/// How long a replace or remove of a busy file waits for the board to collect its garbage.
const BUSY_WAIT: Duration = Duration::from_millis(500);

fn is_temp(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
}

/// The board's absolute path for a checked path.
fn absolute(path: FilePath<'_>) -> String {
    format!("/{}", path.as_str())
}

fn store_error(error: FsError) -> StoreError {
    match error.0 {
        vmfs::ENOENT => StoreError::NotFound,
        vmfs::ENOTDIR => StoreError::NotADirectory,
        vmfs::EISDIR => StoreError::IsADirectory,
        vmfs::EEXIST => StoreError::AlreadyExists,
        vmfs::ENOTEMPTY => StoreError::NotEmpty,
        vmfs::ENOSPC | vmfs::EFBIG => StoreError::NoSpace,
        vmfs::EBUSY => StoreError::Busy,
        _ => StoreError::Io,
    }
}

fn mode(text: &str) -> Result<vmfs::OpenMode, StoreError> {
    vmfs::parse_mode(text).map_err(|_| StoreError::Io)
}

/// Write `data` to the file at `path` opened with `how`, then close it.
fn write_file(fs: &mut SharedFlash, path: &str, how: &str, data: &[u8]) -> Result<(), StoreError> {
    let fd = fs.open(path, mode(how)?).map_err(store_error)?;
    let written = fs.write(fd, data);
    let closed = fs.close(fd);
    written.map_err(store_error)?;
    closed.map_err(store_error)
}

fn metadata(stat: vmfs::Stat) -> Metadata {
    Metadata {
        kind: if stat.is_dir {
            EntryKind::Directory
        } else {
            EntryKind::File
        },
        size: if stat.is_dir { 0 } else { stat.size },
    }
}

/// An upload on its way: collected in RAM a [`CHUNK`] at a time (or the announced size, when
/// smaller), appended to its temporary file.
pub struct BoardWriter<'s> {
    store: &'s BoardFiles,
    temp: String,
    target: String,
    /// Where bytes are collected; the first `filled` are pending.
    buffer: Vec<u8>,
    filled: usize,
    /// Whether the temporary file exists yet (it is made by the first flush).
    created: bool,
    /// Set once committed or aborted: dropping then removes nothing.
    done: bool,
}

impl BoardWriter<'_> {
    fn flush(&mut self) -> Result<(), StoreError> {
        if self.filled == 0 && self.created {
            return Ok(());
        }
        let how = if self.created { "ab" } else { "wb" };
        self.created = true;
        let result = write_file(
            &mut self.store.fs(),
            &self.temp,
            how,
            &self.buffer[..self.filled],
        );
        self.filled = 0;
        result
    }

    /// Flushes a full buffer, so there is room after.
    fn make_room(&mut self) -> Result<(), StoreError> {
        if self.filled == self.buffer.len() {
            self.flush()?;
        }
        Ok(())
    }

    fn discard(&mut self) {
        self.done = true;
        if self.created {
            // Nothing else can be done about a temporary file that will not go; the next boot
            // removes it.
            let _ = self.store.fs().remove(&self.temp);
        }
    }
}

impl FileWriter for BoardWriter<'_> {
    async fn write(&mut self, data: &[u8]) -> Result<(), StoreError> {
        let mut data = data;
        while !data.is_empty() {
            self.make_room()?;
            let take = (self.buffer.len() - self.filled).min(data.len());
            self.buffer[self.filled..self.filled + take].copy_from_slice(&data[..take]);
            self.filled += take;
            data = &data[take..];
        }
        Ok(())
    }

    /// Reads straight into the collecting buffer: no copy, and reads of up to a [`CHUNK`].
    async fn write_from<R: Read>(
        &mut self,
        reader: &mut R,
        limit: usize,
    ) -> Result<usize, WriteFromError<R::Error>> {
        self.make_room().map_err(WriteFromError::Store)?;
        let room = &mut self.buffer[self.filled..];
        let len = room.len().min(limit);
        if len == 0 {
            return Ok(0);
        }
        let read = reader
            .read(&mut room[..len])
            .await
            .map_err(WriteFromError::Read)?;
        self.filled += read;
        Ok(read)
    }

    async fn commit(mut self) -> Result<(), StoreError> {
        let result = self.flush().and_then(|()| {
            self.store
                .unless_busy(|fs| fs.rename(&self.temp, &self.target))
                .map_err(store_error)
        });
        match result {
            Ok(()) => self.done = true,
            Err(_) => self.discard(),
        }
        result
    }

    async fn abort(mut self) {
        self.discard();
    }
}

impl Drop for BoardWriter<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.discard();
        }
    }
}

/// A file being read: it is reopened for each [`CHUNK`], so no file stays open between reads.
pub struct BoardReader<'s> {
    store: &'s BoardFiles,
    path: String,
    offset: u64,
    ahead: Vec<u8>,
    taken: usize,
}

impl BoardReader<'_> {
    fn fill(&mut self) -> Result<(), StoreError> {
        let mut fs = self.store.fs();
        let fd = fs.open(&self.path, mode("rb")?).map_err(store_error)?;
        self.ahead.resize(CHUNK, 0);
        let read = fs
            .seek(fd, self.offset as i64, vmfs::Whence::Start)
            .and_then(|_| fs.read(fd, &mut self.ahead));
        let _ = fs.close(fd);
        let read = read.map_err(store_error)?;
        self.ahead.truncate(read);
        self.taken = 0;
        self.offset += read as u64;
        Ok(())
    }
}

impl FileReader for BoardReader<'_> {
    async fn read(&mut self, buf: &mut [u8]) -> Result<usize, StoreError> {
        if self.taken == self.ahead.len() {
            self.fill()?;
        }
        let rest = &self.ahead[self.taken..];
        let len = rest.len().min(buf.len());
        buf[..len].copy_from_slice(&rest[..len]);
        self.taken += len;
        Ok(len)
    }
}

/// A folder's entries, read at once (the storage's listing holds no lock between entries).
pub struct BoardListing {
    entries: Vec<vmfs::DirEntry>,
    next: usize,
}

impl Listing for BoardListing {
    async fn next_entry(&mut self) -> Result<Option<DirEntry<'_>>, StoreError> {
        let Some(entry) = self.entries.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        Ok(Some(DirEntry {
            name: &entry.name,
            metadata: metadata(vmfs::Stat {
                is_dir: entry.is_dir,
                size: entry.size,
                mtime: 0,
            }),
        }))
    }
}

impl FileStore for BoardFiles {
    type Writer<'s> = BoardWriter<'s>;
    type Reader<'s> = BoardReader<'s>;
    type Listing<'s> = BoardListing;

    async fn create(&self, path: FilePath<'_>, size: u64) -> Result<BoardWriter<'_>, StoreError> {
        if path.is_root() {
            return Err(StoreError::IsADirectory);
        }
        let mut fs = self.fs();
        let target = absolute(path);
        match fs.stat(&target) {
            Ok(stat) if stat.is_dir => return Err(StoreError::IsADirectory),
            Ok(_) => {}
            Err(e) if e.0 == vmfs::ENOENT => {
                let parent = target.rsplit_once('/').map_or("/", |(p, _)| p);
                if !parent.is_empty() {
                    match fs.stat(parent) {
                        Ok(stat) if stat.is_dir => {}
                        Ok(_) => return Err(StoreError::NotADirectory),
                        Err(e) => return Err(store_error(e)),
                    }
                }
            }
            Err(e) => return Err(store_error(e)),
        }
        // A file of a chunk or less that does not fit fails at its one write; a bigger one is
        // refused before any byte travels.
        if size > CHUNK as u64 {
            let free = fs.statvfs("/").map_err(store_error)?;
            if size > free.bavail.saturating_mul(free.bsize) {
                return Err(StoreError::NoSpace);
            }
        }
        let number = self.next_temp.fetch_add(1, Ordering::Relaxed);
        Ok(BoardWriter {
            store: self,
            temp: format!("/{TEMP_PREFIX}{number}"),
            target,
            buffer: vec![0; CHUNK.min(size as usize).max(1)],
            filled: 0,
            created: false,
            done: false,
        })
    }

    async fn open(&self, path: FilePath<'_>) -> Result<BoardReader<'_>, StoreError> {
        let path = absolute(path);
        if self.fs().stat(&path).map_err(store_error)?.is_dir {
            return Err(StoreError::IsADirectory);
        }
        Ok(BoardReader {
            store: self,
            path,
            offset: 0,
            ahead: Vec::new(),
            taken: 0,
        })
    }

    async fn stat(&self, path: FilePath<'_>) -> Result<Metadata, StoreError> {
        self.fs()
            .stat(&absolute(path))
            .map(metadata)
            .map_err(store_error)
    }

    async fn list(&self, path: FilePath<'_>) -> Result<BoardListing, StoreError> {
        let mut fs = self.fs();
        let folder = absolute(path);
        if !fs.stat(&folder).map_err(store_error)?.is_dir {
            return Err(StoreError::NotADirectory);
        }
        let mut entries = fs.listdir(&folder).map_err(store_error)?;
        if path.is_root() {
            entries.retain(|entry| !is_temp(&entry.name));
        }
        Ok(BoardListing { entries, next: 0 })
    }

    async fn remove(&self, path: FilePath<'_>) -> Result<(), StoreError> {
        let mut fs = self.fs();
        let path = absolute(path);
        if fs.stat(&path).map_err(store_error)?.is_dir {
            fs.rmdir(&path).map_err(store_error)
        } else {
            self.unless_busy(|fs| fs.remove(&path)).map_err(store_error)
        }
    }

    async fn mkdir(&self, path: FilePath<'_>) -> Result<(), StoreError> {
        if path.is_root() {
            return Err(StoreError::AlreadyExists);
        }
        self.fs().mkdir(&absolute(path)).map_err(store_error)
    }

    async fn rename(&self, from: FilePath<'_>, to: FilePath<'_>) -> Result<(), StoreError> {
        let mut fs = self.fs();
        let (from, to) = (absolute(from), absolute(to));
        fs.stat(&from).map_err(store_error)?;
        if fs.stat(&to).is_ok() {
            return Err(StoreError::AlreadyExists);
        }
        fs.rename(&from, &to).map_err(store_error)
    }
}
