//! The less common `str` methods: `isascii`, `translate`, `str.maketrans`, and `encode` with an
//! encoding and error handler.

use super::*;
use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use alloc::string::String;

fn self_text(rt: &mut Runtime, args: &[Value], name: &str) -> PyResult<String> {
    match args.first().and_then(|v| rt.str_text(*v)) {
        Some(s) => Ok(s.into()),
        None => Err(super::descriptor_error(rt, name, "str")),
    }
}

/// `str.isascii()`.
#[cfg(feature = "extra-methods")]
pub(super) fn str_isascii(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = self_text(rt, args, "isascii")?;
    Ok(Value::bool(s.is_ascii()))
}

/// `str.translate(table)`: each char's ordinal is looked up in `table`; a missing key keeps
/// the char, `None` deletes it, an int or str replaces it.
#[cfg(feature = "extra-methods")]
pub(super) fn str_translate(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = self_text(rt, args, "translate")?;
    let Some(&table) = args.get(1) else {
        return Err(rt.type_error(crate::packed!(
            "translate() takes exactly one argument (0 given)"
        )));
    };
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let key = Value::small(c as i32);
        let mapped = match rt.getitem(table, key) {
            Ok(v) => v,
            Err(e) => {
                if rt.exc_matches(rt.exc, ExcKind::LookupError) {
                    rt.exc = Value::NULL;
                    out.push(c);
                    continue;
                }
                return Err(e);
            }
        };
        if mapped == Value::NONE {
            continue;
        }
        if let Some(t) = rt.str_text(mapped) {
            out.push_str(t);
        } else if rt.is_int(mapped) {
            let i = rt.int_arg(mapped)?;
            match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(rt.value_error(crate::packed!(
                        "character mapping must be in range(0x110000)"
                    )))
                }
            }
        } else {
            return Err(rt.type_error(crate::packed!(
                "character mapping must return integer, None or str"
            )));
        }
    }
    rt.new_str(&out)
}

/// `str.maketrans(x[, y[, z]])`: a dict from ordinals to ordinals, strs or None (a static
/// method: only reachable through the type, so it never receives a bound self).
#[cfg(feature = "extra-methods")]
pub(super) fn str_maketrans(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let d = rt.new_dict()?;
    rt.pin(d);
    let r = maketrans_into(rt, d, args);
    rt.unpin(1);
    r.map(|_| d)
}

#[cfg(feature = "extra-methods")]
fn maketrans_into(rt: &mut Runtime, d: Value, args: &[Value]) -> PyResult<()> {
    match args.len() {
        1 => {
            if !rt.is_dict(arg(args, 0)) {
                return Err(rt.type_error(crate::packed!(
                    "if you give only one argument to maketrans it must be a dict"
                )));
            }
            for (k, v) in rt.dict_items(arg(args, 0)) {
                let key = match rt.str_text(k) {
                    Some(t) => {
                        let mut cs = t.chars();
                        match (cs.next(), cs.next()) {
                            (Some(c), None) => Value::small(c as i32),
                            _ => {
                                return Err(rt.value_error(crate::packed!(
                                    "string keys in translate table must be of length 1"
                                )))
                            }
                        }
                    }
                    None if rt.is_int(k) => k,
                    None => {
                        return Err(rt.type_error(crate::packed!(
                            "keys in translate table must be strings or integers"
                        )))
                    }
                };
                rt.dict_set(d, key, v)?;
            }
            Ok(())
        }
        2 | 3 => {
            let (Some(x), Some(y)) = (rt.str_text(arg(args, 0)), rt.str_text(arg(args, 1))) else {
                return Err(rt.type_error(crate::packed!("maketrans() arguments must be str")));
            };
            let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
            if x.len() != y.len() {
                return Err(rt.value_error(crate::packed!(
                    "the first two maketrans arguments must have equal length"
                )));
            }
            for (a, b) in x.iter().zip(y.iter()) {
                rt.dict_set(d, Value::small(*a as i32), Value::small(*b as i32))?;
            }
            if let Some(&z) = args.get(2) {
                let Some(z) = rt.str_text(z) else {
                    return Err(rt.type_error(crate::packed!("maketrans() argument 3 must be str")));
                };
                let z: Vec<char> = z.chars().collect();
                for c in z {
                    rt.dict_set(d, Value::small(c as i32), Value::NONE)?;
                }
            }
            Ok(())
        }
        n => Err(rt.type_error_with(
            "maketrans() takes from 1 to 3 positional arguments ({} given)",
            &[n.arg()],
        )),
    }
}

/// The codecs `str.encode` and `bytes.decode` have.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

/// An `errors=` handler. Others than CPython's three stay apart: decoding replaces for them,
/// encoding raises.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Handler {
    Strict,
    Ignore,
    Replace,
    Other,
}

/// The codec and error handler of an `encode`/`decode` call (`encoding` and `errors` after the
/// receiver or by keyword): a TypeError for an encoding that is not a str, a LookupError for
/// one not utf-8, ascii or latin-1. One reading of them for both methods.
pub(super) fn codec_args(
    rt: &mut Runtime,
    args: &[Value],
    kwnames: Value,
    decode: bool,
) -> PyResult<(Codec, Handler)> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let enc = pos.get(1).copied().or_else(|| kwarg(rt, &kw, Q_ENCODING));
    let errors = pos.get(2).copied().or_else(|| kwarg(rt, &kw, Q_ERRORS));
    let handler = match errors.and_then(|e| rt.str_text(e)) {
        None | Some("strict") => Handler::Strict,
        Some("ignore") => Handler::Ignore,
        Some("replace") => Handler::Replace,
        Some(_) => Handler::Other,
    };
    let Some(enc) = enc else {
        return Ok((Codec::Utf8, handler));
    };
    let Some(given) = rt.str_text(enc) else {
        let before = if decode {
            "decode() argument 'encoding' must be str, not "
        } else {
            "encode() argument 'encoding' must be str, not "
        };
        return Err(rt.type_error_naming(before, enc, ""));
    };
    let codec = match normalize_encoding(given).as_str() {
        "utf8" => Codec::Utf8,
        "ascii" => Codec::Ascii,
        "latin1" | "iso88591" => Codec::Latin1,
        _ => {
            let given = String::from(given);
            return Err(rt.raise_with(
                ExcKind::LookupError,
                "unknown encoding: {}",
                &[given.arg()],
            ));
        }
    };
    Ok((codec, handler))
}

/// `str.encode(encoding="utf-8", errors="strict")`: utf-8, ascii and latin-1.
pub(super) fn str_encode(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let s = self_text(rt, args, "encode")?;
    let (codec, handler) = codec_args(rt, args, kwnames, false)?;
    let limit = match codec {
        Codec::Utf8 => return rt.new_bytes(s.as_bytes()),
        Codec::Ascii => 0x80u32,
        Codec::Latin1 => 0x100,
    };
    let mut out = Vec::with_capacity(s.len());
    for (pos, c) in s.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u8);
            continue;
        }
        match handler {
            Handler::Ignore => {}
            Handler::Replace => out.push(b'?'),
            Handler::Strict | Handler::Other => {
                let name = if limit == 0x80 { "ascii" } else { "latin-1" };
                let mut esc = String::new();
                crate::format::push_code_escape(&mut esc, c as u32);
                return Err(rt.raise_with(ExcKind::UnicodeEncodeError, "'{}' codec can't encode character '{}' in position {}: ordinal not in range({})", &[name.arg(), esc.arg(), pos.arg(), limit.arg()]));
            }
        }
    }
    rt.new_bytes(&out)
}

/// An encoding name lowercased without `-` and `_` (`UTF-8` → `utf8`).
fn normalize_encoding(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}
