//! The Python heap: one fixed arena of 16-byte blocks with a 2-bit-per-block allocation table
//! (free / head / tail / marked head), as MicroPython's `gc.c`.
//!
//! Invariants: the arena is allocated once and never grows; an object is a head block followed
//! by its tail blocks; its first word is a header whose low byte is its [`Kind`]; fresh objects
//! are filled with `Value::NULL` so a half-built object is always safe to scan.

pub mod frame_cache;
pub mod gc;

use crate::obj::kind::Kind;
use crate::value::Value;
use alloc::vec;
use alloc::vec::Vec;

/// Whether this build collects on every allocation (the `gc-stress` feature), so test
/// runners can size their heaps and time limits for it.
pub const GC_STRESS: bool = cfg!(feature = "gc-stress");

/// Words per block.
pub const BLOCK_WORDS: usize = 4;
/// Bytes per block.
pub const BLOCK_BYTES: usize = BLOCK_WORDS * 4;

pub(crate) const FREE: u8 = 0;
pub(crate) const HEAD: u8 = 1;
pub(crate) const TAIL: u8 = 2;
pub(crate) const MARK: u8 = 3;

/// 32 tail states in a row, as a window of the allocation table reads them.
const TAILS: u64 = 0xaaaa_aaaa_aaaa_aaaa;

/// The bits of the first `n` (at most 32) block states of a window.
#[inline]
fn states_mask(n: usize) -> u64 {
    if n >= 32 {
        u64::MAX
    } else {
        (1u64 << (2 * n)) - 1
    }
}

/// The arena and its allocation table.
// `repr(C)`: the arena's words first, the frame cache's array last, so that `Runtime` (see
// there) keeps the arena at a short offset.
#[repr(C)]
pub struct Heap {
    /// The arena, `nblocks * BLOCK_WORDS` words.
    pub words: Vec<u32>,
    table: Vec<u8>,
    nblocks: usize,
    /// Where the next search starts (next fit).
    hint: usize,
    used: usize,
    pub(crate) mark_stack: Vec<u32>,
    pub(crate) mark_overflow: bool,
    frames: frame_cache::FrameCache,
}

impl Heap {
    /// A heap of `bytes` bytes (rounded down to whole blocks).
    pub fn new(bytes: usize) -> Heap {
        let nblocks = bytes / BLOCK_BYTES;
        Heap {
            words: vec![Value::NULL.0; nblocks * BLOCK_WORDS],
            table: vec![0; nblocks.div_ceil(4)],
            nblocks,
            hint: 0,
            used: 0,
            mark_stack: Vec::with_capacity(gc::MARK_STACK_LEN),
            mark_overflow: false,
            frames: frame_cache::FrameCache::new(),
        }
    }

    #[inline(always)]
    pub(crate) fn state(&self, block: usize) -> u8 {
        (self.table_byte(block >> 2) >> ((block & 3) * 2)) & 3
    }

    #[inline(always)]
    pub(crate) fn set_state(&mut self, block: usize, s: u8) {
        let shift = (block & 3) * 2;
        let byte = self.table_byte_mut(block >> 2);
        *byte = (*byte & !(3 << shift)) | (s << shift);
    }

    /// Allocation table byte `i` (the states of blocks `4 * i..4 * i + 4`). Outside the table
    /// it panics as indexing would, but through one shared cold call rather than a panic
    /// location and call at each of the allocator's many sites.
    #[inline(always)]
    pub(crate) fn table_byte(&self, i: usize) -> u8 {
        match self.table.get(i) {
            Some(&byte) => byte,
            None => outside_table(i),
        }
    }

    /// `table_byte` for writing.
    #[inline(always)]
    pub(crate) fn table_byte_mut(&mut self, i: usize) -> &mut u8 {
        match self.table.get_mut(i) {
            Some(byte) => byte,
            None => outside_table(i),
        }
    }

    /// Arena words `w..w + n`, panicking outside the arena as `table_byte` does.
    #[inline(always)]
    fn words_mut(&mut self, w: usize, n: usize) -> &mut [u32] {
        match self.words.get_mut(w..w + n) {
            Some(words) => words,
            None => outside_arena(w + n),
        }
    }

    /// Start a new object in the `need` blocks from `block` on: its words cleared, then its
    /// header word.
    #[inline(always)]
    fn init_object(&mut self, block: usize, need: usize, kind: Kind, aux: u32) {
        let obj = self.words_mut(block * BLOCK_WORDS, need * BLOCK_WORDS);
        obj.fill(Value::NULL.0);
        if let Some(header) = obj.first_mut() {
            *header = (kind as u32) | (aux << 8);
        }
    }

    /// The 32 block states from table byte `i` on (block `4 * i` in the low bits), if the
    /// table has eight bytes there. Runs of up to 29 blocks are handled a window at a time.
    #[inline]
    fn window(&self, i: usize) -> Option<u64> {
        let bytes = self.table.get(i..i + 8)?;
        Some(u64::from_le_bytes(bytes.try_into().ok()?))
    }

    /// Write back a window read by `window(i)`.
    #[inline]
    fn set_window(&mut self, i: usize, w: u64) {
        if let Some(bytes) = self.table.get_mut(i..i + 8) {
            bytes.copy_from_slice(&w.to_le_bytes());
        }
    }

    /// Number of blocks in the arena.
    pub fn nblocks(&self) -> usize {
        self.nblocks
    }

    /// Bytes in use by objects.
    pub fn bytes_used(&self) -> usize {
        self.used * BLOCK_BYTES
    }

    /// Bytes free.
    pub fn bytes_free(&self) -> usize {
        (self.nblocks - self.used) * BLOCK_BYTES
    }

    /// Allocate an object of `nwords` words (header included) and write its header; `None` when
    /// no run of free blocks is long enough. Never collects.
    ///
    /// Next fit: the search starts where the last allocation ended and wraps around once, so
    /// allocation is amortised O(1) instead of rescanning the long-lived objects at the bottom
    /// of the heap every time.
    #[inline]
    pub fn alloc(&mut self, kind: Kind, aux: u32, nwords: usize) -> Option<u32> {
        if nwords <= BLOCK_WORDS {
            let header = (kind as u32) | (aux << 8);
            let null = Value::NULL.0;
            if let Some(b) = self.alloc_block([header, null, null, null]) {
                return Some(b);
            }
        }
        self.alloc_blocks(kind, aux, nwords)
    }

    /// Fast path for one-block objects (floats, cells, small tuples): claim the block at the
    /// hint, which is free right after a collection or a matching free, and store `words`
    /// (the header first) in it. `None` when that block is taken. Inlined into its few
    /// callers: a float result's allocation is mostly this.
    #[inline(always)]
    pub fn alloc_block(&mut self, words: [u32; BLOCK_WORDS]) -> Option<u32> {
        let h = self.hint;
        if h >= self.nblocks {
            return None;
        }
        let shift = (h & 3) * 2;
        let state = self.table.get_mut(h >> 2)?;
        if (*state >> shift) & 3 != FREE {
            return None;
        }
        let w = h * BLOCK_WORDS;
        self.words
            .get_mut(w..w + BLOCK_WORDS)?
            .copy_from_slice(&words);
        *state |= HEAD << shift;
        self.hint = h + 1;
        self.used += 1;
        Some(h as u32)
    }

    /// `alloc` for objects of several blocks: claim them in one table window when they are
    /// free at the hint (frames, small dicts), or search.
    #[inline(never)]
    fn alloc_blocks(&mut self, kind: Kind, aux: u32, nwords: usize) -> Option<u32> {
        let h = self.hint;
        let need = nwords.div_ceil(BLOCK_WORDS);
        let sh = 2 * (h & 3);
        if h + need <= self.nblocks && need + (h & 3) <= 32 {
            if let Some(w) = self.window(h >> 2) {
                let m = states_mask(need) << sh;
                if w & m == 0 {
                    let claimed = ((TAILS & states_mask(need) & !3) | HEAD as u64) << sh;
                    self.set_window(h >> 2, w | claimed);
                    self.hint = h + need;
                    self.used += need;
                    self.init_object(h, need, kind, aux);
                    return Some(h as u32);
                }
            }
        }
        self.alloc_run(kind, aux, nwords)
    }

    /// `alloc` when the blocks at the hint are not free, or for long objects.
    fn alloc_run(&mut self, kind: Kind, aux: u32, nwords: usize) -> Option<u32> {
        let need = nwords.max(1).div_ceil(BLOCK_WORDS);
        let h = self.hint;
        let start = if h + need <= self.nblocks && self.run_is_free(h, need) {
            h
        } else {
            match self.find_run(self.hint, self.nblocks, need) {
                Some(s) => s,
                None => self.find_run(0, (self.hint + need).min(self.nblocks), need)?,
            }
        };
        self.hint = start + need;
        self.set_state(start, HEAD);
        self.set_tails(start + 1, start + need);
        self.used += need;
        self.init_object(start, need, kind, aux);
        Some(start as u32)
    }

    /// Are blocks `start..start + need` (within the arena) all free?
    fn run_is_free(&self, start: usize, need: usize) -> bool {
        let end = start + need;
        let mut b = start;
        while b < end {
            if b & 3 == 0 && b + 4 <= end {
                if self.table_byte(b >> 2) != 0 {
                    return false;
                }
                b += 4;
            } else {
                if self.state(b) != FREE {
                    return false;
                }
                b += 1;
            }
        }
        true
    }

    /// Mark blocks `from..to` (within the arena) as tails, whole table bytes at a time.
    fn set_tails(&mut self, from: usize, to: usize) {
        let mut b = from;
        while b < to {
            if b & 3 == 0 && b + 4 <= to {
                *self.table_byte_mut(b >> 2) = 0xaa;
                b += 4;
            } else {
                self.set_state(b, TAIL);
                b += 1;
            }
        }
    }

    /// First run of `need` free blocks starting in `from..to` (ending by `nblocks`).
    fn find_run(&self, from: usize, to: usize, need: usize) -> Option<usize> {
        let mut start = from;
        while start < to {
            if start & 3 == 0 && start + 4 <= self.nblocks && {
                let x = self.table_byte(start >> 2);
                (x | (x >> 1)) & 0x55 == 0x55
            } {
                start += 4;
                continue;
            }
            if self.state(start) != FREE {
                start += 1;
                continue;
            }
            if start + need > self.nblocks {
                return None;
            }
            let mut run = 1;
            while run < need && self.state(start + run) == FREE {
                run += 1;
                // Whole free table bytes at a time.
                while (start + run) & 3 == 0
                    && run + 4 <= need
                    && self.table_byte((start + run) >> 2) == 0
                {
                    run += 4;
                }
            }
            if run == need {
                return Some(start);
            }
            start += run + 1;
        }
        None
    }

    /// Free the object at `block` now (for objects the VM knows are unreferenced: popped frames,
    /// replaced backing arrays). Freeing anything but a head block is ignored.
    pub fn free(&mut self, block: u32) {
        let b = block as usize;
        if b >= self.nblocks || self.state(b) == FREE || self.state(b) == TAIL {
            return;
        }
        let n = self.blocks_of(b);
        self.release(b, n);
    }

    fn release(&mut self, b: usize, n: usize) {
        match self.window(b >> 2) {
            Some(w) if n + (b & 3) <= 32 => {
                self.set_window(b >> 2, w & !(states_mask(n) << (2 * (b & 3))));
            }
            _ => {
                for i in b..b + n {
                    self.set_state(i, FREE);
                }
            }
        }
        self.used -= n;
        self.poison(b, n);
        if b + n == self.hint {
            self.hint = b;
        }
    }

    /// Under `gc-stress`, overwrite freed blocks so a use after free shows up at once.
    #[inline]
    pub(crate) fn poison(&mut self, b: usize, n: usize) {
        if cfg!(feature = "gc-stress") {
            self.words[b * BLOCK_WORDS..(b + n) * BLOCK_WORDS].fill(0xdead_beef);
        }
    }

    /// Grow the object at `block` in place to at least `nwords` words if the blocks after it
    /// are free; returns its capacity in words then. `words` is its current length in words as
    /// the caller records it (a list's array keeps its capacity), which spares walking the
    /// allocation table; an understated length only makes the growth fail.
    pub fn try_extend(&mut self, block: u32, words: usize, nwords: usize) -> Option<usize> {
        let b = block as usize;
        let have = words.div_ceil(BLOCK_WORDS).max(1);
        let need = nwords.div_ceil(BLOCK_WORDS);
        if need <= have {
            return Some(have * BLOCK_WORDS);
        }
        if b + need > self.nblocks || (b + have..b + need).any(|i| self.state(i) != FREE) {
            return None;
        }
        self.set_tails(b + have, b + need);
        self.used += need - have;
        self.words_mut((b + have) * BLOCK_WORDS, (need - have) * BLOCK_WORDS)
            .fill(Value::NULL.0);
        if self.hint >= b + have && self.hint < b + need {
            self.hint = b + need;
        }
        Some(need * BLOCK_WORDS)
    }

    /// Shrink the object at `block` to the blocks `nwords` words need (at least one), giving
    /// the rest back to the heap.
    pub fn shrink(&mut self, block: u32, nwords: usize) {
        let b = block as usize;
        if b >= self.nblocks || self.state(b) != HEAD {
            return;
        }
        let have = self.blocks_of(b);
        let keep = nwords.div_ceil(BLOCK_WORDS).max(1);
        if keep < have {
            self.release(b + keep, have - keep);
        }
    }

    /// Number of blocks of the object whose head is `b`.
    #[inline]
    pub fn blocks_of(&self, b: usize) -> usize {
        if let Some(w) = self.window(b >> 2) {
            // States after the head; tails turn into zero pairs.
            let sh = 2 * (b & 3) + 2;
            let x = (w ^ TAILS) >> sh;
            let pairs = (64 - sh) / 2;
            let tails = (x.trailing_zeros() / 2) as usize;
            if tails < pairs {
                return 1 + tails;
            }
        }
        let mut i = b + 1;
        while i & 3 != 0 {
            if i >= self.nblocks || self.state(i) != TAIL {
                return i - b;
            }
            i += 1;
        }
        // Whole table bytes of tails (0b10 four times) at a time.
        while i + 4 <= self.nblocks && self.table_byte(i >> 2) == 0xaa {
            i += 4;
        }
        while i < self.nblocks && self.state(i) == TAIL {
            i += 1;
        }
        i - b
    }

    /// Objects and blocks in use per kind (indexed by `Kind as usize - 1`), walking the
    /// allocation table: what `micropython.mem_info(1)` prints.
    pub fn census(&self) -> [(u32, u32); Kind::COUNT] {
        let mut out = [(0, 0); Kind::COUNT];
        let mut b = 0;
        while b < self.nblocks {
            if matches!(self.state(b), HEAD | MARK) {
                let n = self.blocks_of(b);
                if let Some(k) = Kind::from_header(self.word(b * BLOCK_WORDS)) {
                    let slot = &mut out[k as usize - 1];
                    slot.0 += 1;
                    slot.1 += n as u32;
                }
                b += n;
            } else {
                b += 1;
            }
        }
        out
    }

    /// Is `v` a handle to a live object's head block?
    pub fn is_live(&self, v: Value) -> bool {
        match v.as_heap() {
            Some(b) => {
                let b = b as usize;
                b < self.nblocks && matches!(self.state(b), HEAD | MARK)
            }
            None => false,
        }
    }

    /// Kind of the heap object `v`, if `v` is a live heap handle.
    #[inline(always)]
    pub fn kind(&self, v: Value) -> Option<Kind> {
        let b = v.as_heap()? as usize;
        Kind::from_header(*self.words.get(b * BLOCK_WORDS)?)
    }

    /// Is `v` a heap object of kind `kind`? (`kind(v) == Some(kind)` without decoding the
    /// header: the hot paths' type test.)
    #[inline(always)]
    pub fn is_kind(&self, v: Value, kind: Kind) -> bool {
        let i = Heap::base(v.0 >> 3);
        v.is_heap() && i < self.words.len() && self.word(i) & 0xff == kind as u32
    }

    /// Word index of the start of object `block`.
    #[inline(always)]
    pub fn base(block: u32) -> usize {
        block as usize * BLOCK_WORDS
    }

    /// Arena word `i`, as `words[i]` reads it (a panic outside the arena) but inlined whole:
    /// under the chip profile `words[i]` is a call, and these reads are the VM's most common
    /// operation.
    #[inline(always)]
    pub(crate) fn word(&self, i: usize) -> u32 {
        if i < self.words.len() {
            // SAFETY: `i` is inside the arena (checked just above).
            unsafe { *self.words.get_unchecked(i) }
        } else {
            outside_arena(i)
        }
    }

    /// `word` for writing.
    #[inline(always)]
    pub(crate) fn word_mut(&mut self, i: usize) -> &mut u32 {
        if i < self.words.len() {
            // SAFETY: `i` is inside the arena (checked just above).
            unsafe { self.words.get_unchecked_mut(i) }
        } else {
            outside_arena(i)
        }
    }

    /// Read word `i` of object `block`.
    #[inline(always)]
    pub fn get(&self, block: u32, i: usize) -> u32 {
        self.word(Heap::base(block) + i)
    }

    /// Write word `i` of object `block`.
    #[inline(always)]
    pub fn set(&mut self, block: u32, i: usize, w: u32) {
        *self.word_mut(Heap::base(block) + i) = w;
    }

    /// Read value field `i` of object `block`.
    #[inline(always)]
    pub fn val(&self, block: u32, i: usize) -> Value {
        Value(self.word(Heap::base(block) + i))
    }

    /// Write value field `i` of object `block`.
    #[inline(always)]
    pub fn set_val(&mut self, block: u32, i: usize, v: Value) {
        *self.word_mut(Heap::base(block) + i) = v.0;
    }

    /// Header aux bits (the header word above its kind byte).
    #[inline(always)]
    pub fn aux(&self, block: u32) -> u32 {
        self.word(Heap::base(block)) >> 8
    }

    /// Set the header aux bits.
    #[inline]
    pub fn set_aux(&mut self, block: u32, aux: u32) {
        let w = self.word_mut(Heap::base(block));
        *w = (*w & 0xff) | (aux << 8);
    }

    /// The bytes stored from word `start` of object `block`, `len` bytes long.
    pub fn bytes(&self, block: u32, start: usize, len: usize) -> &[u8] {
        let w0 = Heap::base(block) + start;
        let nw = len.div_ceil(4);
        let words = match self.words.get(w0..w0 + nw) {
            Some(words) => words,
            None => outside_arena(w0 + nw),
        };
        // SAFETY: u32 has no padding and is at least as aligned as u8; the length is within
        // the borrowed word slice.
        unsafe { core::slice::from_raw_parts(words.as_ptr() as *const u8, len) }
    }

    /// Copy `len` bytes from word `src_word` of object `src` to byte `at` past word `dst_word`
    /// of object `dst` (the objects may be the same; out-of-arena ranges are ignored).
    pub fn copy_bytes(&mut self, src: (u32, usize), dst: (u32, usize), at: usize, len: usize) {
        let from = (Heap::base(src.0) + src.1) * 4;
        let to = (Heap::base(dst.0) + dst.1) * 4 + at;
        let total = self.words.len() * 4;
        if from + len > total || to + len > total {
            return;
        }
        // SAFETY: u32 has no padding and is at least as aligned as u8; the view covers exactly
        // the arena's words and the borrow is unique.
        let arena =
            unsafe { core::slice::from_raw_parts_mut(self.words.as_mut_ptr() as *mut u8, total) };
        arena.copy_within(from..from + len, to);
    }

    /// Mutable bytes from word `start` of object `block`, `len` bytes long.
    pub fn bytes_mut(&mut self, block: u32, start: usize, len: usize) -> &mut [u8] {
        let w0 = Heap::base(block) + start;
        let nw = len.div_ceil(4);
        let words = self.words_mut(w0, nw);
        // SAFETY: as in `bytes`; the borrow is unique.
        unsafe { core::slice::from_raw_parts_mut(words.as_mut_ptr() as *mut u8, len) }
    }
}

/// A heap access outside the arena: a VM bug, reported as indexing reports it.
#[cold]
#[inline(never)]
fn outside_arena(i: usize) -> ! {
    panic!("heap word {i} is outside the arena")
}

/// An allocation table access outside the table: a VM bug, reported as indexing reports it.
#[cold]
#[inline(never)]
fn outside_table(i: usize) -> ! {
    panic!("heap table byte {i} is outside the table")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alloc_and_free_reuse_blocks() {
        let mut h = Heap::new(1024);
        assert_eq!(h.nblocks(), 64);
        let a = h.alloc(Kind::Tuple, 3, 5).unwrap();
        assert_eq!(h.blocks_of(a as usize), 2);
        let b = h.alloc(Kind::Tuple, 0, 1).unwrap();
        assert_eq!(b, a + 2);
        assert_eq!(h.bytes_used(), 3 * BLOCK_BYTES);
        h.free(b);
        let c = h.alloc(Kind::Float, 0, 3).unwrap();
        assert_eq!(
            c, b,
            "the block freed just below the next-fit position is reused first"
        );
        assert_eq!(h.kind(Value::handle(c)), Some(Kind::Float));
        h.free(a);
        assert_eq!(h.bytes_used(), BLOCK_BYTES);
        let d = h.alloc(Kind::Tuple, 0, 60 * BLOCK_WORDS).unwrap();
        assert_eq!(d, c + 1);
        let e = h.alloc(Kind::Tuple, 0, 8).unwrap();
        assert_eq!(e, a, "the search wraps around to the freed space");
    }

    #[test]
    fn extend_in_place_only_into_free_blocks() {
        let mut h = Heap::new(1024);
        let a = h.alloc(Kind::Array, 0, 4).unwrap();
        assert_eq!(h.try_extend(a, 4, 12), Some(12));
        assert_eq!(h.blocks_of(a as usize), 3);
        let b = h.alloc(Kind::Array, 0, 4).unwrap();
        assert_eq!(b, a + 3);
        assert_eq!(h.try_extend(a, 12, 16), None);
        assert_eq!(h.bytes_used(), 4 * BLOCK_BYTES);
    }

    #[test]
    fn runs_at_every_offset_keep_the_table_exact() {
        // Objects of 1..40 blocks allocated and freed at all alignments, checked block by
        // block against a plain model of the table.
        let mut h = Heap::new(64 * 1024);
        let mut model = vec![FREE; h.nblocks()];
        let mut live: Vec<(u32, usize)> = Vec::new();
        let mut seed = 7u32;
        for step in 0..3000 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
            if live.len() > 40 || (step % 3 == 2 && !live.is_empty()) {
                let (b, n) = live.swap_remove((seed >> 8) as usize % live.len());
                assert_eq!(h.blocks_of(b as usize), n);
                h.free(b);
                model[b as usize..b as usize + n].fill(FREE);
            } else {
                let n = 1 + (seed >> 16) as usize % 40;
                if let Some(b) = h.alloc(Kind::Array, 0, n * BLOCK_WORDS) {
                    model[b as usize] = HEAD;
                    model[b as usize + 1..b as usize + n].fill(TAIL);
                    live.push((b, n));
                }
            }
            for (i, s) in model.iter().enumerate() {
                assert_eq!(h.state(i), *s, "block {i} after step {step}");
            }
        }
        let used: usize = live.iter().map(|(_, n)| n).sum();
        assert_eq!(h.bytes_used(), used * BLOCK_BYTES);
    }

    #[test]
    fn exhaustion_is_none() {
        let mut h = Heap::new(256);
        assert!(h.alloc(Kind::Array, 0, 64).is_some());
        assert!(h.alloc(Kind::Array, 0, 1).is_none());
    }

    #[test]
    fn fragmented_heap_finds_a_long_enough_run() {
        let mut h = Heap::new(256);
        let blocks: Vec<u32> = (0..16)
            .map(|_| h.alloc(Kind::Cell, 0, 2).unwrap())
            .collect();
        h.free(blocks[3]);
        h.free(blocks[8]);
        h.free(blocks[9]);
        assert!(h.alloc(Kind::Array, 0, 12).is_none());
        let two = h.alloc(Kind::Array, 0, 8).unwrap();
        assert_eq!(two, blocks[8]);
        assert_eq!(h.alloc(Kind::Array, 0, 4).unwrap(), blocks[3]);
    }
}
