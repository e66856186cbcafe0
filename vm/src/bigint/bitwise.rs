//! `&`, `|` and `^` of [`BigInt`]s as Python defines them: on the infinite two's complement
//! of each operand.

use super::{BigInt, BigUint};
use alloc::vec::Vec;
use core::ops::{BitAnd, BitOr, BitXor};

/// The low `len` limbs of `n`'s two's complement (a negative `n` is the complement of
/// `|n| - 1`, extended with all-ones limbs).
fn twos(n: &BigInt, len: usize) -> Vec<u32> {
    let (limbs, fill) = if n.is_negative() {
        (n.magnitude() - &BigUint::from(1u32), u32::MAX)
    } else {
        (n.magnitude().clone(), 0)
    };
    let mut out = limbs.limbs().to_vec();
    out.resize(len, 0);
    for limb in &mut out {
        *limb ^= fill;
    }
    out
}

/// `op` limb by limb on the two's complements of `a` and `b`; `neg` is the result's sign
/// (`op` applied to the operands' signs).
fn combine(a: &BigInt, b: &BigInt, neg: bool, op: fn(u32, u32) -> u32) -> BigInt {
    let len = a.magnitude().limbs().len().max(b.magnitude().limbs().len()) + 1;
    let fill = if neg { u32::MAX } else { 0 };
    let mut limbs = twos(a, len);
    for (x, y) in limbs.iter_mut().zip(twos(b, len)) {
        *x = op(*x, y) ^ fill;
    }
    let mag = BigUint::new(limbs);
    if neg {
        // The result's two's complement was complemented above: that is `|r| - 1`.
        BigInt::from_parts(true, &mag + &BigUint::from(1u32))
    } else {
        BigInt::from_parts(false, mag)
    }
}

impl BitAnd<&BigInt> for &BigInt {
    type Output = BigInt;
    fn bitand(self, other: &BigInt) -> BigInt {
        let neg = self.is_negative() & other.is_negative();
        combine(self, other, neg, |x, y| x & y)
    }
}

impl BitOr<&BigInt> for &BigInt {
    type Output = BigInt;
    fn bitor(self, other: &BigInt) -> BigInt {
        let neg = self.is_negative() | other.is_negative();
        combine(self, other, neg, |x, y| x | y)
    }
}

impl BitXor<&BigInt> for &BigInt {
    type Output = BigInt;
    fn bitxor(self, other: &BigInt) -> BigInt {
        let neg = self.is_negative() ^ other.is_negative();
        combine(self, other, neg, |x, y| x ^ y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bitwise_ops_match_i64() {
        let values = [
            0i64,
            1,
            -1,
            5,
            -6,
            0x7fff_ffff,
            -0x8000_0000,
            1 << 40,
            -(1 << 40) - 3,
        ];
        for &a in &values {
            for &b in &values {
                let (x, y) = (BigInt::from(a), BigInt::from(b));
                assert_eq!(&x & &y, BigInt::from(a & b), "{a} & {b}");
                assert_eq!(&x | &y, BigInt::from(a | b), "{a} | {b}");
                assert_eq!(&x ^ &y, BigInt::from(a ^ b), "{a} ^ {b}");
            }
        }
        // Past 64 bits: -2^100 & (2^100 + 2^64 + 1) == 2^100.
        let p = BigInt::from(1) << 100;
        let q = &(&p + &(BigInt::from(1) << 64)) + &BigInt::from(1);
        assert_eq!(&(-&p) & &q, p);
        assert_eq!(
            &(-&p) | &q,
            -(&(BigInt::from(1) << 100) - &(BigInt::from(1) << 64)) + BigInt::from(1)
        );
    }
}
