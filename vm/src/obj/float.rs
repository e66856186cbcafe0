//! `float`: a [`Float`] in a heap object `[hdr, lo, hi]` (`hi` zero and unread for the
//! `float32` feature's `f32`).

use crate::format::float_type::float_bits;
use crate::format::{Float, FloatMath};
use crate::heap::Heap;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

impl Runtime {
    /// A new float.
    pub fn new_float(&mut self, f: Float) -> PyResult<Value> {
        let bits = float_bits(f);
        if !cfg!(feature = "gc-stress") {
            let words = [
                Kind::Float as u32,
                bits as u32,
                (bits >> 32) as u32,
                Value::NULL.0,
            ];
            if let Some(b) = self.heap.alloc_block(words) {
                return Ok(Value::handle(b));
            }
        }
        let b = self.alloc(Kind::Float, 0, 3)?;
        self.heap.set(b, 1, bits as u32);
        self.heap.set(b, 2, (bits >> 32) as u32);
        Ok(Value::handle(b))
    }

    /// The value of a float object.
    #[inline(always)]
    pub fn float_val(&self, v: Value) -> Option<Float> {
        if !v.is_heap() {
            return None;
        }
        // Header and value in one range check (a block has four words, so a float's words
        // are inside the arena whenever its header is): inlined at some forty sites, separate
        // word reads cost a check and a panic call each.
        let at = Heap::base(Runtime::blk(v));
        #[cfg(not(feature = "float32"))]
        let value = match self.heap.words.get(at..at + 3) {
            Some(&[header, lo, hi]) if header & 0xff == Kind::Float as u32 => {
                Some(Float::from_bits(lo as u64 | (hi as u64) << 32))
            }
            _ => None,
        };
        #[cfg(feature = "float32")]
        let value = match self.heap.words.get(at..at + 2) {
            Some(&[header, bits]) if header & 0xff == Kind::Float as u32 => {
                Some(Float::from_bits(bits))
            }
            _ => None,
        };
        value
    }

    /// An int or float as a [`Float`] (`None` for other types).
    pub fn num_as_float(&mut self, v: Value) -> PyResult<Option<Float>> {
        if let Some(f) = self.float_val(v) {
            return Ok(Some(f));
        }
        if self.is_int(v) {
            return self.int_as_float(v).map(Some);
        }
        Ok(None)
    }

    /// Float arithmetic for `+ - * / // % **` (op as in BINARY_OP).
    pub fn float_binop(&mut self, op: u32, x: Float, y: Float) -> PyResult<Value> {
        let r = match op {
            0 => x + y,
            1 => x - y,
            2 => x * y,
            3 => {
                if y == 0.0 {
                    return Err(self.raise(
                        ExcKind::ZeroDivisionError,
                        crate::packed!("float division by zero"),
                    ));
                }
                x / y
            }
            4 => {
                if y == 0.0 {
                    return Err(self.raise(
                        ExcKind::ZeroDivisionError,
                        crate::packed!("float floor division by zero"),
                    ));
                }
                float_floordiv(x, y)
            }
            5 => {
                if y == 0.0 {
                    return Err(
                        self.raise(ExcKind::ZeroDivisionError, crate::packed!("float modulo"))
                    );
                }
                float_mod(x, y)
            }
            6 => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.raise(
                        ExcKind::ZeroDivisionError,
                        crate::packed!("0.0 cannot be raised to a negative power"),
                    ));
                }
                if x < 0.0 && y != FloatMath::floor(y) {
                    // A negative base to a fractional power is complex (Python 3).
                    #[cfg(feature = "complex")]
                    return self.complex_pow_real(x, y);
                    #[cfg(not(feature = "complex"))]
                    return Err(self.value_error(crate::packed!(
                        "math domain error: negative number raised to a fractional power"
                    )));
                }
                let r = FloatMath::pow(x, y);
                if r.is_infinite() && x.is_finite() && y.is_finite() {
                    return Err(self.raise(
                        ExcKind::OverflowError,
                        crate::packed!("(34, 'Numerical result out of range')"),
                    ));
                }
                r
            }
            _ => {
                return Err(self.type_error(crate::packed!("unsupported operand type(s) for float")))
            }
        };
        self.new_float(r)
    }
}

/// Python's float `%`: the result has the sign of the divisor.
pub fn float_mod(x: Float, y: Float) -> Float {
    let m = crate::format::fmod(x, y);
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        FloatMath::copysign(0.0, y)
    }
}

/// Python's float `//`.
pub fn float_floordiv(x: Float, y: Float) -> Float {
    let m = crate::format::fmod(x, y);
    let mut div = (x - m) / y;
    if m != 0.0 && ((y < 0.0) != (m < 0.0)) {
        div -= 1.0;
    }
    if div != 0.0 {
        let f = FloatMath::floor(div);
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        FloatMath::copysign(0.0, x / y)
    }
}
