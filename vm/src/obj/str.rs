//! `str` and `bytes` storage: `[hdr(len), hash, bytes…]`, immutable after creation. A str's
//! hash word is inverted when its text is not all ASCII (`hash_word`).
//!
//! Invariant: a `Str` object's bytes are valid UTF-8 (every constructor takes `&str` or
//! validates), so reading them back as `&str` needs no check. A `str` value is either a qstr or
//! a heap `Str`; both hash and compare by their text.

use crate::obj::bytes::copy_prefix;
use crate::obj::kind::Kind;
use crate::obj::layout::{BYTEARRAY_LEN, BYTEARRAY_RAW, STR_HASH};
use crate::qstr::{hash_bytes, Q_EMPTY};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// The concatenation of the `n` strs in heap words `at..at + n` (BUILD_STRING's operands
    /// on a frame stack), measured against the heap before it is built: an f-string may
    /// repeat one large str many times.
    pub fn concat_words(&mut self, at: usize, n: usize) -> PyResult<Value> {
        let text = |rt: &Runtime, w: usize| rt.str_text(Value(rt.heap.word(w))).unwrap_or("").len();
        let len = (at..at + n).fold(0usize, |sum, w| sum.saturating_add(text(self, w)));
        self.check_room(len)?;
        let mut s = alloc::string::String::with_capacity(len);
        for w in at..at + n {
            s.push_str(self.str_text(Value(self.heap.word(w))).unwrap_or(""));
        }
        self.new_str(&s)
    }

    /// A new heap string (never interned).
    pub fn new_heap_str(&mut self, text: &str) -> PyResult<Value> {
        let b = self.alloc_text(Kind::Str, text.as_bytes())?;
        Ok(Value::handle(b))
    }

    fn alloc_text(&mut self, kind: Kind, bytes: &[u8]) -> PyResult<u32> {
        let len = bytes.len();
        let b = self.alloc(kind, len as u32, 2 + len.div_ceil(4))?;
        // A bytes object's hash is computed when asked for (few are ever hashed; most are
        // records and buffers, hashing them here cost as much again as copying them).
        let word = if kind == Kind::Str {
            hash_word(bytes, bytes.is_ascii())
        } else {
            Value::small(0)
        };
        self.heap.set_val(b, STR_HASH, word);
        copy_prefix(self.heap.bytes_mut(b, 2, len), bytes);
        Ok(b)
    }

    /// A `str` value for `text` (the empty string is a qstr and never allocates).
    pub fn new_str(&mut self, text: &str) -> PyResult<Value> {
        if text.is_empty() {
            return Ok(Value::qstr(Q_EMPTY));
        }
        self.new_heap_str(text)
    }

    /// A `str` from bytes that must be UTF-8 (`UnicodeError` otherwise).
    pub fn new_str_utf8(&mut self, bytes: &[u8]) -> PyResult<Value> {
        match core::str::from_utf8(bytes) {
            Ok(s) => self.new_str(s),
            Err(_) => Err(self.raise(
                crate::obj::exception::ExcKind::UnicodeError,
                "invalid utf-8 data",
            )),
        }
    }

    /// A `bytes` value.
    pub fn new_bytes(&mut self, bytes: &[u8]) -> PyResult<Value> {
        Ok(Value::handle(self.alloc_text(Kind::Bytes, bytes)?))
    }

    /// Is `v` a `str` (qstr or heap)?
    #[inline]
    pub fn is_str(&self, v: Value) -> bool {
        v.is_qstr() || self.kind(v) == Some(Kind::Str)
    }

    /// The text of a `str` value.
    pub fn str_text(&self, v: Value) -> Option<&str> {
        if let Some(q) = v.as_qstr() {
            return Some(self.qstr_text(q));
        }
        if self.kind(v) != Some(Kind::Str) {
            return None;
        }
        let b = Runtime::blk(v);
        let bytes = self.heap.bytes(b, 2, self.heap.aux(b) as usize);
        // SAFETY: Str objects hold valid UTF-8 (module invariant).
        Some(unsafe { core::str::from_utf8_unchecked(bytes) })
    }

    /// The bytes of a `bytes`, `bytearray` or (the viewed bytes of a contiguous)
    /// `memoryview` value; `None` for a view with a step (see [`Runtime::buffer_bytes`]).
    pub fn bytes_of(&self, v: Value) -> Option<&[u8]> {
        if self.kind(v)? == Kind::MemView {
            let (base, start, len) = self.memview_window(v);
            let size = self.memview_itemsize(v);
            if len > 1 && self.memview_step(v) != size as i64 {
                return None;
            }
            return self
                .bytes_of_base(base)
                .and_then(|b| b.get(start..start + len * size));
        }
        self.bytes_of_base(v)
    }

    /// The bytes of a `bytes` or `bytearray` value.
    pub fn bytes_of_base(&self, v: Value) -> Option<&[u8]> {
        match self.kind(v)? {
            Kind::Bytes => {
                let b = Runtime::blk(v);
                Some(self.heap.bytes(b, 2, self.heap.aux(b) as usize))
            }
            Kind::ByteArray => {
                let b = Runtime::blk(v);
                let len = self.heap.val(b, BYTEARRAY_LEN).as_small().unwrap_or(0) as usize;
                let raw = self.heap.val(b, BYTEARRAY_RAW);
                if len == 0 || !raw.is_heap() {
                    return Some(&[]);
                }
                Some(self.heap.bytes(Runtime::blk(raw), 1, len))
            }
            _ => None,
        }
    }

    /// Hash of a str value (equal for a qstr and a heap str with the same text).
    pub fn str_hash(&self, v: Value) -> u32 {
        if let Some(q) = v.as_qstr() {
            return self.qstrs.hash(q);
        }
        let word = self
            .heap
            .val(Runtime::blk(v), STR_HASH)
            .as_small()
            .unwrap_or(0);
        (if word < 0 { !word } else { word }) as u32
    }

    /// Is str `v`'s text all ASCII, so that char indices are byte offsets? A heap str keeps the
    /// answer in its hash word, so indexing, slicing and `len` need not scan its text.
    pub fn str_is_ascii(&self, v: Value) -> bool {
        if let Some(q) = v.as_qstr() {
            return self.qstr_text(q).is_ascii();
        }
        self.kind(v) == Some(Kind::Str)
            && self
                .heap
                .val(Runtime::blk(v), STR_HASH)
                .as_small()
                .is_some_and(|word| word >= 0)
    }

    /// Do two str values have the same text?
    pub fn str_eq(&self, a: Value, b: Value) -> bool {
        if a == b {
            return true;
        }
        if a.is_qstr() && b.is_qstr() {
            return false;
        }
        if self.str_hash(a) != self.str_hash(b) {
            return false;
        }
        self.str_text(a) == self.str_text(b)
    }

    /// Concatenate two strs.
    pub fn str_concat(&mut self, a: Value, b: Value) -> PyResult<Value> {
        let la = self.str_text(a).map_or(0, str::len);
        let lb = self.str_text(b).map_or(0, str::len);
        if la == 0 {
            return Ok(b);
        }
        if lb == 0 {
            return Ok(a);
        }
        self.pin(a);
        self.pin(b);
        let blk = self.alloc(Kind::Str, (la + lb) as u32, 2 + (la + lb).div_ceil(4));
        self.unpin(2);
        let blk = blk?;
        self.copy_text_into(blk, 0, a);
        self.copy_text_into(blk, la, b);
        Ok(self.seal_str(blk))
    }

    /// A copy of str `v` with `f` applied to its bytes, which must keep them valid UTF-8 (an
    /// ASCII case mapping on ASCII text, say).
    pub fn str_map_bytes(&mut self, v: Value, f: fn(&mut [u8])) -> PyResult<Value> {
        let len = self.str_text(v).map_or(0, str::len);
        if len == 0 {
            return Ok(Value::qstr(Q_EMPTY));
        }
        self.pin(v);
        let blk = self.alloc(Kind::Str, len as u32, 2 + len.div_ceil(4));
        self.unpin(1);
        let blk = blk?;
        self.copy_text_into(blk, 0, v);
        f(self.heap.bytes_mut(blk, 2, len));
        Ok(self.seal_str(blk))
    }

    /// Copy the text of str `v` into the new str object `dst` at byte `at`. Unlike
    /// `qstr_text`, which borrows the whole runtime, this resolves a qstr itself so the heap can
    /// be written while a static text is read.
    fn copy_text_into(&mut self, dst: u32, at: usize, v: Value) {
        if let Some(q) = v.as_qstr() {
            if let Some(text) = crate::qstr::static_text(q) {
                if let Some(d) = self.heap.bytes_mut(dst, 2, at + text.len()).get_mut(at..) {
                    copy_prefix(d, text.as_bytes());
                }
                return;
            }
            if let Some(&s) = self.qstrs.dynamic.get(q as usize - crate::qstr::NSTATIC) {
                self.copy_text_into(dst, at, s);
            }
        } else if self.kind(v) == Some(Kind::Str) {
            let src = Runtime::blk(v);
            let len = self.heap.aux(src) as usize;
            self.heap.copy_bytes((src, 2), (dst, 2), at, len);
        }
    }

    /// Finish a str object whose bytes are filled in: store its hash.
    fn seal_str(&mut self, blk: u32) -> Value {
        let len = self.heap.aux(blk) as usize;
        let bytes = self.heap.bytes(blk, 2, len);
        let word = hash_word(bytes, bytes.is_ascii());
        self.heap.set_val(blk, STR_HASH, word);
        Value::handle(blk)
    }
}

/// The hash word of a str or bytes object: the 30-bit hash of its bytes, stored inverted
/// (negative) for a str whose text is not all ASCII (see [`Runtime::str_is_ascii`]).
fn hash_word(bytes: &[u8], ascii: bool) -> Value {
    let h = hash_bytes(bytes) as i32;
    Value::small(if ascii { h } else { !h })
}
