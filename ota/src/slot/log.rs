//! The boot-state log: records appended in two sectors used in turn.
//!
//! The state is the valid record with the highest sequence number. A new record goes after the
//! last programmed one in the sector holding the state; when that sector is full, the other
//! sector is erased and the record goes to its start. A cut while programming leaves a record
//! whose CRC fails (ignored, and skipped by the next append); a cut while erasing leaves the
//! full sector, and the state in it, untouched. Either way the previous state stands.

use embedded_storage_async::nor_flash::NorFlash;

use super::layout::{PAGE_LEN, RECORD_LEN};
use super::state::BootState;

/// What a scan of the two state sectors found.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scan {
    latest: Option<(u32, BootState)>,
    sector: u32,
    next: u32,
}

impl Scan {
    /// The current state ([`BootState::INITIAL`] on a flash with no valid record).
    pub(crate) fn state(&self) -> BootState {
        self.latest.map_or(BootState::INITIAL, |(_, s)| s)
    }
}

/// Reads both state sectors at `base`.
pub(crate) async fn scan<F: NorFlash>(flash: &mut F, base: u32) -> Result<Scan, F::Error> {
    let mut latest: Option<(u32, BootState, u32)> = None;
    let mut last_used: [Option<u32>; 2] = [None, None];
    let per_sector = (F::ERASE_SIZE / RECORD_LEN) as u32;
    let mut block = [0u8; PAGE_LEN];
    for sector in 0..2u32 {
        let start = base + sector * F::ERASE_SIZE as u32;
        for page in 0..(F::ERASE_SIZE / PAGE_LEN) as u32 {
            flash
                .read(start + page * PAGE_LEN as u32, &mut block)
                .await?;
            for (i, record) in block.chunks_exact(RECORD_LEN).enumerate() {
                if record.iter().all(|&b| b == 0xFF) {
                    continue;
                }
                let index = page * (PAGE_LEN / RECORD_LEN) as u32 + i as u32;
                last_used[sector as usize] = Some(index);
                let mut r = [0u8; RECORD_LEN];
                r.copy_from_slice(record);
                if let Some((seq, state)) = BootState::decode(&r) {
                    if latest.is_none_or(|(best, _, _)| seq > best) {
                        latest = Some((seq, state, sector));
                    }
                }
            }
        }
    }
    let sector = latest.map_or(0, |(_, _, s)| s);
    let next = last_used[sector as usize].map_or(0, |i| i + 1);
    debug_assert!(next <= per_sector);
    Ok(Scan {
        latest: latest.map(|(seq, state, _)| (seq, state)),
        sector,
        next,
    })
}

/// Appends `state` after what `scan` found; returns the scan of the log with it.
pub(crate) async fn append<F: NorFlash>(
    flash: &mut F,
    base: u32,
    scan: &Scan,
    state: BootState,
) -> Result<Scan, F::Error> {
    let seq = scan.latest.map_or(1, |(seq, _)| seq.wrapping_add(1));
    let per_sector = (F::ERASE_SIZE / RECORD_LEN) as u32;
    let sector_len = F::ERASE_SIZE as u32;
    let (sector, index) = if scan.next < per_sector {
        (scan.sector, scan.next)
    } else {
        let other = 1 - scan.sector;
        let start = base + other * sector_len;
        flash.erase(start, start + sector_len).await?;
        (other, 0)
    };
    let at = base + sector * sector_len + index * RECORD_LEN as u32;
    flash.write(at, &state.encode(seq)).await?;
    Ok(Scan {
        latest: Some((seq, state)),
        sector,
        next: index + 1,
    })
}
