//! What the float formatting and parsing tests share, for either float width: a seeded
//! pseudo-random source and the exact digits of `format/float_exact.rs` laid out as core's
//! `{:.Ne}` and `{:.N}` lay them out, to compare with core's text.

use super::float_exact::{scaled_digits, significant_digits};
use super::float_type::Float;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// An xorshift generator from `seed` (not zero): reproducible inputs without a crate.
pub(crate) fn random(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// `x` to `precision` digits after the point in exponent form, as core's `{:.precision$e}`.
pub(crate) fn exact_e(x: Float, precision: usize) -> String {
    let mut digits = Vec::new();
    let exponent = significant_digits(x, precision + 1, &mut digits);
    let digits = String::from_utf8(digits).unwrap();
    let (first, rest) = digits.split_at(1);
    if rest.is_empty() {
        format!("{first}e{exponent}")
    } else {
        format!("{first}.{rest}e{exponent}")
    }
}

/// `x` to `precision` digits after the point, as core's `{:.precision$}`.
pub(crate) fn exact_f(x: Float, precision: usize) -> String {
    let mut digits = Vec::new();
    scaled_digits(x, precision as i32, &mut digits);
    let mut digits = String::from_utf8(digits).unwrap();
    if precision == 0 {
        return digits;
    }
    while digits.len() <= precision {
        digits.insert(0, '0');
    }
    digits.insert(digits.len() - precision, '.');
    digits
}
