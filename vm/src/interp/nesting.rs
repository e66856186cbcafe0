//! The one budget for everything that recurses on the Rust stack at run time.
//!
//! Two kinds of recursion share it. Native code that calls back into Python runs a nested
//! interpreter loop (`nested_enter`), counted against [`MAX_NESTED`]. Native code that walks a
//! structure by recursion — container comparison and hashing, `repr`, `next()` through
//! `map`/`filter`/`zip`/`enumerate` wrappers, `isinstance` with nested tuples — goes one level
//! deeper per step (`deeper`), counted against [`MAX_NATIVE_DEPTH`]. Both also measure the stack
//! itself against the budget the embedder gave (`Config::stack_budget`), as the compiler does,
//! because what one level costs differs between builds and between paths: a board's 8 KiB task
//! stack runs out long before either count. Past any of the three bounds the level raises
//! `RecursionError` (a `RuntimeError`), which unwinds normally: the VM goes on.

use crate::compile::stack::StackGuard;
use crate::obj::exception::ExcKind;
use crate::runtime::{PyResult, Runtime, MAX_NESTED};

/// Native recursion levels (one per container, wrapper iterator or nested tuple crossed)
/// before `RecursionError`: CPython's default recursion limit.
pub const MAX_NATIVE_DEPTH: u32 = 1000;

/// The message CPython gives when comparison recursion runs out.
pub const IN_COMPARISON: &str = "maximum recursion depth exceeded in comparison";
/// The message CPython gives when `repr` recursion runs out.
pub const IN_REPR: &str = "maximum recursion depth exceeded while getting the repr of an object";
/// The message CPython gives for other recursion.
pub const PLAIN: &str = "maximum recursion depth exceeded";

impl Runtime {
    /// Measure stack use from here on: called where the embedder enters the VM.
    pub fn stack_from_here(&mut self) {
        self.stack = StackGuard::new(self.stack_budget);
    }

    /// Count one more nested interpreter loop (`RecursionError` past the bound). The caller
    /// decrements `nested` when the loop returns.
    pub fn nested_enter(&mut self) -> PyResult<()> {
        if self.nested >= MAX_NESTED || self.stack.exhausted() {
            return Err(self.raise(ExcKind::RecursionError, PLAIN));
        }
        self.nested += 1;
        Ok(())
    }

    /// Run `body` one native recursion level deeper, or raise `RecursionError` with `message`
    /// if the budget is spent.
    #[inline]
    pub fn deeper<T>(
        &mut self,
        message: &'static str,
        body: impl FnOnce(&mut Runtime) -> PyResult<T>,
    ) -> PyResult<T> {
        if self.native_depth >= MAX_NATIVE_DEPTH || self.stack.exhausted() {
            return Err(self.raise(ExcKind::RecursionError, message));
        }
        self.native_depth += 1;
        let r = body(self);
        self.native_depth -= 1;
        r
    }

    /// Stack bytes left to a compiler started here (for `exec`, `eval`, `compile` and imports
    /// run from nested code).
    pub fn stack_left(&self) -> usize {
        self.stack.left()
    }
}
