//! The record store: the `sequential-storage` map holding every record, the item buffer it
//! works in, and the reserved inode and generation counters.
//!
//! Invariants: the counters never hand out a number below the superblock's reservation, so
//! inode numbers and generations are never reused, even across power cuts.

use embedded_storage_async::nor_flash::MultiwriteNorFlash;
use sequential_storage::cache::key_pointers::ArrayKeyPointers;
#[cfg(not(fuzzing))]
use sequential_storage::cache::page_states::CalculatedPageStates;
use sequential_storage::cache::{Cache, Uncached};
use sequential_storage::map::{MapConfig, MapStorage, SerializationError, Value};

use crate::alloc::{data_sectors, Alloc, AllocState, ALLOC_MAX};
use crate::error::{Error, Result};
use crate::extent::Runs;
use crate::layout::{
    chunk_size, ChunkValue, Inode, InodeValue, Intent, Journal, MapKey, Pending, Record,
    RecordValue, Superblock, DIR_BLOCK, ITEM_BUFFER, RESERVE,
};
use crate::region::{self, SectorWriter};

/// How many numbers one superblock write reserves.
const RESERVE_BATCH: u32 = 64;
/// Keys whose flash address the map cache remembers.
pub(crate) const KEY_CACHE: usize = 48;
/// Chunk keys one sweep pass collects before removing them.
const SWEEP_BATCH: usize = 32;

type MapCache = Cache<PageStates, Uncached, ArrayKeyPointers<MapKey, KEY_CACHE>, MapKey>;

#[cfg(not(fuzzing))]
type PageStates = CalculatedPageStates;
// Under the fuzzer, sequential-storage's page-state cache logs every change to stderr.
#[cfg(fuzzing)]
type PageStates = Uncached;

#[cfg(not(fuzzing))]
fn page_states(pages: usize) -> PageStates {
    CalculatedPageStates::new(pages)
}
#[cfg(fuzzing)]
fn page_states(_pages: usize) -> PageStates {
    Uncached
}

/// The two slots of a chunk as found on flash: `(generation, payload length)` of each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ChunkSlots {
    pub slots: [Option<(u32, usize)>; 2],
}

impl ChunkSlots {
    /// The slot a reader with committed generation `committed` (and, inside a transaction,
    /// its generation `txn`) sees.
    pub fn visible(&self, committed: u32, txn: Option<u32>) -> Option<u8> {
        if let Some(g) = txn {
            if let Some(s) = self.slot_with(g) {
                return Some(s);
            }
        }
        let mut best: Option<(u8, u32)> = None;
        for (s, slot) in self.slots.iter().enumerate() {
            if let Some((gen, _)) = slot {
                if *gen <= committed && best.is_none_or(|(_, g)| *gen > g) {
                    best = Some((s as u8, *gen));
                }
            }
        }
        best.map(|(s, _)| s)
    }

    /// The slot holding generation `gen`.
    pub fn slot_with(&self, gen: u32) -> Option<u8> {
        (0..2u8).find(|&s| matches!(self.slots[usize::from(s)], Some((g, _)) if g == gen))
    }
}

/// A value of that many filler bytes (the reserve record's), written straight into the
/// item buffer.
struct Filler(usize);

impl<'a> Value<'a> for Filler {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        buffer
            .get_mut(..self.0)
            .ok_or(SerializationError::BufferTooSmall)?
            .fill(0xA5);
        Ok(self.0)
    }

    fn deserialize_from(
        buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        Ok((Filler(buffer.len()), buffer.len()))
    }
}

const _: () = assert!(crate::layout::KEY_MAX + ALLOC_MAX <= ITEM_BUFFER);

/// The map, the data region and their working state.
pub(crate) struct Store<F: MultiwriteNorFlash> {
    map: MapStorage<MapKey, F, MapCache>,
    buf: [u8; ITEM_BUFFER],
    /// Chunk payload size for this flash.
    pub chunk_size: u32,
    capacity: u32,
    next_inode: u32,
    inode_limit: u32,
    next_gen: u32,
    gen_limit: u32,
    /// False once a commit's cleanup failed: a chunk may then hold two committed slots until
    /// the next mount, so lookups must read both.
    single_slots: bool,
    /// What is pending as far as this session knows; the superblock on flash holds it too,
    /// unless `stale`.
    pending: Pending,
    /// A write that only cleared pending work failed (no space): the superblock on flash
    /// still names work that is done, and must be rewritten before anything else changes.
    stale: bool,
    /// Bytes per sector (and per data sector).
    pub sector_size: u32,
    /// Flash address of the data region (the map lies before it).
    data_start: u32,
    /// Which data sectors are used.
    alloc: Alloc,
    /// Intent slots whose commit is done but whose allocation record write failed: they are
    /// cleared once the record is written, before anything else changes.
    awaiting: u8,
}

impl<F: MultiwriteNorFlash> Store<F> {
    /// Wraps the whole of `flash`; fails with [`Error::InvalidInput`] when it is too small.
    pub fn new(flash: F) -> Result<Self> {
        let capacity = u32::try_from(flash.capacity()).map_err(|_| Error::InvalidInput)?;
        let sector = F::ERASE_SIZE as u32;
        let capacity = capacity - capacity % sector;
        let sectors = capacity / sector;
        let data = data_sectors(sectors, F::ERASE_SIZE, F::WRITE_SIZE, F::READ_SIZE);
        let data_start = (sectors - data) * sector;
        let config = MapConfig::try_new(0..data_start).map_err(|_| Error::InvalidInput)?;
        let cs = chunk_size(F::ERASE_SIZE, F::WRITE_SIZE);
        if cs < 64 || sectors - data < 4 {
            return Err(Error::InvalidInput);
        }
        let pages = (sectors - data) as usize;
        let cache = Cache::new(page_states(pages), Uncached, ArrayKeyPointers::new());
        Ok(Store {
            map: MapStorage::new(flash, config, cache),
            buf: [0; ITEM_BUFFER],
            chunk_size: cs as u32,
            capacity,
            next_inode: 0,
            inode_limit: 0,
            next_gen: 0,
            gen_limit: 0,
            single_slots: true,
            pending: Pending::default(),
            stale: false,
            sector_size: sector,
            data_start,
            alloc: Alloc::new(data),
            awaiting: 0,
        })
    }

    /// Gives the flash back.
    pub fn into_flash(self) -> F {
        self.map.destroy().0
    }

    /// Bytes of the partition.
    pub fn capacity(&self) -> u32 {
        self.capacity
    }

    /// The flash, for statistics.
    pub fn flash(&mut self) -> &mut F {
        self.map.flash()
    }

    /// Erases the whole partition and writes a superblock with the counters starting at
    /// `first_inode`.
    pub async fn format(&mut self, first_inode: u32) -> Result<()> {
        self.map.erase_all().await?;
        self.next_inode = first_inode;
        self.inode_limit = first_inode;
        self.next_gen = 1;
        self.gen_limit = 1;
        self.pending = Pending::default();
        self.alloc.reset();
        self.write_superblock().await?;
        self.sync_alloc().await?;
        self.restore_reserve().await
    }

    /// Writes the reserve record: [`RESERVE`] bytes that a remove on a full flash can give
    /// back ([`Store::release_reserve`]).
    pub async fn restore_reserve(&mut self) -> Result<()> {
        self.map
            .store_item(&mut self.buf, &MapKey::Reserve, &Filler(RESERVE))
            .await?;
        Ok(())
    }

    /// Removes the reserve record (which needs no space), so that the next write can
    /// reclaim its room.
    pub async fn release_reserve(&mut self) -> Result<()> {
        self.remove(&MapKey::Reserve).await
    }

    /// Reads the superblock: starts the counters after its reservations and returns what
    /// was pending when the filesystem was last changed.
    pub async fn load_superblock(&mut self) -> Result<Pending> {
        let bytes = self
            .map
            .fetch_item::<&[u8]>(&mut self.buf, &MapKey::Superblock)
            .await?
            .ok_or(Error::Corrupt)?;
        let sb = Superblock::decode(bytes)?;
        if sb.chunk_size != self.chunk_size || sb.data_sectors != self.alloc.sectors {
            return Err(Error::Corrupt);
        }
        self.next_inode = sb.inode_reserved;
        self.inode_limit = sb.inode_reserved;
        self.next_gen = sb.gen_reserved;
        self.gen_limit = sb.gen_reserved;
        self.pending = sb.pending;
        Ok(sb.pending)
    }

    async fn write_superblock(&mut self) -> Result<()> {
        let sb = Superblock {
            chunk_size: self.chunk_size,
            data_sectors: self.alloc.sectors,
            inode_reserved: self.inode_limit,
            gen_reserved: self.gen_limit,
            pending: self.pending,
        };
        self.map
            .store_item(&mut self.buf, &MapKey::Superblock, &RecordValue(&sb))
            .await?;
        self.stale = false;
        Ok(())
    }

    /// Rewrites the superblock if a write that cleared pending work failed earlier, and the
    /// allocation record if its write failed (clearing the intents that waited for it).
    pub async fn settle(&mut self) -> Result<()> {
        self.sync_alloc().await?;
        if self.awaiting != 0 {
            let cleared = self.take_awaiting();
            self.change_pending(true, |p| {
                for (slot, intent) in p.intents.iter_mut().enumerate() {
                    if cleared & (1 << slot) != 0 {
                        *intent = None;
                    }
                }
                Ok(())
            })
            .await?;
        }
        if self.stale {
            self.write_superblock().await?;
        }
        Ok(())
    }

    /// Marks the awaiting slots as settled: their dropped sectors are free once the
    /// superblock without them is written (which the caller does next).
    fn take_awaiting(&mut self) -> u8 {
        let cleared = self.awaiting;
        for (slot, intent) in self.pending.intents.iter().enumerate() {
            if let Some(intent) = intent.filter(|_| cleared & (1 << slot) != 0) {
                self.alloc.settle(&intent.old_runs);
            }
        }
        self.awaiting = 0;
        cleared
    }

    /// What is pending.
    pub fn pending(&self) -> &Pending {
        &self.pending
    }

    /// Writes the superblock with `change` applied to what is pending. A write that only
    /// clears (`clearing`) counts as done even when it fails: the work it records is
    /// finished, replaying it is harmless, and the superblock is rewritten before the next
    /// change ([`Store::settle`]). Any other failed write leaves the state as it was.
    async fn change_pending(
        &mut self,
        clearing: bool,
        change: impl FnOnce(&mut Pending) -> Result<()>,
    ) -> Result<()> {
        if !clearing && (self.alloc.dirty || self.awaiting != 0) {
            // Nothing may change while the allocation record lags behind a commit.
            self.sync_alloc().await?;
            let cleared = self.take_awaiting();
            for (slot, intent) in self.pending.intents.iter_mut().enumerate() {
                if cleared & (1 << slot) != 0 {
                    *intent = None;
                }
            }
        }
        let before = self.pending;
        change(&mut self.pending)?;
        match self.write_superblock().await {
            Ok(()) => Ok(()),
            Err(_) if clearing => {
                self.stale = true;
                Ok(())
            }
            Err(e) => {
                self.pending = before;
                Err(e)
            }
        }
    }

    /// Records (or with `None`, clears) the intent of transaction slot `slot`.
    pub async fn set_intent(&mut self, slot: usize, intent: Option<Intent>) -> Result<()> {
        self.change_pending(intent.is_none(), |p| {
            *p.intents.get_mut(slot).ok_or(Error::InvalidInput)? = intent;
            Ok(())
        })
        .await
    }

    /// Records (or with `None`, clears) the pending directory operation.
    pub async fn set_journal(&mut self, journal: Option<Journal>) -> Result<()> {
        self.change_pending(journal.is_none(), |p| {
            p.journal = journal;
            Ok(())
        })
        .await
    }

    /// Clears everything pending once recovery has settled it.
    pub async fn clear_pending(&mut self) -> Result<()> {
        self.change_pending(true, |p| {
            *p = Pending::default();
            Ok(())
        })
        .await
    }

    async fn reserve(&mut self, inode_limit: u32, gen_limit: u32) -> Result<()> {
        let before = (self.inode_limit, self.gen_limit);
        self.inode_limit = inode_limit;
        self.gen_limit = gen_limit;
        let written = self.write_superblock().await;
        if written.is_err() {
            (self.inode_limit, self.gen_limit) = before;
        }
        written
    }

    /// A never-used inode number.
    pub async fn alloc_inode(&mut self) -> Result<u32> {
        if self.next_inode >= self.inode_limit {
            let limit = self
                .next_inode
                .checked_add(RESERVE_BATCH)
                .ok_or(Error::NoSpace)?;
            self.reserve(limit, self.gen_limit).await?;
        }
        self.next_inode += 1;
        Ok(self.next_inode - 1)
    }

    /// A never-used transaction generation.
    pub async fn alloc_gen(&mut self) -> Result<u32> {
        if self.next_gen >= self.gen_limit {
            let limit = self
                .next_gen
                .checked_add(RESERVE_BATCH)
                .ok_or(Error::NoSpace)?;
            self.reserve(self.inode_limit, limit).await?;
        }
        self.next_gen += 1;
        Ok(self.next_gen - 1)
    }

    /// Sectors of the data region.
    pub fn data_sectors(&self) -> u32 {
        self.alloc.sectors
    }

    /// Reads the allocation record the first time it is needed; a missing or damaged record
    /// leaves the region without allocation (files then use chunks only).
    async fn load_alloc(&mut self) -> Result<()> {
        if self.alloc.state != AllocState::Unloaded {
            return Ok(());
        }
        let bytes = self
            .map
            .fetch_item::<&[u8]>(&mut self.buf, &MapKey::Alloc)
            .await?;
        let loaded = bytes.ok_or(Error::Corrupt).and_then(|b| self.alloc.load(b));
        if loaded.is_err() {
            self.alloc.state = AllocState::Broken;
        }
        Ok(())
    }

    /// Writes the allocation record if RAM is ahead of it.
    pub async fn sync_alloc(&mut self) -> Result<()> {
        if !self.alloc.dirty || self.alloc.state != AllocState::Loaded {
            return Ok(());
        }
        self.map
            .store_item(&mut self.buf, &MapKey::Alloc, &RecordValue(&self.alloc))
            .await?;
        self.alloc.dirty = false;
        Ok(())
    }

    /// Takes a free data sector to append to `runs` (see [`Alloc::take`]), erased; `None`
    /// when there is none.
    pub async fn take_sector(&mut self, runs: &Runs) -> Result<Option<u16>> {
        self.load_alloc().await?;
        let Some(sector) = self.alloc.take(runs) else {
            return Ok(None);
        };
        let addr = self.sector_addr(sector);
        let erased = self
            .map
            .flash()
            .erase(addr, addr + self.sector_size)
            .await
            .map_err(|_| Error::Io);
        if let Err(e) = erased {
            self.alloc.release(sector);
            return Err(e);
        }
        Ok(Some(sector))
    }

    /// Gives back a sector [`Store::take_sector`] handed out.
    pub fn release_sector(&mut self, sector: u16) {
        self.alloc.release(sector);
    }

    /// Records in RAM that a commit replaced the data sectors `old` by `new` (see
    /// [`Alloc::commit`]); [`Store::sync_alloc`] writes it.
    pub async fn commit_runs(&mut self, old: &Runs, new: &Runs) -> Result<()> {
        if old == new {
            return Ok(());
        }
        self.load_alloc().await?;
        self.alloc.commit(old, new);
        Ok(())
    }

    /// The record naming the dropped sectors `old` is cleared: they are free.
    pub fn settle_runs(&mut self, old: &Runs) {
        self.alloc.settle(old);
    }

    /// Frees the sectors every pending intent and journal entry dropped (recovery settled
    /// them all).
    pub fn settle_pending_runs(&mut self) {
        for intent in self.pending.intents.iter().flatten() {
            self.alloc.settle(&intent.old_runs);
        }
        if let Some(journal) = &self.pending.journal {
            self.alloc.settle(journal.runs());
        }
    }

    /// The commit of intent slot `slot` waits for the allocation record to be written.
    pub fn await_alloc(&mut self, slot: usize) {
        self.awaiting |= 1 << slot;
    }

    /// Free data sectors.
    pub async fn free_sectors(&mut self) -> Result<u32> {
        self.load_alloc().await?;
        Ok(self.alloc.free_count())
    }

    fn sector_addr(&self, sector: u16) -> u32 {
        self.data_start + u32::from(sector) * self.sector_size
    }

    /// Reads `out.len()` bytes at `offset` of data sector `sector`.
    pub async fn read_sector(&mut self, sector: u16, offset: u32, out: &mut [u8]) -> Result<()> {
        let addr = self.sector_addr(sector) + offset;
        region::read(self.map.flash(), addr, out).await
    }

    /// A writer programming data sector `sector` from its start.
    pub fn sector_writer(&self, sector: u16) -> SectorWriter {
        SectorWriter::new(self.sector_addr(sector))
    }

    /// Programs `bytes` next through `writer`.
    pub async fn push(&mut self, writer: &mut SectorWriter, bytes: &[u8]) -> Result<()> {
        writer.push(self.map.flash(), bytes).await
    }

    /// Programs what `writer` still holds.
    pub async fn finish(&mut self, writer: &mut SectorWriter) -> Result<()> {
        writer.finish(self.map.flash()).await
    }

    /// Programs at most the first `len` bytes of the chunk `key` next through `writer`;
    /// returns how many it held (a missing chunk is [`Error::Corrupt`]).
    pub async fn push_chunk_prefix(
        &mut self,
        writer: &mut SectorWriter,
        key: MapKey,
        len: usize,
    ) -> Result<usize> {
        match self
            .map
            .fetch_item::<ChunkValue>(&mut self.buf, &key)
            .await?
        {
            Some(ChunkValue { gen: Some(_), data }) => {
                let bytes = &data[..len.min(data.len())];
                writer.push(self.map.flash(), bytes).await?;
                Ok(bytes.len())
            }
            _ => Err(Error::Corrupt),
        }
    }

    /// Programs the first `len` inline bytes of `inode`'s record next through `writer`.
    pub async fn push_inline(
        &mut self,
        writer: &mut SectorWriter,
        inode: u32,
        len: usize,
    ) -> Result<()> {
        let bytes = self
            .map
            .fetch_item::<&[u8]>(&mut self.buf, &MapKey::Inode(inode))
            .await?
            .ok_or(Error::Corrupt)?;
        let (_, data) = Inode::decode_with_data(bytes)?;
        let bytes = data.get(..len).ok_or(Error::Corrupt)?;
        writer.push(self.map.flash(), bytes).await
    }

    /// Checks a record's extent list against the data region and its size.
    fn check_runs(&self, record: &Inode) -> Result<()> {
        let whole = u64::from(record.runs.sectors()) * u64::from(self.sector_size);
        if record.runs.valid(self.alloc.sectors) && whole <= u64::from(record.size) {
            Ok(())
        } else {
            Err(Error::Corrupt)
        }
    }

    /// Checks an extent list read from the superblock against the data region.
    pub fn check_list(&self, runs: &Runs) -> Result<()> {
        if runs.valid(self.alloc.sectors) {
            Ok(())
        } else {
            Err(Error::Corrupt)
        }
    }

    /// Reads the record of `inode`, copying inline contents into `data` (too small a buffer
    /// is [`Error::Corrupt`]); `None` when there is no record.
    pub async fn get_inode(&mut self, inode: u32, data: &mut [u8]) -> Result<Option<Inode>> {
        let Some(bytes) = self
            .map
            .fetch_item::<&[u8]>(&mut self.buf, &MapKey::Inode(inode))
            .await?
        else {
            return Ok(None);
        };
        let (record, inline) = Inode::decode_with_data(bytes)?;
        let whole = u64::from(record.runs.sectors()) * u64::from(self.sector_size);
        if !record.runs.valid(self.alloc.sectors) || whole > u64::from(record.size) {
            return Err(Error::Corrupt);
        }
        data.get_mut(..inline.len())
            .ok_or(Error::Corrupt)?
            .copy_from_slice(inline);
        Ok(Some(record))
    }

    /// Reads the record of `inode` without its contents; `None` when there is none.
    pub async fn inode_header(&mut self, inode: u32) -> Result<Option<Inode>> {
        let Some(bytes) = self
            .map
            .fetch_item::<&[u8]>(&mut self.buf, &MapKey::Inode(inode))
            .await?
        else {
            return Ok(None);
        };
        let (record, _) = Inode::decode_with_data(bytes)?;
        self.check_runs(&record)?;
        Ok(Some(record))
    }

    /// Writes the record of `inode` (with `data` as its inline contents): a single map
    /// write, atomically replacing the older record.
    pub async fn put_inode(&mut self, inode: u32, record: &Inode, data: &[u8]) -> Result<()> {
        let value = InodeValue {
            inode: *record,
            data,
        };
        self.map
            .store_item(&mut self.buf, &MapKey::Inode(inode), &value)
            .await?;
        Ok(())
    }

    /// Copies directory block `index` of `dir` into `out`; its length, or `None` if absent.
    pub async fn read_dir_block(
        &mut self,
        dir: u32,
        index: u32,
        out: &mut [u8; DIR_BLOCK],
    ) -> Result<Option<usize>> {
        let key = MapKey::DirBlock { dir, index };
        match self.map.fetch_item::<&[u8]>(&mut self.buf, &key).await? {
            Some(bytes) => {
                out.get_mut(..bytes.len())
                    .ok_or(Error::Corrupt)?
                    .copy_from_slice(bytes);
                Ok(Some(bytes.len()))
            }
            None => Ok(None),
        }
    }

    /// Writes directory block `index` of `dir` (one atomic map write).
    pub async fn write_dir_block(&mut self, dir: u32, index: u32, data: &[u8]) -> Result<()> {
        let key = MapKey::DirBlock { dir, index };
        self.map.store_item(&mut self.buf, &key, &data).await?;
        Ok(())
    }

    /// Removes every value of `key` (needs no free space).
    pub async fn remove(&mut self, key: &MapKey) -> Result<()> {
        self.map.remove_item(&mut self.buf, key).await?;
        Ok(())
    }

    /// Both slots of chunk `index` of `inode`.
    pub async fn chunk_slots(&mut self, inode: u32, index: u32) -> Result<ChunkSlots> {
        let mut found = ChunkSlots::default();
        for slot in 0..2u8 {
            let key = MapKey::chunk(inode, index, slot);
            if let Some(ChunkValue {
                gen: Some(gen),
                data,
            }) = self
                .map
                .fetch_item::<ChunkValue>(&mut self.buf, &key)
                .await?
            {
                found.slots[usize::from(slot)] = Some((gen, data.len()));
            }
        }
        Ok(found)
    }

    /// Like [`Store::chunk_slots`] for a chunk this session has not written since its last
    /// completed commit: then at most one slot exists, so slot 1 is read only when slot 0 is
    /// missing.
    pub async fn settled_chunk_slots(&mut self, inode: u32, index: u32) -> Result<ChunkSlots> {
        if !self.single_slots {
            return self.chunk_slots(inode, index).await;
        }
        let mut found = ChunkSlots::default();
        for slot in 0..2u8 {
            let key = MapKey::chunk(inode, index, slot);
            if let Some(ChunkValue {
                gen: Some(gen),
                data,
            }) = self
                .map
                .fetch_item::<ChunkValue>(&mut self.buf, &key)
                .await?
            {
                found.slots[usize::from(slot)] = Some((gen, data.len()));
                break;
            }
        }
        Ok(found)
    }

    /// Records that a commit's cleanup did not finish (see [`Store::settled_chunk_slots`]).
    pub fn cleanup_failed(&mut self) {
        self.single_slots = false;
    }

    /// Copies the payload of chunk `index`, `slot` into `out`; returns its length.
    pub async fn read_chunk(
        &mut self,
        inode: u32,
        index: u32,
        slot: u8,
        out: &mut [u8],
    ) -> Result<usize> {
        let key = MapKey::chunk(inode, index, slot);
        match self
            .map
            .fetch_item::<ChunkValue>(&mut self.buf, &key)
            .await?
        {
            Some(ChunkValue { gen: Some(_), data }) => {
                let dst = out.get_mut(..data.len()).ok_or(Error::Corrupt)?;
                dst.copy_from_slice(data);
                Ok(data.len())
            }
            _ => Err(Error::Corrupt),
        }
    }

    /// Writes chunk `index`, `slot` of `inode` as generation `gen`.
    pub async fn write_chunk(
        &mut self,
        inode: u32,
        index: u32,
        slot: u8,
        gen: u32,
        data: &[u8],
    ) -> Result<()> {
        let key = MapKey::chunk(inode, index, slot);
        self.map
            .store_item(
                &mut self.buf,
                &key,
                &ChunkValue {
                    gen: Some(gen),
                    data,
                },
            )
            .await?;
        Ok(())
    }

    /// Empties chunk slot `index`, `slot` of `inode`: a tombstone appended in one small
    /// write, or (when there is no room for it) a removal, which needs no space.
    pub async fn clear_chunk(&mut self, inode: u32, index: u32, slot: u8) -> Result<()> {
        let key = MapKey::chunk(inode, index, slot);
        let tombstone = ChunkValue {
            gen: None,
            data: &[],
        };
        match self.map.store_item(&mut self.buf, &key, &tombstone).await {
            Ok(()) => Ok(()),
            Err(_) => self.remove(&key).await,
        }
    }

    /// Removes every chunk of `inode` (of generation `gen` only, when given), in passes that
    /// each collect a bounded batch of keys.
    pub async fn sweep_chunks(&mut self, inode: u32, gen: Option<u32>) -> Result<()> {
        let mut previous = [(0u32, 0u8); SWEEP_BATCH];
        loop {
            let mut batch = [(0u32, 0u8); SWEEP_BATCH];
            let mut count = 0;
            let mut iter = self.map.fetch_all_items(&mut self.buf).await?;
            while let Some((key, value)) = iter.next::<&[u8]>(&mut self.buf).await? {
                let MapKey::Chunk {
                    inode: owner,
                    index,
                    slot,
                } = key
                else {
                    continue;
                };
                if owner != inode {
                    continue;
                }
                let value_gen = crate::layout::u32_at(value, 0);
                if gen.is_some() && value_gen != gen {
                    continue;
                }
                if batch[..count].contains(&(index, slot)) {
                    continue;
                }
                batch[count] = (index, slot);
                count += 1;
                if count == SWEEP_BATCH {
                    break;
                }
            }
            for &(index, slot) in &batch[..count] {
                self.remove(&MapKey::chunk(inode, index, slot)).await?;
            }
            if count < SWEEP_BATCH {
                return Ok(());
            }
            // A full batch that did not go away means the map is not behaving as a map.
            if batch == previous {
                return Err(Error::Corrupt);
            }
            previous = batch;
        }
    }

    /// Visits every live record once per stored copy, oldest first, with its key and value.
    pub async fn scan(
        &mut self,
        mut visit: impl FnMut(&MapKey, &[u8]) -> Result<()>,
    ) -> Result<()> {
        let mut iter = self.map.fetch_all_items(&mut self.buf).await?;
        while let Some((key, value)) = iter.next::<&[u8]>(&mut self.buf).await? {
            visit(&key, value)?;
        }
        Ok(())
    }

    /// Size of an item of `len` value bytes on flash (with the longest key), header and
    /// padding included.
    pub fn item_footprint(len: usize) -> usize {
        let w = F::WRITE_SIZE;
        8usize.div_ceil(w) * w + (crate::layout::KEY_MAX + len).div_ceil(w) * w
    }
}

#[cfg(test)]
mod tests {
    use super::ChunkSlots;

    #[test]
    fn readers_see_the_newest_committed_slot_and_writers_their_own() {
        let slots = ChunkSlots {
            slots: [Some((5, 10)), Some((9, 10))],
        };
        assert_eq!(slots.visible(8, None), Some(0));
        assert_eq!(slots.visible(9, None), Some(1));
        assert_eq!(slots.visible(4, None), None);
        assert_eq!(slots.visible(8, Some(9)), Some(1));
        assert_eq!(slots.visible(8, Some(12)), Some(0));
        assert_eq!(slots.slot_with(5), Some(0));
        assert_eq!(slots.slot_with(7), None);
        assert_eq!(ChunkSlots::default().visible(100, None), None);
    }
}
