//! The `collections` module (also `ucollections`): `namedtuple`, `deque` (with `maxlen`),
//! `OrderedDict` and `defaultdict`, written in Python (`frozen/collections.py`, compiled into
//! the VM as text) and run in the module's namespace on first import. Only the module's
//! classes and functions take heap; its code lives beside the heap like every compiled code.

use super::ModuleDef;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// The module's Python source.
const SOURCE: &str = include_str!("frozen/collections.py");

/// The `collections` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "collections",
    natives: &[],
    attrs: &[],
    init: Some(init),
};

fn init(rt: &mut Runtime, m: Value) -> PyResult<()> {
    rt.exec_frozen(m, SOURCE, "<frozen collections>")
}
