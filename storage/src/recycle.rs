//! Recycled inode numbers: a removed small file's records are not taken out of the map
//! (`sequential-storage` reads the whole map to remove a key) but overwritten by tombstones
//! (one small append each), and its inode number is handed out again, so the next file
//! created supersedes the tombstone instead of adding a record. The set is kept as a few
//! runs of consecutive numbers (files created together get consecutive numbers and are often
//! removed together) and is written with the superblock.
//!
//! Invariants: every number in the set has a tombstone or no record at all, and its chunk
//! keys are tombstones or absent, so a file that reuses it reads nothing of the old one; the
//! set holds at most [`FreeInodes::cap`] numbers, which bounds the tombstones the map keeps.

use crate::error::{Error, Result};
use crate::layout::{put_u32, put_u8, take_u32, take_u8};
use crate::run_set::RunSet;

/// Runs of numbers the set can hold.
pub(crate) const FREE_RUNS: usize = 8;
/// Bytes of the encoded set at most: a count, then `(first, length)` of each run.
pub(crate) const FREE_INODES_MAX: usize = 1 + 8 * FREE_RUNS;
/// Most a number in the set may lie above its lowest: numbers are kept in RAM as 16-bit
/// offsets from the lowest (40 bytes where 32-bit runs took 68), and the last offset is left
/// out so that a run's length fits too.
const SPAN: u32 = u16::MAX as u32 - 1;

/// A set of inode numbers that may be handed out again.
///
/// Invariant: `base` is the lowest number in the set (0 when it is empty), so equal sets
/// are equal values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FreeInodes {
    base: u32,
    /// The numbers' offsets from `base`.
    runs: RunSet<u16, FREE_RUNS>,
}

impl FreeInodes {
    /// Most numbers the set may hold on a partition of `capacity` bytes: each keeps a few
    /// tombstones of about 16 bytes in the map, so this bounds them to about 4 % of it.
    pub fn cap(capacity: u32) -> u32 {
        capacity / 2048
    }

    /// The runs `(first, length)`, lowest first.
    fn runs(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.runs
            .list()
            .iter()
            .map(|&(first, len)| (self.base + u32::from(first), u32::from(len)))
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Numbers in the set.
    pub fn total(&self) -> u32 {
        self.runs().map(|(_, l)| l).sum()
    }

    /// The highest number in the set.
    pub fn last(&self) -> Option<u32> {
        self.runs().last().map(|(s, l)| s + (l - 1))
    }

    /// `inode`'s offset from the lowest number, if the set can hold it.
    fn offset(&self, inode: u32) -> Option<u16> {
        inode
            .checked_sub(self.base)
            .filter(|&o| o <= SPAN)
            .map(|o| o as u16)
    }

    /// Whether `inode` is in the set.
    pub fn contains(&self, inode: u32) -> bool {
        self.offset(inode).is_some_and(|o| self.runs.contains(o))
    }

    /// The same runs `(first, length)` as a set whose lowest number is `base`; none when one
    /// lies more than [`SPAN`] above it or `runs` are more than [`FREE_RUNS`].
    fn from_runs(base: u32, runs: impl Iterator<Item = (u32, u32)>) -> Option<Self> {
        let mut set = FreeInodes {
            base,
            runs: RunSet::default(),
        };
        for (first, len) in runs {
            let from = set.offset(first)?;
            let to = set.offset(first.checked_add(len.checked_sub(1)?)?)?;
            if !set.runs.push_run(from, to - from + 1) {
                return None;
            }
        }
        Some(set)
    }

    /// Adds `inode` unless the set would then hold more than `cap` numbers, need more
    /// than [`FREE_RUNS`] runs or span more than [`SPAN`]; returns whether it is in the
    /// set.
    pub fn insert(&mut self, inode: u32, cap: u32) -> bool {
        if self.contains(inode) {
            return true;
        }
        if self.total() >= cap || inode == u32::MAX {
            return false;
        }
        if self.is_empty() {
            self.base = inode;
        } else if inode < self.base {
            let Some(lower) = Self::from_runs(inode, self.runs()) else {
                return false;
            };
            if !lower.runs.has_room_for(0) {
                return false;
            }
            *self = lower;
        }
        match self.offset(inode) {
            Some(o) => self.runs.insert(o),
            None => false,
        }
    }

    /// Takes the lowest number out of the set.
    pub fn pop(&mut self) -> Option<u32> {
        let lowest = self.base + u32::from(self.runs.pop_first()?);
        let base = self.runs().next().map_or(0, |(first, _)| first);
        let moved = Self::from_runs(base, self.runs());
        if let Some(set) = moved {
            *self = set;
        }
        Some(lowest)
    }

    /// Writes the set into `out`; returns its length.
    pub fn encode(&self, out: &mut [u8]) -> Option<usize> {
        let count = self.runs.list().len();
        put_u8(out, 0, count as u8)?;
        for (i, (first, len)) in self.runs().enumerate() {
            put_u32(out, 1 + 8 * i, first)?;
            put_u32(out, 5 + 8 * i, len)?;
        }
        Some(1 + 8 * count)
    }

    /// Reads a set written by [`FreeInodes::encode`] that ends `b`; anything else
    /// (unsorted, overlapping or empty runs, trailing bytes) is [`Error::Corrupt`]. Numbers
    /// more than [`SPAN`] above the lowest (written before the set was kept as offsets, after
    /// more than 65,534 files) are left out: they keep their tombstones and are not handed
    /// out again.
    pub fn decode(b: &[u8]) -> Result<Self> {
        let count = take_u8(b, 0)?;
        if usize::from(count) > FREE_RUNS || b.len() != 1 + 8 * usize::from(count) {
            return Err(Error::Corrupt);
        }
        let mut runs = [(0u32, 0u32); FREE_RUNS];
        let runs = &mut runs[..usize::from(count)];
        let mut end = 0u64;
        for (i, run) in runs.iter_mut().enumerate() {
            let first = take_u32(b, 1 + 8 * i)?;
            let len = take_u32(b, 5 + 8 * i)?;
            if len == 0 || first == 0 || (i > 0 && u64::from(first) <= end) {
                return Err(Error::Corrupt);
            }
            end = u64::from(first) + u64::from(len);
            if end > u64::from(u32::MAX) {
                return Err(Error::Corrupt);
            }
            *run = (first, len);
        }
        let base = runs.first().map_or(0, |&(first, _)| first);
        let reach = base.saturating_add(SPAN);
        let kept = runs
            .iter()
            .filter(|&&(first, _)| first <= reach)
            .map(|&(first, len)| (first, len.min(reach - first + 1)));
        Self::from_runs(base, kept).ok_or(Error::Corrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_merge_and_numbers_come_back_lowest_first() {
        let mut set = FreeInodes::default();
        for n in [10, 12, 11, 20, 9] {
            assert!(set.insert(n, 100));
        }
        assert_eq!(runs(&set), [(9, 4), (20, 1)]);
        assert_eq!(set.total(), 5);
        assert!(set.contains(12) && !set.contains(13));
        assert_eq!(set.pop(), Some(9));
        assert_eq!(set.pop(), Some(10));
        assert_eq!(runs(&set), [(11, 2), (20, 1)]);
    }

    fn runs(set: &FreeInodes) -> std::vec::Vec<(u32, u32)> {
        set.runs().collect()
    }

    #[test]
    fn numbers_are_kept_within_their_span_of_the_lowest() {
        let base = 100_000;
        let mut set = FreeInodes::default();
        assert!(set.insert(base, 1000));
        assert!(set.insert(base + SPAN, 1000));
        assert!(!set.insert(base + SPAN + 1, 1000));
        assert!(!set.contains(base + SPAN + 1));
        // A number below the lowest moves the others' offsets, only when they still fit.
        assert!(!set.insert(base - 1, 1000));
        assert_eq!(set.pop(), Some(base));
        assert!(!set.insert(base - 1, 1000));
        assert!(set.insert(base + 1, 1000));
        assert!(set.insert(base + SPAN + 1, 1000));
        assert_eq!(runs(&set), [(base + 1, 1), (base + SPAN, 2)]);
        // Taking the lowest moves the span up with the numbers left.
        assert_eq!(set.pop(), Some(base + 1));
        assert!(set.insert(base + 2 * SPAN, 1000));
        assert_eq!(runs(&set), [(base + SPAN, 2), (base + 2 * SPAN, 1)]);
        // However it was reached, a set equals one built from its numbers.
        let mut fresh = FreeInodes::default();
        for n in [base + 2 * SPAN, base + SPAN + 1, base + SPAN] {
            assert!(fresh.insert(n, 1000));
        }
        assert_eq!(fresh, set);
        while set.pop().is_some() {}
        assert_eq!(set, FreeInodes::default());
    }

    #[test]
    fn a_decoded_set_keeps_the_numbers_within_its_span() {
        let mut wide = [0u8; FREE_INODES_MAX];
        let runs_written = [(10, 3), (SPAN + 8, 5), (SPAN + 20, 1)];
        wide[0] = runs_written.len() as u8;
        for (i, (first, len)) in runs_written.into_iter().enumerate() {
            wide[1 + 8 * i..5 + 8 * i].copy_from_slice(&u32::to_le_bytes(first));
            wide[5 + 8 * i..9 + 8 * i].copy_from_slice(&u32::to_le_bytes(len));
        }
        let set = FreeInodes::decode(&wide[..1 + 8 * runs_written.len()]).unwrap();
        assert_eq!(runs(&set), [(10, 3), (SPAN + 8, 3)]);
        assert_eq!(set.last(), Some(SPAN + 10));
    }

    #[test]
    fn the_set_refuses_past_its_cap_and_its_runs() {
        let mut set = FreeInodes::default();
        for i in 0..FREE_RUNS as u32 {
            assert!(set.insert(10 * i + 5, 100));
        }
        assert!(!set.insert(1000, 100));
        assert!(set.insert(6, 100));
        assert!(!set.insert(7, 9));
        assert_eq!(set.total(), 9);
    }

    #[test]
    fn encoding_round_trips_and_bad_sets_are_refused() {
        let mut set = FreeInodes::default();
        for n in [3, 4, 8, 100] {
            set.insert(n, 100);
        }
        let mut buf = [0u8; FREE_INODES_MAX];
        let len = set.encode(&mut buf).unwrap();
        assert_eq!(FreeInodes::decode(&buf[..len]), Ok(set));
        assert!(FreeInodes::decode(&buf[..len - 1]).is_err());
        // Overlapping runs.
        let mut bad = buf;
        bad[9..13].copy_from_slice(&4u32.to_le_bytes());
        assert!(FreeInodes::decode(&bad[..len]).is_err());
        // An empty run, and too many runs.
        let mut bad = buf;
        bad[5..9].copy_from_slice(&0u32.to_le_bytes());
        assert!(FreeInodes::decode(&bad[..len]).is_err());
        assert!(FreeInodes::decode(&[9]).is_err());
        assert_eq!(FreeInodes::decode(&[0]), Ok(FreeInodes::default()));
    }
}
