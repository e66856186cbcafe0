//! Directories: a directory's entries live in directory blocks, each one map record of at most
//! [`DIR_BLOCK`] bytes, so adding, replacing or removing an entry rewrites one small record
//! atomically. The directory's inode record counts its blocks; a block past that count is a
//! leftover of a power cut and is overwritten by the next block added.
//!
//! Entry encoding: `name_len: u8, kind: u8, inode: u32 LE, name bytes`. Names are unique
//! within a directory; a new entry goes into the first block with room for it.
//!
//! A small file is removed *in place* ([`Store::remove_in_place`]): its record becomes a
//! tombstone and its entry stays, *dead*: every reader checks a file entry's record and skips
//! a dead one. A dead entry is cut when a new file of its name takes it over, or when its
//! directory has no room for a new entry ([`purge_dead`]); only then is its number recycled.
//! So a removal is one small write instead of a journal entry, a block rewrite and its
//! clearing, and cutting dead entries costs one block write for many.

use embedded_storage_async::nor_flash::MultiwriteNorFlash;

use crate::error::{Error, Result};
use crate::layout::{Inode, Kind, MapKey, Name, DIR_BLOCK};
use crate::names::Bits;
use crate::store::{Store, RECYCLE_CHUNKS};
use crate::MAX_NAME_LEN;

const ENTRY_HEADER: usize = 6;

/// One directory entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirEntry {
    /// The entry's name.
    pub name: Name,
    /// What it is.
    pub kind: Kind,
    pub(crate) inode: u32,
}

/// Reads the committed state of inode `inode` (its record must exist).
pub(crate) async fn inode_record<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    inode: u32,
) -> Result<Inode> {
    let record = store.inode_header(inode).await?.ok_or(Error::Corrupt)?;
    if record.inline && record.size > store.chunk_size() {
        return Err(Error::Corrupt);
    }
    Ok(record)
}

/// The directory record of `dir`: [`Error::NotADirectory`] when it is a file.
async fn dir_record<F: MultiwriteNorFlash>(store: &mut Store<F>, dir: u32) -> Result<Inode> {
    let record = inode_record(store, dir).await?;
    if record.kind != Kind::Dir {
        return Err(Error::NotADirectory);
    }
    Ok(record)
}

/// Parses the entry at `at` of a block; returns it and the offset of the next one.
fn parse(block: &[u8], at: usize) -> Result<(DirEntry, usize)> {
    let header = block.get(at..at + ENTRY_HEADER).ok_or(Error::Corrupt)?;
    let len = usize::from(header[0]);
    if len == 0 || len > MAX_NAME_LEN {
        return Err(Error::Corrupt);
    }
    let end = at + ENTRY_HEADER + len;
    let name = block.get(at + ENTRY_HEADER..end).ok_or(Error::Corrupt)?;
    let entry = DirEntry {
        name: Name::new(name)?,
        kind: Kind::from_code(header[1])?,
        inode: u32::from_le_bytes([header[2], header[3], header[4], header[5]]),
    };
    Ok((entry, end))
}

fn entry_len(name: &Name) -> usize {
    ENTRY_HEADER + name.as_bytes().len()
}

/// Reads block `index` of `dir` (which the directory record counts, so it must exist) into
/// the store's item buffer.
async fn read_block<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    index: u32,
) -> Result<&[u8]> {
    store.dir_block(dir, index).await?.ok_or(Error::Corrupt)
}

/// Where a search found its name.
#[derive(Clone, Copy)]
pub(crate) struct Found {
    /// The entry.
    pub entry: DirEntry,
    /// Its block.
    index: u32,
    /// Its offset in the block.
    at: usize,
    /// The block's length.
    len: usize,
}

/// What a search of a directory found.
#[derive(Clone, Copy)]
pub(crate) struct Lookup {
    /// The entry, if the name is there.
    pub found: Option<Found>,
    /// The name's dead entry (a file removed in place), if it has one: a new file of that
    /// name takes it over.
    pub dead: Option<Found>,
    /// The first block with room for the name searched for.
    room: Option<u32>,
    /// The directory's record.
    record: Inode,
}

/// Whether `entry` is dead: a file removed in place, whose record is a tombstone.
/// Directories are never removed in place.
async fn is_dead<F: MultiwriteNorFlash>(store: &mut Store<F>, entry: &DirEntry) -> Result<bool> {
    Ok(entry.kind == Kind::File && store.is_removed(entry.inode).await?)
}

/// Finds `name` in directory `dir`.
pub(crate) async fn find<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    name: &Name,
) -> Result<Lookup> {
    let record = dir_record(store, dir).await?;
    let need = entry_len(name);
    if store.names.absent(dir, name) {
        // The name is new: only a block with room is wanted, and the last one usually has.
        let room = match record.size.checked_sub(1) {
            Some(last) => {
                let len = read_block(store, dir, last).await?.len();
                (len + need <= DIR_BLOCK).then_some(last)
            }
            None => None,
        };
        return Ok(Lookup {
            found: None,
            dead: None,
            room,
            record,
        });
    }
    let mut room = None;
    let mut bits = Bits::default();
    for index in 0..record.size {
        let block = read_block(store, dir, index).await?;
        let mut at = 0;
        let mut matched = None;
        while at < block.len() {
            let (entry, next) = parse(block, at)?;
            bits.add(&entry.name);
            if entry.name == *name {
                matched = Some(Found {
                    entry,
                    index,
                    at,
                    len: block.len(),
                });
                break;
            }
            at = next;
        }
        if let Some(f) = matched {
            let dead = is_dead(store, &f.entry).await?;
            return Ok(Lookup {
                found: (!dead).then_some(f),
                dead: dead.then_some(f),
                room,
                record,
            });
        }
        if room.is_none() && block.len() + need <= DIR_BLOCK {
            room = Some(index);
        }
    }
    store.names.install(dir, bits);
    Ok(Lookup {
        found: None,
        dead: None,
        room,
        record,
    })
}

/// Makes `dir/name` point at `inode` (adding or replacing the entry); idempotent. One block
/// write, plus the directory record when a block is added.
pub(crate) async fn link<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    name: &Name,
    inode: u32,
    kind: Kind,
) -> Result<()> {
    let lookup = find(store, dir, name).await?;
    link_found(store, dir, name, inode, kind, &lookup).await
}

/// [`link`] with the directory already searched for `name` (`lookup`, with no change to the
/// directory since).
pub(crate) async fn link_found<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    name: &Name,
    inode: u32,
    kind: Kind,
    lookup: &Lookup,
) -> Result<()> {
    match (lookup.found, lookup.dead) {
        (Some(f), _) if f.entry.inode == inode && f.entry.kind == kind => Ok(()),
        (Some(f), _) => repoint(store, dir, &f, inode, kind).await,
        (None, Some(d)) => {
            // The dead file's chunks go first: once the entry is repointed nothing names
            // its number, which is then recycled.
            store.clear_chunks(d.entry.inode, RECYCLE_CHUNKS).await?;
            repoint(store, dir, &d, inode, kind).await?;
            store.recycle_unlinked(&[d.entry.inode]).await
        }
        (None, None) => {
            store.names.add(dir, name);
            let need = entry_len(name);
            let append = |block: &mut [u8], len: usize| {
                if len + need > DIR_BLOCK {
                    return Err(Error::Corrupt);
                }
                let entry = block.get_mut(len..len + need).ok_or(Error::Corrupt)?;
                entry[0] = name.as_bytes().len() as u8;
                entry[1] = kind.code();
                entry[2..ENTRY_HEADER].copy_from_slice(&inode.to_le_bytes());
                entry[ENTRY_HEADER..].copy_from_slice(name.as_bytes());
                Ok(len + need)
            };
            // Without a block with room, the dead entries are cut first; then a new block
            // (over any leftover past the count).
            let room = match lookup.room {
                Some(index) => Some(index),
                None => purge_dead(store, dir, need).await?,
            };
            let (index, fresh) = match room {
                Some(index) => (index, false),
                None => (lookup.record.size, true),
            };
            store.edit_dir_block(dir, index, fresh, &append).await?;
            if fresh {
                let grown = Inode {
                    size: index + 1,
                    ..lookup.record
                };
                store.put_inode(dir, &grown, &[]).await?;
            }
            Ok(())
        }
    }
}

/// Makes the entry `f` of `dir` point at `inode` of `kind`: one block write.
async fn repoint<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    f: &Found,
    inode: u32,
    kind: Kind,
) -> Result<()> {
    let at = f.at;
    let patch = |block: &mut [u8], len: usize| {
        if at + ENTRY_HEADER > len {
            return Err(Error::Corrupt);
        }
        let header = block
            .get_mut(at + 1..at + ENTRY_HEADER)
            .ok_or(Error::Corrupt)?;
        header[0] = kind.code();
        header[1..].copy_from_slice(&inode.to_le_bytes());
        Ok(len)
    };
    store.edit_dir_block(dir, f.index, false, &patch).await
}

/// Dead entries cut from one block write at most: their numbers are kept until the write.
const PURGE_BATCH: usize = 16;

/// Cuts every dead entry of `dir` (files removed in place): for each block holding some, the
/// dead files' leftover chunks are cleared, the block is rewritten without their entries (one
/// write for up to [`PURGE_BATCH`]), and their numbers are recycled. Returns the first block
/// then with room for an entry of `need` bytes. Each entry costs a record lookup, so this
/// runs only when a directory has no room left.
pub(crate) async fn purge_dead<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    need: usize,
) -> Result<Option<u32>> {
    let record = dir_record(store, dir).await?;
    let mut room = None;
    for index in 0..record.size {
        loop {
            let mut dead = [0u32; PURGE_BATCH];
            let mut count = 0;
            let mut at = 0;
            while count < PURGE_BATCH {
                // Blocks past a removal's cut are gone (see [`remove_blocks`]).
                let Some(block) = store.dir_block(dir, index).await? else {
                    return Ok(room);
                };
                if at >= block.len() {
                    break;
                }
                let (entry, next) = parse(block, at)?;
                if is_dead(store, &entry).await? {
                    dead[count] = entry.inode;
                    count += 1;
                }
                at = next;
            }
            let dead = &dead[..count];
            for &inode in dead {
                store.clear_chunks(inode, RECYCLE_CHUNKS).await?;
            }
            if !dead.is_empty() {
                let cut = |block: &mut [u8], len: usize| cut_entries(block, len, dead);
                store.edit_dir_block(dir, index, false, &cut).await?;
                store.recycle_unlinked(dead).await?;
            }
            if count < PURGE_BATCH {
                break;
            }
        }
        if room.is_none() && read_block(store, dir, index).await?.len() + need <= DIR_BLOCK {
            room = Some(index);
        }
    }
    Ok(room)
}

/// Drops from `block[..len]` the file entries naming one of `inodes`; returns the new
/// length.
fn cut_entries(block: &mut [u8], len: usize, inodes: &[u32]) -> Result<usize> {
    let mut read = 0;
    let mut kept = 0;
    while read < len {
        let (entry, next) = parse(block.get(..len).ok_or(Error::Corrupt)?, read)?;
        if !(entry.kind == Kind::File && inodes.contains(&entry.inode)) {
            block.copy_within(read..next, kept);
            kept += next - read;
        }
        read = next;
    }
    Ok(kept)
}

/// Removes `dir/name` if it points at `inode`; idempotent. One block write (or, for an
/// emptied last block, a directory record write and a removal).
pub(crate) async fn unlink<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    name: &Name,
    inode: u32,
) -> Result<()> {
    let lookup = find(store, dir, name).await?;
    let Some(f) = lookup.found else {
        return Ok(());
    };
    if f.entry.inode != inode {
        return Ok(());
    }
    let gone = entry_len(name);
    if f.len == gone && f.index + 1 == lookup.record.size {
        let shrunk = Inode {
            size: f.index,
            ..lookup.record
        };
        store.put_inode(dir, &shrunk, &[]).await?;
        return store
            .remove(&MapKey::DirBlock {
                dir,
                index: f.index,
            })
            .await;
    }
    let cut = |block: &mut [u8], len: usize| {
        let end = f.at + gone;
        if end > len || len > block.len() {
            return Err(Error::Corrupt);
        }
        block.copy_within(end..len, f.at);
        Ok(len - gone)
    };
    store.edit_dir_block(dir, f.index, false, &cut).await
}

/// Whether directory `dir` has no entries but dead ones.
pub(crate) async fn is_empty<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
) -> Result<bool> {
    Ok(entry_at(store, dir, 0).await?.is_none())
}

/// Removes every block of `dir` (including one a power cut left past its count), last first
/// so that an interrupted removal leaves a shorter, still readable directory. Only blocks
/// that exist are visited, so a damaged count cannot make this run long.
pub(crate) async fn remove_blocks<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    blocks: u32,
) -> Result<()> {
    let mut end = 0;
    while end < blocks && store.dir_block(dir, end).await?.is_some() {
        end += 1;
    }
    for index in (0..=end).rev() {
        store.remove(&MapKey::DirBlock { dir, index }).await?;
    }
    Ok(())
}

/// The entry at listing position `pos` of `dir` (block index in the high 16 bits, offset in
/// the low 16); returns it and the next position.
pub(crate) async fn entry_at<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    dir: u32,
    pos: u32,
) -> Result<Option<(DirEntry, u32)>> {
    let record = dir_record(store, dir).await?;
    let mut index = pos >> 16;
    let mut at = (pos & 0xFFFF) as usize;
    while index < record.size {
        let block = read_block(store, dir, index).await?;
        if at < block.len() {
            let (entry, next) = parse(block, at)?;
            if !is_dead(store, &entry).await? {
                return Ok(Some((entry, (index << 16) | next as u32)));
            }
            at = next;
            continue;
        }
        index += 1;
        at = 0;
    }
    Ok(None)
}
