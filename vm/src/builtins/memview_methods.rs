//! Methods of `memoryview` (the view itself is in `crate::obj::memview`).

use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

/// The viewed bytes, copied out; ValueError once released.
fn viewed(rt: &mut Runtime, mv: Value) -> PyResult<Vec<u8>> {
    rt.memview_parts(mv)?;
    Ok(rt.memview_gather(mv))
}

/// `mv.tobytes()`.
pub(super) fn tobytes(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let b = viewed(rt, args[0])?;
    rt.new_bytes(&b)
}

/// `mv.tolist()`: the items as ints or floats.
pub(super) fn tolist(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_tolist(args[0])
}

/// `mv.hex()`.
pub(super) fn hex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let b = viewed(rt, args[0])?;
    let s: String = b.iter().map(|x| alloc::format!("{x:02x}")).collect();
    rt.new_str(&s)
}

/// `mv.release()`: later uses raise ValueError.
pub(super) fn release(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_release(args[0]);
    Ok(Value::NONE)
}

/// `with mv:` returns the view itself.
pub(super) fn enter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_parts(args[0])?;
    Ok(args[0])
}

/// Leaving `with mv:` releases the view.
pub(super) fn exit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.memview_release(args[0]);
    Ok(Value::NONE)
}
