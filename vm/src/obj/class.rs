//! Classes (`[hdr, name, bases Tuple, mro Tuple, dict Dict]`), instances
//! (`[hdr, class, attrs Dict|NULL]`), C3 method resolution order and attribute lookup.

use crate::obj::kind::Kind;
use crate::obj::layout::{INST_CLASS, INST_DICT, MOD_GLOBALS};
use crate::qstr;
use crate::runtime::{PyResult, Raised, Runtime, TypeId};
use crate::value::{Value, STATIC_TYPE_BASE};
use alloc::vec::Vec;

/// Class flag (header aux): the class or a base defines a property.
pub const CLASS_HAS_PROPERTY: u32 = 1;
/// Class flag (header aux): the class or a base defines `__setattr__`.
pub const CLASS_HAS_SETATTR: u32 = 2;
/// Class flag (header aux): instances have no `__dict__` (the class behind `object()`).
pub const CLASS_NO_DICT: u32 = 4;
/// Class flag (header aux): the class derives from `BaseException` or from a builtin type
/// other than `object`, so calling it needs more than a bare instance.
pub const CLASS_SPECIAL_BASE: u32 = 8;
/// Class flag (header aux): instances take only the attributes `__slots__` names (see
/// `crate::obj::slots`); not inherited by a subclass without `__slots__`.
pub const CLASS_SLOTS: u32 = 16;
/// Class header aux, bits 8 to 11: how many attributes an instance of the class has grown to
/// (at most 15), so the next instance's attribute table is made that large at once instead of
/// growing as `__init__` assigns. A hint only: any value gives the same answers.
const CLASS_ATTRS_SHIFT: u32 = 8;
const CLASS_ATTRS_MAX: u32 = 15;
const CLASS_ATTRS_MASK: u32 = CLASS_ATTRS_MAX << CLASS_ATTRS_SHIFT;

pub use crate::obj::layout::{C_BASES, C_DICT, C_MRO, C_NAME};

/// `type()` of each kind of heap object (index `kind - 1`), as a `TypeId`: a byte table is
/// smaller than the jump table a match makes. Instances, coroutines, iterators and dict views
/// are told apart before it is read; a kind Python never sees is `object`.
const KIND_TYPES: [u8; Kind::COUNT] = {
    use TypeId as T;
    [
        T::Str as u8,
        T::Bytes as u8,
        T::Int as u8,
        T::Float as u8,
        T::Object as u8,
        T::Object as u8,
        T::Tuple as u8,
        T::List as u8,
        T::Dict as u8,
        T::Set as u8,
        T::FrozenSet as u8,
        T::ByteArray as u8,
        T::Range as u8,
        T::Slice as u8,
        T::Code as u8,
        T::Function as u8,
        T::Method as u8,
        T::Cell as u8,
        T::Type as u8,
        T::Object as u8,
        T::Module as u8,
        T::Frame as u8,
        T::Generator as u8,
        T::Property as u8,
        T::StaticMethod as u8,
        T::ClassMethod as u8,
        T::Object as u8,
        T::Super as u8,
        T::Object as u8,
        T::MemoryView as u8,
        T::Complex as u8,
    ]
};

impl Runtime {
    /// A new class; computes its C3 MRO (`TypeError` if none exists).
    pub fn new_class(&mut self, name: Value, bases: Value, ns: Value) -> PyResult<Value> {
        self.pins.extend_from_slice(&[name, bases, ns]);
        let r = self.new_class_inner(name, bases, ns);
        self.unpin(3);
        r
    }

    fn new_class_inner(&mut self, name: Value, bases: Value, ns: Value) -> PyResult<Value> {
        let base_list = self.seq_items_or_empty(bases);
        for b in &base_list {
            if TypeId::from_value(*b).is_none() && self.kind(*b) != Some(Kind::Class) {
                return Err(self.type_error(crate::packed!("bases must be types")));
            }
        }
        self.check_builtin_bases(&base_list)?;
        let has_eq = self
            .dict_get_q(ns, Value::qstr(crate::qstr::Q___EQ__))
            .is_some();
        if has_eq
            && self
                .dict_get_q(ns, Value::qstr(crate::qstr::Q___HASH__))
                .is_none()
        {
            self.dict_set(ns, Value::qstr(crate::qstr::Q___HASH__), Value::NONE)?;
        }
        if self.heap.is_kind(ns, Kind::Dict) {
            self.dict_shrink(ns);
        }
        let mut flags = 0;
        for (k, v) in self.dict_items(ns) {
            if self.heap.is_kind(v, Kind::Property) || self.is_data_descriptor(v) {
                flags |= CLASS_HAS_PROPERTY;
            }
            if k == Value::qstr(crate::qstr::Q___SETATTR__) {
                flags |= CLASS_HAS_SETATTR;
            }
        }
        for b in &base_list {
            if self.kind(*b) == Some(Kind::Class) {
                // A base's attribute count is its own instances' (see `CLASS_ATTRS_SHIFT`).
                flags |= self.heap.aux(Runtime::blk(*b)) & !CLASS_ATTRS_MASK;
            } else if TypeId::from_value(*b).is_some_and(|t| t != TypeId::Object) {
                flags |= CLASS_SPECIAL_BASE;
            }
        }
        flags = (flags & !CLASS_SLOTS) | self.slots_flag(ns, &base_list)?;
        let c = self.alloc(Kind::Class, flags, 5)?;
        let cv = Value::handle(c);
        self.heap.set_val(c, C_NAME, name);
        self.heap.set_val(c, C_BASES, bases);
        self.heap.set_val(c, C_DICT, ns);
        // Keys the namespace gains from now on may change what `class_lookup` finds.
        if self.heap.is_kind(ns, Kind::Dict) {
            let nsb = Runtime::blk(ns);
            let nsflags = self.heap.aux(nsb) | crate::obj::class_cache::DICT_CLASS_NS;
            self.heap.set_aux(nsb, nsflags);
        }
        self.note_class_changed();
        self.pin(cv);
        let mro = self.c3(cv, &base_list);
        let r = match mro {
            Ok(m) => self.new_tuple(&m),
            Err(heads) => {
                let mut text = alloc::string::String::from(
                    "Cannot create a consistent method resolution\norder (MRO) for bases ",
                );
                for (i, h) in heads.iter().enumerate() {
                    if i > 0 {
                        text.push_str(", ");
                    }
                    text.push_str(self.class_text(*h));
                }
                Err(self.type_error(&text))
            }
        };
        self.unpin(1);
        self.heap.set_val(c, C_MRO, r?);
        Ok(cv)
    }

    fn mro_of(&self, cls: Value) -> Vec<Value> {
        if self.heap.is_kind(cls, Kind::Class) {
            self.seq_items_or_empty(self.heap.val(Runtime::blk(cls), C_MRO))
        } else {
            alloc::vec![cls]
        }
    }

    /// The C3 linearisation of `cls` over `bases`, or, when there is none, the classes at
    /// the heads of the sequences left to merge (each once, in order), which CPython's
    /// error names.
    fn c3(&self, cls: Value, bases: &[Value]) -> Result<Vec<Value>, Vec<Value>> {
        let mut seqs: Vec<Vec<Value>> = bases.iter().map(|b| self.mro_of(*b)).collect();
        seqs.push(bases.to_vec());
        let mut out = alloc::vec![cls];
        loop {
            seqs.retain(|s| !s.is_empty());
            if seqs.is_empty() {
                if !out.contains(&TypeId::Object.value()) {
                    out.push(TypeId::Object.value());
                }
                return Ok(out);
            }
            let in_a_tail = |head: &Value| {
                seqs.iter()
                    .any(|t| t.split_first().is_some_and(|(_, tail)| tail.contains(head)))
            };
            let pick = seqs
                .iter()
                .filter_map(|s| s.first().copied())
                .find(|head| !in_a_tail(head));
            let Some(head) = pick else {
                let mut heads: Vec<Value> = Vec::new();
                for h in seqs.iter().filter_map(|s| s.first()) {
                    if !heads.contains(h) {
                        heads.push(*h);
                    }
                }
                return Err(heads);
            };
            out.push(head);
            for s in seqs.iter_mut() {
                if s.first() == Some(&head) {
                    s.remove(0);
                }
            }
        }
    }

    /// A new instance of class `cls` with no attributes.
    pub fn new_instance(&mut self, cls: Value) -> PyResult<Value> {
        self.pin(cls);
        let r = self.alloc(Kind::Instance, 0, 3);
        self.unpin(1);
        let b = r?;
        self.heap.set_val(b, INST_CLASS, cls);
        Ok(Value::handle(b))
    }

    /// Look `name` up along the MRO of class `cls` (heap classes only).
    #[inline]
    pub fn class_lookup(&mut self, cls: Value, name: Value) -> Option<Value> {
        if !self.heap.is_kind(cls, Kind::Class) {
            return None;
        }
        if let Some(found) = self.class_cache_get(cls, name) {
            return if found.is_null() { None } else { Some(found) };
        }
        self.class_lookup_mro(cls, name)
    }

    /// `class_lookup` on a cache miss: search the MRO and remember the answer.
    #[inline(never)]
    fn class_lookup_mro(&mut self, cls: Value, name: Value) -> Option<Value> {
        let mro = self.heap.val(Runtime::blk(cls), C_MRO);
        let n = self.seq_len(mro);
        for i in 0..n {
            let c = self.seq_get(mro, i);
            if self.heap.is_kind(c, Kind::Class) {
                let d = self.heap.val(Runtime::blk(c), C_DICT);
                if let Some(e) = self.dict_index_q(d, name) {
                    self.class_cache_put(cls, name, Some((d, e)));
                    return self.dict_entry(d, e).map(|e| e.1);
                }
            }
        }
        self.class_cache_put(cls, name, None);
        None
    }

    /// Is `a` a subclass of `b` (both classes or builtin types)?
    pub fn is_subclass(&self, a: Value, b: Value) -> bool {
        if a == b || b == TypeId::Object.value() {
            return true;
        }
        if a == TypeId::Bool.value() && b == TypeId::Int.value() {
            return true;
        }
        if !self.heap.is_kind(a, Kind::Class) {
            return false;
        }
        let mro = self.heap.val(Runtime::blk(a), C_MRO);
        (0..self.seq_len(mro)).any(|i| self.seq_get(mro, i) == b)
    }

    /// The attribute dict of an instance, class, module or function (NULL if none yet).
    pub fn attr_dict(&self, obj: Value) -> Value {
        match self.kind(obj) {
            Some(Kind::Instance) => self.heap.val(Runtime::blk(obj), INST_DICT),
            Some(Kind::Class) => self.heap.val(Runtime::blk(obj), C_DICT),
            Some(Kind::Module) => self.heap.val(Runtime::blk(obj), MOD_GLOBALS),
            _ => Value::NULL,
        }
    }

    /// An attribute stored in an instance's own dict.
    pub fn instance_attr(&mut self, obj: Value, name: Value) -> Option<Value> {
        let d = self.attr_dict(obj);
        if d.is_heap() {
            self.dict_get_q(d, name)
        } else {
            None
        }
    }

    /// Class flags of class `cls` (0 for builtin types).
    #[inline(always)]
    pub fn class_flags(&self, cls: Value) -> u32 {
        if self.heap.is_kind(cls, Kind::Class) {
            self.heap.aux(Runtime::blk(cls))
        } else {
            0
        }
    }

    /// `class_flags` out of line, for the callers off the hot paths (class creation,
    /// `__slots__`, `__class__` assignment): one call instead of the test inlined at each.
    #[inline(never)]
    pub(crate) fn class_flags_cold(&self, cls: Value) -> u32 {
        self.class_flags(cls)
    }

    /// How many attributes to make room for in the first attribute table of an instance of
    /// `cls` (the most an earlier instance grew to; 0 before any did).
    #[inline(always)]
    pub(crate) fn class_attrs_hint(&self, cls: Value) -> usize {
        ((self.class_flags(cls) & CLASS_ATTRS_MASK) >> CLASS_ATTRS_SHIFT) as usize
    }

    /// Note that an instance of class `cls` needs room for `n` attributes.
    pub(crate) fn note_instance_attrs(&mut self, cls: Value, n: usize) {
        let f = self.class_flags(cls);
        let n = (n as u32).min(CLASS_ATTRS_MAX);
        if !self.heap.is_kind(cls, Kind::Class) || n <= (f & CLASS_ATTRS_MASK) >> CLASS_ATTRS_SHIFT
        {
            return;
        }
        self.heap.set_aux(
            Runtime::blk(cls),
            (f & !CLASS_ATTRS_MASK) | n << CLASS_ATTRS_SHIFT,
        );
    }

    /// Note that class `cls` now has a property or `__setattr__` (set after creation).
    pub fn class_note_attr(&mut self, cls: Value, name: Value, v: Value) {
        if !self.heap.is_kind(cls, Kind::Class) {
            return;
        }
        let mut f = self.class_flags_cold(cls);
        if self.heap.is_kind(v, Kind::Property) || self.is_data_descriptor(v) {
            f |= CLASS_HAS_PROPERTY;
        }
        if name == Value::qstr(crate::qstr::Q___SETATTR__) {
            f |= CLASS_HAS_SETATTR;
        }
        self.heap.set_aux(Runtime::blk(cls), f);
    }

    /// Store `name = v` in the attribute dict of `obj` (created on first use for instances).
    pub fn set_attr_dict(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        if self.heap.is_kind(obj, Kind::Instance) {
            if name == Value::qstr(crate::qstr::Q___CLASS__) {
                return self.set_class(obj, v);
            }
            let cls = self.heap.val(Runtime::blk(obj), INST_CLASS);
            if !self.slot_allows(cls, name) {
                return Err(self.object_attr_error(self.class_name(cls), name));
            }
        }
        let mut d = self.attr_dict(obj);
        let no_dict = || {
            let cls = self.heap.val(Runtime::blk(obj), INST_CLASS);
            self.class_flags(cls) & CLASS_NO_DICT != 0
        };
        if d.is_null() && self.heap.is_kind(obj, Kind::Instance) && !no_dict() {
            self.pins.extend_from_slice(&[obj, name, v]);
            // Three attributes fill three blocks; a fourth grows the table to six.
            let r = self.new_dict_kind(Kind::Dict, 3);
            self.unpin(3);
            d = r?;
            self.heap.set_val(Runtime::blk(obj), INST_DICT, d);
        }
        if !d.is_heap() {
            return Err(self.object_attr_error(self.type_name(obj), name));
        }
        self.dict_set(d, name, v)
    }

    /// Name of a class or builtin type.
    pub fn class_name(&self, cls: Value) -> alloc::string::String {
        self.class_text(cls).into()
    }

    /// Name of a class or builtin type, borrowed (for text built outside the runtime).
    pub fn class_text(&self, cls: Value) -> &str {
        if let Some(t) = TypeId::from_value(cls) {
            return t.name();
        }
        if self.heap.is_kind(cls, Kind::Class) {
            let n = self.heap.val(Runtime::blk(cls), C_NAME);
            return self.str_text(n).unwrap_or("?");
        }
        "?"
    }

    /// Text of a str value for messages.
    pub fn display_name(&self, v: Value) -> alloc::string::String {
        self.str_text(v).unwrap_or("?").into()
    }

    /// `__name__` of the type of `v`.
    pub fn type_name(&self, v: Value) -> alloc::string::String {
        self.class_name(self.type_of(v))
    }

    /// `TypeError(before + type name of v + after)`, the form of CPython's many messages
    /// naming an operand's type: one out-of-line call where `core::fmt` would build its
    /// arguments and drop the name at each site.
    #[inline(never)]
    pub fn type_error_naming(&mut self, before: &str, v: Value, after: &str) -> Raised {
        let mut msg = self.type_name(v);
        msg.insert_str(0, before);
        msg.push_str(after);
        self.type_error(&msg)
    }

    /// `TypeError(before's pieces + "'A' and 'B'")` with the type names of `a` and `b`, the
    /// form of CPython's messages about operand types an operator does not support: one
    /// out-of-line call where `core::fmt` would build its arguments at each site.
    #[inline(never)]
    pub fn type_error_naming_pair(&mut self, before: &[&str], a: Value, b: Value) -> Raised {
        let mut msg = before.concat();
        msg.push('\'');
        msg.push_str(self.class_text(self.type_of(a)));
        msg.push_str("' and '");
        msg.push_str(self.class_text(self.type_of(b)));
        msg.push('\'');
        self.type_error(&msg)
    }

    /// `type(v)`.
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_small() {
            return TypeId::Int.value();
        }
        if v.is_qstr() {
            return TypeId::Str.value();
        }
        if let Some(id) = v.as_static() {
            let t = match v {
                Value::NONE => TypeId::NoneType,
                Value::TRUE | Value::FALSE => TypeId::Bool,
                Value::ELLIPSIS => TypeId::EllipsisType,
                Value::NOT_IMPLEMENTED => TypeId::NotImplementedType,
                _ if TypeId::from_value(v).is_some() => TypeId::Type,
                _ if id >= crate::value::STATIC_NATIVE_BASE => TypeId::Builtin,
                _ => TypeId::Object,
            };
            return t.value();
        }
        let t = match self.kind(v) {
            Some(Kind::Instance) => return self.heap.val(Runtime::blk(v), INST_CLASS),
            Some(Kind::Generator) if self.is_coroutine(v) => TypeId::Coroutine,
            Some(Kind::Iter) => return self.iter_type(v),
            Some(Kind::DictView) => {
                // dict_keys, dict_values, dict_items follow each other, as do their aux 0, 1, 2.
                let t = TypeId::DictKeys as u32 + self.heap.aux(Runtime::blk(v)).min(2);
                return Value::stat(STATIC_TYPE_BASE + t);
            }
            Some(k) => {
                let t = KIND_TYPES
                    .get((k as usize).wrapping_sub(1))
                    .copied()
                    .unwrap_or(0);
                return Value::stat(STATIC_TYPE_BASE + u32::from(t));
            }
            None => TypeId::Object,
        };
        t.value()
    }

    /// `isinstance(v, cls)` for a single class.
    pub fn is_instance(&self, v: Value, cls: Value) -> bool {
        self.is_subclass(self.type_of(v), cls)
    }

    /// The `__name__` qstr key.
    pub fn q(id: u32) -> Value {
        Value::qstr(id)
    }

    /// Class of an instance's `__dict__`-free lookup helper: the class of `v` if a heap class.
    pub fn heap_class_of(&self, v: Value) -> Option<Value> {
        let t = self.type_of(v);
        if self.heap.is_kind(t, Kind::Class) {
            Some(t)
        } else {
            None
        }
    }

    /// Find a special method `name` on the (heap) class of `v`.
    pub fn special(&mut self, v: Value, name: u32) -> Option<Value> {
        let cls = self.heap_class_of(v)?;
        self.class_lookup(cls, Value::qstr(name))
    }
}

/// `__qualname__` key (for class bodies).
pub const Q_QUALNAME: u32 = qstr::Q___QUALNAME__;
