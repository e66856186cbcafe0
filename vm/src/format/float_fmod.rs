//! C's `fmod(x, y)`: `x - n*y` for the integer `n` that truncates `x/y`, which is always exact
//! (a float), so any correct method gives CPython's result bit for bit. This one reduces the
//! integer mantissas one binary place at a time, a few instructions per place; `libm`'s is
//! about 4 KB of code on riscv32.

use super::float_type::{decompose, scale_exact, Float, FloatMath};

/// `fmod(x, y)`: NaN when `x` is infinite, `y` is zero or either is NaN; `x` when `y` is
/// infinite; otherwise with the sign of `x`.
pub fn fmod(x: Float, y: Float) -> Float {
    if x.is_nan() || y.is_nan() || x.is_infinite() || y == 0.0 {
        return Float::NAN;
    }
    if y.is_infinite() || FloatMath::fabs(x) < FloatMath::fabs(y) {
        return x;
    }
    let (x_mantissa, x_exponent) = decompose(x);
    let (y_mantissa, y_exponent) = decompose(y);
    // |x| >= |y| makes x_exponent >= y_exponent: both mantissas have all their bits unless subnormal,
    // and then both exponents are the smallest.
    // `y` is finite and not zero, so its mantissa is not zero.
    let mut remainder = x_mantissa % y_mantissa.max(1);
    for _ in y_exponent..x_exponent {
        remainder <<= 1;
        if remainder >= y_mantissa {
            remainder -= y_mantissa;
        }
    }
    FloatMath::copysign(scale_exact(remainder, y_exponent), x)
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::*;

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn matches_libm_fmod() {
        let mut seed = 0x6a09_e667_f3bc_c908_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let specials = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            3.0,
            5e-324,
            -5e-324,
            1e308,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            2.5,
            -7.25,
        ];
        for &x in &specials {
            for &y in &specials {
                assert!(same(fmod(x, y), libm::fmod(x, y)), "fmod({x:e}, {y:e})");
            }
        }
        for _ in 0..100_000 {
            let x = f64::from_bits(next());
            // Mostly nearby magnitudes, sometimes any.
            let y = if next() % 4 == 0 {
                f64::from_bits(next())
            } else {
                f64::from_bits(x.to_bits() ^ (next() >> (12 + next() % 50)))
            };
            assert!(same(fmod(x, y), libm::fmod(x, y)), "fmod({x:e}, {y:e})");
        }
    }
}
