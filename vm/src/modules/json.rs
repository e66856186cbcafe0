//! The `json` module (also `ujson`): `dumps`/`dump` and `loads`/`load` with CPython's output
//! and error messages (`json.JSONDecodeError` is a `ValueError` carrying `msg`, `pos`,
//! `lineno`, `colno`).
//!
//! Both directions walk nested containers with an explicit stack, never by Rust recursion;
//! nesting deeper than the VM's call-depth limit raises `RecursionError` as CPython does at
//! its recursion limit. The encoder reads containers live by index, so a `default` callback
//! that mutates them cannot leave it holding freed values, and it stops with `MemoryError`
//! once its text could no longer fit on the heap.

use super::{Attr, ModuleDef};
use crate::builtins::arg;
use crate::builtins::split_kw;
use crate::format::message::{fill, ToArg};
use crate::format::Float;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::*;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `json`.
    pub static NATIVES;
    DUMPS = "dumps" (1) => dumps, module kw;
    DUMP = "dump" (2) => dump, module kw;
    LOADS = "loads" (1) => loads, module;
    LOAD = "load" (1) => load, module;
}

/// The `json` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "json",
    natives: &NATIVES,
    attrs: &[(
        "JSONDecodeError",
        Attr::Made(|rt| rt.new_module_exception("json", "JSONDecodeError", ExcKind::ValueError)),
    )],
    init: None,
};

/// Encoder settings from the keyword arguments of `dumps`.
struct Options {
    indent: Option<String>,
    item_sep: String,
    key_sep: String,
    sort_keys: bool,
    skip_keys: bool,
    ensure_ascii: bool,
    allow_nan: bool,
    default: Option<Value>,
}

fn options(rt: &mut Runtime, kw: &[(Value, Value)]) -> PyResult<Options> {
    let mut o = Options {
        indent: None,
        item_sep: String::from(", "),
        key_sep: String::from(": "),
        sort_keys: false,
        skip_keys: false,
        ensure_ascii: true,
        allow_nan: true,
        default: None,
    };
    let mut separators = None;
    for &(k, v) in kw {
        let name = String::from(rt.str_text(k).unwrap_or(""));
        match name.as_str() {
            "indent" if v == Value::NONE => {}
            "indent" => {
                o.indent = Some(match rt.str_text(v) {
                    Some(s) => String::from(s),
                    None => {
                        let n = rt.int_arg(v)?;
                        rt.check_room(n.max(0) as usize)?;
                        " ".repeat(n.max(0) as usize)
                    }
                })
            }
            "separators" if v == Value::NONE => {}
            "separators" => separators = Some(v),
            "sort_keys" => o.sort_keys = rt.truthy(v)?,
            "skipkeys" => o.skip_keys = rt.truthy(v)?,
            "ensure_ascii" => o.ensure_ascii = rt.truthy(v)?,
            "allow_nan" => o.allow_nan = rt.truthy(v)?,
            "check_circular" | "cls" => {}
            "default" if v == Value::NONE => {}
            "default" => o.default = Some(v),
            _ => {
                let msg = fill(
                    "JSONEncoder.__init__() got an unexpected keyword argument '{}'",
                    &[name.arg()],
                );
                return Err(rt.type_error(&msg));
            }
        }
    }
    if o.indent.is_some() {
        o.item_sep = String::from(",");
    }
    if let Some(s) = separators {
        let Some(items) = rt.seq_items(s) else {
            return Err(rt.type_error_naming("cannot unpack non-iterable ", s, " object"));
        };
        // Unpacked as `item_sep, key_sep = separators`, with CPython's errors.
        if items.len() != 2 {
            let msg = if items.len() < 2 {
                fill(
                    "not enough values to unpack (expected 2, got {})",
                    &[items.len().arg()],
                )
            } else {
                String::from("too many values to unpack (expected 2)")
            };
            return Err(rt.value_error(&msg));
        }
        let texts: Vec<Option<String>> = items
            .iter()
            .map(|v| rt.str_text(*v).map(String::from))
            .collect();
        match texts[..] {
            [Some(ref a), Some(ref b)] => {
                o.item_sep = a.clone();
                o.key_sep = b.clone();
            }
            _ => return Err(rt.type_error(crate::packed!("separators must be a pair of str"))),
        }
    }
    Ok(o)
}

/// A container being written: its value and the next index (entry index for dicts).
struct Open {
    v: Value,
    dict: bool,
    i: usize,
    /// Sorted keys (a pinned list) when `sort_keys`.
    keys: Value,
    any: bool,
    /// The pin stack's height before this container's pins.
    mark: usize,
}

fn float_text(rt: &mut Runtime, o: &Options, f: Float) -> PyResult<String> {
    if !f.is_finite() {
        if !o.allow_nan {
            return Err(rt.value_error(crate::packed!(
                "Out of range float values are not JSON compliant"
            )));
        }
        return Ok(String::from(if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }));
    }
    Ok(crate::format::float_repr(f))
}

fn write_str(out: &mut String, s: &str, ascii: bool) {
    out.push('"');
    let mut run = 0;
    for (i, c) in s.char_indices() {
        let plain = c >= ' ' && c != '"' && c != '\\' && (!ascii || c < '\x7f');
        if plain {
            continue;
        }
        out.push_str(s.get(run..i).unwrap_or(""));
        run = i + c.len_utf8();
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            _ => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    out.push_str("\\u");
                    crate::format::push_hex(out, u32::from(*u), 4);
                }
            }
        }
    }
    out.push_str(s.get(run..).unwrap_or(""));
    out.push('"');
}

/// The builtin value behind `v` (the wrapped list/dict/str/int of a subclass instance).
fn plain(rt: &Runtime, v: Value) -> Value {
    rt.base_value(v).unwrap_or(v)
}

/// Write a scalar, or return `Some(container)` to open.
fn write_scalar(rt: &mut Runtime, o: &Options, out: &mut String, v: Value) -> PyResult<bool> {
    let v = plain(rt, v);
    if v == Value::NONE {
        out.push_str("null");
    } else if v == Value::TRUE {
        out.push_str("true");
    } else if v == Value::FALSE {
        out.push_str("false");
    } else if let Some(s) = rt.str_text(v) {
        write_str(out, s, o.ensure_ascii);
    } else if rt.is_int(v) {
        out.push_str(&rt.int_to_string(v));
    } else if let Some(f) = rt.float_val(v) {
        let t = float_text(rt, o, f)?;
        out.push_str(&t);
    } else {
        return Ok(false);
    }
    Ok(true)
}

fn newline(out: &mut String, o: &Options, depth: usize) {
    if let Some(ind) = &o.indent {
        out.push('\n');
        for _ in 0..depth {
            out.push_str(ind);
        }
    }
}

fn key_text(rt: &mut Runtime, o: &Options, k: Value) -> PyResult<Option<String>> {
    let k = plain(rt, k);
    Ok(Some(if let Some(s) = rt.str_text(k) {
        String::from(s)
    } else if k == Value::TRUE {
        "true".into()
    } else if k == Value::FALSE {
        "false".into()
    } else if k == Value::NONE {
        "null".into()
    } else if rt.is_int(k) {
        rt.int_to_string(k)
    } else if let Some(f) = rt.float_val(k) {
        float_text(rt, o, f)?
    } else if o.skip_keys {
        return Ok(None);
    } else {
        return Err(rt.type_error_naming(
            "keys must be str, int, float, bool or None, not ",
            k,
            "",
        ));
    }))
}

/// Encode `obj` into `out`.
fn encode(rt: &mut Runtime, o: &Options, obj: Value, out: &mut String) -> PyResult<()> {
    let base = rt.pins.len();
    let r = encode_pinned(rt, o, obj, out);
    rt.pins.truncate(base);
    r
}

fn encode_pinned(rt: &mut Runtime, o: &Options, obj: Value, out: &mut String) -> PyResult<()> {
    let limit = rt.heap.bytes_free();
    let max_depth = rt.max_depth as usize;
    let mut stack: Vec<Open> = Vec::new();
    let mut next = Some(obj);
    loop {
        if let Some(mut v) = next.take() {
            // A value to write: a scalar, a container to open, or something for `default`.
            let mut chain = 0;
            let mark = rt.pins.len();
            let mut opened = false;
            loop {
                if write_scalar(rt, o, out, v)? {
                    break;
                }
                let p = plain(rt, v);
                let kind = rt.kind(p);
                if matches!(kind, Some(Kind::List | Kind::Tuple | Kind::Dict)) {
                    if stack.iter().any(|s| s.v == p) {
                        return Err(rt.value_error(crate::packed!("Circular reference detected")));
                    }
                    if stack.len() >= max_depth {
                        return Err(rt.raise(
                            ExcKind::RecursionError,
                            crate::packed!(
                                "maximum recursion depth exceeded while encoding a JSON object"
                            ),
                        ));
                    }
                    let dict = kind == Some(Kind::Dict);
                    rt.pin(p);
                    let mut keys = Value::NULL;
                    if dict && o.sort_keys {
                        let ks: Vec<Value> = rt.dict_items(p).iter().map(|e| e.0).collect();
                        keys = rt.new_list(&ks)?;
                        rt.pin(keys);
                        rt.call_method(keys, Q_SORT, &[])?;
                    }
                    out.push(if dict { '{' } else { '[' });
                    stack.push(Open {
                        v: p,
                        dict,
                        i: 0,
                        keys,
                        any: false,
                        mark,
                    });
                    opened = true;
                    break;
                }
                let Some(f) = o.default else {
                    return Err(rt.type_error_naming(
                        "Object of type ",
                        v,
                        " is not JSON serializable",
                    ));
                };
                chain += 1;
                if chain > max_depth {
                    return Err(rt.value_error(crate::packed!("Circular reference detected")));
                }
                rt.pin(v);
                let r = rt.call(f, &[v], Value::NULL)?;
                if r == v {
                    return Err(rt.value_error(crate::packed!("Circular reference detected")));
                }
                rt.pin(r);
                v = r;
            }
            if !opened {
                rt.pins.truncate(mark);
            }
            if out.len() > limit {
                return Err(rt.raise(ExcKind::MemoryError, crate::packed!("")));
            }
        }
        // Continue the innermost open container.
        let depth = stack.len();
        let Some(top) = stack.last_mut() else {
            return Ok(());
        };
        let item = if top.dict {
            let mut found = None;
            if !top.keys.is_null() {
                while top.i < rt.seq_len(top.keys) && found.is_none() {
                    let k = rt.seq_get(top.keys, top.i);
                    top.i += 1;
                    if let Some(val) = rt.dict_get(top.v, k)? {
                        found = Some((k, val));
                    }
                }
            } else {
                while let Some((k, val)) = rt.dict_entry(top.v, top.i) {
                    top.i += 1;
                    if !k.is_null() {
                        found = Some((k, val));
                        break;
                    }
                }
            }
            match found {
                Some((k, val)) => {
                    let Some(text) = key_text(rt, o, k)? else {
                        continue;
                    };
                    if top.any {
                        out.push_str(&o.item_sep);
                    }
                    top.any = true;
                    newline(out, o, depth);
                    write_str(out, &text, o.ensure_ascii);
                    out.push_str(&o.key_sep);
                    Some(val)
                }
                None => None,
            }
        } else if top.i < rt.seq_len(top.v) {
            let val = rt.seq_get(top.v, top.i);
            top.i += 1;
            if top.any {
                out.push_str(&o.item_sep);
            }
            top.any = true;
            newline(out, o, depth);
            Some(val)
        } else {
            None
        };
        match item {
            Some(val) => next = Some(val),
            None => {
                let Some(done) = stack.pop() else {
                    return Ok(());
                };
                if done.any {
                    newline(out, o, depth - 1);
                }
                out.push(if done.dict { '}' } else { ']' });
                rt.pins.truncate(done.mark);
            }
        }
    }
}

fn dumps_text(rt: &mut Runtime, args: &[Value], kwnames: Value, fname: &str) -> PyResult<String> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let want = if fname == "dump" { 2 } else { 1 };
    if pos.len() != want {
        return Err(rt.type_error_with(
            "{}() takes {} positional argument{} but {} were given",
            &[
                fname.arg(),
                want.arg(),
                (if want == 1 { "" } else { "s" }).arg(),
                pos.len().arg(),
            ],
        ));
    }
    let o = options(rt, &kw)?;
    let mut out = String::new();
    encode(rt, &o, arg(pos, 0), &mut out)?;
    Ok(out)
}

/// `json.dumps(obj, *, indent=None, separators=None, sort_keys=False, default=None,
/// skipkeys=False, ensure_ascii=True, allow_nan=True)`.
pub fn dumps(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let out = dumps_text(rt, args, kwnames, "dumps")?;
    rt.new_str(&out)
}

/// `json.dump(obj, fp, **kw)`: `fp.write(dumps(obj, **kw))`.
pub fn dump(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let out = dumps_text(rt, args, kwnames, "dump")?;
    let s = rt.new_str(&out)?;
    rt.pin(s);
    let r = rt.call_method(arg(args, 1), Q_WRITE, &[s]);
    rt.unpin(1);
    r.map(|_| Value::NONE)
}

/// A parse failure: message and byte offset.
struct Fail(&'static str, usize);

/// The decoder over the document's UTF-8 text.
struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r')
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.s.get(self.pos).is_some_and(|c| is_ws(*c)) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.s.get(at..at + 4)?;
        let t = core::str::from_utf8(h).ok()?;
        if !t.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(t, 16).ok()
    }

    /// The string whose opening quote is at `self.pos`.
    fn string(&mut self) -> Result<String, Fail> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let run = self.pos;
            while self
                .s
                .get(self.pos)
                .is_some_and(|c| *c >= 0x20 && *c != b'"' && *c != b'\\')
            {
                self.pos += 1;
            }
            // The document is valid UTF-8 and the run stops at ASCII bytes only.
            let piece = self.s.get(run..self.pos).unwrap_or_default();
            out.push_str(core::str::from_utf8(piece).unwrap_or(""));
            match self.peek() {
                None => return Err(Fail("Unterminated string starting at", start)),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc = match self.s.get(self.pos + 1) {
                        None => return Err(Fail("Unterminated string starting at", start)),
                        Some(e) => *e,
                    };
                    let c = match esc {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\x08',
                        b'f' => '\x0c',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let Some(u) = self.hex4(self.pos + 2) else {
                                return Err(Fail("Invalid \\uXXXX escape", self.pos + 1));
                            };
                            self.pos += 6;
                            let mut code = u;
                            if (0xd800..0xdc00).contains(&u)
                                && self.s.get(self.pos..self.pos + 2) == Some(b"\\u")
                            {
                                if let Some(lo) = self
                                    .hex4(self.pos + 2)
                                    .filter(|lo| (0xdc00..0xe000).contains(lo))
                                {
                                    code = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
                                    self.pos += 6;
                                }
                            }
                            // A lone surrogate has no UTF-8 form: U+FFFD stands for it.
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                            continue;
                        }
                        _ => return Err(Fail("Invalid \\escape", self.pos)),
                    };
                    out.push(c);
                    self.pos += 2;
                }
                Some(_) => return Err(Fail("Invalid control character at", self.pos)),
            }
        }
    }

    /// The extent of a number at `self.pos`, and whether it is a float.
    fn number(&mut self) -> Option<(usize, usize, bool)> {
        let start = self.pos;
        let mut p = start;
        let digits = |p: &mut usize, s: &[u8]| {
            let b = *p;
            while s.get(*p).is_some_and(|c| c.is_ascii_digit()) {
                *p += 1;
            }
            *p > b
        };
        if self.s.get(p) == Some(&b'-') {
            p += 1;
        }
        match self.s.get(p) {
            Some(b'0') => p += 1,
            Some(b'1'..=b'9') => {
                digits(&mut p, self.s);
            }
            _ => return None,
        }
        let mut float = false;
        if self.s.get(p) == Some(&b'.') {
            let mut q = p + 1;
            if digits(&mut q, self.s) {
                p = q;
                float = true;
            }
        }
        if matches!(self.s.get(p), Some(b'e' | b'E')) {
            let mut q = p + 1;
            if matches!(self.s.get(q), Some(b'+' | b'-')) {
                q += 1;
            }
            if digits(&mut q, self.s) {
                p = q;
                float = true;
            }
        }
        self.pos = p;
        Some((start, p, float))
    }
}

/// CPython's limit on the digits of an int parsed from text.
const MAX_INT_DIGITS: usize = 4300;

/// A frame of the decoder's explicit stack: the container, and for a dict the pin slot of the
/// key awaiting its value.
enum Frame {
    List(Value),
    Dict(Value, usize),
}

fn scalar(rt: &mut Runtime, p: &mut Parser) -> PyResult<Result<Value, Fail>> {
    let at = p.pos;
    let word = |p: &Parser, w: &[u8]| p.s.get(at..at + w.len()) == Some(w);
    let lit = |p: &mut Parser, w: &[u8], v: Value| {
        p.pos += w.len();
        Ok(Ok(v))
    };
    match p.peek() {
        Some(b'"') => match p.string() {
            Ok(s) => rt.new_str(&s).map(Ok),
            Err(f) => Ok(Err(f)),
        },
        Some(b'n') if word(p, b"null") => lit(p, b"null", Value::NONE),
        Some(b't') if word(p, b"true") => lit(p, b"true", Value::TRUE),
        Some(b'f') if word(p, b"false") => lit(p, b"false", Value::FALSE),
        Some(b'N') if word(p, b"NaN") => {
            p.pos += 3;
            rt.new_float(Float::NAN).map(Ok)
        }
        Some(b'I') if word(p, b"Infinity") => {
            p.pos += 8;
            rt.new_float(Float::INFINITY).map(Ok)
        }
        Some(b'-') if word(p, b"-Infinity") => {
            p.pos += 9;
            rt.new_float(Float::NEG_INFINITY).map(Ok)
        }
        _ => {
            let Some((a, b, float)) = p.number() else {
                return Ok(Err(Fail("Expecting value", at)));
            };
            let text = core::str::from_utf8(p.s.get(a..b).unwrap_or_default()).unwrap_or("0");
            if float {
                let f = crate::format::parse_float(text).unwrap_or(Float::NAN);
                return rt.new_float(f).map(Ok);
            }
            if let Ok(i) = text.parse::<i64>() {
                return rt.new_int(i).map(Ok);
            }
            let ndigits = text.trim_start_matches('-').len();
            if ndigits > MAX_INT_DIGITS {
                return Err(rt.value_error_with("Exceeds the limit ({} digits) for integer string conversion: value has {} digits; use sys.set_int_max_str_digits() to increase the limit", &[MAX_INT_DIGITS.arg(), ndigits.arg()]));
            }
            match crate::format::radix::parse_decimal(text) {
                Some(n) => rt.new_bigint(&n).map(Ok),
                None => Ok(Err(Fail("Expecting value", at))),
            }
        }
    }
}

/// Parse the whole document `s`.
fn parse(rt: &mut Runtime, s: &[u8]) -> PyResult<Result<Value, Fail>> {
    let base = rt.pins.len();
    let r = parse_pinned(rt, s);
    rt.pins.truncate(base);
    r
}

fn parse_pinned(rt: &mut Runtime, s: &[u8]) -> PyResult<Result<Value, Fail>> {
    let max_depth = rt.max_depth as usize;
    let mut p = Parser { s, pos: 0 };
    let mut stack: Vec<Frame> = Vec::new();
    p.ws();
    loop {
        // Parse one value (opening containers as we meet them).
        let mut value = match p.peek() {
            Some(open @ (b'[' | b'{')) => {
                if stack.len() >= max_depth {
                    let what = if open == b'[' { "array" } else { "object" };
                    return Err(rt.raise_with(ExcKind::RecursionError, "maximum recursion depth exceeded while decoding a JSON {} from a unicode string", &[what.arg()]));
                }
                p.pos += 1;
                p.ws();
                if open == b'[' {
                    let l = rt.new_list(&[])?;
                    if p.peek() == Some(b']') {
                        p.pos += 1;
                        l
                    } else {
                        rt.pin(l);
                        stack.push(Frame::List(l));
                        continue;
                    }
                } else {
                    let d = rt.new_dict()?;
                    if p.peek() == Some(b'}') {
                        p.pos += 1;
                        d
                    } else {
                        rt.pin(d);
                        let key = match dict_key(rt, &mut p)? {
                            Ok(k) => k,
                            Err(f) => return Ok(Err(f)),
                        };
                        rt.pin(key);
                        stack.push(Frame::Dict(d, rt.pins.len() - 1));
                        continue;
                    }
                }
            }
            _ => match scalar(rt, &mut p)? {
                Ok(v) => v,
                Err(f) => return Ok(Err(f)),
            },
        };
        // Hand the value to the open containers, closing those that end here.
        loop {
            let Some(top) = stack.last() else {
                p.ws();
                if p.pos != s.len() {
                    return Ok(Err(Fail("Extra data", p.pos)));
                }
                return Ok(Ok(value));
            };
            rt.pin(value);
            let (container, close) = match *top {
                Frame::List(l) => {
                    rt.list_append(l, value)?;
                    (l, b']')
                }
                Frame::Dict(d, slot) => {
                    let k = rt.pins[slot];
                    rt.dict_set(d, k, value)?;
                    (d, b'}')
                }
            };
            rt.unpin(1);
            p.ws();
            match p.peek() {
                Some(b',') => {
                    p.pos += 1;
                    p.ws();
                    if let Some(Frame::Dict(_, slot)) = stack.last() {
                        let slot = *slot;
                        match dict_key(rt, &mut p)? {
                            Ok(k) => rt.pins[slot] = k,
                            Err(f) => return Ok(Err(f)),
                        }
                    }
                    break;
                }
                Some(c) if c == close => {
                    p.pos += 1;
                    let n = if close == b'}' { 2 } else { 1 };
                    stack.pop();
                    rt.unpin(n);
                    value = container;
                }
                _ => return Ok(Err(Fail("Expecting ',' delimiter", p.pos))),
            }
        }
    }
}

/// A dict key and its `:` (the parser at the key's opening quote, whitespace skipped).
fn dict_key(rt: &mut Runtime, p: &mut Parser) -> PyResult<Result<Value, Fail>> {
    if p.peek() != Some(b'"') {
        return Ok(Err(Fail(
            "Expecting property name enclosed in double quotes",
            p.pos,
        )));
    }
    let k = match p.string() {
        Ok(k) => k,
        Err(f) => return Ok(Err(f)),
    };
    p.ws();
    if p.peek() != Some(b':') {
        return Ok(Err(Fail("Expecting ':' delimiter", p.pos)));
    }
    p.pos += 1;
    p.ws();
    rt.new_str(&k).map(Ok)
}

/// Raise `JSONDecodeError(msg, doc, pos)`: the message carries line, column and char offset
/// (counted in characters, as CPython does).
fn decode_error(rt: &mut Runtime, doc: &str, doc_v: Value, fail: Fail) -> Raised {
    let Fail(msg, at) = fail;
    // Failure offsets are at ASCII bytes or character starts; stay total anyway.
    let before = doc.get(..at.min(doc.len())).unwrap_or(doc);
    let pos = before.chars().count();
    let lineno = before.bytes().filter(|c| *c == b'\n').count() + 1;
    let colno = match before.rsplit_once('\n') {
        Some((_, line)) => line.chars().count() + 1,
        None => pos + 1,
    };
    let text = fill(
        "{}: line {} column {} (char {})",
        &[msg.arg(), lineno.arg(), colno.arg(), pos.arg()],
    );
    let cls = rt
        .imported_module_attr("json", "JSONDecodeError")
        .filter(|c| rt.kind(*c) == Some(Kind::Class));
    let Some(cls) = cls else {
        return rt.value_error(&text);
    };
    let base = rt.pins.len();
    let r = (|| {
        rt.pin(cls);
        let t = rt.new_str(&text)?;
        rt.pin(t);
        let e = rt.new_exception(cls, &[t])?;
        rt.pin(e);
        for (name, v) in [
            ("msg", None),
            ("pos", Some(pos)),
            ("lineno", Some(lineno)),
            ("colno", Some(colno)),
        ] {
            let k = rt.intern(name)?;
            let v = match v {
                Some(n) => rt.new_int(n as i64)?,
                None => rt.new_str(msg)?,
            };
            rt.set_attr_dict(e, k, v)?;
        }
        let k = rt.intern("doc")?;
        rt.set_attr_dict(e, k, doc_v)?;
        Ok(e)
    })();
    rt.pins.truncate(base);
    match r {
        Ok(e) => rt.raise_value(e),
        Err(raised) => raised,
    }
}

/// `json.loads(s)`: `s` a str, bytes or bytearray (UTF-8).
pub fn loads(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let [s] = args else {
        return Err(rt.type_error_with(
            "loads() takes 1 positional argument but {} were given",
            &[args.len().arg()],
        ));
    };
    let doc: String = match rt.str_text(*s) {
        Some(t) => String::from(t),
        None => match rt.kind(*s) {
            Some(Kind::Bytes | Kind::ByteArray) => {
                let b = rt.bytes_of(*s).unwrap_or(&[]);
                let b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b);
                match core::str::from_utf8(b) {
                    Ok(t) => String::from(t),
                    Err(e) => {
                        let at = e.valid_up_to();
                        let byte = b.get(at).copied().unwrap_or(0);
                        let mut hex = String::new();
                        crate::format::push_hex(&mut hex, u32::from(byte), 2);
                        return Err(rt.raise_with(
                            ExcKind::UnicodeDecodeError,
                            "'utf-8' codec can't decode byte 0x{} in position {}: invalid start byte",
                            &[hex.arg(), at.arg()],
                        ));
                    }
                }
            }
            _ => {
                return Err(rt.type_error_naming(
                    "the JSON object must be str, bytes or bytearray, not ",
                    *s,
                    "",
                ));
            }
        },
    };
    if doc.starts_with('\u{feff}') {
        return Err(decode_error(
            rt,
            &doc,
            *s,
            Fail("Unexpected UTF-8 BOM (decode using utf-8-sig)", 0),
        ));
    }
    match parse(rt, doc.as_bytes())? {
        Ok(v) => Ok(v),
        Err(f) => Err(decode_error(rt, &doc, *s, f)),
    }
}

/// `json.load(fp)`: `loads(fp.read())`.
pub fn load(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&fp) = args.first() else {
        return Err(rt.type_error(crate::packed!(
            "load() missing required argument 'fp' (pos 1)"
        )));
    };
    let read = rt.intern("read")?.as_qstr().unwrap_or(0);
    let text = rt.call_method(fp, read, &[])?;
    rt.pin(text);
    let r = loads(rt, &[text], Value::NULL);
    rt.unpin(1);
    r
}
