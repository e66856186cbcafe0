//! [`FlashFs`]: the VM's [`FileSystem`] over a mounted `mote_storage::Fs`.
//!
//! The storage API is async; the VM calls its filesystem synchronously between two
//! instructions, so each operation is driven to completion with `embassy_futures::block_on`
//! (flash operations finish without waiting on other tasks: the simulated flash completes at
//! once, a board's driver busy-waits on its controller). VM descriptors index a table of
//! storage descriptors, as many as the storage has slots.

use alloc::string::String;
use alloc::vec::Vec;
use embassy_futures::block_on;
use embedded_storage_async::nor_flash::MultiwriteNorFlash;
use mote_storage::{Error, Fd, Fs, Kind, OpenOptions, SeekFrom, MAX_NAME_LEN};
use mote_vm::fs::{
    DirEntry, FileSystem, FsError, FsResult, OpenMode, Stat, StatVfs, Whence, EBADF, EINVAL, EMFILE,
};

/// The VM's filesystem over flash filesystem `Fs<F, N>`.
pub struct FlashFs<F: MultiwriteNorFlash, const N: usize = 4> {
    fs: Fs<F, N>,
    fds: [Option<Fd>; N],
}

fn err(e: Error) -> FsError {
    FsError(e.errno())
}

impl<F: MultiwriteNorFlash, const N: usize> FlashFs<F, N> {
    /// Serve the mounted (or freshly formatted) filesystem `fs`.
    pub fn new(fs: Fs<F, N>) -> Self {
        FlashFs { fs, fds: [None; N] }
    }

    /// The filesystem, e.g. to unmount it after the VM is gone.
    pub fn into_inner(self) -> Fs<F, N> {
        self.fs
    }

    /// Close every open file (a soft reset: the VM that held them is gone, as on MicroPython
    /// where the reset's collection closes them).
    pub fn close_all(&mut self) {
        for slot in &mut self.fds {
            if let Some(fd) = slot.take() {
                // A file that fails to close has nothing more to lose.
                let _ = block_on(self.fs.close(fd));
            }
        }
    }

    /// The filesystem, to inspect it while the VM runs.
    pub fn inner(&mut self) -> &mut Fs<F, N> {
        &mut self.fs
    }

    fn fd(&self, fd: u32) -> FsResult<Fd> {
        self.fds
            .get(fd as usize)
            .copied()
            .flatten()
            .ok_or(FsError(EBADF))
    }
}

impl<F: MultiwriteNorFlash, const N: usize> FileSystem for FlashFs<F, N> {
    fn open(&mut self, path: &str, mode: OpenMode) -> FsResult<u32> {
        let slot = self
            .fds
            .iter()
            .position(Option::is_none)
            .ok_or(FsError(EMFILE))?;
        let options = OpenOptions {
            read: mode.read,
            write: mode.write,
            append: mode.append,
            create: mode.create,
            exclusive: mode.exclusive,
            truncate: mode.truncate,
        };
        let fd = block_on(self.fs.open(path, options)).map_err(err)?;
        self.fds[slot] = Some(fd);
        Ok(slot as u32)
    }

    fn read(&mut self, fd: u32, buf: &mut [u8]) -> FsResult<usize> {
        let fd = self.fd(fd)?;
        block_on(self.fs.read(fd, buf)).map_err(err)
    }

    fn write(&mut self, fd: u32, data: &[u8]) -> FsResult<usize> {
        let fd = self.fd(fd)?;
        let mut done = 0;
        while done < data.len() {
            let n = block_on(self.fs.write(fd, &data[done..])).map_err(err)?;
            if n == 0 {
                return Err(FsError(mote_vm::fs::ENOSPC));
            }
            done += n;
        }
        Ok(done)
    }

    fn seek(&mut self, fd: u32, offset: i64, whence: Whence) -> FsResult<u64> {
        let fd = self.fd(fd)?;
        let to = match whence {
            Whence::Start => SeekFrom::Start(u32::try_from(offset).map_err(|_| FsError(EINVAL))?),
            Whence::Current => SeekFrom::Current(offset),
            Whence::End => SeekFrom::End(offset),
        };
        self.fs.seek(fd, to).map(u64::from).map_err(err)
    }

    fn tell(&mut self, fd: u32) -> FsResult<u64> {
        let fd = self.fd(fd)?;
        self.fs.tell(fd).map(u64::from).map_err(err)
    }

    fn flush(&mut self, fd: u32) -> FsResult<()> {
        let fd = self.fd(fd)?;
        block_on(self.fs.flush(fd)).map_err(err)
    }

    fn close(&mut self, fd: u32) -> FsResult<()> {
        let inner = self.fd(fd)?;
        self.fds[fd as usize] = None;
        block_on(self.fs.close(inner)).map_err(err)
    }

    fn stat(&mut self, path: &str) -> FsResult<Stat> {
        let m = block_on(self.fs.stat(path)).map_err(err)?;
        Ok(Stat {
            is_dir: m.kind == Kind::Dir,
            size: u64::from(m.size),
            mtime: 0,
        })
    }

    fn listdir(&mut self, path: &str) -> FsResult<Vec<DirEntry>> {
        let mut cursor = block_on(self.fs.open_dir(path)).map_err(err)?;
        let mut names: Vec<(String, bool)> = Vec::new();
        while let Some(e) = block_on(self.fs.next_entry(&mut cursor)).map_err(err)? {
            names.push((String::from(e.name.as_str()), e.kind == Kind::Dir));
        }
        let mut out = Vec::with_capacity(names.len());
        for (name, is_dir) in names {
            let size = if is_dir {
                0
            } else {
                let mut full = String::from(path.trim_end_matches('/'));
                full.push('/');
                full.push_str(&name);
                block_on(self.fs.stat(&full)).map_or(0, |m| u64::from(m.size))
            };
            out.push(DirEntry { name, is_dir, size });
        }
        Ok(out)
    }

    fn remove(&mut self, path: &str) -> FsResult<()> {
        block_on(self.fs.remove(path)).map_err(err)
    }

    fn rename(&mut self, from: &str, to: &str) -> FsResult<()> {
        block_on(self.fs.rename(from, to)).map_err(err)
    }

    fn mkdir(&mut self, path: &str) -> FsResult<()> {
        block_on(self.fs.mkdir(path)).map_err(err)
    }

    fn rmdir(&mut self, path: &str) -> FsResult<()> {
        block_on(self.fs.rmdir(path)).map_err(err)
    }

    fn statvfs(&mut self, path: &str) -> FsResult<StatVfs> {
        block_on(self.fs.stat(path)).map_err(err)?;
        let s = block_on(self.fs.statvfs()).map_err(err)?;
        let bsize = u64::from(s.block_size.max(1));
        Ok(StatVfs {
            bsize,
            frsize: bsize,
            blocks: u64::from(s.total_bytes) / bsize,
            bfree: u64::from(s.free_bytes) / bsize,
            bavail: u64::from(s.free_bytes) / bsize,
            files: 0,
            ffree: 0,
            favail: 0,
            flag: 0,
            namemax: MAX_NAME_LEN as u64,
        })
    }
}
