//! The `random` module (also `urandom`): CPython's Mersenne Twister (MT19937) with CPython's
//! seeding and derivations, so a seeded program draws the same numbers as under CPython:
//! `seed`, `getrandbits`, `random`, `randrange`, `randint`, `choice`, `shuffle`, `uniform`.
//! Unseeded, the generator starts from the host clock. Its 2.5 KB of state is module state
//! (outside the Python heap), made on first use.

use super::ModuleDef;
use crate::bigint::{BigInt, Sign};
use crate::builtins::arg;
use crate::format::message::{fill, ToArg};
use crate::format::Float;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `random`.
    pub static NATIVES;
    SEED = "seed" (0..=2) => seed, module;
    GETRANDBITS = "getrandbits" (1) => getrandbits, module;
    RANDOM = "random" (0) => random, module;
    RANDRANGE = "randrange" (1..=3) => randrange, module;
    RANDINT = "randint" (2) => randint, module;
    CHOICE = "choice" (1) => choice, module;
    SHUFFLE = "shuffle" (1) => shuffle, module;
    UNIFORM = "uniform" (2) => uniform, module;
}

/// The `random` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "random",
    natives: &NATIVES,
    attrs: &[],
    init: None,
};

const N: usize = 624;
const M: usize = 397;

/// MT19937 state.
pub struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new(seed: u32) -> Mt {
        let mut state = [0u32; N];
        state[0] = seed;
        for i in 1..N {
            state[i] = 1_812_433_253u32
                .wrapping_mul(state[i - 1] ^ (state[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        Mt { state, index: N }
    }

    /// CPython's `init_by_array`.
    fn from_key(key: &[u32]) -> Mt {
        let mut mt = Mt::new(19_650_218);
        let s = &mut mt.state;
        let (mut i, mut j) = (1usize, 0usize);
        let klen = key.len().max(1);
        for _ in 0..N.max(klen) {
            let prev = s[i - 1] ^ (s[i - 1] >> 30);
            s[i] = (s[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(key.get(j).copied().unwrap_or(0))
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
            if j >= klen {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = s[i - 1] ^ (s[i - 1] >> 30);
            s[i] = (s[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x8000_0000;
        mt
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(k + M) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[k] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits (CPython's `random()`), or binary32's 24.
    #[cfg(not(feature = "float32"))]
    fn next_float(&mut self) -> Float {
        let a = (self.next_u32() >> 5) as Float;
        let b = (self.next_u32() >> 6) as Float;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// A float in [0, 1) with 53 random bits (CPython's `random()`), or binary32's 24.
    #[cfg(feature = "float32")]
    fn next_float(&mut self) -> Float {
        (self.next_u32() >> 8) as Float / 16_777_216.0
    }

    /// `k` random bits as 32-bit words, least significant first (CPython's `getrandbits`).
    fn bits(&mut self, k: u64) -> Vec<u32> {
        let words = k.div_ceil(32) as usize;
        let mut out = Vec::with_capacity(words);
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        out
    }

    /// A uniform integer in [0, n) for n > 0 (CPython's `_randbelow_with_getrandbits`).
    fn below(&mut self, n: &BigInt) -> BigInt {
        let k = n.bits();
        loop {
            let r = BigInt::from_slice(Sign::Plus, &self.bits(k));
            if &r < n {
                return r;
            }
        }
    }

    fn below_usize(&mut self, n: usize) -> usize {
        self.below(&BigInt::from(n as u64)).to_usize().unwrap_or(0)
    }
}

/// Run `f` on the module's generator (seeded from the host clock on first use).
fn with_mt<R>(rt: &mut Runtime, f: impl FnOnce(&mut Mt) -> R) -> R {
    let t = super::table::RANDOM;
    let mut m = match rt.take_module_state::<Mt>(t) {
        Some(m) => m,
        None => {
            let now = rt.host.ticks_us() ^ rt.host.time_us() as u64;
            Box::new(Mt::from_key(&[now as u32, (now >> 32) as u32]))
        }
    };
    let r = f(&mut m);
    rt.set_module_state(t, m);
    r
}

fn int_of(rt: &mut Runtime, v: Value) -> Option<BigInt> {
    if rt.is_int(v) {
        rt.to_bigint(v)
    } else {
        None
    }
}

/// `random.seed(a=None)`: ints (by absolute value) as CPython; floats by their hash; str,
/// bytes and bytearray by their bytes.
pub fn seed(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = args.first().copied().unwrap_or(Value::NONE);
    let key: Vec<u32> = if a == Value::NONE {
        let now = rt.host.ticks_us() ^ rt.host.time_us() as u64;
        alloc::vec![now as u32, (now >> 32) as u32]
    } else if let Some(n) = int_of(rt, a) {
        n.magnitude().to_u32_digits()
    } else if rt.kind(a) == Some(Kind::Float) {
        let h = rt.hash(a)?;
        BigInt::from(h).magnitude().to_u32_digits()
    } else if let Some(b) = rt
        .str_text(a)
        .map(|s| s.as_bytes().to_vec())
        .or_else(|| rt.bytes_of(a).map(|b| b.to_vec()))
    {
        // Not CPython's sha512-based derivation: the bytes themselves form the key.
        BigInt::from_bytes_be(Sign::Plus, &b)
            .magnitude()
            .to_u32_digits()
    } else {
        return Err(rt.type_error(crate::packed!(
            "The only supported seed types are: None,\nint, float, str, bytes, and bytearray."
        )));
    };
    let t = super::table::RANDOM;
    rt.set_module_state(t, Box::new(Mt::from_key(&key)));
    Ok(Value::NONE)
}

/// `random.getrandbits(k)`.
pub fn getrandbits(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&kv) = args.first() else {
        return Err(rt.type_error(crate::packed!(
            "getrandbits() takes exactly one argument (0 given)"
        )));
    };
    let k = rt.int_arg(kv)?;
    if k < 0 {
        return Err(rt.value_error(crate::packed!("number of bits must be non-negative")));
    }
    rt.check_room((k as usize) / 8)?;
    let words = with_mt(rt, |m| m.bits(k as u64));
    rt.new_bigint(&BigInt::from_slice(Sign::Plus, &words))
}

/// `random.random()`.
pub fn random(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let f = with_mt(rt, |m| m.next_float());
    rt.new_float(f)
}

/// `random.uniform(a, b)`.
pub fn uniform(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let [a, b] = args else {
        return Err(rt.type_error(crate::packed!("uniform() takes exactly 2 arguments")));
    };
    let (Some(a), Some(b)) = (rt.num_as_float(*a)?, rt.num_as_float(*b)?) else {
        return Err(rt.type_error(crate::packed!("unsupported operand type(s) for uniform()")));
    };
    let r = with_mt(rt, |m| m.next_float());
    rt.new_float(a + (b - a) * r)
}

fn range_arg(rt: &mut Runtime, v: Value, which: usize) -> PyResult<BigInt> {
    match int_of(rt, v) {
        Some(n) => Ok(n),
        None => {
            let msg = if rt.kind(v) == Some(Kind::Float) {
                fill("non-integer arg {} for randrange()", &[which.arg()])
            } else {
                fill(
                    "'{}' object cannot be interpreted as an integer",
                    &[rt.type_name(v).arg()],
                )
            };
            let kind = if rt.kind(v) == Some(Kind::Float) {
                ExcKind::ValueError
            } else {
                ExcKind::TypeError
            };
            Err(rt.raise(kind, &msg))
        }
    }
}

fn randrange_of(
    rt: &mut Runtime,
    start: BigInt,
    stop: Option<BigInt>,
    step: BigInt,
) -> PyResult<Value> {
    let Some(stop) = stop else {
        if start.is_positive() {
            let r = with_mt(rt, |m| m.below(&start));
            return rt.new_bigint(&r);
        }
        return Err(rt.value_error(crate::packed!("empty range for randrange()")));
    };
    let width = &stop - &start;
    if step == BigInt::from(1) {
        if width.is_positive() {
            let r = with_mt(rt, |m| m.below(&width));
            return rt.new_bigint(&(start + r));
        }
        let decimal = crate::format::radix::to_decimal;
        return Err(rt.value_error_with(
            "empty range for randrange() ({}, {}, {})",
            &[
                decimal(&start).arg(),
                decimal(&stop).arg(),
                decimal(&width).arg(),
            ],
        ));
    }
    if step.is_zero() {
        return Err(rt.value_error(crate::packed!("zero step for randrange()")));
    }
    let n: BigInt = if step.is_positive() {
        (&width + &step - BigInt::from(1)) / &step
    } else {
        (&width + &step + BigInt::from(1)) / &step
    };
    if !n.is_positive() {
        return Err(rt.value_error(crate::packed!("empty range for randrange()")));
    }
    let r = with_mt(rt, |m| m.below(&n));
    rt.new_bigint(&(start + step * r))
}

/// `random.randrange(stop)` / `randrange(start, stop[, step])`.
pub fn randrange(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    if args.is_empty() || args.len() > 3 {
        return Err(rt.type_error_with(
            "randrange() takes from 2 to 4 positional arguments but {} were given",
            &[(args.len() + 1).arg()],
        ));
    }
    let start = range_arg(rt, arg(args, 0), 1)?;
    let stop = match args.get(1) {
        Some(v) => Some(range_arg(rt, *v, 2)?),
        None => None,
    };
    let step = match args.get(2) {
        Some(v) => range_arg(rt, *v, 3)?,
        None => BigInt::from(1),
    };
    randrange_of(rt, start, stop, step)
}

/// `random.randint(a, b)`: `randrange(a, b + 1)`.
pub fn randint(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let [a, b] = args else {
        return Err(rt.type_error_with(
            "randint() takes 3 positional arguments but {} were given",
            &[(args.len() + 1).arg()],
        ));
    };
    let a = range_arg(rt, *a, 1)?;
    let b = range_arg(rt, *b, 2)?;
    randrange_of(rt, a, Some(b + BigInt::from(1)), BigInt::from(1))
}

/// `random.choice(seq)`.
pub fn choice(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&seq) = args.first() else {
        return Err(rt.type_error(crate::packed!(
            "choice() missing 1 required positional argument: 'seq'"
        )));
    };
    let len = crate::builtins::call_native(rt, crate::builtins::N_LEN, &[seq], Value::NULL)?;
    let n = rt.to_i64(len).unwrap_or(0).max(0) as usize;
    if n == 0 {
        return Err(rt.raise(
            ExcKind::IndexError,
            crate::packed!("Cannot choose from an empty sequence"),
        ));
    }
    let i = with_mt(rt, |m| m.below_usize(n));
    let iv = rt.new_int(i as i64)?;
    rt.getitem(seq, iv)
}

/// `random.shuffle(x)`: in place, CPython's order of swaps.
pub fn shuffle(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&x) = args.first() else {
        return Err(rt.type_error(crate::packed!(
            "shuffle() missing 1 required positional argument: 'x'"
        )));
    };
    if rt.kind(x) != Some(Kind::List) {
        return Err(rt.type_error_naming("'", x, "' object does not support item assignment"));
    }
    let n = rt.seq_len(x);
    for i in (1..n).rev() {
        let j = with_mt(rt, |m| m.below_usize(i + 1));
        // The list may have been shrunk by nothing here (no Python code runs), but stay safe.
        if i < rt.seq_len(x) && j < rt.seq_len(x) {
            let (a, b) = (rt.seq_get(x, i), rt.seq_get(x, j));
            rt.list_set(x, i, b);
            rt.list_set(x, j, a);
        }
    }
    Ok(Value::NONE)
}

#[cfg(test)]
mod tests {
    use super::Mt;

    #[test]
    fn mt19937_matches_the_reference_output() {
        // init_genrand(5489): the reference generator's first outputs.
        let mut m = Mt::new(5489);
        assert_eq!(m.next_u32(), 3_499_211_612);
        assert_eq!(m.next_u32(), 581_869_302);
        // CPython: random.seed(1); random.getrandbits(32) == 577090037.
        let mut c = Mt::from_key(&[1]);
        assert_eq!(c.next_u32(), 577_090_037);
    }
}
