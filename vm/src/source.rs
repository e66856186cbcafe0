//! The seam to the compiler: source text to a loaded heap code object, and compile errors to
//! Python `SyntaxError` objects (with `filename`, `lineno`, `offset`, `text`, `msg`).

use crate::bytecode::code::CodeObject;
use crate::compile::{ErrorKind, SyntaxError};
use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::qstr::*;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::rc::Rc;

/// What a piece of source is compiled as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module or `exec` string.
    Exec,
    /// An `eval` expression.
    Eval,
    /// One REPL input (expression statements echo their value).
    Single,
}

/// Source bytes (a file, or bytes given to `exec`/`eval`/`compile`) without the UTF-8 byte
/// order mark an editor may have put first, which CPython skips. (A `str` source keeps it: there
/// it is a SyntaxError, as in CPython.)
pub fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Compile `source`, using at most `stack_budget` bytes of stack below this call.
pub fn compile(
    source: &str,
    filename: &str,
    mode: Mode,
    stack_budget: usize,
) -> Result<CodeObject, Box<SyntaxError>> {
    let mode = match mode {
        Mode::Exec => crate::compile::Mode::Exec,
        Mode::Eval => crate::compile::Mode::Eval,
        Mode::Single => crate::compile::Mode::Single,
    };
    crate::compile::compile_boxed(source, filename, mode, stack_budget)
}

impl Runtime {
    /// Raise `err` as a Python SyntaxError (or IndentationError).
    pub fn raise_syntax_error(&mut self, err: &SyntaxError) -> Raised {
        let kind = match err.kind {
            ErrorKind::Syntax => ExcKind::SyntaxError,
            _ => ExcKind::IndentationError,
        };
        let r = (|| {
            let msg = self.new_str(&err.msg)?;
            self.pin(msg);
            let cls = self.exc_class(kind)?;
            let e = self.new_exception(cls, &[msg]);
            self.unpin(1);
            let e = e?;
            self.pin(e);
            let r = (|| {
                let f = self.new_str(&err.filename)?;
                self.set_attr_dict(e, Value::qstr(Q_FILENAME), f)?;
                self.set_attr_dict(e, Value::qstr(Q_LINENO), Value::small(err.line as i32))?;
                self.set_attr_dict(e, Value::qstr(Q_OFFSET), Value::small(err.column as i32))?;
                let t = self.new_str(&err.text)?;
                self.set_attr_dict(e, Value::qstr(Q_TEXT), t)?;
                self.set_attr_dict(e, Value::qstr(Q_MSG), msg)
            })();
            self.unpin(1);
            r.map(|_| e)
        })();
        match r {
            Ok(e) => self.raise_value(e),
            Err(r) => r,
        }
    }

    /// MemoryError if compiling `source` could take more than the compile budget.
    pub(crate) fn check_compile_budget(&mut self, source: &str) -> PyResult<()> {
        if self.compile_budget == usize::MAX {
            return Ok(());
        }
        let need = crate::compile::peak_memory_estimate(source);
        if need <= self.compile_budget {
            return Ok(());
        }
        let budget = self.compile_budget;
        Err(self.raise_with(
            ExcKind::MemoryError,
            "source of {} bytes is too large to compile in {} bytes (needs up to {})",
            &[source.len().arg(), budget.arg(), need.arg()],
        ))
    }

    /// Compile `source` and load it on the heap.
    pub fn compile_source(&mut self, source: &str, filename: &str, mode: Mode) -> PyResult<Value> {
        self.check_compile_budget(source)?;
        match compile(source, filename, mode, self.stack_left()) {
            Ok(code) => self.load_verified_code(Rc::new(code)),
            Err(e) => Err(self.raise_syntax_error(&e)),
        }
    }

    /// Compile and run `source` now (nested) with `globals`/`locals`; returns the value of
    /// the code (the expression's value for `Eval`).
    pub fn run_source_in(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
        globals: Value,
        locals: Value,
    ) -> PyResult<Value> {
        let code = self.compile_source(source, filename, mode)?;
        self.pin(code);
        let r = self.run_code_nested(code, globals, locals);
        self.unpin(1);
        r
    }

    /// Run module-level code in a nested loop.
    pub(crate) fn run_code_nested(
        &mut self,
        code: Value,
        globals: Value,
        locals: Value,
    ) -> PyResult<Value> {
        let frame = self.make_module_frame(code, globals, locals)?;
        self.nested_enter()?;
        let r = self
            .link_frame(frame, crate::interp::frame::FLAG_ENTRY, Value::NULL)
            .and_then(|_| {
                let mut fuel = 0;
                self.run(&mut fuel, false, false)
            });
        self.nested -= 1;
        match r? {
            crate::interp::exec::Exit::Return(v) => Ok(v),
            _ => Ok(Value::NONE),
        }
    }
}
