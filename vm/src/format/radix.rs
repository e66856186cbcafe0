//! Big naturals to and from their digits in a radix from 2 to 36, schoolbook on u32 limbs: a
//! chunk of digits at a time, one pass over the limbs per chunk. Text is produced by dividing
//! by the largest power of the radix below 2^16, half a limb at a time, so every division is
//! a 32-bit one (a single instruction on riscv32, where a 64-bit one is a library call).
//! General-purpose conversions (`num-bigint`'s, which the VM used before it had its own big
//! int) carry two 2 KB tables of radix powers and divide-and-conquer code (about 6 KB on
//! riscv32 together) that pay off only for numbers far longer than CPython's 4,300-digit
//! `str(int)` limit.

use crate::bigint::{BigInt, BigUint, Sign};
use alloc::string::String;
use alloc::vec::Vec;

/// The largest power of `radix` at most `limit`, and its exponent.
/// Both are at least 1; the `max(1)`s let the compiler see it, so dividing by them needs no
/// zero check.
fn chunk(radix: u32, limit: u32) -> (u32, usize) {
    let (mut power, mut digits) = (radix, 1);
    while let Some(next) = power.checked_mul(radix).filter(|&p| p <= limit) {
        power = next;
        digits += 1;
    }
    (power.max(1), digits.max(1))
}

/// The digits of `n` in `radix` (2..=36), most significant first, with lower-case letters;
/// `"0"` for zero.
pub fn to_radix(n: &BigUint, radix: u32) -> String {
    let (power, per_chunk) = chunk(radix, 0xffff);
    let mut limbs = n.to_u32_digits();
    // Least significant first.
    let mut digits: Vec<u8> = Vec::new();
    while !limbs.is_empty() {
        // `rem < power < 2^16`, so each partial dividend fits in 32 bits.
        let mut rem = 0u32;
        for limb in limbs.iter_mut().rev() {
            let high = rem << 16 | *limb >> 16;
            let low = (high % power) << 16 | *limb & 0xffff;
            *limb = ((high / power) << 16) | (low / power);
            rem = low % power;
        }
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        for _ in 0..per_chunk {
            if limbs.is_empty() && rem == 0 {
                break;
            }
            digits.push(digit_char(rem % radix));
            rem /= radix;
        }
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits.reverse();
    // Only ASCII digits and letters were pushed.
    String::from_utf8(digits).unwrap_or_default()
}

fn digit_char(value: u32) -> u8 {
    if value < 10 {
        b'0' + value as u8
    } else {
        b'a' + (value - 10) as u8
    }
}

/// The number whose digit values (each below `radix`, 2..=36) are `digits`, most significant
/// first; `None` if a value is not a digit of `radix`.
pub fn from_radix_be(digits: &[u8], radix: u32) -> Option<BigUint> {
    let (_, per_chunk) = chunk(radix, u32::MAX);
    let mut limbs: Vec<u32> = Vec::new();
    let first = match digits.len() % per_chunk {
        0 => per_chunk,
        n => n,
    };
    let mut at = 0;
    let mut take = first;
    while at < digits.len() {
        let group = digits.get(at..at + take)?;
        let (mut value, mut scale) = (0u32, 1u32);
        for &d in group {
            if u32::from(d) >= radix {
                return None;
            }
            // At most `per_chunk` digits: both stay within a `u32`.
            value = value * radix + u32::from(d);
            scale *= radix;
        }
        let mut carry = u64::from(value);
        for limb in limbs.iter_mut() {
            let current = u64::from(*limb) * u64::from(scale) + carry;
            *limb = current as u32;
            carry = current >> 32;
        }
        if carry != 0 {
            limbs.push(carry as u32);
        }
        at += take;
        take = per_chunk;
    }
    Some(BigUint::new(limbs))
}

/// The decimal text of `n` (`str(n)`), with its sign.
pub fn to_decimal(n: &BigInt) -> String {
    let digits = to_radix(n.magnitude(), 10);
    if n.sign() == Sign::Minus {
        let mut text = String::from("-");
        text.push_str(&digits);
        text
    } else {
        digits
    }
}

/// The int written `text` (ASCII decimal digits after an optional `-`); `None` for any other
/// text.
#[cfg(any(feature = "json", test))]
pub fn parse_decimal(text: &str) -> Option<BigInt> {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (Sign::Minus, rest),
        None => (Sign::Plus, text),
    };
    if digits.is_empty() {
        return None;
    }
    let values: Vec<u8> = digits.bytes().map(|b| b.wrapping_sub(b'0')).collect();
    Some(BigInt::from_biguint(sign, from_radix_be(&values, 10)?))
}

#[cfg(test)]
mod tests {
    use super::{from_radix_be, to_radix};
    use crate::bigint::BigUint;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// The digits of `n` one long division at a time (the slow way `to_radix` avoids).
    fn digit_by_digit(n: &BigUint, radix: u32) -> String {
        let mut n = n.clone();
        let mut out = Vec::new();
        loop {
            let (q, r) = n.div_rem(&BigUint::from(radix));
            let d = r.to_u64().unwrap_or(0) as u32;
            out.push(char::from_digit(d, radix).unwrap());
            n = q;
            if n.is_zero() {
                break;
            }
        }
        out.iter().rev().collect()
    }

    #[test]
    fn agrees_with_digit_by_digit_division_in_every_radix() {
        let mut n = BigUint::from(0u32);
        let mut samples = Vec::new();
        for step in 0..120u32 {
            samples.push(n.clone());
            samples.push(&n - &BigUint::from(1u32.min(step)));
            n *= 7919u32;
            n = &n + &BigUint::from(step * 104_729 + 1);
        }
        samples.push(BigUint::from(u32::MAX));
        samples.push(BigUint::from(u64::MAX));
        samples.push(&BigUint::from(1u32) << 200);
        for radix in 2..=36 {
            for n in &samples {
                let text = to_radix(n, radix);
                assert_eq!(text, digit_by_digit(n, radix), "{n} in radix {radix}");
                let digits: Vec<u8> = text
                    .bytes()
                    .map(|b| char::from(b).to_digit(radix).unwrap() as u8)
                    .collect();
                assert_eq!(from_radix_be(&digits, radix).as_ref(), Some(n));
            }
        }
    }

    #[test]
    fn empty_and_out_of_range_digits() {
        assert_eq!(from_radix_be(&[], 10), Some(BigUint::from(0u32)));
        assert_eq!(
            from_radix_be(&[1, 0, 0, 7], 10),
            Some(BigUint::from(1007u32))
        );
        assert_eq!(from_radix_be(&[1, 10], 10), None);
        assert_eq!(from_radix_be(&[2], 2), None);
        assert_eq!(to_radix(&BigUint::from(0u32), 16), "0");
    }
}
