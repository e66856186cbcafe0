//! The `micropython` module: `const` and `mem_info`.

use crate::builtins::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Build the `micropython` module.
pub fn make(rt: &mut Runtime) -> PyResult<Value> {
    let m = rt.new_module("micropython")?;
    rt.pin(m);
    let r = rt.module_natives(m, &[("const", N_MP_CONST), ("mem_info", N_MP_MEM_INFO)]);
    rt.unpin(1);
    r.map(|_| m)
}

/// `micropython.const(x)`: `x`.
pub fn const_(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match args.first() {
        Some(v) if args.len() == 1 => Ok(*v),
        _ => Err(rt.type_error("const() takes exactly 1 argument")),
    }
}

/// `micropython.mem_info()`: prints heap totals.
pub fn mem_info(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let used = rt.heap.bytes_used();
    let free = rt.heap.bytes_free();
    let s = alloc::format!(
        "GC: total: {}, used: {}, free: {}\n",
        used + free,
        used,
        free
    );
    rt.host.write_stdout(s.as_bytes());
    Ok(Value::NONE)
}
