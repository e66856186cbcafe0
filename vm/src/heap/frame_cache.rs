//! A cache of recently freed call frames, by size, so that the call after a return reuses the
//! returned frame's blocks without searching the allocation table.
//!
//! A cached frame keeps its head and tail states in the table (so no allocation can claim part
//! of it) but is not counted as used: `bytes_used`/`bytes_free` report it as free, as it is. The
//! cache is emptied (its blocks set free in the table) before every collection, so the collector
//! never sees a cached frame, and an allocation that fails for lack of space collects first and
//! then finds those blocks: the cache never causes a `MemoryError`.
//!
//! Each size class is a list linked through word 1 of the cached frames.

use super::{Heap, BLOCK_WORDS, FREE, HEAD};
use crate::obj::kind::Kind;
use crate::obj::layout::F_LOCALS0;
use crate::value::Value;

/// Frames of up to this many blocks are cached.
pub const CACHED_SIZES: usize = 16;

/// End of a size class's list.
const NONE: u32 = u32::MAX;

/// The cache's lists and how many blocks it holds.
pub struct FrameCache {
    heads: [u32; CACHED_SIZES + 1],
    blocks: usize,
}

impl FrameCache {
    /// An empty cache.
    pub fn new() -> FrameCache {
        FrameCache {
            heads: [NONE; CACHED_SIZES + 1],
            blocks: 0,
        }
    }
}

impl Default for FrameCache {
    fn default() -> Self {
        Self::new()
    }
}

impl Heap {
    /// Allocate a frame of `nwords` words with stack base `aux`, reusing a cached frame of the
    /// same number of blocks if there is one, or else as `alloc` does. A reused frame is filled
    /// with NULL up to its stack base; its value stack keeps what the last frame left there,
    /// which nothing reads: the collector scans a frame only up to its stored stack pointer
    /// (0 in a new frame), and every slot below that was pushed by this frame.
    #[inline]
    pub fn alloc_frame(&mut self, aux: u32, nwords: usize) -> Option<u32> {
        if let Some(b) = self.reuse_frame(aux, nwords, 0) {
            return Some(b);
        }
        self.alloc(Kind::Frame, aux, nwords)
    }

    /// `alloc_frame` for a caller that writes all of the frame's fixed words (1 up to
    /// `F_LOCALS0`) itself before anything can collect: a reused frame gets only its fast
    /// locals (`F_LOCALS0` up to its stack base `aux`) set to NULL.
    #[inline(always)]
    pub fn alloc_call_frame(&mut self, aux: u32, nwords: usize) -> Option<u32> {
        if let Some(b) = self.reuse_frame(aux, nwords, F_LOCALS0) {
            return Some(b);
        }
        self.alloc(Kind::Frame, aux, nwords)
    }

    /// Take a cached frame of `nwords` words' blocks, if there is one: its words from
    /// `clear_from` up to its stack base `aux` set to NULL and its header written.
    #[inline(always)]
    fn reuse_frame(&mut self, aux: u32, nwords: usize, clear_from: usize) -> Option<u32> {
        let need = nwords.div_ceil(BLOCK_WORDS);
        let b = *self.frames.heads.get(need).filter(|b| **b != NONE)?;
        let w = b as usize * BLOCK_WORDS;
        let fixed = (aux as usize).min(need * BLOCK_WORDS);
        let obj = self.words.get_mut(w..w + need * BLOCK_WORDS)?;
        self.frames.heads[need] = obj[1];
        self.frames.blocks -= need;
        self.used += need;
        if let Some(cleared) = obj.get_mut(clear_from..fixed) {
            for word in cleared {
                *word = Value::NULL.0;
            }
        }
        obj[0] = Kind::Frame as u32 | (aux << 8);
        Some(b)
    }

    /// Free the frame at `block` (a head block) into the cache, or as `free` does when it is
    /// too large for the cache.
    #[inline]
    pub fn free_frame(&mut self, block: u32) {
        let b = block as usize;
        if b >= self.nblocks || self.state(b) != HEAD {
            return;
        }
        let n = self.blocks_of(b);
        self.cache_frame(block, n);
    }

    /// `free_frame` for a frame whose size the caller knows: `nwords` words, as it was
    /// allocated (a frame is `aux + max_stack + 1` words for its code's `max_stack`).
    #[inline]
    pub fn free_frame_sized(&mut self, block: u32, nwords: usize) {
        let n = nwords.div_ceil(BLOCK_WORDS);
        debug_assert_eq!(n, self.blocks_of(block as usize));
        self.cache_frame(block, n);
    }

    /// Put the frame at `block`, `n` blocks long, in the cache (or free it if it is larger
    /// than the cache takes). Inlined: every return comes through here.
    #[inline(always)]
    fn cache_frame(&mut self, block: u32, n: usize) {
        if n > CACHED_SIZES {
            self.free(block);
            return;
        }
        let b = block as usize;
        let w = b * BLOCK_WORDS;
        if cfg!(feature = "gc-stress") {
            self.words[w + 2..w + n * BLOCK_WORDS].fill(0xdead_beef);
        }
        // A checked write with no panic path: an indexing panic here was an out-of-line call
        // on every return. A head block always has its word 1 inside the arena.
        let Some(link) = self.words.get_mut(w + 1) else {
            return;
        };
        *link = self.frames.heads[n];
        self.frames.heads[n] = block;
        self.frames.blocks += n;
        self.used -= n;
    }

    /// Release every cached frame to the allocation table (before a collection).
    pub fn drop_frame_cache(&mut self) {
        if self.frames.blocks == 0 {
            return;
        }
        for n in 1..=CACHED_SIZES {
            let mut b = self.frames.heads[n];
            while b != NONE {
                let next = self.words[b as usize * BLOCK_WORDS + 1];
                // `used` already excludes cached blocks: only the table changes.
                for i in b as usize..b as usize + n {
                    self.set_state(i, FREE);
                }
                self.poison(b as usize, n);
                b = next;
            }
            self.frames.heads[n] = NONE;
        }
        self.frames.blocks = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::BLOCK_BYTES;

    #[test]
    fn a_freed_frame_is_reused_and_counted_free() {
        let mut h = Heap::new(1024);
        let f = h.alloc_frame(12, 14).unwrap();
        h.words[Heap::base(f) + 5] = Value::TRUE.0;
        assert_eq!(h.bytes_used(), 4 * BLOCK_BYTES);
        h.free_frame(f);
        assert_eq!(h.bytes_used(), 0);
        assert_eq!(h.bytes_free(), 1024);
        let g = h.alloc_frame(11, 13).unwrap();
        assert_eq!(g, f, "same number of blocks: the cached frame comes back");
        assert_eq!(h.bytes_used(), 4 * BLOCK_BYTES);
        assert_eq!(h.aux(g), 11);
        assert_eq!(h.kind(Value::handle(g)), Some(Kind::Frame));
        // NULL up to the stack base (11 words); the stack keeps what was there.
        assert!(h.words[Heap::base(g) + 1..Heap::base(g) + 11]
            .iter()
            .all(|w| *w == Value::NULL.0));
    }

    #[test]
    fn dropping_the_cache_frees_the_blocks() {
        let mut h = Heap::new(256);
        let f = h.alloc_frame(10, 64).unwrap();
        assert!(h.alloc(Kind::Array, 0, 1).is_none());
        h.free_frame(f);
        assert!(
            h.alloc(Kind::Array, 0, 64).is_none(),
            "cached blocks stay claimed until dropped"
        );
        h.drop_frame_cache();
        assert_eq!(h.bytes_used(), 0);
        assert_eq!(h.alloc(Kind::Array, 0, 64), Some(f));
    }

    #[test]
    fn other_sizes_are_allocated_normally() {
        let mut h = Heap::new(1024);
        let f = h.alloc_frame(10, 14).unwrap();
        h.free_frame(f);
        let g = h.alloc_frame(10, 20).unwrap();
        assert_ne!(g, f);
        assert_eq!(h.blocks_of(g as usize), 5);
        assert_eq!(h.bytes_used(), 5 * BLOCK_BYTES);
    }
}
