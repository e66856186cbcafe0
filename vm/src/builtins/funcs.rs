//! The functions of the `builtins` module.

use super::{kwarg, split_kw};
use crate::builtins::arg;
use crate::format::message::ToArg;
use crate::interp::frame::{F_GLOBALS, F_LOCALS};
use crate::interp::nesting::PLAIN;
use crate::obj::exception::ExcKind;
use crate::obj::iter::IterKind;
use crate::obj::kind::Kind;
use crate::obj::layout::VIEW_DICT;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

fn no_kw(rt: &mut Runtime, name: &str, kwnames: Value) -> PyResult<()> {
    if !kwnames.is_null() && rt.seq_len(kwnames) > 0 {
        return Err(rt.type_error_with("{}() takes no keyword arguments", &[name.arg()]));
    }
    Ok(())
}

pub(super) fn print(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let sep = kwarg(rt, &kw, Q_SEP).filter(|v| *v != Value::NONE);
    let end = kwarg(rt, &kw, Q_END).filter(|v| *v != Value::NONE);
    let file = kwarg(rt, &kw, Q_FILE).filter(|v| *v != Value::NONE);
    let mut out = String::new();
    for (i, a) in pos.iter().enumerate() {
        if i > 0 {
            match sep {
                Some(s) => out.push_str(rt.str_text(s).unwrap_or(" ")),
                None => out.push(' '),
            }
        }
        let s = rt.to_str(*a)?;
        out.push_str(rt.str_text(s).unwrap_or(""));
    }
    match end {
        Some(e) => out.push_str(rt.str_text(e).unwrap_or("\n")),
        None => out.push('\n'),
    }
    match file {
        Some(f) => crate::modules::sys::write_to(rt, f, &out)?,
        None => rt.host.write_stdout(out.as_bytes()),
    }
    Ok(Value::NONE)
}

/// `len(v)` as usize.
pub fn len_of(rt: &mut Runtime, v: Value) -> PyResult<usize> {
    if let Some(q) = v.as_qstr() {
        return Ok(rt.qstr_text(q).chars().count());
    }
    match rt.kind(v) {
        Some(Kind::Str) => {
            let ascii = rt.str_is_ascii(v);
            let s = rt.str_text(v).unwrap_or("");
            Ok(if ascii { s.len() } else { s.chars().count() })
        }
        Some(Kind::Tuple) | Some(Kind::List) => Ok(rt.seq_len(v)),
        Some(Kind::Dict) | Some(Kind::Set) | Some(Kind::FrozenSet) => Ok(rt.dict_len(v)),
        Some(Kind::Bytes) | Some(Kind::ByteArray) => Ok(rt.bytes_of(v).map_or(0, |b| b.len())),
        Some(Kind::MemView) => rt.memview_parts(v).map(|p| p.2),
        Some(Kind::Range) => rt.range_len_checked(v),
        Some(Kind::DictView) => Ok(rt.dict_len(rt.heap.val(Runtime::blk(v), VIEW_DICT))),
        _ => {
            if let Some(r) = rt.call_special(v, Q___LEN__, &[])? {
                // What `__len__` returns must be an int (or have `__index__`), as in CPython.
                let n = match rt.to_i64(r) {
                    Some(n) => n,
                    None if rt.is_int(r) => {
                        return Err(rt.raise(
                            ExcKind::OverflowError,
                            crate::packed!("cannot fit 'int' into an index-sized integer"),
                        ))
                    }
                    None => rt.int_arg(r)?,
                };
                return match usize::try_from(n) {
                    Ok(n) => Ok(n),
                    Err(_) => Err(rt.value_error(crate::packed!("__len__() should return >= 0"))),
                };
            }
            if let Some(b) = rt.base_value(v) {
                return len_of(rt, b);
            }
            Err(rt.type_error_naming("object of type '", v, "' has no len()"))
        }
    }
}

pub(super) fn len(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = len_of(rt, arg(args, 0))?;
    rt.new_int(n as i64)
}

pub(super) fn repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.repr(arg(args, 0))
}

pub(super) fn ascii(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.ascii(arg(args, 0))
}

pub(super) fn hash(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let h = rt.py_hash(arg(args, 0))?;
    rt.new_int(h)
}

pub(super) fn id(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.new_int(arg(args, 0).0 as i64)
}

/// `isinstance(v, t)`, or `issubclass(v, t)` when `sub` (`v` a class), for a class or (nested)
/// tuple of classes `t`: one walk of the tuples for both.
fn class_test(rt: &mut Runtime, v: Value, t: Value, sub: bool) -> PyResult<bool> {
    if rt.kind(t) == Some(Kind::Tuple) {
        return rt.deeper(PLAIN, |rt| {
            for i in 0..rt.seq_len(t) {
                let c = rt.seq_get(t, i);
                if class_test(rt, v, c, sub)? {
                    return Ok(true);
                }
            }
            Ok(false)
        });
    }
    if rt.kind(t) != Some(Kind::Class) && TypeId::from_value(t).is_none() {
        return Err(rt.type_error(if sub {
            crate::packed!("issubclass() arg 2 must be a class, a tuple of classes, or a union")
        } else {
            crate::packed!("isinstance() arg 2 must be a type, a tuple of types, or a union")
        }));
    }
    Ok(if sub {
        rt.is_subclass(v, t)
    } else {
        rt.is_instance(v, t)
    })
}

pub(super) fn isinstance(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(Value::bool(class_test(
        rt,
        arg(args, 0),
        arg(args, 1),
        false,
    )?))
}

pub(super) fn issubclass(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, t) = (arg(args, 0), arg(args, 1));
    if rt.kind(a) != Some(Kind::Class) && TypeId::from_value(a).is_none() {
        return Err(rt.type_error(crate::packed!("issubclass() arg 1 must be a class")));
    }
    Ok(Value::bool(class_test(rt, a, t, true)?))
}

fn attr_name(rt: &mut Runtime, v: Value) -> PyResult<Value> {
    if !rt.is_str(v) {
        return Err(rt.type_error_naming("attribute name must be string, not '", v, "'"));
    }
    rt.intern_value(v)
}

/// Attribute `args[1]` of `args[0]`; `None` for an AttributeError when `absent_ok` (which
/// `getattr` with a default and `hasattr` then answer for).
fn attr_of(rt: &mut Runtime, args: &[Value], absent_ok: bool) -> PyResult<Option<Value>> {
    let name = attr_name(rt, arg(args, 1))?;
    match rt.get_attr(arg(args, 0), name) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            if absent_ok && rt.exc_matches(rt.exc, ExcKind::AttributeError) {
                rt.exc = Value::NULL;
                return Ok(None);
            }
            Err(e)
        }
    }
}

pub(super) fn getattr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(attr_of(rt, args, args.len() == 3)?.unwrap_or(arg(args, 2)))
}

pub(super) fn setattr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let name = attr_name(rt, arg(args, 1))?;
    rt.set_attr(arg(args, 0), name, arg(args, 2))?;
    Ok(Value::NONE)
}

pub(super) fn hasattr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(Value::bool(attr_of(rt, args, true)?.is_some()))
}

pub(super) fn delattr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let name = attr_name(rt, arg(args, 1))?;
    rt.del_attr(arg(args, 0), name)?;
    Ok(Value::NONE)
}

pub(super) fn iter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() == 2 {
        return rt.new_iter(IterKind::Callable, &[arg(args, 0), arg(args, 1)]);
    }
    rt.get_iter(arg(args, 0))
}

pub(super) fn next(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let it = arg(args, 0);
    let iterator = match rt.kind(it) {
        Some(Kind::Iter) => true,
        Some(Kind::Generator) => !rt.is_coroutine(it),
        _ => rt.special(it, Q___NEXT__).is_some(),
    };
    if !iterator {
        return Err(rt.type_error_naming("'", it, "' object is not an iterator"));
    }
    match rt.iter_next(it)? {
        Some(v) => Ok(v),
        None => {
            if args.len() == 2 {
                return Ok(arg(args, 1));
            }
            let cls = rt.exc_class(ExcKind::StopIteration)?;
            let v = rt.stop_value;
            rt.stop_value = Value::NONE;
            let e = if rt.kind(it) == Some(Kind::Generator) && v != Value::NONE {
                rt.new_exception(cls, &[v])?
            } else {
                rt.new_exception(cls, &[])?
            };
            Err(rt.raise_value(e))
        }
    }
}

pub(super) fn chr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let i = rt.int_arg(arg(args, 0))?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => rt.char_str(c),
        None => Err(rt.value_error(crate::packed!("chr() arg not in range(0x110000)"))),
    }
}

pub(super) fn ord(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let v = arg(args, 0);
    let len = if let Some(s) = rt.str_text(v) {
        let mut cs = s.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return Ok(Value::small(c as i32));
        }
        s.chars().count()
    } else if let Some(b) = rt.bytes_of(v) {
        if let [x] = b {
            return Ok(Value::small(*x as i32));
        }
        b.len()
    } else {
        return Err(rt.type_error_naming("ord() expected string of length 1, but ", v, " found"));
    };
    Err(rt.type_error_with(
        "ord() expected a character, but string of length {} found",
        &[len.arg()],
    ))
}

fn radix(rt: &mut Runtime, args: &[Value], spec: &str) -> PyResult<Value> {
    if rt.kind(arg(args, 0)) == Some(Kind::Instance) {
        if let Some(r) = rt.call_special(arg(args, 0), Q___INDEX__, &[])? {
            return radix(rt, &[r], spec);
        }
        if let Some(b) = rt.base_value(arg(args, 0)).filter(|b| rt.is_int(*b)) {
            return radix(rt, &[b], spec);
        }
    }
    if !rt.is_int(arg(args, 0)) {
        return Err(rt.type_error_naming(
            "'",
            arg(args, 0),
            "' object cannot be interpreted as an integer",
        ));
    }
    let mut out = String::new();
    rt.format_into(&mut out, arg(args, 0), spec)?;
    rt.new_str(&out)
}

pub(super) fn hex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    radix(rt, args, "#x")
}

pub(super) fn oct(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    radix(rt, args, "#o")
}

pub(super) fn bin(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    radix(rt, args, "#b")
}

pub(crate) fn callable(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let v = arg(args, 0);
    let c = match rt.kind(v) {
        Some(Kind::Function | Kind::BoundMethod | Kind::Class) => true,
        Some(Kind::Instance) => rt.special(v, Q___CALL__).is_some(),
        Some(_) => false,
        None => {
            v.as_static()
                .is_some_and(|id| id >= crate::value::STATIC_TYPE_BASE)
                && !matches!(v, Value::ELLIPSIS | Value::NOT_IMPLEMENTED)
        }
    };
    Ok(Value::bool(c))
}

pub(super) fn abs(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let v = arg(args, 0);
    if rt.is_int(v) {
        if rt.int_cmp(v, Value::small(0)) == core::cmp::Ordering::Less {
            return rt.int_neg(v);
        }
        return Ok(if v == Value::TRUE {
            Value::small(1)
        } else if v == Value::FALSE {
            Value::small(0)
        } else {
            v
        });
    }
    if let Some(f) = rt.float_val(v) {
        return rt.new_float(crate::format::FloatMath::fabs(f));
    }
    #[cfg(feature = "complex")]
    if let Some(z) = rt.complex_val(v) {
        return rt.complex_abs(z);
    }
    if let Some(r) = rt.call_special(v, Q___ABS__, &[])? {
        return Ok(r);
    }
    if let Some(b) = rt.base_value(v) {
        return abs(rt, &[b], Value::NULL);
    }
    Err(rt.type_error_naming("bad operand type for abs(): '", v, "'"))
}

pub(super) fn divmod(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, b) = (arg(args, 0), arg(args, 1));
    if rt.is_int(a) && rt.is_int(b) {
        if rt.int_cmp(b, Value::small(0)) == core::cmp::Ordering::Equal {
            return Err(rt.raise(
                ExcKind::ZeroDivisionError,
                crate::packed!("integer division or modulo by zero"),
            ));
        }
    } else if let (Some(x), Some(y)) = (rt.num_as_float(a)?, rt.num_as_float(b)?) {
        let r = crate::format::float_divmod(x, y).map_err(|e| rt.raise_format(e))?;
        let q = rt.new_float(r.0)?;
        rt.pin(q);
        let m = rt.new_float(r.1);
        rt.unpin(1);
        let m = m?;
        return rt.new_tuple(&[q, m]);
    }
    if rt.kind(a) == Some(Kind::Complex) || rt.kind(b) == Some(Kind::Complex) {
        return Err(rt.type_error_naming_pair(
            &["unsupported operand type(s) for divmod(): "],
            a,
            b,
        ));
    }
    let q = rt.binary_op(4, a, b)?;
    rt.pin(q);
    let m = rt.binary_op(5, a, b);
    rt.unpin(1);
    let m = m?;
    rt.new_tuple(&[q, m])
}

pub(super) fn pow(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() == 3 && arg(args, 2) != Value::NONE {
        if args.iter().any(|a| rt.kind(*a) == Some(Kind::Complex)) {
            return Err(rt.value_error(crate::packed!("complex modulo")));
        }
        let (Some(b), Some(e), Some(m)) = (
            rt.to_bigint(arg(args, 0)),
            rt.to_bigint(arg(args, 1)),
            rt.to_bigint(arg(args, 2)),
        ) else {
            return Err(rt.type_error(crate::packed!(
                "pow() 3rd argument not allowed unless all arguments are integers"
            )));
        };
        if m.sign() == crate::bigint::Sign::NoSign {
            return Err(rt.value_error(crate::packed!("pow() 3rd argument cannot be 0")));
        }
        let r = if e.sign() == crate::bigint::Sign::Minus {
            match b.mod_inverse(&m) {
                Some(i) => mod_pow(&i, &-e, &m),
                None => {
                    return Err(rt.value_error(crate::packed!(
                        "base is not invertible for the given modulus"
                    )))
                }
            }
        } else {
            mod_pow(&b, &e, &m)
        };
        let r = r.mod_floor(&m);
        return rt.new_bigint(&r);
    }
    rt.binary_op(6, arg(args, 0), arg(args, 1))
}

/// `base ** exponent % modulus` (`exponent` not negative, `modulus` not zero) by squaring and
/// multiplying, reduced at every step: Montgomery multiplication (`num-bigint`'s `modpow`,
/// about 2.5 KB on riscv32) pays off only for far larger moduli than scripts use.
fn mod_pow(
    base: &crate::bigint::BigInt,
    exponent: &crate::bigint::BigInt,
    modulus: &crate::bigint::BigInt,
) -> crate::bigint::BigInt {
    let mut result = crate::bigint::BigInt::from(1).mod_floor(modulus);
    let mut square = base.mod_floor(modulus);
    let bits = exponent.bits();
    for i in 0..bits {
        if exponent.bit(i) {
            result = (result * &square).mod_floor(modulus);
        }
        if i + 1 < bits {
            square = (&square * &square).mod_floor(modulus);
        }
    }
    result
}

pub(super) fn round(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    // The row checks positional counts; with keywords only the upper bound is checked there.
    if pos.is_empty() {
        return Err(rt.type_error(crate::packed!(
            "round() missing required argument 'number' (pos 1)"
        )));
    }
    let nd = pos
        .get(1)
        .copied()
        .or_else(|| kw.first().map(|e| e.1))
        .filter(|v| *v != Value::NONE);
    let v = arg(pos, 0);
    if rt.is_int(v) {
        let Some(nd) = nd else {
            return Ok(if v == Value::TRUE {
                Value::small(1)
            } else if v == Value::FALSE {
                Value::small(0)
            } else {
                v
            });
        };
        let n = rt.int_arg(nd)?;
        if n >= 0 {
            return Ok(v);
        }
        let p = crate::bigint::BigInt::from(10).pow((-n).min(4000) as u32);
        let x = rt.to_bigint_or_zero(v);
        let (q, r) = x.div_mod_floor(&p);
        let twice = &r << 1;
        let q = if twice > p || (twice == p && q.is_odd()) {
            q + crate::bigint::BigInt::from(1)
        } else {
            q
        };
        return rt.new_bigint(&(q * p));
    }
    let Some(f) = rt.float_val(v) else {
        let extra: Vec<Value> = nd.into_iter().collect();
        if let Some(r) = rt.call_special(v, Q___ROUND__, &extra)? {
            return Ok(r);
        }
        if let Some(b) = rt.base_value(v) {
            let mut a2 = alloc::vec![b];
            a2.extend(extra);
            return round(rt, &a2, Value::NULL);
        }
        return Err(rt.type_error_naming("type ", v, " doesn't define __round__ method"));
    };
    match nd {
        // A NaN or an infinity stays one when rounded: float_to_int refuses them.
        None => float_to_int(rt, crate::format::round_half_even(f)),
        Some(nd) => {
            let n = rt.int_arg(nd)?;
            let r = crate::format::round_float(f, n).map_err(|e| rt.raise_format(e))?;
            rt.new_float(r)
        }
    }
}

/// An integral float as an int.
pub fn float_to_int(rt: &mut Runtime, f: crate::format::Float) -> PyResult<Value> {
    if f.is_nan() {
        return Err(rt.value_error(crate::packed!("cannot convert float NaN to integer")));
    }
    if f.is_infinite() {
        return Err(rt.raise(
            ExcKind::OverflowError,
            crate::packed!("cannot convert float infinity to integer"),
        ));
    }
    let t = crate::format::FloatMath::trunc(f);
    if t.abs() < 9.0e18 {
        return rt.new_int(t as i64);
    }
    let b = crate::bigint::BigInt::from_float(t).unwrap_or_default();
    rt.new_bigint(&b)
}

pub(super) fn sum(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if pos.is_empty() {
        return Err(rt.type_error(crate::packed!(
            "sum() takes at least 1 positional argument (0 given)"
        )));
    }
    let mut acc = pos
        .get(1)
        .copied()
        .or_else(|| kwarg(rt, &kw, Q_START))
        .unwrap_or(Value::small(0));
    if rt.is_str(acc) {
        return Err(rt.type_error(crate::packed!(
            "sum() can't sum strings [use ''.join(seq) instead]"
        )));
    }
    let it = rt.get_iter(arg(pos, 0))?;
    let start = rt.pins.len();
    rt.pin(it);
    // The running total stays pinned (in this slot) while the next item is computed.
    rt.pin(acc);
    // While the total is a float and the items are floats or small ints it is kept unboxed
    // (CPython's float path): the same additions in the same order, one float object.
    let mut total: Option<crate::format::Float> = None;
    let r = loop {
        match rt.iter_next(it) {
            Ok(Some(v)) => {
                if let Some(f) = total {
                    if let Some(x) = rt.float_val(v).or_else(|| v.as_small().map(|i| i as _)) {
                        total = Some(f + x);
                        continue;
                    }
                    rt.pin(v);
                    let boxed = rt.new_float(f);
                    rt.unpin(1);
                    match boxed {
                        Ok(x) => acc = x,
                        Err(e) => break Err(e),
                    }
                }
                if let Some(p) = rt.pins.get_mut(start + 1) {
                    *p = acc;
                }
                rt.pin(v);
                let r = if let (Some(a), Some(b)) = (acc.as_small(), v.as_small()) {
                    rt.new_int(a as i64 + b as i64)
                } else {
                    rt.binary_op(0, acc, v)
                };
                rt.unpin(1);
                match r {
                    Ok(x) => {
                        acc = x;
                        if let Some(p) = rt.pins.get_mut(start + 1) {
                            *p = acc;
                        }
                    }
                    Err(e) => break Err(e),
                }
                total = rt.float_val(acc);
            }
            Ok(None) => break total.map_or(Ok(acc), |f| rt.new_float(f)),
            Err(e) => break Err(e),
        }
    };
    rt.pins.truncate(start);
    r
}

fn any_all(rt: &mut Runtime, args: &[Value], want_true: bool) -> PyResult<Value> {
    let it = rt.get_iter(arg(args, 0))?;
    rt.pin(it);
    let r = loop {
        match rt.iter_next(it) {
            Ok(Some(v)) => match rt.truthy(v) {
                Ok(t) if t == want_true => break Ok(Value::bool(want_true)),
                Ok(_) => {}
                Err(e) => break Err(e),
            },
            Ok(None) => break Ok(Value::bool(!want_true)),
            Err(e) => break Err(e),
        }
    };
    rt.unpin(1);
    r
}

pub(super) fn any(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    any_all(rt, args, true)
}

pub(super) fn all(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    any_all(rt, args, false)
}

fn min_max(rt: &mut Runtime, args: &[Value], kwnames: Value, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let (pos, kw) = split_kw(rt, args, kwnames);
    let key = kwarg(rt, &kw, Q_KEY).filter(|v| *v != Value::NONE);
    let default = kwarg(rt, &kw, Q_DEFAULT);
    if pos.is_empty() {
        return Err(rt.type_error_with("{} expected at least 1 argument, got 0", &[name.arg()]));
    }
    let start = rt.pins.len();
    let r = (|| {
        let items = if pos.len() == 1 {
            rt.collect_pinned(arg(pos, 0))?
        } else {
            pos.to_vec()
        };
        let Some((&first, rest)) = items.split_first() else {
            return match default {
                Some(d) => Ok(d),
                None => Err(rt.value_error_with("{}() arg is an empty sequence", &[name.arg()])),
            };
        };
        let mut best = first;
        let mut best_key = match key {
            Some(k) => rt.call(k, &[best], Value::NULL)?,
            None => best,
        };
        rt.pin(best_key);
        for &v in rest {
            let k = match key {
                Some(kf) => rt.call(kf, &[v], Value::NULL)?,
                None => v,
            };
            rt.pin(k);
            let better = if is_max {
                rt.order(4, k, best_key)?
            } else {
                rt.order(0, k, best_key)?
            };
            if better {
                best = v;
                best_key = k;
            }
        }
        Ok(best)
    })();
    rt.pins.truncate(start);
    r
}

pub(super) fn min(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    min_max(rt, args, kw, false)
}

pub(super) fn max(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    min_max(rt, args, kw, true)
}

/// Sorts `items` stably by `keys` (`keys[i]` is `items[i]`'s), comparing with `<` as CPython
/// does; the first exception a comparison raises stops the sort.
pub fn sort_values(
    rt: &mut Runtime,
    items: &mut [Value],
    keys: &mut [Value],
    reverse: bool,
) -> PyResult<()> {
    let order = crate::sort::stable_order(items.len(), &mut |a, b| {
        let (first, second) = if reverse { (b, a) } else { (a, b) };
        match (keys.get(first), keys.get(second)) {
            (Some(&x), Some(&y)) => rt.order(0, x, y),
            _ => Ok(false),
        }
    })?;
    permute(items, &order);
    permute(keys, &order);
    Ok(())
}

/// `values` rearranged into `order`, which holds each of its indices once (`get` spares a
/// bounds-check panic). Out of line: one copy for items and keys.
#[inline(never)]
fn permute(values: &mut [Value], order: &[usize]) {
    let mut taken: Vec<Value> = Vec::with_capacity(order.len());
    for &i in order {
        if let Some(&v) = values.get(i) {
            taken.push(v);
        }
    }
    for (slot, v) in values.iter_mut().zip(taken.iter()) {
        *slot = *v;
    }
}

/// Sort `items` (pinned by the caller) with optional key function and reverse flag.
pub fn sort_with(
    rt: &mut Runtime,
    items: &mut [Value],
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let start = rt.pins.len();
    let r = (|| {
        let mut keys = Vec::with_capacity(items.len());
        for &v in items.iter() {
            let k = match key {
                Some(kf) => rt.call(kf, &[v], Value::NULL)?,
                None => v,
            };
            rt.pin(k);
            keys.push(k);
        }
        sort_values(rt, items, &mut keys, reverse)
    })();
    rt.pins.truncate(start);
    r
}

pub(super) fn sorted(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if pos.is_empty() {
        return Err(rt.type_error(crate::packed!("sorted expected 1 argument, got 0")));
    }
    let key = kwarg(rt, &kw, Q_KEY).filter(|v| *v != Value::NONE);
    let reverse = match kwarg(rt, &kw, Q_REVERSE) {
        Some(r) => rt.truthy(r)?,
        None => false,
    };
    let l = rt.list_from_iter(arg(pos, 0))?;
    rt.pin(l);
    let mut items = rt.seq_items_or_empty(l);
    let r = sort_with(rt, &mut items, key, reverse).and_then(|_| rt.list_set_items(l, &items));
    rt.unpin(1);
    r.map(|_| l)
}

pub(super) fn enumerate(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if pos.is_empty() {
        // CPython names the first keyword (even `start`) when `iterable` is missing.
        let name = kw.first().map(|e| rt.display_name(e.0)).unwrap_or_default();
        return Err(rt.type_error_with(
            "'{}' is an invalid keyword argument for enumerate()",
            &[name.arg()],
        ));
    }
    let start = pos
        .get(1)
        .copied()
        .or_else(|| kwarg(rt, &kw, Q_START))
        .unwrap_or(Value::small(0));
    let it = rt.get_iter(arg(pos, 0))?;
    rt.new_iter(IterKind::Enumerate, &[it, start])
}

fn iters_of(rt: &mut Runtime, args: &[Value]) -> PyResult<Value> {
    let start = rt.pins.len();
    let mut its = Vec::with_capacity(args.len());
    for a in args {
        match rt.get_iter(*a) {
            Ok(it) => {
                rt.pin(it);
                its.push(it);
            }
            Err(e) => {
                rt.pins.truncate(start);
                return Err(e);
            }
        }
    }
    let r = rt.new_tuple(&its);
    rt.pins.truncate(start);
    r
}

pub(super) fn zip(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    no_kw(rt, "zip", kwnames)?;
    let t = iters_of(rt, args)?;
    rt.new_iter(IterKind::Zip, &[t])
}

pub(super) fn map(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = iters_of(rt, args.get(1..).unwrap_or_default())?;
    rt.new_iter(IterKind::Map, &[arg(args, 0), t])
}

pub(super) fn filter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let it = rt.get_iter(arg(args, 1))?;
    rt.new_iter(IterKind::Filter, &[arg(args, 0), it])
}

pub(super) fn reversed(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let v = arg(args, 0);
    if let Some(r) = rt.call_special(v, Q___REVERSED__, &[])? {
        return Ok(r);
    }
    // A builtin subclass's instance wraps the builtin value it reverses as.
    let plain = rt.base_value(v).unwrap_or(v);
    if rt.is_dict(plain) || rt.kind(plain) == Some(Kind::DictView) {
        let l = rt.list_from_iter(plain)?;
        rt.pin(l);
        let n = rt.seq_len(l);
        let r = rt.new_iter(IterKind::Reversed, &[l, Value::small(n as i32)]);
        rt.unpin(1);
        return r;
    }
    // CPython reverses only sequences: builtin ones, or objects whose class defines
    // `__getitem__`.
    let sequence = plain.as_qstr().is_some()
        || matches!(
            rt.kind(plain),
            Some(
                Kind::Str
                    | Kind::Tuple
                    | Kind::List
                    | Kind::Bytes
                    | Kind::ByteArray
                    | Kind::MemView
                    | Kind::Range
            )
        )
        || rt.special(v, Q___GETITEM__).is_some();
    if !sequence {
        return Err(rt.type_error_naming("'", v, "' object is not reversible"));
    }
    let n = len_of(rt, v)?;
    rt.new_iter(IterKind::Reversed, &[v, Value::small(n as i32)])
}

pub(super) fn globals(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    if rt.frame.is_null() {
        return Ok(rt.main_globals);
    }
    Ok(rt.heap.val(Runtime::blk(rt.frame), F_GLOBALS))
}

pub(super) fn locals(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    if rt.frame.is_null() {
        return Ok(rt.main_globals);
    }
    let f = Runtime::blk(rt.frame);
    let l = rt.heap.val(f, F_LOCALS);
    if l.is_heap() {
        return Ok(l);
    }
    let codev = rt.heap.val(f, crate::interp::frame::F_CODE);
    let Some(code) = rt.code_of(codev) else {
        return rt.new_dict();
    };
    let d = rt.new_dict()?;
    rt.pin(d);
    let r = (|| {
        for (i, n) in code.varnames.iter().enumerate() {
            let v = rt.heap.val(f, crate::interp::frame::F_LOCALS0 + i);
            if !v.is_null() {
                let k = rt.intern(n)?;
                rt.dict_set(d, k, v)?;
            }
        }
        Ok(d)
    })();
    rt.unpin(1);
    r
}

fn exec_eval(
    rt: &mut Runtime,
    args: &[Value],
    mode: crate::source::Mode,
    name: &str,
) -> PyResult<Value> {
    if rt.kind(arg(args, 0)) == Some(Kind::Code) {
        let (g, l) = exec_namespaces(rt, args)?;
        rt.pins.extend_from_slice(&[g, l]);
        let r = rt.run_code_nested(arg(args, 0), g, l);
        rt.unpin(2);
        let v = r?;
        return Ok(if name == "exec" { Value::NONE } else { v });
    }
    let src: String = match rt.str_text(arg(args, 0)) {
        Some(s) => s.into(),
        None => match rt.bytes_of(arg(args, 0)) {
            Some(b) => super::lossy_text(crate::source::without_bom(b), "\u{fffd}"),
            None => {
                return Err(rt.type_error_with(
                    "{}() arg 1 must be a string, bytes or code object",
                    &[name.arg()],
                ));
            }
        },
    };
    // eval() input may be indented: CPython strips leading spaces and tabs for it.
    let src = if matches!(mode, crate::source::Mode::Eval) {
        without_indent(&src).into()
    } else {
        src
    };
    let (g, l) = exec_namespaces(rt, args)?;
    rt.pins.extend_from_slice(&[g, l]);
    let r = rt.run_source_in(&src, "<string>", mode, g, l);
    rt.unpin(2);
    let v = r?;
    Ok(if name == "exec" { Value::NONE } else { v })
}

/// The globals and locals `exec`/`eval` run in (arguments 2 and 3, else the caller's).
fn exec_namespaces(rt: &mut Runtime, args: &[Value]) -> PyResult<(Value, Value)> {
    let g = match args.get(1) {
        Some(g) if *g != Value::NONE => *g,
        _ => globals(rt, &[], Value::NULL)?,
    };
    let l = match args.get(2) {
        Some(l) if *l != Value::NONE => *l,
        _ => {
            if args.len() >= 2 {
                g
            } else {
                locals(rt, &[], Value::NULL)?
            }
        }
    };
    Ok((g, l))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False)`: a code object that
/// `exec`/`eval` run (`mode` is `'exec'`, `'eval'` or `'single'`; the flags are accepted and
/// ignored, there are no compiler flags).
/// `src` without its leading spaces and tabs (eval() input may be indented), read as bytes:
/// both are ASCII.
fn without_indent(src: &str) -> &str {
    let indent = src
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    src.get(indent..).unwrap_or(src)
}

pub(super) fn compile(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = crate::builtins::split_kw(rt, args, kwnames);
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    let mut slots: [Option<Value>; 6] = [None; 6];
    if pos.len() > names.len() {
        return Err(rt.type_error_with(
            "compile() takes at most 6 arguments ({} given)",
            &[(pos.len() + kw.len()).arg()],
        ));
    }
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(*v);
    }
    for (k, v) in &kw {
        let n = rt.display_name(*k);
        match names.iter().position(|x| *x == n) {
            Some(i) if slots[i].is_none() => slots[i] = Some(*v),
            Some(_) => {
                return Err(rt.type_error_with(
                    "argument for compile() given by name ('{}') and position",
                    &[n.arg()],
                ));
            }
            None => {
                return Err(rt.type_error_with(
                    "compile() got an unexpected keyword argument '{}'",
                    &[n.arg()],
                ));
            }
        }
    }
    let (Some(src), Some(file), Some(mode)) = (slots[0], slots[1], slots[2]) else {
        let missing = names[slots.iter().position(|s| s.is_none()).unwrap_or(0)];
        return Err(
            rt.type_error_with("compile() missing required argument '{}'", &[missing.arg()])
        );
    };
    let src: String = match rt.str_text(src) {
        Some(s) => s.into(),
        None => match rt.bytes_of(src) {
            Some(b) => super::lossy_text(b, "\u{fffd}"),
            None => {
                return Err(rt.type_error(crate::packed!(
                    "compile() arg 1 must be a string, bytes or AST object"
                )))
            }
        },
    };
    let Some(file) = rt.str_text(file).map(String::from) else {
        return Err(rt.type_error_naming(
            "compile() argument 'filename' must be str, not ",
            file,
            "",
        ));
    };
    let mode = match rt.str_text(mode) {
        Some("exec") => crate::source::Mode::Exec,
        Some("eval") => crate::source::Mode::Eval,
        Some("single") => crate::source::Mode::Single,
        _ => {
            return Err(rt.value_error(crate::packed!(
                "compile() mode must be 'exec', 'eval' or 'single'"
            )));
        }
    };
    let src = if matches!(mode, crate::source::Mode::Eval) {
        without_indent(&src).into()
    } else {
        src
    };
    rt.compile_source(&src, &file, mode)
}

/// `input([prompt])`: the prompt written to stdout, then a line of the host's input without
/// its line end; `EOFError` at the end of input.
pub(super) fn input(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if let Some(&p) = args.first() {
        let s = rt.to_str(p)?;
        let text: String = rt.str_text(s).unwrap_or("").into();
        rt.host.write_stdout(text.as_bytes());
    }
    if let Some(stdin) = replaced_stdin(rt)? {
        let readline = rt.intern("readline")?.as_qstr().unwrap_or(0);
        let line = rt.call_method(stdin, readline, &[])?;
        let Some(text) = rt.str_text(line) else {
            return Err(rt.type_error(crate::packed!("object.readline() returned non-string")));
        };
        if text.is_empty() {
            return Err(rt.raise(ExcKind::EOFError, crate::packed!("EOF when reading a line")));
        }
        let text: String = text.strip_suffix('\n').unwrap_or(text).into();
        return rt.new_str(&text);
    }
    match rt.host.read_line() {
        Some(line) => {
            let text = super::lossy_text(&line, "\u{fffd}");
            rt.new_str(&text)
        }
        None => Err(rt.raise(
            crate::obj::exception::ExcKind::EOFError,
            "EOF when reading a line",
        )),
    }
}

/// `sys.stdin` when the program replaced it with another stream (an `io.StringIO`, say),
/// which `input()` then reads as CPython does.
fn replaced_stdin(rt: &mut Runtime) -> PyResult<Option<Value>> {
    let k = rt.intern("sys")?;
    let Some(sys) = rt.dict_get(rt.modules, k)? else {
        return Ok(None);
    };
    if rt.kind(sys) != Some(Kind::Module) {
        return Ok(None);
    }
    let globals = rt
        .heap
        .val(Runtime::blk(sys), crate::obj::layout::MOD_GLOBALS);
    let Some(stdin) = rt.dict_get_q(globals, Value::qstr(Q_STDIN)) else {
        return Ok(None);
    };
    Ok(crate::modules::sys::stream_fd(rt, stdin)
        .is_none()
        .then_some(stdin))
}

pub(super) fn exec(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    exec_eval(rt, args, crate::source::Mode::Exec, "exec")
}

pub(super) fn eval(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    exec_eval(rt, args, crate::source::Mode::Eval, "eval")
}

pub(super) fn format(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut spec = args.get(1).copied().unwrap_or(Value::NULL);
    if spec != Value::NULL && !rt.is_str(spec) {
        // A str subclass formats by its str value.
        spec = match rt.base_value(spec) {
            Some(b) if rt.is_str(b) => b,
            _ => {
                return Err(rt.type_error_naming("format() argument 2 must be str, not ", spec, ""))
            }
        };
    }
    rt.format(arg(args, 0), spec)
}

/// Sort list `l` (pinned by the caller) in place, as `l.sort()` would.
fn sort_list(rt: &mut Runtime, l: Value) -> PyResult<()> {
    let mut items = rt.seq_items_or_empty(l);
    sort_with(rt, &mut items, None, false)?;
    rt.list_set_items(l, &items)
}

pub(super) fn dir(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let target = match args.first() {
        Some(v) => *v,
        None => {
            return locals(rt, &[], Value::NULL).and_then(|d| {
                let l = rt.list_from_iter(d)?;
                rt.pin(l);
                let r = sort_list(rt, l);
                rt.unpin(1);
                r.map(|_| l)
            })
        }
    };
    rt.fill_module(target)?;
    let l = rt.new_list(&[])?;
    rt.pin(l);
    let r = (|| {
        let mut dicts = Vec::new();
        let d = rt.attr_dict(target);
        if d.is_heap() {
            dicts.push(d);
        }
        let cls = if rt.kind(target) == Some(Kind::Class) {
            target
        } else {
            rt.type_of(target)
        };
        // Builtin types keep their methods in native tables, not in dicts.
        let mut mro_types: Vec<TypeId> = Vec::new();
        if rt.kind(cls) == Some(Kind::Class) {
            let mro = rt.heap.val(Runtime::blk(cls), crate::obj::class::C_MRO);
            for i in 0..rt.seq_len(mro) {
                let c = rt.seq_get(mro, i);
                let d = rt.attr_dict(c);
                if d.is_heap() {
                    dicts.push(d);
                }
                if let Some(t) = TypeId::from_value(c) {
                    mro_types.push(t);
                }
            }
        }
        let seen = rt.new_dict()?;
        rt.pin(seen);
        let mut names: Vec<Value> = Vec::new();
        for &d in &dicts {
            let mut i = 0;
            while let Some((k, _)) = rt.dict_entry(d, i) {
                if !k.is_null() {
                    names.push(k);
                }
                i += 1;
            }
        }
        let builtin_types = match TypeId::from_value(target) {
            Some(t) => alloc::vec![t],
            None if rt.kind(cls) == Some(Kind::Class) => mro_types,
            None => match TypeId::from_value(cls) {
                Some(t) => alloc::vec![t],
                None => Vec::new(),
            },
        };
        for t in builtin_types {
            for q in 0..crate::qstr::NNAMED as u32 {
                if q != Q_EMPTY && super::type_attr(t, q).is_some() {
                    names.push(Value::qstr(q));
                }
            }
        }
        for k in names {
            if rt.dict_get(seen, k)?.is_none() {
                rt.dict_set(seen, k, Value::NONE)?;
                rt.list_append(l, k)?;
            }
        }
        rt.unpin(1);
        sort_list(rt, l)
    })();
    rt.unpin(1);
    r.map(|_| l)
}

pub(super) fn import(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    // Its keyword values arrive after the positional ones, which the row counted alone.
    if args.len() > 5 {
        return Err(rt.type_error_with(
            "__import__() takes at most 5 arguments ({} given)",
            &[args.len().arg()],
        ));
    }
    let fromlist = args.get(3).copied().unwrap_or(Value::NONE);
    let level = args.get(4).copied().unwrap_or(Value::small(0));
    let g = globals(rt, &[], Value::NULL)?;
    let name = rt.intern_value(arg(args, 0))?;
    rt.import_name(name, fromlist, level, g)
}

pub(super) fn vars(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match args.first() {
        None => locals(rt, &[], Value::NULL),
        Some(&v) => {
            rt.fill_module(v)?;
            let d = rt.attr_dict(v);
            if d.is_heap() {
                return Ok(d);
            }
            if rt.kind(v) == Some(Kind::Instance) {
                return rt.get_attr(v, Value::qstr(Q___DICT__));
            }
            Err(rt.type_error(crate::packed!(
                "vars() argument must have __dict__ attribute"
            )))
        }
    }
}
