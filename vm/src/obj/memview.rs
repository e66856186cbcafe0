//! `memoryview`: `[hdr(flags, step), base, start, len]`, `len` bytes of a `bytes` or
//! `bytearray` base, item `i` at byte `start + i*step`. Slicing (with any step) makes a new
//! view on the same base without copying; writes go through to a bytearray base.
//!
//! The step lives in the header's aux bits above the flags (as `step - 1`, 22-bit two's
//! complement, so a plain view has 0 there). A view with a step other than 1 is not
//! contiguous: `bytes_of` gives `None` for it (as CPython's `BufferError` for consumers that
//! need contiguous memory), and what works on any view (indexing, slicing, assignment,
//! `tobytes`, `tolist`, `hex`, iteration, `==`, `hash`, `bytes()`) gathers its items.
//!
//! The view is clamped to the base's current length on every access, so a bytearray that
//! shrank under a view never lets a view read or write past its end.

use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{MV_BASE, MV_LEN, MV_START};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

/// Header flag: the base is immutable (`bytes`).
pub const MV_READONLY: u32 = 1;
/// Header flag: `release()` was called.
pub const MV_RELEASED: u32 = 2;
/// Where the step (minus one) starts in the header's aux bits, and its width.
const STEP_SHIFT: u32 = 2;
const STEP_BITS: u32 = 22;
/// The largest step magnitude a view can hold.
const MAX_STEP: i64 = 1 << (STEP_BITS - 1);

impl Runtime {
    /// `memoryview(obj)`: a view of all of a bytes, bytearray or memoryview.
    pub fn new_memview_of(&mut self, obj: Value) -> PyResult<Value> {
        match self.kind(obj) {
            Some(Kind::Bytes | Kind::ByteArray) => {
                let n = self.bytes_of(obj).map_or(0, <[u8]>::len);
                let ro = self.kind(obj) == Some(Kind::Bytes);
                self.new_memview(obj, 0, n, ro)
            }
            Some(Kind::MemView) => {
                let (base, start, len, ro) = self.memview_parts(obj)?;
                let step = self.memview_step(obj);
                self.new_memview_stepped(base, start, len, step, ro)
            }
            _ => {
                #[cfg(feature = "array")]
                if let Some(buf) = crate::modules::array::buffer_of(self, obj) {
                    let n = self.bytes_of(buf).map_or(0, <[u8]>::len);
                    return self.new_memview(buf, 0, n, false);
                }
                let msg = alloc::format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    self.type_name(obj)
                );
                Err(self.type_error(&msg))
            }
        }
    }

    /// A view of `len` bytes from `start` of `base`.
    pub fn new_memview(
        &mut self,
        base: Value,
        start: usize,
        len: usize,
        readonly: bool,
    ) -> PyResult<Value> {
        let v = self.new_wrapper(
            Kind::MemView,
            &[base, Value::small(start as i32), Value::small(len as i32)],
        )?;
        let flags = if readonly { MV_READONLY } else { 0 };
        self.heap.set_aux(Runtime::blk(v), flags);
        Ok(v)
    }

    /// A view of `len` items of `base` from byte `start`, `step` bytes apart.
    pub fn new_memview_stepped(
        &mut self,
        base: Value,
        start: usize,
        len: usize,
        step: i64,
        readonly: bool,
    ) -> PyResult<Value> {
        let step = if len <= 1 { 1 } else { step };
        if !(-MAX_STEP..MAX_STEP).contains(&(step - 1)) {
            return Err(self.raise(ExcKind::NotImplementedError, "memoryview step too large"));
        }
        let v = self.new_memview(base, start, len, readonly)?;
        let b = Runtime::blk(v);
        let field = ((step - 1) as u32) & ((1 << STEP_BITS) - 1);
        let flags = self.heap.aux(b);
        self.heap.set_aux(b, flags | field << STEP_SHIFT);
        Ok(v)
    }

    /// The distance in bytes between a view's items (1 for a contiguous view).
    pub fn memview_step(&self, v: Value) -> i64 {
        let field = (self.heap.aux(Runtime::blk(v)) >> STEP_SHIFT) & ((1 << STEP_BITS) - 1);
        // Sign-extend the 22-bit field.
        let signed = ((field << (32 - STEP_BITS)) as i32) >> (32 - STEP_BITS);
        signed as i64 + 1
    }

    /// The byte offsets in the base of a view's items.
    fn memview_offsets(&self, v: Value) -> impl Iterator<Item = usize> {
        let (_, start, len) = self.memview_window(v);
        let step = self.memview_step(v);
        (0..len as i64).map(move |i| (start as i64 + i * step) as usize)
    }

    /// The items a bytearray or view holds (a strided view's count, not its span).
    pub fn memview_len_or_bytes(&self, v: Value) -> usize {
        if self.kind(v) == Some(Kind::MemView) {
            return self.memview_window(v).2;
        }
        self.bytes_of(v).map_or(0, <[u8]>::len)
    }

    /// Item `i` of any view (`None` past its end).
    pub fn memview_item(&self, v: Value, i: usize) -> Option<u8> {
        let (base, start, len) = self.memview_window(v);
        if i >= len {
            return None;
        }
        let o = (start as i64 + i as i64 * self.memview_step(v)) as usize;
        self.bytes_of_base(base)?.get(o).copied()
    }

    /// The viewed bytes of any view, gathered (`bytes_of` for contiguous ones).
    pub fn memview_gather(&self, v: Value) -> Vec<u8> {
        if let Some(b) = self.bytes_of(v) {
            return b.to_vec();
        }
        let (base, _, _) = self.memview_window(v);
        let bytes = self.bytes_of_base(base).unwrap_or(&[]);
        self.memview_offsets(v)
            .map(|o| bytes.get(o).copied().unwrap_or(0))
            .collect()
    }

    /// The bytes of a bytes, bytearray or memoryview (gathered for a view with a step).
    pub fn buffer_bytes(&self, v: Value) -> Option<Vec<u8>> {
        match self.kind(v)? {
            Kind::MemView => Some(self.memview_gather(v)),
            _ => self.bytes_of(v).map(<[u8]>::to_vec),
        }
    }

    /// A live view's base, start, length and read-only flag; ValueError once released.
    pub fn memview_parts(&mut self, v: Value) -> PyResult<(Value, usize, usize, bool)> {
        let b = Runtime::blk(v);
        let flags = self.heap.aux(b);
        if flags & MV_RELEASED != 0 {
            return Err(self.raise(
                ExcKind::ValueError,
                "operation forbidden on released memoryview object",
            ));
        }
        let (base, start, len) = self.memview_window(v);
        Ok((base, start, len, flags & MV_READONLY != 0))
    }

    /// The base, start and item count, clamped to the base's current length.
    pub(crate) fn memview_window(&self, v: Value) -> (Value, usize, usize) {
        let b = Runtime::blk(v);
        let base = self.heap.val(b, MV_BASE);
        let start = self.heap.val(b, MV_START).as_small().unwrap_or(0).max(0) as usize;
        let len = self.heap.val(b, MV_LEN).as_small().unwrap_or(0).max(0) as usize;
        let have = self.bytes_of_base(base).map_or(0, <[u8]>::len);
        let step = self.memview_step(v);
        if start >= have {
            return (base, start.min(have), 0);
        }
        let fits = match step {
            1 => have - start,
            s if s > 1 => (have - start).div_ceil(s as usize),
            s => start / s.unsigned_abs() as usize + 1,
        };
        (base, start, len.min(fits))
    }

    /// Mark a view released (`release()`, leaving a `with` block).
    pub fn memview_release(&mut self, v: Value) {
        let b = Runtime::blk(v);
        let flags = self.heap.aux(b);
        self.heap.set_aux(b, flags | MV_RELEASED);
    }

    /// Overwrite the viewed bytes from `at` with `data` (caller checked it fits and that the
    /// view is writable).
    pub fn memview_write(&mut self, v: Value, at: usize, data: &[u8]) {
        let (base, _, _) = self.memview_window(v);
        if self.kind(base) != Some(Kind::ByteArray) {
            return;
        }
        let offsets: Vec<usize> = self.memview_offsets(v).skip(at).take(data.len()).collect();
        for (o, x) in offsets.into_iter().zip(data) {
            self.bytearray_set(base, o, *x);
        }
    }
}

impl Runtime {
    /// `mv[k]`: an int for an index, a new view on the same base for a slice.
    pub fn memview_getitem(&mut self, mv: Value, k: Value) -> PyResult<Value> {
        let (base, start, len, ro) = self.memview_parts(mv)?;
        let step = self.memview_step(mv);
        if self.kind(k) == Some(Kind::Slice) {
            let (from, _, sstep, n) = self.slice_indices(k, len)?;
            if n == 0 {
                return self.new_memview(base, start, 0, ro);
            }
            let first = start as i64 + from * step;
            let new_step = step.saturating_mul(sstep);
            return self.new_memview_stepped(base, first as usize, n, new_step, ro);
        }
        let i = self.memview_index(k, len)?;
        let o = (start as i64 + i as i64 * step) as usize;
        let x = self.bytes_of_base(base).and_then(|b| b.get(o).copied());
        Ok(Value::small(x.unwrap_or(0) as i32))
    }

    /// `mv[k] = v`: an int byte for an index, a same-length bytes-like for a slice.
    pub fn memview_setitem(&mut self, mv: Value, k: Value, v: Value) -> PyResult<()> {
        let (_, _, len, ro) = self.memview_parts(mv)?;
        if ro {
            return Err(self.type_error("cannot modify read-only memory"));
        }
        if self.kind(k) == Some(Kind::Slice) {
            let (from, _, sstep, n) = self.slice_indices(k, len)?;
            let data = match self.kind(v) {
                Some(Kind::Bytes | Kind::ByteArray | Kind::MemView) => {
                    self.buffer_bytes(v).unwrap_or_default()
                }
                _ => {
                    let msg = alloc::format!(
                        "a bytes-like object is required, not '{}'",
                        self.type_name(v)
                    );
                    return Err(self.type_error(&msg));
                }
            };
            if data.len() != n {
                return Err(self.value_error(
                    "memoryview assignment: lvalue and rvalue have different structures",
                ));
            }
            for (j, x) in data.into_iter().enumerate() {
                let i = (from + j as i64 * sstep) as usize;
                self.memview_write(mv, i, &[x]);
            }
            return Ok(());
        }
        let i = self.memview_index(k, len)?;
        let x = match self.int_arg(v) {
            Ok(x) => x,
            Err(_) => {
                return Err(self.type_error("memoryview: invalid type for format 'B'"));
            }
        };
        if !(0..256).contains(&x) {
            return Err(self.value_error("memoryview: invalid value for format 'B'"));
        }
        self.memview_write(mv, i, &[x as u8]);
        Ok(())
    }
}

impl Runtime {
    /// An int index into a view of `len` bytes, negative from the end.
    fn memview_index(&mut self, k: Value, len: usize) -> PyResult<usize> {
        let i = self.int_arg(k)?;
        let i = if i < 0 { i + len as i64 } else { i };
        if i < 0 || i >= len as i64 {
            return Err(self.raise(ExcKind::IndexError, "index out of bounds on dimension 1"));
        }
        Ok(i as usize)
    }
}
