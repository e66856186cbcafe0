//! `repr(str)` and `ascii(str)`: the string in quotes (single unless it contains `'` and no
//! `"`), with backslash escapes for the quote, `\`, `\t \n \r`, other control characters and
//! (for `repr`) non-printable code points per Unicode 14 as CPython 3.11 judges them.

use alloc::string::String;
use core::fmt::{self, Write};

use super::unicode_tables::{NON_PRINTABLE_BMP, NON_PRINTABLE_SUPPLEMENTARY};

/// CPython's `str.isprintable` for one character.
pub fn is_printable(c: char) -> bool {
    let code = c as u32;
    if code < 0x80 {
        return (0x20..0x7f).contains(&code);
    }
    if let Ok(code) = u16::try_from(code) {
        !in_ranges(NON_PRINTABLE_BMP, code)
    } else {
        !in_ranges(NON_PRINTABLE_SUPPLEMENTARY, code)
    }
}

fn in_ranges<T: Ord + Copy>(ranges: &[(T, T)], code: T) -> bool {
    match ranges.binary_search_by(|&(low, _)| low.cmp(&code)) {
        Ok(_) => true,
        Err(0) => false,
        Err(next) => code <= ranges[next - 1].1,
    }
}

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

#[cfg(test)]
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

    #[test]
    fn printable_boundaries() {
        assert!(is_printable('a'));
        assert!(!is_printable('\x7f'));
        assert!(!is_printable('\u{a0}'));
        assert!(is_printable('\u{a1}'));
        assert!(!is_printable('\u{10ffff}'));
    }
}
