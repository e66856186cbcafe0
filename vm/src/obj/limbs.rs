//! Big-int fast paths on the heap's own limbs: `+`, `-`, comparison, `*` by a one-limb number,
//! and `//` / `%` (long division), computed straight from the little-endian u32 limbs of the
//! operands. Converting both operands to a `BigInt` and the result back costs more than these
//! operations themselves; long multiplication, powers, shifts and bitwise operations go through
//! [`crate::bigint::BigInt`]. The limb arithmetic itself is `bigint::mag`'s.
//!
//! `+`, `-` and `*` write their result straight into the new int's heap object: the object is
//! allocated at the largest size the result can have, filled, then trimmed to the result's
//! real length (its spare blocks go back to the heap).

use crate::bigint::mag::{
    add_into, cmp as mag_cmp, divrem_raw as mag_divrem, mul_limb_into, sub_into, trim,
};
use crate::heap::Heap;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// An int operand as sign and magnitude limbs (little-endian, maybe with high zero limbs).
pub struct Limbs<'a> {
    /// Negative?
    pub neg: bool,
    /// The magnitude.
    pub mag: &'a [u32],
}

/// Where an int operand's magnitude lives, found without borrowing the heap, so the result can
/// be allocated before the operands are read.
#[derive(Clone, Copy)]
struct Operand {
    neg: bool,
    mag: Mag,
}

/// A magnitude: a range of heap words (high zero limbs trimmed), or one limb held here.
#[derive(Clone, Copy)]
enum Mag {
    Heap { start: usize, len: usize },
    Limb([u32; 1]),
}

impl Mag {
    /// Number of limbs (a zero limb counts as none).
    fn len(&self) -> usize {
        match self {
            Mag::Heap { len, .. } => *len,
            Mag::Limb([l]) => (*l != 0) as usize,
        }
    }
}

/// The heap words split around a destination range: the destination (mutable) and read access
/// to every word outside it.
struct Split<'a> {
    before: &'a [u32],
    after: &'a [u32],
    after_start: usize,
}

impl<'a> Split<'a> {
    /// Split `words` around `dst`, which must lie inside it.
    fn new(
        words: &'a mut [u32],
        dst: core::ops::Range<usize>,
    ) -> Option<(&'a mut [u32], Split<'a>)> {
        let (before, rest) = words.split_at_mut_checked(dst.start)?;
        let (out, after) = rest.split_at_mut_checked(dst.end.checked_sub(dst.start)?)?;
        Some((
            out,
            Split {
                before,
                after,
                after_start: dst.end,
            },
        ))
    }

    /// The limbs of `mag`; a heap magnitude never overlaps the destination (it is a fresh
    /// object), so it lies wholly before or after it.
    fn view<'b>(&'b self, mag: &'b Mag) -> &'b [u32] {
        match mag {
            Mag::Limb(l) => trim(l),
            Mag::Heap { start, len } => {
                if let Some(mag) = self.before.get(*start..start + len) {
                    mag
                } else {
                    start
                        .checked_sub(self.after_start)
                        .and_then(|s| self.after.get(s..s + len))
                        .unwrap_or(&[])
                }
            }
        }
    }
}

/// The small int with sign `neg` and magnitude `mag` (trimmed), if it is one.
fn small_of(neg: bool, mag: &[u32]) -> Option<Value> {
    if mag.len() > 2 {
        return None;
    }
    let m =
        mag.first().copied().unwrap_or(0) as u64 | (mag.get(1).copied().unwrap_or(0) as u64) << 32;
    if m > 1 << 30 {
        return None;
    }
    Value::try_small(if neg { -(m as i64) } else { m as i64 })
}

/// What a linear operation computes, once signs are known.
enum Linear {
    /// `|x| + |y|`.
    Add,
    /// `|x| - |y|` with `|x| >= |y|`.
    Sub,
    /// `|y| - |x|` with `|y| > |x|`.
    SubRev,
    /// `|x| * y`, `y` one limb.
    MulLimb(u32),
    /// `|y| * x`, `x` one limb.
    MulLimbRev(u32),
}

/// `a += 1` on a magnitude with a spare high limb.
fn increment(a: &mut Vec<u32>) {
    for l in a.iter_mut() {
        let (s, c) = l.overflowing_add(1);
        *l = s;
        if !c {
            return;
        }
    }
    a.push(1);
}

impl Runtime {
    /// Sign and limbs of an int (`small` holds a small int's or bool's one limb).
    pub fn int_limbs<'a>(&'a self, v: Value, small: &'a mut [u32; 1]) -> Option<Limbs<'a>> {
        let op = self.operand(v)?;
        let mag = match op.mag {
            Mag::Limb(l) => {
                *small = l;
                &small[..]
            }
            Mag::Heap { start, len } => self.heap.words.get(start..start + len)?,
        };
        Some(Limbs { neg: op.neg, mag })
    }

    /// The limbs of a magnitude found by `operand` (trimmed).
    fn view<'a>(&'a self, m: &'a Mag) -> &'a [u32] {
        match m {
            Mag::Limb(l) => trim(l),
            Mag::Heap { start, len } => self.heap.words.get(*start..start + len).unwrap_or(&[]),
        }
    }

    /// Where the magnitude of int `v` lives; `None` if `v` is not an int.
    fn operand(&self, v: Value) -> Option<Operand> {
        if let Some(i) = v.as_small() {
            return Some(Operand {
                neg: i < 0,
                mag: Mag::Limb([i.unsigned_abs()]),
            });
        }
        if v == Value::TRUE || v == Value::FALSE {
            return Some(Operand {
                neg: false,
                mag: Mag::Limb([(v == Value::TRUE) as u32]),
            });
        }
        if self.kind(v) != Some(Kind::BigInt) {
            return None;
        }
        let b = Runtime::blk(v);
        let n = self.heap.aux(b) as usize;
        let start = Heap::base(b) + 2;
        let len = trim(self.heap.words.get(start..start + n)?).len();
        Some(Operand {
            neg: self.heap.get(b, 1) == 1,
            mag: Mag::Heap { start, len },
        })
    }

    /// `a + b`, `a - b` (`negate_b`) or `a * b` with one operand of one limb, on limbs; `None`
    /// when an operand is not an int or the product needs long multiplication.
    ///
    /// The caller keeps `a` and `b` reachable (they are read after the result is allocated).
    pub fn int_linear_op(
        &mut self,
        a: Value,
        b: Value,
        mul: bool,
        negate_b: bool,
    ) -> Option<PyResult<Value>> {
        let x = self.operand(a)?;
        let mut y = self.operand(b)?;
        y.neg ^= negate_b;
        let (lx, ly) = (x.mag.len(), y.mag.len());
        let (plan, neg, cap) = if mul {
            let neg = x.neg != y.neg;
            match (x.mag, y.mag) {
                (_, Mag::Limb([m])) => (Linear::MulLimb(m), neg, lx + 1),
                (Mag::Limb([m]), _) => (Linear::MulLimbRev(m), neg, ly + 1),
                _ => return None,
            }
        } else if x.neg == y.neg {
            (Linear::Add, x.neg, lx.max(ly) + 1)
        } else {
            let order = mag_cmp(self.view(&x.mag), self.view(&y.mag));
            match order {
                Ordering::Less => (Linear::SubRev, y.neg, ly),
                _ => (Linear::Sub, x.neg, lx),
            }
        };
        if cap <= 2 {
            // The result may be a small int: compute it on the stack.
            let mut buf = [0u32; 3];
            linear_into(&plan, self.view(&x.mag), self.view(&y.mag), &mut buf);
            return Some(self.int_from_limbs(neg, &buf));
        }
        Some(self.linear_to_heap(a, b, &x, &y, &plan, neg, cap))
    }

    /// Run `plan` straight into a new int object of `cap` limbs, then trim it.
    #[allow(clippy::too_many_arguments)]
    fn linear_to_heap(
        &mut self,
        a: Value,
        b: Value,
        x: &Operand,
        y: &Operand,
        plan: &Linear,
        neg: bool,
        cap: usize,
    ) -> PyResult<Value> {
        self.pin(a);
        self.pin(b);
        let blk = self.alloc(Kind::BigInt, cap as u32, 2 + cap);
        self.unpin(2);
        let blk = blk?;
        let start = Heap::base(blk) + 2;
        let len = match Split::new(&mut self.heap.words, start..start + cap) {
            Some((out, rest)) => {
                linear_into(plan, rest.view(&x.mag), rest.view(&y.mag), out);
                trim(out).len()
            }
            None => 0,
        };
        self.finish_bigint(blk, neg, len)
    }

    /// Give a freshly filled int object its sign and real length `len`: a small int (the object
    /// freed) when it fits, else the object trimmed to `len` limbs.
    fn finish_bigint(&mut self, blk: u32, neg: bool, len: usize) -> PyResult<Value> {
        let w = Heap::base(blk) + 2;
        if let Some(v) = self
            .heap
            .words
            .get(w..w + len)
            .and_then(|m| small_of(neg, m))
        {
            self.heap.free(blk);
            return Ok(v);
        }
        self.heap.set(blk, 1, neg as u32);
        self.heap.set_aux(blk, len as u32);
        self.heap.shrink(blk, 2 + len);
        Ok(Value::handle(blk))
    }

    /// `a // b` (`floor`) or `a % b` of two ints by long division on limbs; `None` when an
    /// operand is not an int. Division by zero is left to the caller.
    pub fn int_divmod_limbs(&mut self, a: Value, b: Value, floor: bool) -> Option<PyResult<Value>> {
        let (mut sa, mut sb) = ([0u32; 1], [0u32; 1]);
        let x = self.int_limbs(a, &mut sa)?;
        let y = self.int_limbs(b, &mut sb)?;
        let (u, v) = (trim(x.mag), trim(y.mag));
        if v.is_empty() {
            return None;
        }
        let (xneg, yneg) = (x.neg && !u.is_empty(), y.neg);
        let (mut q, r) = if mag_cmp(u, v) == Ordering::Less {
            (Vec::new(), u.to_vec())
        } else {
            mag_divrem(u, v)
        };
        let inexact = !trim(&r).is_empty();
        // Floor semantics: a negative, inexact quotient rounds down, and the remainder takes
        // the divisor's sign.
        Some(if floor {
            if xneg != yneg && inexact {
                increment(&mut q);
            }
            self.int_from_limbs(xneg != yneg, &q)
        } else if xneg != yneg && inexact {
            let mut m = alloc::vec![0u32; v.len()];
            sub_into(v, trim(&r), &mut m);
            self.int_from_limbs(yneg, &m)
        } else {
            self.int_from_limbs(yneg, &r)
        })
    }

    /// Order of two ints given as limbs; `None` if either is not an int.
    pub fn int_cmp_limbs(&self, a: Value, b: Value) -> Option<Ordering> {
        let (mut sa, mut sb) = ([0u32; 1], [0u32; 1]);
        let x = self.int_limbs(a, &mut sa)?;
        let y = self.int_limbs(b, &mut sb)?;
        let x_zero = trim(x.mag).is_empty();
        let y_zero = trim(y.mag).is_empty();
        let x_neg = x.neg && !x_zero;
        let y_neg = y.neg && !y_zero;
        Some(match (x_neg, y_neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => mag_cmp(x.mag, y.mag),
            (true, true) => mag_cmp(y.mag, x.mag),
        })
    }

    /// The int with sign `neg` and magnitude `mag` (a small int when it fits).
    pub fn int_from_limbs(&mut self, neg: bool, mag: &[u32]) -> PyResult<Value> {
        let mag = trim(mag);
        if let Some(v) = small_of(neg, mag) {
            return Ok(v);
        }
        let n = mag.len();
        let b = self.alloc(Kind::BigInt, n as u32, 2 + n)?;
        self.heap.set(b, 1, neg as u32);
        let w = Heap::base(b) + 2;
        if let Some(limbs) = self.heap.words.get_mut(w..w + n) {
            limbs.copy_from_slice(mag);
        }
        Ok(Value::handle(b))
    }
}

/// Run a linear plan on the trimmed magnitudes `x` and `y` into `out`, which is exactly as
/// long as the plan's result can be (see `int_linear_op`), or longer and zeroed: the `_into`
/// functions write the limbs the result has and leave any beyond them alone.
fn linear_into(plan: &Linear, x: &[u32], y: &[u32], out: &mut [u32]) {
    match plan {
        Linear::Add if x.len() >= y.len() => add_into(x, y, out),
        Linear::Add => add_into(y, x, out),
        Linear::Sub => sub_into(x, y, out),
        Linear::SubRev => sub_into(y, x, out),
        Linear::MulLimb(m) => mul_limb_into(x, *m, out),
        Linear::MulLimbRev(m) => mul_limb_into(y, *m, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn add(a: &[u32], b: &[u32]) -> Vec<u32> {
        let mut out = vec![0; a.len().max(b.len()) + 1];
        linear_into(&Linear::Add, a, b, &mut out);
        out
    }

    #[test]
    fn magnitudes_add_subtract_and_multiply_with_carries() {
        assert_eq!(add(&[u32::MAX, u32::MAX], &[1]), [0, 0, 1]);
        assert_eq!(add(&[1], &[u32::MAX, u32::MAX]), [0, 0, 1]);
        let mut d = vec![0; 3];
        linear_into(&Linear::Sub, &[0, 0, 1], &[1], &mut d);
        assert_eq!(d, [u32::MAX, u32::MAX, 0]);
        let mut p = vec![0; 3];
        linear_into(&Linear::MulLimb(2), &[u32::MAX, 1], &[], &mut p);
        assert_eq!(p, [u32::MAX - 1, 3, 0]);
        assert_eq!(mag_cmp(&[5, 1, 0], &[7, 1]), Ordering::Less);
        assert_eq!(mag_cmp(&[0, 2], &[u32::MAX, 1, 0, 0]), Ordering::Greater);
    }
}
