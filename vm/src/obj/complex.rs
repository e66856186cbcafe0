//! `complex`: two Float in a heap object `[hdr, re lo, re hi, im lo, im hi]`.
//!
//! Arithmetic follows CPython's `complexobject.c`: an int or float operand is first made
//! `complex(x, 0.0)`, division is Smith's method, and an integral exponent up to 100 is
//! computed by repeated squaring (so `(1+2j)**2` is exact), any other by polar form.

use crate::format::float_type::{float_bits, float_from_bits};
use crate::format::message::{fill, ToArg};
use crate::format::{Float, FloatMath};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// A complex number as `(real, imag)`.
pub type C = (Float, Float);

/// `a * b`.
pub fn c_prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b` by Smith's method; `None` when `b` is zero.
pub fn c_quot(a: C, b: C) -> Option<C> {
    let (abs_br, abs_bi) = (FloatMath::fabs(b.0), FloatMath::fabs(b.1));
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // A NaN part: neither comparison holds.
        Some((Float::NAN, Float::NAN))
    }
}

/// Why a power has no value: `0` to a negative or complex power.
struct ZeroPower;

fn c_pow(a: C, b: C) -> Result<C, ZeroPower> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(ZeroPower);
        }
        return Ok((0.0, 0.0));
    }
    let vabs = FloatMath::hypot(a.0, a.1);
    let mut len = FloatMath::pow(vabs, b.0);
    let at = FloatMath::atan2(a.1, a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= FloatMath::exp(at * b.1);
        phase += b.1 * FloatMath::log(vabs);
    }
    Ok((len * FloatMath::cos(phase), len * FloatMath::sin(phase)))
}

fn c_powu(x: C, n: i64) -> C {
    let (mut r, mut p, mut mask) = ((1.0, 0.0), x, 1i64);
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

fn c_power(a: C, b: C) -> Result<C, ZeroPower> {
    let n = b.0 as i64;
    if b.1 == 0.0 && b.0 == n as Float && (-100..=100).contains(&n) {
        if n >= 0 {
            return Ok(c_powu(a, n));
        }
        return c_quot((1.0, 0.0), c_powu(a, -n)).ok_or(ZeroPower);
    }
    c_pow(a, b)
}

/// `abs(z)`: `None` when the result overflows though both parts are finite.
pub fn c_abs(z: C) -> Option<Float> {
    if z.0.is_infinite() || z.1.is_infinite() {
        return Some(Float::INFINITY);
    }
    if z.0.is_nan() || z.1.is_nan() {
        return Some(Float::NAN);
    }
    let r = FloatMath::hypot(z.0, z.1);
    (!r.is_infinite()).then_some(r)
}

/// Why `complex(str)` refused a string.
#[derive(Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not a complex number (`complex() arg is a malformed string`).
    Malformed,
    /// An underscore not between two digits (`could not convert string to complex`).
    Underscore,
}

/// Parses what `complex(str)` accepts (`1`, `2j`, `1+2j`, `-j`, `(1-1e3j)`, underscores
/// between digits, surrounding whitespace).
pub fn parse_complex(text: &str) -> Result<C, ParseError> {
    let cleaned;
    let text = if text.as_bytes().contains(&b'_') {
        cleaned = without_digit_underscores(text).ok_or(ParseError::Underscore)?;
        cleaned.as_str()
    } else {
        text
    };
    parse_plain(text).ok_or(ParseError::Malformed)
}

fn parse_plain(text: &str) -> Option<C> {
    let s = text
        .trim_matches(|c: char| c.is_ascii_whitespace())
        .as_bytes();
    let (s, bracket) = match s {
        [b'(', inner @ .., b')'] => (inner, true),
        _ => (s, false),
    };
    let s = if bracket {
        let t = core::str::from_utf8(s).ok()?;
        t.trim_matches(|c: char| c.is_ascii_whitespace()).as_bytes()
    } else {
        s
    };
    let is_j = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let (re, im, rest) = match scan_float(s) {
        Some((z, n)) => {
            let rest = &s[n..];
            match rest.first() {
                Some(b'+' | b'-') => {
                    let (y, m) = match scan_float(rest) {
                        Some(found) => found,
                        None => (if rest[0] == b'+' { 1.0 } else { -1.0 }, 1),
                    };
                    if !is_j(rest.get(m)) {
                        return None;
                    }
                    (z, y, &rest[m + 1..])
                }
                Some(b'j' | b'J') => (0.0, z, &rest[1..]),
                _ => (z, 0.0, rest),
            }
        }
        None => {
            let (y, m) = match s.first() {
                Some(b'+') => (1.0, 1),
                Some(b'-') => (-1.0, 1),
                _ => (1.0, 0),
            };
            if !is_j(s.get(m)) {
                return None;
            }
            (0.0, y, &s[m + 1..])
        }
    };
    rest.is_empty().then_some((re, im))
}

/// `text` without the underscores that sit between two digits; `None` if one does not.
fn without_digit_underscores(text: &str) -> Option<alloc::string::String> {
    let b = text.as_bytes();
    let mut out = alloc::string::String::with_capacity(text.len());
    for (i, &c) in b.iter().enumerate() {
        if c == b'_' {
            let before = i > 0 && b[i - 1].is_ascii_digit();
            let after = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if !(before && after) {
                return None;
            }
        } else {
            out.push(c as char);
        }
    }
    Some(out)
}

/// The float at the start of `s` (sign, digits, point, exponent, or inf/infinity/nan) and its
/// length.
fn scan_float(s: &[u8]) -> Option<(Float, usize)> {
    let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let word =
        |w: &str| s.len() >= i + w.len() && s[i..i + w.len()].eq_ignore_ascii_case(w.as_bytes());
    let special = if word("infinity") {
        Some((Float::INFINITY, 8))
    } else if word("inf") {
        Some((Float::INFINITY, 3))
    } else if word("nan") {
        Some((Float::NAN, 3))
    } else {
        None
    };
    if let Some((x, n)) = special {
        let x = if s[0] == b'-' { -x } else { x };
        return Some((x, i + n));
    }
    let digits = |s: &[u8], mut at: usize| {
        while s.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        at
    };
    let int_end = digits(s, i);
    let mut seen = int_end > i;
    i = int_end;
    if s.get(i) == Some(&b'.') {
        let frac_end = digits(s, i + 1);
        seen |= frac_end > i + 1;
        i = frac_end;
    }
    if !seen {
        return None;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(s.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let exp_end = digits(s, j);
        if exp_end > j {
            i = exp_end;
        }
    }
    let start = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    let x = crate::format::parse_decimal(&s[start..i])?;
    Some((if s[0] == b'-' { -x } else { x }, i))
}

impl Runtime {
    /// A new complex number.
    pub fn new_complex(&mut self, re: Float, im: Float) -> PyResult<Value> {
        let b = self.alloc(Kind::Complex, 0, 5)?;
        for (i, bits) in [float_bits(re), float_bits(im)].into_iter().enumerate() {
            self.heap.set(b, 1 + 2 * i, bits as u32);
            self.heap.set(b, 2 + 2 * i, (bits >> 32) as u32);
        }
        Ok(Value::handle(b))
    }

    /// The parts of a complex object.
    pub fn complex_val(&self, v: Value) -> Option<C> {
        if self.kind(v) != Some(Kind::Complex) {
            return None;
        }
        let b = Runtime::blk(v);
        let part = |i: usize| {
            float_from_bits(self.heap.get(b, i) as u64 | ((self.heap.get(b, i + 1) as u64) << 32))
        };
        Some((part(1), part(3)))
    }

    /// An int, float or complex as a complex (`None` for other types).
    pub fn to_complex(&mut self, v: Value) -> PyResult<Option<C>> {
        if let Some(z) = self.complex_val(v) {
            return Ok(Some(z));
        }
        Ok(self.num_as_float(v)?.map(|x| (x, 0.0)))
    }

    /// BINARY_OP when one operand is complex and the other a number (`None` otherwise, so
    /// the caller goes on to dunders and its TypeError).
    pub(crate) fn complex_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        if !matches!(op, 0..=3 | 6) {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (self.to_complex(a)?, self.to_complex(b)?) else {
            return Ok(None);
        };
        let r = match op {
            0 => (x.0 + y.0, x.1 + y.1),
            1 => (x.0 - y.0, x.1 - y.1),
            2 => c_prod(x, y),
            3 => match c_quot(x, y) {
                Some(r) => r,
                None => {
                    return Err(self.raise(
                        ExcKind::ZeroDivisionError,
                        crate::packed!("complex division by zero"),
                    ))
                }
            },
            _ => {
                let r = c_power(x, y).map_err(|_| {
                    self.raise(
                        ExcKind::ZeroDivisionError,
                        crate::packed!("0.0 to a negative or complex power"),
                    )
                })?;
                if r.0.is_infinite() || r.1.is_infinite() {
                    return Err(self.raise(
                        ExcKind::OverflowError,
                        crate::packed!("complex exponentiation"),
                    ));
                }
                r
            }
        };
        self.new_complex(r.0, r.1).map(Some)
    }

    /// `x ** y` of floats as a complex (a negative `x` to a fractional `y`).
    pub(crate) fn complex_pow_real(&mut self, x: Float, y: Float) -> PyResult<Value> {
        let r = c_power((x, 0.0), (y, 0.0)).map_err(|_| {
            self.raise(
                ExcKind::ZeroDivisionError,
                crate::packed!("0.0 to a negative or complex power"),
            )
        })?;
        self.new_complex(r.0, r.1)
    }

    /// `a == b` when one side is complex: `None` when the other is not a number.
    pub(crate) fn complex_eq(&mut self, a: Value, b: Value) -> PyResult<Option<bool>> {
        // An int (maybe too big for a float) compares by value with the real part.
        if self.kind(a) == Some(Kind::BigInt) || self.kind(b) == Some(Kind::BigInt) {
            let (z, n) = if self.kind(a) == Some(Kind::Complex) {
                (a, b)
            } else {
                (b, a)
            };
            let z = self.complex_val(z).unwrap_or_default();
            if z.1 != 0.0 {
                return Ok(Some(false));
            }
            let re = self.new_float(z.0)?;
            return self.eq(re, n).map(Some);
        }
        let (Some(x), Some(y)) = (self.to_complex(a)?, self.to_complex(b)?) else {
            return Ok(None);
        };
        Ok(Some(x == y))
    }

    /// `hash(z)`: CPython's combination, so `hash(complex(x, 0)) == hash(x)`.
    pub(crate) fn complex_hash(&mut self, z: C) -> PyResult<i64> {
        let re = self.new_float(z.0)?;
        let hr = self.py_hash(re)?;
        let im = self.new_float(z.1)?;
        let hi = self.py_hash(im)?;
        let h = hr.wrapping_add(hi.wrapping_mul(1_000_003));
        Ok(if h == -1 { -2 } else { h })
    }

    /// `abs(z)`.
    pub(crate) fn complex_abs(&mut self, z: C) -> PyResult<Value> {
        match c_abs(z) {
            Some(r) => self.new_float(r),
            None => Err(self.raise(
                ExcKind::OverflowError,
                crate::packed!("absolute value too large"),
            )),
        }
    }

    /// A complex argument of `cmath` functions or `complex()`: a number, or an object with
    /// `__complex__` or `__float__`.
    pub(crate) fn complex_arg(&mut self, v: Value, what: &str) -> PyResult<C> {
        if let Some(z) = self.to_complex(v)? {
            return Ok(z);
        }
        if let Some(r) = self.call_special(v, Q___COMPLEX__, &[])? {
            if let Some(z) = self.complex_val(r) {
                return Ok(z);
            }
            return Err(self.type_error_naming("__complex__ returned non-complex (type ", r, ")"));
        }
        if let Some(r) = self.call_special(v, Q___FLOAT__, &[])? {
            if let Some(x) = self.float_val(r) {
                return Ok((x, 0.0));
            }
        }
        let msg = if what.starts_with("complex()") {
            fill("{}, not '{}'", &[what.arg(), self.type_name(v).arg()])
        } else {
            fill("{}, not {}", &[what.arg(), self.type_name(v).arg()])
        };
        Err(self.type_error(&msg))
    }

    /// `complex(real=0, imag=0)` and `complex(str)`.
    pub(crate) fn construct_complex(
        &mut self,
        real: Option<Value>,
        imag: Option<Value>,
    ) -> PyResult<Value> {
        if let Some(s) = real.and_then(|r| self.str_text(r)) {
            if imag.is_some() {
                return Err(self.type_error(crate::packed!(
                    "complex() can't take second arg if first is a string"
                )));
            }
            let s: alloc::string::String = s.into();
            return match parse_complex(&s) {
                Ok((re, im)) => self.new_complex(re, im),
                Err(ParseError::Malformed) => {
                    Err(self.value_error(crate::packed!("complex() arg is a malformed string")))
                }
                Err(ParseError::Underscore) => Err(self.value_error_with(
                    "could not convert string to complex: {}",
                    &[(crate::format::str_repr(&s)).arg()],
                )),
            };
        }
        if let (Some(r), None) = (real, imag) {
            if self.kind(r) == Some(Kind::Complex) {
                return Ok(r);
            }
        }
        let (x, x_complex) = match real {
            Some(r) => {
                let z =
                    self.complex_arg(r, "complex() first argument must be a string or a number")?;
                (z, self.kind(r) == Some(Kind::Complex) || z.1 != 0.0)
            }
            None => ((0.0, 0.0), false),
        };
        let Some(i) = imag else {
            return self.new_complex(x.0, x.1);
        };
        if self.is_str(i) {
            return Err(self.type_error(crate::packed!("complex() second arg can't be a string")));
        }
        let y = self.complex_arg(i, "complex() second argument must be a number")?;
        let y_complex = self.kind(i) == Some(Kind::Complex);
        // real + imag*1j, with CPython's signs of zero parts.
        let re = if y_complex { x.0 - y.1 } else { x.0 };
        let im = if x_complex { y.0 + x.1 } else { y.0 };
        self.new_complex(re, im)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_cpython_accepts() {
        let ok: &[(&str, C)] = &[
            ("1", (1.0, 0.0)),
            ("2j", (0.0, 2.0)),
            ("1+2j", (1.0, 2.0)),
            (" ( -1.5-2.5e1J ) ", (-1.5, -25.0)),
            ("j", (0.0, 1.0)),
            ("-j", (0.0, -1.0)),
            ("1-j", (1.0, -1.0)),
            ("1_0+2_5j", (10.0, 25.0)),
            ("inf-infj", (f64::INFINITY, f64::NEG_INFINITY)),
            (".5j", (0.0, 0.5)),
        ];
        for &(text, z) in ok {
            assert_eq!(parse_complex(text), Ok(z), "{text}");
        }
        for bad in [
            "", "()", "1+", "1+2", "j1", "1 + 2j", "1+-2j", "(1", "1)", "1__0", "_1", "1e", "--1",
            "1jj", "(1+2j", "\u{0}",
        ] {
            assert!(parse_complex(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn arithmetic_matches_cpython() {
        // Printed by CPython 3.11.
        assert_eq!(c_quot((1.0, 2.0), (3.0, 4.0)), Some((0.44, 0.08)));
        assert_eq!(c_quot((1.0, 0.0), (0.0, 0.0)), None);
        assert_eq!(c_power((1.0, 2.0), (2.0, 0.0)).ok(), Some((-3.0, 4.0)));
        assert_eq!(c_power((0.0, 1.0), (-1.0, 0.0)).ok(), Some((0.0, -1.0)));
        assert!(c_power((0.0, 0.0), (-1.0, 0.0)).is_err());
        assert_eq!(c_abs((3.0, 4.0)), Some(5.0));
        assert_eq!(c_abs((1e308, 1e308)), Some(1.4142135623730951e308));
        assert_eq!(c_abs((1.7e308, 1.7e308)), None);
    }
}
