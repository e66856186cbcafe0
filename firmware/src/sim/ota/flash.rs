//! The simulated board's firmware flash: the OTA state sectors and the two app slots, in a
//! file beside the filesystem's flash image.
//!
//! A slot holds the board's whole executable (tens of MiB in a debug build), so unlike the
//! filesystem's [`mote_storage::sim::SimFlash`] this flash is not held in memory: every read,
//! program and erase goes straight to the file. Bytes are stored inverted, so the holes of a
//! sparse file read as erased (`0xFF`) flash: creating a flash of two 256 MiB slots costs no
//! disk until images are written. Semantics are NOR's: programming only clears bits, erasing
//! sets a whole sector.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::vec;

use embedded_storage_async::nor_flash::{
    ErrorType, NorFlash, NorFlashError, NorFlashErrorKind, ReadNorFlash,
};

/// Bytes per erasable sector.
pub const ERASE_SIZE: usize = 4096;
/// Bytes per program unit.
pub const WRITE_SIZE: usize = 4;

/// Why an operation on the file flash failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFlashError {
    /// Outside the flash.
    OutOfBounds,
    /// Not on a program unit or sector boundary.
    NotAligned,
    /// The file could not be read or written.
    Io(io::ErrorKind),
}

impl NorFlashError for FileFlashError {
    fn kind(&self) -> NorFlashErrorKind {
        match self {
            FileFlashError::OutOfBounds => NorFlashErrorKind::OutOfBounds,
            FileFlashError::NotAligned => NorFlashErrorKind::NotAligned,
            FileFlashError::Io(_) => NorFlashErrorKind::Other,
        }
    }
}

/// A NOR flash in a file, read and written in place.
pub struct FileFlash {
    file: File,
    capacity: usize,
}

impl FileFlash {
    /// Opens the flash file at `path`, creating it erased with `capacity` bytes when missing;
    /// `true` with it when it was created. An existing file keeps its own size.
    pub fn open_or_create(path: &Path, capacity: usize) -> io::Result<(FileFlash, bool)> {
        if capacity == 0 || !capacity.is_multiple_of(ERASE_SIZE) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "size is not a whole number of 4 KiB sectors",
            ));
        }
        let created = !path.exists();
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        if created {
            file.set_len(capacity as u64)?;
        }
        let len = file.metadata()?.len();
        let capacity = usize::try_from(len)
            .ok()
            .filter(|len| *len > 0 && len.is_multiple_of(ERASE_SIZE))
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "the firmware flash file is not a whole number of 4 KiB sectors",
                )
            })?;
        Ok((FileFlash { file, capacity }, created))
    }

    fn check(&self, offset: u32, len: usize, align: usize) -> Result<u64, FileFlashError> {
        let offset = offset as usize;
        if offset
            .checked_add(len)
            .is_none_or(|end| end > self.capacity)
        {
            return Err(FileFlashError::OutOfBounds);
        }
        if !offset.is_multiple_of(align) || !len.is_multiple_of(align) {
            return Err(FileFlashError::NotAligned);
        }
        Ok(offset as u64)
    }

    fn read_raw(&self, at: u64, bytes: &mut [u8]) -> Result<(), FileFlashError> {
        self.file
            .read_exact_at(bytes, at)
            .map_err(|e| FileFlashError::Io(e.kind()))?;
        for b in bytes.iter_mut() {
            *b = !*b;
        }
        Ok(())
    }

    fn write_raw(&self, at: u64, bytes: &mut [u8]) -> Result<(), FileFlashError> {
        for b in bytes.iter_mut() {
            *b = !*b;
        }
        self.file
            .write_all_at(bytes, at)
            .map_err(|e| FileFlashError::Io(e.kind()))
    }
}

impl ErrorType for FileFlash {
    type Error = FileFlashError;
}

impl ReadNorFlash for FileFlash {
    const READ_SIZE: usize = 1;

    async fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), FileFlashError> {
        let at = self.check(offset, bytes.len(), 1)?;
        self.read_raw(at, bytes)
    }

    fn capacity(&self) -> usize {
        self.capacity
    }
}

impl NorFlash for FileFlash {
    const WRITE_SIZE: usize = WRITE_SIZE;
    const ERASE_SIZE: usize = ERASE_SIZE;

    async fn erase(&mut self, from: u32, to: u32) -> Result<(), FileFlashError> {
        let len = to.checked_sub(from).ok_or(FileFlashError::OutOfBounds)? as usize;
        let at = self.check(from, len, ERASE_SIZE)?;
        let mut sector = vec![0xFF; ERASE_SIZE];
        for i in 0..len / ERASE_SIZE {
            sector.fill(0xFF);
            self.write_raw(at + (i * ERASE_SIZE) as u64, &mut sector)?;
        }
        Ok(())
    }

    async fn write(&mut self, offset: u32, bytes: &[u8]) -> Result<(), FileFlashError> {
        let at = self.check(offset, bytes.len(), WRITE_SIZE)?;
        // Programming clears bits only: the result is the old contents AND the new.
        let mut merged = vec![0; bytes.len()];
        self.read_raw(at, &mut merged)?;
        for (m, b) in merged.iter_mut().zip(bytes) {
            *m &= *b;
        }
        self.write_raw(at, &mut merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use embassy_futures::block_on;

    #[test]
    fn a_new_flash_is_erased_sparse_and_behaves_like_nor() {
        let dir = std::env::temp_dir().join(std::format!("mote-fileflash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("fw.flash");
        let _ = std::fs::remove_file(&path);
        let (mut flash, created) = FileFlash::open_or_create(&path, 64 << 20).unwrap();
        assert!(created);
        use std::os::unix::fs::MetadataExt;
        assert!(
            std::fs::metadata(&path).unwrap().blocks() < 64,
            "a new flash takes no disk"
        );
        let mut buf = [0u8; 8];
        block_on(flash.read(4096 * 100, &mut buf)).unwrap();
        assert_eq!(buf, [0xFF; 8]);
        block_on(flash.write(8, &[0xF0, 0x0F, 0xAA, 0x55])).unwrap();
        block_on(flash.write(8, &[0x3C, 0xFF, 0xFF, 0x00])).unwrap();
        let mut four = [0u8; 4];
        block_on(flash.read(8, &mut four)).unwrap();
        assert_eq!(four, [0x30, 0x0F, 0xAA, 0x00]);
        assert_eq!(
            block_on(flash.write(6, &[0; 4])),
            Err(FileFlashError::NotAligned)
        );
        assert_eq!(
            block_on(flash.read(64 << 20, &mut four)),
            Err(FileFlashError::OutOfBounds)
        );
        drop(flash);
        let (mut flash, created) = FileFlash::open_or_create(&path, 4096).unwrap();
        assert!(!created);
        assert_eq!(flash.capacity(), 64 << 20);
        block_on(flash.read(8, &mut four)).unwrap();
        assert_eq!(four, [0x30, 0x0F, 0xAA, 0x00]);
        block_on(flash.erase(0, 4096)).unwrap();
        block_on(flash.read(8, &mut four)).unwrap();
        assert_eq!(four, [0xFF; 4]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
