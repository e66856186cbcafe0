//! Simulated NOR flash for tests, the simulated board and the `mote image` tool.
//!
//! [`SimFlash`] keeps the whole flash in RAM and, when opened on an image file, writes every
//! program and erase through to that file. It enforces NOR rules (reads, programs and erases
//! aligned to their sizes, programs only clear bits, erase sets a whole sector to `0xFF`), counts
//! operations per sector, and can cut power at the Nth program or erase, optionally tearing it.

mod flash;

pub use flash::{FlashOp, SectorStats, SimError, SimFlash, ERASE_SIZE, WRITE_SIZE};
