//! The `machine` module, MicroPython's names over the host's [`crate::host::Machine`]:
//! `reset`, `soft_reset`, `unique_id`, `freq`, `reset_cause` with its constants, `idle`, and
//! `Pin` (a GPIO as a value the board holds: `Pin(2, Pin.OUT, value=1)`, `.value()`, `.on()`,
//! `.off()`). Importable only where the host has a board.

use super::{Attr, ModuleDef};
use crate::builtins::{kwarg, split_kw};
use crate::format::message::{fill, ToArg};
use crate::host::Machine;
use crate::obj::exception::ExcKind;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `machine` and of its `Pin` class.
    pub static NATIVES;
    RESET = "reset" (0) => reset, module;
    SOFT_RESET = "soft_reset" (0) => soft_reset, module;
    UNIQUE_ID = "unique_id" (0) => unique_id, module;
    FREQ = "freq" (0..=1) => freq, module;
    RESET_CAUSE = "reset_cause" (0) => reset_cause, module;
    IDLE = "idle" (0) => idle, module;
    PIN_INIT = "__init__" => pin_init, module method kw;
    PIN_VALUE = "value" => pin_value, module method;
    PIN_ON = "on" => pin_on, module method;
    PIN_OFF = "off" => pin_off, module method;
    PIN_REPR = "__repr__" => pin_repr, module method;
}

/// `reset_cause()` values, as MicroPython's ESP32 port numbers them.
pub const PWRON_RESET: i64 = 1;
/// A reset by `machine.reset()` or the reset pin.
pub const HARD_RESET: i64 = 2;
/// A watchdog reset.
pub const WDT_RESET: i64 = 3;
/// A wake from deep sleep.
pub const DEEPSLEEP_RESET: i64 = 4;
/// A soft reset (Ctrl-D, `machine.soft_reset()`).
pub const SOFT_RESET_CAUSE: i64 = 5;

/// The `machine` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "machine",
    natives: &NATIVES,
    attrs: &[
        ("PWRON_RESET", Attr::Int(PWRON_RESET as i32)),
        ("HARD_RESET", Attr::Int(HARD_RESET as i32)),
        ("WDT_RESET", Attr::Int(WDT_RESET as i32)),
        ("DEEPSLEEP_RESET", Attr::Int(DEEPSLEEP_RESET as i32)),
        ("SOFT_RESET", Attr::Int(SOFT_RESET_CAUSE as i32)),
    ],
    init: Some(init),
};

/// Pin modes and pulls, as MicroPython's ESP32 port numbers them.
const PIN_CONSTANTS: [(&str, i32); 5] = [
    ("IN", 1),
    ("OUT", 3),
    ("OPEN_DRAIN", 7),
    ("PULL_UP", 2),
    ("PULL_DOWN", 1),
];

fn init(rt: &mut Runtime, m: Value) -> PyResult<()> {
    if rt.host.machine().is_none() {
        return Err(rt.raise(
            ExcKind::ImportError,
            crate::packed!("no module named 'machine' on this host"),
        ));
    }
    let cls = super::native_class(
        rt,
        "Pin",
        None,
        super::table::MACHINE,
        &NATIVES,
        &PIN_CONSTANTS,
    )?;
    rt.module_set(m, "Pin", cls)
}

/// The host's board (the module imports only where there is one).
fn board(rt: &mut Runtime) -> PyResult<&mut dyn Machine> {
    if rt.host.machine().is_none() {
        return Err(rt.raise(ExcKind::OSError, crate::packed!("no board")));
    }
    match rt.host.machine() {
        Some(m) => Ok(m),
        None => Err(crate::runtime::Raised),
    }
}

fn reset(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    board(rt)?.request_reset();
    Err(rt.raise(ExcKind::SystemExit, crate::packed!("")))
}

fn soft_reset(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    Err(rt.raise(ExcKind::SystemExit, crate::packed!("")))
}

fn unique_id(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let id = board(rt)?.unique_id();
    rt.new_bytes(&id)
}

fn freq(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match args.first() {
        None => {
            let hz = board(rt)?.freq();
            rt.new_int(i64::from(hz))
        }
        Some(hz) => {
            let hz = rt.to_i64(*hz).and_then(|h| u32::try_from(h).ok());
            let ok = match hz {
                Some(hz) => board(rt)?.set_freq(hz),
                None => false,
            };
            if ok {
                Ok(Value::NONE)
            } else {
                Err(rt.value_error(crate::packed!("frequency not supported")))
            }
        }
    }
}

fn reset_cause(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let cause = board(rt)?.reset_cause();
    rt.new_int(i64::from(cause))
}

fn idle(_rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    Ok(Value::NONE)
}

/// The GPIO number a `Pin` instance stands for.
fn pin_id(rt: &mut Runtime, pin: Value) -> PyResult<u32> {
    let k = rt.intern("_id")?;
    let v = rt.get_attr(pin, k)?;
    match rt.to_i64(v).and_then(|i| u32::try_from(i).ok()) {
        Some(id) => Ok(id),
        None => Err(rt.type_error(crate::packed!("not a Pin"))),
    }
}

fn set_level(rt: &mut Runtime, id: u32, v: Value) -> PyResult<()> {
    let level = rt.truthy(v)?;
    if board(rt)?.set_pin(id, level) {
        Ok(())
    } else {
        Err(rt.value_error(crate::packed!("invalid pin")))
    }
}

/// `Pin(id, mode=-1, pull=-1, *, value=None)`.
fn pin_init(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let (Some(&this), Some(&id)) = (pos.first(), pos.get(1)) else {
        return Err(rt.type_error(crate::packed!("Pin() needs a pin number")));
    };
    let Some(num) = rt.to_i64(id).and_then(|i| u32::try_from(i).ok()) else {
        return Err(rt.value_error(crate::packed!("invalid pin")));
    };
    if board(rt)?.pin(num).is_none() {
        return Err(rt.value_error(crate::packed!("invalid pin")));
    }
    let k = rt.intern("_id")?;
    rt.set_attr(this, k, id)?;
    let value = kwarg(rt, &kw, Q_VALUE).or(pos.get(4).copied());
    if let Some(v) = value.filter(|v| *v != Value::NONE) {
        set_level(rt, num, v)?;
    }
    Ok(Value::NONE)
}

/// `pin.value()` reads the level; `pin.value(x)` drives it.
fn pin_value(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&this) = args.first() else {
        return Err(rt.type_error(crate::packed!("value() needs a Pin")));
    };
    let id = pin_id(rt, this)?;
    match args.get(1) {
        None => match board(rt)?.pin(id) {
            Some(level) => Ok(Value::small(i32::from(level))),
            None => Err(rt.value_error(crate::packed!("invalid pin"))),
        },
        Some(&v) => set_level(rt, id, v).map(|_| Value::NONE),
    }
}

fn pin_on(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = args.first().copied().unwrap_or(Value::NONE);
    let id = pin_id(rt, this)?;
    set_level(rt, id, Value::TRUE).map(|_| Value::NONE)
}

fn pin_off(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = args.first().copied().unwrap_or(Value::NONE);
    let id = pin_id(rt, this)?;
    set_level(rt, id, Value::FALSE).map(|_| Value::NONE)
}

fn pin_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = args.first().copied().unwrap_or(Value::NONE);
    let id = pin_id(rt, this)?;
    rt.new_str(&fill("Pin({})", &[id.arg()]))
}
