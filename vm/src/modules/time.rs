//! The `time` module with MicroPython's tick functions. `sleep` parks the VM (the run loop
//! returns `Sleep` to the embedder) instead of blocking.

use super::ModuleDef;
use crate::obj::exception::ExcKind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Ticks wrap at 2**30 (MicroPython's `TICKS_PERIOD`), so they stay small ints.
const TICKS_PERIOD: i64 = 1 << 30;

crate::native_table! {
    /// The natives of `time`.
    pub static NATIVES;
    TIME = "time" (0) => time, module;
    SLEEP = "sleep" (1) => sleep, module;
    SLEEP_MS = "sleep_ms" (1) => sleep_ms, module;
    SLEEP_US = "sleep_us" (1) => sleep_us, module;
    TICKS_MS = "ticks_ms" (0) => ticks_ms, module;
    TICKS_US = "ticks_us" (0) => ticks_us, module;
    TICKS_DIFF = "ticks_diff" (2) => ticks_diff, module;
    TICKS_ADD = "ticks_add" (2) => ticks_add, module;
    MONOTONIC = "monotonic" (0) => monotonic, module;
}

/// The `time` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "time",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

/// `time.time()`.
pub fn time(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = rt.host.time_s();
    rt.new_float(t)
}

/// `time.monotonic()`.
pub fn monotonic(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = rt.host.ticks_us() as f64 / 1e6;
    rt.new_float(t)
}

fn park(rt: &mut Runtime, us: f64, from_float: bool) -> PyResult<Value> {
    if us.is_nan() {
        return Err(rt.value_error("Invalid value NaN (not a number)"));
    }
    // CPython keeps the deadline in i64 nanoseconds and refuses what does not fit, rather
    // than sleeping forever (its message depends on whether a float was given).
    if !(us * 1e3 < i64::MAX as f64 && us * 1e3 > i64::MIN as f64) {
        let msg = if from_float {
            "timestamp out of range for platform time_t"
        } else {
            "timestamp too large to convert to C _PyTime_t"
        };
        return Err(rt.raise(ExcKind::OverflowError, msg));
    }
    if us < 0.0 {
        return Err(rt.value_error("sleep length must be non-negative"));
    }
    let now = rt.host.ticks_us();
    rt.sleep_until = Some(now.saturating_add(us as u64));
    Ok(Value::NONE)
}

fn is_float(rt: &Runtime, args: &[Value]) -> bool {
    args.first().is_some_and(|v| rt.float_val(*v).is_some())
}

fn num(rt: &mut Runtime, args: &[Value]) -> PyResult<f64> {
    match args.first() {
        Some(v) => match rt.num_to_f64(*v)? {
            Some(f) => Ok(f),
            None => Err(rt.type_error("an integer or float is required")),
        },
        None => Err(rt.type_error("function takes exactly 1 argument (0 given)")),
    }
}

/// `time.sleep(s)`.
pub fn sleep(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.len() != 1 {
        let msg = alloc::format!(
            "time.sleep() takes exactly one argument ({} given)",
            args.len()
        );
        return Err(rt.type_error(&msg));
    }
    let s = num(rt, args)?;
    park(rt, s * 1e6, is_float(rt, args))
}

/// `time.sleep_ms(ms)`.
pub fn sleep_ms(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = num(rt, args)?;
    park(rt, s * 1e3, is_float(rt, args))
}

/// `time.sleep_us(us)`.
pub fn sleep_us(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let s = num(rt, args)?;
    park(rt, s, is_float(rt, args))
}

/// `time.ticks_ms()`.
pub fn ticks_ms(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = (rt.host.ticks_us() / 1000) as i64 % TICKS_PERIOD;
    rt.new_int(t)
}

/// `time.ticks_us()`.
pub fn ticks_us(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = rt.host.ticks_us() as i64 % TICKS_PERIOD;
    rt.new_int(t)
}

fn two_ints(rt: &mut Runtime, args: &[Value]) -> PyResult<(i64, i64)> {
    if args.len() != 2 {
        return Err(rt.type_error("function takes exactly 2 arguments"));
    }
    Ok((rt.int_arg(args[0])?, rt.int_arg(args[1])?))
}

/// `time.ticks_diff(a, b)`: signed distance modulo the tick period.
pub fn ticks_diff(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, b) = two_ints(rt, args)?;
    let half = TICKS_PERIOD / 2;
    let d = ((a - b + half).rem_euclid(TICKS_PERIOD)) - half;
    rt.new_int(d)
}

/// `time.ticks_add(t, delta)`.
pub fn ticks_add(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, b) = two_ints(rt, args)?;
    rt.new_int((a + b).rem_euclid(TICKS_PERIOD))
}

#[cfg(test)]
mod tests {
    use super::TICKS_PERIOD;

    #[test]
    fn ticks_diff_wraps() {
        let half = TICKS_PERIOD / 2;
        let diff = |a: i64, b: i64| ((a - b + half).rem_euclid(TICKS_PERIOD)) - half;
        assert_eq!(diff(5, TICKS_PERIOD - 5), 10);
        assert_eq!(diff(TICKS_PERIOD - 5, 5), -10);
        assert_eq!(diff(100, 40), 60);
    }
}
