//! The `collections` module (also `ucollections`): `namedtuple`, `deque` (with `maxlen`),
//! `OrderedDict` and `defaultdict`, as in CPython, written natively. Importing the module costs
//! a module object; each class is made when a program first names it (its namespace holds
//! this table's rows, so a class costs a dict of its method names, not code).
//!
//! - `deque` keeps its items in a list in the instance (`_items`), its bound in `maxlen`.
//! - `OrderedDict` and `defaultdict` derive from `dict` (dicts keep insertion order), adding
//!   `move_to_end`/`popitem(last=)`/order-aware `==`, and `__missing__`/`default_factory`.
//! - `namedtuple` makes a `tuple` subclass whose fields are properties over a native getter
//!   bound to the field's index, with a native `__new__` that binds arguments like CPython's
//!   generated one (same error messages).

use super::{Attr, ModuleDef};
use crate::builtins::arg;
use crate::builtins::native::native_id;
use crate::builtins::split_kw;
use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

crate::native_table! {
    /// The natives of `collections`.
    pub static NATIVES;
    NAMEDTUPLE = "namedtuple" (2) => namedtuple, module kw;
    D_INIT = "__init__" => deque_init, module method kw;
    D_APPEND = "append" (1) => deque_append, module method;
    D_APPENDLEFT = "appendleft" (1) => deque_appendleft, module method;
    D_POP = "pop" (0) => deque_pop, module method;
    D_POPLEFT = "popleft" (0) => deque_popleft, module method;
    D_EXTEND = "extend" (1) => deque_extend, module method;
    D_EXTENDLEFT = "extendleft" (1) => deque_extendleft, module method;
    D_CLEAR = "clear" (0) => deque_clear, module method;
    D_ROTATE = "rotate" (0..=1) => deque_rotate, module method;
    D_COUNT = "count" (1) => deque_count, module method;
    D_INDEX = "index" (1..=3) => deque_index, module method;
    D_REMOVE = "remove" (1) => deque_remove, module method;
    D_INSERT = "insert" (2) => deque_insert, module method;
    D_REVERSE = "reverse" (0) => deque_reverse, module method;
    D_COPY = "copy" (0) => deque_copy, module method;
    D_COPY2 = "__copy__" (0) => deque_copy, module method;
    D_LEN = "__len__" (0) => deque_len, module method;
    D_BOOL = "__bool__" (0) => deque_bool, module method;
    D_ITER = "__iter__" => deque_iter, module method;
    D_REVERSED = "__reversed__" (0) => deque_reversed, module method;
    D_CONTAINS = "__contains__" (1) => deque_contains, module method;
    D_GETITEM = "__getitem__" (1) => deque_getitem, module method;
    D_SETITEM = "__setitem__" (2) => deque_setitem, module method;
    D_DELITEM = "__delitem__" (1) => deque_delitem, module method;
    D_EQ = "__eq__" (1) => deque_eq, module method;
    D_NE = "__ne__" (1) => deque_ne, module method;
    D_LT = "__lt__" (1) => deque_lt, module method;
    D_LE = "__le__" (1) => deque_le, module method;
    D_GT = "__gt__" (1) => deque_gt, module method;
    D_GE = "__ge__" (1) => deque_ge, module method;
    D_ADD = "__add__" (1) => deque_add, module method;
    D_IADD = "__iadd__" (1) => deque_iadd, module method;
    D_MUL = "__mul__" (1) => deque_mul, module method;
    D_REPR = "__repr__" => deque_repr, module method;
    D_HASH = "__hash__" => deque_hash, module method;
    O_MOVE_TO_END = "move_to_end" (1..=2) => od_move_to_end, module method kw;
    O_POPITEM = "popitem" (0..=1) => od_popitem, module method kw;
    O_COPY = "copy" (0) => od_copy, module method;
    O_EQ = "__eq__" (1) => od_eq, module method;
    O_NE = "__ne__" (1) => od_ne, module method;
    O_REPR = "__repr__" => od_repr, module method;
    DD_INIT = "__init__" => dd_init, module method kw;
    DD_MISSING = "__missing__" => dd_missing, module method;
    DD_COPY = "copy" (0) => dd_copy, module method;
    DD_REPR = "__repr__" => dd_repr, module method;
    NT_NEW = "__new__" => nt_new, module method kw;
    NT_MAKE = "_make" => nt_make, module method;
    NT_REPLACE = "_replace" => nt_replace, module method kw;
    NT_REPR = "__repr__" => nt_repr, module method;
    NT_ASDICT = "_asdict" => nt_asdict, module method;
    NT_GETNEWARGS = "__getnewargs__" => nt_getnewargs, module method;
    NT_FIELD = "_field" => nt_field, module method;
}

const DEQUE_ROWS: core::ops::Range<u32> = D_INIT..O_MOVE_TO_END;
const ORDERED_ROWS: core::ops::Range<u32> = O_MOVE_TO_END..DD_INIT;
const DEFAULT_ROWS: core::ops::Range<u32> = DD_INIT..NT_NEW;
/// Rows put in every namedtuple class (`_make` is wrapped as a classmethod).
const NAMEDTUPLE_ROWS: core::ops::Range<u32> = NT_NEW..NT_FIELD;

/// The `collections` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "collections",
    natives: &NATIVES,
    attrs: &[
        ("deque", Attr::Made(deque_class)),
        ("OrderedDict", Attr::Made(ordered_dict_class)),
        ("defaultdict", Attr::Made(default_dict_class)),
    ],
    init: None,
};

fn table() -> u32 {
    super::table::COLLECTIONS
}

/// Class `name` of this module over `rows`, with `__module__` set (made once per runtime).
fn class(
    rt: &mut Runtime,
    rows: core::ops::Range<u32>,
    name: &str,
    base: Value,
) -> PyResult<Value> {
    let key = native_id(table(), rows.start);
    let made = rt.module_classes.iter().any(|(k, _)| *k == key);
    let cls = rt.module_class(table(), rows, name, base)?;
    if !made {
        rt.pin(cls);
        let r = rt.intern("collections").and_then(|m| {
            let ns = rt.attr_dict(cls);
            rt.dict_set(ns, Value::qstr(Q___MODULE__), m)
        });
        rt.unpin(1);
        r?;
    }
    Ok(cls)
}

fn deque_class(rt: &mut Runtime) -> PyResult<Value> {
    class(rt, DEQUE_ROWS, "deque", TypeId::Object.value())
}

fn ordered_dict_class(rt: &mut Runtime) -> PyResult<Value> {
    class(rt, ORDERED_ROWS, "OrderedDict", TypeId::Dict.value())
}

fn default_dict_class(rt: &mut Runtime) -> PyResult<Value> {
    class(rt, DEFAULT_ROWS, "defaultdict", TypeId::Dict.value())
}

/// The value of keyword `name` among `kw`.
fn kw_named(rt: &Runtime, kw: &[(Value, Value)], name: &str) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| rt.str_text(*k) == Some(name))
        .map(|e| e.1)
}

/// TypeError unless every keyword of `kw` is one of `names`.
fn only_kw(rt: &mut Runtime, f: &str, kw: &[(Value, Value)], names: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        let n = rt.display_name(*k);
        if !names.contains(&n.as_str()) {
            return Err(rt.type_error_with(
                "{}() got an unexpected keyword argument '{}'",
                &[f.arg(), n.arg()],
            ));
        }
    }
    Ok(())
}

fn is_callable(rt: &mut Runtime, v: Value) -> PyResult<bool> {
    let r = crate::builtins::funcs::callable(rt, &[v], Value::NULL)?;
    Ok(r == Value::TRUE)
}

// ---- deque ---------------------------------------------------------------------------------

fn key(rt: &mut Runtime, name: &str) -> PyResult<Value> {
    rt.intern(name)
}

/// The item list of deque `d`.
fn items(rt: &mut Runtime, d: Value) -> PyResult<Value> {
    let k = key(rt, "_items")?;
    match rt.instance_attr(d, k) {
        Some(l) if rt.kind(l) == Some(Kind::List) => Ok(l),
        _ => Err(rt.type_error(crate::packed!(
            "descriptor requires a 'collections.deque' object"
        ))),
    }
}

/// The bound of deque `d`.
fn maxlen(rt: &mut Runtime, d: Value) -> PyResult<Option<usize>> {
    let k = key(rt, "maxlen")?;
    Ok(rt
        .instance_attr(d, k)
        .and_then(|m| m.as_small())
        .map(|m| m.max(0) as usize))
}

fn is_deque(rt: &mut Runtime, v: Value) -> PyResult<bool> {
    let cls = deque_class(rt)?;
    Ok(rt.is_instance(v, cls))
}

/// `deque(iterable=(), maxlen=None)`.
fn deque_init(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    only_kw(rt, "deque", &kw, &["iterable", "maxlen"])?;
    if pos.len() > 3 {
        return Err(rt.type_error_with(
            "deque() takes at most 2 arguments ({} given)",
            &[(pos.len() - 1).arg()],
        ));
    }
    let d = arg(pos, 0);
    let iterable = pos.get(1).copied().or(kw_named(rt, &kw, "iterable"));
    let m = pos
        .get(2)
        .copied()
        .or(kw_named(rt, &kw, "maxlen"))
        .unwrap_or(Value::NONE);
    let m = if m == Value::NONE {
        Value::NONE
    } else {
        let Some(n) = m.as_small() else {
            let msg = if rt.kind(m) == Some(Kind::BigInt) {
                "Python int too large to convert to C ssize_t"
            } else {
                "an integer is required"
            };
            return Err(if msg.starts_with("Python") {
                rt.raise(ExcKind::OverflowError, msg)
            } else {
                rt.type_error(msg)
            });
        };
        if n < 0 {
            return Err(rt.value_error(crate::packed!("maxlen must be non-negative")));
        }
        m
    };
    let l = rt.new_list(&[])?;
    rt.pin(l);
    let r = (|| {
        let k = key(rt, "_items")?;
        rt.set_attr_dict(d, k, l)?;
        let k = key(rt, "maxlen")?;
        rt.set_attr_dict(d, k, m)?;
        if let Some(it) = iterable {
            extend(rt, d, it, false)?;
        }
        Ok(Value::NONE)
    })();
    rt.unpin(1);
    r
}

/// Add `v` at the right (or left) end, dropping from the other end past `maxlen`.
fn push(rt: &mut Runtime, d: Value, v: Value, left: bool) -> PyResult<()> {
    let l = items(rt, d)?;
    let bound = maxlen(rt, d)?;
    if bound == Some(0) {
        return Ok(());
    }
    if left {
        rt.list_insert(l, 0, v)?;
    } else {
        rt.list_append(l, v)?;
    }
    if bound.is_some_and(|m| rt.seq_len(l) > m) {
        let at = if left { rt.seq_len(l) - 1 } else { 0 };
        rt.list_pop(l, at);
    }
    Ok(())
}

fn extend(rt: &mut Runtime, d: Value, it: Value, left: bool) -> PyResult<()> {
    let all = rt.list_from_iter(it)?;
    rt.pin(all);
    let r = (|| {
        let mut i = 0;
        while i < rt.seq_len(all) {
            let v = rt.seq_get(all, i);
            push(rt, d, v, left)?;
            i += 1;
        }
        Ok(())
    })();
    rt.unpin(1);
    r
}

fn deque_append(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    push(rt, arg(args, 0), arg(args, 1), false).map(|_| Value::NONE)
}

fn deque_appendleft(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    push(rt, arg(args, 0), arg(args, 1), true).map(|_| Value::NONE)
}

fn pop_end(rt: &mut Runtime, args: &[Value], left: bool) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let n = rt.seq_len(l);
    if n == 0 {
        return Err(rt.raise(
            ExcKind::IndexError,
            crate::packed!("pop from an empty deque"),
        ));
    }
    Ok(rt.list_pop(l, if left { 0 } else { n - 1 }))
}

fn deque_pop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pop_end(rt, args, false)
}

fn deque_popleft(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pop_end(rt, args, true)
}

fn deque_extend(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    extend(rt, arg(args, 0), arg(args, 1), false).map(|_| Value::NONE)
}

fn deque_extendleft(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    extend(rt, arg(args, 0), arg(args, 1), true).map(|_| Value::NONE)
}

fn deque_clear(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    rt.list_set_items(l, &[]).map(|_| Value::NONE)
}

fn deque_rotate(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let n = match args.get(1) {
        Some(&v) => rt.int_arg(v)?,
        None => 1,
    };
    let len = rt.seq_len(l);
    if len > 0 {
        let k = n.rem_euclid(len as i64) as usize;
        if k != 0 {
            let mut all = rt.seq_items_or_empty(l);
            all.rotate_right(k);
            rt.list_set_items(l, &all)?;
        }
    }
    Ok(Value::NONE)
}

fn deque_count(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    rt.call_method(l, Q_COUNT, &[arg(args, 1)])
}

/// The first index of `x` in `l[start:stop]`.
fn find(
    rt: &mut Runtime,
    l: Value,
    x: Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop.min(rt.seq_len(l)) {
        let v = rt.seq_get(l, i);
        if rt.eq(v, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

fn not_in_deque(rt: &mut Runtime, x: Value) -> PyResult<Value> {
    let r = rt.repr(x)?;
    Err(rt.value_error_with("{} is not in deque", &[rt.display_name(r).arg()]))
}

fn deque_index(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let len = rt.seq_len(l) as i64;
    let bound = |rt: &mut Runtime, i: usize, dflt: i64| -> PyResult<usize> {
        let v = match args.get(i) {
            Some(&v) => rt.int_arg(v)?,
            None => dflt,
        };
        let v = if v < 0 { (v + len).max(0) } else { v.min(len) };
        Ok(v as usize)
    };
    let start = bound(rt, 2, 0)?;
    let stop = bound(rt, 3, len)?;
    match find(rt, l, arg(args, 1), start, stop)? {
        Some(i) => Ok(Value::small(i as i32)),
        None => not_in_deque(rt, arg(args, 1)),
    }
}

fn deque_remove(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    match find(rt, l, arg(args, 1), 0, usize::MAX)? {
        Some(i) => {
            rt.list_pop(l, i);
            Ok(Value::NONE)
        }
        None => not_in_deque(rt, arg(args, 1)),
    }
}

fn deque_insert(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(rt.type_error_with(
            "insert expected 2 arguments, got {}",
            &[(args.len() - 1).arg()],
        ));
    }
    let l = items(rt, arg(args, 0))?;
    if maxlen(rt, arg(args, 0))?.is_some_and(|m| rt.seq_len(l) >= m) {
        return Err(rt.raise(
            ExcKind::IndexError,
            crate::packed!("deque already at its maximum size"),
        ));
    }
    rt.call_method(l, Q_INSERT, &[arg(args, 1), arg(args, 2)])
}

fn deque_reverse(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let mut all = rt.seq_items_or_empty(l);
    all.reverse();
    rt.list_set_items(l, &all).map(|_| Value::NONE)
}

/// A new deque of `d`'s class holding `l`'s items, with `d`'s bound.
fn deque_like(rt: &mut Runtime, d: Value, l: Value) -> PyResult<Value> {
    let m = maxlen(rt, d)?;
    let m = m.map_or(Value::NONE, |m| Value::small(m as i32));
    let cls = rt.type_of(d);
    rt.call(cls, &[l, m], Value::NULL)
}

fn deque_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    deque_like(rt, arg(args, 0), l)
}

fn deque_len(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    Ok(Value::small(rt.seq_len(l) as i32))
}

fn deque_bool(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    Ok(Value::bool(rt.seq_len(l) > 0))
}

fn deque_iter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    rt.get_iter(l)
}

fn deque_reversed(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    rt.call(
        Runtime::native(crate::builtins::N_REVERSED),
        &[l],
        Value::NULL,
    )
}

fn deque_contains(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    Ok(Value::bool(
        find(rt, l, arg(args, 1), 0, usize::MAX)?.is_some(),
    ))
}

/// The list slot of deque index `i`.
fn slot(rt: &mut Runtime, l: Value, i: Value) -> PyResult<usize> {
    if i.as_small().is_none()
        && rt.kind(i) != Some(Kind::BigInt)
        && !matches!(i, Value::TRUE | Value::FALSE)
    {
        return Err(rt.type_error_naming("sequence index must be integer, not '", i, "'"));
    }
    let n = rt.seq_len(l) as i64;
    let i = rt.int_arg(i).unwrap_or(i64::MAX);
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if (0..n).contains(&j) {
        Ok(j as usize)
    } else {
        Err(rt.raise(
            ExcKind::IndexError,
            crate::packed!("deque index out of range"),
        ))
    }
}

fn deque_getitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let i = slot(rt, l, arg(args, 1))?;
    Ok(rt.seq_get(l, i))
}

fn deque_setitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 3 {
        return Err(rt.type_error(crate::packed!("__setitem__ expected 2 arguments")));
    }
    let l = items(rt, arg(args, 0))?;
    let i = slot(rt, l, arg(args, 1))?;
    rt.list_set(l, i, arg(args, 2));
    Ok(Value::NONE)
}

fn deque_delitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let i = slot(rt, l, arg(args, 1))?;
    rt.list_pop(l, i);
    Ok(Value::NONE)
}

/// Rich comparison `op` (the interpreter's compare code) of two deques, item lists compared.
fn compare(rt: &mut Runtime, args: &[Value], op: u32) -> PyResult<Value> {
    if !is_deque(rt, arg(args, 1))? {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let a = items(rt, arg(args, 0))?;
    let b = items(rt, arg(args, 1))?;
    rt.compare(op, a, b)
}

fn deque_lt(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    compare(rt, args, 0)
}

fn deque_le(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    compare(rt, args, 1)
}

fn deque_eq(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    compare(rt, args, 2)
}

fn deque_ne(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    compare(rt, args, 3)
}

fn deque_gt(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    compare(rt, args, 4)
}

fn deque_ge(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    compare(rt, args, 5)
}

fn deque_add(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if !is_deque(rt, arg(args, 1))? {
        return Err(rt.type_error_with(
            "can only concatenate deque (not \"{}\") to deque",
            &[(rt.type_name(arg(args, 1))).arg()],
        ));
    }
    let r = deque_copy(rt, args.get(..1).unwrap_or_default(), Value::NULL)?;
    rt.pin(r);
    let e = extend(rt, r, arg(args, 1), false);
    rt.unpin(1);
    e.map(|_| r)
}

fn deque_iadd(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    extend(rt, arg(args, 0), arg(args, 1), false).map(|_| arg(args, 0))
}

fn deque_mul(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let all = rt.binary_op(2, l, arg(args, 1))?;
    rt.pin(all);
    let r = deque_like(rt, arg(args, 0), all);
    rt.unpin(1);
    r
}

fn deque_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = items(rt, arg(args, 0))?;
    let r = rt.repr(l)?;
    let text = rt.display_name(r);
    let mut s = rt.class_name(rt.type_of(arg(args, 0)));
    s.push('(');
    s.push_str(&text);
    if let Some(m) = maxlen(rt, arg(args, 0))? {
        let _ = write!(s, ", maxlen={m}");
    }
    s.push(')');
    rt.new_str(&s)
}

fn deque_hash(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    Err(rt.type_error(crate::packed!("unhashable type: 'collections.deque'")))
}

// ---- OrderedDict ---------------------------------------------------------------------------

/// The dict an OrderedDict/defaultdict instance wraps.
fn base_dict(rt: &mut Runtime, v: Value) -> PyResult<Value> {
    match rt.base_value(v).filter(|b| rt.kind(*b) == Some(Kind::Dict)) {
        Some(d) => Ok(d),
        None => Err(rt.type_error(crate::packed!("descriptor requires a 'dict' object"))),
    }
}

/// The `last=True` argument (positional or keyword).
fn last_arg(
    rt: &mut Runtime,
    f: &str,
    args: &[Value],
    kwnames: Value,
    at: usize,
) -> PyResult<(Vec<Value>, bool)> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    only_kw(rt, f, &kw, &["last"])?;
    let last = match pos.get(at).copied().or(kw_named(rt, &kw, "last")) {
        Some(v) => rt.truthy(v)?,
        None => true,
    };
    Ok((pos.to_vec(), last))
}

fn key_error(rt: &mut Runtime, k: Value) -> PyResult<Value> {
    // The class may be made now (on first use), which may collect: `k` can be a new string.
    rt.pin(k);
    let e = rt
        .exc_class(ExcKind::KeyError)
        .and_then(|cls| rt.new_exception(cls, &[k]));
    rt.unpin(1);
    Err(rt.raise_value(e?))
}

fn od_move_to_end(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, last) = last_arg(rt, "move_to_end", args, kwnames, 2)?;
    if pos.len() < 2 || pos.len() > 3 {
        return Err(rt.type_error(crate::packed!("move_to_end() takes 1 or 2 arguments")));
    }
    let d = base_dict(rt, arg(&pos, 0))?;
    let k = arg(&pos, 1);
    let Some(v) = rt.dict_del(d, k)? else {
        return key_error(rt, k);
    };
    rt.pin(v);
    let r = (|| {
        if last {
            return rt.dict_set(d, k, v);
        }
        let rest = rt.dict_items(d);
        let base = rt.pins.len();
        for (a, b) in &rest {
            rt.pins.extend_from_slice(&[*a, *b]);
        }
        rt.dict_clear(d);
        let r = (|| {
            rt.dict_set(d, k, v)?;
            for (a, b) in rest {
                rt.dict_set(d, a, b)?;
            }
            Ok(())
        })();
        rt.pins.truncate(base);
        r
    })();
    rt.unpin(1);
    r.map(|_| Value::NONE)
}

fn od_popitem(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, last) = last_arg(rt, "popitem", args, kwnames, 1)?;
    let d = base_dict(rt, arg(&pos, 0))?;
    let all = rt.dict_items(d);
    let item = if last { all.last() } else { all.first() };
    let Some(&(k, v)) = item else {
        let s = rt.new_str("dictionary is empty")?;
        return key_error(rt, s);
    };
    rt.pins.extend_from_slice(&[k, v]);
    let r = rt.dict_del(d, k).and_then(|_| rt.new_tuple(&[k, v]));
    rt.unpin(2);
    r
}

/// `type(self)(self)`.
fn same_class_copy(rt: &mut Runtime, v: Value, first: &[Value]) -> PyResult<Value> {
    let cls = rt.type_of(v);
    let mut a = first.to_vec();
    a.push(v);
    rt.call(cls, &a, Value::NULL)
}

fn od_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    same_class_copy(rt, arg(args, 0), &[])
}

fn od_eq(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = base_dict(rt, arg(args, 0))?;
    let cls = ordered_dict_class(rt)?;
    if rt.is_instance(arg(args, 1), cls) {
        let b = base_dict(rt, arg(args, 1))?;
        if !rt.eq(a, b)? {
            return Ok(Value::FALSE);
        }
        let (ka, kb) = (rt.dict_items(a), rt.dict_items(b));
        for (x, y) in ka.iter().zip(kb.iter()) {
            if !rt.eq(x.0, y.0)? {
                return Ok(Value::FALSE);
            }
        }
        return Ok(Value::TRUE);
    }
    let other = rt.base_value(arg(args, 1)).unwrap_or(arg(args, 1));
    if rt.kind(other) != Some(Kind::Dict) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    Ok(Value::bool(rt.eq(a, other)?))
}

fn od_ne(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let r = od_eq(rt, args, Value::NULL)?;
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    Ok(Value::bool(r == Value::FALSE))
}

fn od_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let d = base_dict(rt, arg(args, 0))?;
    let mut s = rt.class_name(rt.type_of(arg(args, 0)));
    s.push('(');
    if rt.dict_len(d) != 0 {
        let items = rt.call_method(d, Q_ITEMS, &[])?;
        rt.pin(items);
        let r = rt.list_from_iter(items).and_then(|l| rt.repr(l));
        rt.unpin(1);
        s.push_str(&rt.display_name(r?));
    }
    s.push(')');
    rt.new_str(&s)
}

// ---- defaultdict ---------------------------------------------------------------------------

/// `defaultdict(default_factory=None, *args, **kwargs)`: the factory is positional only.
fn dd_init(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let nkw = if kwnames.is_null() {
        0
    } else {
        rt.seq_len(kwnames)
    };
    let npos = args.len() - nkw;
    let (factory, rest) = if npos >= 2 {
        (arg(args, 1), args.get(2..).unwrap_or_default())
    } else {
        (Value::NONE, args.get(1..).unwrap_or_default())
    };
    if factory != Value::NONE && !is_callable(rt, factory)? {
        return Err(rt.type_error(crate::packed!("first argument must be callable or None")));
    }
    let inst = arg(args, 0);
    let mut a = Vec::with_capacity(rest.len() + 1);
    a.push(inst);
    a.extend_from_slice(rest);
    rt.builtin_init(inst, &a[1..], kwnames)?;
    let k = key(rt, "default_factory")?;
    rt.set_attr_dict(inst, k, factory)?;
    Ok(Value::NONE)
}

fn factory_of(rt: &mut Runtime, d: Value) -> PyResult<Value> {
    let k = key(rt, "default_factory")?;
    Ok(rt.instance_attr(d, k).unwrap_or(Value::NONE))
}

fn dd_missing(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    // Its row does not bound the count, so the call did not check it.
    if args.len() != 2 {
        return Err(rt.type_error_with(
            "__missing__() takes exactly one argument ({} given)",
            &[(args.len() - 1).arg()],
        ));
    }
    let f = factory_of(rt, arg(args, 0))?;
    if f == Value::NONE {
        return key_error(rt, arg(args, 1));
    }
    let v = rt.call(f, &[], Value::NULL)?;
    rt.pin(v);
    let r = base_dict(rt, arg(args, 0)).and_then(|d| rt.dict_set(d, arg(args, 1), v));
    rt.unpin(1);
    r.map(|_| v)
}

fn dd_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let f = factory_of(rt, arg(args, 0))?;
    same_class_copy(rt, arg(args, 0), &[f])
}

fn dd_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let f = factory_of(rt, arg(args, 0))?;
    let d = base_dict(rt, arg(args, 0))?;
    let fr = rt.repr(f)?;
    let ft = rt.display_name(fr);
    let dr = rt.repr(d)?;
    let dt = rt.display_name(dr);
    let mut s = rt.class_name(rt.type_of(arg(args, 0)));
    s.push('(');
    s.push_str(&ft);
    s.push_str(", ");
    s.push_str(&dt);
    s.push(')');
    rt.new_str(&s)
}

// ---- namedtuple ----------------------------------------------------------------------------

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(crate::format::is_identifier_start)
        && cs.all(crate::format::is_identifier_char)
}

/// The field names given as a str (split at commas and spaces) or an iterable of strs.
fn field_names(rt: &mut Runtime, v: Value) -> PyResult<Vec<String>> {
    if let Some(s) = rt.str_text(v) {
        return Ok(s
            .replace(',', " ")
            .split_whitespace()
            .map(String::from)
            .collect());
    }
    let l = rt.list_from_iter(v)?;
    rt.pin(l);
    let mut out = Vec::new();
    let r = (|| {
        for i in 0..rt.seq_len(l) {
            let item = rt.seq_get(l, i);
            let s = rt.call(TypeId::Str.value(), &[item], Value::NULL)?;
            out.push(rt.display_name(s));
        }
        Ok(())
    })();
    rt.unpin(1);
    r.map(|_| out)
}

/// `namedtuple(typename, field_names, *, rename=False, defaults=None, module=None)`.
fn namedtuple(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    only_kw(
        rt,
        "namedtuple",
        &kw,
        &["typename", "field_names", "rename", "defaults", "module"],
    )?;
    let typename = pos.first().copied().or(kw_named(rt, &kw, "typename"));
    let fields = pos.get(1).copied().or(kw_named(rt, &kw, "field_names"));
    let (Some(typename), Some(fields)) = (typename, fields) else {
        return Err(rt.type_error(crate::packed!(
            "namedtuple() missing required argument 'typename' or 'field_names'"
        )));
    };
    if pos.len() > 2 {
        return Err(rt.type_error_with(
            "namedtuple() takes 2 positional arguments but {} were given",
            &[pos.len().arg()],
        ));
    }
    let rename = match kw_named(rt, &kw, "rename") {
        Some(v) => rt.truthy(v)?,
        None => false,
    };
    let defaults = kw_named(rt, &kw, "defaults").filter(|d| *d != Value::NONE);
    let module = kw_named(rt, &kw, "module").filter(|d| *d != Value::NONE);
    let tn = rt.call(TypeId::Str.value(), &[typename], Value::NULL)?;
    let typename = rt.display_name(tn);
    let mut names = field_names(rt, fields)?;
    if rename {
        let mut seen: Vec<String> = Vec::new();
        for (i, name) in names.iter_mut().enumerate() {
            let bad = !is_identifier(name)
                || KEYWORDS.contains(&name.as_str())
                || name.starts_with('_')
                || seen.contains(name);
            seen.push(name.clone());
            if bad {
                *name = fill("_{}", &[i.arg()]);
            }
        }
    }
    for name in core::iter::once(&typename).chain(names.iter()) {
        if !is_identifier(name) {
            return Err(rt.value_error_with(
                "Type names and field names must be valid identifiers: {}",
                &[(crate::format::str_repr(name)).arg()],
            ));
        }
        if KEYWORDS.contains(&name.as_str()) {
            return Err(rt.value_error_with(
                "Type names and field names cannot be a keyword: {}",
                &[(crate::format::str_repr(name)).arg()],
            ));
        }
    }
    let mut seen: Vec<&str> = Vec::new();
    for name in &names {
        if name.starts_with('_') && !rename {
            return Err(rt.value_error_with(
                "Field names cannot start with an underscore: {}",
                &[(crate::format::str_repr(name)).arg()],
            ));
        }
        if seen.contains(&name.as_str()) {
            return Err(rt.value_error_with(
                "Encountered duplicate field name: {}",
                &[(crate::format::str_repr(name)).arg()],
            ));
        }
        seen.push(name);
    }
    let base = rt.pins.len();
    let r = make_namedtuple(rt, &typename, &names, defaults, module);
    rt.pins.truncate(base);
    r
}

/// A namedtuple class `typename` with fields `names` (checked by the caller).
pub(crate) fn make_namedtuple(
    rt: &mut Runtime,
    typename: &str,
    names: &[String],
    defaults: Option<Value>,
    module: Option<Value>,
) -> PyResult<Value> {
    let n = names.len();
    let mut keys = Vec::with_capacity(n);
    for name in names {
        let k = rt.intern(name)?;
        keys.push(k);
    }
    let fields = rt.new_tuple(&keys)?;
    rt.pin(fields);
    let field_defaults = rt.new_dict()?;
    rt.pin(field_defaults);
    if let Some(d) = defaults {
        let d = rt.list_from_iter(d)?;
        rt.pin(d);
        let nd = rt.seq_len(d);
        if nd > n {
            return Err(rt.type_error(crate::packed!("Got more default values than field names")));
        }
        for k in 0..nd {
            let v = rt.seq_get(d, k);
            rt.dict_set(field_defaults, keys[n - nd + k], v)?;
        }
    }
    let ns = rt.new_dict()?;
    rt.pin(ns);
    let t = table();
    for i in NAMEDTUPLE_ROWS {
        let f = Runtime::native(native_id(t, i));
        let v = if i == NT_MAKE {
            rt.new_wrapper(Kind::ClassMethod, &[f])?
        } else {
            f
        };
        rt.pin(v);
        let k = rt.intern(NATIVES.name_of(&NATIVES[i as usize]))?;
        rt.dict_set(ns, k, v)?;
    }
    for (i, k) in keys.iter().enumerate() {
        let getter = rt.new_bound(
            Value::small(i as i32),
            Runtime::native(native_id(t, NT_FIELD)),
        )?;
        rt.pin(getter);
        let prop = rt.new_wrapper(Kind::Property, &[getter, Value::NONE, Value::NONE])?;
        rt.pin(prop);
        rt.dict_set(ns, *k, prop)?;
    }
    for (name, v) in [
        ("_fields", fields),
        ("_field_defaults", field_defaults),
        ("__match_args__", fields),
    ] {
        let k = rt.intern(name)?;
        rt.dict_set(ns, k, v)?;
    }
    let slots = rt.new_tuple(&[])?;
    let k = rt.intern("__slots__")?;
    rt.dict_set(ns, k, slots)?;
    let m = match module {
        Some(m) => m,
        None => rt.intern("__main__")?,
    };
    rt.dict_set(ns, Value::qstr(Q___MODULE__), m)?;
    let name = rt.intern(typename)?;
    let bases = rt.new_tuple(&[TypeId::Tuple.value()])?;
    rt.new_class(name, bases, ns)
}

/// The namedtuple class on `cls`'s MRO that holds the fields (for names in messages).
fn nt_class(rt: &mut Runtime, cls: Value) -> PyResult<(Value, Value, Value)> {
    let kf = rt.intern("_fields")?;
    let kd = rt.intern("_field_defaults")?;
    let fields = rt
        .class_lookup(cls, kf)
        .filter(|f| rt.kind(*f) == Some(Kind::Tuple));
    let defaults = rt
        .class_lookup(cls, kd)
        .filter(|d| rt.kind(*d) == Some(Kind::Dict));
    let (Some(f), Some(d)) = (fields, defaults) else {
        return Err(rt.type_error(crate::packed!("not a namedtuple class")));
    };
    let mro = rt.heap.val(Runtime::blk(cls), crate::obj::layout::C_MRO);
    let mut owner = cls;
    for i in 0..rt.seq_len(mro) {
        let c = rt.seq_get(mro, i);
        let d = rt.attr_dict(c);
        if d.is_heap() && rt.dict_get_q(d, kf).is_some() {
            owner = c;
            break;
        }
    }
    Ok((owner, f, d))
}

/// A `cls` instance wrapping the tuple of `items`.
fn nt_instance(rt: &mut Runtime, cls: Value, items: &[Value]) -> PyResult<Value> {
    let t = rt.new_tuple(items)?;
    rt.pin(t);
    let r = rt.new_instance_with_base(cls, t);
    rt.unpin(1);
    r
}

fn quoted_list(names: &[String]) -> String {
    let q: Vec<String> = names.iter().map(|n| fill("'{}'", &[n.arg()])).collect();
    match q.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => fill("{} and {}", &[first.arg(), second.arg()]),
        [init @ .., last] => fill("{}, and {}", &[init.join(", ").arg(), last.arg()]),
    }
}

/// `__new__(cls, *args, **kwargs)`: the arguments bound to the fields like a Python function
/// with those parameters (and the defaults).
fn nt_new(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let cls = arg(pos, 0);
    let (owner, fields, defaults) = nt_class(rt, cls)?;
    let who = fill("{}.__new__", &[rt.class_name(owner).arg()]);
    let n = rt.seq_len(fields);
    let given = pos.len() - 1;
    if given > n {
        return Err(rt.type_error_with(
            "{}() takes {} positional arguments but {} were given",
            &[who.arg(), (n + 1).arg(), (given + 1).arg()],
        ));
    }
    let mut slots: Vec<Option<Value>> = pos.iter().skip(1).map(|v| Some(*v)).collect();
    slots.resize(n, None);
    for (k, v) in &kw {
        let name = rt.display_name(*k);
        let at = (0..n).find(|&i| {
            let f = rt.seq_get(fields, i);
            rt.str_text(f) == Some(name.as_str())
        });
        match at {
            None => {
                return Err(rt.type_error_with(
                    "{}() got an unexpected keyword argument '{}'",
                    &[who.arg(), name.arg()],
                ));
            }
            Some(i) => match slots.get_mut(i) {
                Some(slot @ None) => *slot = Some(*v),
                _ => {
                    return Err(rt.type_error_with(
                        "{}() got multiple values for argument '{}'",
                        &[who.arg(), name.arg()],
                    ));
                }
            },
        }
    }
    let mut missing = Vec::new();
    for (i, s) in slots.iter_mut().enumerate() {
        if s.is_none() {
            let f = rt.seq_get(fields, i);
            match rt.dict_get(defaults, f)? {
                Some(d) => *s = Some(d),
                None => missing.push(rt.display_name(f)),
            }
        }
    }
    if !missing.is_empty() {
        return Err(rt.type_error_with(
            "{}() missing {} required positional argument{}: {}",
            &[
                who.arg(),
                missing.len().arg(),
                (if missing.len() == 1 { "" } else { "s" }).arg(),
                quoted_list(&missing).arg(),
            ],
        ));
    }
    let items: Vec<Value> = slots.into_iter().flatten().collect();
    nt_instance(rt, cls, &items)
}

/// `cls._make(iterable)`.
fn nt_make(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(rt.type_error_with(
            "_make() takes 2 positional arguments but {} were given",
            &[args.len().arg()],
        ));
    }
    let cls = arg(args, 0);
    let (_, fields, _) = nt_class(rt, cls)?;
    let l = rt.list_from_iter(arg(args, 1))?;
    rt.pin(l);
    let r = (|| {
        let (n, got) = (rt.seq_len(fields), rt.seq_len(l));
        if n != got {
            return Err(rt.type_error_with("Expected {} arguments, got {}", &[n.arg(), got.arg()]));
        }
        let items = rt.seq_items_or_empty(l);
        nt_instance(rt, cls, &items)
    })();
    rt.unpin(1);
    r
}

/// The tuple a namedtuple instance wraps.
fn nt_tuple(rt: &mut Runtime, v: Value) -> PyResult<Value> {
    match rt
        .base_value(v)
        .filter(|b| rt.kind(*b) == Some(Kind::Tuple))
    {
        Some(t) => Ok(t),
        None if rt.kind(v) == Some(Kind::Tuple) => Ok(v),
        None => Err(rt.type_error(crate::packed!("descriptor requires a 'tuple' object"))),
    }
}

fn nt_replace(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if pos.len() != 1 {
        return Err(rt.type_error(crate::packed!("_replace() takes 1 positional argument")));
    }
    let me = arg(pos, 0);
    let cls = rt.type_of(me);
    let (_, fields, _) = nt_class(rt, cls)?;
    let t = nt_tuple(rt, me)?;
    let mut items = rt.seq_items_or_empty(t);
    let mut unknown = Vec::new();
    for (k, v) in &kw {
        let name = rt.display_name(*k);
        let at = (0..rt.seq_len(fields)).find(|&i| {
            let f = rt.seq_get(fields, i);
            rt.str_text(f) == Some(name.as_str())
        });
        match at.and_then(|i| items.get_mut(i)) {
            Some(slot) => *slot = *v,
            None => unknown.push(fill("'{}'", &[name.arg()])),
        }
    }
    if !unknown.is_empty() {
        return Err(rt.value_error_with(
            "Got unexpected field names: [{}]",
            &[unknown.join(", ").arg()],
        ));
    }
    nt_instance(rt, cls, &items)
}

fn nt_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let me = arg(args, 0);
    let cls = rt.type_of(me);
    let (_, fields, _) = nt_class(rt, cls)?;
    let t = nt_tuple(rt, me)?;
    let mut out = rt.class_name(cls);
    out.push('(');
    for i in 0..rt.seq_len(t).min(rt.seq_len(fields)) {
        if i > 0 {
            out.push_str(", ");
        }
        let name = rt.display_name(rt.seq_get(fields, i));
        let r = rt.repr(rt.seq_get(t, i))?;
        out.push_str(&name);
        out.push('=');
        out.push_str(&rt.display_name(r));
    }
    out.push(')');
    rt.new_str(&out)
}

fn nt_asdict(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let me = arg(args, 0);
    let cls = rt.type_of(me);
    let (_, fields, _) = nt_class(rt, cls)?;
    let t = nt_tuple(rt, me)?;
    let d = rt.new_dict()?;
    rt.pin(d);
    let r = (|| {
        for i in 0..rt.seq_len(t).min(rt.seq_len(fields)) {
            let (k, v) = (rt.seq_get(fields, i), rt.seq_get(t, i));
            rt.dict_set(d, k, v)?;
        }
        Ok(d)
    })();
    rt.unpin(1);
    r
}

fn nt_getnewargs(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = nt_tuple(rt, arg(args, 0))?;
    let items = rt.seq_items_or_empty(t);
    rt.new_tuple(&items)
}

/// A field's getter: bound to the field's index, called with the instance.
fn nt_field(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (Some(i), Some(&me)) = (arg(args, 0).as_small(), args.get(1)) else {
        return Err(rt.type_error(crate::packed!("field getter takes the instance")));
    };
    let t = nt_tuple(rt, me)?;
    if (i as usize) < rt.seq_len(t) {
        Ok(rt.seq_get(t, i as usize))
    } else {
        Err(rt.raise(
            ExcKind::IndexError,
            crate::packed!("tuple index out of range"),
        ))
    }
}
