//! The `gc` module: collect, mem_free, mem_alloc, enable, disable, isenabled.

use super::ModuleDef;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `gc`.
    pub static NATIVES;
    COLLECT = "collect" (0..=1) => collect, module;
    MEM_FREE = "mem_free" (0) => mem_free, module;
    MEM_ALLOC = "mem_alloc" (0) => mem_alloc, module;
    ENABLE = "enable" (0) => enable, module;
    DISABLE = "disable" (0) => disable, module;
    ISENABLED = "isenabled" (0) => isenabled, module;
}

/// The `gc` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "gc",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

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
