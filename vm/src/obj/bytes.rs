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
            self.heap
                .bytes_mut(raw, 1, bytes.len())
                .copy_from_slice(bytes);
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

    /// Set byte `i` of a bytearray (caller checked the bound).
    pub fn bytearray_set(&mut self, ba: Value, i: usize, x: u8) {
        let b = Runtime::blk(ba);
        let raw = self.heap.val(b, BYTEARRAY_RAW);
        let len = self.heap.val(b, BYTEARRAY_LEN).as_small().unwrap_or(0) as usize;
        if let Some(r) = raw.as_heap() {
            if i < len {
                self.heap.bytes_mut(r, 1, len)[i] = x;
            }
        }
    }
}

impl Runtime {
    /// `MemoryError` unless the heap has room for an object of about `bytes` bytes: checked
    /// before building a large result on the host side, which would abort rather than fail.
    pub fn check_room(&mut self, bytes: usize) -> PyResult<()> {
        if bytes > self.heap.bytes_free() {
            return Err(self.raise(crate::obj::exception::ExcKind::MemoryError, ""));
        }
        Ok(())
    }
}
