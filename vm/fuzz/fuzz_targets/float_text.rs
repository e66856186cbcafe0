//! Fuzz target: mote's own float text conversions against core's. The input, as text, goes
//! to `float()`'s parser: where core also reads it as a decimal literal the two values must
//! be identical bit for bit (core is taken as the reference only below its digit limit, where
//! it is exact). Then the value, and a float made of the input's first 8 bytes, go through
//! `repr` (which must read back as the same float and match core's digits) and through
//! `format()` with a precision taken from the input (which must match core's exact digits).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_vm::format::{float_repr, format_float, parse_float, parse_spec};

fn check_value(x: f64, precision: usize) {
    let repr = float_repr(x);
    let back = parse_float(&repr).expect("repr reads back");
    assert!(
        back.to_bits() == x.to_bits() || (x.is_nan() && back.is_nan()),
        "{repr}"
    );
    if !x.is_finite() {
        return;
    }
    for (spec, reference) in [
        (format!(".{precision}e"), format!("{:.*e}", precision, x)),
        (format!(".{precision}f"), format!("{:.*}", precision, x)),
    ] {
        let spec = parse_spec(&spec, "float").expect("valid spec");
        let mut out = String::new();
        format_float(&mut out, x, &spec, "float").expect("formats");
        // core writes exponents as `e-7`, CPython as `e-07`: compare the digits only.
        let digits = |s: &str| -> String {
            let mantissa = s.split(['e', 'E']).next().unwrap_or("");
            mantissa.to_string()
        };
        assert_eq!(digits(&out), digits(&reference), "{x:e} {precision}");
    }
}

fuzz_target!(|data: &[u8]| {
    let precision = usize::from(data.first().copied().unwrap_or(0)) % 40;
    if let Ok(text) = core::str::from_utf8(data) {
        let ours = parse_float(text);
        let plain = text.trim();
        let literal = plain.len() < 700
            && !plain.is_empty()
            && plain
                .bytes()
                .all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
            && !plain.to_ascii_lowercase().contains("inf");
        if literal {
            if let Ok(reference) = plain.parse::<f64>() {
                let ours = ours.as_ref().expect("core reads it, so must float()");
                assert_eq!(ours.to_bits(), reference.to_bits(), "{plain}");
            }
        }
        if let Ok(x) = ours {
            check_value(x, precision);
        }
    }
    if data.len() >= 8 {
        let bits = u64::from_le_bytes(data[..8].try_into().unwrap_or([0; 8]));
        check_value(f64::from_bits(bits), precision);
    }
});
