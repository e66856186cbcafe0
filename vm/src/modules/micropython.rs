//! The `micropython` module: `const`, `mem_info`, `opt_level`, `schedule`, and the code
//! emitter decorators `native` and `viper`.
//!
//! `@micropython.native` and `@micropython.viper` are accepted and do nothing: mote has one
//! bytecode interpreter and no machine-code emitters, so the decorated function runs as
//! bytecode (viper's type annotations are ignored). `schedule(f, arg)` calls `f(arg)` at once:
//! mote runs no Python in interrupt handlers, so "very soon" from Python code is now.

use super::ModuleDef;
use crate::builtins::arg;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `micropython`.
    pub static NATIVES;
    CONST = "const" (1) => const_, module;
    MEM_INFO = "mem_info" (0..=1) => mem_info, module;
    OPT_LEVEL = "opt_level" (0..=1) => opt_level, module;
    SCHEDULE = "schedule" (2) => schedule, module;
    NATIVE = "native" (1) => emitter, module;
    VIPER = "viper" (1) => emitter, module;
}

/// The `micropython` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "micropython",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

/// `micropython.const(x)`: `x`.
pub fn const_(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(arg(args, 0))
}

/// `micropython.mem_info([verbose])`: prints heap totals; with an argument also the objects
/// and bytes in use per kind of heap object (MicroPython prints its block map there).
pub fn mem_info(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    use crate::format::message::{push_filled, ToArg};
    use crate::heap::BLOCK_BYTES;
    use alloc::string::String;
    let used = rt.heap.bytes_used();
    let free = rt.heap.bytes_free();
    let mut s = String::new();
    push_filled(
        &mut s,
        "GC: total: {}, used: {}, free: {}\n",
        &[(used + free).arg(), used.arg(), free.arg()],
    );
    if !args.is_empty() {
        for (i, &(objects, blocks)) in rt.heap.census().iter().enumerate() {
            let kind = crate::obj::kind::Kind::from_header(i as u32 + 1);
            if let (Some(kind), true) = (kind, objects > 0) {
                let bytes = blocks as usize * BLOCK_BYTES;
                push_filled(
                    &mut s,
                    "  {}: {} objects, {} B\n",
                    &[kind.name().arg(), objects.arg(), bytes.arg()],
                );
            }
        }
    }
    rt.host.write_stdout(s.as_bytes());
    Ok(Value::NONE)
}

/// `micropython.native(f)` / `micropython.viper(f)`: `f` itself (see the module doc).
pub fn emitter(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(arg(args, 0))
}

/// The optimisation level `opt_level` reports (module state; mote's compiler has one level,
/// so the number is only remembered).
struct OptLevel(i64);

/// `micropython.opt_level([level])`: the level, or set it.
pub fn opt_level(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = super::table::MICROPYTHON;
    let current = rt.take_module_state::<OptLevel>(t).map_or(0, |s| s.0);
    let next = match args.first() {
        None => current,
        Some(v) => rt.int_arg(*v)?,
    };
    rt.set_module_state(t, alloc::boxed::Box::new(OptLevel(next)));
    if args.is_empty() {
        rt.new_int(current)
    } else {
        Ok(Value::NONE)
    }
}

/// `micropython.schedule(f, arg)`: `f(arg)`, now (see the module doc).
pub fn schedule(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let f = arg(args, 0);
    if crate::builtins::funcs::callable(rt, &[f], Value::NULL)? != Value::TRUE {
        return Err(rt.type_error(crate::packed!("first argument must be callable")));
    }
    rt.call(f, &[arg(args, 1)], Value::NULL)?;
    Ok(Value::NONE)
}
