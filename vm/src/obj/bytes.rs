//! `bytearray`: `[hdr, len, RawBytes]`, a growable byte buffer (RawBytes is `[hdr, bytes…]`).

use crate::obj::kind::Kind;
use crate::obj::layout::{BYTEARRAY_LEN, BYTEARRAY_RAW};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// A new bytearray holding `bytes`.
    pub fn new_bytearray(&mut self, bytes: &[u8]) -> PyResult<Value> {
        let b = self.alloc(Kind::ByteArray, 0, 3)?;
        self.heap.set_val(b, BYTEARRAY_LEN, Value::small(0));
        let bv = Value::handle(b);
        self.bytearray_set_all(bv, bytes)?;
        Ok(bv)
    }

    /// Replace the contents of a bytearray.
    pub fn bytearray_set_all(&mut self, ba: Value, bytes: &[u8]) -> PyResult<()> {
        let b = Runtime::blk(ba);
        if !bytes.is_empty() {
            self.pin(ba);
            let r = self.alloc(Kind::RawBytes, 0, 1 + bytes.len().div_ceil(4));
            self.unpin(1);
            let raw = r?;
            copy_prefix(self.heap.bytes_mut(raw, 1, bytes.len()), bytes);
            let old = self.heap.val(b, BYTEARRAY_RAW);
            if let Some(o) = old.as_heap() {
                self.heap.free(o);
            }
            self.heap.set_val(b, BYTEARRAY_RAW, Value::handle(raw));
        }
        self.heap
            .set_val(b, BYTEARRAY_LEN, Value::small(bytes.len() as i32));
        Ok(())
    }

    /// Write `data` into a bytearray at byte `at` (at most its length), overwriting and
    /// extending it; the buffer grows geometrically, so appending is amortised O(1) per byte.
    pub fn bytearray_write_at(&mut self, ba: Value, at: usize, data: &[u8]) -> PyResult<()> {
        let b = Runtime::blk(ba);
        let len = self.heap.val(b, BYTEARRAY_LEN).as_small().unwrap_or(0) as usize;
        let at = at.min(len);
        let end = at + data.len();
        let new_len = end.max(len);
        let raw = self.heap.val(b, BYTEARRAY_RAW).as_heap();
        let cap = raw.map_or(0, |r| {
            self.heap.blocks_of(r as usize) * crate::heap::BLOCK_BYTES - 4
        });
        if new_len > (i32::MAX as usize) / 2 {
            return Err(self.raise(crate::obj::exception::ExcKind::MemoryError, ""));
        }
        let target = if new_len <= cap {
            match raw {
                Some(r) => r,
                None => return Ok(()),
            }
        } else {
            let new_cap = new_len.max(cap * 2).max(16);
            self.check_room(new_cap)?;
            self.pin(ba);
            let r = self.alloc(Kind::RawBytes, 0, 1 + new_cap.div_ceil(4));
            self.unpin(1);
            let fresh = r?;
            if let Some(old) = raw {
                let keep = self.heap.bytes(old, 1, len).to_vec();
                copy_prefix(self.heap.bytes_mut(fresh, 1, len), &keep);
                self.heap.free(old);
            }
            self.heap.set_val(b, BYTEARRAY_RAW, Value::handle(fresh));
            fresh
        };
        if let Some(dst) = self.heap.bytes_mut(target, 1, new_len).get_mut(at..) {
            copy_prefix(dst, data);
        }
        self.heap
            .set_val(b, BYTEARRAY_LEN, Value::small(new_len as i32));
        Ok(())
    }

    /// Cut a bytearray to its first `n` bytes (no-op if shorter).
    pub fn bytearray_truncate(&mut self, ba: Value, n: usize) {
        let b = Runtime::blk(ba);
        let len = self.heap.val(b, BYTEARRAY_LEN).as_small().unwrap_or(0) as usize;
        if n < len {
            self.heap.set_val(b, BYTEARRAY_LEN, Value::small(n as i32));
        }
    }

    /// Set byte `i` of a bytearray (caller checked the bound).
    pub fn bytearray_set(&mut self, ba: Value, i: usize, x: u8) {
        let b = Runtime::blk(ba);
        let raw = self.heap.val(b, BYTEARRAY_RAW);
        let len = self.heap.val(b, BYTEARRAY_LEN).as_small().unwrap_or(0) as usize;
        if let Some(r) = raw.as_heap() {
            if let Some(byte) = self.heap.bytes_mut(r, 1, len).get_mut(i) {
                *byte = x;
            }
        }
    }
}

/// Copy `src` to the start of `dst`, as much of it as fits (all of it where callers use this:
/// `dst` is a heap view sized for it). The heap's views come from calls the compiler does not
/// see into, so `copy_from_slice` would keep a length check and panic path at every site.
pub(crate) fn copy_prefix(dst: &mut [u8], src: &[u8]) {
    let n = dst.len().min(src.len());
    if let (Some(dst), Some(src)) = (dst.get_mut(..n), src.get(..n)) {
        dst.copy_from_slice(src);
    }
}
