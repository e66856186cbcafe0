//! `mote-storage`: a power-loss-safe log-structured filesystem on NOR flash, built on
//! `sequential-storage`'s map. It depends on no other mote crate and knows nothing of Python.
//!
//! # Layout (version 2)
//!
//! The whole partition is one `sequential-storage` map. Every record is one map item (CRC
//! protected, written atomically, compacted and wear-levelled by the map, which cycles through
//! all sectors). Keys are compact: a tag byte, then nothing, an inode (`u32`), or an inode and
//! a block index (`u32`, `u32`): 1, 5 or 9 bytes.
//!
//! | tag | key | value |
//! |---|---|---|
//! | 1 superblock | `1` | magic, version, chunk size, reserved inode and generation counters, then what is pending: the intent of each transaction slot (inode, generation, open or committing, old/new size, touched chunk ranges) and a journal entry (a pending remove or rename) |
//! | 4 inode | `4, inode` | kind, size, committed generation, an inline flag; for an inline file its whole contents follow |
//! | 5/6 chunk | `5 + slot, inode, index` | generation, up to one chunk of payload (2023 bytes on 4 KiB sectors: two chunk items fill a sector exactly); an empty value is a tombstone (empty slot) |
//! | 7 directory block | `7, dir, index` | up to 256 bytes of entries: `name_len: u8, kind: u8, inode: u32, name` |
//! | 8 reserve | `8` | 1536 filler bytes, held back so that a file can be removed on a full flash |
//!
//! A file whose contents fit one chunk is stored *inline* in its inode record, so a small file
//! (a script, a config) is one map item, and rewriting it is one map write. Larger files are
//! stored in chunks. A directory's inode record counts its blocks; each entry lives in one
//! block, so linking or unlinking a name rewrites one small block. The root directory is inode 1.
//!
//! # How a commit happens
//!
//! A file whose new contents fit one chunk is committed by writing its inode record with the
//! contents inline: that single map write is the commit. Otherwise each chunk index has two
//! slots; a reader with committed generation `C` sees the slot with the highest generation
//! `<= C`. A write transaction takes a fresh generation `G` (never reused: the superblock
//! reserves them in batches) and, before its first chunk reaches flash, records an *open
//! intent* in the superblock; it writes changed chunks into the slot that is not visible,
//! tagged `G`. On flush or close it records the intent as *committing* (with the touched chunk
//! ranges and sizes), then writes the inode record with generation `G` — **that single map
//! write is the commit** — then empties the superseded slots and the chunks past the new end
//! (all chunks, when the file became inline) by writing tombstones (a chunk item with an empty
//! value: one small append, where removing an item reads the whole map), then clears the
//! intent. At mount, an open intent
//! (or a committing one whose inode does not carry `G`) is rolled back by removing the chunks of
//! generation `G`; a committing one whose inode carries `G` is rolled forward. So after a power
//! cut each file holds its last committed contents or the ones before.
//!
//! Removes and renames touch up to two directories and free an inode: they are recorded in the
//! superblock's journal entry first, then carried out with idempotent steps (link the new name,
//! unlink the old, free the replaced inode: its chunks or blocks, then its record), then the
//! entry is cleared; mount replays a pending entry, so a rename is all-or-nothing. Creating a
//! file writes its inode record, then links it; a power cut between the two leaves only an
//! unreachable empty inode record.
//!
//! Mount reads the superblock and nothing else unless something is pending, so it takes the
//! same time on an empty and on a full partition.
//!
//! A full flash makes the map refuse the write: the operation returns [`Error::NoSpace`], the
//! transaction is rolled back (removing items needs no free space) and everything committed
//! stays. A write that only clears pending work may fail for lack of space; the work is done,
//! replaying it is harmless, and the superblock is rewritten before the next change. A
//! remove, rmdir or rename that finds no room gives back the reserve record (a removal, which
//! needs no room) and tries again, so files can still be deleted on a full flash; once space
//! is freed the reserve is written again.
//!
//! # RAM
//!
//! No heap. A mounted [`Fs`] holds the map item buffer (2064 bytes), one directory block
//! (256 bytes), the pending intents and journal entry (about 600 bytes), a 48-key address
//! cache and counters: [`MOUNTED_RAM`] in all (measured with `size_of`), plus
//! [`OPEN_FILE_RAM`] per slot of `MAX_OPEN` (mostly its one-chunk buffer). Awaiting an
//! operation holds its future on top: at most 5 KiB for any path or descriptor operation,
//! and for `mount` at most 10 KiB beyond the `Fs` it returns (64-bit host figures, checked
//! by a test).
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
pub const MOUNTED_RAM: usize = 3776;

/// Bytes each descriptor slot (`MAX_OPEN`) adds (64-bit host figure).
pub const OPEN_FILE_RAM: usize = 2216;
