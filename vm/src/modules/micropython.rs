//! The `micropython` module: `const` and `mem_info`.

use super::ModuleDef;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `micropython`.
    pub static NATIVES;
    CONST = "const" => const_, module;
    MEM_INFO = "mem_info" => mem_info, module;
}

/// The `micropython` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "micropython",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

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
