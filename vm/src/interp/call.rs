//! Calls: one entry (`prepare_call`) turns any callable and its arguments into either a new
//! frame for the running loop (Python functions, `__init__`) or a finished value (natives,
//! type constructors, generators). `call` is the nested form for native code that needs a
//! result now: it runs a nested loop, bounded by `MAX_NESTED`.

use super::exec::{Exit, Prepared};
use super::frame::*;
use crate::bytecode::code::CodeFlags;
use crate::format::message::ToArg;
use crate::obj::class::CLASS_SPECIAL_BASE;
use crate::obj::exception::ExcKind;
use crate::obj::func::FN_CODE;
use crate::obj::kind::Kind;
use crate::obj::layout::{BOUND_FUNC, BOUND_SELF, WRAPPED_FUNC};
use crate::qstr;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::{Value, STATIC_NATIVE_BASE};
use alloc::vec::Vec;

impl Runtime {
    /// Prepare a call of `callee` with `args` (keywords named by `kwnames` are the last args).
    /// The caller keeps `callee` and `args` rooted.
    pub(crate) fn prepare_call(
        &mut self,
        callee: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<Prepared> {
        if let Some(id) = callee.as_static() {
            if id >= STATIC_NATIVE_BASE {
                // `gen.send(v)` from Python resumes the generator's frame in this loop (no
                // nested loop), so a scheduler written in Python stays stackless and fuelled.
                if id - STATIC_NATIVE_BASE == crate::builtins::N_GEN_SEND
                    && args.len() == 2
                    && self.kind(args[0]) == Some(Kind::Generator)
                {
                    if let Some(fr) = self.gen_prepare(args[0], args[1])? {
                        return Ok(Prepared::Frame(fr, CONT_SEND, Value::NULL));
                    }
                }
                // `sum` over a generator runs it in this loop too, the total in its frame.
                if id - STATIC_NATIVE_BASE == crate::builtins::N_SUM
                    && kwnames.is_null()
                    && !self.native_caller
                {
                    if let Some(p) = self.sum_prepare(args)? {
                        return Ok(p);
                    }
                }
                let r = crate::builtins::call_native(self, id - STATIC_NATIVE_BASE, args, kwnames)?;
                return Ok(Prepared::Done(r));
            }
            if let Some(t) = TypeId::from_value(callee) {
                // `range(n)` (or with a start and step) of small ints, the loop's usual
                // header: made here, without `construct`'s argument vectors.
                if let (TypeId::Range, true, Some(r)) = (t, kwnames.is_null(), small_range(args)) {
                    return Ok(Prepared::Done(self.new_range(r[0], r[1], r[2])?));
                }
                // `int(x)` and `float(x)` of a small int or a float, as common in arithmetic.
                if let ([v], true) = (args, kwnames.is_null()) {
                    match t {
                        TypeId::Int => {
                            if let Some(r) = self.int_of_number(*v) {
                                return Ok(Prepared::Done(r));
                            }
                        }
                        TypeId::Float if v.is_small() || self.heap.is_kind(*v, Kind::Float) => {
                            let f = match v.as_small() {
                                Some(i) => self.new_float(i as crate::format::Float)?,
                                None => *v,
                            };
                            return Ok(Prepared::Done(f));
                        }
                        _ => {}
                    }
                }
                let r = crate::builtins::construct(self, t, args, kwnames)?;
                return Ok(Prepared::Done(r));
            }
        }
        match self.kind(callee) {
            Some(Kind::Function) => {
                let frame = self.make_frame(callee, args, kwnames)?;
                let codev = self.heap.val(Runtime::blk(callee), FN_CODE);
                let flags = CodeFlags(self.heap.aux(Runtime::blk(codev)) as u16);
                let is_gen =
                    flags.contains(CodeFlags::GENERATOR) || flags.contains(CodeFlags::COROUTINE);
                if is_gen {
                    return Ok(Prepared::Done(self.make_generator(frame)?));
                }
                Ok(Prepared::Frame(frame, CONT_CALL, Value::NULL))
            }
            Some(Kind::Class) => self.instantiate(callee, args, kwnames),
            Some(Kind::StaticMethod) | Some(Kind::ClassMethod) => {
                let f = self.heap.val(Runtime::blk(callee), WRAPPED_FUNC);
                self.prepare_call(f, args, kwnames)
            }
            kind => {
                // A bound method's function with its `self` first, or the `__call__` found
                // for the callee with the callee first (pinned while it runs): one call site
                // for both.
                let (first, func, pinned) = if kind == Some(Kind::BoundMethod) {
                    let b = Runtime::blk(callee);
                    (
                        self.heap.val(b, BOUND_SELF),
                        self.heap.val(b, BOUND_FUNC),
                        0,
                    )
                } else if let Some(m) = self.special(callee, qstr::Q___CALL__) {
                    self.pin(m);
                    (callee, m, 1)
                } else {
                    return Err(self.type_error_naming("'", callee, "' object is not callable"));
                };
                let r = with_first(first, args, |a2| self.prepare_call(func, a2, kwnames));
                self.unpin(pinned);
                r
            }
        }
    }

    fn instantiate(&mut self, cls: Value, args: &[Value], kwnames: Value) -> PyResult<Prepared> {
        let init = self.class_lookup(cls, Value::qstr(qstr::Q___INIT__));
        // Most classes derive from neither an exception nor a builtin type: skip both searches.
        let special = self.class_flags(cls) & CLASS_SPECIAL_BASE != 0;
        let is_exc =
            special && self.is_subclass(cls, self.exc_class_if_made(ExcKind::BaseException));
        let builtin = special && self.builtin_base(cls).is_some();
        let nkw = if kwnames.is_null() {
            0
        } else {
            self.seq_len(kwnames)
        };
        let has_new = self
            .class_lookup(cls, Value::qstr(qstr::Q___NEW__))
            .is_some();
        let inst = if is_exc && !has_new {
            self.new_exception(cls, &args[..args.len() - nkw])?
        } else if has_new || builtin {
            let (inst, run_init) = self.instance_for_call(cls, args, kwnames)?;
            if !run_init {
                return Ok(Prepared::Done(inst));
            }
            inst
        } else {
            self.new_instance(cls)?
        };
        match init {
            Some(init) => {
                // Two pushes rather than a slice copy: this is every instance's path, and a
                // copy calls memcpy.
                self.pins.push(inst);
                self.pins.push(init);
                let r = with_first(inst, args, |a2| {
                    if self.heap.is_kind(init, Kind::Function) {
                        self.make_frame(init, a2, kwnames)
                            .map(|fr| Prepared::Frame(fr, CONT_INIT, inst))
                    } else {
                        self.call(init, a2, kwnames).map(|_| Prepared::Done(inst))
                    }
                });
                self.unpin(2);
                r
            }
            None => {
                if !args.is_empty() && !is_exc && !has_new && !builtin {
                    return Err(self.type_error_with(
                        "{}() takes no arguments",
                        &[self.class_name(cls).arg()],
                    ));
                }
                Ok(Prepared::Done(inst))
            }
        }
    }

    /// `int(v)` for a small int `v`, or a float whose truncation is a small int; `None` for
    /// anything else (`construct` answers those).
    fn int_of_number(&self, v: Value) -> Option<Value> {
        if v.is_small() {
            return Some(v);
        }
        let f = self.float_val(v)?;
        // Inside the small range, so also finite: truncation toward zero, as `int()`'s.
        if f.abs() < (1u32 << 30) as crate::format::Float {
            Value::try_small(f as i64)
        } else {
            None
        }
    }

    /// Call `callee` now (nested loop for Python code). Pins the arguments.
    pub fn call(&mut self, callee: Value, args: &[Value], kwnames: Value) -> PyResult<Value> {
        let start = self.pins.len();
        self.pins.push(callee);
        self.pins.push(kwnames);
        self.pins.extend_from_slice(args);
        let r = self.call_inner(callee, args, kwnames);
        self.pins.truncate(start);
        r
    }

    fn call_inner(&mut self, callee: Value, args: &[Value], kwnames: Value) -> PyResult<Value> {
        let outer = core::mem::replace(&mut self.native_caller, true);
        let p = self.prepare_call(callee, args, kwnames);
        self.native_caller = outer;
        match p? {
            Prepared::Done(v) => Ok(v),
            Prepared::Frame(fr, cont, carg) => {
                self.nested_enter()?;
                let r = self.link_frame(fr, FLAG_ENTRY | cont, carg);
                if let Err(e) = r {
                    self.nested -= 1;
                    return Err(e);
                }
                let mut fuel = 0;
                let r = self.run(&mut fuel, false, false);
                self.nested -= 1;
                let v = match r? {
                    Exit::Return(v) => v,
                    _ => Value::NONE,
                };
                if cont == CONT_INIT {
                    if v != Value::NONE {
                        return Err(self.type_error_naming(
                            "__init__() should return None, not '",
                            v,
                            "'",
                        ));
                    }
                    return Ok(carg);
                }
                Ok(v)
            }
        }
    }

    /// `obj.name(*args)` now.
    pub fn call_method(&mut self, obj: Value, name: u32, args: &[Value]) -> PyResult<Value> {
        self.pin(obj);
        let r = self.load_method(obj, Value::qstr(name));
        let (m, s) = match r {
            Ok(x) => x,
            Err(e) => {
                self.unpin(1);
                return Err(e);
            }
        };
        let r = if s.is_null() {
            self.call(m, args, Value::NULL)
        } else {
            with_first(s, args, |a2| self.call(m, a2, Value::NULL))
        };
        self.unpin(1);
        r
    }

    /// `sum(*args)` over a generator with no start or a small int or float one: the
    /// generator's frame ready to link with `CONT_SUM` and the start as its total, or the
    /// start when the generator is finished. `None` leaves the call to the builtin.
    #[inline(never)]
    fn sum_prepare(&mut self, args: &[Value]) -> PyResult<Option<Prepared>> {
        let (g, start) = match *args {
            [g] => (g, Value::small(0)),
            [g, s] if s.is_small() || self.heap.is_kind(s, Kind::Float) => (g, s),
            _ => return Ok(None),
        };
        if !self.heap.is_kind(g, Kind::Generator) || self.is_coroutine(g) {
            return Ok(None);
        }
        Ok(Some(match self.gen_prepare(g, Value::NONE)? {
            Some(fr) => Prepared::Frame(fr, CONT_SUM, start),
            None => Prepared::Done(start),
        }))
    }

    /// Call special method `name` of `v`'s class if it defines one.
    pub fn call_special(&mut self, v: Value, name: u32, args: &[Value]) -> PyResult<Option<Value>> {
        let Some(m) = self.special(v, name) else {
            return Ok(None);
        };
        self.pin(m);
        let r = with_first(v, args, |a2| self.call(m, a2, Value::NULL));
        self.unpin(1);
        r.map(Some)
    }
}

/// `(start, stop, step)` of `range(*args)` when `args` are one to three small ints.
fn small_range(args: &[Value]) -> Option<[i64; 3]> {
    let small = |i: usize| args.get(i).and_then(|v| v.as_small()).map(i64::from);
    match args.len() {
        1 => Some([0, small(0)?, 1]),
        2 => Some([small(0)?, small(1)?, 1]),
        3 => Some([small(0)?, small(1)?, small(2)?]),
        _ => None,
    }
}

/// Run `f` with `first` followed by `args` (a bound method's or a new instance's `self` before
/// the call's arguments), on the Rust stack when they are few.
fn with_first<R>(first: Value, args: &[Value], f: impl FnOnce(&[Value]) -> R) -> R {
    const SMALL: usize = 8;
    if args.len() < SMALL {
        let mut buf = [Value::NULL; SMALL];
        buf[0] = first;
        // Element by element: a slice copy of these few words would call memcpy.
        for (to, a) in buf[1..].iter_mut().zip(args) {
            *to = *a;
        }
        f(&buf[..=args.len()])
    } else {
        let mut a2 = Vec::with_capacity(args.len() + 1);
        a2.push(first);
        a2.extend_from_slice(args);
        f(&a2)
    }
}

#[cfg(test)]
mod tests {
    use super::small_range;
    use crate::tests::TestHost;
    use crate::value::Value;
    use crate::vm::{Config, Outcome, Vm};

    /// What `src` prints on a fresh VM (which must finish without an error).
    fn output(src: &str) -> alloc::string::String {
        let mut vm = Vm::new(Config::default(), TestHost::default()).expect("a VM");
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        alloc::string::String::from_utf8_lossy(&vm.host().out).into_owned()
    }

    #[test]
    #[cfg_attr(feature = "float32", ignore = "binary64 literals (1e300)")]
    fn range_int_and_float_calls_agree_with_the_general_constructor() {
        let src = "print(list(range(4)), list(range(-2, 3)), list(range(9, 0, -3)))\n\
                   print(int(7), int(2.9), int(-2.9), int(-0.0), int(1e300) > 0, int(True))\n\
                   print(float(3), float(-1.5), float(2**40), int(float(2**30)))\n\
                   try:\n    range(1, 2, 0)\nexcept ValueError as e:\n    print(e)\n\
                   for x in (float('nan'), float('inf')):\n\
                   \x20   try:\n        int(x)\n    except (ValueError, OverflowError) as e:\n\
                   \x20       print(type(e).__name__)\n";
        assert_eq!(
            output(src),
            "[0, 1, 2, 3] [-2, -1, 0, 1, 2] [9, 6, 3]\n7 2 -2 0 True 1\n\
             3.0 -1.5 1099511627776.0 1073741824\nrange() arg 3 must not be zero\n\
             ValueError\nOverflowError\n"
        );
    }

    #[test]
    fn small_range_takes_one_to_three_small_ints() {
        let s = Value::small;
        assert_eq!(small_range(&[s(5)]), Some([0, 5, 1]));
        assert_eq!(small_range(&[s(-2), s(7)]), Some([-2, 7, 1]));
        assert_eq!(small_range(&[s(9), s(0), s(-3)]), Some([9, 0, -3]));
        assert_eq!(small_range(&[s(1), s(2), s(0)]), Some([1, 2, 0]));
        assert_eq!(small_range(&[]), None);
        assert_eq!(small_range(&[s(1), s(2), s(3), s(4)]), None);
        assert_eq!(small_range(&[Value::TRUE]), None);
        assert_eq!(small_range(&[s(1), Value::NONE]), None);
    }
}
