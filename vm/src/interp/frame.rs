//! Call frames: heap objects, one per active Python call, linked through `back`.
//!
//! Layout: `[hdr(stack base), sp, code, globals, locals, back, pc, flags, cont, gen,
//! fast locals…, cells…, value stack…]`. The collector scans a frame up to its stored stack
//! pointer, which the interpreter writes before every instruction that can allocate or call. A frame is freed explicitly when
//! its call returns, unless a generator owns it. Every frame is allocated with exactly
//! `stack base + max_stack + 1` words of its code, so a return knows its size without reading
//! the allocation table.

use crate::bytecode::code::CodeFlags;
use crate::obj::exception::ExcKind;
use crate::obj::func::*;
use crate::obj::kind::Kind;
use crate::obj::layout::CELL_VALUE;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

use crate::format::message::{push_filled, push_int, ToArg};
pub use crate::obj::layout::{
    F_BACK, F_CODE, F_CONT, F_FLAGS, F_GEN, F_GLOBALS, F_LOCALS, F_LOCALS0, F_PC, F_SP,
};

/// Continuation: push the return value on the caller's stack.
pub const CONT_CALL: u32 = 0;
/// Continuation: `__init__` returned; push `cont` (the new instance) instead.
pub const CONT_INIT: u32 = 1;
/// Continuation: generator resumed by FOR_ITER; on return jump the caller to `cont`.
pub const CONT_FORITER: u32 = 2;
/// Continuation: generator resumed by YIELD_FROM in the caller.
pub const CONT_YIELDFROM: u32 = 3;
/// Continuation: generator resumed by a Python call of `send`: a yield pushes the value on
/// the caller's stack; a return raises `StopIteration(value)` in the caller.
pub const CONT_SEND: u32 = 4;
/// Continuation: a binary operator's `__op__` method (`cont` holds the BINARY_OP operand) on
/// the two operands, which stay on the caller's stack until it returns: its result replaces
/// them, or with `NotImplemented` the operator's remaining steps run.
pub const CONT_BINOP: u32 = 5;
/// Continuation: a generator run by `sum(gen)` or `sum(gen, start)`; `cont` holds the total.
/// Each yield adds to it and the generator runs on; its return returns the total.
pub const CONT_SUM: u32 = 6;
/// Flag: the run loop that pushed this frame returns when it returns or yields.
pub const FLAG_ENTRY: u32 = 8;
/// Flag: the frame belongs to a generator.
pub const FLAG_GEN: u32 = 16;

impl Runtime {
    /// The frame for calling `callee` with the `n` positional arguments at heap words
    /// `args_at..args_at + n` (a caller's stack, which keeps them and `callee` rooted), when
    /// `callee` is a Python function that takes exactly those (no cell variables, defaults
    /// used, `*args`/`**kwargs`, keyword-only parameters, not a generator): the arguments are
    /// copied straight into the new frame's locals (and its closure's cells after them).
    /// `Ok(None)` for every other call.
    #[inline(always)]
    pub(crate) fn fast_frame(
        &mut self,
        callee: Value,
        args_at: usize,
        n: usize,
    ) -> PyResult<Option<u32>> {
        if !self.heap.is_kind(callee, Kind::Function) {
            return Ok(None);
        }
        let fb = Runtime::blk(callee);
        let codev = self.heap.val(fb, FN_CODE);
        let cb = Runtime::blk(codev);
        let shape = self.heap.val(cb, CO_FAST_SHAPE).as_small().unwrap_or(-1);
        if shape < 0 || Value::small(n as i32) != self.heap.val(cb, CO_ARGCOUNT) {
            return Ok(None);
        }
        let (f, base) = self.new_fast_frame(fb, codev, shape)?;
        let w = crate::heap::Heap::base(f);
        // A few words: a plain loop beats a call to `memmove`.
        for i in 0..n {
            let v = self.heap.word(args_at + i);
            *self.heap.word_mut(w + F_LOCALS0 + i) = v;
        }
        if shape & SHAPE_HAS_FREE != 0 {
            self.fill_free_vars(w + base, fb, cb);
        }
        Ok(Some(f))
    }

    /// Does Python function `func` take exactly `n` positional arguments in a frame of the
    /// fast shape (what `fast_frame` asks of its callee)?
    pub(crate) fn fast_shaped(&self, func: Value, n: usize) -> bool {
        let cb = Runtime::blk(self.heap.val(Runtime::blk(func), FN_CODE));
        self.heap.val(cb, CO_FAST_SHAPE).as_small().unwrap_or(-1) >= 0
            && Value::small(n as i32) == self.heap.val(cb, CO_ARGCOUNT)
    }

    /// Allocate a frame for function `fb` whose code `codev` has the fast shape `shape`, and
    /// fill its fixed words; returns the frame and its stack base (word offset).
    #[inline(always)]
    fn new_fast_frame(&mut self, fb: u32, codev: Value, shape: i32) -> PyResult<(u32, usize)> {
        let nlocals = (shape & ((1 << SHAPE_STACK_SHIFT) - 1)) as usize;
        let max_stack = ((shape & !SHAPE_HAS_FREE) >> SHAPE_STACK_SHIFT) as usize;
        let base = F_LOCALS0 + nlocals;
        let globals = self.heap.val(fb, FN_GLOBALS);
        let f = self.alloc_call_frame(base as u32, base + max_stack + 1)?;
        let w = crate::heap::Heap::base(f);
        // Every fixed word, written once (the allocation left them as they were).
        if let Some(head) = self.heap.words.get_mut(w..w + F_LOCALS0) {
            head[F_SP] = Value::small(0).0;
            head[F_CODE] = codev.0;
            head[F_GLOBALS] = globals.0;
            head[F_LOCALS] = Value::NULL.0;
            head[F_BACK] = Value::NULL.0;
            head[F_PC] = Value::small(0).0;
            head[F_FLAGS] = Value::small(0).0;
            head[F_CONT] = Value::NULL.0;
            head[F_GEN] = Value::NULL.0;
        }
        Ok((f, base))
    }

    /// Copy the closure cells of function `fb` (code `cb`, fast-shaped) into the free-variable
    /// slots of a new frame, which end at heap word `end`.
    #[inline(never)]
    fn fill_free_vars(&mut self, end: usize, fb: u32, cb: u32) {
        let nfree = self.heap.val(cb, CO_NFREE).as_small().unwrap_or(0) as usize;
        if nfree == 0 {
            return;
        }
        let closure = self.fn_get(fb, FN_CLOSURE);
        // The closure tuple's items, found once (not per cell).
        let Some((items, first, len)) = self.seq_raw_inline(closure) else {
            return;
        };
        for i in 0..nfree {
            let c = if i < len {
                self.heap.val(items, first + i)
            } else {
                Value::NULL
            };
            *self.heap.word_mut(end - nfree + i) = c.0;
        }
    }

    /// Build a frame for calling function `func` with `args` (keywords named by the `kwnames`
    /// tuple are the last entries of `args`). The frame is not linked yet.
    pub(crate) fn make_frame(
        &mut self,
        func: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<Value> {
        let fb = Runtime::blk(func);
        let codev = self.heap.val(fb, FN_CODE);
        let cb = Runtime::blk(codev);
        let shape = self.heap.val(cb, CO_FAST_SHAPE).as_small().unwrap_or(-1);
        if shape >= 0
            && kwnames.is_null()
            && Value::small(args.len() as i32) == self.heap.val(cb, CO_ARGCOUNT)
        {
            let (f, base) = self.new_fast_frame(fb, codev, shape)?;
            let w = crate::heap::Heap::base(f);
            for (i, a) in args.iter().enumerate() {
                *self.heap.word_mut(w + F_LOCALS0 + i) = a.0;
            }
            if shape & SHAPE_HAS_FREE != 0 {
                self.fill_free_vars(w + base, fb, cb);
            }
            return Ok(Value::handle(f));
        }
        let Some(code) = self.code_of(codev) else {
            return Err(self.type_error("function has no code"));
        };
        let ncells = code.ncells();
        let globals = self.heap.val(fb, FN_GLOBALS);
        let f = self.new_frame(&code, codev, globals, Value::NULL)?;
        let fv = Value::handle(f);
        let simple = kwnames.is_null()
            && args.len() == code.argcount as usize
            && code.kwonlyargcount == 0
            && ncells == 0
            && !code.flags.contains(CodeFlags::VARARGS)
            && !code.flags.contains(CodeFlags::VARKEYWORDS);
        if simple {
            let w = crate::heap::Heap::base(f) + F_LOCALS0;
            for (i, a) in args.iter().enumerate() {
                *self.heap.word_mut(w + i) = a.0;
            }
            return Ok(fv);
        }
        self.pin(fv);
        let r = self.bind_args(f, func, &code, args, kwnames);
        self.unpin(1);
        r?;
        Ok(fv)
    }

    fn bind_args(
        &mut self,
        f: u32,
        func: Value,
        code: &crate::bytecode::code::CodeObject,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<()> {
        let fb = Runtime::blk(func);
        let nkw = if kwnames.is_null() {
            0
        } else {
            self.seq_len(kwnames)
        };
        let npos = args.len() - nkw;
        let argc = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let varargs = code.flags.contains(CodeFlags::VARARGS);
        let varkw = code.flags.contains(CodeFlags::VARKEYWORDS);
        let l0 = F_LOCALS0;
        let defaults = self.fn_get(fb, FN_DEFAULTS);
        let ndef = if defaults.is_null() {
            0
        } else {
            self.seq_len(defaults)
        };
        for (i, a) in args[..npos.min(argc)].iter().enumerate() {
            self.heap.set_val(f, l0 + i, *a);
        }
        let mut next = argc + kwonly;
        if varargs {
            let extra = if npos > argc {
                &args[argc..npos]
            } else {
                &[][..]
            };
            let t = self.new_tuple(extra)?;
            self.heap.set_val(f, l0 + next, t);
            next += 1;
        } else if npos > argc {
            let mut takes = String::new();
            if ndef > 0 {
                push_filled(&mut takes, "from {} to ", &[(argc - ndef).arg()]);
            }
            push_int(&mut takes, argc as i64);
            return Err(self.type_error_with(
                "{}() takes {} positional argument{} but {} {} given",
                &[
                    code.qualname.arg(),
                    takes.arg(),
                    (if argc == 1 && ndef == 0 { "" } else { "s" }).arg(),
                    npos.arg(),
                    (if npos == 1 { "was" } else { "were" }).arg(),
                ],
            ));
        }
        let kwdict = if varkw {
            let d = self.new_dict()?;
            self.heap.set_val(f, l0 + next, d);
            d
        } else {
            Value::NULL
        };
        if nkw > 0 {
            let codev = self.heap.val(fb, FN_CODE);
            for k in 0..nkw {
                let name = self.seq_get(kwnames, k);
                let val = args[npos + k];
                let mut slot = None;
                for i in code.posonlyargcount as usize..argc + kwonly {
                    let v = self.code_varname(codev, code, i);
                    if v == name || (self.is_str(name) && self.str_eq(v, name)) {
                        slot = Some(i);
                        break;
                    }
                }
                // Each refusal names the function and the keyword: one raise for the three.
                let refusal = match slot {
                    Some(i) if self.heap.val(f, l0 + i).is_null() => {
                        self.heap.set_val(f, l0 + i, val);
                        continue;
                    }
                    Some(_) => "{}() got multiple values for argument '{}'",
                    None if varkw => {
                        self.dict_set(kwdict, name, val)?;
                        continue;
                    }
                    None if (0..code.posonlyargcount as usize).any(|i| {
                        code.varnames.get(i).map(String::as_str) == self.str_text(name)
                    }) =>
                    {
                        "{}() got some positional-only arguments passed as keyword arguments: '{}'"
                    }
                    None => "{}() got an unexpected keyword argument '{}'",
                };
                return Err(self.type_error_with(
                    refusal,
                    &[code.qualname.arg(), self.display_name(name).arg()],
                ));
            }
        }
        let mut missing: Vec<usize> = Vec::new();
        for i in npos.min(argc)..argc {
            if self.heap.val(f, l0 + i).is_null() {
                if i + ndef >= argc {
                    let d = self.seq_get(defaults, i + ndef - argc);
                    self.heap.set_val(f, l0 + i, d);
                } else {
                    missing.push(i);
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(code, &missing, "positional"));
        }
        let kwdefaults = self.fn_get(fb, FN_KWDEFAULTS);
        for i in argc..argc + kwonly {
            if self.heap.val(f, l0 + i).is_null() {
                let name = self.intern(&code.varnames[i])?;
                let d = if kwdefaults.is_null() {
                    None
                } else {
                    self.dict_get_q(kwdefaults, name)
                };
                match d {
                    Some(d) => self.heap.set_val(f, l0 + i, d),
                    None => missing.push(i),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(code, &missing, "keyword-only"));
        }
        let c0 = l0 + code.varnames.len();
        for &(cell, arg) in &code.cell_args {
            let c = self.heap.val(f, c0 + cell as usize);
            let a = self.heap.val(f, l0 + arg as usize);
            if let Some(cb) = c.as_heap() {
                self.heap.set_val(cb, CELL_VALUE, a);
            }
        }
        let closure = self.fn_get(fb, FN_CLOSURE);
        if !closure.is_null() {
            for i in 0..code.freevars.len() {
                let c = self.seq_get(closure, i);
                self.heap.set_val(f, c0 + code.cellvars.len() + i, c);
            }
        }
        Ok(())
    }

    fn missing_args(
        &mut self,
        code: &crate::bytecode::code::CodeObject,
        missing: &[usize],
        what: &str,
    ) -> crate::runtime::Raised {
        // CPython's list: 'a', 'a' and 'b', 'a', 'b', and 'c'.
        let mut list = alloc::string::String::new();
        for (n, &i) in missing.iter().enumerate() {
            if n > 0 {
                list.push_str(match (missing.len(), n + 1 == missing.len()) {
                    (2, _) => " and ",
                    (_, true) => ", and ",
                    _ => ", ",
                });
            }
            list.push('\'');
            list.push_str(code.varnames.get(i).map_or("", String::as_str));
            list.push('\'');
        }
        self.raise_with(
            ExcKind::TypeError,
            "{}() missing {} required {} argument{}: {}",
            &[
                code.qualname.arg(),
                missing.len().arg(),
                what.arg(),
                (if missing.len() == 1 { "" } else { "s" }).arg(),
                list.arg(),
            ],
        )
    }

    /// A frame running module-level or class-body `code` with `locals` as its namespace.
    pub(crate) fn make_module_frame(
        &mut self,
        code: Value,
        globals: Value,
        locals: Value,
    ) -> PyResult<Value> {
        let Some(co) = self.code_of(code) else {
            return Err(self.type_error("bad code object"));
        };
        self.pins.extend_from_slice(&[code, globals, locals]);
        let r = self.new_frame(&co, code, globals, locals);
        self.unpin(3);
        r.map(Value::handle)
    }

    /// A new frame for `code` (the heap code object `codev`, which the caller keeps rooted, as
    /// `globals` and `locals`) with its fixed words set, `locals` its namespace (NULL for a
    /// function's), and its cell variables' new cells; its fast locals are left empty.
    fn new_frame(
        &mut self,
        code: &crate::bytecode::code::CodeObject,
        codev: Value,
        globals: Value,
        locals: Value,
    ) -> PyResult<u32> {
        let c0 = F_LOCALS0 + code.varnames.len();
        let base = c0 + code.ncells();
        let f = self.alloc_frame(base as u32, base + code.max_stack as usize + 1)?;
        self.heap.set_val(f, F_SP, Value::small(0));
        self.heap.set_val(f, F_CODE, codev);
        self.heap.set_val(f, F_GLOBALS, globals);
        self.heap.set_val(f, F_LOCALS, locals);
        self.heap.set_val(f, F_PC, Value::small(0));
        self.heap.set_val(f, F_FLAGS, Value::small(0));
        if code.cellvars.is_empty() {
            return Ok(f);
        }
        self.pin(Value::handle(f));
        let mut r = Ok(f);
        for i in 0..code.cellvars.len() {
            match self.new_wrapper(Kind::Cell, &[Value::NULL]) {
                Ok(c) => self.heap.set_val(f, c0 + i, c),
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        self.unpin(1);
        r
    }

    /// Flags word of frame `f`.
    #[inline]
    pub(crate) fn frame_flags(&self, f: u32) -> u32 {
        self.heap.val(f, F_FLAGS).as_small().unwrap_or(0) as u32
    }

    /// Set the flags word of frame `f`.
    #[inline]
    pub(crate) fn set_frame_flags(&mut self, f: u32, flags: u32) {
        self.heap.set_val(f, F_FLAGS, Value::small(flags as i32));
    }
}
