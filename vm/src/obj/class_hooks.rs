//! What runs when a class statement has built its class: `__set_name__` of the descriptors in
//! its namespace, then `__init_subclass__` of its nearest base (with the class keywords).

use crate::format::message::ToArg;
use crate::obj::class::C_MRO;
use crate::obj::kind::Kind;
use crate::obj::layout::WRAPPED_FUNC;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

impl Runtime {
    /// Run the creation hooks of new class `cls`; `kw` holds the class keywords as
    /// `(name, value)` pairs (`class B(A, kind="fast")`).
    pub fn class_created(&mut self, cls: Value, kw: &[(Value, Value)]) -> PyResult<()> {
        let ns = self.attr_dict(cls);
        if ns.is_heap() {
            for (name, v) in self.dict_items(ns) {
                if self.kind(v) != Some(Kind::Instance) {
                    continue;
                }
                if let Some(m) = self.special(v, Q___SET_NAME__) {
                    self.pin(m);
                    let r = self.call(m, &[v, cls, name], Value::NULL);
                    self.unpin(1);
                    r?;
                }
            }
        }
        let hook = self.inherited_init_subclass(cls);
        let Some(mut hook) = hook else {
            if let Some((k, _)) = kw.first() {
                return Err(self.type_error_with(
                    "{}.__init_subclass__() takes no keyword arguments ('{}' given)",
                    &[("object").arg(), self.display_name(*k).arg()],
                ));
            }
            return Ok(());
        };
        if matches!(
            self.kind(hook),
            Some(Kind::ClassMethod | Kind::StaticMethod)
        ) {
            hook = self.heap.val(Runtime::blk(hook), WRAPPED_FUNC);
        }
        let mut args: Vec<Value> = Vec::with_capacity(1 + kw.len());
        args.push(cls);
        args.extend(kw.iter().map(|e| e.1));
        let start = self.pins.len();
        self.pin(hook);
        let names = if kw.is_empty() {
            Ok(Value::NULL)
        } else {
            let ks: Vec<Value> = kw.iter().map(|e| e.0).collect();
            self.new_tuple(&ks)
        };
        let r = names.and_then(|names| {
            self.pin(names);
            self.call(hook, &args, names)
        });
        self.pins.truncate(start);
        r.map(|_| ())
    }

    /// `__init_subclass__` defined by a heap class after `cls` on its MRO.
    fn inherited_init_subclass(&mut self, cls: Value) -> Option<Value> {
        let mro = self.heap.val(Runtime::blk(cls), C_MRO);
        for i in 1..self.seq_len(mro) {
            let c = self.seq_get(mro, i);
            if self.kind(c) != Some(Kind::Class) {
                continue;
            }
            let d = self.attr_dict(c);
            if let Some(v) = self.dict_get_q(d, Value::qstr(Q___INIT_SUBCLASS__)) {
                return Some(v);
            }
        }
        None
    }

    /// Is `v` a data descriptor (an instance whose class defines `__set__` or `__delete__`)?
    pub fn is_data_descriptor(&mut self, v: Value) -> bool {
        self.kind(v) == Some(Kind::Instance)
            && (self.special(v, Q___SET__).is_some() || self.special(v, Q___DELETE__).is_some())
    }

    /// `descr.__get__(obj, cls)` if `descr` is an instance whose class defines `__get__`.
    pub fn descriptor_get(
        &mut self,
        descr: Value,
        obj: Value,
        cls: Value,
    ) -> PyResult<Option<Value>> {
        if self.kind(descr) != Some(Kind::Instance) {
            return Ok(None);
        }
        let Some(g) = self.special(descr, Q___GET__) else {
            return Ok(None);
        };
        self.pin(g);
        let r = self.call(g, &[descr, obj, cls], Value::NULL);
        self.unpin(1);
        r.map(Some)
    }
}
