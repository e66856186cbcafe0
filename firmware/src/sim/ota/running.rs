//! The firmware's side of OTA on the simulated board: the image it runs, confirming or
//! rejecting it, and `PUT /ota`'s sink streaming an update into the other slot.

use std::boxed::Box;
use std::path::Path;
use std::string::{String, ToString};
use std::sync::Arc;
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::Duration;
use std::{eprintln, format};

use embassy_futures::block_on;
use mote_ota::{Download, Error, ImageError, Slot, Updater};
use mote_webrepl::{Message, OtaError, OtaErrorKind, OtaSink, OtaUpload};

use super::boot_info::{slot_name, BootInfo};
use super::flash::{FileFlash, FileFlashError};
use super::{FirmwareFiles, RESTART_STATUS};
use mote_ota::image::PREFIX_LEN;

type SlotUpdater = Updater<'static, FileFlash>;

/// How long the board waits after answering an accepted upload before it restarts, so the
/// answer leaves first.
const RESTART_DELAY: Duration = Duration::from_millis(200);

/// The running image and the updater over the board's firmware flash. Shared by the server's
/// tasks and the VM (all on the board's executor; the lock is never contended across an
/// await except by a second upload, which is refused).
pub struct RunningImage {
    boot: BootInfo,
    version: String,
    updater: Mutex<SlotUpdater>,
    /// Whether the image is still on trial (cleared by confirm or reject).
    on_trial: Mutex<bool>,
}

impl RunningImage {
    /// The image the ROM started (`boot`), for the board whose flash image is `flash_image`.
    pub fn open(flash_image: &Path, boot: BootInfo) -> Result<RunningImage, String> {
        let files = FirmwareFiles::beside(flash_image);
        // One set of keys per process, for the updater's lifetime: the board's.
        let keys = Box::leak(files.read_keys()?.into_boxed_slice());
        let updater = files.updater(keys)?;
        Ok(RunningImage {
            boot,
            version: boot.version.to_string(),
            updater: Mutex::new(updater),
            on_trial: Mutex::new(boot.on_trial),
        })
    }

    /// What the ROM started.
    pub fn boot(&self) -> BootInfo {
        self.boot
    }

    /// The running image's version, as text.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The running slot's ESP-IDF partition label (`ota_0` for A, `ota_1` for B).
    pub fn slot_label(&self) -> &'static str {
        match self.boot.slot {
            Slot::A => "ota_0",
            Slot::B => "ota_1",
        }
    }

    /// `factory`, `trial` or `confirmed` (as `/info` reports it).
    pub fn state_name(&self) -> &'static str {
        if self.on_trial() {
            "trial"
        } else if self.boot.factory {
            "factory"
        } else {
            "confirmed"
        }
    }

    /// Whether the running image is still on trial.
    pub fn on_trial(&self) -> bool {
        *lock(&self.on_trial)
    }

    /// Keeps the running image: the next boots run it. `false` when it was not on trial.
    pub fn confirm(&self) -> Result<bool, String> {
        self.settle(true)
    }

    /// Gives up the running image on trial: the next boot runs the previous one. `false` when
    /// it was not on trial.
    pub fn reject(&self) -> Result<bool, String> {
        self.settle(false)
    }

    fn settle(&self, keep: bool) -> Result<bool, String> {
        let mut on_trial = lock(&self.on_trial);
        if !*on_trial {
            return Ok(false);
        }
        let mut updater = self
            .updater
            .try_lock()
            .map_err(|_| String::from("an upload is in progress"))?;
        let done = if keep {
            block_on(updater.confirm())
        } else {
            block_on(updater.reject())
        }
        .map_err(|e| format!("{e}"))?;
        *on_trial = false;
        Ok(done)
    }

    /// Confirms the image on trial once the board is healthy (its servers up, `main.py` not
    /// failing at once), and says so on stderr.
    pub fn healthy(&self) {
        match self.confirm() {
            Ok(true) => eprintln!(
                "mote sim: image {} in slot {} confirmed",
                self.boot.version,
                slot_name(self.boot.slot)
            ),
            Ok(false) => {}
            Err(e) => eprintln!("mote sim: cannot confirm the running image: {e}"),
        }
    }

    /// Rejects the image on trial because the board is not healthy (`why`), then restarts
    /// into the previous image. Does nothing when the image is not on trial.
    pub fn unhealthy(&self, why: &str) {
        match self.reject() {
            Ok(true) => {
                eprintln!(
                    "mote sim: image {} rejected ({why}); restarting into the previous one",
                    self.boot.version
                );
                restart_now();
            }
            Ok(false) => {}
            Err(e) => eprintln!("mote sim: cannot reject the running image: {e}"),
        }
    }
}

impl core::fmt::Debug for RunningImage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("RunningImage")
            .field("boot", &self.boot)
            .field("on_trial", &self.on_trial())
            .finish_non_exhaustive()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Ends the firmware asking the ROM for a restart.
pub fn restart_now() -> ! {
    std::process::exit(RESTART_STATUS)
}

/// An update streaming into the slot that is not running.
pub struct SlotUpload<'s> {
    download: Download<'static, FileFlash, MutexGuard<'s, SlotUpdater>>,
}

impl OtaSink for RunningImage {
    type Upload<'s> = SlotUpload<'s>;

    #[allow(
        clippy::await_holding_lock,
        reason = "the upload holds the updater for its whole life by design (a second upload is \
                  refused by try_lock, never waits); the file flash's futures never pend"
    )]
    async fn begin(&self, size: u64) -> Result<SlotUpload<'_>, OtaError> {
        let updater = match self.updater.try_lock() {
            Ok(updater) => updater,
            Err(TryLockError::Poisoned(e)) => e.into_inner(),
            Err(TryLockError::WouldBlock) => {
                return Err(OtaError::new(
                    OtaErrorKind::Busy,
                    format_args!("another update is uploading"),
                ))
            }
        };
        let capacity = updater
            .layout()
            .payload_capacity(super::flash::ERASE_SIZE as u32);
        if size > u64::from(capacity) + PREFIX_LEN as u64 {
            return Err(OtaError::new(
                OtaErrorKind::TooLarge,
                format_args!(
                    "an image of {size} bytes does not fit the slot ({capacity} bytes of payload)"
                ),
            ));
        }
        let download = Updater::download_with(updater).await.map_err(refusal)?;
        Ok(SlotUpload { download })
    }

    fn restart(&self) {
        // The answer is on its way; the board resets shortly after, as a chip would.
        std::thread::spawn(|| {
            std::thread::sleep(RESTART_DELAY);
            restart_now();
        });
    }
}

impl OtaUpload for SlotUpload<'_> {
    async fn write(&mut self, chunk: &[u8]) -> Result<(), OtaError> {
        self.download.write(chunk).await.map_err(refusal)
    }

    async fn finish(self) -> Result<Message, OtaError> {
        let slot = self.download.slot();
        let header = self.download.finish().await.map_err(refusal)?;
        Ok(Message::new(format_args!(
            "version {} accepted into slot {}; restarting into it",
            header.version,
            slot_name(slot)
        )))
    }
}

/// `PUT /ota`'s sink: the running image's slots, if the ROM started this board (a board
/// started without it, as in tests of the board alone, takes no updates).
pub struct FirmwareSlots(Option<Arc<RunningImage>>);

impl FirmwareSlots {
    /// The sink over `image`'s slots.
    pub fn new(image: Option<Arc<RunningImage>>) -> FirmwareSlots {
        FirmwareSlots(image)
    }
}

impl OtaSink for FirmwareSlots {
    type Upload<'s> = SlotUpload<'s>;

    async fn begin(&self, size: u64) -> Result<SlotUpload<'_>, OtaError> {
        match &self.0 {
            Some(image) => image.begin(size).await,
            None => Err(OtaError::new(
                OtaErrorKind::Failed,
                format_args!(
                    "this board was started without its ROM bootloader; it takes no updates"
                ),
            )),
        }
    }

    fn restart(&self) {
        if let Some(image) = &self.0 {
            image.restart();
        }
    }
}

/// The HTTP refusal of an updater error.
fn refusal(error: Error<FileFlashError>) -> OtaError {
    let kind = match error {
        Error::Image(ImageError::TooLarge { .. }) => OtaErrorKind::TooLarge,
        Error::Image(_) => OtaErrorKind::Refused,
        Error::UpdatePending => OtaErrorKind::Busy,
        Error::Flash(_) | Error::Layout(_) | Error::Aborted => OtaErrorKind::Failed,
    };
    OtaError::new(kind, format_args!("{error}"))
}
