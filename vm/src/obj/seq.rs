//! `tuple` (`[hdr(len), items…]`) and `list` (`[hdr, len, items Array]`), plus the `Array`
//! backing store (`[hdr(cap), values…]`) that lists and dicts grow by reallocation.

use crate::heap::Heap;
use crate::obj::kind::Kind;
use crate::obj::layout::{LIST_ITEMS, LIST_LEN};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

/// Largest value the 24-bit header aux field holds (array capacities).
const MAX_AUX: usize = (1 << 24) - 1;

impl Runtime {
    /// A tuple of `items` (pinned while allocating).
    pub fn new_tuple(&mut self, items: &[Value]) -> PyResult<Value> {
        let start = self.pins.len();
        self.pin_all(items);
        let r = self.alloc(Kind::Tuple, items.len() as u32, 1 + items.len());
        self.pins.truncate(start);
        let b = r?;
        for (i, v) in items.iter().enumerate() {
            self.heap.set_val(b, 1 + i, *v);
        }
        Ok(Value::handle(b))
    }

    /// Items of a tuple or list, as a Rust copy (they stay rooted by their container).
    pub fn seq_items(&self, v: Value) -> Option<Vec<Value>> {
        let (b, start, len) = self.seq_raw(v)?;
        Some((0..len).map(|i| self.heap.val(b, start + i)).collect())
    }

    /// [`Runtime::seq_items`], empty for anything but a tuple or list: one call where the
    /// `Option`'s unwrapping would be inlined at each place.
    #[inline(never)]
    pub fn seq_items_or_empty(&self, v: Value) -> Vec<Value> {
        self.seq_items(v).unwrap_or_default()
    }

    /// `seq_raw` inlined whole, for the interpreter's subscript and unpack fast paths: two
    /// header tests instead of a call that decodes the kind.
    #[inline(always)]
    pub(crate) fn seq_raw_inline(&self, v: Value) -> Option<(u32, usize, usize)> {
        let b = Runtime::blk(v);
        if !v.is_heap() {
            return None;
        }
        // A list's header, length and item array in one range check (the block's four words
        // are all inside the arena when its header is).
        const _: () = assert!(LIST_LEN == 1 && LIST_ITEMS == 2);
        let at = Heap::base(b);
        let &[header, len, arr] = self.heap.words.get(at..at + 3)? else {
            return None;
        };
        if header & 0xff == Kind::List as u32 {
            let len = Value(len).as_small().unwrap_or(0) as usize;
            let arr = Value(arr);
            if !arr.is_heap() {
                return Some((b, 3, 0));
            }
            Some((Runtime::blk(arr), 1, len))
        } else if header & 0xff == Kind::Tuple as u32 {
            Some((b, 1, (header >> 8) as usize))
        } else {
            None
        }
    }

    /// `(block, first item word, len)` of a tuple's or list's items (two header tests, not
    /// a decode of the kind).
    #[inline]
    pub fn seq_raw(&self, v: Value) -> Option<(u32, usize, usize)> {
        self.seq_raw_inline(v)
    }

    /// Length of a tuple or list.
    #[inline]
    pub fn seq_len(&self, v: Value) -> usize {
        self.seq_raw(v).map_or(0, |r| r.2)
    }

    /// Item `i` of a tuple or list (caller checked the bound).
    #[inline]
    pub fn seq_get(&self, v: Value, i: usize) -> Value {
        match self.seq_raw(v) {
            Some((b, s, len)) if i < len => self.heap.val(b, s + i),
            _ => Value::NULL,
        }
    }

    /// A list with `items` (pinned while allocating).
    pub fn new_list(&mut self, items: &[Value]) -> PyResult<Value> {
        let start = self.pins.len();
        self.pin_all(items);
        let r = self.new_list_cap(items.len());
        self.pins.truncate(start);
        let l = r?;
        if !items.is_empty() {
            let arr = Runtime::blk(self.heap.val(Runtime::blk(l), LIST_ITEMS));
            for (i, v) in items.iter().enumerate() {
                self.heap.set_val(arr, 1 + i, *v);
            }
            self.heap
                .set_val(Runtime::blk(l), 1, Value::small(items.len() as i32));
        }
        Ok(l)
    }

    /// An empty list with room for `cap` items.
    pub fn new_list_cap(&mut self, cap: usize) -> PyResult<Value> {
        if cap > MAX_AUX {
            return Err(self.raise(crate::obj::exception::ExcKind::MemoryError, ""));
        }
        let l = self.alloc(Kind::List, 0, 3)?;
        self.heap.set_val(l, LIST_LEN, Value::small(0));
        if cap > 0 {
            self.pin(Value::handle(l));
            let arr = self.alloc(Kind::Array, cap as u32, 1 + cap);
            self.unpin(1);
            self.heap.set_val(l, LIST_ITEMS, Value::handle(arr?));
        }
        Ok(Value::handle(l))
    }

    /// Capacity of a list's backing array (kept in the array's header so appends need not
    /// walk the allocation table).
    fn list_cap(&self, l: u32) -> usize {
        let arr = self.heap.val(l, LIST_ITEMS);
        if arr.is_heap() {
            self.heap.aux(Runtime::blk(arr)) as usize
        } else {
            0
        }
    }

    /// Make room for `extra` more items in list `l` (pinned by the caller's stack).
    pub fn list_reserve(&mut self, lv: Value, extra: usize) -> PyResult<()> {
        let l = Runtime::blk(lv);
        let len = self.heap.val(l, LIST_LEN).as_small().unwrap_or(0) as usize;
        let cap = self.list_cap(l);
        if len + extra <= cap {
            return Ok(());
        }
        let want = (len + extra)
            .max(cap + cap / 2)
            .max(4)
            .min(MAX_AUX.max(len + extra));
        let old = self.heap.val(l, LIST_ITEMS);
        if let Some(ob) = old.as_heap() {
            // Grow in place by just what is needed, so a list built by appends holds no spare
            // room; each step is O(1), as the array's header knows its capacity.
            if len + extra <= MAX_AUX {
                if let Some(words) = self.heap.try_extend(ob, 1 + cap, 1 + len + extra) {
                    self.heap.set_aux(ob, (words - 1).min(MAX_AUX) as u32);
                    return Ok(());
                }
            }
        }
        if want > MAX_AUX {
            return Err(self.raise(crate::obj::exception::ExcKind::MemoryError, ""));
        }
        self.pin(lv);
        let r = self.alloc(Kind::Array, want as u32, 1 + want);
        self.unpin(1);
        let new = r?;
        let old = self.heap.val(l, LIST_ITEMS);
        if old.is_heap() {
            let ob = Runtime::blk(old);
            let (from, to) = (
                crate::heap::Heap::base(ob) + 1,
                crate::heap::Heap::base(new) + 1,
            );
            if from + len <= self.heap.words.len() && to + len <= self.heap.words.len() {
                self.heap.words.copy_within(from..from + len, to);
            }
            self.heap.free(ob);
        }
        self.heap.set_val(l, LIST_ITEMS, Value::handle(new));
        Ok(())
    }

    /// `list.append(v)`.
    pub fn list_append(&mut self, lv: Value, v: Value) -> PyResult<()> {
        let l = Runtime::blk(lv);
        let len = self.heap.val(l, LIST_LEN).as_small().unwrap_or(0) as usize;
        if len >= self.list_cap(l) {
            // Growing changes the items array, not the length.
            self.pin(v);
            let r = self.list_reserve(lv, 1);
            self.unpin(1);
            r?;
        }
        let arr = Runtime::blk(self.heap.val(l, LIST_ITEMS));
        self.heap.set_val(arr, 1 + len, v);
        self.heap.set_val(l, LIST_LEN, Value::small(len as i32 + 1));
        Ok(())
    }

    /// Set item `i` of a list (caller checked the bound).
    pub fn list_set(&mut self, lv: Value, i: usize, v: Value) {
        if let Some((b, s, len)) = self.seq_raw(lv) {
            if i < len {
                self.heap.set_val(b, s + i, v);
            }
        }
    }

    /// Replace the items of list `lv` with `items`.
    pub fn list_set_items(&mut self, lv: Value, items: &[Value]) -> PyResult<()> {
        let l = Runtime::blk(lv);
        let start = self.pins.len();
        self.pin_all(items);
        self.heap.set_val(l, LIST_LEN, Value::small(0));
        let r = self.list_reserve(lv, items.len());
        self.pins.truncate(start);
        r?;
        if !items.is_empty() {
            let arr = Runtime::blk(self.heap.val(l, LIST_ITEMS));
            for (i, v) in items.iter().enumerate() {
                self.heap.set_val(arr, 1 + i, *v);
            }
        }
        self.heap
            .set_val(l, LIST_LEN, Value::small(items.len() as i32));
        Ok(())
    }

    /// Remove and return item `i` of a list (caller checked the bound).
    pub fn list_pop(&mut self, lv: Value, i: usize) -> Value {
        let Some((b, s, len)) = self.seq_raw(lv) else {
            return Value::NULL;
        };
        if i >= len {
            return Value::NULL;
        }
        let v = self.heap.val(b, s + i);
        for j in i..len - 1 {
            let n = self.heap.val(b, s + j + 1);
            self.heap.set_val(b, s + j, n);
        }
        self.heap.set_val(b, s + len - 1, Value::NULL);
        self.heap
            .set_val(Runtime::blk(lv), 1, Value::small(len as i32 - 1));
        v
    }

    /// Insert `v` at `i` (clamped) into a list.
    pub fn list_insert(&mut self, lv: Value, i: usize, v: Value) -> PyResult<()> {
        self.list_append(lv, v)?;
        let Some((b, s, len)) = self.seq_raw(lv) else {
            return Ok(());
        };
        let i = i.min(len - 1);
        for j in (i..len - 1).rev() {
            let n = self.heap.val(b, s + j);
            self.heap.set_val(b, s + j + 1, n);
        }
        self.heap.set_val(b, s + i, v);
        Ok(())
    }
}
