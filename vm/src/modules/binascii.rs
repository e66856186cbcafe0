//! The `binascii` module (also `ubinascii`): hex and base64 conversions and CRC-32, with
//! CPython's results and messages (`binascii.Error` is a `ValueError`).

use super::{Attr, ModuleDef};
use crate::builtins::{kwarg, split_kw};
use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `binascii`.
    pub static NATIVES;
    HEXLIFY = "hexlify" (1..=3) => hexlify, module kw;
    B2A_HEX = "b2a_hex" (1..=3) => hexlify, module kw;
    UNHEXLIFY = "unhexlify" (1) => unhexlify, module;
    A2B_HEX = "a2b_hex" (1) => unhexlify, module;
    B2A_BASE64 = "b2a_base64" (1) => b2a_base64, module kw;
    A2B_BASE64 = "a2b_base64" (1) => a2b_base64, module kw;
    CRC32 = "crc32" (1..=2) => crc32, module;
}

/// The `binascii` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "binascii",
    natives: &NATIVES,
    attrs: &[(
        "Error",
        Attr::Made(|rt| rt.new_module_exception("binascii", "Error", ExcKind::ValueError)),
    )],
    init: None,
};

fn error(rt: &mut Runtime, msg: &str) -> Raised {
    rt.raise_module_exception("binascii", "Error", msg)
}

/// The bytes of a bytes-like argument (bytes, bytearray).
fn bytes_arg(rt: &mut Runtime, v: Value) -> PyResult<Vec<u8>> {
    match rt.kind(v) {
        Some(Kind::Bytes | Kind::ByteArray) => Ok(rt.bytes_of(v).unwrap_or(&[]).to_vec()),
        _ => Err(rt.type_error_naming("a bytes-like object is required, not '", v, "'")),
    }
}

/// The bytes of an argument that may also be an ASCII str (`unhexlify`, `a2b_base64`).
fn ascii_arg(rt: &mut Runtime, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = rt.str_text(v) {
        if !s.is_ascii() {
            return Err(rt.value_error(crate::packed!(
                "string argument should contain only ASCII characters"
            )));
        }
        return Ok(s.as_bytes().to_vec());
    }
    match rt.kind(v) {
        Some(Kind::Bytes | Kind::ByteArray) => Ok(rt.bytes_of(v).unwrap_or(&[]).to_vec()),
        _ => Err(rt.type_error_naming(
            "argument should be bytes, buffer or ASCII string, not '",
            v,
            "'",
        )),
    }
}

fn arg(rt: &mut Runtime, args: &[Value], i: usize, fname: &str, total: usize) -> PyResult<Value> {
    match args.get(i) {
        Some(v) => Ok(*v),
        None => Err(rt.type_error_with(
            "{}() takes exactly {} argument{} ({} given)",
            &[
                fname.arg(),
                total.arg(),
                (if total == 1 { "" } else { "s" }).arg(),
                args.len().arg(),
            ],
        )),
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `hexlify(data, sep=None, bytes_per_sep=1)`.
pub fn hexlify(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let data = arg(rt, pos, 0, "hexlify", 1)?;
    let data = bytes_arg(rt, data)?;
    let sep_q = rt.intern("sep")?.as_qstr().unwrap_or(0);
    let per_q = rt.intern("bytes_per_sep")?.as_qstr().unwrap_or(0);
    let sep = match pos.get(1).copied().or_else(|| kwarg(rt, &kw, sep_q)) {
        None => None,
        Some(s) if s == Value::NONE => None,
        Some(s) => {
            let text: Vec<u8> = match rt.str_text(s) {
                Some(t) => t.as_bytes().to_vec(),
                None => match rt.kind(s) {
                    Some(Kind::Bytes | Kind::ByteArray) => rt.bytes_of(s).unwrap_or(&[]).to_vec(),
                    _ => {
                        return Err(rt.type_error_naming("object of type '", s, "' has no len()"));
                    }
                },
            };
            match text[..] {
                [c] if c.is_ascii() => Some(c),
                [_] => return Err(rt.value_error(crate::packed!("sep must be ASCII."))),
                _ => return Err(rt.value_error(crate::packed!("sep must be length 1."))),
            }
        }
    };
    let per = match pos.get(2).copied().or_else(|| kwarg(rt, &kw, per_q)) {
        Some(v) => rt.int_arg(v)?,
        None => 1,
    };
    let group = per.unsigned_abs().min(usize::MAX as u64) as usize;
    let mut out = Vec::new();
    rt.check_room(data.len().saturating_mul(3))?;
    out.reserve(data.len() * 3);
    let n = data.len();
    for (i, b) in data.iter().enumerate() {
        if let Some(c) = sep.filter(|_| group > 0 && i > 0) {
            // Groups are counted from the right for a positive bytes_per_sep.
            let boundary = if per > 0 {
                (n - i) % group == 0
            } else {
                i % group == 0
            };
            if boundary {
                out.push(c);
            }
        }
        out.push(HEX[(b >> 4) as usize]);
        out.push(HEX[(b & 15) as usize]);
    }
    rt.new_bytes(&out)
}

/// `unhexlify(hexstr)`.
pub fn unhexlify(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let v = arg(rt, args, 0, "unhexlify", 1)?;
    let text = ascii_arg(rt, v)?;
    if text.len() % 2 != 0 {
        return Err(error(rt, "Odd-length string"));
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(text.len() / 2);
    for pair in text.chunks(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(rt, "Non-hexadecimal digit found")),
        }
    }
    rt.new_bytes(&out)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_value(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

/// `b2a_base64(data, *, newline=True)`.
pub fn b2a_base64(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let data = arg(rt, pos, 0, "b2a_base64", 1)?;
    let data = bytes_arg(rt, data)?;
    let nl_q = rt.intern("newline")?.as_qstr().unwrap_or(0);
    let newline = match kwarg(rt, &kw, nl_q) {
        Some(v) => rt.truthy(v)?,
        None => true,
    };
    rt.check_room(data.len() / 3 * 4 + 5)?;
    let mut out = Vec::with_capacity(data.len() / 3 * 4 + 5);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[(n >> (18 - 6 * k) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    rt.new_bytes(&out)
}

/// `a2b_base64(data, *, strict_mode=False)`: characters outside the alphabet are skipped
/// (refused in strict mode); a complete pad sequence ends the data.
pub fn a2b_base64(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let data = arg(rt, pos, 0, "a2b_base64", 1)?;
    let text = ascii_arg(rt, data)?;
    let strict_q = rt.intern("strict_mode")?.as_qstr().unwrap_or(0);
    let strict = match kwarg(rt, &kw, strict_q) {
        Some(v) => rt.truthy(v)?,
        None => false,
    };
    if strict && text.first() == Some(&b'=') {
        return Err(error(rt, "Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 3);
    let (mut quad, mut left, mut pads, mut padding) = (0u8, 0u8, 0u8, false);
    let mut complete = false;
    for (i, &c) in text.iter().enumerate() {
        if c == b'=' {
            padding = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < text.len() {
                        return Err(error(rt, "Excess data after padding"));
                    }
                    complete = true;
                    break;
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err(error(rt, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding {
            return Err(error(rt, "Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => {
                left = v;
                quad = 1;
            }
            1 => {
                out.push(left << 2 | v >> 4);
                left = v & 0x0f;
                quad = 2;
            }
            2 => {
                out.push(left << 4 | v >> 2);
                left = v & 0x03;
                quad = 3;
            }
            _ => {
                out.push(left << 6 | v);
                quad = 0;
            }
        }
    }
    if !complete && quad != 0 {
        let msg = if quad == 1 {
            fill("Invalid base64-encoded string: number of data characters ({}) cannot be 1 more than a multiple of 4", &[(out.len() / 3 * 4 + 1).arg()])
        } else {
            "Incorrect padding".into()
        };
        return Err(error(rt, &msg));
    }
    rt.new_bytes(&out)
}

/// The CRC-32 (IEEE 802.3, reflected) of each 4-bit value, built at compile time: two
/// lookups a byte from 64 bytes of flash rather than one from a 1 KB byte table (MicroPython's
/// uzlib does the same).
const CRC_NIBBLES: [u32; 16] = {
    let mut t = [0u32; 16];
    let mut i = 0;
    while i < 16 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 4 {
            c = if c & 1 != 0 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// CRC-32 of `data` continuing from `crc`.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    !data.iter().fold(!crc, |c, b| {
        let c = c ^ u32::from(*b);
        let c = CRC_NIBBLES[(c & 0xf) as usize] ^ (c >> 4);
        CRC_NIBBLES[(c & 0xf) as usize] ^ (c >> 4)
    })
}

/// `crc32(data, value=0)`.
pub fn crc32(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let data = arg(rt, args, 0, "crc32", 1)?;
    let data = bytes_arg(rt, data)?;
    let start = match args.get(1) {
        Some(v) => match rt.to_bigint(*v).filter(|_| rt.is_int(*v)) {
            Some(n) => {
                let m = n % crate::bigint::BigInt::from(1u64 << 32);
                let m = if m.sign() == crate::bigint::Sign::Minus {
                    m + crate::bigint::BigInt::from(1u64 << 32)
                } else {
                    m
                };
                m.to_u32().unwrap_or(0)
            }
            None => {
                return Err(rt.type_error_naming(
                    "'",
                    *v,
                    "' object cannot be interpreted as an integer",
                ));
            }
        },
        None => 0,
    };
    rt.new_int(crc32_update(start, &data) as i64)
}

#[cfg(test)]
mod tests {
    use super::crc32_update;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32_update(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(
            crc32_update(crc32_update(0, b"1234"), b"56789"),
            0xcbf4_3926
        );
        assert_eq!(crc32_update(0, b""), 0);
    }

    /// The nibble table agrees with the bitwise definition on every byte value and length.
    #[test]
    fn crc32_agrees_with_the_bitwise_definition() {
        let bitwise = |data: &[u8]| {
            let mut crc = !0u32;
            for &b in data {
                crc ^= u32::from(b);
                for _ in 0..8 {
                    crc = (crc >> 1) ^ (0xedb8_8320 & (crc & 1).wrapping_neg());
                }
            }
            !crc
        };
        let data: alloc::vec::Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for len in 0..data.len() {
            assert_eq!(
                crc32_update(0, &data[..len]),
                bitwise(&data[..len]),
                "{len}"
            );
        }
    }
}
