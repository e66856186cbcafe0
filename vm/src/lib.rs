//! `mote-vm`: the Python 3 virtual machine at the heart of mote.
//!
//! Source text is compiled (`compile`: lexer → parser → AST → code generator) into compact
//! bytecode (`bytecode`), which the interpreter runs over a fixed-size garbage-collected heap that
//! the embedder hands in at start. The VM is `no_std` + `alloc` and knows nothing of networks or
//! flash: the embedder supplies a small host interface ([`Host`]: console, clock, files for
//! `import`, an interrupt flag, and a [`fs::FileSystem`] behind `open()` and `os`). [`Vm`] is
//! the embedding API; `Vm::poll` runs a bounded number of instructions so an async executor can
//! interleave Python with other tasks.
//!
//! # Embedding
//! [`Vm`] is the whole embedding surface: run source, files or precompiled code (which the
//! bytecode verifier checks first: the interpreter trusts what it runs), poll with fuel, set
//! `sys` values ([`Scalar`]), and register native modules ([`ModuleDef`], declared with
//! [`native_table!`] like the VM's own, see [`modules`]). Natives receive `&mut Runtime`, whose
//! public methods build and inspect values; its fields, raw allocation, frames and code loading
//! are crate-private, and a [`value::Value`]'s word cannot be forged outside the crate.
//!
//! # Shape
//! - [`value::Value`]: one `u32` tagged word on every target (small int, qstr, static object,
//!   heap block index), so host figures equal 32-bit figures. Small ints, `None`/`True`/`False`,
//!   builtin types and functions, and interned names never allocate.
//! - [`heap`]: one arena of 16-byte blocks allocated once by `Vm::new` (never grown) with a
//!   2-bit-per-block table; next-fit allocation; precise mark (bounded mark stack, rescan on
//!   overflow) and sweep; on failure collect and retry once, then `MemoryError`. Every Python
//!   object lives there: list items, dict tables, str bytes, big-int limbs, frames.
//! - Stackless calls ([`interp`]): each Python call allocates a heap frame and the same loop
//!   continues; a return frees it (unless a generator owns it). Frames are individual heap
//!   objects rather than one contiguous stack region: generators then keep their frame without
//!   copying, and the explicit free on return plus next-fit allocation reuse the same blocks
//!   call after call. Call depth is bounded (`Config::max_depth`, by default derived from the
//!   heap size) and exceeding it raises `RecursionError` (a `RuntimeError`).
//! - Frames record what their return means to the caller (push the value, replace it by the
//!   new instance for `__init__`, jump for FOR_ITER over a generator, continue a
//!   `yield from`), so calls, `__init__`, generator iteration and `yield from` chains never
//!   recurse on the Rust stack.
//! - Native code that must call back into Python (sort keys, `__eq__`/`__hash__` inside dicts,
//!   `__len__`, `__iter__`/`__next__` from builtins, `__str__` from `print`, properties,
//!   operator dunders) runs a nested interpreter loop. The nesting is bounded
//!   ([`runtime::MAX_NESTED`]) and raises `RecursionError` beyond, so the Rust stack use is
//!   bounded whatever the program does. A nested loop ignores fuel and blocks in
//!   `Host::wait_until` for `time.sleep`; only the outermost loop yields to the embedder.
//!
//! # Invariants
//! - Rooting: collection happens only inside `Runtime::alloc`. Values Rust code holds across
//!   an allocation are reachable from a root: the frame chain (the loop stores its stack
//!   pointer at every instruction, so operands stay rooted until an instruction pops them
//!   after allocating its result), modules, builtins, the pending and handled exceptions,
//!   dynamic qstrs, or the pin stack. The `gc-stress` feature collects on every allocation and
//!   poisons freed blocks; the test suite passes under it.
//! - Python objects never use the global allocator. Compiled code (`CodeObject`) lives beside
//!   the heap in a registry that heap `Code` objects index, and is dropped when its `Code` object
//!   is swept; transient Rust buffers (text being built, argument lists longer than 8) are
//!   freed before an operation returns.
//! - Bad input never panics: errors are Python exceptions carried as `Err(Raised)` with the
//!   exception in `Runtime::exc`; heap exhaustion is a catchable `MemoryError`; the host's
//!   interrupt flag is checked every 1024 instructions and raises `KeyboardInterrupt`.
//!
//! # Memory figures
//! From `mote run tests/bench/memory.py` (`gc.mem_alloc()` deltas; identical on 32-bit
//! targets because values are 32-bit everywhere): a list of 1,000 small ints 4,032 bytes; a
//! dict of 100 str→int entries 4,192 bytes; an instance with 3 attributes 112 bytes; one
//! function call frame 48 bytes.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod builtins;
pub mod bytecode;
pub mod compile;
pub mod format;
pub mod fs;
#[cfg(feature = "std")]
pub mod fs_std;
pub mod heap;
pub mod host;
pub mod interp;
pub mod modules;
pub mod obj;
pub mod qstr;
pub mod repl;
pub mod runtime;
pub mod source;
#[cfg(feature = "std")]
pub mod std_host;
pub mod value;
pub mod vm;

pub use builtins::native::{Native, NativeFn};
pub use host::{Host, HostError};
pub use modules::{Attr, ModuleDef};
pub use vm::{Config, Outcome, Poll, Scalar, Vm, VmError, MAX_HEAP_BYTES};

#[cfg(test)]
mod tests;
