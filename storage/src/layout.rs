//! The on-flash layout: the map keys and the byte encoding of every record.
//!
//! Every record is one `sequential-storage` map item, so each is written atomically (its CRC
//! rejects a torn write). Decoding never trusts flash: a short or malformed record is
//! [`Error::Corrupt`].

use sequential_storage::map::{Key, SerializationError, Value};

use crate::error::{Error, Result};
use crate::extent::{Runs, RUNS_MAX};
use crate::recycle::{FreeInodes, FREE_INODES_MAX};
use crate::MAX_NAME_LEN;

/// Identifies the filesystem in the superblock record.
pub(crate) const MAGIC: u32 = 0x6D6F_7465;
/// Layout version in the superblock record. Version 4 differs only in its reserve (one record
/// of [`RESERVE`] bytes, larger than the item buffer): mount gives it up and writes the
/// reserve of version 5 (see [`crate::store::Store::load_superblock`]). Version 3 partitions
/// are read and written with the `v3` feature.
pub(crate) const VERSION: u8 = 5;
/// The root directory's inode number.
pub(crate) const ROOT_INODE: u32 = 1;
/// Largest chunk payload; the per-file and filesystem buffers are this big. Version 4 chunks
/// on 4 KiB sectors are 319 or 320 bytes (larger sectors hold more than twelve); version 3
/// ones, two to a sector, need the `v3` feature.
#[cfg(not(feature = "v3"))]
pub(crate) const MAX_CHUNK: usize = 320;
#[cfg(feature = "v3")]
pub(crate) const MAX_CHUNK: usize = 2040;
/// Data chunk items per sector: eight keep the per-item overhead near 4% while a map page
/// loses at most an eighth of itself to an item that no longer fits (small files pack
/// densely) and an append rewrites at most an eighth of a sector.
pub(crate) const CHUNKS_PER_SECTOR: usize = 12;
/// Chunk items per sector in version 3.
pub(crate) const V3_CHUNKS_PER_SECTOR: usize = 2;
/// Map item buffer: the largest key, chunk generation and payload, rounded up for any word size.
/// Without `v3` the fullest superblock is the largest item.
#[cfg(not(feature = "v3"))]
pub(crate) const ITEM_BUFFER: usize = (KEY_MAX + SUPERBLOCK_MAX).div_ceil(32) * 32;
#[cfg(feature = "v3")]
pub(crate) const ITEM_BUFFER: usize = 2064;
/// Dirty ranges remembered per transaction before neighbours are merged.
pub(crate) const MAX_RANGES: usize = 4;
/// Intent slots the superblock holds (slot `i` belongs to descriptor `i`), so the most
/// descriptors a filesystem may have (`MAX_OPEN`).
pub(crate) const MAX_INTENT_SLOTS: usize = 4;
/// Bytes the reserve record holds back: room for the records a remove writes (its journal
/// entry, a directory block, the superblock again) on a full flash.
pub(crate) const RESERVE: usize = 1536;
/// Records the reserve is split into (version 5), each small enough for the item buffer.
/// Three of half the old reserve: with two, a full flash (`fs_ops`) could remove one small
/// file but not a second, as a restore that wrote one part before finding no room for the
/// next spent the end of a map page.
pub(crate) const RESERVE_PARTS: usize = 3;
/// Filler bytes of one reserve record.
pub(crate) const RESERVE_PART: usize = RESERVE / 2;
const _: () = assert!(2 + RESERVE_PART <= ITEM_BUFFER);
/// Bytes of entries one directory block holds at most.
pub(crate) const DIR_BLOCK: usize = 512;
/// Runs of consecutive data sectors one file's extent list holds at most.
pub(crate) const MAX_RUNS: usize = 16;
/// Largest data region, in sectors (the allocation bitmaps in RAM are this many bits).
pub(crate) const MAX_DATA_SECTORS: usize = 2048;
/// Bytes of an allocation bitmap.
pub(crate) const BITMAP_BYTES: usize = MAX_DATA_SECTORS / 8;

/// Which kind of record a key names (the first key byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Superblock = 1,
    Inode = 4,
    /// Chunk in slot 0; slot 1 is `Chunk + 1`.
    Chunk = 5,
    DirBlock = 7,
    /// The reserve of versions 3 and 4: one record of [`RESERVE`] bytes.
    OldReserve = 8,
    Alloc = 9,
    Reserve = 10,
}

/// A map key. On flash: the tag byte, then per tag nothing (superblock, 1 byte), the part
/// (reserve, 2 bytes), the inode (inode, 5 bytes), or the inode and a block index (chunk and
/// directory block, 9 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MapKey {
    Superblock,
    Inode(u32),
    Chunk {
        inode: u32,
        index: u32,
        slot: u8,
    },
    DirBlock {
        dir: u32,
        index: u32,
    },
    /// Space held back so that a file can still be removed on a full flash: part `i` of
    /// [`RESERVE_PARTS`].
    Reserve(u8),
    /// The reserve of versions 3 and 4.
    OldReserve,
    /// Which data sectors committed files use.
    Alloc,
    /// Where the next data-sector search starts after a mount, moved ahead of the sectors
    /// taken without rewriting [`MapKey::Alloc`]. Encoded as a reserve part that no reserve
    /// uses ([`SEARCH_START_PART`]): firmware from before it decodes the key as a reserve
    /// part it never asks for, where an unknown tag would fail its map's compaction
    /// (`sequential-storage` decodes the key of every item it moves).
    SearchStart,
}

/// The reserve part byte of [`MapKey::SearchStart`]'s key.
pub(crate) const SEARCH_START_PART: u8 = 0xFF;
const _: () = assert!((SEARCH_START_PART as usize) >= RESERVE_PARTS);

impl MapKey {
    pub fn chunk(inode: u32, index: u32, slot: u8) -> Self {
        MapKey::Chunk { inode, index, slot }
    }
}

/// Longest encoded key.
pub(crate) const KEY_MAX: usize = 9;

impl Key for MapKey {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        let (tag, a, b, len) = match *self {
            MapKey::Superblock => (Tag::Superblock as u8, 0, 0, 1),
            MapKey::Inode(inode) => (Tag::Inode as u8, inode, 0, 5),
            MapKey::Chunk { inode, index, slot } => {
                (Tag::Chunk as u8 + (slot & 1), inode, index, 9)
            }
            MapKey::DirBlock { dir, index } => (Tag::DirBlock as u8, dir, index, 9),
            MapKey::Reserve(part) => (Tag::Reserve as u8, u32::from(part), 0, 2),
            MapKey::OldReserve => (Tag::OldReserve as u8, 0, 0, 1),
            MapKey::Alloc => (Tag::Alloc as u8, 0, 0, 1),
            MapKey::SearchStart => (Tag::Reserve as u8, u32::from(SEARCH_START_PART), 0, 2),
        };
        let out = buffer
            .get_mut(..len)
            .ok_or(SerializationError::BufferTooSmall)?;
        out[0] = tag;
        if len == 2 {
            out[1] = a as u8;
        } else if len > 1 {
            out[1..5].copy_from_slice(&a.to_le_bytes());
        }
        if len > 5 {
            out[5..9].copy_from_slice(&b.to_le_bytes());
        }
        Ok(len)
    }

    fn deserialize_from(buffer: &[u8]) -> core::result::Result<(Self, usize), SerializationError> {
        let len = Self::get_len(buffer)?;
        let a = || u32_at(buffer, 1).ok_or(SerializationError::BufferTooSmall);
        let b = || u32_at(buffer, 5).ok_or(SerializationError::BufferTooSmall);
        let key = match buffer.first().copied() {
            Some(1) => MapKey::Superblock,
            Some(4) => MapKey::Inode(a()?),
            Some(t @ (5 | 6)) => MapKey::Chunk {
                inode: a()?,
                index: b()?,
                slot: t - Tag::Chunk as u8,
            },
            Some(7) => MapKey::DirBlock {
                dir: a()?,
                index: b()?,
            },
            Some(8) => MapKey::OldReserve,
            Some(9) => MapKey::Alloc,
            Some(10) => match *buffer.get(1).ok_or(SerializationError::BufferTooSmall)? {
                SEARCH_START_PART => MapKey::SearchStart,
                part => MapKey::Reserve(part),
            },
            _ => return Err(SerializationError::InvalidFormat),
        };
        Ok((key, len))
    }

    fn get_len(buffer: &[u8]) -> core::result::Result<usize, SerializationError> {
        match buffer.first().copied() {
            Some(1 | 8 | 9) => Ok(1),
            Some(10) => Ok(2),
            Some(4) => Ok(5),
            Some(5..=7) => Ok(9),
            Some(_) => Err(SerializationError::InvalidFormat),
            None => Err(SerializationError::BufferTooSmall),
        }
    }
}

// Out of line, as `put_u32`: called from dozens of places in the filesystem's futures, where
// inlined copies took more flash than the calls (254 B less on the chip, both together).
#[inline(never)]
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

pub(crate) fn take_u32(b: &[u8], at: usize) -> Result<u32> {
    u32_at(b, at).ok_or(Error::Corrupt)
}

pub(crate) fn take_u8(b: &[u8], at: usize) -> Result<u8> {
    b.get(at).copied().ok_or(Error::Corrupt)
}

/// A chunk's value: the generation of the transaction that wrote it, then the payload. A
/// value with no bytes at all (`gen == None`) is a *tombstone*: the slot is empty. Writing a
/// tombstone supersedes a stale slot with one small append, where removing it would read the
/// whole map.
pub(crate) struct ChunkValue<'a> {
    pub gen: Option<u32>,
    pub data: &'a [u8],
}

impl<'a> Value<'a> for ChunkValue<'a> {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        let Some(gen) = self.gen else {
            return Ok(0);
        };
        let len = 4 + self.data.len();
        let out = buffer
            .get_mut(..len)
            .ok_or(SerializationError::BufferTooSmall)?;
        out[..4].copy_from_slice(&gen.to_le_bytes());
        out[4..].copy_from_slice(self.data);
        Ok(len)
    }

    fn deserialize_from(
        buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        if buffer.is_empty() {
            return Ok((
                ChunkValue {
                    gen: None,
                    data: &[],
                },
                0,
            ));
        }
        let gen = u32_at(buffer, 0).ok_or(SerializationError::InvalidFormat)?;
        Ok((
            ChunkValue {
                gen: Some(gen),
                data: &buffer[4..],
            },
            buffer.len(),
        ))
    }
}

/// A record with a byte encoding; encoded straight into the map's item buffer.
pub(crate) trait Record: Sized {
    /// Reads a record back, rejecting anything malformed.
    fn decode(b: &[u8]) -> Result<Self>;
}

/// What can be written as a map value.
pub(crate) trait Encode {
    /// Writes the value into `out`, returning its length, or `None` when `out` is too small.
    fn encode(&self, out: &mut [u8]) -> Option<usize>;
}

#[inline(never)]
pub(crate) fn put_u32(out: &mut [u8], at: usize, v: u32) -> Option<()> {
    out.get_mut(at..at + 4)?.copy_from_slice(&v.to_le_bytes());
    Some(())
}

pub(crate) fn put_u8(out: &mut [u8], at: usize, v: u8) -> Option<()> {
    *out.get_mut(at)? = v;
    Some(())
}

/// What RAM keeps of a pending intent: what the hot paths ask (which inode, whether its
/// commit changes data sectors) and what identifies it on flash. The whole intent (sizes,
/// chunk ranges, old extent list) is only in the superblock on flash, read back (see
/// [`Parts`]) when recovery, a superblock rewrite or a search for free data sectors needs
/// it: four whole intents and a journal entry took 712 bytes of RAM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct IntentTag {
    pub inode: u32,
    pub gen: u32,
    committing: bool,
    /// The commit changes the file's data sectors: the intent holds its old ones.
    pub extents: bool,
}

impl IntentTag {
    /// The tag of the intent encoded at `at` of `b`.
    fn read(b: &[u8], at: usize) -> Result<Self> {
        let state = take_u8(b, at + 8)?;
        Ok(IntentTag {
            inode: take_u32(b, at)?,
            gen: take_u32(b, at + 4)?,
            committing: state & COMMITTING != 0,
            extents: state & EXTENTS != 0,
        })
    }
}

/// What RAM keeps of a pending journal entry (the entry itself is on flash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct JournalTag {
    /// The inode the operation frees or moves.
    pub inode: u32,
    /// The operation frees data sectors: the entry holds them.
    pub holds: bool,
}

/// What the superblock holds besides the counters, as RAM keeps it: which transaction slots
/// and which directory operation a power cut may have interrupted. Mount reads only the
/// superblock to recover.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Pending {
    pub intents: [Option<IntentTag>; MAX_INTENT_SLOTS],
    pub journal: Option<JournalTag>,
}

impl Pending {
    /// Nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.journal.is_none() && self.intents.iter().all(Option::is_none)
    }

    /// An intent or the journal entry may name data sectors that a commit or remove
    /// dropped: a replay may drop them again, so they are not handed out before the record
    /// naming them is cleared ([`Parts::holds`] says which they are).
    pub fn may_hold(&self) -> bool {
        self.journal.is_some_and(|j| j.holds) || self.intents.iter().flatten().any(|i| i.extents)
    }
}

/// Bytes of the superblock before the intents: magic, version, chunk size, the counters, the
/// data region's size and the mask of slots holding an intent.
const SUPERBLOCK_HEADER: usize = 22;

/// The superblock: identifies the layout, holds the reserved counters and what is pending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Superblock {
    /// Layout version: [`VERSION`] or 3.
    pub version: u8,
    pub chunk_size: u32,
    /// Sectors of the data region (checked against the rule that derives it).
    pub data_sectors: u32,
    /// Inode numbers below this may have been handed out.
    pub inode_reserved: u32,
    /// Generations below this may have been handed out.
    pub gen_reserved: u32,
    /// What is pending (the tags; the entries are on flash).
    pub pending: Pending,
    /// Inode numbers that may be handed out again (version 4; written after the journal
    /// entry only when not empty, so an empty set encodes as before it existed).
    pub free: FreeInodes,
}

/// Largest encoded superblock: the header, every intent with all its ranges, a rename, the
/// recycled inode numbers.
pub(crate) const SUPERBLOCK_MAX: usize = SUPERBLOCK_HEADER
    + MAX_INTENT_SLOTS * (22 + 8 * MAX_RANGES + RUNS_MAX)
    + 1
    + JOURNAL_MAX
    + FREE_INODES_MAX;
const _: () = assert!(KEY_MAX + SUPERBLOCK_MAX <= ITEM_BUFFER);
const _: () = assert!(KEY_MAX + 4 + MAX_CHUNK <= ITEM_BUFFER);

impl Superblock {
    fn encode_header(&self, out: &mut [u8], mask: u8) -> Option<()> {
        put_u32(out, 0, MAGIC)?;
        put_u8(out, 4, self.version)?;
        put_u32(out, 5, self.chunk_size)?;
        put_u32(out, 9, self.inode_reserved)?;
        put_u32(out, 13, self.gen_reserved)?;
        put_u32(out, 17, self.data_sectors)?;
        put_u8(out, 21, mask)
    }
}

impl Record for Superblock {
    fn decode(b: &[u8]) -> Result<Self> {
        let version = take_u8(b, 4)?;
        if take_u32(b, 0)? != MAGIC || !(3..=VERSION).contains(&version) {
            return Err(Error::Corrupt);
        }
        let parts = Parts::of(b)?;
        let mut pending = Pending::default();
        for (slot, tag) in pending.intents.iter_mut().enumerate() {
            if let Some((at, _)) = parts.intents[slot] {
                *tag = Some(IntentTag::read(b, at)?);
            }
        }
        pending.journal = parts.journal(b)?.map(|j| j.tag());
        let free = match b.get(parts.end()..) {
            Some([]) | None => FreeInodes::default(),
            Some(rest) => FreeInodes::decode(rest)?,
        };
        Ok(Superblock {
            version,
            chunk_size: take_u32(b, 5)?,
            data_sectors: take_u32(b, 17)?,
            inode_reserved: take_u32(b, 9)?,
            gen_reserved: take_u32(b, 13)?,
            pending,
            free,
        })
    }
}

/// Where the pending entries of an encoded superblock lie, each checked when found.
pub(crate) struct Parts {
    /// Each slot's intent, as a byte range.
    intents: [Option<(usize, usize)>; MAX_INTENT_SLOTS],
    /// The journal's flag byte (0: none, 1: an entry follows) and where the entry ends.
    journal: (usize, usize),
    /// Where the extent lists the pending entries hold start: the old lists of intents
    /// with [`EXTENTS`], the list the journal entry frees.
    held: [Option<usize>; MAX_INTENT_SLOTS + 1],
}

impl Parts {
    /// Finds the entries of the superblock `b`; malformed ones are [`Error::Corrupt`].
    pub fn of(b: &[u8]) -> Result<Self> {
        let mask = take_u8(b, 21)?;
        // Descriptors past the slots held (a build with more of them) left an intent this
        // build cannot settle: refusing the image is safer than leaving it half done.
        if u32::from(mask) >> MAX_INTENT_SLOTS != 0 {
            return Err(Error::Corrupt);
        }
        let mut parts = Parts {
            intents: [None; MAX_INTENT_SLOTS],
            journal: (0, 0),
            held: [None; MAX_INTENT_SLOTS + 1],
        };
        let mut at = SUPERBLOCK_HEADER;
        for slot in 0..MAX_INTENT_SLOTS {
            if mask & (1 << slot) != 0 {
                let (intent, end) = Intent::decode_at(b, at)?;
                parts.intents[slot] = Some((at, end));
                if intent.extents {
                    parts.held[slot] = Some(end - intent.old_runs.encoded_len());
                }
                at = end;
            }
        }
        let end = match take_u8(b, at)? {
            0 => at + 1,
            1 => {
                let (journal, end) = Journal::decode_at(b, at + 1)?;
                parts.held[MAX_INTENT_SLOTS] = Some(end - journal.runs().encoded_len());
                end
            }
            _ => return Err(Error::Corrupt),
        };
        parts.journal = (at, end);
        Ok(parts)
    }

    /// Where the recycled inode numbers start (the end of the pending entries).
    fn end(&self) -> usize {
        self.journal.1
    }

    /// The intent of slot `slot`.
    pub fn intent(&self, b: &[u8], slot: usize) -> Result<Option<Intent>> {
        match self.intents.get(slot).copied().flatten() {
            Some((at, _)) => Ok(Some(Intent::decode_at(b, at)?.0)),
            None => Ok(None),
        }
    }

    /// The journal entry.
    pub fn journal(&self, b: &[u8]) -> Result<Option<Journal>> {
        let (at, end) = self.journal;
        if end == at + 1 {
            return Ok(None);
        }
        Ok(Some(Journal::decode_at(b, at + 1)?.0))
    }

    /// Data sector `s` is in an extent list a pending entry holds (see
    /// [`Pending::may_hold`]); a list that no longer reads holds every sector.
    pub fn holds(&self, b: &[u8], s: u16) -> bool {
        self.held
            .iter()
            .flatten()
            .any(|&at| Runs::decode_at(b, at).map_or(true, |(runs, _)| runs.contains(s)))
    }
}

/// A superblock write, as a map value: the header and the recycled numbers from RAM, the
/// intent or journal entry it records, and the entries that stay as the copy on flash holds
/// them. That copy is read into the map's item buffer right where the map serializes the
/// value (after the one-byte key) and edited in place there ([`SuperblockWrite::staged`]
/// names it). The map calls `serialize_into` on that buffer before anything else writes to
/// it, unless a repair after a cut ran first; a later call in the same store (the item did
/// not fit the page and compacting the next one used the buffer) finds the edited copy.
/// Either way the copy no longer has its checksum: the write fails with [`COPY_LOST`] and
/// is tried again with the copy read anew. A write that keeps nothing needs no copy.
#[derive(Clone, Copy)]
pub(crate) struct SuperblockWrite<'a> {
    /// The header, the tags of what is pending after the write, and the recycled numbers.
    pub sb: Superblock,
    /// Slots whose intents stay as on flash.
    pub keep: u8,
    /// The journal entry stays as on flash.
    pub keep_journal: bool,
    /// The intent recorded in a slot.
    pub set: Option<(usize, &'a Intent)>,
    /// The journal entry recorded (when not kept).
    pub journal: Option<&'a Journal>,
    /// Length and checksum ([`crate::lookup::item_crc`]) of the staged copy.
    staged: Option<(usize, u32)>,
}

/// The serialization error of a [`SuperblockWrite`] whose staged copy was overwritten.
pub(crate) const COPY_LOST: i32 = 1;

impl<'a> SuperblockWrite<'a> {
    /// A write of `sb`: `keep` and `keep_journal` say what stays as on flash, `set` and
    /// `journal` what it records.
    pub fn new(
        sb: Superblock,
        keep: u8,
        keep_journal: bool,
        set: Option<(usize, &'a Intent)>,
        journal: Option<&'a Journal>,
    ) -> Self {
        SuperblockWrite {
            sb,
            keep,
            keep_journal,
            set,
            journal,
            staged: None,
        }
    }

    /// The write keeps entries of the copy on flash, which must be staged first.
    pub fn needs_copy(&self) -> bool {
        self.keep != 0 || self.keep_journal
    }

    /// The write with the copy on flash, `len` bytes with checksum `crc`, staged.
    pub fn staged(self, len: usize, crc: u32) -> Self {
        SuperblockWrite {
            staged: Some((len, crc)),
            ..self
        }
    }

    /// Writes the superblock into `out`, which holds the staged copy if one is needed.
    fn write(&self, out: &mut [u8]) -> Option<usize> {
        let old = match self.staged {
            Some((len, _)) if self.needs_copy() => Some(Parts::of(out.get(..len)?).ok()?),
            _ if self.needs_copy() => return None,
            _ => None,
        };
        // The kept intents move down over the dropped ones (in slot order, as they lie),
        // then the kept journal entry; what is recorded is inserted or appended.
        let mut end = SUPERBLOCK_HEADER;
        let mut mask = 0u8;
        let mut insert_at = end;
        for slot in 0..MAX_INTENT_SLOTS {
            if self.set.is_some_and(|(s, _)| s == slot) {
                insert_at = end;
            }
            if self.keep & (1 << slot) != 0 {
                let (a, b) = old.as_ref()?.intents[slot]?;
                // The copy on flash must hold the intent RAM knows in that slot.
                if IntentTag::read(out, a).ok() != self.sb.pending.intents[slot] {
                    return None;
                }
                move_within(out, a..b, end)?;
                end += b - a;
                mask |= 1 << slot;
            }
        }
        if self.keep_journal {
            let old = old.as_ref()?;
            let tag = old.journal(out).ok()?.map(|j| j.tag());
            if tag.is_none() || tag != self.sb.pending.journal {
                return None;
            }
            let (a, b) = old.journal;
            move_within(out, a..b, end)?;
            end += b - a;
        }
        if let Some((slot, intent)) = self.set {
            let len = intent.encoded_len();
            move_within(out, insert_at..end, insert_at + len)?;
            if intent.encode(out.get_mut(insert_at..insert_at + len)?)? != len {
                return None;
            }
            end += len;
            mask |= 1 << slot;
        }
        if !self.keep_journal {
            match self.journal {
                Some(j) => {
                    put_u8(out, end, 1)?;
                    end += 1 + j.encode(out.get_mut(end + 1..)?)?;
                }
                None => {
                    put_u8(out, end, 0)?;
                    end += 1;
                }
            }
        }
        if !self.sb.free.is_empty() {
            end += self.sb.free.encode(out.get_mut(end..)?)?;
        }
        self.sb.encode_header(out, mask)?;
        Some(end)
    }
}

/// Moves the bytes `from` of `out` to start at `to`; `None` past its end.
fn move_within(out: &mut [u8], from: core::ops::Range<usize>, to: usize) -> Option<()> {
    if from.start > from.end || from.end > out.len() || to + from.len() > out.len() {
        return None;
    }
    out.copy_within(from, to);
    Some(())
}

impl<'a> Value<'a> for SuperblockWrite<'_> {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        if let Some((len, crc)) = self.staged.filter(|_| self.needs_copy()) {
            let copy = buffer.get(..len);
            if copy.is_none_or(|c| crate::lookup::item_crc(c) != crc) {
                return Err(SerializationError::Custom(COPY_LOST));
            }
        }
        self.write(buffer).ok_or(SerializationError::InvalidData)
    }

    fn deserialize_from(
        _buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        // The superblock is read back as bytes and decoded with `Superblock::decode`.
        Err(SerializationError::InvalidFormat)
    }
}

/// What an inode is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
}

impl Kind {
    pub(crate) fn code(self) -> u8 {
        match self {
            Kind::File => 1,
            Kind::Dir => 2,
        }
    }
    pub(crate) fn from_code(code: u8) -> Result<Self> {
        match code {
            1 => Ok(Kind::File),
            2 => Ok(Kind::Dir),
            _ => Err(Error::Corrupt),
        }
    }
}

/// Set in an inode record's kind byte when the file's contents follow the record header.
const INLINE_FLAG: u8 = 0x80;
/// Bytes of an inode record before any inline contents.
pub(crate) const INODE_HEADER: usize = 9;

/// An inode record: the committed state of a file or directory. Writing it is the commit.
///
/// A file's contents are either inline (they follow this header in the same record, so a
/// small file is one map item) or in chunks. For a directory, `size` is its block count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inode {
    pub kind: Kind,
    pub size: u32,
    /// Generation of the last committed transaction; chunks with a higher one are not visible.
    pub gen: u32,
    /// The contents are in the record itself (and no chunk of the inode exists).
    pub inline: bool,
    /// The data sectors holding the file's first `runs.sectors()` whole sectors; the bytes
    /// after them are in chunks. Empty for inline files and directories.
    pub runs: Runs,
}

impl Inode {
    /// Writes the header and the extent list, if any; inline contents go after it.
    pub fn encode_header(&self, out: &mut [u8]) -> Option<usize> {
        let flag = if self.inline { INLINE_FLAG } else { 0 };
        put_u8(out, 0, self.kind.code() | flag)?;
        put_u32(out, 1, self.size)?;
        put_u32(out, 5, self.gen)?;
        if self.runs.is_empty() {
            return Some(INODE_HEADER);
        }
        Some(INODE_HEADER + self.runs.encode(out.get_mut(INODE_HEADER..)?)?)
    }

    /// Reads a record; returns the inode and its inline contents (empty unless inline). The
    /// extent list is checked for its encoding and against the size, not against the data
    /// region (see [`Runs::valid`]).
    pub fn decode_with_data(b: &[u8]) -> Result<(Self, &[u8])> {
        let code = take_u8(b, 0)?;
        let mut inode = Inode {
            kind: Kind::from_code(code & !INLINE_FLAG)?,
            size: take_u32(b, 1)?,
            gen: take_u32(b, 5)?,
            inline: code & INLINE_FLAG != 0,
            runs: Runs::default(),
        };
        let mut data = &b[INODE_HEADER..];
        if !inode.inline && inode.kind == Kind::File && !data.is_empty() {
            let (runs, end) = Runs::decode_at(b, INODE_HEADER)?;
            if runs.is_empty() || end != b.len() {
                return Err(Error::Corrupt);
            }
            inode.runs = runs;
            data = &[];
        }
        let expected = if inode.inline { inode.size as usize } else { 0 };
        if data.len() != expected || (inode.inline && inode.kind != Kind::File) {
            return Err(Error::Corrupt);
        }
        Ok((inode, data))
    }
}

/// An inode record with its inline contents, as a map value.
pub(crate) struct InodeValue<'d> {
    pub inode: Inode,
    pub data: &'d [u8],
}

impl<'a> Value<'a> for InodeValue<'_> {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        let at = self
            .inode
            .encode_header(buffer)
            .ok_or(SerializationError::BufferTooSmall)?;
        let out = buffer
            .get_mut(at..at + self.data.len())
            .ok_or(SerializationError::BufferTooSmall)?;
        out.copy_from_slice(self.data);
        Ok(at + self.data.len())
    }

    fn deserialize_from(
        _buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        // Inode records are read back as bytes and decoded with `Inode::decode_with_data`.
        Err(SerializationError::InvalidFormat)
    }
}

/// A chunk range `start..end` touched by a transaction.
pub(crate) type ChunkRange = (u32, u32);

/// An intent: a transaction on one inode is open (`committing == false`: roll it back after a
/// power cut) or committing (roll the cleanup forward if the inode record carries its
/// generation, else roll it back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Intent {
    pub inode: u32,
    pub gen: u32,
    pub committing: bool,
    /// Committed size before the transaction: no older chunk exists at or past it.
    pub base_size: u32,
    /// Largest size the file had (committed or during the transaction).
    pub old_size: u32,
    /// Size after the commit, as far as chunks go (0 when the file became inline).
    pub new_size: u32,
    pub ranges: [ChunkRange; MAX_RANGES],
    pub range_count: u8,
    /// The commit changes the file's data sectors: once the inode record carries `gen`, the
    /// allocation record must drop `old_runs` and take the record's runs.
    pub extents: bool,
    /// The data sectors of the file before the transaction (when `extents`).
    pub old_runs: Runs,
}

/// Bits of an intent's state byte.
const COMMITTING: u8 = 1;
const EXTENTS: u8 = 2;

impl Intent {
    fn state(&self) -> u8 {
        u8::from(self.committing) * COMMITTING + u8::from(self.extents) * EXTENTS
    }

    /// What RAM keeps of the intent once it is recorded.
    pub fn tag(&self) -> IntentTag {
        IntentTag {
            inode: self.inode,
            gen: self.gen,
            committing: self.committing,
            extents: self.extents,
        }
    }

    /// Bytes of the encoded intent.
    fn encoded_len(&self) -> usize {
        let runs = if self.extents {
            self.old_runs.encoded_len()
        } else {
            0
        };
        22 + 8 * usize::from(self.range_count) + runs
    }

    fn encode(&self, out: &mut [u8]) -> Option<usize> {
        put_u32(out, 0, self.inode)?;
        put_u32(out, 4, self.gen)?;
        put_u8(out, 8, self.state())?;
        put_u32(out, 9, self.old_size)?;
        put_u32(out, 13, self.new_size)?;
        put_u8(out, 17, self.range_count)?;
        put_u32(out, 18, self.base_size)?;
        let mut at = 22;
        for (start, end) in self.ranges.get(..usize::from(self.range_count))? {
            put_u32(out, at, *start)?;
            put_u32(out, at + 4, *end)?;
            at += 8;
        }
        if self.extents {
            at += self.old_runs.encode(out.get_mut(at..)?)?;
        }
        Some(at)
    }

    fn decode_at(b: &[u8], at: usize) -> Result<(Self, usize)> {
        let range_count = take_u8(b, at + 17)?;
        if usize::from(range_count) > MAX_RANGES {
            return Err(Error::Corrupt);
        }
        let mut ranges = [(0, 0); MAX_RANGES];
        for (i, r) in ranges[..usize::from(range_count)].iter_mut().enumerate() {
            *r = (take_u32(b, at + 22 + 8 * i)?, take_u32(b, at + 26 + 8 * i)?);
        }
        let state = take_u8(b, at + 8)?;
        if state & !(COMMITTING | EXTENTS) != 0 {
            return Err(Error::Corrupt);
        }
        let mut end = at + 22 + 8 * usize::from(range_count);
        let mut old_runs = Runs::default();
        if state & EXTENTS != 0 {
            (old_runs, end) = Runs::decode_at(b, end)?;
        }
        let intent = Intent {
            inode: take_u32(b, at)?,
            gen: take_u32(b, at + 4)?,
            committing: state & COMMITTING != 0,
            base_size: take_u32(b, at + 18)?,
            old_size: take_u32(b, at + 9)?,
            new_size: take_u32(b, at + 13)?,
            ranges,
            range_count,
            extents: state & EXTENTS != 0,
            old_runs,
        };
        Ok((intent, end))
    }
}

/// A name of at most [`MAX_NAME_LEN`] bytes, held inline.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Name {
    len: u8,
    bytes: [u8; MAX_NAME_LEN],
}

impl Name {
    /// Copies `name`; too long is [`Error::NameTooLong`], empty is [`Error::InvalidInput`].
    pub fn new(name: &[u8]) -> Result<Self> {
        if name.is_empty() {
            return Err(Error::InvalidInput);
        }
        if name.len() > MAX_NAME_LEN {
            return Err(Error::NameTooLong);
        }
        let mut bytes = [0; MAX_NAME_LEN];
        bytes[..name.len()].copy_from_slice(name);
        Ok(Name {
            len: name.len() as u8,
            bytes,
        })
    }

    /// The name's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }

    /// The name as text (names are stored as UTF-8 but flash is not trusted).
    pub fn as_str(&self) -> &str {
        core::str::from_utf8(self.as_bytes()).unwrap_or("\u{FFFD}")
    }

    fn encode(&self, out: &mut [u8]) -> Option<usize> {
        let len = usize::from(self.len);
        put_u8(out, 0, self.len)?;
        out.get_mut(1..1 + len)?.copy_from_slice(self.as_bytes());
        Some(1 + len)
    }

    fn decode(b: &[u8], at: usize) -> Result<(Self, usize)> {
        let len = usize::from(take_u8(b, at)?);
        let bytes = b.get(at + 1..at + 1 + len).ok_or(Error::Corrupt)?;
        Ok((Name::new(bytes).map_err(|_| Error::Corrupt)?, at + 1 + len))
    }
}

impl core::fmt::Debug for Name {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Largest encoded journal entry (a rename with two maximal names and a full extent list).
pub(crate) const JOURNAL_MAX: usize = 2 * (MAX_NAME_LEN + 1) + 18 + RUNS_MAX;

/// A directory operation that must complete as a whole; replayed at mount until done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Journal {
    /// Unlink `name` (pointing at `inode`) from `parent` and free the inode and its data
    /// sectors `runs`.
    Remove {
        parent: u32,
        name: Name,
        inode: u32,
        runs: Runs,
    },
    /// Link `inode` as `dst_parent/dst_name` (replacing and freeing `replaced` and its data
    /// sectors `replaced_runs`), then unlink `src_parent/src_name`.
    Rename {
        src_parent: u32,
        src_name: Name,
        dst_parent: u32,
        dst_name: Name,
        inode: u32,
        kind: Kind,
        replaced: u32,
        replaced_runs: Runs,
    },
}

impl Journal {
    /// The data sectors the operation frees.
    pub fn runs(&self) -> &Runs {
        match self {
            Journal::Remove { runs, .. } => runs,
            Journal::Rename { replaced_runs, .. } => replaced_runs,
        }
    }

    /// What RAM keeps of the entry once it is recorded.
    pub fn tag(&self) -> JournalTag {
        let inode = match self {
            Journal::Remove { inode, .. } | Journal::Rename { inode, .. } => *inode,
        };
        JournalTag {
            inode,
            holds: !self.runs().is_empty(),
        }
    }
}

impl Encode for Journal {
    fn encode(&self, out: &mut [u8]) -> Option<usize> {
        match self {
            Journal::Remove {
                parent,
                name,
                inode,
                runs,
            } => {
                put_u8(out, 0, 1)?;
                put_u32(out, 1, *parent)?;
                put_u32(out, 5, *inode)?;
                let at = 9 + name.encode(out.get_mut(9..)?)?;
                Some(at + runs.encode(out.get_mut(at..)?)?)
            }
            Journal::Rename {
                src_parent,
                src_name,
                dst_parent,
                dst_name,
                inode,
                kind,
                replaced,
                replaced_runs,
            } => {
                put_u8(out, 0, 2)?;
                put_u32(out, 1, *src_parent)?;
                put_u32(out, 5, *dst_parent)?;
                put_u32(out, 9, *inode)?;
                put_u32(out, 13, *replaced)?;
                put_u8(out, 17, kind.code())?;
                let at = 18 + src_name.encode(out.get_mut(18..)?)?;
                let at = at + dst_name.encode(out.get_mut(at..)?)?;
                Some(at + replaced_runs.encode(out.get_mut(at..)?)?)
            }
        }
    }
}

impl Journal {
    /// Reads the entry at `at` of `b`; returns it and where it ends.
    fn decode_at(b: &[u8], at: usize) -> Result<(Self, usize)> {
        let b = b.get(at..).ok_or(Error::Corrupt)?;
        let (journal, end) = match take_u8(b, 0)? {
            1 => {
                let (name, at) = Name::decode(b, 9)?;
                let (runs, end) = Runs::decode_at(b, at)?;
                let j = Journal::Remove {
                    parent: take_u32(b, 1)?,
                    inode: take_u32(b, 5)?,
                    name,
                    runs,
                };
                (j, end)
            }
            2 => {
                let (src_name, at) = Name::decode(b, 18)?;
                let (dst_name, at) = Name::decode(b, at)?;
                let (replaced_runs, end) = Runs::decode_at(b, at)?;
                let j = Journal::Rename {
                    src_parent: take_u32(b, 1)?,
                    dst_parent: take_u32(b, 5)?,
                    inode: take_u32(b, 9)?,
                    replaced: take_u32(b, 13)?,
                    kind: Kind::from_code(take_u8(b, 17)?)?,
                    src_name,
                    dst_name,
                    replaced_runs,
                };
                (j, end)
            }
            _ => return Err(Error::Corrupt),
        };
        Ok((journal, at + end))
    }
}

impl Record for Journal {
    fn decode(b: &[u8]) -> Result<Self> {
        let (journal, end) = Journal::decode_at(b, 0)?;
        if end != b.len() {
            return Err(Error::Corrupt);
        }
        Ok(journal)
    }
}

/// Payload bytes per chunk for a flash geometry: `per_sector` chunk items fill a sector
/// (exactly, for two).
pub(crate) const fn chunk_size(erase_size: usize, word_size: usize, per_sector: usize) -> usize {
    let page_payload = erase_size - 2 * word_size;
    let per_item = (page_payload / per_sector) / word_size * word_size;
    let header = 8usize.div_ceil(word_size) * word_size;
    let fixed = header + KEY_MAX + 4;
    let size = per_item.saturating_sub(fixed);
    // Rounded down to the word so that the item's padding adds nothing.
    let size = (size + KEY_MAX + 4) / word_size * word_size - KEY_MAX - 4;
    if size > MAX_CHUNK {
        MAX_CHUNK
    } else {
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<R: Record + Encode + PartialEq + core::fmt::Debug>(r: R) {
        let mut buf = [0; SUPERBLOCK_MAX];
        let n = r.encode(&mut buf).unwrap();
        assert_eq!(R::decode(&buf[..n]).unwrap(), r);
        assert_eq!(R::decode(&buf[..n - 1]).map(|_| ()), Err(Error::Corrupt));
        assert!(r.encode(&mut buf[..n - 1]).is_none());
    }

    fn full_runs() -> Runs {
        let mut runs = Runs::default();
        for i in 0..MAX_RUNS as u16 {
            assert!(runs.push(3 * i));
        }
        runs
    }

    fn rename() -> Journal {
        let long = [b'x'; MAX_NAME_LEN];
        Journal::Rename {
            src_parent: 1,
            src_name: Name::new(&long).unwrap(),
            dst_parent: 2,
            dst_name: Name::new(&long).unwrap(),
            inode: 5,
            kind: Kind::File,
            replaced: 6,
            replaced_runs: full_runs(),
        }
    }

    fn header() -> Superblock {
        Superblock {
            version: VERSION,
            chunk_size: 998,
            data_sectors: 128,
            inode_reserved: 17,
            gen_reserved: 99,
            pending: Pending::default(),
            free: FreeInodes::default(),
        }
    }

    fn intent(inode: u32, extents: bool, range_count: u8) -> Intent {
        let mut ranges = [(0, 0); MAX_RANGES];
        let all = [(1, 2), (5, 9), (11, 12), (20, 30)];
        ranges[..usize::from(range_count)].copy_from_slice(&all[..usize::from(range_count)]);
        Intent {
            inode,
            gen: 9 + inode,
            committing: true,
            base_size: 5,
            old_size: 10,
            new_size: 20,
            ranges,
            range_count,
            extents,
            old_runs: if extents {
                full_runs()
            } else {
                Runs::default()
            },
        }
    }

    /// The superblock pending as `intents` and `journal` say, written as the store does:
    /// each entry recorded by a write of its own that keeps the ones before it from the
    /// copy staged in the buffer.
    fn written(
        sb: Superblock,
        intents: &[Option<Intent>; MAX_INTENT_SLOTS],
        journal: Option<&Journal>,
    ) -> std::vec::Vec<u8> {
        let mut value = std::vec::Vec::new();
        let mut pending = Pending::default();
        let order = [3, 1, 0, 2];
        for step in 0..=order.len() {
            let set = order
                .get(step)
                .and_then(|&s| intents[s].as_ref().map(|i| (s, i)));
            let journal = journal.filter(|_| step == order.len());
            let keep = (0..MAX_INTENT_SLOTS)
                .filter(|&s| pending.intents[s].is_some())
                .fold(0, |m, s| m | (1 << s));
            if let Some((slot, i)) = set {
                pending.intents[slot] = Some(i.tag());
            }
            if let Some(j) = journal {
                pending.journal = Some(j.tag());
            }
            let write =
                SuperblockWrite::new(Superblock { pending, ..sb }, keep, false, set, journal);
            value = apply(&value, &write).unwrap();
        }
        value
    }

    /// `write` applied to the superblock value `old`, staged after a one-byte key.
    fn apply(old: &[u8], write: &SuperblockWrite) -> Option<std::vec::Vec<u8>> {
        let mut buf = [0u8; ITEM_BUFFER];
        buf[1..1 + old.len()].copy_from_slice(old);
        let write = write.staged(old.len(), crate::lookup::item_crc(old));
        let n = write.serialize_into(&mut buf[1..]).ok()?;
        Some(buf[1..1 + n].to_vec())
    }

    #[test]
    fn superblock_writes_keep_the_entries_on_flash_and_record_theirs() {
        let mut intents = [None; MAX_INTENT_SLOTS];
        intents[2] = Some(intent(3, true, 2));
        intents[3] = Some(intent(4, false, 0));
        intents[0] = Some(intent(5, false, 4));
        let mut sb = header();
        sb.free.insert(40, 100);
        sb.free.insert(7, 100);
        let bytes = written(sb, &intents, Some(&rename()));
        let back = Superblock::decode(&bytes).unwrap();
        assert_eq!(back.free, sb.free);
        assert_eq!(back.inode_reserved, 17);
        assert_eq!(back.pending.journal, Some(rename().tag()));
        let parts = Parts::of(&bytes).unwrap();
        for (slot, intent) in intents.iter().enumerate() {
            assert_eq!(parts.intent(&bytes, slot), Ok(*intent));
            assert_eq!(back.pending.intents[slot], intent.map(|i| i.tag()));
        }
        assert_eq!(parts.journal(&bytes), Ok(Some(rename())));
        // Cut anywhere but where the optional recycled numbers start, it is refused.
        for cut in (0..bytes.len()).filter(|&c| c != parts.end()) {
            assert!(Superblock::decode(&bytes[..cut]).is_err(), "{cut}");
        }
        // Clearing slot 2 and recording slot 1 keep the others and the journal entry.
        let mut pending = back.pending;
        pending.intents[2] = None;
        let new = intent(8, true, 1);
        pending.intents[1] = Some(new.tag());
        let write = SuperblockWrite::new(
            Superblock { pending, ..sb },
            0b1001,
            true,
            Some((1, &new)),
            None,
        );
        let after = apply(&bytes, &write).unwrap();
        let parts = Parts::of(&after).unwrap();
        intents[2] = None;
        intents[1] = Some(new);
        for (slot, intent) in intents.iter().enumerate() {
            assert_eq!(parts.intent(&after, slot), Ok(*intent));
        }
        assert_eq!(parts.journal(&after), Ok(Some(rename())));
        assert_eq!(Superblock::decode(&after).unwrap().free, sb.free);
        // The same write again: the staged copy is gone once it has been edited.
        let write = write.staged(bytes.len(), crate::lookup::item_crc(&bytes));
        let mut buf = [0u8; ITEM_BUFFER];
        buf[1..1 + after.len()].copy_from_slice(&after);
        let lost = Err(SerializationError::Custom(COPY_LOST));
        assert_eq!(write.serialize_into(&mut buf[1..]), lost);
        // A copy whose entries are not the ones RAM knows is refused.
        let mut wrong = pending;
        wrong.intents[0] = Some(intent(6, false, 4).tag());
        let sb_wrong = Superblock {
            pending: wrong,
            ..sb
        };
        let write = SuperblockWrite::new(sb_wrong, 0b0001, false, None, None)
            .staged(after.len(), crate::lookup::item_crc(&after));
        buf[1..1 + after.len()].copy_from_slice(&after);
        assert_eq!(
            write.serialize_into(&mut buf[1..]),
            Err(SerializationError::InvalidData)
        );
        // Dropping everything needs no copy.
        let write = SuperblockWrite::new(sb, 0, false, None, None);
        assert!(!write.needs_copy());
        let empty = apply(&[], &write).unwrap();
        assert_eq!(
            Superblock::decode(&empty).unwrap().pending,
            Pending::default()
        );
    }

    #[test]
    fn the_pending_entries_hold_the_sectors_their_old_lists_name() {
        let mut old = Runs::default();
        assert!(old.push(100) && old.push(101));
        let mut intents = [None; MAX_INTENT_SLOTS];
        intents[1] = Some(Intent {
            old_runs: old,
            ..intent(3, true, 0)
        });
        let bytes = written(header(), &intents, Some(&rename()));
        let parts = Parts::of(&bytes).unwrap();
        let holds = |s| parts.holds(&bytes, s);
        assert!(holds(100) && holds(101) && !holds(102));
        // The rename frees `replaced`, whose sectors are 0, 3, 6, ...
        assert!(holds(3) && !holds(4));
        let tags = Superblock::decode(&bytes).unwrap().pending;
        assert!(tags.may_hold());
        // An intent that leaves the data sectors alone drops none.
        intents[1] = Some(intent(3, false, 0));
        let bytes = written(header(), &intents, None);
        let parts = Parts::of(&bytes).unwrap();
        assert!(!parts.holds(&bytes, 100) && !parts.holds(&bytes, 3));
        assert!(!Superblock::decode(&bytes).unwrap().pending.may_hold());
    }

    #[test]
    fn the_fullest_superblock_fits_its_bound_and_the_item_buffer() {
        let intents = [Some(intent(3, true, MAX_RANGES as u8)); MAX_INTENT_SLOTS];
        let mut sb = header();
        for i in 0..crate::recycle::FREE_RUNS as u32 {
            sb.free.insert(2 * i + 2, 100);
        }
        let mut bytes = written(sb, &intents, Some(&rename()));
        assert_eq!(bytes.len(), SUPERBLOCK_MAX);
        let parts = Parts::of(&bytes).unwrap();
        assert_eq!(parts.intent(&bytes, 3), Ok(intents[3]));
        // An intent in a slot past those held (written by a build with more descriptors)
        // is refused, not skipped.
        bytes[21] |= 1 << MAX_INTENT_SLOTS;
        assert_eq!(Superblock::decode(&bytes), Err(Error::Corrupt));
    }

    #[test]
    fn records_round_trip_and_reject_truncation() {
        round_trip(rename());
        round_trip(Journal::Remove {
            parent: 1,
            name: Name::new(b"a").unwrap(),
            inode: 4,
            runs: Runs::default(),
        });
    }

    #[test]
    fn inode_records_carry_inline_contents() {
        let mut buf = [0u8; 64];
        let inode = Inode {
            kind: Kind::File,
            size: 3,
            gen: 7,
            inline: true,
            runs: Runs::default(),
        };
        let n = inode.encode_header(&mut buf).unwrap();
        buf[n..n + 3].copy_from_slice(b"abc");
        assert_eq!(
            Inode::decode_with_data(&buf[..n + 3]).unwrap(),
            (inode, &b"abc"[..])
        );
        assert!(Inode::decode_with_data(&buf[..n + 2]).is_err());
        let chunked = Inode {
            inline: false,
            ..inode
        };
        chunked.encode_header(&mut buf).unwrap();
        assert_eq!(Inode::decode_with_data(&buf[..n]).unwrap().0, chunked);
        assert!(Inode::decode_with_data(&buf[..n + 1]).is_err());
        let mut runs = Runs::default();
        assert!(runs.push(4) && runs.push(5) && runs.push(9));
        let extents = Inode {
            size: 3 * 4096 + 17,
            runs,
            ..chunked
        };
        let m = extents.encode_header(&mut buf).unwrap();
        assert_eq!(m, n + 1 + 8);
        assert_eq!(Inode::decode_with_data(&buf[..m]).unwrap().0, extents);
        assert!(Inode::decode_with_data(&buf[..m - 1]).is_err());
    }

    #[test]
    fn keys_are_compact_and_round_trip() {
        let keys = [
            (MapKey::Superblock, 1),
            (MapKey::Inode(7), 5),
            (MapKey::chunk(7, 3, 1), 9),
            (MapKey::DirBlock { dir: 2, index: 4 }, 9),
            (MapKey::Reserve(1), 2),
            (MapKey::OldReserve, 1),
            (MapKey::Alloc, 1),
            (MapKey::SearchStart, 2),
        ];
        for (key, len) in keys {
            let mut buf = [0u8; KEY_MAX];
            assert_eq!(key.serialize_into(&mut buf), Ok(len));
            assert_eq!(MapKey::deserialize_from(&buf[..len]), Ok((key, len)));
        }
        assert!(MapKey::deserialize_from(&[11, 0, 0]).is_err());
        assert!(MapKey::deserialize_from(&[5, 0, 0]).is_err());
    }

    #[test]
    fn an_empty_chunk_value_is_a_tombstone() {
        let mut buf = [0u8; 16];
        let tombstone = ChunkValue {
            gen: None,
            data: &[],
        };
        assert_eq!(tombstone.serialize_into(&mut buf), Ok(0));
        assert_eq!(ChunkValue::deserialize_from(&buf[..0]).unwrap().0.gen, None);
        let chunk = ChunkValue {
            gen: Some(7),
            data: b"ab",
        };
        assert_eq!(chunk.serialize_into(&mut buf), Ok(6));
        let (back, _) = ChunkValue::deserialize_from(&buf[..6]).unwrap();
        assert_eq!((back.gen, back.data), (Some(7), &b"ab"[..]));
        // A value too short for its generation is damage, not a tombstone.
        assert!(ChunkValue::deserialize_from(&buf[..3]).is_err());
    }

    #[test]
    fn names_are_bounded() {
        assert_eq!(Name::new(&[b'a'; 65]), Err(Error::NameTooLong));
        assert_eq!(Name::new(b""), Err(Error::InvalidInput));
        assert_eq!(Name::new("é".as_bytes()).unwrap().as_str(), "é");
    }

    #[cfg(feature = "v3")]
    #[test]
    fn version_3_chunk_items_fill_a_4k_sector() {
        let cs = chunk_size(4096, 4, V3_CHUNKS_PER_SECTOR);
        let item = 8 + KEY_MAX + 4 + cs;
        assert_eq!(item % 4, 0);
        assert_eq!(V3_CHUNKS_PER_SECTOR * item, 4096 - 8);
        assert!(KEY_MAX + 4 + cs <= ITEM_BUFFER);
    }

    #[test]
    fn chunk_items_fill_a_4k_sector() {
        // The largest chunk on 4 KiB sectors (one-byte words) is not cut down to fit.
        let widest = (4096 - 2) / CHUNKS_PER_SECTOR - 8 - KEY_MAX - 4;
        assert_eq!(chunk_size(4096, 1, CHUNKS_PER_SECTOR), widest);
        #[cfg(not(feature = "v3"))]
        assert_eq!(widest, MAX_CHUNK);
        let small = 8 + KEY_MAX + 4 + chunk_size(4096, 4, CHUNKS_PER_SECTOR);
        assert_eq!(small % 4, 0);
        assert!(CHUNKS_PER_SECTOR * small <= 4096 - 8);
        assert!((CHUNKS_PER_SECTOR + 1) * small > 4096 - 8);
    }
}
