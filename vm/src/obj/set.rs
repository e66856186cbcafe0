//! `set`/`frozenset` operations over the shared hash table, and dict bulk updates.

use crate::format::message::ToArg;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// A set (or frozenset) of `items`.
    pub fn new_set_from(&mut self, items: &[Value], kind: Kind) -> PyResult<Value> {
        let start = self.pins.len();
        self.pins.extend_from_slice(items);
        let r = self.new_dict_kind(kind, items.len()).and_then(|s| {
            self.pin(s);
            for v in items {
                self.dict_set(s, *v, Value::NONE)?;
            }
            Ok(s)
        });
        self.pins.truncate(start);
        r
    }

    /// `s.add(v)`.
    pub fn set_add(&mut self, s: Value, v: Value) -> PyResult<()> {
        self.dict_set(s, v, Value::NONE)
    }

    /// `s.update(iterable)`.
    pub fn set_update(&mut self, s: Value, iterable: Value) -> PyResult<()> {
        let start = self.pins.len();
        self.pin(s);
        let r = if self.is_set(iterable) || self.is_dict(iterable) {
            let keys: alloc::vec::Vec<Value> =
                self.dict_items(iterable).into_iter().map(|e| e.0).collect();
            self.pin(iterable);
            keys.into_iter()
                .try_for_each(|k| self.dict_set(s, k, Value::NONE))
        } else {
            self.collect_pinned(iterable).and_then(|items| {
                items
                    .into_iter()
                    .try_for_each(|k| self.dict_set(s, k, Value::NONE))
            })
        };
        self.pins.truncate(start);
        r
    }

    /// Is every element of `a` in `b`?
    pub fn set_is_subset(&mut self, a: Value, b: Value) -> PyResult<bool> {
        for (k, _) in self.dict_items(a) {
            if self.dict_get(b, k)?.is_none() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `a - b`, `a & b`, `a | b`, `a ^ b` (BINARY_OP numbers 1, 9, 10, 11).
    pub fn set_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        let kind = self.kind(a).unwrap_or(Kind::Set);
        let out = self.new_dict_kind(kind, 0)?;
        self.pins.extend_from_slice(&[out, a, b]);
        let r = (|| {
            // An intersection keeps the elements of the smaller operand (the right one on a
            // tie), as CPython walks the smaller and probes the larger: `{True, 2} & {1, 2}`
            // holds `1`.
            let (walk, probe) = if op == 9 && self.dict_len(b) <= self.dict_len(a) {
                (b, a)
            } else {
                (a, b)
            };
            for (k, _) in self.dict_items(walk) {
                let found = self.dict_get(probe, k)?.is_some();
                if op == 10 || found == (op == 9) {
                    self.dict_set(out, k, Value::NONE)?;
                }
            }
            if op == 10 || op == 11 {
                for (k, _) in self.dict_items(b) {
                    if self.dict_get(a, k)?.is_none() {
                        self.dict_set(out, k, Value::NONE)?;
                    }
                }
            }
            Ok(out)
        })();
        self.unpin(3);
        r
    }

    /// `d.update(m)`: a dict, or an iterable of pairs. With `merge`, a duplicate key is a
    /// `TypeError` (`f(**m)`).
    pub fn dict_update(&mut self, d: Value, m: Value, merge: bool) -> PyResult<()> {
        let start = self.pins.len();
        self.pins.extend_from_slice(&[d, m]);
        let r = (|| {
            if self.is_dict(m) {
                for (k, v) in self.dict_items(m) {
                    if merge && self.dict_get(d, k)?.is_some() {
                        return Err(self.type_error_with(
                            "got multiple values for keyword argument '{}'",
                            &[self.display_name(k).arg()],
                        ));
                    }
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
            if self.kind(m) == Some(Kind::Instance) {
                let keys = self.call_method(m, crate::qstr::Q_KEYS, &[])?;
                let keys = self.list_from_iter(keys)?;
                self.pin(keys);
                for k in self.seq_items_or_empty(keys) {
                    let v = self.getitem(m, k)?;
                    self.dict_set(d, k, v)?;
                }
                return Ok(());
            }
            let items = self.collect_pinned(m)?;
            for it in items {
                // `unpack` checked there are two.
                if let [k, v] = self.unpack(it, 2, None)?[..] {
                    self.dict_set(d, k, v)?;
                }
            }
            Ok(())
        })();
        self.pins.truncate(start);
        r
    }
}
