//! `mote-vm`: the Python 3 virtual machine at the heart of mote.
//!
//! Source text is compiled (`compile`: lexer → parser → AST → code generator) into compact
//! bytecode (`bytecode`), which the interpreter runs over a fixed-size garbage-collected heap that
//! the embedder hands in at start. The VM is `no_std` + `alloc` and knows nothing of networks or
//! flash: the embedder supplies a small host interface ([`Host`]: console, clock, files for
//! `import`, an interrupt flag, a [`fs::FileSystem`] behind `open()` and `os`, a
//! [`net::Network`] of non-blocking sockets behind `socket`, `select` and asyncio, and on
//! boards a [`Machine`] behind `machine` and [`wlan::Wlan`] interfaces behind `network`).
//! [`Vm`] is the embedding API; `Vm::poll` runs a bounded number of instructions so an async
//! executor can interleave Python with other tasks.
//! [`repl`] is MicroPython's friendly and raw REPL over that API, fed bytes and writing bytes,
//! shared by every board terminal and `mote repl`.
//!
//! # Embedding
//! [`Vm`] is the whole embedding surface: run source, files or precompiled code (which the
//! bytecode verifier checks first: the interpreter trusts what it runs), poll with fuel, set
//! `sys` values ([`Scalar`]), and register native modules ([`ModuleDef`], declared with
//! [`native_table!`] like the VM's own, see [`modules`]). Natives receive `&mut Runtime`, whose
//! public methods build and inspect values; its fields, raw allocation, frames and code loading
//! are crate-private, and a [`value::Value`]'s word cannot be forged outside the crate.
//!
//! # Features
//! Every optional part is a Cargo feature, all on by default: the builtin modules (`math`,
//! `json`, `re`, …), `complex`, `net` (`_net`, `network` and the frozen `socket`, `select` and
//! `asyncio`), `unicode-case` and `unicode-class` (Unicode case mapping and character
//! classes; without them ASCII only), `extra-methods` (methods of builtin types MicroPython
//! lacks, such as `str.title` or `float.hex`), `time-calendar` (`time.gmtime`, `mktime`, …)
//! and `os-uname`. One feature is off by default: `float32` makes a Python float an IEEE
//! binary32, as in MicroPython builds without an FPU for doubles (`format::float_type`). All
//! the default ones off and `float32` on is issue 17's `minimal` variant, the core of
//! MicroPython's VIRT_RV32 build with modules off (built and run by `scripts/rv32_size.py` and
//! `scripts/rv32_bench.py --minimal --selftest`): what is compiled out is an ImportError or
//! AttributeError, as on MicroPython builds without it.
//!
//! # Coroutines, asyncio and sockets
//! - `async def`/`await`/`async with`/`async for` compile to generator bytecode (see
//!   `vm/BYTECODE.md`); a coroutine is a generator object whose code has the COROUTINE flag
//!   (type `coroutine`, not iterable). `coro.send(v)` called from Python does not run a nested
//!   loop: the coroutine's frame is linked on top of the caller's with the CONT_SEND
//!   continuation (a return raises `StopIteration(value)` in the caller), so a scheduler written
//!   in Python stays stackless and every task spends fuel.
//! - `asyncio` (also `uasyncio`), `socket` and `select` (the `net` feature) are Python frozen
//!   into the VM
//!   ([`modules::frozen`], compiled at first import) over the native `_net` module
//!   ([`modules::net_natives`]): non-blocking sockets by id plus `_net.wait(interest,
//!   timeout_us)`, which parks the VM like `time.sleep` (an I/O wait, see
//!   [`Vm::io_wait`]). Blocking socket calls are retry loops around it, so they never spin;
//!   asyncio's scheduler waits in it when no task is ready (timers in a heap, socket waiters
//!   per socket). `Host::take_signals` lets Rust set `ThreadSafeFlag` number `n` (the `n`-th the
//!   program created), which also ends such a wait.
//! - To fit small heaps, asyncio's streams, synchronisation primitives and loop object are
//!   frozen modules of their own that its module `__getattr__` (PEP 562) imports on first
//!   use, and the frozen modules' names are constant qstrs (collected by `build.rs`), so
//!   importing them interns nothing into the heap. `asyncio.sleep` returns
//!   `_net.suspend(deadline, result)`, a one-block awaitable rather than a coroutine (as in
//!   MicroPython), so a sleeping task holds no frame for it.
//! - A coroutine object collected without ever having run prints CPython's `RuntimeWarning:
//!   coroutine 'f' was never awaited` to the host's stderr, after the collection that found
//!   it (no Python code runs inside a collection); closing it first, as in CPython, does not.
//! - Cancelling a task throws `CancelledError` into its coroutine with `coro.throw`, which runs
//!   in a nested loop until the task's next await (the `throw` path is not stackless): cleanup
//!   code in a cancelled task should await rather than block.
//! - `select.poll` results name what was registered (the socket object, as MicroPython), not
//!   its descriptor (as CPython) when a socket object was registered.
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
//!   bounded whatever the program does. A nested loop ignores fuel; only the outermost loop
//!   yields to the embedder.
//! - Waits: `time.sleep` in the outermost loop parks the VM (`Vm::poll` returns
//!   [`Poll::Idle`] until the wake tick, running nothing) so the embedder's executor runs other
//!   tasks and the CPU can sleep. A wait inside a nested loop (a dunder called from native code,
//!   e.g. `__repr__` calling `time.sleep`) cannot park, because native Rust frames sit between it
//!   and the embedder: it blocks in `Host::wait_until`. Such a wait is bounded by what the
//!   program asked for (the sleep's length) and ends at once with `KeyboardInterrupt` when the
//!   host's interrupt flag is set; on a board it stalls the other tasks of the executor for
//!   that long, so code that runs beside a network stack should not sleep inside dunders.
//!   Coroutines resumed by Python (`coro.send` from a scheduler written in Python) run in the
//!   same loop as their caller (no nesting), so asyncio tasks wait by parking.
//! - Ctrl-C: the host's interrupt flag is checked every 1024 instructions and at every wait
//!   (`KeyboardInterrupt` is raised where the program was or where it waited).
//! - Everything that recurses on the Rust stack shares one budget ([`interp::nesting`]):
//!   nested loops (at most [`runtime::MAX_NESTED`]), native recursion through containers and
//!   wrapper iterators (comparison, hashing, `repr`, `next()` through `map`/`zip`/…, at most
//!   [`interp::nesting::MAX_NATIVE_DEPTH`] levels), and the compiler, all also measured against
//!   `Config::stack_budget` bytes of stack. Past it a program gets `RecursionError`, whatever
//!   it does.
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
//!   freed before an operation returns, and one whose size the program controls is first
//!   measured against the heap (`Runtime::check_room`): what the heap could never hold is a
//!   `MemoryError` before the host allocator is asked.
//! - Bad input never panics: errors are Python exceptions carried as `Err(Raised)` with the
//!   exception in `Runtime::exc`; heap exhaustion is a catchable `MemoryError`; the host's
//!   interrupt flag is checked every 1024 instructions and raises `KeyboardInterrupt`.
//!
//! # Memory figures
//! From `mote run tests/bench/memory.py` (`gc.mem_alloc()` deltas; identical on 32-bit
//! targets because values are 32-bit everywhere; the test `memory_figures_in_the_crate_doc_hold`
//! runs that script and checks each figure here exactly): a list of 1,000 small ints 4,032
//! bytes; a dict of 100 str→int entries 3,408 bytes; an instance with 3 attributes 80 bytes;
//! one function call frame 48 bytes; one asyncio task suspended in `await asyncio.sleep(t)`
//! 286 bytes (its attribute table has room for four: `asyncio.run` and `gather` give the tasks
//! they finish a fourth, `_seen`, and a class makes its later instances' tables as large as
//! an earlier one grew). The VM starts with about 1.2 KB of heap in use (1,152 B, under issue 17's
//! 1.5 KiB, checked by `startup_and_module_imports_stay_small` and on riscv32 by
//! `scripts/rv32_bench.py --selftest`; memory.py's own first line sees 4,016 B, its code
//! objects being on the heap by then): the builtins namespace starts empty and a builtin
//! enters it when a program first names it, builtin exception classes are made on first use
//! (REPL completion lists them without making them), and a builtin module's attributes enter
//! its namespace on first access (see [`modules`]), so importing `json`, `struct`, `re` and
//! `collections` together adds about 0.5 KB. Importing `asyncio` takes 5,376 B of heap (its
//! functions, classes and tables: it is Python; its streams, locks and loop object load on
//! first use), and `asyncio.run` of two tasks that sleep and gather leaves more than 8 KiB of
//! a 16 KiB heap free, in a script
//! (`asyncio_gather_of_two_sleeping_tasks_runs_in_a_16k_heap`) and in `mote repl --heap 16k`
//! after a further line (`repl_in_a_16k_heap_runs_asyncio_and_keeps_8k_free`). What keeps it
//! small: a code object is one heap object holding its constants, names and variable names
//! (the bytecode stays beside the heap, see [`obj::func`]); the frozen modules' names and
//! string constants are static qstrs; a dict is one block and its hash index one byte per
//! slot while entry numbers fit ([`obj::dict`]); a function is one block (16 B) unless it has
//! keyword-only defaults, a closure or attributes.
//! `micropython.mem_info(1)` prints the objects and bytes in use per kind of heap object.
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod bigint;
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
pub mod net;
#[cfg(feature = "std")]
pub mod net_std;
pub mod obj;
pub mod qstr;
pub mod repl;
pub mod runtime;
mod sort;
pub mod source;
#[cfg(feature = "std")]
pub mod std_host;
pub mod value;
pub mod vm;
pub mod wlan;

pub use builtins::native::{Native, NativeFn};
pub use host::{Host, HostError, Machine};
pub use modules::{Attr, ModuleDef};
pub use vm::{Config, Outcome, Poll, Scalar, Vm, VmError, MAX_HEAP_BYTES};

/// The minifier `build.rs` runs over the frozen Python sources, compiled here for its tests.
#[cfg(test)]
#[path = "../build/minify_python.rs"]
mod minify_python;
/// The packer `build.rs` runs over the frozen Python sources, compiled here for its tests.
#[cfg(test)]
#[path = "../build/pack_frozen.rs"]
mod pack_frozen;
#[cfg(test)]
mod tests;
