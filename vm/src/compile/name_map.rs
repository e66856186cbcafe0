//! The compiler's maps and sets: byte-string keys (names, or an integer's bytes) to `u32`
//! values, in first-insertion order, found by hashing in O(1), so a module of 10,000 names
//! compiles in linear time. One non-generic type for every map and set of the compiler
//! (symbol tables, constants, name and slot indexes): `BTreeMap`s for each key and value type
//! cost about 13 KB of code on the chip.

use alloc::vec::Vec;

/// The value of a removed entry: its key stays (a set is rebuilt rarely), unseen.
const REMOVED: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Entry {
    start: u32,
    len: u32,
    hash: u32,
    value: u32,
}

/// Keys to values in first-insertion order; a set is a map whose values are 0.
#[derive(Clone, Default)]
pub struct NameMap {
    /// Every key's bytes, one after the other.
    bytes: Vec<u8>,
    entries: Vec<Entry>,
    /// Open addressing with linear probing: entry index + 1, 0 for free. A power of two
    /// long, at most three quarters full.
    slots: Vec<u32>,
}

fn hash(key: &[u8]) -> u32 {
    // FNV-1a.
    key.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

impl NameMap {
    /// An empty map.
    pub fn new() -> NameMap {
        NameMap::default()
    }

    fn key(&self, e: &Entry) -> &[u8] {
        self.bytes
            .get(e.start as usize..(e.start + e.len) as usize)
            .unwrap_or_default()
    }

    /// The slot that holds `key`, or the free slot where it would go.
    fn probe(&self, key: &[u8], h: u32) -> (usize, Option<usize>) {
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = h as usize & mask;
        while let Some(&s) = self.slots.get(at) {
            if s == 0 {
                return (at, None);
            }
            let i = s as usize - 1;
            if let Some(e) = self.entries.get(i) {
                if e.hash == h && self.key(e) == key {
                    return (at, Some(i));
                }
            }
            at = (at + 1) & mask;
        }
        (at, None)
    }

    fn entry_of(&self, key: &[u8]) -> Option<&Entry> {
        if self.slots.is_empty() {
            return None;
        }
        let (_, i) = self.probe(key, hash(key));
        i.and_then(|i| self.entries.get(i))
    }

    /// The value of `key`, if present.
    pub fn get_bytes(&self, key: &[u8]) -> Option<u32> {
        self.entry_of(key)
            .map(|e| e.value)
            .filter(|&v| v != REMOVED)
    }

    /// The value of name `key`, if present.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.get_bytes(key.as_bytes())
    }

    /// Is name `key` present?
    pub fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Sets `key` to `value` (not `u32::MAX`); its old value, if it was present.
    pub fn insert_bytes(&mut self, key: &[u8], value: u32) -> Option<u32> {
        if (self.entries.len() + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let h = hash(key);
        match self.probe(key, h) {
            (_, Some(i)) => {
                let old = self
                    .entries
                    .get_mut(i)
                    .map_or(REMOVED, |e| core::mem::replace(&mut e.value, value));
                (old != REMOVED).then_some(old)
            }
            (at, None) => {
                self.entries.push(Entry {
                    start: self.bytes.len() as u32,
                    len: key.len() as u32,
                    hash: h,
                    value,
                });
                self.bytes.extend_from_slice(key);
                let slot = self.entries.len() as u32;
                if let Some(s) = self.slots.get_mut(at) {
                    *s = slot;
                }
                None
            }
        }
    }

    /// Sets name `key` to `value`; its old value, if it was present.
    pub fn insert(&mut self, key: &str, value: u32) -> Option<u32> {
        self.insert_bytes(key.as_bytes(), value)
    }

    /// Adds name `key` to a set.
    pub fn add(&mut self, key: &str) {
        self.insert(key, 0);
    }

    /// Removes name `key`; whether it was present.
    pub fn remove(&mut self, key: &str) -> bool {
        if self.slots.is_empty() {
            return false;
        }
        let key = key.as_bytes();
        match self.probe(key, hash(key)) {
            (_, Some(i)) => self
                .entries
                .get_mut(i)
                .is_some_and(|e| core::mem::replace(&mut e.value, REMOVED) != REMOVED),
            (_, None) => false,
        }
    }

    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(8);
        self.slots.clear();
        self.slots.resize(len, 0);
        for (i, e) in self.entries.iter().enumerate() {
            let mut at = e.hash as usize & (len - 1);
            while let Some(slot) = self.slots.get_mut(at) {
                if *slot == 0 {
                    *slot = i as u32 + 1;
                    break;
                }
                at = (at + 1) & (len - 1);
            }
        }
    }

    /// The names present and their values, in first-insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.entries.iter().filter(|e| e.value != REMOVED).map(|e| {
            let name = core::str::from_utf8(self.key(e)).unwrap_or_default();
            (name, e.value)
        })
    }
}

impl core::fmt::Debug for NameMap {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    #[test]
    fn inserts_finds_removes_and_keeps_insertion_order() {
        let mut m = NameMap::new();
        assert_eq!(m.get("a"), None);
        assert!(!m.remove("a"));
        for (i, n) in ["b", "a", "c", ""].iter().enumerate() {
            assert_eq!(m.insert(n, i as u32), None);
        }
        assert_eq!(m.insert("a", 7), Some(1));
        assert_eq!(
            (m.get("a"), m.get(""), m.get("d")),
            (Some(7), Some(3), None)
        );
        assert!(m.remove("b") && !m.remove("b") && !m.contains("b"));
        assert_eq!(m.iter().collect::<Vec<_>>(), [("a", 7), ("c", 2), ("", 3)]);
        assert_eq!(m.insert("b", 9), None);
        let names: Vec<&str> = m.iter().map(|e| e.0).collect();
        assert_eq!(names, ["b", "a", "c", ""]);
        m.insert_bytes(&5i64.to_le_bytes(), 4);
        assert_eq!(m.get_bytes(&5i64.to_le_bytes()), Some(4));
        assert_eq!(m.get_bytes(&6i64.to_le_bytes()), None);
    }

    #[test]
    fn many_keys_stay_found_across_growth() {
        let mut m = NameMap::new();
        let names: Vec<String> = (0..10_000).map(|i| alloc::format!("n{i}")).collect();
        for (i, n) in names.iter().enumerate() {
            m.insert(n, i as u32);
        }
        assert!(names
            .iter()
            .enumerate()
            .all(|(i, n)| m.get(n) == Some(i as u32)));
        assert_eq!(m.iter().count(), 10_000);
        assert!(m.slots.len() >= 10_000 * 4 / 3 && m.slots.len().is_power_of_two());
    }
}
