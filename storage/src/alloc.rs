//! The data region's allocation state: which data sectors committed files use (the
//! allocation record in the map, edited in place at each change; RAM keeps a window of its
//! bits for the search), which ones open
//! transactions have taken, and where the next search for a free sector starts. Sectors a
//! commit or remove dropped are not tracked here: they stay out of use while the pending
//! intent or journal entry naming them is (the caller's `held`).
//!
//! Invariants: at rest (nothing pending) the committed bitmap is the union of the extent lists
//! of all committed inode records; a taken sector is neither committed nor handed out twice;
//! the search cursor moves on after every allocation, so writes rotate through the region and
//! its sectors wear evenly; the search start a mount reads (the search-start record's, else
//! the allocation record's) lies past every sector handed out since it was written, unless
//! the sector lies far ahead of it (see [`LEASE`]).

use crate::error::{Error, Result};
use crate::extent::Runs;
use crate::layout::{BITMAP_BYTES, MAX_DATA_SECTORS};
use crate::run_set::RunSet;

/// How far past a sector it hands out the search start is moved, when a search from the
/// start on flash would come to that sector after fewer than this many free sectors: the
/// search-start record is then written before the sector is erased. Otherwise a power cut
/// sends the search back to the start on flash, and the sectors after it,
/// erased by the transaction the cut interrupted, are erased again by the next one, cut
/// after cut: in the long random torture run on 1 MiB (464 mounts that took a sector), one
/// data sector took 43 erases against a mean of 17.7, 35 of them among the first four
/// sectors taken after a mount. One record write per `LEASE + 1` sectors taken in a row,
/// and up to `LEASE` sectors skipped at a mount after a cut. 8 skipped enough to fragment
/// files more: a write inside a file whose extent list was full then failed (1 of 299
/// seeds of the extents model test), where 4 failed none.
///
/// The start only spreads wear: what a cut interrupted took is free again, and committed
/// sectors are kept out of a search by the allocation record's bits and the intents pending
/// on flash, wherever it starts. So the move writes the small search-start record
/// ([`crate::layout::MapKey::SearchStart`], 12 bytes on flash) rather than the whole
/// allocation record (one bit per data sector: 92 bytes on 4 MiB), which carries the start
/// only for images written before the search-start record existed, and for firmware from
/// then (an OTA rollback), which reads no other: it holds the start as of its last write (a
/// commit or remove), and such firmware searching from there after a cut at worst erases
/// again sectors a cut session took.
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
    /// Read and checked; its bits are read again into the window as needed.
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

/// Sectors the window of committed bits covers: 32 bytes, as littlefs's lookahead, where the
/// whole bitmap of the largest region took 256.
pub(crate) const WINDOW: u32 = 256;

/// Flag bits of [`Alloc`].
const START_MOVED: u8 = 1;
const LAGGING: u8 = 2;
const FRESH: u8 = 4;
const WINDOW_VALID: u8 = 8;

/// Where a search for a free sector stands (see [`Alloc::take`]); starts at the default.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Search {
    /// The sector after the file's last run was looked at.
    next_done: bool,
    /// Sectors from the cursor on already looked at.
    examined: u32,
}

/// What [`Alloc::take`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Take {
    /// This sector, now taken.
    Sector(u16),
    /// The search needs the committed bits from this sector on: refill the window there
    /// ([`Alloc::fill_window`]) and ask again with the search state.
    Refill(u16),
    /// No free sector.
    Full,
}

/// A scan of the whole region for free sectors in window-sized steps (see
/// [`Alloc::scan_window`]): their count, and the first run of `want` (else the longest).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct FreeScan {
    pub want: u32,
    pub free: u32,
    start: u16,
    len: u16,
    pub best: Option<(u16, u16)>,
}

impl FreeScan {
    /// A scan for a run of `want` free sectors.
    pub fn new(want: u32) -> Self {
        FreeScan {
            want,
            ..FreeScan::default()
        }
    }
}

/// The allocation state of a data region of `sectors` sectors. The committed bitmap lives in
/// the allocation record on flash only; RAM keeps the bits of a window of [`WINDOW`]
/// sectors, read from the record when a search leaves it and changed with the record.
pub(crate) struct Alloc {
    sectors: u16,
    pub state: AllocState,
    /// [`START_MOVED`]: the search start moved and the search-start record must be
    /// written. [`LAGGING`]: a commit's sectors are not in the record yet; they are those
    /// of the committing intents pending on flash whose inode record carries their
    /// generation, read from there into every window filled meanwhile and written by
    /// [`Alloc::commit`]'s caller or the next record write. [`FRESH`]: the record is
    /// written anew (at format). [`WINDOW_VALID`].
    flags: u8,
    /// Committed bits of sectors `window_start ..` (wrapping) from the record, with the
    /// sectors of commits not yet in it set.
    window: [u8; (WINDOW / 8) as usize],
    window_start: u16,
    taken: Taken,
    cursor: u16,
    /// The search start the search-start record holds (or is about to).
    lease: u16,
}

/// Bit `i` of `bits`.
pub(crate) fn bit(bits: &[u8], i: usize) -> bool {
    bits.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0)
}

/// Sets bit `i` of `bits` to `on`.
pub(crate) fn set(bits: &mut [u8], i: usize, on: bool) {
    if let Some(b) = bits.get_mut(i / 8) {
        if on {
            *b |= 1 << (i % 8);
        } else {
            *b &= !(1 << (i % 8));
        }
    }
}

impl Alloc {
    /// An unloaded state for a region of `sectors` sectors (at most [`MAX_DATA_SECTORS`]).
    pub fn new(sectors: u32) -> Self {
        Alloc {
            sectors: sectors.min(MAX_DATA_SECTORS as u32) as u16,
            state: AllocState::Unloaded,
            flags: 0,
            window: [0; (WINDOW / 8) as usize],
            window_start: 0,
            taken: Taken::default(),
            cursor: 0,
            lease: 0,
        }
    }

    /// Sectors of the region.
    pub fn sectors(&self) -> u32 {
        u32::from(self.sectors)
    }

    /// An empty region (at format): the next record write writes it anew, with the search
    /// start 0 (the format erased any search-start record, so none is needed).
    pub fn reset(&mut self) {
        self.taken = Taken::default();
        self.cursor = 0;
        self.lease = 0;
        self.state = AllocState::Loaded;
        self.flags = FRESH;
        self.fill_window(0, &[]);
    }

    /// Whether a record must be written (the search start moved, or a commit lags, or the
    /// allocation record is to be written anew).
    pub fn dirty(&self) -> bool {
        self.flags & (START_MOVED | LAGGING | FRESH) != 0
    }

    /// Whether the search start moved since the search-start record was written.
    pub fn start_moved(&self) -> bool {
        self.flags & START_MOVED != 0
    }

    /// Whether a commit's sectors are not in the record yet (see [`LAGGING`]).
    pub fn lagging(&self) -> bool {
        self.flags & LAGGING != 0
    }

    /// Marks that a commit's sectors are not in the record yet (or not while it is written):
    /// every window filled until [`Alloc::caught_up`] reads them from the pending intents.
    pub fn lag(&mut self) {
        self.flags |= LAGGING;
    }

    /// The commit the record was lagging for (alone) is written: the window is right as it is.
    pub fn unlag(&mut self) {
        self.flags &= !LAGGING;
    }

    /// Every commit that lagged is in the record: the window, which still holds their dropped
    /// sectors, is read anew when next needed.
    pub fn caught_up(&mut self) {
        self.flags &= !(LAGGING | WINDOW_VALID);
    }

    /// Whether the record is written anew (at format) rather than edited.
    pub fn fresh(&self) -> bool {
        self.flags & FRESH != 0
    }

    /// The allocation record exists on flash (it holds the search start too, but a
    /// search-start record on flash, preferred by a mount, may still hold an older one).
    pub fn written(&mut self) {
        self.flags &= !FRESH;
    }

    /// The search-start record on flash holds the search start.
    pub fn start_written(&mut self) {
        self.flags &= !START_MOVED;
    }

    /// The search start the records are to hold.
    pub fn lease(&self) -> u16 {
        self.lease
    }

    fn bytes(&self) -> usize {
        usize::from(self.sectors).div_ceil(8)
    }

    /// Sectors the window covers.
    fn span(&self) -> u32 {
        WINDOW.min(self.sectors())
    }

    /// The window's bit for sector `i`, if the window covers it.
    fn window_bit(&self, i: u16) -> Option<usize> {
        if self.flags & WINDOW_VALID == 0 || i >= self.sectors {
            return None;
        }
        let j = (u32::from(i) + self.sectors() - u32::from(self.window_start)) % self.sectors();
        (j < self.span()).then_some(j as usize)
    }

    /// Whether sector `i` is committed, if the window covers it.
    fn committed(&self, i: u16) -> Option<bool> {
        self.window_bit(i).map(|j| bit(&self.window, j))
    }

    /// Where a window that must cover sector `i` starts: at the record's search start when
    /// `i` lies well inside a window from there (a take then sees the sectors the lease
    /// counts), else at `i`.
    fn window_for(&self, i: u16) -> u16 {
        let ahead = (u32::from(i) + self.sectors() - u32::from(self.lease)) % self.sectors();
        if ahead + 16 < self.span() {
            self.lease
        } else {
            i
        }
    }

    /// Fills the window from sector `start` on with the committed bitmap `record` (the
    /// record's bytes after the search start; shorter is treated as zeros).
    pub fn fill_window(&mut self, start: u16, record: &[u8]) {
        self.window = [0; (WINDOW / 8) as usize];
        self.window_start = start % self.sectors.max(1);
        for j in 0..self.span() {
            let s = (u32::from(self.window_start) + j) % self.sectors();
            set(&mut self.window, j as usize, bit(record, s as usize));
        }
        self.flags |= WINDOW_VALID;
    }

    /// Copies the window into `bits` (the record's bitmap) when it covers the whole region
    /// and equals the record (no commit lags, nothing written anew), which saves reading the
    /// record for a write; false otherwise.
    pub fn copy_record(&self, bits: &mut [u8]) -> bool {
        if self.flags & (LAGGING | FRESH) != 0
            || self.flags & WINDOW_VALID == 0
            || self.span() != self.sectors()
        {
            return false;
        }
        for j in 0..self.span() {
            let s = (u32::from(self.window_start) + j) % self.sectors();
            set(bits, s as usize, bit(&self.window, j as usize));
        }
        true
    }

    /// Sets the window's bits of `runs` (a commit's sectors not in the record yet).
    pub fn mark_window(&mut self, runs: &Runs) {
        for s in runs.iter() {
            if let Some(j) = self.window_bit(s) {
                set(&mut self.window, j, true);
            }
        }
    }

    /// Takes a free sector for a transaction to append to the extent list `runs`: the one
    /// right after its last run when that is free (the list stays short), else (unless the
    /// list has no room for another run) the first free one from the cursor on. `map` says
    /// which sectors are the map's pages, `held` which ones a pending intent or journal entry
    /// names. [`Take::Full`] when there is none (or the state is unknown, or [`Taken`] is
    /// full); [`Take::Refill`] when the window must move first (`search` says where the
    /// search stands).
    pub fn take(
        &mut self,
        runs: &Runs,
        search: &mut Search,
        map: impl Fn(u16) -> bool,
        held: impl Fn(u16) -> bool,
    ) -> Take {
        if self.state != AllocState::Loaded || self.sectors == 0 {
            return Take::Full;
        }
        let usable = |a: &Self, i: u16, committed: bool| {
            !committed && !a.taken.contains(i) && !map(i) && !held(i) && a.taken.has_room_for(i)
        };
        if !search.next_done {
            if let Some(next) = runs.next_sector().filter(|&n| n < self.sectors) {
                let Some(committed) = self.committed(next) else {
                    return Take::Refill(self.window_for(next));
                };
                if usable(self, next, committed) {
                    return Take::Sector(self.claim(next, &map));
                }
            }
            search.next_done = true;
        }
        if runs.is_full() {
            return Take::Full;
        }
        while search.examined < self.sectors() {
            let i = ((u32::from(self.cursor) + search.examined) % self.sectors()) as u16;
            let Some(committed) = self.committed(i) else {
                return Take::Refill(self.window_for(i));
            };
            search.examined += 1;
            if usable(self, i, committed) {
                return Take::Sector(self.claim(i, &map));
            }
        }
        Take::Full
    }

    /// Counts the free sectors of the window (`busy` says which are the map's pages or
    /// held) into `scan`, in sector order, for a scan that fills the window at sectors 0,
    /// [`WINDOW`], ... in turn.
    pub fn scan_window(&self, scan: &mut FreeScan, busy: impl Fn(u16) -> bool) {
        if self.flags & WINDOW_VALID == 0 {
            return;
        }
        let end = self
            .span()
            .min(self.sectors() - u32::from(self.window_start));
        for j in 0..end {
            let i = ((u32::from(self.window_start) + j) % self.sectors()) as u16;
            if bit(&self.window, j as usize) || self.taken.contains(i) || busy(i) {
                scan.len = 0;
                continue;
            }
            scan.free += 1;
            if scan.best.is_some_and(|(_, l)| u32::from(l) >= scan.want) {
                continue;
            }
            if scan.len == 0 {
                scan.start = i;
            }
            scan.len += 1;
            if scan.best.is_none_or(|(_, l)| scan.len > l) {
                scan.best = Some((scan.start, scan.len));
            }
        }
    }

    /// Takes free sector `i` (which [`Taken`] has room for) and moves the search cursor past
    /// it, and the search start too when a search from it would come to `i` after
    /// fewer than [`LEASE`] sectors that a mount finds free (not committed: what this
    /// session took is free again after a cut; a sector the window does not cover counts as
    /// committed, which at worst writes the record once more); the search-start record is
    /// then to be written ([`Alloc::start_moved`]).
    fn claim(&mut self, i: u16, map: impl Fn(u16) -> bool) -> u16 {
        self.taken.insert(i);
        let sectors = self.sectors();
        self.cursor = ((u32::from(i) + 1) % sectors) as u16;
        let gap = (sectors / 4).clamp(1, LEASE);
        let before = (u32::from(i) + sectors - u32::from(self.lease)) % sectors;
        let free_before = (0..before)
            .map(|step| ((u32::from(self.lease) + step) % sectors) as u16)
            .filter(|&s| self.committed(s) == Some(false) && !map(s))
            .take(gap as usize)
            .count() as u32;
        if free_before < gap {
            self.lease = ((u32::from(i) + 1 + gap) % sectors) as u16;
            self.flags |= START_MOVED;
        }
        i
    }

    /// Gives back a sector a transaction took and no longer uses.
    pub fn release(&mut self, sector: u16) {
        self.taken.remove(sector);
    }

    /// A commit gave a file the sectors `new`: the window marks them committed now, and they
    /// are no longer taken; the caller writes the record, then clears the sectors the
    /// commit dropped (see [`Alloc::dropped`]).
    pub fn commit(&mut self, new: &Runs) {
        if self.state != AllocState::Loaded {
            return;
        }
        for s in new.iter() {
            self.taken.remove(s);
        }
        self.mark_window(new);
    }

    /// The record no longer holds the sectors of `old` that `new` does not: their window bits
    /// are cleared. The caller has `old` recorded in a pending intent or journal entry, which
    /// keeps them out of use until it is cleared.
    pub fn dropped(&mut self, old: &Runs, new: &Runs) {
        for s in old.iter().filter(|&s| !new.contains(s)) {
            if let Some(j) = self.window_bit(s) {
                set(&mut self.window, j, false);
            }
        }
    }

    /// Checks an allocation record read at mount and takes its search start; a record of
    /// the wrong length or with bits past the region is [`Error::Corrupt`].
    pub fn load(&mut self, b: &[u8]) -> Result<()> {
        self.check(b)?;
        self.start_at(u16::from_le_bytes([b[0], b[1]]));
        self.state = AllocState::Loaded;
        self.flags = 0;
        Ok(())
    }

    /// Takes the search start of the search-start record `b` (read after the allocation
    /// record), which supersedes the allocation record's. One of the wrong length is
    /// ignored: the allocation record's start is a valid one too, and the start only
    /// spreads wear (see [`LEASE`]).
    pub fn load_start(&mut self, b: &[u8]) {
        if let &[low, high] = b {
            self.start_at(u16::from_le_bytes([low, high]));
        }
    }

    fn start_at(&mut self, start: u16) {
        self.cursor = (u32::from(start) % self.sectors().max(1)) as u16;
        self.lease = self.cursor;
    }

    /// Whether `b` is a record of this region: [`Error::Corrupt`] if not.
    pub fn check(&self, b: &[u8]) -> Result<()> {
        let n = self.bytes();
        if b.len() != 2 + n || (self.sectors()..(n * 8) as u32).any(|i| bit(&b[2..], i as usize)) {
            return Err(Error::Corrupt);
        }
        Ok(())
    }

    /// Bytes of this region's record.
    pub fn record_len(&self) -> usize {
        2 + self.bytes()
    }
}

/// Edits an allocation record of `len` bytes in place in `b`, where `found` bytes of the
/// record on flash lie (none when `fresh`: it is then written anew, all free): the search
/// start `lease`, then the bits of `old` cleared unless `new` has them and those of `new`
/// set. Idempotent; the record's new length, or [`Error::Corrupt`] when the one found has
/// the wrong length.
pub(crate) fn edit_record(
    b: &mut [u8],
    found: usize,
    fresh: bool,
    lease: u16,
    len: usize,
    old: &Runs,
    new: &Runs,
) -> Result<usize> {
    let b = b.get_mut(..len).ok_or(Error::Corrupt)?;
    if fresh {
        b.fill(0);
    } else if found != len {
        return Err(Error::Corrupt);
    }
    let (start, bits) = b.split_at_mut(2);
    start.copy_from_slice(&lease.to_le_bytes());
    for s in old.iter().filter(|&s| !new.contains(s)) {
        set(bits, usize::from(s), false);
    }
    for s in new.iter() {
        set(bits, usize::from(s), true);
    }
    Ok(len)
}

/// Bytes of the largest allocation record.
pub(crate) const ALLOC_MAX: usize = 2 + BITMAP_BYTES;

#[cfg(test)]
mod tests {
    use super::*;

    /// A region and its records on flash, as the store keeps them: the allocation record,
    /// and the search-start record once written.
    struct Region {
        alloc: Alloc,
        record: [u8; ALLOC_MAX],
        start: Option<u16>,
        refills: u32,
    }

    impl Region {
        fn new(sectors: u32) -> Self {
            let mut alloc = Alloc::new(sectors);
            alloc.reset();
            let mut region = Region {
                alloc,
                record: [0; ALLOC_MAX],
                start: None,
                refills: 0,
            };
            region.write(&Runs::default(), &Runs::default());
            region
        }

        /// Mounts the records as they are on flash.
        fn remount(&self) -> Self {
            let mut alloc = Alloc::new(self.alloc.sectors());
            alloc.load(&self.record[..alloc.record_len()]).unwrap();
            if let Some(start) = self.start {
                alloc.load_start(&start.to_le_bytes());
            }
            Region {
                alloc,
                record: self.record,
                start: self.start,
                refills: 0,
            }
        }

        /// As the store's `sync_alloc` (no commit lags here): the allocation record if it
        /// is written anew, then the search-start record if the start moved.
        fn sync(&mut self) {
            if self.alloc.fresh() {
                self.write(&Runs::default(), &Runs::default());
            }
            if self.alloc.start_moved() {
                self.start = Some(self.alloc.lease());
                self.alloc.start_written();
            }
        }

        fn write(&mut self, old: &Runs, new: &Runs) {
            let a = &mut self.alloc;
            let len = a.record_len();
            let mut copy = [0u8; BITMAP_BYTES];
            if a.copy_record(&mut copy[..len - 2]) {
                assert_eq!(
                    copy[..len - 2],
                    self.record[2..len],
                    "the window is the record"
                );
            }
            edit_record(&mut self.record, len, a.fresh(), a.lease(), len, old, new).unwrap();
            a.written();
            a.dropped(old, new);
        }

        fn take_in(&mut self, runs: &Runs, held: impl Fn(u16) -> bool) -> Option<u16> {
            let mut search = Search::default();
            loop {
                match self.alloc.take(runs, &mut search, |_| false, &held) {
                    Take::Sector(s) => return Some(s),
                    Take::Full => return None,
                    Take::Refill(at) => {
                        self.refills += 1;
                        self.alloc.fill_window(at, &self.record[2..]);
                    }
                }
            }
        }

        fn take(&mut self) -> Option<u16> {
            self.take_in(&Runs::default(), |_| false)
        }

        /// As the store commits: the record lags while it is written.
        fn commit(&mut self, old: &Runs, new: &Runs) {
            self.alloc.commit(new);
            self.alloc.lag();
            self.write(old, new);
            self.alloc.unlag();
        }

        /// The store's scan: windows from sector 0 on.
        fn scan(&mut self, want: u32, busy: impl Fn(u16) -> bool) -> FreeScan {
            let mut scan = FreeScan::new(want);
            let mut start = 0;
            while start < self.alloc.sectors() {
                self.alloc.fill_window(start as u16, &self.record[2..]);
                self.alloc.scan_window(&mut scan, &busy);
                start += WINDOW;
            }
            scan
        }

        /// The search start the allocation record holds.
        fn record_start(&self) -> u16 {
            u16::from_le_bytes([self.record[0], self.record[1]])
        }

        /// The search start a mount takes.
        fn lease(&self) -> u16 {
            self.start.unwrap_or(self.record_start())
        }
    }

    fn runs(sectors: impl IntoIterator<Item = u16>) -> Runs {
        let mut runs = Runs::default();
        for s in sectors {
            assert!(runs.push(s));
        }
        runs
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
        let mut a = Region::new(4);
        assert_eq!(a.take(), Some(0));
        assert_eq!(a.take(), Some(1));
        a.alloc.release(0);
        // The cursor moved on: sector 0 comes back only after the others.
        assert_eq!(a.take(), Some(2));
        assert_eq!(a.take(), Some(3));
        assert_eq!(a.take(), Some(0));
        assert_eq!(a.take(), None);
        assert_eq!(a.scan(0, |_| false).free, 0);
    }

    #[test]
    fn appends_continue_their_last_run() {
        let mut a = Region::new(8);
        let mut file = runs([5]);
        assert_eq!(a.take_in(&file, |_| false), Some(6));
        assert!(file.push(6));
        a.alloc.release(3);
        assert_eq!(a.take(), Some(7));
        // Sector 7 is taken: the list would need a new run.
        assert_eq!(a.take_in(&file, |_| false), Some(0));
        let full = runs((0..crate::layout::MAX_RUNS as u16).map(|i| 100 + 2 * i));
        assert_eq!(a.take_in(&full, |_| false), None);
    }

    #[test]
    fn commits_move_sectors_and_are_idempotent() {
        let mut a = Region::new(8);
        let mut old = Runs::default();
        let mut new = Runs::default();
        for _ in 0..3 {
            let s = a.take().unwrap();
            assert!(old.push(s));
        }
        a.commit(&Runs::default(), &old);
        for _ in 0..2 {
            let s = a.take().unwrap();
            assert!(new.push(s));
        }
        a.commit(&old, &new);
        a.commit(&old, &new);
        // The intent naming `old` is pending: its dropped sectors stay out of use.
        let held = |s: u16| old.contains(s);
        assert_eq!(a.scan(0, held).free, 3);
        // Once it is cleared, they are free.
        assert_eq!(a.scan(0, |_| false).free, 6);
        let mut b = a.remount();
        assert_eq!(b.scan(0, |_| false).free, 6);
        // Taking sector 3 moved the record's search start two past it (a quarter of 8).
        assert_eq!(b.take(), Some(6));
    }

    #[test]
    fn the_record_starts_the_search_past_the_sectors_taken_since() {
        let mut a = Region::new(32);
        // The first take lies at the start on flash: the start moves 4 past it.
        assert_eq!(a.take(), Some(0));
        assert!(a.alloc.start_moved());
        a.sync();
        for i in 1..=4 {
            assert_eq!(a.take(), Some(i));
        }
        assert!(
            !a.alloc.dirty(),
            "sectors before the new start need no record write"
        );
        // A cut now: the next mount's search skips every sector taken since.
        let mut b = a.remount();
        assert_eq!(b.take(), Some(5));
        assert!(b.alloc.start_moved());
        // Uncut, the search goes on at sector 5, which reaches the start again.
        assert_eq!(a.take(), Some(5));
        assert!(a.alloc.start_moved());
        a.sync();
        assert_eq!(a.lease(), 10);
        assert_eq!(
            a.record_start(),
            0,
            "moving the start writes the search-start record only"
        );
    }

    #[test]
    fn the_search_start_record_is_preferred_and_commits_carry_the_start_too() {
        let mut a = Region::new(32);
        for _ in 0..7 {
            a.take().unwrap();
        }
        a.sync();
        assert_eq!((a.lease(), a.record_start()), (10, 0));
        // A mount reads the search-start record: sectors 0 to 6 are skipped.
        assert_eq!(a.remount().take(), Some(10));
        // A commit writes the allocation record with the start as it is, which firmware
        // from before the search-start record (an OTA rollback) reads.
        a.commit(&Runs::default(), &runs(0..3));
        assert_eq!((a.lease(), a.record_start()), (10, 10));
        assert!(!a.alloc.dirty());
        // The start moves on; the allocation record keeps the start of its last write.
        for i in 7..=10 {
            assert_eq!(a.take(), Some(i));
        }
        a.sync();
        assert_eq!((a.lease(), a.record_start()), (15, 10));
        assert_eq!(a.remount().take(), Some(15));
    }

    #[test]
    fn without_a_search_start_record_the_allocation_records_start_is_taken() {
        // An image written before the search-start record: the allocation record's start.
        let mut a = Region::new(32);
        a.record[..2].copy_from_slice(&12u16.to_le_bytes());
        assert_eq!(a.start, None);
        let mut b = a.remount();
        assert_eq!(b.take(), Some(12));
        // The first move writes the search-start record, which later mounts prefer.
        assert!(b.alloc.start_moved());
        b.sync();
        assert_eq!((b.lease(), b.record_start()), (17, 12));
        assert_eq!(b.remount().take(), Some(17));
        // A search-start record of the wrong length is ignored.
        let mut c = Alloc::new(32);
        c.load(&a.record[..c.record_len()]).unwrap();
        c.load_start(&[3, 0, 0]);
        assert_eq!(c.lease(), 12);
        c.load_start(&[3, 0]);
        assert_eq!(c.lease(), 3);
    }

    #[test]
    fn committed_sectors_after_the_record_start_do_not_hide_a_take() {
        // The record's search starts at sector 0, and sectors 0 to 5 are committed: a
        // search from it (after a cut, say) comes to sector 6 first.
        let mut a = Region::new(32);
        a.commit(&Runs::default(), &runs(0..6));
        let mut b = a.remount();
        assert_eq!(b.take(), Some(6));
        assert!(
            b.alloc.start_moved(),
            "the start must move past sector 6 before it is erased"
        );
        b.sync();
        assert_eq!(b.lease(), 11);
    }

    #[test]
    fn damaged_records_are_refused() {
        let mut a = Alloc::new(4);
        assert!(a.load(&[0, 0]).is_err());
        assert!(a.load(&[0, 0, 0x10]).is_err());
        assert!(a.load(&[0, 0, 0x0F]).is_ok());
        let mut search = Search::default();
        let take = a.take(&Runs::default(), &mut search, |_| false, |_| false);
        assert_eq!(take, Take::Refill(0));
        a.fill_window(0, &[0x0F]);
        let take = a.take(&Runs::default(), &mut search, |_| false, |_| false);
        assert_eq!(take, Take::Full);
        let mut broken = Alloc::new(4);
        broken.state = AllocState::Broken;
        let take = broken.take(
            &Runs::default(),
            &mut Search::default(),
            |_| false,
            |_| false,
        );
        assert_eq!(take, Take::Full);
    }

    #[test]
    fn the_window_refills_across_the_region_end_and_takes_wrap() {
        let mut a = Region::new(300);
        // Everything but 290..300 and 0..20 is committed.
        a.commit(&Runs::default(), &runs(20..290));
        let mut b = a.remount();
        b.alloc.cursor = 285;
        b.alloc.flags &= !WINDOW_VALID;
        for expected in (290..300).chain(0..20) {
            assert_eq!(b.take(), Some(expected));
        }
        assert_eq!(b.take(), None);
        // The window starts at 285 and covers 285..300 and 0..241 in one read; the full
        // search then reads the rest.
        assert!(b.refills <= 3, "{}", b.refills);
        assert_eq!(b.scan(0, |_| false).free, 0);
    }

    #[test]
    fn commits_and_frees_inside_and_outside_the_window() {
        let mut a = Region::new(1000);
        assert_eq!(a.take(), Some(0));
        let window = (a.alloc.window_start, a.alloc.span());
        assert_eq!(window, (0, WINDOW));
        // Sector 900 lies outside the window, 10 inside.
        let outside = runs([900]);
        let inside = runs([10]);
        a.commit(&Runs::default(), &outside);
        a.commit(&Runs::default(), &inside);
        assert_eq!(a.alloc.committed(10), Some(true));
        assert_eq!(a.alloc.committed(900), None);
        assert!(bit(&a.record[2..], 900) && bit(&a.record[2..], 10));
        // The search skips both: 10 from the window, 900 from the record once it gets there.
        a.alloc.cursor = 8;
        assert_eq!(a.take(), Some(8));
        assert_eq!(a.take(), Some(9));
        assert_eq!(a.take(), Some(11));
        a.alloc.cursor = 899;
        assert_eq!(a.take(), Some(899));
        assert_eq!(a.take(), Some(901));
        // Freed, both come back.
        a.commit(&inside, &Runs::default());
        a.commit(&outside, &Runs::default());
        assert!(!bit(&a.record[2..], 900) && !bit(&a.record[2..], 10));
        a.alloc.cursor = 900;
        assert_eq!(a.take(), Some(900));
        a.alloc.cursor = 10;
        assert_eq!(a.take(), Some(10));
        assert_eq!(a.scan(0, |_| false).free, 1000 - 7 - 1);
    }

    #[test]
    fn a_scan_finds_the_first_long_run_across_windows() {
        let mut a = Region::new(600);
        let used = runs((0..250).chain(262..520));
        a.commit(&Runs::default(), &used);
        let scan = a.scan(20, |_| false);
        assert_eq!(scan.free, 12 + 80);
        assert_eq!(scan.best, Some((520, 20)));
        // None long enough: the longest.
        let scan = a.scan(100, |s| s >= 560);
        assert_eq!(scan.best, Some((520, 40)));
        // A run across the windows' boundary at 256.
        let scan = a.scan(100, |s| s >= 520);
        assert_eq!(scan.best, Some((250, 12)));
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
        let mut a = Region::new(64);
        let mut files = [Runs::default(); TAKEN_RUNS];
        // Every other sector is committed: each take starts a run of its own.
        a.commit(&Runs::default(), &runs((0..16u16).map(|i| 2 * i + 1)));
        for file in &mut files {
            let s = a.take_in(file, |_| false).unwrap();
            assert!(file.push(s));
        }
        assert_eq!(a.alloc.taken.list().len(), TAKEN_RUNS);
        // The next free sector (32) would need a 17th run.
        assert_eq!(a.take(), None);
        a.alloc.release(files[0].get(0).unwrap());
        assert_eq!(a.take(), Some(32));
    }
}
