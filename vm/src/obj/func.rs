//! Code objects on the heap, Python functions, bound methods, cells, and the small wrapper
//! objects (`property`, `staticmethod`, `classmethod`).
//!
//! A heap `Code` is `[hdr, registry index, fast shape, argcount, nfree, where names start,
//! consts…, names…, varnames…]` (see `crate::obj::layout`): names and varnames are interned
//! once at load, constants converted once, so running code never allocates to read them. A function is
//! `[hdr, code, globals, defaults, kwdefaults, closure, dict]`.

use crate::bigint::{BigInt, Sign};
use crate::bytecode::code::{CodeObject, Const};
use crate::obj::kind::Kind;
use crate::obj::layout::{BOUND_FUNC, BOUND_SELF};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::rc::Rc;

use crate::format::message::ToArg;
pub use crate::obj::layout::{
    CO_ARGCOUNT, CO_CONSTS, CO_FAST_SHAPE, CO_INDEX, CO_NAMES, CO_NFREE, FN_CLOSURE, FN_CODE,
    FN_DEFAULTS, FN_DICT, FN_EXTRA, FN_GLOBALS, FN_KWDEFAULTS, FN_WORDS,
};

/// Fast shape: where `max_stack` starts (`slots` is below it).
pub const SHAPE_STACK_SHIFT: u32 = 14;
/// Fast shape: the code has free variables (see `CO_NFREE`).
pub const SHAPE_HAS_FREE: i32 = 1 << 28;

impl Runtime {
    /// Put compiled code on the heap (nested code objects too), once the verifier accepts it:
    /// the interpreter trusts loaded code (stack depths, operands, jump targets), so nothing
    /// reaches it unverified. Refused code raises `ValueError`.
    pub(crate) fn load_code(&mut self, code: Rc<CodeObject>) -> PyResult<Value> {
        if let Err(e) = crate::bytecode::verify::verify(&code) {
            return Err(
                // VerifyError's text comes from its Display: core::fmt, linked only in builds
                // that load precompiled code.
                self.value_error_with(
                    "invalid bytecode in {}: {}",
                    &[
                        code.name.arg(),
                        alloc::string::ToString::to_string(&e).arg(),
                    ],
                ),
            );
        }
        self.load_verified_code(code)
    }

    /// [`Self::load_code`] of code the verifier has accepted already: the compiler's, whose
    /// every unit went through it when its `max_stack` was taken from the verifier's walk
    /// (`bytecode::verify::max_depth`, the same checks with `max_stack` what it found).
    pub(crate) fn load_verified_code(&mut self, code: Rc<CodeObject>) -> PyResult<Value> {
        let start = self.pins.len();
        let r = self.load_code_inner(code);
        self.pins.truncate(start);
        r
    }

    fn load_code_inner(&mut self, code: Rc<CodeObject>) -> PyResult<Value> {
        let names_at = CO_CONSTS + code.consts.len();
        let varnames_at = names_at + code.names.len();
        let words = varnames_at + code.varnames.len();
        let b = self.alloc(Kind::Code, code.flags.0 as u32, words)?;
        use crate::bytecode::code::CodeFlags;
        let slots = code.varnames.len() + code.freevars.len();
        let simple = code.cellvars.is_empty()
            && code.cell_args.is_empty()
            && code.kwonlyargcount == 0
            && !code.flags.contains(CodeFlags::VARARGS)
            && !code.flags.contains(CodeFlags::VARKEYWORDS)
            && !code.flags.contains(CodeFlags::GENERATOR)
            && !code.flags.contains(CodeFlags::COROUTINE)
            && slots < 1 << SHAPE_STACK_SHIFT
            && (code.max_stack as usize) < 1 << SHAPE_STACK_SHIFT;
        let shape = if simple {
            let free = if code.freevars.is_empty() {
                0
            } else {
                SHAPE_HAS_FREE
            };
            slots as i32 | (code.max_stack as i32) << SHAPE_STACK_SHIFT | free
        } else {
            -1
        };
        self.heap.set_val(b, CO_FAST_SHAPE, Value::small(shape));
        self.heap
            .set_val(b, CO_NFREE, Value::small(code.freevars.len() as i32));
        self.heap
            .set_val(b, CO_ARGCOUNT, Value::small(code.argcount as i32));
        self.heap
            .set_val(b, CO_NAMES, Value::small(names_at as i32));
        let cv = Value::handle(b);
        self.pin(cv);
        let idx = self.register_code(code.clone());
        self.heap.set_val(b, CO_INDEX, Value::small(idx as i32));
        for (i, n) in code.names.iter().chain(&code.varnames).enumerate() {
            let q = self.intern(n)?;
            self.heap.set_val(b, names_at + i, q);
        }
        for (i, c) in code.consts.iter().enumerate() {
            let v = self.const_value(c)?;
            self.heap.set_val(b, CO_CONSTS + i, v);
        }
        Ok(cv)
    }

    /// Word `i` of heap code `codev`'s variable names (interned).
    pub(crate) fn code_varname(&self, codev: Value, code: &CodeObject, i: usize) -> Value {
        let cb = Runtime::blk(codev);
        let names_at = self.heap.val(cb, CO_NAMES).as_small().unwrap_or(0) as usize;
        self.heap.val(cb, names_at + code.names.len() + i)
    }

    fn const_value(&mut self, c: &Const) -> PyResult<Value> {
        Ok(match c {
            Const::None => Value::NONE,
            Const::True => Value::TRUE,
            Const::False => Value::FALSE,
            Const::Ellipsis => Value::ELLIPSIS,
            Const::Int(i) => self.new_int(*i)?,
            Const::BigInt(neg, limbs) => {
                let s = if *neg { Sign::Minus } else { Sign::Plus };
                self.new_bigint(&BigInt::from_slice(s, limbs))?
            }
            Const::Float(f) => self.new_float(*f)?,
            #[cfg(feature = "complex")]
            Const::Imag(f) => self.new_complex(0.0, *f)?,
            #[cfg(not(feature = "complex"))]
            Const::Imag(_) => {
                return Err(self.value_error(crate::packed!("complex numbers are not supported")))
            }
            Const::Str(s) => {
                if s.len() <= 32 && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
                    self.intern(s)?
                } else {
                    self.const_str(s)?
                }
            }
            Const::Bytes(b) => self.new_bytes(b)?,
            Const::Tuple(items) => {
                let t = self.alloc(Kind::Tuple, items.len() as u32, 1 + items.len())?;
                self.pin(Value::handle(t));
                for (i, c) in items.iter().enumerate() {
                    let v = self.const_value(c)?;
                    self.heap.set_val(t, 1 + i, v);
                }
                Value::handle(t)
            }
            Const::Code(code) => self.load_code_inner(code.clone())?,
        })
    }

    /// The compiled code behind a heap `Code` value.
    pub fn code_of(&self, code: Value) -> Option<Rc<CodeObject>> {
        let i = self.heap.val(Runtime::blk(code), CO_INDEX).as_small()? as usize;
        self.codes.get(i)?.clone()
    }

    /// A new function over heap code `code`.
    pub fn new_function(&mut self, code: Value, globals: Value) -> PyResult<Value> {
        self.pins.extend_from_slice(&[code, globals]);
        let r = self.new_function_inner(code, globals);
        self.unpin(2);
        r
    }

    fn new_function_inner(&mut self, code: Value, globals: Value) -> PyResult<Value> {
        let f = self.alloc(Kind::Function, 0, FN_WORDS)?;
        self.heap.set_val(f, FN_CODE, code);
        self.heap.set_val(f, FN_GLOBALS, globals);
        Ok(Value::handle(f))
    }

    /// Field `field` (`FN_DEFAULTS`, `FN_KWDEFAULTS`, `FN_CLOSURE` or `FN_DICT`) of the
    /// function whose block is `fb`, NULL when unset.
    #[inline]
    pub(crate) fn fn_get(&self, fb: u32, field: usize) -> Value {
        let x = self.heap.val(fb, FN_EXTRA);
        match x.as_heap() {
            None => Value::NULL,
            Some(_) if self.heap.kind(x) == Some(Kind::Tuple) => {
                if field == FN_DEFAULTS {
                    x
                } else {
                    Value::NULL
                }
            }
            Some(xb) => self.heap.val(xb, field),
        }
    }

    /// Set field `field` (as for `fn_get`) of function `f`. A defaults tuple alone is held in
    /// the function's own block; any other field takes a record of four beside it.
    pub(crate) fn fn_set(&mut self, f: Value, field: usize, v: Value) -> PyResult<()> {
        let fb = Runtime::blk(f);
        let x = self.heap.val(fb, FN_EXTRA);
        let tuple = |rt: &Runtime, v: Value| rt.heap.kind(v) == Some(Kind::Tuple);
        if x.is_null() && field == FN_DEFAULTS && tuple(self, v) {
            self.heap.set_val(fb, FN_EXTRA, v);
            return Ok(());
        }
        let xb = match x.as_heap() {
            Some(xb) if !tuple(self, x) => xb,
            _ => {
                self.pins.extend_from_slice(&[f, v]);
                let r = self.alloc(Kind::Array, 4, 5);
                self.unpin(2);
                let xb = r?;
                self.heap.set_val(xb, FN_DEFAULTS, x);
                self.heap.set_val(fb, FN_EXTRA, Value::handle(xb));
                xb
            }
        };
        self.heap.set_val(xb, field, v);
        Ok(())
    }

    /// `f.__qualname__` of Python function `f` (when not assigned): its code's, interned when
    /// asked (a module's functions would otherwise add a heap name each, which reprs and
    /// tracebacks do not need).
    pub fn function_qualname(&mut self, f: Value) -> PyResult<Value> {
        let text = self.function_qualname_text(f);
        self.intern(&text)
    }

    /// The text of `f.__qualname__`, without interning it.
    pub fn function_qualname_text(&mut self, f: Value) -> alloc::string::String {
        let b = Runtime::blk(f);
        let d = self.fn_get(b, FN_DICT);
        if d.is_heap() {
            if let Some(n) = self.dict_get_q(d, Value::qstr(crate::qstr::Q___QUALNAME__)) {
                return self.display_name(n);
            }
        }
        match self.code_of(self.heap.val(b, FN_CODE)) {
            Some(c) => c.qualname.clone(),
            None => alloc::string::String::from("?"),
        }
    }

    /// `f.__module__` of Python function `f` (when not assigned): its globals' `__name__`.
    pub fn function_module(&mut self, f: Value) -> Value {
        let g = self.heap.val(Runtime::blk(f), FN_GLOBALS);
        self.dict_get_q(g, Value::qstr(crate::qstr::Q___NAME__))
            .unwrap_or(Value::NONE)
    }

    /// A bound method.
    pub fn new_bound(&mut self, this: Value, func: Value) -> PyResult<Value> {
        self.pins.extend_from_slice(&[this, func]);
        let r = self.alloc(Kind::BoundMethod, 0, 3);
        self.unpin(2);
        let b = r?;
        self.heap.set_val(b, BOUND_SELF, this);
        self.heap.set_val(b, BOUND_FUNC, func);
        Ok(Value::handle(b))
    }

    /// A one- to three-field wrapper object of `kind` (cell, staticmethod, property, …).
    pub fn new_wrapper(&mut self, kind: Kind, fields: &[Value]) -> PyResult<Value> {
        let start = self.pins.len();
        self.pin_all(fields);
        let r = self.alloc(kind, 0, 1 + fields.len());
        self.pins.truncate(start);
        let b = r?;
        for (i, v) in fields.iter().enumerate() {
            self.heap.set_val(b, 1 + i, *v);
        }
        Ok(Value::handle(b))
    }
}

impl Runtime {
    /// `f.__doc__`: the docstring the compiler kept as `consts[0]`, else None.
    pub fn function_doc(&self, f: Value) -> Value {
        let codev = self.heap.val(Runtime::blk(f), FN_CODE);
        let has_doc = self.code_of(codev).is_some_and(|c| {
            c.flags.contains(crate::bytecode::CodeFlags::HAS_DOC) && !c.consts.is_empty()
        });
        if !has_doc {
            return Value::NONE;
        }
        self.heap.val(Runtime::blk(codev), CO_CONSTS)
    }
}
