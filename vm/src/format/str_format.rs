//! `format(s, spec)` for `str`: only fill, alignment, width and precision (a maximum length in
//! characters) apply; the type, if given, must be `s`.

use alloc::string::String;

use super::error::FormatError;
use super::layout::write_padded;
use super::spec::{check_grouping, unknown_code, Align, FormatSpec, SignOption};

/// Appends `value` formatted per `spec` to `out`. `type_name` is the object's type name for
/// error messages (`str`, or a subclass's name).
pub fn format_str(
    out: &mut String,
    value: &str,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<(), FormatError> {
    let kind = spec.kind.unwrap_or('s');
    if let Some(grouping) = spec.grouping {
        check_grouping(grouping, Some(kind))?;
    }
    if kind != 's' {
        return Err(unknown_code(kind, type_name));
    }
    match spec.sign {
        SignOption::NegativeOnly => {}
        SignOption::Space => {
            return Err(FormatError::value(crate::packed!(
                "Space not allowed in string format specifier"
            )))
        }
        SignOption::Always | SignOption::Minus => {
            return Err(FormatError::value(crate::packed!(
                "Sign not allowed in string format specifier"
            )))
        }
    }
    if spec.no_negative_zero {
        return Err(FormatError::value(crate::packed!(
            "Negative zero coercion (z) not allowed in string format specifier"
        )));
    }
    if spec.alternate {
        return Err(FormatError::value(crate::packed!(
            "Alternate form (#) not allowed in string format specifier"
        )));
    }
    let (fill, align) = spec.fill_and_align(Align::Left);
    if align == Align::AfterSign {
        return Err(FormatError::value(crate::packed!(
            "'=' alignment not allowed in string format specifier"
        )));
    }
    let text = match spec.precision {
        Some(limit) => match value.char_indices().nth(limit) {
            Some((end, _)) => value.get(..end).unwrap_or(value),
            None => value,
        },
        None => value,
    };
    write_padded(out, text, fill, align, spec.width.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::super::error::ErrorKind::{self, Value};
    use super::super::spec::parse_spec;
    use super::*;

    type Expected = Result<&'static str, (ErrorKind, &'static str)>;

    /// `(value, spec, format(value, spec))` printed by CPython 3.11.
    const VECTORS: &[(&str, &str, Expected)] = &include!("vectors/format_str.rs");

    #[test]
    fn matches_cpython_format() {
        for &(value, spec, expected) in VECTORS {
            let got = parse_spec(spec, "str").and_then(|spec| {
                let mut out = String::new();
                format_str(&mut out, value, &spec, "str").map(|()| out)
            });
            match (expected, got) {
                (Ok(text), Ok(got)) => assert_eq!(got, text, "format({value:?}, {spec:?})"),
                (Err((kind, message)), Err(err)) => {
                    assert_eq!(err.kind, kind, "format({value:?}, {spec:?})");
                    assert_eq!(err.message, message, "format({value:?}, {spec:?})");
                }
                (expected, got) => {
                    panic!("format({value:?}, {spec:?}): expected {expected:?}, got {got:?}")
                }
            }
        }
    }
}
