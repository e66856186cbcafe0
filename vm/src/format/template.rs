//! `str.format` / `str.format_map` templates: literal text with `{{`/`}}` escapes, and
//! replacement fields `{name.attr[key]!conversion:spec}`.
//!
//! CPython parses a template lazily while rendering it, so an error in a later field only
//! shows if the earlier fields rendered. [`TemplateParser`] therefore yields pieces one at a
//! time, and a [`Field`] keeps its name and accessor chain as text: [`Field::argument`] and
//! [`Field::accessors`] decode them at the moment CPython does (after rendering what comes
//! before), and [`Field::conversion`] validates the `!x` letter after the object lookup.
//! A spec containing `{}` fields is itself a template, one nesting level deep at most
//! ([`Field::spec_parser`]); it shares the outer template's [`AutoNumbering`].

use alloc::string::String;
use alloc::vec::Vec;

use super::error::FormatError;
use super::spec::decimal_count;
use super::str_repr::push_hex;
use crate::format::message::{fill, ToArg};

/// Nesting levels a template may have: the template and one level of nested specs.
const MAX_DEPTH: u8 = 2;

/// A piece of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TemplatePiece<'a> {
    /// Text to copy (an escaped brace arrives as a literal ending in that brace).
    Literal(&'a str),
    /// A replacement field.
    Field(Field<'a>),
}

/// A replacement field, its parts still as text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field<'a> {
    /// The field name: argument then accessors (`0.real`, `name[key]`, or empty).
    pub name: &'a str,
    /// The letter after `!`, not yet validated.
    pub conversion: Option<char>,
    /// The format spec after `:` (empty if none).
    pub spec: &'a str,
    /// True if `spec` contains `{` and must be expanded as a template before use.
    pub spec_has_fields: bool,
    /// Nesting depth left for the spec's own fields.
    depth: u8,
}

/// Which argument a field refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgumentRef<'a> {
    /// Positional argument (given, or the next automatic number).
    Index(usize),
    /// Keyword argument.
    Name(&'a str),
}

/// One step after the argument in a field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accessor<'a> {
    /// `.name`: attribute lookup.
    Attribute(&'a str),
    /// `[123]`: item lookup with an int (all decimal digits, of any script).
    Index(usize),
    /// `[text]`: item lookup with a str.
    Key(&'a str),
}

/// What `!x` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldConversion {
    /// `!s`: `str()`.
    Str,
    /// `!r`: `repr()`.
    Repr,
    /// `!a`: `ascii()`.
    Ascii,
}

/// Automatic field numbering state shared by a template and its nested specs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AutoNumbering {
    mode: Option<NumberingMode>,
    next: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberingMode {
    Automatic,
    Manual,
}

impl AutoNumbering {
    /// Fresh state for one `str.format` call.
    pub fn new() -> Self {
        AutoNumbering::default()
    }
}

impl<'a> Field<'a> {
    /// The part of the name before the first `.` or `[`.
    fn first_part(&self) -> (&'a str, &'a str) {
        let end = self.name.find(['.', '[']).unwrap_or(self.name.len());
        self.name.split_at(end)
    }

    /// Resolves the argument the field names, numbering empty names automatically and
    /// refusing to mix automatic and manual numbering.
    pub fn argument(&self, numbering: &mut AutoNumbering) -> Result<ArgumentRef<'a>, FormatError> {
        let (first, _) = self.first_part();
        let index = decimal_count(first)?;
        if !first.is_empty() && index.is_none() {
            return Ok(ArgumentRef::Name(first));
        }
        let automatic = first.is_empty();
        let mode = *numbering.mode.get_or_insert(if automatic {
            NumberingMode::Automatic
        } else {
            NumberingMode::Manual
        });
        match (mode, index) {
            (NumberingMode::Manual, None) => Err(FormatError::value(crate::packed!(
                "cannot switch from manual field specification to automatic field numbering"
            ))),
            (NumberingMode::Automatic, Some(_)) => Err(FormatError::value(crate::packed!(
                "cannot switch from automatic field numbering to manual field specification"
            ))),
            (_, Some(index)) => Ok(ArgumentRef::Index(index)),
            (NumberingMode::Automatic, None) => {
                let index = numbering.next;
                numbering.next += 1;
                Ok(ArgumentRef::Index(index))
            }
        }
    }

    /// The `.attr` / `[key]` steps after the argument, decoded one at a time.
    pub fn accessors(&self) -> Accessors<'a> {
        Accessors {
            rest: self.first_part().1,
        }
    }

    /// Validates the `!x` letter (CPython checks it after looking the object up).
    pub fn conversion(&self) -> Result<Option<FieldConversion>, FormatError> {
        match self.conversion {
            None => Ok(None),
            Some('s') => Ok(Some(FieldConversion::Str)),
            Some('r') => Ok(Some(FieldConversion::Repr)),
            Some('a') => Ok(Some(FieldConversion::Ascii)),
            Some(other) if (other as u32) > 32 && (other as u32) < 127 => Err(FormatError::value(
                fill("Unknown conversion specifier {}", &[other.arg()]),
            )),
            Some(other) => {
                let mut text = String::from("Unknown conversion specifier \\x");
                push_hex(&mut text, other as u32, 1);
                Err(FormatError::value(text))
            }
        }
    }

    /// A parser over the spec, for expanding its nested fields (use it only if
    /// [`spec_has_fields`](Field::spec_has_fields)). Fields nested deeper than CPython allows
    /// make it fail with `Max string recursion exceeded`.
    pub fn spec_parser(&self) -> TemplateParser<'a> {
        TemplateParser::with_depth(self.spec, self.depth.saturating_sub(1))
    }
}

/// Iterator over a field name's accessors.
#[derive(Clone, Debug)]
pub struct Accessors<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Accessors<'a> {
    type Item = Result<Accessor<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut chars = self.rest.chars();
        let introducer = chars.next()?;
        let body = chars.as_str();
        let step = match introducer {
            '.' => {
                let end = body.find(['.', '[']).unwrap_or(body.len());
                let (name, rest) = body.split_at_checked(end).unwrap_or((body, ""));
                self.rest = rest;
                Ok(Accessor::Attribute(name))
            }
            '[' => match body.split_once(']') {
                Some((key, rest)) => {
                    self.rest = rest;
                    decimal_count(key).map(|index| match index {
                        Some(index) => Accessor::Index(index),
                        None => Accessor::Key(key),
                    })
                }
                None => Err(FormatError::value(crate::packed!(
                    "Missing ']' in format string"
                ))),
            },
            _ => Err(FormatError::value(crate::packed!(
                "Only '.' or '[' may follow ']' in format field specifier"
            ))),
        };
        let step = step.and_then(|step| match step {
            Accessor::Attribute("") | Accessor::Key("") => Err(FormatError::value(crate::packed!(
                "Empty attribute in format string"
            ))),
            other => Ok(other),
        });
        if step.is_err() {
            self.rest = "";
        }
        Some(step)
    }
}

/// Walks a template, yielding literal text and fields lazily.
#[derive(Clone, Debug)]
pub struct TemplateParser<'a> {
    rest: &'a str,
    depth: u8,
    failed: bool,
}

impl<'a> TemplateParser<'a> {
    /// A parser over a whole `str.format` template.
    pub fn new(template: &'a str) -> Self {
        TemplateParser::with_depth(template, MAX_DEPTH)
    }

    fn with_depth(template: &'a str, depth: u8) -> Self {
        TemplateParser {
            rest: template,
            depth,
            failed: false,
        }
    }

    /// Parses a field; `self.rest` starts just after its `{`.
    fn field(&mut self) -> Result<Field<'a>, FormatError> {
        let text = self.rest;
        let mut name_end = None;
        let mut terminator = None;
        let mut chars = text.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '{' => {
                    return Err(FormatError::value(crate::packed!(
                        "unexpected '{' in field name"
                    )))
                }
                '[' => {
                    for (_, inner) in chars.by_ref() {
                        if inner == ']' {
                            break;
                        }
                    }
                }
                '}' | ':' | '!' => {
                    name_end = Some(at);
                    terminator = Some(c);
                    break;
                }
                _ => {}
            }
        }
        let (Some(name_end), Some(terminator)) = (name_end, terminator) else {
            return Err(FormatError::value(crate::packed!(
                "expected '}' before end of string"
            )));
        };
        let (name, mut after) = split_around(text, name_end);
        let mut field = Field {
            name,
            conversion: None,
            spec: "",
            spec_has_fields: false,
            depth: self.depth,
        };
        if terminator == '}' {
            self.rest = after;
            return Ok(field);
        }
        if terminator == '!' {
            let mut chars = after.chars();
            let conversion = chars.next().ok_or_else(|| {
                FormatError::value(crate::packed!(
                    "end of string while looking for conversion specifier"
                ))
            })?;
            field.conversion = Some(conversion);
            after = chars.as_str();
            let mut chars = after.chars();
            match chars.next() {
                Some('}') => {
                    self.rest = chars.as_str();
                    return Ok(field);
                }
                Some(':') => after = chars.as_str(),
                Some(_) => {
                    return Err(FormatError::value(crate::packed!(
                        "expected ':' after conversion specifier"
                    )))
                }
                None => {}
            }
        }
        let mut open = 1usize;
        for (at, c) in after.char_indices() {
            match c {
                '{' => {
                    field.spec_has_fields = true;
                    open += 1;
                }
                '}' => {
                    open -= 1;
                    if open == 0 {
                        (field.spec, self.rest) = split_around(after, at);
                        return Ok(field);
                    }
                }
                _ => {}
            }
        }
        Err(FormatError::value(crate::packed!(
            "unmatched '{' in format spec"
        )))
    }
}

impl<'a> Iterator for TemplateParser<'a> {
    type Item = Result<TemplatePiece<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.rest.is_empty() {
            return None;
        }
        let piece = self.next_piece();
        self.failed = piece.is_err();
        Some(piece)
    }
}

impl<'a> TemplateParser<'a> {
    fn next_piece(&mut self) -> Result<TemplatePiece<'a>, FormatError> {
        if self.depth == 0 {
            return Err(FormatError::value(crate::packed!(
                "Max string recursion exceeded"
            )));
        }
        let text = self.rest;
        let Some(brace) = text.find(['{', '}']) else {
            self.rest = "";
            return Ok(TemplatePiece::Literal(text));
        };
        let (literal, from) = text.split_at_checked(brace).unwrap_or((text, ""));
        match from.as_bytes() {
            [first, second, ..] if first == second => {
                // A doubled brace: the literal runs through the first of the two.
                self.rest = from.get(2..).unwrap_or("");
                return Ok(TemplatePiece::Literal(text.get(..=brace).unwrap_or(text)));
            }
            [b'}', ..] => {
                return Err(FormatError::value(crate::packed!(
                    "Single '}' encountered in format string"
                )))
            }
            [_] => {
                return Err(FormatError::value(crate::packed!(
                    "Single '{' encountered in format string"
                )))
            }
            _ => {}
        }
        if !literal.is_empty() {
            self.rest = from;
            return Ok(TemplatePiece::Literal(literal));
        }
        self.rest = from.get(1..).unwrap_or("");
        self.field().map(TemplatePiece::Field)
    }
}

/// `text` split around the ASCII delimiter at byte `at` (where a search found it): the text
/// before it and the text after it. Slicing that cannot fail, written so it has no panic path.
fn split_around(text: &str, at: usize) -> (&str, &str) {
    let (before, from) = text.split_at_checked(at).unwrap_or((text, ""));
    (before, from.get(1..).unwrap_or(""))
}

/// Parses a whole template (errors in the template come before any lookup errors, unlike
/// CPython; use [`TemplateParser`] to interleave).
pub fn parse_template(template: &str) -> Result<Vec<TemplatePiece<'_>>, FormatError> {
    TemplateParser::new(template).collect()
}

/// `IndexError: Replacement index 2 out of range for positional args tuple`.
pub fn replacement_index_error(index: usize) -> FormatError {
    FormatError {
        kind: super::error::ErrorKind::Index,
        message: fill(
            "Replacement index {} out of range for positional args tuple",
            &[index.arg()],
        ),
    }
}

/// `ValueError: Format string contains positional fields` (`str.format_map` meeting `{0}`/`{}`).
pub fn positional_fields_in_format_map() -> FormatError {
    FormatError::value(crate::packed!("Format string contains positional fields"))
}

/// Expands a spec containing nested fields into `out`: literal text is copied, and each
/// nested field is handed to `render` with its resolved argument (numbered from the same
/// `numbering` as the outer template). `render` looks the argument up, applies accessors and
/// conversion, formats it with the field's own spec (a nested spec is plain text here), and
/// appends the result.
pub fn expand_spec<'a, E: From<FormatError>>(
    field: &Field<'a>,
    numbering: &mut AutoNumbering,
    out: &mut String,
    mut render: impl FnMut(&mut String, &Field<'a>, ArgumentRef<'a>) -> Result<(), E>,
) -> Result<(), E> {
    for piece in field.spec_parser() {
        match piece? {
            TemplatePiece::Literal(text) => out.push_str(text),
            TemplatePiece::Field(inner) => {
                // Fields in a nested field's spec are one level deeper than CPython allows.
                if let (true, Some(Err(e))) = (inner.spec_has_fields, inner.spec_parser().next()) {
                    return Err(e.into());
                }
                let argument = inner.argument(numbering)?;
                render(out, &inner, argument)?;
            }
        }
    }
    Ok(())
}

// Binary64 results (CPython's, or core's f64): `float_type`'s tests check binary32.
#[cfg(all(test, not(feature = "float32")))]
mod tests {
    use super::super::error::ErrorKind::{self, Value};
    use super::super::float_format::format_float;
    use super::super::float_repr::float_repr;
    use super::super::int_format::{format_int, IntValue};
    use super::super::spec::parse_spec;
    use super::super::str_format::format_str;
    use super::*;
    use alloc::string::ToString;

    type Expected = Result<&'static str, (ErrorKind, &'static str)>;

    /// `(template, template.format(*ARGS, **KWARGS))` printed by CPython 3.11.
    const VECTORS: &[(&str, Expected)] = &include!("vectors/template.rs");

    #[derive(Clone, Debug)]
    enum Arg {
        Text(String),
        Int(i64),
        Float(f64),
        Map(&'static [(MapKey, &'static str)]),
    }

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum MapKey {
        Str(&'static str),
        Int(usize),
    }

    fn positional(index: usize) -> Arg {
        match index {
            0 => Arg::Text("abc".into()),
            1 => Arg::Int(42),
            2 => Arg::Float(-3.5),
            3 => Arg::Text("xyz".into()),
            4 => Arg::Int(255),
            _ => panic!("no positional {index}"),
        }
    }

    fn keyword(name: &str) -> Arg {
        match name {
            "name" => Arg::Text("Bob".into()),
            "n" => Arg::Int(7),
            "w" => Arg::Int(8),
            "p" => Arg::Int(3),
            "d" => Arg::Map(&[(MapKey::Str("k"), "v"), (MapKey::Int(1), "one")]),
            "f" => Arg::Float(1234.5678),
            _ => panic!("no keyword {name}"),
        }
    }

    fn access(value: Arg, step: Accessor<'_>) -> Arg {
        match (value, step) {
            (Arg::Text(text), Accessor::Index(i)) => {
                Arg::Text(text.chars().nth(i).unwrap().to_string())
            }
            (Arg::Map(entries), Accessor::Key(key)) => {
                lookup(entries, |k| matches!(k, MapKey::Str(s) if s == key))
            }
            (Arg::Map(entries), Accessor::Index(i)) => lookup(entries, |k| k == MapKey::Int(i)),
            (Arg::Int(v), Accessor::Attribute("real")) => Arg::Int(v),
            (Arg::Float(_), Accessor::Attribute("imag")) => Arg::Float(0.0),
            (value, step) => panic!("no test access {step:?} on {value:?}"),
        }
    }

    fn lookup(entries: &[(MapKey, &'static str)], matches: impl Fn(MapKey) -> bool) -> Arg {
        let (_, found) = entries.iter().find(|(k, _)| matches(*k)).unwrap();
        Arg::Text((*found).into())
    }

    /// Renders one field as the runtime would.
    fn render_field(
        out: &mut String,
        field: &Field<'_>,
        argument: ArgumentRef<'_>,
        numbering: &mut AutoNumbering,
    ) -> Result<(), FormatError> {
        let mut value: Arg = match argument {
            ArgumentRef::Index(i) => positional(i),
            ArgumentRef::Name(name) => keyword(name),
        };
        for step in field.accessors() {
            value = access(value, step?);
        }
        if let Some(conversion) = field.conversion()? {
            value = Arg::Text(match (value, conversion) {
                (Arg::Text(t), FieldConversion::Repr | FieldConversion::Ascii) => {
                    alloc::format!("'{t}'")
                }
                (Arg::Text(t), FieldConversion::Str) => t,
                (Arg::Int(v), _) => v.to_string(),
                (Arg::Float(v), _) => float_repr(v),
                (Arg::Map(_), _) => panic!("no test conversion of a map"),
            });
        }
        let mut expanded = String::new();
        let spec_text = if field.spec_has_fields {
            expand_spec(field, numbering, &mut expanded, |out, inner, argument| {
                render_field(out, inner, argument, &mut AutoNumbering::new())
            })?;
            expanded.as_str()
        } else {
            field.spec
        };
        match value {
            Arg::Text(text) => format_str(out, &text, &parse_spec(spec_text, "str")?, "str"),
            Arg::Int(v) => format_int(
                out,
                IntValue::Small(v),
                &parse_spec(spec_text, "int")?,
                "int",
            ),
            Arg::Float(v) => format_float(out, v, &parse_spec(spec_text, "float")?, "float"),
            Arg::Map(_) => panic!("no test formatting of a map"),
        }
    }

    fn render(template: &str) -> Result<String, FormatError> {
        let mut out = String::new();
        let mut numbering = AutoNumbering::new();
        for piece in TemplateParser::new(template) {
            match piece? {
                TemplatePiece::Literal(text) => out.push_str(text),
                TemplatePiece::Field(field) => {
                    let argument = field.argument(&mut numbering)?;
                    render_field(&mut out, &field, argument, &mut numbering)?;
                }
            }
        }
        Ok(out)
    }

    #[test]
    fn matches_cpython_str_format() {
        for &(template, expected) in VECTORS {
            match (expected, render(template)) {
                (Ok(text), Ok(got)) => assert_eq!(got, text, "{template:?}"),
                (Err((kind, message)), Err(err)) => {
                    assert_eq!(err.kind, kind, "{template:?}");
                    assert_eq!(err.message, message, "{template:?}");
                }
                (expected, got) => panic!("{template:?}: expected {expected:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn lookup_error_messages_match_cpython() {
        // '{2}'.format(1) and '{}'.format_map({}) in CPython 3.11.
        let err = replacement_index_error(2);
        assert_eq!(err.kind, ErrorKind::Index);
        assert_eq!(
            err.message,
            "Replacement index 2 out of range for positional args tuple"
        );
        assert_eq!(
            positional_fields_in_format_map().message,
            "Format string contains positional fields"
        );
    }

    #[test]
    fn parse_splits_fields_and_escapes() {
        let pieces = parse_template("a{{b{x.y[2]!r:>{w}}c}}").unwrap();
        assert_eq!(pieces[0], TemplatePiece::Literal("a{"));
        assert_eq!(pieces[1], TemplatePiece::Literal("b"));
        let TemplatePiece::Field(field) = pieces[2] else {
            panic!("{:?}", pieces[2]);
        };
        assert_eq!(field.name, "x.y[2]");
        assert_eq!(field.conversion, Some('r'));
        assert_eq!(field.spec, ">{w}");
        assert!(field.spec_has_fields);
        let steps: Vec<_> = field.accessors().map(Result::unwrap).collect();
        assert_eq!(steps, [Accessor::Attribute("y"), Accessor::Index(2)]);
        assert_eq!(pieces[3], TemplatePiece::Literal("c}"));
        assert_eq!(pieces.len(), 4);
    }

    #[test]
    #[cfg(feature = "unicode-class")]
    fn keys_that_are_not_all_digits_are_strings() {
        let pieces = parse_template("{0[-1]}{0[ 1]}").unwrap();
        let keys: Vec<_> = pieces
            .iter()
            .map(|piece| match piece {
                TemplatePiece::Field(field) => field.accessors().next().unwrap().unwrap(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(keys, [Accessor::Key("-1"), Accessor::Key(" 1")]);
        // '{\u0661}' and '{0[\u0661]}' use index 1 in CPython.
        let pieces = parse_template("{\u{661}[\u{661}]}").unwrap();
        let TemplatePiece::Field(field) = pieces[0] else {
            panic!("{:?}", pieces[0]);
        };
        let mut numbering = AutoNumbering::new();
        assert_eq!(field.argument(&mut numbering), Ok(ArgumentRef::Index(1)));
        assert_eq!(field.accessors().next(), Some(Ok(Accessor::Index(1))));
    }

    #[test]
    fn arbitrary_templates_give_pieces_or_error() {
        for template in crate::format::arbitrary_text::arbitrary_strings(
            "{}[]().!:0123 abrsx\u{e9}",
            12,
            20_000,
        ) {
            let mut numbering = AutoNumbering::new();
            for piece in TemplateParser::new(&template) {
                let Ok(TemplatePiece::Field(field)) = piece else {
                    continue;
                };
                let _ = field.argument(&mut numbering);
                for step in field.accessors() {
                    let _ = step;
                }
                let _ = field.conversion();
                for nested in field.spec_parser() {
                    let _ = nested;
                }
            }
        }
    }
}
