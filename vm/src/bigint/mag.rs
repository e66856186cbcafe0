//! Magnitude arithmetic on little-endian u32 limbs: comparison, addition, subtraction,
//! schoolbook multiplication, long division (Knuth's algorithm D) and shifts. Slices may carry
//! high zero limbs unless a function says otherwise; results returned as vectors are trimmed.
//! Both [`super::BigUint`] and the heap's own fast paths (`obj::limbs`) run on these.

use alloc::vec::Vec;
use core::cmp::Ordering;

/// `a` without its high zero limbs.
pub fn trim(mut a: &[u32]) -> &[u32] {
    while let [rest @ .., 0] = a {
        a = rest;
    }
    a
}

/// Drop the high zero limbs of `a`.
pub fn normalize(a: &mut Vec<u32>) {
    let n = trim(a).len();
    a.truncate(n);
}

/// Compare two magnitudes.
pub fn cmp(a: &[u32], b: &[u32]) -> Ordering {
    let a = trim(a);
    let b = trim(b);
    a.len()
        .cmp(&b.len())
        .then_with(|| a.iter().rev().cmp(b.iter().rev()))
}

/// Number of significant bits of `a` (0 for zero).
pub fn bits(a: &[u32]) -> u64 {
    let a = trim(a);
    match a.last() {
        Some(top) => a.len() as u64 * 32 - u64::from(top.leading_zeros()),
        None => 0,
    }
}

/// `out = long + short` (`long.len() >= short.len()`, `out.len() == long.len() + 1`).
pub fn add_into(long: &[u32], short: &[u32], out: &mut [u32]) {
    let (low, high) = out
        .split_at_mut_checked(short.len().min(out.len()))
        .unwrap_or_default();
    let mut carry = 0u64;
    for ((o, &x), &y) in low.iter_mut().zip(long).zip(short) {
        let s = x as u64 + y as u64 + carry;
        *o = s as u32;
        carry = s >> 32;
    }
    let rest = long.get(short.len()..).unwrap_or(&[]);
    let (mid, top) = high
        .split_at_mut_checked(rest.len().min(high.len()))
        .unwrap_or_default();
    for (o, &x) in mid.iter_mut().zip(rest) {
        let s = x as u64 + carry;
        *o = s as u32;
        carry = s >> 32;
    }
    if let Some(t) = top.first_mut() {
        *t = carry as u32;
    }
}

/// `out = a - b` for magnitudes with `a >= b` (`out.len() == a.len()`).
pub fn sub_into(a: &[u32], b: &[u32], out: &mut [u32]) {
    let (low, high) = out
        .split_at_mut_checked(b.len().min(out.len()))
        .unwrap_or_default();
    let mut borrow = 0u64;
    for ((o, &x), &y) in low.iter_mut().zip(a).zip(b) {
        let (d, b1) = x.overflowing_sub(y);
        let (d, b2) = d.overflowing_sub(borrow as u32);
        *o = d;
        borrow = (b1 | b2) as u64;
    }
    for (o, &x) in high.iter_mut().zip(a.get(b.len()..).unwrap_or(&[])) {
        let (d, b1) = x.overflowing_sub(borrow as u32);
        *o = d;
        borrow = b1 as u64;
    }
}

/// `out = a * m` (`out.len() == a.len() + 1`).
pub fn mul_limb_into(a: &[u32], m: u32, out: &mut [u32]) {
    let mut carry = 0u64;
    for (o, &x) in out.iter_mut().zip(a) {
        let p = x as u64 * m as u64 + carry;
        *o = p as u32;
        carry = p >> 32;
    }
    if let Some(t) = out.get_mut(a.len()) {
        *t = carry as u32;
    }
}

/// `a * m`.
pub fn mul_limb(a: &[u32], m: u32) -> Vec<u32> {
    let mut out = alloc::vec![0; a.len() + 1];
    mul_limb_into(a, m, &mut out);
    normalize(&mut out);
    out
}

/// `a + b`.
pub fn add(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = alloc::vec![0; long.len() + 1];
    add_into(long, short, &mut out);
    normalize(&mut out);
    out
}

/// `a - b` for `a >= b`.
pub fn sub(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = alloc::vec![0; a.len()];
    sub_into(a, b, &mut out);
    normalize(&mut out);
    out
}

/// `a * b`, schoolbook: for the few-hundred-limb numbers scripts meet, Karatsuba's saving does
/// not pay for its code.
pub fn mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = (trim(a), trim(b));
    if a.is_empty() || b.is_empty() {
        return Vec::new();
    }
    let mut out = alloc::vec![0u32; a.len() + b.len()];
    for (i, &x) in a.iter().enumerate() {
        let row = out.get_mut(i..).unwrap_or_default();
        let mut carry = 0u64;
        for (o, &y) in row.iter_mut().zip(b) {
            let p = x as u64 * y as u64 + *o as u64 + carry;
            *o = p as u32;
            carry = p >> 32;
        }
        if let Some(top) = row.get_mut(b.len()) {
            *top = carry as u32;
        }
    }
    normalize(&mut out);
    out
}

/// Long division of magnitudes (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) for `u >= v`, `v`
/// trimmed with at least one limb: the quotient (`u.len() - v.len() + 1` limbs) and the
/// remainder (at most `v.len()` limbs), both maybe with high zero limbs.
pub fn divrem_raw(u: &[u32], v: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let n = v.len();
    let m = u.len();
    let mut q = alloc::vec![0u32; m + 1 - n];
    if let [d] = v {
        // A zero divisor is the callers' to refuse; as `NonZeroU64` the divisions need no
        // zero check (and its panic).
        let Some(d) = core::num::NonZeroU64::new(u64::from(*d)) else {
            return (q, alloc::vec![0]);
        };
        let mut rem = 0u64;
        for (qi, &ui) in q.iter_mut().zip(u).rev() {
            let cur = (rem << 32) | ui as u64;
            *qi = (cur / d) as u32;
            rem = cur % d;
        }
        return (q, alloc::vec![rem as u32]);
    }
    // Normalise so the divisor's top limb has its high bit set; then each estimated quotient
    // limb is at most two too large.
    let s = v.last().map_or(0, |top| top.leading_zeros());
    // `shl`'s result is trimmed: `vn` keeps `v`'s length (its top limb gains no carry), `un`
    // is padded to `m + 1` limbs.
    let vn = shl(v, u64::from(s));
    let mut un = shl(u, u64::from(s));
    un.resize(m + 1, 0);
    // Windows and limbs are taken with slice patterns, not indexing: no bounds-check panics.
    // The single-limb divisor returned above, so `vn` has two limbs or more.
    let [.., v2, v1] = vn[..] else {
        return (q, Vec::new());
    };
    // Normalised, the top limb has its high bit set.
    let Some(v1) = core::num::NonZeroU64::new(u64::from(v1)) else {
        return (q, Vec::new());
    };
    let v2 = u64::from(v2);
    for j in (0..=m - n).rev() {
        // The window `un[j..=j + n]`: `low` is `un[j..j + n]`, `top` is `un[j + n]`.
        let Some((top, low)) = un.get_mut(j..=j + n).and_then(<[u32]>::split_last_mut) else {
            continue;
        };
        let [.., u2, u1] = *low else {
            continue;
        };
        let num = (*top as u64) << 32 | u1 as u64;
        let mut qhat = num / v1;
        let mut rhat = num % v1;
        while qhat >> 32 != 0 || qhat * v2 > (rhat << 32 | u2 as u64) {
            qhat -= 1;
            rhat += v1.get();
            if rhat >> 32 != 0 {
                break;
            }
        }
        // Multiply and subtract `qhat * vn` from the window.
        let mut borrow = 0i64;
        for (w, &vi) in low.iter_mut().zip(&vn) {
            let p = qhat * vi as u64;
            let t = *w as i64 - borrow - (p & 0xffff_ffff) as i64;
            *w = t as u32;
            borrow = (p >> 32) as i64 - (t >> 32);
        }
        let t = *top as i64 - borrow;
        *top = t as u32;
        let mut digit = qhat as u32;
        if t < 0 {
            // `qhat` was one too large: add the divisor back.
            digit = digit.wrapping_sub(1);
            let mut carry = 0u64;
            for (w, &vi) in low.iter_mut().zip(&vn) {
                let s = *w as u64 + vi as u64 + carry;
                *w = s as u32;
                carry = s >> 32;
            }
            *top = top.wrapping_add(carry as u32);
        }
        if let Some(slot) = q.get_mut(j) {
            *slot = digit;
        }
    }
    // The remainder is the window's low limbs shifted back (trimmed by `shr`).
    let r = shr(un.get(..=n).unwrap_or_default(), u64::from(s));
    (q, r)
}

/// `(a / b, a % b)`, trimmed. Callers raise `ZeroDivisionError` before dividing; a zero `b`
/// gives `(0, a)` rather than a panic.
pub fn divrem(a: &[u32], b: &[u32]) -> (Vec<u32>, Vec<u32>) {
    let (a, b) = (trim(a), trim(b));
    if b.is_empty() || cmp(a, b) == Ordering::Less {
        return (Vec::new(), a.to_vec());
    }
    let (mut q, mut r) = divrem_raw(a, b);
    normalize(&mut q);
    normalize(&mut r);
    (q, r)
}

/// `a << n`.
pub fn shl(a: &[u32], n: u64) -> Vec<u32> {
    let a = trim(a);
    if a.is_empty() {
        return Vec::new();
    }
    let (limbs, s) = ((n / 32) as usize, (n % 32) as u32);
    let mut out = alloc::vec![0u32; limbs];
    out.reserve(a.len() + 1);
    let mut carry = 0u32;
    for &x in a {
        out.push(x << s | carry);
        carry = if s == 0 { 0 } else { x >> (32 - s) };
    }
    out.push(carry);
    normalize(&mut out);
    out
}

/// `a >> n`, rounding down.
pub fn shr(a: &[u32], n: u64) -> Vec<u32> {
    let a = trim(a);
    let (limbs, s) = (n / 32, (n % 32) as u32);
    if limbs >= a.len() as u64 {
        return Vec::new();
    }
    let a = &a[limbs as usize..];
    let mut out = Vec::with_capacity(a.len());
    for (i, &lo) in a.iter().enumerate() {
        let hi = a.get(i + 1).copied().unwrap_or(0);
        out.push(((u64::from(hi) << 32 | u64::from(lo)) >> s) as u32);
    }
    normalize(&mut out);
    out
}

/// Bit `i` of `a`.
pub fn bit(a: &[u32], i: u64) -> bool {
    usize::try_from(i / 32)
        .ok()
        .and_then(|at| a.get(at))
        .is_some_and(|l| l >> (i % 32) & 1 == 1)
}

/// Index of the lowest set bit of `a`, `None` for zero.
pub fn trailing_zeros(a: &[u32]) -> Option<u64> {
    let i = a.iter().position(|&l| l != 0)?;
    Some(i as u64 * 32 + u64::from(a[i].trailing_zeros()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limbs(seed: &mut u64, n: usize) -> Vec<u32> {
        (0..n)
            .map(|_| {
                *seed ^= *seed << 13;
                *seed ^= *seed >> 7;
                *seed ^= *seed << 17;
                // Rich in edge values, to hit carries, the estimate's correction and the
                // add-back step.
                match *seed % 6 {
                    0 => 0,
                    1 => u32::MAX,
                    2 => 0x8000_0000,
                    3 => 1,
                    _ => (*seed >> 16) as u32,
                }
            })
            .collect()
    }

    #[test]
    fn division_inverts_multiplication() {
        let mut seed = 0x1234_5678_9abc_def1;
        for _ in 0..5000 {
            let (na, nb) = (1 + (seed % 7) as usize, 1 + (seed >> 8) as usize % 5);
            let a = limbs(&mut seed, na);
            let b = limbs(&mut seed, nb);
            if trim(&b).is_empty() {
                continue;
            }
            let (q, r) = divrem(&a, &b);
            assert_eq!(cmp(&r, &b), Ordering::Less, "{a:?} % {b:?}");
            assert_eq!(add(&mul(&q, &b), &r), trim(&a).to_vec(), "{a:?} / {b:?}");
            assert_eq!(sub(&add(&a, &b), &b), trim(&a).to_vec());
        }
    }

    #[test]
    fn shifts_and_bits() {
        let a = [0x8000_0001u32, 0xffff_ffff];
        assert_eq!(bits(&a), 64);
        assert_eq!(shl(&a, 1), [2, 0xffff_ffff, 1]);
        assert_eq!(shl(&a, 33), [0, 2, 0xffff_ffff, 1]);
        assert_eq!(shr(&a, 1), [0xc000_0000, 0x7fff_ffff]);
        assert_eq!(shr(&a, 36), [0x0fff_ffff]);
        assert_eq!(shr(&a, 64), Vec::<u32>::new());
        assert_eq!(shr(&shl(&a, 77), 77), a);
        assert!(bit(&a, 31) && bit(&a, 0) && !bit(&a, 1) && !bit(&a, 64));
        assert_eq!(trailing_zeros(&[0, 8]), Some(35));
        assert_eq!(trailing_zeros(&[0, 0]), None);
        assert_eq!(divrem(&[5], &[0]), (Vec::new(), alloc::vec![5]));
    }
}
