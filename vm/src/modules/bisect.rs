//! The `bisect` module: binary search and insertion in a sorted sequence, with CPython's
//! `lo`/`hi`/`key` arguments and its probe order (so `__lt__` sees the same calls).

use super::ModuleDef;
use crate::builtins::{kwarg, split_kw};
use crate::format::message::ToArg;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `bisect`.
    pub static NATIVES;
    BISECT_LEFT = "bisect_left" (2..=4) => bisect_left, module kw;
    BISECT_RIGHT = "bisect_right" (2..=4) => bisect_right, module kw;
    BISECT = "bisect" (2..=4) => bisect_right, module kw;
    INSORT_LEFT = "insort_left" (2..=4) => insort_left, module kw;
    INSORT_RIGHT = "insort_right" (2..=4) => insort_right, module kw;
    INSORT = "insort" (2..=4) => insort_right, module kw;
}

/// The `bisect` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "bisect",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

fn len_of(rt: &mut Runtime, v: Value) -> PyResult<i64> {
    let n = crate::builtins::call_native(rt, crate::builtins::N_LEN, &[v], Value::NULL)?;
    Ok(rt.to_i64(n).unwrap_or(0))
}

/// The insertion point of `x` in `a[lo:hi]`: leftmost (`right` false) or rightmost.
fn search(
    rt: &mut Runtime,
    args: &[Value],
    kwnames: Value,
    right: bool,
    fname: &str,
) -> PyResult<(Value, Value, i64)> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let (Some(&a), Some(&x)) = (pos.first(), pos.get(1)) else {
        return Err(
            rt.type_error_with("{}() missing required argument 'x' (pos 2)", &[fname.arg()])
        );
    };
    let lo_q = rt.intern("lo")?.as_qstr().unwrap_or(0);
    let hi_q = rt.intern("hi")?.as_qstr().unwrap_or(0);
    let mut lo = match pos.get(2).copied().or_else(|| kwarg(rt, &kw, lo_q)) {
        Some(v) => rt.int_arg(v)?,
        None => 0,
    };
    if lo < 0 {
        return Err(rt.value_error(crate::packed!("lo must be non-negative")));
    }
    let mut hi = match pos.get(3).copied().or_else(|| kwarg(rt, &kw, hi_q)) {
        Some(v) if v != Value::NONE => rt.int_arg(v)?,
        _ => len_of(rt, a)?,
    };
    let key = kwarg(rt, &kw, Q_KEY).filter(|k| *k != Value::NONE);
    // In insort, `key` applies to the probed items, while `x` is compared through it too.
    let probe_x = match key {
        Some(k) if fname.starts_with("insort") => rt.call(k, &[x], Value::NULL)?,
        _ => x,
    };
    rt.pin(probe_x);
    let r = (|| {
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let mv = rt.new_int(mid)?;
            let mut item = rt.getitem(a, mv)?;
            if let Some(k) = key {
                rt.pin(item);
                let r = rt.call(k, &[item], Value::NULL);
                rt.unpin(1);
                item = r?;
            }
            rt.pin(item);
            let go_left = if right {
                super::heapq::less(rt, probe_x, item)
            } else {
                super::heapq::less(rt, item, probe_x).map(|b| !b)
            };
            rt.unpin(1);
            if go_left? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        Ok(lo)
    })();
    rt.unpin(1);
    Ok((a, x, r?))
}

/// `bisect_left(a, x, lo=0, hi=len(a), *, key=None)`.
pub fn bisect_left(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (_, _, i) = search(rt, args, kwnames, false, "bisect_left")?;
    rt.new_int(i)
}

/// `bisect_right(a, x, lo=0, hi=len(a), *, key=None)` (also `bisect`).
pub fn bisect_right(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (_, _, i) = search(rt, args, kwnames, true, "bisect_right")?;
    rt.new_int(i)
}

fn insort(rt: &mut Runtime, args: &[Value], kwnames: Value, right: bool) -> PyResult<Value> {
    let fname = if right { "insort_right" } else { "insort_left" };
    let (a, x, i) = search(rt, args, kwnames, right, fname)?;
    let iv = rt.new_int(i)?;
    let ins = rt.intern("insert")?.as_qstr().unwrap_or(0);
    rt.call_method(a, ins, &[iv, x])?;
    Ok(Value::NONE)
}

/// `insort_left(a, x, lo=0, hi=len(a), *, key=None)`.
pub fn insort_left(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    insort(rt, args, kwnames, false)
}

/// `insort_right(a, x, lo=0, hi=len(a), *, key=None)` (also `insort`).
pub fn insort_right(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    insort(rt, args, kwnames, true)
}
