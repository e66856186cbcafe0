//! `repr(str)` and `ascii(str)`: the string in quotes (single unless it contains `'` and no
//! `"`), with backslash escapes for the quote, `\`, `\t \n \r`, other control characters and
//! (for `repr`) non-printable code points per Unicode 14 as CPython 3.11 judges them.

use alloc::string::String;

use super::char_class::is_printable;

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends `value` in lowercase hex, zero-padded to at least `width` digits: what
/// `{:0width$x}` writes, without `core::fmt`'s integer formatting linked in at each site.
pub fn push_hex(out: &mut String, value: u32, width: u32) {
    let digits = (u32::BITS - value.leading_zeros())
        .div_ceil(4)
        .max(width)
        .max(1);
    for nibble in (0..digits).rev() {
        let digit = value.checked_shr(nibble * 4).unwrap_or(0) & 0xF;
        out.push(char::from(HEX_DIGITS[digit as usize]));
    }
}

/// `bytes` as lowercase hex, two digits a byte: `bytes.hex()`, `memoryview.hex()`,
/// `hexdigest()`.
pub fn hex_of_bytes(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        push_hex(&mut s, u32::from(byte), 2);
    }
    s
}

/// Appends Python's backslash escape of code point `code`: `\xhh` below 0x100, `\uhhhh` below
/// 0x10000, `\Uhhhhhhhh` above.
pub fn push_code_escape(out: &mut String, code: u32) {
    let (letter, width) = match code {
        0..=0xFF => ('x', 2),
        0x100..=0xFFFF => ('u', 4),
        _ => ('U', 8),
    };
    out.push('\\');
    out.push(letter);
    push_hex(out, code, width);
}

/// Appends the quoted, escaped form of `s`; `ascii_only` escapes every non-ASCII character
/// (`ascii()`), otherwise only non-printable ones (`repr()`).
pub fn write_str_repr(out: &mut String, s: &str, ascii_only: bool) {
    let quote = if s.as_bytes().contains(&b'\'') && !s.as_bytes().contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c.is_ascii() || !ascii_only) && is_printable(c) => out.push(c),
            c => push_code_escape(out, c as u32),
        }
    }
    out.push(quote);
}

/// `repr(s)` for a str.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(&mut out, s, false);
    out
}

/// `ascii(s)` for a str.
pub fn str_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    write_str_repr(&mut out, s, true);
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

#[cfg(test)]
mod hex_tests {
    use super::*;

    #[test]
    fn push_hex_writes_what_zero_padded_lower_hex_formatting_writes() {
        for value in [0, 1, 0xF, 0x10, 0xAB, 0xFFFF, 0x1_0000, 0x10_FFFF, u32::MAX] {
            for width in [0, 1, 2, 4, 8, 10] {
                let mut out = String::new();
                push_hex(&mut out, value, width);
                assert_eq!(out, alloc::format!("{value:0w$x}", w = width as usize));
            }
        }
    }

    #[test]
    fn push_code_escape_picks_the_escape_by_code_point() {
        for (code, escape) in [
            (0, "\\x00"),
            (0xE9, "\\xe9"),
            (0x20AC, "\\u20ac"),
            (0x1F600, "\\U0001f600"),
        ] {
            let mut out = String::new();
            push_code_escape(&mut out, code);
            assert_eq!(out, escape);
        }
    }
}
