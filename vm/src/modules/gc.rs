//! The `gc` module: collect, mem_free, mem_alloc, enable, disable, isenabled.

use crate::builtins::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Build the `gc` module.
pub fn make(rt: &mut Runtime) -> PyResult<Value> {
    let m = rt.new_module("gc")?;
    rt.pin(m);
    let r = rt.module_natives(
        m,
        &[
            ("collect", N_GC_COLLECT),
            ("mem_free", N_GC_MEM_FREE),
            ("mem_alloc", N_GC_MEM_ALLOC),
            ("enable", N_GC_ENABLE),
            ("disable", N_GC_DISABLE),
            ("isenabled", N_GC_ISENABLED),
        ],
    );
    rt.unpin(1);
    r.map(|_| m)
}

/// `gc.collect()`.
pub fn collect(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.collect();
    rt.run_generator_finalizers();
    Ok(Value::NONE)
}

/// `gc.mem_free()`.
pub fn mem_free(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.heap.bytes_free();
    rt.new_int(n as i64)
}

/// `gc.mem_alloc()`.
pub fn mem_alloc(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.heap.bytes_used();
    rt.new_int(n as i64)
}

/// `gc.enable()`.
pub fn enable(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.gc_enabled = true;
    Ok(Value::NONE)
}

/// `gc.disable()`: automatic collection still runs when an allocation would otherwise fail
/// (as MicroPython does), so a disabled collector never turns into a spurious MemoryError.
pub fn disable(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.gc_enabled = false;
    Ok(Value::NONE)
}

/// `gc.isenabled()`.
pub fn isenabled(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(Value::bool(rt.gc_enabled))
}
