//! Two slots and a power-safe boot state: download into the slot not running, try it once,
//! keep it only if the running firmware confirms it.
//!
//! ```text
//! idle/confirmed/reverted --download--> downloaded --boot--> testing --confirm--> confirmed
//!                                                              |  \--reject------> reverted
//!                                                              \--boot, no attempts left--> reverted
//! ```
//!
//! The state lives in an append-only log of CRC-checked records in two sectors (`slot/log.rs`); every
//! change is one record write, so a power cut leaves either the old state or the new one.

mod download;
mod layout;
mod log;
mod state;
mod updater;

pub use download::Download;
pub use layout::{Layout, LayoutError};
pub use state::{BootState, Phase};
pub use updater::{Boot, Config, Updater};

/// One of the two firmware slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The first slot (ESP-IDF's `ota_0`).
    A,
    /// The second slot (ESP-IDF's `ota_1`).
    B,
}

impl Slot {
    /// The other slot.
    pub const fn other(self) -> Slot {
        match self {
            Slot::A => Slot::B,
            Slot::B => Slot::A,
        }
    }

    /// 0 for A, 1 for B.
    pub const fn index(self) -> usize {
        match self {
            Slot::A => 0,
            Slot::B => 1,
        }
    }
}
