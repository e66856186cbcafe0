//! Greatest common divisor and modular inverse of [`BigInt`]s, by Euclid's algorithm.

use super::BigInt;

impl BigInt {
    /// The greatest common divisor of `|self|` and `|other|` (0 when both are 0).
    pub fn gcd(&self, other: &BigInt) -> BigInt {
        let (mut a, mut b) = (self.abs(), other.abs());
        while !b.is_zero() {
            let r = &a % &b;
            a = b;
            b = r;
        }
        a
    }

    /// `x` with `self * x % m == 1` and `x` in `m`'s range (`0 <= x < m` for a positive `m`),
    /// by the extended Euclidean algorithm; `None` when `self` and `m` share a factor.
    /// `m` is not zero.
    pub fn mod_inverse(&self, m: &BigInt) -> Option<BigInt> {
        // Invariant: old_r ≡ self * old_x and r ≡ self * x (mod m).
        let modulus = m.abs();
        let (mut old_r, mut r) = (self.mod_floor(&modulus), modulus);
        let (mut old_x, mut x) = (BigInt::from(1), BigInt::from(0));
        while !r.is_zero() {
            let (q, rem) = old_r.div_rem(&r);
            old_r = core::mem::replace(&mut r, rem);
            let next = &old_x - &(&q * &x);
            old_x = core::mem::replace(&mut x, next);
        }
        (old_r == BigInt::from(1)).then(|| old_x.mod_floor(m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(i: i64) -> BigInt {
        BigInt::from(i)
    }

    #[test]
    fn gcd_and_inverse() {
        assert_eq!(int(12).gcd(&int(-18)), int(6));
        assert_eq!(int(0).gcd(&int(0)), int(0));
        assert_eq!(int(0).gcd(&int(-7)), int(7));
        for (a, m) in [(3i64, 7i64), (-3, 7), (10, 17), (3, -7), (1, 1), (5, 1)] {
            let x = int(a).mod_inverse(&int(m)).expect("invertible");
            assert_eq!(
                (int(a) * &x).mod_floor(&int(m)),
                int(1).mod_floor(&int(m)),
                "{a} {m}"
            );
            assert!(x.is_zero() || x.is_negative() == (m < 0));
        }
        assert_eq!(int(6).mod_inverse(&int(9)), None);
        let big = (int(1) << 127) - int(1);
        let x = int(3).mod_inverse(&big).expect("prime modulus");
        assert_eq!((int(3) * x).mod_floor(&big), int(1));
    }
}
