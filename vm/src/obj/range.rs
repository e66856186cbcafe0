//! `range` (`[hdr, start, stop, step]`, ints of any size; small ints on the fast paths) and
//! `slice` helpers.

use crate::bigint::BigInt;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{RANGE_START, RANGE_STEP, RANGE_STOP};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// A new range; bounds must be small ints.
    pub fn new_range(&mut self, start: i64, stop: i64, step: i64) -> PyResult<Value> {
        if step == 0 {
            return Err(self.value_error(crate::packed!("range() arg 3 must not be zero")));
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
        let parts = self.slice_parts(s)?;
        Ok(slice_adjust(parts, len))
    }

    /// A slice object's bounds as ints (None for an omitted one) and its step, checked
    /// non-zero: the part of `slice_indices` that may run `__index__`, so that a container
    /// can read its length after it, as CPython does.
    pub(crate) fn slice_parts(&mut self, s: Value) -> PyResult<SliceParts> {
        let b = Runtime::blk(s);
        let (a, z, st) = (
            self.heap.val(b, RANGE_START),
            self.heap.val(b, RANGE_STOP),
            self.heap.val(b, RANGE_STEP),
        );
        let step = if st == Value::NONE {
            1
        } else {
            self.slice_bound(st)?
        };
        if step == 0 {
            return Err(self.value_error(crate::packed!("slice step cannot be zero")));
        }
        let start = if a == Value::NONE {
            None
        } else {
            Some(self.slice_bound(a)?)
        };
        let stop = if z == Value::NONE {
            None
        } else {
            Some(self.slice_bound(z)?)
        };
        Ok((start, stop, step))
    }

    /// A slice bound or step as i64, clamped to ±2**62 as CPython clamps to its ssize_t: a
    /// bound past every length acts as that length, and a step past it takes one item.
    pub(crate) fn slice_bound(&mut self, v: Value) -> PyResult<i64> {
        const LIMIT: i64 = 1 << 62;
        if let Some(i) = v.as_small() {
            return Ok(i as i64);
        }
        let v = match self.base_value(v) {
            Some(b) if self.is_int(b) && self.kind(v) == Some(Kind::Instance) => b,
            _ => v,
        };
        if self.kind(v) == Some(Kind::BigInt) {
            return Ok(match self.to_i64(v) {
                Some(i) => i.clamp(-LIMIT, LIMIT),
                None if self.int_cmp(v, Value::small(0)).is_lt() => -LIMIT,
                None => LIMIT,
            });
        }
        Ok(self.index_arg(v)?.clamp(-LIMIT, LIMIT))
    }

    /// `r[s]` for a range `r` and a slice `s`: a range of the selected items, with bounds of
    /// any size (CPython's `compute_slice`: start and stop are mapped through, not recounted).
    pub fn range_slice(&mut self, r: Value, s: Value) -> PyResult<Value> {
        let len = self.range_len_big(r);
        let (i, j, k) = self.slice_indices_big(s, &len)?;
        let (start, _, step) = self.range_big(r);
        let (a, b, c) = (&start + i * &step, &start + j * &step, step * k);
        let a = self.new_bigint(&a)?;
        self.pin(a);
        let b = self.new_bigint(&b);
        let b = b.and_then(|b| {
            self.pin(b);
            let c = self.new_bigint(&c);
            self.unpin(1);
            c.map(|c| (b, c))
        });
        self.unpin(1);
        let (b, c) = b?;
        self.new_range_values(a, b, c)
    }

    /// Resolve slice `s` against a length of any size, exactly (`slice.indices` in big ints).
    fn slice_indices_big(&mut self, s: Value, len: &BigInt) -> PyResult<(BigInt, BigInt, BigInt)> {
        let blk = Runtime::blk(s);
        let part = |rt: &mut Runtime, i: usize| -> PyResult<Option<BigInt>> {
            let v = rt.heap.val(blk, i);
            if v == Value::NONE {
                return Ok(None);
            }
            let v = match rt.base_value(v) {
                Some(b) if rt.is_int(b) => b,
                _ => v,
            };
            if let Some(n) = rt.to_bigint(v) {
                return Ok(Some(n));
            }
            let i = rt.index_arg(v)?;
            Ok(Some(BigInt::from(i)))
        };
        let step = part(self, 3)?.unwrap_or_else(|| BigInt::from(1));
        if step.is_zero() {
            return Err(self.value_error(crate::packed!("slice step cannot be zero")));
        }
        let (lo, hi) = if step.is_negative() {
            (-BigInt::from(1), len - BigInt::from(1))
        } else {
            (BigInt::from(0), len.clone())
        };
        let clamp = |i: BigInt| {
            if i.is_negative() {
                let j = i + len;
                if j < lo {
                    lo.clone()
                } else {
                    j
                }
            } else if i > hi {
                hi.clone()
            } else {
                i
            }
        };
        let (d0, d1) = if step.is_negative() {
            (hi.clone(), lo.clone())
        } else {
            (lo.clone(), hi.clone())
        };
        let start = part(self, 1)?.map_or(d0, clamp);
        let stop = part(self, 2)?.map_or(d1, clamp);
        Ok((start, stop, step))
    }

    /// An int-like index argument (`__index__`-free: ints and bools).
    pub fn index_arg(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = v.as_small() {
            return Ok(i as i64);
        }
        if self.is_int(v) || self.kind(v) == Some(Kind::Instance) {
            return self.int_arg(v);
        }
        Err(self.type_error(crate::packed!(
            "slice indices must be integers or None or have an __index__ method"
        )))
    }
}

/// A slice's `(start, stop, step)` before they meet a length (`Runtime::slice_parts`).
pub(crate) type SliceParts = (Option<i64>, Option<i64>, i64);

/// `(start, stop, step, count)` of slice `parts` against a sequence of `len` (CPython's
/// `PySlice_AdjustIndices`).
pub(crate) fn slice_adjust((start, stop, step): SliceParts, len: usize) -> (i64, i64, i64, usize) {
    let len = len as i64;
    let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: Option<i64>, default: i64| match v {
        None => default,
        Some(i) if i < 0 => (i + len).max(lo),
        Some(i) => i.min(hi),
    };
    let start = clamp(start, if step < 0 { hi } else { lo });
    let stop = clamp(stop, if step < 0 { lo } else { hi });
    (start, stop, step, range_len(start, stop, step))
}

/// Number of items in `range(start, stop, step)`.
pub fn range_len(start: i64, stop: i64, step: i64) -> usize {
    // Unit steps (most slices) without the 64-bit division, a library call on 32-bit cores.
    // A subtraction, not a multiplication by the step: a 64-bit overflow-checked multiply is
    // about 90 bytes on a 32-bit core. Callers' bounds are small ints or clamped to a length.
    if step == 1 {
        return (stop - start).max(0) as usize;
    }
    if step == -1 {
        return (start - stop).max(0) as usize;
    }
    if step > 0 && start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else if step < 0 && start > stop {
        ((start - stop - 1) / (-step) + 1) as usize
    } else {
        0
    }
}

/// Big-int views of ranges: a range may hold bounds beyond the small-int range (CPython allows
/// any int); these helpers compute with them exactly.
impl Runtime {
    /// A new range from int values of any size (`ValueError` for a zero step).
    pub fn new_range_values(&mut self, start: Value, stop: Value, step: Value) -> PyResult<Value> {
        if let (Some(a), Some(b), Some(c)) = (start.as_small(), stop.as_small(), step.as_small()) {
            return self.new_range(a.into(), b.into(), c.into());
        }
        if self.to_bigint(step).is_some_and(|s| s.is_zero()) {
            return Err(self.value_error(crate::packed!("range() arg 3 must not be zero")));
        }
        self.new_wrapper(Kind::Range, &[start, stop, step])
    }

    /// Are all three bounds of range `r` small ints (so [`Runtime::range_parts`] is exact)?
    pub fn range_is_small(&self, r: Value) -> bool {
        let b = Runtime::blk(r);
        self.heap.val(b, 1).is_small()
            && self.heap.val(b, 2).is_small()
            && self.heap.val(b, 3).is_small()
    }

    /// `(start, stop, step)` of a range as big ints.
    pub fn range_big(&self, r: Value) -> (BigInt, BigInt, BigInt) {
        let b = Runtime::blk(r);
        let g = |i| self.to_bigint_or_zero(self.heap.val(b, i));
        (g(1), g(2), g(3))
    }

    /// `len(range)` as a big int.
    pub fn range_len_big(&self, r: Value) -> BigInt {
        let (start, stop, step) = self.range_big(r);
        big_range_len(&start, &stop, &step)
    }

    /// `len(range)` as `len()` returns it: `OverflowError` past the largest index.
    pub fn range_len_checked(&mut self, r: Value) -> PyResult<usize> {
        if self.range_is_small(r) {
            return Ok(self.range_len(r));
        }
        match self
            .range_len_big(r)
            .to_i64()
            .and_then(|n| i32::try_from(n).ok())
        {
            Some(n) => Ok(n as usize),
            None => Err(self.raise(
                ExcKind::OverflowError,
                crate::packed!("Python int too large to convert to C ssize_t"),
            )),
        }
    }

    /// `r[k]` for an int index `k` of any size.
    pub fn range_item_big(&mut self, r: Value, k: Value) -> PyResult<Value> {
        let Some(mut i) = self.to_bigint(k) else {
            return Err(self.type_error_naming(
                "range indices must be integers or slices, not ",
                k,
                "",
            ));
        };
        let (start, _, step) = self.range_big(r);
        let len = self.range_len_big(r);
        if i.is_negative() {
            i = i + &len;
        }
        if i.is_negative() || i >= len {
            return Err(self.raise(
                ExcKind::IndexError,
                crate::packed!("range object index out of range"),
            ));
        }
        let v = start + i * step;
        self.new_bigint(&v)
    }

    /// The position of `x` in range `r`, if `x` is an int (or integral float) it holds.
    pub fn range_position(&mut self, r: Value, x: Value) -> Option<BigInt> {
        let x = match self.float_val(x) {
            Some(f) if f.is_finite() && f == crate::format::FloatMath::floor(f) => {
                BigInt::from_float(f)?
            }
            Some(_) => return None,
            None => self.to_bigint(x)?,
        };
        let (start, stop, step) = self.range_big(r);
        let inside = if step.is_positive() {
            x >= start && x < stop
        } else {
            x <= start && x > stop
        };
        if !inside {
            return None;
        }
        let off = x - start;
        if (&off % &step).is_zero() {
            Some(off / step)
        } else {
            None
        }
    }

    /// `a == b` for ranges: equal as sequences (same length, and same items).
    pub fn range_eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let len = self.range_len_big(a);
        if len != self.range_len_big(b) {
            return Ok(false);
        }
        // The bounds compared where they lie (ints of any size), no BigInt made of them.
        let (x, y) = (Runtime::blk(a), Runtime::blk(b));
        let same = |i| {
            self.int_cmp(self.heap.val(x, i), self.heap.val(y, i))
                .is_eq()
        };
        Ok(len.is_zero() || same(RANGE_START) && (len.to_i64() == Some(1) || same(RANGE_STEP)))
    }
}

/// Number of items in `range(start, stop, step)` for big bounds.
pub fn big_range_len(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    let one = BigInt::from(1);
    if step.is_positive() && start < stop {
        (stop - start - &one) / step + one
    } else if step.is_negative() && start > stop {
        (start - stop - &one) / (-step) + one
    } else {
        BigInt::from(0)
    }
}
