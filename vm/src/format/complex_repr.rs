//! `repr(complex)` / `str(complex)`: CPython's `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
//!
//! Each part is the float's shortest round-trip text without the `.0` a float repr adds; the
//! parentheses are left out only when the real part is `+0.0`.

use alloc::string::String;
use core::fmt::Write;

use super::float_text::{write_unsigned_float, FloatFlags, FloatStyle};
use super::float_type::Float;

fn write_part(out: &mut String, x: Float, force_sign: bool) {
    if x.is_sign_negative() && !x.is_nan() {
        out.push('-');
    } else if force_sign {
        out.push('+');
    }
    // Writing to a String cannot fail and the digit buffers are sized for any Float.
    let _ = write_unsigned_float(out, x, FloatStyle::Repr, 0, FloatFlags::default());
}

/// CPython's `repr(complex(re, im))`.
pub fn complex_repr(re: Float, im: Float) -> String {
    let mut out = String::new();
    if re == 0.0 && re.is_sign_positive() {
        write_part(&mut out, im, false);
        out.push('j');
        return out;
    }
    out.push('(');
    write_part(&mut out, re, false);
    write_part(&mut out, im, true);
    let _ = out.write_str("j)");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pairs printed by CPython 3.11.
    #[test]
    fn reprs_match_cpython() {
        let cases: &[(f64, f64, &str)] = &[
            (0.0, 1.0, "1j"),
            (1.0, 2.0, "(1+2j)"),
            (-0.0, -1.0, "(-0-1j)"),
            (0.0, -0.0, "-0j"),
            (1.5, -2.25, "(1.5-2.25j)"),
            (1e16, 1e-5, "(1e+16+1e-05j)"),
            (f64::NAN, f64::INFINITY, "(nan+infj)"),
            (1.0, f64::NEG_INFINITY, "(1-infj)"),
            (0.0, 0.0, "0j"),
        ];
        for &(re, im, text) in cases {
            assert_eq!(complex_repr(re, im), text);
        }
    }
}
