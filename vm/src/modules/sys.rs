//! The `sys` module, the standard streams, and traceback printing.

use super::{Attr, ModuleDef};
use crate::builtins::arg;
use crate::builtins::native::native_id;
use crate::format::message::{fill, push_filled, ToArg};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;

crate::native_table! {
    /// The natives of `sys`.
    pub static NATIVES;
    EXIT = "exit" (0..=1) => exit, module;
    PRINT_EXCEPTION = "print_exception" (1..=2) => print_exception, module;
    STREAM_WRITE = "write" => stream_write, module method;
}

/// The `sys` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "sys",
    natives: &NATIVES,
    attrs: &[
        ("maxsize", Attr::Int(i32::MAX)),
        ("byteorder", Attr::Str("little")),
        ("argv", Attr::Made(|rt| Ok(rt.sys_argv))),
        ("path", Attr::Made(|rt| Ok(rt.sys_path))),
        ("modules", Attr::Made(|rt| Ok(rt.modules))),
        ("stdout", Attr::Made(|rt| make_stream(rt, 1))),
        ("stderr", Attr::Made(|rt| make_stream(rt, 2))),
        ("stdin", Attr::Made(|rt| make_stream(rt, 0))),
        ("implementation", Attr::Made(implementation)),
        ("version_info", Attr::Made(version_info)),
        (
            "version",
            Attr::Made(|rt| rt.new_str("3.11.0 (mote 0.1.0)")),
        ),
        ("platform", Attr::Made(platform)),
    ],
    init: None,
};

/// `sys.implementation`: `(name='mote', version=(0, 1, 0), _machine='<platform> with mote')`,
/// a named tuple as MicroPython's (its fields are attributes, it prints its field names).
fn implementation(rt: &mut Runtime) -> PyResult<Value> {
    let base = rt.pins.len();
    let r = (|| {
        let name = rt.intern("mote")?;
        rt.pin(name);
        let version = rt.new_tuple(&[Value::small(0), Value::small(1), Value::small(0)])?;
        rt.pin(version);
        let machine: String = fill("{} with mote", &[rt.host.platform().arg()]);
        let machine = rt.new_str(&machine)?;
        rt.pin(machine);
        #[cfg(feature = "collections")]
        {
            let cls = crate::modules::collections::make_namedtuple(
                rt,
                "implementation",
                &["name".into(), "version".into(), "_machine".into()],
                None,
                None,
            )?;
            rt.pin(cls);
            let t = rt.new_tuple(&[name, version, machine])?;
            rt.pin(t);
            rt.new_instance_with_base(cls, t)
        }
        // Without `collections`, a namespace with the same attributes.
        #[cfg(not(feature = "collections"))]
        {
            let imp = rt.new_module("implementation")?;
            rt.pin(imp);
            rt.module_set(imp, "name", name)?;
            rt.module_set(imp, "version", version)?;
            rt.module_set(imp, "_machine", machine)?;
            Ok(imp)
        }
    })();
    rt.pins.truncate(base);
    r
}

fn version_info(rt: &mut Runtime) -> PyResult<Value> {
    rt.new_tuple(&[Value::small(3), Value::small(11), Value::small(0)])
}

fn platform(rt: &mut Runtime) -> PyResult<Value> {
    let plat: String = rt.host.platform().into();
    rt.new_str(&plat)
}

/// The class of the standard streams, made with the first of them.
fn stream_class(rt: &mut Runtime) -> PyResult<Value> {
    let key = native_id(super::table::SYS, STREAM_WRITE);
    if let Some(&(_, c)) = rt.module_classes.iter().find(|(k, _)| *k == key) {
        return Ok(c);
    }
    let name = rt.intern("TextIOWrapper")?;
    let bases = rt.new_tuple(&[TypeId::Object.value()])?;
    rt.pin(bases);
    let ns = rt.new_dict();
    let cls = ns.and_then(|ns| rt.new_class(name, bases, ns));
    rt.unpin(1);
    let cls = cls?;
    rt.module_classes.push((key, cls));
    Ok(cls)
}

fn make_stream(rt: &mut Runtime, fd: i32) -> PyResult<Value> {
    let cls = stream_class(rt)?;
    rt.pin(cls);
    let r = (|| {
        let inst = rt.new_instance(cls)?;
        rt.pin(inst);
        let w = rt.new_bound(
            inst,
            Runtime::native(native_id(super::table::SYS, STREAM_WRITE)),
        );
        let r = w.and_then(|w| {
            rt.set_attr_dict(inst, Value::qstr(Q_WRITE), w)?;
            let k = rt.intern("fd")?;
            rt.set_attr_dict(inst, k, Value::small(fd))
        });
        rt.unpin(1);
        r.map(|_| inst)
    })();
    rt.unpin(1);
    r
}

/// The descriptor of a standard stream object (`None` for any other object).
pub(crate) fn stream_fd(rt: &mut Runtime, s: Value) -> Option<i32> {
    if rt.kind(s) != Some(Kind::Instance) {
        return None;
    }
    let k = rt.intern("fd").ok()?;
    rt.instance_attr(s, k)?.as_small()
}

/// Write `text` to file object `f` (a standard stream, or anything with `write`).
pub fn write_to(rt: &mut Runtime, f: Value, text: &str) -> PyResult<()> {
    match stream_fd(rt, f) {
        Some(2) => rt.host.write_stderr(text.as_bytes()),
        Some(_) => rt.host.write_stdout(text.as_bytes()),
        None => {
            let s = rt.new_str(text)?;
            // Looking the method up allocates (a bound method): keep the text rooted.
            rt.pin(s);
            let r = rt.call_method(f, Q_WRITE, &[s]);
            rt.unpin(1);
            r?;
        }
    }
    Ok(())
}

/// `stream.write(s)`.
pub fn stream_write(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 2 {
        return Err(rt.type_error(crate::packed!("write() takes exactly one argument")));
    }
    let text: String = match rt.str_text(arg(args, 1)) {
        Some(s) => s.into(),
        None => {
            return Err(rt.type_error_naming(
                "write() argument must be str, not ",
                arg(args, 1),
                "",
            ));
        }
    };
    let fd = stream_fd(rt, arg(args, 0)).unwrap_or(1);
    if fd == 2 {
        rt.host.write_stderr(text.as_bytes());
    } else {
        rt.host.write_stdout(text.as_bytes());
    }
    rt.new_int(text.chars().count() as i64)
}

/// `sys.exit([code])`.
pub fn exit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let cls = rt.exc_class(ExcKind::SystemExit)?;
    let e = rt.new_exception(cls, args)?;
    Err(rt.raise_value(e))
}

/// `sys.print_exception(e[, file])`.
pub fn print_exception(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&e) = args.first() else {
        return Err(rt.type_error(crate::packed!(
            "print_exception() takes at least 1 argument"
        )));
    };
    let text = rt.format_traceback(e)?;
    match args.get(1) {
        Some(f) => write_to(rt, *f, &text)?,
        None => rt.host.write_stdout(text.as_bytes()),
    }
    Ok(Value::NONE)
}

impl Runtime {
    /// The traceback text of exception `e`, as MicroPython prints it.
    pub fn format_traceback(&mut self, e: Value) -> PyResult<String> {
        let mut out = String::new();
        let tb = self.instance_attr(e, Value::qstr(Q___TRACEBACK__));
        if self.exc_matches(e, ExcKind::SyntaxError) && tb.is_none() {
            let get = |rt: &mut Runtime, q: u32| rt.instance_attr(e, Value::qstr(q));
            let file = get(self, Q_FILENAME).filter(|v| self.is_str(*v));
            let line = get(self, Q_LINENO).and_then(|v| v.as_small()).unwrap_or(1);
            out.push_str("Traceback (most recent call last):\n");
            let f = file
                .map(|f| self.display_name(f))
                .unwrap_or_else(|| "<stdin>".into());
            push_filled(&mut out, "  File \"{}\", line {}\n", &[f.arg(), line.arg()]);
        } else if let Some(tb) = tb.filter(|t| self.kind(*t) == Some(Kind::List)) {
            out.push_str("Traceback (most recent call last):\n");
            let items = self.seq_items_or_empty(tb);
            for pair in items.chunks(2).rev() {
                if pair.len() != 2 {
                    continue;
                }
                let (file, name) = match self.code_of(pair[0]) {
                    Some(c) => (String::from(&*c.filename), c.name.clone()),
                    None => ("?".into(), "?".into()),
                };
                let line = pair[1].as_small().unwrap_or(0);
                push_filled(
                    &mut out,
                    "  File \"{}\", line {}, in {}\n",
                    &[file.arg(), line.arg(), name.arg()],
                );
            }
        }
        let cls = self.type_of(e);
        let mut name = self.class_name(cls);
        if let Some(m) = self.dict_get_q(self.attr_dict(cls), Value::qstr(Q___MODULE__)) {
            let ms = self.display_name(m);
            if ms != "__main__" && ms != "builtins" && self.is_str(m) {
                let mut dotted = ms;
                dotted.push('.');
                dotted.push_str(&name);
                name = dotted;
            }
        }
        // Like CPython, a message that cannot be made (its `__str__` raises, or recursion runs
        // out) does not hide the exception being reported.
        let msg = match self.exc_str(e) {
            Ok(msg) => msg,
            Err(_) => {
                self.exc = Value::NULL;
                String::from("<exception str() failed>")
            }
        };
        if msg.is_empty() {
            out.push_str(&name);
        } else {
            out.push_str(&name);
            out.push_str(": ");
            out.push_str(&msg);
        }
        out.push('\n');
        Ok(out)
    }
}
