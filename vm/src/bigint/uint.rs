//! [`BigUint`]: an unsigned big integer, its limbs always trimmed (zero has none).

use super::mag;
use crate::format::{round_to_float, Float};
use alloc::vec::Vec;
use core::ops::{Add, Div, Mul, MulAssign, Rem, Shl, ShlAssign, Shr, ShrAssign, Sub, SubAssign};

/// An unsigned integer of any size over little-endian u32 limbs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    /// The number with little-endian limbs `limbs`.
    pub fn new(mut limbs: Vec<u32>) -> Self {
        mag::normalize(&mut limbs);
        BigUint { limbs }
    }

    /// The number with little-endian limbs `limbs`.
    pub fn from_slice(limbs: &[u32]) -> Self {
        BigUint {
            limbs: mag::trim(limbs).to_vec(),
        }
    }

    /// The limbs, least significant first, without high zeros.
    pub fn limbs(&self) -> &[u32] {
        &self.limbs
    }

    /// The limbs, least significant first, without high zeros.
    pub fn to_u32_digits(&self) -> Vec<u32> {
        self.limbs.clone()
    }

    /// Is it zero?
    pub fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// Number of significant bits (0 for zero).
    pub fn bits(&self) -> u64 {
        mag::bits(&self.limbs)
    }

    /// Bit `i` (from the least significant).
    pub fn bit(&self, i: u64) -> bool {
        mag::bit(&self.limbs, i)
    }

    /// Index of the lowest set bit, `None` for zero.
    pub fn trailing_zeros(&self) -> Option<u64> {
        mag::trailing_zeros(&self.limbs)
    }

    /// `self` to the power `e`, by squaring.
    pub fn pow(&self, mut e: u32) -> BigUint {
        let mut result = BigUint::from(1u32);
        let mut base = self.clone();
        while e > 0 {
            if e & 1 == 1 {
                result = &result * &base;
            }
            e >>= 1;
            if e > 0 {
                base = &base * &base;
            }
        }
        result
    }

    /// `(self / d, self % d)`; `d` is not zero.
    pub fn div_rem(&self, d: &BigUint) -> (BigUint, BigUint) {
        let (q, r) = mag::divrem(&self.limbs, &d.limbs);
        (BigUint { limbs: q }, BigUint { limbs: r })
    }

    /// The value as a u64, if it fits.
    pub fn to_u64(&self) -> Option<u64> {
        match self.limbs[..] {
            [] => Some(0),
            [a] => Some(a.into()),
            [a, b] => Some(u64::from(b) << 32 | u64::from(a)),
            _ => None,
        }
    }

    /// The value as a u128, if it fits.
    pub fn to_u128(&self) -> Option<u128> {
        if self.limbs.len() > 4 {
            return None;
        }
        Some(
            self.limbs
                .iter()
                .rev()
                .fold(0u128, |acc, &l| acc << 32 | u128::from(l)),
        )
    }

    /// The nearest float, ties to even (infinity past the float range).
    pub fn to_float(&self) -> Float {
        let bits = self.bits();
        if bits <= 64 {
            return round_to_float(u128::from(self.to_u64().unwrap_or(0)), 0, false);
        }
        // The top 64 bits and whether any bit below them is set: more than the float keeps
        // and its rounding bit, so they round as the exact value would.
        let drop = bits - 64;
        let top = BigUint::new(mag::shr(&self.limbs, drop))
            .to_u64()
            .unwrap_or(0);
        let sticky = self.trailing_zeros().is_some_and(|zeros| zeros < drop);
        round_to_float(
            u128::from(top),
            i64::try_from(drop).unwrap_or(i64::MAX),
            sticky,
        )
    }
}

impl From<u32> for BigUint {
    fn from(x: u32) -> Self {
        BigUint::new(alloc::vec![x])
    }
}

impl From<u64> for BigUint {
    fn from(x: u64) -> Self {
        // Exactly as many limbs as needed: zero allocates nothing.
        let limbs = match x {
            0 => Vec::new(),
            1..=0xffff_ffff => alloc::vec![x as u32],
            _ => alloc::vec![x as u32, (x >> 32) as u32],
        };
        BigUint { limbs }
    }
}

impl From<u128> for BigUint {
    fn from(x: u128) -> Self {
        BigUint::new((0..4).map(|i| (x >> (32 * i)) as u32).collect())
    }
}

impl core::fmt::Display for BigUint {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&crate::format::radix::to_radix(self, 10))
    }
}

impl PartialOrd for BigUint {
    fn partial_cmp(&self, other: &Self) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for BigUint {
    fn cmp(&self, other: &Self) -> core::cmp::Ordering {
        mag::cmp(&self.limbs, &other.limbs)
    }
}

impl Add<&BigUint> for &BigUint {
    type Output = BigUint;
    fn add(self, other: &BigUint) -> BigUint {
        BigUint {
            limbs: mag::add(&self.limbs, &other.limbs),
        }
    }
}

impl SubAssign<&BigUint> for BigUint {
    /// `self -= other`; `other` must be at most `self`.
    fn sub_assign(&mut self, other: &BigUint) {
        self.limbs = mag::sub(&self.limbs, &other.limbs);
    }
}

impl Sub<&BigUint> for &BigUint {
    type Output = BigUint;
    /// `self - other`; `other` must be at most `self`.
    fn sub(self, other: &BigUint) -> BigUint {
        BigUint {
            limbs: mag::sub(&self.limbs, &other.limbs),
        }
    }
}

impl Mul<&BigUint> for &BigUint {
    type Output = BigUint;
    fn mul(self, other: &BigUint) -> BigUint {
        BigUint {
            limbs: mag::mul(&self.limbs, &other.limbs),
        }
    }
}

impl MulAssign<BigUint> for BigUint {
    fn mul_assign(&mut self, other: BigUint) {
        *self = &*self * &other;
    }
}

impl MulAssign<u32> for BigUint {
    fn mul_assign(&mut self, m: u32) {
        self.limbs = mag::mul_limb(&self.limbs, m);
    }
}

impl Div<&BigUint> for &BigUint {
    type Output = BigUint;
    /// `self / d`; `d` is not zero.
    fn div(self, d: &BigUint) -> BigUint {
        self.div_rem(d).0
    }
}

impl Rem<&BigUint> for &BigUint {
    type Output = BigUint;
    /// `self % d`; `d` is not zero.
    fn rem(self, d: &BigUint) -> BigUint {
        self.div_rem(d).1
    }
}

impl Shl<u64> for &BigUint {
    type Output = BigUint;
    fn shl(self, n: u64) -> BigUint {
        BigUint {
            limbs: mag::shl(&self.limbs, n),
        }
    }
}

impl Shr<u64> for &BigUint {
    type Output = BigUint;
    fn shr(self, n: u64) -> BigUint {
        BigUint {
            limbs: mag::shr(&self.limbs, n),
        }
    }
}

impl ShlAssign<u32> for BigUint {
    fn shl_assign(&mut self, n: u32) {
        self.limbs = mag::shl(&self.limbs, n.into());
    }
}

impl ShrAssign<u64> for BigUint {
    fn shr_assign(&mut self, n: u64) {
        self.limbs = mag::shr(&self.limbs, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(not(feature = "float32"))]
    fn float_conversion_rounds_half_to_even() {
        let two = |e: u64| &BigUint::from(1u32) << e;
        // 2^64 + 2^11 is halfway between two floats: ties go to the even one, 2^64.
        let half = &two(64) + &two(11);
        assert_eq!(half.to_float(), 18446744073709551616.0);
        // One more unit far below the kept bits breaks the tie upwards.
        let above = &(&two(100) + &two(47)) + &BigUint::from(1u32);
        assert_eq!(
            above.to_float(),
            libm::ldexp(1.0 + libm::ldexp(1.0, -52), 100)
        );
        // (2^53 + 1) * 2^200 is a tie too, rounded to even 2^253.
        let tie = &(&two(53) + &BigUint::from(1u32)) << 200;
        assert_eq!(tie.to_float(), libm::ldexp(1.0, 253));
        // (2^53 + 3) * 2^200 rounds up to the even neighbour.
        let up = &(&two(53) + &BigUint::from(3u32)) << 200;
        assert_eq!(up.to_float(), libm::ldexp((1u64 << 53) as f64 + 4.0, 200));
        assert_eq!(two(1024).to_float(), f64::INFINITY);
        assert_eq!(BigUint::default().to_float(), 0.0);
    }

    #[test]
    fn pow_and_conversions() {
        let ten = BigUint::from(10u32);
        assert_eq!(ten.pow(20).to_u128(), Some(10u128.pow(20)));
        assert_eq!(ten.pow(0).to_u64(), Some(1));
        assert_eq!(BigUint::from(u128::MAX).to_u128(), Some(u128::MAX));
        assert_eq!(ten.pow(40).to_u128(), None);
        let (q, r) = ten.pow(30).div_rem(&BigUint::from(7u32));
        assert_eq!(q.to_u128(), Some(10u128.pow(30) / 7));
        assert_eq!(r.to_u64(), Some((10u128.pow(30) % 7) as u64));
    }
}
