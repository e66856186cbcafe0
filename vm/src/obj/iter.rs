//! Iteration: builtin iterator objects (`[hdr(IterKind), a, b, c]`), `iter()`/`next()` over
//! every iterable, and the helpers that drain an iterable into a Rust vector.

use crate::format::message::ToArg;
use crate::interp::nesting::PLAIN;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{
    ITER_A, ITER_B, ITER_C, ITER_D, RANGE_START, RANGE_STEP, RANGE_STOP, VIEW_DICT,
};
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::{Value, STATIC_TYPE_BASE};
use alloc::vec::Vec;

/// What a builtin iterator walks.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum IterKind {
    /// list/tuple: `[seq, index]`.
    Seq = 1,
    /// range: `[next, stop, step]`.
    Range,
    /// str: `[str, byte offset]`.
    Str,
    /// bytes/bytearray: `[bytes, index]`.
    Bytes,
    /// dict keys / set items: `[dict, entry index]`.
    DictKeys,
    /// dict values: `[dict, entry index]`.
    DictValues,
    /// dict items: `[dict, entry index]`.
    DictItems,
    /// `enumerate`: `[iter, count]`.
    Enumerate,
    /// `zip`: `[tuple of iters]`.
    Zip,
    /// `map`: `[func, tuple of iters]`.
    Map,
    /// `filter`: `[func, iter]`.
    Filter,
    /// `reversed` over a sequence: `[seq, next index + 1]`.
    Reversed,
    /// `iter(callable, sentinel)`: `[callable, sentinel]`.
    Callable,
    /// What `_net.suspend(value, result)` returns for asyncio: `[value, result, done]`.
    /// Awaiting it yields `value` to the scheduler once, then evaluates to `result`; the whole
    /// suspension is this one block (a coroutine would hold a frame while it waits).
    Suspend,
}

impl IterKind {
    fn from_u32(v: u32) -> Option<IterKind> {
        use IterKind::*;
        // A match, which LLVM folds to a range check (each kind is its own number): no table
        // to read, and this runs once per step of every builtin iterator.
        Some(match v {
            1 => Seq,
            2 => Range,
            3 => Str,
            4 => Bytes,
            5 => DictKeys,
            6 => DictValues,
            7 => DictItems,
            8 => Enumerate,
            9 => Zip,
            10 => Map,
            11 => Filter,
            12 => Reversed,
            13 => Callable,
            14 => Suspend,
            _ => return None,
        })
    }
}

impl Runtime {
    /// A new builtin iterator.
    pub fn new_iter(&mut self, kind: IterKind, fields: &[Value]) -> PyResult<Value> {
        let start = self.pins.len();
        self.pins.extend_from_slice(fields);
        let r = self.alloc(Kind::Iter, kind as u32, 1 + fields.len().max(3));
        self.pins.truncate(start);
        let b = r?;
        for (i, v) in fields.iter().enumerate() {
            self.heap.set_val(b, ITER_A + i, *v);
        }
        Ok(Value::handle(b))
    }

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: Value) -> PyResult<Value> {
        match self.iter_of(v)? {
            Some(it) => Ok(it),
            None => Err(self.type_error_naming("'", v, "' object is not iterable")),
        }
    }

    /// An iterator over `v`, or None when `v` is not iterable (each caller words its own
    /// TypeError: `iter()`'s and `in`'s differ).
    pub(crate) fn iter_of(&mut self, v: Value) -> PyResult<Option<Value>> {
        if self.is_str(v) {
            return self
                .new_iter(IterKind::Str, &[v, Value::small(0)])
                .map(Some);
        }
        match self.kind(v) {
            Some(Kind::List) | Some(Kind::Tuple) => self
                .new_iter(IterKind::Seq, &[v, Value::small(0)])
                .map(Some),
            Some(Kind::Range) => {
                if !self.range_is_small(v) {
                    // Big bounds: iterate by index through `range_item_big`.
                    return self
                        .new_iter(IterKind::Seq, &[v, Value::small(0)])
                        .map(Some);
                }
                let b = Runtime::blk(v);
                let (s, e, st) = (
                    self.heap.val(b, RANGE_START),
                    self.heap.val(b, RANGE_STOP),
                    self.heap.val(b, RANGE_STEP),
                );
                self.new_iter(IterKind::Range, &[s, e, st]).map(Some)
            }
            Some(Kind::Dict) | Some(Kind::Set) | Some(Kind::FrozenSet) => {
                let n = Value::small(self.dict_len(v) as i32);
                self.new_iter(IterKind::DictKeys, &[v, Value::small(0), n, n])
                    .map(Some)
            }
            Some(Kind::Bytes) | Some(Kind::ByteArray) | Some(Kind::MemView) => self
                .new_iter(IterKind::Bytes, &[v, Value::small(0)])
                .map(Some),
            Some(Kind::Generator) if self.is_coroutine(v) => Ok(None),
            Some(Kind::Iter) | Some(Kind::Generator) => Ok(Some(v)),
            Some(Kind::DictView) => {
                let b = Runtime::blk(v);
                let d = self.heap.val(b, VIEW_DICT);
                let kind = match self.heap.aux(b) {
                    0 => IterKind::DictKeys,
                    1 => IterKind::DictValues,
                    _ => IterKind::DictItems,
                };
                let n = Value::small(self.dict_len(d) as i32);
                self.new_iter(kind, &[d, Value::small(0), n, n]).map(Some)
            }
            _ => {
                if let Some(r) = self.call_special(v, Q___ITER__, &[])? {
                    return Ok(Some(r));
                }
                if let Some(b) = self.base_value(v) {
                    return self.iter_of(b);
                }
                if self.special(v, Q___GETITEM__).is_some() {
                    return self
                        .new_iter(IterKind::Seq, &[v, Value::small(0)])
                        .map(Some);
                }
                Ok(None)
            }
        }
    }

    /// Next item without allocating, for the common iterators; `None` if this iterator needs
    /// the general path.
    #[inline]
    pub fn fast_next(&mut self, it: Value) -> Option<Option<Value>> {
        let b = Runtime::blk(it);
        match IterKind::from_u32(self.heap.aux(b))? {
            IterKind::Range => {
                let cur = self.heap.val(b, ITER_A).as_small()?;
                let stop = self.heap.val(b, ITER_B).as_small()?;
                let step = self.heap.val(b, ITER_C).as_small()?;
                if (step > 0 && cur >= stop) || (step < 0 && cur <= stop) {
                    return Some(None);
                }
                let next = Value::try_small(cur as i64 + step as i64).unwrap_or(Value::small(stop));
                self.heap.set_val(b, ITER_A, next);
                Some(Some(Value::small(cur)))
            }
            IterKind::Seq => {
                let seq = self.heap.val(b, ITER_A);
                let (items, first, len) = self.seq_raw_inline(seq)?;
                let i = self.heap.val(b, ITER_B).as_small()? as usize;
                if i >= len {
                    return Some(None);
                }
                self.heap.set_val(b, ITER_B, Value::small(i as i32 + 1));
                Some(Some(self.heap.val(items, first + i)))
            }
            IterKind::DictKeys => match self.dict_iter_step(b) {
                Ok(entry) => Some(entry.map(|e| e.0)),
                Err(_) => None,
            },
            IterKind::Suspend => {
                if self.heap.val(b, ITER_C).is_null() {
                    self.heap.set_val(b, ITER_C, Value::TRUE);
                    return Some(Some(self.heap.val(b, ITER_A)));
                }
                self.stop_value = self.heap.val(b, ITER_B);
                Some(None)
            }
            _ => None,
        }
    }

    /// One step of a dict or set iterator `[table, entry position, size at start, items left]`:
    /// the next live entry, or the message of the RuntimeError CPython raises when the table
    /// changed size, or (for dicts) yields more keys than it had (keys replaced while iterated).
    /// Allocates nothing and changes nothing on an error, so the error repeats on every call.
    fn dict_iter_step(&mut self, b: u32) -> Result<Option<(Value, Value)>, &'static str> {
        let d = self.heap.val(b, ITER_A);
        let what = if self.is_dict(d) {
            "dictionary changed size during iteration"
        } else {
            "Set changed size during iteration"
        };
        let size = self.heap.val(b, ITER_C).as_small().ok_or(what)?;
        if size as usize != self.dict_len(d) {
            return Err(what);
        }
        let mut i = self.heap.val(b, ITER_B).as_small().unwrap_or(0) as usize;
        let left = self.heap.val(b, ITER_D).as_small().unwrap_or(0);
        loop {
            let Some((k, v)) = self.dict_entry(d, i) else {
                self.heap.set_val(b, ITER_B, Value::small(i as i32));
                return Ok(None);
            };
            i += 1;
            if k.is_null() {
                continue;
            }
            if left <= 0 && self.is_dict(d) {
                return Err("dictionary keys changed during iteration");
            }
            self.heap.set_val(b, ITER_B, Value::small(i as i32));
            self.heap.set_val(b, ITER_D, Value::small(left - 1));
            return Ok(Some((k, v)));
        }
    }

    /// `next(it)`: `Ok(None)` when exhausted.
    pub fn iter_next(&mut self, it: Value) -> PyResult<Option<Value>> {
        match self.kind(it) {
            Some(Kind::Iter) => {
                if let Some(r) = self.fast_next(it) {
                    return Ok(r);
                }
                self.deeper(PLAIN, |rt| rt.iter_next_slow(it))
            }
            Some(Kind::Generator) => self.gen_resume_nested(it, Value::NONE, false),
            _ => {
                let Some(m) = self.special(it, Q___NEXT__) else {
                    return Err(self.type_error_naming("'", it, "' object is not an iterator"));
                };
                self.pin(m);
                let r = self.call(m, &[it], Value::NULL);
                self.unpin(1);
                match r {
                    Ok(v) => Ok(Some(v)),
                    Err(e) => {
                        if self.exc_matches(self.exc, ExcKind::StopIteration) {
                            // `yield from`/`await` over this iterator evaluates to the value.
                            self.stop_value = self.stop_iteration_value(self.exc);
                            self.exc = Value::NULL;
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
        }
    }

    fn iter_next_slow(&mut self, it: Value) -> PyResult<Option<Value>> {
        let b = Runtime::blk(it);
        let a1 = self.heap.val(b, ITER_A);
        let a2 = self.heap.val(b, ITER_B);
        let idx = a2.as_small().unwrap_or(0) as usize;
        match IterKind::from_u32(self.heap.aux(b)) {
            Some(IterKind::DictKeys) => match self.dict_iter_step(b) {
                Ok(entry) => Ok(entry.map(|e| e.0)),
                Err(msg) => Err(self.raise(ExcKind::RuntimeError, msg)),
            },
            Some(IterKind::Str) => {
                let s = self.str_text(a1).unwrap_or("");
                let Some(c) = s.get(idx..).and_then(|rest| rest.chars().next()) else {
                    return Ok(None);
                };
                self.heap
                    .set_val(b, 2, Value::small((idx + c.len_utf8()) as i32));
                self.char_str(c).map(Some)
            }
            Some(IterKind::Bytes)
                if self.kind(a1) == Some(Kind::MemView) && self.memview_format(a1) != b'B' =>
            {
                let x = self.memview_item_value(a1, idx)?;
                if x.is_some() {
                    self.heap.set_val(b, ITER_B, Value::small(idx as i32 + 1));
                }
                Ok(x)
            }
            Some(IterKind::Bytes) => {
                let x = match self.bytes_of(a1) {
                    Some(bytes) => bytes.get(idx).copied(),
                    None => self.memview_item(a1, idx),
                };
                match x {
                    Some(x) => {
                        self.heap.set_val(b, ITER_B, Value::small(idx as i32 + 1));
                        Ok(Some(Value::small(x as i32)))
                    }
                    None => Ok(None),
                }
            }
            Some(IterKind::Seq) => {
                let r = self.getitem(a1, Value::small(idx as i32));
                match r {
                    Ok(v) => {
                        self.heap.set_val(b, ITER_B, Value::small(idx as i32 + 1));
                        Ok(Some(v))
                    }
                    Err(e) => {
                        if self.exc_matches(self.exc, ExcKind::IndexError)
                            || self.exc_matches(self.exc, ExcKind::StopIteration)
                        {
                            self.exc = Value::NULL;
                            Ok(None)
                        } else {
                            Err(e)
                        }
                    }
                }
            }
            Some(IterKind::DictValues) | Some(IterKind::DictItems) => {
                let Some((k, v)) = self
                    .dict_iter_step(b)
                    .map_err(|msg| self.raise(ExcKind::RuntimeError, msg))?
                else {
                    return Ok(None);
                };
                if self.heap.aux(b) == IterKind::DictValues as u32 {
                    return Ok(Some(v));
                }
                self.new_tuple(&[k, v]).map(Some)
            }
            Some(IterKind::Enumerate) => {
                let Some(v) = self.iter_next(a1)? else {
                    return Ok(None);
                };
                self.pin(v);
                let n = match a2.as_small().and_then(|i| Value::try_small_i32(i + 1)) {
                    Some(n) => Ok(n),
                    None => self.int_binop(crate::obj::int::IntOp::Add, a2, Value::small(1)),
                };
                let r = n.and_then(|n| {
                    self.heap.set_val(b, ITER_B, n);
                    self.new_tuple(&[a2, v])
                });
                self.unpin(1);
                r.map(Some)
            }
            Some(IterKind::Zip) => {
                let n = self.seq_len(a1);
                if n == 0 {
                    return Ok(None);
                }
                // The items wait on the pin stack, which roots them while the tuple is made.
                let start = self.pins.len();
                for i in 0..n {
                    let sub = self.seq_get(a1, i);
                    match self.iter_next(sub) {
                        Ok(Some(v)) => self.pin(v),
                        Ok(None) => {
                            self.pins.truncate(start);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.pins.truncate(start);
                            return Err(e);
                        }
                    }
                }
                let r = self.alloc(Kind::Tuple, n as u32, 1 + n);
                if let Ok(t) = r {
                    for i in 0..n {
                        let v = self.pins.get(start + i).copied().unwrap_or(Value::NONE);
                        self.heap.set_val(t, 1 + i, v);
                    }
                }
                self.pins.truncate(start);
                r.map(|t| Some(Value::handle(t)))
            }
            Some(IterKind::Map) => {
                let n = self.seq_len(a2);
                let start = self.pins.len();
                let mut args = Vec::with_capacity(n);
                for i in 0..n {
                    let sub = self.seq_get(a2, i);
                    match self.iter_next(sub) {
                        Ok(Some(v)) => {
                            self.pin(v);
                            args.push(v);
                        }
                        Ok(None) => {
                            self.pins.truncate(start);
                            return Ok(None);
                        }
                        Err(e) => {
                            self.pins.truncate(start);
                            return Err(e);
                        }
                    }
                }
                let r = self.call(a1, &args, Value::NULL);
                self.pins.truncate(start);
                r.map(Some)
            }
            Some(IterKind::Filter) => loop {
                let Some(v) = self.iter_next(a2)? else {
                    return Ok(None);
                };
                self.pin(v);
                let keep = if a1 == Value::NONE {
                    self.truthy(v)
                } else {
                    self.call(a1, &[v], Value::NULL)
                        .and_then(|r| self.truthy(r))
                };
                self.unpin(1);
                if keep? {
                    return Ok(Some(v));
                }
            },
            Some(IterKind::Reversed) => {
                if idx == 0 {
                    return Ok(None);
                }
                self.heap.set_val(b, ITER_B, Value::small(idx as i32 - 1));
                // A sequence that shrank under the iterator ends it, as in CPython.
                match self.getitem(a1, Value::small(idx as i32 - 1)) {
                    Ok(v) => Ok(Some(v)),
                    Err(_)
                        if self.exc_matches(self.exc, ExcKind::IndexError)
                            || self.exc_matches(self.exc, ExcKind::StopIteration) =>
                    {
                        self.exc = Value::NULL;
                        self.heap.set_val(b, ITER_B, Value::small(0));
                        Ok(None)
                    }
                    Err(e) => Err(e),
                }
            }
            Some(IterKind::Callable) => {
                let v = self.call(a1, &[], Value::NULL)?;
                if self.eq(v, a2)? {
                    return Ok(None);
                }
                Ok(Some(v))
            }
            _ => Ok(None),
        }
    }

    /// Drain an iterable into a vector (items pinned until the caller's pins are truncated:
    /// the returned count of pins to drop is the vector length + 1).
    pub fn collect_pinned(&mut self, iterable: Value) -> PyResult<Vec<Value>> {
        if let Some(items) = self.seq_items(iterable) {
            self.pin(iterable);
            return Ok(items);
        }
        let it = self.get_iter(iterable)?;
        self.pin(it);
        let mut out = Vec::new();
        loop {
            match self.iter_next(it) {
                Ok(Some(v)) => {
                    // The items end up in a list, tuple or frame on the heap: 4 bytes each.
                    self.check_room(out.len().saturating_add(1).saturating_mul(4))?;
                    self.pin(v);
                    out.push(v);
                }
                Ok(None) => return Ok(out),
                Err(e) => return Err(e),
            }
        }
    }

    /// Drain an iterable into a new list.
    pub fn list_from_iter(&mut self, iterable: Value) -> PyResult<Value> {
        let start = self.pins.len();
        let r = self
            .collect_pinned(iterable)
            .and_then(|items| self.new_list(&items));
        self.pins.truncate(start);
        r
    }

    /// Drain an iterable into a new tuple.
    pub fn tuple_from_iter(&mut self, iterable: Value) -> PyResult<Value> {
        if self.heap.is_kind(iterable, Kind::Tuple) {
            return Ok(iterable);
        }
        let start = self.pins.len();
        let r = self
            .collect_pinned(iterable)
            .and_then(|items| self.new_tuple(&items));
        self.pins.truncate(start);
        r
    }

    /// `list.extend(iterable)`.
    pub fn list_extend(&mut self, l: Value, iterable: Value) -> PyResult<()> {
        let start = self.pins.len();
        self.pin(l);
        let r = self.collect_pinned(iterable).and_then(|items| {
            self.list_reserve(l, items.len())?;
            for v in items {
                self.list_append(l, v)?;
            }
            Ok(())
        });
        self.pins.truncate(start);
        r
    }

    /// Unpack exactly `n` items (or at least `n + after` with a star target). The items stay
    /// pinned: the caller truncates the pin stack when they are stored.
    pub fn unpack(&mut self, seq: Value, n: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
        let items = self.collect_pinned(seq)?;
        let (want, at_least) = match after {
            None => (n, ""),
            Some(after) => (n + after, "at least "),
        };
        if after.is_none() && items.len() > n {
            return Err(
                self.value_error_with("too many values to unpack (expected {})", &[n.arg()])
            );
        }
        if items.len() < want {
            return Err(self.value_error_with(
                "not enough values to unpack (expected {}{}, got {})",
                &[at_least.arg(), want.arg(), items.len().arg()],
            ));
        }
        Ok(items)
    }
}

impl Runtime {
    /// The builtin type of iterator `it` (its static value), named as CPython names it.
    pub fn iter_type(&self, it: Value) -> Value {
        use TypeId as T;
        // Each kind's type id, a byte (index `kind - 1`), unless a guarded arm below tells it
        // apart by what it walks: a table is smaller than a match's jump table and arms.
        static TYPES: [u8; 14] = [
            T::ListIterator as u8,
            T::RangeIterator as u8,
            T::StrIterator as u8,
            T::BytesIterator as u8,
            T::DictKeyIterator as u8,
            T::DictValueIterator as u8,
            T::DictItemIterator as u8,
            T::Enumerate as u8,
            T::Zip as u8,
            T::Map as u8,
            T::Filter as u8,
            T::Reversed as u8,
            T::CallableIterator as u8,
            T::Iterator as u8,
        ];
        let b = Runtime::blk(it);
        let over = self.heap.val(b, ITER_A);
        let kind = self.heap.aux(b);
        let t = match IterKind::from_u32(kind) {
            Some(IterKind::Seq) if self.heap.is_kind(over, Kind::Tuple) => T::TupleIterator,
            Some(IterKind::Seq) if self.heap.is_kind(over, Kind::Range) => T::RangeIterator,
            Some(IterKind::DictKeys)
                if matches!(self.kind(over), Some(Kind::Set | Kind::FrozenSet)) =>
            {
                T::SetIterator
            }
            Some(IterKind::Reversed) if self.heap.is_kind(over, Kind::List) => {
                T::ListReverseIterator
            }
            _ => {
                let t = TYPES.get(kind.wrapping_sub(1) as usize).copied();
                let t = t.unwrap_or(T::Iterator as u8);
                return Value::stat(STATIC_TYPE_BASE + u32::from(t));
            }
        };
        t.value()
    }
}
