//! Subscripts: `c[k]`, `c[k] = v`, `del c[k]` for every builtin container, slices with steps,
//! slice assignment, and `__getitem__`/`__setitem__`/`__delitem__` on user classes.

use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::LIST_LEN;
use crate::obj::range::{slice_adjust, SliceParts};
use crate::qstr::*;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

impl Runtime {
    /// Normalise index `k` against `len` (`IndexError` with `what` in the message).
    pub fn seq_index(&mut self, k: Value, len: usize, what: &str) -> PyResult<usize> {
        if self.kind(k) == Some(Kind::Instance) {
            if let Some(r) = self.call_special(k, Q___INDEX__, &[])? {
                if self.is_int(r) {
                    return self.seq_index(r, len, what);
                }
            }
            // An int subclass indexes by its int value.
            if let Some(b) = self.base_value(k).filter(|b| self.is_int(*b)) {
                return self.seq_index(b, len, what);
            }
        }
        let i = match k.as_small() {
            Some(i) => i as i64,
            None => {
                if !self.is_int(k) && what == "string" {
                    // CPython 3.11 words str's own message differently from the others'.
                    return Err(self.type_error_naming(
                        "string indices must be integers, not '",
                        k,
                        "'",
                    ));
                }
                if !self.is_int(k) {
                    // The type's name alone: 'list' for "list assignment", 'range' for
                    // "range object".
                    let noun = match what.bytes().position(|b| b == b' ') {
                        Some(end) => what.get(..end).unwrap_or(what),
                        None => what,
                    };
                    return Err(self.type_error_with(
                        "{} indices must be integers or slices, not {}",
                        &[noun.arg(), self.type_name(k).arg()],
                    ));
                }
                match self.to_i64(k) {
                    Some(i) => i,
                    None => {
                        return Err(self.raise(
                            ExcKind::IndexError,
                            crate::packed!("cannot fit 'int' into an index-sized integer"),
                        ))
                    }
                }
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            // CPython names every sequence in this message but bytes ("byte" is only in the
            // TypeError above).
            if what == "byte" {
                return Err(self.raise(ExcKind::IndexError, crate::packed!("index out of range")));
            }
            return Err(self.raise_with(
                ExcKind::IndexError,
                "{} index out of range",
                &[what.arg()],
            ));
        }
        Ok(j as usize)
    }

    fn key_error(&mut self, k: Value) -> Raised {
        self.pin(k);
        let e = self
            .exc_class(ExcKind::KeyError)
            .and_then(|cls| self.new_exception(cls, &[k]));
        self.unpin(1);
        match e {
            Ok(e) => self.raise_value(e),
            Err(r) => r,
        }
    }

    /// `c[k]`.
    pub fn getitem(&mut self, c: Value, k: Value) -> PyResult<Value> {
        let is_slice = self.heap.is_kind(k, Kind::Slice);
        if self.is_str(c) {
            let ascii = self.str_is_ascii(c);
            let s = self.str_text(c).unwrap_or("");
            // An ASCII text's byte offsets are its char offsets: no decoding.
            let len = if ascii { s.len() } else { s.chars().count() };
            if is_slice {
                let (start, _, step, n) = self.slice_indices(k, len)?;
                let s = self.str_text(c).unwrap_or("");
                if ascii {
                    // Only the chars taken are copied (a parser slicing tokens out of a long
                    // text would otherwise copy all of it per slice).
                    return self.new_str_utf8(&pick(s.as_bytes(), start, step, n));
                }
                let chars: Vec<char> = s.chars().collect();
                let out: alloc::string::String = pick(&chars, start, step, n).into_iter().collect();
                return self.new_str(&out);
            }
            let i = self.seq_index(k, len, "string")?;
            let s = self.str_text(c).unwrap_or("");
            let ch = if ascii {
                // The byte copied out (no `String` on the Rust heap for one character).
                s.as_bytes().get(i).map(|&b| char::from(b))
            } else {
                s.chars().nth(i)
            };
            return match ch {
                Some(ch) => self.char_str(ch),
                None => self.new_str(""),
            };
        }
        let kind = self.kind(c);
        match kind {
            Some(Kind::List) | Some(Kind::Tuple) => {
                if is_slice {
                    return self.seq_slice(c, k);
                }
                let len = self.seq_len(c);
                let what = if kind == Some(Kind::List) {
                    "list"
                } else {
                    "tuple"
                };
                let i = self.seq_index(k, len, what)?;
                Ok(self.seq_get(c, i))
            }
            Some(Kind::Dict) => match self.dict_get(c, k)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(k)),
            },
            Some(Kind::MemView) => self.memview_getitem(c, k),
            Some(Kind::Bytes) | Some(Kind::ByteArray) => {
                let len = self.bytes_of(c).map_or(0, <[u8]>::len);
                if is_slice {
                    let (start, _, step, n) = self.slice_indices(k, len)?;
                    let out = pick(self.bytes_of(c).unwrap_or(&[]), start, step, n);
                    return if kind == Some(Kind::Bytes) {
                        self.new_bytes(&out)
                    } else {
                        self.new_bytearray(&out)
                    };
                }
                let what = if kind == Some(Kind::Bytes) {
                    "byte"
                } else {
                    "bytearray"
                };
                let i = self.seq_index(k, len, what)?;
                let byte = self.bytes_of(c).and_then(|b| b.get(i).copied());
                Ok(Value::small(byte.map_or(0, i32::from)))
            }
            Some(Kind::Range) if is_slice => self.range_slice(c, k),
            Some(Kind::Range) if !self.range_is_small(c) => self.range_item_big(c, k),
            Some(Kind::Range) => {
                let (start, _, step) = self.range_parts(c);
                let len = self.range_len(c);
                let i = self.seq_index(k, len, "range object")?;
                self.new_int(start + i as i64 * step)
            }
            _ => {
                if let Some(r) = self.call_special(c, Q___GETITEM__, &[k])? {
                    return Ok(r);
                }
                if let Some(b) = self.base_value(c) {
                    return self.base_getitem(c, b, k);
                }
                if kind == Some(Kind::Class) || crate::runtime::TypeId::from_value(c).is_some() {
                    return Ok(c);
                }
                Err(self.type_error_naming("'", c, "' object is not subscriptable"))
            }
        }
    }

    /// `c[k] = v`.
    pub fn setitem(&mut self, c: Value, k: Value, v: Value) -> PyResult<()> {
        match self.kind(c) {
            Some(Kind::List) => {
                if self.heap.is_kind(k, Kind::Slice) {
                    return self.list_set_slice(c, k, v);
                }
                let len = self.seq_len(c);
                let i = self.seq_index(k, len, "list assignment")?;
                self.list_set(c, i, v);
                Ok(())
            }
            Some(Kind::Dict) => self.dict_set(c, k, v),
            Some(Kind::MemView) => self.memview_setitem(c, k, v),
            Some(Kind::ByteArray) => {
                if self.kind(k) == Some(Kind::Slice) {
                    return self.bytearray_set_slice(c, k, v);
                }
                let len = self.bytes_of(c).map_or(0, |b| b.len());
                let i = self.seq_index(k, len, "bytearray")?;
                let x = self.int_arg(v)?;
                if !(0..256).contains(&x) {
                    return Err(self.value_error(crate::packed!("byte must be in range(0, 256)")));
                }
                self.bytearray_set(c, i, x as u8);
                Ok(())
            }
            _ => {
                if self.call_special(c, Q___SETITEM__, &[k, v])?.is_some() {
                    return Ok(());
                }
                if let Some(b) = self.base_value(c) {
                    return self.setitem(b, k, v);
                }
                Err(self.type_error_naming("'", c, "' object does not support item assignment"))
            }
        }
    }

    /// `c[k]` for a tuple or list `c` and a slice `k`: the items copied straight from `c`'s
    /// block into the new one's.
    fn seq_slice(&mut self, c: Value, k: Value) -> PyResult<Value> {
        let parts = self.slice_parts(k)?;
        self.seq_slice_parts(c, parts)
    }

    /// `c[start:stop]` without a slice object, for the interpreter's `BUILD_SLICE` followed by
    /// `BINARY_SUBSCR`: a list or tuple `c` with small-int or None bounds, else None (nothing
    /// done; the caller builds the slice).
    pub(crate) fn seq_slice_bounds(
        &mut self,
        c: Value,
        bounds: [Value; 3],
    ) -> PyResult<Option<Value>> {
        let seq = self.heap.is_kind(c, Kind::List) || self.heap.is_kind(c, Kind::Tuple);
        match (seq, small_slice(bounds)) {
            (true, Some(parts)) => self.seq_slice_parts(c, parts).map(Some),
            _ => Ok(None),
        }
    }

    /// `c[start:stop:step] = v` without a slice object, for the interpreter's `BUILD_SLICE`
    /// followed by `STORE_SUBSCR`: done (true) when `c` is a list, the bounds small ints or
    /// None, and `v` another list or tuple of the slice's size; else nothing done.
    pub(crate) fn list_store_slice_bounds(
        &mut self,
        c: Value,
        bounds: [Value; 3],
        v: Value,
    ) -> bool {
        match small_slice(bounds) {
            Some(parts) if self.heap.is_kind(c, Kind::List) => {
                self.list_set_slice_same_size(c, parts, v)
            }
            _ => false,
        }
    }

    fn seq_slice_parts(&mut self, c: Value, parts: SliceParts) -> PyResult<Value> {
        let (start, _, step, n) = slice_adjust(parts, self.seq_len(c));
        let is_list = self.heap.is_kind(c, Kind::List);
        self.pin(c);
        let out = if is_list {
            self.new_list_cap(n)
        } else {
            self.alloc(Kind::Tuple, n as u32, 1 + n).map(Value::handle)
        };
        self.unpin(1);
        let out = out?;
        let (Some((from, fs, len)), Some((to, ts, _))) = (self.seq_raw(c), self.seq_raw(out))
        else {
            return Ok(out);
        };
        for i in 0..n {
            let j = (start + i as i64 * step) as usize;
            let v = if j < len {
                self.heap.val(from, fs + j)
            } else {
                Value::NONE
            };
            self.heap.set_val(to, ts + i, v);
        }
        if is_list {
            self.heap
                .set_val(Runtime::blk(out), LIST_LEN, Value::small(n as i32));
        }
        Ok(out)
    }

    fn list_set_slice(&mut self, l: Value, k: Value, v: Value) -> PyResult<()> {
        let parts = self.slice_parts(k)?;
        if self.list_set_slice_same_size(l, parts, v) {
            return Ok(());
        }
        let start_pins = self.pins.len();
        // A list or tuple other than `l` is read in place; anything else is drained first
        // (which may run code that changes `l`, so `l`'s length is read after).
        let direct = v != l && self.seq_raw(v).is_some();
        let r = if direct {
            self.pin(v);
            Ok(Vec::new())
        } else {
            self.collect_pinned(v)
        };
        let r = r.and_then(|new| {
            let (start, stop, step, n) = slice_adjust(parts, self.seq_len(l));
            let m = if direct { self.seq_len(v) } else { new.len() };
            if step == 1 {
                self.list_splice(l, start as usize, stop.max(start) as usize, m)?;
                self.list_fill(l, start as usize, 1, if direct { Err(v) } else { Ok(&new) });
                Ok(())
            } else if m != n {
                Err(self.value_error_with(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    &[m.arg(), n.arg()],
                ))
            } else {
                self.list_fill(
                    l,
                    start as usize,
                    step,
                    if direct { Err(v) } else { Ok(&new) },
                );
                Ok(())
            }
        });
        self.pins.truncate(start_pins);
        r
    }

    /// `l[parts] = v` done when `v` is a list or tuple other than `l` with as many items as
    /// the slice selects (fannkuch's flips and rotations): copied in place, nothing allocated.
    /// False (nothing changed) otherwise.
    fn list_set_slice_same_size(&mut self, l: Value, parts: SliceParts, v: Value) -> bool {
        let (Some((lb, ls, len)), Some((vb, vs, m))) = (self.seq_raw(l), self.seq_raw(v)) else {
            return false;
        };
        let (start, _, step, n) = slice_adjust(parts, len);
        if v == l || m != n {
            return false;
        }
        for i in 0..m {
            let j = (start + i as i64 * step) as usize;
            let x = self.heap.val(vb, vs + i);
            self.heap.set_val(lb, ls + j, x);
        }
        true
    }

    /// Make items `lo..hi` of list `l` into `m` slots (their values to be written by
    /// `list_fill`), moving the items after them.
    fn list_splice(&mut self, l: Value, lo: usize, hi: usize, m: usize) -> PyResult<()> {
        let len = self.seq_len(l);
        let (lo, hi) = (lo.min(len), hi.min(len));
        if m > hi - lo {
            self.list_reserve(l, m - (hi - lo))?;
        }
        let Some((b, s, _)) = self.seq_raw(l) else {
            return Ok(());
        };
        let base = crate::heap::Heap::base(b) + s;
        let new_len = len - (hi - lo) + m;
        if hi < len {
            self.heap
                .words
                .copy_within(base + hi..base + len, base + lo + m);
        }
        for i in new_len..len {
            self.heap.set_val(b, s + i, Value::NULL);
        }
        self.heap
            .set_val(Runtime::blk(l), LIST_LEN, Value::small(new_len as i32));
        Ok(())
    }

    /// Write items `start`, `start + step`, … of list `l` from `src`: a Rust copy, or (as
    /// `Err`) a tuple or list other than `l` read in place. The caller sized `l` to hold them.
    fn list_fill(&mut self, l: Value, start: usize, step: i64, src: Result<&Vec<Value>, Value>) {
        let Some((b, s, len)) = self.seq_raw(l) else {
            return;
        };
        let (from, fs, m) = match src {
            Ok(items) => (None, 0, items.len()),
            Err(v) => match self.seq_raw(v) {
                Some((vb, vs, vlen)) => (Some(vb), vs, vlen),
                None => return,
            },
        };
        for i in 0..m {
            let x = match (from, &src) {
                (Some(vb), _) => self.heap.val(vb, fs + i),
                (None, Ok(items)) => match items.get(i) {
                    Some(x) => *x,
                    None => return,
                },
                _ => return,
            };
            let j = (start as i64 + i as i64 * step) as usize;
            if j < len {
                self.heap.set_val(b, s + j, x);
            }
        }
    }

    /// `del c[k]`.
    pub fn delitem(&mut self, c: Value, k: Value) -> PyResult<()> {
        match self.kind(c) {
            Some(Kind::List) => {
                let len = self.seq_len(c);
                if self.kind(k) == Some(Kind::Slice) {
                    let (start, _, step, n) = self.slice_indices(k, len)?;
                    // Item `i` is the slice's item `(i - start) / step` when that divides.
                    let taken = |i: usize| {
                        let d = i as i64 - start;
                        d.checked_rem(step) == Some(0)
                            && d.checked_div(step)
                                .is_some_and(|j| (0..n as i64).contains(&j))
                    };
                    // Read again: the slice's `__index__` methods may have changed the list.
                    let now = self.seq_len(c);
                    let mut items = Vec::with_capacity(now);
                    for i in 0..now {
                        if !taken(i) {
                            items.push(self.seq_get(c, i));
                        }
                    }
                    return self.list_set_items(c, &items);
                }
                let i = self.seq_index(k, len, "list assignment")?;
                self.list_pop(c, i);
                Ok(())
            }
            Some(Kind::ByteArray) => self.bytearray_del(c, k),
            Some(Kind::Dict) => match self.dict_del(c, k)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(k)),
            },
            _ => {
                if self.call_special(c, Q___DELITEM__, &[k])?.is_some() {
                    return Ok(());
                }
                if let Some(b) = self.base_value(c) {
                    return self.delitem(b, k);
                }
                Err(self.type_error_naming("'", c, "' object doesn't support item deletion"))
            }
        }
    }

    /// `KeyError(k)` raised.
    pub fn raise_key_error(&mut self, k: Value) -> Raised {
        self.key_error(k)
    }
}

/// Items `start`, `start + step`, … (`n` of them, indices `slice_indices` gave for `items`).
fn pick<T: Copy + Default>(items: &[T], start: i64, step: i64, n: usize) -> Vec<T> {
    (0..n)
        .map(|i| {
            let at = (start + i as i64 * step) as usize;
            items.get(at).copied().unwrap_or_default()
        })
        .collect()
}

/// Slice bounds that are small ints or None, with a non-zero step, as `SliceParts`.
fn small_slice([start, stop, step]: [Value; 3]) -> Option<SliceParts> {
    let bound = |v: Value| match v.as_small() {
        Some(i) => Some(Some(i as i64)),
        None if v == Value::NONE => Some(None),
        None => None,
    };
    let step = match bound(step)? {
        None => 1,
        Some(0) => return None,
        Some(s) => s,
    };
    Some((bound(start)?, bound(stop)?, step))
}
