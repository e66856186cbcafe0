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

#[cfg(test)]
mod tests {
    use crate::tests::TestHost;
    use crate::vm::{Config, Outcome, Vm};
    use alloc::string::String;

    /// Runs `src` with `stack_budget` on a thread with a 64 MiB stack, so the counts can be
    /// reached in an unoptimised build.
    fn run_with_stack(stack_budget: usize, src: &str) -> (String, Outcome) {
        let src = String::from(src);
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || run_here(stack_budget, &src))
            .unwrap()
            .join()
            .unwrap()
    }

    fn run_here(stack_budget: usize, src: &str) -> (String, Outcome) {
        let mut vm = Vm::new(
            Config {
                heap_bytes: 1 << 20,
                stack_budget,
                ..Config::default()
            },
            TestHost::default(),
        )
        .unwrap();
        let outcome = vm.run_source(src, "t.py");
        (
            String::from_utf8_lossy(&vm.host().out).into_owned(),
            outcome,
        )
    }

    const NESTED_REPR: &str = "\
x = []
for i in range(DEPTH):
    x = [x]
try:
    print(len(repr(x)))
except RecursionError:
    print('RecursionError')
print(len(repr([[[1]]])))
";

    #[test]
    fn the_count_bounds_native_recursion_on_a_large_stack() {
        let deep = NESTED_REPR.replace("DEPTH", "5000");
        let (out, outcome) = run_with_stack(48 << 20, &deep);
        assert_eq!(
            (out.as_str(), outcome),
            ("RecursionError\n7\n", Outcome::Ok)
        );
        let shallow = NESTED_REPR.replace("DEPTH", "40");
        let (out, _) = run_with_stack(48 << 20, &shallow);
        assert_eq!(out, "82\n7\n");
    }

    #[test]
    fn the_stack_budget_bounds_native_recursion_before_the_count() {
        // 900 levels are within the count, but not within 128 KiB of stack.
        let deep = NESTED_REPR.replace("DEPTH", "900");
        let (out, outcome) = run_with_stack(128 * 1024, &deep);
        assert_eq!(
            (out.as_str(), outcome),
            ("RecursionError\n7\n", Outcome::Ok)
        );
    }

    #[test]
    fn nested_loops_share_the_stack_budget() {
        let src = "\
class A:
    def __eq__(self, other):
        return [self] == [other]
try:
    A() == A()
except RecursionError as e:
    print(e)
";
        for budget in [48 << 20, 128 * 1024] {
            let (out, outcome) = run_with_stack(budget, src);
            assert!(out.starts_with("maximum recursion depth exceeded"), "{out}");
            assert_eq!(outcome, Outcome::Ok);
        }
    }
}
