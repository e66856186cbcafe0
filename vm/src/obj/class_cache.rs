//! A small direct-mapped cache of class attribute lookups (`class_lookup`: methods,
//! `__init__`, `__new__`, operator dunders), so a method call does not search the dicts of the
//! whole MRO every time.
//!
//! An entry remembers where `name` was found for a class: an entry number in the namespace
//! dict of one class of its MRO, or that no class of the MRO has it. A positive hit is checked
//! before it is used: the entry must still hold the same interned name, so the value read there
//! is that dict's current one (rebinding needs no invalidation; deletion fails the check). What
//! can make the remembered answer wrong is a class namespace gaining a key (an earlier class of
//! the MRO now defines the name, or one defines a missing name) or a new class: both bump
//! [`Runtime::class_epoch`], and entries are valid only for the epoch they were made in. Class
//! namespace dicts are flagged (`DICT_CLASS_NS` in their header) so that `dict_set` knows to
//! bump it. Entries name heap blocks without rooting them, so a collection (which may free and
//! reuse those blocks) empties the cache.

use crate::runtime::Runtime;
use crate::value::Value;

/// Cache slots (a power of two).
pub const SLOTS: usize = 64;

/// Dict header aux flag: the dict is a class namespace (a key added bumps the class epoch).
pub const DICT_CLASS_NS: u32 = 1;

/// `entry` of a slot recording that no class of the MRO has the name.
const MISSING: u32 = u32::MAX;

/// One remembered lookup.
#[derive(Clone, Copy)]
pub struct Slot {
    cls: Value,
    name: Value,
    /// The namespace dict the name was found in (NULL when missing).
    dict: Value,
    entry: u32,
    epoch: u32,
}

impl Slot {
    /// An unused slot (NULL is never a class).
    pub const EMPTY: Slot = Slot {
        cls: Value::NULL,
        name: Value::NULL,
        dict: Value::NULL,
        entry: MISSING,
        epoch: 0,
    };
}

/// The slot for `name` looked up on class `cls`.
#[inline]
fn slot_of(cls: Value, name: Value) -> usize {
    ((name.0 >> 2) ^ (cls.0 >> 3)) as usize & (SLOTS - 1)
}

impl Runtime {
    /// The remembered result of looking `name` up on class `cls`: on a valid hit the value
    /// found, or NULL when no class of the MRO has the name (a dict never holds NULL); `None`
    /// when the MRO must be searched.
    #[inline(always)]
    pub(crate) fn class_cache_get(&self, cls: Value, name: Value) -> Option<Value> {
        let s = &self.class_cache[slot_of(cls, name)];
        if s.cls != cls || s.name != name || s.epoch != self.class_epoch {
            return None;
        }
        if s.entry == MISSING {
            return Some(Value::NULL);
        }
        match self.dict_entry_inline(s.dict, s.entry as usize) {
            Some((k, v)) if k == name => Some(v),
            _ => None,
        }
    }

    /// Remember that `name` on class `cls` is entry `entry` of namespace `dict` (or, with
    /// `None`, that the MRO does not have it).
    #[inline]
    pub(crate) fn class_cache_put(&mut self, cls: Value, name: Value, at: Option<(Value, usize)>) {
        let (dict, entry) = match at {
            Some((d, i)) => (d, i as u32),
            None => (Value::NULL, MISSING),
        };
        self.class_cache[slot_of(cls, name)] = Slot {
            cls,
            name,
            dict,
            entry,
            epoch: self.class_epoch,
        };
    }

    /// A class namespace gained a key or a class was created: forget every lookup.
    pub fn note_class_changed(&mut self) {
        self.class_epoch = self.class_epoch.wrapping_add(1);
        if self.class_epoch == 0 {
            // After a wrap an old epoch could match again: forget everything instead.
            self.class_cache = [Slot::EMPTY; SLOTS];
        }
    }

    /// Forget every lookup (before a collection frees the blocks they name).
    pub fn clear_class_cache(&mut self) {
        self.class_cache = [Slot::EMPTY; SLOTS];
    }
}
