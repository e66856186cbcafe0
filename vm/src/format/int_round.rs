//! `round(n, ndigits)` for ints: with `ndigits >= 0` the int itself, otherwise the nearest
//! multiple of `10 ** -ndigits`, ties to the even multiple (`round(1250, -2) == 1200`).

use crate::bigint::BigInt;

use super::int_format::IntValue;
use super::parse_int::ParsedInt;

/// `round(value, ndigits)` for an int; like [`ParsedInt`] everywhere, `Big` only when the
/// result does not fit an `i64`.
pub fn round_int(value: IntValue<'_>, ndigits: i64) -> ParsedInt {
    let big;
    let value = match value {
        IntValue::Small(v) if ndigits >= 0 => return ParsedInt::Small(v),
        IntValue::Big(v) if ndigits >= 0 => {
            return v
                .to_i64()
                .map_or_else(|| ParsedInt::Big(v.clone()), ParsedInt::Small)
        }
        IntValue::Small(v) => {
            big = BigInt::from(v);
            &big
        }
        IntValue::Big(v) => v,
    };
    let places = ndigits.unsigned_abs();
    // 10 ** places exceeds any int this VM can hold long before `places` leaves u32.
    // At least log10 of the value (78914 / 2^18 is just above log10(2)), in integers (no
    // f64 code): past it plus one, 10 ** places is over twice the value, which rounds to 0.
    let digits_in_value = value.bits().saturating_mul(78914) >> 18;
    if places > digits_in_value + 1 {
        return ParsedInt::Small(0);
    }
    let unit = BigInt::from(10).pow(u32::try_from(places).unwrap_or(u32::MAX));
    let (quotient, remainder) = value.div_mod_floor(&unit);
    let twice: BigInt = remainder << 1;
    let round_up = match twice.cmp(&unit) {
        core::cmp::Ordering::Greater => true,
        core::cmp::Ordering::Equal => quotient.is_odd(),
        core::cmp::Ordering::Less => false,
    };
    let quotient = if round_up {
        quotient + BigInt::from(1)
    } else {
        quotient
    };
    let rounded = quotient * unit;
    match rounded.to_i64() {
        Some(small) => ParsedInt::Small(small),
        None => ParsedInt::Big(rounded),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    /// `(n, ndigits, round(n, ndigits))` printed by CPython 3.11.
    const VECTORS: &[(&str, i64, &str)] = &include!("vectors/int_round.rs");

    #[test]
    fn matches_cpython_round() {
        for &(value, ndigits, expected) in VECTORS {
            let big = crate::format::radix::parse_decimal(value).unwrap();
            let mut inputs = alloc::vec![IntValue::Big(&big)];
            if let Ok(small) = value.parse::<i64>() {
                inputs.push(IntValue::Small(small));
            }
            for input in inputs {
                let shown = match round_int(input, ndigits) {
                    ParsedInt::Small(v) => v.to_string(),
                    ParsedInt::Big(v) => {
                        assert!(v.to_i64().is_none(), "Big result {v} fits i64");
                        v.to_string()
                    }
                };
                assert_eq!(shown, expected, "round({value}, {ndigits})");
            }
        }
    }
}
