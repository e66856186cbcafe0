//! Placing text in a field: padding for strings, and for numbers the layout
//! `[lpad][sign][prefix][spad][grouped digits][remainder][rpad]` where only one of the three
//! paddings is non-empty. With `0` fill and `=` alignment CPython pads *inside* the digit
//! grouping (`format(1234, '08,')` is `0,001,234`), which [`write_number`] reproduces.

use alloc::string::String;

use super::error::{ErrorKind, FormatError};
use super::spec::{Align, SignOption};

/// The parts of a formatted number, sign removed.
pub(crate) struct NumberText<'a> {
    /// True if a `-` belongs in front.
    pub negative: bool,
    /// `0x`, `0o`, `0b` (alternate form) or empty.
    pub prefix: &'a str,
    /// The leading run of digits that grouping applies to (ASCII).
    pub digits: &'a str,
    /// Everything after the digit run: decimal point, fraction, exponent, `%`, or the `c` char.
    pub remainder: &'a str,
}

impl<'a> NumberText<'a> {
    /// A float's text as `write_unsigned_float` wrote it: its leading run of digits, and the
    /// rest.
    pub(crate) fn float(negative: bool, text: &'a str) -> Self {
        let digits_end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (digits, remainder) = text.split_at_checked(digits_end).unwrap_or((text, ""));
        NumberText {
            negative,
            prefix: "",
            digits,
            remainder,
        }
    }
}

/// How a number's field is laid out.
pub(crate) struct NumberField {
    pub fill: char,
    pub align: Align,
    pub width: usize,
    pub sign: SignOption,
    /// Separator and group size.
    pub grouping: Option<(char, usize)>,
    /// Upper-case the prefix and digits (`X`).
    pub upper: bool,
}

/// Makes room for `additional` bytes, reporting failure as `MemoryError` instead of aborting:
/// widths and precisions come from the script.
pub(crate) fn reserve(out: &mut String, additional: usize) -> Result<(), FormatError> {
    out.try_reserve(additional).map_err(|_| FormatError {
        kind: ErrorKind::Memory,
        message: String::new(),
    })
}

pub(crate) fn push_fill(out: &mut String, fill: char, count: usize) {
    for _ in 0..count {
        out.push(fill);
    }
}

/// Pads `text` (already cut to its precision) to `width` with `fill` per `align`
/// (`AfterSign` is treated as `Left`; callers reject it for strings first).
pub(crate) fn write_padded(
    out: &mut String,
    text: &str,
    fill: char,
    align: Align,
    width: usize,
) -> Result<(), FormatError> {
    let len = text.chars().count();
    let padding = width.saturating_sub(len);
    reserve(
        out,
        text.len()
            .saturating_add(padding.saturating_mul(fill.len_utf8())),
    )?;
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    push_fill(out, fill, left);
    out.push_str(text);
    push_fill(out, fill, padding - left);
    Ok(())
}

/// Number of digit positions (real digits plus zero padding on the left) in the grouped text:
/// CPython adds zeros until the grouped text is at least `min_width` characters long, but
/// never starts it with a separator. That is the least `s >= digit_count` whose grouped
/// length `s + (s - 1) / group` reaches `min_width`, computed directly because `min_width`
/// comes from the script and may be huge.
fn grouped_slots(digit_count: usize, min_width: isize, group: usize) -> usize {
    let grouped_len = |slots: usize| slots + (slots - 1) / group;
    let Ok(min_width) = usize::try_from(min_width) else {
        return digit_count;
    };
    if min_width <= grouped_len(digit_count) {
        return digit_count;
    }
    // With s - 1 = q * group + r (r < group) the length is q * (group + 1) + r + 1.
    let target = min_width - 1;
    let period = group.saturating_add(1);
    let (q, r) = (target / period, target % period);
    if r < group {
        q * group + r + 1
    } else {
        (q + 1) * group + 1
    }
}

/// Writes `digits` in `slots` positions (zeros in front), a separator between groups counted
/// from the right.
fn write_grouped(out: &mut String, digits: &str, slots: usize, separator: char, group: usize) {
    let digits = digits.as_bytes();
    for slot in (0..slots).rev() {
        let digit = if slot < digits.len() {
            digits[digits.len() - 1 - slot]
        } else {
            b'0'
        };
        out.push(char::from(digit));
        if slot > 0 && slot % group == 0 {
            out.push(separator);
        }
    }
}

/// Writes a number laid out in its field.
pub(crate) fn write_number(
    out: &mut String,
    text: &NumberText<'_>,
    field: &NumberField,
) -> Result<(), FormatError> {
    let sign = match (text.negative, field.sign) {
        (true, _) => Some('-'),
        (false, SignOption::Always) => Some('+'),
        (false, SignOption::Space) => Some(' '),
        (false, SignOption::NegativeOnly | SignOption::Minus) => None,
    };
    let fixed_len =
        usize::from(sign.is_some()) + text.prefix.len() + text.remainder.chars().count();
    // Groups are of 3 or 4 digits (`check_grouping`); at least 1 as the compiler can see, so
    // the divisions by it need no zero check.
    let grouping = field
        .grouping
        .map(|(separator, group)| (separator, group.max(1)));
    let (slots, digits_len) = match grouping {
        Some((_, group)) if !text.digits.is_empty() => {
            let min_width = if field.fill == '0' && field.align == Align::AfterSign {
                field.width as isize - fixed_len as isize
            } else {
                0
            };
            let slots = grouped_slots(text.digits.len(), min_width, group);
            (slots, slots + (slots - 1) / group)
        }
        _ => (text.digits.len(), text.digits.len()),
    };
    let padding = field.width.saturating_sub(fixed_len + digits_len);
    reserve(
        out,
        (fixed_len + digits_len + text.remainder.len())
            .saturating_add(padding.saturating_mul(field.fill.len_utf8())),
    )?;
    let (left, middle, right) = match field.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    push_fill(out, field.fill, left);
    if let Some(sign) = sign {
        out.push(sign);
    }
    if field.upper {
        out.extend(text.prefix.chars().map(|c| c.to_ascii_uppercase()));
    } else {
        out.push_str(text.prefix);
    }
    push_fill(out, field.fill, middle);
    let digits_start = out.len();
    match grouping {
        Some((separator, group)) if !text.digits.is_empty() => {
            write_grouped(out, text.digits, slots, separator, group)
        }
        _ => out.push_str(text.digits),
    }
    if field.upper {
        if let Some(digits) = out.get_mut(digits_start..) {
            digits.make_ascii_uppercase();
        }
    }
    out.push_str(text.remainder);
    push_fill(out, field.fill, right);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CPython's grouping loop, one group at a time, as the reference.
    fn slots_by_groups(digit_count: usize, min_width: isize, group: usize) -> usize {
        let mut remaining = digit_count as isize;
        let mut min_width = min_width;
        let mut slots = 0usize;
        loop {
            let len = (group as isize).min(remaining.max(min_width).max(1));
            slots += len as usize;
            remaining -= len.min(remaining);
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                return slots;
            }
            min_width -= 1;
        }
    }

    #[test]
    fn closed_form_grouping_matches_group_by_group() {
        for group in [3, 4] {
            for digits in 1..30 {
                for min_width in -5..60 {
                    assert_eq!(
                        grouped_slots(digits, min_width, group),
                        slots_by_groups(digits, min_width, group),
                        "{digits} digits, width {min_width}, groups of {group}"
                    );
                }
            }
        }
    }

    #[test]
    fn huge_zero_padded_width_fails_as_memory_error_quickly() {
        let mut out = String::new();
        let text = NumberText {
            negative: false,
            prefix: "",
            digits: "1234",
            remainder: "",
        };
        let field = NumberField {
            fill: '0',
            align: Align::AfterSign,
            width: isize::MAX as usize,
            sign: SignOption::NegativeOnly,
            grouping: Some((',', 3)),
            upper: false,
        };
        let err = write_number(&mut out, &text, &field).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Memory);
    }
}
