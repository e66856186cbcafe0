//! Text formatting and number parsing shared by `str`, `int` and `float`: float `repr`, the
//! format-spec mini-language, `%`-formatting and `str.format` templates.
//!
//! Everything here is pure text work, independent of the GC heap: the runtime converts Python
//! objects to Rust values (`i64`/`BigInt`, `f64`, `&str`), calls in, and raises the returned
//! [`FormatError`] as the exception its [`ErrorKind`] names. Output matches CPython 3.11
//! character for character; the unit tests' expected strings were printed by CPython.

mod error;
mod float_format;
mod float_repr;
mod float_text;
mod int_format;
mod layout;
mod percent;
mod spec;
mod str_format;
mod template;

pub use error::{ErrorKind, FormatError};
pub use float_format::format_float;
pub use float_repr::{float_repr, write_float_repr};
pub use int_format::{format_int, IntValue};
pub use percent::{
    parse_percent, percent_char_from_int, render_percent_char, render_percent_float,
    render_percent_int, render_percent_text, Conversion, Count, Directive, PercentFlags,
    PercentParser, PercentPiece, PercentSpec,
};
pub use spec::{parse_spec, Align, FormatSpec, Grouping, SignOption};
pub use str_format::format_str;
pub use template::{
    expand_spec, parse_template, Accessor, Accessors, ArgumentRef, AutoNumbering, Field,
    FieldConversion, TemplateParser, TemplatePiece,
};
