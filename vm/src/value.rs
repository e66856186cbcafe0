//! `Value`: one 32-bit tagged word, the same on every target.
//!
//! Tags (low bits):
//! - `...1`   small int, 31-bit signed, `raw >> 1` (arithmetic)
//! - `..10`   interned name (qstr), id `raw >> 2`
//! - `.000`   heap handle, block index `raw >> 3`
//! - `.100`   static object, id `raw >> 3`: immediates, builtin types and native functions
//!
//! Invariant: a heap handle names the head block of a live object while the value is reachable
//! from a root; statics and small ints never allocate.

/// A Python value: small int, qstr, static object or heap handle.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Value(pub(crate) u32);

/// Smallest small int.
pub const SMALL_MIN: i64 = -(1 << 30);
/// Largest small int.
pub const SMALL_MAX: i64 = (1 << 30) - 1;

/// First static id of builtin types.
pub const STATIC_TYPE_BASE: u32 = 16;
/// First static id of native functions.
pub const STATIC_NATIVE_BASE: u32 = 1024;

impl Value {
    /// The internal "no value" marker (unbound local, empty slot); never reaches Python code.
    pub const NULL: Value = Value::stat(0);
    /// `None`.
    pub const NONE: Value = Value::stat(1);
    /// `False`.
    pub const FALSE: Value = Value::stat(2);
    /// `True`.
    pub const TRUE: Value = Value::stat(3);
    /// `Ellipsis`.
    pub const ELLIPSIS: Value = Value::stat(4);
    /// `NotImplemented`.
    pub const NOT_IMPLEMENTED: Value = Value::stat(5);

    /// A static object with id `id`.
    pub const fn stat(id: u32) -> Value {
        Value((id << 3) | 4)
    }

    /// A small int; the caller guarantees `SMALL_MIN <= i <= SMALL_MAX`.
    #[inline]
    pub const fn small(i: i32) -> Value {
        Value(((i as u32) << 1) | 1)
    }

    /// A small int if `i` fits.
    #[inline(always)]
    pub fn try_small(i: i64) -> Option<Value> {
        // Fits when tagging and untagging give `i` back: a shift and a compare, where a range
        // check of the i64 takes two 64-bit compares on a 32-bit core.
        let v = Value(((i as u32) << 1) | 1);
        if ((v.0 as i32) >> 1) as i64 == i {
            Some(v)
        } else {
            None
        }
    }

    /// A small int if `i` fits (`try_small` for a 32-bit result).
    #[inline(always)]
    pub fn try_small_i32(i: i32) -> Option<Value> {
        let v = Value(((i as u32) << 1) | 1);
        if (v.0 as i32) >> 1 == i {
            Some(v)
        } else {
            None
        }
    }

    /// A bool.
    #[inline]
    pub const fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// An interned name.
    #[inline]
    pub const fn qstr(id: u32) -> Value {
        Value((id << 2) | 2)
    }

    /// A heap handle for block `index`.
    #[inline]
    pub(crate) const fn handle(index: u32) -> Value {
        Value(index << 3)
    }

    /// Is this a small int?
    #[inline]
    pub fn is_small(self) -> bool {
        self.0 & 1 == 1
    }

    /// The small int, if this is one.
    #[inline]
    pub fn as_small(self) -> Option<i32> {
        if self.is_small() {
            Some((self.0 as i32) >> 1)
        } else {
            None
        }
    }

    /// The small int of a word the caller knows holds one (a frame's stored pc or stack
    /// pointer, a code object's counts): one shift, without `as_small`'s tag test and its
    /// fallback. Any other value gives a meaningless number, never undefined behaviour.
    #[inline(always)]
    pub(crate) fn known_small(self) -> i32 {
        (self.0 as i32) >> 1
    }

    /// Is this an interned name?
    #[inline]
    pub fn is_qstr(self) -> bool {
        self.0 & 3 == 2
    }

    /// The qstr id, if this is one.
    #[inline]
    pub fn as_qstr(self) -> Option<u32> {
        if self.is_qstr() {
            Some(self.0 >> 2)
        } else {
            None
        }
    }

    /// Is this a heap handle?
    #[inline]
    pub fn is_heap(self) -> bool {
        self.0 & 7 == 0
    }

    /// The block index, if this is a heap handle.
    #[inline]
    pub fn as_heap(self) -> Option<u32> {
        if self.is_heap() {
            Some(self.0 >> 3)
        } else {
            None
        }
    }

    /// The static id, if this is a static object.
    #[inline]
    pub fn as_static(self) -> Option<u32> {
        if self.0 & 7 == 4 {
            Some(self.0 >> 3)
        } else {
            None
        }
    }

    /// Is this the internal NULL marker?
    #[inline]
    pub fn is_null(self) -> bool {
        self == Value::NULL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_one_word() {
        assert_eq!(core::mem::size_of::<Value>(), 4);
    }

    #[test]
    fn small_ints_round_trip() {
        for i in [0i64, 1, -1, SMALL_MIN, SMALL_MAX, 12345, -98765] {
            assert_eq!(Value::try_small(i).unwrap().as_small(), Some(i as i32));
        }
        assert!(Value::try_small(SMALL_MAX + 1).is_none());
        assert!(Value::try_small(SMALL_MIN - 1).is_none());
    }

    #[test]
    fn tags_are_disjoint() {
        let vals = [
            Value::small(3),
            Value::qstr(3),
            Value::handle(3),
            Value::stat(3),
        ];
        let kinds: alloc::vec::Vec<(bool, bool, bool, bool)> = vals
            .iter()
            .map(|v| {
                (
                    v.is_small(),
                    v.is_qstr(),
                    v.is_heap(),
                    v.as_static().is_some(),
                )
            })
            .collect();
        for (i, k) in kinds.iter().enumerate() {
            let count = [k.0, k.1, k.2, k.3].iter().filter(|b| **b).count();
            assert_eq!(count, 1, "value {i} has exactly one tag");
        }
        assert_eq!(Value::handle(7).as_heap(), Some(7));
        assert_eq!(Value::qstr(9).as_qstr(), Some(9));
    }
}
