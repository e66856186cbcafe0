//! The `ota` Python module on the simulated board: the running image as a script sees it, with
//! ESP-IDF's names for confirming and rejecting it (MicroPython's `esp32.Partition` has the
//! first of them).
//!
//! - `ota.version()`: the running image's version, `'2.0.0'`.
//! - `ota.slot()`: its slot as an ESP-IDF partition label, `'ota_0'` or `'ota_1'`.
//! - `ota.state()`: `'factory'`, `'trial'` (booted after an update, not yet confirmed) or
//!   `'confirmed'`.
//! - `ota.mark_app_valid_cancel_rollback()`: confirms an image on trial (nothing otherwise),
//!   as `esp32.Partition.mark_app_valid_cancel_rollback()`.
//! - `ota.mark_app_invalid_rollback_and_reboot()`: rejects the image on trial and restarts
//!   the board into the previous one; `OSError` when the image is not on trial.
//!
//! The module is registered in the VM only on a board the ROM started; the running image is
//! the process's own (one per firmware process), set once at start ([`install`]).

use std::format;
use std::sync::{Arc, OnceLock};

use mote_vm::obj::exception::ExcKind;
use mote_vm::runtime::{PyResult, Runtime};
use mote_vm::value::Value;
use mote_vm::ModuleDef;

use super::running::{restart_now, RunningImage};

static RUNNING: OnceLock<Arc<RunningImage>> = OnceLock::new();

mote_vm::native_table! {
    /// The natives of `ota`.
    pub static NATIVES;
    VERSION = "version" => version, module;
    SLOT = "slot" => slot, module;
    STATE = "state" => state, module;
    MARK_VALID = "mark_app_valid_cancel_rollback" => mark_valid, module;
    MARK_INVALID = "mark_app_invalid_rollback_and_reboot" => mark_invalid, module;
}

/// The `ota` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "ota",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

/// Makes `image` the one the module reports; the module is usable from then on.
pub fn install(image: Arc<RunningImage>) {
    // The firmware process runs one image for its whole life: a second call changes nothing.
    let _ = RUNNING.set(image);
}

fn running(rt: &mut Runtime) -> PyResult<&'static RunningImage> {
    match RUNNING.get() {
        Some(image) => Ok(image),
        None => Err(rt.raise(ExcKind::OSError, "this board has no OTA slots")),
    }
}

fn version(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let image = running(rt)?;
    rt.new_str(image.version())
}

fn slot(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let image = running(rt)?;
    rt.new_str(image.slot_label())
}

fn state(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let image = running(rt)?;
    rt.new_str(image.state_name())
}

fn mark_valid(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let image = running(rt)?;
    match image.confirm() {
        Ok(_) => Ok(Value::NONE),
        Err(e) => Err(rt.raise(ExcKind::OSError, &format!("cannot confirm: {e}"))),
    }
}

fn mark_invalid(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let image = running(rt)?;
    match image.reject() {
        Ok(true) => restart_now(),
        Ok(false) => Err(rt.raise(
            ExcKind::OSError,
            "the running image is not on trial; there is nothing to roll back to",
        )),
        Err(e) => Err(rt.raise(ExcKind::OSError, &format!("cannot reject: {e}"))),
    }
}
