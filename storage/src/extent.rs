//! Extent lists: which data sectors hold a file's whole sectors, as runs of consecutive
//! sectors. File sector `j` (bytes `j * S .. (j + 1) * S`) is the `j`-th sector of the runs
//! taken in order.
//!
//! Lists read from flash are not trusted: [`Runs::decode_at`] checks the encoding and
//! [`Runs::valid`] the sector indices (inside the data region, no sector listed twice).

use crate::error::{Error, Result};
use crate::layout::{put_u8, take_u8, MAX_RUNS};

/// A file's data sectors: up to [`MAX_RUNS`] runs `(first sector, length)`, indices relative
/// to the data region.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Runs {
    count: u8,
    runs: [(u16, u16); MAX_RUNS],
}

/// Bytes of the largest encoded list.
pub(crate) const RUNS_MAX: usize = 1 + 4 * MAX_RUNS;

impl Runs {
    /// The runs `(first sector, length)` in file order.
    pub fn list(&self) -> &[(u16, u16)] {
        &self.runs[..usize::from(self.count)]
    }

    /// No sector is listed.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// No run can be added (a sector continuing the last run still fits).
    pub fn is_full(&self) -> bool {
        usize::from(self.count) == MAX_RUNS
    }

    /// The data sector continuing the last run.
    pub fn next_sector(&self) -> Option<u16> {
        let (start, len) = self.list().last()?;
        start.checked_add(*len)
    }

    /// How many sectors the list holds.
    pub fn sectors(&self) -> u32 {
        self.list().iter().map(|r| u32::from(r.1)).sum()
    }

    /// The data sector holding file sector `j`.
    pub fn get(&self, j: u32) -> Option<u16> {
        let mut skip = j;
        for &(start, len) in self.list() {
            if skip < u32::from(len) {
                return Some(start.wrapping_add(skip as u16));
            }
            skip -= u32::from(len);
        }
        None
    }

    /// Appends data sector `sector` as the next file sector; false when a new run would be
    /// needed and the list is full.
    pub fn push(&mut self, sector: u16) -> bool {
        if let Some(last) = self.count.checked_sub(1) {
            let (start, len) = &mut self.runs[usize::from(last)];
            if u32::from(*start) + u32::from(*len) == u32::from(sector) && *len < u16::MAX {
                *len += 1;
                return true;
            }
        }
        if usize::from(self.count) == MAX_RUNS {
            return false;
        }
        self.runs[usize::from(self.count)] = (sector, 1);
        self.count += 1;
        true
    }

    /// Keeps the first `k` file sectors.
    pub fn truncate(&mut self, k: u32) {
        let mut kept = 0u32;
        let mut count = 0;
        for i in 0..usize::from(self.count) {
            if kept >= k {
                break;
            }
            let len = u32::from(self.runs[i].1).min(k - kept);
            self.runs[i].1 = len as u16;
            kept += len;
            count = i + 1;
        }
        self.count = count as u8;
    }

    /// The list with file sector `j` moved to data sector `sector`; `None` when that needs
    /// more runs than the list holds.
    pub fn replaced(&self, j: u32, sector: u16) -> Option<Runs> {
        let mut out = Runs::default();
        for (i, s) in self.iter().enumerate() {
            let s = if i as u32 == j { sector } else { s };
            if !out.push(s) {
                return None;
            }
        }
        Some(out)
    }

    /// Every data sector listed, in file order.
    pub fn iter(&self) -> impl Iterator<Item = u16> + '_ {
        self.list()
            .iter()
            .flat_map(|&(start, len)| (0..len).map(move |i| start.wrapping_add(i)))
    }

    /// Whether data sector `sector` is listed.
    pub fn contains(&self, sector: u16) -> bool {
        self.list().iter().any(|&(start, len)| {
            sector >= start && u32::from(sector) < u32::from(start) + u32::from(len)
        })
    }

    /// Every run lies inside a data region of `data_sectors` sectors and no two overlap.
    pub fn valid(&self, data_sectors: u32) -> bool {
        let list = self.list();
        list.iter().enumerate().all(|(i, &(start, len))| {
            let end = u32::from(start) + u32::from(len);
            len > 0
                && end <= data_sectors
                && list[..i].iter().all(|&(s, l)| {
                    end <= u32::from(s) || u32::from(s) + u32::from(l) <= u32::from(start)
                })
        })
    }

    /// Bytes of the encoded list.
    pub fn encoded_len(&self) -> usize {
        1 + 4 * usize::from(self.count)
    }

    /// Writes the list: a count byte, then each run's start and length (`u16` LE).
    pub fn encode(&self, out: &mut [u8]) -> Option<usize> {
        put_u8(out, 0, self.count)?;
        let mut at = 1;
        for &(start, len) in self.list() {
            out.get_mut(at..at + 2)?
                .copy_from_slice(&start.to_le_bytes());
            out.get_mut(at + 2..at + 4)?
                .copy_from_slice(&len.to_le_bytes());
            at += 4;
        }
        Some(at)
    }

    /// Reads a list at `at`; returns it and the offset after it.
    pub fn decode_at(b: &[u8], at: usize) -> Result<(Self, usize)> {
        let count = take_u8(b, at)?;
        if usize::from(count) > MAX_RUNS {
            return Err(Error::Corrupt);
        }
        let mut runs = Runs {
            count,
            ..Runs::default()
        };
        let mut pos = at + 1;
        for run in &mut runs.runs[..usize::from(count)] {
            let bytes = b.get(pos..pos + 4).ok_or(Error::Corrupt)?;
            *run = (
                u16::from_le_bytes([bytes[0], bytes[1]]),
                u16::from_le_bytes([bytes[2], bytes[3]]),
            );
            pos += 4;
        }
        Ok((runs, pos))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_of(sectors: &[u16]) -> Runs {
        let mut r = Runs::default();
        for &s in sectors {
            assert!(r.push(s));
        }
        r
    }

    #[test]
    fn consecutive_sectors_share_a_run() {
        let r = runs_of(&[4, 5, 6, 9, 10, 2]);
        assert_eq!(r.list(), &[(4, 3), (9, 2), (2, 1)]);
        assert_eq!(r.sectors(), 6);
        assert_eq!(r.get(0), Some(4));
        assert_eq!(r.get(3), Some(9));
        assert_eq!(r.get(5), Some(2));
        assert_eq!(r.get(6), None);
        assert_eq!(r.iter().collect::<std::vec::Vec<_>>(), [4, 5, 6, 9, 10, 2]);
        assert!(r.contains(5) && r.contains(10) && !r.contains(7));
    }

    #[test]
    fn truncation_and_replacement_keep_order() {
        let mut r = runs_of(&[4, 5, 6, 9, 10]);
        let moved = r.replaced(1, 20).unwrap();
        assert_eq!(
            moved.iter().collect::<std::vec::Vec<_>>(),
            [4, 20, 6, 9, 10]
        );
        r.truncate(4);
        assert_eq!(r.list(), &[(4, 3), (9, 1)]);
        r.truncate(2);
        assert_eq!(r.list(), &[(4, 2)]);
        r.truncate(0);
        assert!(r.is_empty());
    }

    #[test]
    fn a_full_list_refuses_a_new_run() {
        let mut r = Runs::default();
        for i in 0..MAX_RUNS as u16 {
            assert!(r.push(i * 2));
        }
        assert!(!r.push(100));
        assert!(r.push(2 * (MAX_RUNS as u16 - 1) + 1));
        // Moving the first sector of the last run splits it: one run too many.
        assert!(r.replaced(MAX_RUNS as u32 - 1, 500).is_none());
        assert!(r.replaced(0, 500).is_some());
    }

    #[test]
    fn lists_round_trip_and_bad_ones_are_refused() {
        let r = runs_of(&[4, 5, 9]);
        let mut buf = [0u8; RUNS_MAX];
        let n = r.encode(&mut buf).unwrap();
        assert_eq!(Runs::decode_at(&buf[..n], 0).unwrap(), (r, n));
        assert!(Runs::decode_at(&buf[..n - 1], 0).is_err());
        assert!(r.valid(10) && !r.valid(9));
        let overlapping = Runs {
            count: 2,
            runs: {
                let mut a = [(0, 0); MAX_RUNS];
                a[0] = (3, 4);
                a[1] = (6, 1);
                a
            },
        };
        assert!(!overlapping.valid(100));
        let empty_run = Runs {
            count: 1,
            ..Runs::default()
        };
        assert!(!empty_run.valid(100));
        buf[0] = MAX_RUNS as u8 + 1;
        assert!(Runs::decode_at(&buf, 0).is_err());
    }
}
