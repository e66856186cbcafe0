//! `float.hex()` and `float.fromhex()`: exact hexadecimal text of a float
//! (`0x1.999999999999ap-4`), and parsing such text back, rounded half to even to the
//! nearest float, subnormals included.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::FormatError;
use super::float_type::{float_bits, scale_exact, Float, FRACTION_BITS};
use super::number_text::trim_c_space;
use crate::format::message::{fill, ToArg};

/// Bits in a float's significand, hidden bit included (53, or 24 for binary32).
const SIGNIFICAND_BITS: i64 = Float::MANTISSA_DIGITS as i64;
/// Exponent `e` of the smallest normal float written as `0.1b × 2^e` (C's `DBL_MIN_EXP`).
const MIN_EXP: i64 = Float::MIN_EXP as i64;
/// Exponent `e` past which `0.1b × 2^e` overflows (C's `DBL_MAX_EXP`).
const MAX_EXP: i64 = Float::MAX_EXP as i64;
/// Hex digits of the fraction (13, or 6 for binary32, its 23 bits shifted left by one).
const FRACTION_DIGITS: usize = FRACTION_BITS.div_ceil(4) as usize;

/// `x.hex()`: `0x1.<13 hex digits>p<exp>` for normal floats, `0x0.<13 hex digits>p-1022` for
/// subnormals, `0x0.0p+0` for zero, `inf`/`nan` as words.
pub fn float_hex(x: Float) -> String {
    if x.is_nan() {
        return String::from("nan");
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x.is_infinite() {
        return fill("{}inf", &[sign.arg()]);
    }
    if x == 0.0 {
        return fill("{}0x0.0p+0", &[sign.arg()]);
    }
    let bits = float_bits(x.abs());
    let fraction = bits & ((1 << FRACTION_BITS) - 1);
    let biased = bits >> FRACTION_BITS;
    let (lead, exponent) = if biased == 0 {
        (0, MIN_EXP - 1)
    } else {
        (1, biased as i64 + MIN_EXP - 2)
    };
    let fraction = fraction << (FRACTION_DIGITS as u32 * 4 - FRACTION_BITS);
    format!(
        "{}0x{}.{:0width$x}p{:+}",
        sign,
        lead,
        fraction,
        exponent,
        width = FRACTION_DIGITS
    )
}

fn invalid_hex() -> FormatError {
    FormatError::value(crate::packed!("invalid hexadecimal floating-point string"))
}

/// Reads a run of hex digits, appending their values to `nibbles`; returns how many.
fn take_hex_digits(rest: &mut &[u8], nibbles: &mut Vec<u8>) -> usize {
    let count = rest.iter().take_while(|b| b.is_ascii_hexdigit()).count();
    for &b in &rest[..count] {
        nibbles.push(char::from(b).to_digit(16).unwrap_or(0) as u8);
    }
    *rest = &rest[count..];
    count
}

/// Reads the decimal exponent after `p`, saturating: anything that large over- or underflows.
fn take_exponent(rest: &mut &[u8]) -> Result<i64, FormatError> {
    let negative = rest.first() == Some(&b'-');
    if negative || rest.first() == Some(&b'+') {
        *rest = &rest[1..];
    }
    let count = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if count == 0 {
        return Err(invalid_hex());
    }
    let magnitude = rest[..count].iter().fold(0i64, |value, &b| {
        value
            .saturating_mul(10)
            .saturating_add(i64::from(b - b'0'))
            .min(1 << 40)
    });
    *rest = &rest[count..];
    Ok(if negative { -magnitude } else { magnitude })
}

/// `float.fromhex(text)`.
pub fn float_fromhex(text: &str) -> Result<Float, FormatError> {
    let trimmed = trim_c_space(text);
    let (negative, unsigned) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let signed = |magnitude: Float| if negative { -magnitude } else { magnitude };
    if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
        return Ok(signed(Float::INFINITY));
    }
    if unsigned.eq_ignore_ascii_case("nan") {
        return Ok(signed(Float::NAN));
    }
    let mut rest = unsigned.as_bytes();
    if rest.len() >= 2 && rest[0] == b'0' && (rest[1] | 0x20) == b'x' {
        rest = &rest[2..];
    }
    let mut nibbles = Vec::new();
    take_hex_digits(&mut rest, &mut nibbles);
    let mut fraction_digits = 0;
    if rest.first() == Some(&b'.') {
        rest = &rest[1..];
        fraction_digits = take_hex_digits(&mut rest, &mut nibbles);
    }
    if nibbles.is_empty() {
        return Err(invalid_hex());
    }
    let mut exponent = 0;
    if matches!(rest.first(), Some(b'p' | b'P')) {
        rest = &rest[1..];
        exponent = take_exponent(&mut rest)?;
    }
    if !rest.is_empty() {
        return Err(invalid_hex());
    }
    let leading_zero_nibbles = nibbles.iter().take_while(|&&n| n == 0).count();
    let nibbles = &nibbles[leading_zero_nibbles..];
    let Some(&first) = nibbles.first() else {
        return Ok(signed(0.0));
    };
    // The value is 0.1b… × 2^top_exponent, its bits read from the nibbles, most significant
    // first, starting at the first set bit.
    let skipped_bits = first.leading_zeros() as usize - 4;
    let bit_count = nibbles.len() * 4 - skipped_bits;
    let top_exponent = (bit_count as i64)
        .saturating_add(exponent)
        .saturating_sub(4 * fraction_digits as i64);
    let bit = |index: usize| -> u64 {
        let position = index + skipped_bits;
        nibbles
            .get(position / 4)
            .map_or(0, |&n| u64::from((n >> (3 - position % 4)) & 1))
    };
    if top_exponent > MAX_EXP {
        return Err(FormatError::overflow(crate::packed!(
            "hexadecimal value too large to represent as a float"
        )));
    }
    // Subnormals keep fewer bits: those at or above the smallest subnormal.
    let kept = SIGNIFICAND_BITS - (MIN_EXP - top_exponent).max(0);
    if kept < 0 {
        return Ok(signed(0.0));
    }
    let kept = kept as usize;
    let mut significand = (0..kept).fold(0u64, |value, index| (value << 1) | bit(index));
    let round_bit = bit(kept) == 1;
    let sticky = (kept + 1..bit_count).any(|index| bit(index) == 1);
    let mut top_exponent = top_exponent;
    if round_bit && (sticky || significand & 1 == 1) {
        significand += 1;
        if significand >> kept == 1 && kept == SIGNIFICAND_BITS as usize {
            significand >>= 1;
            top_exponent += 1;
        }
    }
    if top_exponent > MAX_EXP {
        return Err(FormatError::overflow(crate::packed!(
            "hexadecimal value too large to represent as a float"
        )));
    }
    let scale = (top_exponent - kept as i64) as i32;
    Ok(signed(scale_exact(significand, scale)))
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::super::error::ErrorKind::{self, Overflow, Value};
    use super::*;

    /// A float: exact bits, or any NaN.
    #[derive(Clone, Copy, Debug)]
    enum Float {
        Bits(u64),
        Nan,
    }
    use self::Float::{Bits, Nan};

    /// `(x, x.hex())` printed by CPython 3.11.
    const HEX: &[(Float, &str)] = &include!("vectors/float_hex.rs");
    /// `(text, float.fromhex(text))` printed by CPython 3.11.
    const FROMHEX: &[(&str, Expected)] = &include!("vectors/float_fromhex.rs");

    type Expected = Result<Float, (ErrorKind, &'static str)>;

    #[test]
    fn hex_matches_cpython() {
        for &(x, text) in HEX {
            let x = match x {
                Bits(bits) => f64::from_bits(bits),
                Nan => f64::NAN,
            };
            assert_eq!(float_hex(x), text, "{x:e}");
            if !x.is_nan() {
                assert_eq!(
                    float_fromhex(text).unwrap().to_bits(),
                    x.to_bits(),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn fromhex_matches_cpython() {
        let _ = Overflow;
        for &(text, expected) in FROMHEX {
            match (expected, float_fromhex(text)) {
                (Ok(Bits(bits)), Ok(got)) => assert_eq!(got.to_bits(), bits, "{text:?}"),
                (Ok(Nan), Ok(got)) => assert!(got.is_nan(), "{text:?}"),
                (Err((kind, message)), Err(err)) => {
                    assert_eq!(err.kind, kind, "{text:?}");
                    assert_eq!(err.message, message, "{text:?}");
                }
                (expected, got) => panic!("{text:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }
}
