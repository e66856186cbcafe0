//! Float arithmetic whose CPython semantics are more than the IEEE operation: `round()`,
//! `//`, `%`, `divmod()` and `**`.
//!
//! `round(x, n)` is correctly rounded: the decimal digits come from the float's exact value
//! (`round(2.675, 2)` is `2.67` because 2.675 is really 2.67499999…), ties at exact decimal
//! halves go to even, and the decimal result is read back correctly rounded.

use alloc::vec::Vec;

use super::decimal_to_float::parse_decimal;
use super::error::{ErrorKind, FormatError};
use super::float_exact::scaled_digits;
use super::float_type::{Float, FloatMath};
use crate::format::message::{fill, ToArg};

/// Beyond this many decimal places every float already rounds to itself (CPython's
/// `NDIGITS_MAX`, `(MANT_DIG - MIN_EXP) · log10 2`: 323, or 44 for binary32).
const NDIGITS_MAX: i64 = (Float::MANTISSA_DIGITS as i64 - Float::MIN_EXP as i64) * 30103 / 100_000;
/// Below this every finite float rounds to zero (CPython's `NDIGITS_MIN`,
/// `-(MAX_EXP + 1) · log10 2`: -308, or -38 for binary32).
const NDIGITS_MIN: i64 = -(Float::MAX_EXP as i64 + 1) * 30103 / 100_000;

/// `round(x)` with no digits: the nearest integer-valued float, ties to even. The runtime
/// turns it into an int (raising for `inf`/`nan`).
pub fn round_half_even(x: Float) -> Float {
    let rounded = FloatMath::round(x);
    if FloatMath::fabs(x - rounded) == 0.5 {
        2.0 * FloatMath::round(x / 2.0)
    } else {
        rounded
    }
}

/// `round(x, ndigits)` for a float. Fails only with CPython's `OverflowError` when rounding
/// carries past the largest float.
pub fn round_float(x: Float, ndigits: i64) -> Result<Float, FormatError> {
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let mut text = Vec::new();
    scaled_digits(x, ndigits as i32, &mut text);
    text.extend_from_slice(fill("e{}", &[(-ndigits).arg()]).as_bytes());
    let magnitude = parse_decimal(&text).unwrap_or(Float::NAN);
    if magnitude.is_infinite() {
        return Err(FormatError::overflow(crate::packed!(
            "rounded value too large to represent"
        )));
    }
    Ok(FloatMath::copysign(magnitude, x))
}

fn zero_division(message: &str) -> FormatError {
    FormatError {
        kind: ErrorKind::ZeroDivision,
        message: message.into(),
    }
}

/// `x % y` for floats: the result takes the sign of `y` (zero as `copysign(0, y)`).
pub fn float_mod(x: Float, y: Float) -> Result<Float, FormatError> {
    if y == 0.0 {
        return Err(zero_division("float modulo"));
    }
    let remainder = crate::format::fmod(x, y);
    Ok(if remainder == 0.0 {
        FloatMath::copysign(0.0, y)
    } else if (y < 0.0) != (remainder < 0.0) {
        remainder + y
    } else {
        remainder
    })
}

/// `divmod(x, y)` for floats, without the zero check: CPython's algorithm, which keeps
/// `q * y + r` close to `x` and gets the signs of zero results right.
fn divmod_nonzero(x: Float, y: Float) -> (Float, Float) {
    let mut remainder = crate::format::fmod(x, y);
    let mut quotient = (x - remainder) / y;
    if remainder != 0.0 {
        if (y < 0.0) != (remainder < 0.0) {
            remainder += y;
            quotient -= 1.0;
        }
    } else {
        remainder = FloatMath::copysign(0.0, y);
    }
    let floor_quotient = if quotient != 0.0 {
        let floored = FloatMath::floor(quotient);
        if quotient - floored > 0.5 {
            floored + 1.0
        } else {
            floored
        }
    } else {
        FloatMath::copysign(0.0, x / y)
    };
    (floor_quotient, remainder)
}

/// `divmod(x, y)` for floats.
pub fn float_divmod(x: Float, y: Float) -> Result<(Float, Float), FormatError> {
    if y == 0.0 {
        return Err(zero_division("float divmod()"));
    }
    Ok(divmod_nonzero(x, y))
}

/// `x // y` for floats.
pub fn float_floordiv(x: Float, y: Float) -> Result<Float, FormatError> {
    if y == 0.0 {
        return Err(zero_division("float floor division by zero"));
    }
    Ok(divmod_nonzero(x, y).0)
}

/// What `float ** float` produces.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FloatPow {
    /// A float result.
    Real(Float),
    /// A negative base with a non-integral exponent: CPython computes a complex power.
    NeedsComplex,
}

/// `x ** y` for floats, with CPython's special cases (`nan ** 0 == 1`, `1 ** nan == 1`,
/// `(-inf) ** 3 == -inf`, `0.0 ** -1` raises, overflow raises).
pub fn float_pow(x: Float, y: Float) -> Result<FloatPow, FormatError> {
    use FloatPow::Real;
    if y == 0.0 {
        return Ok(Real(1.0));
    }
    if x.is_nan() {
        return Ok(Real(x));
    }
    if y.is_nan() {
        return Ok(Real(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let base = FloatMath::fabs(x);
        return Ok(Real(if base == 1.0 {
            1.0
        } else if (y > 0.0) == (base > 1.0) {
            Float::INFINITY
        } else {
            0.0
        }));
    }
    let y_is_odd_integer = crate::format::fmod(FloatMath::fabs(y), 2.0) == 1.0;
    if x.is_infinite() {
        return Ok(Real(match (y > 0.0, y_is_odd_integer) {
            (true, true) => x,
            (true, false) => FloatMath::fabs(x),
            (false, true) => FloatMath::copysign(0.0, x),
            (false, false) => 0.0,
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Real(if y_is_odd_integer { x } else { 0.0 }));
    }
    let (base, negate) = if x < 0.0 {
        if y != FloatMath::floor(y) {
            return Ok(FloatPow::NeedsComplex);
        }
        (-x, y_is_odd_integer)
    } else {
        (x, false)
    };
    if base == 1.0 {
        return Ok(Real(if negate { -1.0 } else { 1.0 }));
    }
    // CPython's pow (glibc) and libm's (fdlibm) are both within a hair of an ulp but not
    // always the same ulp; the square root, common in scripts, is exact in both senses.
    let result = if y == 0.5 {
        FloatMath::sqrt(base)
    } else {
        FloatMath::pow(base, y)
    };
    if result.is_infinite() {
        return Err(FormatError::overflow(crate::packed!(
            "(34, 'Numerical result out of range')"
        )));
    }
    Ok(Real(if negate { -result } else { result }))
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::*;
    use alloc::format;

    /// A float result: exact bits, or any NaN.
    #[derive(Clone, Copy, Debug)]
    enum Float {
        Bits(u64),
        Nan,
    }
    use self::Float::{Bits, Nan};

    type Outcome<T> = Result<T, &'static str>;

    /// `(x, n, round(x, n))` printed by CPython 3.11.
    const ROUND: &[(Float, i64, Outcome<Float>)] = &include!("vectors/float_round.rs");
    /// `(x, float(round(x)))`.
    const ROUND_HALF_EVEN: &[(Float, Float)] = &include!("vectors/float_round_half_even.rs");
    /// `(x, y, x % y, x // y, divmod(x, y), x ** y)`; `**` is `PowExpected::Complex` where
    /// CPython returns a complex.
    #[allow(clippy::type_complexity)]
    const BINARY: &[(
        Float,
        Float,
        Outcome<Float>,
        Outcome<Float>,
        Outcome<(Float, Float)>,
        Outcome<PowExpected>,
    )] = &include!("vectors/float_binary.rs");

    #[derive(Clone, Copy, Debug)]
    enum PowExpected {
        Real(Float),
        Complex,
    }

    fn value(f: Float) -> f64 {
        match f {
            Bits(bits) => f64::from_bits(bits),
            Nan => f64::NAN,
        }
    }

    fn same(expected: Float, got: f64) -> bool {
        match expected {
            Bits(bits) => got.to_bits() == bits,
            Nan => got.is_nan(),
        }
    }

    /// `libm::pow` (musl's) is not always correctly rounded as glibc's is, so `**` results
    /// may differ from CPython's in the last bit.
    fn within_one_ulp(expected: Float, got: f64) -> bool {
        match expected {
            Bits(bits) => {
                got.is_sign_negative() == f64::from_bits(bits).is_sign_negative()
                    && got.to_bits().abs_diff(bits) <= 1
            }
            Nan => got.is_nan(),
        }
    }

    fn check(what: &str, expected: Outcome<Float>, got: Result<f64, FormatError>) {
        match (expected, got) {
            (Ok(e), Ok(g)) => assert!(same(e, g), "{what}: expected {:e}, got {g:e}", value(e)),
            (Err(message), Err(err)) => assert_eq!(err.message, message, "{what}"),
            (e, g) => panic!("{what}: expected {e:?}, got {g:?}"),
        }
    }

    #[test]
    fn round_matches_cpython() {
        for &(x, n, expected) in ROUND {
            let x = value(x);
            check(&format!("round({x:e}, {n})"), expected, round_float(x, n));
        }
    }

    #[test]
    fn round_half_even_matches_cpython() {
        for &(x, expected) in ROUND_HALF_EVEN {
            let x = value(x);
            // The runtime makes an int of the result, so the sign of a zero does not matter.
            assert_eq!(round_half_even(x), value(expected), "round({x:e})");
        }
    }

    /// `(x, x ** 0.5)` as f64 bits, printed by CPython 3.11.
    const SQUARE_ROOTS: &[(u64, u64)] = &include!("vectors/float_square_root.rs");

    #[test]
    fn square_roots_match_cpython_exactly() {
        for &(x, root) in SQUARE_ROOTS {
            let x = f64::from_bits(x);
            assert_eq!(
                float_pow(x, 0.5),
                Ok(FloatPow::Real(f64::from_bits(root))),
                "{x:e}"
            );
        }
    }

    #[test]
    fn binary_operations_match_cpython() {
        for &(x, y, modulo, floordiv, divmod, pow) in BINARY {
            let (x, y) = (value(x), value(y));
            check(&format!("{x:e} % {y:e}"), modulo, float_mod(x, y));
            check(&format!("{x:e} // {y:e}"), floordiv, float_floordiv(x, y));
            match (divmod, float_divmod(x, y)) {
                (Ok((q, r)), Ok((gq, gr))) => {
                    assert!(same(q, gq) && same(r, gr), "divmod({x:e}, {y:e})")
                }
                (Err(message), Err(err)) => assert_eq!(err.message, message),
                (e, g) => panic!("divmod({x:e}, {y:e}): expected {e:?}, got {g:?}"),
            }
            match (pow, float_pow(x, y)) {
                (Ok(PowExpected::Real(e)), Ok(FloatPow::Real(g))) => {
                    assert!(
                        within_one_ulp(e, g),
                        "{x:e} ** {y:e}: expected {:e}, got {g:e}",
                        value(e)
                    )
                }
                (Ok(PowExpected::Complex), Ok(FloatPow::NeedsComplex)) => {}
                (Err(message), Err(err)) => assert_eq!(err.message, message, "{x:e} ** {y:e}"),
                (e, g) => panic!("{x:e} ** {y:e}: expected {e:?}, got {g:?}"),
            }
        }
    }
}
