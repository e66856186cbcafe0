//! The on-flash layout: the map keys and the byte encoding of every record.
//!
//! Every record is one `sequential-storage` map item, so each is written atomically (its CRC
//! rejects a torn write). Decoding never trusts flash: a short or malformed record is
//! [`Error::Corrupt`].

use sequential_storage::map::{Key, SerializationError, Value};

use crate::error::{Error, Result};
use crate::MAX_NAME_LEN;

/// Identifies the filesystem in the superblock record.
pub(crate) const MAGIC: u32 = 0x6D6F_7465;
/// Layout version in the superblock record.
pub(crate) const VERSION: u8 = 1;
/// The root directory's inode number.
pub(crate) const ROOT_INODE: u32 = 1;
/// Largest chunk payload; the per-file and filesystem buffers are this big.
pub(crate) const MAX_CHUNK: usize = 1000;
/// Map item buffer: key, chunk generation and payload, rounded up for any word size.
pub(crate) const ITEM_BUFFER: usize = 1040;
/// Dirty ranges remembered per transaction before neighbours are merged.
pub(crate) const MAX_RANGES: usize = 4;

/// Which kind of record a key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tag {
    Superblock = 1,
    Journal = 2,
    Intent = 3,
    Inode = 4,
    Chunk = 5,
}

/// A map key: tag, id (inode or intent slot), chunk index and chunk slot; 10 bytes on flash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MapKey {
    pub tag: u8,
    pub id: u32,
    pub index: u32,
    pub slot: u8,
}

impl MapKey {
    pub fn superblock() -> Self {
        Self::new(Tag::Superblock, 0, 0, 0)
    }
    pub fn journal() -> Self {
        Self::new(Tag::Journal, 0, 0, 0)
    }
    pub fn intent(slot: usize) -> Self {
        Self::new(Tag::Intent, slot as u32, 0, 0)
    }
    pub fn inode(inode: u32) -> Self {
        Self::new(Tag::Inode, inode, 0, 0)
    }
    pub fn chunk(inode: u32, index: u32, slot: u8) -> Self {
        Self::new(Tag::Chunk, inode, index, slot)
    }
    fn new(tag: Tag, id: u32, index: u32, slot: u8) -> Self {
        MapKey {
            tag: tag as u8,
            id,
            index,
            slot,
        }
    }
    pub fn is(&self, tag: Tag) -> bool {
        self.tag == tag as u8
    }
}

/// Encoded key length.
pub(crate) const KEY_LEN: usize = 10;

impl Key for MapKey {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        let out = buffer
            .get_mut(..KEY_LEN)
            .ok_or(SerializationError::BufferTooSmall)?;
        out[0] = self.tag;
        out[1..5].copy_from_slice(&self.id.to_le_bytes());
        out[5..9].copy_from_slice(&self.index.to_le_bytes());
        out[9] = self.slot;
        Ok(KEY_LEN)
    }

    fn deserialize_from(buffer: &[u8]) -> core::result::Result<(Self, usize), SerializationError> {
        let b = buffer
            .get(..KEY_LEN)
            .ok_or(SerializationError::BufferTooSmall)?;
        Ok((
            MapKey {
                tag: b[0],
                id: u32_at(b, 1).ok_or(SerializationError::InvalidFormat)?,
                index: u32_at(b, 5).ok_or(SerializationError::InvalidFormat)?,
                slot: b[9],
            },
            KEY_LEN,
        ))
    }

    fn get_len(_buffer: &[u8]) -> core::result::Result<usize, SerializationError> {
        Ok(KEY_LEN)
    }
}

pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let bytes = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
}

fn take_u32(b: &[u8], at: usize) -> Result<u32> {
    u32_at(b, at).ok_or(Error::Corrupt)
}

fn take_u8(b: &[u8], at: usize) -> Result<u8> {
    b.get(at).copied().ok_or(Error::Corrupt)
}

/// A chunk's value: the generation of the transaction that wrote it, then the payload.
pub(crate) struct ChunkValue<'a> {
    pub gen: u32,
    pub data: &'a [u8],
}

impl<'a> Value<'a> for ChunkValue<'a> {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        let len = 4 + self.data.len();
        let out = buffer
            .get_mut(..len)
            .ok_or(SerializationError::BufferTooSmall)?;
        out[..4].copy_from_slice(&self.gen.to_le_bytes());
        out[4..].copy_from_slice(self.data);
        Ok(len)
    }

    fn deserialize_from(
        buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        let gen = u32_at(buffer, 0).ok_or(SerializationError::InvalidFormat)?;
        Ok((
            ChunkValue {
                gen,
                data: &buffer[4..],
            },
            buffer.len(),
        ))
    }
}

/// A small record encoded into at most [`RECORD_MAX`] bytes.
pub(crate) trait Record: Sized {
    /// Writes the record into `out`, returning its length.
    fn encode(&self, out: &mut [u8; RECORD_MAX]) -> usize;
    /// Reads a record back, rejecting anything malformed.
    fn decode(b: &[u8]) -> Result<Self>;
}

/// Largest encoded record (a rename journal entry with two maximal names).
pub(crate) const RECORD_MAX: usize = 2 * (MAX_NAME_LEN + 1) + 24;

/// The superblock: identifies the layout and holds the reserved counters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Superblock {
    pub chunk_size: u32,
    /// Inode numbers below this may have been handed out.
    pub inode_reserved: u32,
    /// Generations below this may have been handed out.
    pub gen_reserved: u32,
}

impl Record for Superblock {
    fn encode(&self, out: &mut [u8; RECORD_MAX]) -> usize {
        out[..4].copy_from_slice(&MAGIC.to_le_bytes());
        out[4] = VERSION;
        out[5..9].copy_from_slice(&self.chunk_size.to_le_bytes());
        out[9..13].copy_from_slice(&self.inode_reserved.to_le_bytes());
        out[13..17].copy_from_slice(&self.gen_reserved.to_le_bytes());
        17
    }
    fn decode(b: &[u8]) -> Result<Self> {
        if take_u32(b, 0)? != MAGIC || take_u8(b, 4)? != VERSION {
            return Err(Error::Corrupt);
        }
        Ok(Superblock {
            chunk_size: take_u32(b, 5)?,
            inode_reserved: take_u32(b, 9)?,
            gen_reserved: take_u32(b, 13)?,
        })
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

/// An inode record: the committed state of a file or directory. Writing it is the commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Inode {
    pub kind: Kind,
    pub size: u32,
    /// Generation of the last committed transaction; chunks with a higher one are not visible.
    pub gen: u32,
}

impl Record for Inode {
    fn encode(&self, out: &mut [u8; RECORD_MAX]) -> usize {
        out[0] = self.kind.code();
        out[1..5].copy_from_slice(&self.size.to_le_bytes());
        out[5..9].copy_from_slice(&self.gen.to_le_bytes());
        9
    }
    fn decode(b: &[u8]) -> Result<Self> {
        Ok(Inode {
            kind: Kind::from_code(take_u8(b, 0)?)?,
            size: take_u32(b, 1)?,
            gen: take_u32(b, 5)?,
        })
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
    pub new_size: u32,
    pub ranges: [ChunkRange; MAX_RANGES],
    pub range_count: u8,
}

impl Record for Intent {
    fn encode(&self, out: &mut [u8; RECORD_MAX]) -> usize {
        out[..4].copy_from_slice(&self.inode.to_le_bytes());
        out[4..8].copy_from_slice(&self.gen.to_le_bytes());
        out[8] = u8::from(self.committing);
        out[9..13].copy_from_slice(&self.old_size.to_le_bytes());
        out[13..17].copy_from_slice(&self.new_size.to_le_bytes());
        out[17] = self.range_count;
        out[18..22].copy_from_slice(&self.base_size.to_le_bytes());
        let mut at = 22;
        for (start, end) in &self.ranges[..usize::from(self.range_count)] {
            out[at..at + 4].copy_from_slice(&start.to_le_bytes());
            out[at + 4..at + 8].copy_from_slice(&end.to_le_bytes());
            at += 8;
        }
        at
    }
    fn decode(b: &[u8]) -> Result<Self> {
        let range_count = take_u8(b, 17)?;
        if usize::from(range_count) > MAX_RANGES {
            return Err(Error::Corrupt);
        }
        let mut ranges = [(0, 0); MAX_RANGES];
        for (i, r) in ranges[..usize::from(range_count)].iter_mut().enumerate() {
            *r = (take_u32(b, 22 + 8 * i)?, take_u32(b, 26 + 8 * i)?);
        }
        Ok(Intent {
            inode: take_u32(b, 0)?,
            gen: take_u32(b, 4)?,
            committing: take_u8(b, 8)? != 0,
            base_size: take_u32(b, 18)?,
            old_size: take_u32(b, 9)?,
            new_size: take_u32(b, 13)?,
            ranges,
            range_count,
        })
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

    fn encode(&self, out: &mut [u8]) -> usize {
        out[0] = self.len;
        out[1..1 + usize::from(self.len)].copy_from_slice(self.as_bytes());
        1 + usize::from(self.len)
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

/// A directory operation that must complete as a whole; replayed at mount until done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Journal {
    /// Unlink `name` (pointing at `inode`) from `parent` and free the inode.
    Remove { parent: u32, name: Name, inode: u32 },
    /// Link `inode` as `dst_parent/dst_name` (replacing and freeing `replaced`), then unlink
    /// `src_parent/src_name`.
    Rename {
        src_parent: u32,
        src_name: Name,
        dst_parent: u32,
        dst_name: Name,
        inode: u32,
        kind: Kind,
        replaced: u32,
    },
}

impl Record for Journal {
    fn encode(&self, out: &mut [u8; RECORD_MAX]) -> usize {
        match self {
            Journal::Remove {
                parent,
                name,
                inode,
            } => {
                out[0] = 1;
                out[1..5].copy_from_slice(&parent.to_le_bytes());
                out[5..9].copy_from_slice(&inode.to_le_bytes());
                9 + name.encode(&mut out[9..])
            }
            Journal::Rename {
                src_parent,
                src_name,
                dst_parent,
                dst_name,
                inode,
                kind,
                replaced,
            } => {
                out[0] = 2;
                out[1..5].copy_from_slice(&src_parent.to_le_bytes());
                out[5..9].copy_from_slice(&dst_parent.to_le_bytes());
                out[9..13].copy_from_slice(&inode.to_le_bytes());
                out[13..17].copy_from_slice(&replaced.to_le_bytes());
                out[17] = kind.code();
                let at = 18 + src_name.encode(&mut out[18..]);
                at + dst_name.encode(&mut out[at..])
            }
        }
    }
    fn decode(b: &[u8]) -> Result<Self> {
        match take_u8(b, 0)? {
            1 => Ok(Journal::Remove {
                parent: take_u32(b, 1)?,
                inode: take_u32(b, 5)?,
                name: Name::decode(b, 9)?.0,
            }),
            2 => {
                let (src_name, at) = Name::decode(b, 18)?;
                Ok(Journal::Rename {
                    src_parent: take_u32(b, 1)?,
                    dst_parent: take_u32(b, 5)?,
                    inode: take_u32(b, 9)?,
                    replaced: take_u32(b, 13)?,
                    kind: Kind::from_code(take_u8(b, 17)?)?,
                    src_name,
                    dst_name: Name::decode(b, at)?.0,
                })
            }
            _ => Err(Error::Corrupt),
        }
    }
}

/// Payload bytes per chunk for a flash geometry: four chunk items fill a sector exactly.
pub(crate) const fn chunk_size(erase_size: usize, word_size: usize) -> usize {
    let page_payload = erase_size - 2 * word_size;
    let per_item = (page_payload / 4) / word_size * word_size;
    let header = 8usize.div_ceil(word_size) * word_size;
    let fixed = header + KEY_LEN + 4;
    let size = per_item.saturating_sub(fixed);
    if size > MAX_CHUNK {
        MAX_CHUNK
    } else {
        size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<R: Record + PartialEq + core::fmt::Debug>(r: R) {
        let mut buf = [0; RECORD_MAX];
        let n = r.encode(&mut buf);
        assert_eq!(R::decode(&buf[..n]).unwrap(), r);
        assert_eq!(R::decode(&buf[..n - 1]).map(|_| ()), Err(Error::Corrupt));
    }

    #[test]
    fn records_round_trip_and_reject_truncation() {
        round_trip(Superblock {
            chunk_size: 998,
            inode_reserved: 17,
            gen_reserved: 99,
        });
        round_trip(Inode {
            kind: Kind::Dir,
            size: 12345,
            gen: 7,
        });
        round_trip(Intent {
            inode: 3,
            gen: 9,
            committing: true,
            base_size: 5,
            old_size: 10,
            new_size: 20,
            ranges: [(1, 2), (5, 9), (0, 0), (0, 0)],
            range_count: 2,
        });
        let long = [b'x'; MAX_NAME_LEN];
        round_trip(Journal::Rename {
            src_parent: 1,
            src_name: Name::new(&long).unwrap(),
            dst_parent: 2,
            dst_name: Name::new(b"b").unwrap(),
            inode: 5,
            kind: Kind::File,
            replaced: 6,
        });
        round_trip(Journal::Remove {
            parent: 1,
            name: Name::new(b"a").unwrap(),
            inode: 4,
        });
    }

    #[test]
    fn names_are_bounded() {
        assert_eq!(Name::new(&[b'a'; 65]), Err(Error::NameTooLong));
        assert_eq!(Name::new(b""), Err(Error::InvalidInput));
        assert_eq!(Name::new("é".as_bytes()).unwrap().as_str(), "é");
    }

    #[test]
    fn four_chunk_items_fill_a_4k_sector() {
        let cs = chunk_size(4096, 4);
        assert_eq!(cs, 998);
        let item = 8 + KEY_LEN + 4 + cs;
        assert!(4 * item.div_ceil(4) * 4 <= 4096 - 8);
    }
}
