//! Methods of builtin types (`str`, `list`, `dict`, `set`, `tuple`, `int`, `float`, `bytes`,
//! generators, exceptions), looked up by type and qstr. `arg(args, 0)` is always `self`.

use super::*;
use crate::format::case_map;
use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{GEN_FRAME, GEN_STATE, VIEW_DICT};
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

/// The native for method `q` of builtin type `t`: a search of the type's table, sorted by
/// qstr id (4 bytes a method; compare trees took about 15 bytes a method, and computed every
/// arm's operand up front). The type picks its table through [`TABLE_OF`] (a match over the
/// types was a jump table plus code per arm).
pub fn lookup(t: TypeId, q: u32) -> Option<u32> {
    let table = TABLES.get(usize::from(*TABLE_OF.get(t as usize)?))?;
    search(table, q).or_else(|| match t {
        TypeId::Set => search(&FROZENSET, q),
        TypeId::ByteArray => search(&BYTES, q),
        _ => None,
    })
}

/// The method tables [`TABLE_OF`] indexes; row 0, empty, for the types without methods.
static TABLES: [&[(u16, u16)]; 18] = [
    &[],
    &STR,
    &LIST,
    &DICT,
    &SET,
    &FROZENSET,
    &BYTEARRAY,
    &BYTES,
    &SEQ,
    &INT,
    &MEMORYVIEW,
    &SLICE,
    &COMPLEX,
    &FLOAT,
    &GENERATOR,
    &COROUTINE,
    &VIEW,
    &ITERATOR,
];

/// The row of [`TABLES`] for each type, by type id.
static TABLE_OF: [u8; crate::runtime::NTYPES as usize] = {
    use TypeId::*;
    let mut out = [0; crate::runtime::NTYPES as usize];
    out[Iterator as usize] = 17;
    let mut i = ListIterator as usize;
    while i <= CallableIterator as usize {
        out[i] = 17;
        i += 1;
    }
    let rows: [(TypeId, u8); 19] = [
        (Str, 1),
        (List, 2),
        (Dict, 3),
        (Set, 4),
        (FrozenSet, 5),
        (ByteArray, 6),
        (Bytes, 7),
        (Tuple, 8),
        (Range, 8),
        (Int, 9),
        (Bool, 9),
        (MemoryView, 10),
        (Slice, 11),
        (Complex, 12),
        (Float, 13),
        (Generator, 14),
        (Coroutine, 15),
        (DictKeys, 16),
        (DictItems, 16),
    ];
    let mut i = 0;
    while i < rows.len() {
        out[rows[i].0 as usize] = rows[i].1;
        i += 1;
    }
    out
};

/// The native paired with `q` in `table` (sorted by qstr id), by binary search.
fn search(table: &[(u16, u16)], q: u32) -> Option<u32> {
    let (mut lo, mut hi) = (0, table.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let &(key, id) = table.get(mid)?;
        match u32::from(key).cmp(&q) {
            core::cmp::Ordering::Less => lo = mid + 1,
            core::cmp::Ordering::Greater => hi = mid,
            core::cmp::Ordering::Equal => return Some(u32::from(id)),
        }
    }
    None
}

/// `rows` as 16-bit pairs sorted by qstr id, for [`search`].
const fn sorted<const N: usize>(rows: &[(u32, u32)]) -> [(u16, u16); N] {
    let mut out = [(0u16, 0u16); N];
    let mut i = 0;
    while i < N {
        let (q, id) = rows[i];
        assert!(q <= u16::MAX as u32 && id <= u16::MAX as u32);
        let mut j = i;
        while j > 0 && out[j - 1].0 as u32 > q {
            out[j] = out[j - 1];
            j -= 1;
        }
        assert!(j == 0 || out[j - 1].0 as u32 != q);
        out[j] = (q as u16, id as u16);
        i += 1;
    }
    out
}

/// Methods of `str`.
static STR: [(u16, u16); STR_ROWS.len()] = sorted(STR_ROWS);

const STR_ROWS: &[(u32, u32)] = &[
    (Q_SPLIT, N_STR_SPLIT),
    (Q_RSPLIT, N_STR_RSPLIT),
    (Q_JOIN, N_STR_JOIN),
    (Q_STRIP, N_STR_STRIP),
    (Q_LSTRIP, N_STR_LSTRIP),
    (Q_RSTRIP, N_STR_RSTRIP),
    (Q_REPLACE, N_STR_REPLACE),
    (Q_FIND, N_STR_FIND),
    (Q_RFIND, N_STR_RFIND),
    (Q_INDEX, N_STR_INDEX),
    (Q_RINDEX, N_STR_RINDEX),
    (Q_COUNT, N_STR_COUNT),
    (Q_STARTSWITH, N_STR_STARTSWITH),
    (Q_ENDSWITH, N_STR_ENDSWITH),
    (Q_UPPER, N_STR_UPPER),
    (Q_LOWER, N_STR_LOWER),
    (Q_FORMAT, N_STR_FORMAT),
    (Q_ENCODE, N_STR_ENCODE),
    (Q_ISDIGIT, N_STR_ISDIGIT),
    (Q_ISDECIMAL, N_STR_ISDIGIT),
    (Q_ISNUMERIC, N_STR_ISDIGIT),
    (Q_ISALPHA, N_STR_ISALPHA),
    #[cfg(feature = "extra-methods")]
    (Q_ISALNUM, N_STR_ISALNUM),
    (Q_ISSPACE, N_STR_ISSPACE),
    (Q_ISUPPER, N_STR_ISUPPER),
    (Q_ISLOWER, N_STR_ISLOWER),
    #[cfg(feature = "extra-methods")]
    (Q_TITLE, N_STR_TITLE),
    #[cfg(feature = "extra-methods")]
    (Q_CAPITALIZE, N_STR_CAPITALIZE),
    #[cfg(feature = "extra-methods")]
    (Q_SWAPCASE, N_STR_SWAPCASE),
    (Q_CENTER, N_STR_CENTER),
    #[cfg(feature = "extra-methods")]
    (Q_LJUST, N_STR_LJUST),
    #[cfg(feature = "extra-methods")]
    (Q_RJUST, N_STR_RJUST),
    #[cfg(feature = "extra-methods")]
    (Q_ZFILL, N_STR_ZFILL),
    (Q_SPLITLINES, N_STR_SPLITLINES),
    (Q_PARTITION, N_STR_PARTITION),
    (Q_RPARTITION, N_STR_RPARTITION),
    #[cfg(feature = "extra-methods")]
    (Q_REMOVEPREFIX, N_STR_REMOVEPREFIX),
    #[cfg(feature = "extra-methods")]
    (Q_ISTITLE, N_STR_ISTITLE),
    #[cfg(feature = "extra-methods")]
    (Q_ISIDENTIFIER, N_STR_ISIDENTIFIER),
    #[cfg(feature = "extra-methods")]
    (Q_EXPANDTABS, N_STR_EXPANDTABS),
    #[cfg(feature = "extra-methods")]
    (Q_CASEFOLD, N_STR_CASEFOLD),
    #[cfg(feature = "extra-methods")]
    (Q_ISPRINTABLE, N_STR_ISPRINTABLE),
    #[cfg(feature = "extra-methods")]
    (Q_REMOVESUFFIX, N_STR_REMOVESUFFIX),
    #[cfg(feature = "extra-methods")]
    (Q_ISASCII, N_STR_ISASCII),
    #[cfg(feature = "extra-methods")]
    (Q_TRANSLATE, N_STR_TRANSLATE),
];

/// Methods of `list`.
static LIST: [(u16, u16); LIST_ROWS.len()] = sorted(LIST_ROWS);

const LIST_ROWS: &[(u32, u32)] = &[
    (Q_APPEND, N_LIST_APPEND),
    (Q_EXTEND, N_LIST_EXTEND),
    (Q_INSERT, N_LIST_INSERT),
    (Q_POP, N_LIST_POP),
    (Q_REMOVE, N_LIST_REMOVE),
    (Q_INDEX, N_SEQ_INDEX),
    (Q_COUNT, N_SEQ_COUNT),
    (Q_SORT, N_LIST_SORT),
    (Q_REVERSE, N_LIST_REVERSE),
    (Q_CLEAR, N_LIST_CLEAR),
    (Q_COPY, N_LIST_COPY),
];

/// Methods of `dict`.
static DICT: [(u16, u16); DICT_ROWS.len()] = sorted(DICT_ROWS);

const DICT_ROWS: &[(u32, u32)] = &[
    (Q_KEYS, N_DICT_KEYS),
    (Q_VALUES, N_DICT_VALUES),
    (Q_ITEMS, N_DICT_ITEMS),
    (Q_GET, N_DICT_GET),
    (Q_POP, N_DICT_POP),
    (Q_SETDEFAULT, N_DICT_SETDEFAULT),
    (Q_UPDATE, N_DICT_UPDATE),
    (Q_CLEAR, N_DICT_CLEAR),
    (Q_COPY, N_DICT_COPY),
    (Q_POPITEM, N_DICT_POPITEM),
    (Q_FROMKEYS, N_DICT_FROMKEYS),
];

/// Methods of `set` that `frozenset` lacks.
static SET: [(u16, u16); SET_ROWS.len()] = sorted(SET_ROWS);

const SET_ROWS: &[(u32, u32)] = &[
    (Q_ADD, N_SET_ADD),
    (Q_REMOVE, N_SET_REMOVE),
    (Q_DISCARD, N_SET_DISCARD),
    (Q_POP, N_SET_POP),
    (Q_UPDATE, N_SET_UPDATE),
    (Q_CLEAR, N_DICT_CLEAR),
    (Q_INTERSECTION_UPDATE, N_SET_INTERSECTION_UPDATE),
    (Q_DIFFERENCE_UPDATE, N_SET_DIFFERENCE_UPDATE),
    (Q_SYMMETRIC_DIFFERENCE_UPDATE, N_SET_SYMDIFF_UPDATE),
];

/// Methods of `frozenset`.
static FROZENSET: [(u16, u16); FROZENSET_ROWS.len()] = sorted(FROZENSET_ROWS);

const FROZENSET_ROWS: &[(u32, u32)] = &[
    (Q_UNION, N_SET_UNION),
    (Q_INTERSECTION, N_SET_INTERSECTION),
    (Q_DIFFERENCE, N_SET_DIFFERENCE),
    (Q_SYMMETRIC_DIFFERENCE, N_SET_SYMDIFF),
    (Q_ISSUBSET, N_SET_ISSUBSET),
    (Q_ISSUPERSET, N_SET_ISSUPERSET),
    (Q_ISDISJOINT, N_SET_ISDISJOINT),
    (Q_COPY, N_SET_COPY),
];

/// Methods of `bytearray` that `bytes` lacks.
static BYTEARRAY: [(u16, u16); BYTEARRAY_ROWS.len()] = sorted(BYTEARRAY_ROWS);

const BYTEARRAY_ROWS: &[(u32, u32)] = &[
    (Q_APPEND, N_BYTEARRAY_APPEND),
    (Q_EXTEND, N_BYTEARRAY_EXTEND),
    (Q_POP, N_BYTEARRAY_POP),
    (Q_INSERT, N_BYTEARRAY_INSERT),
    (Q_REMOVE, N_BYTEARRAY_REMOVE),
    (Q_REVERSE, N_BYTEARRAY_REVERSE),
    (Q_CLEAR, N_BYTEARRAY_CLEAR),
    (Q_COPY, N_BYTEARRAY_COPY),
];

/// Methods of `bytes`.
static BYTES: [(u16, u16); BYTES_ROWS.len()] = sorted(BYTES_ROWS);

const BYTES_ROWS: &[(u32, u32)] = &[
    (Q_DECODE, N_BYTES_DECODE),
    (Q_HEX, N_BYTES_HEX),
    (Q_REPLACE, N_BYTES_REPLACE),
    (Q_FIND, N_BYTES_FIND),
    (Q_RFIND, N_BYTES_RFIND),
    (Q_INDEX, N_BYTES_INDEX),
    (Q_RINDEX, N_BYTES_RINDEX),
    (Q_COUNT, N_BYTES_COUNT),
    (Q_STARTSWITH, N_BYTES_STARTSWITH),
    (Q_ENDSWITH, N_BYTES_ENDSWITH),
    (Q_PARTITION, N_BYTES_PARTITION),
    (Q_RPARTITION, N_BYTES_RPARTITION),
    (Q_CENTER, N_BYTES_CENTER),
    #[cfg(feature = "extra-methods")]
    (Q_LJUST, N_BYTES_LJUST),
    #[cfg(feature = "extra-methods")]
    (Q_RJUST, N_BYTES_RJUST),
    #[cfg(feature = "extra-methods")]
    (Q_ZFILL, N_BYTES_ZFILL),
    #[cfg(feature = "extra-methods")]
    (Q_REMOVEPREFIX, N_BYTES_REMOVEPREFIX),
    #[cfg(feature = "extra-methods")]
    (Q_REMOVESUFFIX, N_BYTES_REMOVESUFFIX),
    #[cfg(feature = "extra-methods")]
    (Q_EXPANDTABS, N_BYTES_EXPANDTABS),
    (Q_SPLITLINES, N_BYTES_SPLITLINES),
    (Q_SPLIT, N_BYTES_SPLIT),
    (Q_RSPLIT, N_BYTES_RSPLIT),
    (Q_STRIP, N_BYTES_STRIP),
    (Q_LSTRIP, N_BYTES_LSTRIP),
    (Q_RSTRIP, N_BYTES_RSTRIP),
    (Q_JOIN, N_BYTES_JOIN),
    (Q_UPPER, N_BYTES_UPPER),
    (Q_LOWER, N_BYTES_LOWER),
    #[cfg(feature = "extra-methods")]
    (Q_SWAPCASE, N_BYTES_SWAPCASE),
    #[cfg(feature = "extra-methods")]
    (Q_CAPITALIZE, N_BYTES_CAPITALIZE),
    #[cfg(feature = "extra-methods")]
    (Q_TITLE, N_BYTES_TITLE),
    (Q_ISDIGIT, N_BYTES_ISDIGIT),
    (Q_ISALPHA, N_BYTES_ISALPHA),
    #[cfg(feature = "extra-methods")]
    (Q_ISALNUM, N_BYTES_ISALNUM),
    (Q_ISSPACE, N_BYTES_ISSPACE),
    (Q_ISUPPER, N_BYTES_ISUPPER),
    (Q_ISLOWER, N_BYTES_ISLOWER),
    #[cfg(feature = "extra-methods")]
    (Q_ISASCII, N_BYTES_ISASCII),
    (Q_FROMHEX, N_BYTES_FROMHEX),
];

/// Methods of `tuple` and `range`.
static SEQ: [(u16, u16); SEQ_ROWS.len()] = sorted(SEQ_ROWS);

const SEQ_ROWS: &[(u32, u32)] = &[(Q_INDEX, N_SEQ_INDEX), (Q_COUNT, N_SEQ_COUNT)];

/// Methods of `int` and `bool`.
static INT: [(u16, u16); INT_ROWS.len()] = sorted(INT_ROWS);

const INT_ROWS: &[(u32, u32)] = &[
    (Q_BIT_LENGTH, N_INT_BIT_LENGTH),
    (Q_TO_BYTES, N_INT_TO_BYTES),
    (Q_FROM_BYTES, N_INT_FROM_BYTES),
    (Q_CONJUGATE, N_NUM_CONJUGATE),
    #[cfg(feature = "extra-methods")]
    (Q_BIT_COUNT, N_INT_BIT_COUNT),
    #[cfg(feature = "extra-methods")]
    (Q_AS_INTEGER_RATIO, N_INT_AS_INTEGER_RATIO),
];

/// Methods of `memoryview`.
static MEMORYVIEW: [(u16, u16); MEMORYVIEW_ROWS.len()] = sorted(MEMORYVIEW_ROWS);

const MEMORYVIEW_ROWS: &[(u32, u32)] = &[
    (Q_TOBYTES, N_MV_TOBYTES),
    #[cfg(feature = "extra-methods")]
    (Q_TOLIST, N_MV_TOLIST),
    #[cfg(feature = "extra-methods")]
    (Q_HEX, N_MV_HEX),
    #[cfg(feature = "extra-methods")]
    (Q_RELEASE, N_MV_RELEASE),
    #[cfg(feature = "extra-methods")]
    (Q_CAST, N_MV_CAST),
    #[cfg(feature = "extra-methods")]
    (Q___ENTER__, N_MV_ENTER),
    #[cfg(feature = "extra-methods")]
    (Q___EXIT__, N_MV_EXIT),
];

/// Methods of `slice`.
static SLICE: [(u16, u16); SLICE_ROWS.len()] = sorted(SLICE_ROWS);

const SLICE_ROWS: &[(u32, u32)] = &[(Q_INDICES, N_SLICE_INDICES)];

/// Methods of `complex`.
static COMPLEX: [(u16, u16); COMPLEX_ROWS.len()] = sorted(COMPLEX_ROWS);

const COMPLEX_ROWS: &[(u32, u32)] = &[(Q_CONJUGATE, N_NUM_CONJUGATE)];

/// Methods of `float`.
static FLOAT: [(u16, u16); FLOAT_ROWS.len()] = sorted(FLOAT_ROWS);

const FLOAT_ROWS: &[(u32, u32)] = &[
    #[cfg(feature = "extra-methods")]
    (Q_IS_INTEGER, N_FLOAT_IS_INTEGER),
    #[cfg(feature = "extra-methods")]
    (Q_AS_INTEGER_RATIO, N_FLOAT_AS_INTEGER_RATIO),
    #[cfg(feature = "extra-methods")]
    (Q_HEX, N_FLOAT_HEX),
    #[cfg(feature = "extra-methods")]
    (Q_FROMHEX, N_FLOAT_FROMHEX),
    (Q_CONJUGATE, N_NUM_CONJUGATE),
];

/// Methods of generators.
static GENERATOR: [(u16, u16); GENERATOR_ROWS.len()] = sorted(GENERATOR_ROWS);

const GENERATOR_ROWS: &[(u32, u32)] = &[
    (Q___NEXT__, N_GEN_NEXT),
    (Q_SEND, N_GEN_SEND),
    (Q_THROW, N_GEN_THROW),
    (Q_CLOSE, N_GEN_CLOSE),
    (Q___ITER__, N_ITER_ITER),
];

/// Methods of coroutines.
static COROUTINE: [(u16, u16); COROUTINE_ROWS.len()] = sorted(COROUTINE_ROWS);

const COROUTINE_ROWS: &[(u32, u32)] = &[
    (Q_SEND, N_GEN_SEND),
    (Q_THROW, N_GEN_THROW),
    (Q_CLOSE, N_GEN_CLOSE),
];

/// Methods of `dict_keys` and `dict_items`.
static VIEW: [(u16, u16); VIEW_ROWS.len()] = sorted(VIEW_ROWS);

const VIEW_ROWS: &[(u32, u32)] = &[(Q_ISDISJOINT, N_VIEW_ISDISJOINT)];

/// Methods of the builtin iterators.
static ITERATOR: [(u16, u16); ITERATOR_ROWS.len()] = sorted(ITERATOR_ROWS);

const ITERATOR_ROWS: &[(u32, u32)] = &[(Q___NEXT__, N_ITER_NEXT), (Q___ITER__, N_ITER_ITER)];

fn text(rt: &Runtime, v: Value) -> String {
    rt.str_text(v).unwrap_or("").into()
}

fn str_arg(rt: &mut Runtime, v: Value) -> PyResult<String> {
    match rt.str_text(v) {
        Some(s) => Ok(s.into()),
        None => Err(rt.type_error_naming("must be str, not ", v, "")),
    }
}

fn new_str_list(rt: &mut Runtime, parts: &[&str]) -> PyResult<Value> {
    let l = rt.new_list_cap(parts.len())?;
    rt.pin(l);
    let r = (|| {
        for p in parts {
            let s = rt.new_str(p)?;
            rt.list_append(l, s)?;
        }
        Ok(l)
    })();
    rt.unpin(1);
    r
}

/// Byte offset of the first `needle` in `hay` at or after `from` (`from` itself for an empty
/// needle). A scan for the needle's first byte then a compare: the texts natives search are
/// short, and core's two-way searcher costs about 2 KB of code per direction.
pub(crate) fn next_match(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let hay = hay.as_bytes();
    let Some((&first, tail)) = needle.as_bytes().split_first() else {
        return hay.get(from..).map(|_| from);
    };
    let mut at = from;
    loop {
        at += hay.get(at..)?.iter().position(|&b| b == first)?;
        if hay
            .get(at + 1..)
            .is_some_and(|after| after.starts_with(tail))
        {
            return Some(at);
        }
        at += 1;
    }
}

/// Byte offset of the last `needle` in `hay` that ends at or before `end`.
fn prev_match(hay: &str, needle: &str, end: usize) -> Option<usize> {
    let hay = hay.as_bytes();
    let mut end = end;
    loop {
        if hay.get(..end)?.ends_with(needle.as_bytes()) {
            return Some(end - needle.len());
        }
        end = end.checked_sub(1)?;
    }
}

/// Byte offsets of the first `most` non-overlapping `needle`s in `hay`, left to right. An
/// empty needle matches before each character and at the end, as in CPython. Matches of
/// valid UTF-8 in valid UTF-8 start and end on character boundaries.
fn match_starts(hay: &str, needle: &str, most: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut from = 0;
    while starts.len() < most {
        let Some(at) = next_match(hay, needle, from) else {
            break;
        };
        starts.push(at);
        from = at
            + match needle.len() {
                0 => hay
                    .get(at..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8),
                n => n,
            };
    }
    starts
}

/// A `maxsplit` argument as a count of splits (negative: no limit).
fn split_limit(maxsplit: i64) -> usize {
    usize::try_from(maxsplit).unwrap_or(usize::MAX)
}

/// The words of `s` between runs of characters `space` accepts, with at most `most` splits
/// from the left or the right; the unsplit rest keeps its inner and outer whitespace on the
/// side it was not split from, as in CPython.
fn split_words(s: &str, most: usize, right: bool, space: fn(char) -> bool) -> Vec<&str> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (space(c), start) {
            (true, Some(a)) => {
                words.push((a, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(a) = start {
        words.push((a, s.len()));
    }
    if let Some(merged) = words.len().checked_sub(most.saturating_add(1)) {
        if right {
            let end = words.get(merged).map_or(0, |w| w.1);
            words.drain(..merged);
            if let Some(first) = words.first_mut() {
                *first = (0, end);
            }
        } else {
            let start = words.get(most).map_or(0, |w| w.0);
            words.truncate(most);
            words.push((start, s.len()));
        }
    }
    words
        .iter()
        .map(|&(a, b)| s.get(a..b).unwrap_or(""))
        .collect()
}

/// `str.split`/`rsplit` (and, with ASCII whitespace for `space`, `bytes.split`/`rsplit`
/// through the latin-1 bridge).
fn split_impl(
    rt: &mut Runtime,
    args: &[Value],
    kwnames: Value,
    right: bool,
    space: fn(char) -> bool,
) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let s = text(rt, arg(pos, 0));
    let sep = pos
        .get(1)
        .copied()
        .or_else(|| kwarg(rt, &kw, Q_SEP))
        .filter(|v| *v != Value::NONE);
    let maxv = pos.get(2).copied().or_else(|| kwarg(rt, &kw, Q_MAXSPLIT));
    let most = match maxv {
        Some(m) => split_limit(rt.int_arg(m)?),
        None => usize::MAX,
    };
    let Some(sepv) = sep else {
        let parts = split_words(&s, most, right, space);
        return new_str_list(rt, &parts);
    };
    let Some(sep) = rt.str_text(sepv).map(String::from) else {
        return Err(rt.type_error_naming("must be str or None, not ", sepv, ""));
    };
    if sep.is_empty() {
        return Err(rt.value_error(crate::packed!("empty separator")));
    }
    let mut parts: Vec<&str> = Vec::new();
    if right {
        let mut end = s.len();
        while parts.len() < most {
            let Some(at) = prev_match(&s, &sep, end) else {
                break;
            };
            parts.push(s.get(at + sep.len()..end).unwrap_or(""));
            end = at;
        }
        parts.push(s.get(..end).unwrap_or(""));
        parts.reverse();
    } else {
        let mut from = 0;
        for at in match_starts(&s, &sep, most) {
            parts.push(s.get(from..at).unwrap_or(""));
            from = at + sep.len();
        }
        parts.push(s.get(from..).unwrap_or(""));
    }
    new_str_list(rt, &parts)
}

pub(super) fn str_split(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    split_impl(rt, args, kw, false, crate::format::is_space)
}

pub(super) fn str_rsplit(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    split_impl(rt, args, kw, true, crate::format::is_space)
}

/// Whitespace as `bytes.split()` sees it (ASCII only; the bridge's chars are latin-1).
fn is_ascii_space(c: char) -> bool {
    matches!(c, ' ' | '\t'..='\r')
}

/// `bytes.split` on the latin-1 bridge's text.
pub(super) fn bytes_text_split(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    split_impl(rt, args, kw, false, is_ascii_space)
}

/// `bytes.rsplit` on the latin-1 bridge's text.
pub(super) fn bytes_text_rsplit(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    split_impl(rt, args, kw, true, is_ascii_space)
}

pub(super) fn str_join(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let sep = text(rt, arg(args, 0));
    let start = rt.pins.len();
    let items = rt.collect_pinned(arg(args, 1));
    let r = items.and_then(|items| {
        let mut out = String::new();
        for (i, v) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            match rt.str_text(*v).map(str::len) {
                Some(len) => {
                    rt.check_room(out.len().saturating_add(len))?;
                    out.push_str(rt.str_text(*v).unwrap_or(""));
                }
                None => {
                    return Err(rt.type_error_with(
                        "sequence item {}: expected str instance, {} found",
                        &[i.arg(), rt.type_name(*v).arg()],
                    ));
                }
            }
        }
        rt.new_str(&out)
    });
    rt.pins.truncate(start);
    r
}

fn strip_impl(rt: &mut Runtime, args: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let chars: Option<String> = match args.get(1) {
        Some(v) if *v != Value::NONE => Some(str_arg(rt, *v)?),
        _ => None,
    };
    let pred = |c: char| match &chars {
        // A loop over the set's chars: `str::contains(char)` brings a substring searcher.
        Some(cs) => cs.chars().any(|x| x == c),
        None => crate::format::is_space(c),
    };
    let mut r: &str = &s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    if r.len() == s.len() {
        return Ok(arg(args, 0));
    }
    let r: String = r.into();
    rt.new_str(&r)
}

pub(super) fn str_strip(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    strip_impl(rt, args, true, true)
}

pub(super) fn str_lstrip(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    strip_impl(rt, args, true, false)
}

pub(super) fn str_rstrip(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    strip_impl(rt, args, false, true)
}

pub(super) fn str_replace(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let old = str_arg(rt, arg(args, 1))?;
    let new = str_arg(rt, arg(args, 2))?;
    let count = match args.get(3) {
        Some(c) => rt.int_arg(*c)?,
        None => -1,
    };
    let starts = match_starts(&s, &old, split_limit(count));
    rt.check_room(
        s.len()
            .saturating_add(starts.len().saturating_mul(new.len())),
    )?;
    let mut r = String::new();
    let mut from = 0;
    for at in starts {
        r.push_str(s.get(from..at).unwrap_or(""));
        r.push_str(&new);
        from = at + old.len();
    }
    r.push_str(s.get(from..).unwrap_or(""));
    rt.new_str(&r)
}

/// The byte range of str `v` that optional `start`/`end` arguments select (CPython's slice
/// indices: negative from the end, `None` for the default, any int size), or `None` when
/// start lies past end (nothing there, not even the empty string). Only non-ASCII text is
/// decoded to find it.
fn bounds(rt: &mut Runtime, v: Value, args: &[Value]) -> PyResult<Option<(usize, usize)>> {
    let mut given = [None, None];
    for (slot, arg) in given.iter_mut().zip(args) {
        if *arg != Value::NONE {
            *slot = Some(rt.slice_bound(*arg)?);
        }
    }
    let ascii = rt.str_is_ascii(v);
    let s = rt.str_text(v).unwrap_or("");
    let n = if ascii { s.len() } else { s.chars().count() } as i64;
    let from_end = |x: i64| if x < 0 { (x + n).max(0) } else { x };
    let a = given[0].map_or(0, from_end);
    let b = given[1].map_or(n, from_end).min(n);
    if a > b {
        return Ok(None);
    }
    let off = |k: i64| {
        if ascii {
            k as usize
        } else {
            s.char_indices().nth(k as usize).map_or(s.len(), |e| e.0)
        }
    };
    Ok(Some((off(a), off(b))))
}

fn char_index(s: &str, ascii: bool, byte: usize) -> i64 {
    if ascii {
        byte as i64
    } else {
        s.get(..byte).unwrap_or("").chars().count() as i64
    }
}

fn find_impl(rt: &mut Runtime, args: &[Value], right: bool, raise: bool) -> PyResult<Value> {
    let sub = str_arg(rt, arg(args, 1))?;
    let Some((a, b)) = bounds(rt, arg(args, 0), args.get(2..).unwrap_or_default())? else {
        return if raise {
            Err(rt.value_error(crate::packed!("substring not found")))
        } else {
            Ok(Value::small(-1))
        };
    };
    let ascii = rt.str_is_ascii(arg(args, 0));
    let s = rt.str_text(arg(args, 0)).unwrap_or("");
    let hay = s.get(a..b).unwrap_or("");
    let r = if right {
        prev_match(hay, &sub, hay.len())
    } else {
        next_match(hay, &sub, 0)
    };
    match r.map(|i| char_index(s, ascii, a + i)) {
        Some(i) => rt.new_int(i),
        None if raise => Err(rt.value_error(crate::packed!("substring not found"))),
        None => Ok(Value::small(-1)),
    }
}

pub(super) fn str_find(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    find_impl(rt, args, false, false)
}

pub(super) fn str_rfind(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    find_impl(rt, args, true, false)
}

pub(super) fn str_index(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    find_impl(rt, args, false, true)
}

pub(super) fn str_rindex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    find_impl(rt, args, true, true)
}

pub(super) fn str_count(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let sub = str_arg(rt, arg(args, 1))?;
    let Some((a, b)) = bounds(rt, arg(args, 0), args.get(2..).unwrap_or_default())? else {
        return Ok(Value::small(0));
    };
    let hay = rt
        .str_text(arg(args, 0))
        .and_then(|s| s.get(a..b))
        .unwrap_or("");
    let n = match_starts(hay, &sub, usize::MAX).len();
    rt.new_int(n as i64)
}

fn affix(rt: &mut Runtime, args: &[Value], end: bool) -> PyResult<Value> {
    let range = if args.len() > 2 {
        bounds(rt, arg(args, 0), args.get(2..).unwrap_or_default())?
    } else {
        Some((0, rt.str_text(arg(args, 0)).map_or(0, str::len)))
    };
    let tuple = rt.kind(arg(args, 1)) == Some(Kind::Tuple);
    let n = if tuple { rt.seq_len(arg(args, 1)) } else { 1 };
    for i in 0..n {
        let c = if tuple {
            rt.seq_get(arg(args, 1), i)
        } else {
            arg(args, 1)
        };
        let Some(p) = rt.str_text(c) else {
            let name = if end { "endswith" } else { "startswith" };
            let type_name = rt.type_name(c);
            return Err(if tuple {
                rt.type_error_with(
                    "tuple for {} must only contain str, not {}",
                    &[name.arg(), type_name.arg()],
                )
            } else {
                rt.type_error_with(
                    "{} first arg must be str or a tuple of str, not {}",
                    &[name.arg(), type_name.arg()],
                )
            });
        };
        let Some((a, b)) = range else {
            continue;
        };
        let hay = rt
            .str_text(arg(args, 0))
            .and_then(|s| s.get(a..b))
            .unwrap_or("");
        if (end && hay.ends_with(p)) || (!end && hay.starts_with(p)) {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

pub(super) fn str_startswith(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    affix(rt, args, false)
}

pub(super) fn str_endswith(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    affix(rt, args, true)
}

fn map_str(rt: &mut Runtime, args: &[Value], f: fn(&str) -> String) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let r = f(&s);
    rt.new_str(&r)
}

/// `upper()`/`lower()`: ASCII text is mapped in place in the new string; other text through
/// Unicode case mapping, which may change its length.
fn map_case(
    rt: &mut Runtime,
    args: &[Value],
    ascii: fn(&mut [u8]),
    unicode: fn(&str) -> String,
) -> PyResult<Value> {
    if rt.str_text(arg(args, 0)).is_some_and(str::is_ascii) {
        return rt.str_map_bytes(arg(args, 0), ascii);
    }
    map_str(rt, args, unicode)
}

pub(super) fn str_upper(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_case(rt, args, <[u8]>::make_ascii_uppercase, case_map::upper)
}

pub(super) fn str_lower(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_case(rt, args, <[u8]>::make_ascii_lowercase, case_map::lower)
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_swapcase(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_str(rt, args, case_map::swapcase)
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_title(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_str(rt, args, case_map::title)
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_capitalize(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_str(rt, args, case_map::capitalize)
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_casefold(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    map_case(rt, args, <[u8]>::make_ascii_lowercase, case_map::casefold)
}

pub(super) fn str_format(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    rt.str_format(arg(pos, 0), pos.get(1..).unwrap_or_default(), &kw)
}

fn pred_str(rt: &mut Runtime, args: &[Value], f: fn(&str) -> bool) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    Ok(Value::bool(!s.is_empty() && f(&s)))
}

pub(super) fn str_isdigit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred_str(rt, args, |s| s.chars().all(crate::format::is_digit))
}

pub(super) fn str_isalpha(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred_str(rt, args, |s| s.chars().all(crate::format::is_alpha))
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_isalnum(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred_str(rt, args, |s| s.chars().all(crate::format::is_alnum))
}

pub(super) fn str_isspace(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred_str(rt, args, |s| s.chars().all(crate::format::is_space))
}

pub(super) fn str_isupper(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred_str(rt, args, |s| {
        s.chars().any(case_map::is_upper) && !s.chars().any(case_map::is_lower)
    })
}

pub(super) fn str_islower(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pred_str(rt, args, |s| {
        s.chars().any(case_map::is_lower) && !s.chars().any(case_map::is_upper)
    })
}

fn pad(rt: &mut Runtime, args: &[Value], how: u8) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let width = Runtime::size_of_count(rt.int_arg(arg(args, 1))?);
    rt.check_room(width)?;
    let fill = match args.get(2) {
        Some(f) => {
            let f = str_arg(rt, *f)?;
            let mut cs = f.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(rt.type_error(crate::packed!(
                        "The fill character must be exactly one character long"
                    )))
                }
            }
        }
        None => ' ',
    };
    let n = s.chars().count();
    if n >= width {
        return Ok(arg(args, 0));
    }
    let total = width - n;
    let (l, r) = match how {
        b'l' => (0, total),
        b'r' => (total, 0),
        _ => {
            let l = total / 2 + (total & width & 1);
            (l, total - l)
        }
    };
    // Plain pushes: `extend(repeat_n(..))` would instantiate `Extend<char>` for these loops.
    let mut out = String::new();
    for _ in 0..l {
        out.push(fill);
    }
    out.push_str(&s);
    for _ in 0..r {
        out.push(fill);
    }
    rt.new_str(&out)
}

pub(super) fn str_center(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pad(rt, args, b'c')
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_ljust(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pad(rt, args, b'l')
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_rjust(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    pad(rt, args, b'r')
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_zfill(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let width = Runtime::size_of_count(rt.int_arg(arg(args, 1))?);
    rt.check_room(width)?;
    let n = s.chars().count();
    if n >= width {
        return Ok(arg(args, 0));
    }
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (Some(c), &s[1..]),
        _ => (None, &s[..]),
    };
    let mut out = String::new();
    if let Some(c) = sign {
        out.push(c);
    }
    for _ in n..width {
        out.push('0');
    }
    out.push_str(rest);
    rt.new_str(&out)
}

pub(super) fn str_splitlines(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kw);
    let s = match pos.first().and_then(|v| rt.str_text(*v)) {
        Some(s) => String::from(s),
        None => return Err(super::descriptor_error(rt, "splitlines", "str")),
    };
    let keep = match pos.get(1).copied().or_else(|| kwarg(rt, &kw, Q_KEEPENDS)) {
        Some(k) => rt.truthy(k)?,
        None => false,
    };
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    let b = s.as_bytes();
    let mut i = 0;
    // Bytes and text are read with `get`, not indexing: no bounds-check panics. Every line
    // boundary starts and ends on a character boundary.
    while let Some(rest) = b.get(i..).filter(|rest| !rest.is_empty()) {
        let width = match rest {
            [b'\r', b'\n', ..] => 2,
            [b'\r' | b'\n', ..] => 1,
            _ => line_break_width(rest),
        };
        if width == 0 {
            i += 1;
            continue;
        }
        let end = if keep { i + width } else { i };
        parts.push(s.get(start..end).unwrap_or(""));
        start = i + width;
        i = start;
    }
    if let Some(last) = s.get(start..).filter(|last| !last.is_empty()) {
        parts.push(last);
    }
    new_str_list(rt, &parts)
}

/// Byte length of the line boundary `str.splitlines` sees at the start of `b` other than
/// `\r`/`\n` (0 if none): `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, U+2028, U+2029.
fn line_break_width(b: &[u8]) -> usize {
    match b {
        [0x0b | 0x0c | 0x1c..=0x1e, ..] => 1,
        [0xc2, 0x85, ..] => 2,
        [0xe2, 0x80, 0xa8 | 0xa9, ..] => 3,
        _ => 0,
    }
}

fn partition_impl(rt: &mut Runtime, args: &[Value], right: bool) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let sep = str_arg(rt, arg(args, 1))?;
    if sep.is_empty() {
        return Err(rt.value_error(crate::packed!("empty separator")));
    }
    let found = if right {
        prev_match(&s, &sep, s.len())
    } else {
        next_match(&s, &sep, 0)
    };
    let parts: [&str; 3] = match found {
        Some(i) => match s.split_at_checked(i) {
            Some((before, found)) => [before, &sep, found.get(sep.len()..).unwrap_or("")],
            None => [&s, "", ""],
        },
        None if right => ["", "", &s],
        None => [&s, "", ""],
    };
    let l = new_str_list(rt, &parts)?;
    let items = rt.seq_items_or_empty(l);
    rt.pin(l);
    let r = rt.new_tuple(&items);
    rt.unpin(1);
    r
}

pub(super) fn str_partition(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    partition_impl(rt, args, false)
}

pub(super) fn str_rpartition(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    partition_impl(rt, args, true)
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_removeprefix(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let p = str_arg(rt, arg(args, 1))?;
    match s.strip_prefix(p.as_str()) {
        Some(r) if !p.is_empty() => {
            let r: String = r.into();
            rt.new_str(&r)
        }
        _ => Ok(arg(args, 0)),
    }
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_removesuffix(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let p = str_arg(rt, arg(args, 1))?;
    match s.strip_suffix(p.as_str()) {
        Some(r) if !p.is_empty() => {
            let r: String = r.into();
            rt.new_str(&r)
        }
        _ => Ok(arg(args, 0)),
    }
}

pub(super) fn list_append(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.list_append(arg(args, 0), arg(args, 1))?;
    Ok(Value::NONE)
}

pub(super) fn list_extend(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.list_extend(arg(args, 0), arg(args, 1))?;
    Ok(Value::NONE)
}

pub(super) fn list_insert(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.seq_len(arg(args, 0)) as i64;
    let mut i = rt.int_arg(arg(args, 1))?;
    if i < 0 {
        i = (i + n).max(0);
    }
    rt.list_insert(arg(args, 0), i.min(n) as usize, arg(args, 2))?;
    Ok(Value::NONE)
}

pub(super) fn list_pop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.seq_len(arg(args, 0));
    if n == 0 {
        return Err(rt.raise(ExcKind::IndexError, crate::packed!("pop from empty list")));
    }
    let i = match args.get(1) {
        Some(k) => {
            let k = *k;
            rt.seq_index(k, n, "pop").map_err(|e| {
                if rt.exc_matches(rt.exc, ExcKind::IndexError) {
                    rt.raise(
                        ExcKind::IndexError,
                        crate::packed!("pop index out of range"),
                    )
                } else {
                    e
                }
            })?
        }
        None => n - 1,
    };
    Ok(rt.list_pop(arg(args, 0), i))
}

fn position(rt: &mut Runtime, seq: Value, x: Value) -> PyResult<Option<usize>> {
    for i in 0..rt.seq_len(seq) {
        let v = rt.seq_get(seq, i);
        if v == x || rt.eq(v, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

pub(super) fn list_remove(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match position(rt, arg(args, 0), arg(args, 1))? {
        Some(i) => {
            rt.list_pop(arg(args, 0), i);
            Ok(Value::NONE)
        }
        None => Err(rt.value_error(crate::packed!("list.remove(x): x not in list"))),
    }
}

pub(super) fn seq_index(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if rt.kind(arg(args, 0)) == Some(Kind::Range) {
        if let Some(i) = rt.range_position(arg(args, 0), arg(args, 1)) {
            return rt.new_bigint(&i);
        }
        let r = rt.repr(arg(args, 1))?;
        return Err(rt.value_error_with("{} is not in range", &[rt.display_name(r).arg()]));
    }
    let n = rt.seq_len(arg(args, 0)) as i64;
    let norm = |rt: &mut Runtime, v: Option<&Value>, d: i64| -> PyResult<i64> {
        match v {
            Some(v) => {
                let x = rt.int_arg(*v)?;
                Ok(if x < 0 { (x + n).max(0) } else { x.min(n) })
            }
            None => Ok(d),
        }
    };
    let a = norm(rt, args.get(2), 0)?;
    let b = norm(rt, args.get(3), n)?;
    for i in a..b {
        let v = rt.seq_get(arg(args, 0), i as usize);
        if v == arg(args, 1) || rt.eq(v, arg(args, 1))? {
            return rt.new_int(i);
        }
    }
    let msg = if rt.kind(arg(args, 0)) == Some(Kind::Tuple) {
        "tuple.index(x): x not in tuple"
    } else {
        "list.index(x): x not in list"
    };
    if rt.kind(arg(args, 0)) == Some(Kind::List) {
        let r = rt.repr(arg(args, 1))?;
        return Err(rt.value_error_with("{} is not in list", &[rt.display_name(r).arg()]));
    }
    Err(rt.value_error(msg))
}

pub(super) fn seq_count(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if rt.kind(arg(args, 0)) == Some(Kind::Range) {
        let c = rt.contains(arg(args, 0), arg(args, 1))?;
        return Ok(Value::small(c as i32));
    }
    let mut c = 0;
    for i in 0..rt.seq_len(arg(args, 0)) {
        let v = rt.seq_get(arg(args, 0), i);
        if v == arg(args, 1) || rt.eq(v, arg(args, 1))? {
            c += 1;
        }
    }
    rt.new_int(c)
}

pub(super) fn list_sort(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if pos.len() != 1 {
        return Err(rt.type_error(crate::packed!("sort() takes no positional arguments")));
    }
    let key = kwarg(rt, &kw, Q_KEY).filter(|v| *v != Value::NONE);
    let reverse = match kwarg(rt, &kw, Q_REVERSE) {
        Some(r) => rt.truthy(r)?,
        None => false,
    };
    let mut items = rt.seq_items_or_empty(arg(pos, 0));
    let start = rt.pins.len();
    rt.pins.extend_from_slice(&items);
    if rt.kind(arg(pos, 0)) != Some(Kind::List) {
        let r = super::funcs::sort_with(rt, &mut items, key, reverse)
            .and_then(|_| rt.list_set_items(arg(pos, 0), &items));
        rt.pins.truncate(start);
        return r.map(|_| Value::NONE);
    }
    // As in CPython, the list looks empty while it is sorted (its backing array set aside), so
    // a key or comparison that changes it is seen afterwards and refused.
    let l = Runtime::blk(arg(pos, 0));
    let array = rt.heap.val(l, 2);
    rt.pin(array);
    rt.heap.set_val(l, 1, Value::small(0));
    rt.heap.set_val(l, 2, Value::NULL);
    let sorted = super::funcs::sort_with(rt, &mut items, key, reverse);
    let changed = rt.heap.val(l, 1) != Value::small(0) || !rt.heap.val(l, 2).is_null();
    rt.heap.set_val(l, 2, array);
    let r = rt.list_set_items(arg(pos, 0), &items);
    rt.pins.truncate(start);
    sorted?;
    r?;
    if changed {
        return Err(rt.value_error(crate::packed!("list modified during sort")));
    }
    Ok(Value::NONE)
}

pub(super) fn list_reverse(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut items = rt.seq_items_or_empty(arg(args, 0));
    items.reverse();
    rt.list_set_items(arg(args, 0), &items)?;
    Ok(Value::NONE)
}

pub(super) fn list_clear(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.list_set_items(arg(args, 0), &[])?;
    Ok(Value::NONE)
}

pub(super) fn list_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let items = rt.seq_items_or_empty(arg(args, 0));
    rt.new_list(&items)
}

fn dict_view(rt: &mut Runtime, args: &[Value], which: u8) -> PyResult<Value> {
    let v = rt.alloc(Kind::DictView, which as u32, 2)?;
    rt.heap.set_val(v, VIEW_DICT, arg(args, 0));
    Ok(Value::handle(v))
}

/// The items of a dict view as a list (keys, values or `(key, value)` tuples).
pub fn view_list(rt: &mut Runtime, args: &[Value], which: u8) -> PyResult<Value> {
    let items = rt.dict_items(arg(args, 0));
    let l = rt.new_list_cap(items.len())?;
    rt.pin(l);
    let r = (|| {
        for (k, v) in items {
            let x = match which {
                0 => k,
                1 => v,
                _ => rt.new_tuple(&[k, v])?,
            };
            rt.list_append(l, x)?;
        }
        Ok(l)
    })();
    rt.unpin(1);
    r
}

pub(super) fn dict_keys(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    dict_view(rt, args, 0)
}

pub(super) fn dict_values(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    dict_view(rt, args, 1)
}

pub(super) fn dict_items(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    dict_view(rt, args, 2)
}

pub(super) fn dict_get(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(rt
        .dict_get(arg(args, 0), arg(args, 1))?
        .unwrap_or(args.get(2).copied().unwrap_or(Value::NONE)))
}

pub(super) fn dict_pop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match rt.dict_del(arg(args, 0), arg(args, 1))? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(d) => Ok(*d),
            None => Err(rt.raise_key_error(arg(args, 1))),
        },
    }
}

pub(super) fn dict_setdefault(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if let Some(v) = rt.dict_get(arg(args, 0), arg(args, 1))? {
        return Ok(v);
    }
    let d = args.get(2).copied().unwrap_or(Value::NONE);
    rt.dict_set(arg(args, 0), arg(args, 1), d)?;
    Ok(d)
}

pub(super) fn dict_update(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if let Some(&m) = pos.get(1) {
        rt.dict_update(arg(pos, 0), m, false)?;
    }
    for (k, v) in kw {
        rt.dict_set(arg(pos, 0), k, v)?;
    }
    Ok(Value::NONE)
}

pub(super) fn dict_clear(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.dict_clear(arg(args, 0));
    Ok(Value::NONE)
}

pub(super) fn dict_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let d = rt.new_dict_kind(Kind::Dict, rt.dict_len(arg(args, 0)))?;
    rt.pin(d);
    let r = rt.dict_update(d, arg(args, 0), false);
    rt.unpin(1);
    r.map(|_| d)
}

pub(super) fn dict_popitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let items = rt.dict_items(arg(args, 0));
    let Some(&(k, v)) = items.last() else {
        return Err(rt.raise(
            ExcKind::KeyError,
            crate::packed!("popitem(): dictionary is empty"),
        ));
    };
    let t = rt.new_tuple(&[k, v])?;
    rt.pin(t);
    let r = rt.dict_del(arg(args, 0), k);
    rt.unpin(1);
    r.map(|_| t)
}

/// `dict.fromkeys(keys, value=None)`, reached through `dict`, a dict, or a dict subclass
/// (`cls.fromkeys`: `cls()`, then `d[k] = value` for each key, so the subclass's
/// `__setitem__` runs, as in CPython).
pub(super) fn dict_fromkeys(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let cls = args
        .first()
        .copied()
        .filter(|c| rt.kind(*c) == Some(Kind::Class));
    let args = if cls.is_some()
        || args
            .first()
            .is_some_and(|a| *a == TypeId::Dict.value() || rt.is_dict(*a))
    {
        args.get(1..).unwrap_or_default()
    } else {
        args
    };
    if args.is_empty() {
        return Err(rt.type_error(crate::packed!(
            "fromkeys expected at least 1 argument, got 0"
        )));
    }
    if args.len() > 2 {
        return Err(rt.type_error_with(
            "fromkeys expected at most 2 arguments, got {}",
            &[args.len().arg()],
        ));
    }
    let v = args.get(1).copied().unwrap_or(Value::NONE);
    let d = match cls {
        Some(cls) => rt.call(cls, &[], Value::NULL)?,
        None => rt.new_dict()?,
    };
    rt.pin(d);
    let start = rt.pins.len();
    let r = rt
        .collect_pinned(arg(args, 0))
        .and_then(|keys| keys.into_iter().try_for_each(|k| rt.setitem(d, k, v)));
    rt.pins.truncate(start);
    rt.unpin(1);
    r.map(|_| d)
}

pub(super) fn set_add(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.set_add(arg(args, 0), arg(args, 1))?;
    Ok(Value::NONE)
}

pub(super) fn set_remove(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match rt.dict_del(arg(args, 0), arg(args, 1))? {
        Some(_) => Ok(Value::NONE),
        None => Err(rt.raise_key_error(arg(args, 1))),
    }
}

pub(super) fn set_discard(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    rt.dict_del(arg(args, 0), arg(args, 1))?;
    Ok(Value::NONE)
}

pub(super) fn set_pop(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let items = rt.dict_items(arg(args, 0));
    let Some(&(k, _)) = items.first() else {
        return Err(rt.raise(ExcKind::KeyError, crate::packed!("pop from an empty set")));
    };
    rt.dict_del(arg(args, 0), k)?;
    Ok(k)
}

pub(super) fn set_update(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    for a in args.get(1..).unwrap_or_default() {
        rt.set_update(arg(args, 0), *a)?;
    }
    Ok(Value::NONE)
}

fn as_set(rt: &mut Runtime, v: Value) -> PyResult<Value> {
    if rt.is_set(v) {
        return Ok(v);
    }
    let s = rt.new_dict_kind(Kind::Set, 0)?;
    rt.pin(s);
    let r = rt.set_update(s, v);
    rt.unpin(1);
    r.map(|_| s)
}

fn set_op(rt: &mut Runtime, args: &[Value], op: u32) -> PyResult<Value> {
    let mut acc = arg(args, 0);
    let start = rt.pins.len();
    rt.pin(acc);
    let r = (|| {
        if args.len() == 1 {
            let kind = rt.kind(acc).unwrap_or(Kind::Set);
            let items: Vec<Value> = rt.dict_items(acc).into_iter().map(|e| e.0).collect();
            return rt.new_set_from(&items, kind);
        }
        for a in args.get(1..).unwrap_or_default() {
            let s = as_set(rt, *a)?;
            rt.pin(s);
            acc = rt.set_binop(op, acc, s)?;
            rt.pin(acc);
        }
        Ok(acc)
    })();
    rt.pins.truncate(start);
    r
}

pub(super) fn set_union(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    set_op(rt, args, 10)
}

pub(super) fn set_intersection(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    set_op(rt, args, 9)
}

pub(super) fn set_difference(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    set_op(rt, args, 1)
}

pub(super) fn set_symdiff(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    set_op(rt, args, 11)
}

pub(super) fn set_copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    set_op(rt, args.get(..1).unwrap_or_default(), 10)
}

/// `issubset` (or `issuperset` when `sup`): one body for both, the operands swapped.
fn subset_test(rt: &mut Runtime, args: &[Value], sup: bool) -> PyResult<Value> {
    let o = as_set(rt, arg(args, 1))?;
    rt.pin(o);
    let (a, b) = if sup {
        (o, arg(args, 0))
    } else {
        (arg(args, 0), o)
    };
    let r = rt.set_is_subset(a, b);
    rt.unpin(1);
    r.map(Value::bool)
}

pub(super) fn set_issubset(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    subset_test(rt, args, false)
}

pub(super) fn set_issuperset(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    subset_test(rt, args, true)
}

pub(super) fn set_isdisjoint(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let o = as_set(rt, arg(args, 1))?;
    rt.pin(o);
    let r = rt.set_binop(9, arg(args, 0), o);
    rt.unpin(1);
    let i = r?;
    Ok(Value::bool(rt.dict_len(i) == 0))
}

pub(super) fn int_bit_length(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.to_bigint_or_zero(arg(args, 0));
    rt.new_int(n.bits() as i64)
}

pub(super) fn int_to_bytes(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let length = kw.iter().find(|(k, _)| rt.str_text(*k) == Some("length"));
    let len = match pos.get(1).or(length.map(|e| &e.1)) {
        Some(l) => rt.int_arg(*l)?,
        None => 1,
    };
    let order = pos.get(2).copied().or_else(|| kwarg(rt, &kw, Q_BYTEORDER));
    let big = match order.map(|o| rt.str_text(o)) {
        Some(Some("big")) | None => true,
        Some(Some("little")) => false,
        Some(_) => {
            return Err(rt.value_error(crate::packed!("byteorder must be either 'little' or 'big'")))
        }
    };
    if len < 0 {
        return Err(rt.value_error(crate::packed!("length argument must be non-negative")));
    }
    // Beyond the heap anyway; refuse before allocating the host buffer.
    rt.check_room(usize::try_from(len).unwrap_or(usize::MAX))?;
    let signed = match kwarg(rt, &kw, Q_SIGNED) {
        Some(s) => rt.truthy(s)?,
        None => false,
    };
    let n = rt.to_bigint_or_zero(arg(pos, 0));
    if !signed && n.sign() == crate::bigint::Sign::Minus {
        return Err(rt.raise(
            ExcKind::OverflowError,
            crate::packed!("can't convert negative int to unsigned"),
        ));
    }
    let mut bytes = n.to_signed_bytes_le();
    let fill = if n.sign() == crate::bigint::Sign::Minus {
        0xff
    } else {
        0
    };
    if !signed && bytes.len() > 1 && bytes.last() == Some(&0) {
        bytes.pop();
    }
    if bytes.len() > len as usize {
        return Err(rt.raise(
            ExcKind::OverflowError,
            crate::packed!("int too big to convert"),
        ));
    }
    bytes.resize(len as usize, fill);
    if big {
        bytes.reverse();
    }
    rt.new_bytes(&bytes)
}

pub(super) fn int_from_bytes(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    // Called on the class (`int.from_bytes(b)`), the type itself comes first.
    let pos = match pos {
        [t, rest @ ..] if *t == TypeId::Int.value() => rest,
        _ => pos,
    };
    let Some(mut data) = pos
        .first()
        .and_then(|b| rt.bytes_of(*b))
        .map(<[u8]>::to_vec)
    else {
        return Err(rt.type_error(crate::packed!("from_bytes() needs bytes")));
    };
    let order = pos.get(1).copied().or_else(|| kwarg(rt, &kw, Q_BYTEORDER));
    let big = match order {
        Some(o) => rt.str_text(o) == Some("big"),
        None => true,
    };
    let signed = match kwarg(rt, &kw, Q_SIGNED) {
        Some(s) => rt.truthy(s)?,
        None => false,
    };
    // Big-endian bytes are read reversed: one pair of little-endian readers, not two pairs.
    if big {
        data.reverse();
    }
    let n = if signed {
        crate::bigint::BigInt::from_signed_bytes_le(&data)
    } else {
        crate::bigint::BigInt::from_bytes_le(crate::bigint::Sign::Plus, &data)
    };
    rt.new_bigint(&n)
}

#[cfg(feature = "extra-methods")]
pub(super) fn float_is_integer(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let f = rt.float_val(arg(args, 0)).unwrap_or(0.5);
    Ok(Value::bool(
        f.is_finite() && f == crate::format::FloatMath::trunc(f),
    ))
}

pub(super) fn bytes_hex(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = crate::format::hex_of_bytes(rt.bytes_of(arg(args, 0)).unwrap_or(&[]));
    rt.new_str(&s)
}

pub(super) fn bytearray_append(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let x = super::bytes_methods::byte_value(rt, arg(args, 1))?;
    // Written at the end in place (the buffer grows geometrically), not copied and reset.
    let end = rt.bytes_of(arg(args, 0)).map_or(0, <[u8]>::len);
    rt.bytearray_write_at(arg(args, 0), end, &[x])?;
    Ok(Value::NONE)
}

pub(super) fn gen_next(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    super::funcs::next(rt, args.get(..1).unwrap_or_default(), Value::NULL)
}

pub(super) fn gen_send(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    resume(rt, arg(args, 0), arg(args, 1), false)
}

/// Resume `gen` (sending `v`, or throwing `rt.exc` when `throw`): what it yields, or
/// StopIteration with its return value.
fn resume(rt: &mut Runtime, gen: Value, v: Value, throw: bool) -> PyResult<Value> {
    match rt.gen_resume_nested(gen, v, throw)? {
        Some(v) => Ok(v),
        None => stop_iteration(rt),
    }
}

fn stop_iteration(rt: &mut Runtime) -> PyResult<Value> {
    let cls = rt.exc_class(ExcKind::StopIteration)?;
    let v = rt.stop_value;
    rt.stop_value = Value::NONE;
    let e = if v == Value::NONE {
        rt.new_exception(cls, &[])?
    } else {
        rt.new_exception(cls, &[v])?
    };
    Err(rt.raise_value(e))
}

pub(super) fn gen_throw(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut e = arg(args, 1);
    if args.len() >= 3 && rt.kind(e) == Some(Kind::Class) && arg(args, 2) != Value::NONE {
        e = rt.call(e, &[arg(args, 2)], Value::NULL)?;
    }
    let e = rt.make_exception(e)?;
    let g = Runtime::blk(arg(args, 0));
    let state = rt.heap.val(g, GEN_STATE).as_small().unwrap_or(3);
    if state == crate::interp::exec::GEN_SUSPENDED {
        if let Some(r) = throw_into_delegate(rt, arg(args, 0), e) {
            return r;
        }
    }
    if state == crate::interp::exec::GEN_CREATED {
        rt.heap
            .set_val(g, 2, Value::small(crate::interp::exec::GEN_DONE));
    }
    rt.exc = e;
    resume(rt, arg(args, 0), Value::NONE, true)
}

/// A generator suspended in `yield from` over another generator: `(stack slot, sub-generator)`.
fn yield_from_delegate(rt: &Runtime, gen: Value) -> Option<(usize, Value)> {
    use crate::interp::frame::{F_CODE, F_PC, F_SP};
    let fr = rt.heap.val(Runtime::blk(gen), GEN_FRAME);
    if rt.kind(fr) != Some(Kind::Frame) {
        return None;
    }
    let fb = Runtime::blk(fr);
    let pc = rt.heap.val(fb, F_PC).as_small()? as usize;
    let code = rt.code_of(rt.heap.val(fb, F_CODE))?;
    if code.code.get(pc).copied() != Some(crate::bytecode::Opcode::YIELD_FROM as u8) {
        return None;
    }
    let sp = rt.heap.val(fb, F_SP).as_small()? as usize;
    let slot = crate::heap::Heap::base(fb) + rt.heap.aux(fb) as usize + sp.checked_sub(1)?;
    let sub = Value(*rt.heap.words.get(slot)?);
    (rt.kind(sub) == Some(Kind::Generator)).then_some((slot, sub))
}

/// `gen.throw(e)` while `gen` delegates with `yield from`: the exception goes to the
/// sub-generator first. What it yields is yielded; if it returns, `yield from` evaluates to its
/// value; if it raises, the exception continues in `gen`. `None` when `gen` is not delegating.
fn throw_into_delegate(rt: &mut Runtime, gen: Value, e: Value) -> Option<PyResult<Value>> {
    let (slot, sub) = yield_from_delegate(rt, gen)?;
    rt.pins.extend_from_slice(&[gen, e, sub]);
    let r = rt.call_method(sub, Q_THROW, &[e]);
    let out = match r {
        Ok(v) => Ok(v),
        Err(raised) if rt.exc_matches(rt.exc, ExcKind::StopIteration) => {
            // The delegate finished: resume `gen` at its `yield from` with an exhausted iterator
            // in the delegate's place, so the statement completes with the returned value.
            let value = rt.stop_iteration_value(rt.exc);
            rt.exc = Value::NULL;
            let _ = raised;
            match rt.new_tuple(&[]).and_then(|t| rt.get_iter(t)) {
                Ok(empty) => {
                    if yield_from_delegate(rt, gen).is_some_and(|(s, _)| s == slot) {
                        if let Some(word) = rt.heap.words.get_mut(slot) {
                            *word = empty.0;
                        }
                    }
                    rt.stop_value = value;
                    resume(rt, gen, Value::NONE, false)
                }
                Err(x) => Err(x),
            }
        }
        Err(_) => resume(rt, gen, Value::NONE, true),
    };
    rt.unpin(3);
    Some(out)
}

pub(super) fn gen_close(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let g = Runtime::blk(arg(args, 0));
    let state = rt.heap.val(g, GEN_STATE).as_small().unwrap_or(3);
    if state != crate::interp::exec::GEN_SUSPENDED {
        rt.heap
            .set_val(g, 2, Value::small(crate::interp::exec::GEN_DONE));
        return Ok(Value::NONE);
    }
    // A generator delegating with `yield from`/`await` closes its delegate first (which runs
    // the delegate's `finally` blocks), as CPython does.
    if let Some((_, sub)) = yield_from_delegate(rt, arg(args, 0)) {
        rt.pins.extend_from_slice(&[arg(args, 0), sub]);
        let r = gen_close(rt, &[sub], Value::NULL);
        rt.unpin(2);
        if r.is_err() {
            // The delegate's error goes on in this generator, thrown at its `yield from`.
            return match rt.gen_resume_nested(arg(args, 0), Value::NONE, true) {
                Ok(Some(_)) => Err(rt.raise(
                    ExcKind::RuntimeError,
                    crate::packed!("generator ignored GeneratorExit"),
                )),
                Ok(None) => Ok(Value::NONE),
                Err(r) => Err(r),
            };
        }
    }
    let cls = rt.exc_class(ExcKind::GeneratorExit)?;
    let e = rt.new_exception(cls, &[])?;
    rt.exc = e;
    match rt.gen_resume_nested(arg(args, 0), Value::NONE, true) {
        Ok(Some(_)) => {
            let msg = if rt.is_coroutine(arg(args, 0)) {
                "coroutine ignored GeneratorExit"
            } else {
                "generator ignored GeneratorExit"
            };
            Err(rt.raise(ExcKind::RuntimeError, msg))
        }
        Ok(None) => Ok(Value::NONE),
        Err(r) => {
            if rt.exc_matches(rt.exc, ExcKind::GeneratorExit)
                || rt.exc_matches(rt.exc, ExcKind::StopIteration)
            {
                rt.exc = Value::NULL;
                Ok(Value::NONE)
            } else {
                Err(r)
            }
        }
    }
}

pub(super) fn iter_next(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    super::funcs::next(rt, args.get(..1).unwrap_or_default(), Value::NULL)
}

pub(super) fn iter_iter(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(arg(args, 0))
}

pub(super) fn exc_with_traceback(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(arg(args, 0))
}

pub(super) fn exc_init(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&e) = args.first() else {
        return Err(rt.type_error(crate::packed!("__init__ needs self")));
    };
    let mut given = args.get(1..).unwrap_or_default();
    // CPython's `OSError(errno, strerror, filename[, winerror[, filename2]])` keeps the first
    // two as its args and the filename apart (filename2 is not kept).
    let filename = match given {
        [_, _, f, ..] if given.len() <= 5 && *f != Value::NONE => {
            rt.exc_matches(e, ExcKind::OSError).then_some(*f)
        }
        _ => None,
    };
    if filename.is_some() {
        given = given.get(..2).unwrap_or_default();
    }
    let t = rt.new_tuple(given)?;
    rt.pin(t);
    let mut r = rt.set_attr_dict(e, Value::qstr(Q_ARGS), t);
    if let (Ok(()), Some(f)) = (&r, filename) {
        r = rt.set_attr_dict(e, Value::qstr(Q_FILENAME), f);
    }
    rt.unpin(1);
    r.map(|_| Value::NONE)
}

fn set_update_op(rt: &mut Runtime, args: &[Value], op: u32) -> PyResult<Value> {
    let r = set_op(rt, args, op)?;
    rt.pin(r);
    let items: Vec<Value> = rt.dict_items(r).into_iter().map(|e| e.0).collect();
    rt.dict_clear(arg(args, 0));
    let res = items
        .into_iter()
        .try_for_each(|k| rt.dict_set(arg(args, 0), k, Value::NONE));
    rt.unpin(1);
    res.map(|_| Value::NONE)
}

pub(super) fn set_intersection_update(
    rt: &mut Runtime,
    args: &[Value],
    _kw: Value,
) -> PyResult<Value> {
    set_update_op(rt, args, 9)
}

pub(super) fn set_difference_update(
    rt: &mut Runtime,
    args: &[Value],
    _kw: Value,
) -> PyResult<Value> {
    set_update_op(rt, args, 1)
}

pub(super) fn set_symdiff_update(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    set_update_op(rt, args, 11)
}

pub(super) fn slice_indices(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.int_arg(arg(args, 1))?;
    if n < 0 {
        return Err(rt.value_error(crate::packed!("length should not be negative")));
    }
    let (a, b, c, _) = rt.slice_indices(arg(args, 0), n as usize)?;
    let (a, b, c) = (rt.new_int(a)?, rt.new_int(b)?, rt.new_int(c)?);
    rt.new_tuple(&[a, b, c])
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_istitle(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if case_map::is_upper(c) || case_map::is_titlecase_letter(c) {
            if prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            cased = true;
        } else if case_map::is_lower(c) {
            if !prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_isidentifier(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let mut cs = s.chars();
    let ok = match cs.next() {
        Some(c) => {
            crate::format::is_identifier_start(c) && cs.all(crate::format::is_identifier_char)
        }
        None => false,
    };
    Ok(Value::bool(ok))
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_expandtabs(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    let size = match args.get(1) {
        Some(v) => Runtime::size_of_count(rt.int_arg(*v)?),
        None => 8,
    };
    let tabs = s.matches('\t').count();
    rt.check_room(size.saturating_mul(tabs).saturating_add(s.len()))?;
    let mut out = String::new();
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size - col % size;
                    for _ in 0..n {
                        out.push(' ');
                    }
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    rt.new_str(&out)
}

#[cfg(feature = "extra-methods")]
pub(super) fn str_isprintable(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = text(rt, arg(args, 0));
    Ok(Value::bool(s.chars().all(crate::format::is_printable)))
}
