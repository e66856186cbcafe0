//! The case mappings Python's `str` needs beyond Rust's `char`: title case (`'ǆ'.title()` is
//! `'ǅ'`, `'ß'` → `'Ss'`, `'ﬁ'` → `'Fi'`), full case folding (`'ß'.casefold()` is `'ss'`), the
//! Cased property (title-case letters included), and lower case in context (a final `Σ` is
//! `ς`) for `title`, `capitalize` and `swapcase`. Upper and lower case of single characters are
//! Rust's full mappings (SpecialCasing included), as CPython's. The tables (about 1.5 KB of
//! constant data, in flash on a board) are in [`super::unicode_tables`]. With the
//! `unicode-case` feature; without it [`super::case_ascii`] takes this module's place.

use super::unicode_tables::{FOLD_LONG, FOLD_RUNS, TITLECASE_LETTERS, TITLE_LONG, TITLE_RUNS};
use alloc::string::String;

/// Is `c` cased (upper case, lower case, or a title-case letter such as `'ǅ'`)?
pub fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase_letter(c)
}

/// Is `c` an upper-case letter?
pub fn is_upper(c: char) -> bool {
    c.is_uppercase()
}

/// Is `c` a lower-case letter?
pub fn is_lower(c: char) -> bool {
    c.is_lowercase()
}

/// The simple lower case of code point `c` (what `re` compares case-insensitively): `c`
/// itself when its full lower case is more than one character.
pub fn lower_char(c: u32) -> u32 {
    match char::from_u32(c) {
        Some(ch) => {
            let mut l = ch.to_lowercase();
            match (l.next(), l.next()) {
                (Some(x), None) => x as u32,
                _ => c,
            }
        }
        None => c,
    }
}

/// The simple upper case of code point `c`, as [`lower_char`].
pub fn upper_char(c: u32) -> u32 {
    match char::from_u32(c) {
        Some(ch) => {
            let mut u = ch.to_uppercase();
            match (u.next(), u.next()) {
                (Some(x), None) => x as u32,
                _ => c,
            }
        }
        None => c,
    }
}

/// `str.upper()`.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// `str.lower()`.
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Is `c` a title-case letter (category Lt, such as `'ǅ'`)?
pub fn is_titlecase_letter(c: char) -> bool {
    u16::try_from(c as u32).is_ok_and(|u| TITLECASE_LETTERS.binary_search(&u).is_ok())
}

/// Appends the title case of `c`.
pub fn push_title(out: &mut String, c: char) {
    if !mapped(out, c, TITLE_RUNS, TITLE_LONG) {
        out.extend(c.to_uppercase());
    }
}

/// Appends the full case folding of `c` (`str.casefold`).
pub fn push_fold(out: &mut String, c: char) {
    if !mapped(out, c, FOLD_RUNS, FOLD_LONG) {
        out.extend(c.to_lowercase());
    }
}

/// Appends `c`'s mapping from one table pair, if it has one there.
fn mapped(out: &mut String, c: char, runs: &[(u16, u16, i32)], long: &[(u16, [u16; 3])]) -> bool {
    let Ok(code) = u16::try_from(c as u32) else {
        return false;
    };
    if let Ok(i) = long.binary_search_by_key(&code, |e| e.0) {
        let chars = long[i].1.iter().take_while(|u| **u != 0);
        out.extend(chars.filter_map(|u| char::from_u32(u32::from(*u))));
        return true;
    }
    let run = match runs.binary_search_by_key(&code, |r| r.0) {
        Ok(i) => runs[i],
        Err(0) => return false,
        Err(next) => runs[next - 1],
    };
    if code - run.0 >= run.1 {
        return false;
    }
    match char::from_u32((i64::from(code) + i64::from(run.2)) as u32) {
        Some(m) => {
            out.push(m);
            true
        }
        None => false,
    }
}

/// `s` with each character passed to `map` beside its lower case in context (what
/// `s.lower()` makes of it: a final `Σ` is `ς`), to push either.
pub fn with_lower_in_context(s: &str, mut map: impl FnMut(&mut String, char, &str)) -> String {
    let lower = s.to_lowercase();
    let mut rest = lower.as_str();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        // Rust lowers a string character by character, context changing only which single
        // character a `Σ` becomes, so `c`'s share of `lower` is as long as its own lower case.
        let len: usize = c.to_lowercase().map(char::len_utf8).sum();
        let (mine, tail) = rest.split_at(len.min(rest.len()));
        rest = tail;
        map(&mut out, c, mine);
    }
    out
}

/// `str.title()`.
pub fn title(s: &str) -> String {
    let mut prev_cased = false;
    with_lower_in_context(s, |out, c, lower| {
        if prev_cased {
            out.push_str(lower);
        } else {
            push_title(out, c);
        }
        prev_cased = is_cased(c);
    })
}

/// `str.capitalize()`: the first character in title case, the rest in lower case.
pub fn capitalize(s: &str) -> String {
    let mut first = true;
    with_lower_in_context(s, |out, c, lower| {
        if core::mem::take(&mut first) {
            push_title(out, c);
        } else {
            out.push_str(lower);
        }
    })
}

/// `str.swapcase()`.
pub fn swapcase(s: &str) -> String {
    with_lower_in_context(s, |out, c, lower| {
        if c.is_uppercase() {
            out.push_str(lower);
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    })
}

/// `str.casefold()`.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        push_fold(&mut out, c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_case_and_folding_differ_from_upper_and_lower() {
        assert_eq!(title("ǆemal ßtraße ﬁsh"), "ǅemal Sstraße Fish");
        assert_eq!(capitalize("ǆ ΣΑΣ"), "ǅ σας");
        assert_eq!(casefold("Straße ΣΑΣ ﬁ"), "strasse σασ fi");
        assert_eq!(swapcase("ΣΑΣ ß"), "σας SS");
        assert!(is_cased('ǅ') && !is_cased('1'));
    }
}
