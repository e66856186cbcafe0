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

/// Runs of numbers the set can hold.
pub(crate) const FREE_RUNS: usize = 8;
/// Bytes of the encoded set at most: a count, then `(first, length)` of each run.
pub(crate) const FREE_INODES_MAX: usize = 1 + 8 * FREE_RUNS;

/// A set of inode numbers that may be handed out again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct FreeInodes {
    /// `(first, length)`, sorted, disjoint, not adjacent, none empty.
    runs: [(u32, u32); FREE_RUNS],
    count: u8,
}

impl FreeInodes {
    /// Most numbers the set may hold on a partition of `capacity` bytes: each keeps a few
    /// tombstones of about 16 bytes in the map, so this bounds them to about 4 % of it.
    pub fn cap(capacity: u32) -> u32 {
        capacity / 2048
    }

    fn runs(&self) -> &[(u32, u32)] {
        &self.runs[..usize::from(self.count)]
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
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
        self.runs()
            .iter()
            .any(|&(s, l)| inode >= s && inode - s < l)
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
        let n = usize::from(self.count);
        let at = self.runs[..n].partition_point(|&(s, _)| s < inode);
        let joins_before = at > 0 && {
            let (s, l) = self.runs[at - 1];
            s + l == inode
        };
        let joins_after = at < n && self.runs[at].0 == inode + 1;
        match (joins_before, joins_after) {
            (true, true) => {
                self.runs[at - 1].1 += 1 + self.runs[at].1;
                self.runs.copy_within(at + 1..n, at);
                self.count -= 1;
            }
            (true, false) => self.runs[at - 1].1 += 1,
            (false, true) => self.runs[at] = (inode, self.runs[at].1 + 1),
            (false, false) => {
                if n == FREE_RUNS {
                    return false;
                }
                self.runs.copy_within(at..n, at + 1);
                self.runs[at] = (inode, 1);
                self.count += 1;
            }
        }
        true
    }

    /// Takes the lowest number out of the set.
    pub fn pop(&mut self) -> Option<u32> {
        let (first, len) = *self.runs().first()?;
        if len > 1 {
            self.runs[0] = (first + 1, len - 1);
        } else {
            let n = usize::from(self.count);
            self.runs.copy_within(1..n, 0);
            self.count -= 1;
        }
        Some(first)
    }

    /// Writes the set into `out`; returns its length.
    pub fn encode(&self, out: &mut [u8]) -> Option<usize> {
        put_u8(out, 0, self.count)?;
        for (i, &(first, len)) in self.runs().iter().enumerate() {
            put_u32(out, 1 + 8 * i, first)?;
            put_u32(out, 5 + 8 * i, len)?;
        }
        Some(1 + 8 * usize::from(self.count))
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
            set.runs[i] = (first, len);
        }
        set.count = count;
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
