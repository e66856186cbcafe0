//! A RAM filter of the names in a few recently searched directories, so that creating a name
//! does not read every block of its directory to learn that the name is new.
//!
//! Invariant: a directory with a filter has the bits of every name it holds set (the filter
//! is built from a search that read all of its blocks, and every later link into it sets the
//! name's bits before writing), so "absent" is always true; unlinks leave bits set (a false
//! "maybe" only costs the full search). Filters live in RAM only and start empty at mount.

use crate::layout::Name;

/// Directories with a filter: one, as creating files one directory at a time needs (36
/// bytes of RAM each). The `vs_littlefs -- workloads` bench creates its small files in four
/// directories in turn, so that two filters already gave way before each use: every row
/// read the same bytes of flash with one as with two.
const DIRS: usize = 1;
/// Bits per filter: with two bits per name, a directory of 100 names answers "maybe" for a
/// new name about one time in three, one of 250 names three times in four. A false "maybe"
/// only costs the full search, which finds blocks the lookup remembers: 256 bits instead of
/// 512 left every `vs_littlefs -- workloads` row within the bench's run-to-run spread.
const BITS: usize = 256;

/// One directory's name bits.
#[derive(Clone, Copy)]
pub(crate) struct Bits([u8; BITS / 8]);

impl Default for Bits {
    fn default() -> Self {
        Bits([0; BITS / 8])
    }
}

/// The 32-bit FNV-1a hash of `bytes` (cheap, and spreads short keys and names well).
pub(crate) fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811C_9DC5, |h: u32, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// The two bit positions of `name`.
fn positions(name: &Name) -> [usize; 2] {
    let h = fnv1a(name.as_bytes());
    [h as usize % BITS, (h >> 16) as usize % BITS]
}

impl Bits {
    /// Sets `name`'s bits.
    pub fn add(&mut self, name: &Name) {
        for p in positions(name) {
            if let Some(byte) = self.0.get_mut(p / 8) {
                *byte |= 1 << (p % 8);
            }
        }
    }

    fn maybe(&self, name: &Name) -> bool {
        positions(name)
            .iter()
            .all(|&p| self.0.get(p / 8).is_some_and(|b| b & (1 << (p % 8)) != 0))
    }
}

/// Filters of the last [`DIRS`] directories searched in full, each with its directory's
/// inode number (0, which no directory has, for none: an `Option` would add a word each).
#[derive(Default)]
pub(crate) struct NameFilter {
    dirs: [(u32, Bits); DIRS],
}

impl NameFilter {
    /// `dir` has a filter and `name` is certainly not in it.
    pub fn absent(&self, dir: u32, name: &Name) -> bool {
        dir != 0
            && self
                .dirs
                .iter()
                .any(|(d, bits)| *d == dir && !bits.maybe(name))
    }

    /// Installs the filter of `dir`, built from a search that read all of its blocks.
    pub fn install(&mut self, dir: u32, bits: Bits) {
        if dir == 0 {
            return;
        }
        if let Some(slot) = self.dirs.iter_mut().find(|(d, _)| *d == dir) {
            slot.1 = bits;
            return;
        }
        // Newest first: the oldest filter gives way, with no hand to keep in RAM.
        self.dirs.rotate_right(1);
        if let Some(slot) = self.dirs.first_mut() {
            *slot = (dir, bits);
        }
    }

    /// `name` is about to be linked into `dir`.
    pub fn add(&mut self, dir: u32, name: &Name) {
        for (d, bits) in self.dirs.iter_mut() {
            if *d == dir && dir != 0 {
                bits.add(name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_never_calls_a_present_name_absent() {
        let mut f = NameFilter::default();
        let name = |i: u32| Name::new(std::format!("file{i}.py").as_bytes()).unwrap();
        let mut bits = Bits::default();
        for i in 0..100 {
            bits.add(&name(i));
        }
        assert!(!f.absent(7, &name(1000)));
        f.install(7, bits);
        f.add(7, &name(300));
        assert!((0..100).chain([300]).all(|i| !f.absent(7, &name(i))));
        let absent = (1000..2000).filter(|&i| f.absent(7, &name(i))).count();
        assert!(absent > 600, "{absent}");
        assert!(!f.absent(8, &name(1000)));
        // Inode 0 marks an empty filter slot: it never gets a filter of its own.
        f.install(0, Bits::default());
        assert!(!f.absent(0, &name(1000)));
    }

    #[test]
    fn the_oldest_filter_gives_way() {
        let mut f = NameFilter::default();
        let new = Name::new(b"new.py").unwrap();
        let dirs = 7..8 + DIRS as u32;
        for dir in dirs.clone() {
            f.install(dir, Bits::default());
        }
        assert!(dirs.clone().skip(1).all(|dir| f.absent(dir, &new)));
        assert!(!f.absent(7, &new));
    }
}
