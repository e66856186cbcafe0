//! Text formatting and number parsing shared by `str`, `int` and `float`: `repr(float)`,
//! `repr(str)`, the format-spec mini-language (`format()`), `%`-formatting, `str.format`
//! templates, `int(str, base)`, `float(str)`, `round()` and float `//`, `%`, `divmod`, `**`.
//!
//! Everything here is pure text and number work, independent of the GC heap: the runtime
//! converts Python objects to Rust values (`i64`/`BigInt`, `f64`, `&str`), calls in, and raises
//! a returned [`FormatError`] as the exception its [`ErrorKind`] names, with its message.
//! Output and messages match CPython 3.11 character for character; the unit tests' expected
//! values were printed by CPython (`vectors/gen_vectors.py` regenerates them).
//!
//! Contract with the runtime:
//! - Formatting functions append to a `&mut String` so one buffer can collect a whole
//!   `str.format` / `%` result; huge widths and precisions fail as `MemoryError`
//!   ([`ErrorKind::Memory`]) rather than aborting.
//! - Messages that name a type take the Python type name (`int`, `bool`, a subclass name).
//! - An empty spec means `str(value)`: for exact `int`/`float` the `format_*` functions do
//!   that themselves; for `bool` and subclasses the runtime calls `__str__` instead.
//! - `%` and `str.format` are parsed lazily ([`PercentParser`], [`TemplateParser`]) so that
//!   the runtime, which fetches arguments and calls `__str__`/`__repr__`/`__format__`, reports
//!   errors in CPython's order.

#[cfg(test)]
mod arbitrary_text;
pub mod case_ascii;
#[cfg(feature = "unicode-case")]
pub mod case_map;
#[cfg(not(feature = "unicode-case"))]
pub use case_ascii as case_map;
mod char_class;
#[cfg(feature = "complex")]
mod complex_repr;
mod decimal_to_float;
mod error;
mod float_exact;
mod float_fmod;
mod float_format;
mod float_hex;
mod float_ops;
mod float_repr;
mod float_shortest;
mod float_text;
pub mod float_type;
mod int_format;
mod int_round;
mod layout;
pub(crate) mod message;
pub mod name_table;
mod natural;
mod number_text;
pub mod packed;
mod parse_float;
mod parse_int;
mod percent;
pub(crate) mod radix;
mod spec;
mod str_format;
mod str_repr;
mod template;
#[cfg(test)]
mod test_support;
// Its case tables serve `case_map`, its other tables `char_class`.
#[cfg(any(feature = "unicode-case", feature = "unicode-class"))]
#[cfg_attr(
    not(all(feature = "unicode-case", feature = "unicode-class")),
    allow(dead_code)
)]
mod unicode_tables;

pub use char_class::{
    decimal_value, is_alnum, is_alpha, is_digit, is_identifier_char, is_identifier_start,
    is_printable, is_space,
};
#[cfg(feature = "complex")]
pub use complex_repr::complex_repr;
pub use decimal_to_float::parse_decimal;
pub(crate) use decimal_to_float::round_to_float;
pub use error::{ErrorKind, FormatError};
pub use float_fmod::fmod;
pub use float_format::format_float;
pub use float_hex::{float_fromhex, float_hex};
pub use float_ops::{
    float_divmod, float_floordiv, float_mod, float_pow, round_float, round_half_even, FloatPow,
};
pub use float_repr::{float_repr, write_float_repr};
pub use float_type::{Float, FloatMath};
pub use int_format::{format_int, IntValue};
pub use int_round::round_int;
pub use parse_float::parse_float;
pub use parse_int::{parse_int, ParsedInt, INT_MAX_STR_DIGITS};
pub use percent::{
    percent_argument_error, percent_char_from_int, percent_not_all_converted,
    percent_not_enough_arguments, percent_requires_mapping, percent_star_wants_int,
    render_percent_char, render_percent_float, render_percent_int, render_percent_text, Conversion,
    Count, Directive, PercentFlags, PercentParser, PercentPiece, PercentSpec,
};
pub use spec::{parse_spec, unsupported_format_string, Align, FormatSpec, Grouping, SignOption};
pub use str_format::format_str;
pub use str_repr::{hex_of_bytes, push_code_escape, push_hex, str_ascii, str_repr, write_str_repr};
pub use template::{
    expand_spec, parse_template, positional_fields_in_format_map, replacement_index_error,
    Accessor, Accessors, ArgumentRef, AutoNumbering, Field, FieldConversion, TemplateParser,
    TemplatePiece,
};
