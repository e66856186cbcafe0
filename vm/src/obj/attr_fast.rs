//! The interpreter's fast paths for attributes of plain instances (LOAD_ATTR, STORE_ATTR,
//! LOAD_METHOD): the common cases answered from the instance's small attribute table and the
//! class lookup cache, each returning `None`/`false` whenever the general path
//! (`get_attr`, `set_attr`, `load_method` in `attr.rs`) must decide. They give the same
//! answers as the general path in the cases they accept.

use crate::heap::Heap;
use crate::obj::class::{CLASS_HAS_PROPERTY, CLASS_HAS_SETATTR, CLASS_NO_DICT, CLASS_SLOTS};
use crate::obj::dict::Linear;
use crate::obj::kind::Kind;
use crate::obj::layout::{INST_CLASS, INST_DICT};
use crate::qstr::{Q___CAUSE__, Q___CLASS__};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// The class and attribute dict (maybe NULL) of `obj` if it is an instance whose class
    /// flags have none of `flags`.
    #[inline(always)]
    fn plain_instance(&self, obj: Value, flags: u32) -> Option<(Value, Value)> {
        if !obj.is_heap() {
            return None;
        }
        // Header, class and dict in one range check (the block's four words are all inside
        // the arena when its header is) instead of one per word read.
        const _: () = assert!(INST_CLASS == 1 && INST_DICT == 2);
        let at = Heap::base(Runtime::blk(obj));
        let &[header, cls, dict] = self.heap.words.get(at..at + 3)? else {
            return None;
        };
        let cls = Value(cls);
        if header & 0xff != Kind::Instance as u32 || self.class_flags(cls) & flags != 0 {
            return None;
        }
        Some((cls, Value(dict)))
    }

    /// `obj.name` when it is in a plain instance's own attributes (with no property or data
    /// descriptor in its class, the instance dict comes first).
    #[inline]
    pub fn load_attr_fast(&self, obj: Value, name: Value) -> Option<Value> {
        let (_, d) = self.plain_instance(obj, CLASS_HAS_PROPERTY)?;
        if !d.is_heap() {
            return None;
        }
        match self.dict_linear_slot(d, name) {
            Linear::Found(w) => Some(Value(self.heap.word(w))),
            _ => None,
        }
    }

    /// `obj.name = v` on a plain instance (no property, data descriptor or `__setattr__` in
    /// its class): rebinding an attribute it has, adding one to its small table while there is
    /// room, or making the table for its first; `Ok(false)` if nothing was done.
    #[inline]
    pub fn store_attr_fast(&mut self, obj: Value, name: Value, v: Value) -> PyResult<bool> {
        if name == Value::qstr(Q___CAUSE__) {
            return Ok(false);
        }
        let Some((cls, d)) = self.plain_instance(obj, CLASS_HAS_PROPERTY | CLASS_HAS_SETATTR)
        else {
            return Ok(false);
        };
        if !d.is_heap() {
            return self.store_first_attr(obj, cls, name, v);
        }
        Ok(match self.dict_linear_slot(d, name) {
            Linear::Found(w) => {
                *self.heap.word_mut(w) = v.0;
                true
            }
            Linear::Absent => {
                if !self.may_add_attr(cls, name) {
                    return Ok(false);
                }
                if self.dict_append_linear(d, name, v) {
                    return Ok(true);
                }
                // The table is full: the general path grows it, and the class's next
                // instances start with room for this many.
                let n = self.dict_len(d) + 1;
                self.note_instance_attrs(cls, n);
                false
            }
            Linear::Unknown => false,
        })
    }

    /// May `name` go into the attribute table of an instance of `cls` without the general
    /// path (`__class__` assignment, a class without instance attributes, a `__slots__` that
    /// does not name it or that only the general path reads)?
    #[inline(always)]
    fn may_add_attr(&mut self, cls: Value, name: Value) -> bool {
        if !name.is_qstr() || name == Value::qstr(Q___CLASS__) {
            return false;
        }
        let flags = self.class_flags(cls);
        flags & CLASS_NO_DICT == 0
            && (flags & CLASS_SLOTS == 0 || self.slots_name(cls, name) == Some(true))
    }

    /// The first attribute of a plain instance (in `__init__`): its table made for three, or
    /// for as many as an earlier instance of its class grew to.
    #[inline(never)]
    fn store_first_attr(
        &mut self,
        obj: Value,
        cls: Value,
        name: Value,
        v: Value,
    ) -> PyResult<bool> {
        if !self.may_add_attr(cls, name) {
            return Ok(false);
        }
        self.pins.push(obj);
        self.pins.push(name);
        self.pins.push(v);
        // Three attributes fill three blocks; a fourth grows the table to six.
        let cap = self.class_attrs_hint(cls).max(3);
        let r = self.new_dict_kind(Kind::Dict, cap);
        self.unpin(3);
        let d = r?;
        self.heap.set_val(Runtime::blk(obj), INST_DICT, d);
        Ok(self.dict_append_linear(d, name, v))
    }

    /// The function `obj.name` would bind, for a method call on an instance that does not
    /// shadow it with an attribute of its own.
    #[inline]
    pub fn load_method_fast(&mut self, obj: Value, name: Value) -> Option<Value> {
        let (cls, d) = self.plain_instance(obj, 0)?;
        let f = self.class_lookup(cls, name)?;
        if !self.heap.is_kind(f, Kind::Function) {
            return None;
        }
        if d.is_heap() && self.dict_linear_slot(d, name) != Linear::Absent {
            return None;
        }
        Some(f)
    }
}
