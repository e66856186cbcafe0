//! `mote-storage`: a power-loss-safe log-structured filesystem on NOR flash, built on
//! `sequential-storage`'s map. It depends on no other mote crate and knows nothing of Python.
//!
//! # Layout
//!
//! The whole partition is one `sequential-storage` map. Every record is one map item (CRC
//! protected, written atomically, compacted and wear-levelled by the map, which cycles through
//! all sectors). Keys are 10 bytes: `tag: u8, id: u32, index: u32, slot: u8`.
//!
//! | tag | key | value |
//! |---|---|---|
//! | superblock | `(1, 0, 0, 0)` | magic, version, chunk size, reserved inode and generation counters |
//! | journal | `(2, 0, 0, 0)` | a pending remove or rename (names, inodes) |
//! | intent | `(3, slot, 0, 0)` | an open or committing transaction: inode, generation, old/new size, touched chunk ranges |
//! | inode | `(4, inode, 0, 0)` | kind, size, committed generation |
//! | chunk | `(5, inode, index, slot)` | generation, up to one chunk of payload (998 bytes on 4 KiB sectors: four chunks fill a sector) |
//!
//! A directory is an inode whose contents (stored in chunks like a file's) are its entries:
//! `name_len: u8, kind: u8, inode: u32, name`. The root directory is inode 1.
//!
//! # How a commit happens
//!
//! Each chunk index has two slots; a reader with committed generation `C` sees the slot with
//! the highest generation `<= C`. A write transaction takes a fresh generation `G` (never
//! reused: the superblock reserves them in batches), records an *open intent*, and writes
//! changed chunks into the slot that is not visible, tagged `G`. On flush or close it rewrites
//! the intent as *committing* (with the touched chunk ranges and sizes), then writes the inode
//! record with generation `G` — **that single map write is the commit** — then removes the
//! superseded slots and the chunks past the new end, then removes the intent. At mount, an
//! open intent (or a committing one whose inode does not carry `G`) is rolled back by removing
//! the chunks of generation `G`; a committing one whose inode carries `G` is rolled forward.
//! So after a power cut each file holds its last committed contents or the ones before.
//!
//! Removes and renames touch up to two directories and free an inode: they are written as a
//! journal record first, then carried out with idempotent steps (link the new name, unlink the
//! old, free the replaced inode), then the journal is removed; mount replays a pending journal,
//! so a rename is all-or-nothing. Creating a file writes its inode record, then links it; a
//! power cut between the two leaves only an unreachable empty inode record.
//!
//! A full flash makes the map refuse the write: the operation returns [`Error::NoSpace`], the
//! transaction is rolled back (removing items needs no free space) and everything committed
//! stays.
//!
//! # RAM
//!
//! No heap. A mounted [`Fs`] holds the map item buffer (1040 bytes), two directory chunk
//! buffers (one to read, one to write: 1000 bytes each), a 48-key address cache
//! (`(10 + 4) * 48` bytes) and counters: see [`MOUNTED_RAM`] (measured with `size_of`), plus
//! [`OPEN_FILE_RAM`] per slot of `MAX_OPEN`. Awaiting an operation holds its future on top: at
//! most 3 KiB for any path or descriptor operation, and for `mount` at most 7 KiB beyond the
//! `Fs` it returns (64-bit host figures, checked by a test).
//!
//! # Evidence
//!
//! - `cargo test -p mote-storage`: API tests, a power cut at every flash operation of a small
//!   scripted workload, a random workload with clean and torn cuts, damaged images.
//! - `cargo test --release -p mote-storage --test power_cut -- --ignored --nocapture`: the
//!   torture runs (every operation of the full workload with files up to 64 KiB, clean and
//!   torn; a long random workload with cuts, some during recovery) and the wear figures.
//! - `cargo bench -p mote-storage --bench vs_littlefs`: the comparison with littlefs.
//! - `cargo +nightly fuzz run mount_read` in `storage/fuzz`: mount and read arbitrary images.
//!
//! # Features
//!
//! `std` (default) adds [`sim`], the simulated NOR flash. Boards use `default-features = false`.
#![no_std]

#[cfg(any(test, feature = "std"))]
extern crate std;

mod dir;
mod error;
mod fs;
mod layout;
mod path;
mod store;
mod txn;

#[cfg(feature = "std")]
pub mod sim;

pub use dir::DirEntry;
pub use error::{Error, Result};
pub use fs::{DirCursor, Fd, Fs, FsStats, Metadata, OpenOptions, SeekFrom};
pub use layout::{Kind, Name};

/// Longest file or directory name, in bytes of UTF-8.
pub const MAX_NAME_LEN: usize = 64;

/// Bytes a mounted filesystem with no descriptor slots takes beyond its flash handle
/// (`size_of::<Fs<_, 0>>()` on a 64-bit host; a little less on a 32-bit board).
pub const MOUNTED_RAM: usize = 4216;

/// Bytes each descriptor slot (`MAX_OPEN`) adds (64-bit host figure).
pub const OPEN_FILE_RAM: usize = 1176;
