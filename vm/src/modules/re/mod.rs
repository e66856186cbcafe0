//! The `re` module (also `ure`): CPython's regular expressions on a compact backtracking engine
//! of our own (`compile` turns a pattern into a flat program, `engine` runs it).
//!
//! A compiled `Pattern` keeps its program as a `bytes` attribute; `Pattern`, `Match` and the
//! `finditer` iterator are classes made on first use, so `import re` costs only the module.
//!
//! # Bounded matching
//! Each matching call (one `search`, or a whole `sub`/`split`/`findall`) may run at most
//! [`STEPS_BASE`] + [`STEPS_PER_BYTE`] × (text length) engine instructions. A pattern that
//! backtracks catastrophically, like `(a*)*b` against 30 `a`s (2^30 ways to split the `a`s,
//! where CPython would run for hours), raises `RuntimeError` when the budget runs out, in
//! well under a second. `RuntimeError`, not `re.error`: the pattern is valid and the same call
//! succeeds on other text; it is the run that exceeded a resource limit, like a recursion limit.
//! The backtrack stack lives in host memory and is limited to what the free Python heap could
//! hold: beyond that the call raises `MemoryError`.

pub mod compile;
pub mod engine;

use super::{Attr, ModuleDef};
use crate::builtins::{arg, split_kw};
use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::runtime::{PyResult, Raised, Runtime, TypeId};
use crate::value::Value;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use compile::{ReError, ASCII, DOTALL, IGNORECASE, LOCALE, MULTILINE, UNICODE, VERBOSE};
use engine::{Budget, Matcher, Mode, Stop, UNSET};

/// Engine instructions every matching call may run.
pub const STEPS_BASE: u64 = 1 << 20;
/// Further instructions per byte of text.
pub const STEPS_PER_BYTE: u64 = 64;

crate::native_table! {
    /// The natives of `re`: its functions, then the methods of `Pattern`, `Match` and the
    /// `finditer` iterator (each class's rows contiguous, see `PATTERN_ROWS`…).
    pub static NATIVES;
    COMPILE = "compile" => re_compile, module kw;
    MATCH = "match" => re_match, module kw;
    SEARCH = "search" => re_search, module kw;
    FULLMATCH = "fullmatch" => re_fullmatch, module kw;
    SUB = "sub" => re_sub, module kw;
    SUBN = "subn" => re_subn, module kw;
    SPLIT = "split" => re_split, module kw;
    FINDALL = "findall" => re_findall, module kw;
    FINDITER = "finditer" => re_finditer, module kw;
    ESCAPE = "escape" => re_escape, module;
    PURGE = "purge" => re_purge, module;
    P_MATCH = "match" => p_match, module method kw;
    P_SEARCH = "search" => p_search, module method kw;
    P_FULLMATCH = "fullmatch" => p_fullmatch, module method kw;
    P_SUB = "sub" => p_sub, module method kw;
    P_SUBN = "subn" => p_subn, module method kw;
    P_SPLIT = "split" => p_split, module method kw;
    P_FINDALL = "findall" => p_findall, module method kw;
    P_FINDITER = "finditer" => p_finditer, module method kw;
    P_REPR = "__repr__" => p_repr, module method;
    M_GROUP = "group" => m_group, module method;
    M_GROUPS = "groups" => m_groups, module method kw;
    M_GROUPDICT = "groupdict" => m_groupdict, module method kw;
    M_START = "start" => m_start, module method;
    M_END = "end" => m_end, module method;
    M_SPAN = "span" => m_span, module method;
    M_EXPAND = "expand" => m_expand, module method;
    M_GETITEM = "__getitem__" => m_getitem, module method;
    M_REPR = "__repr__" => m_repr, module method;
    I_ITER = "__iter__" => i_iter, module method;
    I_NEXT = "__next__" => i_next, module method;
}

const PATTERN_ROWS: core::ops::Range<u32> = P_MATCH..M_GROUP;
const MATCH_ROWS: core::ops::Range<u32> = M_GROUP..I_ITER;
const ITER_ROWS: core::ops::Range<u32> = I_ITER..I_NEXT + 1;
/// Key of `re.error` in `Runtime::module_classes` (a row no class starts at).
const ERROR_ROWS: core::ops::Range<u32> = COMPILE..COMPILE;

/// The `re` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "re",
    natives: &NATIVES,
    attrs: &[
        ("I", Attr::Int(IGNORECASE as i32)),
        ("IGNORECASE", Attr::Int(IGNORECASE as i32)),
        ("M", Attr::Int(MULTILINE as i32)),
        ("MULTILINE", Attr::Int(MULTILINE as i32)),
        ("S", Attr::Int(DOTALL as i32)),
        ("DOTALL", Attr::Int(DOTALL as i32)),
        ("X", Attr::Int(VERBOSE as i32)),
        ("VERBOSE", Attr::Int(VERBOSE as i32)),
        ("A", Attr::Int(ASCII as i32)),
        ("ASCII", Attr::Int(ASCII as i32)),
        ("U", Attr::Int(UNICODE as i32)),
        ("UNICODE", Attr::Int(UNICODE as i32)),
        ("error", Attr::Made(error_class)),
    ],
    init: None,
};

fn table() -> u32 {
    super::table::RE
}

fn error_class(rt: &mut Runtime) -> PyResult<Value> {
    let base = rt.exc_class(ExcKind::Exception)?;
    rt.module_class(table(), ERROR_ROWS, "error", base)
}

fn pattern_class(rt: &mut Runtime) -> PyResult<Value> {
    rt.module_class(table(), PATTERN_ROWS, "Pattern", TypeId::Object.value())
}

fn match_class(rt: &mut Runtime) -> PyResult<Value> {
    rt.module_class(table(), MATCH_ROWS, "Match", TypeId::Object.value())
}

fn iter_class(rt: &mut Runtime) -> PyResult<Value> {
    rt.module_class(
        table(),
        ITER_ROWS,
        "callable_iterator",
        TypeId::Object.value(),
    )
}

// ---- attribute storage -------------------------------------------------------------------

fn get(rt: &mut Runtime, obj: Value, name: &str) -> PyResult<Value> {
    let k = rt.intern(name)?;
    match rt.instance_attr(obj, k) {
        Some(v) => Ok(v),
        None => Err(rt.raise_with(
            ExcKind::AttributeError,
            "'{}' object has no attribute '{}'",
            &[rt.type_name(obj).arg(), name.arg()],
        )),
    }
}

fn set(rt: &mut Runtime, obj: Value, name: &str, v: Value) -> PyResult<()> {
    rt.pin(v);
    let r = rt.intern(name).and_then(|k| rt.set_attr_dict(obj, k, v));
    rt.unpin(1);
    r
}

fn small(rt: &mut Runtime, v: Value) -> usize {
    rt.to_i64(v).map_or(0, |i| i.max(0) as usize)
}

/// Keyword-or-positional arguments by name: `names[i]` binds `args[i]` or a keyword.
fn bind(
    rt: &mut Runtime,
    fname: &str,
    args: &[Value],
    kwnames: Value,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    if pos.len() > names.len() {
        return Err(rt.type_error_with(
            "{}() takes at most {} arguments ({} given)",
            &[fname.arg(), names.len().arg(), pos.len().arg()],
        ));
    }
    let mut out: Vec<Option<Value>> = pos.iter().map(|v| Some(*v)).collect();
    out.resize(names.len(), None);
    for (k, v) in kw {
        let kt = rt.str_text(k).unwrap_or("");
        match names.iter().position(|n| *n == kt) {
            Some(i) if out[i].is_none() => out[i] = Some(v),
            Some(_) => {
                let msg = fill(
                    "argument for {}() given by name ('{}') and position",
                    &[fname.arg(), kt.arg()],
                );
                return Err(rt.type_error(&msg));
            }
            None => {
                let msg = fill(
                    "{}() got an unexpected keyword argument '{}'",
                    &[fname.arg(), kt.arg()],
                );
                return Err(rt.type_error(&msg));
            }
        }
    }
    if let Some(i) = out.iter().take(required).position(Option::is_none) {
        return Err(rt.type_error_with(
            "{}() missing required argument '{}'",
            &[fname.arg(), (names[i]).arg()],
        ));
    }
    Ok(out)
}

// ---- compiling -----------------------------------------------------------------------------

fn raise_re_error(rt: &mut Runtime, e: &ReError, pattern: Value) -> Raised {
    let cls = match error_class(rt) {
        Ok(c) => c,
        Err(r) => return r,
    };
    let text = alloc::string::ToString::to_string(e);
    let r = (|| {
        let msg = rt.new_str(&text)?;
        let inst = rt.new_exception(cls, &[msg])?;
        rt.pin(inst);
        let r = (|| {
            let m = rt.new_str(&e.msg)?;
            set(rt, inst, "msg", m)?;
            let p = match e.pos {
                Some(p) => rt.new_int(p as i64)?,
                None => Value::NONE,
            };
            set(rt, inst, "pos", p)?;
            set(rt, inst, "pattern", pattern)
        })();
        rt.unpin(1);
        r.map(|_| inst)
    })();
    match r {
        Ok(inst) => rt.raise_value(inst),
        Err(r) => r,
    }
}

fn is_pattern(rt: &mut Runtime, v: Value) -> bool {
    let key = crate::builtins::native::native_id(table(), PATTERN_ROWS.start);
    rt.module_classes
        .iter()
        .find(|(k, _)| *k == key)
        .is_some_and(|&(_, c)| rt.is_instance(v, c))
}

/// `re.compile(pattern, flags)`: a Pattern object.
fn compile_value(rt: &mut Runtime, pattern: Value, flags: Value) -> PyResult<Value> {
    if is_pattern(rt, pattern) {
        if rt.to_i64(flags) != Some(0) {
            return Err(rt.value_error(crate::packed!(
                "cannot process flags argument with a compiled pattern"
            )));
        }
        return Ok(pattern);
    }
    let flags = match rt.to_i64(flags) {
        Some(f) if (0..=u32::MAX as i64).contains(&f) => f as u32,
        _ => return Err(rt.type_error(crate::packed!("flags must be an int"))),
    };
    let is_str = rt.is_str(pattern);
    let Some(len) = rt
        .str_text(pattern)
        .map(str::len)
        .or(rt.bytes_of(pattern).map(<[u8]>::len))
    else {
        return Err(rt.type_error_with(
            "first argument must be string or compiled pattern, not {}",
            &[rt.type_name(pattern).arg()],
        ));
    };
    rt.check_room(len * 4)?;
    let chars: Vec<u32> = match rt.str_text(pattern) {
        Some(t) => t.chars().map(|c| c as u32).collect(),
        None => rt
            .bytes_of(pattern)
            .unwrap_or(&[])
            .iter()
            .map(|&b| b as u32)
            .collect(),
    };
    if is_str && flags & LOCALE != 0 {
        return Err(rt.value_error(crate::packed!("cannot use LOCALE flag with a str pattern")));
    }
    if !is_str && flags & LOCALE == 0 && flags & UNICODE != 0 {
        let e = ReError {
            msg: "cannot use UNICODE flag with a bytes pattern".into(),
            pos: None,
        };
        return Err(raise_re_error(rt, &e, pattern));
    }
    let c = match compile::compile(&chars, is_str, flags) {
        Ok(c) => c,
        Err(e) => return Err(raise_re_error(rt, &e, pattern)),
    };
    drop(chars);
    let code: Vec<u8> = c.code.iter().flat_map(|w| w.to_le_bytes()).collect();
    let cls = pattern_class(rt)?;
    rt.pin(pattern);
    let r = (|| {
        let p = rt.new_instance(cls)?;
        rt.pin(p);
        let r = (|| {
            set(rt, p, "pattern", pattern)?;
            let f = rt.new_int(c.flags as i64)?;
            set(rt, p, "flags", f)?;
            set(rt, p, "groups", Value::small(c.groups as i32))?;
            let gi = rt.new_dict()?;
            set(rt, p, "groupindex", gi)?;
            for (name, g) in &c.names {
                let k = rt.new_str(name)?;
                rt.pin(k);
                let r = rt.dict_set(gi, k, Value::small(*g as i32));
                rt.unpin(1);
                r?;
            }
            let b = rt.new_bytes(&code)?;
            set(rt, p, "_code", b)
        })();
        rt.unpin(1);
        r.map(|_| p)
    })();
    rt.unpin(1);
    r
}

/// What a matching call needs of its pattern: the program and how to read its subject.
struct Prog {
    pat: Value,
    code: Vec<u32>,
    is_str: bool,
    groups: usize,
}

fn prog(rt: &mut Runtime, pat: Value) -> PyResult<Prog> {
    if !is_pattern(rt, pat) {
        return Err(rt.type_error_with(
            "descriptor requires a 're.Pattern' object but received '{}'",
            &[rt.type_name(pat).arg()],
        ));
    }
    let b = get(rt, pat, "_code")?;
    let code: Vec<u32> = match rt.bytes_of(b) {
        Some(bytes) => bytes
            .chunks_exact(4)
            .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
            .collect(),
        None => return Err(rt.type_error(crate::packed!("corrupt pattern"))),
    };
    let p = get(rt, pat, "pattern")?;
    let is_str = rt.is_str(p);
    let g = get(rt, pat, "groups")?;
    let groups = small(rt, g).min(compile::MAX_GROUPS);
    Ok(Prog {
        pat,
        code,
        is_str,
        groups,
    })
}

// ---- subjects ------------------------------------------------------------------------------

/// The text a call matches against.
#[derive(Clone, Copy)]
struct Subject {
    v: Value,
    is_str: bool,
    ascii: bool,
    len: usize,
}

fn subject(rt: &mut Runtime, p: &Prog, v: Value) -> PyResult<Subject> {
    let (is_str, ascii, len) = if let Some(t) = rt.str_text(v) {
        (true, t.is_ascii(), t.len())
    } else if let Some(b) = rt.bytes_of(v) {
        (false, true, b.len())
    } else {
        return Err(rt.type_error_with(
            "expected string or bytes-like object, got '{}'",
            &[rt.type_name(v).arg()],
        ));
    };
    if is_str != p.is_str {
        return Err(rt.type_error(if p.is_str {
            "cannot use a string pattern on a bytes-like object"
        } else {
            "cannot use a bytes pattern on a string-like object"
        }));
    }
    Ok(Subject {
        v,
        is_str,
        ascii,
        len,
    })
}

fn text(rt: &Runtime, s: Subject) -> &[u8] {
    let t = if s.is_str {
        rt.str_text(s.v).map(str::as_bytes)
    } else {
        rt.bytes_of(s.v)
    };
    t.unwrap_or(&[])
}

/// Char index of byte offset `b`, counting from `hint` (a known (byte, char) pair) when it lies
/// before `b`.
fn char_index(t: &[u8], s: Subject, b: usize, hint: (usize, usize)) -> usize {
    if s.ascii {
        return b;
    }
    let (from, base) = if hint.0 <= b { hint } else { (0, 0) };
    base + t
        .get(from..b)
        .map_or(0, |r| r.iter().filter(|&&x| x & 0xc0 != 0x80).count())
}

/// Byte offset of char index `c` (clamped to the text).
fn byte_index(t: &[u8], s: Subject, c: usize) -> usize {
    if s.ascii {
        return c.min(t.len());
    }
    let mut n = 0;
    for (i, &x) in t.iter().enumerate() {
        if x & 0xc0 != 0x80 {
            if n == c {
                return i;
            }
            n += 1;
        }
    }
    t.len()
}

fn budget(rt: &Runtime, len: usize) -> Budget {
    Budget {
        steps: STEPS_BASE + STEPS_PER_BYTE * len as u64,
        max_stack: rt.heap.bytes_free() / engine::ENTRY_BYTES,
    }
}

fn stopped(rt: &mut Runtime, s: Stop) -> Raised {
    match s {
        Stop::Steps => rt.raise(
            ExcKind::RuntimeError,
            crate::packed!("regular expression ran out of backtracking steps"),
        ),
        Stop::Memory => rt.raise(
            ExcKind::MemoryError,
            crate::packed!("regular expression backtrack stack"),
        ),
    }
}

/// Group 0's span in match registers `caps` (start and end of the whole match), read with a
/// slice pattern rather than indexing: no bounds-check panics. A match always has it.
fn whole_span(caps: &[usize]) -> (usize, usize) {
    match caps {
        [start, end, ..] => (*start, *end),
        _ => (UNSET, UNSET),
    }
}

/// A search (or anchored match) from byte `pos` with text ending at byte `end`: the capture
/// slots of the match.
#[allow(clippy::too_many_arguments)]
fn find(
    rt: &mut Runtime,
    p: &Prog,
    s: Subject,
    pos: usize,
    end: usize,
    anchored: bool,
    mode: Mode,
    b: &mut Budget,
) -> PyResult<Option<Vec<usize>>> {
    let t = text(rt, s);
    let t = t.get(..end).unwrap_or(t);
    let mut m = Matcher::new(&p.code, t, s.is_str, *b);
    let r = if anchored {
        m.match_at(pos, mode)
    } else {
        m.search(pos, mode)
    };
    b.steps = m.steps_left();
    match r {
        Ok(true) => Ok(Some(core::mem::take(&mut m.caps))),
        Ok(false) => Ok(None),
        Err(e) => Err(stopped(rt, e)),
    }
}

/// A new `str`/`bytes` of the subject's bytes `a..b`.
fn piece(rt: &mut Runtime, s: Subject, a: usize, b: usize) -> PyResult<Value> {
    let bytes = text(rt, s).get(a..b).unwrap_or(&[]).to_vec();
    if s.is_str {
        rt.new_str_utf8(&bytes)
    } else {
        rt.new_bytes(&bytes)
    }
}

fn empty(s: Subject, rt: &mut Runtime) -> PyResult<Value> {
    if s.is_str {
        rt.new_str("")
    } else {
        rt.new_bytes(&[])
    }
}

/// A group's text, or `default` when it did not take part.
fn group_value(
    rt: &mut Runtime,
    s: Subject,
    caps: &[usize],
    g: usize,
    default: Value,
) -> PyResult<Value> {
    match (caps.get(2 * g), caps.get(2 * g + 1)) {
        (Some(&a), Some(&b)) if a != UNSET && b != UNSET && a <= b => piece(rt, s, a, b),
        _ => Ok(default),
    }
}

fn new_match(
    rt: &mut Runtime,
    p: &Prog,
    s: Subject,
    caps: &[usize],
    pos: usize,
    end: usize,
    hint: (usize, usize),
) -> PyResult<Value> {
    let t = text(rt, s);
    let n = 2 * (p.groups + 1);
    let mut bytes_at: Vec<Value> = Vec::with_capacity(n);
    let mut chars_at: Vec<Value> = Vec::with_capacity(n);
    for i in 0..n {
        match caps.get(i) {
            Some(&c) if c != UNSET => {
                bytes_at.push(Value::try_small(c as i64).unwrap_or(Value::small(-1)));
                let ci = char_index(t, s, c, hint);
                chars_at.push(Value::try_small(ci as i64).unwrap_or(Value::small(-1)));
            }
            _ => {
                bytes_at.push(Value::small(-1));
                chars_at.push(Value::small(-1));
            }
        }
    }
    let pos_c = char_index(t, s, pos, (0, 0));
    let end_c = char_index(t, s, end, (0, 0));
    // lastindex: the group that closed last (the latest end; the outer one on a tie).
    let mut last: Option<usize> = None;
    for g in 1..=p.groups {
        if let (Some(&a), Some(&b)) = (caps.get(2 * g), caps.get(2 * g + 1)) {
            if a != UNSET
                && b != UNSET
                && last.is_none_or(|l| caps.get(2 * l + 1).is_some_and(|&x| b > x))
            {
                last = Some(g);
            }
        }
    }
    let cls = match_class(rt)?;
    let m = rt.new_instance(cls)?;
    rt.pin(m);
    let r = (|| {
        set(rt, m, "string", s.v)?;
        set(rt, m, "re", p.pat)?;
        let v = rt.new_int(pos_c as i64)?;
        set(rt, m, "pos", v)?;
        let v = rt.new_int(end_c as i64)?;
        set(rt, m, "endpos", v)?;
        let v = rt.new_tuple(&bytes_at)?;
        set(rt, m, "_b", v)?;
        let v = if s.ascii { v } else { rt.new_tuple(&chars_at)? };
        set(rt, m, "_c", v)?;
        let li = last.map_or(Value::NONE, |g| Value::small(g as i32));
        set(rt, m, "lastindex", li)?;
        let mut lg = Value::NONE;
        if let Some(g) = last {
            let gi = get(rt, p.pat, "groupindex")?;
            for (k, v) in rt.dict_items(gi) {
                if v.as_small() == Some(g as i32) {
                    lg = k;
                }
            }
        }
        set(rt, m, "lastgroup", lg)
    })();
    rt.unpin(1);
    r.map(|_| m)
}

/// `pos`/`endpos` arguments (char indices) as byte offsets.
fn window(
    rt: &mut Runtime,
    s: Subject,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<(usize, usize)> {
    let clamp = |rt: &mut Runtime, v: Option<Value>, dflt: i64| -> PyResult<i64> {
        match v {
            None => Ok(dflt),
            Some(v) if v == Value::NONE => Ok(dflt),
            Some(v) => rt.index_arg(v),
        }
    };
    let nchars = if s.ascii {
        s.len
    } else {
        char_index(text(rt, s), s, s.len, (0, 0))
    };
    let p = clamp(rt, pos, 0)?.clamp(0, nchars as i64) as usize;
    let e = clamp(rt, endpos, nchars as i64)?.clamp(0, nchars as i64) as usize;
    let t = text(rt, s);
    let pb = byte_index(t, s, p);
    let eb = byte_index(t, s, e);
    Ok((pb.min(eb), eb))
}

// ---- matching calls --------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq)]
enum How {
    Match,
    Search,
    Full,
}

fn do_match(
    rt: &mut Runtime,
    pat: Value,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
    how: How,
) -> PyResult<Value> {
    let p = prog(rt, pat)?;
    let s = subject(rt, &p, string)?;
    let (pb, eb) = window(rt, s, pos, endpos)?;
    let mut b = budget(rt, eb);
    let mode = Mode {
        full: how == How::Full,
        must_advance: false,
    };
    match find(rt, &p, s, pb, eb, how != How::Search, mode, &mut b)? {
        Some(caps) => {
            rt.pin(p.pat);
            let r = new_match(rt, &p, s, &caps, pb, eb, (0, 0));
            rt.unpin(1);
            r
        }
        None => Ok(Value::NONE),
    }
}

fn module_call(
    rt: &mut Runtime,
    name: &str,
    args: &[Value],
    kwnames: Value,
    names: &[&str],
    required: usize,
) -> PyResult<(Value, Vec<Option<Value>>)> {
    let a = bind(rt, name, args, kwnames, names, required)?;
    let flags = a.last().copied().flatten().unwrap_or(Value::small(0));
    let pat = compile_value(
        rt,
        a.first().copied().flatten().unwrap_or(Value::NONE),
        flags,
    )?;
    Ok((pat, a))
}

fn re_compile(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let a = bind(rt, "compile", args, kwnames, &["pattern", "flags"], 1)?;
    compile_value(
        rt,
        a.first().copied().flatten().unwrap_or(Value::NONE),
        a.get(1).copied().flatten().unwrap_or(Value::small(0)),
    )
}

/// Calls `each(rt, caps)` for every non-overlapping match in `s[pb..eb]` (at most `limit`, 0
/// for all), with CPython's rule for empty matches: one may not start where the previous
/// empty match was.
fn each_match(
    rt: &mut Runtime,
    p: &Prog,
    s: Subject,
    pb: usize,
    eb: usize,
    limit: usize,
    each: &mut dyn FnMut(&mut Runtime, &[usize]) -> PyResult<()>,
) -> PyResult<usize> {
    let mut b = budget(rt, eb);
    let mut pos = pb;
    let mut must_advance = false;
    let mut n = 0;
    while pos <= eb && (limit == 0 || n < limit) {
        let mode = Mode {
            full: false,
            must_advance,
        };
        let Some(caps) = find(rt, p, s, pos, eb, false, mode, &mut b)? else {
            break;
        };
        let (a, e) = whole_span(&caps);
        each(rt, &caps)?;
        n += 1;
        must_advance = a == e;
        pos = e;
    }
    Ok(n)
}

/// A piece of a replacement template.
enum Part {
    Text(Vec<u8>),
    Group(usize),
}

fn template_error(rt: &mut Runtime, msg: String, pos: usize, tmpl: Value) -> Raised {
    raise_re_error(
        rt,
        &ReError {
            msg,
            pos: Some(pos),
        },
        tmpl,
    )
}

/// Parse a replacement template (`\1`, `\g<name>`, `\n`…).
fn parse_template(rt: &mut Runtime, p: &Prog, tmpl: Value) -> PyResult<Vec<Part>> {
    let src: Vec<u8> = match rt.str_text(tmpl) {
        Some(t) => t.as_bytes().to_vec(),
        None => rt.bytes_of(tmpl).unwrap_or(&[]).to_vec(),
    };
    let gi = get(rt, p.pat, "groupindex")?;
    let mut parts = Vec::new();
    let mut lit: Vec<u8> = Vec::new();
    let mut i = 0;
    // Positions in errors count chars.
    let cpos = |i: usize| {
        src.get(..i)
            .map_or(i, |s| s.iter().filter(|&&x| x & 0xc0 != 0x80).count())
    };
    while i < src.len() {
        let c = src[i];
        if c != b'\\' {
            lit.push(c);
            i += 1;
            continue;
        }
        let Some(&n) = src.get(i + 1) else {
            return Err(template_error(
                rt,
                "bad escape (end of pattern)".into(),
                cpos(i),
                tmpl,
            ));
        };
        let mut group = None;
        match n {
            b'g' => {
                if src.get(i + 2) != Some(&b'<') {
                    return Err(template_error(rt, "missing <".into(), cpos(i + 2), tmpl));
                }
                let Some(close) = src[i + 3..].iter().position(|&x| x == b'>') else {
                    return Err(template_error(
                        rt,
                        "missing >, unterminated name".into(),
                        cpos(i + 3),
                        tmpl,
                    ));
                };
                let name = String::from_utf8_lossy(&src[i + 3..i + 3 + close]).into_owned();
                if name.is_empty() {
                    return Err(template_error(
                        rt,
                        "missing group name".into(),
                        cpos(i + 3),
                        tmpl,
                    ));
                }
                let g = if name.bytes().all(|d| d.is_ascii_digit()) {
                    name.parse::<usize>().unwrap_or(usize::MAX)
                } else {
                    let k = rt.new_str(&name)?;
                    match rt.dict_get(gi, k)? {
                        Some(v) => small(rt, v),
                        None => {
                            let ok = name
                                .chars()
                                .next()
                                .is_some_and(crate::format::is_identifier_start)
                                && name.chars().all(crate::format::is_identifier_char);
                            let msg = if ok {
                                return Err(rt.raise(
                                    ExcKind::IndexError,
                                    &fill("unknown group name '{}'", &[name.arg()]),
                                ));
                            } else {
                                fill("bad character in group name '{}'", &[name.arg()])
                            };
                            return Err(template_error(rt, msg, cpos(i + 3), tmpl));
                        }
                    }
                };
                if g > p.groups {
                    return Err(template_error(
                        rt,
                        fill("invalid group reference {}", &[g.arg()]),
                        cpos(i + 3),
                        tmpl,
                    ));
                }
                group = Some(g);
                i += 4 + close;
            }
            b'0' => {
                let mut v = 0u32;
                let mut j = i + 1;
                while j < i + 4 && src.get(j).is_some_and(|d| (b'0'..b'8').contains(d)) {
                    v = v * 8 + (src[j] - b'0') as u32;
                    j += 1;
                }
                push_char(&mut lit, v, rt.is_str(tmpl));
                i = j;
            }
            b'1'..=b'9' => {
                let mut j = i + 2;
                let mut g = (n - b'0') as usize;
                if let Some(&d) = src.get(j).filter(|d| d.is_ascii_digit()) {
                    let octal = |x: u8| (b'0'..b'8').contains(&x);
                    if octal(n) && octal(d) && src.get(j + 1).is_some_and(|&x| octal(x)) {
                        let v = ((n - b'0') as u32) * 64
                            + ((d - b'0') as u32) * 8
                            + (src[j + 1] - b'0') as u32;
                        if v > 0o377 {
                            return Err(template_error(
                                rt,
                                format!("octal escape value \\{v:o} outside of range 0-0o377"),
                                cpos(i),
                                tmpl,
                            ));
                        }
                        push_char(&mut lit, v, rt.is_str(tmpl));
                        i = j + 2;
                        continue;
                    }
                    g = g * 10 + (d - b'0') as usize;
                    j += 1;
                }
                if g > p.groups {
                    return Err(template_error(
                        rt,
                        fill("invalid group reference {}", &[g.arg()]),
                        cpos(i + 1),
                        tmpl,
                    ));
                }
                group = Some(g);
                i = j;
            }
            _ => {
                let v = match n {
                    b'a' => Some(7),
                    b'b' => Some(8),
                    b'f' => Some(12),
                    b'n' => Some(10),
                    b'r' => Some(13),
                    b't' => Some(9),
                    b'v' => Some(11),
                    b'\\' => Some(b'\\'),
                    _ => None,
                };
                match v {
                    Some(v) => lit.push(v),
                    None if n.is_ascii_alphanumeric() => {
                        return Err(template_error(
                            rt,
                            fill("bad escape \\{}", &[(n as char).arg()]),
                            cpos(i),
                            tmpl,
                        ));
                    }
                    None => lit.extend_from_slice(&[b'\\', n]),
                }
                i += 2;
            }
        }
        if let Some(g) = group {
            if !lit.is_empty() {
                parts.push(Part::Text(core::mem::take(&mut lit)));
            }
            parts.push(Part::Group(g));
        }
    }
    if !lit.is_empty() {
        parts.push(Part::Text(lit));
    }
    Ok(parts)
}

fn push_char(out: &mut Vec<u8>, v: u32, utf8: bool) {
    if utf8 {
        let mut buf = [0u8; 4];
        out.extend_from_slice(
            char::from_u32(v)
                .unwrap_or('\u{fffd}')
                .encode_utf8(&mut buf)
                .as_bytes(),
        );
    } else {
        out.push(v as u8);
    }
}

fn grow_check(rt: &mut Runtime, out: &[u8]) -> PyResult<()> {
    rt.check_room(out.len())
}

/// `sub`/`subn`: the new text and the number of replacements.
fn do_sub(
    rt: &mut Runtime,
    pat: Value,
    repl: Value,
    string: Value,
    count: Option<Value>,
) -> PyResult<(Value, usize)> {
    let p = prog(rt, pat)?;
    let s = subject(rt, &p, string)?;
    let limit = match count {
        Some(c) => rt.index_arg(c)?.max(0) as usize,
        None => 0,
    };
    let callable = !(rt.is_str(repl) || rt.bytes_of(repl).is_some());
    let parts = if callable {
        Vec::new()
    } else {
        if rt.is_str(repl) != s.is_str {
            return Err(rt.type_error_with(
                "expected {}, got '{}'",
                &[
                    (if s.is_str {
                        "str"
                    } else {
                        "a bytes-like object"
                    })
                    .arg(),
                    rt.type_name(repl).arg(),
                ],
            ));
        }
        parse_template(rt, &p, repl)?
    };
    let mut out: Vec<u8> = Vec::new();
    let mut last = 0;
    let mut hint = (0usize, 0usize);
    let pins = rt.pins.len();
    rt.pin(pat);
    rt.pin(repl);
    rt.pin(string);
    let r = each_match(rt, &p, s, 0, s.len, limit, &mut |rt, caps| {
        let (a, e) = whole_span(caps);
        let t = text(rt, s);
        out.extend_from_slice(t.get(last..a).unwrap_or(&[]));
        last = e;
        if callable {
            let m = new_match(rt, &p, s, caps, 0, s.len, hint)?;
            if !s.ascii {
                let t = text(rt, s);
                hint = (a, char_index(t, s, a, hint));
            }
            let v = rt.call(repl, &[m], Value::NULL)?;
            let piece = if s.is_str {
                rt.str_text(v).map(str::as_bytes)
            } else {
                rt.bytes_of(v)
            };
            match piece {
                Some(b) => out.extend_from_slice(b),
                None => {
                    return Err(rt.type_error_with(
                        "expected {}, got '{}'",
                        &[
                            (if s.is_str {
                                "str"
                            } else {
                                "a bytes-like object"
                            })
                            .arg(),
                            rt.type_name(v).arg(),
                        ],
                    ));
                }
            }
        } else {
            for part in &parts {
                match part {
                    Part::Text(b) => out.extend_from_slice(b),
                    Part::Group(g) => {
                        if let (Some(&x), Some(&y)) = (caps.get(2 * g), caps.get(2 * g + 1)) {
                            if x != UNSET && y != UNSET {
                                out.extend_from_slice(t.get(x..y).unwrap_or(&[]));
                            }
                        }
                    }
                }
            }
        }
        grow_check(rt, &out)
    });
    let r = r.and_then(|n| {
        let t = text(rt, s);
        out.extend_from_slice(t.get(last..).unwrap_or(&[]));
        grow_check(rt, &out)?;
        let v = if s.is_str {
            rt.new_str_utf8(&out)?
        } else {
            rt.new_bytes(&out)?
        };
        Ok((v, n))
    });
    rt.pins.truncate(pins);
    r
}

fn subn_result(rt: &mut Runtime, r: (Value, usize)) -> PyResult<Value> {
    rt.pin(r.0);
    let n = rt.new_int(r.1 as i64);
    let t = n.and_then(|n| rt.new_tuple(&[r.0, n]));
    rt.unpin(1);
    t
}

fn do_split(
    rt: &mut Runtime,
    pat: Value,
    string: Value,
    maxsplit: Option<Value>,
) -> PyResult<Value> {
    let p = prog(rt, pat)?;
    let s = subject(rt, &p, string)?;
    let limit = match maxsplit {
        Some(c) => rt.index_arg(c)?,
        None => 0,
    };
    let list = rt.new_list(&[])?;
    if limit < 0 {
        rt.pin(list);
        let r = rt.list_append(list, string);
        rt.unpin(1);
        return r.map(|_| list);
    }
    let pins = rt.pins.len();
    rt.pin(list);
    rt.pin(pat);
    rt.pin(string);
    let mut last = 0;
    let r = each_match(rt, &p, s, 0, s.len, limit as usize, &mut |rt, caps| {
        let (start, end) = whole_span(caps);
        let v = piece(rt, s, last, start)?;
        rt.pin(v);
        let r = rt.list_append(list, v);
        rt.unpin(1);
        r?;
        for g in 1..=p.groups {
            let v = group_value(rt, s, caps, g, Value::NONE)?;
            rt.pin(v);
            let r = rt.list_append(list, v);
            rt.unpin(1);
            r?;
        }
        last = end;
        Ok(())
    });
    let r = r.and_then(|_| {
        let v = piece(rt, s, last, s.len)?;
        rt.pin(v);
        let r = rt.list_append(list, v);
        rt.unpin(1);
        r
    });
    rt.pins.truncate(pins);
    r.map(|_| list)
}

fn do_findall(
    rt: &mut Runtime,
    pat: Value,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<Value> {
    let p = prog(rt, pat)?;
    let s = subject(rt, &p, string)?;
    let (pb, eb) = window(rt, s, pos, endpos)?;
    let list = rt.new_list(&[])?;
    let pins = rt.pins.len();
    rt.pin(list);
    rt.pin(pat);
    rt.pin(string);
    let r = each_match(rt, &p, s, pb, eb, 0, &mut |rt, caps| {
        let v = if p.groups == 0 {
            let (start, end) = whole_span(caps);
            piece(rt, s, start, end)?
        } else if p.groups == 1 {
            let e = empty(s, rt)?;
            group_value(rt, s, caps, 1, e)?
        } else {
            let base = rt.pins.len();
            let r = (|| {
                for g in 1..=p.groups {
                    let e = empty(s, rt)?;
                    let v = group_value(rt, s, caps, g, e)?;
                    rt.pin(v);
                }
                let items = rt.pins.get(base..).unwrap_or_default().to_vec();
                rt.new_tuple(&items)
            })();
            rt.pins.truncate(base);
            r?
        };
        rt.pin(v);
        let r = rt.list_append(list, v);
        rt.unpin(1);
        r
    });
    rt.pins.truncate(pins);
    r.map(|_| list)
}

/// `finditer`: an iterator object holding the pattern, the subject, and where the next search
/// starts (byte offset, char index, whether the last match was empty).
fn do_finditer(
    rt: &mut Runtime,
    pat: Value,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<Value> {
    let p = prog(rt, pat)?;
    let s = subject(rt, &p, string)?;
    let (pb, eb) = window(rt, s, pos, endpos)?;
    let cls = iter_class(rt)?;
    let it = rt.new_instance(cls)?;
    rt.pin(it);
    let r = (|| {
        set(rt, it, "_re", pat)?;
        set(rt, it, "_s", string)?;
        let t = text(rt, s);
        let pc = char_index(t, s, pb, (0, 0));
        let vals = [pb, pc, eb, 0];
        for (name, v) in ["_p", "_pc", "_e", "_ma"].iter().zip(vals) {
            let v = rt.new_int(v as i64)?;
            set(rt, it, name, v)?;
        }
        Ok(())
    })();
    rt.unpin(1);
    r.map(|_| it)
}

fn i_iter(_rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(arg(args, 0))
}

fn i_next(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let it = arg(args, 0);
    let pat = get(rt, it, "_re")?;
    let string = get(rt, it, "_s")?;
    let mut f = [0usize; 4];
    for (i, name) in ["_p", "_pc", "_e", "_ma"].iter().enumerate() {
        let v = get(rt, it, name)?;
        f[i] = small(rt, v);
    }
    let [pos, pos_c, end, ma] = f;
    let p = prog(rt, pat)?;
    let s = subject(rt, &p, string)?;
    if pos > end || ma > 1 {
        return Err(rt.raise(ExcKind::StopIteration, crate::packed!("")));
    }
    let mut b = budget(rt, end);
    let mode = Mode {
        full: false,
        must_advance: ma == 1,
    };
    let Some(caps) = find(rt, &p, s, pos, end, false, mode, &mut b)? else {
        set(rt, it, "_ma", Value::small(2))?;
        return Err(rt.raise(ExcKind::StopIteration, crate::packed!("")));
    };
    let m = new_match(rt, &p, s, &caps, 0, end, (pos, pos_c))?;
    rt.pin(m);
    let r = (|| {
        let t = text(rt, s);
        let (start, end) = whole_span(&caps);
        let ec = char_index(t, s, end, (pos, pos_c));
        let vals = [end, ec, (start == end) as usize];
        for (name, v) in ["_p", "_pc", "_ma"].iter().zip(vals) {
            let v = rt.new_int(v as i64)?;
            set(rt, it, name, v)?;
        }
        // A Match from finditer reports the iterator's pos/endpos.
        Ok(())
    })();
    rt.unpin(1);
    r.map(|_| m)
}

/// A search operation, the same behind `re.NAME(pattern, ..., flags)` and `Pattern.NAME(...)`.
#[derive(Clone, Copy)]
enum Op {
    Match(How),
    Sub,
    Subn,
    Split,
    FindAll,
    FindIter,
}

impl Op {
    /// Its name, the Pattern method's parameters after `self`, and how many are required.
    fn signature(self) -> (&'static str, &'static [&'static str], usize) {
        const SEARCH: &[&str] = &["string", "pos", "endpos"];
        const SUB: &[&str] = &["repl", "string", "count"];
        match self {
            Op::Match(How::Match) => ("match", SEARCH, 1),
            Op::Match(How::Search) => ("search", SEARCH, 1),
            Op::Match(How::Full) => ("fullmatch", SEARCH, 1),
            Op::Sub => ("sub", SUB, 2),
            Op::Subn => ("subn", SUB, 2),
            Op::Split => ("split", &["string", "maxsplit"], 1),
            Op::FindAll => ("findall", SEARCH, 1),
            Op::FindIter => ("finditer", SEARCH, 1),
        }
    }

    /// The module-level function's parameters: `pattern`, the method's without `pos` and
    /// `endpos`, then `flags`.
    fn module_params(self) -> &'static [&'static str] {
        match self {
            Op::Sub | Op::Subn => &["pattern", "repl", "string", "count", "flags"],
            Op::Split => &["pattern", "string", "maxsplit", "flags"],
            _ => &["pattern", "string", "flags"],
        }
    }

    /// Run it with the compiled pattern `pat` and the method's arguments `a` (missing: absent).
    fn run(self, rt: &mut Runtime, pat: Value, a: &[Option<Value>]) -> PyResult<Value> {
        let arg = |i: usize| a.get(i).copied().flatten();
        let given = |i: usize| arg(i).unwrap_or(Value::NONE);
        match self {
            Op::Match(how) => do_match(rt, pat, given(0), arg(1), arg(2), how),
            Op::Sub => do_sub(rt, pat, given(0), given(1), arg(2)).map(|r| r.0),
            Op::Subn => {
                let r = do_sub(rt, pat, given(0), given(1), arg(2))?;
                subn_result(rt, r)
            }
            Op::Split => do_split(rt, pat, given(0), arg(1)),
            Op::FindAll => do_findall(rt, pat, given(0), arg(1), arg(2)),
            Op::FindIter => do_finditer(rt, pat, given(0), arg(1), arg(2)),
        }
    }
}

/// `re.NAME(pattern, ..., flags)`: compile (or take from the cache) and run `op`.
fn module_level(rt: &mut Runtime, op: Op, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (name, _, required) = op.signature();
    let params = op.module_params();
    let (pat, a) = module_call(rt, name, args, kwnames, params, required + 1)?;
    rt.pin(pat);
    // The method's arguments are those between the pattern and the flags.
    let r = op.run(rt, pat, a.get(1..params.len() - 1).unwrap_or(&[]));
    rt.unpin(1);
    r
}

/// `Pattern.NAME(...)`: run `op` with the pattern `args[0]`.
fn pattern_method(rt: &mut Runtime, op: Op, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (name, params, required) = op.signature();
    let a = bind(
        rt,
        name,
        args.get(1..).unwrap_or(&[]),
        kwnames,
        params,
        required,
    )?;
    op.run(rt, arg(args, 0), &a)
}

/// The natives of each operation: `re.NAME` and `Pattern.NAME`.
macro_rules! search_natives {
    ($($module:ident, $method:ident => $op:expr;)*) => {$(
        fn $module(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
            module_level(rt, $op, args, kwnames)
        }
        fn $method(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
            pattern_method(rt, $op, args, kwnames)
        }
    )*};
}

search_natives! {
    re_match, p_match => Op::Match(How::Match);
    re_search, p_search => Op::Match(How::Search);
    re_fullmatch, p_fullmatch => Op::Match(How::Full);
    re_sub, p_sub => Op::Sub;
    re_subn, p_subn => Op::Subn;
    re_split, p_split => Op::Split;
    re_findall, p_findall => Op::FindAll;
    re_finditer, p_finditer => Op::FindIter;
}

fn re_escape(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let v = args.first().copied().unwrap_or(Value::NONE);
    const SPECIAL: &[u8] = b"()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c";
    let (src, is_str) = match rt.str_text(v) {
        Some(t) => (t.as_bytes().to_vec(), true),
        None => match rt.bytes_of(v) {
            Some(b) => (b.to_vec(), false),
            None => {
                return Err(
                    rt.type_error_with("expected str or bytes, not {}", &[rt.type_name(v).arg()])
                );
            }
        },
    };
    rt.check_room(src.len() * 2)?;
    let mut out = Vec::with_capacity(src.len() * 2);
    for b in src {
        if SPECIAL.contains(&b) {
            out.push(b'\\');
        }
        out.push(b);
    }
    if is_str {
        rt.new_str_utf8(&out)
    } else {
        rt.new_bytes(&out)
    }
}

fn re_purge(_rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

fn p_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let pat = get(rt, arg(args, 0), "pattern")?;
    let f = get(rt, arg(args, 0), "flags")?;
    let mut flags = small(rt, f) as u32;
    if rt.is_str(pat) {
        flags &= !UNICODE;
    }
    let r = rt.repr(pat)?;
    let mut text = fill("re.compile({}", &[rt.str_text(r).unwrap_or("").arg()]);
    if flags != 0 {
        let names = [
            (IGNORECASE, "re.IGNORECASE"),
            (LOCALE, "re.LOCALE"),
            (MULTILINE, "re.MULTILINE"),
            (DOTALL, "re.DOTALL"),
            (UNICODE, "re.UNICODE"),
            (VERBOSE, "re.VERBOSE"),
            (ASCII, "re.ASCII"),
        ];
        let shown: Vec<&str> = names
            .iter()
            .filter(|(b, _)| flags & b != 0)
            .map(|x| x.1)
            .collect();
        text.push_str(", ");
        text.push_str(&shown.join("|"));
    }
    text.push(')');
    rt.new_str(&text)
}

// ---- Match -------------------------------------------------------------------------------------

/// A Match's pattern program, subject and byte spans.
fn match_parts(rt: &mut Runtime, m: Value) -> PyResult<(Prog, Subject, Vec<usize>)> {
    let pat = get(rt, m, "re")?;
    let p = prog(rt, pat)?;
    let string = get(rt, m, "string")?;
    let s = subject(rt, &p, string)?;
    let b = get(rt, m, "_b")?;
    let caps = rt
        .seq_items(b)
        .unwrap_or_default()
        .iter()
        .map(|v| {
            v.as_small()
                .filter(|&i| i >= 0)
                .map_or(UNSET, |i| i as usize)
        })
        .collect();
    Ok((p, s, caps))
}

/// The group number named by `g` (an int or a group name).
fn group_index(rt: &mut Runtime, p: &Prog, g: Value) -> PyResult<usize> {
    if let Some(i) = rt.to_i64(g) {
        if i >= 0 && i as usize <= p.groups {
            return Ok(i as usize);
        }
    } else if rt.is_str(g) || rt.bytes_of(g).is_some() {
        let gi = get(rt, p.pat, "groupindex")?;
        if let Some(v) = rt.dict_get(gi, g)? {
            return Ok(small(rt, v));
        }
    }
    Err(rt.raise(ExcKind::IndexError, crate::packed!("no such group")))
}

fn m_group(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (p, s, caps) = match_parts(rt, arg(args, 0))?;
    let sel = args.get(1..).unwrap_or(&[]);
    if sel.len() <= 1 {
        let g = match sel.first() {
            Some(&v) => group_index(rt, &p, v)?,
            None => 0,
        };
        return group_value(rt, s, &caps, g, Value::NONE);
    }
    let base = rt.pins.len();
    let r = (|| {
        for &v in sel {
            let g = group_index(rt, &p, v)?;
            let v = group_value(rt, s, &caps, g, Value::NONE)?;
            rt.pin(v);
        }
        let items = rt.pins.get(base..).unwrap_or_default().to_vec();
        rt.new_tuple(&items)
    })();
    rt.pins.truncate(base);
    r
}

fn m_getitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (p, s, caps) = match_parts(rt, arg(args, 0))?;
    let g = group_index(rt, &p, args.get(1).copied().unwrap_or(Value::NONE))?;
    group_value(rt, s, &caps, g, Value::NONE)
}

fn m_groups(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let a = bind(
        rt,
        "groups",
        args.get(1..).unwrap_or(&[]),
        kwnames,
        &["default"],
        0,
    )?;
    let dflt = a.first().copied().flatten().unwrap_or(Value::NONE);
    let (p, s, caps) = match_parts(rt, arg(args, 0))?;
    let base = rt.pins.len();
    let r = (|| {
        for g in 1..=p.groups {
            let v = group_value(rt, s, &caps, g, dflt)?;
            rt.pin(v);
        }
        let items = rt.pins.get(base..).unwrap_or_default().to_vec();
        rt.new_tuple(&items)
    })();
    rt.pins.truncate(base);
    r
}

fn m_groupdict(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let a = bind(
        rt,
        "groupdict",
        args.get(1..).unwrap_or(&[]),
        kwnames,
        &["default"],
        0,
    )?;
    let dflt = a.first().copied().flatten().unwrap_or(Value::NONE);
    let (p, s, caps) = match_parts(rt, arg(args, 0))?;
    let gi = get(rt, p.pat, "groupindex")?;
    let d = rt.new_dict()?;
    rt.pin(d);
    let r = (|| {
        for (k, v) in rt.dict_items(gi) {
            let g = small(rt, v);
            let v = group_value(rt, s, &caps, g, dflt)?;
            rt.pin(v);
            let r = rt.dict_set(d, k, v);
            rt.unpin(1);
            r?;
        }
        Ok(())
    })();
    rt.unpin(1);
    r.map(|_| d)
}

/// Char span of group `args[1]` (default 0), `(-1, -1)` if it did not take part.
fn span_of(rt: &mut Runtime, args: &[Value]) -> PyResult<(Value, Value)> {
    let m = arg(args, 0);
    let pat = get(rt, m, "re")?;
    let p = prog(rt, pat)?;
    let g = match args.get(1) {
        Some(&v) => group_index(rt, &p, v)?,
        None => 0,
    };
    let c = get(rt, m, "_c")?;
    let n = rt.seq_len(c);
    if 2 * g + 1 >= n {
        return Err(rt.raise(ExcKind::IndexError, crate::packed!("no such group")));
    }
    Ok((rt.seq_get(c, 2 * g), rt.seq_get(c, 2 * g + 1)))
}

fn m_start(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    span_of(rt, args).map(|s| s.0)
}

fn m_end(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    span_of(rt, args).map(|s| s.1)
}

fn m_span(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, b) = span_of(rt, args)?;
    rt.new_tuple(&[a, b])
}

fn m_expand(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (p, s, caps) = match_parts(rt, arg(args, 0))?;
    let tmpl = args.get(1).copied().unwrap_or(Value::NONE);
    if rt.is_str(tmpl) != s.is_str || (!s.is_str && rt.bytes_of(tmpl).is_none()) {
        return Err(rt.type_error(crate::packed!(
            "expand() template must match the subject type"
        )));
    }
    let parts = parse_template(rt, &p, tmpl)?;
    let t = text(rt, s);
    let mut out = Vec::new();
    for part in &parts {
        match part {
            Part::Text(b) => out.extend_from_slice(b),
            Part::Group(g) => {
                if let (Some(&x), Some(&y)) = (caps.get(2 * g), caps.get(2 * g + 1)) {
                    if x != UNSET && y != UNSET {
                        out.extend_from_slice(t.get(x..y).unwrap_or(&[]));
                    }
                }
            }
        }
    }
    if s.is_str {
        rt.new_str_utf8(&out)
    } else {
        rt.new_bytes(&out)
    }
}

fn m_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (_, s, caps) = match_parts(rt, arg(args, 0))?;
    let (a, b) = span_of(rt, &args[..1])?;
    let g = group_value(rt, s, &caps, 0, Value::NONE)?;
    let r = rt.repr(g)?;
    let text = fill(
        "<re.Match object; span=({}, {}), match={}>",
        &[
            a.as_small().unwrap_or(-1).arg(),
            b.as_small().unwrap_or(-1).arg(),
            rt.str_text(r).unwrap_or("").arg(),
        ],
    );
    rt.new_str(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_rows_are_methods_and_functions_are_not() {
        for (i, n) in NATIVES.iter().enumerate() {
            assert_eq!(n.is_method(), i as u32 >= P_MATCH, "{}", NATIVES.name_of(n));
        }
        assert_eq!(NATIVES.name_of(&NATIVES[I_NEXT as usize]), "__next__");
        assert!(ERROR_ROWS.is_empty());
    }
}
