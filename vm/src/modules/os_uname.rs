//! `os.uname()`: what runs the program, as MicroPython reports it: `sysname` `'mote'`,
//! `nodename` the board's name ([`crate::Host::node_name`]), `release` and `version` mote's
//! version, `machine` `'<platform> with mote-vm'` (MicroPython's `'<board> with <chip>'`).
//! The result is a tuple whose items are also attributes, like CPython's `uname_result`.

use super::os::{UNAME_RESULT_GETATTR, UNAME_RESULT_REPR};
use super::table;
use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

/// The fields of the result, in order.
const FIELDS: [&str; 5] = ["sysname", "nodename", "release", "version", "machine"];

/// `os.uname()`.
pub fn uname(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if !args.is_empty() {
        return Err(rt.type_error(crate::packed!("uname() takes no arguments")));
    }
    let version = env!("CARGO_PKG_VERSION");
    let texts: [String; 5] = [
        "mote".into(),
        rt.host.node_name().into(),
        version.into(),
        fill("mote {}", &[version.arg()]),
        fill("{} with mote-vm", &[rt.host.platform().arg()]),
    ];
    let base = rt.pins.len();
    let r = (|| {
        let cls = rt.module_class(
            table::OS,
            UNAME_RESULT_GETATTR..UNAME_RESULT_REPR + 1,
            "uname_result",
            TypeId::Tuple.value(),
        )?;
        rt.pin(cls);
        let mut items = Vec::with_capacity(FIELDS.len());
        for text in &texts {
            let s = rt.new_str(text)?;
            rt.pin(s);
            items.push(s);
        }
        let tuple = rt.new_tuple(&items)?;
        rt.pin(tuple);
        rt.new_instance_with_base(cls, tuple)
    })();
    rt.pins.truncate(base);
    r
}

/// `uname_result.__getattr__`: the named fields.
pub fn uname_result_getattr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (Some(&this), Some(&name)) = (args.first(), args.get(1)) else {
        return Err(rt.type_error(crate::packed!("__getattr__ needs a name")));
    };
    let this = rt.base_value(this).unwrap_or(this);
    let name = rt.display_name(name);
    match FIELDS.iter().position(|f| *f == name) {
        Some(i) if i < rt.seq_len(this) => Ok(rt.seq_get(this, i)),
        _ => Err(rt.raise_with(
            ExcKind::AttributeError,
            "'uname_result' object has no attribute '{}'",
            &[name.arg()],
        )),
    }
}

/// `uname_result.__repr__`: `(sysname='mote', nodename=…)`, as MicroPython prints it.
pub fn uname_result_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&this) = args.first() else {
        return Err(rt.type_error(crate::packed!("__repr__ needs a uname_result")));
    };
    let this = rt.base_value(this).unwrap_or(this);
    let mut out = String::from("(");
    for (i, field) in FIELDS.iter().enumerate().take(rt.seq_len(this)) {
        let item = rt.seq_get(this, i);
        let r = rt.repr(item)?;
        let text = rt.display_name(r);
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&fill("{}={}", &[field.arg(), text.arg()]));
    }
    out.push(')');
    rt.new_str(&out)
}

#[cfg(test)]
mod tests {
    use crate::tests::TestHost;
    use crate::vm::{Config, Outcome, Vm};
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn uname_outside_a_board() {
        let mut vm = Vm::new(Config::default(), TestHost::default()).unwrap();
        let src = "import os\nu = os.uname()\nprint(u)\nprint(u.nodename, u[0], u.machine, u == tuple(u))\ntry:\n    u.x\nexcept AttributeError as e:\n    print(e)\n";
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        let v = env!("CARGO_PKG_VERSION");
        assert_eq!(
            String::from_utf8_lossy(&vm.host().out),
            format!("(sysname='mote', nodename='mote', release='{v}', version='mote {v}', machine='test with mote-vm')\nmote mote test with mote-vm True\n'uname_result' object has no attribute 'x'\n")
        );
    }
}
