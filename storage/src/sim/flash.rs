//! The simulated NOR flash device.
//!
//! Invariants: the image length is a whole number of sectors; after a power cut every operation
//! fails with [`SimError::PowerCut`] and the image no longer changes.

extern crate std;

use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;
use std::vec;
use std::vec::Vec;

use embedded_storage_async::nor_flash::{
    ErrorType, MultiwriteNorFlash, NorFlash, NorFlashError, NorFlashErrorKind, ReadNorFlash,
};

/// Sector (erase unit) size of the simulated flash, as on the ESP32's SPI flash.
pub const ERASE_SIZE: usize = 4096;
/// Program unit of the simulated flash, as `esp-storage` exposes it.
pub const WRITE_SIZE: usize = 4;

/// Why a simulated flash operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SimError {
    /// The range reaches past the end of the flash.
    OutOfBounds,
    /// The offset or length is not a multiple of the operation's unit.
    NotAligned,
    /// A program tried to turn a 0 bit back into 1 (only an erase can).
    ProgramsOne,
    /// Power was cut: this and every later operation fail.
    PowerCut,
    /// The backing image file could not be written.
    File,
}

impl NorFlashError for SimError {
    fn kind(&self) -> NorFlashErrorKind {
        match self {
            SimError::OutOfBounds => NorFlashErrorKind::OutOfBounds,
            SimError::NotAligned => NorFlashErrorKind::NotAligned,
            _ => NorFlashErrorKind::Other,
        }
    }
}

/// One program or erase, as recorded by [`SimFlash::record_operations`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FlashOp {
    /// Program `data` at `offset`.
    Program {
        /// Byte offset.
        offset: u32,
        /// The bytes programmed.
        data: Vec<u8>,
    },
    /// Erase the sector starting at `offset`.
    Erase {
        /// Byte offset of the sector.
        offset: u32,
    },
}

/// Operation counts of one sector.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SectorStats {
    /// Read operations that touched the sector.
    pub reads: u64,
    /// Bytes read from the sector.
    pub bytes_read: u64,
    /// Program operations that touched the sector.
    pub writes: u64,
    /// Bytes programmed in the sector.
    pub bytes_written: u64,
    /// Times the sector was erased.
    pub erases: u64,
}

/// A RAM-backed NOR flash, optionally mirrored to an image file.
pub struct SimFlash {
    data: Vec<u8>,
    file: Option<File>,
    stats: Vec<SectorStats>,
    /// Programs and erases done so far (the index the next one gets).
    ops: u64,
    cut_at: Option<u64>,
    tear: bool,
    rng: u64,
    dead: bool,
    log: Option<Vec<FlashOp>>,
}

impl SimFlash {
    /// An erased flash of `size` bytes (rounded down to whole sectors).
    pub fn new(size: usize) -> Self {
        Self::from_image(vec![0xFF; size - size % ERASE_SIZE])
    }

    /// A flash holding `image` (truncated to whole sectors).
    pub fn from_image(mut image: Vec<u8>) -> Self {
        image.truncate(image.len() - image.len() % ERASE_SIZE);
        let sectors = image.len() / ERASE_SIZE;
        SimFlash {
            data: image,
            file: None,
            stats: vec![SectorStats::default(); sectors],
            ops: 0,
            cut_at: None,
            tear: false,
            rng: 0x9E37_79B9_7F4A_7C15,
            dead: false,
            log: None,
        }
    }

    /// A flash backed by the image file at `path`; programs and erases are written through.
    pub fn open_file(path: &Path) -> std::io::Result<Self> {
        let image = std::fs::read(path)?;
        if image.is_empty() || !image.len().is_multiple_of(ERASE_SIZE) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "image size is not a whole number of 4 KiB sectors",
            ));
        }
        let file = std::fs::OpenOptions::new().write(true).open(path)?;
        let mut flash = Self::from_image(image);
        flash.file = Some(file);
        Ok(flash)
    }

    /// Creates an erased image file of `size` bytes at `path` and opens it.
    pub fn create_file(path: &Path, size: usize) -> std::io::Result<Self> {
        if size == 0 || !size.is_multiple_of(ERASE_SIZE) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "size is not a whole number of 4 KiB sectors",
            ));
        }
        std::fs::write(path, vec![0xFF; size])?;
        Self::open_file(path)
    }

    /// Cuts power at program/erase number `index` (0-based, counted from now). With `tear`, that
    /// operation is left half done; without, it does not happen at all.
    pub fn cut_power_at(&mut self, index: u64, tear: bool, seed: u64) {
        self.cut_at = Some(self.ops + index);
        self.tear = tear;
        self.rng = seed | 1;
    }

    /// Starts recording every program and erase, so that a run can be replayed up to any
    /// operation (see [`SimFlash::apply`]).
    pub fn record_operations(&mut self) {
        self.log = Some(Vec::new());
    }

    /// The operations recorded so far.
    pub fn take_log(&mut self) -> Vec<FlashOp> {
        self.log.take().unwrap_or_default()
    }

    /// Performs a recorded operation (subject to any power cut set up).
    pub fn apply(&mut self, op: &FlashOp) -> Result<(), SimError> {
        match op {
            FlashOp::Program { offset, data } => self.program(*offset as usize, data),
            FlashOp::Erase { offset } => {
                let from = *offset as usize;
                self.erase_range(from, from + ERASE_SIZE)
            }
        }
    }

    /// Whether power has been cut.
    pub fn is_cut(&self) -> bool {
        self.dead
    }

    /// Programs and erases done so far.
    pub fn operations(&self) -> u64 {
        self.ops
    }

    /// The flash contents.
    pub fn image(&self) -> &[u8] {
        &self.data
    }

    /// Per-sector operation counts.
    pub fn sector_stats(&self) -> &[SectorStats] {
        &self.stats
    }

    /// Sum of the per-sector counts.
    pub fn total_stats(&self) -> SectorStats {
        self.stats
            .iter()
            .fold(SectorStats::default(), |a, s| SectorStats {
                reads: a.reads + s.reads,
                bytes_read: a.bytes_read + s.bytes_read,
                writes: a.writes + s.writes,
                bytes_written: a.bytes_written + s.bytes_written,
                erases: a.erases + s.erases,
            })
    }

    /// Replaces the operation counts (to carry them over to a flash rebuilt from an image).
    pub fn set_sector_stats(&mut self, stats: &[SectorStats]) {
        for (mine, theirs) in self.stats.iter_mut().zip(stats) {
            *mine = *theirs;
        }
    }

    /// Zeroes the operation counts.
    pub fn reset_stats(&mut self) {
        self.stats
            .iter_mut()
            .for_each(|s| *s = SectorStats::default());
    }

    fn next_random(&mut self) -> u64 {
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        self.rng
    }

    fn check(&self, offset: usize, len: usize, unit: usize) -> Result<(), SimError> {
        if self.dead {
            return Err(SimError::PowerCut);
        }
        if !offset.is_multiple_of(unit) || !len.is_multiple_of(unit) {
            return Err(SimError::NotAligned);
        }
        match offset.checked_add(len) {
            Some(end) if end <= self.data.len() => Ok(()),
            _ => Err(SimError::OutOfBounds),
        }
    }

    /// Counts a program or erase; true when power dies during this one.
    fn start_operation(&mut self) -> bool {
        let index = self.ops;
        self.ops += 1;
        if self.cut_at == Some(index) {
            self.dead = true;
        }
        self.dead
    }

    fn sectors(offset: usize, len: usize) -> core::ops::Range<usize> {
        offset / ERASE_SIZE..(offset + len.max(1)).div_ceil(ERASE_SIZE)
    }

    fn persist(&mut self, offset: usize, len: usize) -> Result<(), SimError> {
        if let Some(file) = self.file.as_mut() {
            file.seek(SeekFrom::Start(offset as u64))
                .and_then(|_| file.write_all(&self.data[offset..offset + len]))
                .map_err(|_| SimError::File)?;
        }
        Ok(())
    }

    fn program(&mut self, offset: usize, bytes: &[u8]) -> Result<(), SimError> {
        self.check(offset, bytes.len(), WRITE_SIZE)?;
        let target = &self.data[offset..offset + bytes.len()];
        if target.iter().zip(bytes).any(|(&old, &new)| new & !old != 0) {
            return Err(SimError::ProgramsOne);
        }
        if let Some(log) = self.log.as_mut() {
            log.push(FlashOp::Program {
                offset: offset as u32,
                data: bytes.to_vec(),
            });
        }
        let dies = self.start_operation();
        let written = if dies && self.tear {
            (self.next_random() as usize) % (bytes.len() + 1)
        } else if dies {
            0
        } else {
            bytes.len()
        };
        for (old, new) in self.data[offset..offset + written].iter_mut().zip(bytes) {
            *old &= *new;
        }
        if dies && self.tear && written < bytes.len() {
            // The byte being programmed when power died holds some of its new zero bits.
            let partial = bytes[written] | (self.next_random() as u8);
            self.data[offset + written] &= partial;
        }
        for sector in Self::sectors(offset, bytes.len()) {
            let s = &mut self.stats[sector];
            s.writes += 1;
            let start = offset.max(sector * ERASE_SIZE);
            let end = (offset + bytes.len()).min((sector + 1) * ERASE_SIZE);
            s.bytes_written += (end - start) as u64;
        }
        self.persist(offset, bytes.len())?;
        if dies {
            return Err(SimError::PowerCut);
        }
        Ok(())
    }

    fn erase_range(&mut self, from: usize, to: usize) -> Result<(), SimError> {
        if to < from {
            return Err(SimError::OutOfBounds);
        }
        self.check(from, to - from, ERASE_SIZE)?;
        for sector in from / ERASE_SIZE..to / ERASE_SIZE {
            let start = sector * ERASE_SIZE;
            if let Some(log) = self.log.as_mut() {
                log.push(FlashOp::Erase {
                    offset: start as u32,
                });
            }
            let dies = self.start_operation();
            let erased = if dies && self.tear {
                (self.next_random() as usize) % (ERASE_SIZE + 1)
            } else if dies {
                0
            } else {
                ERASE_SIZE
            };
            self.data[start..start + erased].fill(0xFF);
            self.stats[sector].erases += 1;
            self.persist(start, ERASE_SIZE)?;
            if dies {
                return Err(SimError::PowerCut);
            }
        }
        Ok(())
    }
}

impl ErrorType for SimFlash {
    type Error = SimError;
}

impl ReadNorFlash for SimFlash {
    const READ_SIZE: usize = 1;

    async fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), SimError> {
        let offset = offset as usize;
        self.check(offset, bytes.len(), 1)?;
        bytes.copy_from_slice(&self.data[offset..offset + bytes.len()]);
        for sector in Self::sectors(offset, bytes.len()) {
            let start = offset.max(sector * ERASE_SIZE);
            let end = (offset + bytes.len()).min((sector + 1) * ERASE_SIZE);
            self.stats[sector].reads += 1;
            self.stats[sector].bytes_read += (end - start) as u64;
        }
        Ok(())
    }

    fn capacity(&self) -> usize {
        self.data.len()
    }
}

impl NorFlash for SimFlash {
    const WRITE_SIZE: usize = WRITE_SIZE;
    const ERASE_SIZE: usize = ERASE_SIZE;

    async fn erase(&mut self, from: u32, to: u32) -> Result<(), SimError> {
        self.erase_range(from as usize, to as usize)
    }

    async fn write(&mut self, offset: u32, bytes: &[u8]) -> Result<(), SimError> {
        self.program(offset as usize, bytes)
    }
}

impl MultiwriteNorFlash for SimFlash {}

#[cfg(test)]
mod tests {
    use super::*;
    use embassy_futures::block_on;

    #[test]
    fn programs_only_clear_bits() {
        let mut f = SimFlash::new(2 * ERASE_SIZE);
        block_on(f.write(0, &[0x0F, 0xF0, 0xFF, 0x00])).unwrap();
        assert_eq!(&f.image()[..4], &[0x0F, 0xF0, 0xFF, 0x00]);
        assert_eq!(block_on(f.write(0, &[0xFF; 4])), Err(SimError::ProgramsOne));
        block_on(f.write(0, &[0x0E, 0x00, 0xFF, 0x00])).unwrap();
        assert_eq!(&f.image()[..4], &[0x0E, 0x00, 0xFF, 0x00]);
    }

    #[test]
    fn enforces_alignment_and_bounds() {
        let mut f = SimFlash::new(2 * ERASE_SIZE);
        assert_eq!(block_on(f.write(2, &[0; 4])), Err(SimError::NotAligned));
        assert_eq!(block_on(f.write(0, &[0; 3])), Err(SimError::NotAligned));
        assert_eq!(block_on(f.erase(0, 100)), Err(SimError::NotAligned));
        let end = 2 * ERASE_SIZE as u32;
        assert_eq!(block_on(f.write(end, &[0; 4])), Err(SimError::OutOfBounds));
    }

    #[test]
    fn erase_resets_a_sector_and_is_counted() {
        let mut f = SimFlash::new(2 * ERASE_SIZE);
        block_on(f.write(ERASE_SIZE as u32, &[0; 8])).unwrap();
        block_on(f.erase(ERASE_SIZE as u32, 2 * ERASE_SIZE as u32)).unwrap();
        assert!(f.image().iter().all(|&b| b == 0xFF));
        assert_eq!(f.sector_stats()[1].erases, 1);
        assert_eq!(f.sector_stats()[1].writes, 1);
        assert_eq!(f.sector_stats()[1].bytes_written, 8);
        assert_eq!(f.sector_stats()[0], SectorStats::default());
    }

    #[test]
    fn power_cut_stops_the_nth_operation_and_all_later_ones() {
        let mut f = SimFlash::new(2 * ERASE_SIZE);
        f.cut_power_at(1, false, 1);
        block_on(f.write(0, &[0; 4])).unwrap();
        assert_eq!(block_on(f.write(4, &[0; 4])), Err(SimError::PowerCut));
        assert_eq!(&f.image()[4..8], &[0xFF; 4]);
        assert_eq!(
            block_on(f.erase(0, ERASE_SIZE as u32)),
            Err(SimError::PowerCut)
        );
        assert_eq!(&f.image()[..4], &[0; 4]);
    }

    #[test]
    fn torn_program_writes_a_prefix() {
        let torn = (0..64u64).any(|seed| {
            let mut f = SimFlash::new(ERASE_SIZE);
            f.cut_power_at(0, true, seed);
            assert!(block_on(f.write(0, &[0; 64])).is_err());
            let zeros = f.image()[..64].iter().filter(|&&b| b == 0).count();
            zeros > 0 && zeros < 64
        });
        assert!(torn);
    }

    #[test]
    fn recorded_operations_replay_to_the_same_image() {
        let mut f = SimFlash::new(2 * ERASE_SIZE);
        f.record_operations();
        block_on(f.write(8, &[1, 2, 3, 4])).unwrap();
        block_on(f.erase(0, ERASE_SIZE as u32)).unwrap();
        block_on(f.write(4100, &[9; 8])).unwrap();
        let log = f.take_log();
        assert_eq!(log.len(), 3);
        let mut g = SimFlash::new(2 * ERASE_SIZE);
        for op in &log {
            g.apply(op).unwrap();
        }
        assert_eq!(g.image(), f.image());
    }

    #[test]
    fn file_backed_flash_writes_through() {
        let path = std::env::temp_dir().join(std::format!("mote-sim-{}.img", std::process::id()));
        let mut f = SimFlash::create_file(&path, 2 * ERASE_SIZE).unwrap();
        block_on(f.write(8, &[1, 2, 3, 4])).unwrap();
        drop(f);
        let g = SimFlash::open_file(&path).unwrap();
        assert_eq!(&g.image()[8..12], &[1, 2, 3, 4]);
        std::fs::remove_file(&path).unwrap();
    }
}
