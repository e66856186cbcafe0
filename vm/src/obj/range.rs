//! `range` (`[hdr, start, stop, step]`, small ints) and `slice` helpers.

use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// A new range; bounds must be small ints.
    pub fn new_range(&mut self, start: i64, stop: i64, step: i64) -> PyResult<Value> {
        if step == 0 {
            return Err(self.value_error("range() arg 3 must not be zero"));
        }
        let (Some(a), Some(b), Some(c)) = (
            Value::try_small(start),
            Value::try_small(stop),
            Value::try_small(step),
        ) else {
            return Err(self.raise(
                crate::obj::exception::ExcKind::OverflowError,
                "range too large",
            ));
        };
        self.new_wrapper(Kind::Range, &[a, b, c])
    }

    /// `(start, stop, step)` of a range.
    pub fn range_parts(&self, r: Value) -> (i64, i64, i64) {
        let b = Runtime::blk(r);
        let g = |i| self.heap.val(b, i).as_small().unwrap_or(0) as i64;
        (g(1), g(2), g(3))
    }

    /// `len(range)`.
    pub fn range_len(&self, r: Value) -> usize {
        let (start, stop, step) = self.range_parts(r);
        range_len(start, stop, step)
    }

    /// Resolve a slice object against a sequence of `len`: `(start, stop, step, count)`.
    pub fn slice_indices(&mut self, s: Value, len: usize) -> PyResult<(i64, i64, i64, usize)> {
        let b = Runtime::blk(s);
        let (a, z, st) = (
            self.heap.val(b, 1),
            self.heap.val(b, 2),
            self.heap.val(b, 3),
        );
        let len = len as i64;
        let step = if st == Value::NONE {
            1
        } else {
            self.index_arg(st)?
        };
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let clamp = |rt: &mut Runtime, v: Value, default: i64| -> PyResult<i64> {
            if v == Value::NONE {
                return Ok(default);
            }
            let mut i = rt.index_arg(v)?;
            if i < 0 {
                i += len;
                if i < lo {
                    i = lo;
                }
            } else if i > hi {
                i = hi;
            }
            Ok(i)
        };
        let start = clamp(self, a, if step < 0 { hi } else { lo })?;
        let stop = clamp(self, z, if step < 0 { lo } else { hi })?;
        let count = range_len(start, stop, step);
        Ok((start, stop, step, count))
    }

    /// An int-like index argument (`__index__`-free: ints and bools).
    pub fn index_arg(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = v.as_small() {
            return Ok(i as i64);
        }
        if self.is_int(v) || self.kind(v) == Some(Kind::Instance) {
            return self.int_arg(v);
        }
        Err(self.type_error("slice indices must be integers or None or have an __index__ method"))
    }
}

/// Number of items in `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    if step > 0 && start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else if step < 0 && start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    }
}
