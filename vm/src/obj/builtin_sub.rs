//! Instances of classes derived from builtin types (`class Stack(list)`), and `__new__`.
//!
//! Such an instance is an ordinary instance with one more word: the builtin value it wraps
//! (`[hdr(INST_HAS_BASE), class, attrs Dict|NULL, base]`). Operations the class does not define
//! itself fall back to that value, so `len(stack)`, `stack[0]`, `stack + [1]` and inherited
//! methods like `stack.append` work on it; results are plain builtin values, as CPython's are.

use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{INST_CLASS, WRAPPED_FUNC};
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::vec::Vec;

/// Instance flag (header aux): word 3 holds the wrapped builtin value.
pub const INST_HAS_BASE: u32 = 1;
use crate::obj::layout::INST_BASE as BASE_SLOT;

/// Can a class derive from builtin type `t`?
pub fn subclassable(t: TypeId) -> bool {
    use TypeId::*;
    matches!(
        t,
        Object | Int | Float | Str | Bytes | ByteArray | Tuple | List | Dict | Set | FrozenSet
    )
}

/// Is an instance of `t` changed in place by `__init__` (rather than made whole by `__new__`)?
fn mutable(t: TypeId) -> bool {
    matches!(
        t,
        TypeId::List | TypeId::Dict | TypeId::Set | TypeId::ByteArray
    )
}

impl Runtime {
    /// The builtin value an instance of a builtin-derived class wraps.
    #[inline]
    pub fn base_value(&self, v: Value) -> Option<Value> {
        if self.kind(v) == Some(Kind::Instance)
            && self.heap.aux(Runtime::blk(v)) & INST_HAS_BASE != 0
        {
            Some(self.heap.val(Runtime::blk(v), BASE_SLOT))
        } else {
            None
        }
    }

    /// `(a, b)` with each instance of a builtin-derived class replaced by its value, if either
    /// is one (for the fallbacks of binary operations).
    pub fn unwrap_bases(&self, a: Value, b: Value) -> Option<(Value, Value)> {
        let (x, y) = (self.base_value(a), self.base_value(b));
        if x.is_none() && y.is_none() {
            return None;
        }
        Some((x.unwrap_or(a), y.unwrap_or(b)))
    }

    /// The builtin type (other than `object`) heap class `cls` derives from, if any.
    pub fn builtin_base(&self, cls: Value) -> Option<TypeId> {
        if self.kind(cls) != Some(Kind::Class) {
            return None;
        }
        let mro = self.heap.val(Runtime::blk(cls), crate::obj::class::C_MRO);
        (0..self.seq_len(mro))
            .filter_map(|i| TypeId::from_value(self.seq_get(mro, i)))
            .find(|t| *t != TypeId::Object)
    }

    /// Check the builtin bases of a new class: each must be subclassable, and at most one kind
    /// of builtin value may be wrapped.
    pub fn check_builtin_bases(&mut self, bases: &[Value]) -> PyResult<()> {
        let mut found: Option<TypeId> = None;
        for b in bases {
            let t = match TypeId::from_value(*b) {
                Some(t) => {
                    if !subclassable(t) {
                        return Err(self.type_error_with(
                            "type '{}' is not an acceptable base type",
                            &[t.name().arg()],
                        ));
                    }
                    t
                }
                None => match self.builtin_base(*b) {
                    Some(t) => t,
                    None => continue,
                },
            };
            if t == TypeId::Object {
                continue;
            }
            match found {
                Some(f) if f != t => {
                    return Err(self.type_error(crate::packed!(
                        "multiple bases have instance lay-out conflict"
                    )))
                }
                _ => found = Some(t),
            }
        }
        Ok(())
    }

    /// A new instance of `cls` wrapping builtin value `base`.
    pub fn new_instance_with_base(&mut self, cls: Value, base: Value) -> PyResult<Value> {
        self.pins.extend_from_slice(&[cls, base]);
        let r = self.alloc(Kind::Instance, INST_HAS_BASE, 4);
        self.unpin(2);
        let b = r?;
        self.heap.set_val(b, INST_CLASS, cls);
        self.heap.set_val(b, BASE_SLOT, base);
        Ok(Value::handle(b))
    }

    /// `object.__new__(cls, *args)` / `int.__new__(cls, x)`: a new bare instance of `cls`; for a
    /// builtin-derived class, wrapping the builtin value built from `args` (an empty one for
    /// mutable types, which `__init__` fills).
    pub fn object_new(&mut self, cls: Value, args: &[Value], kwnames: Value) -> PyResult<Value> {
        if self.kind(cls) != Some(Kind::Class) {
            return Err(self.type_error_naming(
                "object.__new__(X): X is not a type object (",
                cls,
                ")",
            ));
        }
        if self.is_subclass(cls, self.exc_class_if_made(ExcKind::BaseException)) {
            let nkw = if kwnames.is_null() {
                0
            } else {
                self.seq_len(kwnames)
            };
            let pos = &args[..args.len().saturating_sub(nkw)];
            return self.new_exception(cls, pos);
        }
        match self.builtin_base(cls) {
            None => self.new_instance(cls),
            Some(t) => {
                let base = if mutable(t) {
                    crate::builtins::construct(self, t, &[], Value::NULL)?
                } else {
                    crate::builtins::construct(self, t, args, kwnames)?
                };
                self.new_instance_with_base(cls, base)
            }
        }
    }

    /// `list.__init__(self, *args)` and friends on a builtin-derived instance: rebuild the
    /// wrapped mutable value from `args` (a no-op for immutable ones, made by `__new__`).
    pub fn builtin_init(&mut self, inst: Value, args: &[Value], kwnames: Value) -> PyResult<()> {
        let Some(cls) = self.heap_class_of(inst) else {
            return Ok(());
        };
        let Some(t) = self.builtin_base(cls) else {
            return Ok(());
        };
        if !mutable(t) || self.base_value(inst).is_none() {
            return Ok(());
        }
        let base = crate::builtins::construct(self, t, args, kwnames)?;
        self.heap.set_val(Runtime::blk(inst), BASE_SLOT, base);
        Ok(())
    }

    /// Build an instance of heap class `cls` for a call `cls(*args)`: through a user
    /// `__new__` if the class has one, else `object.__new__`. `Ok((inst, run_init))`: `__init__`
    /// runs only when `__new__` returned an instance of `cls`.
    pub fn instance_for_call(
        &mut self,
        cls: Value,
        args: &[Value],
        kwnames: Value,
    ) -> PyResult<(Value, bool)> {
        let user_new = self.class_lookup(cls, Value::qstr(Q___NEW__));
        let Some(mut new) = user_new else {
            let user_init = self.class_lookup(cls, Value::qstr(Q___INIT__)).is_some();
            let inst = match self.builtin_base(cls) {
                // Without a user __init__ the builtin's own initialisation takes the arguments.
                Some(t) if mutable(t) && !user_init => {
                    let base = crate::builtins::construct(self, t, args, kwnames)?;
                    self.new_instance_with_base(cls, base)?
                }
                _ => self.object_new(cls, args, kwnames)?,
            };
            return Ok((inst, true));
        };
        if self.kind(new) == Some(Kind::StaticMethod) {
            new = self.heap.val(Runtime::blk(new), WRAPPED_FUNC);
        }
        let mut a2 = Vec::with_capacity(args.len() + 1);
        a2.push(cls);
        a2.extend_from_slice(args);
        self.pin(new);
        let r = self.call(new, &a2, kwnames);
        self.unpin(1);
        let inst = r?;
        let ok = self.is_instance(inst, cls);
        Ok((inst, ok))
    }

    /// `d[k]` for an instance wrapping a dict: a missing key goes to `__missing__` if the class
    /// defines it.
    pub fn base_getitem(&mut self, inst: Value, base: Value, k: Value) -> PyResult<Value> {
        if self.kind(base) == Some(Kind::Dict) {
            if let Some(v) = self.dict_get(base, k)? {
                return Ok(v);
            }
            if let Some(r) = self.call_special(inst, Q___MISSING__, &[k])? {
                return Ok(r);
            }
            return Err(self.raise_key_error(k));
        }
        self.getitem(base, k)
    }
}
