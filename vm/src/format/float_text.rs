//! Decimal text of an `f64` in the four styles CPython's `PyOS_double_to_string` offers
//! (`e`, `f`, `g` and `r` = shortest round-trip), without the sign: callers place the sign
//! themselves because field layout puts padding between sign and digits.
//!
//! The digits come from core's float formatting, which is correctly rounded (ties to even on
//! exact decimal ties, as CPython's dtoa) and shortest-round-trip for `{:e}` without precision.
//! This module only re-lays those digits out the way CPython does.

use alloc::string::String;
use core::fmt::{self, Write};

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

/// Most digits asked of core's exact float formatting, whose precision argument is limited
/// to `u16`: past 1074 places after the point (the finest binary fraction of an `f64`) and
/// past 767 significant digits, every further digit is zero and is appended here instead.
const MAX_EXACT_DIGITS: usize = 1100;

/// Collects short formatted text on the stack; formatting fails rather than truncates if full.
struct StackText<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> StackText<N> {
    fn new() -> Self {
        StackText {
            bytes: [0; N],
            len: 0,
        }
    }

    /// Turns core's `{:e}` text held here (`d.ddde-5`) into its digits and decimal exponent
    /// without copying: the first digit moves onto the point.
    fn exponent_digits_in_place(&mut self) -> Result<(&str, i32), fmt::Error> {
        let text = &mut self.bytes[..self.len];
        let e = text.iter().position(|&b| b == b'e').ok_or(fmt::Error)?;
        let exponent = core::str::from_utf8(&text[e + 1..])
            .map_err(|_| fmt::Error)?
            .parse::<i32>()
            .map_err(|_| fmt::Error)?;
        let start = if e > 1 && text[1] == b'.' {
            text[1] = text[0];
            1
        } else {
            0
        };
        let digits = core::str::from_utf8(&text[start..e]).map_err(|_| fmt::Error)?;
        Ok((digits, exponent))
    }
}

impl<const N: usize> Write for StackText<N> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > N {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Splits core's `{:e}` text (`d.ddde-5`) into its digits (appended to `digits`, point dropped)
/// and its decimal exponent.
fn split_exponent_text<W: Write>(text: &str, digits: &mut W) -> Result<i32, fmt::Error> {
    let (mantissa, exponent) = text.split_once('e').ok_or(fmt::Error)?;
    for part in mantissa.split('.') {
        digits.write_str(part)?;
    }
    exponent.parse::<i32>().map_err(|_| fmt::Error)
}

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
    let magnitude = exponent.unsigned_abs();
    if magnitude < 10 {
        out.write_char('0')?;
    }
    write!(out, "{}", magnitude)
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
    let trimmed = digits.trim_end_matches('0');
    if trimmed.is_empty() {
        &digits[..1]
    } else {
        trimmed
    }
}

/// Writes the text of `|x|` in `style` with `precision` (ignored for [`FloatStyle::Repr`]).
/// `inf`/`nan` come out as CPython spells them; the sign is never written.
pub(crate) fn write_unsigned_float<W: Write>(
    out: &mut W,
    x: f64,
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
    match style {
        FloatStyle::Repr => {
            let mut shortest = StackText::<32>::new();
            write!(shortest, "{:e}", x)?;
            // core picks the shortest digit count; when two strings of that length both read
            // back as `x`, CPython prints the one nearest `x` (ties to even), which is the
            // correctly rounded string of that length.
            let count = shortest.exponent_digits_in_place()?.0.len();
            let mut text = StackText::<32>::new();
            write!(text, "{:.*e}", count.saturating_sub(1), x)?;
            let (digits, exponent) = text.exponent_digits_in_place()?;
            let point = exponent + 1;
            let use_exponent = !(-4 < point && point <= 16);
            write_laid_out(out, digits, point, use_exponent, flags)
        }
        FloatStyle::Fixed => {
            let exact = precision.min(MAX_EXACT_DIGITS);
            write!(out, "{:.*}", exact, x)?;
            write_zeros(out, precision - exact)?;
            if precision == 0 && flags.alternate {
                out.write_char('.')?;
            }
            Ok(())
        }
        FloatStyle::Exponent => {
            let exact = precision.min(MAX_EXACT_DIGITS);
            let mut text = String::new();
            write!(text, "{:.*e}", exact, x)?;
            let mut digits = String::new();
            let point = split_exponent_text(&text, &mut digits)? + 1;
            write_zeros(&mut digits, precision - exact)?;
            write_laid_out(out, &digits, point, true, flags)
        }
        FloatStyle::General => {
            let precision = precision.max(1);
            let exact = (precision - 1).min(MAX_EXACT_DIGITS);
            let mut text = String::new();
            write!(text, "{:.*e}", exact, x)?;
            let mut all_digits = String::new();
            let point = split_exponent_text(&text, &mut all_digits)? + 1;
            write_zeros(&mut all_digits, precision - 1 - exact)?;
            let limit = if flags.add_dot_0 {
                precision as i64 - 1
            } else {
                precision as i64
            };
            let use_exponent = point <= -4 || i64::from(point) > limit;
            let digits = if flags.alternate {
                all_digits.as_str()
            } else {
                trim_trailing_zeros(&all_digits)
            };
            write_laid_out(out, digits, point, use_exponent, flags)
        }
    }
}
