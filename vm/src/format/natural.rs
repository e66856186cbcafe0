//! The exact unsigned arithmetic that float formatting and parsing run on: `u128` when the
//! numbers involved are known to fit (most floats met in practice, and fast), `BigUint` when
//! they may not (very large or small magnitudes, long precisions, long digit strings).
//!
//! The algorithms are written once over [`Natural`]; callers pick the type from a bound on the
//! bits they will need, so `u128` arithmetic here never overflows.

use crate::bigint::BigUint;
use alloc::vec::Vec;

/// An unsigned integer with the operations exact float conversion needs.
pub(crate) trait Natural: Clone + Ord {
    /// The number `x`.
    fn from_u64(x: u64) -> Self;
    /// `self *= 2^bits`.
    fn shl_bits(&mut self, bits: u32);
    /// `self /= 2^bits`, rounding down.
    fn shr_bits(&mut self, bits: u64);
    /// `self *= factor`.
    fn mul_small(&mut self, factor: u32);
    /// `self + other`.
    fn plus(&self, other: &Self) -> Self;
    /// `self -= other`; `other` is at most `self`.
    fn minus(&mut self, other: &Self);
    /// `self /= 10^exponent`, rounding down; true if that dropped a non-zero remainder.
    fn div_pow10(&mut self, exponent: u32) -> bool;
    /// `(self / divisor, self % divisor)`; `divisor` is not zero.
    fn div_rem(&self, divisor: &Self) -> (Self, Self);
    /// Number of significant bits (0 for zero).
    fn bit_len(&self) -> u64;
    /// Bit `index` (counted from the least significant) is set.
    fn bit(&self, index: u64) -> bool;
    /// The bits from `from` upwards, as many as fit in a `u128`; the caller asks for at most 128.
    fn bits_from(&self, from: u64) -> u128;
    /// Any bit below `below` is set.
    fn any_bit_below(&self, below: u64) -> bool;
    /// Appends the decimal digits (ASCII, no leading zeros; `0` for zero).
    fn push_decimal(&self, out: &mut Vec<u8>);

    /// `self *= 10^exponent`.
    fn mul_pow10(&mut self, mut exponent: u32) {
        while exponent >= 9 {
            self.mul_small(1_000_000_000);
            exponent -= 9;
        }
        if exponent > 0 {
            self.mul_small(10u32.pow(exponent));
        }
    }
}

impl Natural for u128 {
    fn from_u64(x: u64) -> Self {
        u128::from(x)
    }
    // Out of line, as is `shr_bits`: a variable 128-bit shift is some 150 bytes of code on a
    // 32-bit core, and the conversions shift a few times per number, outside their digit loops.
    #[inline(never)]
    fn shl_bits(&mut self, bits: u32) {
        *self <<= bits;
    }
    #[inline(never)]
    fn shr_bits(&mut self, bits: u64) {
        *self = self
            .checked_shr(u32::try_from(bits).unwrap_or(u32::MAX))
            .unwrap_or(0);
    }
    fn mul_small(&mut self, factor: u32) {
        // Limb by limb in 64-bit arithmetic, written out: a 32-bit core has no 128-bit
        // multiply, and the library routine for one (or a loop with variable shifts) costs
        // several times this.
        let factor = u64::from(factor);
        let x = *self;
        let p0 = u64::from(x as u32) * factor;
        let p1 = u64::from((x >> 32) as u32) * factor + (p0 >> 32);
        let p2 = u64::from((x >> 64) as u32) * factor + (p1 >> 32);
        let p3 = u64::from((x >> 96) as u32) * factor + (p2 >> 32);
        *self = u128::from(p3 as u32) << 96
            | u128::from(p2 as u32) << 64
            | u128::from(p1 as u32) << 32
            | u128::from(p0 as u32);
    }
    fn div_pow10(&mut self, mut exponent: u32) -> bool {
        // By at most 10^9 at a time: a 32-bit core's general 128-bit division goes bit by bit.
        let mut inexact = false;
        while exponent > 0 {
            let step = exponent.min(9);
            inexact |= div_small_u128(self, 10u32.pow(step)) != 0;
            exponent -= step;
        }
        inexact
    }
    fn plus(&self, other: &Self) -> Self {
        self + other
    }
    fn minus(&mut self, other: &Self) {
        *self -= other;
    }
    fn div_rem(&self, divisor: &Self) -> (Self, Self) {
        div_rem_u128(*self, *divisor)
    }
    fn bit_len(&self) -> u64 {
        u64::from(128 - leading_zeros_u128(*self))
    }
    fn bit(&self, index: u64) -> bool {
        index < 128 && (self >> index) & 1 == 1
    }
    fn bits_from(&self, from: u64) -> u128 {
        if from >= 128 {
            0
        } else {
            self >> from
        }
    }
    fn any_bit_below(&self, below: u64) -> bool {
        below > 0 && self & (u128::MAX >> 128u64.saturating_sub(below)) != 0
    }
    fn push_decimal(&self, out: &mut Vec<u8>) {
        // Nine digits at a time: chunks split off by 64-by-32-bit divisions while the rest
        // has more than 64 bits, then by 64-bit division by a constant (a multiplication).
        let start = out.len();
        let mut rest = *self;
        loop {
            let mut chunk = match u64::try_from(rest) {
                Ok(small) => {
                    rest = u128::from(small / 1_000_000_000);
                    (small % 1_000_000_000) as u32
                }
                Err(_) => div_small_u128(&mut rest, 1_000_000_000),
            };
            for _ in 0..9 {
                out.push(b'0' + (chunk % 10) as u8);
                chunk /= 10;
                if rest == 0 && chunk == 0 {
                    break;
                }
            }
            if rest == 0 {
                break;
            }
        }
        if let Some(digits) = out.get_mut(start..) {
            digits.reverse();
        }
    }
}

/// `*n /= divisor` (not zero), returning the remainder: a chain of 64-by-32-bit divisions.
/// One out-of-line copy, because LLVM expands each 128-bit division or remainder on a 32-bit
/// core into a loop of its own inline (about 1 KB each).
#[inline(never)]
fn div_small_u128(n: &mut u128, divisor: u32) -> u32 {
    // `max(1)`: the callers' divisors are not zero, and the compiler can then see it.
    let divisor = u64::from(divisor.max(1));
    let mut remainder = 0u64;
    let mut quotient = 0u128;
    for shift in [96, 64, 32, 0] {
        let part = remainder << 32 | u64::from((*n >> shift) as u32);
        let digit = part / divisor;
        quotient |= u128::from(digit as u32) << shift;
        remainder = part - digit * divisor;
    }
    *n = quotient;
    remainder as u32
}

/// `x.leading_zeros()`, out of line: the conversions count once or twice a number. The
/// highest non-zero 32-bit part is picked first so that one 32-bit count does the rest: a
/// core without a count-leading-zeros instruction spends some 70 bytes of code on each count,
/// and `u128::leading_zeros` makes four. (Zero leaves a zero part, whose count is 32.)
#[inline(never)]
pub(crate) fn leading_zeros_u128(x: u128) -> u32 {
    let (half, above) = match (x >> 64) as u64 {
        0 => (x as u64, 64),
        high => (high, 0),
    };
    let (part, above) = match (half >> 32) as u32 {
        0 => (half as u32, above + 32),
        high => (high, above),
    };
    above + part.leading_zeros()
}

/// `(n / d, n % d)` for `d` not zero, by shift and subtract: the same bit-by-bit work as
/// LLVM's inline expansion of a 128-bit division on a 32-bit core, in one small function.
/// `n`'s significant bits are first shifted to the top, so each step shifts by one bit only
/// (a variable 128-bit shift is a library call); the quotient's bits enter from the bottom as
/// they leave, and `n`'s bits are all gone when the last has entered.
#[inline(never)]
fn div_rem_u128(n: u128, d: u128) -> (u128, u128) {
    let leading = leading_zeros_u128(n);
    let mut bits = n;
    // `% 128`: zero (128 leading zeros) stays as it is, and takes no steps.
    bits.shl_bits(leading % 128);
    let mut remainder = 0u128;
    for _ in leading..128 {
        remainder = remainder << 1 | bits >> 127;
        bits <<= 1;
        if remainder >= d {
            remainder -= d;
            bits |= 1;
        }
    }
    (bits, remainder)
}

impl Natural for BigUint {
    fn from_u64(x: u64) -> Self {
        BigUint::from(x)
    }
    fn shl_bits(&mut self, bits: u32) {
        *self <<= bits;
    }
    fn shr_bits(&mut self, bits: u64) {
        *self >>= bits;
    }
    fn mul_small(&mut self, factor: u32) {
        *self *= factor;
    }
    fn plus(&self, other: &Self) -> Self {
        self + other
    }
    fn minus(&mut self, other: &Self) {
        *self -= other;
    }
    fn div_pow10(&mut self, exponent: u32) -> bool {
        let divisor = BigUint::from(10u32).pow(exponent);
        let (quotient, remainder) = BigUint::div_rem(self, &divisor);
        *self = quotient;
        remainder.bits() != 0
    }
    fn div_rem(&self, divisor: &Self) -> (Self, Self) {
        BigUint::div_rem(self, divisor)
    }
    fn bit_len(&self) -> u64 {
        self.bits()
    }
    fn bit(&self, index: u64) -> bool {
        BigUint::bit(self, index)
    }
    fn bits_from(&self, from: u64) -> u128 {
        (self >> from).to_u128().unwrap_or(u128::MAX)
    }
    fn any_bit_below(&self, below: u64) -> bool {
        self.trailing_zeros().is_some_and(|zeros| zeros < below)
    }
    fn push_decimal(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(super::radix::to_radix(self, 10).as_bytes());
    }
    fn mul_pow10(&mut self, exponent: u32) {
        *self *= BigUint::from(10u32).pow(exponent);
    }
}

/// Bits of `10^exponent`, rounded up (for bounding sizes, not exact).
pub(crate) fn pow10_bits_bound(exponent: u32) -> u64 {
    // 851 / 256 is just above log2(10).
    (u64::from(exponent) * 851).div_ceil(256) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zeros_by_parts_match_core() {
        for bit in 0..128 {
            for x in [1u128 << bit, (1u128 << bit) | 1, u128::MAX >> (127 - bit)] {
                assert_eq!(leading_zeros_u128(x), x.leading_zeros(), "{x:#x}");
            }
        }
        assert_eq!(leading_zeros_u128(0), 128);
    }

    fn same_results(a: u128, b: u128) {
        let big_a = BigUint::from(a);
        let big_b = BigUint::from(b);
        assert_eq!(a.bit_len(), big_a.bit_len());
        for bit in [0, 1, 7, 63, 64, 100, 127, 128, 200] {
            assert_eq!(a.bit(bit), Natural::bit(&big_a, bit), "bit {bit} of {a}");
            assert_eq!(a.bits_from(bit), big_a.bits_from(bit), "{a} >> {bit}");
            assert_eq!(
                a.any_bit_below(bit),
                big_a.any_bit_below(bit),
                "{a} below {bit}"
            );
        }
        for factor in [0, 1, 10, 1_000_000_000, u32::MAX] {
            let (mut small, mut big) = (a, big_a.clone());
            if a.checked_mul(u128::from(factor)).is_some() {
                small.mul_small(factor);
                Natural::mul_small(&mut big, factor);
                assert_eq!(BigUint::from(small), big, "{a} * {factor}");
            }
        }
        for exponent in [0, 1, 9, 10, 19, 38, 40] {
            let (mut small, mut big) = (a, big_a.clone());
            let inexact = (
                small.div_pow10(exponent),
                Natural::div_pow10(&mut big, exponent),
            );
            assert_eq!(inexact.0, inexact.1, "{a} / 10^{exponent}");
            assert_eq!(BigUint::from(small), big, "{a} / 10^{exponent}");
        }
        for bits in [0, 1, 63, 64, 127, 128, 300] {
            let (mut small, mut big) = (a, big_a.clone());
            small.shr_bits(bits);
            Natural::shr_bits(&mut big, bits);
            assert_eq!(BigUint::from(small), big, "{a} >> {bits}");
        }
        if b != 0 {
            let (q, r) = a.div_rem(&b);
            let (big_q, big_r) = big_a.div_rem(&big_b);
            assert_eq!((BigUint::from(q), BigUint::from(r)), (big_q, big_r));
        }
        let mut digits = Vec::new();
        a.push_decimal(&mut digits);
        let mut big_digits = Vec::new();
        big_a.push_decimal(&mut big_digits);
        assert_eq!(digits, big_digits);
        assert_eq!(digits, alloc::format!("{a}").into_bytes());
    }

    #[test]
    fn u128_and_biguint_agree() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        same_results(0, 1);
        same_results(1, 0);
        same_results(u128::MAX, u128::MAX);
        same_results(u128::MAX, 1);
        same_results(1 << 127, (1 << 127) - 1);
        same_results(u128::from(u64::MAX), 1 << 64);
        same_results(u128::from(u64::MAX) + 1, 10);
        for _ in 0..2000 {
            let a = (u128::from(next()) << 64 | u128::from(next())) >> (next() % 128);
            let b = u128::from(next()) >> (next() % 64);
            same_results(a, b);
            let wide = (u128::from(next()) << 64 | u128::from(next())) >> (next() % 128);
            same_results(a, wide);
        }
    }

    #[test]
    fn pow10_bound_is_an_upper_bound() {
        let mut power = BigUint::from(1u32);
        for exponent in 0..400 {
            assert!(power.bits() <= pow10_bits_bound(exponent));
            let mut by_steps = BigUint::from(1u32);
            Natural::mul_pow10(&mut by_steps, exponent);
            let mut small = 1u128;
            if exponent <= 38 {
                small.mul_pow10(exponent);
                assert_eq!(BigUint::from(small), power);
            }
            assert_eq!(by_steps, power);
            power *= 10u32;
        }
    }
}
