//! The record store: the `sequential-storage` map holding every record, the item buffer it
//! works in, and the reserved inode and generation counters.
//!
//! Invariants: the counters never hand out a number below the superblock's reservation, so
//! inode numbers and generations are never reused, even across power cuts.

use core::cell::Cell;
use core::ops::Range;

use embedded_storage_async::nor_flash::MultiwriteNorFlash;
use sequential_storage::cache::key_pointers::ArrayKeyPointers;
#[cfg(not(fuzzing))]
use sequential_storage::cache::page_states::CalculatedPageStates;
use sequential_storage::cache::{Cache, Uncached};
use sequential_storage::map::{Key, MapConfig, MapStorage, SerializationError, Value};

use crate::alloc::{
    data_sectors, edit_record, Alloc, AllocState, FreeScan, Search, Take, ALLOC_MAX, WINDOW,
};
use crate::error::{Error, Result};
use crate::extent::Runs;
use crate::geometry::{self, Geometry};
use crate::layout::{
    chunk_size, ChunkValue, Inode, InodeValue, Intent, Journal, Kind, MapKey, Parts, Pending,
    Record, Superblock, SuperblockWrite, CHUNKS_PER_SECTOR, COPY_LOST, DIR_BLOCK, ITEM_BUFFER,
    KEY_MAX, MAX_INTENT_SLOTS, RESERVE, RESERVE_PART, RESERVE_PARTS, V3_CHUNKS_PER_SECTOR, VERSION,
};
use crate::lookup::{self, Lookup, Page};
use crate::names::NameFilter;
use crate::recycle::FreeInodes;
use crate::region::{self, SectorWriter};
use crate::ring::{Ring, RingFlash};

/// The map grows before compacting once this many tenths of it are in use.
const GROW_AT_TENTHS: u64 = 4;

/// Keys seen last in a scan of the map and the footprint of their last copy, so that a copy
/// superseded soon after (the superblock, a directory's last block, a file's record) counts
/// once; a copy whose key has left the table counts as used, so the figure errs high.
#[derive(Default)]
struct RecentKeys {
    keys: [Option<(MapKey, u32)>; 32],
    next: usize,
}

impl RecentKeys {
    /// Remembers `key`'s newest copy; returns the footprint of the copy it supersedes (0 if
    /// unknown).
    fn replace(&mut self, key: &MapKey, size: u32) -> u32 {
        for (k, s) in self.keys.iter_mut().flatten() {
            if k == key {
                return core::mem::replace(s, size);
            }
        }
        if let Some(slot) = self.keys.get_mut(self.next) {
            *slot = Some((*key, size));
        }
        self.next = (self.next + 1) % self.keys.len();
        0
    }
}

/// Keys met last in a walk of the map from its newest page back, with the page and the
/// footprint of the copy met, so that an older copy of a key met lately counts as
/// superseded; a key that has left the table counts again, so the room found errs low.
#[derive(Default)]
struct SeenKeys {
    keys: [Option<(MapKey, u32, u32)>; 32],
    next: usize,
}

impl SeenKeys {
    /// Meets a copy of `key` of `size` bytes on `page`; returns the bytes on `page` it frees:
    /// its own size when a newer page holds a newer copy, the earlier copy's size when an
    /// earlier copy on the same page (written before it) is superseded by it, else 0.
    fn meet(&mut self, key: &MapKey, page: u32, size: u32) -> u32 {
        for (k, p, s) in self.keys.iter_mut().flatten() {
            if k == key {
                if *p != page {
                    return size;
                }
                return core::mem::replace(s, size);
            }
        }
        if let Some(slot) = self.keys.get_mut(self.next) {
            *slot = Some((*key, page, size));
        }
        self.next = (self.next + 1) % self.keys.len();
        0
    }
}

/// A superseded copy on a page about to be compacted is marked removed when its newest copy
/// lies more than this many pages behind the head (compaction looks each copy up from the
/// head, reading every item back to the newest copy). 2 made a log's appends on 1 MiB take
/// 0.78 times the instructions, but the map, counted emptier by its growth check, grew
/// less: a 4 MiB partition full of 3,000-byte files then reported 30,672 bytes free that
/// did not fit (issue 15).
const FAR_PAGES: u32 = 4;

/// Bytes of the superblock's key, after which the map serializes its value in the item
/// buffer (see [`SuperblockWrite`]).
const SUPERBLOCK_KEY: usize = 1;

/// Bytes an intent with one chunk range adds to the superblock (see `Intent::encode`).
const INTENT_LEN: usize = 30;

/// Fewest data sectors one growth of the map takes.
const MIN_GROWTH: u32 = 4;

/// A map page's state as its markers show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageMark {
    Open,
    Partial,
    Closed,
    /// End marked but not start: an interrupted erase.
    Torn,
}

/// How many numbers one superblock write reserves.
const RESERVE_BATCH: u32 = 64;
const _: () = assert!(RESERVE_BATCH <= u8::MAX as u32);
/// [`Store`]'s flag: no chunk holds two committed slots (false once a commit's cleanup
/// failed: a chunk may then hold two until the next mount, so lookups must read both).
const SINGLE_SLOTS: u8 = 1;
/// [`Store`]'s flag: a write that only cleared pending work failed (no space): the
/// superblock on flash still names work that is done, and must be rewritten before anything
/// else changes.
const STALE: u8 = 2;
/// [`Store`]'s flag: a recycled number was handed out since the superblock was last
/// written, so the set on flash may still list it. A file on such a number must not be
/// removed in place before the superblock is written: after a cut, the next mount would
/// find the number listed, its record a tombstone, and hand it out under the dead entry.
const FREE_TAKEN: u8 = 4;
/// Keys whose flash address the map cache remembers (16 bytes each; see the crate doc's RAM
/// paragraph for what more gained). At least one: the cache writes to its last entry.
pub(crate) const KEY_CACHE: usize = 1;
/// Chunk keys one sweep pass collects before removing them.
const SWEEP_BATCH: usize = 32;
/// Most chunks a removed file may have for its inode number to be recycled (both slots of
/// each get a tombstone).
pub(crate) const RECYCLE_CHUNKS: u32 = 2;

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

/// What [`InPlace`] fails with when the map serializes it a second time.
const REREAD: i32 = 1;

/// A value made in the item buffer from the record read there just before the write (see
/// [`Store::edit_dir_block`]). Only the map's first serialization finds that record intact:
/// when the item does not fit the page being written, the map closes it and moves items of
/// the page it compacts through the buffer before serializing again, so the second
/// serialization fails with [`REREAD`] instead of writing what the buffer then holds.
struct InPlace<'e> {
    /// The record's length, after the key.
    len: usize,
    edit: &'e dyn Fn(&mut [u8], usize) -> Result<usize>,
    made: Cell<bool>,
}

impl<'a> Value<'a> for InPlace<'_> {
    fn serialize_into(&self, buffer: &mut [u8]) -> core::result::Result<usize, SerializationError> {
        if self.made.replace(true) {
            return Err(SerializationError::Custom(REREAD));
        }
        (self.edit)(buffer, self.len).map_err(|_| SerializationError::InvalidData)
    }

    /// Never read back as this type (directory blocks are read as bytes).
    fn deserialize_from(
        _buffer: &'a [u8],
    ) -> core::result::Result<(Self, usize), SerializationError> {
        Err(SerializationError::InvalidFormat)
    }
}

const _: () = assert!(KEY_MAX + DIR_BLOCK <= ITEM_BUFFER);

type Map<F> = MapStorage<MapKey, RingFlash<F>, MapCache>;

/// Why [`live`] cannot fail.
const GAP: &str = "the map is taken apart and rebuilt with no await or return in between";

/// The map. It is `None` only inside [`Store::grow`], between taking the old map apart and
/// storing the new one, where nothing can observe it.
fn live<F: MultiwriteNorFlash>(map: &mut Option<Map<F>>) -> &mut Map<F> {
    match map {
        Some(map) => map,
        None => unreachable!("{GAP}"),
    }
}

/// The newest value of `key` in the map (see [`Lookup`]), decoded from `buf`. Where the
/// lookup finds damage (a page erased halfway by a cut, a header it cannot follow), the
/// map's own lookup answers instead: it repairs what a cut left (erasing half-erased pages
/// again, redoing an interrupted compaction), after which nothing remembered is trusted.
async fn fetch<'b, F: MultiwriteNorFlash, V: Value<'b>>(
    map: &mut Option<Map<F>>,
    lookup: &mut Lookup,
    buf: &'b mut [u8],
    key: &MapKey,
) -> Result<Option<V>> {
    let flash = live(map).flash();
    let pages = flash.ring.pages();
    match lookup.fetch(flash, pages, buf, key).await {
        Ok(Some(range)) => {
            let bytes = buf.get(range).ok_or(Error::Corrupt)?;
            V::deserialize_from(bytes)
                .map(|(v, _)| Some(v))
                .map_err(|_| Error::Corrupt)
        }
        Ok(None) => Ok(None),
        Err(Error::Corrupt) => {
            lookup.clear();
            Ok(live(map).fetch_item::<V>(buf, key).await?)
        }
        Err(e) => Err(e),
    }
}

/// A map over the pages of `ring`.
fn build_map<F: MultiwriteNorFlash>(flash: F, ring: Ring) -> Result<Map<F>> {
    let pages = ring.pages();
    let config =
        MapConfig::try_new(0..pages * F::ERASE_SIZE as u32).map_err(|_| Error::InvalidInput)?;
    let cache = Cache::new(
        page_states(pages as usize),
        Uncached,
        ArrayKeyPointers::new(),
    );
    Ok(MapStorage::new(RingFlash { flash, ring }, config, cache))
}

/// The map, the data region and their working state.
pub(crate) struct Store<F: MultiwriteNorFlash> {
    map: Option<Map<F>>,
    /// The head page and recently found keys (see [`Lookup`]).
    lookup: Lookup,
    /// The map page [`Store::prepare_compaction`] last readied.
    prepared: Page,
    buf: [u8; ITEM_BUFFER],
    /// Layout version: [`VERSION`] (the map grows into the data region), 4 (the same with
    /// the old reserve, until mount has replaced it), or 3 (a fixed split, no geometry
    /// sector; read and written with the `v3` feature).
    version: u8,
    /// The next inode number never used, and how many from it on the superblock on flash
    /// reserves (at most [`RESERVE_BATCH`]: a byte, where the limit took four).
    next_inode: u32,
    inodes_left: u8,
    /// The same for transaction generations.
    next_gen: u32,
    gens_left: u8,
    /// [`SINGLE_SLOTS`] and [`STALE`]: one byte, where two `bool`s would cost the struct a
    /// word of padding.
    flags: u8,
    /// What is pending as far as this session knows; the superblock on flash holds it too,
    /// unless [`STALE`].
    pending: Pending,
    /// First sector of the data region.
    data_first: u16,
    /// Which data sectors are used.
    alloc: Alloc,
    /// Intent slots whose commit is done but whose allocation record write failed: they are
    /// cleared once the record is written, before anything else changes.
    awaiting: u8,
    /// Intent slots whose commit and cleanup are done (see [`Store::finish_intent`]): the
    /// next superblock write leaves them out.
    done: u8,
    /// The geometry slot the next growth writes (from version 4 on; see [`Store::slot`]).
    next_slot: u16,
    /// The map page being written, as last seen.
    head: Page,
    /// Where the head was when the map was last found too empty to grow.
    checked_at: Page,
    /// Names of recently searched directories (see [`NameFilter`]).
    pub names: NameFilter,
    /// Inode numbers that may be handed out again (see [`crate::recycle`]).
    free: FreeInodes,
    /// Numbers up to this one came from the superblock read at mount: a cut may have come
    /// after one was handed out and used but before the superblock was written again, so
    /// each is checked to have no live record before it is handed out.
    free_unchecked_upto: u32,
}

impl<F: MultiwriteNorFlash> Store<F> {
    /// A version 5 layout for the whole of `flash`, not written yet (see [`Store::format`]);
    /// fails with [`Error::InvalidInput`] when it is too small.
    pub fn new(flash: F) -> Result<Self> {
        let sectors = Self::sectors(&flash)?;
        let data = data_sectors(sectors, F::ERASE_SIZE, F::WRITE_SIZE, F::READ_SIZE);
        let map = sectors.saturating_sub(data + 1);
        if map < 4 || geometry::slots::<F>() < 2 {
            return Err(Error::InvalidInput);
        }
        let geometry = Geometry {
            data_first: (1 + map) as u16,
            data_count: data as u16,
            ring: Ring::contiguous(1, map as u16),
        };
        Self::with_layout(flash, VERSION, &geometry, 1)
    }

    /// Opens the layout `flash` holds: the geometry of a version 4 or 5 partition, or the fixed
    /// split of a version 3 one (checked against the superblock when it is read).
    pub async fn open(mut flash: F) -> Result<Self> {
        let sectors = Self::sectors(&flash)?;
        if let Some((geometry, next)) = geometry::read(&mut flash, sectors).await? {
            return Self::with_layout(flash, VERSION, &geometry, next);
        }
        let data = data_sectors(sectors, F::ERASE_SIZE, F::WRITE_SIZE, F::READ_SIZE);
        let map = sectors - data;
        if map < 4 {
            return Err(Error::InvalidInput);
        }
        let geometry = Geometry {
            data_first: map as u16,
            data_count: data as u16,
            ring: Ring::contiguous(0, map as u16),
        };
        Self::with_layout(flash, 3, &geometry, geometry::slots::<F>())
    }

    /// Whole sectors of `flash`.
    fn sectors(flash: &F) -> Result<u32> {
        let capacity = u32::try_from(flash.capacity()).map_err(|_| Error::InvalidInput)?;
        let sectors = capacity / F::ERASE_SIZE as u32;
        if sectors > u32::from(u16::MAX) {
            return Err(Error::InvalidInput);
        }
        Ok(sectors)
    }

    /// Bytes per sector (and per data sector).
    pub const SECTOR: u32 = F::ERASE_SIZE as u32;

    /// Bytes per sector (and per data sector).
    pub fn sector_size(&self) -> u32 {
        Self::SECTOR
    }

    /// Chunk payload size for this flash and layout.
    pub fn chunk_size(&self) -> u32 {
        Self::chunk_size_of(self.version)
    }

    fn chunk_size_of(version: u8) -> u32 {
        let per_sector = if version == 3 {
            V3_CHUNKS_PER_SECTOR
        } else {
            CHUNKS_PER_SECTOR
        };
        chunk_size(F::ERASE_SIZE, F::WRITE_SIZE, per_sector) as u32
    }

    /// A geometry slot number as [`Store::next_slot`] keeps it. Slots past `u16::MAX` (a
    /// sector of more than 16 MiB) are kept as that: [`geometry::append`] skips the written
    /// slots from there.
    fn slot(slot: usize) -> u16 {
        u16::try_from(slot).unwrap_or(u16::MAX)
    }

    fn with_layout(flash: F, version: u8, geometry: &Geometry, next_slot: usize) -> Result<Self> {
        if Self::chunk_size_of(version) < 64 {
            return Err(Error::InvalidInput);
        }
        Ok(Store {
            map: Some(build_map(flash, geometry.ring)?),
            lookup: Lookup::default(),
            prepared: Page::NONE,
            buf: [0; ITEM_BUFFER],
            version,
            next_inode: 0,
            inodes_left: 0,
            next_gen: 0,
            gens_left: 0,
            flags: SINGLE_SLOTS,
            pending: Pending::default(),
            data_first: geometry.data_first,
            alloc: Alloc::new(u32::from(geometry.data_count)),
            awaiting: 0,
            done: 0,
            next_slot: Self::slot(next_slot),
            head: Page::NONE,
            checked_at: Page::NONE,
            names: NameFilter::default(),
            free: FreeInodes::default(),
            free_unchecked_upto: 0,
        })
    }

    /// The layout version.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// Gives the flash back.
    pub fn into_flash(self) -> F {
        match self.map {
            Some(map) => map.destroy().0.flash,
            None => unreachable!("{GAP}"),
        }
    }

    /// The map's pages.
    fn ring(&mut self) -> Ring {
        live(&mut self.map).flash().ring
    }

    /// Whether data sector `d` is one of the map's pages.
    fn owned_by_map(ring: &Ring, data_first: u32, d: u16) -> bool {
        ring.overlaps(data_first + u32::from(d), 1)
    }

    /// Stores `value` under `key`; a full map grows into free data sectors first (see
    /// [`Store::grow`]) and is asked again.
    async fn put<'d, V: Value<'d>>(&mut self, key: &MapKey, value: &V) -> Result<()> {
        self.before_put().await?;
        loop {
            self.lookup.forget(key);
            match live(&mut self.map)
                .store_item(&mut self.buf, key, value)
                .await
            {
                Err(sequential_storage::Error::FullStorage) => {
                    if !self.grow().await? {
                        return Err(Error::NoSpace);
                    }
                }
                result => return result.map_err(Error::from),
            }
        }
    }

    /// What comes before a map write: the growth check, then readying the pages the map
    /// compacts next. Both work in the item buffer.
    async fn before_put(&mut self) -> Result<()> {
        self.grow_before_compaction().await?;
        // Damage the lookup cannot follow (a page erased halfway by a cut) is left to the
        // map, which repairs it when it is next written.
        match self.prepare_compaction().await {
            Err(Error::Corrupt) => self.lookup.clear(),
            other => other?,
        }
        Ok(())
    }

    /// The map page being written (partly written), if any.
    async fn partial_page(&mut self) -> Result<Option<u32>> {
        let pages = self.ring().pages();
        let cached = self.head.get();
        if let Some(h) = cached {
            if self.page_mark(h).await? == PageMark::Partial {
                return Ok(Some(h));
            }
        }
        let from = cached.unwrap_or(0);
        for step in 0..pages {
            let p = (from + step) % pages;
            if self.page_mark(p).await? == PageMark::Partial {
                self.head = Page::new(Some(p));
                return Ok(Some(p));
            }
        }
        Ok(None)
    }

    /// Readies the pages the map compacts at its next two page changes, so that
    /// `sequential-storage` need not look their superseded copies up across the map: each
    /// item's newest copy is found (by [`Lookup`], reading headers and keys), and a
    /// superseded copy is marked removed, on the page compacted at the page change after
    /// next when its newest copy lies more than [`FAR_PAGES`] behind the head, on the page
    /// compacted at the next one whatever the distance. The growth check
    /// ([`Store::grow_before_compaction`]) runs before this in [`Store::put`], and the next
    /// one runs once the next page is compacted, so the removals on that page never make
    /// the map look emptier to it. A copy is marked removed only while a newer one is on
    /// flash, so a cut anywhere loses nothing. Once per page and turn. (Writing live items
    /// again ahead of the compaction as well made the 256 KiB fill faster, but the map's
    /// most-erased sector wore 2.2 times the mean in the long random torture run; issue 15.)
    async fn prepare_compaction(&mut self) -> Result<()> {
        let pages = self.ring().pages();
        let Some(head) = self.partial_page().await? else {
            return Ok(());
        };
        let target = (head + 3) % pages;
        if self.prepared.get() == Some(target) || self.page_mark(target).await? != PageMark::Closed
        {
            return Ok(());
        }
        self.prepared = Page::new(Some(target));
        self.mark_superseded(head, target, FAR_PAGES + 1).await?;
        let next = (head + 2) % pages;
        if self.page_mark(next).await? == PageMark::Closed {
            self.mark_superseded(head, next, 0).await?;
        }
        Ok(())
    }

    /// The next item on map page `page` at or after `*at` that is not removed
    /// ([`lookup::next_entry`]); `*at` moves past it.
    async fn next_on_page(&mut self, page: u32, at: &mut u32) -> Result<Option<lookup::Entry>> {
        let flash = live(&mut self.map).flash();
        lookup::next_entry(flash, page, at, &mut self.buf).await
    }

    /// Marks removed the copies on map page `page` whose newest copy lies at least `behind`
    /// pages behind `head` (0: every superseded copy).
    async fn mark_superseded(&mut self, head: u32, page: u32, behind: u32) -> Result<()> {
        let pages = self.ring().pages();
        let page_size = F::ERASE_SIZE as u32;
        let mut at = 0;
        while let Some(entry) = self.next_on_page(page, &mut at).await? {
            let flash = live(&mut self.map).flash();
            let Some((newest, _)) = self
                .lookup
                .locate(flash, pages, &mut self.buf, &entry.key)
                .await?
            else {
                continue;
            };
            if newest != entry.at && (head + pages - newest / page_size) % pages >= behind {
                lookup::remove_entry(flash, &entry).await?;
            }
        }
        Ok(())
    }

    /// Grows the map when its next page change would compact a page while the map is mostly
    /// live: compaction then moves live items (each looked up across the whole map) for
    /// little room, so a filling map takes free data sectors before it starts compacting.
    /// Whether the map is mostly live is checked by a scan, at most once per quarter turn of
    /// the map.
    async fn grow_before_compaction(&mut self) -> Result<()> {
        if self.version == 3 || usize::from(self.next_slot) >= geometry::slots::<F>() {
            return Ok(());
        }
        let pages = self.ring().pages();
        let Some(head) = self.partial_page().await? else {
            return Ok(());
        };
        if self.page_mark((head + 2) % pages).await? != PageMark::Closed {
            return Ok(());
        }
        if let Some(c) = self.checked_at.get() {
            if (head + pages - c) % pages < pages / 4 {
                return Ok(());
            }
        }
        self.checked_at = Page::new(Some(head));
        let used = self.used_bytes().await?;
        let usable = pages.saturating_sub(1) * (F::ERASE_SIZE - 2 * F::WRITE_SIZE) as u32;
        if u64::from(used) * 10 >= u64::from(usable) * GROW_AT_TENTHS && self.grow().await? {
            self.head = Page::NONE;
            self.checked_at = Page::NONE;
        }
        Ok(())
    }

    /// Bytes the map's records take, counting a superseded copy as free when its key was
    /// written again soon after (see [`RecentKeys`]); errs high. Pages are walked oldest
    /// first reading item headers and keys (the map's own scan, which checks every item's
    /// CRC, was 11 % of a log's appends on 1 MiB): an item whose CRC a cut left wrong
    /// counts too. The map's scan answers when no page is partly written.
    pub async fn used_bytes(&mut self) -> Result<u32> {
        let mut recent = RecentKeys::default();
        let mut used: u32 = 0;
        let mut count = |key: &MapKey, value_len: usize| {
            let size = Self::item_footprint(value_len) as u32;
            used = used
                .saturating_add(size)
                .saturating_sub(recent.replace(key, size));
        };
        let Some(head) = self.partial_page().await? else {
            self.scan(|key, value| {
                count(key, value.len());
                Ok(())
            })
            .await?;
            return Ok(used);
        };
        let pages = self.ring().pages();
        for step in 1..=pages {
            let page = (head + step) % pages;
            if !matches!(
                self.page_mark(page).await?,
                PageMark::Closed | PageMark::Partial
            ) {
                continue;
            }
            let mut at = 0;
            while let Some(entry) = self.next_on_page(page, &mut at).await? {
                count(&entry.key, entry.value_len);
            }
        }
        Ok(used)
    }

    /// How many more items of `item` bytes on flash the map can take: on each page, the room
    /// its records still in force leave (compaction packs them at the page's start, and the
    /// map fills the rest until an item does not fit), in whole items, the page kept open
    /// for compaction left out. None at all when no page has room for the superblock with
    /// one more intent: every write that is not a small file's single record needs that
    /// first. Pages are walked from the newest back; a copy counts as superseded only when
    /// [`SeenKeys`] holds a newer copy of its key.
    pub async fn free_items(&mut self, item: u32) -> Result<u32> {
        let pages = self.ring().pages();
        let usable = (F::ERASE_SIZE - 2 * F::WRITE_SIZE) as u32;
        let newest = match self.partial_page().await? {
            Some(p) => p,
            None => pages.saturating_sub(1),
        };
        let mut seen = SeenKeys::default();
        let mut items: u32 = 0;
        let mut most_room: u32 = 0;
        let mut superblock: Option<u32> = None;
        // The page after the newest is the one kept open.
        for back in 0..pages.saturating_sub(1) {
            let page = (newest + pages - back) % pages;
            let mut in_force: u32 = 0;
            let mut at = 0;
            while let Some(entry) = self.next_on_page(page, &mut at).await? {
                // `at` now points past the item: its footprint is the distance.
                let size = at - entry.at;
                if entry.key == MapKey::Superblock && superblock.is_none() {
                    superblock = Some(size);
                }
                in_force = in_force
                    .saturating_add(size)
                    .saturating_sub(seen.meet(&entry.key, page, size));
            }
            let room = usable.saturating_sub(in_force);
            most_room = most_room.max(room);
            items = items.saturating_add(room / item);
        }
        // Counted with an item's header and longest key on top: errs low.
        let intent = Self::item_footprint(INTENT_LEN) as u32;
        if most_room < superblock.unwrap_or(0).saturating_add(intent) {
            return Ok(0);
        }
        Ok(items)
    }

    /// Gives the map free data sectors: a run of them (a quarter of the free ones, at least
    /// [`MIN_GROWTH`]; all of them for the last growth possible) is erased and inserted into the ring right before the map's oldest
    /// closed page, so the pages holding items keep their cyclic order and the new ones
    /// extend the open pages the map writes next; the ring is turned so that the oldest
    /// closed page is its first. The geometry slot written last is the
    /// commit: a cut before it leaves erased free data sectors. False when nothing can grow.
    async fn grow(&mut self) -> Result<bool> {
        self.lookup.clear();
        self.prepared = Page::NONE;
        let ring = self.ring();
        if self.version == 3
            || !ring.has_room()
            || usize::from(self.next_slot) >= geometry::slots::<F>()
        {
            return Ok(false);
        }
        let free = self.scan_free(0).await?.free;
        // The last growth the geometry slots and the ring allow takes every free sector: a
        // quarter would leave sectors that small files could never use (after 15 growths on
        // 4 MiB, nine sectors).
        let last = usize::from(self.next_slot) + 1 >= geometry::slots::<F>()
            || !ring.has_room_after_growth();
        let want = if last {
            free
        } else {
            (free / 4).max(MIN_GROWTH).min(free)
        };
        if want == 0 {
            return Ok(false);
        }
        let Some((start, len)) = self.scan_free(want).await?.best else {
            return Ok(false);
        };
        let first = u32::from(self.data_first);
        let page = F::ERASE_SIZE as u32;
        let phys = first + u32::from(start);
        {
            let flash = &mut live(&mut self.map).flash().flash;
            flash
                .erase(phys * page, (phys + u32::from(len)) * page)
                .await
                .map_err(|_| Error::Io)?;
        }
        let Some(at) = self.oldest_closed_page().await? else {
            return Ok(false);
        };
        // The oldest closed page becomes the first page and the new ones the last: the map
        // then lies as it does before its first turn (closed pages, the partly written one,
        // the open ones), which is the only order in which it finds its way when a cut
        // leaves no page partly written.
        let mut grown = ring;
        if !grown.rotate(at % ring.pages().max(1)) || !grown.insert(grown.pages(), phys as u16, len)
        {
            return Ok(false);
        }
        let geometry = Geometry {
            data_first: first as u16,
            data_count: self.alloc.sectors() as u16,
            ring: grown,
        };
        let next = {
            let flash = &mut live(&mut self.map).flash().flash;
            geometry::append(flash, &geometry, usize::from(self.next_slot)).await?
        };
        self.next_slot = Self::slot(next);
        // Checked before anything was written: the ring holds at least two pages.
        let config = MapConfig::try_new(0..grown.pages() * page).map_err(|_| Error::Corrupt)?;
        let cache = Cache::new(
            page_states(grown.pages() as usize),
            Uncached,
            ArrayKeyPointers::new(),
        );
        if let Some(old) = self.map.take() {
            let (mut flash, _) = old.destroy();
            flash.ring = grown;
            self.map = Some(MapStorage::new(flash, config, cache));
        }
        // The scans above read the allocation record through the lookup, which remembered
        // the head page and copies by their places in the ring before the rotation: a walk
        // from that head after it found a record's older copy as its newest.
        self.lookup.clear();
        Ok(true)
    }

    /// The map page the new pages go before: the first closed page after the partly
    /// written one (or after the open pages), the page count when no page is closed yet;
    /// `None` if the page markers make no sense (the map then reports the damage itself).
    async fn oldest_closed_page(&mut self) -> Result<Option<u32>> {
        let pages = self.ring().pages();
        let mut anchor = None;
        let mut run_start = None;
        let mut any_open = false;
        let mut prev = self.page_mark(pages - 1).await?;
        for p in 0..pages {
            let mark = self.page_mark(p).await?;
            match mark {
                PageMark::Partial => {
                    anchor = Some(p);
                    break;
                }
                PageMark::Open => {
                    any_open = true;
                    if prev == PageMark::Closed && run_start.is_none() {
                        run_start = Some(p);
                    }
                }
                PageMark::Torn => return Ok(None),
                PageMark::Closed => {}
            }
            prev = mark;
        }
        let Some(anchor) = anchor.or(run_start) else {
            // No page is closed: the new pages go at the end of the open ones.
            return Ok(any_open.then_some(pages));
        };
        for step in 1..pages {
            let p = (anchor + step) % pages;
            match self.page_mark(p).await? {
                PageMark::Closed => return Ok(Some(p)),
                PageMark::Open => continue,
                PageMark::Partial | PageMark::Torn => return Ok(None),
            }
        }
        Ok(Some(pages))
    }

    /// A map page's state from its first and last read units, as `sequential-storage` marks
    /// them (a unit with at least four zero bits is marked).
    async fn page_mark(&mut self, page: u32) -> Result<PageMark> {
        let Some(sector) = self.ring().sector(page) else {
            return Ok(PageMark::Torn);
        };
        let flash = &mut live(&mut self.map).flash().flash;
        let base = sector * F::ERASE_SIZE as u32;
        let unit = F::READ_SIZE.max(1);
        let mut word = [0xFFu8; crate::alloc::STAGE];
        let mut marked = [false; 2];
        for (i, addr) in [base, base + (F::ERASE_SIZE - unit) as u32]
            .into_iter()
            .enumerate()
        {
            let word = word.get_mut(..unit).ok_or(Error::InvalidInput)?;
            flash.read(addr, word).await.map_err(|_| Error::Io)?;
            marked[i] = word.iter().map(|b| b.count_zeros()).sum::<u32>() >= 4;
        }
        Ok(match marked {
            [true, true] => PageMark::Closed,
            [true, false] => PageMark::Partial,
            [false, false] => PageMark::Open,
            [false, true] => PageMark::Torn,
        })
    }

    /// Bytes of the partition (whole sectors: [`Store::open`] checked they fit).
    pub fn capacity(&mut self) -> u32 {
        let bytes = live(&mut self.map).flash().flash.capacity();
        u32::try_from(bytes / F::ERASE_SIZE).map_or(u32::MAX, |n| n * Self::SECTOR)
    }

    /// The flash, for statistics.
    pub fn flash(&mut self) -> &mut F {
        &mut live(&mut self.map).flash().flash
    }

    /// Erases the whole partition and writes a superblock with the counters starting at
    /// `first_inode`.
    pub async fn format(&mut self, first_inode: u32) -> Result<()> {
        self.lookup.clear();
        self.prepared = Page::NONE;
        live(&mut self.map).erase_all().await?;
        if self.version == VERSION {
            let ring = self.ring();
            let geometry = Geometry {
                data_first: self.data_first,
                data_count: self.alloc.sectors() as u16,
                ring,
            };
            let flash = &mut live(&mut self.map).flash().flash;
            let page = F::ERASE_SIZE as u32;
            flash.erase(0, page).await.map_err(|_| Error::Io)?;
            self.next_slot = Self::slot(geometry::append(flash, &geometry, 0).await?);
        }
        self.next_inode = first_inode;
        self.inodes_left = 0;
        self.next_gen = 1;
        self.gens_left = 0;
        self.pending = Pending::default();
        self.free = FreeInodes::default();
        self.free_unchecked_upto = 0;
        self.alloc.reset();
        self.write_superblock(None, None).await?;
        self.sync_alloc().await?;
        self.restore_reserve().await
    }

    /// Writes the reserve records: [`RESERVE`] bytes that a remove on a full flash can give
    /// back ([`Store::release_reserve`]); one record in version 3. All or none: parts written
    /// before one finds no room are removed again, or they would hold back the room that the
    /// operation which just freed it needs for its own next write.
    pub async fn restore_reserve(&mut self) -> Result<()> {
        if self.version == 3 {
            return self.put(&MapKey::OldReserve, &Filler(RESERVE)).await;
        }
        for part in 0..RESERVE_PARTS as u8 {
            if let Err(e) = self
                .put(&MapKey::Reserve(part), &Filler(RESERVE_PART))
                .await
            {
                for written in 0..part {
                    self.remove(&MapKey::Reserve(written)).await?;
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// Removes the reserve records (which needs no space), so that the next write can
    /// reclaim their room.
    pub async fn release_reserve(&mut self) -> Result<()> {
        if self.version == 3 {
            return self.remove(&MapKey::OldReserve).await;
        }
        for part in 0..RESERVE_PARTS as u8 {
            self.remove(&MapKey::Reserve(part)).await?;
        }
        Ok(())
    }

    /// Marks every copy of version 4's reserve record removed, reading item headers and
    /// keys only: the record is larger than the item buffer, so the map could neither
    /// compact its page nor read past it. Nothing else is written, so this may run before
    /// recovery; a cut leaves copies that the next mount marks.
    async fn drop_old_reserve(&mut self) -> Result<()> {
        let flash = live(&mut self.map).flash();
        for page in 0..flash.ring.pages() {
            let mut at = 0;
            while let Some(entry) = lookup::next_entry(flash, page, &mut at, &mut self.buf).await? {
                if entry.key == MapKey::OldReserve {
                    lookup::remove_entry(flash, &entry).await?;
                }
            }
        }
        self.lookup.clear();
        Ok(())
    }

    /// Ends mount's move from version 4: writes the reserve records, then the superblock as
    /// [`VERSION`] (a cut before that leaves version 4, moved again at the next mount). On a
    /// flash too full for them the partition stays version 4 until a later mount.
    pub async fn finish_upgrade(&mut self) -> Result<()> {
        if self.version != 4 {
            return Ok(());
        }
        let mut written = self.restore_reserve().await;
        if written.is_ok() {
            self.version = VERSION;
            written = self.write_superblock(None, None).await;
        }
        match written {
            Err(Error::NoSpace) => {
                self.version = 4;
                Ok(())
            }
            other => other,
        }
    }

    /// Reads the superblock: starts the counters after its reservations and returns what
    /// was pending when the filesystem was last changed.
    pub async fn load_superblock(&mut self) -> Result<Pending> {
        let len = self.read_superblock().await?;
        let bytes = self.buf.get(SUPERBLOCK_KEY..SUPERBLOCK_KEY + len);
        let sb = Superblock::decode(bytes.ok_or(Error::Corrupt)?)?;
        if sb.version == 3 && !cfg!(feature = "v3") {
            return Err(Error::OldLayout);
        }
        let upgrade = sb.version == 4 && self.version == VERSION;
        if (sb.version != self.version && !upgrade)
            || sb.chunk_size != self.chunk_size()
            || sb.data_sectors != self.alloc.sectors()
        {
            return Err(Error::Corrupt);
        }
        self.next_inode = sb.inode_reserved;
        self.inodes_left = 0;
        self.next_gen = sb.gen_reserved;
        self.gens_left = 0;
        self.pending = sb.pending;
        self.free = sb.free;
        self.free_unchecked_upto = sb.free.last().unwrap_or(0);
        if upgrade {
            self.version = 4;
            self.drop_old_reserve().await?;
        }
        Ok(sb.pending)
    }

    /// Reads the superblock on flash into the item buffer, its value right after the
    /// one-byte key (where the map serializes a value); returns the value's length.
    async fn read_superblock(&mut self) -> Result<usize> {
        let base = self.buf.as_ptr() as usize;
        let bytes = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::Superblock,
        )
        .await?
        .ok_or(Error::Corrupt)?;
        let (at, len) = ((bytes.as_ptr() as usize).wrapping_sub(base), bytes.len());
        // Both lookups leave the key first and the value after it; moved in case not.
        if at != SUPERBLOCK_KEY {
            let room = SUPERBLOCK_KEY + len <= self.buf.len();
            let end = at.checked_add(len).filter(|&e| room && e <= self.buf.len());
            let end = end.ok_or(Error::Corrupt)?;
            self.buf.copy_within(at..end, SUPERBLOCK_KEY);
        }
        Ok(len)
    }

    /// The superblock on flash, read into the item buffer, and where its pending entries lie.
    async fn pending_on_flash(&mut self) -> Result<(Parts, Range<usize>)> {
        let len = self.read_superblock().await?;
        let range = SUPERBLOCK_KEY..SUPERBLOCK_KEY + len;
        let parts = Parts::of(self.buf.get(range.clone()).ok_or(Error::Corrupt)?)?;
        Ok((parts, range))
    }

    /// The intent pending in slot `slot`, read from the superblock on flash.
    pub async fn pending_intent(&mut self, slot: usize) -> Result<Option<Intent>> {
        let (parts, range) = self.pending_on_flash().await?;
        parts.intent(&self.buf[range], slot)
    }

    /// The pending journal entry, read from the superblock on flash.
    pub async fn pending_journal(&mut self) -> Result<Option<Journal>> {
        let (parts, range) = self.pending_on_flash().await?;
        parts.journal(&self.buf[range])
    }

    /// Where the superblock on flash lists data sectors a pending entry holds (see
    /// [`Pending::may_hold`]), read into the item buffer; `None` when RAM knows of none.
    /// While `stale`, it may list entries already cleared: their sectors stay held until
    /// it is rewritten.
    async fn held(&mut self) -> Result<Option<(Parts, Range<usize>)>> {
        if !self.pending.may_hold() {
            return Ok(None);
        }
        Ok(Some(self.pending_on_flash().await?))
    }

    /// Writes the superblock: the counters and recycled numbers from RAM, what is pending
    /// as RAM's tags say (already changed by the caller), the intent `set` and the journal
    /// entry `journal` it records; the other pending entries stay as the copy on flash
    /// holds them (see [`SuperblockWrite`]). Finished intents are dropped.
    async fn write_superblock(
        &mut self,
        set: Option<(usize, &Intent)>,
        journal: Option<&Journal>,
    ) -> Result<()> {
        let done = self.done;
        let mut pending = self.pending;
        let mut keep = 0u8;
        for (slot, tag) in pending.intents.iter_mut().enumerate() {
            if done & (1 << slot) != 0 {
                *tag = None;
            }
            if tag.is_some() && set.is_none_or(|(s, _)| s != slot) {
                keep |= 1 << slot;
            }
        }
        let keep_journal = pending.journal.is_some() && journal.is_none();
        let sb = Superblock {
            version: self.version,
            chunk_size: self.chunk_size(),
            data_sectors: self.alloc.sectors(),
            // No overflow: `reserve`'s callers checked these sums.
            inode_reserved: self.next_inode.saturating_add(u32::from(self.inodes_left)),
            gen_reserved: self.next_gen.saturating_add(u32::from(self.gens_left)),
            pending,
            free: self.free,
        };
        self.put_superblock(&SuperblockWrite::new(sb, keep, keep_journal, set, journal))
            .await?;
        for (slot, intent) in self.pending.intents.iter_mut().enumerate() {
            if done & (1 << slot) != 0 {
                *intent = None;
            }
        }
        self.done = 0;
        self.flags &= !(STALE | FREE_TAKEN);
        Ok(())
    }

    /// [`Store::put`] of a superblock write, staging the copy on flash before each try
    /// when the write keeps part of it. A try that finds the staged copy overwritten (the
    /// map compacted a page with the item buffer, or repaired one) stages it again: each
    /// such try moved the map to a new page, so a write that finds no room in a whole turn
    /// of the map grows it or is [`Error::NoSpace`], as the map's own full turn would be.
    async fn put_superblock(&mut self, write: &SuperblockWrite<'_>) -> Result<()> {
        self.before_put().await?;
        let mut lost = 0;
        loop {
            let mut value = *write;
            if write.needs_copy() {
                let len = self.read_superblock().await?;
                let copy = self
                    .buf
                    .get(SUPERBLOCK_KEY..SUPERBLOCK_KEY + len)
                    .ok_or(Error::Corrupt)?;
                value = value.staged(len, lookup::item_crc(copy));
            }
            self.lookup.forget(&MapKey::Superblock);
            match live(&mut self.map)
                .store_item(&mut self.buf, &MapKey::Superblock, &value)
                .await
            {
                Err(sequential_storage::Error::FullStorage) => {
                    if !self.grow().await? {
                        return Err(Error::NoSpace);
                    }
                }
                Err(sequential_storage::Error::SerializationError(SerializationError::Custom(
                    COPY_LOST,
                ))) => {
                    // Lost after each page change: once the map has tried every page, it
                    // is as full as when it says so itself.
                    lost += 1;
                    if lost > self.ring().pages() {
                        if !self.grow().await? {
                            return Err(Error::NoSpace);
                        }
                        lost = 0;
                    }
                }
                result => return result.map_err(Error::from),
            }
        }
    }

    /// Clears the intent of transaction slot `slot`, whose commit and cleanup are done,
    /// with the next superblock write rather than a write of its own: replaying it finds
    /// nothing left to do, as long as no other change to its inode comes first (every
    /// transaction records its own intent first, and [`Store::settle_inode`] covers a
    /// commit that needs none). Only for a commit that changed no data sectors (those
    /// are handed out again only once the intent naming them is cleared).
    pub fn finish_intent(&mut self, slot: usize) {
        if matches!(self.pending.intents.get(slot), Some(Some(i)) if !i.extents) {
            self.done |= 1 << slot;
        }
    }

    /// Writes the superblock if it still lists a finished intent of `inode` (see
    /// [`Store::finish_intent`]), before a change to `inode` that records no intent.
    pub async fn settle_inode(&mut self, inode: u32) -> Result<()> {
        let lagging = self
            .pending
            .intents
            .iter()
            .enumerate()
            .any(|(slot, intent)| {
                self.done & (1 << slot) != 0 && intent.is_some_and(|i| i.inode == inode)
            });
        if lagging {
            self.write_superblock(None, None).await?;
        }
        Ok(())
    }

    /// Writes the superblock if it still lists finished intents (at unmount, so that the
    /// next mount finds nothing pending).
    pub async fn settle_finished(&mut self) -> Result<()> {
        if self.done != 0 {
            self.write_superblock(None, None).await?;
        }
        Ok(())
    }

    /// Rewrites the superblock if a write that cleared pending work failed earlier, and the
    /// allocation record if its write failed (clearing the intents that waited for it).
    pub async fn settle(&mut self) -> Result<()> {
        self.sync_alloc().await?;
        if self.awaiting != 0 {
            let cleared = self.take_awaiting();
            self.change_pending(true, None, None, |p| {
                for (slot, intent) in p.intents.iter_mut().enumerate() {
                    if cleared & (1 << slot) != 0 {
                        *intent = None;
                    }
                }
                Ok(())
            })
            .await?;
        }
        if self.flags & STALE != 0 {
            self.write_superblock(None, None).await?;
        }
        Ok(())
    }

    /// Marks the awaiting slots as settled: their dropped sectors are free once they leave
    /// what is pending (which the caller does next, with the superblock write).
    fn take_awaiting(&mut self) -> u8 {
        let cleared = self.awaiting;
        self.awaiting = 0;
        cleared
    }

    /// What is pending.
    pub fn pending(&self) -> &Pending {
        &self.pending
    }

    /// Writes the superblock with `change` applied to what is pending, recording the intent
    /// `set` and the journal entry `journal` (see [`Store::write_superblock`]). A write that
    /// only clears (`clearing`) counts as done even when it fails: the work it records is
    /// finished, replaying it is harmless, and the superblock is rewritten before the next
    /// change ([`Store::settle`]). Any other failed write leaves the state as it was.
    async fn change_pending(
        &mut self,
        clearing: bool,
        set: Option<(usize, &Intent)>,
        journal: Option<&Journal>,
        change: impl FnOnce(&mut Pending) -> Result<()>,
    ) -> Result<()> {
        if !clearing && (self.alloc.dirty() || self.awaiting != 0) {
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
        match self.write_superblock(set, journal).await {
            Ok(()) => Ok(()),
            Err(_) if clearing => {
                self.flags |= STALE;
                Ok(())
            }
            Err(e) => {
                self.pending = before;
                Err(e)
            }
        }
    }

    /// Records (or with `None`, clears) the intent of transaction slot `slot`.
    pub async fn set_intent(&mut self, slot: usize, intent: Option<&Intent>) -> Result<()> {
        // A finished intent this one replaces goes with the same write.
        let finished = self.done & (1 << slot);
        self.done &= !finished;
        let result = self
            .change_pending(intent.is_none(), intent.map(|i| (slot, i)), None, |p| {
                *p.intents.get_mut(slot).ok_or(Error::InvalidInput)? = intent.map(Intent::tag);
                Ok(())
            })
            .await;
        if result.is_err() {
            self.done |= finished;
        }
        result
    }

    /// Records (or with `None`, clears) the pending directory operation.
    pub async fn set_journal(&mut self, journal: Option<&Journal>) -> Result<()> {
        self.change_pending(journal.is_none(), None, journal, |p| {
            p.journal = journal.map(Journal::tag);
            Ok(())
        })
        .await
    }

    /// Clears everything pending once recovery has settled it.
    pub async fn clear_pending(&mut self) -> Result<()> {
        self.change_pending(true, None, None, |p| {
            *p = Pending::default();
            Ok(())
        })
        .await
    }

    async fn reserve(&mut self, inodes_left: u8, gens_left: u8) -> Result<()> {
        let before = (self.inodes_left, self.gens_left);
        self.inodes_left = inodes_left;
        self.gens_left = gens_left;
        let written = self.write_superblock(None, None).await;
        if written.is_err() {
            (self.inodes_left, self.gens_left) = before;
        }
        written
    }

    /// An inode number with no live record and no live chunk for a new inode of `kind`: a
    /// recycled one for a file (a directory's removal does not recycle, so it would leave
    /// the old file's chunk tombstones behind), or one never used.
    pub async fn alloc_inode(&mut self, kind: Kind) -> Result<u32> {
        if kind == Kind::File {
            while let Some(inode) = self.free.pop() {
                self.flags |= FREE_TAKEN;
                if inode > self.free_unchecked_upto {
                    return Ok(inode);
                }
                let live_record = fetch::<_, &[u8]>(
                    &mut self.map,
                    &mut self.lookup,
                    &mut self.buf,
                    &MapKey::Inode(inode),
                )
                .await?
                .is_some_and(|b| !b.is_empty());
                if !live_record {
                    return Ok(inode);
                }
            }
        }
        if self.inodes_left == 0 {
            self.next_inode
                .checked_add(RESERVE_BATCH)
                .ok_or(Error::NoSpace)?;
            self.reserve(RESERVE_BATCH as u8, self.gens_left).await?;
        }
        self.inodes_left -= 1;
        self.next_inode += 1;
        Ok(self.next_inode - 1)
    }

    /// A never-used transaction generation.
    pub async fn alloc_gen(&mut self) -> Result<u32> {
        if self.gens_left == 0 {
            self.next_gen
                .checked_add(RESERVE_BATCH)
                .ok_or(Error::NoSpace)?;
            self.reserve(self.inodes_left, RESERVE_BATCH as u8).await?;
        }
        self.gens_left -= 1;
        self.next_gen += 1;
        Ok(self.next_gen - 1)
    }

    /// Pages of the map.
    pub fn map_pages(&mut self) -> u32 {
        self.ring().pages()
    }

    /// Sectors of the data region the map has taken.
    pub fn map_data_pages(&mut self) -> u32 {
        let (ring, first) = (self.ring(), u32::from(self.data_first));
        (0..self.alloc.sectors() as u16)
            .filter(|&d| Self::owned_by_map(&ring, first, d))
            .count() as u32
    }

    /// Sectors of the data region.
    pub fn data_sectors(&self) -> u32 {
        self.alloc.sectors()
    }

    /// Reads the allocation record the first time it is needed (its bits are read into the
    /// window as searches need them), and the search start: the search-start record's, else
    /// (an image written before it existed) the allocation record's. A missing or damaged
    /// allocation record leaves the region without allocation (files then use chunks only).
    async fn load_alloc(&mut self) -> Result<()> {
        if self.alloc.state != AllocState::Unloaded {
            return Ok(());
        }
        let bytes = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::Alloc,
        )
        .await?;
        let loaded = bytes.ok_or(Error::Corrupt).and_then(|b| self.alloc.load(b));
        if loaded.is_err() {
            self.alloc.state = AllocState::Broken;
            return Ok(());
        }
        let start = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::SearchStart,
        )
        .await?;
        if let Some(b) = start {
            self.alloc.load_start(b);
        }
        Ok(())
    }

    /// Fills the allocation window from sector `start` on with the record's bits, and while
    /// a commit lags ([`Alloc::lagging`]) with the sectors of the committing intents pending
    /// on flash whose inode record carries their generation.
    async fn fill_window(&mut self, start: u16) -> Result<()> {
        let record = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::Alloc,
        )
        .await?
        .ok_or(Error::Corrupt)?;
        self.alloc.check(record)?;
        self.alloc.fill_window(start, &record[2..]);
        if self.alloc.lagging() {
            for slot in 0..MAX_INTENT_SLOTS {
                if let Some(runs) = self.lagging_commit(slot).await? {
                    self.alloc.mark_window(&runs.1);
                }
            }
        }
        Ok(())
    }

    /// The old and new sectors of the commit that intent slot `slot` records, if it is a
    /// committing intent pending on flash whose inode record carries its generation (its
    /// commit may then be missing from the allocation record).
    async fn lagging_commit(&mut self, slot: usize) -> Result<Option<(Runs, Runs)>> {
        if self.pending.intents.get(slot).is_none_or(Option::is_none) {
            return Ok(None);
        }
        let Some(intent) = self
            .pending_intent(slot)
            .await?
            .filter(|i| i.committing && i.extents)
        else {
            return Ok(None);
        };
        Ok(self
            .inode_header(intent.inode)
            .await?
            .filter(|record| record.gen == intent.gen)
            .map(|record| (intent.old_runs, record.runs)))
    }

    /// Reads the allocation record into `record`, a copy beside the item buffer (which the
    /// map's write works in), from the window when it holds the whole record: its length, 0
    /// when it is written anew (at format).
    async fn read_alloc(&mut self, record: &mut [u8; ALLOC_MAX]) -> Result<usize> {
        if self.alloc.fresh() {
            return Ok(0);
        }
        let len = self.alloc.record_len();
        if self
            .alloc
            .copy_record(record.get_mut(2..len).ok_or(Error::Corrupt)?)
        {
            return Ok(len);
        }
        let bytes = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::Alloc,
        )
        .await?
        .ok_or(Error::Corrupt)?;
        record
            .get_mut(..bytes.len())
            .ok_or(Error::Corrupt)?
            .copy_from_slice(bytes);
        Ok(bytes.len())
    }

    /// Writes the allocation record with the search start and the commit that replaced the
    /// sectors `old` by `new` applied.
    async fn write_alloc(&mut self, old: &Runs, new: &Runs) -> Result<()> {
        let mut record = [0u8; ALLOC_MAX];
        let found = self.read_alloc(&mut record).await?;
        let (fresh, lease, len) = (
            self.alloc.fresh(),
            self.alloc.lease(),
            self.alloc.record_len(),
        );
        edit_record(&mut record, found, fresh, lease, len, old, new)?;
        self.put(&MapKey::Alloc, &&record[..len]).await?;
        self.alloc.written();
        self.alloc.dropped(old, new);
        Ok(())
    }

    /// Writes the allocation record if it lags behind (commits are missing from it, read
    /// again from their pending intents, see [`Alloc::lagging`], and written together; or it
    /// is written anew), then the search-start record if the search start moved. In that
    /// order: a cut between them leaves the search-start record behind the start the
    /// allocation record holds, which only lets a search after it erase again sectors the
    /// cut session took (see [`crate::alloc::LEASE`]); for the same reason a full map only
    /// leaves the search-start record to a later call.
    pub async fn sync_alloc(&mut self) -> Result<()> {
        if !self.alloc.dirty() || self.alloc.state != AllocState::Loaded {
            return Ok(());
        }
        if self.alloc.lagging() {
            self.write_lagging_alloc().await?;
        } else if self.alloc.fresh() {
            self.write_alloc(&Runs::default(), &Runs::default()).await?;
        }
        if self.alloc.start_moved() {
            let start = self.alloc.lease().to_le_bytes();
            match self.put(&MapKey::SearchStart, &&start[..]).await {
                Ok(()) => self.alloc.start_written(),
                // A full map leaves the start on flash behind until a later write finds
                // room, which costs wear only; the allocation record written above is
                // what callers wait for.
                Err(Error::NoSpace) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }

    /// Writes the allocation record with every lagging commit applied (see
    /// [`Store::sync_alloc`]).
    async fn write_lagging_alloc(&mut self) -> Result<()> {
        let mut record = [0u8; ALLOC_MAX];
        let found = self.read_alloc(&mut record).await?;
        let (fresh, lease, len) = (
            self.alloc.fresh(),
            self.alloc.lease(),
            self.alloc.record_len(),
        );
        let none = Runs::default();
        edit_record(&mut record, found, fresh, lease, len, &none, &none)?;
        for slot in 0..MAX_INTENT_SLOTS {
            if let Some((old, new)) = self.lagging_commit(slot).await? {
                edit_record(&mut record, len, false, lease, len, &old, &new)?;
            }
        }
        self.put(&MapKey::Alloc, &&record[..len]).await?;
        self.alloc.written();
        self.alloc.caught_up();
        Ok(())
    }

    /// Takes a free data sector to append to `runs` (see [`Alloc::take`]), erased; `None`
    /// when there is none. When the take moved the search start, the search-start record is
    /// written before the erase (see [`crate::alloc::LEASE`]); a full map only leaves that
    /// to the next record write.
    pub async fn take_sector(&mut self, runs: &Runs) -> Result<Option<u16>> {
        self.load_alloc().await?;
        let mut search = Search::default();
        let sector = loop {
            let (ring, first) = (self.ring(), u32::from(self.data_first));
            let held = self.held().await?;
            let buf = &self.buf;
            let found = self.alloc.take(
                runs,
                &mut search,
                |d| Self::owned_by_map(&ring, first, d),
                |d| {
                    held.as_ref()
                        .is_some_and(|(p, r)| p.holds(&buf[r.clone()], d))
                },
            );
            match found {
                Take::Sector(sector) => break sector,
                Take::Full => return Ok(None),
                Take::Refill(start) => self.fill_window(start).await?,
            }
        };
        match self.sync_alloc().await {
            Ok(()) | Err(Error::NoSpace) => {}
            Err(e) => {
                self.alloc.release(sector);
                return Err(e);
            }
        }
        let addr = self.sector_addr(sector);
        let erased = live(&mut self.map)
            .flash()
            .flash
            .erase(addr, addr + Self::SECTOR)
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

    /// Writes to the allocation record that a commit replaced the data sectors `old` by
    /// `new`, which a committing intent pending on flash records (its inode record carrying
    /// its generation). Idempotent (it is replayed after a power cut). When the map has no
    /// room, the record lags ([`Alloc::lagging`]) and [`Store::sync_alloc`] writes it from
    /// the intent later.
    pub async fn commit_runs(&mut self, old: &Runs, new: &Runs) -> Result<()> {
        if old == new {
            return Ok(());
        }
        self.load_alloc().await?;
        if self.alloc.state != AllocState::Loaded {
            return Ok(());
        }
        let lagging = self.alloc.lagging();
        self.alloc.commit(new);
        // A growth while the record is written must not hand out the new sectors.
        self.alloc.lag();
        if lagging {
            // Recovery, or a record write refused earlier: the next one writes every
            // lagging commit at once.
            return Ok(());
        }
        match self.write_alloc(old, new).await {
            Ok(()) => {
                self.alloc.unlag();
                Ok(())
            }
            Err(Error::NoSpace) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Marks in RAM the data sectors `new` of a commit that reached flash before recovery
    /// writes anything (see [`crate::txn::claim_committed_runs`]): the record lags until
    /// [`Store::sync_alloc`].
    pub async fn claim_runs(&mut self, new: &Runs) -> Result<()> {
        self.load_alloc().await?;
        if self.alloc.state == AllocState::Loaded {
            self.alloc.commit(new);
            self.alloc.lag();
        }
        Ok(())
    }

    /// Writes to the allocation record that a file's data sectors `runs`, which the pending
    /// journal entry holds, are no longer used; a failed write is replayed with the entry.
    pub async fn drop_runs(&mut self, runs: &Runs) -> Result<()> {
        if runs.is_empty() {
            return Ok(());
        }
        self.load_alloc().await?;
        if self.alloc.state != AllocState::Loaded {
            return Ok(());
        }
        self.write_alloc(runs, &Runs::default()).await
    }

    /// The commit of intent slot `slot` waits for the allocation record to be written.
    pub fn await_alloc(&mut self, slot: usize) {
        self.awaiting |= 1 << slot;
    }

    /// Scans the data region for free sectors (neither committed, taken, the map's nor
    /// held) a window at a time: their count, and the first run of `want` (else the
    /// longest). Reads the whole record: for the rare callers (growth, `statvfs`).
    async fn scan_free(&mut self, want: u32) -> Result<FreeScan> {
        let mut scan = FreeScan::new(want);
        self.load_alloc().await?;
        if self.alloc.state != AllocState::Loaded {
            return Ok(scan);
        }
        let (ring, first) = (self.ring(), u32::from(self.data_first));
        let mut start = 0;
        while start < self.alloc.sectors() {
            self.fill_window(start as u16).await?;
            let held = self.held().await?;
            let buf = &self.buf;
            self.alloc.scan_window(&mut scan, |d| {
                Self::owned_by_map(&ring, first, d)
                    || held
                        .as_ref()
                        .is_some_and(|(p, r)| p.holds(&buf[r.clone()], d))
            });
            start += WINDOW;
        }
        Ok(scan)
    }

    /// Free data sectors.
    pub async fn free_sectors(&mut self) -> Result<u32> {
        Ok(self.scan_free(0).await?.free)
    }

    fn sector_addr(&self, sector: u16) -> u32 {
        (u32::from(self.data_first) + u32::from(sector)) * Self::SECTOR
    }

    /// Reads `out.len()` bytes at `offset` of data sector `sector`.
    pub async fn read_sector(&mut self, sector: u16, offset: u32, out: &mut [u8]) -> Result<()> {
        let addr = self.sector_addr(sector) + offset;
        region::read(&mut live(&mut self.map).flash().flash, addr, out).await
    }

    /// A writer programming data sector `sector` from its start.
    pub fn sector_writer(&self, sector: u16) -> SectorWriter {
        SectorWriter::new(self.sector_addr(sector))
    }

    /// Programs `bytes` next through `writer`.
    pub async fn push(&mut self, writer: &mut SectorWriter, bytes: &[u8]) -> Result<()> {
        writer
            .push(&mut live(&mut self.map).flash().flash, bytes)
            .await
    }

    /// Programs what `writer` still holds.
    pub async fn finish(&mut self, writer: &mut SectorWriter) -> Result<()> {
        writer.finish(&mut live(&mut self.map).flash().flash).await
    }

    /// Programs at most the first `len` bytes of the chunk `key` next through `writer`;
    /// returns how many it held (a missing chunk is [`Error::Corrupt`]).
    pub async fn push_chunk_prefix(
        &mut self,
        writer: &mut SectorWriter,
        key: MapKey,
        len: usize,
    ) -> Result<usize> {
        match fetch::<_, ChunkValue>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await? {
            Some(ChunkValue { gen: Some(_), data }) => {
                let bytes = &data[..len.min(data.len())];
                writer
                    .push(&mut live(&mut self.map).flash().flash, bytes)
                    .await?;
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
        let bytes = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::Inode(inode),
        )
        .await?
        .ok_or(Error::Corrupt)?;
        let (_, data) = Inode::decode_with_data(bytes)?;
        let bytes = data.get(..len).ok_or(Error::Corrupt)?;
        writer
            .push(&mut live(&mut self.map).flash().flash, bytes)
            .await
    }

    /// Checks a record's extent list against the data region and its size.
    fn check_runs(&mut self, record: &Inode) -> Result<()> {
        let whole = u64::from(record.runs.sectors()) * u64::from(Self::SECTOR);
        if whole > u64::from(record.size) {
            return Err(Error::Corrupt);
        }
        self.check_list(&record.runs)
    }

    /// Checks an extent list against the data region: inside it, no sector twice, none of
    /// the map's pages.
    pub fn check_list(&mut self, runs: &Runs) -> Result<()> {
        let ring = self.ring();
        let in_map = runs
            .list()
            .iter()
            .any(|&(s, l)| ring.overlaps(u32::from(self.data_first) + u32::from(s), u32::from(l)));
        if runs.valid(self.alloc.sectors()) && !in_map {
            Ok(())
        } else {
            Err(Error::Corrupt)
        }
    }

    /// The encoded record of `inode` as the map holds it; `None` when there is none (an empty
    /// value is a removed record).
    async fn inode_bytes(&mut self, inode: u32) -> Result<Option<&[u8]>> {
        let key = MapKey::Inode(inode);
        let found = fetch::<_, &[u8]>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await?;
        Ok(found.filter(|b| !b.is_empty()))
    }

    /// Reads the record of `inode`, copying inline contents into `data` (too small a buffer
    /// is [`Error::Corrupt`]); `None` when there is no record.
    pub async fn get_inode(&mut self, inode: u32, data: &mut [u8]) -> Result<Option<Inode>> {
        let Some(bytes) = self.inode_bytes(inode).await? else {
            return Ok(None);
        };
        let (record, inline) = Inode::decode_with_data(bytes)?;
        data.get_mut(..inline.len())
            .ok_or(Error::Corrupt)?
            .copy_from_slice(inline);
        self.check_runs(&record)?;
        Ok(Some(record))
    }

    /// Reads the record of `inode` without its contents; `None` when there is none.
    pub async fn inode_header(&mut self, inode: u32) -> Result<Option<Inode>> {
        let Some(bytes) = self.inode_bytes(inode).await? else {
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
        self.put(&MapKey::Inode(inode), &value).await?;
        Ok(())
    }

    /// Directory block `index` of `dir`, read into the item buffer (so it lasts until the
    /// store is next used), or `None` if absent; one longer than [`DIR_BLOCK`] is
    /// [`Error::Corrupt`].
    pub async fn dir_block(&mut self, dir: u32, index: u32) -> Result<Option<&[u8]>> {
        let key = MapKey::DirBlock { dir, index };
        match fetch::<_, &[u8]>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await? {
            Some(bytes) if bytes.len() > DIR_BLOCK => Err(Error::Corrupt),
            found => Ok(found),
        }
    }

    /// Rewrites directory block `index` of `dir` (one atomic map write) with no buffer of its
    /// own: the block is read into the item buffer right where the map serializes the new
    /// value, and `edit`, given that room and the block's length, changes it there and
    /// returns the new length. A `fresh` block is not read (`edit` starts from length 0): it
    /// is new, or a leftover of a cut past the directory's count.
    ///
    /// The map moves other items through the buffer when the write changes pages (and when
    /// it repairs damage) and then serializes the value again; the second serialization
    /// fails ([`InPlace`]) and the block is read and edited again on the new page. Repairs
    /// the map makes before it first serializes run in a probe before the block is read.
    pub async fn edit_dir_block(
        &mut self,
        dir: u32,
        index: u32,
        fresh: bool,
        edit: &dyn Fn(&mut [u8], usize) -> Result<usize>,
    ) -> Result<()> {
        let key = MapKey::DirBlock { dir, index };
        let mut key_bytes = [0u8; KEY_MAX];
        let key_len = Key::serialize_into(&key, &mut key_bytes).map_err(|_| Error::InvalidInput)?;
        self.before_put().await?;
        let mut page_changes = 0;
        loop {
            // First a write that fails as it serializes: whatever repair the map needs
            // before writing (after a cut) runs now, not after the block is read into the
            // buffer the repair works in.
            let probe = InPlace {
                len: 0,
                edit,
                made: Cell::new(true),
            };
            match live(&mut self.map)
                .store_item(&mut self.buf, &key, &probe)
                .await
            {
                Err(sequential_storage::Error::SerializationError(SerializationError::Custom(
                    REREAD,
                ))) => {}
                other => other?,
            }
            // The probe may have closed the page being written (the item did not fit) and
            // compacted the next one: the head the lookup remembers may be gone, and the
            // block read below would then not be found.
            self.lookup.head_moved();
            let len = if fresh {
                0
            } else {
                let block = self.dir_block(dir, index).await?.ok_or(Error::Corrupt)?;
                // Where the read left the value; the map serializes it after the key.
                let (at, len) = (block.as_ptr() as usize, block.len());
                let at = at
                    .checked_sub(self.buf.as_ptr() as usize)
                    .ok_or(Error::Corrupt)?;
                self.buf.copy_within(at..at + len, key_len);
                len
            };
            let value = InPlace {
                len,
                edit,
                made: Cell::new(false),
            };
            let result = live(&mut self.map)
                .store_item(&mut self.buf, &key, &value)
                .await;
            // Nothing reads through the lookup during the write, so the block's copy is
            // forgotten after it, and not when the write failed before writing: the copy
            // remembered is still the newest then, and is read again from it.
            let full = match result {
                Err(sequential_storage::Error::SerializationError(SerializationError::Custom(
                    REREAD,
                ))) => {
                    self.lookup.head_moved();
                    // Each try changed pages: a turn of the map without room is a full map.
                    page_changes += 1;
                    page_changes > self.ring().pages()
                }
                Err(sequential_storage::Error::FullStorage) => {
                    self.lookup.forget(&key);
                    true
                }
                result => {
                    self.lookup.forget(&key);
                    return result.map_err(Error::from);
                }
            };
            if full {
                if !self.grow().await? {
                    return Err(Error::NoSpace);
                }
                page_changes = 0;
            }
        }
    }

    /// Frees the inode number of a removed file that has `chunks` chunks (its record read,
    /// no data sectors) by tombstones instead of removals, and adds it to the recycled
    /// numbers: a tombstone in both slots of each chunk, then one for the record (last, so
    /// that a replay finding it knows the chunks are done). False, with nothing recycled,
    /// when the number cannot be recycled (too many chunks, version 3, a commit's cleanup
    /// failed this session, the set is full) or there is no room for the tombstones; the
    /// caller then removes the records.
    pub async fn recycle_inode(&mut self, inode: u32, chunks: u32) -> Result<bool> {
        let cap = FreeInodes::cap(self.capacity());
        let mut probe = self.free;
        if self.version == 3
            || self.flags & SINGLE_SLOTS == 0
            || chunks > RECYCLE_CHUNKS
            || !probe.insert(inode, cap)
        {
            return Ok(false);
        }
        let tombstone = ChunkValue {
            gen: None,
            data: &[],
        };
        for index in 0..chunks {
            for slot in 0..2 {
                match self
                    .put(&MapKey::chunk(inode, index, slot), &tombstone)
                    .await
                {
                    Err(Error::NoSpace) => return Ok(false),
                    other => other?,
                }
            }
        }
        match self.put(&MapKey::Inode(inode), &&[][..]).await {
            Err(Error::NoSpace) => return Ok(false),
            other => other?,
        }
        self.free = probe;
        Ok(true)
    }

    /// Whether a file with no data sectors and `chunks` chunks may be removed in place
    /// ([`Store::remove_in_place`]): its number must be one [`Store::recycle_inode`] could
    /// recycle.
    pub fn removes_in_place(&self, chunks: u32) -> bool {
        self.version != 3 && self.flags & SINGLE_SLOTS != 0 && chunks <= RECYCLE_CHUNKS
    }

    /// Removes the file `inode` (no data sectors, `chunks` chunks) where its directory entry
    /// stands: a tombstone for its record is the commit, one small write, and the entry
    /// stays, read as absent (a *dead* entry), until a later write to its directory block
    /// cuts it and recycles the number ([`Store::recycle_unlinked`]). Its chunks get
    /// tombstones after the commit; a cut before they are all written leaves the rest to
    /// the cut of the entry, which clears them first.
    pub async fn remove_in_place(&mut self, inode: u32, chunks: u32) -> Result<()> {
        if self.flags & FREE_TAKEN != 0 {
            self.write_superblock(None, None).await?;
        }
        // A finished intent of this file still listed would be replayed over the tombstone.
        self.settle_inode(inode).await?;
        self.put(&MapKey::Inode(inode), &&[][..]).await?;
        self.clear_chunks(inode, chunks).await
    }

    /// Whether the record of a file that a directory entry names is a tombstone (the entry
    /// is dead, see [`Store::remove_in_place`]); a missing record is [`Error::Corrupt`].
    pub async fn is_removed(&mut self, inode: u32) -> Result<bool> {
        let key = MapKey::Inode(inode);
        match fetch::<_, &[u8]>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await? {
            Some(bytes) => Ok(bytes.is_empty()),
            None => Err(Error::Corrupt),
        }
    }

    /// Gives every chunk slot of `inode` below index `chunks` that still holds data a
    /// tombstone (or, on a full map, removes it); slots already empty are only read. The
    /// file must not be open: a settled chunk holds at most one live slot, so a second is
    /// looked for only when the first is empty (a lookup that finds nothing reads every
    /// page's headers).
    pub async fn clear_chunks(&mut self, inode: u32, chunks: u32) -> Result<()> {
        for index in 0..chunks {
            let found = self.settled_chunk_slots(inode, index).await?;
            for (slot, held) in (0u8..).zip(found.slots) {
                if held.is_some() {
                    self.clear_chunk(inode, index, slot).await?;
                }
            }
        }
        Ok(())
    }

    /// Recycles the numbers of removed files whose dead entries were just cut (their
    /// chunks cleared before): each joins the recycled set, or, when the set is full, its
    /// tombstone is removed. The set reaches flash with the next superblock write; a power
    /// cut before it leaves the tombstone of a number never handed out again (16 bytes).
    pub async fn recycle_unlinked(&mut self, inodes: &[u32]) -> Result<()> {
        let cap = FreeInodes::cap(self.capacity());
        for &inode in inodes {
            if !self.free.insert(inode, cap) {
                self.remove(&MapKey::Inode(inode)).await?;
            }
        }
        Ok(())
    }

    /// Whether the record of `inode` is a tombstone [`Store::recycle_inode`] wrote (a
    /// replay then only adds the number to the set); an inode whose number cannot be added
    /// gets its records removed.
    pub async fn recycle_again(&mut self, inode: u32) -> Result<()> {
        let tombstone = fetch::<_, &[u8]>(
            &mut self.map,
            &mut self.lookup,
            &mut self.buf,
            &MapKey::Inode(inode),
        )
        .await?
        .is_some_and(|b| b.is_empty());
        let cap = FreeInodes::cap(self.capacity());
        if !tombstone || self.free.insert(inode, cap) {
            return Ok(());
        }
        self.sweep_chunks(inode, None).await?;
        self.remove(&MapKey::Inode(inode)).await
    }

    /// Removes every value of `key` (needs no free space).
    pub async fn remove(&mut self, key: &MapKey) -> Result<()> {
        self.lookup.forget(key);
        live(&mut self.map).remove_item(&mut self.buf, key).await?;
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
            }) =
                fetch::<_, ChunkValue>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await?
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
        if self.flags & SINGLE_SLOTS == 0 {
            return self.chunk_slots(inode, index).await;
        }
        let mut found = ChunkSlots::default();
        for slot in 0..2u8 {
            let key = MapKey::chunk(inode, index, slot);
            if let Some(ChunkValue {
                gen: Some(gen),
                data,
            }) =
                fetch::<_, ChunkValue>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await?
            {
                found.slots[usize::from(slot)] = Some((gen, data.len()));
                break;
            }
        }
        Ok(found)
    }

    /// Records that a commit's cleanup did not finish (see [`Store::settled_chunk_slots`]).
    pub fn cleanup_failed(&mut self) {
        self.flags &= !SINGLE_SLOTS;
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
        match fetch::<_, ChunkValue>(&mut self.map, &mut self.lookup, &mut self.buf, &key).await? {
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
        self.put(
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
        match self.put(&key, &tombstone).await {
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
            let mut iter = live(&mut self.map).fetch_all_items(&mut self.buf).await?;
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
        let mut iter = live(&mut self.map).fetch_all_items(&mut self.buf).await?;
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
    use super::{ChunkSlots, MapKey, SeenKeys};

    #[test]
    fn a_copy_met_after_a_newer_one_frees_its_room() {
        let mut seen = SeenKeys::default();
        let key = MapKey::Inode(7);
        // Walking back: the newest copy is met first, on page 5.
        assert_eq!(seen.meet(&key, 5, 40), 0);
        // An older copy on an older page is superseded: all of it is room.
        assert_eq!(seen.meet(&key, 4, 60), 60);
        // Two copies on one page: the later one supersedes the earlier one's 30 bytes.
        assert_eq!(seen.meet(&MapKey::Superblock, 3, 30), 0);
        assert_eq!(seen.meet(&MapKey::Superblock, 3, 50), 30);
        // Once the table has turned over, a key met again counts as in force.
        for i in 0..32 {
            seen.meet(&MapKey::Inode(100 + i), 2, 10);
        }
        assert_eq!(seen.meet(&key, 1, 60), 0);
    }

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

    /// Deterministic pseudo-random numbers (xorshift64*).
    fn next(state: &mut u64) -> u64 {
        *state ^= *state >> 12;
        *state ^= *state << 25;
        *state ^= *state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Every key's value as `sequential-storage`'s own lookup finds it and as ours does.
    fn agree(
        store: &mut super::Store<crate::sim::SimFlash>,
        keys: &[super::MapKey],
        damaged: bool,
    ) {
        use super::{fetch, live};
        use embassy_futures::block_on;
        for key in keys {
            let theirs = block_on(live(&mut store.map).fetch_item::<&[u8]>(&mut store.buf, key))
                .map(|v| v.map(<[u8]>::to_vec));
            if damaged && theirs.is_err() {
                continue;
            }
            // Twice: the second time from the remembered location.
            for _ in 0..2 {
                let ours = block_on(fetch::<_, &[u8]>(
                    &mut store.map,
                    &mut store.lookup,
                    &mut store.buf,
                    key,
                ))
                .map(|v| v.map(<[u8]>::to_vec));
                assert_eq!(ours.ok(), theirs.as_ref().ok().cloned(), "key {key:?}");
            }
        }
    }

    /// [`super::Store::used_bytes`] as the map's own scan counts it.
    fn scanned_bytes(store: &mut super::Store<crate::sim::SimFlash>) -> u32 {
        use super::{RecentKeys, Store};
        let mut recent = RecentKeys::default();
        let mut used: u32 = 0;
        embassy_futures::block_on(store.scan(|key, value| {
            let size = Store::<crate::sim::SimFlash>::item_footprint(value.len()) as u32;
            used = used
                .saturating_add(size)
                .saturating_sub(recent.replace(key, size));
            Ok(())
        }))
        .expect("scan");
        used
    }

    /// A directory block edited in the item buffer comes out as edited, also when the write
    /// changes pages (the map moves other items through the buffer and serializes the
    /// value again).
    #[test]
    fn directory_blocks_edited_in_place_survive_page_changes() {
        use super::{MapKey, Store};
        use crate::layout::DIR_BLOCK;
        use crate::sim::SimFlash;
        use embassy_futures::block_on;
        let mut rng = 0x1234_5678_9ABC_DEF0u64;
        let mut store = Store::new(SimFlash::new(64 * 1024)).expect("layout");
        block_on(store.format(2)).expect("format");
        let mut model: [std::vec::Vec<u8>; 3] = Default::default();
        let mut written = [false; 3];
        let mut page_changes = 0;
        for step in 0..600u32 {
            // Other records fill pages between the edits.
            let filler = std::vec![step as u8; next(&mut rng) as usize % 300];
            block_on(store.put(&MapKey::Inode(10 + step % 7), &filler.as_slice())).expect("put");
            let index = (next(&mut rng) % 3) as u32;
            let block = &mut model[index as usize];
            // A block not written yet is fresh; so may be an emptied one.
            let emptied = block.is_empty() && next(&mut rng).is_multiple_of(2);
            let fresh = !written[index as usize] || emptied;
            written[index as usize] = true;
            let add: std::vec::Vec<u8> = (0..next(&mut rng) % 40)
                .map(|i| (i as u32 ^ step) as u8)
                .collect();
            // Entries go as well as come, and a block never outgrows its limit.
            let cut = if block.len() + add.len() > DIR_BLOCK || next(&mut rng).is_multiple_of(4) {
                block.len().min(add.len() + next(&mut rng) as usize % 20)
            } else {
                0
            };
            let edit = |buf: &mut [u8], len: usize| {
                buf.copy_within(cut..len, 0);
                let len = len - cut;
                buf[len..len + add.len()].copy_from_slice(&add);
                Ok(len + add.len())
            };
            let before = block_on(store.partial_page()).expect("head");
            block_on(store.edit_dir_block(1, index, fresh, &edit)).expect("edit");
            if block_on(store.partial_page()).expect("head") != before {
                page_changes += 1;
            }
            block.drain(..cut);
            block.extend_from_slice(&add);
            for (i, want) in model.iter().enumerate() {
                let got = block_on(store.dir_block(1, i as u32)).expect("read");
                assert_eq!(got.unwrap_or(&[]), want.as_slice(), "step {step} block {i}");
            }
        }
        assert!(page_changes > 10, "{page_changes}");
    }

    #[test]
    fn header_lookup_finds_what_the_map_finds() {
        use super::{MapKey, Store};
        use crate::sim::SimFlash;
        use embassy_futures::block_on;
        let mixed: std::vec::Vec<MapKey> = (0..40)
            .map(|i| match i % 3 {
                0 => MapKey::Inode(i),
                1 => MapKey::chunk(i, i % 5, (i % 2) as u8),
                _ => MapKey::DirBlock { dir: 1, index: i },
            })
            .collect();
        // Mostly records: a lookup of one remembers the others it passes last.
        let records: std::vec::Vec<MapKey> = (0..60)
            .map(|i| match i % 6 {
                0 => MapKey::chunk(i, 0, 0),
                _ => MapKey::Inode(i),
            })
            .collect();
        for seed in 1..=6u64 {
            let keys = if seed <= 4 { &mixed } else { &records };
            let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let mut store = Store::new(SimFlash::new(64 * 1024)).expect("layout");
            block_on(store.format(2)).expect("format");
            for step in 0..1500 {
                let key = keys[next(&mut rng) as usize % keys.len()];
                if next(&mut rng).is_multiple_of(10) {
                    block_on(store.remove(&key)).expect("remove");
                } else {
                    let len = next(&mut rng) as usize % 400;
                    let value: std::vec::Vec<u8> =
                        (0..len).map(|i| (i as u64 ^ step) as u8).collect();
                    match block_on(store.put(&key, &value.as_slice())) {
                        Ok(()) | Err(crate::Error::NoSpace) => {}
                        Err(e) => panic!("put: {e:?}"),
                    }
                }
                if step % 50 == 0 {
                    agree(&mut store, keys, false);
                }
            }
            agree(&mut store, keys, false);
            assert_eq!(
                block_on(store.used_bytes()).expect("used"),
                scanned_bytes(&mut store),
                "seed {seed}"
            );
            // Damage: flipped bits anywhere in the map; wherever the map still answers, the
            // answers agree.
            let mut image = store.into_flash().image().to_vec();
            for _ in 0..20 {
                let at = 4096 + next(&mut rng) as usize % (image.len() - 4096);
                image[at] ^= 1 << (next(&mut rng) % 8);
            }
            let mut store = block_on(Store::open(SimFlash::from_image(image))).expect("open");
            agree(&mut store, keys, true);
        }
    }
}

#[cfg(test)]
mod pending_tests {
    use super::{Filler, MapKey, Store};
    use crate::error::Error;
    use crate::extent::Runs;
    use crate::layout::{Intent, Journal, Name};
    use crate::sim::SimFlash;
    use embassy_futures::block_on;

    fn intent(inode: u32, old_runs: Runs) -> Intent {
        Intent {
            inode,
            gen: 40 + inode,
            committing: true,
            base_size: 0,
            old_size: 700,
            new_size: 700,
            ranges: [(0, 3), (0, 0), (0, 0), (0, 0)],
            range_count: 1,
            extents: !old_runs.is_empty(),
            old_runs,
        }
    }

    /// On a full flash a superblock write that records an intent is refused, and one that
    /// clears an intent leaves the copy on flash naming it (`stale`); the map never grows
    /// into the sectors a pending intent holds; later writes keep the other entries from
    /// the copy on flash and drop the cleared one, and a mount finds what RAM knew.
    #[test]
    fn a_full_flash_refuses_new_entries_and_a_stale_superblock_drops_cleared_ones() {
        let mut store = Store::new(SimFlash::new(64 * 1024)).unwrap();
        block_on(store.format(2)).unwrap();
        let mut held = Runs::default();
        assert!(held.push(2) && held.push(3));
        let a = intent(7, held);
        let b = intent(8, Runs::default());
        let journal = Journal::Remove {
            parent: 1,
            name: Name::new(b"gone").unwrap(),
            inode: 9,
            runs: Runs::default(),
        };
        block_on(store.set_intent(0, Some(&a))).unwrap();
        block_on(store.set_intent(2, Some(&b))).unwrap();
        block_on(store.set_journal(Some(&journal))).unwrap();
        // Fill the map to its last bytes: it grows into the free data sectors (0 and 1 of
        // four), never into the held ones.
        let mut fillers = 0;
        let mut fill = |store: &mut Store<SimFlash>| {
            for size in [300, 8] {
                loop {
                    let key = MapKey::DirBlock {
                        dir: 500,
                        index: fillers,
                    };
                    match block_on(store.put(&key, &Filler(size))) {
                        Ok(()) => fillers += 1,
                        Err(Error::NoSpace) => break,
                        Err(e) => panic!("{e:?}"),
                    }
                }
            }
        };
        fill(&mut store);
        let ring = store.ring();
        let owned = |d| Store::<SimFlash>::owned_by_map(&ring, u32::from(store.data_first), d);
        assert!(owned(0) && owned(1) && !owned(2) && !owned(3));
        // Recording an intent finds no room (after trying every page with the copy staged
        // anew): refused, and nothing changes.
        let before = *store.pending();
        let c = intent(10, Runs::default());
        assert_eq!(block_on(store.set_intent(1, Some(&c))), Err(Error::NoSpace));
        assert_eq!(*store.pending(), before);
        // Clearing slot 2 finds no room (the map compacted meanwhile: filled again; the
        // held sectors stay out of it): done all the same, the superblock is stale.
        fill(&mut store);
        block_on(store.set_intent(2, None)).unwrap();
        assert!(store.flags & super::STALE != 0 && store.pending().intents[2].is_none());
        assert_eq!(block_on(store.pending_intent(2)), Ok(Some(b)));
        for index in 0..fillers {
            block_on(store.remove(&MapKey::DirBlock { dir: 500, index })).unwrap();
        }
        block_on(store.settle()).unwrap();
        assert!(store.flags & super::STALE == 0);
        assert_eq!(block_on(store.pending_intent(2)), Ok(None));
        assert_eq!(block_on(store.pending_intent(0)), Ok(Some(a)));
        assert_eq!(block_on(store.pending_journal()), Ok(Some(journal)));
        block_on(store.set_intent(1, Some(&c))).unwrap();
        let known = *store.pending();
        let mut store = block_on(Store::open(store.into_flash())).unwrap();
        assert_eq!(block_on(store.load_superblock()), Ok(known));
        assert_eq!(block_on(store.pending_intent(1)), Ok(Some(c)));
        assert_eq!(block_on(store.pending_intent(0)), Ok(Some(a)));
        assert_eq!(block_on(store.pending_journal()), Ok(Some(journal)));
    }
}
