//! One file's contents, seen through an optional write transaction.
//!
//! Each chunk of a file has two slots on flash, each tagged with the generation of the
//! transaction that wrote it. A reader with committed generation `C` sees, per chunk, the slot
//! with the highest generation `<= C`. A transaction with generation `G > C` writes only the
//! other slot (or the one already holding `G`), so the committed contents are never touched
//! until the inode record that carries `G` is written: that single map write is the commit.
//! Before its first chunk a transaction records an intent (inode, `G`) in the superblock, so
//! that after a power cut its chunks are found and removed; before committing it rewrites the
//! intent with the chunk ranges it touched, so that the superseded slots are removed after the
//! commit, also after a power cut. The chunk in RAM is written after that committing intent,
//! so a transaction whose only chunk is that one (an append of less than a chunk, then
//! close) writes one intent, not two. Once the superseded slots are emptied the intent is
//! done; unless the commit changed data sectors, it is left for the next superblock write to
//! drop rather than cleared by a write of its own (replaying it finds nothing to do, and
//! every later change to the file records an intent first, or drops it, see
//! [`Store::settle_inode`]).
//!
//! A file whose new contents fit one chunk is committed inline: its contents go into the inode
//! record itself, so the commit is one map write and needs no intent, unless chunks of the
//! older contents (or of this transaction) must be removed afterwards.
//!
//! A file's first whole sectors may live in data sectors outside the map (its extent list,
//! `runs`); chunk `i` then holds the bytes at `base + i * chunk_size`, `base` being the bytes
//! the data sectors hold. A write that appends at least a whole sector where the file's chunked
//! tail is empty (or untouched since the commit) programs fresh data sectors straight from the
//! caller's bytes (the committed tail first), and the tail starts again after them; a write
//! inside the data sectors copies the sector it changes to a fresh one. Data sectors are never
//! programmed twice: the transaction only fills sectors nobody else uses, and the inode record
//! carrying the new list is the commit. Once the transaction changed where its tail starts
//! (`fresh`), no chunk of the committed tail is part of its view: every chunk below its new
//! end is one it wrote.

use embedded_storage_async::nor_flash::MultiwriteNorFlash;

use crate::error::{Error, Result};
use crate::extent::Runs;
use crate::layout::{ChunkRange, Inode, Intent, MapKey, MAX_CHUNK, MAX_RANGES};
use crate::store::{ChunkSlots, Store};

/// Bytes copied per step when a data sector is copied or moved into chunks.
const COPY_STEP: usize = 256;

/// An open transaction.
#[derive(Debug, Clone, Copy)]
struct Txn {
    gen: u32,
    size: u32,
    /// Committed bytes at or past this offset were truncated away by the transaction.
    trunc_floor: u32,
    /// The longest chunked tail the file had (committed or during the transaction).
    high_tail: u32,
    /// The data sectors of the transaction's view.
    runs: Runs,
    /// The tail starts elsewhere than in the committed state: no committed chunk is visible.
    fresh: bool,
    ranges: [ChunkRange; MAX_RANGES],
    range_count: usize,
    /// The open intent is recorded (the transaction has written, or is about to write, chunks).
    intent_written: bool,
}

impl Txn {
    fn touch(&mut self, index: u32) {
        let ranges = &mut self.ranges[..self.range_count];
        if let Some(r) = ranges.iter_mut().find(|r| r.0 <= index + 1 && index <= r.1) {
            r.0 = r.0.min(index);
            r.1 = r.1.max(index + 1);
            return;
        }
        if self.range_count < MAX_RANGES {
            self.ranges[self.range_count] = (index, index + 1);
            self.range_count += 1;
            return;
        }
        let distance = |r: &ChunkRange| {
            if index < r.0 {
                r.0 - index
            } else {
                index + 1 - r.1
            }
        };
        if let Some(r) = self.ranges.iter_mut().min_by_key(|r| distance(r)) {
            r.0 = r.0.min(index);
            r.1 = r.1.max(index + 1);
        }
    }

    fn ranges(&self) -> &[ChunkRange] {
        &self.ranges[..self.range_count]
    }

    fn touched(&self, index: u32) -> bool {
        self.ranges().iter().any(|r| r.0 <= index && index < r.1)
    }
}

/// What a view reads for one chunk (see [`FileCore::locate`]).
enum ChunkSource {
    /// That slot, its first bytes up to the limit.
    Slot(u8, usize),
    /// The committed inline contents, up to the limit.
    Inline(usize),
    /// Nothing: zeros.
    Nothing,
}

/// Bytes an append programs into data sectors: the caller's, or zeros filling a gap.
#[derive(Clone, Copy)]
enum Fill<'a> {
    Bytes(&'a [u8]),
    Zeros(usize),
}

impl Fill<'_> {
    fn len(&self) -> usize {
        match self {
            Fill::Bytes(b) => b.len(),
            Fill::Zeros(n) => *n,
        }
    }
}

/// Programs `n` zeros through `writer`.
async fn push_zeros<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    writer: &mut crate::region::SectorWriter,
    mut n: usize,
) -> Result<()> {
    let zeros = [0u8; 64];
    while n > 0 {
        let k = n.min(zeros.len());
        store.push(writer, &zeros[..k]).await?;
        n -= k;
    }
    Ok(())
}

/// The chunk held in RAM.
struct ChunkBuf {
    index: Option<u32>,
    len: usize,
    dirty: bool,
    slots: ChunkSlots,
    data: [u8; MAX_CHUNK],
}

/// A file or directory's contents with its chunk buffer and optional transaction.
pub(crate) struct FileCore {
    /// The inode number.
    pub inode: u32,
    /// The last committed state.
    pub committed: Inode,
    /// The intent record slot transactions of this core use.
    intent_slot: usize,
    txn: Option<Txn>,
    buf: ChunkBuf,
}

fn chunks_for(size: u32, cs: u32) -> u32 {
    size.div_ceil(cs)
}

impl FileCore {
    /// A core for `inode` in its committed state `committed`.
    pub fn new(inode: u32, committed: Inode, intent_slot: usize) -> Self {
        FileCore {
            inode,
            committed,
            intent_slot,
            txn: None,
            buf: ChunkBuf {
                index: None,
                len: 0,
                dirty: false,
                slots: ChunkSlots::default(),
                data: [0; MAX_CHUNK],
            },
        }
    }

    /// The size as this core sees it (including uncommitted writes).
    pub fn size(&self) -> u32 {
        self.txn.map_or(self.committed.size, |t| t.size)
    }

    /// Committed bytes held in chunks (none for an inline file).
    fn chunked_size<F: MultiwriteNorFlash>(&self, store: &Store<F>) -> u32 {
        if self.committed.inline {
            0
        } else {
            self.committed
                .size
                .saturating_sub(self.committed.runs.sectors() * store.sector_size())
        }
    }

    /// The data sectors of this core's view.
    fn runs(&self) -> &Runs {
        self.txn.as_ref().map_or(&self.committed.runs, |t| &t.runs)
    }

    /// Where the chunked tail starts in this core's view.
    fn base<F: MultiwriteNorFlash>(&self, store: &Store<F>) -> u32 {
        self.runs().sectors() * store.sector_size()
    }

    /// The committed chunks are part of this core's view.
    fn committed_tail_visible(&self) -> bool {
        self.txn.is_none_or(|t| !t.fresh)
    }

    async fn begin<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        if self.txn.is_some() {
            return Ok(());
        }
        let gen = store.alloc_gen().await?;
        self.txn = Some(Txn {
            gen,
            size: self.committed.size,
            trunc_floor: self.committed.size,
            high_tail: self.chunked_size(store),
            ranges: [(0, 0); MAX_RANGES],
            range_count: 0,
            intent_written: false,
            runs: self.committed.runs,
            fresh: false,
        });
        Ok(())
    }

    /// Records the open intent before the transaction's first chunk reaches flash.
    async fn record_intent<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        let base = self.chunked_size(store);
        let Some(txn) = self.txn.as_mut() else {
            return Ok(());
        };
        if txn.intent_written {
            return Ok(());
        }
        let intent = Intent {
            inode: self.inode,
            gen: txn.gen,
            committing: false,
            base_size: base,
            old_size: base,
            new_size: base,
            ranges: [(0, 0); MAX_RANGES],
            range_count: 0,
            extents: false,
            old_runs: Runs::default(),
        };
        store.set_intent(self.intent_slot, Some(&intent)).await?;
        txn.intent_written = true;
        Ok(())
    }

    async fn store_buf<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        let (Some(index), Some(_)) = (self.buf.index, self.txn.as_ref()) else {
            return Ok(());
        };
        if !self.buf.dirty {
            return Ok(());
        }
        self.record_intent(store).await?;
        let base = self.base(store);
        let Some(txn) = self.txn.as_mut() else {
            return Ok(());
        };
        let cs = store.chunk_size();
        let start = base + index * cs;
        let len = self.buf.len.min(txn.size.saturating_sub(start) as usize);
        let target = self.buf.slots.slot_with(txn.gen).unwrap_or_else(|| {
            match self.buf.slots.visible(self.committed.gen, None) {
                Some(s) => 1 - s,
                None => 0,
            }
        });
        txn.touch(index);
        store
            .write_chunk(self.inode, index, target, txn.gen, &self.buf.data[..len])
            .await?;
        self.buf.slots.slots[usize::from(target)] = Some((txn.gen, len));
        self.buf.dirty = false;
        Ok(())
    }

    /// Where chunk `index` of this core's view lies: its slots on flash (the committed one
    /// too when it is not part of the view, so that a transaction writes the other one) and
    /// what the view reads, with how many of its bytes count (the rest reads as zeros).
    async fn locate<F: MultiwriteNorFlash>(
        &self,
        store: &mut Store<F>,
        index: u32,
    ) -> Result<(ChunkSlots, ChunkSource)> {
        let cs = store.chunk_size();
        let base = self.base(store);
        let committed_visible = self.committed_tail_visible();
        // No chunk exists past the committed end except those this transaction wrote, and a
        // chunk it did not write has a single slot.
        let touched = self.txn.is_some_and(|t| t.touched(index));
        let slots = if touched {
            store.chunk_slots(self.inode, index).await?
        } else if index >= chunks_for(self.chunked_size(store), cs) {
            ChunkSlots::default()
        } else {
            store.settled_chunk_slots(self.inode, index).await?
        };
        let txn_gen = self.txn.map(|t| t.gen);
        let mut view = slots;
        if !committed_visible {
            // Only this transaction's chunks belong to its tail.
            for slot in &mut view.slots {
                if slot.is_some_and(|(g, _)| Some(g) != txn_gen) {
                    *slot = None;
                }
            }
        }
        let limit = |from_txn: bool| {
            let end = match self.txn {
                Some(t) if !from_txn => t.trunc_floor.min(self.committed.size),
                _ => self.size(),
            };
            end.saturating_sub(base + index * cs) as usize
        };
        let source = if let Some(slot) = view.visible(self.committed.gen, txn_gen) {
            let from_txn = txn_gen.is_some_and(|g| slots.slot_with(g) == Some(slot));
            ChunkSource::Slot(slot, limit(from_txn))
        } else if committed_visible
            && self.committed.inline
            && index == 0
            && self.committed.size > 0
        {
            ChunkSource::Inline(limit(false))
        } else {
            ChunkSource::Nothing
        };
        Ok((slots, source))
    }

    /// Makes the buffer hold chunk `index` as this core sees it.
    async fn load<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        index: u32,
    ) -> Result<()> {
        if self.buf.index == Some(index) {
            return Ok(());
        }
        self.store_buf(store).await?;
        self.buf.index = None;
        let (slots, source) = self.locate(store, index).await?;
        let len = match source {
            ChunkSource::Slot(slot, limit) => {
                let len = store
                    .read_chunk(self.inode, index, slot, &mut self.buf.data)
                    .await?;
                len.min(limit)
            }
            ChunkSource::Inline(limit) => {
                let record = store.get_inode(self.inode, &mut self.buf.data).await?;
                if record != Some(self.committed) {
                    return Err(Error::Corrupt);
                }
                (self.committed.size as usize).min(limit)
            }
            ChunkSource::Nothing => 0,
        };
        self.buf.data[len..].fill(0);
        self.buf.len = len;
        self.buf.slots = slots;
        self.buf.dirty = false;
        self.buf.index = Some(index);
        Ok(())
    }

    /// Reads from `pos` into `out`; returns how many bytes were read (0 at the end).
    pub async fn read_at<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        pos: u32,
        out: &mut [u8],
    ) -> Result<usize> {
        let cs = store.chunk_size();
        let sector = store.sector_size() as usize;
        let size = self.size();
        let mut done = 0;
        while done < out.len() {
            let at = pos as usize + done;
            if at >= size as usize {
                break;
            }
            let base = self.base(store) as usize;
            if at < base {
                let n = (sector - at % sector)
                    .min(out.len() - done)
                    .min(size as usize - at);
                let data_sector = self
                    .runs()
                    .get((at / sector) as u32)
                    .ok_or(Error::Corrupt)?;
                store
                    .read_sector(data_sector, (at % sector) as u32, &mut out[done..done + n])
                    .await?;
                done += n;
                continue;
            }
            let index = ((at - base) / cs as usize) as u32;
            let off = (at - base) % cs as usize;
            self.load(store, index).await?;
            let n = (cs as usize - off)
                .min(out.len() - done)
                .min(size as usize - at);
            out[done..done + n].copy_from_slice(&self.buf.data[off..off + n]);
            done += n;
        }
        Ok(done)
    }

    /// Writes `data` at `pos` inside the transaction, filling any gap past the end with zeros.
    pub async fn write_at<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        pos: u32,
        data: &[u8],
    ) -> Result<()> {
        u32::try_from(data.len())
            .ok()
            .and_then(|n| pos.checked_add(n))
            .ok_or(Error::FileTooLarge)?;
        self.begin(store).await?;
        let zeros = [0u8; 64];
        while self.size() < pos {
            let at = self.size();
            let gap = (pos - at) as usize;
            if self.promote(store, at, Fill::Zeros(gap)).await? == 0 {
                self.write_piece(store, at, &zeros[..gap.min(zeros.len())])
                    .await?;
            }
        }
        let sector = store.sector_size() as usize;
        let mut done = 0;
        while done < data.len() {
            let at = pos + done as u32;
            let base = self.base(store);
            if at < base {
                let n = (sector - at as usize % sector).min(data.len() - done);
                self.rewrite_sector(store, at, &data[done..done + n])
                    .await?;
                done += n;
                continue;
            }
            let size = self.size();
            if at < size {
                // Inside the tail: its chunks change; what goes past the end may still fill
                // data sectors.
                let n = ((size - at) as usize).min(data.len() - done);
                self.write_piece(store, at, &data[done..done + n]).await?;
                done += n;
                continue;
            }
            let promoted = self.promote(store, at, Fill::Bytes(&data[done..])).await?;
            if promoted == 0 {
                return self.write_piece(store, at, &data[done..]).await;
            }
            done += promoted;
        }
        Ok(())
    }

    /// Programs whole sectors of an append into fresh data sectors: when the bytes from the
    /// tail's start (the view's, then `data`) fill a sector, that sector, then more sectors
    /// straight from `data`; the tail then starts after them, empty. Returns how many bytes of
    /// `data` went into data sectors (0: none, they go to chunks).
    async fn promote<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        at: u32,
        data: Fill<'_>,
    ) -> Result<usize> {
        let sector = store.sector_size();
        let base = self.base(store);
        let Some(txn) = self.txn else {
            return Ok(0);
        };
        if at != txn.size || store.data_sectors() == 0 {
            return Ok(0);
        }
        let prefix = at - base;
        if prefix >= sector || prefix as usize + data.len() < sector as usize {
            return Ok(0);
        }
        let mut consumed = 0usize;
        let mut runs = txn.runs;
        loop {
            let first = consumed == 0;
            let take = if first {
                (sector - prefix) as usize
            } else {
                sector as usize
            };
            if data.len() - consumed < take {
                break;
            }
            let Some(target) = store.take_sector(&runs).await? else {
                break;
            };
            let mut writer = store.sector_writer(target);
            let mut programmed = Ok(());
            if first && prefix > 0 {
                programmed = self.push_view_prefix(store, &mut writer, prefix).await;
            }
            if programmed.is_ok() {
                programmed = match data {
                    Fill::Bytes(b) => store.push(&mut writer, &b[consumed..consumed + take]).await,
                    Fill::Zeros(_) => push_zeros(store, &mut writer, take).await,
                };
            }
            if programmed.is_ok() {
                programmed = store.finish(&mut writer).await;
            }
            if let Err(e) = programmed {
                store.release_sector(target);
                return Err(e);
            }
            if !runs.push(target) {
                store.release_sector(target);
                break;
            }
            consumed += take;
        }
        if consumed == 0 {
            return Ok(0);
        }
        let new_base = runs.sectors() * sector;
        self.buf.index = None;
        self.buf.dirty = false;
        if let Some(t) = self.txn.as_mut() {
            t.runs = runs;
            t.fresh = true;
            t.size = t.size.max(new_base);
        }
        Ok(consumed)
    }

    /// Programs the first `len` bytes of the view's tail (the buffer, this transaction's
    /// chunks, the committed chunks or inline contents) through `writer`.
    async fn push_view_prefix<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        writer: &mut crate::region::SectorWriter,
        len: u32,
    ) -> Result<()> {
        let cs = store.chunk_size();
        for index in 0..chunks_for(len, cs) {
            let n = (len - index * cs).min(cs) as usize;
            if self.buf.index == Some(index) {
                // Past its length the buffer holds zeros, as the view reads.
                store.push(writer, &self.buf.data[..n]).await?;
                continue;
            }
            let have = match self.locate(store, index).await?.1 {
                ChunkSource::Slot(slot, limit) => {
                    let key = MapKey::chunk(self.inode, index, slot);
                    let k = store.push_chunk_prefix(writer, key, n.min(limit)).await?;
                    k
                }
                ChunkSource::Inline(limit) => {
                    let k = n.min(limit).min(self.committed.size as usize);
                    store.push_inline(writer, self.inode, k).await?;
                    k
                }
                ChunkSource::Nothing => 0,
            };
            push_zeros(store, writer, n - have).await?;
        }
        Ok(())
    }

    /// Writes `data` at `at` inside data sector `at / S` of the view: the sector is copied to
    /// a fresh one with `data` in place.
    async fn rewrite_sector<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        at: u32,
        data: &[u8],
    ) -> Result<()> {
        let sector = store.sector_size();
        let j = at / sector;
        let start = (at % sector) as usize;
        let old = self.runs().get(j).ok_or(Error::Corrupt)?;
        // Any free sector: the list may take one more run.
        let target = store
            .take_sector(&Runs::default())
            .await?
            .ok_or(Error::NoSpace)?;
        let copied = copy_sector(store, old, target, start, data).await;
        let runs = self.runs().replaced(j, target);
        let (Ok(()), Some(runs)) = (copied, runs) else {
            store.release_sector(target);
            return Err(copied.err().unwrap_or(Error::NoSpace));
        };
        if !self.committed.runs.contains(old) {
            store.release_sector(old);
        }
        if let Some(t) = self.txn.as_mut() {
            t.runs = runs;
        }
        Ok(())
    }

    async fn write_piece<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        pos: u32,
        data: &[u8],
    ) -> Result<()> {
        let cs = store.chunk_size() as usize;
        let base = self.base(store) as usize;
        let mut done = 0;
        while done < data.len() {
            let at = pos as usize + done;
            let rel = at.checked_sub(base).ok_or(Error::Corrupt)?;
            let index = (rel / cs) as u32;
            let off = rel % cs;
            self.load(store, index).await?;
            let n = (cs - off).min(data.len() - done);
            self.buf.data[off..off + n].copy_from_slice(&data[done..done + n]);
            self.buf.len = self.buf.len.max(off + n);
            self.buf.dirty = true;
            done += n;
            if let Some(t) = self.txn.as_mut() {
                t.size = t.size.max((at + n) as u32);
                t.high_tail = t.high_tail.max(t.size - base as u32);
            }
        }
        Ok(())
    }

    /// Shrinks the file to `size` inside the transaction (growing is done by writing).
    pub async fn truncate<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        size: u32,
    ) -> Result<()> {
        if size >= self.size() {
            return Ok(());
        }
        self.begin(store).await?;
        let base = self.base(store);
        if size < base {
            let source = self.drop_sectors(store, size);
            return self.move_into_chunks(store, size, source).await;
        }
        let cs = store.chunk_size();
        if let Some(index) = self.buf.index {
            if base + index * cs >= size {
                self.buf.index = None;
                self.buf.dirty = false;
            }
        }
        let rel = size - base;
        if !rel.is_multiple_of(cs) {
            self.load(store, rel / cs).await?;
            let keep = (rel % cs) as usize;
            self.buf.data[keep..].fill(0);
            self.buf.len = self.buf.len.min(keep);
            self.buf.dirty = true;
        }
        if let Some(t) = self.txn.as_mut() {
            t.size = size;
            t.trunc_floor = t.trunc_floor.min(size);
        }
        Ok(())
    }

    /// Empties the file inside the transaction (as opening with truncation does).
    pub async fn clear<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        if self.size() == 0 {
            return Ok(());
        }
        self.begin(store).await?;
        self.drop_sectors(store, 0);
        Ok(())
    }

    /// Shrinks the file to `size`, below the data sectors' end: the sectors past it are
    /// dropped and the tail starts after the ones kept. Returns the sector `size` falls in,
    /// if it is partly kept (see [`FileCore::move_into_chunks`]).
    fn drop_sectors<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        size: u32,
    ) -> Option<u16> {
        let sector = store.sector_size();
        let j = size / sector;
        let keep = size % sector;
        let mut runs = *self.runs();
        let source = if keep > 0 { runs.get(j) } else { None };
        for (i, s) in runs.iter().enumerate() {
            if i as u32 >= j && Some(s) != source && !self.committed.runs.contains(s) {
                store.release_sector(s);
            }
        }
        runs.truncate(j);
        self.buf.index = None;
        self.buf.dirty = false;
        if let Some(t) = self.txn.as_mut() {
            t.runs = runs;
            t.fresh = true;
            t.size = j * sector;
            t.trunc_floor = t.trunc_floor.min(size);
        }
        source
    }

    /// Copies the first `size % S` bytes of data sector `source` into the tail's chunks,
    /// then gives the sector back if the transaction owned it.
    async fn move_into_chunks<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        size: u32,
        source: Option<u16>,
    ) -> Result<()> {
        let Some(source) = source else {
            return Ok(());
        };
        let sector = store.sector_size();
        let j = size / sector;
        let keep = size % sector;
        let mut piece = [0u8; COPY_STEP];
        let mut off = 0;
        while off < keep {
            let n = (keep - off).min(COPY_STEP as u32) as usize;
            store.read_sector(source, off, &mut piece[..n]).await?;
            self.write_piece(store, j * sector + off, &piece[..n])
                .await?;
            off += n as u32;
        }
        if !self.committed.runs.contains(source) {
            store.release_sector(source);
        }
        Ok(())
    }

    /// Commits the transaction, if any: after this returns the new contents are durable.
    /// On failure the transaction is rolled back and the committed contents stay.
    pub async fn commit<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        let result = self.commit_inner(store).await;
        if result.is_err() && self.txn.is_some() {
            // Best effort: an intent left behind is settled at the next mount.
            let _ = self.abort(store).await;
        }
        result
    }

    async fn commit_inner<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        let Some(txn) = self.txn else {
            return Ok(());
        };
        let cs = store.chunk_size();
        let unchanged = !self.buf.dirty
            && txn.range_count == 0
            && txn.size == self.committed.size
            && txn.trunc_floor == txn.size
            && !txn.fresh
            && txn.runs == self.committed.runs;
        if unchanged {
            self.txn = None;
            if txn.intent_written {
                store.set_intent(self.intent_slot, None).await?;
            }
            return Ok(());
        }
        let inline = txn.size <= cs;
        if inline {
            // Only chunk 0 holds data: anything buffered past it lies past the end.
            if self.buf.index != Some(0) {
                self.buf.index = None;
                self.buf.dirty = false;
                if txn.size > 0 {
                    self.load(store, 0).await?;
                }
            }
        } else {
            if self.committed.inline
                && self.committed.size > 0
                && !txn.fresh
                && !txn_touched(&self.txn, 0)
            {
                // The inline contents move into chunk 0.
                self.load(store, 0).await?;
                self.buf.dirty = true;
            }
        }
        // The buffered chunk is written after the committing intent, which names it: when
        // no chunk reached flash before, that one write records the transaction for both
        // rolling back and finishing.
        let buffered = !inline && self.buf.dirty;
        if let (true, Some(index), Some(t)) = (buffered, self.buf.index, self.txn.as_mut()) {
            t.touch(index);
        }
        let Some(txn) = self.txn else {
            return Ok(());
        };
        let committed_tail = self.chunked_size(store);
        let extents = txn.runs != self.committed.runs;
        let needs_cleanup = txn.intent_written || buffered || committed_tail > 0 || extents;
        let slot = self.intent_slot;
        let new_base = txn.runs.sectors() * store.sector_size();
        let intent = Intent {
            inode: self.inode,
            gen: txn.gen,
            committing: true,
            base_size: committed_tail,
            old_size: txn.high_tail.max(committed_tail),
            new_size: if inline { 0 } else { txn.size - new_base },
            ranges: txn.ranges,
            range_count: txn.range_count as u8,
            extents,
            old_runs: self.committed.runs,
        };
        if needs_cleanup {
            store.set_intent(slot, Some(&intent)).await?;
            if let Some(t) = self.txn.as_mut() {
                t.intent_written = true;
            }
        } else {
            store.settle_inode(self.inode).await?;
        }
        if buffered {
            self.store_buf(store).await?;
        }
        let committed = Inode {
            kind: self.committed.kind,
            size: txn.size,
            gen: txn.gen,
            inline,
            runs: txn.runs,
        };
        let data = if inline {
            self.buf
                .data
                .get(..txn.size as usize)
                .ok_or(Error::Corrupt)?
        } else {
            &[]
        };
        store.put_inode(self.inode, &committed, data).await?;
        self.committed = committed;
        self.txn = None;
        if extents {
            store.commit_runs(&intent.old_runs, &txn.runs).await?;
        }
        // The buffer's slots are as the transaction left them on flash.
        let known = self
            .buf
            .index
            .filter(|_| !inline)
            .map(|i| (i, self.buf.slots));
        if inline && txn.size > 0 {
            // The buffer holds exactly the committed contents; no chunk remains.
            self.buf.dirty = false;
            self.buf.len = txn.size as usize;
            self.buf.slots = ChunkSlots::default();
        } else {
            self.buf.index = None;
            self.buf.dirty = false;
        }
        if needs_cleanup {
            if let Err(e) = finish_commit(store, &intent, known).await {
                store.cleanup_failed();
                return Err(e);
            }
            if let Err(e) = store.sync_alloc().await {
                // The intent stays until the record is written (see `Store::settle`).
                store.await_alloc(slot);
                return Err(e);
            }
            if extents {
                store.set_intent(slot, None).await?;
            } else {
                store.finish_intent(slot);
            }
        }
        Ok(())
    }

    /// Drops the transaction and removes the chunks it wrote.
    pub async fn abort<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        let Some(txn) = self.txn.take() else {
            return Ok(());
        };
        self.buf.index = None;
        self.buf.dirty = false;
        for s in txn.runs.iter() {
            if !self.committed.runs.contains(s) {
                store.release_sector(s);
            }
        }
        if !txn.intent_written {
            return Ok(());
        }
        for &(start, end) in txn.ranges() {
            for index in start..end {
                let slots = store.chunk_slots(self.inode, index).await?;
                if let Some(slot) = slots.slot_with(txn.gen) {
                    store
                        .remove(&MapKey::chunk(self.inode, index, slot))
                        .await?;
                }
            }
        }
        store.set_intent(self.intent_slot, None).await
    }
}

/// Programs the erased data sector `target` with the contents of data sector `old`, `data`
/// replacing the bytes from `start` on.
async fn copy_sector<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    old: u16,
    target: u16,
    start: usize,
    data: &[u8],
) -> Result<()> {
    let sector = store.sector_size() as usize;
    let mut writer = store.sector_writer(target);
    let mut piece = [0u8; COPY_STEP];
    let mut off = 0;
    while off < sector {
        let n = (sector - off).min(COPY_STEP);
        store.read_sector(old, off as u32, &mut piece[..n]).await?;
        let from = start.max(off);
        let to = (start + data.len()).min(off + n);
        if from < to {
            piece[from - off..to - off].copy_from_slice(&data[from - start..to - start]);
        }
        store.push(&mut writer, &piece[..n]).await?;
        off += n;
    }
    store.finish(&mut writer).await
}

fn txn_touched(txn: &Option<Txn>, index: u32) -> bool {
    txn.is_some_and(|t| t.touched(index))
}

/// Removes what a committed transaction superseded: the older slot of every chunk it rewrote
/// and every chunk past its new size. Idempotent, so it is also replayed after a power cut.
/// `known` is a chunk whose slots on flash the caller knows (the one the transaction wrote
/// last), so they need not be looked up.
pub(crate) async fn finish_commit<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    intent: &Intent,
    known: Option<(u32, ChunkSlots)>,
) -> Result<()> {
    let cs = store.chunk_size();
    let live = chunks_for(intent.new_size, cs);
    let base = chunks_for(intent.base_size, cs);
    let ranges = &intent.ranges[..usize::from(intent.range_count)];
    // Chunks past the old committed end had no older slot to supersede.
    for &(start, end) in ranges {
        for index in start..end.min(live).min(base) {
            let slots = match known {
                Some((i, slots)) if i == index => slots,
                _ => store.chunk_slots(intent.inode, index).await?,
            };
            if let Some(slot) = slots.slot_with(intent.gen) {
                let other = 1 - slot;
                if slots.slots[usize::from(other)].is_some() {
                    store.clear_chunk(intent.inode, index, other).await?;
                }
            }
        }
    }
    for index in live..chunks_for(intent.old_size, cs) {
        let written = ranges.iter().any(|r| r.0 <= index && index < r.1);
        if index >= base && !written {
            continue;
        }
        let slots = store.chunk_slots(intent.inode, index).await?;
        for slot in 0..2u8 {
            if slots.slots[usize::from(slot)].is_some() {
                store.clear_chunk(intent.inode, index, slot).await?;
            }
        }
    }
    Ok(())
}

/// Settles an intent found at mount: finishes a commit whose inode record was written, or
/// removes the chunks of a transaction that never committed.
/// Records in RAM the data sectors of a commit that reached flash (a committing intent
/// whose inode record carries its generation) before any recovery writes to the map: a
/// write may grow the map into free data sectors, and these are not free. Recovery calls
/// this for every intent first, then [`recover_intent`] for each.
pub(crate) async fn claim_committed_runs<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    intent: &Intent,
) -> Result<()> {
    if !(intent.committing && intent.extents) {
        return Ok(());
    }
    store.check_list(&intent.old_runs)?;
    if let Some(record) = store
        .inode_header(intent.inode)
        .await?
        .filter(|i| i.gen == intent.gen)
    {
        store.claim_runs(&record.runs).await?;
    }
    Ok(())
}

pub(crate) async fn recover_intent<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    intent: &Intent,
) -> Result<()> {
    // No file outgrows the partition: a larger figure is damage, and would make the cleanup
    // below visit billions of chunk indices.
    let limit = store.capacity();
    let chunk_limit = chunks_for(limit, store.chunk_size());
    let ranges = &intent.ranges[..usize::from(intent.range_count)];
    if intent.old_size.max(intent.new_size).max(intent.base_size) > limit
        || ranges.iter().any(|r| r.0 > r.1 || r.1 > chunk_limit)
    {
        return Err(Error::Corrupt);
    }
    store.check_list(&intent.old_runs)?;
    let record = if intent.committing {
        store
            .inode_header(intent.inode)
            .await?
            .filter(|i| i.gen == intent.gen)
    } else {
        None
    };
    if let Some(record) = record {
        finish_commit(store, intent, None).await?;
        if intent.extents {
            store.commit_runs(&intent.old_runs, &record.runs).await?;
        }
        Ok(())
    } else {
        store.sweep_chunks(intent.inode, Some(intent.gen)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txn() -> Txn {
        Txn {
            gen: 1,
            size: 0,
            trunc_floor: 0,
            high_tail: 0,
            ranges: [(0, 0); MAX_RANGES],
            range_count: 0,
            intent_written: false,
            runs: Runs::default(),
            fresh: false,
        }
    }

    #[test]
    fn touched_chunks_grow_and_merge_ranges() {
        let mut t = txn();
        for i in [3, 4, 5, 2] {
            t.touch(i);
        }
        assert_eq!(t.ranges(), &[(2, 6)]);
        for i in [10, 20, 30] {
            t.touch(i);
        }
        assert_eq!(t.range_count, MAX_RANGES);
        t.touch(12);
        assert_eq!(t.ranges(), &[(2, 6), (10, 13), (20, 21), (30, 31)]);
        assert!(t.touched(11) && t.touched(5) && !t.touched(6) && !t.touched(25));
    }

    #[test]
    fn chunk_counts_round_up() {
        assert_eq!(chunks_for(0, 998), 0);
        assert_eq!(chunks_for(1, 998), 1);
        assert_eq!(chunks_for(998, 998), 1);
        assert_eq!(chunks_for(999, 998), 2);
    }
}
