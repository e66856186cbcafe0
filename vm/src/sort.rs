//! The VM's one sort: a stable bottom-up merge sort over item indices with a fallible
//! comparison, shared by `list.sort`/`sorted` (whose comparisons run Python and may raise
//! mid-sort) and the VM's own few sorts. `core`'s sorts, instantiated once per element type,
//! cost about 12 KB of code on the chip; this is one non-generic function (made generic over
//! the comparison it took 656 B more and ran `list_work` no faster).
//!
//! Time O(n log n) comparisons, and under 2n for input already in order: from runs of
//! [`CHECKED_RUN`] on, two runs in order are joined after one comparison (which random input
//! pays about n / 8 times over its n log n); memory two index arrays of n.

use crate::runtime::PyResult;
use alloc::vec::Vec;

/// The run length from which merging first checks whether the two runs are already in order.
const CHECKED_RUN: usize = 8;

/// The stable order of `n` items: the indices of the items, smallest first, given `less(a, b)`
/// ("item `a` goes before item `b`"). The first `Err` of `less` stops the sort and is returned.
pub fn stable_order(
    n: usize,
    less: &mut dyn FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<Vec<usize>> {
    let mut idx: Vec<usize> = (0..n).collect();
    let mut tmp: Vec<usize> = alloc::vec![0; n];
    let mut width = 1;
    while width < n {
        // Runs are walked as slices, not indexed: no bounds check (and its panic) per access.
        for (pair, dst) in idx.chunks(2 * width).zip(tmp.chunks_mut(2 * width)) {
            let (left, right) = pair.split_at(width.min(pair.len()));
            let in_order = match (left.last(), right.first()) {
                (Some(&last), Some(&first)) => width >= CHECKED_RUN && !less(first, last)?,
                _ => true,
            };
            if in_order {
                for (slot, &i) in dst.iter_mut().zip(pair) {
                    *slot = i;
                }
            } else {
                merge(left, right, dst, less)?;
            }
        }
        core::mem::swap(&mut idx, &mut tmp);
        width *= 2;
    }
    Ok(idx)
}

/// Merges runs `left` and `right` into `dst`.
fn merge(
    mut left: &[usize],
    mut right: &[usize],
    dst: &mut [usize],
    less: &mut dyn FnMut(usize, usize) -> PyResult<bool>,
) -> PyResult<()> {
    let mut out = dst.iter_mut();
    while let (Some((&a, left_rest)), Some((&b, right_rest))) =
        (left.split_first(), right.split_first())
    {
        let Some(slot) = out.next() else {
            break;
        };
        // Equal items keep their order: the right run's item goes first only when less.
        if less(b, a)? {
            *slot = b;
            right = right_rest;
        } else {
            *slot = a;
            left = left_rest;
        }
    }
    for (slot, &i) in out.zip(left.iter().chain(right)) {
        *slot = i;
    }
    Ok(())
}

/// Sorts strings in place (stably, by their bytes).
pub fn sort_strs<S: AsRef<str>>(items: &mut Vec<S>) {
    let keys: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    let order = str_order(&keys);
    let mut taken: Vec<Option<S>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken.get_mut(i)?.take()));
}

/// The stable order of `keys`.
fn str_order(keys: &[&str]) -> Vec<usize> {
    stable_order(keys.len(), &mut |a, b| Ok(keys.get(a) < keys.get(b))).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::Raised;

    fn order_of(keys: &[i32]) -> Vec<usize> {
        stable_order(keys.len(), &mut |a, b| Ok(keys[a] < keys[b])).unwrap()
    }

    #[test]
    fn sorts_stably_whatever_the_input() {
        assert_eq!(order_of(&[]), [] as [usize; 0]);
        assert_eq!(order_of(&[5]), [0]);
        assert_eq!(order_of(&[2, 1, 2, 1, 0]), [4, 1, 3, 0, 2]);
        let mut seed = 7u32;
        for n in [2, 3, 7, 8, 9, 100, 1000] {
            let keys: Vec<i32> = (0..n)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    (seed >> 16) as i32 % 10
                })
                .collect();
            let mut expected: Vec<usize> = (0..n).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(order_of(&keys), expected, "{keys:?}");
        }
    }

    #[test]
    fn input_in_order_takes_under_2n_comparisons() {
        let keys: Vec<i32> = (0..1024).collect();
        let mut count = 0;
        stable_order(keys.len(), &mut |a, b| {
            count += 1;
            Ok(keys[a] < keys[b])
        })
        .unwrap();
        // 512 for each of the widths 1, 2 and 4, then one per merge.
        assert_eq!(count, 3 * 512 + 127);
    }

    #[test]
    fn an_error_stops_the_sort() {
        let mut count = 0;
        let r = stable_order(100, &mut |a, b| {
            count += 1;
            if count == 10 {
                Err(Raised)
            } else {
                Ok(b < a)
            }
        });
        assert_eq!((r, count), (Err(Raised), 10));
    }

    #[test]
    fn strings_sort_by_bytes() {
        let mut v = alloc::vec!["b", "a", "ab", "", "a"];
        sort_strs(&mut v);
        assert_eq!(v, ["", "a", "a", "ab", "b"]);
    }
}
