//! A download in progress: an image streamed into the slot that is not running, verified on
//! the way, and marked bootable only once it is whole and authentic.

use core::marker::PhantomData;
use core::ops::DerefMut;

use embedded_storage_async::nor_flash::NorFlash;

use super::layout::PAGE_LEN;
use super::state::{BootState, Phase};
use super::updater::Updater;
use super::Slot;
use crate::error::Error;
use crate::image::{HeaderRepr, Verifier};

/// Writes one image into the inactive slot. Holds one page of payload, the header and a hash
/// state; the image itself stays on flash.
///
/// Flash is touched only after the header's signature checks out: first the slot's trailer
/// is erased (so the slot no longer claims an image), then payload sectors are erased as the
/// payload reaches them. Dropping a download before [`Download::finish`] leaves the boot state
/// as it was (apart from cancelling an earlier download that had not booted yet).
///
/// `U` is how the download holds its updater: `&mut Updater` ([`Updater::download`]) or any
/// other exclusive handle ([`Updater::download_with`]), such as a `RefMut` a board's upload
/// keeps across the requests of one executor.
pub struct Download<'k, F: NorFlash, U> {
    updater: U,
    flash: PhantomData<Updater<'k, F>>,
    slot: Slot,
    verifier: Verifier<'k>,
    page: [u8; PAGE_LEN],
    page_len: usize,
    flushed: u32,
    erased: u32,
    started: bool,
    failed: bool,
}

impl<'k, F: NorFlash, U: DerefMut<Target = Updater<'k, F>>> Download<'k, F, U> {
    pub(super) fn new(updater: U, slot: Slot, verifier: Verifier<'k>) -> Self {
        Download {
            updater,
            flash: PhantomData,
            slot,
            verifier,
            page: [0xFF; PAGE_LEN],
            page_len: 0,
            flushed: 0,
            erased: 0,
            started: false,
            failed: false,
        }
    }

    /// The slot being written.
    pub fn slot(&self) -> Slot {
        self.slot
    }

    /// The authenticated header, once it has arrived.
    pub fn header(&self) -> Option<&HeaderRepr> {
        self.verifier.header()
    }

    /// Payload bytes received so far.
    pub fn payload_received(&self) -> u32 {
        self.verifier.payload_received()
    }

    /// Feeds the next chunk of the image (any size).
    pub async fn write(&mut self, chunk: &[u8]) -> Result<(), Error<F::Error>> {
        if self.failed {
            return Err(Error::Aborted);
        }
        let result = self.write_inner(chunk).await;
        if matches!(result, Err(Error::Flash(_))) {
            self.failed = true;
        }
        result
    }

    async fn write_inner(&mut self, chunk: &[u8]) -> Result<(), Error<F::Error>> {
        let mut payload = self.verifier.push(chunk)?;
        if !self.started && self.verifier.header().is_some() {
            self.start().await?;
        }
        while !payload.is_empty() {
            let take = payload.len().min(PAGE_LEN - self.page_len);
            let (head, tail) = payload.split_at(take);
            self.page[self.page_len..self.page_len + take].copy_from_slice(head);
            self.page_len += take;
            payload = tail;
            if self.page_len == PAGE_LEN {
                self.flush_page().await?;
            }
        }
        Ok(())
    }

    /// Claims the slot once the header is authentic.
    async fn start(&mut self) -> Result<(), Error<F::Error>> {
        let scan = self.updater.scan().await?;
        let state = scan.state();
        if state.phase == Phase::Downloaded {
            // The waiting image is about to be overwritten: it must not be booted half-written.
            let cancelled = BootState {
                phase: Phase::Idle,
                candidate_security_counter: 0,
                ..state
            };
            self.updater.append(&scan, cancelled).await?;
        }
        let erase = Updater::<F>::erase_size();
        let trailer = self.updater.layout.trailer(self.slot, erase);
        self.erase_sector(trailer).await?;
        self.started = true;
        Ok(())
    }

    async fn erase_sector(&mut self, at: u32) -> Result<(), Error<F::Error>> {
        let erase = Updater::<F>::erase_size();
        self.updater
            .flash
            .erase(at, at + erase)
            .await
            .map_err(Error::Flash)
    }

    /// Programs the buffered page (padded with erased bytes to whole write units), erasing
    /// the sectors it reaches first.
    async fn flush_page(&mut self) -> Result<(), Error<F::Error>> {
        let len = self.page_len.next_multiple_of(F::WRITE_SIZE).min(PAGE_LEN);
        self.page[self.page_len..len].fill(0xFF);
        let start = self.updater.layout.slot(self.slot);
        let end = self.flushed + len as u32;
        while self.erased < end {
            self.erase_sector(start + self.erased).await?;
            self.erased += Updater::<F>::erase_size();
        }
        self.updater
            .flash
            .write(start + self.flushed, &self.page[..len])
            .await
            .map_err(Error::Flash)?;
        self.flushed = end;
        self.page_len = 0;
        Ok(())
    }

    /// Ends the image: if it is whole and its hash matches, stores its header and signature in
    /// the slot's trailer and marks it downloaded (the next boot tries it). Otherwise the
    /// state stays as it was and the refusal says why.
    pub async fn finish(mut self) -> Result<HeaderRepr, Error<F::Error>> {
        if self.failed {
            return Err(Error::Aborted);
        }
        if self.page_len > 0 {
            self.flush_page().await?;
        }
        let verified = self.verifier.finish()?;
        let erase = Updater::<F>::erase_size();
        let trailer = self.updater.layout.trailer(self.slot, erase);
        self.updater
            .flash
            .write(trailer, &verified.prefix)
            .await
            .map_err(Error::Flash)?;
        let scan = self.updater.scan().await?;
        let state = scan.state();
        let downloaded = BootState {
            phase: Phase::Downloaded,
            candidate_security_counter: verified.header.security_counter,
            ..state
        };
        self.updater.append(&scan, downloaded).await?;
        Ok(verified.header)
    }
}
