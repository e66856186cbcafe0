//! Exceptions: the builtin hierarchy as heap classes created at start, instances as ordinary
//! instances whose attribute dict holds `args`, `__traceback__`, `__cause__`, `__context__`.
//!
//! The traceback is a list of `(code, line)` pairs, innermost last, appended while unwinding.

use crate::obj::kind::Kind;
use crate::obj::layout::INST_CLASS;
use crate::qstr;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

macro_rules! exc_kinds {
    ($($name:ident : $parent:ident),* $(,)?) => {
        /// The builtin exception classes.
        #[derive(Clone, Copy, PartialEq, Eq, Debug)]
        #[repr(u8)]
        pub enum ExcKind { $(#[doc = stringify!($name)] $name),* }
        /// `(name, parent)` of every builtin exception, parents first.
        pub const EXC_TABLE: &[(ExcKind, &str, ExcKind)] =
            &[$((ExcKind::$name, stringify!($name), ExcKind::$parent)),*];
    };
}

exc_kinds! {
    BaseException: BaseException,
    SystemExit: BaseException,
    KeyboardInterrupt: BaseException,
    GeneratorExit: BaseException,
    Exception: BaseException,
    StopIteration: Exception,
    StopAsyncIteration: Exception,
    ArithmeticError: Exception,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    EOFError: Exception,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    FileNotFoundError: OSError,
    FileExistsError: OSError,
    PermissionError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    TimeoutError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionResetError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    RecursionError: RuntimeError,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeEncodeError: UnicodeError,
    UnicodeDecodeError: UnicodeError,
    Warning: Exception,
    UserWarning: Warning,
    DeprecationWarning: Warning,
    RuntimeWarning: Warning,
}

impl Runtime {
    /// Create `BaseException` and the preallocated `MemoryError` (with its bases); the other
    /// builtin exception classes are made on first use (see [`Runtime::exc_class`]).
    pub fn init_exceptions(&mut self) -> PyResult<()> {
        self.exc_classes = alloc::vec![Value::NULL; EXC_TABLE.len()];
        let me = self.exc_class(ExcKind::MemoryError)?;
        self.memory_error = self.new_exception(me, &[])?;
        Ok(())
    }

    /// The builtin exception class of `kind`, made (with its bases) on first use: a program
    /// pays heap only for the exception classes it raises or names.
    pub fn exc_class(&mut self, kind: ExcKind) -> PyResult<Value> {
        let made = self.exc_classes.get(kind as usize).copied();
        if let Some(c) = made.filter(|c| !c.is_null()) {
            return Ok(c);
        }
        let Some(&(_, name, parent)) = EXC_TABLE.get(kind as usize) else {
            return Err(self.type_error(crate::packed!("no such exception class")));
        };
        let base = if kind == ExcKind::BaseException {
            crate::runtime::TypeId::Object.value()
        } else {
            self.exc_class(parent)?
        };
        let n = self.intern(name)?;
        let bases = self.new_tuple(&[base])?;
        self.pin(bases);
        let ns = self.new_dict();
        self.unpin(1);
        let ns = ns?;
        let cls = self.new_class(n, bases, ns)?;
        if kind == ExcKind::BaseException {
            // Inherited by every exception class, which all derive from this one.
            let b = Runtime::blk(cls);
            let flags = self.heap.aux(b) | crate::obj::class::CLASS_SPECIAL_BASE;
            self.heap.set_aux(b, flags);
            self.pin(cls);
            let r = self.dict_set(
                ns,
                Value::qstr(qstr::Q___INIT__),
                Runtime::native(crate::builtins::N_EXC_INIT),
            );
            self.unpin(1);
            r?;
        }
        if let Some(slot) = self.exc_classes.get_mut(kind as usize) {
            *slot = cls;
        }
        Ok(cls)
    }

    /// The builtin exception class of `kind` if it has been made, else NULL (which no class
    /// derives from: nothing can be an instance of a class never made).
    pub fn exc_class_if_made(&self, kind: ExcKind) -> Value {
        self.exc_classes
            .get(kind as usize)
            .copied()
            .unwrap_or(Value::NULL)
    }

    /// The builtin exception class called `name`, made on first use (for the builtins).
    pub fn exc_class_named(&mut self, name: &str) -> PyResult<Option<Value>> {
        // CPython's old names of OSError, kept as aliases of it.
        let name = match name {
            "IOError" | "EnvironmentError" => "OSError",
            n => n,
        };
        match EXC_TABLE.iter().find(|e| e.1 == name) {
            Some(&(kind, _, _)) => self.exc_class(kind).map(Some),
            None => Ok(None),
        }
    }

    /// A new exception instance of class `cls` with `args`.
    pub fn new_exception(&mut self, cls: Value, args: &[Value]) -> PyResult<Value> {
        let t = self.new_tuple(args)?;
        self.pin(t);
        let r = self.new_instance(cls);
        let inst = match r {
            Ok(i) => i,
            Err(e) => {
                self.unpin(1);
                return Err(e);
            }
        };
        self.pin(inst);
        let r = self.set_attr_dict(inst, Value::qstr(qstr::Q_ARGS), t);
        self.unpin(2);
        r?;
        Ok(inst)
    }

    /// Is `v` an exception instance?
    pub fn is_exception(&self, v: Value) -> bool {
        if self.kind(v) != Some(Kind::Instance) {
            return false;
        }
        let cls = self.heap.val(Runtime::blk(v), INST_CLASS);
        self.is_subclass(cls, self.exc_class_if_made(ExcKind::BaseException))
    }

    /// Is `v` an instance of builtin exception `kind`?
    pub fn exc_matches(&self, v: Value, kind: ExcKind) -> bool {
        self.kind(v) == Some(Kind::Instance)
            && self.is_subclass(
                self.heap.val(Runtime::blk(v), INST_CLASS),
                self.exc_class_if_made(kind),
            )
    }

    /// `e.args` (empty tuple when missing).
    pub fn exc_args(&mut self, e: Value) -> Value {
        self.instance_attr(e, Value::qstr(qstr::Q_ARGS))
            .unwrap_or(Value::NULL)
    }

    /// Append a traceback entry `(code, line)` to exception `e`.
    pub fn add_traceback(&mut self, e: Value, code: Value, line: u32) -> PyResult<()> {
        if self.kind(e) != Some(Kind::Instance) {
            return Ok(());
        }
        let key = Value::qstr(qstr::Q___TRACEBACK__);
        let tb = match self.instance_attr(e, key) {
            Some(l) if self.kind(l) == Some(Kind::List) => l,
            _ => {
                self.pin(e);
                let l = self.new_list(&[]);
                self.unpin(1);
                let l = l?;
                self.pins.extend_from_slice(&[e, l]);
                let r = self.set_attr_dict(e, key, l);
                self.unpin(2);
                r?;
                l
            }
        };
        self.pins.extend_from_slice(&[tb, code]);
        let r = self.list_append(tb, code);
        let r2 = r.and_then(|_| self.list_append(tb, Value::small(line as i32)));
        self.unpin(2);
        r2
    }
}
