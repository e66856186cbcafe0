//! Big-int fast paths on the heap's own limbs: `+`, `-`, comparison, and `*` by a one-limb
//! number, computed straight from the little-endian u32 limbs of the operands. Converting both
//! operands to a `BigInt` and the result back costs more than these linear operations
//! themselves; everything else (long multiplication, division, powers) still goes through
//! `num-bigint`.

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

/// Compare two magnitudes.
pub fn mag_cmp(a: &[u32], b: &[u32]) -> Ordering {
    let a = trim(a);
    let b = trim(b);
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// `a` without its high zero limbs.
fn trim(a: &[u32]) -> &[u32] {
    let n = a.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
    &a[..n]
}

/// `a + b` of magnitudes.
fn mag_add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = Vec::with_capacity(long.len() + 1);
    let mut carry = 0u64;
    for (i, &x) in long.iter().enumerate() {
        let s = x as u64 + short.get(i).copied().unwrap_or(0) as u64 + carry;
        out.push(s as u32);
        carry = s >> 32;
    }
    out.push(carry as u32);
    out
}

/// `a - b` of magnitudes, `a >= b`.
fn mag_sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut borrow = 0i64;
    for (i, &x) in a.iter().enumerate() {
        let d = x as i64 - b.get(i).copied().unwrap_or(0) as i64 - borrow;
        out.push(d as u32);
        borrow = (d < 0) as i64;
    }
    out
}

/// `a * m` of a magnitude and one limb.
fn mag_mul_limb(a: &[u32], m: u32) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + 1);
    let mut carry = 0u64;
    for &x in a {
        let p = x as u64 * m as u64 + carry;
        out.push(p as u32);
        carry = p >> 32;
    }
    out.push(carry as u32);
    out
}

/// Signed `a + b`.
fn signed_add(a: &Limbs, b: &Limbs) -> (bool, Vec<u32>) {
    if a.neg == b.neg {
        return (a.neg, mag_add(a.mag, b.mag));
    }
    match mag_cmp(a.mag, b.mag) {
        Ordering::Less => (b.neg, mag_sub(trim(b.mag), a.mag)),
        _ => (a.neg, mag_sub(trim(a.mag), b.mag)),
    }
}

impl Runtime {
    /// Sign and limbs of an int (`small` holds a small int's or bool's one limb).
    pub fn int_limbs<'a>(&'a self, v: Value, small: &'a mut [u32; 1]) -> Option<Limbs<'a>> {
        if let Some(i) = v.as_small() {
            small[0] = i.unsigned_abs();
            return Some(Limbs {
                neg: i < 0,
                mag: &small[..],
            });
        }
        if v == Value::TRUE || v == Value::FALSE {
            small[0] = (v == Value::TRUE) as u32;
            return Some(Limbs {
                neg: false,
                mag: &small[..],
            });
        }
        if self.kind(v) != Some(Kind::BigInt) {
            return None;
        }
        let b = Runtime::blk(v);
        let n = self.heap.aux(b) as usize;
        let w = crate::heap::Heap::base(b) + 2;
        Some(Limbs {
            neg: self.heap.get(b, 1) == 1,
            mag: self.heap.words.get(w..w + n)?,
        })
    }

    /// `a + b`, `a - b` (`negate_b`) or `a * b` with one operand of one limb, on limbs; `None`
    /// when an operand is not an int or the product needs long multiplication.
    pub fn int_linear_op(
        &mut self,
        a: Value,
        b: Value,
        mul: bool,
        negate_b: bool,
    ) -> Option<PyResult<Value>> {
        let (mut sa, mut sb) = ([0u32; 1], [0u32; 1]);
        let x = self.int_limbs(a, &mut sa)?;
        let mut y = self.int_limbs(b, &mut sb)?;
        y.neg ^= negate_b;
        let (neg, mag) = if mul {
            let (long, short) = if trim(y.mag).len() <= 1 {
                (&x, &y)
            } else if trim(x.mag).len() <= 1 {
                (&y, &x)
            } else {
                return None;
            };
            let m = short.mag.first().copied().unwrap_or(0);
            (x.neg != y.neg, mag_mul_limb(long.mag, m))
        } else {
            signed_add(&x, &y)
        };
        Some(self.int_from_limbs(neg, &mag))
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
        if mag.len() <= 2 {
            let m = mag.first().copied().unwrap_or(0) as u64
                | (mag.get(1).copied().unwrap_or(0) as u64) << 32;
            if m <= 1 << 30 {
                let i = if neg { -(m as i64) } else { m as i64 };
                if let Some(v) = Value::try_small(i) {
                    return Ok(v);
                }
            }
        }
        let n = mag.len();
        let b = self.alloc(Kind::BigInt, n as u32, 2 + n)?;
        self.heap.set(b, 1, neg as u32);
        let w = crate::heap::Heap::base(b) + 2;
        self.heap.words[w..w + n].copy_from_slice(mag);
        Ok(Value::handle(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn magnitudes_add_subtract_and_multiply_with_carries() {
        assert_eq!(mag_add(&[u32::MAX, u32::MAX], &[1]), [0, 0, 1]);
        assert_eq!(mag_sub(&[0, 0, 1], &[1]), [u32::MAX, u32::MAX, 0]);
        assert_eq!(mag_mul_limb(&[u32::MAX, 1], 2), [u32::MAX - 1, 3, 0]);
        assert_eq!(mag_cmp(&[5, 1, 0], &[7, 1]), Ordering::Less);
        assert_eq!(mag_cmp(&[0, 2], &[u32::MAX, 1, 0, 0]), Ordering::Greater);
    }

    #[test]
    fn signs_follow_the_larger_magnitude() {
        let a = Limbs {
            neg: false,
            mag: &[3],
        };
        let b = Limbs {
            neg: true,
            mag: &[5],
        };
        assert_eq!(signed_add(&a, &b), (true, alloc::vec![2]));
        assert_eq!(signed_add(&b, &a), (true, alloc::vec![2]));
    }
}
