//! Over-the-air updates on the simulated board, built like a chip's: a ROM bootloader picks
//! the slot and runs it; the firmware in the slot downloads updates and confirms itself.
//!
//! - [`flash`]: the firmware flash, a sparse file beside the filesystem's flash image
//!   (`<flash>.fw`): `mote-ota`'s two boot-state sectors, then slots A and B of [`SLOT_LEN`]
//!   bytes. A slot's payload is a whole executable of the board (normally `mote` itself).
//! - [`rom`]: the ROM bootloader (`mote sim` itself): boot decision, the chosen slot's payload
//!   run as a child process with the board's arguments, and a restart whenever the child asks
//!   for one or an image on trial dies. At first boot slot A is the *factory* image: the
//!   running executable, confirmed, its version given by `--firmware-version`.
//! - [`boot_info`]: what the ROM tells the firmware it started (slot, version, trial).
//! - [`running`]: the firmware's side: confirm or reject the running image, stream an update
//!   into the other slot (`PUT /ota`'s sink), restart into it.
//! - [`trial`]: the health check that confirms (or rejects) an image on trial.
//! - [`python`]: the `ota` Python module (version, slot, state, confirm, reject).
//!
//! The accepted public keys are fixed at the first boot (`--ota-key`, repeatable) in
//! `<flash>.keys`, as a chip's are flashed; later `--ota-key`s are ignored.

pub mod boot_info;
pub mod flash;
pub mod python;
pub mod rom;
pub mod running;
pub mod trial;

use std::format;
use std::path::{Path, PathBuf};
use std::string::String;
use std::vec::Vec;

use mote_ota::{keyfile, Chip, Config, Layout, Updater, VerifyingKey};

use flash::{FileFlash, ERASE_SIZE};

/// Bytes per slot, trailer included: room for a debug build of `mote`. The file is sparse, so
/// only written images take disk.
pub const SLOT_LEN: u32 = 256 << 20;

/// Boots an image on trial gets to confirm itself.
pub const BOOT_ATTEMPTS: u8 = 1;

/// The exit status with which the firmware asks the ROM to restart the board (`EX_TEMPFAIL`).
pub const RESTART_STATUS: i32 = 75;

/// The slots and state sectors in the firmware flash.
pub fn layout() -> Layout {
    Layout::contiguous(0, SLOT_LEN, ERASE_SIZE as u32)
}

/// The files of a board's firmware, beside its flash image.
#[derive(Debug, Clone)]
pub struct FirmwareFiles {
    /// The firmware flash (state sectors and slots).
    pub flash: PathBuf,
    /// The public keys fixed at first boot, one key file line each.
    pub keys: PathBuf,
    /// Where the ROM puts a slot's payload to run it.
    pub run_dir: PathBuf,
}

impl FirmwareFiles {
    /// The firmware files of the board whose filesystem flash image is `flash_image`.
    pub fn beside(flash_image: &Path) -> FirmwareFiles {
        let with = |suffix: &str| {
            let mut name = std::ffi::OsString::from(flash_image.as_os_str());
            name.push(suffix);
            PathBuf::from(name)
        };
        FirmwareFiles {
            flash: with(".fw"),
            keys: with(".keys"),
            run_dir: with(".run"),
        }
    }

    /// The accepted keys (none before the first boot wrote them).
    pub fn read_keys(&self) -> Result<Vec<VerifyingKey>, String> {
        let text = match std::fs::read_to_string(&self.keys) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(format!("cannot read {}: {e}", self.keys.display())),
        };
        text.lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                keyfile::parse_public(line).map_err(|e| format!("{}: {e}", self.keys.display()))
            })
            .collect()
    }

    /// Opens the firmware flash (creating it erased) under an updater accepting `keys`.
    pub fn updater<'k>(&self, keys: &'k [VerifyingKey]) -> Result<Updater<'k, FileFlash>, String> {
        let l = layout();
        let (flash, _) = FileFlash::open_or_create(&self.flash, l.end(ERASE_SIZE as u32) as usize)
            .map_err(|e| {
                format!(
                    "cannot open the firmware flash {}: {e}",
                    self.flash.display()
                )
            })?;
        let config = Config {
            chip: Chip::Sim,
            keys,
            boot_attempts: BOOT_ATTEMPTS,
        };
        Updater::new(flash, l, config)
            .map_err(|e| format!("the firmware flash {}: {e}", self.flash.display()))
    }
}
