//! The updater: the boot decision, confirm and reject, and the start of a download.

use core::ops::DerefMut;

use ed25519_dalek::VerifyingKey;
use embedded_storage_async::nor_flash::NorFlash;

use super::download::Download;
use super::layout::{Layout, PAGE_LEN};
use super::log::{self, Scan};
use super::state::{BootState, Phase};
use super::Slot;
use crate::error::Error;
use crate::image::{Chip, Header, HeaderRepr, Policy, Verified, Verifier, HEADER_LEN, PREFIX_LEN};

/// What the board is and accepts.
#[derive(Debug, Clone, Copy)]
pub struct Config<'k> {
    /// The board's chip.
    pub chip: Chip,
    /// The public keys images may be signed with.
    pub keys: &'k [VerifyingKey],
    /// Boots an image gets to confirm itself (at least 1).
    pub boot_attempts: u8,
}

/// The outcome of [`Updater::boot`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boot {
    /// The slot to run.
    pub slot: Slot,
    /// Whether that image is on trial (the firmware should confirm it once healthy).
    pub on_trial: bool,
    /// The state after the decision.
    pub state: BootState,
}

/// Updates, boots and rolls back the images in two slots of a flash.
pub struct Updater<'k, F> {
    pub(super) flash: F,
    pub(super) layout: Layout,
    pub(super) config: Config<'k>,
}

impl<'k, F: NorFlash> Updater<'k, F> {
    /// An updater owning `layout` on `flash`.
    pub fn new(flash: F, layout: Layout, config: Config<'k>) -> Result<Self, Error<F::Error>> {
        layout
            .check(flash.capacity(), F::READ_SIZE, F::WRITE_SIZE, F::ERASE_SIZE)
            .map_err(Error::Layout)?;
        Ok(Updater {
            flash,
            layout,
            config,
        })
    }

    /// The flash, back.
    pub fn into_inner(self) -> F {
        self.flash
    }

    /// The flash.
    pub fn flash_mut(&mut self) -> &mut F {
        &mut self.flash
    }

    /// The layout.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    pub(super) fn erase_size() -> u32 {
        F::ERASE_SIZE as u32
    }

    pub(super) async fn scan(&mut self) -> Result<Scan, Error<F::Error>> {
        log::scan(&mut self.flash, self.layout.state)
            .await
            .map_err(Error::Flash)
    }

    pub(super) async fn append(
        &mut self,
        scan: &Scan,
        state: BootState,
    ) -> Result<Scan, Error<F::Error>> {
        log::append(&mut self.flash, self.layout.state, scan, state)
            .await
            .map_err(Error::Flash)
    }

    /// The current boot state.
    pub async fn state(&mut self) -> Result<BootState, Error<F::Error>> {
        Ok(self.scan().await?.state())
    }

    /// Decides which slot to run, once per boot: a downloaded image is verified again from
    /// flash and put on trial; an image on trial that has used its boot attempts is reverted.
    pub async fn boot(&mut self) -> Result<Boot, Error<F::Error>> {
        let scan = self.scan().await?;
        let state = scan.state();
        let candidate = state.current.other();
        let next = match state.phase {
            Phase::Downloaded => match self.verify_slot(candidate).await {
                Ok(_) => Phase::Testing {
                    attempts_left: self.config.boot_attempts.max(1) - 1,
                },
                Err(Error::Image(_)) => Phase::Reverted,
                Err(e) => return Err(e),
            },
            Phase::Testing { attempts_left: 0 } => Phase::Reverted,
            Phase::Testing { attempts_left } => Phase::Testing {
                attempts_left: attempts_left - 1,
            },
            Phase::Idle | Phase::Confirmed | Phase::Reverted => {
                return Ok(Boot {
                    slot: state.current,
                    on_trial: false,
                    state,
                })
            }
        };
        let state = BootState {
            phase: next,
            ..state
        };
        self.append(&scan, state).await?;
        Ok(Boot {
            slot: state.running(),
            on_trial: matches!(next, Phase::Testing { .. }),
            state,
        })
    }

    /// Keeps the image on trial: its slot becomes the current one and its security counter
    /// the installed one. Returns false (and writes nothing) when no image is on trial.
    pub async fn confirm(&mut self) -> Result<bool, Error<F::Error>> {
        let scan = self.scan().await?;
        let state = scan.state();
        if !matches!(state.phase, Phase::Testing { .. }) {
            return Ok(false);
        }
        let confirmed = BootState {
            current: state.current.other(),
            phase: Phase::Confirmed,
            installed_security_counter: state
                .installed_security_counter
                .max(state.candidate_security_counter),
            candidate_security_counter: 0,
        };
        self.append(&scan, confirmed).await?;
        Ok(true)
    }

    /// Gives up the image on trial: the next boot runs the current slot again. Returns false
    /// (and writes nothing) when no image is on trial.
    pub async fn reject(&mut self) -> Result<bool, Error<F::Error>> {
        let scan = self.scan().await?;
        let state = scan.state();
        if !matches!(state.phase, Phase::Testing { .. }) {
            return Ok(false);
        }
        let reverted = BootState {
            phase: Phase::Reverted,
            ..state
        };
        self.append(&scan, reverted).await?;
        Ok(true)
    }

    /// Starts writing an image into the slot that is not running. Refused while the running
    /// image is on trial (the other slot holds the only confirmed image).
    pub async fn download(&mut self) -> Result<Download<'k, F, &mut Self>, Error<F::Error>> {
        Self::download_with(self).await
    }

    /// [`Updater::download`] through any exclusive handle on the updater, which the download
    /// keeps until it is finished or dropped.
    pub async fn download_with<U: DerefMut<Target = Self>>(
        mut updater: U,
    ) -> Result<Download<'k, F, U>, Error<F::Error>> {
        let state = updater.state().await?;
        if matches!(state.phase, Phase::Testing { .. }) {
            return Err(Error::UpdatePending);
        }
        let policy = Policy {
            keys: updater.config.keys,
            chip: Some(updater.config.chip),
            min_security_counter: state.installed_security_counter,
            max_payload_len: updater.layout.payload_capacity(Self::erase_size()),
        };
        let slot = state.current.other();
        Ok(Download::new(updater, slot, Verifier::new(policy)))
    }

    /// The board's configuration.
    pub fn config(&self) -> &Config<'k> {
        &self.config
    }

    /// The header stored with `slot`'s image, unverified (for reporting a version).
    pub async fn read_header(&mut self, slot: Slot) -> Result<HeaderRepr, Error<F::Error>> {
        let mut prefix = [0u8; PREFIX_LEN];
        let at = self.layout.trailer(slot, Self::erase_size());
        self.flash
            .read(at, &mut prefix)
            .await
            .map_err(Error::Flash)?;
        let header = Header::new_checked(&prefix[..HEADER_LEN])?;
        Ok(HeaderRepr::parse(&header))
    }

    /// Verifies `slot`'s image as stored: signature, chip, size and payload hash, reading the
    /// payload back from flash.
    pub async fn verify_slot(&mut self, slot: Slot) -> Result<Verified, Error<F::Error>> {
        let policy = Policy {
            keys: self.config.keys,
            chip: Some(self.config.chip),
            min_security_counter: 0,
            max_payload_len: self.layout.payload_capacity(Self::erase_size()),
        };
        let mut verifier = Verifier::new(policy);
        let mut prefix = [0u8; PREFIX_LEN];
        let trailer = self.layout.trailer(slot, Self::erase_size());
        self.flash
            .read(trailer, &mut prefix)
            .await
            .map_err(Error::Flash)?;
        verifier.push(&prefix)?;
        let len = verifier.header().map_or(0, |h| h.payload_len);
        let start = self.layout.slot(slot);
        let mut block = [0u8; PAGE_LEN];
        let mut done = 0u32;
        while done < len {
            let want = (len - done).min(PAGE_LEN as u32) as usize;
            // Reads cover whole read units; the slot's trailer sector lies beyond the payload.
            let read = want.next_multiple_of(F::READ_SIZE).min(PAGE_LEN);
            self.flash
                .read(start + done, &mut block[..read])
                .await
                .map_err(Error::Flash)?;
            verifier.push(&block[..want])?;
            done += want as u32;
        }
        Ok(verifier.finish()?)
    }
}
