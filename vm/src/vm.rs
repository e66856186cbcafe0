//! The embedding API: [`Vm`] over a [`Host`], [`Config`], run conveniences and the
//! fuel-driven [`Vm::poll`] seam for an async executor.

use crate::builtins::native::TABLE_MAX;
use crate::bytecode::code::CodeObject;
use crate::format::message::{fill, ToArg};
use crate::host::Host;
use crate::interp::exec::Exit;
use crate::interp::frame::FLAG_ENTRY;
use crate::modules::ModuleDef;
use crate::obj::exception::ExcKind;
use crate::obj::layout::MOD_GLOBALS;
use crate::qstr::*;
use crate::runtime::{Raised, Runtime};
use crate::source::Mode;
use crate::value::Value;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use core::any::Any;

/// VM settings chosen at start.
#[derive(Clone, Debug)]
pub struct Config {
    /// Size of the Python heap in bytes (fixed for the VM's life).
    pub heap_bytes: usize,
    /// Maximum Python call depth (RuntimeError beyond); `0` derives it from the heap size.
    pub max_depth: u32,
    /// Stack bytes the VM may use below the point where the embedder calls it (compiling,
    /// nested loops, native recursion); past it a program gets `RecursionError`. Give a little
    /// less than the stack the calling thread or task has left.
    pub stack_budget: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            heap_bytes: 256 * 1024,
            max_depth: 0,
            stack_budget: crate::compile::DEFAULT_STACK_BUDGET,
        }
    }
}

/// The largest heap: a heap handle holds a block index in the value word's top 29 bits, so
/// blocks past 2**29 (8 GiB of 16-byte blocks) would alias lower ones.
pub const MAX_HEAP_BYTES: u64 = (1 << 29) * crate::heap::BLOCK_BYTES as u64;

/// Why the VM could not be created, or refused an embedder's request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmError {
    /// The heap is too small to hold the builtin objects.
    HeapTooSmall,
    /// The heap is larger than a value word can address ([`MAX_HEAP_BYTES`]).
    HeapTooLarge,
    /// The heap could not hold the value asked for.
    HeapFull,
    /// A module of that name exists already, or its table is too long.
    ModuleRefused,
}

/// A plain value an embedder hands to Python.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar<'a> {
    /// `None`.
    None,
    /// A bool.
    Bool(bool),
    /// An int.
    Int(i64),
    /// A float.
    Float(crate::format::Float),
    /// A str.
    Str(&'a str),
    /// A bytes object.
    Bytes(&'a [u8]),
}

impl Scalar<'_> {
    fn to_value(self, rt: &mut Runtime) -> Result<Value, Raised> {
        match self {
            Scalar::None => Ok(Value::NONE),
            Scalar::Bool(b) => Ok(Value::bool(b)),
            Scalar::Int(i) => rt.new_int(i),
            Scalar::Float(f) => rt.new_float(f),
            Scalar::Str(s) => rt.new_str(s),
            Scalar::Bytes(b) => rt.new_bytes(b),
        }
    }
}

/// How a program (or REPL input) ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Ran to completion.
    Ok,
    /// REPL input is incomplete (needs more lines); nothing was printed.
    Incomplete,
    /// An uncaught exception; its traceback was written to stderr.
    Exception,
    /// `sys.exit(code)` / `SystemExit`.
    SystemExit(i32),
}

/// What one [`Vm::poll`] achieved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Poll {
    /// The program finished.
    Done(Outcome),
    /// The fuel ran out; poll again.
    Yielded,
    /// Python is sleeping until the host tick `wake_at_us`.
    Idle {
        /// Host tick (`Host::ticks_us`) at which to poll again.
        wake_at_us: u64,
    },
}

/// The host left in a VM being dropped by [`Vm::into_host`].
struct Gone;

impl Host for Gone {
    fn write_stdout(&mut self, _: &[u8]) {}
    fn write_stderr(&mut self, _: &[u8]) {}
    fn ticks_us(&mut self) -> u64 {
        0
    }
    fn time_us(&mut self) -> i64 {
        0
    }
    fn wait_until(&mut self, _: u64) {}
    fn platform(&self) -> &str {
        ""
    }
}

/// A Python virtual machine over host `H`.
pub struct Vm<H: Host> {
    rt: Runtime,
    /// Keep tracebacks for [`Vm::take_traceback`] instead of writing them to stderr.
    keep_tracebacks: bool,
    traceback: Option<String>,
    _host: core::marker::PhantomData<H>,
}

impl<H: Host> Vm<H> {
    /// A VM with a fresh heap of `config.heap_bytes`.
    pub fn new(config: Config, host: H) -> Result<Vm<H>, VmError> {
        if config.heap_bytes as u64 > MAX_HEAP_BYTES {
            return Err(VmError::HeapTooLarge);
        }
        let mut rt = Runtime::new(config.heap_bytes, Box::new(host));
        if config.max_depth > 0 {
            rt.max_depth = config.max_depth;
        }
        rt.stack_budget = config.stack_budget;
        rt.stack_from_here();
        rt.init().map_err(|_| VmError::HeapTooSmall)?;
        Ok(Vm {
            rt,
            keep_tracebacks: false,
            traceback: None,
            _host: core::marker::PhantomData,
        })
    }

    /// The host.
    pub fn host(&self) -> &H {
        let any: &dyn Any = &*self.rt.host;
        match any.downcast_ref::<H>() {
            Some(h) => h,
            None => unreachable!("the host is always of type H"),
        }
    }

    /// Free bytes of the Python heap (`gc.mem_free()`).
    pub fn heap_bytes_free(&self) -> usize {
        self.rt.heap.bytes_free()
    }

    /// Collect garbage now, as `gc.collect()` does: files only unreachable objects held open
    /// are closed.
    pub fn collect(&mut self) {
        self.rt.collect();
    }

    /// The host, mutably.
    pub fn host_mut(&mut self) -> &mut H {
        let any: &mut dyn Any = &mut *self.rt.host;
        match any.downcast_mut::<H>() {
            Some(h) => h,
            None => unreachable!("the host is always of type H"),
        }
    }

    /// Make module `def` importable (also as `u` + its name), with its natives and constants:
    /// declared like a builtin module (see `crate::modules`), from a `static`. A name already
    /// registered (by the VM or before) is refused.
    pub fn register_module(&mut self, def: &'static ModuleDef) -> Result<(), VmError> {
        if crate::modules::find(&self.rt, def.name).is_some() || def.natives.len() > TABLE_MAX {
            return Err(VmError::ModuleRefused);
        }
        self.rt.embedded.push(def);
        Ok(())
    }

    /// Set `sys.<name>` (for example a board name or a version the embedder knows).
    pub fn set_sys(&mut self, name: &str, value: Scalar) -> Result<(), VmError> {
        let rt = &mut self.rt;
        let r = (|| {
            let k = rt.intern("sys")?;
            let sys = rt.dict_get_q(rt.modules, k).ok_or(Raised)?;
            rt.pin(sys);
            let r = value.to_value(rt).and_then(|v| rt.module_set(sys, name, v));
            rt.unpin(1);
            r
        })();
        rt.exc = Value::NULL;
        r.map_err(|_| VmError::HeapFull)
    }

    /// Run a precompiled code object as `__main__`. It goes through the bytecode verifier
    /// first; code the verifier refuses is reported as a `ValueError` and never runs.
    pub fn run_code(&mut self, code: CodeObject) -> Outcome {
        let rt = &mut self.rt;
        rt.reset_after_run();
        let g = rt.main_globals;
        let r = rt.load_code(Rc::new(code)).and_then(|code| {
            rt.pin(code);
            let f = rt.make_module_frame(code, g, g);
            rt.unpin(1);
            rt.link_frame(f?, FLAG_ENTRY, Value::NULL)
        });
        match r {
            Ok(()) => self.run_to_end(),
            Err(Raised) => self.finish_error(),
        }
    }

    /// End the VM and give its host back (a board's soft reset keeps the host, with its
    /// console and filesystem, and starts a fresh VM on it).
    pub fn into_host(mut self) -> H {
        let host: Box<dyn Host> = core::mem::replace(&mut self.rt.host, Box::new(Gone));
        let host: Box<dyn Any> = host;
        match host.downcast::<H>() {
            Ok(h) => *h,
            Err(_) => unreachable!("the host is always of type H"),
        }
    }

    /// Set `sys.argv`.
    pub fn set_argv(&mut self, argv: &[&str]) {
        let _ = self.rt.set_str_list(self.rt.sys_argv, argv);
    }

    /// Bound the memory the compiler may take outside the heap (none by default): a source
    /// whose compilation could need more (`compile::peak_memory_estimate`, an upper bound from
    /// measured figures) raises MemoryError instead of compiling, so a board never runs out of
    /// memory, or aborts, in the compiler.
    pub fn set_compile_budget(&mut self, bytes: usize) {
        self.rt.compile_budget = bytes;
    }

    /// Set `sys.path` (the caller puts the script's folder first).
    pub fn set_path(&mut self, path: &[&str]) {
        let _ = self.rt.set_str_list(self.rt.sys_path, path);
    }

    /// Run a file as `__main__`.
    pub fn run_file(&mut self, path: &str) -> Outcome {
        match self.rt.host.read_file(path) {
            Ok(bytes) => match core::str::from_utf8(crate::source::without_bom(&bytes)) {
                Ok(src) => self.run_source(src, path),
                Err(_) => {
                    self.rt
                        .host
                        .write_stderr(b"SyntaxError: source is not valid UTF-8\n");
                    Outcome::Exception
                }
            },
            Err(_) => {
                let msg = fill(
                    "mote: can't open file '{}': No such file or directory\n",
                    &[path.arg()],
                );
                self.rt.host.write_stderr(msg.as_bytes());
                Outcome::SystemExit(2)
            }
        }
    }

    /// Run source text as `__main__`.
    pub fn run_source(&mut self, source: &str, filename: &str) -> Outcome {
        if let Some(o) = self.start(source, filename, Mode::Exec) {
            return o;
        }
        self.run_to_end()
    }

    /// Compile and run one REPL input in the persistent `__main__` namespace.
    pub fn run_repl_input(&mut self, source: &str) -> Outcome {
        self.rt.stack_from_here();
        // An input over the compile budget goes straight to `start`, which refuses it.
        let fits = self.rt.compile_budget == usize::MAX
            || crate::compile::peak_memory_estimate(source) <= self.rt.compile_budget;
        if fits {
            if let Err(e) =
                crate::source::compile(source, "<stdin>", Mode::Single, self.rt.stack_left())
            {
                if e.incomplete_input {
                    return Outcome::Incomplete;
                }
            }
        }
        if let Some(o) = self.start(source, "<stdin>", Mode::Single) {
            return o;
        }
        self.run_to_end()
    }

    /// Compile `source` and set it up to run under `poll`; `Some(outcome)` if it failed to
    /// compile (the error is already printed).
    pub fn start(&mut self, source: &str, filename: &str, mode: Mode) -> Option<Outcome> {
        let rt = &mut self.rt;
        rt.stack_from_here();
        rt.reset_after_run();
        let g = rt.main_globals;
        if mode != Mode::Single {
            if let Ok(f) = rt.new_str(filename) {
                let _ = rt.dict_set(g, Value::qstr(Q___FILE__), f);
            }
        }
        let r = rt.compile_source(source, filename, mode).and_then(|code| {
            rt.pin(code);
            let f = rt.make_module_frame(code, g, g);
            rt.unpin(1);
            let f = f?;
            rt.link_frame(f, FLAG_ENTRY, Value::NULL)
        });
        match r {
            Ok(()) => None,
            Err(Raised) => Some(self.finish_error()),
        }
    }

    /// Run the started program until about `fuel` instructions have run. Fuel is charged on
    /// entering a frame (one unit) and on backward jumps (the loop's bytecode length / 2, about
    /// its instructions), so every loop and every recursion spends it.
    ///
    /// While the program waits (`time.sleep` in the outermost loop), `poll` returns
    /// [`Poll::Idle`] without running anything, until the wake tick passes or the host's
    /// interrupt flag is set: then the wait ends and `KeyboardInterrupt` is raised at the next
    /// instruction.
    pub fn poll(&mut self, fuel: &mut u32) -> Poll {
        if let Some(t) = self.rt.sleep_until {
            if self.rt.host.take_interrupt() {
                // Ctrl-C ends the wait: raise KeyboardInterrupt at the next instruction.
                self.rt.end_wait();
                self.rt.interrupt_pending = true;
                self.rt.ticks = crate::interp::exec::INTERRUPT_EVERY;
            } else if self.rt.host.ticks_us() < t && !self.rt.io_ready() {
                return Poll::Idle { wake_at_us: t };
            } else {
                self.rt.end_wait();
            }
        }
        if self.rt.frame.is_null() {
            return Poll::Done(Outcome::Ok);
        }
        self.rt.stack_from_here();
        match self.rt.run(fuel, true, false) {
            Ok(Exit::Fuel) => Poll::Yielded,
            Ok(Exit::Sleep) => match self.rt.sleep_until {
                Some(t) => Poll::Idle { wake_at_us: t },
                None => Poll::Yielded,
            },
            Ok(_) => {
                self.rt.reset_after_run();
                Poll::Done(Outcome::Ok)
            }
            Err(Raised) => Poll::Done(self.finish_error()),
        }
    }

    /// The sockets a parked program waits on (with the readiness bits it waits for), besides
    /// the wake tick of [`Poll::Idle`]: an embedder polls again when one becomes ready.
    pub fn io_wait(&self) -> &[(crate::net::SocketId, u32)] {
        &self.rt.io_wait
    }

    /// Run the started program to its end as a future of an async executor: `fuel`
    /// instructions per [`Vm::poll`], then the future yields (returns `Pending` once, waking
    /// itself) so the executor's other tasks run; while Python waits, it awaits
    /// `idle(wake_at_us)`, which should complete at the host tick `wake_at_us` or earlier (an
    /// interrupt, a signal or a socket of [`Vm::io_wait`] becoming ready; returning early is
    /// always allowed, the VM checks again). On a board `idle` is an embassy timer raced against
    /// the network's and the console's wakers.
    pub async fn run_async<F, I>(&mut self, fuel: u32, mut idle: I) -> Outcome
    where
        I: FnMut(u64) -> F,
        F: core::future::Future<Output = ()>,
    {
        loop {
            let mut left = fuel;
            match self.poll(&mut left) {
                Poll::Done(outcome) => return outcome,
                Poll::Yielded => YieldNow(false).await,
                Poll::Idle { wake_at_us } => idle(wake_at_us).await,
            }
        }
    }

    fn run_to_end(&mut self) -> Outcome {
        loop {
            let mut fuel = 100_000;
            match self.poll(&mut fuel) {
                Poll::Done(o) => return o,
                Poll::Yielded => {}
                Poll::Idle { wake_at_us } => {
                    let rt = &mut self.rt;
                    if rt.io_wait.is_empty() {
                        rt.host.wait_until(wake_at_us);
                    } else {
                        rt.host.wait_io(&rt.io_wait, wake_at_us);
                    }
                }
            }
        }
    }

    /// Print the pending exception (or turn SystemExit into its code) and reset.
    fn finish_error(&mut self) -> Outcome {
        let rt = &mut self.rt;
        let e = rt.exc;
        rt.exc = Value::NULL;
        rt.frame = Value::NULL;
        rt.depth = 0;
        rt.nested = 0;
        rt.native_depth = 0;
        rt.pins.clear();
        rt.pin(e);
        let outcome = if rt.exc_matches(e, ExcKind::SystemExit) {
            let args = rt.exc_args(e);
            let code = if rt.seq_len(args) == 0 {
                Value::NONE
            } else {
                rt.seq_get(args, 0)
            };
            if code == Value::NONE {
                Outcome::SystemExit(0)
            } else if let Some(i) = rt.to_i64(code) {
                Outcome::SystemExit(i as i32)
            } else {
                if let Ok(s) = rt.to_str(code) {
                    let mut t: String = rt.str_text(s).unwrap_or("").into();
                    t.push('\n');
                    // The raw REPL sends it as the error text, as MicroPython's does.
                    if self.keep_tracebacks {
                        self.traceback = Some(t);
                    } else {
                        rt.host.write_stderr(t.as_bytes());
                    }
                }
                Outcome::SystemExit(1)
            }
        } else {
            let text = match rt.format_traceback(e) {
                Ok(t) => t,
                Err(_) => String::from("Traceback (most recent call last):\nMemoryError\n"),
            };
            if self.keep_tracebacks {
                let text = match rt.micropython_os_error_line(e) {
                    Some(line) => crate::repl::os_error_line::with_last_line(&text, &line),
                    None => text,
                };
                self.traceback = Some(text);
            } else {
                rt.host.write_stderr(text.as_bytes());
            }
            Outcome::Exception
        };
        self.rt.reset_after_run();
        outcome
    }

    /// Whether tracebacks of uncaught exceptions are kept for [`Vm::take_traceback`] rather
    /// than written to stderr (the raw REPL sends them after its end-of-output marker).
    pub fn keep_tracebacks(&mut self, keep: bool) {
        self.keep_tracebacks = keep;
    }

    /// The traceback kept from the last uncaught exception, if any.
    pub fn take_traceback(&mut self) -> Option<String> {
        self.traceback.take()
    }

    /// Names for REPL completion: with an empty `path`, the globals of `__main__` and the
    /// builtins (maybe more than once); otherwise `dir()` of the object `path` names from there (`["a", "b"]` is
    /// `a.b`). Empty when a name is missing or looking it up raised. Call it only between
    /// programs: attribute lookups may run Python code (properties).
    pub fn completion_names(&mut self, path: &[&str]) -> alloc::vec::Vec<String> {
        let rt = &mut self.rt;
        let mut names = alloc::vec::Vec::new();
        let pins = rt.pins.len();
        let found: Result<Option<Value>, Raised> = (|| {
            let Some((first, rest)) = path.split_first() else {
                return Ok(None);
            };
            let key = rt.intern(first)?;
            let mut obj = match rt.dict_get(rt.main_globals, key)? {
                Some(v) => v,
                None => match rt.dict_get(rt.builtins, key)? {
                    Some(v) => v,
                    None => rt.builtin_lazy(key)?.ok_or(Raised)?,
                },
            };
            for name in rest {
                rt.pin(obj);
                let key = rt.intern(name)?;
                obj = rt.get_attr(obj, key)?;
            }
            Ok(Some(obj))
        })();
        let dicts = match found {
            Ok(None) => {
                // Named, not made: making every builtin (the exception classes) would take
                // more than half of a 16 KiB heap.
                let builtins = crate::builtins::builtin_texts().map(String::from);
                names.extend(builtins);
                alloc::vec![rt.main_globals, rt.builtins]
            }
            Ok(Some(obj)) => {
                rt.pin(obj);
                let dir = rt.intern("dir").and_then(|k| rt.builtin_lazy(k));
                match dir.and_then(|d| match d {
                    Some(d) => rt.call(d, &[obj], Value::NULL).map(Some),
                    None => Ok(None),
                }) {
                    Ok(Some(list)) => alloc::vec![list],
                    _ => alloc::vec![],
                }
            }
            Err(Raised) => alloc::vec![],
        };
        for d in dicts {
            let keys: alloc::vec::Vec<Value> = match rt.kind(d) {
                Some(crate::obj::kind::Kind::Dict) => {
                    rt.dict_items(d).into_iter().map(|(k, _)| k).collect()
                }
                _ => rt.seq_items_or_empty(d),
            };
            for k in keys {
                if let Some(t) = rt.str_text(k) {
                    names.push(String::from(t));
                }
            }
        }
        rt.exc = Value::NULL;
        rt.pins.truncate(pins);
        names
    }
}

impl Runtime {
    /// Create the builtin objects: the builtins namespace (empty: a builtin enters it when a
    /// program first names it, see [`Runtime::builtin_lazy`]), `sys` state and the `__main__`
    /// module.
    pub fn init(&mut self) -> Result<(), Raised> {
        self.modules = self.new_dict()?;
        self.builtins = self.new_dict()?;
        // As in CPython, so a class body run by `exec` with bare globals still finds a
        // `__name__` for its `__module__`.
        let (name, builtins) = (self.intern("__name__")?, self.intern("builtins")?);
        self.dict_set(self.builtins, name, builtins)?;
        self.sys_path = self.new_list(&[])?;
        self.sys_argv = self.new_list(&[])?;
        self.init_exceptions()?;
        let main = self.new_module("__main__")?;
        self.extra_roots.push(main);
        self.main_globals = self.heap.val(Runtime::blk(main), MOD_GLOBALS);
        self.register_module("__main__", main)?;
        let sys = self.make_module(crate::modules::table::SYS, &crate::modules::sys::MODULE)?;
        self.register_module("sys", sys)?;
        Ok(())
    }

    /// Replace the items of list `l` with `items` as strs.
    pub fn set_str_list(&mut self, l: Value, items: &[&str]) -> Result<(), Raised> {
        let mut vals = alloc::vec::Vec::new();
        let start = self.pins.len();
        for s in items {
            let v = self.new_str(s)?;
            self.pin(v);
            vals.push(v);
        }
        let r = self.list_set_items(l, &vals);
        self.pins.truncate(start);
        r
    }

    /// Clear per-run state after a program ends.
    pub fn reset_after_run(&mut self) {
        self.frame = Value::NULL;
        self.depth = 0;
        self.nested = 0;
        self.native_depth = 0;
        self.handling = Value::NULL;
        self.exc = Value::NULL;
        self.pins.clear();
        self.sleep_until = None;
        self.io_wait.clear();
        self.wait_signals = false;
        self.interrupt_pending = false;
        self.reraise = false;
        self.repr_stack.clear();
    }
}

/// A future that is pending once (waking itself at once), then ready: lets an executor run its
/// other tasks between two polls of the VM.
struct YieldNow(bool);

impl core::future::Future for YieldNow {
    type Output = ();

    fn poll(
        mut self: core::pin::Pin<&mut Self>,
        cx: &mut core::task::Context<'_>,
    ) -> core::task::Poll<()> {
        if self.0 {
            return core::task::Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        core::task::Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::{Config, Outcome, Vm};
    use crate::tests::TestHost;

    #[test]
    fn instances_start_with_room_for_the_attributes_an_earlier_one_grew_to() {
        let mut vm = Vm::new(Config::default(), TestHost::default()).expect("a VM");
        let src = "class P:\n\
                   \x20   def __init__(self, n):\n\
                   \x20       self.a = n\n        self.b = 2\n        self.c = 3\n\
                   \x20       self.d = 4\n        self.e = 5\n\
                   class S:\n    __slots__ = ('x', 'y', 'z', 'w')\n\
                   \x20   def __init__(self):\n\
                   \x20       self.x = self.y = self.z = 1\n        self.w = 2\n\
                   ps = [P(i) for i in range(3)]\n\
                   class Q(P):\n    pass\n\
                   s = [S(), S()]\n\
                   try:\n    s[1].v = 0\nexcept AttributeError:\n    print('slots kept')\n\
                   print(sum(p.a + p.e for p in ps), s[1].w, sorted(vars(ps[2])))\n";
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        assert_eq!(
            alloc::string::String::from_utf8_lossy(&vm.host().out),
            "slots kept\n18 2 ['a', 'b', 'c', 'd', 'e']\n"
        );
        let rt = &mut vm.rt;
        let mut class = |name: &str| {
            let q = rt.intern(name).expect("a name");
            rt.dict_get_q(rt.main_globals, q).expect("the class")
        };
        let (p, q, s) = (class("P"), class("Q"), class("S"));
        // The first instance's table (made for three) was full at its fourth attribute; a
        // table made for four takes whole blocks, which hold five.
        assert_eq!(vm.rt.class_attrs_hint(p), 4);
        assert_eq!(vm.rt.class_attrs_hint(s), 4);
        // A subclass has its own count: it takes its base's flags but not this.
        assert_eq!(vm.rt.class_attrs_hint(q), 0);
    }
}
