//! Decimal text to the nearest [`Float`] (ties to even), as CPython's `float()` and literals read
//! it: `digits[.digits][(e|E)[+|-]digits]`, digits on at least one side of the point, no sign,
//! no underscores (callers handle those).
//!
//! Short inputs take Clinger's fast path (the digits and the power of ten are both exact
//! doubles, so one rounding operation is exact); up to about 38 digits with a moderate
//! exponent the exact quotient or product is formed in `u128`; the rest in `BigUint`. Work and
//! memory are bounded whatever the input: only the first [`MAX_DIGITS`] significant digits
//! matter (plus whether any later one is non-zero), exponents saturate, and values certain to
//! overflow or underflow are decided from their digit counts alone.

use crate::bigint::BigUint;

use super::float_type::{exact_float, scale_exact, Float, FRACTION_BITS, MAX_LOG2, MIN_EXPONENT};
use super::natural::{leading_zeros_u128, pow10_bits_bound, Natural};

/// Significant digits kept: a value halfway between two adjacent doubles has at most 767
/// significant digits, so digits past 800 can only matter through being non-zero, which a
/// single 1 digit after the 800th stands for.
const MAX_DIGITS: usize = 800;

/// Exponents saturate here; anything this far out is infinite or zero whatever the digits.
const EXPONENT_LIMIT: i64 = 1 << 40;

/// Powers of ten that are exact doubles.
#[cfg(not(feature = "float32"))]
const EXACT_POWERS: [Float; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];
/// Powers of ten that are exact binary32 floats.
#[cfg(feature = "float32")]
const EXACT_POWERS: [Float; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/// Most digits that are always an exact float (15 for a double, 7 for binary32).
const EXACT_DIGITS: usize = Float::DIGITS as usize;

/// `len + power` (the decimal exponent plus one) above which a value is infinite (310 or 40):
/// it is then at least `10^(len + power - 1)`, beyond the largest float.
const INFINITE_FROM: i64 = Float::MAX_10_EXP as i64 + 2;

/// `len + power` below which a value rounds to zero: it is then below `10^(len + power)`,
/// less than half the smallest subnormal (`5e-324`, `1e-45`).
const ZERO_BELOW: i64 = if cfg!(feature = "float32") { -46 } else { -324 };

fn skip_digits(text: &[u8], mut at: usize) -> usize {
    while text.get(at).is_some_and(u8::is_ascii_digit) {
        at += 1;
    }
    at
}

/// The nearest double to the decimal literal `text`, or `None` if `text` is not one.
pub fn parse_decimal(text: &[u8]) -> Option<Float> {
    let whole_end = skip_digits(text, 0);
    let (fraction_start, fraction_end) = if text.get(whole_end) == Some(&b'.') {
        (whole_end + 1, skip_digits(text, whole_end + 1))
    } else {
        (whole_end, whole_end)
    };
    if whole_end == 0 && fraction_end == fraction_start {
        return None;
    }
    let mut at = fraction_end;
    let mut exponent: i64 = 0;
    if matches!(text.get(at), Some(b'e' | b'E')) {
        at += 1;
        let negative = text.get(at) == Some(&b'-');
        if matches!(text.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let start = at;
        while let Some(digit) = text.get(at).filter(|d| d.is_ascii_digit()) {
            exponent = (exponent * 10 + i64::from(digit - b'0')).min(EXPONENT_LIMIT);
            at += 1;
        }
        if at == start {
            return None;
        }
        if negative {
            exponent = -exponent;
        }
    }
    if at != text.len() {
        return None;
    }
    Some(decimal_value(
        text.get(..whole_end)?,
        text.get(fraction_start..fraction_end)?,
        exponent,
    ))
}

/// The digits of `whole` then `fraction` (ASCII digits), without their leading and trailing
/// zeros.
struct Significand<'a> {
    whole: &'a [u8],
    fraction: &'a [u8],
    /// Index of the first significant digit in `whole ++ fraction`.
    start: usize,
    /// Number of significant digits.
    len: usize,
}

impl Significand<'_> {
    fn digit(&self, index: usize) -> u8 {
        let at = self.start + index;
        let byte = match at.checked_sub(self.whole.len()) {
            None => self.whole.get(at),
            Some(in_fraction) => self.fraction.get(in_fraction),
        };
        byte.map_or(0, |b| b.wrapping_sub(b'0'))
    }

    /// The first `count` digits as a number.
    fn prefix<N: Natural>(&self, count: usize) -> N {
        let mut value = N::from_u64(0);
        let mut at = 0;
        while at < count {
            let chunk = (count - at).min(9);
            let mut part = 0u32;
            for index in at..at + chunk {
                part = part * 10 + u32::from(self.digit(index));
            }
            value.mul_small(10u32.pow(chunk as u32));
            value = value.plus(&N::from_u64(u64::from(part)));
            at += chunk;
        }
        value
    }
}

/// The nearest double to `int(whole ++ fraction) × 10^(exponent - len(fraction))`.
fn decimal_value(whole: &[u8], fraction: &[u8], exponent: i64) -> Float {
    let total = whole.len() + fraction.len();
    let at = |index: usize| match index.checked_sub(whole.len()) {
        None => whole.get(index),
        Some(in_fraction) => fraction.get(in_fraction),
    };
    let start = (0..total).find(|&i| at(i) != Some(&b'0')).unwrap_or(total);
    let end = (start..total)
        .rev()
        .find(|&i| at(i) != Some(&b'0'))
        .map_or(start, |i| i + 1);
    if start == end {
        return 0.0;
    }
    let digits = Significand {
        whole,
        fraction,
        start,
        len: end - start,
    };
    // value = digits × 10^power
    let trailing_zeros = (total - end) as i64;
    let mut power = exponent
        .saturating_sub(fraction.len() as i64)
        .saturating_add(trailing_zeros);
    let len = digits.len as i64;
    // 10^(len-1+power) <= value < 10^(len+power)
    if len.saturating_add(power) > INFINITE_FROM {
        return Float::INFINITY;
    }
    if len.saturating_add(power) < ZERO_BELOW {
        return 0.0;
    }
    let kept = digits.len.min(MAX_DIGITS);
    let exact_scale = EXACT_POWERS.get(power.unsigned_abs() as usize);
    if let (true, Some(&scale)) = (digits.len <= EXACT_DIGITS, exact_scale) {
        let value = exact_float(digits.prefix::<u128>(kept) as u64);
        return if power < 0 {
            value / scale
        } else {
            value * scale
        };
    }
    let sticky = digits.len > kept;
    power += (digits.len - kept) as i64;
    // Within the bounds above, |power| is at most about 1130.
    let power = power as i32;
    let digit_bits = pow10_bits_bound(kept as u32);
    let fits = if power >= 0 {
        digit_bits + pow10_bits_bound(power as u32) <= 127
    } else {
        // The quotient is formed from digits shifted to 56 bits past the divisor.
        digit_bits <= 127 && pow10_bits_bound(power.unsigned_abs()) <= 71
    };
    if fits && !sticky {
        exact_value::<u128>(digits.prefix(kept), power, false)
    } else {
        exact_value::<BigUint>(digits.prefix(kept), power, sticky)
    }
}

/// The nearest double to `(digits + δ) × 10^power`, where `0 < δ < 1` if `sticky` (a non-zero
/// digit was cut off), else `δ = 0`; `digits` is not zero.
fn exact_value<N: Natural>(mut digits: N, power: i32, sticky: bool) -> Float {
    if sticky {
        // Append a 1 digit: strictly between the cut value and the next one up.
        digits.mul_small(10);
        digits = digits.plus(&N::from_u64(1));
        return exact_value(digits, power - 1, false);
    }
    if power >= 0 {
        digits.mul_pow10(power as u32);
        return round_top_bits(&digits, 0, false);
    }
    // Enough bits in the quotient to round it (at least 56), with the remainder as sticky.
    let divisor_bits = pow10_bits_bound(power.unsigned_abs());
    let shift = (56 + divisor_bits).saturating_sub(digits.bit_len());
    let shift = u32::try_from(shift).unwrap_or(u32::MAX);
    digits.shl_bits(shift);
    let inexact = digits.div_pow10(power.unsigned_abs());
    let quotient = digits;
    round_top_bits(&quotient, -i64::from(shift), inexact)
}

/// The nearest double to `(n + δ) × 2^exponent`, `0 < δ < 1` if `sticky`.
fn round_top_bits<N: Natural>(n: &N, exponent: i64, sticky: bool) -> Float {
    let bits = n.bit_len();
    let dropped = bits.saturating_sub(128);
    let top = n.bits_from(dropped);
    let sticky = sticky || n.any_bit_below(dropped);
    round_to_float(top, exponent + dropped as i64, sticky)
}

/// The nearest double to `(m + δ) × 2^exponent`, `0 < δ < 1` if `sticky` (then `m` has at
/// least 54 bits), ties to even.
pub(crate) fn round_to_float(m: u128, exponent: i64, sticky: bool) -> Float {
    if m == 0 {
        return 0.0;
    }
    let floor_log2 = 127 - i64::from(leading_zeros_u128(m)) + exponent;
    if floor_log2 > i64::from(MAX_LOG2) {
        return Float::INFINITY;
    }
    // Weight of the last bit the float keeps: all its mantissa's, or fewer below the normal
    // range.
    let last = (floor_log2 - i64::from(FRACTION_BITS)).max(i64::from(MIN_EXPONENT));
    let drop = last - exponent;
    // The shifts go through `Natural`'s out-of-line ones: each variable 128-bit shift written
    // here would be some 150 bytes of riscv32 code.
    let mut kept = m;
    if drop <= 0 {
        kept.shl_bits(drop.unsigned_abs().min(127) as u32);
    } else if drop > 128 {
        kept = 0;
    } else {
        let drop = drop as u32;
        kept.shr_bits(u64::from(drop));
        let mut rest = kept;
        rest.shl_bits(drop);
        rest = m - rest;
        let mut half = 1u128;
        half.shl_bits(drop - 1);
        if rest > half || (rest == half && (sticky || kept & 1 == 1)) {
            kept += 1;
        }
    }
    scale_exact(kept as u64, last as i32)
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::*;
    use crate::format::test_support::random;
    use alloc::format;
    use alloc::string::String;

    fn check(text: &str) {
        let expected: f64 = text.parse().unwrap();
        let shown = &text[..text.len().min(120)];
        let got = parse_decimal(text.as_bytes()).unwrap_or_else(|| panic!("{shown} rejected"));
        assert_eq!(
            got.to_bits(),
            expected.to_bits(),
            "{shown}… ({} bytes)",
            text.len()
        );
    }

    #[test]
    fn matches_core_on_printed_random_floats() {
        let mut next = random(0x0123_4567_89ab_cdef);
        for _ in 0..50_000 {
            let x = f64::from_bits(next() & !(1 << 63));
            if !x.is_finite() {
                continue;
            }
            let precision = (next() % 25) as usize;
            check(&format!("{:.*e}", precision, x));
            check(&format!("{:e}", x));
            check(&format!("{:?}", x));
        }
    }

    #[test]
    fn matches_core_at_and_beside_halfway_points() {
        let mut next = random(0xfeed_beef_cafe_f00d);
        for _ in 0..3_000 {
            let x = f64::from_bits(next() & !(1 << 63) & !(0x7ff << 52) | (next() % 0x7fe) << 52);
            let x = if next().is_multiple_of(8) {
                f64::from_bits(next() % (1 << 52))
            } else {
                x
            };
            let above = f64::from_bits(x.to_bits() + 1);
            // The midpoint of x and the next double up, written out exactly.
            let (m, e) = super::super::float_shortest::decompose(x);
            let (m2, _) = super::super::float_shortest::decompose(above);
            let midpoint = BigUint::from(m + m2);
            let half_exponent = e - 1;
            let text = if half_exponent >= 0 {
                format!("{}", &midpoint << half_exponent as u64)
            } else {
                let scaled = &midpoint * &BigUint::from(5u32).pow(half_exponent.unsigned_abs());
                format!("{}e-{}", scaled, half_exponent.unsigned_abs())
            };
            check(&text);
            let (digits, exponent) = text.split_once('e').unwrap_or((&text, "0"));
            for tail in [
                "0000001",
                "00000000000000000000000000000000000000000000000000001",
            ] {
                check(&format!(
                    "{digits}{tail}e{}",
                    exponent.parse::<i64>().unwrap() - tail.len() as i64
                ));
            }
            let mut below = String::from(digits);
            let last = below.pop().unwrap();
            if last != '0' {
                below.push(char::from(last as u8 - 1));
                below.push_str("99999999999999999999");
                check(&format!(
                    "{below}e{}",
                    exponent.parse::<i64>().unwrap() - 20
                ));
            }
        }
    }

    #[test]
    fn matches_core_on_random_digit_strings() {
        let mut next = random(0x5555_aaaa_3333_cccc);
        for _ in 0..30_000 {
            let len = 1 + (next() % 40) as usize;
            let digits: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (next() % (len as u64 + 1)) as usize;
            let exponent = (next() % 700) as i64 - 350;
            check(&format!(
                "{}.{}e{}",
                &digits[..point],
                &digits[point..],
                exponent
            ));
            check(&format!("{digits}e{exponent}"));
        }
    }

    #[test]
    fn edges() {
        for text in [
            "0",
            "0.0",
            "00000",
            ".5",
            "5.",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "4.9e-324",
            "1e-324",
            "2.2250738585072011e-308",
            "2.2250738585072012e-308",
            "9007199254740993",
            "9007199254740992.9999999999999",
            "1e22",
            "1e23",
            "123456789012345678901234567890",
            "0.000000000000000000000000000001e30",
            "1e-400",
            "1e400",
            "0e999999999999",
            "1e-99999999999999999999",
            "1e99999999999999999999",
        ] {
            check(text);
        }
        // core reads this as 0.0; CPython, correctly, as 0.1.
        let long = format!("0.{}1e1000000", "0".repeat(1_000_000));
        assert_eq!(parse_decimal(long.as_bytes()), Some(0.1));
        let long = format!("1{}e-1000000", "0".repeat(1_000_000));
        assert_eq!(parse_decimal(long.as_bytes()), Some(1.0));
        let long = "9".repeat(400_000);
        assert_eq!(parse_decimal(long.as_bytes()), Some(f64::INFINITY));
    }

    #[test]
    fn rejects_what_is_not_a_literal() {
        for text in [
            "", ".", "e5", "1e", "1e+", "1.2.3", "1e5.0", "+1", "-1", "1_0", " 1", "inf", "0x10",
        ] {
            assert_eq!(parse_decimal(text.as_bytes()), None, "{text:?}");
        }
    }
}
