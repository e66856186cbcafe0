//! Short texts (exception messages, a module's repr) built from a template and its arguments
//! without `core::fmt`.
//!
//! Each `{}` in a template takes the next argument, text, a character or a decimal integer; nothing else in
//! a template is special. That is all the VM's messages need, and it keeps `core::fmt` (its
//! `write` loop, padding and the integer `Display` impls: about 4 KB of riscv32 code) out of
//! builds whose modules do not use it. [`fill`] builds a `String`; `Runtime::raise_with` and
//! its `type_error_with`/`value_error_with` raise one: `rt.type_error_with("{}() takes {}
//! arguments", &[name.arg(), n.arg()])`.

use alloc::string::String;

/// One argument of a template.
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    /// Text, as it is.
    Text(&'a str),
    /// A signed integer, in decimal.
    Int(i64),
    /// One character.
    Char(char),
}

/// What can fill a `{}` of a template.
pub trait ToArg {
    /// This value as a template argument.
    fn arg(&self) -> Arg<'_>;
}

impl ToArg for str {
    fn arg(&self) -> Arg<'_> {
        Arg::Text(self)
    }
}

impl ToArg for String {
    fn arg(&self) -> Arg<'_> {
        Arg::Text(self)
    }
}

impl ToArg for char {
    fn arg(&self) -> Arg<'_> {
        Arg::Char(*self)
    }
}

macro_rules! int_args {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn arg(&self) -> Arg<'_> {
                Arg::Int(*self as i64)
            }
        }
    )*};
}
int_args!(i64, i32, u32, u16, u8, usize, isize);

/// `template` with each `{}` replaced by the next of `args` (an argument short: the `{}` is
/// left out).
pub fn fill(template: &str, args: &[Arg<'_>]) -> String {
    let mut out = String::new();
    push_filled(&mut out, template, args);
    out
}

/// Append `template` with each `{}` replaced by the next of `args`.
#[inline(never)]
pub fn push_filled(out: &mut String, template: &str, args: &[Arg<'_>]) {
    let mut args = args.iter();
    let mut rest = template;
    // A byte scan: `str::find` with a `&str` pattern would link core's two-way searcher.
    while let Some(at) = rest.as_bytes().windows(2).position(|w| w == b"{}") {
        out.push_str(rest.get(..at).unwrap_or_default());
        match args.next() {
            Some(Arg::Text(t)) => out.push_str(t),
            Some(Arg::Int(i)) => push_int(out, *i),
            Some(Arg::Char(c)) => out.push(*c),
            None => {}
        }
        rest = rest.get(at + 2..).unwrap_or_default();
    }
    out.push_str(rest);
}

/// Append `v` in decimal.
pub fn push_int(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    push_unsigned(out, v.unsigned_abs());
}

/// Append `v` in decimal. (`str(int)`'s own path, `obj::repr`'s `small_int_text`, stays apart:
/// it is hot and works in 32-bit arithmetic, where these 64-bit divisions are library calls
/// on riscv32.) The digits are filled from the end of a buffer the longest `u64` fits, one
/// division by the constant 10 a digit (a division by a varying power of ten would need
/// three, and a zero check).
pub fn push_unsigned(out: &mut String, mut v: u64) {
    let mut digits = [b'0'; 20];
    let mut start = digits.len();
    for slot in digits.iter_mut().rev() {
        let rest = v / 10;
        *slot = b'0' + (v - rest * 10) as u8;
        v = rest;
        start -= 1;
        if v == 0 {
            break;
        }
    }
    // Only ASCII digits were stored.
    out.push_str(
        digits
            .get(start..)
            .and_then(|digits| core::str::from_utf8(digits).ok())
            .unwrap_or_default(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_take_the_arguments_in_order() {
        let name = String::from("f");
        assert_eq!(
            fill(
                "{}() takes {} argument{} ({} given)",
                &[name.arg(), 1usize.arg(), "".arg(), (-3i64).arg()]
            ),
            "f() takes 1 argument (-3 given)"
        );
        assert_eq!(fill("no holes", &[]), "no holes");
        assert_eq!(fill("{}{}", &["ab".arg(), 0u8.arg()]), "ab0");
    }

    #[test]
    fn integers_at_their_limits() {
        let mut s = String::new();
        push_int(&mut s, i64::MIN);
        s.push(' ');
        push_int(&mut s, i64::MAX);
        s.push(' ');
        push_unsigned(&mut s, u64::MAX);
        assert_eq!(
            s,
            "-9223372036854775808 9223372036854775807 18446744073709551615"
        );
    }

    #[test]
    fn a_missing_argument_leaves_its_hole_out() {
        assert_eq!(fill("a{}b{}c", &[Arg::Int(1)]), "a1bc");
    }
}
