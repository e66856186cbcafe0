//! Decimal text of a [`Float`] in the four styles CPython's `PyOS_double_to_string` offers
//! (`e`, `f`, `g` and `r` = shortest round-trip), without the sign: callers place the sign
//! themselves because field layout puts padding between sign and digits.
//!
//! The digits come from [`shortest_digits`] (`r`) and the exact conversions in
//! [`float_exact`](super::float_exact) (`e`, `f`, `g`), both correctly rounded as CPython's
//! dtoa; this module lays them out the way CPython does.

use alloc::vec::Vec;
use core::fmt::{self, Write};

use super::float_exact::{scaled_digits, significant_digits};
use super::float_shortest::shortest_digits;
use super::float_type::Float;

/// Which of CPython's float text styles to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FloatStyle {
    /// `e`: one digit, point, `precision` digits, exponent.
    Exponent,
    /// `f`: `precision` digits after the point.
    Fixed,
    /// `g`: `precision` significant digits, fixed or exponent by magnitude.
    General,
    /// `r`: the shortest digits that round-trip, fixed when `-4 <= exponent < 16`.
    Repr,
}

/// Modifiers of a [`FloatStyle`], CPython's `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct FloatFlags {
    /// `#`: keep the point (and for `g`, trailing zeros).
    pub alternate: bool,
    /// Append `.0` to integral fixed output (and shift `g`'s switch to exponent by one).
    pub add_dot_0: bool,
    /// Upper-case exponent letter, `INF` and `NAN`.
    pub upper: bool,
}

/// Most digits computed exactly: past 1074 places after the point (the finest binary fraction
/// of an `f64`) and past 767 significant digits, every further digit is zero and is appended
/// as such.
const MAX_EXACT_DIGITS: usize = 1100;

fn write_zeros<W: Write>(out: &mut W, count: usize) -> fmt::Result {
    for _ in 0..count {
        out.write_char('0')?;
    }
    Ok(())
}

/// Writes `e+05` / `E-123`: CPython always shows the exponent's sign and at least two digits.
fn write_exponent<W: Write>(out: &mut W, exponent: i32, upper: bool) -> fmt::Result {
    out.write_char(if upper { 'E' } else { 'e' })?;
    out.write_char(if exponent < 0 { '-' } else { '+' })?;
    // The digits in 32-bit arithmetic (riscv32's own division, where `message`'s 64-bit digit
    // loop calls the library's), filled from the end of a buffer a `u32`'s ten digits fit.
    let mut magnitude = exponent.unsigned_abs();
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        *slot = b'0' + (magnitude % 10) as u8;
        magnitude /= 10;
        start -= 1;
        if magnitude == 0 {
            break;
        }
    }
    // At least two digits: the zero before a single one is already in the buffer.
    out.write_str(ascii(digits.get(start.min(8)..).unwrap_or_default()))
}

/// Lays out significant `digits` whose decimal point sits `point` places from their start,
/// the way CPython's `format_float_short` does for `g` and `r`.
fn write_laid_out<W: Write>(
    out: &mut W,
    digits: &str,
    point: i32,
    use_exponent: bool,
    flags: FloatFlags,
) -> fmt::Result {
    if use_exponent {
        let (first, rest) = digits.split_at(1);
        out.write_str(first)?;
        if !rest.is_empty() || flags.alternate {
            out.write_char('.')?;
        }
        out.write_str(rest)?;
        return write_exponent(out, point - 1, flags.upper);
    }
    if point <= 0 {
        out.write_str("0.")?;
        write_zeros(out, point.unsigned_abs() as usize)?;
        return out.write_str(digits);
    }
    let point = point as usize;
    if point < digits.len() {
        let (whole, fraction) = digits.split_at(point);
        out.write_str(whole)?;
        out.write_char('.')?;
        return out.write_str(fraction);
    }
    out.write_str(digits)?;
    write_zeros(out, point - digits.len())?;
    if flags.alternate || flags.add_dot_0 {
        out.write_char('.')?;
    }
    if flags.add_dot_0 {
        out.write_char('0')?;
    }
    Ok(())
}

/// Drops trailing zeros, keeping at least one digit.
fn trim_trailing_zeros(digits: &str) -> &str {
    // A byte scan: `trim_end_matches('0')` brings core's reverse char searcher.
    let kept = digits
        .as_bytes()
        .iter()
        .rposition(|&b| b != b'0')
        .map_or(1, |last| last + 1);
    digits.get(..kept).unwrap_or(digits)
}

/// Writes the text of `|x|` in `style` with `precision` (ignored for [`FloatStyle::Repr`]).
/// `inf`/`nan` come out as CPython spells them; the sign is never written.
pub(crate) fn write_unsigned_float<W: Write>(
    out: &mut W,
    x: Float,
    style: FloatStyle,
    precision: usize,
    flags: FloatFlags,
) -> fmt::Result {
    let x = x.abs();
    if x.is_nan() {
        return out.write_str(if flags.upper { "NAN" } else { "nan" });
    }
    if x.is_infinite() {
        return out.write_str(if flags.upper { "INF" } else { "inf" });
    }
    if x == 0.0 && style == FloatStyle::Repr {
        return write_laid_out(out, "0", 1, false, flags);
    }
    match style {
        FloatStyle::Repr => {
            let digits = shortest_digits(x);
            let use_exponent = !(-4 < digits.point && digits.point <= 16);
            write_laid_out(out, digits.as_str(), digits.point, use_exponent, flags)
        }
        FloatStyle::Fixed => {
            let exact = precision.min(MAX_EXACT_DIGITS);
            let mut digits = Vec::new();
            scaled_digits(x, exact as i32, &mut digits);
            // `exact` of the digits are the fraction: as `g` lays them out when the point
            // sits inside or before them; with no fraction digits only `#` adds the point
            // (`add_dot_0` is never set with this style).
            let digits = ascii(&digits);
            let point = digits.len() as i32 - exact as i32;
            write_laid_out(out, digits, point, false, flags)?;
            write_zeros(out, precision - exact)
        }
        FloatStyle::Exponent => {
            let exact = precision.min(MAX_EXACT_DIGITS);
            let mut digits = Vec::new();
            let exponent = significant_digits(x, exact + 1, &mut digits);
            digits.resize(precision + 1, b'0');
            write_laid_out(out, ascii(&digits), exponent + 1, true, flags)
        }
        FloatStyle::General => {
            let precision = precision.max(1);
            let exact = precision.min(MAX_EXACT_DIGITS + 1);
            let mut all_digits = Vec::new();
            let point = significant_digits(x, exact, &mut all_digits) + 1;
            all_digits.resize(precision, b'0');
            let limit = if flags.add_dot_0 {
                precision as i64 - 1
            } else {
                precision as i64
            };
            let use_exponent = point <= -4 || i64::from(point) > limit;
            let all_digits = ascii(&all_digits);
            let digits = if flags.alternate {
                all_digits
            } else {
                trim_trailing_zeros(all_digits)
            };
            write_laid_out(out, digits, point, use_exponent, flags)
        }
    }
}

/// Digits known to be ASCII as text.
fn ascii(digits: &[u8]) -> &str {
    core::str::from_utf8(digits).unwrap_or("")
}
