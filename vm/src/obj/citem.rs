//! Packed C items, as `array.array` and `memoryview` hold them: the item sizes of the
//! typecodes `b B h H i I l L q Q f d` (little-endian; `l`/`L` are 4 bytes as on MicroPython's
//! 32-bit ports) and CPython's conversions, with its errors, between items and Python values.

use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::vec::Vec;

/// Size in bytes of one item of `code`.
pub fn item_size(code: u8) -> Option<usize> {
    Some(match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

/// The item of `code` packed in `raw` (little-endian; missing bytes read as zero).
pub fn decode(rt: &mut Runtime, code: u8, raw: &[u8]) -> PyResult<Value> {
    let mut b = [0u8; 8];
    for (to, from) in b.iter_mut().zip(raw) {
        *to = *from;
    }
    let v = match code {
        b'b' => b[0] as i8 as i64,
        b'B' => b[0] as i64,
        b'h' => i16::from_le_bytes([b[0], b[1]]) as i64,
        b'H' => u16::from_le_bytes([b[0], b[1]]) as i64,
        b'i' | b'l' => i32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64,
        b'I' | b'L' => u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as i64,
        b'q' => i64::from_le_bytes(b),
        b'Q' => {
            let u = u64::from_le_bytes(b);
            return match i64::try_from(u) {
                Ok(i) => rt.new_int(i),
                Err(_) => rt.new_bigint(&crate::bigint::BigInt::from(u)),
            };
        }
        b'f' => return rt.new_float(f32::from_le_bytes([b[0], b[1], b[2], b[3]]) as _),
        _ => return rt.new_float(f64::from_le_bytes(b) as _),
    };
    rt.new_int(v)
}

/// `v` packed as an item of `code`, with CPython's errors.
pub fn pack(rt: &mut Runtime, code: u8, v: Value) -> PyResult<Vec<u8>> {
    if matches!(code, b'f' | b'd') {
        let f = if let Some(f) = rt.float_val(v) {
            f
        } else if rt.is_int(v) {
            let fv = rt.call(TypeId::Float.value(), &[v], Value::NULL)?;
            rt.float_val(fv).unwrap_or(0.0)
        } else {
            return Err(rt.type_error_naming("must be real number, not ", v, ""));
        };
        let f = crate::format::float_type::widen(f);
        return Ok(if code == b'f' {
            (f as f32).to_le_bytes().to_vec()
        } else {
            f.to_le_bytes().to_vec()
        });
    }
    if rt.float_val(v).is_some() || !rt.is_int(v) && rt.kind(v) != Some(Kind::Instance) {
        return Err(rt.type_error_naming("'", v, "' object cannot be interpreted as an integer"));
    }
    // 'Q' holds up to 2**64 - 1, past what an i64 reaches.
    if code == b'Q' {
        if let Some(u) = rt
            .to_bigint(v)
            .and_then(|b| b.to_u64())
            .filter(|&u| u > i64::MAX as u64)
        {
            return Ok(u.to_le_bytes().to_vec());
        }
    }
    let i = match rt.int_arg(v) {
        Ok(i) => i,
        Err(e) => {
            if !rt.is_int(v) {
                return Err(e);
            }
            rt.exc = Value::NULL;
            let msg = if code == b'Q' || code == b'q' {
                "int too big to convert"
            } else if matches!(code, b'I' | b'L') {
                "Python int too large to convert to C unsigned long"
            } else {
                "Python int too large to convert to C long"
            };
            return Err(rt.raise(ExcKind::OverflowError, msg));
        }
    };
    let (lo, hi, what): (i64, i64, &str) = match code {
        b'b' => (i8::MIN as i64, i8::MAX as i64, "signed char"),
        b'B' => (0, u8::MAX as i64, "unsigned byte integer"),
        b'h' => (i16::MIN as i64, i16::MAX as i64, "signed short integer"),
        b'H' => (0, u16::MAX as i64, "unsigned short"),
        b'i' | b'l' => (i32::MIN as i64, i32::MAX as i64, "signed integer"),
        b'I' | b'L' => (0, u32::MAX as i64, "unsigned int"),
        b'q' => (i64::MIN, i64::MAX, "signed long long"),
        _ => (0, i64::MAX, "unsigned long long"),
    };
    if i < lo || i > hi {
        let msg = if i > hi {
            " is greater than maximum"
        } else if matches!(code, b'I' | b'L') {
            return Err(rt.raise(
                ExcKind::OverflowError,
                "can't convert negative value to unsigned int",
            ));
        } else if code == b'Q' {
            return Err(rt.raise(
                ExcKind::OverflowError,
                "can't convert negative int to unsigned",
            ));
        } else {
            " is less than minimum"
        };
        return Err(rt.raise_with(ExcKind::OverflowError, "{}{}", &[what.arg(), msg.arg()]));
    }
    let n = item_size(code).unwrap_or(1);
    Ok(i.to_le_bytes()[..n].to_vec())
}
