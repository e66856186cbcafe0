//! The `errno` module: the error constants and `errorcode` (number → name).

use super::ModuleDef;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// The `errno` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "errno",
    natives: &crate::builtins::native::NO_NATIVES,
    attrs: &[],
    init: Some(init),
};

fn init(rt: &mut Runtime, m: Value) -> PyResult<()> {
    let codes = rt.new_dict()?;
    rt.module_set(m, "errorcode", codes)?;
    for (name, n) in crate::fs::ERRNO_NAMES
        .iter()
        .chain(crate::net::NET_ERRNO_NAMES)
    {
        rt.module_set(m, name, Value::small(*n))?;
        let k = rt.intern(name)?;
        rt.dict_set(codes, Value::small(*n), k)?;
    }
    Ok(())
}
