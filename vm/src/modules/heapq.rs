//! The `heapq` module (also `uheapq`): CPython's binary min-heap over a list, with the same
//! sift order (so heaps print the same), comparing items with Python's `<`. A comparison may
//! run Python code that changes the list: every access is bounds-checked and a list that
//! shrank is a RuntimeError, as in CPython.

use super::ModuleDef;
use crate::builtins::arg;
use crate::builtins::N_SORTED;
use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `heapq`.
    pub static NATIVES;
    HEAPPUSH = "heappush" (2) => heappush, module;
    HEAPPOP = "heappop" (1) => heappop, module;
    HEAPIFY = "heapify" (1) => heapify, module;
    HEAPREPLACE = "heapreplace" (2) => heapreplace, module;
    HEAPPUSHPOP = "heappushpop" (2) => heappushpop, module;
    NSMALLEST = "nsmallest" (2..=3) => nsmallest, module kw;
    NLARGEST = "nlargest" (2..=3) => nlargest, module kw;
}

/// The `heapq` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "heapq",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

/// `a < b` by Python's rules.
pub fn less(rt: &mut Runtime, a: Value, b: Value) -> PyResult<bool> {
    let r = rt.compare(0, a, b)?;
    rt.truthy(r)
}

fn heap_arg(rt: &mut Runtime, args: &[Value], fname: &str) -> PyResult<Value> {
    if rt.kind(arg(args, 0)) != Some(Kind::List) {
        return Err(rt.type_error_with(
            "{}() argument 1 must be list, not {}",
            &[fname.arg(), (rt.type_name(arg(args, 0))).arg()],
        ));
    }
    Ok(arg(args, 0))
}

fn get(rt: &mut Runtime, heap: Value, i: usize) -> PyResult<Value> {
    if i < rt.seq_len(heap) {
        Ok(rt.seq_get(heap, i))
    } else {
        Err(rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("list changed size during iteration"),
        ))
    }
}

fn set(rt: &mut Runtime, heap: Value, i: usize, v: Value) -> PyResult<()> {
    if i < rt.seq_len(heap) {
        rt.list_set(heap, i, v);
        Ok(())
    } else {
        Err(rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("list changed size during iteration"),
        ))
    }
}

/// Move the item at `pos` up towards `start` (CPython's `_siftdown`).
fn sift_down(rt: &mut Runtime, heap: Value, start: usize, mut pos: usize) -> PyResult<()> {
    let item = get(rt, heap, pos)?;
    rt.pin(item);
    let r = (|| {
        while pos > start {
            let parent_pos = (pos - 1) >> 1;
            let parent = get(rt, heap, parent_pos)?;
            if !less(rt, item, parent)? {
                break;
            }
            let parent = get(rt, heap, parent_pos)?;
            set(rt, heap, pos, parent)?;
            pos = parent_pos;
        }
        set(rt, heap, pos, item)
    })();
    rt.unpin(1);
    r
}

/// Move the item at `pos` down to a leaf, then up into place (CPython's `_siftup`).
fn sift_up(rt: &mut Runtime, heap: Value, mut pos: usize) -> PyResult<()> {
    let end = rt.seq_len(heap);
    let start = pos;
    let item = get(rt, heap, pos)?;
    rt.pin(item);
    let r = (|| {
        let mut child = 2 * pos + 1;
        while child < end {
            let right = child + 1;
            if right < end {
                let (c, rv) = (get(rt, heap, child)?, get(rt, heap, right)?);
                if !less(rt, c, rv)? {
                    child = right;
                }
            }
            let c = get(rt, heap, child)?;
            set(rt, heap, pos, c)?;
            pos = child;
            child = 2 * pos + 1;
        }
        set(rt, heap, pos, item)?;
        sift_down(rt, heap, start, pos)
    })();
    rt.unpin(1);
    r
}

/// `heappush(heap, item)`.
pub fn heappush(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let heap = heap_arg(rt, args, "heappush")?;
    rt.list_append(heap, arg(args, 1))?;
    let n = rt.seq_len(heap);
    sift_down(rt, heap, 0, n - 1)?;
    Ok(Value::NONE)
}

/// `heappop(heap)`.
pub fn heappop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let heap = heap_arg(rt, args, "heappop")?;
    let n = rt.seq_len(heap);
    if n == 0 {
        return Err(rt.raise(ExcKind::IndexError, crate::packed!("index out of range")));
    }
    let last = rt.list_pop(heap, n - 1);
    if n == 1 {
        return Ok(last);
    }
    let first = rt.seq_get(heap, 0);
    rt.list_set(heap, 0, last);
    rt.pin(first);
    let r = sift_up(rt, heap, 0);
    rt.unpin(1);
    r.map(|_| first)
}

/// `heapreplace(heap, item)`: pop the smallest, then push `item`.
pub fn heapreplace(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let heap = heap_arg(rt, args, "heapreplace")?;
    if rt.seq_len(heap) == 0 {
        return Err(rt.raise(ExcKind::IndexError, crate::packed!("index out of range")));
    }
    let first = rt.seq_get(heap, 0);
    rt.list_set(heap, 0, arg(args, 1));
    rt.pin(first);
    let r = sift_up(rt, heap, 0);
    rt.unpin(1);
    r.map(|_| first)
}

/// `heappushpop(heap, item)`: push `item`, then pop the smallest.
pub fn heappushpop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let heap = heap_arg(rt, args, "heappushpop")?;
    if rt.seq_len(heap) == 0 {
        return Ok(arg(args, 1));
    }
    let top = rt.seq_get(heap, 0);
    if !less(rt, top, arg(args, 1))? {
        return Ok(arg(args, 1));
    }
    let top = get(rt, heap, 0)?;
    set(rt, heap, 0, arg(args, 1))?;
    rt.pin(top);
    let r = sift_up(rt, heap, 0);
    rt.unpin(1);
    r.map(|_| top)
}

/// `heapify(x)`.
pub fn heapify(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let heap = heap_arg(rt, args, "heapify")?;
    let n = rt.seq_len(heap);
    for i in (0..n / 2).rev() {
        sift_up(rt, heap, i)?;
    }
    Ok(Value::NONE)
}

/// `sorted(iterable, key=key, reverse=reverse)[:n]`, which is what CPython documents
/// `nsmallest`/`nlargest` to equal.
fn first_n(rt: &mut Runtime, args: &[Value], kwnames: Value, reverse: bool) -> PyResult<Value> {
    let (pos, kw) = crate::builtins::split_kw(rt, args, kwnames);
    let fname = if reverse { "nlargest" } else { "nsmallest" };
    let [n, iterable] = pos[..] else {
        return Err(rt.type_error_with(
            "{}() missing required arguments 'n' and 'iterable'",
            &[fname.arg()],
        ));
    };
    let n = rt.int_arg(n)?.max(0) as usize;
    let key = crate::builtins::kwarg(rt, &kw, Q_KEY).unwrap_or(Value::NONE);
    let names = rt.new_tuple(&[Value::qstr(Q_KEY), Value::qstr(Q_REVERSE)])?;
    rt.pin(names);
    let sorted =
        crate::builtins::call_native(rt, N_SORTED, &[iterable, key, Value::bool(reverse)], names);
    rt.unpin(1);
    let sorted = sorted?;
    let len = rt.seq_len(sorted);
    while rt.seq_len(sorted) > n.min(len) {
        let last = rt.seq_len(sorted) - 1;
        rt.list_pop(sorted, last);
    }
    Ok(sorted)
}

/// `nsmallest(n, iterable, key=None)`.
pub fn nsmallest(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    first_n(rt, args, kwnames, false)
}

/// `nlargest(n, iterable, key=None)`.
pub fn nlargest(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    first_n(rt, args, kwnames, true)
}
