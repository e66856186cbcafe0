//! Methods of `memoryview` (the view itself is in `crate::obj::memview`): all but `tobytes`
//! with the `extra-methods` feature.

use crate::builtins::arg;
#[cfg(feature = "extra-methods")]
use crate::obj::citem::item_size;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

/// The viewed bytes, copied out; ValueError once released.
fn viewed(rt: &mut Runtime, mv: Value) -> PyResult<Vec<u8>> {
    rt.memview_parts(mv)?;
    Ok(rt.memview_gather(mv))
}

/// `mv.tobytes()`.
pub(super) fn tobytes(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let b = viewed(rt, arg(args, 0))?;
    rt.new_bytes(&b)
}

/// `mv.tolist()`: the items as ints or floats.
#[cfg(feature = "extra-methods")]
pub(super) fn tolist(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_tolist(arg(args, 0))
}

/// `mv.hex()`.
#[cfg(feature = "extra-methods")]
pub(super) fn hex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = crate::format::hex_of_bytes(&viewed(rt, arg(args, 0))?);
    rt.new_str(&s)
}

/// `mv.cast(format)`: the same bytes as items of another format, from or to a byte format
/// (`B` or `b`) and only for a contiguous view, as CPython (no `shape`, and only the
/// formats `array` has).
#[cfg(feature = "extra-methods")]
pub(super) fn cast(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mv = arg(args, 0);
    let (base, start, len, ro) = rt.memview_parts(mv)?;
    let Some(f) = rt.str_text(arg(args, 1)) else {
        return Err(rt.type_error_naming(
            "cast() argument 'format' must be str, not ",
            arg(args, 1),
            "",
        ));
    };
    let dst = match f.as_bytes() {
        [c] if item_size(*c).is_some() => *c,
        _ => {
            return Err(rt.value_error(crate::packed!(
                "memoryview: destination format must be a native single character format \
                 prefixed with an optional '@'"
            )))
        }
    };
    let (src, size) = (rt.memview_format(mv), rt.memview_itemsize(mv));
    if len > 1 && rt.memview_step(mv) != size as i64 {
        return Err(rt.type_error(crate::packed!(
            "memoryview: casts are restricted to C-contiguous views"
        )));
    }
    if !matches!(src, b'B' | b'b') && !matches!(dst, b'B' | b'b') {
        return Err(rt.type_error(crate::packed!(
            "memoryview: cannot cast between two non-byte formats"
        )));
    }
    let dsize = item_size(dst).unwrap_or(1);
    let nbytes = len * size;
    if nbytes % dsize != 0 {
        return Err(rt.type_error(crate::packed!(
            "memoryview: length is not a multiple of itemsize"
        )));
    }
    rt.new_memview_typed(base, start, nbytes / dsize, dsize as i64, dst, ro)
}

/// `mv.release()`: later uses raise ValueError.
#[cfg(feature = "extra-methods")]
pub(super) fn release(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_release(arg(args, 0));
    Ok(Value::NONE)
}

/// `with mv:` returns the view itself.
#[cfg(feature = "extra-methods")]
pub(super) fn enter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_parts(arg(args, 0))?;
    Ok(arg(args, 0))
}

/// Leaving `with mv:` releases the view.
#[cfg(feature = "extra-methods")]
pub(super) fn exit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_release(arg(args, 0));
    Ok(Value::NONE)
}
