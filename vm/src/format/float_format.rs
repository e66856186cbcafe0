//! `format(x, spec)` for `float`: types `e E f F g G n %` and none. With no type, a float
//! prints as `repr` when there is no precision, else like `g` but keeping at least one digit
//! after the point and switching to exponent notation one digit earlier (CPython's rule).

use alloc::string::String;

use super::error::FormatError;
use super::float_repr::write_float_repr;
use super::float_text::{write_unsigned_float, FloatFlags, FloatStyle};
use super::float_type::Float;
use super::layout::{reserve, write_number, NumberField, NumberText};
use super::spec::{check_grouping, unknown_code, Align, FormatSpec};

/// Longest integer part of a finite float in fixed notation (`1.8e308` has 309 digits), plus
/// room for point, exponent and `%`.
const FIXED_TEXT_SLACK: usize = 320;

/// Appends `x` formatted per `spec` to `out`. `type_name` names the object's type in error
/// messages (`float`, or `int` when an int is formatted with a float type).
pub fn format_float(
    out: &mut String,
    x: Float,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<(), FormatError> {
    if spec.is_empty() {
        // Writing to a String cannot fail.
        let _ = write_float_repr(out, x);
        return Ok(());
    }
    let group = match spec.grouping {
        Some(grouping) => Some((grouping.separator(), check_grouping(grouping, spec.kind)?)),
        None => None,
    };
    let mut flags = FloatFlags {
        alternate: spec.alternate,
        ..FloatFlags::default()
    };
    let (style, default_precision, percent) = match spec.kind {
        None => {
            flags.add_dot_0 = true;
            let style = if spec.precision.is_some() {
                FloatStyle::General
            } else {
                FloatStyle::Repr
            };
            (style, 0, false)
        }
        Some('e') => (FloatStyle::Exponent, 6, false),
        Some('f') => (FloatStyle::Fixed, 6, false),
        Some('g' | 'n') => (FloatStyle::General, 6, false),
        Some('%') => (FloatStyle::Fixed, 6, true),
        Some('E' | 'F' | 'G') => {
            flags.upper = true;
            let style = match spec.kind {
                Some('E') => FloatStyle::Exponent,
                Some('F') => FloatStyle::Fixed,
                _ => FloatStyle::General,
            };
            (style, 6, false)
        }
        Some(code) => return Err(unknown_code(code, type_name)),
    };
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::value(crate::packed!("precision too big")));
    }
    let precision = spec.precision.unwrap_or(default_precision);
    let (fill, align) = spec.fill_and_align(Align::Right);
    let field = NumberField {
        fill,
        align,
        width: spec.width.unwrap_or(0),
        sign: spec.sign,
        grouping: group,
        upper: false,
    };
    let value = if percent { x * 100.0 } else { x };
    write_float_field(
        out,
        value,
        (style, precision, flags),
        percent,
        spec.no_negative_zero,
        &field,
    )
}

/// Writes `value` in `style` with `precision` and `flags`, followed by `%` if `percent`, laid
/// out in `field`: `format`'s and `%`-formatting's common end. The sign is `-` for a
/// negative value (not NaN) unless `no_negative_zero` and the text rounds to zero.
pub(crate) fn write_float_field(
    out: &mut String,
    value: Float,
    (style, precision, flags): (FloatStyle, usize, FloatFlags),
    percent: bool,
    no_negative_zero: bool,
    field: &NumberField,
) -> Result<(), FormatError> {
    let mut text = String::new();
    reserve(&mut text, precision.saturating_add(FIXED_TEXT_SLACK))?;
    // Writing to a String cannot fail.
    let _ = write_unsigned_float(&mut text, value, style, precision, flags);
    if percent {
        text.push('%');
    }
    let mut negative = value.is_sign_negative() && !value.is_nan();
    if negative && no_negative_zero && rounds_to_zero(&text) {
        negative = false;
    }
    let number = NumberText::float(negative, &text);
    write_number(out, &number, field)
}

/// True if the mantissa of formatted text (before any exponent) has no non-zero digit.
fn rounds_to_zero(text: &str) -> bool {
    text.bytes()
        .take_while(|&b| b != b'e' && b != b'E')
        .all(|b| b == b'0' || b == b'.' || b == b'%')
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::super::error::ErrorKind::{self, Overflow, Value};
    use super::super::spec::parse_spec;
    use super::*;

    type Expected = Result<&'static str, (ErrorKind, &'static str)>;

    /// `(f64 bits, spec, format(value, spec))` printed by CPython 3.11.
    const VECTORS: &[(u64, &str, Expected)] = &include!("vectors/format_float.rs");

    /// Precisions past what core's formatting accepts (`u16`), printed by CPython 3.11.
    const LONG_VECTORS: &[(u64, &str, Expected)] = &include!("vectors/format_float_long.rs");

    fn run(value: f64, spec: &str) -> Result<String, FormatError> {
        let spec = parse_spec(spec, "float")?;
        let mut out = String::new();
        format_float(&mut out, value, &spec, "float")?;
        Ok(out)
    }

    #[test]
    fn matches_cpython_format() {
        let _ = Overflow;
        for &(bits, spec, expected) in VECTORS {
            let value = f64::from_bits(bits);
            match (expected, run(value, spec)) {
                (Ok(text), Ok(got)) => assert_eq!(got, text, "format({value:e}, {spec:?})"),
                (Err((kind, message)), Err(err)) => {
                    assert_eq!(err.kind, kind, "format({value:e}, {spec:?})");
                    assert_eq!(err.message, message, "format({value:e}, {spec:?})");
                }
                (expected, got) => {
                    panic!("format({value:e}, {spec:?}): expected {expected:?}, got {got:?}")
                }
            }
        }
    }

    #[test]
    fn long_precisions_match_cpython() {
        for &(bits, spec, expected) in LONG_VECTORS {
            let got = run(f64::from_bits(bits), spec).unwrap();
            assert_eq!(Ok(got.as_str()), expected, "{spec}");
        }
    }

    #[test]
    fn precisions_beyond_core_formatting_pad_with_zeros() {
        for (short, long, suffix) in [(".1500f", ".70000f", ""), (".1500e", ".70000e", "e-01")] {
            let short = run(0.1, short).unwrap();
            let long = run(0.1, long).unwrap();
            let short = short.strip_suffix(suffix).unwrap();
            let long = long.strip_suffix(suffix).unwrap();
            assert_eq!(long.len(), short.len() + 68_500);
            assert!(long.starts_with(short));
            assert!(long[short.len()..].bytes().all(|b| b == b'0'));
        }
        // len(format(0.5, "#.70000g")) is 70002 in CPython.
        assert_eq!(run(0.5, "#.70000g").unwrap().len(), 70_002);
    }

    #[test]
    fn arbitrary_specs_give_text_or_error() {
        for spec in crate::format::arbitrary_text::arbitrary_strings(
            "<>=^+- z#0123456789,_.efgEFGn%%d\u{e9}",
            12,
            20_000,
        ) {
            for value in [-0.0, 1e300, -2.5e-310, f64::NAN, f64::NEG_INFINITY] {
                if let Ok(spec) = parse_spec(&spec, "float") {
                    let mut out = String::new();
                    if format_float(&mut out, value, &spec, "float").is_ok() {
                        assert!(out.chars().count() >= spec.width.unwrap_or(0).max(1));
                    }
                }
            }
        }
    }
}
