//! What the ROM bootloader tells the firmware it started, through the child's environment (an
//! image of any version reads it, whatever its command line takes).

use std::format;
use std::string::{String, ToString};

use mote_ota::{Slot, Version};

/// The variable naming the slot that runs (`A` or `B`); its presence marks a firmware started
/// by the ROM.
pub const SLOT_VAR: &str = "MOTE_SIM_SLOT";
/// The running image's version (from its signed header, or `--firmware-version` for the
/// factory image).
pub const VERSION_VAR: &str = "MOTE_SIM_FIRMWARE_VERSION";
/// `1` while the image is on trial (it must confirm itself), else `0`.
pub const TRIAL_VAR: &str = "MOTE_SIM_ON_TRIAL";
/// `1` for the factory image (the ROM's own executable, unsigned), else `0`.
pub const FACTORY_VAR: &str = "MOTE_SIM_FACTORY";

/// The boot the ROM chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootInfo {
    /// The slot that runs.
    pub slot: Slot,
    /// Its image's version.
    pub version: Version,
    /// Whether the image is on trial.
    pub on_trial: bool,
    /// Whether it is the factory image.
    pub factory: bool,
}

impl BootInfo {
    /// The boot this process was started for; `None` when the ROM did not start it.
    pub fn from_env() -> Option<Result<BootInfo, String>> {
        let slot = std::env::var(SLOT_VAR).ok()?;
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        let parse = || -> Result<BootInfo, String> {
            let slot = match slot.as_str() {
                "A" => Slot::A,
                "B" => Slot::B,
                other => return Err(format!("{SLOT_VAR}={other} is not A or B")),
            };
            let version = var(VERSION_VAR)
                .parse()
                .map_err(|()| format!("{VERSION_VAR}={} is not a version", var(VERSION_VAR)))?;
            Ok(BootInfo {
                slot,
                version,
                on_trial: var(TRIAL_VAR) == "1",
                factory: var(FACTORY_VAR) == "1",
            })
        };
        Some(parse())
    }

    /// The environment that tells a child this boot.
    pub fn to_env(&self) -> [(&'static str, String); 4] {
        let flag = |b: bool| if b { "1" } else { "0" }.to_string();
        [
            (SLOT_VAR, slot_name(self.slot).to_string()),
            (VERSION_VAR, self.version.to_string()),
            (TRIAL_VAR, flag(self.on_trial)),
            (FACTORY_VAR, flag(self.factory)),
        ]
    }
}

/// A slot's name as the ROM and the firmware print it.
pub fn slot_name(slot: Slot) -> &'static str {
    match slot {
        Slot::A => "A",
        Slot::B => "B",
    }
}
