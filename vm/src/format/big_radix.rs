//! Big integers' digits in bases 2 to 36 and back (`str(int)`, `hex`, `format`, `int(str,
//! base)`, `json`), on the magnitude's 32-bit words.
//!
//! `num-bigint`'s own conversion keeps two tables of every base's largest power per word (4 KB
//! of flash) and a divide-and-conquer path for huge numbers. Here a power-of-two base moves
//! bits, and any other base divides (or multiplies) the words by the largest power of the base
//! that fits a word, one word at a time: quadratic in the length, which CPython's limit of
//! 4,300 decimal digits for `str(int)` and `int(str)` keeps small.

use alloc::string::String;
use alloc::vec::Vec;
use num_bigint::{BigInt, BigUint, Sign};

/// The largest power of `radix` (2..=36) that fits a `u32`, and its exponent.
fn word_power(radix: u32) -> (u32, usize) {
    let (mut power, mut exponent) = (radix, 1);
    while let Some(next) = power.checked_mul(radix) {
        power = next;
        exponent += 1;
    }
    (power, exponent)
}

/// The digit character of `value` (below 36): `0`-`9`, then lowercase letters.
fn digit_char(value: u32) -> char {
    char::from_digit(value, 36).unwrap_or('?')
}

/// The digits of `n` in `radix` (2..=36), most significant first, lowercase letters.
pub(crate) fn to_radix(n: &BigUint, radix: u32) -> String {
    let mut words = n.to_u32_digits();
    // Least significant digit first; reversed at the end.
    let mut reversed: Vec<char> = Vec::new();
    if radix.is_power_of_two() {
        let bits = radix.trailing_zeros();
        let mut at = 0;
        while at < n.bits() {
            let word = (at / 32) as usize;
            let shift = (at % 32) as u32;
            let low = u64::from(words.get(word).copied().unwrap_or(0));
            let high = u64::from(words.get(word + 1).copied().unwrap_or(0));
            let value = ((high << 32 | low) >> shift) as u32 & (radix - 1);
            reversed.push(digit_char(value));
            at += u64::from(bits);
        }
    } else {
        let (power, exponent) = word_power(radix);
        while !words.is_empty() {
            let mut rest = 0u64;
            for word in words.iter_mut().rev() {
                let value = rest << 32 | u64::from(*word);
                *word = (value / u64::from(power)) as u32;
                rest = value % u64::from(power);
            }
            while words.last() == Some(&0) {
                words.pop();
            }
            // All the digits of a lower word; the top word's without its leading zeros.
            let mut rest = rest as u32;
            for _ in 0..exponent {
                if words.is_empty() && rest == 0 {
                    break;
                }
                reversed.push(digit_char(rest % radix));
                rest /= radix;
            }
        }
    }
    if reversed.is_empty() {
        reversed.push('0');
    }
    reversed.iter().rev().collect()
}

/// The decimal text of `n` (`str(n)`, without CPython's limit on its length).
pub fn big_decimal(n: &BigInt) -> String {
    let digits = to_radix(n.magnitude(), 10);
    match n.sign() {
        Sign::Minus => alloc::format!("-{digits}"),
        _ => digits,
    }
}

/// The number whose digits in `radix` (2..=36) are `digits` (values below `radix`, most
/// significant first).
pub(crate) fn from_radix(digits: &[u8], radix: u32) -> BigUint {
    let mut words: Vec<u32> = Vec::new();
    if radix.is_power_of_two() {
        let bits = radix.trailing_zeros();
        let (mut pending, mut pending_bits) = (0u64, 0);
        for &digit in digits.iter().rev() {
            pending |= u64::from(digit) << pending_bits;
            pending_bits += bits;
            if pending_bits >= 32 {
                words.push(pending as u32);
                pending >>= 32;
                pending_bits -= 32;
            }
        }
        words.push(pending as u32);
    } else {
        let (power, exponent) = word_power(radix);
        // The first group takes what is left over, so that the others fill a word each.
        let first = match digits.len() % exponent {
            0 => exponent,
            r => r,
        };
        let (head, tail) = digits.split_at(first.min(digits.len()));
        for group in core::iter::once(head).chain(tail.chunks(exponent)) {
            let value = group.iter().fold(0u32, |v, &d| {
                v.wrapping_mul(radix).wrapping_add(u32::from(d))
            });
            let mut carry = u64::from(value);
            for word in words.iter_mut() {
                let product = u64::from(*word) * u64::from(power) + carry;
                *word = product as u32;
                carry = product >> 32;
            }
            if carry != 0 {
                words.push(carry as u32);
            }
        }
    }
    BigUint::new(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_traits::Num;

    /// Numbers around powers of every base and of two, and long random-looking ones.
    fn samples() -> Vec<BigUint> {
        let mut v = Vec::new();
        for radix in 2u32..=36 {
            for k in [1u32, 5, 6, 7, 13, 40, 200] {
                let p = BigUint::from(radix).pow(k);
                v.push(&p - 1u32);
                v.push(p.clone());
                v.push(p + 1u32);
            }
        }
        let mut x = BigUint::from(0x9e37_79b9_7f4a_7c15u64);
        for _ in 0..60 {
            x = &x * &x + 0xdead_beefu32;
            x %= BigUint::from(1u32) << 3000;
            v.push(x.clone());
        }
        v.push(BigUint::from(0u32));
        v
    }

    #[test]
    fn digits_agree_with_num_bigint_both_ways() {
        for n in samples() {
            for radix in 2u32..=36 {
                let text = to_radix(&n, radix);
                assert_eq!(text, n.to_str_radix(radix), "{n} in base {radix}");
                let values: Vec<u8> = text
                    .chars()
                    .map(|c| c.to_digit(radix).unwrap() as u8)
                    .collect();
                assert_eq!(from_radix(&values, radix), n, "{text} in base {radix}");
                assert_eq!(BigUint::from_str_radix(&text, radix).unwrap(), n);
            }
        }
    }

    #[test]
    fn leading_zeros_and_empty_input() {
        assert_eq!(from_radix(&[], 10), BigUint::from(0u32));
        assert_eq!(
            from_radix(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7], 10),
            7u32.into()
        );
        assert_eq!(from_radix(&[0; 40], 16), BigUint::from(0u32));
        assert_eq!(to_radix(&BigUint::from(0u32), 7), "0");
        let minus = -(BigInt::from(1u32) << 100u32);
        assert_eq!(big_decimal(&minus), "-1267650600228229401496703205376");
    }
}
