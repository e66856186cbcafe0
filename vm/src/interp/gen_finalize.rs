//! Finalizing generators that become unreachable while suspended: CPython closes such a
//! generator when it is collected, so its `finally` blocks and `with` exits run.
//!
//! The collector cannot run Python code (it runs inside an allocation), so finalization is in
//! two steps. During a collection, after marking, every watched generator that is unmarked and
//! suspended is *doomed*: it is marked again (with everything it reaches) so the sweep keeps it,
//! and queued. At the next safe point (the interpreter entering a frame, or `gc.collect()`
//! returning) each queued generator is closed as by `close()`; once closed it is finished, is
//! no longer watched, and a later collection frees it.
//!
//! Only generators whose code has an exception handler (a `try`, `with` or `finally`) are
//! watched: closing any other suspended generator could run no code.

use crate::heap::MARK;
use crate::interp::exec::GEN_SUSPENDED;
use crate::qstr::Q_CLOSE;
use crate::runtime::Runtime;
use crate::value::Value;

/// Generators the collector watches, and those it found dead and queued for closing.
#[derive(Default)]
pub struct GenFinalizers {
    /// Started generators with handlers (weak: the collector does not mark through this list).
    watched: alloc::vec::Vec<Value>,
    /// Unreachable suspended generators to close at the next safe point (strong roots).
    doomed: alloc::vec::Vec<Value>,
}

impl GenFinalizers {
    /// Is a closing pending?
    #[inline]
    pub fn pending(&self) -> bool {
        !self.doomed.is_empty()
    }
}

impl Runtime {
    /// Watch generator `g` so that it is closed if collected while suspended. A failed host
    /// allocation only loses the finalization, never the program.
    pub fn watch_generator(&mut self, g: Value) {
        if self.gen_finalizers.watched.try_reserve(1).is_ok() {
            self.gen_finalizers.watched.push(g);
        }
    }

    /// Collector hook, before marking: queued generators are roots until closed.
    pub(crate) fn mark_doomed_generators(&mut self) {
        for i in 0..self.gen_finalizers.doomed.len() {
            let g = self.gen_finalizers.doomed[i];
            self.heap.mark(g);
        }
    }

    /// Collector hook, between marking and sweeping: doom the unreachable suspended generators
    /// (keeping them and what they reach alive) and forget the other unreachable ones.
    pub(crate) fn doom_unreachable_generators(&mut self) {
        let mut watched = core::mem::take(&mut self.gen_finalizers.watched);
        watched.retain(|&g| {
            let Some(b) = g.as_heap() else { return false };
            if (b as usize) < self.heap.nblocks() && self.heap.state(b as usize) == MARK {
                return true;
            }
            let suspended = self.heap.val(b, 2).as_small() == Some(GEN_SUSPENDED);
            if suspended && self.gen_finalizers.doomed.try_reserve(1).is_ok() {
                self.gen_finalizers.doomed.push(g);
                self.heap.mark(g);
            }
            false
        });
        self.gen_finalizers.watched = watched;
        self.heap.finish_mark();
    }

    /// Close every queued generator. Runs Python code, so only at a safe point. What a
    /// `finally` raises is dropped, as CPython drops (and reports) errors in finalizers; the
    /// exception state of the interrupted code is kept.
    pub fn run_generator_finalizers(&mut self) {
        while let Some(g) = self.gen_finalizers.doomed.pop() {
            let saved = [self.exc, self.handling, self.stop_value];
            self.pins
                .extend_from_slice(&[g, saved[0], saved[1], saved[2]]);
            let _ = self.call_method(g, Q_CLOSE, &[]);
            self.unpin(4);
            [self.exc, self.handling, self.stop_value] = saved;
        }
    }
}
