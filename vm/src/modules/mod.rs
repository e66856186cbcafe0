//! Builtin modules (`sys`, `gc`, `math`, `time`, `micropython`, `os`, `errno`, `io`) and the
//! import machinery.

pub mod frozen;
pub mod fs_natives;
pub mod gc;
pub mod import;
pub mod math;
pub mod micropython;
pub mod net_natives;
pub mod os;
pub mod sys;
pub mod time;

use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// A new module object `[hdr, name, globals]` with `__name__` set.
    pub fn new_module(&mut self, name: &str) -> PyResult<Value> {
        let n = self.intern(name)?;
        let g = self.new_dict()?;
        self.pin(g);
        let r = (|| {
            self.dict_set(g, Value::qstr(crate::qstr::Q___NAME__), n)?;
            let m = self.new_wrapper(Kind::Module, &[n, g])?;
            Ok(m)
        })();
        self.unpin(1);
        r
    }

    /// Set `module.name = v`.
    pub fn module_set(&mut self, m: Value, name: &str, v: Value) -> PyResult<()> {
        self.pin(v);
        let r = self.intern(name).and_then(|k| {
            let g = self.heap.val(Runtime::blk(m), 2);
            self.dict_set(g, k, v)
        });
        self.unpin(1);
        r
    }

    /// Add natives `(name, id)` to module `m`.
    pub fn module_natives(&mut self, m: Value, natives: &[(&str, u32)]) -> PyResult<()> {
        for (n, id) in natives {
            self.module_set(m, n, Runtime::native(*id))?;
        }
        Ok(())
    }

    /// Register module `m` in `sys.modules` under `name`.
    pub fn register_module(&mut self, name: &str, m: Value) -> PyResult<()> {
        self.pin(m);
        let r = self.intern(name).and_then(|k| {
            let mods = self.modules;
            self.dict_set(mods, k, m)
        });
        self.unpin(1);
        r
    }
}
