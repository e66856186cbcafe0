//! The VM's Python `float`: an IEEE binary64 (`f64`), as CPython's, or with the `float32`
//! feature an IEEE binary32 (`f32`), as MicroPython's `MICROPY_FLOAT_IMPL_FLOAT` builds. The
//! feature changes every value a Python float holds (literals, `float()`, arithmetic, `repr`'s
//! shortest digits, formatting, int conversions): the algorithms are the same, parametrised
//! by the widths below, so each stays correctly rounded for its width. Without the feature
//! nothing differs from CPython.

/// A Python float's value.
#[cfg(not(feature = "float32"))]
pub type Float = f64;
/// A Python float's value.
#[cfg(feature = "float32")]
pub type Float = f32;

/// libm's functions for [`Float`] (`floor` is `floorf` under `float32`).
pub type FloatMath = libm::Libm<Float>;

/// Stored fraction bits (52 or 23); the mantissa has one more, implicit, bit.
pub const FRACTION_BITS: u32 = Float::MANTISSA_DIGITS - 1;

/// Exponent of a subnormal's lowest bit: `x = mantissa × 2^MIN_EXPONENT` for the smallest
/// exponent field (-1074 or -149).
pub const MIN_EXPONENT: i32 = Float::MIN_EXP - Float::MANTISSA_DIGITS as i32;

/// Ints below 2^EXACT_INT_BITS in magnitude are all floats exactly (53, or 24).
pub const EXACT_INT_BITS: u32 = Float::MANTISSA_DIGITS;

/// `floor(log2 x)` of the largest finite float (1023 or 127).
pub const MAX_LOG2: i32 = Float::MAX_EXP - 1;

/// The exponent field's bits, once shifted down.
const EXPONENT_MASK: u64 =
    (1 << (core::mem::size_of::<Float>() as u32 * 8 - 1 - FRACTION_BITS)) - 1;

/// A float's bits, widened to 64.
#[cfg(not(feature = "float32"))]
pub fn float_bits(x: Float) -> u64 {
    x.to_bits()
}

/// A float's bits, widened to 64.
#[cfg(feature = "float32")]
pub fn float_bits(x: Float) -> u64 {
    u64::from(x.to_bits())
}

/// `x = mantissa × 2^exponent` for a finite `x`, sign ignored; the mantissa includes the
/// implicit bit (so it has `FRACTION_BITS + 1` bits unless `x` is subnormal or zero).
pub(crate) fn decompose(x: Float) -> (u64, i32) {
    let bits = float_bits(x);
    let biased = ((bits >> FRACTION_BITS) & EXPONENT_MASK) as i32;
    let fraction = bits & ((1 << FRACTION_BITS) - 1);
    if biased == 0 {
        (fraction, MIN_EXPONENT)
    } else {
        (fraction | 1 << FRACTION_BITS, biased + MIN_EXPONENT - 1)
    }
}

/// The nearest float to `mantissa × 2^exponent` for a mantissa that fits the float exactly
/// (at most `FRACTION_BITS + 2` bits, the carry of a rounding included).
pub(crate) fn scale_exact(mantissa: u64, exponent: i32) -> Float {
    FloatMath::scalbn(exact_float(mantissa), exponent)
}

/// `n` as a float, `n` being one exactly (at most `FRACTION_BITS + 2` bits).
#[cfg(not(feature = "float32"))]
pub(crate) fn exact_float(n: u64) -> Float {
    n as Float
}

/// `n` as a float, `n` being one exactly (at most `FRACTION_BITS + 2` bits): through `i32`,
/// whose conversion the VM has anyway, not the 64-bit one.
#[cfg(feature = "float32")]
pub(crate) fn exact_float(n: u64) -> Float {
    n as i32 as Float
}

/// The float whose bits, widened to 64, are `bits`.
pub fn float_from_bits(bits: u64) -> Float {
    #[cfg(feature = "float32")]
    let bits = bits as u32;
    Float::from_bits(bits)
}

/// The mathematical constants (`PI`, `E`, `TAU`…) as [`Float`]s.
#[cfg(feature = "float32")]
pub use core::f32::consts;
/// The mathematical constants (`PI`, `E`, `TAU`…) as [`Float`]s.
#[cfg(not(feature = "float32"))]
pub use core::f64::consts;

/// `n` as a float, `n` being one exactly (below 2^MANTISSA_DIGITS in magnitude).
#[cfg(not(feature = "float32"))]
pub fn exact_int(n: i64) -> Float {
    n as Float
}

/// `n` as a float, `n` being one exactly (below 2^MANTISSA_DIGITS in magnitude): through
/// `i32`, whose conversion the VM has anyway, not the 64-bit one.
#[cfg(feature = "float32")]
pub fn exact_int(n: i64) -> Float {
    n as i32 as Float
}

/// The nearest float to `n`.
#[cfg(not(feature = "float32"))]
pub fn int_to_float(n: i64) -> Float {
    n as Float
}

/// The nearest float to `n`, rounded by [`round_to_float`] (already there for parsing)
/// rather than by the library's 64-bit conversion.
#[cfg(feature = "float32")]
pub fn int_to_float(n: i64) -> Float {
    let magnitude = super::decimal_to_float::round_to_float(u128::from(n.unsigned_abs()), 0, false);
    if n < 0 {
        -magnitude
    } else {
        magnitude
    }
}

/// `x` as an `f64` (exact), for code that computes in `f64` whatever the float's width.
#[cfg(not(feature = "float32"))]
pub fn widen(x: Float) -> f64 {
    x
}

/// `x` as an `f64` (exact), for code that computes in `f64` whatever the float's width.
#[cfg(feature = "float32")]
pub fn widen(x: Float) -> f64 {
    f64::from(x)
}

/// Binary32 against core's `f32` text (the f64 build's tests compare binary64 with core's and
/// CPython's): shortest digits, exact digits and parsing, on edge and random bit patterns.
#[cfg(all(test, feature = "float32"))]
mod tests {
    use super::super::decimal_to_float::parse_decimal;
    use super::super::float_repr::float_repr;
    use super::super::float_shortest::shortest_digits;
    use super::super::test_support::{exact_e, exact_f, random};
    use super::*;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// Edge patterns: zero's neighbours, subnormals, the normal boundary, powers of two and of
    /// ten with their neighbours, the largest float.
    fn edge_floats() -> Vec<f32> {
        let mut floats = Vec::new();
        for bits in [
            1u32,
            2,
            3,
            0x7f_ffff,
            0x80_0000,
            0x80_0001,
            0x7f7f_ffff,
            0x7f7f_fffe,
        ] {
            floats.push(f32::from_bits(bits));
        }
        for power in -149..128 {
            let x = FloatMath::ldexp(1.0, power);
            floats.extend([x, f32::from_bits(x.to_bits() + 1)]);
            if power > -149 {
                floats.push(f32::from_bits(x.to_bits() - 1));
            }
        }
        for power in -45..39 {
            let x: f32 = format!("1e{power}").parse().unwrap();
            for bits in [x.to_bits() - 1, x.to_bits(), x.to_bits() + 1] {
                floats.push(f32::from_bits(bits));
            }
        }
        for small in 1..5_000u32 {
            floats.extend([small as f32, small as f32 / 1000.0]);
        }
        floats
    }

    fn random_floats(count: usize) -> Vec<f32> {
        let mut next = random(0x2545_f491_4f6c_dd1d);
        (0..count)
            .map(|_| f32::from_bits(next() as u32 & !(1 << 31)))
            .filter(|x| x.is_finite())
            .collect()
    }

    /// Digits and decimal point of core's `{:e}` text.
    fn split(text: &str) -> (String, i32) {
        let (mantissa, exponent) = text.split_once('e').unwrap();
        (
            mantissa.replace('.', ""),
            exponent.parse::<i32>().unwrap() + 1,
        )
    }

    /// `repr`'s digits are core's shortest ones (where two are equally near core takes the
    /// upper, CPython the correctly rounded one), laid out as core's `{}` when the exponent is
    /// fixed notation's, and they read back as `x`.
    fn check_repr(x: f32) {
        let text = float_repr(x);
        assert_eq!(
            text.parse::<f32>().unwrap().to_bits(),
            x.to_bits(),
            "{text}"
        );
        assert_eq!(parse_decimal(text.as_bytes()), Some(x), "{text}");
        if x == 0.0 {
            return;
        }
        let digits = shortest_digits(x);
        let ours = (String::from(digits.as_str()), digits.point);
        let core = split(&format!("{:e}", x));
        if ours != core {
            let rounded = split(&format!("{:.*e}", core.0.len() - 1, x));
            assert_eq!(ours, rounded, "{x:e} ({:#x})", x.to_bits());
            return;
        }
        if -4 < digits.point && digits.point <= 16 {
            let mut expected = format!("{}", x);
            if !expected.contains('.') {
                expected.push_str(".0");
            }
            assert_eq!(text, expected, "{:#x}", x.to_bits());
        } else {
            let (first, rest) = ours.0.split_at(1);
            let point = if rest.is_empty() { "" } else { "." };
            let exponent = digits.point - 1;
            let sign = if exponent < 0 { '-' } else { '+' };
            let expected = format!("{first}{point}{rest}e{sign}{:02}", exponent.unsigned_abs());
            assert_eq!(text, expected, "{:#x}", x.to_bits());
        }
    }

    #[test]
    fn repr_is_the_shortest_text_that_reads_back() {
        for x in edge_floats().into_iter().chain(random_floats(200_000)) {
            check_repr(x);
        }
        for (x, text) in [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (f32::INFINITY, "inf"),
            (f32::NAN, "nan"),
            (0.1, "0.1"),
            (1e16, "1e+16"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (f32::MAX, "3.4028235e+38"),
            (f32::from_bits(1), "1e-45"),
            (f32::MIN_POSITIVE, "1.1754944e-38"),
            (16777216.0, "16777216.0"),
            (0.1 + 0.2, "0.3"),
        ] {
            assert_eq!(float_repr(x), text);
        }
    }

    #[test]
    fn exact_digits_match_core() {
        let mut sizes = random(0x9e37_79b9_7f4a_7c15);
        let floats = edge_floats().into_iter().chain(random_floats(30_000));
        for x in floats {
            for precision in [(sizes() % 25) as usize, (sizes() % 160) as usize] {
                assert_eq!(
                    exact_e(x, precision),
                    format!("{:.*e}", precision, x),
                    "{x:e}"
                );
                assert_eq!(
                    exact_f(x, precision),
                    format!("{:.*}", precision, x),
                    "{x:e}"
                );
            }
        }
    }

    #[test]
    fn int_conversion_rounds_as_core() {
        let mut next = random(0x0123_4567_89ab_cdef);
        for _ in 0..100_000 {
            let n = next() as i64 >> (next() % 64);
            assert_eq!(int_to_float(n).to_bits(), (n as f32).to_bits(), "{n}");
        }
        for n in [
            0,
            1,
            -1,
            16_777_217,
            -16_777_217,
            16_777_219,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(int_to_float(n).to_bits(), (n as f32).to_bits(), "{n}");
        }
        assert_eq!(exact_int(-16_777_215), -16_777_215.0);
    }

    fn check_parse(text: &str) {
        let expected: f32 = text.parse().unwrap();
        assert_eq!(
            parse_decimal(text.as_bytes()).map(f32::to_bits),
            Some(expected.to_bits()),
            "{text}"
        );
    }

    #[test]
    fn parsing_matches_core() {
        let mut next = random(0x5555_aaaa_3333_cccc);
        for _ in 0..100_000 {
            let len = 1 + (next() % 30) as usize;
            let digits: String = (0..len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (next() % (len as u64 + 1)) as usize;
            let exponent = (next() % 100) as i64 - 50;
            check_parse(&format!(
                "{}.{}e{}",
                &digits[..point],
                &digits[point..],
                exponent
            ));
            check_parse(&format!("{digits}e{exponent}"));
        }
        for x in edge_floats().into_iter().chain(random_floats(20_000)) {
            check_parse(&format!("{:e}", x));
            check_parse(&format!("{:.12e}", x));
            // Just above and below the midpoint to the next float up: one rounding, not two.
            let (m, e) = decompose(x);
            let midpoint = crate::bigint::BigUint::from(2 * m + 1);
            let text = if e >= 1 {
                format!("{}", &midpoint << (e - 1) as u64)
            } else {
                let five = crate::bigint::BigUint::from(5u32).pow((1 - e) as u32);
                format!("{}e-{}", &midpoint * &five, 1 - e)
            };
            check_parse(&text);
            check_parse(&format!("{text}1"));
        }
        for text in [
            "3.4028235e38",
            "3.4028236e38",
            "3.40282357e38",
            "1e39",
            "7e-46",
            "8e-46",
        ] {
            check_parse(text);
        }
        assert_eq!(parse_decimal(b"1e39"), Some(f32::INFINITY));
    }
}
