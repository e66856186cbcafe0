//! Python's character predicates that need Unicode data (`str.isalpha`, `str.isalnum`,
//! `str.isdigit`, `str.isprintable`, `str.isspace`, `str.isdecimal` with the digit's value, and
//! which characters make identifiers), as CPython 3.11 with Unicode 14 answers them. ASCII is
//! decided inline; other code points by `core`'s Unicode tables and binary search in
//! [`super::unicode_tables`], with the `unicode-class` feature.
//!
//! Without it (about 7 KB less on riscv32) only ASCII characters are letters, digits or space,
//! as in MicroPython: `'é'.isalpha()` is `False`, `int('٣')` a `ValueError`; every non-ASCII
//! character may appear in an identifier (MicroPython's lexer rule), and `repr` escapes only
//! the C1 controls (U+0080..U+009F) among non-ASCII characters.

#[cfg(feature = "unicode-class")]
use super::unicode_tables::{
    DECIMAL_ZEROS, NON_PRINTABLE_ABOVE_PLANE1, NON_PRINTABLE_BMP, NON_PRINTABLE_PLANE1,
};

/// CPython's `str.isprintable` for one character.
pub fn is_printable(c: char) -> bool {
    let code = c as u32;
    if code < 0x80 {
        return (0x20..0x7f).contains(&code);
    }
    #[cfg(feature = "unicode-class")]
    if let Ok(code) = u16::try_from(code) {
        !in_ranges(NON_PRINTABLE_BMP, code)
    } else if let Ok(offset) = u16::try_from(code - 0x10000) {
        !in_ranges(NON_PRINTABLE_PLANE1, offset)
    } else {
        !in_ranges(NON_PRINTABLE_ABOVE_PLANE1, code)
    }
    #[cfg(not(feature = "unicode-class"))]
    {
        code >= 0xa0
    }
}

#[cfg(feature = "unicode-class")]
fn in_ranges<T: Ord + Copy>(ranges: &[(T, T)], code: T) -> bool {
    match ranges.binary_search_by(|&(low, _)| low.cmp(&code)) {
        Ok(_) => true,
        Err(0) => false,
        Err(next) => code <= ranges[next - 1].1,
    }
}

/// CPython's `str.isspace` for one character (which, unlike C's `isspace`, includes the
/// ASCII separators `\x1c`..`\x1f`).
pub fn is_space(c: char) -> bool {
    matches!(c, '\t'..='\r' | '\x1c'..='\x1f' | ' ')
        || (cfg!(feature = "unicode-class") && !c.is_ascii() && c.is_whitespace())
}

/// `str.isalpha` for one character.
pub fn is_alpha(c: char) -> bool {
    if cfg!(feature = "unicode-class") {
        c.is_alphabetic()
    } else {
        c.is_ascii_alphabetic()
    }
}

/// `str.isalnum` for one character.
pub fn is_alnum(c: char) -> bool {
    if cfg!(feature = "unicode-class") {
        c.is_alphanumeric()
    } else {
        c.is_ascii_alphanumeric()
    }
}

/// `str.isdigit` for one character.
pub fn is_digit(c: char) -> bool {
    if cfg!(feature = "unicode-class") {
        c.is_numeric()
    } else {
        c.is_ascii_digit()
    }
}

/// May `c` start an identifier?
pub fn is_identifier_start(c: char) -> bool {
    c == '_'
        || if cfg!(feature = "unicode-class") {
            c.is_alphabetic()
        } else {
            !c.is_ascii() || c.is_ascii_alphabetic()
        }
}

/// May `c` continue an identifier?
pub fn is_identifier_char(c: char) -> bool {
    c == '_'
        || if cfg!(feature = "unicode-class") {
            c.is_alphanumeric()
        } else {
            !c.is_ascii() || c.is_ascii_alphanumeric()
        }
}

/// The digit value if `c` is a decimal digit in any script (`str.isdecimal`), else `None`.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii() {
        return c.to_digit(10);
    }
    #[cfg(feature = "unicode-class")]
    {
        let code = c as u32;
        let run = match DECIMAL_ZEROS.binary_search(&code) {
            Ok(index) => index,
            Err(0) => return None,
            Err(next) => next - 1,
        };
        let offset = code - DECIMAL_ZEROS[run];
        (offset < 10).then_some(offset)
    }
    #[cfg(not(feature = "unicode-class"))]
    None
}

#[cfg(all(test, feature = "unicode-class"))]
mod tests {
    use super::*;

    #[test]
    fn printable_boundaries() {
        assert!(is_printable('a'));
        assert!(!is_printable('\x7f'));
        assert!(!is_printable('\u{a0}'));
        assert!(is_printable('\u{a1}'));
        assert!(!is_printable('\u{10ffff}'));
    }

    /// How many code points CPython 3.11 calls printable in each part of the tables
    /// (`sum(chr(c).isprintable() for c in range(a, b))`, surrogates left out), and its
    /// answer at the edges of the Supplementary Multilingual Plane's ranges.
    #[test]
    fn printable_counts_match_cpython() {
        let count = |a: u32, b: u32| {
            (a..b)
                .filter_map(char::from_u32)
                .filter(|&c| is_printable(c))
                .count()
        };
        assert_eq!(count(0x80, 0x1_0000), 55_411);
        assert_eq!(count(0x1_0000, 0x2_0000), 22_959);
        assert_eq!(count(0x2_0000, 0x11_0000), 66_051);
        let edges = [
            (0x1_0000, true),
            (0x1_000c, false),
            (0x1_fbf9, true),
            (0x1_fbfa, false),
            (0x1_ffff, false),
            (0x2_0000, true),
            (0x2_a6df, true),
            (0x2_a6e0, false),
            (0xe_0100, true),
            (0xe_01f0, false),
        ];
        for (code, printable) in edges {
            let c = char::from_u32(code).unwrap();
            assert_eq!(is_printable(c), printable, "{code:#x}");
        }
    }

    /// Every code point CPython 3.11 calls whitespace: `[c for c in map(chr, range(0x110000))
    /// if c.isspace()]`.
    const PYTHON_SPACES: &[u32] = &[
        0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000,
        0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
        0x2029, 0x202f, 0x205f, 0x3000,
    ];

    #[test]
    fn space_matches_cpython_exactly() {
        for code in 0..=0x10ffffu32 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_space(c), PYTHON_SPACES.contains(&code), "{code:#x}");
            }
        }
    }

    #[test]
    fn decimal_digits_in_other_scripts() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('\u{0669}'), Some(9));
        assert_eq!(decimal_value('\u{1d7ce}'), Some(0));
        assert_eq!(decimal_value('\u{1d7ff}'), Some(9));
        assert_eq!(decimal_value('\u{00b2}'), None);
        assert_eq!(decimal_value('x'), None);
    }
}
