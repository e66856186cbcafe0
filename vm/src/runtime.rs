//! The runtime: heap, interned names, roots, and the helpers every object file builds on.
//!
//! Rooting discipline: a collection runs only inside [`Runtime::alloc`]. Values that Rust code
//! holds across an allocation must be reachable from a root: the frame chain (the interpreter
//! stores its stack pointer before every instruction that can allocate, so operands stay rooted
//! until popped), the module table, builtins, the pending and handled exceptions, dynamic qstrs,
//! or the pin stack (`pin`/`unpin`). Constructors taking values pin them themselves.

use crate::bytecode::code::CodeObject;
use crate::format::message::{self, Arg, ToArg};
use crate::heap::Heap;
use crate::host::Host;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::{self, Qstrs};
use crate::value::{Value, STATIC_NATIVE_BASE, STATIC_TYPE_BASE};
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// Marker for "a Python exception is pending in `Runtime::exc`".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Raised;

/// Result of an operation that may raise.
pub type PyResult<T> = Result<T, Raised>;

/// Builtin types, as static values.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u32)]
pub enum TypeId {
    /// `object`
    Object,
    /// `type`
    Type,
    /// `NoneType`
    NoneType,
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `float`
    Float,
    /// `str`
    Str,
    /// `bytes`
    Bytes,
    /// `bytearray`
    ByteArray,
    /// `tuple`
    Tuple,
    /// `list`
    List,
    /// `dict`
    Dict,
    /// `set`
    Set,
    /// `frozenset`
    FrozenSet,
    /// `range`
    Range,
    /// `slice`
    Slice,
    /// `function`
    Function,
    /// `builtin_function_or_method`
    Builtin,
    /// `method`
    Method,
    /// `module`
    Module,
    /// `generator`
    Generator,
    /// `property`
    Property,
    /// `staticmethod`
    StaticMethod,
    /// `classmethod`
    ClassMethod,
    /// `super`
    Super,
    /// `cell`
    Cell,
    /// `code`
    Code,
    /// builtin iterators
    Iterator,
    /// `ellipsis`
    EllipsisType,
    /// `NotImplementedType`
    NotImplementedType,
    /// `frame`
    Frame,
    /// `dict_keys`
    DictKeys,
    /// `dict_values`
    DictValues,
    /// `dict_items`
    DictItems,
    /// `list_iterator`
    ListIterator,
    /// `tuple_iterator`
    TupleIterator,
    /// `str_ascii_iterator`
    StrIterator,
    /// `range_iterator`
    RangeIterator,
    /// `bytes_iterator`
    BytesIterator,
    /// `dict_keyiterator`
    DictKeyIterator,
    /// `dict_valueiterator`
    DictValueIterator,
    /// `dict_itemiterator`
    DictItemIterator,
    /// `set_iterator`
    SetIterator,
    /// `enumerate`
    Enumerate,
    /// `zip`
    Zip,
    /// `map`
    Map,
    /// `filter`
    Filter,
    /// `list_reverseiterator`
    ListReverseIterator,
    /// `reversed`
    Reversed,
    /// `callable_iterator`
    CallableIterator,
    /// `memoryview`
    MemoryView,
    /// `coroutine` (a generator object whose code is an `async def` body)
    Coroutine,
    /// `complex`
    Complex,
}

/// Number of builtin types.
pub const NTYPES: u32 = TypeId::Complex as u32 + 1;

impl TypeId {
    /// The static value of this type.
    pub const fn value(self) -> Value {
        Value::stat(STATIC_TYPE_BASE + self as u32)
    }

    /// The builtin type a static value names.
    pub fn from_value(v: Value) -> Option<TypeId> {
        let id = v.as_static()?.checked_sub(STATIC_TYPE_BASE)?;
        if id < NTYPES {
            // SAFETY: TypeId is repr(u32) with contiguous discriminants 0..NTYPES.
            Some(unsafe { core::mem::transmute::<u32, TypeId>(id) })
        } else {
            None
        }
    }

    /// Is this one of the builtin iterator types (`list_iterator`, `zip`, …)?
    pub fn is_iterator(self) -> bool {
        self == TypeId::Iterator
            || (TypeId::ListIterator as u32..=TypeId::CallableIterator as u32)
                .contains(&(self as u32))
    }

    /// The Python name of the type.
    pub fn name(self) -> &'static str {
        const NAMES: crate::format::name_table::NameTable<{ NTYPES as usize }> = crate::name_table!(
            "object",
            "type",
            "NoneType",
            "bool",
            "int",
            "float",
            "str",
            "bytes",
            "bytearray",
            "tuple",
            "list",
            "dict",
            "set",
            "frozenset",
            "range",
            "slice",
            "function",
            "builtin_function_or_method",
            "method",
            "module",
            "generator",
            "property",
            "staticmethod",
            "classmethod",
            "super",
            "cell",
            "code",
            "iterator",
            "ellipsis",
            "NotImplementedType",
            "frame",
            "dict_keys",
            "dict_values",
            "dict_items",
            "list_iterator",
            "tuple_iterator",
            "str_ascii_iterator",
            "range_iterator",
            "bytes_iterator",
            "dict_keyiterator",
            "dict_valueiterator",
            "dict_itemiterator",
            "set_iterator",
            "enumerate",
            "zip",
            "map",
            "filter",
            "list_reverseiterator",
            "reversed",
            "callable_iterator",
            "memoryview",
            "coroutine",
            "complex",
        );
        NAMES.get(self as usize)
    }
}

/// The runtime state shared by the interpreter, objects, builtins and modules.
// `repr(C)` keeps the fields in the order written: the ones the interpreter loop reads most and
// the heap's arena first, at offsets a compressed load reaches (under 128 bytes on riscv32),
// the lookup caches (about 1.8 KB of slots) last. Left to itself the compiler put the caches
// first: every read of the arena took a full-size load, and of a field past 2 KB an extra add
// (minimal variant 2.5 KB more code).
#[repr(C)]
pub struct Runtime {
    /// Values Rust code holds across allocations.
    pub(crate) pins: Vec<Value>,
    /// The pending exception while an `Err(Raised)` propagates.
    pub(crate) exc: Value,
    /// The exception being handled (`except` block), for bare `raise` and `__context__`.
    pub(crate) handling: Value,
    /// The innermost running frame, or NULL.
    pub(crate) frame: Value,
    /// Instructions run since the last interrupt check.
    pub(crate) ticks: u32,
    /// Frames currently on the chain.
    pub(crate) depth: u32,
    /// Frame depth limit (RuntimeError beyond).
    pub(crate) max_depth: u32,
    /// Nested interpreter loops (native code calling back into Python).
    pub(crate) nested: u32,
    /// Native recursion levels in progress (see `interp::nesting`).
    pub(crate) native_depth: u32,
    /// Bumped whenever a globals dict gains a key (see `interp::global_cache`).
    pub(crate) dict_epoch: u32,
    /// Bumped whenever a class namespace gains a key or a class is made (see `obj::class_cache`).
    pub(crate) class_epoch: u32,
    /// Which dicts builtins lookups were cached for, as their globals: bit `blk & 31` of
    /// each (see `interp::global_cache`).
    pub(crate) builtin_globals: u32,
    /// The Python heap.
    pub(crate) heap: Heap,
    /// Interned names.
    pub(crate) qstrs: Qstrs,
    /// The embedder.
    pub(crate) host: Box<dyn Host>,
    /// Compiled code referenced by heap `Code` objects (freed when they are swept).
    pub(crate) codes: Vec<Option<Rc<CodeObject>>>,
    free_codes: Vec<u32>,
    /// `sys.modules`.
    pub(crate) modules: Value,
    /// The `builtins` namespace dict.
    pub(crate) builtins: Value,
    /// Builtin exception classes, indexed by [`ExcKind`].
    pub(crate) exc_classes: Vec<Value>,
    /// A preallocated `MemoryError` instance.
    pub(crate) memory_error: Value,
    /// `sys.path` list.
    pub(crate) sys_path: Value,
    /// `sys.argv` list.
    pub(crate) sys_argv: Value,
    /// The `__main__` module's globals.
    pub(crate) main_globals: Value,
    /// Automatic collection enabled (`gc.enable()`).
    pub(crate) gc_enabled: bool,
    /// Stack bytes native recursion, nested loops and the compiler may use below `stack`.
    pub(crate) stack_budget: usize,
    /// Memory the compiler may take outside the heap (`Vm::set_compile_budget`).
    pub(crate) compile_budget: usize,
    /// Where the embedder entered the VM, and the budget below it.
    pub(crate) stack: crate::compile::stack::StackGuard,
    /// `time.sleep` (or an I/O wait) asked the VM to park until this tick.
    pub(crate) sleep_until: Option<u64>,
    /// An I/O wait also ends when one of these sockets is ready for its bits.
    pub(crate) io_wait: Vec<(crate::net::SocketId, u32)>,
    /// The current wait also ends when a signal arrives (an asyncio wait).
    pub(crate) wait_signals: bool,
    /// Signals taken from the host and not yet read by `_net.signals()`.
    pub(crate) signals: u32,
    /// An interrupt taken while Python slept, raised at the next instruction.
    pub(crate) interrupt_pending: bool,
    /// Qstr ids of the one-character ASCII strs interned so far, by byte (0, the empty str's
    /// id, for none yet): `s[i]`, iterating a str and `chr` find them without hashing. Two
    /// bytes an entry; a qstr whose id needs more is looked up as any other. Made on first
    /// use, and boxed so that the fields the interpreter loop reads keep their short offsets.
    ascii_chars: Option<Box<[u16; 128]>>,
    /// A bare `raise`/RERAISE is propagating: keep the traceback as it is.
    pub(crate) reraise: bool,
    /// Set while `call` prepares a call for native code, which runs it in a loop of its own:
    /// `sum` over a generator then takes the builtin rather than a frame of the caller's loop.
    pub(crate) native_caller: bool,
    /// Return value of the generator that just finished (for `yield from` and StopIteration).
    pub(crate) stop_value: Value,
    /// Containers whose repr is being written (to print `[...]` for cycles).
    pub(crate) repr_stack: Vec<Value>,
    /// Roots kept by modules (e.g. `sys`, `micropython` module objects).
    pub(crate) extra_roots: Vec<Value>,
    /// Classes of native modules made on first use, by key (see `Runtime::module_class`).
    pub(crate) module_classes: Vec<(u32, Value)>,
    /// The current directory and open files of `open()` and `os`.
    pub(crate) files: crate::obj::file::Files,
    /// Modules the embedder registered (`Vm::register_module`): natives table
    /// `crate::modules::TABLES_END + i`.
    pub(crate) embedded: Vec<&'static crate::modules::ModuleDef>,
    /// Generators to close when collected while suspended.
    pub(crate) gen_finalizers: crate::interp::gen_finalize::GenFinalizers,
    /// Per-module Rust state (outside the Python heap), by natives table number.
    pub(crate) module_states: Vec<Option<Box<dyn core::any::Any>>>,
    /// Remembered global and builtin name lookups (see `interp::global_cache`).
    pub(crate) global_cache:
        [crate::interp::global_cache::Slot; crate::interp::global_cache::SLOTS],
    /// Remembered class attribute lookups (see `obj::class_cache`).
    pub(crate) class_cache: [crate::obj::class_cache::Slot; crate::obj::class_cache::SLOTS],
}

/// Most nested interpreter loops (native → Python re-entry: class bodies, imports, dunders
/// called from native code) before `RecursionError`: CPython's recursion limit. The stack
/// budget (`Config::stack_budget`) is the bound that usually applies first, since it measures
/// what the loops really cost.
pub const MAX_NESTED: u32 = 1000;

impl Runtime {
    /// A runtime with a `heap_bytes` arena.
    pub fn new(heap_bytes: usize, host: Box<dyn Host>) -> Runtime {
        Runtime {
            heap: Heap::new(heap_bytes),
            qstrs: Qstrs::new(),
            host,
            codes: Vec::new(),
            free_codes: Vec::new(),
            pins: Vec::new(),
            exc: Value::NULL,
            handling: Value::NULL,
            frame: Value::NULL,
            modules: Value::NULL,
            builtins: Value::NULL,
            exc_classes: Vec::new(),
            memory_error: Value::NULL,
            sys_path: Value::NULL,
            sys_argv: Value::NULL,
            main_globals: Value::NULL,
            gc_enabled: true,
            depth: 0,
            max_depth: ((heap_bytes / 256) as u32).clamp(32, 1000),
            nested: 0,
            native_depth: 0,
            stack_budget: crate::compile::DEFAULT_STACK_BUDGET,
            compile_budget: usize::MAX,
            stack: crate::compile::stack::StackGuard::new(crate::compile::DEFAULT_STACK_BUDGET),
            sleep_until: None,
            io_wait: Vec::new(),
            wait_signals: false,
            signals: 0,
            ticks: 0,
            interrupt_pending: false,
            global_cache: [crate::interp::global_cache::Slot::EMPTY;
                crate::interp::global_cache::SLOTS],
            dict_epoch: 0,
            builtin_globals: 0,
            class_cache: [crate::obj::class_cache::Slot::EMPTY; crate::obj::class_cache::SLOTS],
            class_epoch: 0,
            ascii_chars: None,
            extra_roots: Vec::new(),
            module_classes: Vec::new(),
            reraise: false,
            native_caller: false,
            repr_stack: Vec::new(),
            stop_value: Value::NONE,
            files: crate::obj::file::Files::default(),
            embedded: Vec::new(),
            gen_finalizers: Default::default(),
            module_states: Vec::new(),
        }
    }

    /// Allocate an object, collecting and retrying once on failure; `MemoryError` after that.
    #[inline]
    pub(crate) fn alloc(&mut self, kind: Kind, aux: u32, nwords: usize) -> PyResult<u32> {
        if cfg!(feature = "gc-stress") {
            self.collect();
        }
        if let Some(b) = self.heap.alloc(kind, aux, nwords) {
            return Ok(b);
        }
        self.alloc_collecting(kind, aux, nwords)
    }

    /// Allocate a frame of `nwords` words with stack base `aux` (a recently freed frame of the
    /// same size when there is one).
    #[inline]
    pub fn alloc_frame(&mut self, aux: u32, nwords: usize) -> PyResult<u32> {
        if cfg!(feature = "gc-stress") {
            self.collect();
        }
        if let Some(b) = self.heap.alloc_frame(aux, nwords) {
            return Ok(b);
        }
        self.alloc_collecting(Kind::Frame, aux, nwords)
    }

    /// `Heap::alloc_call_frame`, collecting when the heap is full: the caller writes the
    /// frame's fixed words.
    #[inline(always)]
    pub fn alloc_call_frame(&mut self, aux: u32, nwords: usize) -> PyResult<u32> {
        if cfg!(feature = "gc-stress") {
            self.collect();
        }
        if let Some(b) = self.heap.alloc_call_frame(aux, nwords) {
            return Ok(b);
        }
        self.alloc_collecting(Kind::Frame, aux, nwords)
    }

    /// `alloc` after a failed attempt: collect, then try once more.
    #[inline(never)]
    fn alloc_collecting(&mut self, kind: Kind, aux: u32, nwords: usize) -> PyResult<u32> {
        self.collect();
        match self.heap.alloc(kind, aux, nwords) {
            Some(b) => Ok(b),
            None => {
                self.exc = self.memory_error;
                Err(Raised)
            }
        }
    }

    /// `MemoryError` unless an object of `bytes` bytes could fit in the heap at all. Host
    /// buffers whose size input controls (text being built, item vectors, repeated sequences)
    /// are measured with this before they are made or grown, so the host allocator, which a
    /// board shares with its network stack, is never asked for more than the heap could hold
    /// the result of. (The free space is no measure: a collection may yet make room, and only
    /// an allocation may collect.)
    pub fn check_room(&mut self, bytes: usize) -> PyResult<()> {
        if bytes > self.heap.nblocks() * crate::heap::BLOCK_BYTES {
            self.exc = self.memory_error;
            return Err(Raised);
        }
        Ok(())
    }

    /// A count or width from a Python int as a host size: negative is 0, and beyond the
    /// address space saturates (so `check_room` refuses it) instead of wrapping on 32-bit.
    pub fn size_of_count(n: i64) -> usize {
        usize::try_from(n.max(0)).unwrap_or(usize::MAX)
    }

    /// Run a full collection now.
    pub fn collect(&mut self) {
        self.heap.drop_frame_cache();
        self.clear_class_cache();
        let roots = [
            self.exc,
            self.handling,
            self.frame,
            self.modules,
            self.builtins,
            self.memory_error,
            self.sys_path,
            self.sys_argv,
            self.main_globals,
            self.stop_value,
        ];
        for r in roots {
            self.heap.mark(r);
        }
        // Iterated, not indexed: under the chip profile each `v[i]` is a call.
        for &v in &self.pins {
            self.heap.mark(v);
        }
        for &v in &self.exc_classes {
            self.heap.mark(v);
        }
        for &v in &self.qstrs.dynamic {
            self.heap.mark(v);
        }
        for &v in &self.extra_roots {
            self.heap.mark(v);
        }
        for &(_, v) in &self.module_classes {
            self.heap.mark(v);
        }
        self.mark_doomed_generators();
        self.heap.finish_mark();
        // Before the files: a file a doomed generator reaches stays open for its `finally`.
        self.doom_unreachable_generators();
        crate::obj::file::close_unreachable(self);
        #[cfg(feature = "deflate")]
        crate::modules::deflate::drop_unreachable(self);
        let mut freed: Vec<u32> = Vec::new();
        let mut unawaited: Vec<u32> = Vec::new();
        self.heap.sweep(&mut |h, b| {
            use crate::obj::layout::{CO_INDEX, GEN_CORO_CODE, GEN_STATE};
            if Kind::from_header(h.get(b, 0)) == Some(Kind::Code) {
                if let Some(i) = h.val(b, CO_INDEX).as_small() {
                    freed.push(i as u32);
                }
            } else if h.val(b, GEN_STATE).as_small() == Some(crate::interp::exec::GEN_CREATED) {
                if let Some(i) = h.val(b, GEN_CORO_CODE).as_small() {
                    unawaited.push(i as u32);
                }
            }
        });
        // CPython's warning for a coroutine collected before it ever ran (written by Rust
        // after the sweep: no Python code runs inside a collection).
        for i in unawaited {
            if let Some(Some(code)) = self.codes.get(i as usize) {
                let msg = message::fill(
                    "RuntimeWarning: coroutine '{}' was never awaited\n",
                    &[code.qualname.arg()],
                );
                self.host.write_stderr(msg.as_bytes());
            }
        }
        for i in freed {
            if let Some(slot) = self.codes.get_mut(i as usize) {
                *slot = None;
                self.free_codes.push(i);
            }
        }
    }

    /// Register compiled code; returns its registry index.
    pub fn register_code(&mut self, code: Rc<CodeObject>) -> u32 {
        if let Some(i) = self.free_codes.pop() {
            if let Some(slot) = self.codes.get_mut(i as usize) {
                *slot = Some(code);
                return i;
            }
        }
        self.codes.push(Some(code));
        (self.codes.len() - 1) as u32
    }

    /// Pin a value (keep it alive across allocations until `unpin`).
    #[inline(never)]
    pub fn pin(&mut self, v: Value) {
        self.pins.push(v);
    }

    /// Pin each of `items`: pushed one by one, as the few items of a new tuple, list or slice
    /// cost less that way than `extend_from_slice`'s call to `memcpy`.
    pub fn pin_all(&mut self, items: &[Value]) {
        for v in items {
            self.pins.push(*v);
        }
    }

    /// Drop the last `n` pins.
    #[inline]
    pub fn unpin(&mut self, n: usize) {
        let l = self.pins.len().saturating_sub(n);
        self.pins.truncate(l);
    }

    /// The kind of a heap value.
    #[inline]
    pub fn kind(&self, v: Value) -> Option<Kind> {
        if v.is_heap() {
            self.heap.kind(v)
        } else {
            None
        }
    }

    /// Block index of a heap value (callers checked the kind).
    #[inline]
    pub fn blk(v: Value) -> u32 {
        v.0 >> 3
    }

    /// Text of a qstr.
    pub fn qstr_text(&self, id: u32) -> &str {
        match qstr::static_text(id) {
            Some(s) => s,
            None => {
                let s = self
                    .qstrs
                    .dynamic
                    .get((id as usize).wrapping_sub(qstr::NSTATIC));
                s.and_then(|s| self.str_text(*s)).unwrap_or("")
            }
        }
    }

    /// Intern `text`, returning its qstr value.
    pub fn intern(&mut self, text: &str) -> PyResult<Value> {
        if let Some(q) = self.find_qstr(text) {
            return Ok(q);
        }
        let s = self.new_heap_str(text)?;
        let h = crate::qstr::hash_bytes(text.as_bytes());
        Ok(Value::qstr(self.qstrs.add(h, s)))
    }

    /// The str of the one character `c`: an interned one for ASCII (one of at most 128, kept
    /// by [`Runtime::ascii_chars`]), a new heap str for others.
    #[inline]
    pub fn char_str(&mut self, c: char) -> PyResult<Value> {
        if !c.is_ascii() {
            let mut buf = [0u8; 4];
            return self.new_str(c.encode_utf8(&mut buf));
        }
        match self.ascii_chars.as_ref().and_then(|t| t.get(c as usize)) {
            Some(&id) if id != 0 => Ok(Value::qstr(u32::from(id))),
            _ => self.intern_ascii_char(c),
        }
    }

    /// `char_str` for an ASCII character on its first use: intern it and remember the id.
    #[inline(never)]
    fn intern_ascii_char(&mut self, c: char) -> PyResult<Value> {
        let mut buf = [0u8; 4];
        let q = self.intern(c.encode_utf8(&mut buf))?;
        if let (Some(id), Some(slot)) = (
            q.as_qstr().and_then(|id| u16::try_from(id).ok()),
            self.ascii_chars
                .get_or_insert_with(|| Box::new([0; 128]))
                .get_mut(c as usize),
        ) {
            *slot = id;
        }
        Ok(q)
    }

    /// The qstr of `text` if it is interned already (a static one costs no heap).
    pub fn find_qstr(&self, text: &str) -> Option<Value> {
        let heap = &self.heap;
        let found = self.qstrs.find(text.as_bytes(), &|v| {
            let b = Runtime::blk(v);
            heap.bytes(b, 2, heap.aux(b) as usize)
        });
        found.map(Value::qstr)
    }

    /// A str of `text`: its qstr when interned already (the frozen modules' string constants
    /// are static qstrs), else a new heap str.
    pub fn const_str(&mut self, text: &str) -> PyResult<Value> {
        match self.find_qstr(text) {
            Some(q) => Ok(q),
            None => self.new_str(text),
        }
    }

    /// The interned form of a `str` value (qstrs pass through).
    pub fn intern_value(&mut self, v: Value) -> PyResult<Value> {
        if v.is_qstr() {
            return Ok(v);
        }
        self.pin(v);
        let text: alloc::string::String = self.str_text(v).unwrap_or("").into();
        let r = self.intern(&text);
        self.unpin(1);
        r
    }

    /// Raise a new exception of `kind` with message `msg` (text, or text packed by
    /// [`packed!`](crate::packed)).
    pub fn raise(&mut self, kind: ExcKind, msg: impl Message) -> Raised {
        msg.raise_as(self, kind)
    }

    /// [`Runtime::raise`] with text as it is.
    pub fn raise_text(&mut self, kind: ExcKind, msg: &str) -> Raised {
        let Ok(cls) = self.exc_class(kind) else {
            self.exc = self.memory_error;
            return Raised;
        };
        let m = if msg.is_empty() {
            Ok(Value::NULL)
        } else {
            self.new_str(msg)
        };
        if let Ok(m) = m {
            let args = if m.is_null() {
                &[][..]
            } else {
                core::slice::from_ref(&m)
            };
            if let Ok(e) = self.new_exception(cls, args) {
                self.exc = e;
            }
        }
        Raised
    }

    /// [`Runtime::raise`] with a message packed by [`packed!`](crate::packed): one
    /// out-of-line copy of its expansion.
    #[inline(never)]
    fn raise_packed(&mut self, kind: ExcKind, msg: crate::format::packed::Packed) -> Raised {
        self.raise_text(kind, &msg.text())
    }

    /// Raise an already-built exception instance.
    pub fn raise_value(&mut self, exc: Value) -> Raised {
        self.exc = exc;
        Raised
    }

    /// `TypeError(msg)`.
    pub fn type_error(&mut self, msg: impl Message) -> Raised {
        msg.raise_as(self, ExcKind::TypeError)
    }

    /// `ValueError(msg)`.
    pub fn value_error(&mut self, msg: impl Message) -> Raised {
        msg.raise_as(self, ExcKind::ValueError)
    }

    /// An exception of `kind` with its message filled in from a template
    /// ([`crate::format::message`]): one out-of-line copy of filling, raising and dropping the
    /// text instead of one at each site.
    #[inline(never)]
    pub fn raise_with(&mut self, kind: ExcKind, template: &str, args: &[Arg<'_>]) -> Raised {
        let msg = message::fill(template, args);
        self.raise_text(kind, &msg)
    }

    /// `TypeError` with a message from a template (see [`Runtime::raise_with`]).
    pub fn type_error_with(&mut self, template: &str, args: &[Arg<'_>]) -> Raised {
        self.raise_with(ExcKind::TypeError, template, args)
    }

    /// `ValueError` with a message from a template (see [`Runtime::raise_with`]).
    pub fn value_error_with(&mut self, template: &str, args: &[Arg<'_>]) -> Raised {
        self.raise_with(ExcKind::ValueError, template, args)
    }

    /// Static value of native function `id`.
    pub fn native(id: u32) -> Value {
        Value::stat(STATIC_NATIVE_BASE + id)
    }
}

/// An exception message: text, or text packed by [`packed!`](crate::packed) (expanded when
/// raised).
pub trait Message {
    /// Raises an exception of `kind` with this message.
    fn raise_as(self, rt: &mut Runtime, kind: ExcKind) -> Raised;
}

impl Message for &str {
    fn raise_as(self, rt: &mut Runtime, kind: ExcKind) -> Raised {
        rt.raise_text(kind, self)
    }
}

impl Message for &alloc::string::String {
    fn raise_as(self, rt: &mut Runtime, kind: ExcKind) -> Raised {
        rt.raise_text(kind, self)
    }
}

impl Message for crate::format::packed::Packed {
    fn raise_as(self, rt: &mut Runtime, kind: ExcKind) -> Raised {
        rt.raise_packed(kind, self)
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::TestHost;
    use crate::vm::{Config, Outcome, Vm};

    #[test]
    fn each_type_has_its_own_name_at_its_place_in_the_text() {
        use super::{TypeId, NTYPES};
        use crate::value::{Value, STATIC_TYPE_BASE};
        let names: alloc::vec::Vec<&str> = (0..NTYPES)
            .filter_map(|i| TypeId::from_value(Value::stat(STATIC_TYPE_BASE + i)))
            .map(TypeId::name)
            .collect();
        assert_eq!(names.len(), NTYPES as usize);
        assert_eq!(names.first(), Some(&"object"));
        assert_eq!(names.last(), Some(&"complex"));
        assert_eq!(TypeId::Builtin.name(), "builtin_function_or_method");
        assert_eq!(TypeId::MemoryView.name(), "memoryview");
        assert_eq!(TypeId::StrIterator.name(), "str_ascii_iterator");
        for (i, n) in names.iter().enumerate() {
            assert!(!n.is_empty() && !names[..i].contains(n), "{n}");
        }
    }

    #[test]
    fn one_character_strs_are_shared_for_ascii_and_survive_a_collection() {
        let mut vm = Vm::new(Config::default(), TestHost::default()).expect("a VM");
        let src = "s = 'ab' + 'cab'\nt = [c for c in s]\nimport gc\ngc.collect()\n\
                   print(s[0] is s[3], t[1] is s[1], chr(97) is s[0], s[2] is t[2])\n\
                   print(t, s[-1] == 'b', chr(0) == '\\x00', chr(127) == '\\x7f')\n\
                   u = 'x\\u00e9\\u20ac'\nprint([c for c in u] == ['x', '\\u00e9', '\\u20ac'], \
                   u[1] == chr(233), len(u[2]), {s[0]: 1}['a'])\n";
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        assert_eq!(
            alloc::string::String::from_utf8_lossy(&vm.host().out),
            "True True True True\n['a', 'b', 'c', 'a', 'b'] True True True\nTrue True 1 1\n"
        );
    }
}
