//! Raw access to the data region: whole sectors programmed and read outside the map.
//!
//! Programs and reads go through small staging buffers so that callers may use any offsets
//! and lengths; the flash only sees operations aligned to its units (at most [`STAGE`]).

use embedded_storage_async::nor_flash::{NorFlash, ReadNorFlash};

use crate::alloc::STAGE;
use crate::error::{Error, Result};

/// Programs one erased sector from its start, piece by piece, in order.
pub(crate) struct SectorWriter {
    /// Flash address of the next staged byte.
    addr: u32,
    stage: [u8; STAGE],
    staged: usize,
}

impl SectorWriter {
    /// A writer starting at flash address `addr` (aligned to the program unit).
    pub fn new(addr: u32) -> Self {
        SectorWriter {
            addr,
            stage: [0xFF; STAGE],
            staged: 0,
        }
    }

    /// Programs `bytes` after what was pushed before.
    pub async fn push<F: NorFlash>(&mut self, flash: &mut F, mut bytes: &[u8]) -> Result<()> {
        let unit = F::WRITE_SIZE.max(1);
        while !bytes.is_empty() {
            if self.staged == 0 && bytes.len() >= unit {
                let n = bytes.len() / unit * unit;
                flash
                    .write(self.addr, &bytes[..n])
                    .await
                    .map_err(|_| Error::Io)?;
                self.addr += n as u32;
                bytes = &bytes[n..];
                continue;
            }
            let take = (unit - self.staged).min(bytes.len());
            self.stage[self.staged..self.staged + take].copy_from_slice(&bytes[..take]);
            self.staged += take;
            bytes = &bytes[take..];
            if self.staged == unit {
                self.program_stage(flash, unit).await?;
            }
        }
        Ok(())
    }

    /// Programs what is still staged, padded with erased bytes.
    pub async fn finish<F: NorFlash>(&mut self, flash: &mut F) -> Result<()> {
        if self.staged > 0 {
            let unit = F::WRITE_SIZE.max(1);
            self.stage[self.staged..unit].fill(0xFF);
            self.program_stage(flash, unit).await?;
        }
        Ok(())
    }

    /// Programs the full stage (`unit` bytes) and empties it.
    async fn program_stage<F: NorFlash>(&mut self, flash: &mut F, unit: usize) -> Result<()> {
        flash
            .write(self.addr, &self.stage[..unit])
            .await
            .map_err(|_| Error::Io)?;
        self.addr += unit as u32;
        self.staged = 0;
        Ok(())
    }
}

/// Reads `out.len()` bytes at flash address `addr`, whatever their alignment.
pub(crate) async fn read<F: ReadNorFlash>(flash: &mut F, addr: u32, out: &mut [u8]) -> Result<()> {
    let unit = F::READ_SIZE.max(1) as u32;
    if unit == 1 {
        flash.read(addr, out).await.map_err(|_| Error::Io)?;
        return Ok(());
    }
    let mut done = 0usize;
    while done < out.len() {
        let at = addr + done as u32;
        let head = at % unit;
        let rest = (out.len() - done) as u32;
        if head == 0 && rest >= unit {
            let n = (rest / unit * unit) as usize;
            flash
                .read(at, &mut out[done..done + n])
                .await
                .map_err(|_| Error::Io)?;
            done += n;
            continue;
        }
        let mut bounce = [0u8; STAGE];
        let base = at - head;
        flash
            .read(base, &mut bounce[..unit as usize])
            .await
            .map_err(|_| Error::Io)?;
        let n = ((unit - head) as usize).min(out.len() - done);
        out[done..done + n].copy_from_slice(&bounce[head as usize..head as usize + n]);
        done += n;
    }
    Ok(())
}
