//! The `math` module over libm, with CPython's names and domain errors. Its functions are
//! one native each, dispatched by their row.

use super::{Attr, ModuleDef};
use crate::format::{Float, FloatMath};
use crate::obj::exception::ExcKind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// One native per function, each handing its row to [`call`] (a number, which `call`'s
/// matches turn into jump tables where names took a string comparison each).
macro_rules! by_row {
    ($($f:ident: $row:ident,)*) => {
        $(fn $f(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
            call(rt, $row, args)
        })*
    };
}

by_row! {
    sqrt: SQRT,
    exp: EXP,
    log: LOG,
    log2: LOG2,
    log10: LOG10,
    sin: SIN,
    cos: COS,
    tan: TAN,
    asin: ASIN,
    acos: ACOS,
    atan: ATAN,
    sinh: SINH,
    cosh: COSH,
    tanh: TANH,
    fabs: FABS,
    floor: FLOOR,
    ceil: CEIL,
    trunc: TRUNC,
    pow: POW,
    atan2: ATAN2,
    fmod: FMOD,
    copysign: COPYSIGN,
    hypot: HYPOT,
    isnan: ISNAN,
    isinf: ISINF,
    isfinite: ISFINITE,
    degrees: DEGREES,
    radians: RADIANS,
    factorial: FACTORIAL,
    gcd: GCD,
    isclose: ISCLOSE,
    expm1: EXPM1,
    log1p: LOG1P,
    modf: MODF,
    frexp: FREXP,
    ldexp: LDEXP,
    asinh: ASINH,
    acosh: ACOSH,
    atanh: ATANH,
}

crate::native_table! {
    /// The natives of `math`.
    pub static NATIVES;
    SQRT = "sqrt" (1) => sqrt, module;
    EXP = "exp" (1) => exp, module;
    LOG = "log" (1..=2) => log, module;
    LOG2 = "log2" (1) => log2, module;
    LOG10 = "log10" (1) => log10, module;
    SIN = "sin" (1) => sin, module;
    COS = "cos" (1) => cos, module;
    TAN = "tan" (1) => tan, module;
    ASIN = "asin" (1) => asin, module;
    ACOS = "acos" (1) => acos, module;
    ATAN = "atan" (1) => atan, module;
    SINH = "sinh" (1) => sinh, module;
    COSH = "cosh" (1) => cosh, module;
    TANH = "tanh" (1) => tanh, module;
    FABS = "fabs" (1) => fabs, module;
    FLOOR = "floor" (1) => floor, module;
    CEIL = "ceil" (1) => ceil, module;
    TRUNC = "trunc" (1) => trunc, module;
    POW = "pow" (2) => pow, module;
    ATAN2 = "atan2" (2) => atan2, module;
    FMOD = "fmod" (2) => fmod, module;
    COPYSIGN = "copysign" (2) => copysign, module;
    HYPOT = "hypot" (0..) => hypot, module;
    ISNAN = "isnan" (1) => isnan, module;
    ISINF = "isinf" (1) => isinf, module;
    ISFINITE = "isfinite" (1) => isfinite, module;
    DEGREES = "degrees" (1) => degrees, module;
    RADIANS = "radians" (1) => radians, module;
    FACTORIAL = "factorial" (1) => factorial, module;
    GCD = "gcd" (0..) => gcd, module;
    ISCLOSE = "isclose" (2) => isclose, module;
    #[cfg(feature = "math-exp2")] EXP2 = "exp2" (1) => exp2, module;
    EXPM1 = "expm1" (1) => expm1, module;
    LOG1P = "log1p" (1) => log1p, module;
    MODF = "modf" (1) => modf, module;
    FREXP = "frexp" (1) => frexp, module;
    LDEXP = "ldexp" (2) => ldexp, module;
    ASINH = "asinh" (1) => asinh, module;
    ACOSH = "acosh" (1) => acosh, module;
    ATANH = "atanh" (1) => atanh, module;
}

/// The `math` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "math",
    natives: &NATIVES,
    attrs: &[
        ("pi", Attr::Float(&crate::format::float_type::consts::PI)),
        ("e", Attr::Float(&crate::format::float_type::consts::E)),
        ("tau", Attr::Float(&crate::format::float_type::consts::TAU)),
        ("inf", Attr::Float(&Float::INFINITY)),
        ("nan", Attr::Float(&Float::NAN)),
    ],
    init: None,
};

fn domain(rt: &mut Runtime) -> crate::runtime::Raised {
    rt.value_error(crate::packed!("math domain error"))
}

fn arg(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<Float> {
    let Some(v) = args.get(i) else {
        return Err(rt.type_error(crate::packed!("math function missing an argument")));
    };
    match rt.num_as_float(*v)? {
        Some(f) => Ok(f),
        None => Err(rt.type_error_naming("must be real number, not ", *v, "")),
    }
}

fn float_result(rt: &mut Runtime, x: Float, r: Float) -> PyResult<Value> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(rt));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(rt.raise(ExcKind::OverflowError, crate::packed!("math range error")));
    }
    rt.new_float(r)
}

#[cfg(feature = "math-exp2")]
by_row! { exp2: EXP2, }

/// Call math function `n`.
fn call(rt: &mut Runtime, n: u32, args: &[Value]) -> PyResult<Value> {
    let unary: Option<fn(Float) -> Float> = match n {
        EXP => Some(FloatMath::exp),
        SIN => Some(FloatMath::sin),
        COS => Some(FloatMath::cos),
        TAN => Some(FloatMath::tan),
        ASIN => Some(FloatMath::asin),
        ACOS => Some(FloatMath::acos),
        ATAN => Some(FloatMath::atan),
        SINH => Some(FloatMath::sinh),
        COSH => Some(FloatMath::cosh),
        TANH => Some(FloatMath::tanh),
        ASINH => Some(FloatMath::asinh),
        ACOSH => Some(FloatMath::acosh),
        ATANH => Some(FloatMath::atanh),
        FABS => Some(FloatMath::fabs),
        #[cfg(feature = "math-exp2")]
        EXP2 => Some(FloatMath::exp2),
        EXPM1 => Some(FloatMath::expm1),
        DEGREES => Some(|x: Float| x.to_degrees()),
        RADIANS => Some(|x: Float| x.to_radians()),
        _ => None,
    };
    if let Some(f) = unary {
        let x = arg(rt, args, 0)?;
        return float_result(rt, x, f(x));
    }
    match n {
        SQRT => {
            let x = arg(rt, args, 0)?;
            if x < 0.0 {
                return Err(domain(rt));
            }
            rt.new_float(FloatMath::sqrt(x))
        }
        LOG | LOG2 | LOG10 | LOG1P => {
            let x = arg(rt, args, 0)?;
            let lim = if n == LOG1P { -1.0 } else { 0.0 };
            if x <= lim {
                return Err(domain(rt));
            }
            let r = match n {
                LOG2 => FloatMath::log2(x),
                LOG10 => FloatMath::log10(x),
                LOG1P => FloatMath::log1p(x),
                _ => {
                    if args.len() > 1 {
                        let b = arg(rt, args, 1)?;
                        if b <= 0.0 || b == 1.0 {
                            return Err(domain(rt));
                        }
                        FloatMath::log(x) / FloatMath::log(b)
                    } else {
                        FloatMath::log(x)
                    }
                }
            };
            rt.new_float(r)
        }
        FLOOR | CEIL | TRUNC => {
            let v = args.first().copied().unwrap_or(Value::NONE);
            if rt.is_int(v) {
                return Ok(v);
            }
            let x = arg(rt, args, 0)?;
            let r = match n {
                FLOOR => FloatMath::floor(x),
                CEIL => FloatMath::ceil(x),
                _ => FloatMath::trunc(x),
            };
            crate::builtins::float_to_int_pub(rt, r)
        }
        POW | ATAN2 | FMOD | COPYSIGN | HYPOT | LDEXP => {
            let x = arg(rt, args, 0)?;
            let y = arg(rt, args, 1)?;
            let r = match n {
                POW => FloatMath::pow(x, y),
                ATAN2 => FloatMath::atan2(x, y),
                FMOD => {
                    if y == 0.0 {
                        return Err(domain(rt));
                    }
                    crate::format::fmod(x, y)
                }
                COPYSIGN => FloatMath::copysign(x, y),
                LDEXP => FloatMath::ldexp(x, y as i32),
                _ => FloatMath::hypot(x, y),
            };
            float_result(rt, x + y, r)
        }
        ISNAN | ISINF | ISFINITE => {
            let x = arg(rt, args, 0)?;
            Ok(Value::bool(match n {
                ISNAN => x.is_nan(),
                ISINF => x.is_infinite(),
                _ => x.is_finite(),
            }))
        }
        ISCLOSE => {
            let a = arg(rt, args, 0)?;
            let b = arg(rt, args, 1)?;
            let tol = 1e-9 * a.abs().max(b.abs());
            Ok(Value::bool(a == b || (a - b).abs() <= tol))
        }
        MODF => {
            let x = arg(rt, args, 0)?;
            let (f, i) = FloatMath::modf(x);
            let fv = rt.new_float(f)?;
            rt.pin(fv);
            let iv = rt.new_float(i);
            rt.unpin(1);
            let iv = iv?;
            rt.new_tuple(&[fv, iv])
        }
        FREXP => {
            let x = arg(rt, args, 0)?;
            let (m, e) = FloatMath::frexp(x);
            let mv = rt.new_float(m)?;
            rt.new_tuple(&[mv, Value::small(e)])
        }
        FACTORIAL => {
            let v = args.first().copied().unwrap_or(Value::NONE);
            if !rt.is_int(v) {
                return Err(
                    rt.type_error(crate::packed!("factorial() only accepts integral values"))
                );
            }
            let k = rt.int_arg(v)?;
            if k < 0 {
                return Err(rt.value_error(crate::packed!(
                    "factorial() not defined for negative values"
                )));
            }
            let mut acc = crate::bigint::BigInt::from(1);
            for j in 2..=k {
                acc = acc * crate::bigint::BigInt::from(j);
            }
            rt.new_bigint(&acc)
        }
        GCD => {
            let mut g = crate::bigint::BigInt::from(0);
            for a in args {
                let Some(x) = rt.to_bigint(*a) else {
                    return Err(rt.type_error(crate::packed!("gcd() arguments must be integers")));
                };
                g = g.gcd(&x);
            }
            rt.new_bigint(&g)
        }
        _ => Err(rt.type_error(crate::packed!("unknown math function"))),
    }
}
