//! `dict`, `set` and `frozenset`: an insertion-ordered hash table
//! `[hdr(used entries, class-namespace flag), len, entries Array, index RawBytes|NULL]` (a
//! frozenset adds its cached hash).
//!
//! Entries are `(hash, key, value)` triples in insertion order (hash stored as a small int, a
//! deleted entry has key NULL). Tables of up to `LINEAR_MAX` (16) entries are searched linearly (an
//! instance's attributes, small keyword dicts); larger ones get an open-addressed index of
//! entry numbers plus one (0: an empty slot), a raw object of one byte per slot while the
//! entry numbers fit (two below 65,536 slots, else four), as CPython's compact dicts: a word
//! per slot made a module's globals index four times its size. Sets use the same table with
//! `value` unused.

use crate::heap::Heap;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

use crate::obj::layout::{DICT_ENTRIES as ENTRIES, DICT_INDEX as INDEX, DICT_LEN as LEN};
const _: () = assert!(ENTRIES == 2 && INDEX == 3);
const LINEAR_MAX: usize = 16;
/// Where the count of used entries starts in a dict's header aux (below it: `DICT_CLASS_NS`).
const USED_SHIFT: u32 = 1;

/// Bytes per slot of an index of `n` slots (a table of `cap` entries has `n > cap` slots).
#[inline]
fn slot_bytes(n: usize) -> usize {
    1 << slot_log2(n)
}

/// Log2 of the bytes per slot of an index of `n` slots: entry numbers plus one below `n`
/// fit in one byte up to 256 slots, in two up to 65,536.
#[inline]
fn slot_log2(n: usize) -> u32 {
    (n > 1 << 8) as u32 + (n > 1 << 16) as u32
}

/// The room a full table of `len` live entries grows to: `2 * (len + 1)`, except that a full
/// linear table of 16 goes to 30, so indexed tables hold `2^k - 2` entries (30, 62, 126, ...),
/// which that doubling keeps, each beside an index of `2^(k+1)` slots, one byte wide up to 126
/// entries. Doubling 16 to 34 gave 70 and then 142 entries, whose index takes 512 two-byte
/// slots: a dict of 100 str keys took 4,368 B of heap instead of 3,408 B.
fn grown_cap(len: usize) -> usize {
    if len == LINEAR_MAX {
        2 * LINEAR_MAX - 2
    } else {
        (len + 1) * 2
    }
}

/// Where slot `s` of an index of slots `1 << lg` bytes wide is: (word after the header,
/// shift, mask of the slot's bits). Shifts only: this is on every indexed lookup.
#[inline(always)]
fn slot_place(lg: u32, s: usize) -> (usize, u32, u32) {
    let word = 1 + (s >> (2 - lg));
    let shift = ((s as u32) << (3 + lg)) & 31;
    let mask = u32::MAX >> (32 - (8 << lg));
    (word, shift, mask)
}

/// What `dict_linear_slot` learnt about a name.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Linear {
    /// The name is there: the heap word holding its value.
    Found(usize),
    /// The name is certainly not there.
    Absent,
    /// The table is indexed (or has a heap str key that may equal the name): the general
    /// search must decide.
    Unknown,
}

impl Runtime {
    /// A new empty dict (or set/frozenset with `kind`) with room for `cap` entries.
    pub fn new_dict_kind(&mut self, kind: Kind, cap: usize) -> PyResult<Value> {
        let words = if kind == Kind::FrozenSet {
            crate::obj::layout::FROZENSET_WORDS
        } else {
            crate::obj::layout::DICT_WORDS
        };
        let d = self.alloc(kind, 0, words)?;
        self.heap.set_val(d, LEN, Value::small(0));
        if cap > 0 {
            let dv = Value::handle(d);
            self.pin(dv);
            let r = self.dict_resize(dv, cap);
            self.unpin(1);
            r?;
        }
        Ok(Value::handle(d))
    }

    /// A new empty dict.
    pub fn new_dict(&mut self) -> PyResult<Value> {
        self.new_dict_kind(Kind::Dict, 0)
    }

    /// Number of live entries.
    #[inline]
    pub fn dict_len(&self, d: Value) -> usize {
        self.heap.val(Runtime::blk(d), LEN).as_small().unwrap_or(0) as usize
    }

    #[inline(always)]
    fn dict_used(&self, d: u32) -> usize {
        (self.heap.aux(d) >> USED_SHIFT) as usize
    }

    /// Set the count of entries used (live or deleted), keeping the header's flag bit.
    fn set_dict_used(&mut self, d: u32, used: usize) {
        let flags = self.heap.aux(d) & ((1 << USED_SHIFT) - 1);
        self.heap.set_aux(d, flags | (used as u32) << USED_SHIFT);
    }

    fn dict_cap(&self, d: u32) -> usize {
        let e = self.heap.val(d, ENTRIES);
        if e.is_heap() {
            self.heap.aux(Runtime::blk(e)) as usize
        } else {
            0
        }
    }

    /// Entry `i` as `(key, value)` (key NULL for a deleted entry), `None` past the end.
    #[inline]
    pub fn dict_entry(&self, d: Value, i: usize) -> Option<(Value, Value)> {
        self.dict_entry_inline(d, i)
    }

    /// `dict_entry` inlined, for the global cache's hits (a load of a global or builtin).
    #[inline(always)]
    pub(crate) fn dict_entry_inline(&self, d: Value, i: usize) -> Option<(Value, Value)> {
        // One range check for the header and entries array, one for the entry's key and
        // value, instead of one per word read.
        let at = Heap::base(Runtime::blk(d));
        let &[header, _, entries] = self.heap.words.get(at..at + 3)? else {
            return None;
        };
        if i >= (header >> 8 >> USED_SHIFT) as usize {
            return None;
        }
        let at = Heap::base(Runtime::blk(Value(entries))) + 2 + 3 * i;
        let &[key, value] = self.heap.words.get(at..at + 2)? else {
            return None;
        };
        Some((Value(key), Value(value)))
    }

    /// Replace the value of entry `i` (a live entry, as `dict_entry` found it).
    #[inline]
    pub(crate) fn dict_entry_set_value(&mut self, d: Value, i: usize, v: Value) {
        let e = Runtime::blk(self.heap.val(Runtime::blk(d), ENTRIES));
        self.heap.set_val(e, 3 + 3 * i, v);
    }

    /// Live `(key, value)` pairs, in order.
    pub fn dict_items(&self, d: Value) -> Vec<(Value, Value)> {
        let mut out = Vec::with_capacity(self.dict_len(d));
        let mut i = 0;
        while let Some((k, v)) = self.dict_entry(d, i) {
            if !k.is_null() {
                out.push((k, v));
            }
            i += 1;
        }
        out
    }

    /// Give back the room a dict that is done growing (a module's globals after its import, a
    /// class namespace) does not use. Best effort: without the memory to rebuild the table it
    /// stays as it is.
    pub(crate) fn dict_shrink(&mut self, dv: Value) {
        let d = Runtime::blk(dv);
        let len = self.dict_len(dv);
        let slack = self.dict_cap(d) - len.min(self.dict_cap(d));
        if slack < 2 || len == 0 {
            return;
        }
        let exc = self.exc;
        self.pin(dv);
        if self.dict_resize(dv, len).is_err() {
            self.exc = exc;
        }
        self.unpin(1);
    }

    /// Rebuild the table with room for `cap` entries, compacting deleted ones.
    fn dict_resize(&mut self, dv: Value, cap: usize) -> PyResult<()> {
        let d = Runtime::blk(dv);
        let len = self.dict_len(dv);
        let mut cap = cap.max(len).max(1);
        if len < LINEAR_MAX
            && self.heap.val(d, INDEX).is_null()
            && self.heap.val(d, ENTRIES).is_heap()
        {
            // A growing small table (an instance gaining attributes) stays linear while it can:
            // the attribute fast paths read only linear tables.
            cap = cap.min(LINEAR_MAX);
        }
        if cap <= LINEAR_MAX {
            // Small tables (an instance's attributes) take every entry their blocks hold.
            let blocks = (1 + 3 * cap).div_ceil(crate::heap::BLOCK_WORDS);
            cap = ((blocks * crate::heap::BLOCK_WORDS - 1) / 3).min(LINEAR_MAX);
        }
        if cap >= 1 << 22 {
            return Err(self.raise(crate::obj::exception::ExcKind::MemoryError, ""));
        }
        let entries = self.alloc(Kind::Array, cap as u32, 1 + 3 * cap)?;
        self.pin(Value::handle(entries));
        let index = if cap > LINEAR_MAX {
            // A shift loop: `next_power_of_two` counts leading zeros, ~100 bytes of bit tricks
            // on a core without a count instruction.
            let mut n = 2 * LINEAR_MAX;
            while n < cap * 2 {
                n *= 2;
            }
            let words = 1 + (n * slot_bytes(n)).div_ceil(4);
            match self.alloc(Kind::RawBytes, n as u32, words) {
                Ok(b) => {
                    let at = crate::heap::Heap::base(b);
                    if let Some(slots) = self.heap.words.get_mut(at + 1..at + words) {
                        slots.fill(0);
                    }
                    Value::handle(b)
                }
                Err(e) => {
                    self.unpin(1);
                    return Err(e);
                }
            }
        } else {
            Value::NULL
        };
        self.unpin(1);
        let old = self.heap.val(d, ENTRIES);
        let used = self.dict_used(d);
        let mut n = 0;
        if old.is_heap() {
            let ob = Runtime::blk(old);
            for i in 0..used {
                let k = self.heap.val(ob, 2 + 3 * i);
                if k.is_null() {
                    continue;
                }
                for w in 0..3 {
                    let x = self.heap.val(ob, 1 + 3 * i + w);
                    self.heap.set_val(entries, 1 + 3 * n + w, x);
                }
                n += 1;
            }
            self.heap.free(ob);
        }
        let oldidx = self.heap.val(d, INDEX);
        if oldidx.is_heap() {
            self.heap.free(Runtime::blk(oldidx));
        }
        self.heap.set_val(d, ENTRIES, Value::handle(entries));
        self.heap.set_val(d, INDEX, index);
        self.set_dict_used(d, n);
        if let Some(ib) = index.as_heap() {
            for i in 0..n {
                let h = self.heap.val(entries, 1 + 3 * i).as_small().unwrap_or(0) as u32;
                self.index_insert(ib, h, i);
            }
        }
        Ok(())
    }

    fn index_insert(&mut self, ib: u32, hash: u32, entry: usize) {
        let n = self.heap.aux(ib) as usize;
        let lg = slot_log2(n);
        let mut s = hash as usize & (n - 1);
        while self.index_slot(ib, lg, s) != 0 {
            s = (s + 1) & (n - 1);
        }
        let (w, shift, mask) = slot_place(lg, s);
        let old = self.heap.get(ib, w);
        let v = (old & !(mask << shift)) | ((entry as u32 + 1) << shift);
        self.heap.set(ib, w, v);
    }

    /// Index slot `s` of index `ib` (slots `1 << lg` bytes wide): an entry number plus one,
    /// 0 when empty.
    #[inline(always)]
    fn index_slot(&self, ib: u32, lg: u32, s: usize) -> usize {
        let (w, shift, mask) = slot_place(lg, s);
        ((self.heap.get(ib, w) >> shift) & mask) as usize
    }

    /// Do dict keys `a` and `b` match (identity, then equality)?
    fn key_eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if a == b {
            return Ok(true);
        }
        if a.is_qstr() && b.is_qstr() {
            return Ok(false);
        }
        if a.is_small() && b.is_small() {
            return Ok(false);
        }
        self.eq(a, b)
    }

    /// Find the entry of `key` (with hash `h`). A key's `__eq__` may change the table; then
    /// the answer of that comparison is stale and the search starts over, as CPython's does.
    fn dict_find(&mut self, dv: Value, key: Value, h: u32) -> PyResult<Option<usize>> {
        'search: loop {
            let d = Runtime::blk(dv);
            let ev = self.heap.val(d, ENTRIES);
            if !ev.is_heap() {
                return Ok(None);
            }
            let hv = Value::small(h as i32);
            let index = self.heap.val(d, INDEX);
            let used = self.dict_used(d);
            let n = index.as_heap().map_or(1, |ib| self.heap.aux(ib) as usize);
            let (mask, lg) = (n - 1, slot_log2(n));
            let mut s = h as usize & mask;
            for probe in 0.. {
                let i = match index.as_heap() {
                    Some(ib) => match self.index_slot(ib, lg, s) {
                        0 => return Ok(None),
                        i => i - 1,
                    },
                    None if probe < used => probe,
                    None => return Ok(None),
                };
                s = (s + 1) & mask;
                let e = Runtime::blk(ev);
                if self.heap.val(e, 1 + 3 * i) != hv {
                    continue;
                }
                let k = self.heap.val(e, 2 + 3 * i);
                if k.is_null() {
                    continue;
                }
                let same = self.key_eq(k, key)?;
                let unchanged = self.heap.val(d, ENTRIES) == ev
                    && self.heap.val(d, INDEX) == index
                    && self.heap.val(e, 2 + 3 * i) == k;
                if !unchanged {
                    continue 'search;
                }
                if same {
                    return Ok(Some(i));
                }
            }
            return Ok(None);
        }
    }

    /// `d.get(key)`.
    pub fn dict_get(&mut self, dv: Value, key: Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        Ok(self
            .dict_find(dv, key, h)?
            .map(|i| self.dict_entry(dv, i).map_or(Value::NULL, |e| e.1)))
    }

    /// Lookup by an interned name (no user code can run: qstr keys compare by identity, and a
    /// heap str key with the same text compares equal by text).
    pub fn dict_get_q(&mut self, dv: Value, key: Value) -> Option<Value> {
        let d = Runtime::blk(dv);
        if self.heap.val(d, INDEX).is_null() {
            let used = self.dict_used(d);
            let e = self.heap.val(d, ENTRIES).as_heap()?;
            for i in 0..used {
                if self.heap.val(e, 2 + 3 * i) == key {
                    return Some(self.heap.val(e, 3 + 3 * i));
                }
            }
            if !self.heap_key_may_match(e, used, key) {
                return None;
            }
        }
        let h = self.hash(key).ok()?;
        let i = self.dict_find(dv, key, h).ok().flatten()?;
        self.dict_entry(dv, i).map(|e| e.1)
    }

    /// The entry number of `key` (an interned name) in `dv`, as `dict_get_q` finds it.
    pub fn dict_index_q(&mut self, dv: Value, key: Value) -> Option<usize> {
        let d = Runtime::blk(dv);
        if self.heap.val(d, INDEX).is_null() {
            let used = self.dict_used(d);
            let e = self.heap.val(d, ENTRIES).as_heap()?;
            for i in 0..used {
                if self.heap.val(e, 2 + 3 * i) == key {
                    return Some(i);
                }
            }
            if !self.heap_key_may_match(e, used, key) {
                return None;
            }
        }
        let h = self.hash(key).ok()?;
        self.dict_find(dv, key, h).ok().flatten()
    }

    /// Where interned name `key` is in a linearly searched `dv`, found without hashing.
    #[inline(always)]
    pub(crate) fn dict_linear_slot(&self, dv: Value, key: Value) -> Linear {
        // The whole dict block in one range check instead of one per word read.
        let at = Heap::base(Runtime::blk(dv));
        let Some(&[header, _, entries, index]) = self.heap.words.get(at..at + 4) else {
            return Linear::Unknown;
        };
        if !Value(index).is_null() {
            return Linear::Unknown;
        }
        let used = (header >> 8 >> USED_SHIFT) as usize;
        let Some(e) = Value(entries).as_heap() else {
            return Linear::Absent;
        };
        // Interned names are unique, so only a heap key (a str built at run time) can equal
        // `key` without being it.
        let mut heap_keys = false;
        let first = crate::heap::Heap::base(e) + 2;
        for i in 0..used {
            let k = Value(self.heap.word(first + 3 * i));
            if k == key {
                return Linear::Found(first + 3 * i + 1);
            }
            heap_keys |= k.is_heap();
        }
        if heap_keys && self.heap_key_may_match(e, used, key) {
            return Linear::Unknown;
        }
        Linear::Absent
    }

    /// After `key` missed by identity in the `used` linear entries `e`: could a heap key still
    /// match it? For an interned name only a heap str with the same text can, and it has the
    /// same hash, so the general search is needed only if such a key is there.
    fn heap_key_may_match(&self, e: u32, used: usize, key: Value) -> bool {
        let Some(q) = key.as_qstr() else {
            return true;
        };
        let hv = Value::small(self.qstrs.hash(q) as i32);
        (0..used)
            .any(|i| self.heap.val(e, 1 + 3 * i) == hv && self.heap.val(e, 2 + 3 * i).is_heap())
    }

    /// Append `key = value` to a small table (no index, no class namespace) that has room,
    /// for a `key` the caller knows is an interned name it does not hold (`Linear::Absent`);
    /// false, with nothing done, when the general `dict_set` must add it.
    pub(crate) fn dict_append_linear(&mut self, dv: Value, key: Value, value: Value) -> bool {
        let Some(q) = key.as_qstr() else {
            return false;
        };
        let d = Runtime::blk(dv);
        let used = self.dict_used(d);
        if !self.heap.val(d, INDEX).is_null()
            || self.heap.aux(d) & crate::obj::class_cache::DICT_CLASS_NS != 0
            || used >= self.dict_cap(d)
        {
            return false;
        }
        self.note_dict_key_added(dv);
        let h = self.qstrs.hash(q);
        self.push_entry(dv, used, h, key, value);
        true
    }

    /// Write `key = value` (hash `h`) into entry `used` of dict `dv`, which has room for it,
    /// and count it.
    #[inline(always)]
    fn push_entry(&mut self, dv: Value, used: usize, h: u32, key: Value, value: Value) {
        let d = Runtime::blk(dv);
        let e = Runtime::blk(self.heap.val(d, ENTRIES));
        self.heap.set_val(e, 1 + 3 * used, Value::small(h as i32));
        self.heap.set_val(e, 2 + 3 * used, key);
        self.heap.set_val(e, 3 + 3 * used, value);
        self.set_dict_used(d, used + 1);
        let len = self.dict_len(dv);
        self.heap.set_val(d, LEN, Value::small(len as i32 + 1));
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, dv: Value, key: Value, value: Value) -> PyResult<()> {
        // An interned name in a small table (an instance attribute): rebound, or known to be
        // new, by identity alone.
        let absent = key.is_qstr()
            && match self.dict_linear_slot(dv, key) {
                Linear::Found(w) => {
                    *self.heap.word_mut(w) = value.0;
                    return Ok(());
                }
                Linear::Absent => true,
                Linear::Unknown => false,
            };
        let h = self.hash(key)?;
        if !absent {
            if let Some(i) = self.dict_find(dv, key, h)? {
                let e = Runtime::blk(self.heap.val(Runtime::blk(dv), ENTRIES));
                self.heap.set_val(e, 3 + 3 * i, value);
                return Ok(());
            }
        }
        self.note_dict_key_added(dv);
        let d = Runtime::blk(dv);
        if self.heap.aux(d) & crate::obj::class_cache::DICT_CLASS_NS != 0 {
            self.note_class_changed();
        }
        let used = self.dict_used(d);
        if used >= self.dict_cap(d) {
            self.pins.extend_from_slice(&[dv, key, value]);
            let len = self.dict_len(dv);
            let r = self.dict_resize(dv, grown_cap(len));
            self.unpin(3);
            r?;
        }
        let used = self.dict_used(d);
        self.push_entry(dv, used, h, key, value);
        if let Some(ib) = self.heap.val(d, INDEX).as_heap() {
            self.index_insert(ib, h, used);
        }
        Ok(())
    }

    /// Remove `key`; returns its value if it was present.
    pub fn dict_del(&mut self, dv: Value, key: Value) -> PyResult<Option<Value>> {
        let h = self.hash(key)?;
        let Some(i) = self.dict_find(dv, key, h)? else {
            return Ok(None);
        };
        let d = Runtime::blk(dv);
        let e = Runtime::blk(self.heap.val(d, ENTRIES));
        let v = self.heap.val(e, 3 + 3 * i);
        self.heap.set_val(e, 2 + 3 * i, Value::NULL);
        self.heap.set_val(e, 3 + 3 * i, Value::NULL);
        let len = self.dict_len(dv);
        self.heap.set_val(d, LEN, Value::small(len as i32 - 1));
        Ok(Some(v))
    }

    /// Remove every entry.
    pub fn dict_clear(&mut self, dv: Value) {
        let d = Runtime::blk(dv);
        for w in [ENTRIES, INDEX] {
            let v = self.heap.val(d, w);
            if let Some(b) = v.as_heap() {
                self.heap.free(b);
            }
            self.heap.set_val(d, w, Value::NULL);
        }
        self.heap.set_val(d, LEN, Value::small(0));
        self.set_dict_used(d, 0);
    }

    /// Is `v` a dict?
    #[inline]
    pub fn is_dict(&self, v: Value) -> bool {
        self.kind(v) == Some(Kind::Dict)
    }

    /// Is `v` a set or frozenset?
    #[inline]
    pub fn is_set(&self, v: Value) -> bool {
        matches!(self.kind(v), Some(Kind::Set | Kind::FrozenSet))
    }
}
