//! The first step of `int(str)` and `float(str)`: CPython maps every non-ASCII whitespace
//! character to a space and every non-ASCII decimal digit (Arabic-Indic, Devanagari, …) to
//! its ASCII digit, then parses ASCII only. Any other non-ASCII character makes the text
//! invalid, so it becomes `?`.

use alloc::borrow::Cow;
use alloc::string::String;

use super::char_class::{decimal_value, is_space};

/// `s` with non-ASCII whitespace and digits replaced by their ASCII equivalents; borrowed
/// (no allocation) when `s` is already ASCII.
pub(crate) fn ascii_number_text(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut text = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            text.push(c);
        } else if is_space(c) {
            text.push(' ');
        } else if let Some(digit) = decimal_value(c) {
            text.push(char::from(b'0' + digit as u8));
        } else {
            text.push('?');
        }
    }
    Cow::Owned(text)
}

/// Strips the whitespace C's `isspace` knows (space, `\t \n \v \f \r`) from both ends.
pub(crate) fn trim_c_space(s: &str) -> &str {
    // Over bytes (they are all ASCII, so the ends stay char boundaries): `trim_matches` on a
    // char array brings core's forward and backward char decoders.
    let kept = |b: &u8| !matches!(b, b' ' | b'\t'..=b'\r');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(kept).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(kept).map_or(start, |last| last + 1);
    s.get(start..end).unwrap_or("")
}
