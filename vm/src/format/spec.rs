//! The format-spec mini-language of `format()` / `str.format`:
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
//!
//! Parsing checks only what CPython checks before it knows the value's type; each
//! `format_*` function then checks what applies to its type, in CPython's order, so error
//! messages come out the same.

use super::char_class::decimal_value;
use super::error::FormatError;
use super::str_repr::push_hex;
use crate::format::message::{fill, ToArg};

/// Where padding goes when the text is narrower than the width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`: text left, padding right.
    Left,
    /// `>`: padding left, text right.
    Right,
    /// `^`: padding split, the extra character on the right.
    Center,
    /// `=`: padding between sign/prefix and digits (numbers only).
    AfterSign,
}

/// What to print in front of non-negative numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SignOption {
    /// Nothing: a sign only for negative numbers.
    #[default]
    NegativeOnly,
    /// `-` given explicitly: the same for numbers, but an error for strings.
    Minus,
    /// `+`: always a sign.
    Always,
    /// ` `: a space in front of non-negative numbers.
    Space,
}

/// Thousands grouping requested by the spec.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,` every three decimal digits.
    Comma,
    /// `_` every three decimal digits, or every four for `b`/`o`/`x`/`X`.
    Underscore,
}

impl Grouping {
    /// The separator character itself.
    pub fn separator(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec. `fill`/`align` keep whether they were given, because a leading `0`
/// means "fill with zeros after the sign" only when neither was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FormatSpec {
    /// Fill character given before an alignment token.
    pub fill: Option<char>,
    /// Alignment given explicitly.
    pub align: Option<Align>,
    /// Sign option.
    pub sign: SignOption,
    /// `z`: print negative zero (after rounding) as positive zero.
    pub no_negative_zero: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// A `0` before the width with no explicit fill: zero padding.
    pub zero_pad: bool,
    /// Minimum field width in characters.
    pub width: Option<usize>,
    /// Thousands separator.
    pub grouping: Option<Grouping>,
    /// Precision (digits for floats, maximum characters for strings).
    pub precision: Option<usize>,
    /// Presentation type character, if any.
    pub kind: Option<char>,
}

impl FormatSpec {
    /// The fill character and alignment in force, given the type's default alignment
    /// (`Left` for strings, `Right` for numbers).
    pub fn fill_and_align(&self, default_align: Align) -> (char, Align) {
        let fill = self.fill.unwrap_or(if self.zero_pad { '0' } else { ' ' });
        let align = self
            .align
            .unwrap_or(if self.zero_pad && default_align == Align::Right {
                Align::AfterSign
            } else {
                default_align
            });
        (fill, align)
    }

    /// True if the spec is empty, which every type treats as plain `str()`.
    pub fn is_empty(&self) -> bool {
        *self == FormatSpec::default()
    }
}

fn align_token(c: char) -> Option<Align> {
    match c {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    }
}

/// The value of `text` if it is a non-empty run of decimal digits (of any script, as CPython
/// accepts), `None` otherwise; CPython's error if it exceeds `isize::MAX`.
pub(crate) fn decimal_count(text: &str) -> Result<Option<usize>, FormatError> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut value: usize = 0;
    for c in text.chars() {
        let Some(digit) = decimal_value(c) else {
            return Ok(None);
        };
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(digit as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| {
                FormatError::value(crate::packed!("Too many decimal digits in format string"))
            })?;
    }
    Ok(Some(value))
}

/// Reads the run of decimal digits at the front of `rest`; `None` if there is none.
fn take_number(rest: &mut &str) -> Result<Option<usize>, FormatError> {
    let end = rest
        .find(|c: char| decimal_value(c).is_none())
        .unwrap_or(rest.len());
    let (digits, tail) = rest.split_at(end);
    *rest = tail;
    decimal_count(digits)
}

/// Writes a type character the way CPython's messages show it: itself if printable ASCII,
/// else `\x` and its code in hex.
pub(crate) fn describe_code(code: char) -> alloc::string::String {
    if (code as u32) > 32 && (code as u32) < 128 {
        alloc::string::String::from(code)
    } else {
        let mut text = alloc::string::String::from("\\x");
        push_hex(&mut text, code as u32, 1);
        text
    }
}

/// `Unknown format code 'q' for object of type 'int'`.
pub(crate) fn unknown_code(code: char, type_name: &str) -> FormatError {
    FormatError::value(fill(
        "Unknown format code '{}' for object of type '{}'",
        &[describe_code(code).arg(), type_name.arg()],
    ))
}

/// `object.__format__`'s `TypeError` for a non-empty spec: `format([], '>5')` raises
/// `unsupported format string passed to list.__format__`. (An empty spec means `str(obj)`.)
pub fn unsupported_format_string(type_name: &str) -> FormatError {
    FormatError::type_error(fill(
        "unsupported format string passed to {}.__format__",
        &[type_name.arg()],
    ))
}

/// Parses a format spec. `type_name` (the value's Python type name) appears in the message
/// for trailing garbage.
pub fn parse_spec(spec: &str, type_name: &str) -> Result<FormatSpec, FormatError> {
    let mut parsed = FormatSpec::default();
    let mut rest = spec;
    let mut chars = rest.chars();
    let first = chars.next();
    let second = chars.next();
    if let (Some(fill), Some(align)) = (first, second.and_then(align_token)) {
        parsed.fill = Some(fill);
        parsed.align = Some(align);
        rest = rest.get(fill.len_utf8() + 1..).unwrap_or("");
    } else if let Some(align) = first.and_then(align_token) {
        parsed.align = Some(align);
        rest = rest.get(1..).unwrap_or("");
    }
    let take = |rest: &mut &str, c: char| {
        let found = rest.starts_with(c);
        if found {
            *rest = rest.get(1..).unwrap_or("");
        }
        found
    };
    if take(&mut rest, '+') {
        parsed.sign = SignOption::Always;
    } else if take(&mut rest, ' ') {
        parsed.sign = SignOption::Space;
    } else if take(&mut rest, '-') {
        parsed.sign = SignOption::Minus;
    }
    parsed.no_negative_zero = take(&mut rest, 'z');
    parsed.alternate = take(&mut rest, '#');
    if parsed.fill.is_none() {
        parsed.zero_pad = take(&mut rest, '0');
    }
    parsed.width = take_number(&mut rest)?;
    if take(&mut rest, ',') {
        parsed.grouping = Some(Grouping::Comma);
    }
    if take(&mut rest, '_') {
        if parsed.grouping.is_some() {
            return Err(FormatError::value(crate::packed!(
                "Cannot specify both ',' and '_'."
            )));
        }
        parsed.grouping = Some(Grouping::Underscore);
    }
    if rest.starts_with(',') && parsed.grouping == Some(Grouping::Underscore) {
        return Err(FormatError::value(crate::packed!(
            "Cannot specify both ',' and '_'."
        )));
    }
    if take(&mut rest, '.') {
        parsed.precision = Some(take_number(&mut rest)?.ok_or_else(|| {
            FormatError::value(crate::packed!("Format specifier missing precision"))
        })?);
    }
    let mut remaining = rest.chars();
    parsed.kind = remaining.next();
    if remaining.next().is_some() {
        return Err(FormatError::value(fill(
            "Invalid format specifier '{}' for object of type '{}'",
            &[spec.arg(), type_name.arg()],
        )));
    }
    Ok(parsed)
}

/// CPython's grouping-versus-type check (done at parse time there, with the type's default
/// presentation type filled in). Returns the digit group size for the effective type.
pub(crate) fn check_grouping(grouping: Grouping, kind: Option<char>) -> Result<usize, FormatError> {
    match kind {
        None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => Ok(3),
        Some('b' | 'o' | 'x' | 'X') if grouping == Grouping::Underscore => Ok(4),
        Some(code) => Err(FormatError::value(fill(
            "Cannot specify '{}' with '{}'.",
            &[grouping.separator().arg(), describe_code(code).arg()],
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_field() {
        let spec = parse_spec("*^+z#012_.3f", "float").unwrap();
        assert_eq!(
            spec,
            FormatSpec {
                fill: Some('*'),
                align: Some(Align::Center),
                sign: SignOption::Always,
                no_negative_zero: true,
                alternate: true,
                zero_pad: false,
                width: Some(12),
                grouping: Some(Grouping::Underscore),
                precision: Some(3),
                kind: Some('f'),
            }
        );
    }

    #[test]
    fn leading_zero_means_zero_fill_after_sign_for_numbers_only() {
        let spec = parse_spec("08", "int").unwrap();
        assert!(spec.zero_pad);
        assert_eq!(spec.fill_and_align(Align::Right), ('0', Align::AfterSign));
        assert_eq!(spec.fill_and_align(Align::Left), ('0', Align::Left));
        let explicit = parse_spec("x<08", "int").unwrap();
        assert!(!explicit.zero_pad);
        assert_eq!(explicit.width, Some(8));
    }

    #[test]
    #[cfg(feature = "unicode-class")]
    fn digits_of_any_script_count() {
        // format(5, '\u0661\u0660') is ten characters wide in CPython.
        let spec = parse_spec("\u{661}\u{660}.\u{662}", "int").unwrap();
        assert_eq!(spec.width, Some(10));
        assert_eq!(spec.precision, Some(2));
    }

    #[test]
    fn object_format_message() {
        // format([], '>5') in CPython 3.11.
        let err = unsupported_format_string("list");
        assert_eq!(err.kind, super::super::error::ErrorKind::Type);
        assert_eq!(
            err.message,
            "unsupported format string passed to list.__format__"
        );
    }

    #[test]
    fn multibyte_fill() {
        let spec = parse_spec("é>6", "str").unwrap();
        assert_eq!(spec.fill, Some('é'));
        assert_eq!(spec.width, Some(6));
    }
}
