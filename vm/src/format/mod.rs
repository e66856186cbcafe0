//! Text formatting and number parsing shared by `str`, `int` and `float`: float `repr`, the
//! format-spec mini-language, `%`-formatting and `str.format` templates.
//!
//! Everything here is pure text work, independent of the GC heap: the runtime converts Python
//! objects to Rust values (`i64`/`BigInt`, `f64`, `&str`), calls in, and raises the returned
//! [`FormatError`] as the exception its [`ErrorKind`] names. Output matches CPython 3.11
//! character for character; the unit tests' expected strings were printed by CPython.

#[cfg(test)]
mod arbitrary_text;
mod error;
mod float_format;
mod float_ops;
mod float_repr;
mod float_text;
mod int_format;
mod layout;
mod number_text;
mod parse_float;
mod parse_int;
mod percent;
mod spec;
mod str_format;
mod str_repr;
mod template;
mod unicode_tables;

pub use error::{ErrorKind, FormatError};
pub use float_format::format_float;
pub use float_ops::{
    float_divmod, float_floordiv, float_mod, float_pow, round_float, round_half_even, FloatPow,
};
pub use float_repr::{float_repr, write_float_repr};
pub use int_format::{format_int, IntValue};
pub use parse_float::parse_float;
pub use parse_int::{parse_int, ParsedInt, INT_MAX_STR_DIGITS};
pub use percent::{
    parse_percent, percent_char_from_int, render_percent_char, render_percent_float,
    render_percent_int, render_percent_text, Conversion, Count, Directive, PercentFlags,
    PercentParser, PercentPiece, PercentSpec,
};
pub use spec::{parse_spec, Align, FormatSpec, Grouping, SignOption};
pub use str_format::format_str;
pub use str_repr::{is_printable, str_ascii, str_repr, write_str_repr};
pub use template::{
    expand_spec, parse_template, Accessor, Accessors, ArgumentRef, AutoNumbering, Field,
    FieldConversion, TemplateParser, TemplatePiece,
};
