//! `repr(str)` and `ascii(str)`: the string in quotes (single unless it contains `'` and no
//! `"`), with backslash escapes for the quote, `\`, `\t \n \r`, other control characters and
//! (for `repr`) non-printable code points per Unicode 14 as CPython 3.11 judges them.

use alloc::string::String;
use core::fmt::{self, Write};

use super::char_class::is_printable;

/// Writes the quoted, escaped form of `s`; `ascii_only` escapes every non-ASCII character
/// (`ascii()`), otherwise only non-printable ones (`repr()`).
pub fn write_str_repr<W: Write>(out: &mut W, s: &str, ascii_only: bool) -> fmt::Result {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.write_char(quote)?;
    for c in s.chars() {
        match c {
            '\\' => out.write_str("\\\\")?,
            '\t' => out.write_str("\\t")?,
            '\n' => out.write_str("\\n")?,
            '\r' => out.write_str("\\r")?,
            c if c == quote => {
                out.write_char('\\')?;
                out.write_char(c)?;
            }
            c if (c.is_ascii() || !ascii_only) && is_printable(c) => out.write_char(c)?,
            c if (c as u32) < 0x100 => write!(out, "\\x{:02x}", c as u32)?,
            c if (c as u32) < 0x10000 => write!(out, "\\u{:04x}", c as u32)?,
            c => write!(out, "\\U{:08x}", c as u32)?,
        }
    }
    out.write_char(quote)
}

/// `repr(s)` for a str.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Writing to a String cannot fail.
    let _ = write_str_repr(&mut out, s, false);
    out
}

/// `ascii(s)` for a str.
pub fn str_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    // Writing to a String cannot fail.
    let _ = write_str_repr(&mut out, s, true);
    out
}

// CPython's reprs of non-ASCII text need the Unicode classes.
#[cfg(all(test, feature = "unicode-class"))]
mod tests {
    use super::*;

    /// `(s, repr(s), ascii(s))` printed by CPython 3.11.
    const VECTORS: &[(&str, &str, &str)] = &include!("vectors/str_repr.rs");

    #[test]
    fn matches_cpython_repr_and_ascii() {
        for &(s, repr, ascii) in VECTORS {
            assert_eq!(str_repr(s), repr, "repr({s:?})");
            assert_eq!(str_ascii(s), ascii, "ascii({s:?})");
        }
    }
}
