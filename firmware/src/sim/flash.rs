//! [`SharedFlash`]: the board's one flash filesystem, shared by the VM (`open()`, `os`) and the
//! WebREPL's file store, which runs on another thread of the simulated board.
//!
//! The filesystem sits behind a mutex, taken for one operation at a time. That is enough for
//! both users to be safe beside each other: the storage's operations are short (the simulated
//! flash completes at once), neither side holds the lock while it waits for anything else, and
//! the WebREPL's store keeps no file open between two operations, so the VM's table of open
//! files is never filled by a transfer. (Servicing file requests from the board loop between
//! fuel slices would also be safe, but would tie a transfer's speed to how busy Python is.)

use super::console::TerminalInput;
use crate::fs::FlashFs;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use mote_storage::sim::SimFlash;
use mote_storage::Fs;
use mote_vm::fs::{DirEntry, FileSystem, FsResult, OpenMode, Stat, StatVfs, Whence};
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// A handle on the board's filesystem; clones share it.
#[derive(Clone)]
pub struct SharedFlash {
    fs: Arc<Mutex<FlashFs<SimFlash>>>,
    collections: Arc<Collections>,
}

/// Collections of Python's garbage the file store asked the board loop for. The storage
/// refuses to replace or remove a file that is open, and a Python file object that nobody can
/// reach any more keeps its file open until the collector closes it (`exec(open(p).read())`
/// leaves one behind): the store asks for a collection and tries once more.
#[derive(Default)]
struct Collections {
    /// Collections asked for and collections done, counted.
    counts: Mutex<(u64, u64)>,
    done: Condvar,
    /// Wakes the board loop when it waits for console input.
    wake: Mutex<Option<TerminalInput>>,
}

impl SharedFlash {
    /// Share the mounted filesystem `fs`.
    pub fn new(fs: Fs<SimFlash>) -> SharedFlash {
        SharedFlash {
            fs: Arc::new(Mutex::new(FlashFs::new(fs))),
            collections: Arc::default(),
        }
    }

    /// How the board loop is woken for a collection: an empty key chunk on its console.
    pub fn set_collection_waker(&self, input: TerminalInput) {
        if let Ok(mut wake) = self.collections.wake.lock() {
            *wake = Some(input);
        }
    }

    /// Ask the board loop to collect Python's garbage and wait for it, at most `wait`;
    /// `false` when it did not happen in time (a program computing inside a nested loop).
    pub fn collect_garbage(&self, wait: Duration) -> bool {
        let c = &self.collections;
        let Ok(mut counts) = c.counts.lock() else {
            return false;
        };
        counts.0 += 1;
        let asked = counts.0;
        if let Ok(wake) = c.wake.lock() {
            if let Some(input) = wake.as_ref() {
                input.send(&[]);
            }
        }
        match c.done.wait_timeout_while(counts, wait, |n| n.1 < asked) {
            Ok((_, timeout)) => !timeout.timed_out(),
            Err(_) => false,
        }
    }

    /// Whether a collection was asked for and not done yet.
    pub fn collection_wanted(&self) -> bool {
        self.collections.counts.lock().is_ok_and(|n| n.1 < n.0)
    }

    /// The board loop collected: release whoever waits.
    pub fn collected(&self) {
        if let Ok(mut counts) = self.collections.counts.lock() {
            counts.1 = counts.0;
        }
        self.collections.done.notify_all();
    }

    /// The filesystem, locked until the guard is dropped.
    pub fn lock(&self) -> MutexGuard<'_, FlashFs<SimFlash>> {
        // A panic elsewhere while locked cannot leave the filesystem half-changed in RAM in a
        // way the storage does not already survive (it is power-cut safe), so carry on.
        self.fs
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Mount the flash image file at `image` afresh (a hard reset): files open on the old
    /// mount are closed (committed) first, and nothing reaches the filesystem in between.
    pub fn remount(&self, image: &Path) -> Result<(), String> {
        let mut guard = self.lock();
        guard.close_all();
        let flash = SimFlash::open_file(image)
            .map_err(|e| format!("cannot open the flash image {}: {e}", image.display()))?;
        let fs = embassy_futures::block_on(Fs::mount(flash))
            .map_err(|e| format!("the flash does not mount after a reset: {e}"))?;
        *guard = FlashFs::new(fs);
        Ok(())
    }
}

impl FileSystem for SharedFlash {
    fn open(&mut self, path: &str, mode: OpenMode) -> FsResult<u32> {
        self.lock().open(path, mode)
    }

    fn read(&mut self, fd: u32, buf: &mut [u8]) -> FsResult<usize> {
        self.lock().read(fd, buf)
    }

    fn write(&mut self, fd: u32, data: &[u8]) -> FsResult<usize> {
        self.lock().write(fd, data)
    }

    fn seek(&mut self, fd: u32, offset: i64, whence: Whence) -> FsResult<u64> {
        self.lock().seek(fd, offset, whence)
    }

    fn tell(&mut self, fd: u32) -> FsResult<u64> {
        self.lock().tell(fd)
    }

    fn flush(&mut self, fd: u32) -> FsResult<()> {
        self.lock().flush(fd)
    }

    fn close(&mut self, fd: u32) -> FsResult<()> {
        self.lock().close(fd)
    }

    fn stat(&mut self, path: &str) -> FsResult<Stat> {
        self.lock().stat(path)
    }

    fn listdir(&mut self, path: &str) -> FsResult<Vec<DirEntry>> {
        self.lock().listdir(path)
    }

    fn remove(&mut self, path: &str) -> FsResult<()> {
        self.lock().remove(path)
    }

    fn rename(&mut self, from: &str, to: &str) -> FsResult<()> {
        self.lock().rename(from, to)
    }

    fn mkdir(&mut self, path: &str) -> FsResult<()> {
        self.lock().mkdir(path)
    }

    fn rmdir(&mut self, path: &str) -> FsResult<()> {
        self.lock().rmdir(path)
    }

    fn statvfs(&mut self, path: &str) -> FsResult<StatVfs> {
        self.lock().statvfs(path)
    }
}
