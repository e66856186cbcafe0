//! Type constructors (`int(x)`, `str(x)`, `list(it)`, `type(name, bases, ns)`, …), class
//! creation (`__build_class__`), `super`, and the `object` and `property` natives.

use super::{kwarg, split_kw};
use crate::builtins::arg;
use crate::format::message::ToArg;
use crate::interp::frame::*;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{CELL_VALUE, PROP_FDEL, PROP_FGET, PROP_FSET};
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;

fn arity(rt: &mut Runtime, name: &str, args: &[Value], max: usize) -> PyResult<()> {
    if args.len() > max {
        return Err(rt.type_error_with(
            "{} expected at most {} argument{}, got {}",
            &[
                name.arg(),
                max.arg(),
                (if max == 1 { "" } else { "s" }).arg(),
                args.len().arg(),
            ],
        ));
    }
    Ok(())
}

/// Construct a value of builtin type `t`.
pub fn construct(rt: &mut Runtime, t: TypeId, args: &[Value], kwnames: Value) -> PyResult<Value> {
    // `str(x)` of a value that is not an instance (so no subclass to unwrap) is the hot case:
    // skip building the argument vectors.
    if let ([v], TypeId::Str) = (args, t) {
        if kwnames.is_null() && rt.kind(*v) != Some(Kind::Instance) {
            return rt.to_str(*v);
        }
    }
    let (pos, kw) = split_kw(rt, args, kwnames);
    match unwrapped_first_arg(rt, t, pos) {
        Some(first) => {
            let mut pos = pos.to_vec();
            if let Some(slot) = pos.first_mut() {
                *slot = first;
            }
            construct_from(rt, t, &pos, &kw)
        }
        None => construct_from(rt, t, pos, &kw),
    }
}

/// [`construct`] once the arguments are split. The keyword pairs (and a copied argument list)
/// stay owned by the caller, so the many early returns here share its one drop of them
/// (about 300 B of riscv32 code).
#[inline(never)]
fn construct_from(
    rt: &mut Runtime,
    t: TypeId,
    pos: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    // The types taking a bounded number of positional arguments, checked in one place.
    let most = match t {
        TypeId::Int => 2,
        TypeId::Float | TypeId::Bool | TypeId::Tuple | TypeId::List => 1,
        TypeId::Str => 3,
        #[cfg(feature = "complex")]
        TypeId::Complex => 2,
        _ => usize::MAX,
    };
    arity(rt, t.name(), pos, most)?;
    match t {
        TypeId::Int => {
            let base = pos.get(1).copied().or_else(|| kwarg(rt, kw, Q_BASE));
            let Some(&v) = pos.first() else {
                if base.is_some() {
                    return Err(rt.type_error(crate::packed!("int() missing string argument")));
                }
                return Ok(Value::small(0));
            };
            int_from(rt, v, base)
        }
        TypeId::Float => {
            let Some(&v) = pos.first() else {
                return rt.new_float(0.0);
            };
            if rt.kind(v) == Some(Kind::Float) {
                return Ok(v);
            }
            if rt.is_int(v) {
                let f = rt.int_as_float(v)?;
                return rt.new_float(f);
            }
            if let Some(s) = rt.str_text(v) {
                let s: String = s.into();
                let f = crate::format::parse_float(&s).map_err(|e| rt.raise_format(e))?;
                return rt.new_float(f);
            }
            if let Some(r) = rt.call_special(v, Q___FLOAT__, &[])? {
                return Ok(r);
            }
            Err(rt.type_error_naming(
                "float() argument must be a string or a real number, not '",
                v,
                "'",
            ))
        }
        TypeId::Bool => match pos.first() {
            Some(&v) => Ok(Value::bool(rt.truthy(v)?)),
            None => Ok(Value::FALSE),
        },
        TypeId::Str => {
            let Some(&v) = pos.first() else {
                return Ok(Value::qstr(Q_EMPTY));
            };
            if pos.len() >= 2 || !kw.is_empty() {
                if let Some(b) = rt.bytes_of(v) {
                    let b = b.to_vec();
                    return rt.new_str_utf8(&b);
                }
            }
            rt.to_str(v)
        }
        TypeId::Bytes | TypeId::ByteArray => {
            let data: alloc::vec::Vec<u8> = match pos.first() {
                None => alloc::vec::Vec::new(),
                Some(&v) => {
                    if rt.is_str(v) {
                        if pos.len() < 2 {
                            return Err(rt.type_error(crate::packed!(
                                "string argument without an encoding"
                            )));
                        }
                        let enc_args = pos.get(..3).unwrap_or(pos);
                        let b = super::str_more::str_encode(rt, enc_args, Value::NULL)?;
                        rt.bytes_of(b).unwrap_or(&[]).to_vec()
                    } else if let Some(b) = rt.bytes_of(v) {
                        b.to_vec()
                    } else if let Some(b) = array_bytes(rt, v) {
                        b
                    } else if rt.is_int(v) || rt.special(v, Q___INDEX__).is_some() {
                        let n = rt.int_arg(v)?;
                        if n < 0 {
                            return Err(rt.value_error(crate::packed!("negative count")));
                        }
                        let n = Runtime::size_of_count(n);
                        rt.check_room(n)?;
                        alloc::vec![0u8; n]
                    } else {
                        let start = rt.pins.len();
                        let items = rt.collect_pinned(v);
                        rt.pins.truncate(start);
                        let mut out = alloc::vec::Vec::new();
                        for x in items? {
                            let i = rt.int_arg(x)?;
                            if !(0..256).contains(&i) {
                                return Err(rt.value_error(crate::packed!(
                                    "bytes must be in range(0, 256)"
                                )));
                            }
                            out.push(i as u8);
                        }
                        out
                    }
                }
            };
            if t == TypeId::Bytes {
                rt.new_bytes(&data)
            } else {
                rt.new_bytearray(&data)
            }
        }
        TypeId::Tuple => match pos.first() {
            Some(&v) => rt.tuple_from_iter(v),
            None => rt.new_tuple(&[]),
        },
        TypeId::List => match pos.first() {
            Some(&v) => rt.list_from_iter(v),
            None => rt.new_list(&[]),
        },
        TypeId::Dict => {
            let d = rt.new_dict()?;
            rt.pin(d);
            let r = (|| {
                if let Some(&m) = pos.first() {
                    rt.dict_update(d, m, false)?;
                }
                for (k, v) in kw {
                    rt.dict_set(d, *k, *v)?;
                }
                Ok(d)
            })();
            rt.unpin(1);
            r
        }
        TypeId::Set | TypeId::FrozenSet => {
            let kind = if t == TypeId::Set {
                Kind::Set
            } else {
                Kind::FrozenSet
            };
            let s = rt.new_dict_kind(kind, 0)?;
            if let Some(&v) = pos.first() {
                rt.pin(s);
                let r = rt.set_update(s, v);
                rt.unpin(1);
                r?;
            }
            Ok(s)
        }
        TypeId::Range => {
            if pos.is_empty() || pos.len() > 3 {
                return Err(rt.type_error_with(
                    "range expected at least 1 argument, got {}",
                    &[pos.len().arg()],
                ));
            }
            let mut n = [Value::small(0), Value::small(0), Value::small(1)];
            let start = rt.pins.len();
            for (slot, v) in n.iter_mut().zip(pos) {
                let x = match *v {
                    Value::TRUE => Value::small(1),
                    Value::FALSE => Value::small(0),
                    x if rt.is_int(x) => x,
                    x => {
                        let i = rt.int_arg(x);
                        let r = i.and_then(|i| rt.new_int(i));
                        match r {
                            Ok(r) => r,
                            Err(e) => {
                                rt.pins.truncate(start);
                                return Err(e);
                            }
                        }
                    }
                };
                rt.pin(x);
                *slot = x;
            }
            let r = match pos.len() {
                1 => rt.new_range_values(Value::small(0), n[0], Value::small(1)),
                2 => rt.new_range_values(n[0], n[1], Value::small(1)),
                _ => rt.new_range_values(n[0], n[1], n[2]),
            };
            rt.pins.truncate(start);
            r
        }
        #[cfg(feature = "complex")]
        TypeId::Complex => {
            let real = pos.first().copied().or_else(|| kwarg(rt, kw, Q_REAL));
            let imag = pos.get(1).copied().or_else(|| kwarg(rt, kw, Q_IMAG));
            rt.construct_complex(real, imag)
        }
        TypeId::MemoryView => {
            if pos.len() != 1 {
                return Err(rt.type_error_with(
                    "memoryview() takes exactly one argument ({} given)",
                    &[pos.len().arg()],
                ));
            }
            rt.new_memview_of(arg(pos, 0))
        }
        TypeId::Slice => {
            let (a, b, c) = match pos.len() {
                1 => (Value::NONE, arg(pos, 0), Value::NONE),
                2 => (arg(pos, 0), arg(pos, 1), Value::NONE),
                3 => (arg(pos, 0), arg(pos, 1), arg(pos, 2)),
                _ => {
                    return Err(
                        rt.type_error(crate::packed!("slice expected at least 1 argument, got 0"))
                    )
                }
            };
            rt.new_wrapper(Kind::Slice, &[a, b, c])
        }
        TypeId::Object => {
            if !pos.is_empty() {
                return Err(rt.type_error(crate::packed!("object() takes no arguments")));
            }
            let cls = object_class(rt)?;
            rt.new_instance(cls)
        }
        TypeId::Type => {
            if pos.len() == 1 {
                return Ok(rt.type_of(arg(pos, 0)));
            }
            if pos.len() != 3 {
                return Err(rt.type_error(crate::packed!("type() takes 1 or 3 arguments")));
            }
            let ns = rt.new_dict()?;
            rt.pin(ns);
            let r = (|| {
                for (k, v) in rt.dict_items(arg(pos, 2)) {
                    rt.dict_set(ns, k, v)?;
                }
                let name = rt.intern_value(arg(pos, 0))?;
                let bases = if rt.seq_len(arg(pos, 1)) == 0 {
                    rt.new_tuple(&[TypeId::Object.value()])?
                } else {
                    arg(pos, 1)
                };
                rt.new_class(name, bases, ns)
            })();
            rt.unpin(1);
            r
        }
        TypeId::Property => {
            let get = |i: usize, q: u32| {
                pos.get(i)
                    .copied()
                    .or_else(|| kwarg(rt, kw, q))
                    .unwrap_or(Value::NONE)
            };
            let (g, s, d) = (get(0, Q_FGET), get(1, Q_FSET), get(2, Q_FDEL));
            rt.new_wrapper(Kind::Property, &[g, s, d])
        }
        TypeId::StaticMethod | TypeId::ClassMethod => {
            if pos.len() != 1 {
                return Err(rt.type_error_with(
                    "{} expected 1 argument, got {}",
                    &[t.name().arg(), pos.len().arg()],
                ));
            }
            let k = if t == TypeId::StaticMethod {
                Kind::StaticMethod
            } else {
                Kind::ClassMethod
            };
            rt.new_wrapper(k, &[arg(pos, 0)])
        }
        _ => Err(rt.type_error_with("cannot create '{}' instances", &[t.name().arg()])),
    }
}

/// `int(v, base)`.
fn int_from(rt: &mut Runtime, v: Value, base: Option<Value>) -> PyResult<Value> {
    if let Some(b) = base {
        let Some(s) = rt
            .str_text(v)
            .map(String::from)
            .or_else(|| rt.bytes_of(v).map(|b| super::lossy_text(b, "\u{fffd}")))
        else {
            return Err(rt.type_error(crate::packed!(
                "int() can't convert non-string with explicit base"
            )));
        };
        let base = rt.int_arg(b)?;
        let base = u32::try_from(base).unwrap_or(u32::MAX);
        return parse_int_text(rt, &s, base);
    }
    if rt.is_int(v) {
        return Ok(match v {
            Value::TRUE => Value::small(1),
            Value::FALSE => Value::small(0),
            _ => v,
        });
    }
    if let Some(f) = rt.float_val(v) {
        return super::funcs::float_to_int(rt, f);
    }
    if let Some(s) = rt.str_text(v) {
        let s: String = s.into();
        return parse_int_text(rt, &s, 10);
    }
    if let Some(b) = rt.bytes_of(v) {
        let s = super::lossy_text(b, "\u{fffd}");
        return parse_int_text(rt, &s, 10);
    }
    if let Some(r) = rt.call_special(v, Q___INT__, &[])? {
        return Ok(r);
    }
    if let Some(r) = rt.call_special(v, Q___INDEX__, &[])? {
        return Ok(r);
    }
    Err(rt.type_error_naming(
        "int() argument must be a string, a bytes-like object or a real number, not '",
        v,
        "'",
    ))
}

fn parse_int_text(rt: &mut Runtime, s: &str, base: u32) -> PyResult<Value> {
    match crate::format::parse_int(s, base) {
        Ok(crate::format::ParsedInt::Small(i)) => rt.new_int(i),
        Ok(crate::format::ParsedInt::Big(b)) => rt.new_bigint(&b),
        Err(e) => Err(rt.raise_format(e)),
    }
}

/// The class behind `object()` instances (a plain heap class named `object`).
fn object_class(rt: &mut Runtime) -> PyResult<Value> {
    let key = rt.intern("__object_class__")?;
    let b = rt.builtins;
    if let Some(c) = rt.dict_get_q(b, key) {
        return Ok(c);
    }
    let name = rt.intern("object")?;
    let bases = rt.new_tuple(&[TypeId::Object.value()])?;
    rt.pin(bases);
    let ns = rt.new_dict();
    let c = ns.and_then(|ns| rt.new_class(name, bases, ns));
    rt.unpin(1);
    let c = c?;
    rt.heap.set_aux(
        Runtime::blk(c),
        rt.class_flags(c) | crate::obj::class::CLASS_NO_DICT,
    );
    rt.pin(c);
    let r = rt.dict_set(b, key, c);
    rt.unpin(1);
    r.map(|_| c)
}

/// `__build_class__(body, name, *bases, metaclass=None, **kw)`.
pub(super) fn build_class(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, mut kw) = split_kw(rt, args, kwnames);
    if pos.len() < 2 {
        return Err(rt.type_error(crate::packed!("__build_class__: not enough arguments")));
    }
    // `metaclass=` is not supported; the other keywords go to `__init_subclass__`.
    kw.retain(|(k, _)| rt.str_text(*k) != Some("metaclass"));
    let body = arg(pos, 0);
    let name = rt.intern_value(arg(pos, 1))?;
    let bases = if pos.len() == 2 {
        rt.new_tuple(&[TypeId::Object.value()])?
    } else {
        rt.new_tuple(pos.get(2..).unwrap_or_default())?
    };
    rt.pin(bases);
    let r = build_class_inner(rt, body, name, bases, &kw);
    rt.unpin(1);
    r
}

fn build_class_inner(
    rt: &mut Runtime,
    body: Value,
    name: Value,
    bases: Value,
    kw: &[(Value, Value)],
) -> PyResult<Value> {
    let ns = rt.new_dict()?;
    rt.pin(ns);
    let r = (|| {
        let fb = Runtime::blk(body);
        let globals = rt.heap.val(fb, crate::obj::func::FN_GLOBALS);
        if let Some(m) = rt.dict_get_q(globals, Value::qstr(Q___NAME__)) {
            rt.dict_set(ns, Value::qstr(Q___MODULE__), m)?;
        }
        let codev = rt.heap.val(fb, crate::obj::func::FN_CODE);
        let qual = rt
            .code_of(codev)
            .map(|c| c.qualname.clone())
            .unwrap_or_default();
        let qv = rt.new_str(&qual)?;
        rt.dict_set(ns, Value::qstr(Q___QUALNAME__), qv)?;
        let frame = rt.make_module_frame(codev, globals, ns)?;
        let closure = rt.fn_get(fb, crate::obj::func::FN_CLOSURE);
        if let Some(code) = rt.code_of(codev) {
            let f = Runtime::blk(frame);
            let c0 = F_LOCALS0 + code.varnames.len() + code.cellvars.len();
            if !closure.is_null() {
                for i in 0..code.freevars.len() {
                    let c = rt.seq_get(closure, i);
                    rt.heap.set_val(f, c0 + i, c);
                }
            }
        }
        rt.nested_enter()?;
        let lr = rt.link_frame(frame, FLAG_ENTRY, Value::NULL);
        let r = lr.and_then(|_| {
            let mut fuel = 0;
            rt.run(&mut fuel, false, false)
        });
        rt.nested -= 1;
        r?;
        let cell = rt.dict_get_q(ns, Value::qstr(Q___CLASSCELL__));
        if cell.is_some() {
            rt.dict_del(ns, Value::qstr(Q___CLASSCELL__))?;
        }
        let cls = rt.new_class(name, bases, ns)?;
        if let Some(c) = cell {
            if rt.kind(c) == Some(Kind::Cell) {
                rt.heap.set_val(Runtime::blk(c), CELL_VALUE, cls);
            }
        }
        rt.pin(cls);
        let r = rt.class_created(cls, kw);
        rt.unpin(1);
        r.map(|_| cls)
    })();
    rt.unpin(1);
    r
}

/// `super()` / `super(cls, obj)`.
pub(super) fn super_(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() == 2 {
        return rt.new_wrapper(Kind::Super, &[arg(args, 0), arg(args, 1)]);
    }
    if rt.frame.is_null() {
        return Err(rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("super(): no arguments"),
        ));
    }
    let f = Runtime::blk(rt.frame);
    let codev = rt.heap.val(f, F_CODE);
    let Some(code) = rt.code_of(codev) else {
        return Err(rt.raise(ExcKind::RuntimeError, crate::packed!("super(): no code")));
    };
    let nl = code.varnames.len();
    let Some(ci) = code
        .cellvars
        .iter()
        .chain(code.freevars.iter())
        .position(|n| n == "__class__")
    else {
        return Err(rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("super(): __class__ cell not found"),
        ));
    };
    let cell = rt.heap.val(f, F_LOCALS0 + nl + ci);
    let cls = rt.heap.val(Runtime::blk(cell), CELL_VALUE);
    if code.argcount == 0 || nl == 0 {
        return Err(rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("super(): no arguments"),
        ));
    }
    let mut this = rt.heap.val(f, F_LOCALS0);
    if let Some(&(cslot, _)) = code.cell_args.iter().find(|(_, a)| *a == 0) {
        let c = rt.heap.val(f, F_LOCALS0 + nl + cslot as usize);
        this = rt.heap.val(Runtime::blk(c), CELL_VALUE);
    }
    if cls.is_null() || this.is_null() {
        return Err(rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("super(): empty __class__ cell"),
        ));
    }
    rt.new_wrapper(Kind::Super, &[cls, this])
}

pub(super) fn object_init(_rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

pub(super) fn object_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&v) = args.first() else {
        return Err(rt.type_error(crate::packed!("__repr__ needs an argument")));
    };
    let cls = rt.type_of(v);
    let mut s = String::from("<");
    s.push_str(&rt.class_name(cls));
    s.push_str(" object at 0x");
    crate::format::push_hex(&mut s, v.0, 8);
    s.push('>');
    rt.new_str(&s)
}

pub(super) fn object_str(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&v) = args.first() else {
        return Err(rt.type_error(crate::packed!("__str__ needs an argument")));
    };
    rt.repr(v)
}

pub(super) fn object_eq(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 2 {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(if arg(args, 0) == arg(args, 1) {
        Value::TRUE
    } else {
        Value::NOT_IMPLEMENTED
    })
}

pub(super) fn object_ne(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 2 {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::bool(arg(args, 0) != arg(args, 1)))
}

pub(super) fn object_hash(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&v) = args.first() else {
        return Err(rt.type_error(crate::packed!("__hash__ needs an argument")));
    };
    rt.new_int((v.0 >> 3) as i64)
}

fn prop_with(rt: &mut Runtime, args: &[Value], slot: usize) -> PyResult<Value> {
    if args.len() != 2 || rt.kind(arg(args, 0)) != Some(Kind::Property) {
        return Err(rt.type_error(crate::packed!("property method needs a function")));
    }
    let b = Runtime::blk(arg(args, 0));
    let mut f = [
        rt.heap.val(b, PROP_FGET),
        rt.heap.val(b, PROP_FSET),
        rt.heap.val(b, PROP_FDEL),
    ];
    f[slot] = arg(args, 1);
    rt.new_wrapper(Kind::Property, &f)
}

pub(super) fn prop_getter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    prop_with(rt, args, 0)
}

pub(super) fn prop_setter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    prop_with(rt, args, 1)
}

pub(super) fn prop_deleter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    prop_with(rt, args, 2)
}

pub(super) fn object_setattr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(rt.type_error(crate::packed!("__setattr__ expected 2 arguments")));
    }
    let name = rt.intern_value(arg(args, 1))?;
    rt.set_attr_dict(arg(args, 0), name, arg(args, 2))?;
    Ok(Value::NONE)
}

pub(super) fn class_mro(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&c) = args.first().filter(|c| rt.kind(**c) == Some(Kind::Class)) else {
        return Err(rt.type_error(crate::packed!("mro() needs a class")));
    };
    let mro = rt.heap.val(Runtime::blk(c), crate::obj::class::C_MRO);
    rt.list_from_iter(mro)
}

/// `object.__new__(cls, *args)` (also `int.__new__` and the other builtin types').
pub(super) fn object_new(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let Some((&cls, rest)) = args.split_first() else {
        return Err(rt.type_error(crate::packed!("object.__new__(): not enough arguments")));
    };
    rt.object_new(cls, rest, kwnames)
}

/// `list.__init__(self, *args)` (and `dict`, `set`, `bytearray`) on a subclass instance.
pub(super) fn builtin_init(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    if let Some((&inst, rest)) = args.split_first() {
        rt.builtin_init(inst, rest, kwnames)?;
    }
    Ok(Value::NONE)
}

/// The bytes of an `array` (its buffer, as CPython's `bytes(array)` copies it).
fn array_bytes(rt: &mut Runtime, v: Value) -> Option<alloc::vec::Vec<u8>> {
    #[cfg(feature = "array")]
    if let Some(buf) = crate::modules::array::buffer_of(rt, v) {
        return rt.bytes_of(buf).map(<[u8]>::to_vec);
    }
    let _ = (rt, v);
    None
}

/// `int(x)`, `dict(x)`, … of an instance of a builtin-derived class converts the builtin value
/// it wraps, unless its class defines the conversion itself: that value, to take the first
/// argument's place.
fn unwrapped_first_arg(rt: &mut Runtime, t: TypeId, pos: &[Value]) -> Option<Value> {
    let first = *pos.first()?;
    let base = rt.base_value(first)?;
    let own: &[u32] = match t {
        TypeId::Int => &[Q___INT__, Q___INDEX__],
        TypeId::Float => &[Q___FLOAT__],
        TypeId::Str => &[Q___STR__, Q___REPR__],
        TypeId::Bool => &[Q___BOOL__, Q___LEN__],
        TypeId::Tuple
        | TypeId::List
        | TypeId::Dict
        | TypeId::Set
        | TypeId::FrozenSet
        | TypeId::Bytes
        | TypeId::ByteArray => &[Q___ITER__],
        _ => return None,
    };
    own.iter()
        .all(|q| rt.special(first, *q).is_none())
        .then_some(base)
}
