//! The geometry record: where the map's pages and the data region lie, kept in the first
//! sector of the partition, outside the map (the map cannot be read before it is known).
//!
//! The sector is a row of slots. Format writes slot 0; each growth of the map writes the next
//! erased slot with the whole new geometry; the last valid slot is the geometry. A slot is
//! written only when all of it reads erased and is read back after writing, so a torn write
//! (a slot failing its CRC) is skipped, never written over, and the record before it stays in
//! force: the write of a slot is the commit of a growth.

use embedded_storage_async::nor_flash::NorFlash;

use crate::alloc::STAGE;
use crate::error::{Error, Result};
use crate::region;
use crate::ring::{Ring, MAX_RING_RUNS};

/// Identifies a version 4 or 5 partition in the first bytes of its first sector.
const GEOMETRY_MAGIC: u32 = 0x4F45_474D;
/// Bytes of one slot (more when the flash's units are larger).
const SLOT: usize = 256;
/// Bytes of the largest record: magic, data region, run count, runs, CRC.
const RECORD_MAX: usize = 4 + 4 + 1 + 4 * MAX_RING_RUNS + 4;
/// The record buffer: [`RECORD_MAX`] rounded up to the largest program unit supported.
const RECORD_BUF: usize = RECORD_MAX.div_ceil(STAGE) * STAGE;
const _: () = assert!(RECORD_BUF <= SLOT);

/// Where everything lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Geometry {
    /// First sector of the data region.
    pub data_first: u16,
    /// Sectors of the data region (some of which the map may have taken).
    pub data_count: u16,
    /// The map's pages.
    pub ring: Ring,
}

fn slot_size<F: NorFlash>() -> usize {
    SLOT.max(F::WRITE_SIZE).max(F::READ_SIZE)
}

/// Slots in the geometry sector.
pub(crate) fn slots<F: NorFlash>() -> usize {
    F::ERASE_SIZE / slot_size::<F>()
}

/// CRC-32 (IEEE), bitwise: records are short and rare.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

impl Geometry {
    fn encode(&self, out: &mut [u8; RECORD_BUF]) -> usize {
        let runs = self.ring.runs();
        out[..4].copy_from_slice(&GEOMETRY_MAGIC.to_le_bytes());
        out[4..6].copy_from_slice(&self.data_first.to_le_bytes());
        out[6..8].copy_from_slice(&self.data_count.to_le_bytes());
        out[8] = runs.len() as u8;
        let mut at = 9;
        for &(first, len) in runs {
            out[at..at + 2].copy_from_slice(&first.to_le_bytes());
            out[at + 2..at + 4].copy_from_slice(&len.to_le_bytes());
            at += 4;
        }
        let crc = crc32(&out[..at]);
        out[at..at + 4].copy_from_slice(&crc.to_le_bytes());
        at + 4
    }

    /// Decodes a slot of a partition of `sectors` sectors; `None` if it is not a valid record.
    fn decode(b: &[u8], sectors: u32) -> Option<Self> {
        let u16_at = |at: usize| Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?));
        if b.get(..4)? != GEOMETRY_MAGIC.to_le_bytes() {
            return None;
        }
        let count = usize::from(*b.get(8)?);
        if count > MAX_RING_RUNS {
            return None;
        }
        let end = 9 + 4 * count;
        let crc = u32::from_le_bytes(b.get(end..end + 4)?.try_into().ok()?);
        if crc != crc32(b.get(..end)?) {
            return None;
        }
        let mut runs = [(0u16, 0u16); MAX_RING_RUNS];
        for (i, run) in runs[..count].iter_mut().enumerate() {
            *run = (u16_at(9 + 4 * i)?, u16_at(11 + 4 * i)?);
        }
        let data_first = u16_at(4)?;
        let data_count = u16_at(6)?;
        let data_end = u32::from(data_first) + u32::from(data_count);
        if data_first == 0 || data_end > sectors {
            return None;
        }
        let ring = Ring::from_runs(&runs[..count], sectors, true)?;
        Some(Geometry {
            data_first,
            data_count,
            ring,
        })
    }
}

/// Reads the geometry sector of a partition of `sectors` sectors: the geometry and the first
/// slot after the last one written, or `None` when the sector does not start a version 4 or 5
/// partition. A sector that starts one but holds no valid record is [`Error::Corrupt`].
pub(crate) async fn read<F: NorFlash>(
    flash: &mut F,
    sectors: u32,
) -> Result<Option<(Geometry, usize)>> {
    let mut slot = [0u8; RECORD_BUF];
    region::read(flash, 0, &mut slot[..4]).await?;
    if slot[..4] != GEOMETRY_MAGIC.to_le_bytes() {
        return Ok(None);
    }
    let mut found = None;
    let mut next = slots::<F>();
    for i in 0..slots::<F>() {
        let addr = (i * slot_size::<F>()) as u32;
        if is_erased(flash, addr).await? {
            next = i;
            break;
        }
        region::read(flash, addr, &mut slot).await?;
        if let Some(g) = Geometry::decode(&slot, sectors) {
            found = Some(g);
        }
    }
    found.map(|g| Some((g, next))).ok_or(Error::Corrupt)
}

/// Whether the whole slot at `addr` reads erased (slots larger than [`SLOT`] included).
async fn is_erased<F: NorFlash>(flash: &mut F, addr: u32) -> Result<bool> {
    let mut chunk = [0u8; STAGE];
    let mut at = 0;
    while at < slot_size::<F>() {
        region::read(flash, addr + at as u32, &mut chunk).await?;
        if chunk.iter().any(|&b| b != 0xFF) {
            return Ok(false);
        }
        at += STAGE;
    }
    Ok(true)
}

/// Writes `geometry` in the first erased slot from `slot` on and checks it reads back;
/// returns the slot after it. [`Error::NoSpace`] when no slot is left.
pub(crate) async fn append<F: NorFlash>(
    flash: &mut F,
    geometry: &Geometry,
    mut slot: usize,
) -> Result<usize> {
    let mut record = [0xFFu8; RECORD_BUF];
    let len = geometry.encode(&mut record);
    let len = len.div_ceil(F::WRITE_SIZE.max(1)) * F::WRITE_SIZE.max(1);
    while slot < slots::<F>() {
        let addr = (slot * slot_size::<F>()) as u32;
        slot += 1;
        if !is_erased(flash, addr).await? {
            continue;
        }
        flash
            .write(addr, &record[..len])
            .await
            .map_err(|_| Error::Io)?;
        let mut back = [0u8; STAGE];
        for (i, piece) in record[..len].chunks(STAGE).enumerate() {
            let back = &mut back[..piece.len()];
            region::read(flash, addr + (i * STAGE) as u32, back).await?;
            if back != piece {
                return Err(Error::Io);
            }
        }
        return Ok(slot);
    }
    Err(Error::NoSpace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip_and_reject_damage() {
        let mut ring = Ring::contiguous(1, 95);
        assert!(ring.insert(40, 200, 16));
        let g = Geometry {
            data_first: 96,
            data_count: 160,
            ring,
        };
        let mut buf = [0xFF; RECORD_BUF];
        let n = g.encode(&mut buf);
        assert_eq!(Geometry::decode(&buf, 256), Some(g));
        assert_eq!(Geometry::decode(&buf, 200), None);
        buf[n - 1] ^= 1;
        assert_eq!(Geometry::decode(&buf, 256), None);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }
}
