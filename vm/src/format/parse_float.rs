//! `float(text)`: optional whitespace and sign, then `inf`/`infinity`/`nan` in any case, or a
//! decimal literal (`1`, `1.`, `.5`, `1e-3`) whose digits may have single `_` between them.
//! The value is correctly rounded, as CPython's dtoa ([`parse_decimal`]).

use alloc::string::String;

use super::decimal_to_float::parse_decimal;
use super::error::FormatError;
use super::float_type::Float;
use super::number_text::{ascii_number_text, trim_c_space};
use super::str_repr::str_repr;
use crate::format::message::{fill, ToArg};

/// Removes underscores, each of which must sit between two digits; `None` if one doesn't.
fn without_underscores(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut kept = String::with_capacity(text.len());
    for (at, &byte) in bytes.iter().enumerate() {
        if byte == b'_' {
            let before = at
                .checked_sub(1)
                .and_then(|prev| bytes.get(prev))
                .is_some_and(u8::is_ascii_digit);
            let after = bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
            if !(before && after) {
                return None;
            }
        } else {
            kept.push(char::from(byte));
        }
    }
    Some(kept)
}

/// Parses `text` as `float(text)` does for a str.
pub fn parse_float(text: &str) -> Result<Float, FormatError> {
    let invalid = || {
        FormatError::value(fill(
            "could not convert string to float: {}",
            &[str_repr(text).arg()],
        ))
    };
    let ascii = ascii_number_text(text);
    let trimmed = trim_c_space(&ascii);
    let cleaned;
    let body = if trimmed.as_bytes().contains(&b'_') {
        cleaned = without_underscores(trimmed).ok_or_else(invalid)?;
        cleaned.as_str()
    } else {
        trimmed
    };
    let (negative, unsigned) = match body.as_bytes().first() {
        Some(sign @ (b'-' | b'+')) => (*sign == b'-', body.get(1..).unwrap_or("")),
        _ => (false, body),
    };
    let magnitude =
        if unsigned.eq_ignore_ascii_case("inf") || unsigned.eq_ignore_ascii_case("infinity") {
            Float::INFINITY
        } else if unsigned.eq_ignore_ascii_case("nan") {
            Float::NAN
        } else {
            parse_decimal(unsigned.as_bytes()).ok_or_else(invalid)?
        };
    Ok(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "unicode-class")]
    #[derive(Debug)]
    enum Parsed {
        Bits(u64),
        Nan,
    }
    #[cfg(feature = "unicode-class")]
    use Parsed::{Bits, Nan};

    /// `(text, float(text) or the ValueError message)` printed by CPython 3.11.
    #[cfg(feature = "unicode-class")]
    const VECTORS: &[(&str, Result<Parsed, &str>)] = &include!("vectors/parse_float.rs");

    #[test]
    #[cfg(feature = "unicode-class")]
    fn matches_cpython_float() {
        for (text, expected) in VECTORS {
            match (expected, parse_float(text)) {
                (Ok(Bits(bits)), Ok(value)) => {
                    assert_eq!(value.to_bits(), *bits, "float({text:?})")
                }
                (Ok(Nan), Ok(value)) => assert!(value.is_nan(), "float({text:?})"),
                (Err(message), Err(err)) => assert_eq!(err.message, *message, "float({text:?})"),
                (expected, got) => panic!("float({text:?}): expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn negative_nan_keeps_its_sign() {
        assert!(parse_float("-nan").unwrap().is_sign_negative());
    }

    #[test]
    fn arbitrary_text_parses_or_errors() {
        for text in crate::format::arbitrary_text::arbitrary_strings(
            " +-_.0123456789eEinfatyINF\u{661}",
            12,
            20_000,
        ) {
            if let Err(err) = parse_float(&text) {
                assert!(err
                    .message
                    .starts_with("could not convert string to float: "));
            }
        }
    }
}
