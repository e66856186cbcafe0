//! `memoryview`: `[hdr(flags, step, format), base, start, len]`, `len` items of a `bytes` or
//! `bytearray` base (an `array.array`'s buffer for a view of an array), item `i` at byte
//! `start + i*step`, `itemsize` bytes packed as its format (`B` for bytes and bytearray, the
//! array's typecode for an array, decoded by `crate::obj::citem`). Slicing (with any step)
//! makes a new view on the same base without copying; writes go through to a bytearray base.
//!
//! The step (in bytes) lives in the header's aux bits above the flags (as `step - 1`, 18-bit
//! two's complement), the format's code above it (4 bits, 0 for `B`), so a plain byte view has
//! 0 in both; a step beyond 128 KiB is refused. A view whose step is not its itemsize is
//! not contiguous: `bytes_of` gives `None` for it (as CPython's `BufferError` for consumers
//! that need contiguous memory, and `cast`), and what works on any view (indexing, slicing,
//! assignment, `tobytes`, `tolist`, `hex`, iteration, `==`, `hash`, `bytes()`) gathers its
//! items.
//!
//! The view is clamped to the whole items its base holds now on every access, so a bytearray
//! or array that shrank under a view never lets a view read or write past its end.

use crate::format::message::ToArg;
use crate::obj::citem::{decode, item_size, pack};
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
const STEP_BITS: u32 = 18;
/// Where the format's code (its index in `FORMATS`) starts in the header's aux bits.
const FORMAT_SHIFT: u32 = STEP_SHIFT + STEP_BITS;
/// The item formats a view can have, by code.
const FORMATS: &[u8; 12] = b"BbhHiIlLqQfd";
/// The largest step magnitude a view can hold.
const MAX_STEP: i64 = 1 << (STEP_BITS - 1);

impl Runtime {
    /// `memoryview(obj)`: a view of all of a bytes, bytearray, memoryview or `array.array`.
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
                let fmt = self.memview_format(obj);
                self.new_memview_typed(base, start, len, step, fmt, ro)
            }
            _ => {
                #[cfg(feature = "array")]
                if let Some((buf, code)) = crate::modules::array::typed_buffer_of(self, obj) {
                    let size = item_size(code).unwrap_or(1);
                    let n = self.bytes_of(buf).map_or(0, <[u8]>::len) / size;
                    return self.new_memview_typed(buf, 0, n, size as i64, code, false);
                }
                Err(self.type_error_naming(
                    "memoryview: a bytes-like object is required, not '",
                    obj,
                    "'",
                ))
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

    /// A view of `len` items of format `fmt` (a typecode of `FORMATS`) of `base` from byte
    /// `start`, `step` bytes apart.
    pub fn new_memview_typed(
        &mut self,
        base: Value,
        start: usize,
        len: usize,
        step: i64,
        fmt: u8,
        readonly: bool,
    ) -> PyResult<Value> {
        let size = item_size(fmt).unwrap_or(1) as i64;
        let step = if len <= 1 { size } else { step };
        if !(-MAX_STEP..MAX_STEP).contains(&(step - 1)) {
            return Err(self.raise(
                ExcKind::NotImplementedError,
                crate::packed!("memoryview step too large"),
            ));
        }
        let code = FORMATS.iter().position(|&f| f == fmt).unwrap_or(0) as u32;
        let v = self.new_memview(base, start, len, readonly)?;
        let b = Runtime::blk(v);
        let field = ((step - 1) as u32) & ((1 << STEP_BITS) - 1);
        let flags = self.heap.aux(b);
        self.heap
            .set_aux(b, flags | field << STEP_SHIFT | code << FORMAT_SHIFT);
        Ok(v)
    }

    /// The distance in bytes between a view's items (its itemsize for a contiguous view).
    pub fn memview_step(&self, v: Value) -> i64 {
        let field = (self.heap.aux(Runtime::blk(v)) >> STEP_SHIFT) & ((1 << STEP_BITS) - 1);
        // Sign-extend the 18-bit field.
        let signed = ((field << (32 - STEP_BITS)) as i32) >> (32 - STEP_BITS);
        signed as i64 + 1
    }

    /// A view's item format as its typecode (`b'B'` for a byte view).
    pub fn memview_format(&self, v: Value) -> u8 {
        let code = (self.heap.aux(Runtime::blk(v)) >> FORMAT_SHIFT) as usize & 0xf;
        FORMATS.get(code).copied().unwrap_or(b'B')
    }

    /// The size in bytes of a view's items.
    pub fn memview_itemsize(&self, v: Value) -> usize {
        item_size(self.memview_format(v)).unwrap_or(1)
    }

    /// The bytes a bytearray or view holds (a strided view's items, not its span).
    pub fn memview_len_or_bytes(&self, v: Value) -> usize {
        if self.kind(v) == Some(Kind::MemView) {
            return self.memview_window(v).2 * self.memview_itemsize(v);
        }
        self.bytes_of(v).map_or(0, <[u8]>::len)
    }

    /// Byte `i` of a byte view (`None` past its end).
    pub fn memview_item(&self, v: Value, i: usize) -> Option<u8> {
        let (base, start, len) = self.memview_window(v);
        if i >= len {
            return None;
        }
        let o = (start as i64 + i as i64 * self.memview_step(v)) as usize;
        self.bytes_of_base(base)?.get(o).copied()
    }

    /// Item `i` of any view as a Python value (`None` past its end).
    pub fn memview_item_value(&mut self, v: Value, i: usize) -> PyResult<Option<Value>> {
        let (base, start, len) = self.memview_window(v);
        if i >= len {
            return Ok(None);
        }
        let fmt = self.memview_format(v);
        let size = item_size(fmt).unwrap_or(1);
        let o = (start as i64 + i as i64 * self.memview_step(v)) as usize;
        let mut raw = [0u8; 8];
        if let Some(src) = self.bytes_of_base(base).and_then(|b| b.get(o..o + size)) {
            for (to, from) in raw.iter_mut().zip(src) {
                *to = *from;
            }
        }
        decode(self, fmt, &raw[..size]).map(Some)
    }

    /// The viewed bytes of any view, gathered (`bytes_of` for contiguous ones).
    pub fn memview_gather(&self, v: Value) -> Vec<u8> {
        if let Some(b) = self.bytes_of(v) {
            return b.to_vec();
        }
        let (base, start, len) = self.memview_window(v);
        let size = self.memview_itemsize(v);
        let step = self.memview_step(v);
        let bytes = self.bytes_of_base(base).unwrap_or(&[]);
        let mut out = Vec::with_capacity(len.saturating_mul(size));
        for i in 0..len {
            let o = (start as i64 + i as i64 * step) as usize;
            for j in o..o + size {
                out.push(bytes.get(j).copied().unwrap_or(0));
            }
        }
        out
    }

    /// The bytes of a bytes, bytearray or memoryview (gathered for a view with a step).
    pub fn buffer_bytes(&self, v: Value) -> Option<Vec<u8>> {
        match self.kind(v)? {
            Kind::MemView => Some(self.memview_gather(v)),
            _ => self.bytes_of(v).map(<[u8]>::to_vec),
        }
    }

    /// The format, item count and raw bytes of a buffer: a bytes, bytearray, memoryview or
    /// `array.array` (`None` for anything else).
    pub fn buffer_items(&mut self, v: Value) -> Option<(u8, usize, Vec<u8>)> {
        match self.kind(v)? {
            Kind::MemView => {
                let n = self.memview_window(v).2;
                Some((self.memview_format(v), n, self.memview_gather(v)))
            }
            Kind::Bytes | Kind::ByteArray => {
                let b = self.bytes_of(v)?.to_vec();
                Some((b'B', b.len(), b))
            }
            _ => {
                #[cfg(feature = "array")]
                if let Some((buf, code)) = crate::modules::array::typed_buffer_of(self, v) {
                    let b = self.bytes_of(buf)?.to_vec();
                    let n = b.len() / item_size(code).unwrap_or(1);
                    return Some((code, n, b));
                }
                None
            }
        }
    }

    /// A live view's base, start, length and read-only flag; ValueError once released.
    pub fn memview_parts(&mut self, v: Value) -> PyResult<(Value, usize, usize, bool)> {
        let b = Runtime::blk(v);
        let flags = self.heap.aux(b);
        if flags & MV_RELEASED != 0 {
            return Err(self.raise(
                ExcKind::ValueError,
                crate::packed!("operation forbidden on released memoryview object"),
            ));
        }
        let (base, start, len) = self.memview_window(v);
        Ok((base, start, len, flags & MV_READONLY != 0))
    }

    /// The base, start and item count, clamped to the whole items the base holds now.
    pub(crate) fn memview_window(&self, v: Value) -> (Value, usize, usize) {
        let b = Runtime::blk(v);
        let base = self.heap.val(b, MV_BASE);
        let start = self.heap.val(b, MV_START).as_small().unwrap_or(0).max(0) as usize;
        let len = self.heap.val(b, MV_LEN).as_small().unwrap_or(0).max(0) as usize;
        let have = self.bytes_of_base(base).map_or(0, <[u8]>::len);
        let size = self.memview_itemsize(v);
        let step = self.memview_step(v);
        if start.saturating_add(size) > have {
            return (base, start.min(have), 0);
        }
        let fits = match step {
            s if s > 0 => (have - start - size) / s as usize + 1,
            // A view's step is never zero; `max(1)` lets the compiler see it.
            s => start / (s.unsigned_abs() as usize).max(1) + 1,
        };
        (base, start, len.min(fits))
    }

    /// Mark a view released (`release()`, leaving a `with` block).
    pub fn memview_release(&mut self, v: Value) {
        let b = Runtime::blk(v);
        let flags = self.heap.aux(b);
        self.heap.set_aux(b, flags | MV_RELEASED);
    }

    /// Overwrite the viewed bytes from byte `at` (of the items' bytes, in item order) with
    /// `data` (caller checked it fits and that the view is writable).
    pub fn memview_write(&mut self, v: Value, at: usize, data: &[u8]) {
        let (base, start, len) = self.memview_window(v);
        if self.kind(base) != Some(Kind::ByteArray) {
            return;
        }
        let size = self.memview_itemsize(v);
        let step = self.memview_step(v);
        // Byte `k` of the items' bytes is byte `k % size` of item `k / size`.
        for (k, x) in (at..).zip(data) {
            let (Some(i), Some(j)) = (k.checked_div(size), k.checked_rem(size)) else {
                return;
            };
            if i >= len {
                return;
            }
            let o = (start as i64 + i as i64 * step) as usize + j;
            self.bytearray_set(base, o, *x);
        }
    }
}

impl Runtime {
    /// `mv[k]`: an item for an index, a new view on the same base for a slice.
    pub fn memview_getitem(&mut self, mv: Value, k: Value) -> PyResult<Value> {
        let (base, start, len, ro) = self.memview_parts(mv)?;
        let step = self.memview_step(mv);
        let fmt = self.memview_format(mv);
        if self.kind(k) == Some(Kind::Slice) {
            let (from, _, sstep, n) = self.slice_indices(k, len)?;
            let first = if n == 0 {
                start as i64
            } else {
                start as i64 + from * step
            };
            let new_step = step.saturating_mul(sstep);
            return self.new_memview_typed(base, first as usize, n, new_step, fmt, ro);
        }
        let i = self.memview_index(k, len)?;
        if fmt == b'B' {
            let o = (start as i64 + i as i64 * step) as usize;
            let x = self.bytes_of_base(base).and_then(|b| b.get(o).copied());
            return Ok(Value::small(x.unwrap_or(0) as i32));
        }
        Ok(self.memview_item_value(mv, i)?.unwrap_or(Value::NONE))
    }

    /// `mv[k] = v`: an item for an index, a buffer of the same format and length for a slice.
    pub fn memview_setitem(&mut self, mv: Value, k: Value, v: Value) -> PyResult<()> {
        let (_, _, len, ro) = self.memview_parts(mv)?;
        if ro {
            return Err(self.type_error(crate::packed!("cannot modify read-only memory")));
        }
        let fmt = self.memview_format(mv);
        let size = item_size(fmt).unwrap_or(1);
        if self.kind(k) == Some(Kind::Slice) {
            let (from, _, sstep, n) = self.slice_indices(k, len)?;
            let Some((rfmt, rn, data)) = self.buffer_items(v) else {
                return Err(self.type_error_naming(
                    "a bytes-like object is required, not '",
                    v,
                    "'",
                ));
            };
            if rfmt != fmt || rn != n {
                return Err(self.value_error(crate::packed!(
                    "memoryview assignment: lvalue and rvalue have different structures"
                )));
            }
            for (j, item) in data.chunks(size).enumerate() {
                let i = (from + j as i64 * sstep) as usize;
                self.memview_write(mv, i * size, item);
            }
            return Ok(());
        }
        let i = self.memview_index(k, len)?;
        let raw = self.memview_pack(fmt, v)?;
        self.memview_write(mv, i * size, &raw);
        Ok(())
    }

    /// `v` packed as an item of `fmt`, with memoryview's errors.
    fn memview_pack(&mut self, fmt: u8, v: Value) -> PyResult<Vec<u8>> {
        let real = matches!(fmt, b'f' | b'd');
        let fits_type = self.is_int(v) || real && self.float_val(v).is_some();
        if !fits_type {
            return Err(self.type_error_with(
                "memoryview: invalid type for format '{}'",
                &[(fmt as char).arg()],
            ));
        }
        if fmt == b'B' {
            let x = self.int_arg(v).unwrap_or(-1);
            if (0..256).contains(&x) {
                return Ok(alloc::vec![x as u8]);
            }
            self.exc = Value::NULL;
        }
        pack(self, fmt, v).map_err(|_| {
            self.exc = Value::NULL;
            self.value_error_with(
                "memoryview: invalid value for format '{}'",
                &[(fmt as char).arg()],
            )
        })
    }

    /// `mv.tolist()`: a list of a view's items as Python values.
    pub fn memview_tolist(&mut self, mv: Value) -> PyResult<Value> {
        let n = self.memview_parts(mv)?.2;
        let l = self.new_list_cap(n)?;
        self.pin(l);
        let r = (|| {
            for i in 0..n {
                if let Some(x) = self.memview_item_value(mv, i)? {
                    self.list_append(l, x)?;
                }
            }
            Ok(l)
        })();
        self.unpin(1);
        r
    }

    /// `a == b` for buffers where either is a view of typed items: items compare by value
    /// (False when either is no buffer).
    pub fn memview_eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let (Some((fa, na, ra)), Some((fb, nb, rb))) = (self.buffer_items(a), self.buffer_items(b))
        else {
            return Ok(false);
        };
        if na != nb {
            return Ok(false);
        }
        if fa == fb && !matches!(fa, b'f' | b'd') {
            return Ok(ra == rb);
        }
        let (sa, sb) = (item_size(fa).unwrap_or(1), item_size(fb).unwrap_or(1));
        for i in 0..na {
            let x = decode(self, fa, ra.get(i * sa..i * sa + sa).unwrap_or(&[]))?;
            self.pin(x);
            let same = decode(self, fb, rb.get(i * sb..i * sb + sb).unwrap_or(&[]))
                .and_then(|y| self.eq(x, y));
            self.unpin(1);
            if !same? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

impl Runtime {
    /// An int index into a view of `len` items, negative from the end.
    fn memview_index(&mut self, k: Value, len: usize) -> PyResult<usize> {
        let i = self.int_arg(k)?;
        let i = if i < 0 { i + len as i64 } else { i };
        if i < 0 || i >= len as i64 {
            return Err(self.raise(
                ExcKind::IndexError,
                crate::packed!("index out of bounds on dimension 1"),
            ));
        }
        Ok(i as usize)
    }
}
