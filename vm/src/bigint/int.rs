//! [`BigInt`]: a sign and a [`BigUint`] magnitude, with Python's integer arithmetic: `+`, `-`,
//! `*`, truncating `/` and `%` (as Rust's) beside floor division, shifts, powers and
//! conversions to and from machine integers and floats.

use super::BigUint;
use crate::format::Float;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::ops::{Add, BitAnd, BitOr, BitXor, Div, Mul, Neg, Not, Rem, Shl, Shr, Sub};

/// The sign of a [`BigInt`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// Below zero.
    Minus,
    /// Zero.
    NoSign,
    /// Above zero.
    Plus,
}

/// A signed integer of any size. Zero is never negative.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BigInt {
    neg: bool,
    mag: BigUint,
}

impl BigInt {
    /// `-mag` if `neg`, else `mag` (a zero is never negative).
    pub fn from_parts(neg: bool, mag: BigUint) -> Self {
        BigInt {
            neg: neg && !mag.is_zero(),
            mag,
        }
    }

    /// The number with sign `sign` and magnitude `mag` (`NoSign` makes zero).
    pub fn from_biguint(sign: Sign, mag: BigUint) -> Self {
        match sign {
            Sign::NoSign => BigInt::default(),
            _ => BigInt::from_parts(sign == Sign::Minus, mag),
        }
    }

    /// The number with sign `sign` and little-endian limbs `limbs`.
    pub fn from_slice(sign: Sign, limbs: &[u32]) -> Self {
        BigInt::from_biguint(sign, BigUint::from_slice(limbs))
    }

    /// The sign.
    pub fn sign(&self) -> Sign {
        if self.neg {
            Sign::Minus
        } else if self.mag.is_zero() {
            Sign::NoSign
        } else {
            Sign::Plus
        }
    }

    /// The absolute value.
    pub fn magnitude(&self) -> &BigUint {
        &self.mag
    }

    /// Below zero?
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// Above zero?
    pub fn is_positive(&self) -> bool {
        !self.neg && !self.mag.is_zero()
    }

    /// Zero?
    pub fn is_zero(&self) -> bool {
        self.mag.is_zero()
    }

    /// Odd?
    pub fn is_odd(&self) -> bool {
        self.mag.bit(0)
    }

    /// The absolute value.
    pub fn abs(&self) -> BigInt {
        BigInt::from_parts(false, self.mag.clone())
    }

    /// Number of significant bits of the absolute value (0 for zero).
    pub fn bits(&self) -> u64 {
        self.mag.bits()
    }

    /// Bit `i` of the absolute value.
    pub fn bit(&self, i: u64) -> bool {
        self.mag.bit(i)
    }

    /// `self` to the power `e`.
    pub fn pow(&self, e: u32) -> BigInt {
        BigInt::from_parts(self.neg && e & 1 == 1, self.mag.pow(e))
    }

    /// `(self / d, self % d)`, the quotient rounded towards zero; `d` is not zero.
    pub fn div_rem(&self, d: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = self.mag.div_rem(&d.mag);
        (
            BigInt::from_parts(self.neg != d.neg, q),
            BigInt::from_parts(self.neg, r),
        )
    }

    /// `(self // d, self % d)` as Python computes them: the quotient rounded down, the
    /// remainder with the sign of `d`; `d` is not zero.
    pub fn div_mod_floor(&self, d: &BigInt) -> (BigInt, BigInt) {
        let (q, r) = self.div_rem(d);
        if !r.is_zero() && self.neg != d.neg {
            (q - BigInt::from(1), r + d)
        } else {
            (q, r)
        }
    }

    /// `self // d` (rounded down); `d` is not zero.
    pub fn div_floor(&self, d: &BigInt) -> BigInt {
        self.div_mod_floor(d).0
    }

    /// `self % d` with the sign of `d`; `d` is not zero.
    pub fn mod_floor(&self, d: &BigInt) -> BigInt {
        self.div_mod_floor(d).1
    }

    /// The value as a u64 (its low 64 bits and whether they are all of it).
    fn low_u64(&self) -> (u64, bool) {
        let l = self.mag.limbs();
        let at = |i: usize| l.get(i).copied().map_or(0, u64::from);
        (at(0) | at(1) << 32, l.len() <= 2)
    }

    /// The value as an i64, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        let (m, whole) = self.low_u64();
        if !whole {
            None
        } else if self.neg {
            (m <= 1 << 63).then_some((m as i64).wrapping_neg())
        } else {
            i64::try_from(m).ok()
        }
    }

    /// The value as a u64, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        let (m, whole) = self.low_u64();
        (whole && !self.neg).then_some(m)
    }

    /// The value as a u32, if it fits.
    pub fn to_u32(&self) -> Option<u32> {
        self.to_u64().and_then(|m| u32::try_from(m).ok())
    }

    /// The value as a usize, if it fits.
    pub fn to_usize(&self) -> Option<usize> {
        self.to_u64().and_then(|m| usize::try_from(m).ok())
    }

    /// The nearest float, ties to even (an infinity past the float range).
    pub fn to_float(&self) -> Float {
        let f = self.mag.to_float();
        if self.neg {
            -f
        } else {
            f
        }
    }

    /// The integer part of `f`, `None` for an infinity or NaN.
    pub fn from_float(f: Float) -> Option<BigInt> {
        if !f.is_finite() {
            return None;
        }
        // A subnormal's or zero's value is below 1: shifted out entirely.
        let (mantissa, exp) = crate::format::float_type::decompose(f);
        let m = BigUint::from(mantissa);
        let mag = if exp >= 0 {
            &m << exp as u64
        } else {
            &m >> u64::from(exp.unsigned_abs())
        };
        Some(BigInt::from_parts(f < 0.0, mag))
    }

    /// The number whose unsigned big-endian bytes are `bytes`, with sign `sign`.
    pub fn from_bytes_be(sign: Sign, bytes: &[u8]) -> BigInt {
        let mut limbs = alloc::vec![0u32; bytes.len().div_ceil(4)];
        for (i, &byte) in bytes.iter().rev().enumerate() {
            if let Some(limb) = limbs.get_mut(i / 4) {
                *limb |= u32::from(byte) << (8 * (i % 4));
            }
        }
        BigInt::from_biguint(sign, BigUint::new(limbs))
    }

    /// The number whose unsigned little-endian bytes are `bytes`, with sign `sign`.
    pub fn from_bytes_le(sign: Sign, bytes: &[u8]) -> BigInt {
        let mut be = bytes.to_vec();
        be.reverse();
        BigInt::from_bytes_be(sign, &be)
    }

    /// The number whose two's complement big-endian bytes are `bytes`.
    pub fn from_signed_bytes_be(bytes: &[u8]) -> BigInt {
        let mut le = bytes.to_vec();
        le.reverse();
        BigInt::from_signed_bytes_le(&le)
    }

    /// The number whose two's complement little-endian bytes are `bytes`.
    pub fn from_signed_bytes_le(bytes: &[u8]) -> BigInt {
        let n = BigInt::from_bytes_le(Sign::Plus, bytes);
        if bytes.last().is_some_and(|&top| top & 0x80 != 0) {
            n - (BigInt::from(1) << (bytes.len() as u64 * 8))
        } else {
            n
        }
    }

    /// The shortest two's complement little-endian bytes of the number (at least one).
    pub fn to_signed_bytes_le(&self) -> Vec<u8> {
        // Two's complement of a negative number is the complement of `|n| - 1`.
        let m = if self.neg {
            &self.mag - &BigUint::from(1u32)
        } else {
            self.mag.clone()
        };
        let fill = if self.neg { 0xff } else { 0 };
        let mut bytes: Vec<u8> = m
            .limbs()
            .iter()
            .flat_map(|l| l.to_le_bytes())
            .map(|b| b ^ fill)
            .collect();
        while bytes.last() == Some(&fill) {
            bytes.pop();
        }
        if bytes.last().is_none_or(|&top| (top ^ fill) & 0x80 != 0) {
            bytes.push(fill);
        }
        bytes
    }
}

impl From<i64> for BigInt {
    fn from(x: i64) -> Self {
        BigInt::from_parts(x < 0, BigUint::from(x.unsigned_abs()))
    }
}

impl From<i32> for BigInt {
    fn from(x: i32) -> Self {
        BigInt::from(i64::from(x))
    }
}

impl From<u64> for BigInt {
    fn from(x: u64) -> Self {
        BigInt::from_parts(false, BigUint::from(x))
    }
}

impl From<u32> for BigInt {
    fn from(x: u32) -> Self {
        BigInt::from(u64::from(x))
    }
}

impl From<i128> for BigInt {
    fn from(x: i128) -> Self {
        BigInt::from_parts(x < 0, BigUint::from(x.unsigned_abs()))
    }
}

impl From<BigUint> for BigInt {
    fn from(mag: BigUint) -> Self {
        BigInt::from_parts(false, mag)
    }
}

impl core::fmt::Display for BigInt {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&crate::format::radix::to_decimal(self))
    }
}

impl PartialOrd for BigInt {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigInt {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.mag.cmp(&other.mag),
            (true, true) => other.mag.cmp(&self.mag),
        }
    }
}

/// `a + b` with the signs given apart from the magnitudes (so `-` is `+` with `b` negated).
fn signed_add(a_neg: bool, a: &BigUint, b_neg: bool, b: &BigUint) -> BigInt {
    if a_neg == b_neg {
        return BigInt::from_parts(a_neg, a + b);
    }
    match a.cmp(b) {
        Ordering::Less => BigInt::from_parts(b_neg, b - a),
        _ => BigInt::from_parts(a_neg, a - b),
    }
}

impl Add<&BigInt> for &BigInt {
    type Output = BigInt;
    fn add(self, other: &BigInt) -> BigInt {
        signed_add(self.neg, &self.mag, other.neg, &other.mag)
    }
}

impl Sub<&BigInt> for &BigInt {
    type Output = BigInt;
    fn sub(self, other: &BigInt) -> BigInt {
        signed_add(self.neg, &self.mag, !other.neg, &other.mag)
    }
}

impl Mul<&BigInt> for &BigInt {
    type Output = BigInt;
    fn mul(self, other: &BigInt) -> BigInt {
        BigInt::from_parts(self.neg != other.neg, &self.mag * &other.mag)
    }
}

impl Div<&BigInt> for &BigInt {
    type Output = BigInt;
    /// The quotient rounded towards zero; `d` is not zero.
    fn div(self, d: &BigInt) -> BigInt {
        self.div_rem(d).0
    }
}

impl Rem<&BigInt> for &BigInt {
    type Output = BigInt;
    /// The remainder with the sign of `self`; `d` is not zero.
    fn rem(self, d: &BigInt) -> BigInt {
        self.div_rem(d).1
    }
}

/// The same operator for owned operands and mixes of owned and borrowed ones, through the
/// borrowed one.
macro_rules! forward {
    ($($tr:ident $f:ident),*) => {$(
        impl $tr<BigInt> for BigInt {
            type Output = BigInt;
            fn $f(self, other: BigInt) -> BigInt {
                (&self).$f(&other)
            }
        }
        impl $tr<&BigInt> for BigInt {
            type Output = BigInt;
            fn $f(self, other: &BigInt) -> BigInt {
                (&self).$f(other)
            }
        }
        impl $tr<BigInt> for &BigInt {
            type Output = BigInt;
            fn $f(self, other: BigInt) -> BigInt {
                self.$f(&other)
            }
        }
    )*};
}

forward!(Add add, Sub sub, Mul mul, Div div, Rem rem, BitAnd bitand, BitOr bitor, BitXor bitxor);

impl Neg for BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        BigInt::from_parts(!self.neg, self.mag)
    }
}

impl Neg for &BigInt {
    type Output = BigInt;
    fn neg(self) -> BigInt {
        -self.clone()
    }
}

impl Not for &BigInt {
    type Output = BigInt;
    /// `-self - 1`, as `~` on two's complement.
    fn not(self) -> BigInt {
        -(self + &BigInt::from(1))
    }
}

impl Shl<u64> for &BigInt {
    type Output = BigInt;
    fn shl(self, n: u64) -> BigInt {
        BigInt::from_parts(self.neg, &self.mag << n)
    }
}

impl Shl<u64> for BigInt {
    type Output = BigInt;
    fn shl(self, n: u64) -> BigInt {
        &self << n
    }
}

impl Shr<u64> for &BigInt {
    type Output = BigInt;
    /// Rounded down, as an arithmetic shift of two's complement: `-((|x| - 1) >> n) - 1` for
    /// a negative `x`.
    fn shr(self, n: u64) -> BigInt {
        if self.neg {
            let m = &self.mag - &BigUint::from(1u32);
            BigInt::from_parts(true, &(&m >> n) + &BigUint::from(1u32))
        } else {
            BigInt::from_parts(false, &self.mag >> n)
        }
    }
}

impl Shr<u64> for BigInt {
    type Output = BigInt;
    fn shr(self, n: u64) -> BigInt {
        &self >> n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(i: i64) -> BigInt {
        BigInt::from(i)
    }

    #[test]
    fn floor_division_follows_python_signs() {
        for (a, b) in [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -5)] {
            let (q, r) = int(a).div_mod_floor(&int(b));
            assert_eq!(
                q,
                int(a.div_euclid(b) - ((b < 0 && a.rem_euclid(b) != 0) as i64))
            );
            assert_eq!(&q * &int(b) + &r, int(a));
            assert!(r.is_zero() || r.is_negative() == (b < 0), "{a} % {b}");
            assert_eq!(int(a) / int(b), int(a / b));
            assert_eq!(int(a) % int(b), int(a % b));
        }
    }

    #[test]
    fn shifts_round_down() {
        for a in [-9i64, -8, -1, 0, 1, 9, i64::MIN, i64::MAX] {
            for s in [0u64, 1, 3, 63] {
                assert_eq!(&int(a) >> s, int(a >> s), "{a} >> {s}");
            }
        }
        assert_eq!(&int(-1) >> 200, int(-1));
        assert_eq!((&int(-3) << 100) >> 100, int(-3));
        assert_eq!(!&int(5), int(-6));
        assert_eq!(!&int(-1), int(0));
    }

    #[test]
    fn conversions() {
        assert_eq!(int(i64::MIN).to_i64(), Some(i64::MIN));
        assert_eq!((int(i64::MIN) - int(1)).to_i64(), None);
        assert_eq!(int(-1).to_u64(), None);
        assert_eq!(BigInt::from(u64::MAX).to_u64(), Some(u64::MAX));
        assert_eq!(
            BigInt::from_float(-2.5e30).map(|n| n.to_float()),
            Some(-2.5e30)
        );
        assert_eq!(BigInt::from_float(-0.75), Some(int(0)));
        assert_eq!(BigInt::from_float(1e-310), Some(int(0)));
        assert_eq!(BigInt::from_float(crate::format::Float::NAN), None);
        assert_eq!(int(-3).pow(3), int(-27));
        for n in [
            0i64,
            1,
            -1,
            127,
            128,
            -128,
            -129,
            255,
            256,
            -32768,
            i64::MIN,
        ] {
            let bytes = int(n).to_signed_bytes_le();
            let mut shortest = n.to_le_bytes().to_vec();
            while shortest.len() > 1
                && (shortest[shortest.len() - 1] == 0 && shortest[shortest.len() - 2] < 0x80
                    || shortest[shortest.len() - 1] == 0xff && shortest[shortest.len() - 2] >= 0x80)
            {
                shortest.pop();
            }
            assert_eq!(bytes, shortest, "{n}");
            assert_eq!(BigInt::from_signed_bytes_le(&bytes), int(n));
            let mut be = bytes.clone();
            be.reverse();
            assert_eq!(BigInt::from_signed_bytes_be(&be), int(n));
        }
        assert_eq!(
            BigInt::from_bytes_be(Sign::Plus, &[1, 0, 0, 0, 0]),
            int(1 << 32)
        );
        assert_eq!(BigInt::from_bytes_le(Sign::Minus, &[0, 1]), int(-256));
    }
}
