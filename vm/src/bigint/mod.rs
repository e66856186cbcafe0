//! The VM's own big integers over little-endian u32 limbs (issue 17: they replaced
//! `num-bigint`, `num-integer` and `num-traits`, 23,790 B on the minimal riscv32 build;
//! this module is 7,544 B there).
//! One concept per file: magnitude arithmetic on limb slices ([`mag`], which the heap's fast
//! paths in `obj::limbs` share), the unsigned [`BigUint`] (`uint`), the signed [`BigInt`]
//! (`int`: floor division, shifts, conversions, ties-to-even float conversion), two's
//! complement bitwise operators (`bitwise`) and gcd and modular inverse (`gcd`).
//! Multiplication is schoolbook and division is Knuth's algorithm D: the numbers scripts use
//! are a few hundred limbs at most, where faster algorithms do not pay for their code.

mod bitwise;
mod gcd;
mod int;
pub mod mag;
mod uint;

pub use int::{BigInt, Sign};
pub use uint::BigUint;
