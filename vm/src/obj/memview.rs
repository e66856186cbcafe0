//! `memoryview`: `[hdr(flags), base, start, len]`, a window of `len` bytes from byte `start` of
//! a `bytes` or `bytearray` base. Slicing makes a new window on the same base without copying;
//! writes go through to a bytearray base.
//!
//! The window is clamped to the base's current length on every access, so a bytearray that
//! shrank under a view never lets a view read or write past its end.

use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{MV_BASE, MV_LEN, MV_START};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Header flag: the base is immutable (`bytes`).
pub const MV_READONLY: u32 = 1;
/// Header flag: `release()` was called.
pub const MV_RELEASED: u32 = 2;

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
                self.new_memview(base, start, len, ro)
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

    /// The base and the window clamped to the base's current length.
    pub(crate) fn memview_window(&self, v: Value) -> (Value, usize, usize) {
        let b = Runtime::blk(v);
        let base = self.heap.val(b, MV_BASE);
        let start = self.heap.val(b, MV_START).as_small().unwrap_or(0).max(0) as usize;
        let len = self.heap.val(b, MV_LEN).as_small().unwrap_or(0).max(0) as usize;
        let have = self.bytes_of_base(base).map_or(0, <[u8]>::len);
        let start = start.min(have);
        (base, start, len.min(have - start))
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
        let (base, start, len) = self.memview_window(v);
        if self.kind(base) != Some(Kind::ByteArray) {
            return;
        }
        let end = (at + data.len()).min(len);
        for (k, x) in (at..end).zip(data) {
            self.bytearray_set(base, start + k, *x);
        }
    }
}

impl Runtime {
    /// `mv[k]`: an int for an index, a new view on the same base for a step-1 slice.
    pub fn memview_getitem(&mut self, mv: Value, k: Value) -> PyResult<Value> {
        let (base, start, len, ro) = self.memview_parts(mv)?;
        if self.kind(k) == Some(Kind::Slice) {
            let (from, _, step, n) = self.slice_indices(k, len)?;
            if step != 1 && n > 1 {
                return Err(self.raise(
                    ExcKind::NotImplementedError,
                    "memoryview slices with a step other than 1",
                ));
            }
            let from = if n == 0 { 0 } else { from as usize };
            return self.new_memview(base, start + from, n, ro);
        }
        let i = self.memview_index(k, len)?;
        let x = self.bytes_of(mv).and_then(|b| b.get(i).copied());
        Ok(Value::small(x.unwrap_or(0) as i32))
    }

    /// `mv[k] = v`: an int byte for an index, a same-length bytes-like for a slice.
    pub fn memview_setitem(&mut self, mv: Value, k: Value, v: Value) -> PyResult<()> {
        let (_, _, len, ro) = self.memview_parts(mv)?;
        if ro {
            return Err(self.type_error("cannot modify read-only memory"));
        }
        if self.kind(k) == Some(Kind::Slice) {
            let (from, _, step, n) = self.slice_indices(k, len)?;
            if step != 1 && n > 1 {
                return Err(self.raise(
                    ExcKind::NotImplementedError,
                    "memoryview slices with a step other than 1",
                ));
            }
            let data = match self.kind(v) {
                Some(Kind::Bytes | Kind::ByteArray | Kind::MemView) => {
                    self.bytes_of(v).unwrap_or(&[]).to_vec()
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
            let from = if n == 0 { 0 } else { from as usize };
            self.memview_write(mv, from, &data);
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
