//! printf-style `%`-formatting (`'%5.2f' % x`): parsing the format string into pieces, and
//! rendering one directive for an int, a float, a character or already-converted text.
//!
//! The runtime drives the loop because only it can fetch arguments and call `__str__` /
//! `__repr__`. CPython reports errors in the order it meets them while walking left to right
//! (a bad argument for an early directive wins over a malformed later one), so [`PercentParser`]
//! yields pieces lazily and the runtime renders each as it comes. The
//! per-directive order is: parse (`(key)`, flags, width, precision), fetch `*` arguments, fetch
//! the value (by key or position), then [`Directive::conversion`] validates the type letter.

use alloc::string::String;

use super::error::FormatError;
use super::float_format::write_float_field;
use super::float_text::{FloatFlags, FloatStyle};
use super::float_type::Float;
use super::int_format::IntValue;
use super::layout::{reserve, write_number, write_padded, NumberField, NumberText};
use super::spec::{Align, SignOption};
use super::str_repr::push_hex;
use crate::format::message::{fill, ToArg};

/// A width or precision as written in the directive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    /// A number in the format string.
    Given(usize),
    /// `*`: taken from the next positional argument (an int).
    Star,
}

/// The flag characters `-+ #0` of a directive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PercentFlags {
    /// `-`: left-justify (wins over `0`).
    pub left: bool,
    /// `+`: always print a sign (wins over space).
    pub plus: bool,
    /// ` `: a space before non-negative numbers.
    pub space: bool,
    /// `#`: alternate form (`0o`/`0x` prefix, keep the float point).
    pub alternate: bool,
    /// `0`: pad numbers with zeros after the sign.
    pub zero: bool,
}

/// One `%…` directive other than `%%`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Directive<'a> {
    /// `%(key)s`: the mapping key, parentheses removed.
    pub key: Option<&'a str>,
    /// Flags.
    pub flags: PercentFlags,
    /// Minimum width.
    pub width: Option<Count>,
    /// Precision (`.` alone means 0).
    pub precision: Option<Count>,
    /// The conversion letter, not yet validated.
    pub letter: char,
    /// Character index of the letter in the format string (for the error message).
    pub letter_index: usize,
}

/// A piece of a `%` format string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentPiece<'a> {
    /// Text copied as is (`%%` yields a literal `%`).
    Literal(&'a str),
    /// A conversion to render.
    Directive(Directive<'a>),
}

/// What a directive's letter asks the runtime to convert its argument to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// `s`: `str(arg)`, then [`render_percent_text`].
    Str,
    /// `r`: `repr(arg)`, then [`render_percent_text`].
    Repr,
    /// `a`: `ascii(arg)`, then [`render_percent_text`].
    Ascii,
    /// `c`: an int code point or a one-character str, then [`render_percent_char`]
    /// (an int goes through [`percent_char_from_int`] first).
    Char,
    /// `d`, `i`, `u`: a number truncated to int (floats accepted), then [`render_percent_int`].
    Decimal,
    /// `o`, `x`, `X`: an int (via `__index__`, floats refused), then [`render_percent_int`].
    Radix,
    /// `e E f F g G`: a float, then [`render_percent_float`].
    Float,
}

/// A directive with `*` counts replaced by their argument values, ready to render.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PercentSpec {
    /// Flags (a negative `*` width has set `left`).
    pub flags: PercentFlags,
    /// Minimum width in characters.
    pub width: usize,
    /// Precision, if any.
    pub precision: Option<usize>,
    /// The conversion letter.
    pub letter: char,
}

impl Directive<'_> {
    /// Validates the letter, giving CPython's `unsupported format character` error. CPython
    /// checks this after fetching the directive's argument.
    pub fn conversion(&self) -> Result<Conversion, FormatError> {
        Ok(match self.letter {
            's' => Conversion::Str,
            'r' => Conversion::Repr,
            'a' => Conversion::Ascii,
            'c' => Conversion::Char,
            'd' | 'i' | 'u' => Conversion::Decimal,
            'o' | 'x' | 'X' => Conversion::Radix,
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => Conversion::Float,
            other => {
                let shown = if (' '..='~').contains(&other) {
                    other
                } else {
                    '?'
                };
                let mut code = String::new();
                push_hex(&mut code, other as u32, 1);
                return Err(FormatError::value(fill(
                    "unsupported format character '{}' (0x{}) at index {}",
                    &[shown.arg(), code.arg(), self.letter_index.arg()],
                )));
            }
        })
    }

    /// Fills in `*` counts with the ints the runtime fetched for them (`None` where the count
    /// was not a star). A negative star width left-justifies; a negative star precision is 0,
    /// and so is a star given no value.
    pub fn resolve(&self, star_width: Option<i64>, star_precision: Option<i64>) -> PercentSpec {
        let mut flags = self.flags;
        let width = match (self.width, star_width) {
            (Some(Count::Given(width)), _) => width,
            (Some(Count::Star), Some(value)) => {
                if value < 0 {
                    flags.left = true;
                }
                usize::try_from(value.unsigned_abs()).unwrap_or(usize::MAX)
            }
            _ => 0,
        };
        let precision = match (self.precision, star_precision) {
            (Some(Count::Given(precision)), _) => Some(precision),
            (Some(Count::Star), Some(value)) => {
                Some(usize::try_from(value.max(0)).unwrap_or(usize::MAX))
            }
            (Some(Count::Star), None) => Some(0),
            (None, _) => None,
        };
        PercentSpec {
            flags,
            width,
            precision,
            letter: self.letter,
        }
    }
}

/// Walks a `%` format string, yielding pieces lazily (see the module doc for why).
pub struct PercentParser<'a> {
    format: &'a str,
    /// Byte offset of the next unread character.
    position: usize,
    /// Character index of `position`.
    char_index: usize,
    failed: bool,
}

impl<'a> PercentParser<'a> {
    /// A parser over `format`.
    pub fn new(format: &'a str) -> Self {
        PercentParser {
            format,
            position: 0,
            char_index: 0,
            failed: false,
        }
    }

    /// The text not yet parsed.
    fn rest(&self) -> &'a str {
        self.format.get(self.position..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.position += c.len_utf8();
        self.char_index += 1;
        Some(c)
    }

    /// Reads digits into a count no larger than `limit`, else `message`.
    fn number(&mut self, limit: usize, message: &str) -> Result<usize, FormatError> {
        let mut value: usize = 0;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            self.bump();
            value = value
                .checked_mul(10)
                .and_then(|v| v.checked_add(digit as usize))
                .filter(|&v| v <= limit)
                .ok_or_else(|| FormatError::value(message))?;
        }
        Ok(value)
    }

    fn count(&mut self, limit: usize, message: &str) -> Result<Count, FormatError> {
        if self.peek() == Some('*') {
            self.bump();
            return Ok(Count::Star);
        }
        Ok(Count::Given(self.number(limit, message)?))
    }

    /// Parses what follows a `%`.
    fn directive(&mut self) -> Result<PercentPiece<'a>, FormatError> {
        let incomplete = || FormatError::value(crate::packed!("incomplete format"));
        if self.peek() == Some('%') {
            self.bump();
            return Ok(PercentPiece::Literal("%"));
        }
        let mut key = None;
        if self.peek() == Some('(') {
            self.bump();
            let start = self.position;
            let mut depth = 1usize;
            loop {
                match self.bump() {
                    Some('(') => depth += 1,
                    Some(')') => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Some(_) => {}
                    None => {
                        return Err(FormatError::value(crate::packed!("incomplete format key")))
                    }
                }
            }
            // The key ends before the `)` just read.
            key = self.format.get(start..self.position - 1);
        }
        let mut flags = PercentFlags::default();
        loop {
            match self.peek() {
                Some('-') => flags.left = true,
                Some('+') => flags.plus = true,
                Some(' ') => flags.space = true,
                Some('#') => flags.alternate = true,
                Some('0') => flags.zero = true,
                _ => break,
            }
            self.bump();
        }
        let width = match self.peek() {
            Some('*' | '0'..='9') => Some(self.count(isize::MAX as usize, "width too big")?),
            _ => None,
        };
        let mut precision = None;
        if self.peek() == Some('.') {
            self.bump();
            precision = Some(self.count(i32::MAX as usize, "precision too big")?);
        }
        if matches!(self.peek(), Some('h' | 'l' | 'L')) {
            self.bump();
        }
        let letter_index = self.char_index;
        let letter = self.bump().ok_or_else(incomplete)?;
        Ok(PercentPiece::Directive(Directive {
            key,
            flags,
            width,
            precision,
            letter,
            letter_index,
        }))
    }
}

impl<'a> Iterator for PercentParser<'a> {
    type Item = Result<PercentPiece<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.position >= self.format.len() {
            return None;
        }
        let rest = self.rest();
        if rest.starts_with('%') {
            self.bump();
            let piece = self.directive();
            self.failed = piece.is_err();
            return Some(piece);
        }
        let end = rest.find('%').unwrap_or(rest.len());
        let literal = rest.get(..end).unwrap_or(rest);
        self.position += end;
        self.char_index += literal.chars().count();
        Some(Ok(PercentPiece::Literal(literal)))
    }
}

/// The `TypeError` for an argument of the wrong type for `letter`; `type_name` is the
/// argument's type name (`'%d' % 'a'`: `%d format: a real number is required, not str`).
pub fn percent_argument_error(letter: char, type_name: &str) -> FormatError {
    FormatError::type_error(match letter {
        'o' | 'x' | 'X' => fill(
            "%{} format: an integer is required, not {}",
            &[letter.arg(), type_name.arg()],
        ),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            fill("must be real number, not {}", &[type_name.arg()])
        }
        'c' => String::from("%c requires int or char"),
        _ => fill(
            "%{} format: a real number is required, not {}",
            &[letter.arg(), type_name.arg()],
        ),
    })
}

/// `TypeError: not enough arguments for format string`.
pub fn percent_not_enough_arguments() -> FormatError {
    FormatError::type_error(crate::packed!("not enough arguments for format string"))
}

/// `TypeError: not all arguments converted during string formatting`.
pub fn percent_not_all_converted() -> FormatError {
    FormatError::type_error(crate::packed!(
        "not all arguments converted during string formatting"
    ))
}

/// `TypeError: format requires a mapping` (a `%(key)` directive with a non-mapping argument).
pub fn percent_requires_mapping() -> FormatError {
    FormatError::type_error(crate::packed!("format requires a mapping"))
}

/// `TypeError: * wants int` (a `*` width or precision argument that is not an int).
pub fn percent_star_wants_int() -> FormatError {
    FormatError::type_error(crate::packed!("* wants int"))
}

fn text_align(spec: &PercentSpec) -> Align {
    if spec.flags.left {
        Align::Left
    } else {
        Align::Right
    }
}

/// Renders converted text for `%s`, `%r`, `%a`: cut to the precision, padded with spaces.
pub fn render_percent_text(
    out: &mut String,
    text: &str,
    spec: &PercentSpec,
) -> Result<(), FormatError> {
    let text = match spec.precision {
        Some(limit) => match text.char_indices().nth(limit) {
            Some((end, _)) => text.get(..end).unwrap_or(text),
            None => text,
        },
        None => text,
    };
    write_padded(out, text, ' ', text_align(spec), spec.width)
}

/// Renders `%c` for a character, padded with spaces (precision and `0` are ignored).
pub fn render_percent_char(
    out: &mut String,
    character: char,
    spec: &PercentSpec,
) -> Result<(), FormatError> {
    let mut buffer = [0u8; 4];
    write_padded(
        out,
        character.encode_utf8(&mut buffer),
        ' ',
        text_align(spec),
        spec.width,
    )
}

/// The character `%c` prints for an int argument, or CPython's `OverflowError`.
pub fn percent_char_from_int(value: IntValue<'_>) -> Result<char, FormatError> {
    match value {
        IntValue::Big(_) => Err(FormatError::overflow(crate::packed!(
            "%c arg not in range(0x110000)"
        ))),
        IntValue::Small(_) => super::int_format::code_point_char(value),
    }
}

fn number_field(spec: &PercentSpec, upper: bool) -> NumberField {
    let (fill, align) = if spec.flags.left {
        (' ', Align::Left)
    } else if spec.flags.zero {
        ('0', Align::AfterSign)
    } else {
        (' ', Align::Right)
    };
    let sign = if spec.flags.plus {
        SignOption::Always
    } else if spec.flags.space {
        SignOption::Space
    } else {
        SignOption::NegativeOnly
    };
    NumberField {
        fill,
        align,
        width: spec.width,
        sign,
        grouping: None,
        upper,
    }
}

/// Renders `%d %i %u %o %x %X` for an int. The precision is a minimum digit count.
pub fn render_percent_int(
    out: &mut String,
    value: IntValue<'_>,
    spec: &PercentSpec,
) -> Result<(), FormatError> {
    let (radix, prefix) = match spec.letter {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let magnitude = super::int_format::checked_magnitude_digits(value, radix)?;
    let digits = magnitude.as_str();
    let minimum = spec.precision.unwrap_or(0);
    let mut padded = String::new();
    let digits = if minimum > digits.len() {
        reserve(&mut padded, minimum)?;
        super::layout::push_fill(&mut padded, '0', minimum - digits.len());
        padded.push_str(digits);
        padded.as_str()
    } else {
        digits
    };
    let number = NumberText {
        negative: value.is_negative(),
        prefix: if spec.flags.alternate { prefix } else { "" },
        digits,
        remainder: "",
    };
    write_number(out, &number, &number_field(spec, spec.letter == 'X'))
}

/// Renders `%e %E %f %F %g %G` for a float (precision 6 unless given).
pub fn render_percent_float(
    out: &mut String,
    value: Float,
    spec: &PercentSpec,
) -> Result<(), FormatError> {
    let style = match spec.letter {
        'e' | 'E' => FloatStyle::Exponent,
        'f' | 'F' => FloatStyle::Fixed,
        _ => FloatStyle::General,
    };
    let flags = FloatFlags {
        alternate: spec.flags.alternate,
        add_dot_0: false,
        upper: spec.letter.is_ascii_uppercase(),
    };
    let precision = spec.precision.unwrap_or(6);
    write_float_field(
        out,
        value,
        (style, precision, flags),
        false,
        false,
        &number_field(spec, false),
    )
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::super::error::ErrorKind::{self, Value};
    use super::*;
    use alloc::vec::Vec;

    type Expected = Result<&'static str, (ErrorKind, &'static str)>;

    #[derive(Clone, Copy, Debug)]
    enum Arg {
        Small(i64),
        Big(&'static str),
        Float(u64),
        Text(&'static str),
    }
    use Arg::{Big, Float, Small, Text};

    /// `(format, args, format % args)` printed by CPython 3.11.
    const RENDER: &[(&str, &[Arg], Expected)] = &include!("vectors/percent_render.rs");
    /// Whole format strings; an empty argument list with `%(key)` uses [`MAPPING`].
    const STRINGS: &[(&str, &[Arg], Expected)] = &include!("vectors/percent_strings.rs");
    /// Format strings whose own text is wrong.
    const ERRORS: &[(&str, Expected)] = &include!("vectors/percent_errors.rs");

    const MAPPING: &[(&str, Arg)] = &[("a", Text("A")), ("b", Small(7)), ("a(b)", Text("P"))];

    fn star(arg: Arg) -> i64 {
        match arg {
            Small(v) => v,
            other => panic!("star argument {other:?}"),
        }
    }

    /// What the runtime does: walk pieces, fetch arguments, convert, render.
    fn render(format: &str, args: &[Arg]) -> Result<String, FormatError> {
        let mut out = String::new();
        let mut next = args.iter().copied();
        for piece in PercentParser::new(format) {
            let directive = match piece? {
                PercentPiece::Literal(text) => {
                    out.push_str(text);
                    continue;
                }
                PercentPiece::Directive(directive) => directive,
            };
            let star_width =
                (directive.width == Some(Count::Star)).then(|| star(next.next().unwrap()));
            let star_precision =
                (directive.precision == Some(Count::Star)).then(|| star(next.next().unwrap()));
            let value = match directive.key {
                Some(key) => MAPPING
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map_or(Small(1), |entry| entry.1),
                None => next.next().unwrap(),
            };
            let spec = directive.resolve(star_width, star_precision);
            let big;
            let int = match value {
                Small(v) => Some(IntValue::Small(v)),
                Big(text) => {
                    big = crate::format::radix::parse_decimal(text).unwrap();
                    Some(IntValue::Big(&big))
                }
                _ => None,
            };
            match (directive.conversion()?, value) {
                (Conversion::Str, Text(text)) => render_percent_text(&mut out, text, &spec)?,
                (Conversion::Char, Text(text)) => {
                    render_percent_char(&mut out, text.chars().next().unwrap(), &spec)?
                }
                (Conversion::Char, _) => {
                    let c = percent_char_from_int(int.unwrap())?;
                    render_percent_char(&mut out, c, &spec)?
                }
                (Conversion::Decimal | Conversion::Radix, _) => {
                    render_percent_int(&mut out, int.unwrap(), &spec)?
                }
                (Conversion::Float, Float(bits)) => {
                    render_percent_float(&mut out, f64::from_bits(bits), &spec)?
                }
                (Conversion::Float, _) => {
                    render_percent_float(&mut out, int.unwrap().to_float()?, &spec)?
                }
                (conversion, value) => panic!("no test conversion {conversion:?} of {value:?}"),
            }
        }
        Ok(out)
    }

    fn check(format: &str, got: Result<String, FormatError>, expected: Expected) {
        match (expected, got) {
            (Ok(text), Ok(got)) => assert_eq!(got, text, "{format:?}"),
            (Err((kind, message)), Err(err)) => {
                assert_eq!(err.kind, kind, "{format:?}");
                assert_eq!(err.message, message, "{format:?}");
            }
            (expected, got) => panic!("{format:?}: expected {expected:?}, got {got:?}"),
        }
    }

    #[test]
    fn directives_match_cpython() {
        for &(format, args, expected) in RENDER {
            check(format, render(format, args), expected);
        }
    }

    #[test]
    fn format_strings_match_cpython() {
        for &(format, args, expected) in STRINGS {
            check(format, render(format, args), expected);
        }
    }

    #[test]
    fn malformed_format_strings_match_cpython() {
        for &(format, expected) in ERRORS {
            check(format, render(format, &[Small(1), Small(1)]), expected);
        }
    }

    /// `(letter, argument type, TypeError message)`, then whole-call errors as
    /// `(format, "", message)`, printed by CPython 3.11.
    const ARGUMENT_ERRORS: &[(&str, &str, &str)] = &include!("vectors/percent_arg_errors.rs");

    #[test]
    fn argument_error_messages_match_cpython() {
        for &(letter, type_name, message) in ARGUMENT_ERRORS {
            let err = match (letter, type_name) {
                ("%s %s", "") => percent_not_enough_arguments(),
                ("%s", "") => percent_not_all_converted(),
                ("%(a)s", "") => percent_requires_mapping(),
                ("%*d", "") => percent_star_wants_int(),
                _ => percent_argument_error(letter.chars().next().unwrap(), type_name),
            };
            assert_eq!(err.kind, ErrorKind::Type);
            assert_eq!(err.message, message, "{letter} {type_name}");
        }
    }

    #[test]
    fn parse_collects_pieces() {
        let pieces: Vec<_> = PercentParser::new("a%%b%(k)-*.2fc")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(pieces.len(), 5);
        assert_eq!(pieces[1], PercentPiece::Literal("%"));
        match pieces[3] {
            PercentPiece::Directive(d) => {
                assert_eq!(d.key, Some("k"));
                assert!(d.flags.left);
                assert_eq!(d.width, Some(Count::Star));
                assert_eq!(d.precision, Some(Count::Given(2)));
                assert_eq!(d.conversion(), Ok(Conversion::Float));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(pieces[4], PercentPiece::Literal("c"));
    }

    #[test]
    fn arbitrary_format_strings_give_text_or_error() {
        for format in crate::format::arbitrary_text::arbitrary_strings(
            "%()-+ #0123456789*.hlLdiouxXeEfFgGcrsa%\u{e9}",
            10,
            20_000,
        ) {
            for piece in PercentParser::new(&format) {
                let Ok(PercentPiece::Directive(directive)) = piece else {
                    continue;
                };
                let spec = directive.resolve(Some(-3), Some(-1));
                let mut out = String::new();
                let rendered = match directive.conversion() {
                    Ok(Conversion::Float) => render_percent_float(&mut out, -1.5e-7, &spec),
                    Ok(Conversion::Decimal | Conversion::Radix) => {
                        render_percent_int(&mut out, IntValue::Small(-42), &spec)
                    }
                    Ok(Conversion::Char) => render_percent_char(&mut out, 'x', &spec),
                    Ok(_) => render_percent_text(&mut out, "text", &spec),
                    Err(err) => {
                        assert!(err.message.starts_with("unsupported format character"));
                        continue;
                    }
                };
                assert!(rendered.is_ok(), "{format:?}");
            }
        }
    }
}
