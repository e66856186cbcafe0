//! Correctly rounded decimal digits of a [`Float`] at a given decimal place or to a given number
//! of significant digits (CPython's `%f` and `%e`, dtoa's modes 3 and 2): the float's exact
//! binary value, scaled by a power of ten and rounded half to even, on exact integers (`u128`
//! when the numbers fit, `BigUint` otherwise).

use crate::bigint::BigUint;
use alloc::vec::Vec;

use super::float_shortest::{decompose, floor_log10_pow2, floor_log2};
use super::float_type::{Float, FRACTION_BITS};
use super::natural::{pow10_bits_bound, Natural};

/// Appends the decimal digits of `round_half_even(|x| × 10^place)` (at least one digit) to
/// `out`; `x` must be finite.
pub(crate) fn scaled_digits(x: Float, place: i32, out: &mut Vec<u8>) {
    let (mantissa, exponent) = decompose(x);
    let up = place.max(0) as u32;
    let down = place.min(0).unsigned_abs();
    let numerator_bits =
        u64::from(FRACTION_BITS) + 2 + exponent.max(0) as u64 + pow10_bits_bound(up);
    let denominator_bits = 2 + u64::from(exponent.min(0).unsigned_abs()) + pow10_bits_bound(down);
    if numerator_bits <= 126 && denominator_bits <= 126 {
        rounded_quotient::<u128>(mantissa, exponent, place, out);
    } else {
        rounded_quotient::<BigUint>(mantissa, exponent, place, out);
    }
}

fn rounded_quotient<N: Natural>(mantissa: u64, exponent: i32, place: i32, out: &mut Vec<u8>) {
    let mut numerator = N::from_u64(mantissa);
    if exponent >= 0 {
        numerator.shl_bits(exponent as u32);
    }
    let quotient = if place >= 0 {
        // The denominator is a power of two: shift, and round on the bits shifted out.
        numerator.mul_pow10(place as u32);
        let shift = u64::from(exponent.min(0).unsigned_abs());
        let half = shift > 0 && numerator.bit(shift - 1);
        let above_half = half && numerator.any_bit_below(shift - 1);
        let mut quotient = numerator;
        quotient.shr_bits(shift);
        if above_half || (half && quotient.bit(0)) {
            quotient.plus(&N::from_u64(1))
        } else {
            quotient
        }
    } else {
        let mut denominator = N::from_u64(1);
        denominator.shl_bits(exponent.min(0).unsigned_abs());
        denominator.mul_pow10(place.unsigned_abs());
        let (quotient, remainder) = numerator.div_rem(&denominator);
        let twice = remainder.plus(&remainder);
        if twice > denominator || (twice == denominator && quotient.bit(0)) {
            quotient.plus(&N::from_u64(1))
        } else {
            quotient
        }
    };
    quotient.push_decimal(out);
}

/// Replaces `digits` with the first `count` (at least 1) significant digits of `|x|`, correctly
/// rounded, and returns the decimal exponent of the first: `|x| ≈ D.DDD × 10^exponent`. Zero
/// gives `count` zeros and exponent 0. `x` must be finite.
pub(crate) fn significant_digits(x: Float, count: usize, digits: &mut Vec<u8>) -> i32 {
    digits.clear();
    let count = count.max(1);
    if x == 0.0 {
        digits.resize(count, b'0');
        return 0;
    }
    let (mantissa, exponent) = decompose(x);
    // floor(log10 |x|) is this or one more.
    let mut decimal_exponent = floor_log10_pow2(floor_log2(mantissa, exponent));
    let count_i32 = i32::try_from(count).unwrap_or(i32::MAX);
    for _ in 0..2 {
        digits.clear();
        scaled_digits(x, count_i32 - 1 - decimal_exponent, digits);
        let extra = digits.len().saturating_sub(count);
        if extra == 0 {
            break;
        }
        if digits.iter().skip(1).all(|&d| d == b'0') {
            // Rounding carried into a new digit (or the estimate was one low and the value
            // rounds to a power of ten either way): 1000… at one place higher.
            digits.truncate(count);
            decimal_exponent += extra as i32;
            break;
        }
        decimal_exponent += 1;
    }
    decimal_exponent
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use crate::format::float_shortest::tests::random_bits;
    use crate::format::test_support::{exact_e, exact_f};
    use alloc::format;

    fn check(x: f64, precision: usize) {
        let bits = x.to_bits();
        assert_eq!(
            exact_e(x, precision),
            format!("{:.*e}", precision, x),
            "{x:e} {bits:#x} .{precision}e"
        );
        assert_eq!(
            exact_f(x, precision),
            format!("{:.*}", precision, x),
            "{x:e} {bits:#x} .{precision}f"
        );
    }

    #[test]
    fn matches_core_on_random_floats_and_precisions() {
        let mut sizes = random_bits(usize::MAX);
        for bits in random_bits(30_000) {
            let x = f64::from_bits(bits & !(1 << 63));
            if x.is_finite() {
                let precision = (sizes.next().unwrap() % 25) as usize;
                check(x, precision);
            }
        }
    }

    #[test]
    fn matches_core_on_long_precisions_and_edges() {
        for x in [
            5e-324,
            2.2250738585072014e-308,
            0.1,
            1e300,
            1.7976931348623157e308,
            0.5,
            2.5,
        ] {
            for precision in [0, 1, 2, 16, 17, 30, 60, 200, 767, 1074, 1100] {
                check(x, precision);
            }
        }
        for x in [
            0.0, 0.5, 1.5, 2.5, 9.5, 0.125, 0.375, 99.5, 999.5, 9.995, 0.05, 1e22, 1e23,
        ] {
            for precision in 0..20 {
                check(x, precision);
            }
        }
        for power in -1074..1024 {
            let x = libm::ldexp(1.0, power);
            for precision in [0, 3, 17] {
                check(x, precision);
                check(f64::from_bits(x.to_bits() - 1), precision);
            }
        }
    }
}
