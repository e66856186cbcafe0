//! [`PartitionFlash`]: one partition of the chip's SPI flash as the async NOR flash the
//! filesystem wants.
//!
//! `esp-storage` drives the flash controller synchronously (it busy-waits with the cache off,
//! a few milliseconds for a sector erase); the filesystem is async over
//! `embedded-storage-async`. The operations here finish before they return, which is what
//! [`crate::fs::FlashFs`] expects of a board's driver. Addresses are partition-relative and
//! checked against the partition, so the filesystem can never write over the bootloader, the
//! partition table or the firmware.
//!
//! The driver itself lives in one place ([`install`]); a [`PartitionFlash`] is a handle on one
//! partition of it, so a filesystem that fails to mount (and takes its handle down with it)
//! can be formatted through a fresh handle.

use core::cell::RefCell;
use embassy_sync::blocking_mutex::raw::CriticalSectionRawMutex;
use embassy_sync::blocking_mutex::Mutex;
use embedded_storage_async::nor_flash::{
    ErrorType, MultiwriteNorFlash, NorFlash, NorFlashError, NorFlashErrorKind, ReadNorFlash,
};
use esp_bootloader_esp_idf::partitions::{self, PartitionType, PARTITION_TABLE_MAX_LEN};
use esp_storage::{FlashStorage, FlashStorageError};

/// The label of the filesystem's data partition in mote's partition table
/// (`firmware/partitions.csv`).
pub const FS_LABEL: &str = "mote_fs";

/// The chip's flash driver, once [`install`]ed.
static DRIVER: Mutex<CriticalSectionRawMutex, RefCell<Option<FlashStorage<'static>>>> =
    Mutex::new(RefCell::new(None));

/// Hand the chip's flash driver over for [`PartitionFlash`] handles to use.
pub fn install(flash: FlashStorage<'static>) {
    DRIVER.lock(|driver| *driver.borrow_mut() = Some(flash));
}

/// Run `op` on the installed driver.
fn with_driver<R>(
    op: impl FnOnce(&mut FlashStorage<'static>) -> Result<R, FlashStorageError>,
) -> Result<R, FlashError> {
    DRIVER.lock(|driver| match driver.borrow_mut().as_mut() {
        Some(flash) => op(flash).map_err(FlashError::from),
        None => Err(FlashError::Other),
    })
}

/// A flash operation that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlashError {
    /// Outside the partition.
    OutOfBounds,
    /// Not aligned to the operation's unit.
    NotAligned,
    /// The controller reported an error.
    Other,
}

impl NorFlashError for FlashError {
    fn kind(&self) -> NorFlashErrorKind {
        match self {
            FlashError::OutOfBounds => NorFlashErrorKind::OutOfBounds,
            FlashError::NotAligned => NorFlashErrorKind::NotAligned,
            FlashError::Other => NorFlashErrorKind::Other,
        }
    }
}

impl From<FlashStorageError> for FlashError {
    fn from(e: FlashStorageError) -> FlashError {
        match e {
            FlashStorageError::OutOfBounds => FlashError::OutOfBounds,
            FlashStorageError::NotAligned => FlashError::NotAligned,
            _ => FlashError::Other,
        }
    }
}

/// Why no filesystem partition was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartitionError {
    /// The partition table could not be read or is not valid.
    BadTable,
    /// The table has no data partition labelled [`FS_LABEL`].
    NoFsPartition,
    /// No driver was [`install`]ed.
    NoDriver,
}

/// A handle on the filesystem's partition of the chip's flash.
pub struct PartitionFlash {
    offset: u32,
    len: u32,
}

impl PartitionFlash {
    /// Find the filesystem's data partition ([`FS_LABEL`]) in the partition table.
    pub fn find() -> Result<PartitionFlash, PartitionError> {
        DRIVER.lock(|driver| {
            let mut driver = driver.borrow_mut();
            let flash = driver.as_mut().ok_or(PartitionError::NoDriver)?;
            let mut table = [0u8; PARTITION_TABLE_MAX_LEN];
            let pt = partitions::read_partition_table(flash, &mut table)
                .map_err(|_| PartitionError::BadTable)?;
            let found = pt
                .iter()
                .find(|p| {
                    matches!(p.partition_type(), PartitionType::Data(_))
                        && p.label_as_str() == FS_LABEL
                })
                .map(|p| PartitionFlash {
                    offset: p.offset(),
                    len: p.len(),
                })
                .ok_or(PartitionError::NoFsPartition);
            found
        })
    }

    /// The partition's start in the chip's flash.
    pub fn offset(&self) -> u32 {
        self.offset
    }

    /// The partition's size in bytes.
    pub fn size(&self) -> u32 {
        self.len
    }

    fn span(&self, offset: u32, len: usize) -> Result<u32, FlashError> {
        let len = u32::try_from(len).map_err(|_| FlashError::OutOfBounds)?;
        match offset.checked_add(len) {
            Some(end) if end <= self.len => Ok(self.offset + offset),
            _ => Err(FlashError::OutOfBounds),
        }
    }
}

impl ErrorType for PartitionFlash {
    type Error = FlashError;
}

impl ReadNorFlash for PartitionFlash {
    const READ_SIZE: usize = FlashStorage::READ_SIZE;

    async fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), FlashError> {
        let at = self.span(offset, bytes.len())?;
        with_driver(|flash| flash.read_nor(at, bytes))
    }

    fn capacity(&self) -> usize {
        self.len as usize
    }
}

impl NorFlash for PartitionFlash {
    const WRITE_SIZE: usize = FlashStorage::WRITE_SIZE;
    const ERASE_SIZE: usize = FlashStorage::ERASE_SIZE;

    async fn erase(&mut self, from: u32, to: u32) -> Result<(), FlashError> {
        if to < from {
            return Err(FlashError::OutOfBounds);
        }
        let start = self.span(from, (to - from) as usize)?;
        with_driver(|flash| flash.erase(start, start + (to - from)))
    }

    async fn write(&mut self, offset: u32, bytes: &[u8]) -> Result<(), FlashError> {
        let at = self.span(offset, bytes.len())?;
        with_driver(|flash| flash.write_nor(at, bytes))
    }
}

// NOR flash only clears bits: writing a word again ANDs it with what is there, which is the
// multiwrite contract the filesystem's commit marks rely on.
impl MultiwriteNorFlash for PartitionFlash {}
