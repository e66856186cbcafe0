//! The `struct` module (also `ustruct`): packing values into bytes and back, with CPython's
//! format language and error messages.
//!
//! A format is an optional byte order (`@` native with alignment, `=` native without, `<`
//! little-endian, `>`/`!` big-endian) then items `[count]code`, whitespace allowed between
//! items. Native sizes are a 32-bit board's: `l`, `L`, `n`, `N` and `P` are 4 bytes (CPython on
//! a 64-bit host makes `l` 8); standard sizes (`=<>!`) are CPython's. Native order is
//! little-endian (every supported target is).

use super::{table, Attr, ModuleDef};
use crate::bigint::BigInt;
use crate::builtins::{arg, kwarg, split_kw};
use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `struct`.
    pub static NATIVES;
    PACK = "pack" => pack, module;
    UNPACK = "unpack" (2) => unpack, module;
    CALCSIZE = "calcsize" (1) => calcsize, module;
    PACK_INTO = "pack_into" => pack_into, module;
    UNPACK_FROM = "unpack_from" (2..=3) => unpack_from, module kw;
    ITER_UNPACK = "iter_unpack" (2) => iter_unpack, module;
}

/// The `struct` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "struct",
    natives: &NATIVES,
    attrs: &[(
        "error",
        Attr::Made(|rt| rt.new_module_exception("struct", "error", ExcKind::Exception)),
    )],
    init: None,
};

/// Records up to this many bytes are packed and unpacked in a stack buffer.
const SMALL_RECORD: usize = 64;

/// Records up to this many bytes (most) use a shorter stack buffer: zeroing one costs a few
/// stores, the 64-byte one a call to `memset`.
const SHORT_RECORD: usize = 16;

/// Largest total size a format may describe.
const MAX_SIZE: usize = i32::MAX as usize;

/// One `[count]code` item of a parsed format.
#[derive(Clone, Copy)]
struct Item {
    code: u8,
    count: usize,
    /// Size of one element (`s`/`p`: the whole field is `count` bytes).
    size: usize,
    /// Offset of the first element.
    offset: usize,
}

/// Items a format keeps without a host allocation (typical record formats have fewer).
const INLINE_ITEMS: usize = 8;

/// A format's items: inline while there are at most `INLINE_ITEMS`, else all in `more`, so
/// parsing the short formats of a pack/unpack loop allocates nothing and the items are
/// always one slice.
struct Items {
    inline: [Item; INLINE_ITEMS],
    len: usize,
    more: Vec<Item>,
}

impl Items {
    /// No items: one fill of zeros (an element-wise default is a call per element at
    /// opt-level z).
    const EMPTY: Items = Items {
        inline: [Item {
            code: 0,
            count: 0,
            size: 0,
            offset: 0,
        }; INLINE_ITEMS],
        len: 0,
        more: Vec::new(),
    };

    fn push(&mut self, it: Item) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = it,
            None => {
                if self.more.is_empty() {
                    self.more.extend_from_slice(&self.inline);
                }
                self.more.push(it);
            }
        }
        self.len += 1;
    }

    fn iter(&self) -> core::slice::Iter<'_, Item> {
        match self.inline.get(..self.len) {
            Some(items) => items.iter(),
            None => self.more.iter(),
        }
    }
}

/// A parsed format.
struct Format {
    items: Items,
    little: bool,
    size: usize,
    /// How many values pack takes and unpack gives.
    nvalues: usize,
}

impl Format {
    fn new() -> Format {
        Format {
            items: Items::EMPTY,
            little: true,
            size: 0,
            nvalues: 0,
        }
    }
}

fn size_of(code: u8, native: bool) -> Option<usize> {
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 4,
        _ => return None,
    })
}

impl Runtime {
    fn struct_error(&mut self, msg: &str) -> Raised {
        self.raise_module_exception("struct", "error", msg)
    }
}

/// Parse format `fmt` into `f` (filled in place: a `Format` is too large to move around
/// cheaply).
fn parse(rt: &mut Runtime, fmt: Value, f: &mut Format) -> PyResult<()> {
    // Parsed where the text lies (no copy); an error's message is raised after.
    let parsed = match rt.str_text(fmt) {
        Some(s) => parse_text(s.as_bytes(), f),
        None => match rt.kind(fmt) {
            Some(Kind::Bytes) => parse_text(rt.bytes_of(fmt).unwrap_or(&[]), f),
            _ => {
                return Err(rt.type_error_with(
                    "Struct() argument 1 must be a str or bytes object, not {}",
                    &[rt.type_name(fmt).arg()],
                ));
            }
        },
    };
    parsed.map_err(|msg| rt.struct_error(msg))
}

/// The format `text` describes, into `f` (a `Format::new()`), or `struct.error`'s
/// message.
fn parse_text(text: &[u8], f: &mut Format) -> Result<(), &'static str> {
    let (little, native, mut i) = match text.first() {
        Some(b'@') => (true, true, 1),
        Some(b'=') | Some(b'<') => (true, false, 1),
        Some(b'>') | Some(b'!') => (false, false, 1),
        _ => (true, true, 0),
    };
    let (mut size, mut nvalues) = (0usize, 0usize);
    let too_long = "total struct size too long";
    while i < text.len() {
        let c = text[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count = 1usize;
        if c.is_ascii_digit() {
            count = 0;
            while let Some(d) = text.get(i).filter(|d| d.is_ascii_digit()) {
                count = match count
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((d - b'0') as usize))
                {
                    Some(n) if n <= MAX_SIZE => n,
                    _ => return Err(too_long),
                };
                i += 1;
            }
            if i >= text.len() {
                return Err("repeat count given without format specifier");
            }
        }
        let code = text[i];
        i += 1;
        let Some(one) = size_of(code, native) else {
            return Err("bad char in struct format");
        };
        if native && one > 1 {
            size = size.div_ceil(one) * one;
        }
        let field = match one.checked_mul(count) {
            Some(n) => n,
            None => return Err(too_long),
        };
        f.items.push(Item {
            code,
            count,
            size: one,
            offset: size,
        });
        size = match size.checked_add(field).filter(|s| *s <= MAX_SIZE) {
            Some(s) => s,
            None => return Err(too_long),
        };
        nvalues += match code {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    f.little = little;
    f.size = size;
    f.nvalues = nvalues;
    Ok(())
}

/// The low `out.len()` (at most 8) bytes of `v` into `out`, in the format's byte order.
fn put_uint(out: &mut [u8], v: u64, little: bool) {
    // Byte by byte from `to_le_bytes` (a shift of a u64 per byte is a library call on a
    // 32-bit core), through a slice (the array's own iterator is a call per byte).
    for (o, b) in out.iter_mut().zip(&v.to_le_bytes()) {
        *o = *b;
    }
    if !little {
        out.reverse();
    }
}

/// The unsigned value of `bytes` (at most 8) in the format's byte order.
fn get_uint(bytes: &[u8], little: bool) -> u64 {
    let mut word = [0u8; 8];
    let n = bytes.len().min(8);
    for (w, b) in word.iter_mut().zip(bytes) {
        *w = *b;
    }
    if !little {
        word[..n].reverse();
    }
    u64::from_le_bytes(word)
}

/// `x` as IEEE 754 binary16 bits, rounded to nearest even; `None` if it overflows.
fn half_bits(x: f64) -> Option<u16> {
    let sign = if x.is_sign_negative() { 0x8000u16 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    let (_, e) = libm::frexp(a);
    let exp = e - 1;
    if exp < -14 {
        // Subnormal: a multiple of 2**-24 (rounding may carry into the smallest normal).
        let k = libm::rint(a * libm::ldexp(1.0, 24)) as u16;
        return Some(sign | k);
    }
    let mut exp = exp;
    let mut k = libm::rint((libm::ldexp(a, -exp) - 1.0) * 1024.0) as u32;
    if k == 1024 {
        k = 0;
        exp += 1;
    }
    if exp > 15 {
        return None;
    }
    Some(sign | (((exp + 15) as u16) << 10) | k as u16)
}

fn half_value(bits: u16) -> f64 {
    let sign = if bits & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((bits >> 10) & 0x1f) as i32;
    let frac = (bits & 0x3ff) as f64;
    sign * match exp {
        0 => libm::ldexp(frac, -24),
        31 if frac == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => libm::ldexp(1.0 + frac / 1024.0, exp - 15),
    }
}

/// The integer `v` for code `code` of `size` bytes, range-checked with CPython's messages.
fn int_field(rt: &mut Runtime, v: Value, code: u8, size: usize) -> PyResult<u64> {
    // A small int within the field (the usual case) needs no 64- or 128-bit arithmetic,
    // which is library calls on a 32-bit core; anything else takes the general path below.
    if let Some(i) = v.as_small() {
        let fits = match (size, code.is_ascii_lowercase()) {
            (1 | 2, true) => {
                let half = 1i32 << (8 * size - 1);
                -half <= i && i < half
            }
            (1 | 2, false) => 0 <= i && i < 1i32 << (8 * size),
            (_, true) => true,
            (_, false) => 0 <= i,
        };
        if fits {
            return Ok(i64::from(i) as u64);
        }
    }
    if !rt.is_int(v) {
        return Err(rt.struct_error("required argument is not an integer"));
    }
    let signed = code.is_ascii_lowercase() || matches!(code, b'B' | b'H');
    let out_of_range = |rt: &mut Runtime| rt.struct_error("argument out of range");
    // Only a u64 above i64's range needs the big int.
    let wide: i128 = match rt.to_i64(v) {
        Some(i) => i.into(),
        None => match rt.to_bigint(v).and_then(|n| n.to_u64()) {
            Some(u) => u.into(),
            None => return Err(out_of_range(rt)),
        },
    };
    if (signed && wide > i64::MAX.into()) || (!signed && wide < 0) {
        return Err(out_of_range(rt));
    }
    if size < 8 {
        let bits = 8 * size as u32;
        let (lo, hi): (i128, i128) = if code.is_ascii_lowercase() {
            (-(1 << (bits - 1)), (1 << (bits - 1)) - 1)
        } else {
            (0, (1 << bits) - 1)
        };
        if wide < lo || wide > hi {
            // The bounds fit an i64 (fields below 8 bytes): formatting an i128 would bring
            // `core`'s 2 KB i128 formatter.
            let (lo, hi) = (lo as i64, hi as i64);
            let name = match code {
                b'b' => "byte",
                b'B' => "ubyte",
                b'h' => "short",
                b'H' => "ushort",
                _ => "",
            };
            let msg = if name.is_empty() {
                fill(
                    "'{}' format requires {} <= number <= {}",
                    &[(code as char).arg(), lo.arg(), hi.arg()],
                )
            } else {
                fill(
                    "{} format requires {} <= number <= {}",
                    &[name.arg(), lo.arg(), hi.arg()],
                )
            };
            return Err(rt.struct_error(&msg));
        }
    }
    Ok(wide as u64)
}

fn float_field(rt: &mut Runtime, v: Value) -> PyResult<f64> {
    match rt.num_as_float(v)? {
        Some(f) => Ok(crate::format::float_type::widen(f)),
        None => Err(rt.struct_error("required argument is not a float")),
    }
}

/// Pack `values` by `f` into `out` (exactly `f.size` bytes, zeroed).
fn pack_values(rt: &mut Runtime, f: &Format, values: &[Value], out: &mut [u8]) -> PyResult<()> {
    let mut vi = 0;
    for it in f.items.iter() {
        match it.code {
            b'x' => {}
            b's' | b'p' => {
                let v = values[vi];
                vi += 1;
                let Some(data) = (match rt.kind(v) {
                    Some(Kind::Bytes | Kind::ByteArray) => rt.bytes_of(v),
                    _ => None,
                }) else {
                    let msg = fill(
                        "argument for '{}' must be a bytes object",
                        &[(it.code as char).arg()],
                    );
                    return Err(rt.struct_error(&msg));
                };
                let field = &mut out[it.offset..it.offset + it.count];
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    field[..n].copy_from_slice(&data[..n]);
                } else if let Some((len_byte, rest)) = field.split_first_mut() {
                    let n = data.len().min(rest.len()).min(255);
                    *len_byte = n as u8;
                    rest[..n].copy_from_slice(&data[..n]);
                }
            }
            code => {
                for k in 0..it.count {
                    let v = values[vi];
                    vi += 1;
                    let at = it.offset + k * it.size;
                    let field = &mut out[at..at + it.size];
                    match code {
                        b'c' => {
                            match rt.kind(v).filter(|k| *k == Kind::Bytes).and(rt.bytes_of(v)) {
                                Some([b]) => field[0] = *b,
                                _ => {
                                    return Err(rt.struct_error(
                                        "char format requires a bytes object of length 1",
                                    ))
                                }
                            }
                        }
                        b'?' => field[0] = rt.truthy(v)? as u8,
                        b'e' => {
                            let x = float_field(rt, v)?;
                            let Some(h) = half_bits(x) else {
                                return Err(rt.raise(
                                    ExcKind::OverflowError,
                                    crate::packed!("float too large to pack with e format"),
                                ));
                            };
                            put_uint(field, h as u64, f.little);
                        }
                        b'f' => {
                            let x = float_field(rt, v)?;
                            let y = x as f32;
                            if y.is_infinite() && x.is_finite() {
                                return Err(rt.raise(
                                    ExcKind::OverflowError,
                                    crate::packed!("float too large to pack with f format"),
                                ));
                            }
                            put_uint(field, y.to_bits() as u64, f.little);
                        }
                        b'd' => {
                            let x = float_field(rt, v)?;
                            put_uint(field, x.to_bits(), f.little);
                        }
                        _ => {
                            let n = int_field(rt, v, code, it.size)?;
                            put_uint(field, n, f.little);
                        }
                    }
                }
            }
        }
    }
    Ok(())
}

/// The values `f` describes in `data` (exactly `f.size` bytes), as a tuple.
fn unpack_values(rt: &mut Runtime, f: &Format, data: &[u8]) -> PyResult<Value> {
    let base = rt.pins.len();
    let r = (|| {
        for it in f.items.iter() {
            match it.code {
                b'x' => {}
                b's' => {
                    let v = rt.new_bytes(&data[it.offset..it.offset + it.count])?;
                    rt.pin(v);
                }
                b'p' => {
                    let field = &data[it.offset..it.offset + it.count];
                    let v = match field.split_first() {
                        Some((n, rest)) => rt.new_bytes(&rest[..(*n as usize).min(rest.len())])?,
                        None => rt.new_bytes(&[])?,
                    };
                    rt.pin(v);
                }
                code => {
                    for k in 0..it.count {
                        let at = it.offset + k * it.size;
                        let field = &data[at..at + it.size];
                        let raw = get_uint(field, f.little);
                        let v = match code {
                            b'c' => rt.new_bytes(field)?,
                            b'?' => Value::bool(raw != 0),
                            b'e' => rt.new_float(half_value(raw as u16) as crate::format::Float)?,
                            b'f' => {
                                rt.new_float(f32::from_bits(raw as u32) as crate::format::Float)?
                            }
                            b'd' => rt.new_float(f64::from_bits(raw) as crate::format::Float)?,
                            // Sign-extended in 32 bits when the field fits them (a 64-bit
                            // shift is a library call on a 32-bit core).
                            c if c.is_ascii_lowercase() && it.size <= 4 => {
                                let bits = 32 - 8 * it.size as u32;
                                rt.new_int((((raw as u32) << bits) as i32 >> bits).into())?
                            }
                            c if c.is_ascii_lowercase() => {
                                let bits = 64 - 8 * it.size as u32;
                                rt.new_int(((raw << bits) as i64) >> bits)?
                            }
                            _ => match i64::try_from(raw) {
                                Ok(i) => rt.new_int(i)?,
                                Err(_) => rt.new_bigint(&BigInt::from(raw))?,
                            },
                        };
                        rt.pin(v);
                    }
                }
            }
        }
        // The values stay pinned (rooted) while their tuple is allocated.
        let n = rt.pins.len() - base;
        let t = rt.alloc(Kind::Tuple, n as u32, 1 + n)?;
        for i in 0..n {
            let v = rt.pins[base + i];
            rt.heap.set_val(t, 1 + i, v);
        }
        Ok(Value::handle(t))
    })();
    rt.pins.truncate(base);
    r
}

/// A zeroed buffer of `n` bytes, if the heap could ever hold a bytes object that long.
fn buffer(rt: &mut Runtime, n: usize) -> PyResult<Vec<u8>> {
    rt.check_room(n)?;
    Ok(alloc::vec![0u8; n])
}

fn format_arg(rt: &mut Runtime, args: &[Value], f: &mut Format) -> PyResult<()> {
    match args.first() {
        Some(fmt) => parse(rt, *fmt, f),
        None => Err(rt.type_error(crate::packed!("missing format argument"))),
    }
}

fn data_arg(rt: &mut Runtime, v: Value) -> PyResult<&[u8]> {
    if !matches!(
        rt.kind(v),
        Some(Kind::Bytes | Kind::ByteArray | Kind::MemView)
    ) {
        return Err(rt.type_error_with(
            "a bytes-like object is required, not '{}'",
            &[rt.type_name(v).arg()],
        ));
    }
    Ok(rt.bytes_of(v).unwrap_or(&[]))
}

fn check_count(rt: &mut Runtime, f: &Format, got: usize, what: &str) -> PyResult<()> {
    if got != f.nvalues {
        let msg = fill(
            "{} expected {} items for packing (got {})",
            &[what.arg(), f.nvalues.arg(), got.arg()],
        );
        return Err(rt.struct_error(&msg));
    }
    Ok(())
}

/// The format the last `pack` or `unpack` parsed, with its text, kept as the module's state:
/// a loop packing records of one format parses it once (parsing a short format costs about
/// what packing it does).
struct Cached {
    text: Vec<u8>,
    format: Format,
}

/// Formats of up to this many bytes are kept for the next call.
const CACHED_TEXT: usize = 32;

/// The text of format `fmt`, if it is a str or bytes object.
fn format_text(rt: &Runtime, fmt: Value) -> Option<&[u8]> {
    match rt.str_text(fmt) {
        Some(s) => Some(s.as_bytes()),
        None if rt.kind(fmt) == Some(Kind::Bytes) => rt.bytes_of(fmt),
        None => None,
    }
}

/// Format `fmt` parsed: the kept one if its text is the same, else parsed afresh. Give it
/// back with `keep_format`.
fn parse_cached(rt: &mut Runtime, fmt: Value) -> PyResult<Box<Cached>> {
    let kept = rt.take_module_state::<Cached>(table::STRUCT);
    if let Some(c) = kept {
        if format_text(rt, fmt) == Some(&c.text[..]) {
            return Ok(c);
        }
    }
    let mut c = Box::new(Cached {
        text: Vec::new(),
        format: Format::new(),
    });
    parse(rt, fmt, &mut c.format)?;
    c.text
        .extend_from_slice(format_text(rt, fmt).unwrap_or(&[]));
    Ok(c)
}

/// Keep `c` (a format that parsed) for the next call, if its text is short.
fn keep_format(rt: &mut Runtime, c: Box<Cached>) {
    if c.text.len() <= CACHED_TEXT {
        rt.set_module_state(table::STRUCT, c);
    }
}

/// `struct.pack(fmt, *values)`.
pub fn pack(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let Some(&fmt) = args.first() else {
        return Err(rt.type_error(crate::packed!("missing format argument")));
    };
    let c = parse_cached(rt, fmt)?;
    let r = pack_with(rt, &c.format, &args[1..]);
    keep_format(rt, c);
    r
}

/// `pack` by the parsed format `f`.
fn pack_with(rt: &mut Runtime, f: &Format, values: &[Value]) -> PyResult<Value> {
    check_count(rt, f, values.len(), "pack")?;
    let mut short = [0u8; SHORT_RECORD];
    let mut small: [u8; SMALL_RECORD];
    let mut large: Vec<u8>;
    let out: &mut [u8] = if let Some(out) = short.get_mut(..f.size) {
        out
    } else if f.size <= SMALL_RECORD {
        small = [0u8; SMALL_RECORD];
        &mut small[..f.size]
    } else {
        large = buffer(rt, f.size)?;
        &mut large
    };
    pack_values(rt, f, values, out)?;
    rt.new_bytes(out)
}

/// `struct.calcsize(fmt)`.
pub fn calcsize(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut f = Format::new();
    format_arg(rt, args, &mut f)?;
    rt.new_int(f.size as i64)
}

/// `struct.unpack(fmt, buffer)`.
pub fn unpack(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let c = parse_cached(rt, arg(args, 0))?;
    let r = unpack_with(rt, &c.format, arg(args, 1));
    keep_format(rt, c);
    r
}

/// `unpack` of `buffer` by the parsed format `f`.
fn unpack_with(rt: &mut Runtime, f: &Format, buffer: Value) -> PyResult<Value> {
    // A copy, as making the values needs the runtime: on the stack when it is short.
    let mut short = [0u8; SHORT_RECORD];
    let mut small: [u8; SMALL_RECORD];
    let large: Vec<u8>;
    let data = data_arg(rt, buffer)?;
    let data: &[u8] = if data.len() != f.size {
        let msg = fill("unpack requires a buffer of {} bytes", &[f.size.arg()]);
        return Err(rt.struct_error(&msg));
    } else if let Some(copy) = short.get_mut(..data.len()) {
        copy.copy_from_slice(data);
        copy
    } else if data.len() <= SMALL_RECORD {
        small = [0u8; SMALL_RECORD];
        let copy = &mut small[..data.len()];
        copy.copy_from_slice(data);
        copy
    } else {
        large = data.to_vec();
        &large
    };
    unpack_values(rt, f, data)
}

/// Resolve a possibly negative `offset` into a buffer of `len` bytes for `need` bytes, with
/// CPython's messages.
fn offset_in(
    rt: &mut Runtime,
    offset: i64,
    len: usize,
    need: usize,
    unpacking: bool,
) -> PyResult<usize> {
    let what = if unpacking {
        "unpack_from"
    } else {
        "pack_into"
    };
    let verb = if unpacking { "unpacking" } else { "packing" };
    let start = if offset < 0 {
        if offset.unsigned_abs() as usize > len {
            let msg = fill(
                "offset {} out of range for {}-byte buffer",
                &[offset.arg(), len.arg()],
            );
            return Err(rt.struct_error(&msg));
        }
        let start = len - offset.unsigned_abs() as usize;
        if len - start < need {
            let msg = if unpacking {
                fill(
                    "not enough data to unpack {} bytes at offset {}",
                    &[need.arg(), offset.arg()],
                )
            } else {
                fill(
                    "no space to pack {} bytes at offset {}",
                    &[need.arg(), offset.arg()],
                )
            };
            return Err(rt.struct_error(&msg));
        }
        start
    } else {
        offset as usize
    };
    if len < need || start > len - need {
        let msg = fill("{} requires a buffer of at least {} bytes for {} {} bytes at offset {} (actual buffer size is {})", &[what.arg(), start.saturating_add(need).arg(), verb.arg(), need.arg(), start.arg(), len.arg()]);
        return Err(rt.struct_error(&msg));
    }
    Ok(start)
}

/// `struct.unpack_from(fmt, buffer, offset=0)`.
pub fn unpack_from(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let mut f = Format::new();
    format_arg(rt, pos, &mut f)?;
    let buf_q = rt.intern("buffer")?.as_qstr().unwrap_or(0);
    let off_q = rt.intern("offset")?.as_qstr().unwrap_or(0);
    let Some(buf) = pos.get(1).copied().or_else(|| kwarg(rt, &kw, buf_q)) else {
        return Err(rt.type_error(crate::packed!(
            "unpack_from() missing required argument 'buffer' (pos 2)"
        )));
    };
    let offset = match pos.get(2).copied().or_else(|| kwarg(rt, &kw, off_q)) {
        Some(o) => rt.int_arg(o)?,
        None => 0,
    };
    let data = data_arg(rt, buf)?.to_vec();
    let start = offset_in(rt, offset, data.len(), f.size, true)?;
    unpack_values(rt, &f, &data[start..start + f.size])
}

/// `struct.pack_into(fmt, buffer, offset, *values)`.
pub fn pack_into(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut f = Format::new();
    format_arg(rt, args, &mut f)?;
    let Some(&buf) = args.get(1) else {
        return Err(rt.struct_error("pack_into expected buffer argument"));
    };
    let Some(&off) = args.get(2) else {
        return Err(rt.struct_error("pack_into expected offset argument"));
    };
    check_count(rt, &f, args.len() - 3, "pack_into")?;
    if rt.kind(buf) != Some(Kind::ByteArray) {
        return Err(rt.type_error_with(
            "argument must be read-write bytes-like object, not {}",
            &[rt.type_name(buf).arg()],
        ));
    }
    let offset = rt.int_arg(off)?;
    let len = rt.bytes_of(buf).map_or(0, |b| b.len());
    let start = offset_in(rt, offset, len, f.size, false)?;
    let mut out = buffer(rt, f.size)?;
    pack_values(rt, &f, &args[3..], &mut out)?;
    for (k, b) in out.iter().enumerate() {
        rt.bytearray_set(buf, start + k, *b);
    }
    Ok(Value::NONE)
}

/// `struct.iter_unpack(fmt, buffer)`: an iterator over the tuples of consecutive chunks.
pub fn iter_unpack(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut f = Format::new();
    parse(rt, arg(args, 0), &mut f)?;
    let data = data_arg(rt, arg(args, 1))?.to_vec();
    if f.size == 0 {
        return Err(rt.struct_error("cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % f.size != 0 {
        let msg = fill(
            "iterative unpacking requires a buffer of a multiple of {} bytes",
            &[f.size.arg()],
        );
        return Err(rt.struct_error(&msg));
    }
    let l = rt.new_list_cap(data.len() / f.size)?;
    rt.pin(l);
    let r = (|| {
        for chunk in data.chunks(f.size) {
            let t = unpack_values(rt, &f, chunk)?;
            rt.pin(t);
            let r = rt.list_append(l, t);
            rt.unpin(1);
            r?;
        }
        rt.get_iter(l)
    })();
    rt.unpin(1);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_floats_round_to_nearest_even() {
        assert_eq!(half_bits(1.0), Some(0x3c00));
        assert_eq!(half_bits(-2.0), Some(0xc000));
        assert_eq!(half_bits(65504.0), Some(0x7bff));
        assert_eq!(half_bits(65519.0), Some(0x7bff));
        assert_eq!(half_bits(65520.0), None);
        assert_eq!(half_bits(6e-8), Some(0x0001));
        assert_eq!(half_bits(1e-8), Some(0x0000));
        assert_eq!(half_bits(-0.0), Some(0x8000));
        assert_eq!(half_value(0x0001), 5.960464477539063e-08);
        assert_eq!(half_value(0x7c00), f64::INFINITY);
        for bits in [0x3c00u16, 0x0400, 0x03ff, 0x7bff, 0x1234, 0xc000] {
            assert_eq!(half_bits(half_value(bits)), Some(bits));
        }
    }
}
