//! A stack-usage guard for the recursive passes (parser, symbol table, code generator).
//!
//! Counting nesting levels bounds recursion, but how much stack one level costs depends on the
//! build (an unoptimised parser frame is several times an optimised one), so the passes also
//! compare the address of a local against the address recorded when compilation started, as
//! MicroPython's `MP_STACK_CHECK` does. Stacks grow downwards on every target mote runs on; if
//! one grew upwards the measured use would read as zero and only the counters would apply.

use core::hint::black_box;

/// Stack bytes the compiler and the VM's nested loops may use below their entry point unless
/// told otherwise: in an optimised build one level of brackets costs about 2.9 KiB through
/// parser, symbol table and code generator (printed by
/// `cargo test --release -p mote-vm --lib stack_per_level -- --nocapture`), so CPython's 200
/// levels need about 600 KiB; an unoptimised build's frames are about six times larger. Safe
/// on any `std` thread (2 MiB by default). Callers on smaller stacks (a REPL task on a board)
/// must pass their own budget to [`compile_with_budget`](super::compile_with_budget), a little
/// below the stack they have.
pub const DEFAULT_STACK_BUDGET: usize = 1024 * 1024;

/// Where compilation started and how deep below it the passes may go.
#[derive(Clone, Copy, Debug)]
pub struct StackGuard {
    base: usize,
    budget: usize,
}

fn stack_address() -> usize {
    let marker = 0u8;
    black_box(&marker) as *const u8 as usize
}

impl StackGuard {
    /// A guard measuring from the caller's current stack position.
    pub fn new(budget: usize) -> StackGuard {
        StackGuard {
            base: stack_address(),
            budget,
        }
    }

    /// Whether the stack below the base has grown past the budget.
    pub fn exhausted(&self) -> bool {
        self.base.saturating_sub(stack_address()) > self.budget
    }

    /// Budget left below the caller's stack position.
    pub fn left(&self) -> usize {
        self.budget
            .saturating_sub(self.base.saturating_sub(stack_address()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recurse(guard: &StackGuard, n: u32) -> u32 {
        if guard.exhausted() {
            return n;
        }
        let pad = black_box([0u8; 256]);
        recurse(guard, n + 1) + u32::from(pad[0])
    }

    #[test]
    fn guard_trips_within_budget() {
        let guard = StackGuard::new(16 * 1024);
        assert!(!guard.exhausted());
        let depth = recurse(&guard, 0);
        assert!(depth > 10 && depth < 16 * 1024 / 256 + 1, "{depth}");
    }
}
