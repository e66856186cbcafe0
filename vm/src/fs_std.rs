//! [`StdFs`]: the VM's [`FileSystem`] over the host's files, for `mote run` and tests. VM paths
//! are host paths (the VM hands in absolute, normalised ones); the starting directory is the
//! process's current directory or one the embedder chooses.
//!
//! Small writes are gathered per descriptor (as CPython's buffered files do) and written out
//! before any other operation on that descriptor and before any path operation, so what
//! Python observes through the VM is the same as with unbuffered writes.

extern crate std;

use crate::fs::{
    DirEntry, FileSystem, FsError, FsResult, OpenMode, Stat, StatVfs, Whence, EBADF, EINVAL, EIO,
    EISDIR,
};
use alloc::string::String;
use alloc::vec::Vec;
use std::io::{Read, Seek, SeekFrom, Write};

/// Bytes of small writes gathered before they go to the host.
const WRITE_BUFFER: usize = 8192;

struct OpenFile {
    file: std::fs::File,
    pending: Vec<u8>,
}

impl OpenFile {
    /// Write the gathered bytes out; what could not be written stays gathered, so the error
    /// comes back at the descriptor's next operation.
    fn write_out(&mut self) -> FsResult<()> {
        while !self.pending.is_empty() {
            match self.file.write(&self.pending) {
                Ok(0) => return Err(FsError(EIO)),
                Ok(n) => {
                    self.pending.drain(..n.min(self.pending.len()));
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(err(e)),
            }
        }
        Ok(())
    }
}

/// The host's files.
pub struct StdFs {
    start: String,
    files: Vec<Option<OpenFile>>,
}

impl StdFs {
    /// A filesystem starting in the process's current directory.
    pub fn new() -> StdFs {
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|p| p.to_str().map(String::from))
            .unwrap_or_else(|| String::from("/"));
        StdFs::starting_in(&cwd)
    }

    /// A filesystem whose VM starts in `dir` (absolute), e.g. a test's temporary folder.
    pub fn starting_in(dir: &str) -> StdFs {
        StdFs {
            start: crate::fs::normalize("/", dir),
            files: Vec::new(),
        }
    }

    /// The open file `fd`, its gathered writes written out.
    fn file(&mut self, fd: u32) -> FsResult<&mut std::fs::File> {
        match self.files.get_mut(fd as usize) {
            Some(Some(f)) => {
                f.write_out()?;
                Ok(&mut f.file)
            }
            _ => Err(FsError(EBADF)),
        }
    }

    /// Write out every descriptor's gathered writes before a path operation looks at files
    /// (a failure is reported by that descriptor, not by the unrelated path operation).
    fn write_out_all(&mut self) {
        for f in self.files.iter_mut().flatten() {
            let _ = f.write_out();
        }
    }
}

impl Drop for StdFs {
    fn drop(&mut self) {
        self.write_out_all();
    }
}

impl Default for StdFs {
    fn default() -> Self {
        StdFs::new()
    }
}

fn err(e: std::io::Error) -> FsError {
    FsError(e.raw_os_error().unwrap_or(EIO))
}

impl FileSystem for StdFs {
    fn initial_dir(&mut self) -> String {
        self.start.clone()
    }

    fn open(&mut self, path: &str, mode: OpenMode) -> FsResult<u32> {
        self.write_out_all();
        if std::path::Path::new(path).is_dir() {
            return Err(FsError(EISDIR));
        }
        let f = std::fs::OpenOptions::new()
            .read(mode.read)
            .write(mode.write && !mode.append)
            .append(mode.append)
            .create(mode.create && !mode.exclusive)
            .create_new(mode.exclusive)
            .truncate(mode.truncate)
            .open(path)
            .map_err(err)?;
        let f = OpenFile {
            file: f,
            pending: Vec::new(),
        };
        let slot = match self.files.iter().position(Option::is_none) {
            Some(i) => {
                self.files[i] = Some(f);
                i
            }
            None => {
                self.files.push(Some(f));
                self.files.len() - 1
            }
        };
        Ok(slot as u32)
    }

    fn read(&mut self, fd: u32, buf: &mut [u8]) -> FsResult<usize> {
        self.file(fd)?.read(buf).map_err(err)
    }

    fn write(&mut self, fd: u32, data: &[u8]) -> FsResult<usize> {
        let Some(Some(f)) = self.files.get_mut(fd as usize) else {
            return Err(FsError(EBADF));
        };
        if f.pending.len() + data.len() > WRITE_BUFFER {
            f.write_out()?;
        }
        if data.len() >= WRITE_BUFFER {
            f.file.write_all(data).map_err(err)?;
        } else {
            f.pending.extend_from_slice(data);
        }
        Ok(data.len())
    }

    fn seek(&mut self, fd: u32, offset: i64, whence: Whence) -> FsResult<u64> {
        let to = match whence {
            Whence::Start => SeekFrom::Start(u64::try_from(offset).map_err(|_| FsError(EINVAL))?),
            Whence::Current => SeekFrom::Current(offset),
            Whence::End => SeekFrom::End(offset),
        };
        self.file(fd)?.seek(to).map_err(err)
    }

    fn tell(&mut self, fd: u32) -> FsResult<u64> {
        self.file(fd)?.stream_position().map_err(err)
    }

    fn flush(&mut self, fd: u32) -> FsResult<()> {
        self.file(fd)?.flush().map_err(err)
    }

    fn close(&mut self, fd: u32) -> FsResult<()> {
        match self.files.get_mut(fd as usize).and_then(Option::take) {
            Some(mut f) => {
                f.write_out()?;
                f.file.flush().map_err(err)
            }
            None => Err(FsError(EBADF)),
        }
    }

    fn stat(&mut self, path: &str) -> FsResult<Stat> {
        self.write_out_all();
        let m = std::fs::metadata(path).map_err(err)?;
        let mtime = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        Ok(Stat {
            is_dir: m.is_dir(),
            size: m.len(),
            mtime,
        })
    }

    fn listdir(&mut self, path: &str) -> FsResult<Vec<DirEntry>> {
        self.write_out_all();
        let mut out = Vec::new();
        for e in std::fs::read_dir(path).map_err(err)? {
            let e = e.map_err(err)?;
            let m = e.metadata().map_err(err)?;
            out.push(DirEntry {
                name: e.file_name().to_string_lossy().into_owned(),
                is_dir: m.is_dir(),
                size: if m.is_dir() { 0 } else { m.len() },
            });
        }
        Ok(out)
    }

    fn remove(&mut self, path: &str) -> FsResult<()> {
        self.write_out_all();
        std::fs::remove_file(path).map_err(err)
    }

    fn rename(&mut self, from: &str, to: &str) -> FsResult<()> {
        self.write_out_all();
        std::fs::rename(from, to).map_err(err)
    }

    fn mkdir(&mut self, path: &str) -> FsResult<()> {
        self.write_out_all();
        std::fs::create_dir(path).map_err(err)
    }

    fn rmdir(&mut self, path: &str) -> FsResult<()> {
        self.write_out_all();
        std::fs::remove_dir(path).map_err(err)
    }

    fn statvfs(&mut self, path: &str) -> FsResult<StatVfs> {
        self.write_out_all();
        let c = std::ffi::CString::new(path).map_err(|_| FsError(EINVAL))?;
        // SAFETY: `c` is a NUL-terminated path and `s` a properly sized out-parameter that
        // statvfs fills in full when it returns 0.
        let mut s: libc::statvfs = unsafe { core::mem::zeroed() };
        if unsafe { libc::statvfs(c.as_ptr(), &mut s) } != 0 {
            return Err(err(std::io::Error::last_os_error()));
        }
        Ok(StatVfs {
            bsize: s.f_bsize as u64,
            frsize: s.f_frsize as u64,
            blocks: s.f_blocks as u64,
            bfree: s.f_bfree as u64,
            bavail: s.f_bavail as u64,
            files: s.f_files as u64,
            ffree: s.f_ffree as u64,
            favail: s.f_favail as u64,
            flag: s.f_flag as u64,
            namemax: s.f_namemax as u64,
        })
    }
}
