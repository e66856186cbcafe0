//! The map's pages as a ring of physical sectors, and the flash view the map works on.
//!
//! The map sees one contiguous range of pages; [`Ring`] says which sector of the partition
//! each page is (runs of consecutive sectors, in ring order), so the map can grow by sectors
//! taken from anywhere in the data region. [`RingFlash`] translates the map's addresses.
//!
//! Invariants: runs do not overlap and never include the geometry sector; a page inserted
//! into the ring is erased (open) and goes right before the map's oldest closed page, so the
//! cyclic order of the pages holding items never changes (see [`crate::geometry`]).

use embedded_storage_async::nor_flash::{
    ErrorType, MultiwriteNorFlash, NorFlash, NorFlashError, NorFlashErrorKind, ReadNorFlash,
};

/// Runs the ring holds at most: every growth splits at most one run and adds one, so this
/// allows 15 growths from one run (as many as the geometry sector has slots after the
/// format's, on 4 KiB sectors).
pub(crate) const MAX_RING_RUNS: usize = 32;

/// The map's pages: runs `(first sector, length)` of partition sectors, in ring order.
/// No run is empty, so the runs held are those before the first of length 0: a count
/// beside them would cost the map's flash view 8 bytes of padding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Ring {
    runs: [(u16, u16); MAX_RING_RUNS],
}

impl Ring {
    /// One run of `len` sectors from `first`.
    pub fn contiguous(first: u16, len: u16) -> Self {
        let mut runs = [(0, 0); MAX_RING_RUNS];
        runs[0] = (first, len);
        Ring { runs }
    }

    /// Runs held.
    fn count(&self) -> usize {
        self.runs
            .iter()
            .position(|&(_, len)| len == 0)
            .unwrap_or(MAX_RING_RUNS)
    }

    /// The runs in ring order.
    pub fn runs(&self) -> &[(u16, u16)] {
        self.runs.get(..self.count()).unwrap_or(&[])
    }

    /// Pages of the map.
    pub fn pages(&self) -> u32 {
        self.runs().iter().map(|&(_, len)| u32::from(len)).sum()
    }

    /// The partition sector of map page `page`.
    pub fn sector(&self, page: u32) -> Option<u32> {
        let mut at = page;
        for &(first, len) in self.runs() {
            if at < u32::from(len) {
                return Some(u32::from(first) + at);
            }
            at -= u32::from(len);
        }
        None
    }

    /// Whether any map page is one of the sectors `first .. first + len`.
    pub fn overlaps(&self, first: u32, len: u32) -> bool {
        self.runs().iter().any(|&(f, l)| {
            let (f, l) = (u32::from(f), u32::from(l));
            first < f + l && f < first + len
        })
    }

    /// Whether one more growth fits.
    pub fn has_room(&self) -> bool {
        self.count() + 2 <= MAX_RING_RUNS
    }

    /// Whether a growth can still be inserted after the next one.
    pub fn has_room_after_growth(&self) -> bool {
        self.count() + 4 <= MAX_RING_RUNS
    }

    /// Inserts the sectors `first .. first + len` as new pages before page `page` (at the end
    /// when `page` is the page count). False when the runs are full, `page` is past the end
    /// or `len` is 0.
    pub fn insert(&mut self, page: u32, first: u16, len: u16) -> bool {
        if !self.has_room() || page > self.pages() || len == 0 {
            return false;
        }
        let mut out = [(0u16, 0u16); MAX_RING_RUNS];
        let mut n = 0;
        let mut at = page;
        let mut placed = false;
        for &(f, l) in self.runs() {
            if !placed && at < u32::from(l) {
                let head = at as u16;
                if head > 0 {
                    out[n] = (f, head);
                    n += 1;
                }
                out[n] = (first, len);
                n += 1;
                out[n] = (f + head, l - head);
                n += 1;
                placed = true;
                continue;
            }
            if !placed {
                at -= u32::from(l);
            }
            out[n] = (f, l);
            n += 1;
        }
        if !placed {
            out[n] = (first, len);
            n += 1;
        }
        // Neighbouring runs that continue each other become one.
        let mut merged = [(0u16, 0u16); MAX_RING_RUNS];
        let mut m = 0;
        for &(f, l) in &out[..n] {
            if m > 0 && merged[m - 1].0 + merged[m - 1].1 == f {
                merged[m - 1].1 += l;
            } else {
                merged[m] = (f, l);
                m += 1;
            }
        }
        self.runs = merged;
        true
    }

    /// The same ring with page `page` as its first page (the cyclic order is kept; a run that
    /// `page` falls inside is split). False when the runs are full or `page` is past the end.
    pub fn rotate(&mut self, page: u32) -> bool {
        if page == 0 {
            return true;
        }
        if self.count() + 1 > MAX_RING_RUNS || page >= self.pages() {
            return false;
        }
        let mut head = [(0u16, 0u16); MAX_RING_RUNS];
        let mut tail = [(0u16, 0u16); MAX_RING_RUNS];
        let (mut h, mut t) = (0, 0);
        let mut at = page;
        for &(f, l) in self.runs() {
            if at >= u32::from(l) {
                at -= u32::from(l);
                tail[t] = (f, l);
                t += 1;
            } else if at > 0 {
                tail[t] = (f, at as u16);
                t += 1;
                head[h] = (f + at as u16, l - at as u16);
                h += 1;
                at = 0;
            } else {
                head[h] = (f, l);
                h += 1;
            }
        }
        let mut runs = [(0u16, 0u16); MAX_RING_RUNS];
        let mut n = 0;
        for &(f, l) in head[..h].iter().chain(&tail[..t]) {
            if n > 0 && runs[n - 1].0 + runs[n - 1].1 == f {
                runs[n - 1].1 += l;
            } else {
                runs[n] = (f, l);
                n += 1;
            }
        }
        self.runs = runs;
        true
    }

    /// Builds a ring from decoded runs, checking them against a partition of `sectors`
    /// sectors: at least two pages, no run empty or past the end, none on sector 0 (the
    /// geometry sector) when `geometry`, no two overlapping.
    pub fn from_runs(runs: &[(u16, u16)], sectors: u32, geometry: bool) -> Option<Self> {
        if runs.is_empty() || runs.len() > MAX_RING_RUNS {
            return None;
        }
        let lowest = u32::from(geometry);
        let mut ring = Ring {
            runs: [(0, 0); MAX_RING_RUNS],
        };
        for (i, &(f, l)) in runs.iter().enumerate() {
            let end = u32::from(f) + u32::from(l);
            if l == 0 || u32::from(f) < lowest || end > sectors {
                return None;
            }
            if runs[..i]
                .iter()
                .any(|&(g, m)| u32::from(f) < u32::from(g) + u32::from(m) && u32::from(g) < end)
            {
                return None;
            }
            ring.runs[i] = (f, l);
        }
        (ring.pages() >= 2).then_some(ring)
    }
}

/// The flash error of a map access outside the ring (never happens: the map's range is the
/// ring's size).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RingError<E> {
    Flash(E),
    OutOfRange,
}

impl<E: NorFlashError> NorFlashError for RingError<E> {
    fn kind(&self) -> NorFlashErrorKind {
        match self {
            RingError::Flash(e) => e.kind(),
            RingError::OutOfRange => NorFlashErrorKind::OutOfBounds,
        }
    }
}

/// The partition as the map sees it: page `p` of the map's range is the sector
/// `ring.sector(p)` of `flash`.
pub(crate) struct RingFlash<F> {
    pub flash: F,
    pub ring: Ring,
}

impl<F: NorFlash> RingFlash<F> {
    /// The flash address of map address `at`, and how many of the `len` bytes from there lie
    /// in the same page.
    fn piece(&self, at: u32, len: usize) -> Result<(u32, usize), RingError<F::Error>> {
        let page = F::ERASE_SIZE as u32;
        let sector = self.ring.sector(at / page).ok_or(RingError::OutOfRange)?;
        let n = ((page - at % page) as usize).min(len);
        Ok((sector * page + at % page, n))
    }
}

impl<F: NorFlash> ErrorType for RingFlash<F> {
    type Error = RingError<F::Error>;
}

impl<F: NorFlash> ReadNorFlash for RingFlash<F> {
    const READ_SIZE: usize = F::READ_SIZE;

    async fn read(&mut self, offset: u32, bytes: &mut [u8]) -> Result<(), Self::Error> {
        let mut done = 0;
        while done < bytes.len() {
            let (addr, n) = self.piece(offset + done as u32, bytes.len() - done)?;
            self.flash
                .read(addr, &mut bytes[done..done + n])
                .await
                .map_err(RingError::Flash)?;
            done += n;
        }
        Ok(())
    }

    fn capacity(&self) -> usize {
        self.ring.pages() as usize * F::ERASE_SIZE
    }
}

impl<F: NorFlash> NorFlash for RingFlash<F> {
    const WRITE_SIZE: usize = F::WRITE_SIZE;
    const ERASE_SIZE: usize = F::ERASE_SIZE;

    async fn erase(&mut self, from: u32, to: u32) -> Result<(), Self::Error> {
        let page = F::ERASE_SIZE as u32;
        let mut at = from;
        while at < to {
            let sector = self.ring.sector(at / page).ok_or(RingError::OutOfRange)?;
            self.flash
                .erase(sector * page, sector * page + page)
                .await
                .map_err(RingError::Flash)?;
            at += page;
        }
        Ok(())
    }

    async fn write(&mut self, offset: u32, bytes: &[u8]) -> Result<(), Self::Error> {
        let mut done = 0;
        while done < bytes.len() {
            let (addr, n) = self.piece(offset + done as u32, bytes.len() - done)?;
            self.flash
                .write(addr, &bytes[done..done + n])
                .await
                .map_err(RingError::Flash)?;
            done += n;
        }
        Ok(())
    }
}

impl<F: MultiwriteNorFlash> MultiwriteNorFlash for RingFlash<F> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insertion_splits_a_run_and_merges_neighbours() {
        let mut ring = Ring::contiguous(1, 10);
        assert!(ring.insert(4, 50, 3));
        assert_eq!(ring.runs(), &[(1, 4), (50, 3), (5, 6)]);
        assert_eq!(ring.pages(), 13);
        assert_eq!(ring.sector(4), Some(50));
        assert_eq!(ring.sector(7), Some(5));
        assert_eq!(ring.sector(13), None);
        assert!(ring.insert(13, 11, 2));
        assert_eq!(ring.runs(), &[(1, 4), (50, 3), (5, 8)]);
        assert!(ring.insert(0, 60, 1));
        assert_eq!(ring.runs()[0], (60, 1));
        assert!(!ring.insert(100, 70, 1));
        assert!(ring.overlaps(51, 1) && !ring.overlaps(53, 7));
        // An empty run would end the runs held: it is never inserted.
        assert!(!ring.insert(2, 80, 0));
        assert_eq!(ring.runs().len(), 4);
    }

    #[test]
    fn a_full_ring_keeps_every_run() {
        let runs: std::vec::Vec<(u16, u16)> =
            (0..MAX_RING_RUNS as u16).map(|i| (1 + 3 * i, 2)).collect();
        let ring = Ring::from_runs(&runs, 200, true).unwrap();
        assert_eq!(ring.runs(), &runs[..]);
        assert_eq!(ring.pages(), 2 * MAX_RING_RUNS as u32);
        assert_eq!(ring.sector(2 * MAX_RING_RUNS as u32 - 1), Some(3 * 31 + 2));
        assert!(!ring.has_room());
        assert_eq!(core::mem::size_of::<Ring>(), 4 * MAX_RING_RUNS);
    }

    #[test]
    fn rotation_keeps_the_cyclic_order() {
        let mut ring = Ring::contiguous(1, 10);
        assert!(ring.insert(10, 20, 2));
        assert!(ring.rotate(3));
        assert_eq!(ring.runs(), &[(4, 7), (20, 2), (1, 3)]);
        assert_eq!(ring.sector(0), Some(4));
        assert_eq!(ring.pages(), 12);
        assert!(ring.rotate(9));
        assert_eq!(ring.runs(), &[(1, 10), (20, 2)]);
        assert!(!ring.rotate(12));
    }

    #[test]
    fn decoded_runs_are_checked() {
        assert!(Ring::from_runs(&[(1, 4), (8, 2)], 10, true).is_some());
        assert!(Ring::from_runs(&[(0, 4)], 10, true).is_none());
        assert!(Ring::from_runs(&[(0, 4)], 10, false).is_some());
        assert!(Ring::from_runs(&[(1, 4), (3, 2)], 10, true).is_none());
        assert!(Ring::from_runs(&[(8, 4)], 10, true).is_none());
        assert!(Ring::from_runs(&[(8, 1)], 10, true).is_none());
        assert!(Ring::from_runs(&[(2, 0), (3, 3)], 10, true).is_none());
    }
}
