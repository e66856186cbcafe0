//! The `time` module with MicroPython's tick functions. `sleep` parks the VM (the run loop
//! returns `Sleep` to the embedder) instead of blocking.
//!
//! With the `time-calendar` feature, `gmtime`/`localtime` give MicroPython's 8-tuple `(year,
//! month, mday, hour, minute, second, weekday, yearday)` (Monday is 0, January 1st is day 1;
//! the first eight fields of CPython's `struct_time`), and `mktime` takes one back to seconds.
//! The epoch is 1970 and the boards keep UTC, so local time is UTC; `time_ns` comes with them.

use super::ModuleDef;
use crate::builtins::arg;
use crate::format::Float;
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
    #[cfg(feature = "time-calendar")]
    TIME_NS = "time_ns" (0) => time_ns, module;
    #[cfg(feature = "time-calendar")]
    GMTIME = "gmtime" (0..=1) => gmtime, module;
    #[cfg(feature = "time-calendar")]
    LOCALTIME = "localtime" (0..=1) => gmtime, module;
    #[cfg(feature = "time-calendar")]
    MKTIME = "mktime" (1) => mktime, module;
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
    let us = rt.host.time_us();
    rt.new_float(seconds(us))
}

/// `time.monotonic()`.
pub fn monotonic(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let us = rt.host.ticks_us();
    rt.new_float(seconds(us as i64))
}

/// `us` microseconds as float seconds, built from 32-bit parts: the whole seconds' high and
/// low bits are exact in any float, and a VM with 32-bit floats (the `float32` feature) then
/// links no 64-bit-int-to-float routine for its clocks.
fn seconds(us: i64) -> Float {
    let (whole, rest) = (us.div_euclid(1_000_000), us.rem_euclid(1_000_000) as i32);
    let high = (whole >> 20) as i32 as Float * (1 << 20) as Float;
    high + (whole & 0xf_ffff) as i32 as Float + rest as Float / 1e6
}

fn park(rt: &mut Runtime, us: Float, from_float: bool) -> PyResult<Value> {
    if us.is_nan() {
        return Err(rt.value_error(crate::packed!("Invalid value NaN (not a number)")));
    }
    // CPython keeps the deadline in i64 nanoseconds and refuses what does not fit, rather
    // than sleeping forever (its message depends on whether a float was given).
    if !(us * 1e3 < i64::MAX as Float && us * 1e3 > i64::MIN as Float) {
        let msg = if from_float {
            "timestamp out of range for platform time_t"
        } else {
            "timestamp too large to convert to C _PyTime_t"
        };
        return Err(rt.raise(ExcKind::OverflowError, msg));
    }
    if us < 0.0 {
        return Err(rt.value_error(crate::packed!("sleep length must be non-negative")));
    }
    let now = rt.host.ticks_us();
    // Through i64 (in range, checked above): the image has that conversion anyway, not the
    // unsigned one.
    rt.sleep_until = Some(now.saturating_add(us as i64 as u64));
    Ok(Value::NONE)
}

fn is_float(rt: &Runtime, args: &[Value]) -> bool {
    args.first().is_some_and(|v| rt.float_val(*v).is_some())
}

fn num(rt: &mut Runtime, args: &[Value]) -> PyResult<Float> {
    match args.first() {
        Some(v) => match rt.num_as_float(*v)? {
            Some(f) => Ok(f),
            None => Err(rt.type_error(crate::packed!("an integer or float is required"))),
        },
        None => Err(rt.type_error(crate::packed!(
            "function takes exactly 1 argument (0 given)"
        ))),
    }
}

/// `time.sleep(s)`.
pub fn sleep(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
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
    Ok((rt.int_arg(arg(args, 0))?, rt.int_arg(arg(args, 1))?))
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

#[cfg(feature = "time-calendar")]
/// `time.time_ns()`: the host's wall clock in integer nanoseconds.
pub fn time_ns(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let ns = i128::from(rt.host.time_us()) * 1000;
    match i64::try_from(ns) {
        Ok(n) => rt.new_int(n),
        Err(_) => rt.new_bigint(&crate::bigint::BigInt::from(ns)),
    }
}

#[cfg(feature = "time-calendar")]
/// Days from 1970-01-01 to `year-month-day` (proleptic Gregorian; Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(feature = "time-calendar")]
/// `(year, month, day)` of day `z` after 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(feature = "time-calendar")]
/// Seconds the 8-tuple fields stay within (years 1..=9999, as CPython's).
const MAX_SECONDS: i64 = 253_402_300_799;
#[cfg(feature = "time-calendar")]
const MIN_SECONDS: i64 = -62_135_596_800;

#[cfg(feature = "time-calendar")]
/// `time.gmtime([secs])` / `time.localtime([secs])`: the 8-tuple of `secs` (now without it).
pub fn gmtime(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let secs = match args.first() {
        None => rt.host.time_us().div_euclid(1_000_000),
        Some(&Value::NONE) => rt.host.time_us().div_euclid(1_000_000),
        Some(&v) => match rt.float_val(v) {
            Some(f) if f.is_nan() => {
                return Err(rt.value_error(crate::packed!("Invalid value NaN (not a number)")))
            }
            Some(f) if f.abs() < 1e15 => crate::format::FloatMath::floor(f) as i64,
            Some(_) => {
                return Err(rt.raise(
                    ExcKind::OverflowError,
                    crate::packed!("timestamp out of range for platform time_t"),
                ))
            }
            None => rt.int_arg(v)?,
        },
    };
    if !(MIN_SECONDS..=MAX_SECONDS).contains(&secs) {
        return Err(rt.raise(
            ExcKind::OverflowError,
            crate::packed!("timestamp out of range for platform time_t"),
        ));
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let weekday = (days + 3).rem_euclid(7);
    let yearday = days - days_from_civil(y, 1, 1) + 1;
    let fields = [
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        weekday,
        yearday,
    ];
    let vals: alloc::vec::Vec<Value> = fields.iter().map(|f| Value::small(*f as i32)).collect();
    rt.new_tuple(&vals)
}

#[cfg(feature = "time-calendar")]
/// `time.mktime(t)`: seconds since the epoch of the (local, that is UTC) time tuple `t` of 8
/// or 9 fields; out-of-range fields carry over as in C's `mktime`.
pub fn mktime(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let t = &arg(args, 0);
    let items = match rt.kind(*t) {
        Some(crate::obj::kind::Kind::Tuple | crate::obj::kind::Kind::List) => {
            rt.seq_items_or_empty(*t)
        }
        _ => return Err(rt.type_error(crate::packed!("Tuple or struct_time argument required"))),
    };
    if !(8..=9).contains(&items.len()) {
        return Err(rt.type_error(crate::packed!("mktime(): illegal time tuple argument")));
    }
    let mut f = [0i64; 6];
    for (k, v) in items.iter().take(6).enumerate() {
        f[k] = rt.int_arg(*v)?;
        if f[k].abs() > 1 << 40 {
            return Err(rt.raise(
                ExcKind::OverflowError,
                crate::packed!("mktime argument out of range"),
            ));
        }
    }
    let month0 = f[1] - 1;
    let year = f[0] + month0.div_euclid(12);
    let month = month0.rem_euclid(12) + 1;
    let days = days_from_civil(year, month, 1) + f[2] - 1;
    let secs = days * 86_400 + f[3] * 3600 + f[4] * 60 + f[5];
    rt.new_int(secs)
}

#[cfg(test)]
mod tests {
    use super::TICKS_PERIOD;
    #[cfg(feature = "time-calendar")]
    use super::{civil_from_days, days_from_civil};

    #[test]
    fn ticks_diff_wraps() {
        let half = TICKS_PERIOD / 2;
        let diff = |a: i64, b: i64| ((a - b + half).rem_euclid(TICKS_PERIOD)) - half;
        assert_eq!(diff(5, TICKS_PERIOD - 5), 10);
        assert_eq!(diff(TICKS_PERIOD - 5, 5), -10);
        assert_eq!(diff(100, 40), 60);
    }

    #[test]
    #[cfg(feature = "time-calendar")]
    fn civil_dates_round_trip() {
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert!((1..=12).contains(&m) && (1..=31).contains(&d));
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }
}
