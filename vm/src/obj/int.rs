//! `int`: small ints in the value word, big ints as heap limbs `[hdr(nlimbs), sign, limbs…]`
//! (little-endian u32 limbs). Every result that fits a small int is demoted to one, so a big
//! int object always holds a value outside the small range.

use crate::bigint::{BigInt, Sign};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Integer binary operators.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**` (non-negative exponent)
    Pow,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
}

impl Runtime {
    /// An int from an i64.
    pub fn new_int(&mut self, i: i64) -> PyResult<Value> {
        if let Some(v) = Value::try_small(i) {
            return Ok(v);
        }
        // One or two limbs written straight into the heap, as `new_bigint` lays them out,
        // without a `BigInt` (whose digits the host allocator would hold).
        let mag = i.unsigned_abs();
        let nlimbs = if mag >> 32 == 0 { 1 } else { 2 };
        let b = self.alloc(Kind::BigInt, nlimbs as u32, 2 + nlimbs)?;
        self.heap.set(b, 1, (i < 0) as u32);
        self.heap.set(b, 2, mag as u32);
        if nlimbs == 2 {
            self.heap.set(b, 3, (mag >> 32) as u32);
        }
        Ok(Value::handle(b))
    }

    /// An int from a big int (demoted when it fits).
    pub fn new_bigint(&mut self, n: &BigInt) -> PyResult<Value> {
        if let Some(v) = n.to_i64().and_then(Value::try_small) {
            return Ok(v);
        }
        self.int_from_limbs(n.is_negative(), n.magnitude().limbs())
    }

    /// Is `v` an int (bool included)?
    #[inline]
    pub fn is_int(&self, v: Value) -> bool {
        v.is_small() || v == Value::TRUE || v == Value::FALSE || self.kind(v) == Some(Kind::BigInt)
    }

    /// The value of an int as a big int.
    pub fn to_bigint(&self, v: Value) -> Option<BigInt> {
        if let Some(i) = v.as_small() {
            return Some(BigInt::from(i));
        }
        if v == Value::TRUE {
            return Some(BigInt::from(1));
        }
        if v == Value::FALSE {
            return Some(BigInt::from(0));
        }
        if self.kind(v) != Some(Kind::BigInt) {
            return None;
        }
        let b = Runtime::blk(v);
        let n = self.heap.aux(b) as usize;
        let w = crate::heap::Heap::base(b) + 2;
        let limbs = self.heap.words.get(w..w + n)?;
        let sign = if self.heap.get(b, 1) == 1 {
            Sign::Minus
        } else {
            Sign::Plus
        };
        Some(BigInt::from_slice(sign, limbs))
    }

    /// [`Runtime::to_bigint`], zero for anything but an int: one call where the `Option`'s
    /// unwrapping would be inlined at each place.
    #[inline(never)]
    pub fn to_bigint_or_zero(&self, v: Value) -> BigInt {
        self.to_bigint(v).unwrap_or_default()
    }

    /// The value of an int as i64, if it fits.
    pub fn to_i64(&self, v: Value) -> Option<i64> {
        if let Some(i) = v.as_small() {
            return Some(i as i64);
        }
        if v == Value::TRUE || v == Value::FALSE {
            return Some((v == Value::TRUE) as i64);
        }
        if self.kind(v) != Some(Kind::BigInt) {
            return None;
        }
        // Read at most two limbs instead of converting the whole number.
        let b = Runtime::blk(v);
        let n = self.heap.aux(b) as usize;
        if (2..n).any(|i| self.heap.get(b, 2 + i) != 0) {
            return None;
        }
        let limb = |i: usize| {
            if i < n {
                self.heap.get(b, 2 + i) as u64
            } else {
                0
            }
        };
        let mag = limb(0) | (limb(1) << 32);
        if self.heap.get(b, 1) == 1 {
            (mag <= 1 << 63).then_some((mag as i64).wrapping_neg())
        } else {
            i64::try_from(mag).ok()
        }
    }

    /// An int argument as i64 (`TypeError` if not an int, `OverflowError` if too big).
    pub fn int_arg(&mut self, v: Value) -> PyResult<i64> {
        if let Some(i) = v.as_small() {
            return Ok(i as i64);
        }
        if self.kind(v) == Some(Kind::Instance) {
            if let Some(r) = self.call_special(v, crate::qstr::Q___INDEX__, &[])? {
                if self.is_int(r) {
                    return self.int_arg(r);
                }
            }
            if let Some(b) = self.base_value(v).filter(|b| self.is_int(*b)) {
                return self.int_arg(b);
            }
        }
        if !self.is_int(v) {
            return Err(self.type_error_naming(
                "'",
                v,
                "' object cannot be interpreted as an integer",
            ));
        }
        match self.to_i64(v) {
            Some(i) => Ok(i),
            None => Err(self.raise(
                ExcKind::OverflowError,
                crate::packed!("Python int too large to convert to C ssize_t"),
            )),
        }
    }

    /// An int as a float (`OverflowError` if too large).
    pub fn int_as_float(&mut self, v: Value) -> PyResult<crate::format::Float> {
        if let Some(i) = v.as_small() {
            return Ok(i as crate::format::Float);
        }
        let n = self.to_bigint_or_zero(v);
        match n.to_float() {
            f if f.is_finite() => Ok(f),
            _ => Err(self.raise(
                ExcKind::OverflowError,
                crate::packed!("int too large to convert to float"),
            )),
        }
    }

    /// `a op b` on two ints.
    pub fn int_binop(&mut self, op: IntOp, a: Value, b: Value) -> PyResult<Value> {
        if let (Some(x), Some(y)) = (self.to_i64(a), self.to_i64(b)) {
            if let Some(r) = Runtime::i64_binop(op, x, y) {
                return self.new_int(r);
            }
        }
        if matches!(op, IntOp::Add | IntOp::Sub | IntOp::Mul) {
            let r = self.int_linear_op(a, b, op == IntOp::Mul, op == IntOp::Sub);
            if let Some(r) = r {
                return r;
            }
        }
        if matches!(op, IntOp::FloorDiv | IntOp::Mod) {
            if let Some(r) = self.int_divmod_limbs(a, b, op == IntOp::FloorDiv) {
                return r;
            }
        }
        let x = self.to_bigint_or_zero(a);
        let y = self.to_bigint_or_zero(b);
        let r = match op {
            IntOp::Add => x + y,
            IntOp::Sub => x - y,
            IntOp::Mul => x * y,
            IntOp::FloorDiv | IntOp::Mod => {
                // `int_divmod_limbs` answered every int divisor but zero.
                let m = if op == IntOp::Mod {
                    "integer modulo by zero"
                } else {
                    "integer division or modulo by zero"
                };
                return Err(self.raise(ExcKind::ZeroDivisionError, m));
            }
            IntOp::Pow => {
                let e = match y.to_u32() {
                    Some(e) => e,
                    None => {
                        return Err(self
                            .raise(ExcKind::OverflowError, crate::packed!("exponent too large")))
                    }
                };
                if x.bits().saturating_mul(e as u64) > 1 << 20 {
                    return Err(self.raise(ExcKind::MemoryError, crate::packed!("int too large")));
                }
                x.pow(e)
            }
            IntOp::Shl | IntOp::Shr if y.is_negative() => {
                return Err(self.value_error(crate::packed!("negative shift count")));
            }
            IntOp::Shl => match y.to_u32() {
                Some(s) if s < 1 << 20 => x << u64::from(s),
                _ => {
                    return Err(self.raise(
                        ExcKind::OverflowError,
                        crate::packed!("too many digits in integer"),
                    ))
                }
            },
            IntOp::Shr => match y.to_u64() {
                Some(s) if s < 1 << 32 => x >> s,
                _ => {
                    if x.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::from(0)
                    }
                }
            },
            IntOp::And => x & y,
            IntOp::Or => x | y,
            IntOp::Xor => x ^ y,
        };
        self.new_bigint(&r)
    }

    /// `x op y` in i64 when the result cannot overflow; `None` to take the big path (which
    /// also raises the errors: a zero divisor, a negative shift count).
    fn i64_binop(op: IntOp, x: i64, y: i64) -> Option<i64> {
        match op {
            IntOp::Add => x.checked_add(y),
            IntOp::Sub => x.checked_sub(y),
            IntOp::Mul => x.checked_mul(y),
            IntOp::FloorDiv | IntOp::Mod => {
                if y == 0 || x == i64::MIN {
                    None
                } else if op == IntOp::FloorDiv {
                    let q = x / y;
                    Some(if x % y != 0 && ((x < 0) != (y < 0)) {
                        q - 1
                    } else {
                        q
                    })
                } else {
                    let m = x % y;
                    Some(if m != 0 && ((m < 0) != (y < 0)) {
                        m + y
                    } else {
                        m
                    })
                }
            }
            IntOp::Pow => u32::try_from(y).ok().and_then(|e| x.checked_pow(e)),
            IntOp::Shl => {
                if (0..62).contains(&y) && x.unsigned_abs() < (1u64 << (62 - y)) {
                    Some(x << y)
                } else {
                    None
                }
            }
            IntOp::Shr if y < 0 => None,
            IntOp::Shr => Some(x >> y.min(63)),
            IntOp::And => Some(x & y),
            IntOp::Or => Some(x | y),
            IntOp::Xor => Some(x ^ y),
        }
    }

    /// Compare two ints.
    pub fn int_cmp(&self, a: Value, b: Value) -> core::cmp::Ordering {
        if let (Some(x), Some(y)) = (self.to_i64(a), self.to_i64(b)) {
            return x.cmp(&y);
        }
        if let Some(o) = self.int_cmp_limbs(a, b) {
            return o;
        }
        self.to_bigint(a).cmp(&self.to_bigint(b))
    }

    /// `-a` for an int.
    pub fn int_neg(&mut self, a: Value) -> PyResult<Value> {
        match self.to_i64(a) {
            Some(i) if i != i64::MIN => self.new_int(-i),
            _ => {
                let n = -self.to_bigint_or_zero(a);
                self.new_bigint(&n)
            }
        }
    }

    /// Decimal text of an int for `str()`/`repr()`: `ValueError` past CPython's default limit
    /// of 4300 digits (checked on the bit length first, so a huge int is refused without the
    /// quadratic conversion).
    pub fn int_decimal(&mut self, v: Value) -> PyResult<alloc::string::String> {
        const LIMIT: usize = crate::format::INT_MAX_STR_DIGITS;
        let too_long = match self.to_i64(v) {
            Some(_) => false,
            None => {
                let bits = self.to_bigint(v).map_or(0, |n| n.bits());
                // 4300 digits hold at most 14284 bits; past that no conversion is needed.
                bits > 14_300 || {
                    let text = self.int_to_string(v);
                    text.trim_start_matches('-').len() > LIMIT
                }
            }
        };
        if too_long {
            return Err(self.value_error(
                crate::packed!("Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"),
            ));
        }
        Ok(self.int_to_string(v))
    }

    /// Decimal text of an int.
    pub fn int_to_string(&self, v: Value) -> alloc::string::String {
        use alloc::string::ToString;
        match self.to_i64(v) {
            Some(i) => i.to_string(),
            None => crate::format::radix::to_decimal(&self.to_bigint_or_zero(v)),
        }
    }
}

/// `x / y` for big ints (`y` not zero), rounded half to even as CPython's true division is
/// (`None` when the quotient overflows a float). The quotient is taken to 66 or 67 bits with a
/// sticky bit for any remainder, so converting it rounds once, as the exact quotient would.
/// Results in [2^-1023, 2^-1022) round twice (the 54-bit quotient to 53 bits, then `scalbn` to
/// the subnormal), and that still gives the right float: the first rounding drops one bit, an
/// exact half rounded to even, which cannot move the second one's result
/// (`tests/python/types/int_truediv_near_subnormal.py` walks every pattern of those bits).
pub fn big_truediv(x: &BigInt, y: &BigInt) -> Option<crate::format::Float> {
    let (a, b) = (x.magnitude(), y.magnitude());
    // Scale so the quotient has 66 or 67 bits, but its lowest bit stays below a subnormal's
    // rounding bit (2^-1076, or 2^-151 for binary32).
    let k = (b.bits() as i64 - a.bits() as i64 + 66)
        .min(2 - i64::from(crate::format::float_type::MIN_EXPONENT));
    let (q, r) = if k >= 0 {
        (a << k as u64).div_rem(b)
    } else {
        a.div_rem(&(b << k.unsigned_abs()))
    };
    let mut limbs = q.to_u32_digits();
    if let (Some(low), false) = (limbs.first_mut(), r.is_zero()) {
        *low |= 1;
    }
    let k = i32::try_from(k).unwrap_or(i32::MIN + 1);
    let f = crate::format::FloatMath::scalbn(crate::bigint::BigUint::new(limbs).to_float(), -k);
    let f = if x.is_negative() != y.is_negative() {
        -f
    } else {
        f
    };
    f.is_finite().then_some(f)
}
