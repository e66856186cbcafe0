//! Precise mark and sweep over the block heap.
//!
//! Marking uses a fixed-size explicit stack; when it overflows, the overflowing block is still
//! marked and a rescan pass later scans every marked block again until no overflow remains
//! (MicroPython's approach), so marking needs no memory beyond the fixed stack.

use super::{Heap, BLOCK_WORDS, FREE, HEAD, MARK, TAIL};
use crate::obj::kind::Kind;
use crate::value::Value;

/// Entries in the mark stack.
pub const MARK_STACK_LEN: usize = 64;

/// Word holding a frame's stack pointer (a small int).
pub use crate::obj::layout::F_SP as FRAME_SP_WORD;

impl Heap {
    /// Mark `v` and everything reachable from it.
    pub fn mark(&mut self, v: Value) {
        self.mark_one(v);
        self.drain();
    }

    fn mark_one(&mut self, v: Value) {
        let Some(b) = v.as_heap() else { return };
        let bi = b as usize;
        if bi >= self.nblocks || self.state(bi) != HEAD {
            return;
        }
        self.set_state(bi, MARK);
        if self.mark_stack.len() < MARK_STACK_LEN {
            self.mark_stack.push(b);
        } else {
            self.mark_overflow = true;
        }
    }

    fn drain(&mut self) {
        while let Some(b) = self.mark_stack.pop() {
            self.scan_children(b);
        }
    }

    fn value_range(&self, b: u32) -> (usize, usize) {
        let hdr = self.get(b, 0);
        match Kind::from_header(hdr) {
            Some(k) if k.is_raw() => (0, 0),
            Some(Kind::Frame) => {
                let sp = Value(self.get(b, FRAME_SP_WORD))
                    .as_small()
                    .unwrap_or(0)
                    .max(0) as usize;
                let end = (hdr >> 8) as usize + sp;
                (
                    FRAME_SP_WORD + 1,
                    end.min(self.blocks_of(b as usize) * BLOCK_WORDS),
                )
            }
            Some(_) => (1, self.blocks_of(b as usize) * BLOCK_WORDS),
            None => (0, 0),
        }
    }

    fn scan_children(&mut self, b: u32) {
        let (start, end) = self.value_range(b);
        let base = Heap::base(b);
        for i in start..end {
            let v = Value(self.word(base + i));
            if v.is_heap() {
                self.mark_one(v);
            }
        }
    }

    /// Finish marking: rescan marked blocks while the mark stack has overflowed.
    pub fn finish_mark(&mut self) {
        self.drain();
        while self.mark_overflow {
            self.mark_overflow = false;
            for b in 0..self.nblocks {
                if self.state(b) == MARK {
                    self.scan_children(b as u32);
                    self.drain();
                }
            }
        }
    }

    /// Free every unmarked object and clear marks. `on_free` is called with each freed code
    /// object's and generator's block before it is released (the VM drops compiled code and
    /// notes coroutines that never ran there); what another freed object held may already be
    /// poisoned then.
    pub fn sweep(&mut self, on_free: &mut dyn FnMut(&Heap, u32)) {
        let mut b = 0;
        // Whether the tails met now belong to an object being freed.
        let mut freeing = false;
        let mut freed = 0;
        while b < self.nblocks {
            // Whole table bytes of free blocks or of tails at a time.
            if b & 3 == 0 && b + 4 <= self.nblocks {
                let x = self.table_byte(b >> 2);
                if x == 0 {
                    freeing = false;
                    b += 4;
                    continue;
                }
                if x == 0xaa {
                    if freeing {
                        *self.table_byte_mut(b >> 2) = 0;
                        self.poison(b, 4);
                        freed += 4;
                    }
                    b += 4;
                    continue;
                }
                if x == 0xff {
                    // Four marked heads.
                    *self.table_byte_mut(b >> 2) = 0x55;
                    freeing = false;
                    b += 4;
                    continue;
                }
                if x == 0x55 {
                    // Four unmarked heads: dead one-block objects, the last maybe longer.
                    for i in b..b + 4 {
                        if has_finalizer(self.word(i * BLOCK_WORDS)) {
                            on_free(self, i as u32);
                        }
                    }
                    *self.table_byte_mut(b >> 2) = 0;
                    self.poison(b, 4);
                    freed += 4;
                    freeing = true;
                    b += 4;
                    continue;
                }
            }
            match self.state(b) {
                MARK => {
                    self.set_state(b, HEAD);
                    freeing = false;
                }
                HEAD => {
                    if has_finalizer(self.word(b * BLOCK_WORDS)) {
                        on_free(self, b as u32);
                    }
                    self.set_state(b, FREE);
                    self.poison(b, 1);
                    freed += 1;
                    freeing = true;
                }
                TAIL if freeing => {
                    self.set_state(b, FREE);
                    self.poison(b, 1);
                    freed += 1;
                }
                FREE | TAIL => freeing = false,
                _ => {}
            }
            b += 1;
        }
        self.used -= freed;
    }
}

/// Does the sweep report the freeing of an object with this header (code objects and
/// generators)?
#[inline]
fn has_finalizer(header: u32) -> bool {
    let k = header & 0xff;
    k == Kind::Code as u32 || k == Kind::Generator as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple(h: &mut Heap, items: &[Value]) -> Value {
        let b = h
            .alloc(Kind::Tuple, items.len() as u32, items.len() + 1)
            .unwrap();
        for (i, v) in items.iter().enumerate() {
            h.set_val(b, i + 1, *v);
        }
        Value::handle(b)
    }

    #[test]
    fn unreachable_objects_are_freed_and_cycles_collected() {
        let mut h = Heap::new(4096);
        let leaf = tuple(&mut h, &[Value::small(1)]);
        let root = tuple(&mut h, &[leaf, Value::NONE]);
        let a = tuple(&mut h, &[Value::NULL]);
        let b = tuple(&mut h, &[a]);
        h.set_val(a.as_heap().unwrap(), 1, b);
        let used_before = h.bytes_used();
        h.mark(root);
        h.finish_mark();
        h.sweep(&mut |_, _| {});
        assert_eq!(h.bytes_used(), used_before - 2 * super::super::BLOCK_BYTES);
        assert!(h.is_live(root) && h.is_live(leaf));
        assert!(!h.is_live(a) && !h.is_live(b));
    }

    #[test]
    fn long_chains_survive_mark_stack_overflow() {
        let mut h = Heap::new(64 * 1024);
        let mut items = alloc::vec::Vec::new();
        for i in 0..300 {
            items.push(tuple(&mut h, &[Value::small(i)]));
        }
        let wide = {
            let b = h.alloc(Kind::Tuple, 300, 301).unwrap();
            for (i, v) in items.iter().enumerate() {
                h.set_val(b, i + 1, *v);
            }
            Value::handle(b)
        };
        let mut chain = Value::NONE;
        for _ in 0..300 {
            chain = tuple(&mut h, &[chain]);
        }
        h.mark(wide);
        h.mark(chain);
        h.finish_mark();
        h.sweep(&mut |_, _| {});
        assert!(items.iter().all(|v| h.is_live(*v)));
        let mut c = chain;
        let mut n = 0;
        while c != Value::NONE {
            assert!(h.is_live(c));
            c = h.val(c.as_heap().unwrap(), 1);
            n += 1;
        }
        assert_eq!(n, 300);
    }
}
