//! `cmath`: MicroPython's set (`phase`, `polar`, `rect`, `exp`, `log`, `log10`, `sqrt`, `sin`,
//! `cos`, `e`, `pi`) plus CPython's cheap extras (`tan`, `isfinite`, `isinf`, `isnan`,
//! `tau`, `inf`, `infj`, `nan`, `nanj`).
//!
//! The formulas are CPython's (`cmathmodule.c`) for finite arguments, so results agree with
//! CPython to the last digit where libm's real functions do: `sqrt` scales to avoid
//! overflow, `log` uses `log1p` near the unit circle, `sin`/`cos`/`tan` go through the
//! hyperbolic functions of `i*z`. Arguments with infinite or NaN parts follow the same
//! formulas rather than CPython's special-value tables.

use super::{Attr, ModuleDef};
use crate::format::{Float, FloatMath};
use crate::obj::complex::{c_abs, c_quot, C};
use crate::obj::exception::ExcKind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `cmath`.
    pub static NATIVES;
    PHASE = "phase" (1) => phase, module;
    POLAR = "polar" (1) => polar, module;
    RECT = "rect" (2) => rect, module;
    EXP = "exp" (1) => exp, module;
    LOG = "log" (1..=2) => log, module;
    LOG10 = "log10" (1) => log10, module;
    SQRT = "sqrt" (1) => sqrt, module;
    SIN = "sin" (1) => sin, module;
    COS = "cos" (1) => cos, module;
    TAN = "tan" (1) => tan, module;
    ISFINITE = "isfinite" (1) => isfinite, module;
    ISINF = "isinf" (1) => isinf, module;
    ISNAN = "isnan" (1) => isnan, module;
}

fn infj(rt: &mut Runtime) -> PyResult<Value> {
    rt.new_complex(0.0, Float::INFINITY)
}

fn nanj(rt: &mut Runtime) -> PyResult<Value> {
    rt.new_complex(0.0, Float::NAN)
}

/// The `cmath` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "cmath",
    natives: &NATIVES,
    attrs: &[
        ("pi", Attr::Float(&crate::format::float_type::consts::PI)),
        ("e", Attr::Float(&crate::format::float_type::consts::E)),
        ("tau", Attr::Float(&crate::format::float_type::consts::TAU)),
        ("inf", Attr::Float(&Float::INFINITY)),
        ("nan", Attr::Float(&Float::NAN)),
        ("infj", Attr::Made(infj)),
        ("nanj", Attr::Made(nanj)),
    ],
    init: None,
};

/// `log(x)` of a large double is `log(x/2) + ln 2`: keeps `hypot` from overflowing.
const LARGE_DOUBLE: Float = Float::MAX / 4.0;
/// Above this `exp(x)` overflows: computed as `exp(x-1)*e`.
const LOG_LARGE_DOUBLE: Float = if cfg!(feature = "float32") {
    87.33654 // log(LARGE_DOUBLE) of binary32
} else {
    708.3964185322641 // log(LARGE_DOUBLE)
};

fn z_arg(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<C> {
    let v = args.get(i).copied().unwrap_or(Value::NONE);
    rt.complex_arg(v, "must be real number")
}

fn real_arg(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<Float> {
    let v = args.get(i).copied().unwrap_or(Value::NONE);
    match rt.num_as_float(v)? {
        Some(x) => Ok(x),
        None => Err(rt.type_error_naming("must be real number, not ", v, "")),
    }
}

/// A complex result, `OverflowError` when it is infinite though `z` was finite.
fn result(rt: &mut Runtime, z: C, r: C) -> PyResult<Value> {
    let finite_in = z.0.is_finite() && z.1.is_finite();
    if finite_in && (r.0.is_infinite() || r.1.is_infinite()) {
        return Err(rt.raise(ExcKind::OverflowError, crate::packed!("math range error")));
    }
    rt.new_complex(r.0, r.1)
}

fn phase(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    rt.new_float(FloatMath::atan2(z.1, z.0))
}

fn polar(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    let Some(r) = c_abs(z) else {
        return Err(rt.raise(ExcKind::OverflowError, crate::packed!("math range error")));
    };
    let r = rt.new_float(r)?;
    rt.pin(r);
    let phi = rt.new_float(FloatMath::atan2(z.1, z.0));
    let t = phi.and_then(|phi| rt.new_tuple(&[r, phi]));
    rt.unpin(1);
    t
}

fn rect(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let r = real_arg(rt, args, 0)?;
    let phi = real_arg(rt, args, 1)?;
    if r.is_finite() && phi.is_infinite() {
        return Err(rt.value_error(crate::packed!("math domain error")));
    }
    // A zero angle keeps the imaginary part a signed zero (CPython: `r * phi`).
    let im = if phi == 0.0 {
        r * phi
    } else {
        r * FloatMath::sin(phi)
    };
    rt.new_complex(r * FloatMath::cos(phi), im)
}

fn c_exp(z: C) -> C {
    if z.0 > LOG_LARGE_DOUBLE {
        let l = FloatMath::exp(z.0 - 1.0);
        let e = crate::format::float_type::consts::E;
        (l * FloatMath::cos(z.1) * e, l * FloatMath::sin(z.1) * e)
    } else {
        let l = FloatMath::exp(z.0);
        (l * FloatMath::cos(z.1), l * FloatMath::sin(z.1))
    }
}

fn exp(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    result(rt, z, c_exp(z))
}

/// `log(z)`; `None` at zero.
fn c_log(z: C) -> Option<C> {
    let (ax, ay) = (FloatMath::fabs(z.0), FloatMath::fabs(z.1));
    let ln2 = crate::format::float_type::consts::LN_2;
    let re = if ax > LARGE_DOUBLE || ay > LARGE_DOUBLE {
        FloatMath::log(FloatMath::hypot(ax / 2.0, ay / 2.0)) + ln2
    } else if ax < Float::MIN_POSITIVE && ay < Float::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            let scale = 53;
            FloatMath::log(FloatMath::hypot(
                FloatMath::ldexp(ax, scale),
                FloatMath::ldexp(ay, scale),
            )) - scale as Float * ln2
        } else {
            return None;
        }
    } else {
        let h = FloatMath::hypot(ax, ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            FloatMath::log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            FloatMath::log(h)
        }
    };
    Some((re, FloatMath::atan2(z.1, z.0)))
}

fn log_of(rt: &mut Runtime, z: C) -> PyResult<C> {
    c_log(z).ok_or_else(|| rt.value_error(crate::packed!("math domain error")))
}

fn log(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    let mut r = log_of(rt, z)?;
    if args.len() > 1 {
        let base = z_arg(rt, args, 1)?;
        let lb = log_of(rt, base)?;
        r = match c_quot(r, lb) {
            Some(q) => q,
            None => {
                return Err(rt.raise(
                    ExcKind::ZeroDivisionError,
                    crate::packed!("complex division by zero"),
                ))
            }
        };
    }
    rt.new_complex(r.0, r.1)
}

fn log10(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    let r = log_of(rt, z)?;
    let ln10 = crate::format::float_type::consts::LN_10;
    rt.new_complex(r.0 / ln10, r.1 / ln10)
}

fn c_sqrt(z: C) -> C {
    if z.0 == 0.0 && z.1 == 0.0 {
        return (0.0, z.1);
    }
    let (ax, ay) = (FloatMath::fabs(z.0), FloatMath::fabs(z.1));
    let s = if ax < Float::MIN_POSITIVE && ay < Float::MIN_POSITIVE {
        // hypot(ax, ay) would be subnormal: scale up by 2**53, down by 2**-27.
        let ax = FloatMath::ldexp(ax, 53);
        FloatMath::ldexp(
            FloatMath::sqrt(ax + FloatMath::hypot(ax, FloatMath::ldexp(ay, 53))),
            -27,
        )
    } else {
        let ax = ax / 8.0;
        2.0 * FloatMath::sqrt(ax + FloatMath::hypot(ax, ay / 8.0))
    };
    let d = ay / (2.0 * s);
    if z.0 >= 0.0 {
        (s, FloatMath::copysign(d, z.1))
    } else {
        (d, FloatMath::copysign(s, z.1))
    }
}

fn sqrt(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    let r = c_sqrt(z);
    rt.new_complex(r.0, r.1)
}

fn c_sinh(z: C) -> C {
    (
        FloatMath::cos(z.1) * FloatMath::sinh(z.0),
        FloatMath::sin(z.1) * FloatMath::cosh(z.0),
    )
}

fn c_cosh(z: C) -> C {
    (
        FloatMath::cos(z.1) * FloatMath::cosh(z.0),
        FloatMath::sin(z.1) * FloatMath::sinh(z.0),
    )
}

fn c_tanh(z: C) -> C {
    if FloatMath::fabs(z.0) > LOG_LARGE_DOUBLE {
        let im = 4.0
            * FloatMath::sin(z.1)
            * FloatMath::cos(z.1)
            * FloatMath::exp(-2.0 * FloatMath::fabs(z.0));
        return (FloatMath::copysign(1.0, z.0), im);
    }
    let tx = FloatMath::tanh(z.0);
    let ty = FloatMath::tan(z.1);
    let cx = 1.0 / FloatMath::cosh(z.0);
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

fn sin(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    // sin(z) = -i sinh(iz)
    let s = c_sinh((-z.1, z.0));
    result(rt, z, (s.1, -s.0))
}

fn cos(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    // cos(z) = cosh(iz)
    let r = c_cosh((-z.1, z.0));
    result(rt, z, r)
}

fn tan(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    // tan(z) = -i tanh(iz)
    let t = c_tanh((-z.1, z.0));
    result(rt, z, (t.1, -t.0))
}

fn isfinite(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    Ok(Value::bool(z.0.is_finite() && z.1.is_finite()))
}

fn isinf(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    Ok(Value::bool(z.0.is_infinite() || z.1.is_infinite()))
}

fn isnan(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let z = z_arg(rt, args, 0)?;
    Ok(Value::bool(z.0.is_nan() || z.1.is_nan()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values printed by CPython 3.11's cmath.
    #[test]
    fn agrees_with_cpython() {
        assert_eq!(c_sqrt((-4.0, 0.0)), (0.0, 2.0));
        assert_eq!(c_sqrt((3.0, 4.0)), (2.0, 1.0));
        assert_eq!(c_sqrt((0.0, -0.0)), (0.0, -0.0));
        assert_eq!(c_log((1.0, 0.0)), Some((0.0, 0.0)));
        assert_eq!(c_log((0.0, 0.0)), None);
        assert_eq!(c_exp((0.0, 0.0)), (1.0, 0.0));
    }
}
