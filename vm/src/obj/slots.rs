//! `__slots__` and `__class__` assignment. A class whose namespace and every base's (up to
//! `object`) define `__slots__` without `"__dict__"` gets [`CLASS_SLOTS`]: its instances take
//! only the attributes named there (AttributeError for others, no `__dict__`). Slot values live
//! in the instance's attribute table like other attributes; only the names are restricted.
//! Assigning `obj.__class__` checks CPython's layout compatibility: the same builtin root, the
//! same slots, a `__dict__` on both or neither.

use crate::format::message::ToArg;
use crate::obj::class::{CLASS_SLOTS, CLASS_SPECIAL_BASE, C_DICT, C_MRO};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::INST_CLASS;
use crate::qstr::Q___SLOTS__;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::vec::Vec;

impl Runtime {
    /// The names a class namespace's `__slots__` declares (a str is one name), or `None`.
    fn declared_slots(&mut self, ns: Value) -> PyResult<Option<Vec<Value>>> {
        let Some(decl) = self.dict_get_q(ns, Value::qstr(Q___SLOTS__)) else {
            return Ok(None);
        };
        let items = if self.str_text(decl).is_some() {
            alloc::vec![decl]
        } else {
            let list = self.list_from_iter(decl)?;
            self.seq_items_or_empty(list)
        };
        let mut names = Vec::with_capacity(items.len());
        for item in items {
            if self.str_text(item).is_none() {
                return Err(self.type_error_naming(
                    "__slots__ items must be strings, not '",
                    item,
                    "'",
                ));
            }
            names.push(self.intern_value(item)?);
        }
        Ok(Some(names))
    }

    /// [`CLASS_SLOTS`] if a new class with namespace `ns` and these bases restricts its
    /// instances' attributes; a slot that is also a class variable is a ValueError.
    pub(crate) fn slots_flag(&mut self, ns: Value, bases: &[Value]) -> PyResult<u32> {
        let Some(names) = self.declared_slots(ns)? else {
            return Ok(0);
        };
        let dict = Value::qstr(crate::qstr::Q___DICT__);
        for n in &names {
            if *n != dict && self.dict_get_q(ns, *n).is_some() {
                return Err(self.raise_with(
                    ExcKind::ValueError,
                    "'{}' in __slots__ conflicts with class variable",
                    &[self.display_name(*n).arg()],
                ));
            }
        }
        let bases_slotted = bases
            .iter()
            .all(|b| *b == TypeId::Object.value() || self.class_flags_cold(*b) & CLASS_SLOTS != 0);
        Ok(if bases_slotted && !names.contains(&dict) {
            CLASS_SLOTS
        } else {
            0
        })
    }

    /// The slot names of every class on `cls`'s MRO, most derived first.
    fn all_slots(&mut self, cls: Value) -> Vec<Value> {
        let mut out = Vec::new();
        if self.kind(cls) != Some(Kind::Class) {
            return out;
        }
        let mro = self.heap.val(Runtime::blk(cls), C_MRO);
        for c in self.seq_items_or_empty(mro) {
            if self.kind(c) == Some(Kind::Class) {
                let ns = self.heap.val(Runtime::blk(c), C_DICT);
                if let Ok(Some(names)) = self.declared_slots(ns) {
                    out.extend(names);
                }
            }
        }
        out
    }

    /// May an instance of `cls` hold attribute `name` (interned)?
    pub(crate) fn slot_allows(&mut self, cls: Value, name: Value) -> bool {
        if self.class_flags(cls) & CLASS_SLOTS == 0 {
            return true;
        }
        match self.slots_name(cls, name) {
            Some(found) => found,
            None => self.all_slots(cls).contains(&name),
        }
    }

    /// Does a `__slots__` on `cls`'s MRO name `name` (interned)? Answered without allocating
    /// (this runs on every new attribute of a slotted instance) when each `__slots__` is an
    /// interned str or a tuple or list of them, as written in a class body; `None` otherwise.
    pub(crate) fn slots_name(&mut self, cls: Value, name: Value) -> Option<bool> {
        // The `__slots__` nearest on the MRO (the class's own, as a rule) names most of the
        // attributes its instances get: looked at first, without reading the MRO.
        if let Some(decl) = self.class_lookup(cls, Value::qstr(Q___SLOTS__)) {
            if self.slots_decl_names(decl, name) == Some(true) {
                return Some(true);
            }
        }
        let (mb, ms, mn) = self.seq_raw(self.heap.val(Runtime::blk(cls), C_MRO))?;
        for i in 0..mn {
            let c = self.heap.val(mb, ms + i);
            if !self.heap.is_kind(c, Kind::Class) {
                continue;
            }
            // Through the class attribute cache: the `__slots__` found may be a base's (also
            // on this MRO, so looking at it again changes no answer), and a hit costs less
            // than a search of the namespace dict.
            let Some(decl) = self.class_lookup(c, Value::qstr(Q___SLOTS__)) else {
                continue;
            };
            if self.slots_decl_names(decl, name)? {
                return Some(true);
            }
        }
        Some(false)
    }

    /// Does the `__slots__` value `decl` name `name` (interned)? `None` unless it is an
    /// interned str or a tuple or list of them.
    fn slots_decl_names(&self, decl: Value, name: Value) -> Option<bool> {
        if decl.is_qstr() {
            return Some(decl == name);
        }
        // A tuple's or list's items: no Python code runs while they are read.
        let (b, s, n) = self.seq_raw_inline(decl)?;
        for j in 0..n {
            let item = self.heap.val(b, s + j);
            if !item.is_qstr() {
                return None;
            }
            if item == name {
                return Some(true);
            }
        }
        Some(false)
    }

    /// The builtin root of `cls` (the last class before `object` on its MRO when it derives
    /// from an exception or a builtin type), which must match for `__class__` assignment.
    fn layout_root(&self, cls: Value) -> Option<Value> {
        if self.class_flags_cold(cls) & CLASS_SPECIAL_BASE == 0 {
            return None;
        }
        let mro = self.heap.val(Runtime::blk(cls), C_MRO);
        let items = self.seq_items_or_empty(mro);
        items
            .iter()
            .rev()
            .find(|c| **c != TypeId::Object.value())
            .copied()
    }

    /// `obj.__class__ = new` on an instance.
    pub(crate) fn set_class(&mut self, obj: Value, new: Value) -> PyResult<()> {
        if self.kind(new) != Some(Kind::Class) {
            if TypeId::from_value(new).is_some() {
                return Err(self.type_error(
                    crate::packed!("__class__ assignment only supported for mutable types or ModuleType subclasses"),
                ));
            }
            return Err(self.type_error_naming(
                "__class__ must be set to a class, not '",
                new,
                "' object",
            ));
        }
        let old = self.heap.val(Runtime::blk(obj), INST_CLASS);
        let same = self.layout_root(old) == self.layout_root(new)
            && (self.class_flags_cold(old) & CLASS_SLOTS)
                == (self.class_flags_cold(new) & CLASS_SLOTS)
            && self.all_slots(old) == self.all_slots(new);
        if !same {
            return Err(self.type_error_with(
                "__class__ assignment: '{}' object layout differs from '{}'",
                &[self.class_name(new).arg(), self.class_name(old).arg()],
            ));
        }
        self.heap.set_val(Runtime::blk(obj), INST_CLASS, new);
        Ok(())
    }
}
