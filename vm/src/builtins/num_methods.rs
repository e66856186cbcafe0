//! Methods of `int` and `float` beyond the basics: `as_integer_ratio`, `hex`, `fromhex`,
//! `conjugate`, `bit_count` (all but `conjugate` with the `extra-methods` feature).

use super::*;
#[cfg(feature = "extra-methods")]
#[cfg(feature = "extra-methods")]
use crate::bigint::BigInt;
#[cfg(feature = "extra-methods")]
use crate::obj::exception::ExcKind;
#[cfg(feature = "extra-methods")]
#[cfg(feature = "extra-methods")]
fn self_float(rt: &mut Runtime, args: &[Value], name: &str) -> PyResult<crate::format::Float> {
    match args.first().and_then(|v| rt.float_val(*v)) {
        Some(f) => Ok(f),
        None => Err(super::descriptor_error(rt, name, "float")),
    }
}

#[cfg(feature = "extra-methods")]
fn self_int(rt: &mut Runtime, args: &[Value], name: &str) -> PyResult<BigInt> {
    match args.first().and_then(|v| rt.to_bigint(*v)) {
        Some(i) => Ok(i),
        None => Err(super::descriptor_error(rt, name, "int")),
    }
}

/// `float.as_integer_ratio()`: the exact fraction in lowest terms, positive denominator.
#[cfg(feature = "extra-methods")]
pub(super) fn float_as_integer_ratio(
    rt: &mut Runtime,
    args: &[Value],
    _kw: Value,
) -> PyResult<Value> {
    let x = self_float(rt, args, "as_integer_ratio")?;
    if x.is_infinite() {
        return Err(rt.raise(
            ExcKind::OverflowError,
            crate::packed!("cannot convert Infinity to integer ratio"),
        ));
    }
    if x.is_nan() {
        return Err(rt.value_error(crate::packed!("cannot convert NaN to integer ratio")));
    }
    let negative = x.is_sign_negative();
    let (mut mant, exp) = crate::format::float_type::decompose(x);
    let mut exp = i64::from(exp);
    if mant == 0 {
        exp = 0;
    }
    while mant != 0 && mant & 1 == 0 && exp < 0 {
        mant >>= 1;
        exp += 1;
    }
    let mut num = BigInt::from(mant);
    let mut den = BigInt::from(1);
    if exp >= 0 {
        num = num << exp as u64;
    } else {
        den = den << exp.unsigned_abs();
    }
    if negative {
        num = -num;
    }
    pair(rt, &num, &den)
}

#[cfg(feature = "extra-methods")]
fn pair(rt: &mut Runtime, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    let av = rt.new_bigint(a)?;
    rt.pin(av);
    let bv = rt.new_bigint(b);
    let r = bv.and_then(|bv| {
        rt.pin(bv);
        let t = rt.new_tuple(&[av, bv]);
        rt.unpin(1);
        t
    });
    rt.unpin(1);
    r
}

/// `int.as_integer_ratio()`: `(self, 1)`.
#[cfg(feature = "extra-methods")]
pub(super) fn int_as_integer_ratio(
    rt: &mut Runtime,
    args: &[Value],
    _kw: Value,
) -> PyResult<Value> {
    let i = self_int(rt, args, "as_integer_ratio")?;
    pair(rt, &i, &BigInt::from(1))
}

/// `float.hex()`.
#[cfg(feature = "extra-methods")]
pub(super) fn float_hex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let x = self_float(rt, args, "hex")?;
    let s = crate::format::float_hex(x);
    rt.new_str(&s)
}

/// `float.fromhex(s)` (a class method: the str is the last argument).
#[cfg(feature = "extra-methods")]
pub(super) fn float_fromhex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(s) = args.last().and_then(|v| rt.str_text(*v)) else {
        return Err(rt.type_error(crate::packed!("fromhex() argument must be str")));
    };
    match crate::format::float_fromhex(s) {
        Ok(f) => rt.new_float(f),
        Err(e) => Err(rt.raise_format(e)),
    }
}

/// `int.conjugate()` / `float.conjugate()`: the number itself (a bool gives its int).
pub(super) fn num_conjugate(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match args.first() {
        Some(&Value::TRUE) => Ok(Value::small(1)),
        Some(&Value::FALSE) => Ok(Value::small(0)),
        Some(&v) if rt.is_int(v) || rt.float_val(v).is_some() => Ok(v),
        #[cfg(feature = "complex")]
        Some(&v) if rt.complex_val(v).is_some() => {
            let (re, im) = rt.complex_val(v).unwrap_or_default();
            rt.new_complex(re, -im)
        }
        _ => Err(rt.type_error(crate::packed!("descriptor 'conjugate' requires a number"))),
    }
}

/// `int.bit_count()`: the number of one bits in `abs(self)`.
#[cfg(feature = "extra-methods")]
pub(super) fn int_bit_count(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let i = self_int(rt, args, "bit_count")?;
    let n: u64 = if i.is_zero() {
        0
    } else {
        i.magnitude()
            .limbs()
            .iter()
            .map(|d| d.count_ones() as u64)
            .sum()
    };
    rt.new_int(n as i64)
}
