//! A small set of numbers kept as runs of consecutive ones in a fixed array: the recycled
//! inode numbers ([`crate::recycle`]) and the sectors open transactions took
//! ([`crate::alloc`]) are such sets, since their numbers come and go together.
//!
//! Invariants: the runs `(first, length)` are sorted by first number, none is empty, and no
//! two overlap or touch; at most `N` of them.

/// A number a [`RunSet`] holds: a `u16` sector or a `u32` inode number.
pub(crate) trait RunNumber: Copy + Default {
    /// The number, widened so sums and successors cannot overflow.
    fn wide(self) -> u64;
    /// `v`, which the set's invariants keep in the type's range.
    fn narrow(v: u64) -> Self;
}

impl RunNumber for u16 {
    fn wide(self) -> u64 {
        u64::from(self)
    }
    fn narrow(v: u64) -> Self {
        v as u16
    }
}

impl RunNumber for u32 {
    fn wide(self) -> u64 {
        u64::from(self)
    }
    fn narrow(v: u64) -> Self {
        v as u32
    }
}

/// Up to `N` runs `(first, length)` of numbers `T`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunSet<T, const N: usize> {
    runs: [(T, T); N],
    count: u8,
}

impl<T: RunNumber, const N: usize> Default for RunSet<T, N> {
    fn default() -> Self {
        RunSet {
            runs: [(T::default(), T::default()); N],
            count: 0,
        }
    }
}

impl<T: RunNumber, const N: usize> RunSet<T, N> {
    /// The runs, lowest first.
    pub fn list(&self) -> &[(T, T)] {
        &self.runs[..usize::from(self.count)]
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Whether `v` is in the set.
    pub fn contains(&self, v: T) -> bool {
        self.run_of(v).is_some()
    }

    fn run_of(&self, v: T) -> Option<usize> {
        let v = v.wide();
        self.list()
            .iter()
            .position(|&(first, len)| v >= first.wide() && v < first.wide() + len.wide())
    }

    /// Whether [`RunSet::insert`] of `v` (not in the set) would succeed.
    pub fn has_room_for(&self, v: T) -> bool {
        usize::from(self.count) < N
            || self.list().iter().any(|&(first, len)| {
                first.wide() + len.wide() == v.wide() || v.wide() + 1 == first.wide()
            })
    }

    /// Adds `v` (not in the set); false when that needs a run and none is left.
    pub fn insert(&mut self, v: T) -> bool {
        let n = usize::from(self.count);
        let at = self.runs[..n].partition_point(|&(first, _)| first.wide() < v.wide());
        let joins_before = at > 0 && {
            let (first, len) = self.runs[at - 1];
            first.wide() + len.wide() == v.wide()
        };
        let joins_after = at < n && v.wide() + 1 == self.runs[at].0.wide();
        match (joins_before, joins_after) {
            (true, true) => {
                let merged = self.runs[at - 1].1.wide() + 1 + self.runs[at].1.wide();
                self.runs[at - 1].1 = T::narrow(merged);
                self.runs.copy_within(at + 1..n, at);
                self.count -= 1;
            }
            (true, false) => self.runs[at - 1].1 = T::narrow(self.runs[at - 1].1.wide() + 1),
            (false, true) => self.runs[at] = (v, T::narrow(self.runs[at].1.wide() + 1)),
            (false, false) => {
                if n == N {
                    return false;
                }
                self.runs.copy_within(at..n, at + 1);
                self.runs[at] = (v, T::narrow(1));
                self.count += 1;
            }
        }
        true
    }

    /// Drops `v`; a number inside a run stays when splitting the run needs a run and none is
    /// left.
    pub fn remove(&mut self, v: T) {
        let n = usize::from(self.count);
        let Some(at) = self.run_of(v) else {
            return;
        };
        let (first, len) = self.runs[at];
        let before = v.wide() - first.wide();
        let after = len.wide() - before - 1;
        let next = T::narrow(v.wide() + 1);
        match (before, after) {
            (0, 0) => {
                self.runs.copy_within(at + 1..n, at);
                self.count -= 1;
            }
            (0, _) => self.runs[at] = (next, T::narrow(after)),
            (_, 0) => self.runs[at].1 = T::narrow(before),
            _ if n < N => {
                self.runs.copy_within(at + 1..n, at + 2);
                self.runs[at] = (first, T::narrow(before));
                self.runs[at + 1] = (next, T::narrow(after));
                self.count += 1;
            }
            _ => {}
        }
    }

    /// Takes the lowest number out of the set.
    pub fn pop_first(&mut self) -> Option<T> {
        let (first, _) = *self.list().first()?;
        self.remove(first);
        Some(first)
    }

    /// Appends the run `(first, len)` above every run held (a decoder checks the order);
    /// false when no run is left.
    pub fn push_run(&mut self, first: T, len: T) -> bool {
        let n = usize::from(self.count);
        if n == N {
            return false;
        }
        self.runs[n] = (first, len);
        self.count += 1;
        true
    }
}
