//! `mote-ota`: signed firmware images and A/B slots.
//!
//! [`image`] is the signed image format (documented there) and its streaming [`Verifier`]:
//! an image is checked chunk by chunk as it arrives, never held whole in memory. [`slot`] is
//! the update state machine over two flash slots and a power-safe boot-state log: download into
//! the slot not running, boot it on trial, confirm it or roll back. [`keyfile`] is the text
//! format of key files shared by the host tools and the boards.
//!
//! Depends on no other mote crate and knows nothing of HTTP: a board feeds a [`Download`] from
//! whatever transport it has. Flash is `embedded-storage-async`'s `NorFlash`, as for
//! `mote-storage`: the board is one embassy executor where nothing blocks, an upload arrives as
//! an async stream, and one flash driver (the simulated flash, or on the chip the blocking
//! `esp-storage` behind `embassy-embedded-hal`'s `BlockingAsync`) serves both crates.
//!
//! Invariants, each checked by the tests in `tests/`:
//! - nothing is marked bootable until the header's signature and the payload's hash check
//!   out, and a refused image never touches the running slot;
//! - every state change is one CRC-checked record write, so a power cut at any flash
//!   operation leaves a state that boots a valid signed image;
//! - an image on trial that is not confirmed within its boot attempts is reverted on the next
//!   boot, and an image whose security counter is below the installed one is refused.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod crc;
mod error;
pub mod image;
pub mod keyfile;
pub mod slot;

pub use ed25519_dalek::{SigningKey, VerifyingKey};
pub use error::Error;
pub use image::{Chip, ImageError, Verifier, Version};
pub use slot::{Boot, BootState, Config, Download, Layout, Phase, Slot, Updater};
