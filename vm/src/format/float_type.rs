//! The VM's Python `float`: an IEEE binary64 (`f64`), as CPython's, or with the `float32`
//! feature an IEEE binary32 (`f32`), as MicroPython's `MICROPY_FLOAT_IMPL_FLOAT` builds. The
//! feature changes every value a Python float holds (literals, `float()`, arithmetic, `repr`'s
//! shortest digits, formatting, int conversions): the algorithms are the same, parametrised
//! by the widths below, so each stays correctly rounded for its width. Without the feature
//! nothing differs from CPython.

/// A Python float's value.
#[cfg(not(feature = "float32"))]
pub type Float = f64;
/// A Python float's value.
#[cfg(feature = "float32")]
pub type Float = f32;

/// libm's functions for [`Float`] (`floor` is `floorf` under `float32`).
pub type FloatMath = libm::Libm<Float>;

/// Stored fraction bits (52 or 23); the mantissa has one more, implicit, bit.
pub const FRACTION_BITS: u32 = Float::MANTISSA_DIGITS - 1;

/// Exponent of a subnormal's lowest bit: `x = mantissa × 2^MIN_EXPONENT` for the smallest
/// exponent field (-1074 or -149).
pub const MIN_EXPONENT: i32 = Float::MIN_EXP - Float::MANTISSA_DIGITS as i32;

/// `floor(log2 x)` of the largest finite float (1023 or 127).
pub const MAX_LOG2: i32 = Float::MAX_EXP - 1;

/// The exponent field's bits, once shifted down.
const EXPONENT_MASK: u64 =
    (1 << (core::mem::size_of::<Float>() as u32 * 8 - 1 - FRACTION_BITS)) - 1;

/// A float's bits, widened to 64.
#[cfg(not(feature = "float32"))]
pub fn float_bits(x: Float) -> u64 {
    x.to_bits()
}

/// A float's bits, widened to 64.
#[cfg(feature = "float32")]
pub fn float_bits(x: Float) -> u64 {
    u64::from(x.to_bits())
}

/// `x = mantissa × 2^exponent` for a finite `x`, sign ignored; the mantissa includes the
/// implicit bit (so it has `FRACTION_BITS + 1` bits unless `x` is subnormal or zero).
pub(crate) fn decompose(x: Float) -> (u64, i32) {
    let bits = float_bits(x);
    let biased = ((bits >> FRACTION_BITS) & EXPONENT_MASK) as i32;
    let fraction = bits & ((1 << FRACTION_BITS) - 1);
    if biased == 0 {
        (fraction, MIN_EXPONENT)
    } else {
        (fraction | 1 << FRACTION_BITS, biased + MIN_EXPONENT - 1)
    }
}

/// The nearest float to `mantissa × 2^exponent` for a mantissa that fits the float exactly
/// (at most `FRACTION_BITS + 2` bits, the carry of a rounding included).
pub(crate) fn scale_exact(mantissa: u64, exponent: i32) -> Float {
    FloatMath::scalbn(mantissa as Float, exponent)
}

/// The float whose bits, widened to 64, are `bits`.
pub fn float_from_bits(bits: u64) -> Float {
    #[cfg(feature = "float32")]
    let bits = bits as u32;
    Float::from_bits(bits)
}

/// The mathematical constants (`PI`, `E`, `TAU`…) as [`Float`]s.
#[cfg(feature = "float32")]
pub use core::f32::consts;
/// The mathematical constants (`PI`, `E`, `TAU`…) as [`Float`]s.
#[cfg(not(feature = "float32"))]
pub use core::f64::consts;

/// `x` as an `f64` (exact), for code that computes in `f64` whatever the float's width.
#[cfg(not(feature = "float32"))]
pub fn widen(x: Float) -> f64 {
    x
}

/// `x` as an `f64` (exact), for code that computes in `f64` whatever the float's width.
#[cfg(feature = "float32")]
pub fn widen(x: Float) -> f64 {
    f64::from(x)
}
