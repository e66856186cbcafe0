//! Text conversions: `repr()`, `str()`, `ascii()`, `format()`, `%`-formatting and
//! `str.format`, built on the pure helpers in `crate::format`.
//!
//! Container reprs recurse through their items, one level of the native recursion budget
//! (`interp::nesting`) per container, so a deeply nested container raises `RecursionError`
//! instead of exhausting the Rust stack; the text is measured against the heap as it grows.

use crate::format::message::ToArg;
use crate::format::{self as fmt, ErrorKind, FormatError, IntValue};
use crate::interp::nesting::{IN_REPR, PLAIN};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{
    BOUND_FUNC, BOUND_SELF, MOD_NAME, RANGE_START, RANGE_STEP, RANGE_STOP, VIEW_DICT,
};
use crate::qstr::*;
use crate::runtime::{PyResult, Raised, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;

impl Runtime {
    /// Raise a formatting error as its Python exception.
    pub fn raise_format(&mut self, e: FormatError) -> Raised {
        let kind = match e.kind {
            ErrorKind::Value => ExcKind::ValueError,
            ErrorKind::Index => ExcKind::IndexError,
            ErrorKind::Type => ExcKind::TypeError,
            ErrorKind::Overflow => ExcKind::OverflowError,
            ErrorKind::ZeroDivision => ExcKind::ZeroDivisionError,
            ErrorKind::Memory => ExcKind::MemoryError,
        };
        self.raise(kind, &e.message)
    }

    /// `repr(v)` as a str value.
    pub fn repr(&mut self, v: Value) -> PyResult<Value> {
        if self.kind(v) == Some(Kind::Instance) {
            if let Some(r) = self.call_special(v, Q___REPR__, &[])? {
                if !self.is_str(r) {
                    return Err(self.type_error_naming(
                        "__repr__ returned non-string (type ",
                        r,
                        ")",
                    ));
                }
                return Ok(r);
            }
        }
        if let Some(i) = v.as_small() {
            let mut buf = [0u8; 12];
            return self.new_str(small_int_text(i, &mut buf));
        }
        let mut out = String::new();
        self.write_repr(&mut out, v)?;
        self.new_str(&out)
    }

    /// `str(v)` as a str value.
    pub fn to_str(&mut self, v: Value) -> PyResult<Value> {
        if self.is_str(v) {
            return Ok(v);
        }
        if self.kind(v) == Some(Kind::Instance) {
            if let Some(r) = self.call_special(v, Q___STR__, &[])? {
                if !self.is_str(r) {
                    return Err(self.type_error_naming(
                        "__str__ returned non-string (type ",
                        r,
                        ")",
                    ));
                }
                return Ok(r);
            }
            if self.is_exception(v) {
                let s = self.exc_str(v)?;
                return self.new_str(&s);
            }
            // `str.__str__` is inherited by str subclasses, before any `__repr__` of theirs.
            if let Some(b) = self.base_value(v).filter(|b| self.is_str(*b)) {
                return Ok(b);
            }
        }
        self.repr(v)
    }

    /// `ascii(v)`.
    pub fn ascii(&mut self, v: Value) -> PyResult<Value> {
        let r = self.repr(v)?;
        let s = self.str_text(r).unwrap_or("");
        if s.is_ascii() {
            return Ok(r);
        }
        let mut out = String::new();
        for c in s.chars() {
            if c.is_ascii() {
                out.push(c);
            } else {
                fmt::push_code_escape(&mut out, c as u32);
            }
        }
        self.new_str(&out)
    }

    /// The message text of an exception (`str(e)`).
    pub fn exc_str(&mut self, e: Value) -> PyResult<String> {
        let args = self.exc_args(e);
        let n = self.seq_len(args);
        if self.exc_matches(e, ExcKind::OSError) && n >= 2 {
            // `[Errno str(errno)] str(strerror)`, like CPython's `%S` of each.
            let mut text = String::from("[Errno ");
            for (i, close) in [(0, "] "), (1, "")] {
                let s = self.seq_get(args, i);
                let s = self.to_str(s)?;
                text.push_str(self.str_text(s).unwrap_or(""));
                text.push_str(close);
            }
            if let Some(f) = self.instance_attr(e, Value::qstr(crate::qstr::Q_FILENAME)) {
                text.push_str(": ");
                self.write_repr(&mut text, f)?;
            }
            return Ok(text);
        }
        // A KeyError's one argument, the key, shows as its repr (as the args tuple would).
        let key = n == 1 && self.exc_matches(e, ExcKind::KeyError);
        match n {
            0 => Ok(String::new()),
            1 if !key => {
                let a = self.seq_get(args, 0);
                let s = self.deeper(PLAIN, |rt| rt.to_str(a))?;
                Ok(self.str_text(s).unwrap_or("").into())
            }
            _ => {
                let shown = if key { self.seq_get(args, 0) } else { args };
                let mut out = String::new();
                self.write_repr(&mut out, shown)?;
                Ok(out)
            }
        }
    }

    /// `render(v)` for int `v`, as an `i64` when it fits: the one copy of the small-or-big
    /// split that `%d` and `{:d}` share.
    #[inline(never)]
    fn with_int_value(
        &mut self,
        v: Value,
        render: &mut dyn FnMut(IntValue<'_>) -> Result<(), FormatError>,
    ) -> Result<(), FormatError> {
        match self.to_i64(v) {
            Some(i) => render(IntValue::Small(i)),
            None => render(IntValue::Big(&self.to_bigint_or_zero(v))),
        }
    }

    /// Append the repr of `v` to `out`.
    pub fn write_repr(&mut self, out: &mut String, v: Value) -> PyResult<()> {
        if let Some(i) = v.as_small() {
            let mut buf = [0u8; 12];
            out.push_str(small_int_text(i, &mut buf));
            return Ok(());
        }
        if let Some(len) = self.str_text(v).map(str::len) {
            self.check_room(out.len().saturating_add(len))?;
            fmt::write_str_repr(out, self.str_text(v).unwrap_or(""), false);
            return Ok(());
        }
        // The singletons are statics 1 to 5 (`Value::NONE` to `Value::NOT_IMPLEMENTED`): one
        // table read instead of a test and a push for each.
        let singleton = v.as_static().and_then(|id| id.checked_sub(1));
        if let Some(name) = singleton.and_then(|i| SINGLETON_NAMES.get(i as usize)) {
            out.push_str(name);
            return Ok(());
        }
        if let Some(t) = TypeId::from_value(v) {
            out.push_str("<class '");
            out.push_str(t.name());
            out.push_str("'>");
            return Ok(());
        }
        if let Some(id) = v.as_static() {
            let n = crate::builtins::native_name(
                self,
                id.saturating_sub(crate::value::STATIC_NATIVE_BASE),
            );
            out.push_str("<built-in function ");
            out.push_str(n);
            out.push('>');
            return Ok(());
        }
        self.deeper(IN_REPR, |rt| rt.write_object_repr(out, v))
    }

    /// Append the repr of heap object `v` to `out` (one recursion level).
    fn write_object_repr(&mut self, out: &mut String, v: Value) -> PyResult<()> {
        self.check_room(out.len())?;
        let kind = self.kind(v);
        match kind {
            Some(Kind::BigInt) => {
                let text = self.int_decimal(v)?;
                out.push_str(&text)
            }
            Some(Kind::Float) => {
                let _ = fmt::write_float_repr(out, self.float_val(v).unwrap_or(0.0));
            }
            #[cfg(feature = "complex")]
            Some(Kind::Complex) => {
                let (re, im) = self.complex_val(v).unwrap_or_default();
                out.push_str(&fmt::complex_repr(re, im));
            }
            Some(Kind::Bytes) | Some(Kind::ByteArray) => {
                let ba = kind == Some(Kind::ByteArray);
                if ba {
                    out.push_str("bytearray(");
                }
                let len = self.bytes_of(v).map_or(0, <[u8]>::len);
                self.check_room(out.len().saturating_add(len))?;
                write_bytes_repr(out, self.bytes_of(v).unwrap_or(&[]));
                if ba {
                    out.push(')');
                }
            }
            Some(Kind::List) | Some(Kind::Dict) if self.repr_stack.contains(&v) => {
                out.push_str(if kind == Some(Kind::List) {
                    "[...]"
                } else {
                    "{...}"
                });
            }
            Some(Kind::List) | Some(Kind::Dict) => {
                self.repr_stack.push(v);
                let r = self.write_container_repr(out, v);
                self.repr_stack.pop();
                r?;
            }
            Some(Kind::Tuple) => self.write_container_repr(out, v)?,
            Some(Kind::Set) | Some(Kind::FrozenSet) => {
                let frozen = kind == Some(Kind::FrozenSet);
                let items = self.dict_items(v);
                if items.is_empty() {
                    out.push_str(if frozen { "frozenset()" } else { "set()" });
                    return Ok(());
                }
                if frozen {
                    out.push_str("frozenset(");
                }
                out.push('{');
                for (i, (k, _)) in items.into_iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write_item_repr(out, k)?;
                }
                out.push('}');
                if frozen {
                    out.push(')');
                }
            }
            Some(Kind::DictView) => {
                let which = self.heap.aux(Runtime::blk(v)) as u8;
                let name = ["dict_keys", "dict_values", "dict_items"][which.min(2) as usize];
                let d = self.heap.val(Runtime::blk(v), VIEW_DICT);
                let l = crate::builtins::view_list_pub(self, d, which)?;
                self.pin(l);
                out.push_str(name);
                out.push('(');
                let r = self.write_repr(out, l);
                self.unpin(1);
                r?;
                out.push(')');
            }
            Some(Kind::Range) => {
                // The bounds are ints (small ones canonical), written as their reprs.
                let b = Runtime::blk(v);
                let step = self.heap.val(b, RANGE_STEP);
                out.push_str("range(");
                let start = self.heap.val(b, RANGE_START);
                self.write_repr(out, start)?;
                out.push_str(", ");
                let stop = self.heap.val(b, RANGE_STOP);
                self.write_repr(out, stop)?;
                if step != Value::small(1) {
                    out.push_str(", ");
                    self.write_repr(out, step)?;
                }
                out.push(')');
            }
            Some(Kind::Slice) => {
                out.push_str("slice(");
                for i in 1..4 {
                    if i > 1 {
                        out.push_str(", ");
                    }
                    let x = self.heap.val(Runtime::blk(v), i);
                    self.write_repr(out, x)?;
                }
                out.push(')');
            }
            Some(Kind::Function) => {
                out.push_str("<function ");
                out.push_str(&self.function_qualname_text(v));
                push_address(out, v);
            }
            Some(Kind::BoundMethod) => {
                let f = self.heap.val(Runtime::blk(v), BOUND_FUNC);
                let this = self.heap.val(Runtime::blk(v), BOUND_SELF);
                if self.kind(f) == Some(Kind::Function) {
                    out.push_str("<bound method ");
                    out.push_str(&self.function_qualname_text(f));
                    out.push_str(" of ");
                    self.write_repr(out, this)?;
                    out.push('>');
                } else {
                    out.push_str("<built-in method ");
                    out.push_str(crate::builtins::native_name(
                        self,
                        f.as_static()
                            .unwrap_or(0)
                            .saturating_sub(crate::value::STATIC_NATIVE_BASE),
                    ));
                    out.push_str(" of ");
                    out.push_str(self.class_text(self.type_of(this)));
                    out.push_str(" object");
                    push_address(out, this);
                }
            }
            Some(Kind::Class) => {
                let m = self.dict_get_q(self.attr_dict(v), Value::qstr(Q___MODULE__));
                out.push_str("<class '");
                if let Some(m) =
                    m.filter(|&m| self.is_str(m) && self.str_text(m) != Some("builtins"))
                {
                    out.push_str(self.str_text(m).unwrap_or("?"));
                    out.push('.');
                }
                out.push_str(self.class_text(v));
                out.push_str("'>");
            }
            Some(Kind::Module) => {
                let n = self.heap.val(Runtime::blk(v), MOD_NAME);
                out.push_str("<module '");
                out.push_str(self.str_text(n).unwrap_or("?"));
                out.push_str("'>");
            }
            Some(Kind::Instance) => {
                let own_repr = self.special(v, Q___REPR__).is_some();
                if !own_repr && self.is_exception(v) {
                    out.push_str(self.class_text(self.type_of(v)));
                    let args = self.exc_args(v);
                    if self.seq_len(args) == 1 {
                        out.push('(');
                        let a = self.seq_get(args, 0);
                        self.write_repr(out, a)?;
                        out.push(')');
                    } else {
                        self.write_repr(out, args)?;
                    }
                    return Ok(());
                }
                if own_repr {
                    let r = self.repr(v)?;
                    out.push_str(self.str_text(r).unwrap_or(""));
                    return Ok(());
                }
                if let Some(b) = self.base_value(v) {
                    return self.write_repr(out, b);
                }
                let cls = self.type_of(v);
                let m = self.dict_get_q(self.attr_dict(cls), Value::qstr(Q___MODULE__));
                let module = match m {
                    Some(m) => self.str_text(m).unwrap_or("?"),
                    None => "__main__",
                };
                out.push('<');
                out.push_str(module);
                out.push('.');
                out.push_str(self.class_text(cls));
                out.push_str(" object");
                push_address(out, v);
            }
            Some(Kind::Generator) => {
                let fr = self.heap.val(Runtime::blk(v), 1);
                let code = self.code_of(
                    self.heap
                        .val(Runtime::blk(fr), crate::interp::frame::F_CODE),
                );
                out.push('<');
                out.push_str(self.class_text(self.type_of(v)));
                out.push_str(" object ");
                if let Some(code) = code {
                    out.push_str(&code.name);
                }
                push_address(out, v);
            }
            Some(Kind::MemView) => {
                out.push_str("<memory");
                push_address(out, v);
            }
            _ => {
                out.push('<');
                out.push_str(self.class_text(self.type_of(v)));
                out.push_str(" object");
                push_address(out, v);
            }
        }
        Ok(())
    }

    fn write_container_repr(&mut self, out: &mut String, v: Value) -> PyResult<()> {
        if self.kind(v) == Some(Kind::Dict) {
            out.push('{');
            for (i, (k, x)) in self.dict_items(v).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                self.write_item_repr(out, k)?;
                out.push_str(": ");
                self.write_item_repr(out, x)?;
            }
            out.push('}');
            return Ok(());
        }
        let list = self.kind(v) == Some(Kind::List);
        out.push(if list { '[' } else { '(' });
        let n = self.seq_len(v);
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            let x = self.seq_get(v, i);
            self.write_item_repr(out, x)?;
        }
        if !list && n == 1 {
            out.push(',');
        }
        out.push(if list { ']' } else { ')' });
        Ok(())
    }

    fn write_item_repr(&mut self, out: &mut String, x: Value) -> PyResult<()> {
        if self.kind(x) == Some(Kind::Instance) {
            let r = self.repr(x)?;
            out.push_str(self.str_text(r).unwrap_or(""));
            return Ok(());
        }
        self.write_repr(out, x)
    }

    /// `format(v, spec)` (spec a str or NULL for "").
    pub fn format(&mut self, v: Value, spec: Value) -> PyResult<Value> {
        let spec_s: String = if spec.is_null() {
            String::new()
        } else {
            self.str_text(spec).unwrap_or("").into()
        };
        if spec_s.is_empty() && self.is_str(v) {
            return Ok(v);
        }
        if self.kind(v) == Some(Kind::Instance) {
            if self.special(v, Q___FORMAT__).is_some() {
                let sv = self.new_str(&spec_s)?;
                if let Some(r) = self.call_format(v, sv)? {
                    return Ok(r);
                }
            }
            if spec_s.is_empty() {
                return self.to_str(v);
            }
        }
        let mut out = String::new();
        self.format_into(&mut out, v, &spec_s)?;
        self.new_str(&out)
    }

    /// `v.__format__(spec)`, refusing a result that is not a str (as CPython's `format`).
    fn call_format(&mut self, v: Value, spec: Value) -> PyResult<Option<Value>> {
        let Some(r) = self.call_special(v, Q___FORMAT__, &[spec])? else {
            return Ok(None);
        };
        let r = match self.base_value(r) {
            Some(b) if self.is_str(b) => b,
            _ => r,
        };
        if !self.is_str(r) {
            return Err(self.type_error_naming("__format__ must return a str, not ", r, ""));
        }
        Ok(Some(r))
    }

    /// Format `v` with `spec` into `out`.
    pub fn format_into(&mut self, out: &mut String, v: Value, spec: &str) -> PyResult<()> {
        if self.kind(v) == Some(Kind::Instance) {
            let r = if self.special(v, Q___FORMAT__).is_some() {
                let spec_v = self.new_str(spec)?;
                match self.call_format(v, spec_v)? {
                    Some(r) => r,
                    None => return Ok(()),
                }
            } else if spec.is_empty() {
                self.to_str(v)?
            } else {
                return Err(self.type_error_naming(
                    "unsupported format string passed to ",
                    v,
                    ".__format__",
                ));
            };
            out.push_str(self.str_text(r).unwrap_or(""));
            return Ok(());
        }
        let tname = self.type_name(v);
        let parsed = match fmt::parse_spec(spec, &tname) {
            Ok(p) => p,
            Err(e) => return Err(self.raise_format(e)),
        };
        // The text will be at least `width` long, and a number's at least `precision` digits
        // (a str's precision only cuts it).
        let precision = if self.is_int(v) || self.float_val(v).is_some() {
            parsed.precision.unwrap_or(0)
        } else {
            0
        };
        let grows = parsed.width.unwrap_or(0).max(precision);
        self.check_room(out.len().saturating_add(grows))?;
        let r = if self.is_int(v) && v != Value::TRUE && v != Value::FALSE
            || (self.is_int(v) && !spec.is_empty())
        {
            self.with_int_value(v, &mut |i| fmt::format_int(out, i, &parsed, &tname))
        } else if let Some(f) = self.float_val(v) {
            fmt::format_float(out, f, &parsed, &tname)
        } else {
            let s = if self.is_str(v) { v } else { self.to_str(v)? };
            if !self.is_str(v) && !spec.is_empty() {
                return Err(self.type_error_naming(
                    "unsupported format string passed to ",
                    v,
                    ".__format__",
                ));
            }
            fmt::format_str(out, self.str_text(s).unwrap_or(""), &parsed, &tname)
        };
        r.map_err(|e| self.raise_format(e))
    }

    /// `fmt % args` for a str format.
    pub fn percent_format(&mut self, fmtv: Value, args: Value) -> PyResult<Value> {
        let text: String = self.str_text(fmtv).unwrap_or("").into();
        // A tuple subclass (a namedtuple) supplies its items, as a tuple does.
        let args = match self.base_value(args) {
            Some(b) if self.kind(b) == Some(Kind::Tuple) => b,
            _ => args,
        };
        let is_map = self.is_dict(args)
            || (self.kind(args) == Some(Kind::Instance)
                && self.special(args, Q___GETITEM__).is_some());
        // The arguments: the items of a tuple (which the caller keeps alive), or one value.
        let tuple = self.kind(args) == Some(Kind::Tuple);
        let nitems = if tuple { self.seq_len(args) } else { 1 };
        let mut next = 0usize;
        let mut out = String::with_capacity(text.len() + 16);
        let mut used_map = false;
        // Directives are parsed as they are rendered: like CPython, an argument error in an
        // earlier directive wins over a malformed later one.
        for p in fmt::PercentParser::new(&text) {
            match p.map_err(|e| self.raise_format(e))? {
                fmt::PercentPiece::Literal(s) => out.push_str(s),
                fmt::PercentPiece::Directive(d) => {
                    let mut take = |rt: &mut Runtime| -> PyResult<Value> {
                        if next < nitems {
                            next += 1;
                            Ok(if tuple {
                                rt.seq_get(args, next - 1)
                            } else {
                                args
                            })
                        } else {
                            Err(rt.type_error(crate::packed!(
                                "not enough arguments for format string"
                            )))
                        }
                    };
                    let sw = if d.width == Some(fmt::Count::Star) {
                        let v = take(self)?;
                        Some(self.int_arg(v)?)
                    } else {
                        None
                    };
                    let spr = if d.precision == Some(fmt::Count::Star) {
                        let v = take(self)?;
                        Some(self.int_arg(v)?)
                    } else {
                        None
                    };
                    let arg = match d.key {
                        Some(k) => {
                            if !is_map {
                                return Err(
                                    self.type_error(crate::packed!("format requires a mapping"))
                                );
                            }
                            used_map = true;
                            let kv = self.new_str(k)?;
                            self.getitem(args, kv)?
                        }
                        None => take(self)?,
                    };
                    let conv = d.conversion().map_err(|e| self.raise_format(e))?;
                    let spec = d.resolve(sw, spr);
                    self.pin(arg);
                    let r = self.render_percent(&mut out, conv, arg, &spec);
                    self.unpin(1);
                    r?;
                }
            }
        }
        if next < nitems && !(is_map && (used_map || nitems == 1)) {
            return Err(self.type_error(crate::packed!(
                "not all arguments converted during string formatting"
            )));
        }
        self.new_str(&out)
    }

    fn render_percent(
        &mut self,
        out: &mut String,
        conv: fmt::Conversion,
        arg: Value,
        spec: &fmt::PercentSpec,
    ) -> PyResult<()> {
        use fmt::Conversion as C;
        let precision = match conv {
            C::Str | C::Repr | C::Ascii => 0,
            _ => spec.precision.unwrap_or(0),
        };
        self.check_room(out.len().saturating_add(spec.width.max(precision)))?;
        // Numeric conversions of a builtin-derived instance use the number it wraps.
        let arg = match self.base_value(arg) {
            Some(b) if !matches!(conv, C::Str | C::Repr | C::Ascii) => b,
            _ => arg,
        };
        // Plain `%d` of a small int and `%s` of a str, the common cases, need no layout.
        let plain = spec.width == 0 && spec.flags == fmt::PercentFlags::default();
        if plain && spec.precision.is_none() {
            if let (C::Decimal, Some(i)) = (conv, arg.as_small()) {
                out.push_str(small_int_text(i, &mut [0u8; 12]));
                return Ok(());
            }
        }
        if plain && conv == C::Str {
            if let Some(t) = self.str_text(arg) {
                let t = match spec.precision {
                    Some(p) => t
                        .char_indices()
                        .nth(p)
                        .and_then(|(at, _)| t.get(..at))
                        .unwrap_or(t),
                    None => t,
                };
                out.push_str(t);
                return Ok(());
            }
        }
        let r = match conv {
            C::Str | C::Repr | C::Ascii => {
                let s = match conv {
                    C::Str => self.to_str(arg)?,
                    C::Repr => self.repr(arg)?,
                    _ => self.ascii(arg)?,
                };
                fmt::render_percent_text(out, self.str_text(s).unwrap_or(""), spec)
            }
            C::Char => {
                let c = if self.is_int(arg) {
                    match self.to_i64(arg) {
                        Some(i) => fmt::percent_char_from_int(IntValue::Small(i)),
                        None => Err(FormatError::overflow(crate::packed!(
                            "%c arg not in range(0x110000)"
                        ))),
                    }
                } else {
                    // A str of one character; anything else (no text at all) is refused.
                    let mut cs = self.str_text(arg).unwrap_or("").chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Ok(c),
                        _ => Err(FormatError::type_error(crate::packed!(
                            "%c requires int or char"
                        ))),
                    }
                };
                c.and_then(|c| fmt::render_percent_char(out, c, spec))
            }
            C::Decimal | C::Radix => {
                let float = self.float_val(arg);
                if !self.is_int(arg) && (float.is_none() || conv == C::Radix) {
                    return Err(self.type_error_with(
                        "%{} format: {} is required, not {}",
                        &[
                            spec.letter.arg(),
                            (if conv == C::Radix {
                                "an integer"
                            } else {
                                "a real number"
                            })
                            .arg(),
                            self.type_name(arg).arg(),
                        ],
                    ));
                }
                let v = if let Some(f) = float {
                    crate::builtins::float_to_int_pub(self, f)?
                } else {
                    arg
                };
                self.with_int_value(v, &mut |i| fmt::render_percent_int(out, i, spec))
            }
            C::Float => match self.num_as_float(arg)? {
                Some(f) => fmt::render_percent_float(out, f, spec),
                None => {
                    return Err(self.type_error_naming("must be real number, not ", arg, ""));
                }
            },
        };
        r.map_err(|e| self.raise_format(e))
    }

    /// `template.format(*args, **kwargs)`; `kw` holds `(name, value)` pairs.
    pub fn str_format(
        &mut self,
        template: Value,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        let text: String = self.str_text(template).unwrap_or("").into();
        let mut numbering = fmt::AutoNumbering::new();
        let mut out = String::new();
        for piece in fmt::TemplateParser::new(&text) {
            let piece = piece.map_err(|e| self.raise_format(e))?;
            match piece {
                fmt::TemplatePiece::Literal(s) => out.push_str(s),
                fmt::TemplatePiece::Field(field) => {
                    let argref = field
                        .argument(&mut numbering)
                        .map_err(|e| self.raise_format(e))?;
                    // CPython looks the field's value up before it expands the spec.
                    let v = self.field_value(&field, argref, args, kw)?;
                    self.pin(v);
                    let mut spec = String::new();
                    let mut nested_err: Option<Raised> = None;
                    let r = fmt::expand_spec::<FormatError>(
                        &field,
                        &mut numbering,
                        &mut spec,
                        |o, inner, a| match self.format_field(o, inner, a, args, kw) {
                            Ok(()) => Ok(()),
                            Err(e) => {
                                nested_err = Some(e);
                                Err(FormatError::value(crate::packed!("")))
                            }
                        },
                    );
                    let r = match (nested_err, r) {
                        (Some(e), _) => Err(e),
                        (None, Err(e)) => Err(self.raise_format(e)),
                        (None, Ok(())) => self.format_into(&mut out, v, &spec),
                    };
                    self.unpin(1);
                    r?;
                }
            }
        }
        self.new_str(&out)
    }

    /// Append the formatted value of a field nested in another's spec to `out`.
    fn format_field(
        &mut self,
        out: &mut String,
        field: &fmt::Field<'_>,
        a: fmt::ArgumentRef<'_>,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<()> {
        let v = self.field_value(field, a, args, kw)?;
        self.pin(v);
        let r = self.format_into(out, v, field.spec);
        self.unpin(1);
        r
    }

    fn field_value(
        &mut self,
        field: &fmt::Field<'_>,
        a: fmt::ArgumentRef<'_>,
        args: &[Value],
        kw: &[(Value, Value)],
    ) -> PyResult<Value> {
        let mut v = match a {
            fmt::ArgumentRef::Index(i) => match args.get(i) {
                Some(v) => *v,
                None => return Err(self.raise_format(fmt::replacement_index_error(i))),
            },
            fmt::ArgumentRef::Name(n) => {
                let found = kw
                    .iter()
                    .find(|(k, _)| self.str_text(*k) == Some(n))
                    .map(|e| e.1);
                match found {
                    Some(v) => v,
                    None => {
                        let k = self.new_str(n)?;
                        return Err(self.raise_key_error(k));
                    }
                }
            }
        };
        let start = self.pins.len();
        for acc in field.accessors() {
            let acc = match acc {
                Ok(a) => a,
                Err(e) => {
                    self.pins.truncate(start);
                    return Err(self.raise_format(e));
                }
            };
            self.pin(v);
            let r = match acc {
                fmt::Accessor::Attribute(name) => {
                    self.intern(name).and_then(|q| self.get_attr(v, q))
                }
                fmt::Accessor::Index(i) => self.getitem(v, Value::small(i as i32)),
                fmt::Accessor::Key(k) => self.new_str(k).and_then(|kv| self.getitem(v, kv)),
            };
            match r {
                Ok(x) => v = x,
                Err(e) => {
                    self.pins.truncate(start);
                    return Err(e);
                }
            }
        }
        self.pin(v);
        let conv = field.conversion().map_err(|e| self.raise_format(e));
        let r = conv.and_then(|c| match c {
            None => Ok(v),
            Some(fmt::FieldConversion::Str) => self.to_str(v),
            Some(fmt::FieldConversion::Repr) => self.repr(v),
            Some(fmt::FieldConversion::Ascii) => self.ascii(v),
        });
        self.pins.truncate(start);
        r
    }
}

/// The reprs of `None`, `False`, `True`, `Ellipsis` and `NotImplemented`, in the order of
/// their static ids.
const SINGLETON_NAMES: [&str; 5] = ["None", "False", "True", "Ellipsis", "NotImplemented"];

/// Append the ` at 0x…>` that ends the repr of an object shown by its address.
fn push_address(out: &mut String, v: Value) {
    out.push_str(" at 0x");
    fmt::push_hex(out, v.0, 8);
    out.push('>');
}

/// Append `b'…'` for `bytes`.
pub fn write_bytes_repr(out: &mut String, b: &[u8]) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            _ => {
                out.push_str("\\x");
                fmt::push_hex(out, u32::from(c), 2);
            }
        }
    }
    out.push(quote);
}

/// The decimal text of `i`, written into `buf` from its end.
fn small_int_text(i: i32, buf: &mut [u8; 12]) -> &str {
    let mut n = i.unsigned_abs();
    let mut at = buf.len();
    // Eleven characters at most (`-2147483648`): every `at` below is inside `buf`.
    for slot in buf.iter_mut().rev() {
        at -= 1;
        *slot = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        at -= 1;
        if let Some(slot) = buf.get_mut(at) {
            *slot = b'-';
        }
    }
    buf.get(at..)
        .and_then(|text| core::str::from_utf8(text).ok())
        .unwrap_or("")
}
