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

/// A set of inode numbers that may be handed out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FreeInodes {
    runs: RunSet<u32, FREE_RUNS>,
}

impl FreeInodes {
    /// Most numbers the set may hold on a partition of `capacity` bytes: each keeps a few
    /// tombstones of about 16 bytes in the map, so this bounds them to about 4 % of it.
    pub fn cap(capacity: u32) -> u32 {
        capacity / 2048
    }

    fn runs(&self) -> &[(u32, u32)] {
        self.runs.list()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// Numbers in the set.
    pub fn total(&self) -> u32 {
        self.runs().iter().map(|&(_, l)| l).sum()
    }

    /// The highest number in the set.
    pub fn last(&self) -> Option<u32> {
        self.runs().last().map(|&(s, l)| s + (l - 1))
    }

    /// Whether `inode` is in the set.
    pub fn contains(&self, inode: u32) -> bool {
        self.runs.contains(inode)
    }

    /// Adds `inode` unless the set would then hold more than `cap` numbers or need more
    /// than [`FREE_RUNS`] runs; returns whether it is in the set.
    pub fn insert(&mut self, inode: u32, cap: u32) -> bool {
        if self.contains(inode) {
            return true;
        }
        if self.total() >= cap || inode == u32::MAX {
            return false;
        }
        self.runs.insert(inode)
    }

    /// Takes the lowest number out of the set.
    pub fn pop(&mut self) -> Option<u32> {
        self.runs.pop_first()
    }

    /// Writes the set into `out`; returns its length.
    pub fn encode(&self, out: &mut [u8]) -> Option<usize> {
        let runs = self.runs();
        put_u8(out, 0, runs.len() as u8)?;
        for (i, &(first, len)) in runs.iter().enumerate() {
            put_u32(out, 1 + 8 * i, first)?;
            put_u32(out, 5 + 8 * i, len)?;
        }
        Some(1 + 8 * runs.len())
    }

    /// Reads a set written by [`FreeInodes::encode`] that ends `b`; anything else
    /// (unsorted, overlapping or empty runs, trailing bytes) is [`Error::Corrupt`].
    pub fn decode(b: &[u8]) -> Result<Self> {
        let count = take_u8(b, 0)?;
        if usize::from(count) > FREE_RUNS || b.len() != 1 + 8 * usize::from(count) {
            return Err(Error::Corrupt);
        }
        let mut set = FreeInodes::default();
        let mut end = 0u64;
        for i in 0..usize::from(count) {
            let first = take_u32(b, 1 + 8 * i)?;
            let len = take_u32(b, 5 + 8 * i)?;
            if len == 0 || first == 0 || (i > 0 && u64::from(first) <= end) {
                return Err(Error::Corrupt);
            }
            end = u64::from(first) + u64::from(len);
            if end > u64::from(u32::MAX) {
                return Err(Error::Corrupt);
            }
            if !set.runs.push_run(first, len) {
                return Err(Error::Corrupt);
            }
        }
        Ok(set)
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
        assert_eq!(set.runs(), &[(9, 4), (20, 1)]);
        assert_eq!(set.total(), 5);
        assert!(set.contains(12) && !set.contains(13));
        assert_eq!(set.pop(), Some(9));
        assert_eq!(set.pop(), Some(10));
        assert_eq!(set.runs(), &[(11, 2), (20, 1)]);
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
