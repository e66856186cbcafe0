//! The `array` module (also `uarray`): `array(typecode[, initializer])`, packed numbers of one
//! C type (`b B h H i I l L q Q f d`, little-endian as on the boards), with CPython's methods
//! and errors for `append`, `extend`, `frombytes`, `tobytes`, `tolist`, `pop`, `insert`,
//! `index`, `count`, `reverse`, indexing and slicing, `+`, `+=`, `==`, `len`, iteration.
//!
//! An array keeps its items in a `bytearray` in the instance (`_buf`), so `memoryview(a)` is a
//! writable view of its bytes without copying, and `bytes(a)` and the other bytes-like
//! consumers see the packed data. As on MicroPython's 32-bit ports `l`/`L` are 4 bytes (CPython
//! on a 64-bit host makes them 8); a memoryview of an array has the array's typecode as its
//! format and indexes items.

use super::{Attr, ModuleDef};
use crate::builtins::arg;
use crate::builtins::native::native_id;
use crate::format::message::{fill, ToArg};
use crate::obj::citem::{decode, item_size, pack};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `array`.
    pub static NATIVES;
    INIT = "__init__" => init, module method;
    APPEND = "append" (1) => append, module method;
    EXTEND = "extend" (1) => extend, module method;
    FROMBYTES = "frombytes" (1) => frombytes, module method;
    TOBYTES = "tobytes" (0) => tobytes, module method;
    TOLIST = "tolist" (0) => tolist, module method;
    POP = "pop" (0..=1) => pop, module method;
    INSERT = "insert" (2) => insert, module method;
    INDEX = "index" (1..=3) => index, module method;
    COUNT = "count" (1) => count, module method;
    REVERSE = "reverse" (0) => reverse, module method;
    LEN = "__len__" (0) => len, module method;
    GETITEM = "__getitem__" (1) => getitem, module method;
    SETITEM = "__setitem__" (2) => setitem, module method;
    ITER = "__iter__" => iter, module method;
    EQ = "__eq__" (1) => eq, module method;
    LT = "__lt__" (1) => lt, module method;
    LE = "__le__" (1) => le, module method;
    GT = "__gt__" (1) => gt, module method;
    GE = "__ge__" (1) => ge, module method;
    ADD = "__add__" (1) => add, module method;
    IADD = "__iadd__" (1) => iadd, module method;
    REPR = "__repr__" => repr, module method;
}

/// The `array` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "array",
    natives: &NATIVES,
    attrs: &[
        ("array", Attr::Made(array_class)),
        ("typecodes", Attr::Str("bBhHiIlLqQfd")),
    ],
    init: None,
};

fn array_class(rt: &mut Runtime) -> PyResult<Value> {
    let key = native_id(super::table::ARRAY, INIT);
    let made = rt.module_classes.iter().any(|(k, _)| *k == key);
    let cls = rt.module_class(
        super::table::ARRAY,
        INIT..REPR + 1,
        "array",
        TypeId::Object.value(),
    )?;
    if !made {
        rt.pin(cls);
        let r = rt.intern("array").and_then(|m| {
            let ns = rt.attr_dict(cls);
            rt.dict_set(ns, Value::qstr(crate::qstr::Q___MODULE__), m)?;
            rt.dict_set(ns, Value::qstr(crate::qstr::Q___HASH__), Value::NONE)
        });
        rt.unpin(1);
        r?;
    }
    Ok(cls)
}

/// An array's parts: its buffer and typecode.
#[derive(Clone, Copy)]
struct Arr {
    buf: Value,
    code: u8,
}

impl Arr {
    fn size(self) -> usize {
        item_size(self.code).unwrap_or(1)
    }
}

fn key(rt: &mut Runtime, name: &str) -> PyResult<Value> {
    rt.intern(name)
}

/// The buffer and typecode of array `v`, if it is one (for `memoryview`).
pub fn typed_buffer_of(rt: &mut Runtime, v: Value) -> Option<(Value, u8)> {
    let buf = buffer_of(rt, v)?;
    arr(rt, v).ok().map(|a| (buf, a.code))
}

/// The buffer of array `v`, if it is one (for `memoryview` and the bytes-like consumers).
pub fn buffer_of(rt: &mut Runtime, v: Value) -> Option<Value> {
    if rt.kind(v) != Some(Kind::Instance) {
        return None;
    }
    let k = rt.intern("_buf").ok()?;
    let cls = rt
        .module_classes
        .iter()
        .find(|(k, _)| *k == native_id(super::table::ARRAY, INIT))?
        .1;
    if !rt.is_instance(v, cls) {
        return None;
    }
    rt.instance_attr(v, k)
        .filter(|b| rt.kind(*b) == Some(Kind::ByteArray))
}

fn arr(rt: &mut Runtime, v: Value) -> PyResult<Arr> {
    let kb = key(rt, "_buf")?;
    let kc = key(rt, "typecode")?;
    let buf = rt
        .instance_attr(v, kb)
        .filter(|b| rt.kind(*b) == Some(Kind::ByteArray));
    let code = rt
        .instance_attr(v, kc)
        .and_then(|c| rt.str_text(c).and_then(|s| s.bytes().next()));
    match (buf, code) {
        (Some(buf), Some(code)) if item_size(code).is_some() => Ok(Arr { buf, code }),
        _ => Err(rt.type_error(crate::packed!(
            "descriptor requires an 'array.array' object"
        ))),
    }
}

fn data(rt: &Runtime, a: Arr) -> Vec<u8> {
    rt.bytes_of(a.buf).map(<[u8]>::to_vec).unwrap_or_default()
}

fn count_of(rt: &Runtime, a: Arr) -> usize {
    rt.bytes_of(a.buf).map_or(0, <[u8]>::len) / a.size()
}

/// Item `i` decoded.
fn get(rt: &mut Runtime, a: Arr, i: usize) -> PyResult<Value> {
    let n = a.size();
    let mut b = [0u8; 8];
    if let Some(src) = rt.bytes_of(a.buf).and_then(|d| d.get(i * n..i * n + n)) {
        for (dst, byte) in b.iter_mut().zip(src) {
            *dst = *byte;
        }
    }
    decode(rt, a.code, b.get(..n).unwrap_or_default())
}

/// Pack every item of iterable `it` (all checked before anything is added).
fn pack_all(rt: &mut Runtime, code: u8, it: Value) -> PyResult<Vec<u8>> {
    let l = rt.list_from_iter(it)?;
    rt.pin(l);
    let r = (|| {
        let n = rt.seq_len(l);
        rt.check_room(n.saturating_mul(item_size(code).unwrap_or(1)))?;
        let mut out = Vec::new();
        for i in 0..n {
            let v = rt.seq_get(l, i);
            out.extend_from_slice(&pack(rt, code, v)?);
        }
        Ok(out)
    })();
    rt.unpin(1);
    r
}

fn add_bytes(rt: &mut Runtime, a: Arr, bytes: &[u8]) -> PyResult<()> {
    let at = rt.bytes_of(a.buf).map_or(0, <[u8]>::len);
    rt.check_room(at.saturating_add(bytes.len()))?;
    rt.bytearray_write_at(a.buf, at, bytes)
}

fn set_all(rt: &mut Runtime, a: Arr, bytes: &[u8]) -> PyResult<()> {
    rt.bytearray_set_all(a.buf, bytes)
}

/// `array(typecode[, initializer])`.
fn init(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() < 2 || args.len() > 3 {
        let msg = fill(
            "array() takes at most 2 arguments ({} given)",
            &[(args.len() - 1).arg()],
        );
        return Err(rt.type_error(if args.len() < 2 {
            "array() missing required argument 'typecode' (pos 1)"
        } else {
            &msg
        }));
    }
    let me = arg(args, 0);
    let code = match rt.str_text(arg(args, 1)) {
        Some(s) if s.chars().count() == 1 => s.bytes().next().unwrap_or(0),
        Some(_) => {
            return Err(rt.type_error(crate::packed!(
                "array() argument 1 must be a unicode character, not str"
            )))
        }
        None => {
            return Err(rt.type_error_with(
                "array() argument 1 must be a unicode character, not {}",
                &[(rt.type_name(arg(args, 1))).arg()],
            ));
        }
    };
    if item_size(code).is_none() {
        return Err(rt.value_error(crate::packed!(
            "bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)"
        )));
    }
    let bytes = match args.get(2) {
        None => Vec::new(),
        Some(&v) if rt.str_text(v).is_some() => {
            return Err(rt.type_error_with(
                "cannot use a str to initialize an array with typecode '{}'",
                &[(code as char).arg()],
            ));
        }
        Some(&v) if matches!(rt.kind(v), Some(Kind::Bytes | Kind::ByteArray)) => {
            let b = rt.bytes_of(v).map(<[u8]>::to_vec).unwrap_or_default();
            if !b.len().is_multiple_of(item_size(code).unwrap_or(1)) {
                return Err(
                    rt.value_error(crate::packed!("bytes length not a multiple of item size"))
                );
            }
            b
        }
        Some(&v) => match buffer_of(rt, v) {
            Some(_) => {
                let other = arr(rt, v)?;
                let n = count_of(rt, other);
                let mut out = Vec::new();
                for i in 0..n {
                    let x = get(rt, other, i)?;
                    rt.pin(x);
                    let p = pack(rt, code, x);
                    rt.unpin(1);
                    out.extend_from_slice(&p?);
                }
                out
            }
            None => pack_all(rt, code, v)?,
        },
    };
    let buf = rt.new_bytearray(&bytes)?;
    rt.pin(buf);
    let r = (|| {
        let k = key(rt, "_buf")?;
        rt.set_attr_dict(me, k, buf)?;
        let c = rt.intern(core::str::from_utf8(&[code]).unwrap_or("b"))?;
        let k = key(rt, "typecode")?;
        rt.set_attr_dict(me, k, c)?;
        let k = key(rt, "itemsize")?;
        rt.set_attr_dict(me, k, Value::small(item_size(code).unwrap_or(1) as i32))
    })();
    rt.unpin(1);
    r.map(|_| Value::NONE)
}

fn append(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let b = pack(rt, a.code, arg(args, 1))?;
    add_bytes(rt, a, &b).map(|_| Value::NONE)
}

fn extend(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let b = if buffer_of(rt, arg(args, 1)).is_some() {
        let other = arr(rt, arg(args, 1))?;
        if other.code != a.code {
            return Err(rt.type_error(crate::packed!("can only extend with array of same kind")));
        }
        data(rt, other)
    } else {
        pack_all(rt, a.code, arg(args, 1))?
    };
    add_bytes(rt, a, &b).map(|_| Value::NONE)
}

fn frombytes(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let b = match rt.bytes_of(arg(args, 1)) {
        Some(b) => b.to_vec(),
        None => match buffer_of(rt, arg(args, 1)) {
            Some(buf) => rt.bytes_of(buf).map(<[u8]>::to_vec).unwrap_or_default(),
            None => {
                return Err(rt.type_error_with(
                    "a bytes-like object is required, not '{}'",
                    &[(rt.type_name(arg(args, 1))).arg()],
                ));
            }
        },
    };
    if !b.len().is_multiple_of(a.size()) {
        return Err(rt.value_error(crate::packed!("bytes length not a multiple of item size")));
    }
    add_bytes(rt, a, &b).map(|_| Value::NONE)
}

fn tobytes(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let d = data(rt, a);
    rt.new_bytes(&d)
}

fn items(rt: &mut Runtime, a: Arr, range: core::ops::Range<usize>) -> PyResult<Value> {
    let l = rt.new_list_cap(range.len())?;
    rt.pin(l);
    let r = (|| {
        for i in range {
            let v = get(rt, a, i)?;
            rt.list_append(l, v)?;
        }
        Ok(l)
    })();
    rt.unpin(1);
    r
}

fn tolist(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a);
    items(rt, a, 0..n)
}

/// Index `i` (negative from the end) of an array of `n` items.
fn slot(rt: &mut Runtime, i: Value, n: usize, msg: &str) -> PyResult<usize> {
    let i = rt.int_arg(i)?;
    let j = if i < 0 { i + n as i64 } else { i };
    if (0..n as i64).contains(&j) {
        Ok(j as usize)
    } else {
        Err(rt.raise(ExcKind::IndexError, msg))
    }
}

fn pop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a);
    if n == 0 {
        return Err(rt.raise(ExcKind::IndexError, crate::packed!("pop from empty array")));
    }
    let i = match args.get(1) {
        Some(&v) => slot(rt, v, n, "pop index out of range")?,
        None => n - 1,
    };
    let v = get(rt, a, i)?;
    rt.pin(v);
    let mut d = data(rt, a);
    d.drain(i * a.size()..(i + 1) * a.size());
    let r = set_all(rt, a, &d);
    rt.unpin(1);
    r.map(|_| v)
}

fn insert(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a) as i64;
    let i = rt.int_arg(arg(args, 1))?;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    let b = pack(rt, a.code, arg(args, 2))?;
    let mut d = data(rt, a);
    rt.check_room(d.len() + b.len())?;
    let at = i * a.size();
    d.splice(at..at, b);
    set_all(rt, a, &d).map(|_| Value::NONE)
}

fn find(rt: &mut Runtime, a: Arr, x: Value) -> PyResult<Option<usize>> {
    for i in 0..count_of(rt, a) {
        let v = get(rt, a, i)?;
        if rt.eq(v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn index(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    // The row admits CPython's start and stop; this index searches the whole array only.
    if args.len() != 2 {
        return Err(rt.type_error_with(
            "index() takes exactly 1 argument ({} given)",
            &[(args.len() - 1).arg()],
        ));
    }
    let a = arr(rt, arg(args, 0))?;
    match find(rt, a, arg(args, 1))? {
        Some(i) => Ok(Value::small(i as i32)),
        None => Err(rt.value_error(crate::packed!("array.index(x): x not in array"))),
    }
}

fn count(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let mut c = 0;
    for i in 0..count_of(rt, a) {
        let v = get(rt, a, i)?;
        if rt.eq(v, arg(args, 1))? {
            c += 1;
        }
    }
    Ok(Value::small(c))
}

fn reverse(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let d = data(rt, a);
    let out: Vec<u8> = d.chunks(a.size()).rev().flatten().copied().collect();
    set_all(rt, a, &out).map(|_| Value::NONE)
}

fn len(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    Ok(Value::small(count_of(rt, a) as i32))
}

/// A new array of `a`'s typecode holding `bytes`.
fn new_like(rt: &mut Runtime, a: Arr, bytes: &[u8]) -> PyResult<Value> {
    let cls = array_class(rt)?;
    let b = rt.new_bytes(bytes)?;
    rt.pin(b);
    let c = rt.intern(core::str::from_utf8(&[a.code]).unwrap_or("b"));
    let r = c.and_then(|c| rt.call(cls, &[c, b], Value::NULL));
    rt.unpin(1);
    r
}

fn getitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a);
    if rt.kind(arg(args, 1)) == Some(Kind::Slice) {
        let (start, _, step, len) = rt.slice_indices(arg(args, 1), n)?;
        let d = data(rt, a);
        let s = a.size();
        let mut out = Vec::with_capacity(len * s);
        for k in 0..len as i64 {
            let i = (start + k * step) as usize;
            out.extend_from_slice(d.get(i * s..i * s + s).unwrap_or(&[]));
        }
        return new_like(rt, a, &out);
    }
    let i = slot(rt, arg(args, 1), n, "array index out of range")?;
    get(rt, a, i)
}

fn setitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a);
    let s = a.size();
    if rt.kind(arg(args, 1)) == Some(Kind::Slice) {
        if buffer_of(rt, arg(args, 2)).is_none() {
            return Err(rt.type_error_with(
                "can only assign array (not \"{}\") to array slice",
                &[(rt.type_name(arg(args, 2))).arg()],
            ));
        }
        let other = arr(rt, arg(args, 2))?;
        if other.code != a.code {
            return Err(rt.type_error(crate::packed!("bad argument type for built-in operation")));
        }
        let (start, _, step, len) = rt.slice_indices(arg(args, 1), n)?;
        let src = data(rt, other);
        let mut d = data(rt, a);
        if step == 1 {
            let (from, to) = (start as usize * s, (start as usize + len) * s);
            rt.check_room(d.len() + src.len())?;
            d.splice(from..to, src);
        } else {
            if src.len() / s != len {
                return Err(rt.value_error_with(
                    "attempt to assign array of size {} to extended slice of size {}",
                    &[(src.len() / s).arg(), len.arg()],
                ));
            }
            for (k, item) in src.chunks_exact(s).take(len).enumerate() {
                let i = (start + k as i64 * step) as usize;
                if let Some(dst) = d.get_mut(i * s..i * s + s) {
                    dst.copy_from_slice(item);
                }
            }
        }
        return set_all(rt, a, &d).map(|_| Value::NONE);
    }
    let i = slot(rt, arg(args, 1), n, "array assignment index out of range")?;
    let b = pack(rt, a.code, arg(args, 2))?;
    rt.bytearray_write_at(a.buf, i * s, &b).map(|_| Value::NONE)
}

fn iter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a);
    let l = items(rt, a, 0..n)?;
    rt.get_iter(l)
}

fn eq(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if rt.kind(arg(args, 1)) == Some(Kind::MemView) {
        return rt.memview_eq(arg(args, 0), arg(args, 1)).map(Value::bool);
    }
    if buffer_of(rt, arg(args, 1)).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (a, b) = (arr(rt, arg(args, 0))?, arr(rt, arg(args, 1))?);
    let (n, m) = (count_of(rt, a), count_of(rt, b));
    if n != m {
        return Ok(Value::FALSE);
    }
    for i in 0..n {
        let x = get(rt, a, i)?;
        rt.pin(x);
        let y = get(rt, b, i);
        let r = y.and_then(|y| rt.eq(x, y));
        rt.unpin(1);
        if !r? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

/// Order comparison `op` (the interpreter's compare code) of two arrays, item by item.
fn order(rt: &mut Runtime, args: &[Value], op: u32) -> PyResult<Value> {
    if buffer_of(rt, arg(args, 1)).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (a, b) = (arr(rt, arg(args, 0))?, arr(rt, arg(args, 1))?);
    let (n, m) = (count_of(rt, a), count_of(rt, b));
    let la = items(rt, a, 0..n)?;
    rt.pin(la);
    let r = items(rt, b, 0..m).and_then(|lb| {
        rt.pin(lb);
        let r = rt.compare(op, la, lb);
        rt.unpin(1);
        r
    });
    rt.unpin(1);
    r
}

fn lt(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    order(rt, args, 0)
}

fn le(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    order(rt, args, 1)
}

fn gt(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    order(rt, args, 4)
}

fn ge(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    order(rt, args, 5)
}

fn other_array(rt: &mut Runtime, a: Arr, v: Value) -> PyResult<Vec<u8>> {
    if buffer_of(rt, v).is_none() {
        return Err(rt.type_error_naming("can only append array (not \"", v, "\") to array"));
    }
    let b = arr(rt, v)?;
    if b.code != a.code {
        return Err(rt.type_error(crate::packed!("bad argument type for built-in operation")));
    }
    Ok(data(rt, b))
}

fn add(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let mut d = data(rt, a);
    let more = other_array(rt, a, arg(args, 1))?;
    rt.check_room(d.len() + more.len())?;
    d.extend_from_slice(&more);
    new_like(rt, a, &d)
}

fn iadd(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let more = other_array(rt, a, arg(args, 1))?;
    add_bytes(rt, a, &more).map(|_| arg(args, 0))
}

fn repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arr(rt, arg(args, 0))?;
    let n = count_of(rt, a);
    let mut s = String::from("array('");
    s.push(char::from(a.code));
    s.push('\'');
    if n != 0 {
        let l = items(rt, a, 0..n)?;
        rt.pin(l);
        let r = rt.repr(l);
        rt.unpin(1);
        s.push_str(", ");
        s.push_str(&rt.display_name(r?));
    }
    s.push(')');
    rt.new_str(&s)
}
