//! `help()`: MicroPython's board help (the control keys, where to start), `help('modules')`
//! (the modules compiled into this VM), and `help(obj)` (an object's type and attributes).

use crate::modules::{frozen, module_of, TABLES_END};
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

/// What `help()` prints, after MicroPython's text for its boards: [`WELCOME`], the Wi-Fi
/// lines where the VM has the `network` module, then [`CONTROL`].
const WELCOME: &str = "Welcome to mote, Python on microcontrollers!

For access to the hardware use the 'machine' module:

import machine
pin = machine.Pin(2, machine.Pin.OUT)
pin.on()
pin.off()
";

#[cfg(feature = "net")]
const WIFI: &str = "
Basic Wi-Fi configuration:

import network
sta_if = network.WLAN(network.STA_IF); sta_if.active(True)
sta_if.connect(\"<AP_name>\", \"<password>\") # Connect to an AP
sta_if.isconnected()                      # Check for successful connection
sta_if.ifconfig()                         # The address, netmask, gateway, DNS
";

const CONTROL: &str = "
Control commands:
  CTRL-A        -- on a blank line, enter raw REPL mode
  CTRL-B        -- on a blank line, enter normal REPL mode
  CTRL-C        -- interrupt a running program
  CTRL-D        -- on a blank line, do a soft reset of the board
  CTRL-E        -- on a blank line, enter paste mode
  TAB           -- complete the name or attribute before the cursor

For further help on a specific object, type help(obj)
For a list of available modules, type help('modules')
";

/// Width of a column of `help('modules')`.
const COLUMN: usize = 18;
/// Columns of `help('modules')`.
const COLUMNS: usize = 4;

/// `help([obj])`.
pub(super) fn help(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    // The row allows one argument at most.
    let text = match args.first() {
        None => {
            let mut text = String::from(WELCOME);
            #[cfg(feature = "net")]
            text.push_str(WIFI);
            text.push_str(CONTROL);
            text
        }
        Some(v) if rt.str_text(*v) == Some("modules") => module_list(rt),
        Some(v) => describe(rt, *v)?,
    };
    rt.host.write_stdout(text.as_bytes());
    Ok(Value::NONE)
}

/// The importable compiled-in modules in columns, as MicroPython lists them.
fn module_list(rt: &mut Runtime) -> String {
    let end = TABLES_END + rt.embedded.len() as u32;
    // `machine` and `network` import only where the host has a board and Wi-Fi.
    let board = rt.host.machine().is_some();
    let wifi =
        rt.host.wlan(crate::wlan::STA_IF).is_some() || rt.host.wlan(crate::wlan::AP_IF).is_some();
    // Kept sorted and without repeats as names come (a few dozen): no sort of its own.
    let mut names: Vec<&str> = Vec::new();
    let mut add = |name| {
        let at = names.partition_point(|n| *n < name);
        if names.get(at) != Some(&name) {
            names.insert(at, name);
        }
    };
    let compiled = (1..end).filter_map(|t| module_of(rt, t)).map(|d| d.name);
    for name in compiled.chain(frozen::names()) {
        let hidden =
            name.starts_with('_') || (name == "machine" && !board) || (name == "network" && !wifi);
        if !hidden {
            add(name);
        }
    }
    add("builtins");
    add("__main__");
    let mut out = String::new();
    for row in names.chunks(COLUMNS) {
        for (i, name) in row.iter().enumerate() {
            out.push_str(name);
            if i + 1 < row.len() {
                for _ in 0..COLUMN.saturating_sub(name.chars().count()) {
                    out.push(' ');
                }
            }
        }
        out.push('\n');
    }
    out.push_str("Plus any modules on the filesystem\n");
    out
}

/// `object <repr> is of type <type>`, then the public attributes with their values.
fn describe(rt: &mut Runtime, v: Value) -> PyResult<String> {
    let r = rt.repr(v)?;
    let mut out = String::from("object ");
    out.push_str(&rt.display_name(r));
    out.push_str(" is of type ");
    out.push_str(&rt.type_name(v));
    out.push('\n');
    let names = super::funcs::dir(rt, &[v], Value::NULL)?;
    rt.pin(names);
    for name in rt.seq_items_or_empty(names) {
        let text = rt.display_name(name);
        if text.starts_with("__") {
            continue;
        }
        // An attribute whose lookup raises (a property) is listed without its value.
        let shown = match rt.get_attr(v, name).and_then(|a| rt.repr(a)) {
            Ok(s) => rt.display_name(s),
            Err(_) => {
                rt.exc = Value::NULL;
                String::from("?")
            }
        };
        for part in ["  ", &text, " -- ", &shown, "\n"] {
            out.push_str(part);
        }
    }
    rt.unpin(1);
    Ok(out)
}

// What `help` says is checked where `help('modules')` lists the network side.
#[cfg(all(test, feature = "net"))]
mod tests {
    use crate::tests::TestHost;
    use crate::vm::{Config, Outcome, Vm};
    use alloc::string::String;

    fn run(src: &str) -> String {
        let mut vm = Vm::new(Config::default(), TestHost::default()).unwrap();
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        String::from_utf8_lossy(&vm.host().out).into_owned()
    }

    #[test]
    fn help_texts() {
        let out = run("help()");
        assert!(out.starts_with("Welcome to mote"), "{out}");
        assert!(out.contains("CTRL-E        -- on a blank line, enter paste mode\n"));
        assert!(out.contains("pin.off()\n\nBasic Wi-Fi configuration:\n\nimport network\n"));
        assert!(out.contains("# The address, netmask, gateway, DNS\n\nControl commands:\n"));
        let out = run("help('modules')");
        // Columns 18 wide, as MicroPython's, without trailing spaces.
        assert!(
            out.starts_with("__main__          array             "),
            "{out}"
        );
        assert!(out.lines().all(|l| !l.ends_with(' ')), "{out}");
        let names: alloc::vec::Vec<&str> = out.split_whitespace().collect();
        for m in [
            "os", "sys", "time", "socket", "asyncio", "builtins", "__main__",
        ] {
            assert!(names.contains(&m), "{m} not in {out}");
        }
        // Neither `_net` (private) nor what this host cannot import (no board here).
        for m in ["_net", "machine", "network"] {
            assert!(!names.contains(&m), "{m} in {out}");
        }
        let out = run("class A:\n    x = 1\n    def f(self): pass\nhelp(A)\nhelp(3)");
        assert!(
            out.starts_with("object <class '__main__.A'> is of type type\n  f -- <function"),
            "{out}"
        );
        assert!(out.contains("  x -- 1\nobject 3 is of type int\n"), "{out}");
    }
}
