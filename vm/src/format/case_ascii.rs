//! Case mapping of ASCII letters only, as MicroPython's: the VM's `case_map` when the
//! `unicode-case` feature is off (the chip and the minimal bare-metal build), where `core`'s
//! Unicode conversion tables (about 24 KB) and their code would cost more than they are worth.
//! Other characters are left as they are and count as uncased: `'é'.upper()` is `'é'` and
//! `'É'.isupper()` is `False`. Same functions as [`super::case_map`] with the feature on.

use alloc::string::String;

/// Is `c` cased? Only ASCII letters are.
pub fn is_cased(c: char) -> bool {
    c.is_ascii_alphabetic()
}

/// Is `c` an upper-case letter?
pub fn is_upper(c: char) -> bool {
    c.is_ascii_uppercase()
}

/// Is `c` a lower-case letter?
pub fn is_lower(c: char) -> bool {
    c.is_ascii_lowercase()
}

/// Is `c` a title-case letter? No ASCII letter is.
pub fn is_titlecase_letter(_: char) -> bool {
    false
}

/// The simple lower case of code point `c` (what `re` compares case-insensitively).
pub fn lower_char(c: u32) -> u32 {
    match u8::try_from(c) {
        Ok(b) => u32::from(b.to_ascii_lowercase()),
        Err(_) => c,
    }
}

/// The simple upper case of code point `c`.
pub fn upper_char(c: u32) -> u32 {
    match u8::try_from(c) {
        Ok(b) => u32::from(b.to_ascii_uppercase()),
        Err(_) => c,
    }
}

/// `str.upper()`.
pub fn upper(s: &str) -> String {
    s.to_ascii_uppercase()
}

/// `str.lower()`.
pub fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// `str.casefold()`: `str.lower()` here.
pub fn casefold(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// `str.swapcase()`.
pub fn swapcase(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'a'..='z' => c.to_ascii_uppercase(),
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

/// `str.title()`: a letter after a cased letter in lower case, other letters in upper case.
pub fn title(s: &str) -> String {
    let mut prev_cased = false;
    s.chars()
        .map(|c| {
            let m = if prev_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev_cased = is_cased(c);
            m
        })
        .collect()
}

/// `str.capitalize()`: the first character in upper case, the rest in lower case.
pub fn capitalize(s: &str) -> String {
    let mut out = s.to_ascii_lowercase();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_letters_map_and_others_stay() {
        assert_eq!(upper("abc é ß"), "ABC é ß");
        assert_eq!(lower("ABC É"), "abc É");
        assert_eq!(casefold("Straße"), "straße");
        assert_eq!(swapcase("aBc É"), "AbC É");
        assert_eq!(title("hello wORLD é1x 'tis"), "Hello World é1X 'Tis");
        assert_eq!(capitalize("éA bC"), "éa bc");
        assert_eq!(capitalize("hELLO"), "Hello");
        assert!(is_cased('a') && !is_cased('é') && !is_cased('1'));
        assert!(is_upper('Q') && !is_upper('É') && is_lower('q') && !is_lower('é'));
        assert_eq!(
            (lower_char('K' as u32), upper_char('k' as u32)),
            ('k' as u32, 'K' as u32)
        );
        assert_eq!((lower_char(0xC9), upper_char(0x3C3)), (0xC9, 0x3C3));
    }
}
