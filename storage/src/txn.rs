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
//! commit, also after a power cut.
//!
//! A file whose new contents fit one chunk is committed inline: its contents go into the inode
//! record itself, so the commit is one map write and needs no intent, unless chunks of the
//! older contents (or of this transaction) must be removed afterwards.

use embedded_storage_async::nor_flash::MultiwriteNorFlash;

use crate::error::{Error, Result};
use crate::layout::{ChunkRange, Inode, Intent, MapKey, MAX_CHUNK, MAX_RANGES};
use crate::store::{ChunkSlots, Store};

/// An open transaction.
#[derive(Debug, Clone, Copy)]
struct Txn {
    gen: u32,
    size: u32,
    /// Committed bytes at or past this offset were truncated away by the transaction.
    trunc_floor: u32,
    /// The largest size the file had during the transaction.
    high: u32,
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
    fn chunked_size(&self) -> u32 {
        if self.committed.inline {
            0
        } else {
            self.committed.size
        }
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
            high: self.committed.size,
            ranges: [(0, 0); MAX_RANGES],
            range_count: 0,
            intent_written: false,
        });
        Ok(())
    }

    /// Records the open intent before the transaction's first chunk reaches flash.
    async fn record_intent<F: MultiwriteNorFlash>(&mut self, store: &mut Store<F>) -> Result<()> {
        let base = self.chunked_size();
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
        };
        store.set_intent(self.intent_slot, Some(intent)).await?;
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
        let Some(txn) = self.txn.as_mut() else {
            return Ok(());
        };
        let cs = store.chunk_size;
        let start = index * cs;
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
        let cs = store.chunk_size;
        // No chunk exists past the committed end except those this transaction wrote, and a
        // chunk it did not write has a single slot.
        let touched = self.txn.is_some_and(|t| t.touched(index));
        let slots = if touched {
            store.chunk_slots(self.inode, index).await?
        } else if index >= chunks_for(self.chunked_size(), cs) {
            ChunkSlots::default()
        } else {
            store.settled_chunk_slots(self.inode, index).await?
        };
        let txn_gen = self.txn.map(|t| t.gen);
        let mut len = 0;
        let mut from_txn = false;
        let mut found = true;
        if let Some(slot) = slots.visible(self.committed.gen, txn_gen) {
            len = store
                .read_chunk(self.inode, index, slot, &mut self.buf.data)
                .await?;
            from_txn = txn_gen.is_some_and(|g| slots.slot_with(g) == Some(slot));
        } else if self.committed.inline && index == 0 && self.committed.size > 0 {
            let record = store.get_inode(self.inode, &mut self.buf.data).await?;
            if record != Some(self.committed) {
                return Err(Error::Corrupt);
            }
            len = self.committed.size as usize;
        } else {
            found = false;
        }
        if found {
            let limit = match self.txn {
                Some(t) if !from_txn => t.trunc_floor.min(self.committed.size),
                _ => self.size(),
            };
            len = len.min(limit.saturating_sub(index * cs) as usize);
        }
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
        let cs = store.chunk_size;
        let size = self.size();
        let mut done = 0;
        while done < out.len() {
            let at = pos as usize + done;
            if at >= size as usize {
                break;
            }
            let index = (at / cs as usize) as u32;
            let off = at % cs as usize;
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
            let gap = ((pos - self.size()) as usize).min(zeros.len());
            self.write_piece(store, self.size(), &zeros[..gap]).await?;
        }
        self.write_piece(store, pos, data).await
    }

    async fn write_piece<F: MultiwriteNorFlash>(
        &mut self,
        store: &mut Store<F>,
        pos: u32,
        data: &[u8],
    ) -> Result<()> {
        let cs = store.chunk_size as usize;
        let mut done = 0;
        while done < data.len() {
            let at = pos as usize + done;
            let index = (at / cs) as u32;
            let off = at % cs;
            self.load(store, index).await?;
            let n = (cs - off).min(data.len() - done);
            self.buf.data[off..off + n].copy_from_slice(&data[done..done + n]);
            self.buf.len = self.buf.len.max(off + n);
            self.buf.dirty = true;
            done += n;
            if let Some(t) = self.txn.as_mut() {
                t.size = t.size.max((at + n) as u32);
                t.high = t.high.max(t.size);
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
        let cs = store.chunk_size;
        if let Some(index) = self.buf.index {
            if index * cs >= size {
                self.buf.index = None;
                self.buf.dirty = false;
            }
        }
        if !size.is_multiple_of(cs) {
            self.load(store, size / cs).await?;
            let keep = (size % cs) as usize;
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
        let cs = store.chunk_size;
        let unchanged = !self.buf.dirty
            && txn.range_count == 0
            && txn.size == self.committed.size
            && txn.trunc_floor == txn.size;
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
            if self.committed.inline && self.committed.size > 0 && !txn_touched(&self.txn, 0) {
                // The inline contents move into chunk 0.
                self.load(store, 0).await?;
                self.buf.dirty = true;
            }
            self.store_buf(store).await?;
        }
        let Some(txn) = self.txn else {
            return Ok(());
        };
        let needs_cleanup = txn.intent_written || self.chunked_size() > 0;
        let slot = self.intent_slot;
        let intent = Intent {
            inode: self.inode,
            gen: txn.gen,
            committing: true,
            base_size: self.chunked_size(),
            old_size: txn.high.max(self.committed.size),
            new_size: if inline { 0 } else { txn.size },
            ranges: txn.ranges,
            range_count: txn.range_count as u8,
        };
        if needs_cleanup {
            store.set_intent(slot, Some(intent)).await?;
        }
        let committed = Inode {
            kind: self.committed.kind,
            size: txn.size,
            gen: txn.gen,
            inline,
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
            if let Err(e) = finish_commit(store, &intent).await {
                store.cleanup_failed();
                return Err(e);
            }
            store.set_intent(slot, None).await?;
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

fn txn_touched(txn: &Option<Txn>, index: u32) -> bool {
    txn.is_some_and(|t| t.touched(index))
}

/// Removes what a committed transaction superseded: the older slot of every chunk it rewrote
/// and every chunk past its new size. Idempotent, so it is also replayed after a power cut.
pub(crate) async fn finish_commit<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    intent: &Intent,
) -> Result<()> {
    let cs = store.chunk_size;
    let live = chunks_for(intent.new_size, cs);
    let base = chunks_for(intent.base_size, cs);
    let ranges = &intent.ranges[..usize::from(intent.range_count)];
    // Chunks past the old committed end had no older slot to supersede.
    for &(start, end) in ranges {
        for index in start..end.min(live).min(base) {
            let slots = store.chunk_slots(intent.inode, index).await?;
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
pub(crate) async fn recover_intent<F: MultiwriteNorFlash>(
    store: &mut Store<F>,
    intent: &Intent,
) -> Result<()> {
    // No file outgrows the partition: a larger figure is damage, and would make the cleanup
    // below visit billions of chunk indices.
    let limit = store.capacity();
    let chunk_limit = chunks_for(limit, store.chunk_size);
    let ranges = &intent.ranges[..usize::from(intent.range_count)];
    if intent.old_size.max(intent.new_size).max(intent.base_size) > limit
        || ranges.iter().any(|r| r.0 > r.1 || r.1 > chunk_limit)
    {
        return Err(Error::Corrupt);
    }
    let committed = if intent.committing {
        let inode = store.inode_header(intent.inode).await?;
        inode.is_some_and(|i| i.gen == intent.gen)
    } else {
        false
    };
    if committed {
        finish_commit(store, intent).await
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
            high: 0,
            ranges: [(0, 0); MAX_RANGES],
            range_count: 0,
            intent_written: false,
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
