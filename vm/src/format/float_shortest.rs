//! The shortest decimal digits that read back as a given [`Float`] (CPython's `repr`, dtoa's
//! mode 0): of the shortest digit strings inside the float's rounding interval, the one nearest
//! the float, ties to an even last digit. The interval's ends belong to it when the float's
//! mantissa is even, because reading rounds ties to even.
//!
//! Steele & White's digit generation with Burger & Dybvig's scaling, on exact integers: `u128`
//! for magnitudes roughly between 1e-20 and 1e35, `BigUint` beyond.

use crate::bigint::BigUint;

pub(crate) use super::float_type::decompose;
use super::float_type::{Float, FRACTION_BITS, MIN_EXPONENT};
use super::natural::{leading_zeros_u128, pow10_bits_bound, Natural};

/// `floor(log2 x)` for `x = mantissa × 2^exponent`, `mantissa` not zero. Counted by the
/// out-of-line 128-bit count: a 64-bit one inlined is some 60 bytes of riscv32 code.
pub(crate) fn floor_log2(mantissa: u64, exponent: i32) -> i32 {
    exponent + 127 - leading_zeros_u128(u128::from(mantissa)) as i32
}

/// `floor(log10(2^power))`, exact for `|power| <= 1650`.
pub(crate) fn floor_log10_pow2(power: i32) -> i32 {
    // 78913 / 2^18 is log10(2) to enough places for this range.
    (power * 78913) >> 18
}

/// Most digits a shortest representation of an `f64` has (an `f32`'s has at most 9).
const MAX_DIGITS: usize = 17;

/// Shortest round-trip digits of a positive float: its value is `0.DIGITS × 10^point`.
pub(crate) struct ShortestDigits {
    bytes: [u8; MAX_DIGITS],
    len: usize,
    /// Where the decimal point goes, counted in digits from the first one.
    pub point: i32,
}

impl ShortestDigits {
    /// The digits, ASCII, first one non-zero, last one non-zero.
    pub fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|digits| core::str::from_utf8(digits).ok())
            .unwrap_or("0")
    }

    fn push(&mut self, digit: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = b'0' + digit;
            self.len += 1;
        }
    }

    /// Adds one to the last digit, carrying (`0.999` becomes `0.1` with the point moved).
    fn round_up(&mut self) {
        while let Some(last) = self.len.checked_sub(1) {
            if let Some(digit) = self.bytes.get_mut(last).filter(|d| **d < b'9') {
                *digit += 1;
                return;
            }
            self.len = last;
        }
        self.bytes[0] = b'1';
        self.len = 1;
        self.point += 1;
    }
}

/// The shortest digits of `x`, which must be finite and non-zero (its sign is ignored).
pub(crate) fn shortest_digits(x: Float) -> ShortestDigits {
    let (mantissa, exponent) = decompose(x);
    // The true decimal exponent is this or one more; `generate` corrects it.
    let point = floor_log10_pow2(floor_log2(mantissa, exponent)) + 1;
    let scale_bits = if exponent < 0 { 3 - exponent } else { 3 } as u64;
    let mut digits = ShortestDigits {
        bytes: [0; MAX_DIGITS],
        len: 0,
        point,
    };
    // The loop multiplies numbers below 10 × scale by 10 and adds; 4 bits of room above it.
    if scale_bits + pow10_bits_bound(point.max(0) as u32 + 1) <= 122 {
        generate::<u128>(mantissa, exponent, &mut digits);
    } else {
        generate::<BigUint>(mantissa, exponent, &mut digits);
    }
    digits
}

/// Fills `out` (whose `point` holds the estimate) with the digits of `mantissa × 2^exponent`.
fn generate<N: Natural>(mantissa: u64, exponent: i32, out: &mut ShortestDigits) {
    let even = mantissa.is_multiple_of(2);
    // At a power of two the float below is half as far away as the float above.
    let lower_closer = mantissa == 1 << FRACTION_BITS && exponent > MIN_EXPONENT;
    // value = r / s, and the interval's ends are (r - m_minus) / s and (r + m_plus) / s,
    // all scaled by 4 (and by 2^-exponent when that is fractional) to be integers.
    let mut r = N::from_u64(mantissa);
    r.shl_bits(2);
    let mut s = N::from_u64(4);
    let mut m_plus = N::from_u64(2);
    // Only kept apart from m_plus when it differs, which saves a multiplication per digit.
    let mut m_minus = lower_closer.then(|| N::from_u64(1));
    if exponent >= 0 {
        let exponent = exponent as u32;
        r.shl_bits(exponent);
        m_plus.shl_bits(exponent);
        if let Some(m_minus) = &mut m_minus {
            m_minus.shl_bits(exponent);
        }
    } else {
        s.shl_bits(exponent.unsigned_abs());
    }
    if out.point >= 0 {
        s.mul_pow10(out.point as u32);
    } else {
        let up = out.point.unsigned_abs();
        r.mul_pow10(up);
        m_plus.mul_pow10(up);
        if let Some(m_minus) = &mut m_minus {
            m_minus.mul_pow10(up);
        }
    }
    let reaches = |r: &N, m_plus: &N, s: &N| {
        let high = r.plus(m_plus);
        if even {
            high >= *s
        } else {
            high > *s
        }
    };
    if reaches(&r, &m_plus, &s) {
        s.mul_small(10);
        out.point += 1;
    }
    loop {
        r.mul_small(10);
        m_plus.mul_small(10);
        if let Some(m_minus) = &mut m_minus {
            m_minus.mul_small(10);
        }
        let m_minus = m_minus.as_ref().unwrap_or(&m_plus);
        let mut digit = 0;
        while r >= s {
            r.minus(&s);
            digit += 1;
        }
        let low_done = if even { r <= *m_minus } else { r < *m_minus };
        let high_done = reaches(&r, &m_plus, &s);
        if !low_done && !high_done && out.len < MAX_DIGITS {
            out.push(digit);
            continue;
        }
        let up = match (low_done, high_done) {
            (true, false) => false,
            (false, true) => true,
            // Both (or, impossibly, out of room): the nearer, ties to an even digit.
            _ => match r.plus(&r).cmp(&s) {
                core::cmp::Ordering::Less => false,
                core::cmp::Ordering::Greater => true,
                core::cmp::Ordering::Equal => digit % 2 == 1,
            },
        };
        out.push(digit);
        if up {
            out.round_up();
        }
        return;
    }
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
pub(crate) mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    /// Digits and exponent of core's `{:e}` text.
    fn split(text: &str) -> (String, i32) {
        let (mantissa, exponent) = text.split_once('e').unwrap();
        (
            mantissa.replace('.', ""),
            exponent.parse::<i32>().unwrap() + 1,
        )
    }

    /// Ours must be core's shortest digits, except where two candidates are equally near:
    /// core then takes the upper one, CPython the one with an even last digit, which is the
    /// correctly rounded one of that length.
    fn check(x: f64) {
        let ours = shortest_digits(x);
        let ours = (String::from(ours.as_str()), ours.point);
        let core = split(&format!("{:e}", x));
        if ours != core {
            let rounded = split(&format!("{:.*e}", core.0.len() - 1, x));
            assert_eq!(ours, rounded, "{x:e} ({:#x})", x.to_bits());
            let text = format!("0.{}e{}", ours.0, ours.1);
            assert_eq!(text.parse::<f64>().unwrap(), x, "{text} reads back");
        }
    }

    /// `count` pseudo-random 64-bit patterns (xorshift, the same every run).
    pub(crate) fn random_bits(count: usize) -> impl Iterator<Item = u64> {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        (0..count).map(move |_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        })
    }

    #[test]
    fn matches_core_on_random_bit_patterns() {
        for bits in random_bits(200_000) {
            let x = f64::from_bits(bits & !(1 << 63));
            if x.is_finite() && x != 0.0 {
                check(x);
            }
        }
    }

    #[test]
    fn matches_core_on_edges() {
        for bits in [
            1,
            2,
            3,
            (1 << 52) - 1,
            1 << 52,
            (1 << 52) + 1,
            0x7fef_ffff_ffff_ffff,
        ] {
            check(f64::from_bits(bits));
        }
        for power in -1074..1024 {
            let x = libm::ldexp(1.0, power);
            check(x);
            check(f64::from_bits(x.to_bits() + 1));
            if power > -1074 {
                check(f64::from_bits(x.to_bits() - 1));
            }
        }
        for power in -323..309 {
            let x: f64 = format!("1e{power}").parse().unwrap();
            for bits in [x.to_bits() - 1, x.to_bits(), x.to_bits() + 1] {
                check(f64::from_bits(bits));
            }
        }
        for small in 1..100_000u32 {
            check(f64::from(small));
            check(f64::from(small) / 1000.0);
        }
    }
}
