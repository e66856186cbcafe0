//! `format(n, spec)` for `int` (and `bool`, whose `format` with a non-empty spec is int's):
//! types `b c d o x X n` and none, and `e E f F g G %` through conversion to float.
//!
//! Ints arrive as [`IntValue`]: small ones as `i64` (the common case, formatted without heap
//! allocation beyond the output), big ones by reference to a `BigInt`.

use alloc::string::String;

use crate::bigint::BigInt;

use super::error::FormatError;
use super::float_format::format_float;
use super::float_type::{int_to_float, Float};
use super::layout::{write_number, NumberField, NumberText};
use super::message::push_int;
use super::parse_int::check_str_digits;
use super::spec::{check_grouping, unknown_code, Align, FormatSpec, SignOption};
use super::str_repr::push_hex;

/// An int to format: a machine word or a reference to a big int.
#[derive(Clone, Copy, Debug)]
pub enum IntValue<'a> {
    /// Fits in an `i64`.
    Small(i64),
    /// Any size.
    Big(&'a BigInt),
}

impl IntValue<'_> {
    /// True if the value is below zero.
    pub fn is_negative(&self) -> bool {
        match self {
            IntValue::Small(v) => *v < 0,
            IntValue::Big(v) => v.is_negative(),
        }
    }

    /// The nearest float (ties to even), or CPython's `OverflowError` if it rounds past the
    /// largest finite float.
    pub fn to_float(&self) -> Result<Float, FormatError> {
        let value = match self {
            IntValue::Small(v) => int_to_float(*v),
            IntValue::Big(v) => v.to_float(),
        };
        if value.is_finite() {
            Ok(value)
        } else {
            Err(FormatError::overflow(crate::packed!(
                "int too large to convert to float"
            )))
        }
    }
}

/// Digits of a magnitude, in a stack buffer for small values.
pub(crate) enum Digits {
    Stack { bytes: [u8; 64], start: usize },
    Heap(String),
}

impl Digits {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            // Only ASCII digits are stored.
            Digits::Stack { bytes, start } => bytes
                .get(*start..)
                .and_then(|digits| core::str::from_utf8(digits).ok())
                .unwrap_or(""),
            Digits::Heap(text) => text,
        }
    }
}

/// Lower-case digits of `|value|` in `radix` (2..=36).
pub(crate) fn magnitude_digits(value: IntValue<'_>, radix: u32) -> Digits {
    match value {
        IntValue::Small(v) => {
            let mut magnitude = v.unsigned_abs();
            let mut bytes = [0u8; 64];
            let mut start = bytes.len();
            loop {
                start -= 1;
                let digit = (magnitude % u64::from(radix)) as u8;
                // At most 64 digits (base 2): `start` stays inside `bytes`.
                if let Some(slot) = bytes.get_mut(start) {
                    *slot = if digit < 10 {
                        b'0' + digit
                    } else {
                        b'a' + digit - 10
                    };
                }
                magnitude /= u64::from(radix);
                if magnitude == 0 {
                    break;
                }
            }
            Digits::Stack { bytes, start }
        }
        IntValue::Big(v) => Digits::Heap(super::radix::to_radix(v.magnitude(), radix)),
    }
}

/// [`magnitude_digits`], refusing decimal text longer than CPython's `str(int)` limit.
pub(crate) fn checked_magnitude_digits(
    value: IntValue<'_>,
    radix: u32,
) -> Result<Digits, FormatError> {
    if let (10, IntValue::Big(big)) = (radix, value) {
        // At least 2^(bits-1), so at least (bits-1)·log10(2) digits: refuse before the
        // quadratic conversion of a huge int, as CPython does.
        // 78913 / 2^18 is just below log10(2): a lower bound, in integers (no f64 code).
        let least_digits = (big.bits().saturating_sub(1).saturating_mul(78913) >> 18) as usize;
        check_str_digits(least_digits)?;
    }
    let digits = magnitude_digits(value, radix);
    if radix == 10 {
        check_str_digits(digits.as_str().len())?;
    }
    Ok(digits)
}

/// Appends `value` formatted per `spec` to `out`. `type_name` names the object's type in
/// error messages (`int`, `bool`, or a subclass's name).
pub fn format_int(
    out: &mut String,
    value: IntValue<'_>,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<(), FormatError> {
    if spec.is_empty() {
        if let IntValue::Small(v) = value {
            push_int(out, v);
            return Ok(());
        }
    }
    let group = match spec.grouping {
        Some(grouping) => Some((grouping.separator(), check_grouping(grouping, spec.kind)?)),
        None => None,
    };
    let (radix, prefix) = match spec.kind {
        None | Some('d' | 'n' | 'c') => (10, ""),
        Some('b') => (2, "0b"),
        Some('o') => (8, "0o"),
        Some('x' | 'X') => (16, "0x"),
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            return format_float(out, value.to_float()?, spec, type_name)
        }
        Some(code) => return Err(unknown_code(code, type_name)),
    };
    if spec.precision.is_some() {
        return Err(FormatError::value(crate::packed!(
            "Precision not allowed in integer format specifier"
        )));
    }
    if spec.no_negative_zero {
        return Err(FormatError::value(crate::packed!(
            "Negative zero coercion (z) not allowed in integer format specifier"
        )));
    }
    let (fill, align) = spec.fill_and_align(Align::Right);
    let mut field = NumberField {
        fill,
        align,
        width: spec.width.unwrap_or(0),
        sign: spec.sign,
        grouping: group,
        upper: spec.kind == Some('X'),
    };
    if spec.kind == Some('c') {
        if spec.sign != SignOption::NegativeOnly {
            return Err(FormatError::value(crate::packed!(
                "Sign not allowed with integer format specifier 'c'"
            )));
        }
        if spec.alternate {
            return Err(FormatError::value(crate::packed!(
                "Alternate form (#) not allowed with integer format specifier 'c'"
            )));
        }
        let mut text = [0u8; 4];
        let character = code_point_char(value)?.encode_utf8(&mut text);
        let number = NumberText {
            negative: false,
            prefix: "",
            digits: "",
            remainder: character,
        };
        field.grouping = None;
        return write_number(out, &number, &field);
    }
    let digits = checked_magnitude_digits(value, radix)?;
    let number = NumberText {
        negative: value.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: digits.as_str(),
        remainder: "",
    };
    write_number(out, &number, &field)
}

/// The character for `%c` / `format(n, 'c')`. Lone surrogates (U+D800..U+DFFF), which CPython
/// accepts, cannot be held by a Rust `str` and are refused with a `ValueError`.
pub(crate) fn code_point_char(value: IntValue<'_>) -> Result<char, FormatError> {
    let code = match value {
        IntValue::Small(v) => v,
        IntValue::Big(v) => v.to_i64().ok_or_else(|| {
            FormatError::overflow(crate::packed!("Python int too large to convert to C long"))
        })?,
    };
    if !(0..=0x10ffff).contains(&code) {
        return Err(FormatError::overflow(crate::packed!(
            "%c arg not in range(0x110000)"
        )));
    }
    char::from_u32(code as u32).ok_or_else(|| {
        let mut text = String::from("%c arg 0x");
        push_hex(&mut text, code as u32, 1);
        text.push_str(" is a surrogate, which this str cannot hold");
        FormatError::value(text)
    })
}

#[cfg(test)]
mod tests {
    use super::super::error::ErrorKind::{self, Overflow, Value};
    use super::super::spec::parse_spec;
    use super::*;

    type Expected = Result<&'static str, (ErrorKind, &'static str)>;

    /// `(value, spec, format(value, spec))` printed by CPython 3.11.
    const VECTORS: &[(&str, &str, Expected)] = &include!("vectors/format_int.rs");

    fn run(value: IntValue<'_>, spec: &str) -> Result<String, FormatError> {
        let spec = parse_spec(spec, "int")?;
        let mut out = String::new();
        format_int(&mut out, value, &spec, "int")?;
        Ok(out)
    }

    #[test]
    #[cfg_attr(feature = "float32", ignore = "binary64 results (CPython's)")]
    fn matches_cpython_format() {
        let _ = Overflow;
        for &(value, spec, expected) in VECTORS {
            let big = crate::format::radix::parse_decimal(value).unwrap();
            let small = value.parse::<i64>().ok();
            let results = match small {
                Some(v) => [
                    run(IntValue::Small(v), spec),
                    run(IntValue::Big(&big), spec),
                ],
                None => [
                    run(IntValue::Big(&big), spec),
                    run(IntValue::Big(&big), spec),
                ],
            };
            for got in results {
                match (expected, got) {
                    (Ok(text), Ok(got)) => assert_eq!(got, text, "format({value}, {spec:?})"),
                    (Err((kind, message)), Err(err)) => {
                        assert_eq!(err.kind, kind, "format({value}, {spec:?})");
                        assert_eq!(err.message, message, "format({value}, {spec:?})");
                    }
                    (expected, got) => {
                        panic!("format({value}, {spec:?}): expected {expected:?}, got {got:?}")
                    }
                }
            }
        }
    }

    #[test]
    fn decimal_text_of_huge_ints_is_limited_like_cpython() {
        let huge = BigInt::from(10).pow(5000);
        let err = run(IntValue::Big(&huge), "").unwrap_err();
        assert_eq!(
            err.message,
            "Exceeds the limit (4300 digits) for integer string conversion; \
             use sys.set_int_max_str_digits() to increase the limit"
        );
        assert!(run(IntValue::Big(&huge), ",").is_err());
        assert_eq!(run(IntValue::Big(&huge), "x").unwrap().len(), 4153);
        let limit = BigInt::from(10).pow(4299);
        assert_eq!(run(IntValue::Big(&limit), "").unwrap().len(), 4300);
    }

    /// `(n, bits of float(n))` printed by CPython 3.11: ties round to even.
    #[cfg(not(feature = "float32"))]
    const TO_FLOAT: &[(&str, u64)] = &[
        ("9007199254740993", 0x4340000000000000),
        ("9007199254740995", 0x4340000000000002),
        ("-9007199254740993", 0xc340000000000000),
        ("18446744073709553664", 0x43f0000000000000),
        ("18446744073709553665", 0x43f0000000000001),
        ("18446744073709557760", 0x43f0000000000002),
        (
            "515377520732011331036461129765621272702107522001",
            0x49d69194f299cdda,
        ),
    ];

    #[test]
    #[cfg(not(feature = "float32"))]
    fn conversion_to_float_is_correctly_rounded() {
        for &(text, bits) in TO_FLOAT {
            let big = crate::format::radix::parse_decimal(text).unwrap();
            assert_eq!(
                IntValue::Big(&big).to_float().unwrap().to_bits(),
                bits,
                "{text}"
            );
            if let Ok(small) = text.parse::<i64>() {
                assert_eq!(
                    IntValue::Small(small).to_float().unwrap().to_bits(),
                    bits,
                    "{text}"
                );
            }
        }
        let max = BigInt::from(2).pow(1024) - BigInt::from(2).pow(970);
        assert_eq!(
            IntValue::Big(&(max.clone() - BigInt::from(1)))
                .to_float()
                .unwrap(),
            f64::MAX
        );
        let err = IntValue::Big(&max).to_float().unwrap_err();
        assert_eq!(err.message, "int too large to convert to float");
    }

    #[test]
    fn appends_to_existing_text() {
        let mut out = String::from("n=");
        format_int(&mut out, IntValue::Small(-7), &FormatSpec::default(), "int").unwrap();
        assert_eq!(out, "n=-7");
    }

    #[test]
    fn arbitrary_specs_give_text_or_error() {
        let big = crate::format::radix::parse_decimal("-123456789012345678901234567890").unwrap();
        for spec in crate::format::arbitrary_text::arbitrary_strings(
            "<>=^+- z#0123456789,_.bcdoxXnefgG%s\u{e9}",
            12,
            20_000,
        ) {
            for value in [
                IntValue::Small(i64::MIN),
                IntValue::Small(7),
                IntValue::Big(&big),
            ] {
                if let Ok(spec) = parse_spec(&spec, "int") {
                    let mut out = String::new();
                    if format_int(&mut out, value, &spec, "int").is_ok() {
                        assert!(out.chars().count() >= spec.width.unwrap_or(0).max(1));
                    }
                }
            }
        }
    }
}
