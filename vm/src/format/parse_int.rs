//! `int(text, base)`: optional whitespace and sign, digits in base 2..=36 with single `_`
//! between them (and one right after a prefix), a `0x`/`0o`/`0b` prefix when it matches the
//! base, and base 0 meaning "read the prefix; no leading zeros in decimal". Like CPython 3.11,
//! decimal-like bases refuse more than [`INT_MAX_STR_DIGITS`] digits.

use alloc::vec::Vec;

use crate::bigint::{BigInt, Sign};

use super::error::FormatError;
use super::number_text::{ascii_number_text, trim_c_space};
use super::str_repr::str_repr;
use crate::format::message::{fill, ToArg};

/// CPython's default `sys.get_int_max_str_digits()`: the most decimal digits `int()` parses
/// and `str(int)` prints.
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// A parsed int, small when it fits an `i64`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParsedInt {
    /// Fits in an `i64`.
    Small(i64),
    /// Does not fit in an `i64`.
    Big(BigInt),
}

/// `invalid literal for int() with base 10: 'abc'` (the repr cut to 200 characters).
fn invalid_literal(text: &str, base: u32) -> FormatError {
    let repr = str_repr(text);
    let cut = repr
        .char_indices()
        .nth(200)
        .and_then(|(end, _)| repr.get(..end))
        .unwrap_or(&repr);
    FormatError::value(fill(
        "invalid literal for int() with base {}: {}",
        &[base.arg(), cut.arg()],
    ))
}

/// Splits a `0x`/`0o`/`0b` prefix off `digits` if it is there and fits `base` (0 = any).
fn strip_prefix(digits: &str, base: u32) -> Option<(&str, u32)> {
    let [b'0', letter, ..] = digits.as_bytes() else {
        return None;
    };
    let prefix_base = match letter.to_ascii_lowercase() {
        b'x' => 16,
        b'o' => 8,
        b'b' => 2,
        _ => return None,
    };
    let rest = digits.get(2..)?;
    (base == 0 || base == prefix_base).then_some((rest, prefix_base))
}

/// Parses `text` as `int(text, base)` does. `base` must be 0 or 2..=36, else CPython's
/// `int() base must be >= 2 and <= 36, or 0` (pass `u32::MAX` for negative or huge bases).
pub fn parse_int(text: &str, base: u32) -> Result<ParsedInt, FormatError> {
    if base == 1 || base > 36 {
        return Err(FormatError::value(crate::packed!(
            "int() base must be >= 2 and <= 36, or 0"
        )));
    }
    let invalid = || invalid_literal(text, base);
    let ascii = ascii_number_text(text);
    let mut body = trim_c_space(&ascii);
    let negative = body.starts_with('-');
    if negative || body.starts_with('+') {
        body = body.get(1..).unwrap_or("");
    }
    let (mut digits, radix, prefixed) = match strip_prefix(body, base) {
        Some((rest, radix)) => (rest, radix, true),
        None => (body, if base == 0 { 10 } else { base }, false),
    };
    if prefixed {
        digits = digits.strip_prefix('_').unwrap_or(digits);
    }
    if base == 0
        && !prefixed
        && digits.starts_with('0')
        && digits.bytes().any(|b| b != b'0' && b != b'_')
    {
        return Err(invalid());
    }
    let mut values: Vec<u8> = Vec::new();
    let mut previous_was_digit = false;
    for byte in digits.bytes() {
        if byte == b'_' {
            if !previous_was_digit {
                return Err(invalid());
            }
            previous_was_digit = false;
            continue;
        }
        let value = (byte as char).to_digit(radix).ok_or_else(invalid)?;
        values.push(value as u8);
        previous_was_digit = true;
    }
    if !previous_was_digit {
        return Err(invalid());
    }
    if !radix.is_power_of_two() && values.len() > INT_MAX_STR_DIGITS {
        return Err(FormatError::value(fill(
            "Exceeds the limit ({} digits) for integer string conversion: value has {} digits; \
             use sys.set_int_max_str_digits() to increase the limit",
            &[INT_MAX_STR_DIGITS.arg(), values.len().arg()],
        )));
    }
    let mut magnitude: u64 = 0;
    let mut fits = true;
    for &value in &values {
        match magnitude
            .checked_mul(u64::from(radix))
            .and_then(|m| m.checked_add(u64::from(value)))
        {
            Some(next) => magnitude = next,
            None => {
                fits = false;
                break;
            }
        }
    }
    if fits {
        if negative && magnitude <= i64::MIN.unsigned_abs() {
            return Ok(ParsedInt::Small(0i64.wrapping_sub_unsigned(magnitude)));
        }
        if let (false, Ok(small)) = (negative, i64::try_from(magnitude)) {
            return Ok(ParsedInt::Small(small));
        }
    }
    let magnitude = super::radix::from_radix_be(&values, radix).ok_or_else(invalid)?;
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(ParsedInt::Big(BigInt::from_biguint(sign, magnitude)))
}

/// Checks the decimal text of a big int against [`INT_MAX_STR_DIGITS`] as `str(int)` does.
pub(crate) fn check_str_digits(digit_count: usize) -> Result<(), FormatError> {
    if digit_count > INT_MAX_STR_DIGITS {
        return Err(FormatError::value(fill(
            "Exceeds the limit ({} digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit",
            &[INT_MAX_STR_DIGITS.arg()],
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[cfg(feature = "unicode-class")]
    use alloc::string::ToString;

    /// `(text, base, str(int(text, base)) or the ValueError message)` printed by CPython 3.11.
    #[cfg(feature = "unicode-class")]
    const VECTORS: &[(&str, u32, Result<&str, &str>)] = &include!("vectors/parse_int.rs");

    #[test]
    #[cfg(feature = "unicode-class")]
    fn matches_cpython_int() {
        for &(text, base, expected) in VECTORS {
            match (expected, parse_int(text, base)) {
                (Ok(value), Ok(parsed)) => {
                    let (shown, small) = match &parsed {
                        ParsedInt::Small(v) => (v.to_string(), true),
                        ParsedInt::Big(v) => (v.to_string(), false),
                    };
                    assert_eq!(shown, value, "int({text:?}, {base})");
                    assert_eq!(small, value.parse::<i64>().is_ok(), "int({text:?}, {base})");
                }
                (Err(message), Err(err)) => {
                    assert_eq!(err.message, message, "int({text:?}, {base})")
                }
                (expected, got) => {
                    panic!("int({text:?}, {base}): expected {expected:?}, got {got:?}")
                }
            }
        }
    }

    #[test]
    fn arbitrary_text_parses_or_errors_consistently() {
        for text in crate::format::arbitrary_text::arbitrary_strings(
            " \t+-_0123456789abcxobXOB\u{661}\u{a0}",
            14,
            20_000,
        ) {
            for base in [0, 2, 8, 10, 16, 36] {
                if let Ok(parsed) = parse_int(&text, base) {
                    let digits: alloc::string::String =
                        text.chars().filter(|c| c.is_alphanumeric()).collect();
                    assert!(
                        !digits.is_empty(),
                        "{text:?} in base {base} gave {parsed:?}"
                    );
                }
            }
        }
    }
}
