//! Methods of `bytes` and `bytearray`.
//!
//! The search-and-split methods reuse the `str` implementations through a latin-1 bridge: every
//! byte maps to the char with the same ordinal, so indices, lengths and results carry over
//! exactly, and the result converts back byte for byte. Case mapping and the predicates are
//! ASCII-only for bytes, so they are implemented here; so are the `bytearray` mutators.

use super::*;
use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use alloc::string::String;

/// ASCII whitespace as `bytes.split()`/`strip()` see it.
const ASCII_SPACE: &[u8] = b" \t\n\r\x0b\x0c";

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&x| x as char).collect()
}

/// The bytes of latin-1 text (every char below U+0100): read from its UTF-8 directly, one-
/// and two-byte sequences only, rather than through a char decoder.
fn unlatin1(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut high = 0;
    for &b in s.as_bytes() {
        match b {
            0x80..=0xbf => out.push(high | (b & 0x3f)),
            0xc0.. => high = b << 6,
            _ => out.push(b),
        }
    }
    out
}

/// The bytes of `self` (`args[0]`), or a TypeError for a non-bytes receiver.
fn self_bytes(rt: &mut Runtime, args: &[Value], name: &str) -> PyResult<Vec<u8>> {
    match args.first().and_then(|v| rt.bytes_of(*v)) {
        Some(b) => Ok(b.to_vec()),
        None => Err(super::descriptor_error(rt, name, "bytes")),
    }
}

/// A bytes-like argument, or a TypeError naming what was given.
fn bytes_arg(rt: &mut Runtime, v: Value) -> PyResult<Vec<u8>> {
    match rt.bytes_of(v) {
        Some(b) => Ok(b.to_vec()),
        None => Err(rt.type_error_naming("a bytes-like object is required, not '", v, "'")),
    }
}

/// A new value of the same type as `like` (bytes or bytearray) holding `b`.
fn same_kind(rt: &mut Runtime, like: Value, b: &[u8]) -> PyResult<Value> {
    if rt.kind(like) == Some(Kind::ByteArray) {
        rt.new_bytearray(b)
    } else {
        rt.new_bytes(b)
    }
}

/// Convert a result of a str method back: str → bytes like `like`; lists and tuples of str
/// item by item; anything else unchanged.
fn from_bridge(rt: &mut Runtime, like: Value, r: Value) -> PyResult<Value> {
    if let Some(s) = rt.str_text(r) {
        let b = unlatin1(s);
        return same_kind(rt, like, &b);
    }
    let kind = rt.kind(r);
    if !matches!(kind, Some(Kind::List | Kind::Tuple)) {
        return Ok(r);
    }
    let items = rt.seq_items_or_empty(r);
    let start = rt.pins.len();
    rt.pin(r);
    let mut out = Vec::with_capacity(items.len());
    let mut res = Ok(());
    for it in items {
        match from_bridge(rt, like, it) {
            Ok(v) => {
                rt.pin(v);
                out.push(v);
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    let r = res.and_then(|_| {
        if kind == Some(Kind::List) {
            rt.new_list(&out)
        } else {
            rt.new_tuple(&out)
        }
    });
    rt.pins.truncate(start);
    r
}

/// Run str method `f` on the latin-1 images of `self` and its bytes arguments. An int argument
/// becomes a one-char str when `int_as_byte` (for `find(111)`, `count(32)`); a tuple of bytes
/// (for `startswith((b"a", b"b"))`) becomes a tuple of strs.
fn bridge(
    rt: &mut Runtime,
    args: &[Value],
    kwnames: Value,
    name: &str,
    f: NativeFn,
    int_as_byte: bool,
) -> PyResult<Value> {
    let me = self_bytes(rt, args, name)?;
    let start = rt.pins.len();
    let r = bridge_inner(rt, args, kwnames, &me, f, int_as_byte);
    rt.pins.truncate(start);
    let r = r?;
    rt.pin(r);
    let out = from_bridge(rt, arg(args, 0), r);
    rt.unpin(1);
    out
}

fn bridge_inner(
    rt: &mut Runtime,
    args: &[Value],
    kwnames: Value,
    me: &[u8],
    f: NativeFn,
    int_as_byte: bool,
) -> PyResult<Value> {
    let mut conv = Vec::with_capacity(args.len());
    let s = rt.new_str(&latin1(me))?;
    rt.pin(s);
    conv.push(s);
    for (i, &a) in args.iter().enumerate().skip(1) {
        let v = if let Some(b) = rt.bytes_of(a) {
            let t = latin1(b);
            rt.new_str(&t)?
        } else if int_as_byte && i == 1 && rt.is_int(a) {
            let t = latin1(&[byte_value(rt, a)?]);
            rt.new_str(&t)?
        } else if rt.kind(a) == Some(Kind::Tuple) {
            let items = rt.seq_items_or_empty(a);
            let mut strs = Vec::with_capacity(items.len());
            for it in items {
                let b = bytes_arg(rt, it)?;
                let v = rt.new_str(&latin1(&b))?;
                rt.pin(v);
                strs.push(v);
            }
            rt.new_tuple(&strs)?
        } else if rt.is_str(a) {
            let before = if int_as_byte && i == 1 {
                "argument should be integer or bytes-like object, not '"
            } else {
                "a bytes-like object is required, not '"
            };
            return Err(rt.type_error_naming(before, a, "'"));
        } else {
            a
        };
        rt.pin(v);
        conv.push(v);
    }
    f(rt, &conv, kwnames)
}

macro_rules! bridged {
    ($($(#[$cfg:meta])* $name:ident => $f:path, $py:literal, $int:expr;)*) => {
        $(
            #[doc = concat!("`bytes.", $py, "` through the latin-1 bridge.")]
            $(#[$cfg])*
            pub(super) fn $name(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
                bridge(rt, args, kw, $py, $f, $int)
            }
        )*
    };
}

bridged! {
    bytes_replace => super::methods::str_replace, "replace", false;
    bytes_find => super::methods::str_find, "find", true;
    bytes_rfind => super::methods::str_rfind, "rfind", true;
    bytes_index => super::methods::str_index, "index", true;
    bytes_rindex => super::methods::str_rindex, "rindex", true;
    bytes_count => super::methods::str_count, "count", true;
    bytes_startswith => super::methods::str_startswith, "startswith", false;
    bytes_endswith => super::methods::str_endswith, "endswith", false;
    bytes_partition => super::methods::str_partition, "partition", false;
    bytes_rpartition => super::methods::str_rpartition, "rpartition", false;
    bytes_center => super::methods::str_center, "center", false;
    #[cfg(feature = "extra-methods")]
    bytes_ljust => super::methods::str_ljust, "ljust", false;
    #[cfg(feature = "extra-methods")]
    bytes_rjust => super::methods::str_rjust, "rjust", false;
    #[cfg(feature = "extra-methods")]
    bytes_zfill => super::methods::str_zfill, "zfill", false;
    #[cfg(feature = "extra-methods")]
    bytes_removeprefix => super::methods::str_removeprefix, "removeprefix", false;
    #[cfg(feature = "extra-methods")]
    bytes_removesuffix => super::methods::str_removesuffix, "removesuffix", false;
    #[cfg(feature = "extra-methods")]
    bytes_expandtabs => super::methods::str_expandtabs, "expandtabs", false;
    bytes_splitlines => super::methods::str_splitlines, "splitlines", false;
}

/// `b` without its leading bytes that are in `set`.
fn trim_start<'a>(mut b: &'a [u8], set: &[u8]) -> &'a [u8] {
    while let [first, rest @ ..] = b {
        if !set.contains(first) {
            break;
        }
        b = rest;
    }
    b
}

/// `b` without its trailing bytes that are in `set`.
fn trim_end<'a>(mut b: &'a [u8], set: &[u8]) -> &'a [u8] {
    while let [rest @ .., last] = b {
        if !set.contains(last) {
            break;
        }
        b = rest;
    }
    b
}

/// `bytes.split`: the str implementation through the bridge, with ASCII whitespace.
pub(super) fn bytes_split(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    bridge(
        rt,
        args,
        kw,
        "split",
        super::methods::bytes_text_split,
        false,
    )
}

/// `bytes.rsplit`: the str implementation through the bridge, with ASCII whitespace.
pub(super) fn bytes_rsplit(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    bridge(
        rt,
        args,
        kw,
        "split",
        super::methods::bytes_text_rsplit,
        false,
    )
}

fn strip_any(rt: &mut Runtime, args: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let me = self_bytes(rt, args, "strip")?;
    let given;
    let chars = match args.get(1) {
        Some(v) if *v != Value::NONE => {
            given = bytes_arg(rt, *v)?;
            &given[..]
        }
        _ => ASCII_SPACE,
    };
    let mut kept: &[u8] = &me;
    if left {
        kept = trim_start(kept, chars);
    }
    if right {
        kept = trim_end(kept, chars);
    }
    same_kind(rt, arg(args, 0), kept)
}

/// `bytes.strip`.
pub(super) fn bytes_strip(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    strip_any(rt, args, true, true)
}

/// `bytes.lstrip`.
pub(super) fn bytes_lstrip(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    strip_any(rt, args, true, false)
}

/// `bytes.rstrip`.
pub(super) fn bytes_rstrip(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    strip_any(rt, args, false, true)
}

/// `bytes.join(iterable)`.
pub(super) fn bytes_join(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let sep = self_bytes(rt, args, "join")?;
    let it = arg(args, 1);
    let start = rt.pins.len();
    let items = rt.collect_pinned(it);
    let r = items.and_then(|items| {
        let mut out = Vec::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            match rt.bytes_of(*x).map(<[u8]>::len) {
                Some(len) => {
                    rt.check_room(out.len().saturating_add(len))?;
                    out.extend_from_slice(rt.bytes_of(*x).unwrap_or(&[]));
                }
                None => {
                    return Err(rt.type_error_with(
                        "sequence item {}: expected a bytes-like object, {} found",
                        &[i.arg(), rt.type_name(*x).arg()],
                    ));
                }
            }
        }
        Ok(out)
    });
    rt.pins.truncate(start);
    let out = r?;
    same_kind(rt, arg(args, 0), &out)
}

fn map_bytes(
    rt: &mut Runtime,
    args: &[Value],
    name: &str,
    f: fn(&[u8]) -> Vec<u8>,
) -> PyResult<Value> {
    let me = self_bytes(rt, args, name)?;
    let out = f(&me);
    same_kind(rt, arg(args, 0), &out)
}

/// `bytes.upper`.
pub(super) fn bytes_upper(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_bytes(rt, args, "upper", |b| b.to_ascii_uppercase())
}

/// `bytes.lower`.
pub(super) fn bytes_lower(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_bytes(rt, args, "lower", |b| b.to_ascii_lowercase())
}

/// `bytes.swapcase`.
#[cfg(feature = "extra-methods")]
pub(super) fn bytes_swapcase(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_bytes(rt, args, "swapcase", |b| {
        b.iter()
            .map(|&c| {
                if c.is_ascii_uppercase() {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            })
            .collect()
    })
}

/// `bytes.capitalize`.
#[cfg(feature = "extra-methods")]
pub(super) fn bytes_capitalize(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_bytes(rt, args, "capitalize", |b| {
        b.iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

/// `bytes.title`.
#[cfg(feature = "extra-methods")]
pub(super) fn bytes_title(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_bytes(rt, args, "title", |b| {
        let mut prev = false;
        b.iter()
            .map(|&c| {
                let out = if prev {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                prev = c.is_ascii_alphabetic();
                out
            })
            .collect()
    })
}

fn pred(rt: &mut Runtime, args: &[Value], name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let me = self_bytes(rt, args, name)?;
    Ok(Value::bool(f(&me)))
}

/// `bytes.isdigit`.
pub(super) fn bytes_isdigit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "isdigit", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_digit)
    })
}

/// `bytes.isalpha`.
pub(super) fn bytes_isalpha(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "isalpha", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic)
    })
}

/// `bytes.isalnum`.
#[cfg(feature = "extra-methods")]
pub(super) fn bytes_isalnum(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "isalnum", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric)
    })
}

/// `bytes.isspace`.
pub(super) fn bytes_isspace(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "isspace", |b| {
        !b.is_empty() && b.iter().all(|c| ASCII_SPACE.contains(c))
    })
}

/// `bytes.isupper`.
pub(super) fn bytes_isupper(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "isupper", |b| {
        b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
    })
}

/// `bytes.islower`.
pub(super) fn bytes_islower(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "islower", |b| {
        b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)
    })
}

/// `bytes.isascii`.
#[cfg(feature = "extra-methods")]
pub(super) fn bytes_isascii(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred(rt, args, "isascii", |b| b.is_ascii())
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`: pairs of hex digits, spaces between pairs.
pub(super) fn bytes_fromhex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(s) = args.last().and_then(|v| rt.str_text(*v)) else {
        return Err(rt.type_error(crate::packed!("fromhex() argument must be str")));
    };
    let s: Vec<u8> = s.bytes().collect();
    let mut out = Vec::with_capacity(s.len() / 2);
    let mut i = 0;
    while let Some(&c) = s.get(i) {
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = (c as char).to_digit(16);
        let lo = s.get(i + 1).and_then(|c| (*c as char).to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let at = if hi.is_some() { i + 1 } else { i };
                return Err(rt.value_error_with(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    &[at.arg()],
                ));
            }
        }
        i += 2;
    }
    // Reached through a bytearray instance it builds a bytearray.
    if args.len() == 2 && rt.kind(arg(args, 0)) == Some(Kind::ByteArray) {
        rt.new_bytearray(&out)
    } else {
        rt.new_bytes(&out)
    }
}

/// `bytearray.fromhex(s)`.
pub(super) fn bytearray_fromhex(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    let b = bytes_fromhex(rt, args, kw)?;
    let data = rt.bytes_of(b).unwrap_or(&[]).to_vec();
    rt.new_bytearray(&data)
}

/// CPython's UnicodeDecodeError of `codec` at `byte` (position `at`) for reason `why`. The byte
/// is written with `push_hex`: no `{:02x}` formatting code for `u8` in the image.
#[cold]
fn decode_error(
    rt: &mut Runtime,
    codec: &str,
    byte: u8,
    at: usize,
    why: &str,
) -> crate::runtime::Raised {
    let mut hex = String::new();
    crate::format::push_hex(&mut hex, byte.into(), 2);
    rt.raise_with(
        ExcKind::UnicodeDecodeError,
        "'{}' codec can't decode byte 0x{} in position {}: {}",
        &[codec.arg(), hex.arg(), at.arg(), why.arg()],
    )
}

/// `bytes.decode(encoding="utf-8", errors="strict")`: utf-8, ascii and latin-1.
pub(super) fn bytes_decode(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    use super::str_more::{Codec, Handler};
    let me = self_bytes(rt, args, "decode")?;
    let (codec, handler) = super::str_more::codec_args(rt, args, kwnames, true)?;
    match codec {
        Codec::Utf8 => match core::str::from_utf8(&me) {
            Ok(s) => rt.new_str(s),
            Err(e) => {
                if handler == Handler::Strict {
                    let at = e.valid_up_to();
                    let byte = me.get(at).copied().unwrap_or(0);
                    return Err(decode_error(rt, "utf-8", byte, at, "invalid start byte"));
                }
                let replacement = if handler == Handler::Ignore {
                    ""
                } else {
                    "\u{fffd}"
                };
                let s = super::lossy_text(&me, replacement);
                rt.new_str(&s)
            }
        },
        Codec::Latin1 => rt.new_str(&latin1(&me)),
        Codec::Ascii => {
            let mut out = String::with_capacity(me.len());
            for (i, &b) in me.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else if handler == Handler::Replace {
                    out.push('\u{fffd}');
                } else if handler != Handler::Ignore {
                    return Err(decode_error(rt, "ascii", b, i, "ordinal not in range(128)"));
                }
            }
            rt.new_str(&out)
        }
    }
}

/// An int argument as a byte, or a ValueError outside `range(0, 256)`.
pub(super) fn byte_value(rt: &mut Runtime, v: Value) -> PyResult<u8> {
    let x = rt.int_arg(v)?;
    if !(0..256).contains(&x) {
        return Err(rt.value_error(crate::packed!("byte must be in range(0, 256)")));
    }
    Ok(x as u8)
}

fn array_self(rt: &mut Runtime, args: &[Value], name: &str) -> PyResult<Vec<u8>> {
    if args.first().and_then(|v| rt.kind(*v)) != Some(Kind::ByteArray) {
        return Err(super::descriptor_error(rt, name, "bytearray"));
    }
    self_bytes(rt, args, name)
}

/// `bytearray.extend(iterable_of_ints)`.
pub(super) fn bytearray_extend(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut me = array_self(rt, args, "extend")?;
    let src = arg(args, 1);
    if let Some(b) = rt.bytes_of(src) {
        me.extend_from_slice(b);
    } else {
        if rt.is_str(src) {
            return Err(rt.type_error(crate::packed!("expected iterable of integers; got: 'str'")));
        }
        let start = rt.pins.len();
        let items = rt.collect_pinned(src);
        let r = items.and_then(|items| {
            for x in items {
                me.push(byte_value(rt, x)?);
            }
            Ok(())
        });
        rt.pins.truncate(start);
        r?;
    }
    rt.bytearray_set_all(arg(args, 0), &me)?;
    Ok(Value::NONE)
}

/// `bytearray.pop([i])`.
pub(super) fn bytearray_pop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let me = array_self(rt, args, "pop")?;
    if me.is_empty() {
        return Err(rt.raise(
            ExcKind::IndexError,
            crate::packed!("pop from empty bytearray"),
        ));
    }
    let i = match args.get(1) {
        Some(v) => {
            let mut i = rt.int_arg(*v)?;
            if i < 0 {
                i += me.len() as i64;
            }
            if i < 0 || i >= me.len() as i64 {
                return Err(rt.raise(
                    ExcKind::IndexError,
                    crate::packed!("pop index out of range"),
                ));
            }
            i as usize
        }
        None => me.len() - 1,
    };
    let x = me.get(i).copied().unwrap_or(0);
    rt.bytearray_set_all(arg(args, 0), &replaced(&me, i, i + 1, &[]))?;
    Ok(Value::small(x as i32))
}

/// `me` with `me[s..e]` replaced by `new` (`s <= e <= me.len()`): shared by slice assignment,
/// `pop` and `remove`, so `Vec::splice` and `Vec::remove` are not instantiated for bytes.
fn replaced(me: &[u8], s: usize, e: usize, new: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(me.len() + new.len());
    out.extend_from_slice(me.get(..s).unwrap_or(&[]));
    out.extend_from_slice(new);
    out.extend_from_slice(me.get(e..).unwrap_or(&[]));
    out
}

/// `bytearray.insert(i, x)`.
pub(super) fn bytearray_insert(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut me = array_self(rt, args, "insert")?;
    let (iv, xv) = (arg(args, 1), arg(args, 2));
    let n = me.len() as i64;
    let mut i = rt.int_arg(iv)?;
    if i < 0 {
        i = (i + n).max(0);
    }
    let i = i.min(n) as usize;
    let x = byte_value(rt, xv)?;
    me.insert(i, x);
    rt.bytearray_set_all(arg(args, 0), &me)?;
    Ok(Value::NONE)
}

/// `bytearray.remove(x)`.
pub(super) fn bytearray_remove(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let me = array_self(rt, args, "remove")?;
    let xv = arg(args, 1);
    let x = byte_value(rt, xv)?;
    match me.iter().position(|b| *b == x) {
        Some(i) => {
            rt.bytearray_set_all(arg(args, 0), &replaced(&me, i, i + 1, &[]))?;
            Ok(Value::NONE)
        }
        None => Err(rt.value_error(crate::packed!("value not found in bytearray"))),
    }
}

/// `bytearray.reverse()`.
pub(super) fn bytearray_reverse(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut me = array_self(rt, args, "reverse")?;
    me.reverse();
    rt.bytearray_set_all(arg(args, 0), &me)?;
    Ok(Value::NONE)
}

/// `bytearray.clear()`.
pub(super) fn bytearray_clear(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    array_self(rt, args, "clear")?;
    rt.bytearray_set_all(arg(args, 0), &[])?;
    Ok(Value::NONE)
}

/// `bytearray.copy()`.
pub(super) fn bytearray_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let me = array_self(rt, args, "copy")?;
    rt.new_bytearray(&me)
}

impl Runtime {
    /// `ba[slice] = v` for a bytearray: the same rules as list slice assignment.
    pub fn bytearray_set_slice(&mut self, ba: Value, k: Value, v: Value) -> PyResult<()> {
        let me = self.bytes_of(ba).unwrap_or(&[]).to_vec();
        let (start, stop, step, n) = self.slice_indices(k, me.len())?;
        let new: Vec<u8> = if let Some(b) = self.bytes_of(v) {
            b.to_vec()
        } else if self.is_int(v) {
            return Err(self.type_error(crate::packed!(
                "can assign only bytes, buffers, or iterables of ints in range(0, 256)"
            )));
        } else {
            let start_pins = self.pins.len();
            let r = self.collect_pinned(v).and_then(|items| {
                let mut out = Vec::with_capacity(items.len());
                for x in items {
                    out.push(byte_value(self, x)?);
                }
                Ok(out)
            });
            self.pins.truncate(start_pins);
            r?
        };
        if step == 1 {
            let (s, e) = (start as usize, (stop.max(start) as usize));
            let (s, e) = (s.min(me.len()), e.min(me.len()));
            self.bytearray_set_all(ba, &replaced(&me, s, e, &new))
        } else if new.len() != n {
            Err(self.value_error_with(
                "attempt to assign bytes of size {} to extended slice of size {}",
                &[new.len().arg(), n.arg()],
            ))
        } else {
            let mut me = me;
            for (j, x) in new.iter().enumerate() {
                let i = start + j as i64 * step;
                if let Some(slot) = usize::try_from(i).ok().and_then(|i| me.get_mut(i)) {
                    *slot = *x;
                }
            }
            self.bytearray_set_all(ba, &me)
        }
    }

    /// `del ba[k]` for a bytearray (an index or a slice).
    pub fn bytearray_del(&mut self, ba: Value, k: Value) -> PyResult<()> {
        let me = self.bytes_of(ba).unwrap_or(&[]).to_vec();
        let mut gone = alloc::vec![false; me.len()];
        if self.kind(k) == Some(Kind::Slice) {
            let (start, _, step, n) = self.slice_indices(k, me.len())?;
            for i in 0..n {
                if let Some(g) = gone.get_mut((start + i as i64 * step) as usize) {
                    *g = true;
                }
            }
        } else {
            let i = self.seq_index(k, me.len(), "bytearray")?;
            if let Some(g) = gone.get_mut(i) {
                *g = true;
            }
        }
        let mut kept: Vec<u8> = Vec::with_capacity(me.len());
        for (&b, &g) in me.iter().zip(gone.iter()) {
            if !g {
                kept.push(b);
            }
        }
        self.bytearray_set_all(ba, &kept)
    }
}

impl Runtime {
    /// `bytes % args` through the latin-1 bridge: bytes arguments become their latin-1 text so
    /// `%s` inserts them raw (unless the format asks for `%r`/`%a`, which then show their repr);
    /// a str argument is a TypeError as in CPython.
    pub fn bytes_percent(&mut self, fmt: Value, args: Value) -> PyResult<Value> {
        let me = self.bytes_of(fmt).unwrap_or(&[]).to_vec();
        let wants_repr = me
            .windows(2)
            .any(|w| w[0] == b'%' && (w[1] == b'r' || w[1] == b'a'));
        let start = self.pins.len();
        let r = self.bytes_percent_inner(&me, args, wants_repr);
        self.pins.truncate(start);
        let r = r?;
        let out = match self.str_text(r) {
            Some(s) => unlatin1(s),
            None => Vec::new(),
        };
        same_kind(self, fmt, &out)
    }

    fn bytes_percent_inner(&mut self, me: &[u8], args: Value, wants_repr: bool) -> PyResult<Value> {
        let f = self.new_str(&latin1(me))?;
        self.pin(f);
        let conv = |rt: &mut Runtime, v: Value| -> PyResult<Value> {
            if rt.is_str(v) {
                return Err(rt.type_error_naming("%b requires a bytes-like object, or an object that implements __bytes__, not '", v, "'"));
            }
            match rt.bytes_of(v) {
                Some(b) if !wants_repr => {
                    let t = latin1(b);
                    let s = rt.new_str(&t)?;
                    rt.pin(s);
                    Ok(s)
                }
                _ => Ok(v),
            }
        };
        let args = if self.kind(args) == Some(Kind::Tuple) {
            let items = self.seq_items_or_empty(args);
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(conv(self, it)?);
            }
            let t = self.new_tuple(&out)?;
            self.pin(t);
            t
        } else {
            conv(self, args)?
        };
        self.percent_format(f, args)
    }
}
