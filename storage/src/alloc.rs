//! The data region's allocation state: which data sectors committed files use (the
//! allocation record, kept in RAM and written to the map after each change), which ones open
//! transactions have taken, and where the next search for a free sector starts. Sectors a
//! commit or remove dropped are not tracked here: they stay out of use while the pending
//! intent or journal entry naming them is (the caller's `held`).
//!
//! Invariants: at rest (nothing pending) the committed bitmap is the union of the extent lists
//! of all committed inode records; a taken sector is neither committed nor handed out twice;
//! the search cursor moves on after every allocation, so writes rotate through the region and
//! its sectors wear evenly; the search start the record holds lies past every sector handed
//! out since it was written, unless the sector lies far ahead of it (see [`LEASE`]).

use crate::error::{Error, Result};
use crate::extent::Runs;
use crate::layout::{Encode, BITMAP_BYTES, MAX_DATA_SECTORS};
use crate::run_set::RunSet;

/// How far past a sector it hands out the allocation record's search start is moved, when a
/// search from the start the record holds would come to that sector after fewer than this
/// many free sectors: the record is then written before the sector is erased. Otherwise a
/// power cut sends the search back to the start the record held, and the sectors after it,
/// erased by the transaction the cut interrupted, are erased again by the next one, cut
/// after cut: in the long random torture run on 1 MiB (464 mounts that took a sector), one
/// data sector took 43 erases against a mean of 17.7, 35 of them among the first four
/// sectors taken after a mount. One record write per `LEASE + 1` sectors taken in a row,
/// and up to `LEASE` sectors skipped at a mount after a cut. 8 skipped enough to fragment
/// files more: a write inside a file whose extent list was full then failed (1 of 299
/// seeds of the extents model test), where 4 failed none.
pub(crate) const LEASE: u32 = 4;

/// Largest program and read unit the data region supports (its staging buffers' size).
pub(crate) const STAGE: usize = 32;

/// Sectors of the data region for a partition of `sectors` sectors: five eighths of a
/// partition of 64 sectors or more, half of one of 32 to 63, a quarter of one of 16 to 31,
/// none below, at most [`MAX_DATA_SECTORS`]; none when the flash's units exceed [`STAGE`].
/// The map keeps the sectors before it.
pub(crate) fn data_sectors(sectors: u32, erase: usize, write: usize, read: usize) -> u32 {
    if write > STAGE || read > STAGE || !erase.is_multiple_of(STAGE) {
        return 0;
    }
    let d = match sectors {
        64.. => sectors / 8 * 5,
        32..=63 => sectors / 2,
        16..=31 => sectors / 4,
        _ => 0,
    };
    d.min(MAX_DATA_SECTORS as u32)
}

/// Whether the allocation record has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AllocState {
    /// Not read yet (mount does not read it).
    Unloaded,
    /// In RAM.
    Loaded,
    /// Missing or damaged: no sector is allocated and the record is never rewritten, so
    /// nothing committed can be overwritten.
    Broken,
}

/// Runs of sectors [`Taken`] holds: open transactions take sectors in the search's order,
/// so a few runs cover them (a file written in one go is one run).
const TAKEN_RUNS: usize = 16;

/// The sectors open transactions have taken and not committed, as runs `(first, length)`
/// sorted by first sector, neither overlapping nor touching: 66 bytes, where a bitmap of the
/// largest data region took 256. A take that would need a run more than it holds is
/// refused (the data then goes to chunks, as on a full data region); a sector given back
/// from inside a run when no run is left to split it stays taken until the next mount.
type Taken = RunSet<u16, TAKEN_RUNS>;

/// The allocation state of a data region of `sectors` sectors.
pub(crate) struct Alloc {
    pub sectors: u32,
    pub state: AllocState,
    /// RAM differs from the record on flash.
    pub dirty: bool,
    committed: [u8; BITMAP_BYTES],
    taken: Taken,
    cursor: u32,
    /// The search start the record holds (or is about to).
    lease: u16,
}

fn bit(map: &[u8; BITMAP_BYTES], i: u16) -> bool {
    map.get(usize::from(i) / 8)
        .is_some_and(|b| b & (1 << (i % 8)) != 0)
}

fn set(map: &mut [u8; BITMAP_BYTES], i: u16, on: bool) {
    if let Some(b) = map.get_mut(usize::from(i) / 8) {
        if on {
            *b |= 1 << (i % 8);
        } else {
            *b &= !(1 << (i % 8));
        }
    }
}

impl Alloc {
    /// An unloaded state for a region of `sectors` sectors.
    pub fn new(sectors: u32) -> Self {
        Alloc {
            sectors,
            state: AllocState::Unloaded,
            dirty: false,
            committed: [0; BITMAP_BYTES],
            taken: Taken::default(),
            cursor: 0,
            lease: 0,
        }
    }

    /// An empty region (at format).
    pub fn reset(&mut self) {
        self.committed = [0; BITMAP_BYTES];
        self.taken = Taken::default();
        self.cursor = 0;
        self.lease = 0;
        self.state = AllocState::Loaded;
        self.dirty = true;
    }

    fn bytes(&self) -> usize {
        (self.sectors as usize).div_ceil(8)
    }

    /// Takes a free sector for a transaction to append to the extent list `runs`: the one
    /// right after its last run when that is free (the list stays short), else (unless the
    /// list has no room for another run) the first free one from the cursor on. `map` says
    /// which sectors are the map's pages, `held` which ones a pending intent or journal entry
    /// names. `None` when there is none (or the state is unknown, or [`Taken`] is full).
    pub fn take(
        &mut self,
        runs: &Runs,
        map: impl Fn(u16) -> bool,
        held: impl Fn(u16) -> bool,
    ) -> Option<u16> {
        if self.state != AllocState::Loaded || self.sectors == 0 {
            return None;
        }
        let usable =
            |a: &Self, i: u16| a.is_free(i) && !map(i) && !held(i) && a.taken.has_room_for(i);
        if let Some(next) = runs.next_sector().filter(|&n| u32::from(n) < self.sectors) {
            if usable(self, next) {
                return Some(self.claim(next, &map));
            }
        }
        if runs.is_full() {
            return None;
        }
        let found = (0..self.sectors)
            .map(|step| ((self.cursor + step) % self.sectors) as u16)
            .find(|&i| usable(self, i))?;
        Some(self.claim(found, &map))
    }

    /// Neither committed nor taken (the caller rules out the map's pages and held sectors).
    fn is_free(&self, i: u16) -> bool {
        !bit(&self.committed, i) && !self.taken.contains(i)
    }

    /// The run of free sectors (`busy` says which are the map's pages or held) for the map
    /// to grow by: the first of at least `want` sectors (its first `want`), else the longest.
    pub fn free_run(&self, want: u32, busy: impl Fn(u16) -> bool) -> Option<(u16, u16)> {
        if self.state != AllocState::Loaded || want == 0 {
            return None;
        }
        let mut best: Option<(u16, u16)> = None;
        let mut start = 0u16;
        let mut len = 0u16;
        for i in 0..self.sectors as u16 {
            if self.is_free(i) && !busy(i) {
                if len == 0 {
                    start = i;
                }
                len += 1;
                if u32::from(len) == want {
                    return Some((start, len));
                }
                if best.is_none_or(|(_, l)| len > l) {
                    best = Some((start, len));
                }
            } else {
                len = 0;
            }
        }
        best
    }

    /// Takes free sector `i` (which [`Taken`] has room for) and moves the search cursor past it, and the record's search
    /// start too when a search from it would come to `i` after fewer than [`LEASE`] sectors
    /// that a mount finds free (not committed: what this session took is free again after
    /// a cut); the record is then `dirty`.
    fn claim(&mut self, i: u16, map: impl Fn(u16) -> bool) -> u16 {
        self.taken.insert(i);
        self.cursor = (u32::from(i) + 1) % self.sectors;
        let gap = (self.sectors / 4).clamp(1, LEASE);
        let before = (u32::from(i) + self.sectors - u32::from(self.lease)) % self.sectors;
        let free_before = (0..before)
            .map(|step| ((u32::from(self.lease) + step) % self.sectors) as u16)
            .filter(|&s| !bit(&self.committed, s) && !map(s))
            .take(gap as usize)
            .count() as u32;
        if free_before < gap {
            self.lease = ((u32::from(i) + 1 + gap) % self.sectors) as u16;
            self.dirty = true;
        }
        i
    }

    /// Gives back a sector a transaction took and no longer uses.
    pub fn release(&mut self, sector: u16) {
        self.taken.remove(sector);
    }

    /// A commit replaced the file's sectors `old` by `new`: the record must drop the first and
    /// take the second. Idempotent (it is replayed after a power cut). The caller has `old`
    /// recorded in a pending intent or journal entry, which keeps the dropped sectors out of
    /// use until it is cleared: until then a replay could drop them again.
    pub fn commit(&mut self, old: &Runs, new: &Runs) {
        if self.state != AllocState::Loaded {
            return;
        }
        for s in old.iter() {
            if !new.contains(s) {
                set(&mut self.committed, s, false);
            }
        }
        for s in new.iter() {
            self.taken.remove(s);
            set(&mut self.committed, s, true);
        }
        self.dirty = true;
    }

    /// Sectors no longer used by anything (`busy` says which are the map's pages or held).
    pub fn free_count(&self, busy: impl Fn(u16) -> bool) -> u32 {
        if self.state != AllocState::Loaded {
            return 0;
        }
        (0..self.sectors as u16)
            .filter(|&i| self.is_free(i) && !busy(i))
            .count() as u32
    }

    /// Takes the committed state from a record; a record of the wrong length or with bits
    /// past the region is [`Error::Corrupt`].
    pub fn load(&mut self, b: &[u8]) -> Result<()> {
        let n = self.bytes();
        if b.len() != 2 + n {
            return Err(Error::Corrupt);
        }
        let mut committed = [0; BITMAP_BYTES];
        committed[..n].copy_from_slice(&b[2..]);
        if (self.sectors..(n * 8) as u32).any(|i| bit(&committed, i as u16)) {
            return Err(Error::Corrupt);
        }
        self.committed = committed;
        self.cursor = u32::from(u16::from_le_bytes([b[0], b[1]])) % self.sectors.max(1);
        self.lease = self.cursor as u16;
        self.state = AllocState::Loaded;
        self.dirty = false;
        Ok(())
    }
}

impl Encode for Alloc {
    /// The allocation record: the search start (`u16` LE), then the committed bitmap.
    fn encode(&self, out: &mut [u8]) -> Option<usize> {
        let n = self.bytes();
        out.get_mut(..2)?.copy_from_slice(&self.lease.to_le_bytes());
        out.get_mut(2..2 + n)?
            .copy_from_slice(self.committed.get(..n)?);
        Some(2 + n)
    }
}

/// Bytes of the largest allocation record.
pub(crate) const ALLOC_MAX: usize = 2 + BITMAP_BYTES;

#[cfg(test)]
mod tests {
    use super::*;

    fn take(a: &mut Alloc) -> Option<u16> {
        a.take(&Runs::default(), |_| false, |_| false)
    }

    fn loaded(sectors: u32) -> Alloc {
        let mut a = Alloc::new(sectors);
        a.reset();
        a
    }

    #[test]
    fn the_split_follows_the_partition_size() {
        assert_eq!(data_sectors(256, 4096, 4, 1), 160);
        assert_eq!(data_sectors(32, 4096, 4, 1), 16);
        assert_eq!(data_sectors(16, 4096, 4, 1), 4);
        assert_eq!(data_sectors(8, 4096, 4, 1), 0);
        assert_eq!(data_sectors(100_000, 4096, 4, 1), MAX_DATA_SECTORS as u32);
        assert_eq!(data_sectors(256, 4096, 64, 1), 0);
    }

    #[test]
    fn allocation_rotates_and_skips_used_sectors() {
        let mut a = loaded(4);
        assert_eq!(take(&mut a), Some(0));
        assert_eq!(take(&mut a), Some(1));
        a.release(0);
        // The cursor moved on: sector 0 comes back only after the others.
        assert_eq!(take(&mut a), Some(2));
        assert_eq!(take(&mut a), Some(3));
        assert_eq!(take(&mut a), Some(0));
        assert_eq!(take(&mut a), None);
        assert_eq!(a.free_count(|_| false), 0);
    }

    #[test]
    fn appends_continue_their_last_run() {
        let mut a = loaded(8);
        let mut runs = Runs::default();
        assert!(runs.push(5));
        assert_eq!(a.take(&runs, |_| false, |_| false), Some(6));
        assert!(runs.push(6));
        a.release(3);
        assert_eq!(take(&mut a), Some(7));
        // Sector 7 is taken: the list would need a new run.
        assert_eq!(a.take(&runs, |_| false, |_| false), Some(0));
        let mut full = Runs::default();
        for i in 0..crate::layout::MAX_RUNS as u16 {
            assert!(full.push(100 + 2 * i));
        }
        assert_eq!(a.take(&full, |_| false, |_| false), None);
    }

    #[test]
    fn commits_move_sectors_and_are_idempotent() {
        let mut a = loaded(8);
        let mut old = Runs::default();
        let mut new = Runs::default();
        for _ in 0..3 {
            let s = take(&mut a).unwrap();
            assert!(old.push(s));
        }
        a.commit(&Runs::default(), &old);
        for _ in 0..2 {
            let s = take(&mut a).unwrap();
            assert!(new.push(s));
        }
        a.commit(&old, &new);
        a.commit(&old, &new);
        // The intent naming `old` is pending: its dropped sectors stay out of use.
        let held = |s: u16| old.contains(s);
        assert_eq!(a.free_count(held), 3);
        assert!(!old.iter().any(|s| a.is_free(s) && !held(s)));
        // Once it is cleared, they are free.
        assert_eq!(a.free_count(|_| false), 6);
        let mut record = [0u8; ALLOC_MAX];
        let n = a.encode(&mut record).unwrap();
        let mut b = Alloc::new(8);
        b.load(&record[..n]).unwrap();
        assert_eq!(b.free_count(|_| false), 6);
        // Taking sector 3 moved the record's search start two past it (a quarter of 8).
        assert_eq!(take(&mut b), Some(6));
    }

    #[test]
    fn the_record_starts_the_search_past_the_sectors_taken_since() {
        let mut a = loaded(32);
        a.dirty = false;
        // The first take lies at the record's start: the start moves 4 past it.
        assert_eq!(take(&mut a), Some(0));
        assert!(a.dirty);
        a.dirty = false;
        for i in 1..=4 {
            assert_eq!(take(&mut a), Some(i));
        }
        assert!(
            !a.dirty,
            "sectors before the new start need no record write"
        );
        let mut record = [0u8; ALLOC_MAX];
        let n = a.encode(&mut record).unwrap();
        // A cut now: the next mount's search skips every sector taken since.
        let mut b = Alloc::new(32);
        b.load(&record[..n]).unwrap();
        assert_eq!(take(&mut b), Some(5));
        assert!(b.dirty);
        // Uncut, the search goes on at sector 5, which reaches the start again.
        assert_eq!(take(&mut a), Some(5));
        assert!(a.dirty);
        a.encode(&mut record).unwrap();
        assert_eq!(u16::from_le_bytes([record[0], record[1]]), 10);
    }

    #[test]
    fn committed_sectors_after_the_record_start_do_not_hide_a_take() {
        // The record's search starts at sector 0, and sectors 0 to 5 are committed: a
        // search from it (after a cut, say) comes to sector 6 first.
        let mut b = Alloc::new(32);
        b.load(&[0, 0, 0x3F, 0, 0, 0]).unwrap();
        assert_eq!(take(&mut b), Some(6));
        assert!(
            b.dirty,
            "the record must move past sector 6 before it is erased"
        );
        let mut record = [0u8; ALLOC_MAX];
        b.encode(&mut record).unwrap();
        assert_eq!(u16::from_le_bytes([record[0], record[1]]), 11);
    }

    #[test]
    fn damaged_records_are_refused() {
        let mut a = Alloc::new(4);
        assert!(a.load(&[0, 0]).is_err());
        assert!(a.load(&[0, 0, 0x10]).is_err());
        assert!(a.load(&[0, 0, 0x0F]).is_ok());
        assert_eq!(take(&mut a), None);
        let mut broken = Alloc::new(4);
        broken.state = AllocState::Broken;
        assert_eq!(take(&mut broken), None);
    }

    #[test]
    fn taken_runs_merge_split_and_refuse_when_full() {
        let mut t = Taken::default();
        for s in [5, 7, 6, 4, 9] {
            assert!(t.insert(s));
        }
        assert_eq!(t.list(), &[(4, 4), (9, 1)]);
        t.remove(6);
        assert_eq!(t.list(), &[(4, 2), (7, 1), (9, 1)]);
        t.remove(4);
        t.remove(9);
        t.remove(9);
        assert_eq!(t.list(), &[(5, 1), (7, 1)]);
        assert!(t.contains(7) && !t.contains(6) && !t.contains(4));
        let mut full = Taken::default();
        for i in 0..TAKEN_RUNS as u16 {
            assert!(full.insert(10 * i));
        }
        assert!(!full.has_room_for(5) && !full.insert(5));
        // A sector continuing a run still fits.
        assert!(full.has_room_for(11) && full.insert(11));
        assert!(full.insert(9));
        assert_eq!(full.list()[1], (9, 3));
        // Splitting a run needs one more: the sector stays taken (until the next mount).
        full.remove(10);
        assert!(full.contains(10));
        full.remove(11);
        assert_eq!(full.list()[1], (9, 2));
    }

    #[test]
    fn a_full_taken_list_refuses_takes_that_need_a_run() {
        let mut a = loaded(64);
        let mut files = [Runs::default(); TAKEN_RUNS];
        // Every other sector is committed: each take starts a run of its own.
        let mut committed = Runs::default();
        for i in 0..16u16 {
            assert!(committed.push(2 * i + 1));
        }
        a.commit(&Runs::default(), &committed);
        for runs in &mut files {
            let s = a.take(runs, |_| false, |_| false).unwrap();
            assert!(runs.push(s));
        }
        assert_eq!(a.taken.list().len(), TAKEN_RUNS);
        // The next free sector (32) would need a 17th run.
        assert_eq!(take(&mut a), None);
        a.release(files[0].get(0).unwrap());
        assert_eq!(take(&mut a), Some(32));
    }
}
