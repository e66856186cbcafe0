//! Operators shared by all types: truth, hashing, equality, ordering, arithmetic dispatch
//! (numbers first, then sequences, then user dunders with their reflected forms).

use crate::format::message::ToArg;
use crate::interp::nesting::{IN_COMPARISON, PLAIN};
use crate::obj::class::CLASS_SPECIAL_BASE;
use crate::obj::exception::ExcKind;
use crate::obj::int::IntOp;
use crate::obj::kind::Kind;
use crate::obj::layout::{INST_CLASS, VIEW_DICT};
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// Symbols of BINARY_OP operators, for messages.
const OP_SYMBOLS: [&str; 13] = [
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
];
const _: () = assert!(crate::qstr::NNAMED <= u16::MAX as usize);
/// Dunder names of BINARY_OP operators, as qstr ids in 16 bits (a named qstr's id is below
/// `NNAMED`): half the bytes of u32 tables.
const OP_NAMES: [u16; 13] = [
    Q___ADD__ as u16,
    Q___SUB__ as u16,
    Q___MUL__ as u16,
    Q___TRUEDIV__ as u16,
    Q___FLOORDIV__ as u16,
    Q___MOD__ as u16,
    Q___POW__ as u16,
    Q___LSHIFT__ as u16,
    Q___RSHIFT__ as u16,
    Q___AND__ as u16,
    Q___OR__ as u16,
    Q___XOR__ as u16,
    Q___MATMUL__ as u16,
];
const OP_RNAMES: [u16; 13] = [
    Q___RADD__ as u16,
    Q___RSUB__ as u16,
    Q___RMUL__ as u16,
    Q___RTRUEDIV__ as u16,
    Q___RFLOORDIV__ as u16,
    Q___RMOD__ as u16,
    Q___RPOW__ as u16,
    Q___RLSHIFT__ as u16,
    Q___RRSHIFT__ as u16,
    Q___RAND__ as u16,
    Q___ROR__ as u16,
    Q___RXOR__ as u16,
    Q___RMATMUL__ as u16,
];
const OP_INAMES: [u16; 13] = [
    Q___IADD__ as u16,
    Q___ISUB__ as u16,
    Q___IMUL__ as u16,
    Q___ITRUEDIV__ as u16,
    Q___IFLOORDIV__ as u16,
    Q___IMOD__ as u16,
    Q___IPOW__ as u16,
    Q___ILSHIFT__ as u16,
    Q___IRSHIFT__ as u16,
    Q___IAND__ as u16,
    Q___IOR__ as u16,
    Q___IXOR__ as u16,
    Q___IMATMUL__ as u16,
];

/// Is `v` a number for arithmetic (int, bool or float)?
/// Does `v` support repetition by an int (`seq * n`)?
fn is_sequence(rt: &Runtime, v: Value) -> bool {
    rt.is_str(v)
        || matches!(
            rt.kind(v),
            Some(Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray)
        )
}

/// The bytes of a str, bytes or bytearray.
fn text_bytes(rt: &Runtime, v: Value) -> Option<&[u8]> {
    match rt.str_text(v) {
        Some(t) => Some(t.as_bytes()),
        None => rt.bytes_of_base(v),
    }
}

fn is_num(rt: &Runtime, v: Value) -> bool {
    rt.is_int(v) || rt.kind(v) == Some(Kind::Float)
}

impl Runtime {
    /// `bool(v)`.
    pub fn truthy(&mut self, v: Value) -> PyResult<bool> {
        if let Some(i) = v.as_small() {
            return Ok(i != 0);
        }
        if v.is_qstr() {
            return Ok(v != Value::qstr(Q_EMPTY));
        }
        match v {
            Value::TRUE => return Ok(true),
            Value::FALSE | Value::NONE => return Ok(false),
            _ => {}
        }
        match self.kind(v) {
            Some(Kind::Str) | Some(Kind::Bytes) => Ok(self.heap.aux(Runtime::blk(v)) != 0),
            Some(Kind::BigInt) => Ok(true),
            Some(Kind::Float) => Ok(self.float_val(v) != Some(0.0)),
            #[cfg(feature = "complex")]
            Some(Kind::Complex) => Ok(self.complex_val(v) != Some((0.0, 0.0))),
            Some(Kind::Tuple) | Some(Kind::List) => Ok(self.seq_len(v) != 0),
            Some(Kind::Dict) | Some(Kind::Set) | Some(Kind::FrozenSet) => Ok(self.dict_len(v) != 0),
            Some(Kind::ByteArray) => Ok(!self.bytes_of(v).unwrap_or(&[]).is_empty()),
            Some(Kind::MemView) => Ok(self.memview_parts(v)?.2 != 0),
            Some(Kind::Range) => Ok(!self.range_len_big(v).is_zero()),
            Some(Kind::DictView) => {
                Ok(self.dict_len(self.heap.val(Runtime::blk(v), VIEW_DICT)) != 0)
            }
            Some(Kind::Instance) => {
                if let Some(r) = self.call_special(v, Q___BOOL__, &[])? {
                    if r != Value::TRUE && r != Value::FALSE {
                        return Err(self.type_error_naming(
                            "__bool__ should return bool, returned ",
                            r,
                            "",
                        ));
                    }
                    return Ok(r == Value::TRUE);
                }
                if let Some(r) = self.call_special(v, Q___LEN__, &[])? {
                    return Ok(r != Value::small(0));
                }
                match self.base_value(v) {
                    Some(b) => self.truthy(b),
                    None => Ok(true),
                }
            }
            _ => Ok(true),
        }
    }

    /// `hash(v)` folded to 30 bits (equal values hash equally across int, float and bool).
    pub fn hash(&mut self, v: Value) -> PyResult<u32> {
        if let Some(q) = v.as_qstr() {
            return Ok(self.qstrs.hash(q));
        }
        Ok((self.py_hash(v)? as u64 & 0x3fff_ffff) as u32)
    }

    /// The value `hash()` returns (CPython's numeric hash for ints and floats).
    pub fn py_hash(&mut self, v: Value) -> PyResult<i64> {
        const MODULUS: i64 = (1 << 61) - 1;
        if let Some(i) = v.as_small() {
            return Ok(if i == -1 { -2 } else { i as i64 });
        }
        if v.is_qstr() {
            return Ok(self.str_hash(v) as i64);
        }
        if let Some(id) = v.as_static() {
            return Ok(match v {
                Value::TRUE => 1,
                Value::FALSE => 0,
                _ => id as i64 * 31 + 7,
            });
        }
        match self.kind(v) {
            Some(Kind::Str) => Ok(self.str_hash(v) as i64),
            Some(Kind::Bytes) => Ok(hash_bytes(self.bytes_of(v).unwrap_or(&[])) as i64),
            Some(Kind::BigInt) => {
                let n = self.to_bigint_or_zero(v);
                let m = crate::bigint::BigInt::from(n.magnitude().clone())
                    .mod_floor(&crate::bigint::BigInt::from(MODULUS));
                let h = m.to_i64().unwrap_or(0);
                let h = if n.sign() == crate::bigint::Sign::Minus {
                    -h
                } else {
                    h
                };
                Ok(if h == -1 { -2 } else { h })
            }
            Some(Kind::Float) => {
                let f = self.float_val(v).unwrap_or(0.0);
                if f.is_finite() && f == crate::format::FloatMath::trunc(f) {
                    if f.abs() < 9.0e18 {
                        let i = f as i64;
                        return Ok(if i == -1 { -2 } else { i % MODULUS });
                    }
                    let n: crate::bigint::BigInt =
                        crate::bigint::BigInt::from_float(f).unwrap_or_default();
                    let v = self.new_bigint(&n)?;
                    return self.py_hash(v);
                }
                let bits = crate::format::float_type::float_bits(f);
                Ok(((bits ^ (bits >> 32)) & 0x7fff_ffff) as i64)
            }
            #[cfg(feature = "complex")]
            Some(Kind::Complex) => {
                let z = self.complex_val(v).unwrap_or_default();
                self.complex_hash(z)
            }
            Some(Kind::FrozenSet) => {
                let cache = crate::obj::layout::DICT_HASH;
                if let Some(h) = self.heap.val(Runtime::blk(v), cache).as_small() {
                    return Ok(h as i64);
                }
                let mut h: i64 = 0x1f2e3d;
                for (k, _) in self.dict_items(v) {
                    let x = self.hash_nested(k)?;
                    h ^= x.wrapping_mul(0x5bd1e995) ^ (x >> 7);
                }
                // Kept to a small int so it caches in the object.
                let h = h & 0x3fff_ffff;
                self.heap
                    .set_val(Runtime::blk(v), cache, Value::small(h as i32));
                Ok(h)
            }
            Some(Kind::Tuple) => {
                let mut h: i64 = 0x345678;
                for i in 0..self.seq_len(v) {
                    let x = self.hash_nested(self.seq_get(v, i))?;
                    h = (h ^ x).wrapping_mul(1_000_003) & 0x7fff_ffff_ffff;
                }
                Ok(h)
            }
            Some(Kind::MemView) => {
                if !self.memview_parts(v)?.3 {
                    return Err(
                        self.value_error(crate::packed!("cannot hash writable memoryview object"))
                    );
                }
                if !matches!(self.memview_format(v), b'B' | b'b') {
                    return Err(self.value_error(crate::packed!(
                        "memoryview: hashing is restricted to formats 'B', 'b' or 'c'"
                    )));
                }
                let b = self.memview_gather(v);
                let copy = self.new_bytes(&b)?;
                self.py_hash(copy)
            }
            Some(Kind::List) | Some(Kind::Dict) | Some(Kind::Set) | Some(Kind::ByteArray) => {
                Err(self.type_error_naming("unhashable type: '", v, "'"))
            }
            Some(Kind::Instance) => {
                // `__hash__ = None`, or an `__eq__` without a `__hash__`.
                let m = self.special(v, Q___HASH__);
                if m == Some(Value::NONE) || m.is_none() && self.special(v, Q___EQ__).is_some() {
                    return Err(self.type_error_naming("unhashable type: '", v, "'"));
                }
                if let Some(m) = m {
                    self.pin(m);
                    let r = self.call(m, &[v], Value::NULL);
                    self.unpin(1);
                    let r = r?;
                    return match self.to_i64(r) {
                        Some(i) => Ok(i),
                        None => Err(self.type_error(crate::packed!(
                            "__hash__ method should return an integer"
                        ))),
                    };
                }
                if let Some(b) = self.base_value(v) {
                    return self.hash_nested(b);
                }
                Ok((v.0 >> 3) as i64)
            }
            _ => Ok((v.0 >> 3) as i64),
        }
    }

    /// `py_hash` of a value inside another (a container's item, an instance's builtin
    /// value), one nesting level deeper: deep nesting ends in `RecursionError`, not a stack
    /// overflow. One call for the three places that recurse.
    #[inline(never)]
    fn hash_nested(&mut self, v: Value) -> PyResult<i64> {
        self.deeper(PLAIN, |rt| rt.py_hash(v))
    }

    /// `a == b`.
    pub fn eq(&mut self, a: Value, b: Value) -> PyResult<bool> {
        if a == b && !matches!(self.kind(a), Some(Kind::Float | Kind::Complex)) {
            return Ok(true);
        }
        if a.is_small() && b.is_small() {
            return Ok(false);
        }
        if self.is_str(a) && self.is_str(b) {
            return Ok(self.str_eq(a, b));
        }
        if is_num(self, a) && is_num(self, b) {
            return Ok(self.num_cmp(a, b)? == Some(Ordering::Equal));
        }
        #[cfg(feature = "complex")]
        if self.kind(a) == Some(Kind::Complex) || self.kind(b) == Some(Kind::Complex) {
            if let Some(e) = self.complex_eq(a, b)? {
                return Ok(e);
            }
        }
        self.deeper(IN_COMPARISON, |rt| rt.eq_objects(a, b))
    }

    /// `a == b` for containers, instances and the other object kinds (one recursion level).
    fn eq_objects(&mut self, a: Value, b: Value) -> PyResult<bool> {
        let (ka, kb) = (self.kind(a), self.kind(b));
        match (ka, kb) {
            (Some(Kind::Tuple), Some(Kind::Tuple)) | (Some(Kind::List), Some(Kind::List)) => {
                let n = self.seq_len(a);
                if n != self.seq_len(b) {
                    return Ok(false);
                }
                for i in 0..n {
                    let (x, y) = (self.seq_get(a, i), self.seq_get(b, i));
                    // Containers compare items by identity first (so `[nan] == [nan]`).
                    if x != y && !self.eq(x, y)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Some(Kind::Dict), Some(Kind::Dict))
            | (Some(Kind::Set | Kind::FrozenSet), Some(Kind::Set | Kind::FrozenSet)) => {
                if self.dict_len(a) != self.dict_len(b) {
                    return Ok(false);
                }
                // Sets share the table and the walk; only a dict's values are compared.
                let values = ka == Some(Kind::Dict);
                for (k, v) in self.dict_items(a) {
                    match self.dict_get(b, k)? {
                        Some(w) => {
                            if values && v != w && !self.eq(v, w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                Ok(true)
            }
            (
                Some(Kind::Bytes | Kind::ByteArray | Kind::MemView),
                Some(Kind::Bytes | Kind::ByteArray | Kind::MemView),
            ) => {
                let typed = |rt: &Self, v: Value| {
                    rt.kind(v) == Some(Kind::MemView) && rt.memview_format(v) != b'B'
                };
                if typed(self, a) || typed(self, b) {
                    return self.memview_eq(a, b);
                }
                if ka == Some(Kind::MemView) || kb == Some(Kind::MemView) {
                    return Ok(self.buffer_bytes(a) == self.buffer_bytes(b));
                }
                Ok(self.bytes_of(a) == self.bytes_of(b))
            }
            (Some(Kind::Slice), Some(Kind::Slice))
            | (Some(Kind::BoundMethod), Some(Kind::BoundMethod)) => {
                let (x, y) = (Runtime::blk(a), Runtime::blk(b));
                let n = if ka == Some(Kind::Slice) { 3 } else { 2 };
                for i in 1..n + 1 {
                    let (p, q) = (self.heap.val(x, i), self.heap.val(y, i));
                    let same = if ka == Some(Kind::BoundMethod) {
                        p == q
                    } else {
                        self.eq(p, q)?
                    };
                    if !same {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Some(Kind::Range), Some(Kind::Range)) => self.range_eq(a, b),
            _ if self.set_like_view(a) || self.set_like_view(b) => {
                match self.views_as_sets(a, b)? {
                    Some((x, y)) => {
                        self.pins.extend_from_slice(&[x, y]);
                        let r = self.eq(x, y);
                        self.unpin(2);
                        r
                    }
                    None => Ok(false),
                }
            }
            _ => {
                if ka == Some(Kind::Instance) || kb == Some(Kind::Instance) {
                    let r = self.rich_compare(2, a, b)?;
                    if let Some(r) = r {
                        return self.truthy(r);
                    }
                    if let Some((x, y)) = self.unwrap_bases(a, b) {
                        return self.eq(x, y);
                    }
                }
                Ok(a == b)
            }
        }
    }

    /// Compare two numbers (`None` when unordered: NaN).
    fn num_cmp(&mut self, a: Value, b: Value) -> PyResult<Option<Ordering>> {
        if self.is_int(a) && self.is_int(b) {
            return Ok(Some(self.int_cmp(a, b)));
        }
        match (self.float_val(a), self.float_val(b)) {
            (Some(x), Some(y)) => Ok(x.partial_cmp(&y)),
            (None, Some(y)) => Ok(self.big_float_cmp(a, y)),
            (Some(x), None) => Ok(self.big_float_cmp(b, x).map(Ordering::reverse)),
            (None, None) => Ok(None),
        }
    }

    /// Exact comparison of an int with a float.
    fn big_float_cmp(&self, big: Value, f: crate::format::Float) -> Option<Ordering> {
        if f.is_nan() {
            return None;
        }
        if f.is_infinite() {
            return Some(if f > 0.0 {
                Ordering::Less
            } else {
                Ordering::Greater
            });
        }
        let n = self.to_bigint(big)?;
        let fl = crate::format::FloatMath::floor(f);
        let fi: crate::bigint::BigInt = crate::bigint::BigInt::from_float(fl)?;
        match n.cmp(&fi) {
            Ordering::Equal if f > fl => Some(Ordering::Less),
            c => Some(c),
        }
    }

    /// User-class rich comparison: `a.__op__(b)`, then the reflected `b.__rop__(a)`.
    fn rich_compare(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        let (name, rname) = match op {
            0 => (Q___LT__, Q___GT__),
            1 => (Q___LE__, Q___GE__),
            2 => (Q___EQ__, Q___EQ__),
            3 => (Q___NE__, Q___NE__),
            4 => (Q___GT__, Q___LT__),
            _ => (Q___GE__, Q___LE__),
        };
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        if ta != tb && self.is_subclass(tb, ta) && self.special(b, rname).is_some() {
            if let Some(r) = self.call_special(b, rname, &[a])? {
                if r != Value::NOT_IMPLEMENTED {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(r) = self.call_special(a, name, &[b])? {
            if r != Value::NOT_IMPLEMENTED {
                return Ok(Some(r));
            }
        }
        if let Some(r) = self.call_special(b, rname, &[a])? {
            if r != Value::NOT_IMPLEMENTED {
                return Ok(Some(r));
            }
        }
        if op == 3 && (self.special(a, Q___EQ__).is_some() || self.special(b, Q___EQ__).is_some()) {
            let e = self.eq(a, b)?;
            return Ok(Some(Value::bool(!e)));
        }
        Ok(None)
    }

    /// Ordering of `a` and `b` for `<`-style operators (op 0,1,4,5).
    pub fn order(&mut self, op: u32, a: Value, b: Value) -> PyResult<bool> {
        self.deeper(IN_COMPARISON, |rt| rt.order_objects(op, a, b))
    }

    fn order_objects(&mut self, op: u32, a: Value, b: Value) -> PyResult<bool> {
        if is_num(self, a) && is_num(self, b) {
            let c = self.num_cmp(a, b)?;
            return Ok(match c {
                None => false,
                Some(c) => match op {
                    0 => c == Ordering::Less,
                    1 => c != Ordering::Greater,
                    4 => c == Ordering::Greater,
                    _ => c != Ordering::Less,
                },
            });
        }
        let c = self.cmp_same(a, b)?;
        if let Some(c) = c {
            return Ok(match op {
                0 => c == Ordering::Less,
                1 => c != Ordering::Greater,
                4 => c == Ordering::Greater,
                _ => c != Ordering::Less,
            });
        }
        if self.set_like_view(a) || self.set_like_view(b) {
            if let Some((x, y)) = self.views_as_sets(a, b)? {
                self.pins.extend_from_slice(&[x, y]);
                let r = self.order(op, x, y);
                self.unpin(2);
                return r;
            }
        }
        if self.is_set(a) && self.is_set(b) {
            let sub = self.set_is_subset(a, b)?;
            let sup = self.set_is_subset(b, a)?;
            return Ok(match op {
                0 => sub && !sup,
                1 => sub,
                4 => sup && !sub,
                _ => sup,
            });
        }
        if let Some(r) = self.rich_compare(op, a, b)? {
            return self.truthy(r);
        }
        if let Some((x, y)) = self.unwrap_bases(a, b) {
            return self.order(op, x, y);
        }
        let sym = ["<", "<=", "==", "!=", ">", ">="][op as usize % 6];
        Err(self.type_error_naming_pair(&["'", sym, "' not supported between instances of "], a, b))
    }

    /// Total order of two strs, bytes, tuples or lists (lexicographic); `None` otherwise.
    fn cmp_same(&mut self, a: Value, b: Value) -> PyResult<Option<Ordering>> {
        if self.is_str(a) && self.is_str(b) {
            return Ok(Some(self.str_text(a).cmp(&self.str_text(b))));
        }
        let (ka, kb) = (self.kind(a), self.kind(b));
        if matches!(ka, Some(Kind::Bytes | Kind::ByteArray))
            && matches!(kb, Some(Kind::Bytes | Kind::ByteArray))
        {
            return Ok(Some(self.bytes_of(a).cmp(&self.bytes_of(b))));
        }
        if ka == kb && matches!(ka, Some(Kind::Tuple | Kind::List)) {
            let (n, m) = (self.seq_len(a), self.seq_len(b));
            for i in 0..n.min(m) {
                let (x, y) = (self.seq_get(a, i), self.seq_get(b, i));
                if !self.eq(x, y)? {
                    return Ok(Some(if self.order(0, x, y)? {
                        Ordering::Less
                    } else {
                        Ordering::Greater
                    }));
                }
            }
            return Ok(Some(n.cmp(&m)));
        }
        Ok(None)
    }

    /// COMPARE_OP.
    pub fn compare(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        if op <= 5 && (self.kind(a) == Some(Kind::Instance) || self.kind(b) == Some(Kind::Instance))
        {
            if let Some(r) = self.rich_compare(op, a, b)? {
                return Ok(r);
            }
        }
        Ok(Value::bool(match op {
            2 => self.eq(a, b)?,
            // An instance's `__ne__` was tried above (and gave no answer).
            3 => !self.eq(a, b)?,
            6 => self.contains(b, a)?,
            7 => !self.contains(b, a)?,
            8 => a == b,
            9 => a != b,
            _ => self.order(op, a, b)?,
        }))
    }

    /// BINARY_OP (`op` as in the bytecode, +16 for in-place).
    pub fn binary_op(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        let inplace = op >= 16;
        let op = op & 15;
        if op > 12 {
            return Err(self.type_error(crate::packed!("bad operator")));
        }
        if is_num(self, a) && is_num(self, b) {
            return self.num_binop(op, a, b);
        }
        #[cfg(feature = "complex")]
        if self.kind(a) == Some(Kind::Complex) || self.kind(b) == Some(Kind::Complex) {
            if let Some(r) = self.complex_binop(op, a, b)? {
                return Ok(r);
            }
        }
        if inplace {
            if self.kind(a) == Some(Kind::List) && op == 0 {
                self.list_extend(a, b)?;
                return Ok(a);
            }
            if self.kind(a) == Some(Kind::Set) && self.is_set(b) && matches!(op, 1 | 9 | 10 | 11) {
                // `r` stays rooted: clearing `a` allocates nothing, and `set_update` pins it.
                let r = self.set_binop(op, a, b)?;
                self.dict_clear(a);
                self.set_update(a, r)?;
                return Ok(a);
            }
            if self.kind(a) == Some(Kind::Dict) && op == 10 && self.is_dict(b) {
                self.dict_update(a, b, false)?;
                return Ok(a);
            }
            if self.kind(a) == Some(Kind::List) && op == 2 && self.is_int(b) {
                let r = self.seq_binop(2, a, b)?.unwrap_or(a);
                let items = self.seq_items(r).unwrap_or_default();
                self.pin(r);
                let res = self.list_set_items(a, &items);
                self.unpin(1);
                res?;
                return Ok(a);
            }
            if self.kind(a) == Some(Kind::Instance) {
                if let Some(r) = self.call_special(a, u32::from(OP_INAMES[op as usize]), &[b])? {
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
        }
        if let Some(r) = self.seq_binop(op, a, b)? {
            return Ok(r);
        }
        let a_inst = self.kind(a) == Some(Kind::Instance);
        let b_inst = self.kind(b) == Some(Kind::Instance);
        let (ta, tb) = (self.type_of(a), self.type_of(b));
        if b_inst && ta != tb && self.is_subclass(tb, ta) {
            if let Some(r) = self.call_special(b, u32::from(OP_RNAMES[op as usize]), &[a])? {
                if r != Value::NOT_IMPLEMENTED {
                    return Ok(r);
                }
            }
        }
        if a_inst {
            if let Some(r) = self.call_special(a, u32::from(OP_NAMES[op as usize]), &[b])? {
                if r != Value::NOT_IMPLEMENTED {
                    return Ok(r);
                }
            }
        }
        self.binary_op_after_forward(op | (inplace as u32) << 4, a, b)
    }

    /// The Python function BINARY_OP `op` would call first on `a` and `b`, when that call is
    /// all it does unless the function returns `NotImplemented` (then
    /// [`Runtime::binary_op_after_forward`] finishes): `a` an instance of a class deriving
    /// from no builtin type, `b` a small int, a float or an instance of the same class, and
    /// the class's `__op__` (with no `__iop__` for an in-place `op`) a Python function. The
    /// interpreter runs it as a frame of its own loop instead of a nested one.
    #[inline]
    pub(crate) fn binop_method(&mut self, op: u32, a: Value, b: Value) -> Option<Value> {
        if !self.heap.is_kind(a, Kind::Instance) {
            return None;
        }
        let cls = self.heap.val(Runtime::blk(a), INST_CLASS);
        if self.class_flags(cls) & CLASS_SPECIAL_BASE != 0 {
            return None;
        }
        let same = self.heap.is_kind(b, Kind::Instance)
            && self.heap.val(Runtime::blk(b), INST_CLASS) == cls;
        if !(same || b.is_small() || self.heap.is_kind(b, Kind::Float)) {
            return None;
        }
        let i = (op & 15) as usize;
        if op >= 16
            && self
                .class_lookup(cls, Value::qstr(u32::from(*OP_INAMES.get(i)?)))
                .is_some()
        {
            return None;
        }
        let m = self.class_lookup(cls, Value::qstr(u32::from(*OP_NAMES.get(i)?)))?;
        self.heap.is_kind(m, Kind::Function).then_some(m)
    }

    /// The rest of `binary_op` after `a`'s own `__op__` (not an in-place one) gave
    /// `NotImplemented` or was missing: `b`'s reflected method, a builtin base's operator, or
    /// the `TypeError`.
    pub(crate) fn binary_op_after_forward(
        &mut self,
        op: u32,
        a: Value,
        b: Value,
    ) -> PyResult<Value> {
        let inplace = op >= 16;
        let op = op & 15;
        let a_inst = self.kind(a) == Some(Kind::Instance);
        let b_inst = self.kind(b) == Some(Kind::Instance);
        // As in CPython, an operand of the same type has its reflected method not tried.
        if b_inst && self.type_of(a) != self.type_of(b) {
            if let Some(&rname) = OP_RNAMES.get(op as usize) {
                if let Some(r) = self.call_special(b, u32::from(rname), &[a])? {
                    if r != Value::NOT_IMPLEMENTED {
                        return Ok(r);
                    }
                }
            }
        }
        if let Some((x, y)) = self.unwrap_bases(a, b) {
            let mutable = matches!(
                self.kind(x),
                Some(Kind::List | Kind::Dict | Kind::Set | Kind::ByteArray)
            );
            if inplace && a_inst && mutable {
                // `stack += [1]` grows the wrapped list and keeps the instance.
                self.binary_op(op | 16, x, y)?;
                return Ok(a);
            }
            return self.binary_op(op, x, y);
        }
        let sym = OP_SYMBOLS.get(op as usize).copied().unwrap_or("?");
        if op == 6 {
            return Err(self.type_error_naming_pair(
                &["unsupported operand type(s) for ** or pow(): "],
                a,
                b,
            ));
        }
        if op == 0 && self.is_str(a) {
            return Err(self.type_error_naming(
                "can only concatenate str (not \"",
                b,
                "\") to str",
            ));
        } else if op == 2 && (is_sequence(self, a) || is_sequence(self, b)) {
            let other = if is_sequence(self, a) { b } else { a };
            return Err(self.type_error_naming(
                "can't multiply sequence by non-int of type '",
                other,
                "'",
            ));
        } else if op == 0 && self.kind(a) == Some(Kind::List) {
            return Err(self.type_error_naming(
                "can only concatenate list (not \"",
                b,
                "\") to list",
            ));
        }
        let equals = if inplace { "=" } else { "" };
        Err(self.type_error_naming_pair(
            &["unsupported operand type(s) for ", sym, equals, ": "],
            a,
            b,
        ))
    }

    fn num_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Value> {
        let both_int = self.is_int(a) && self.is_int(b);
        let is_bool = |v: Value| v == Value::TRUE || v == Value::FALSE;
        if is_bool(a) && is_bool(b) && matches!(op, 9..=11) {
            let (x, y) = (a == Value::TRUE, b == Value::TRUE);
            return Ok(Value::bool(match op {
                9 => x & y,
                10 => x | y,
                _ => x ^ y,
            }));
        }
        if both_int {
            let iop = match op {
                0 => IntOp::Add,
                1 => IntOp::Sub,
                2 => IntOp::Mul,
                4 => IntOp::FloorDiv,
                5 => IntOp::Mod,
                6 => {
                    if self.int_cmp(b, Value::small(0)) == Ordering::Less {
                        let x = self.int_as_float(a)?;
                        let y = self.int_as_float(b)?;
                        return self.float_binop(6, x, y);
                    }
                    IntOp::Pow
                }
                7 => IntOp::Shl,
                8 => IntOp::Shr,
                9 => IntOp::And,
                10 => IntOp::Or,
                11 => IntOp::Xor,
                3 => {
                    if self.int_cmp(b, Value::small(0)) == Ordering::Equal {
                        return Err(self.raise(
                            ExcKind::ZeroDivisionError,
                            crate::packed!("division by zero"),
                        ));
                    }
                    if let (Some(x), Some(y)) = (self.to_i64(a), self.to_i64(b)) {
                        use crate::format::float_type::{exact_int, EXACT_INT_BITS};
                        if x.unsigned_abs() < 1 << EXACT_INT_BITS
                            && y.unsigned_abs() < 1 << EXACT_INT_BITS
                        {
                            let (x, y) = (exact_int(x), exact_int(y));
                            return self.new_float(x / y);
                        }
                    }
                    let x = self.to_bigint_or_zero(a);
                    let y = self.to_bigint_or_zero(b);
                    let q = crate::obj::int::big_truediv(&x, &y);
                    return match q {
                        Some(q) => self.new_float(q),
                        None => Err(self.raise(
                            ExcKind::OverflowError,
                            crate::packed!("integer division result too large for a float"),
                        )),
                    };
                }
                _ => {
                    return Err(self.type_error(crate::packed!("unsupported operand type(s) for @")))
                }
            };
            return self.int_binop(iop, a, b);
        }
        if op >= 7 {
            let sym = OP_SYMBOLS.get(op as usize).copied().unwrap_or("?");
            return Err(self.type_error_naming_pair(
                &["unsupported operand type(s) for ", sym, ": "],
                a,
                b,
            ));
        }
        let x = self.num_as_float(a)?.unwrap_or(0.0);
        let y = self.num_as_float(b)?.unwrap_or(0.0);
        self.float_binop(op, x, y)
    }

    fn seq_binop(&mut self, op: u32, a: Value, b: Value) -> PyResult<Option<Value>> {
        let (ka, kb) = (self.kind(a), self.kind(b));
        if op == 0 {
            if self.is_str(a) && self.is_str(b) {
                return self.str_concat(a, b).map(Some);
            }
            if ka == kb && matches!(ka, Some(Kind::List | Kind::Tuple)) {
                let mut items = self.seq_items_or_empty(a);
                items.extend(self.seq_items_or_empty(b));
                return self.new_seq_of(ka, &items);
            }
            if matches!(ka, Some(Kind::Bytes | Kind::ByteArray))
                && matches!(kb, Some(Kind::Bytes | Kind::ByteArray | Kind::MemView))
            {
                if kb == Some(Kind::MemView) {
                    self.memview_parts(b)?;
                }
                let mut v = self.bytes_of(a).unwrap_or(&[]).to_vec();
                v.extend_from_slice(self.bytes_of(b).unwrap_or(&[]));
                return self.new_text_of(ka, &v).map(Some);
            }
        }
        if op == 2
            && kb == Some(Kind::Instance)
            && ka != Some(Kind::Instance)
            && self.special(b, Q___INDEX__).is_some()
        {
            let n = self.int_arg(b)?;
            let nv = self.new_int(n)?;
            return self.seq_binop(op, a, nv);
        }
        if op == 2 {
            let (seq, n) = if self.is_int(b) && !self.is_int(a) {
                (a, b)
            } else if self.is_int(a) && !self.is_int(b) {
                (b, a)
            } else {
                return Ok(None);
            };
            let n = match self.to_i64(n) {
                Some(n) => Runtime::size_of_count(n),
                None if self.int_cmp(n, Value::small(0)) == Ordering::Less => 0,
                None => {
                    return Err(self.raise_with(
                        ExcKind::OverflowError,
                        "cannot fit '{}' into an index-sized integer",
                        &[self.type_name(n).arg()],
                    ));
                }
            };
            let ks = self.kind(seq);
            // A str repeats its bytes as bytes and bytearray do (the copies stay UTF-8).
            if let Some(len) = text_bytes(self, seq).map(<[u8]>::len) {
                self.check_room(len.saturating_mul(n))?;
                let text = text_bytes(self, seq).unwrap_or(&[]);
                let mut r = Vec::with_capacity(len * n);
                if n > 0 {
                    r.extend_from_slice(text);
                }
                // Doubling what is there, as `repeat` does: a few copies for a short text
                // repeated many times.
                while r.len() < len * n {
                    r.extend_from_within(..r.len().min(len * n - r.len()));
                }
                return self.new_text_of(ks, &r).map(Some);
            }
            if matches!(ks, Some(Kind::List | Kind::Tuple)) {
                let items = self.seq_items_or_empty(seq);
                self.check_room(items.len().saturating_mul(n).saturating_mul(4))?;
                let mut out = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    out.extend_from_slice(&items);
                }
                return self.new_seq_of(ks, &out);
            }
        }
        if op == 5 && self.is_str(a) {
            return self.percent_format(a, b).map(Some);
        }
        if op == 5 && matches!(ka, Some(Kind::Bytes | Kind::ByteArray)) {
            return self.bytes_percent(a, b).map(Some);
        }
        let view_a = ka == Some(Kind::DictView);
        let view_b = kb == Some(Kind::DictView);
        if (view_a || view_b) && matches!(op, 1 | 9..=11) {
            let sa = self.new_dict_kind(Kind::Set, 0)?;
            self.pin(sa);
            let r = self.set_update(sa, a).and_then(|_| {
                let sb = self.new_dict_kind(Kind::Set, 0)?;
                self.pin(sb);
                let r = self
                    .set_update(sb, b)
                    .and_then(|_| self.set_binop(op, sa, sb));
                self.unpin(1);
                r
            });
            self.unpin(1);
            return r.map(Some);
        }
        if self.is_set(a) && self.is_set(b) && matches!(op, 1 | 9..=11) {
            return self.set_binop(op, a, b).map(Some);
        }
        if op == 10 && ka == Some(Kind::Dict) && kb == Some(Kind::Dict) {
            let items = self.dict_items(a);
            let d = self.new_dict()?;
            self.pin(d);
            for (k, v) in items {
                self.dict_set(d, k, v)?;
            }
            let r = self.dict_update(d, b, false);
            self.unpin(1);
            r?;
            return Ok(Some(d));
        }
        Ok(None)
    }

    /// A new list (`kind` List) or tuple of `items`, as `seq_binop` answers: one call for its
    /// concatenation and its repetition.
    #[inline(never)]
    fn new_seq_of(&mut self, kind: Option<Kind>, items: &[Value]) -> PyResult<Option<Value>> {
        if kind == Some(Kind::List) {
            self.new_list(items).map(Some)
        } else {
            self.new_tuple(items).map(Some)
        }
    }

    /// A new bytes, bytearray or (any other `kind`) str of `bytes`, as `seq_binop` answers:
    /// one call for its concatenation and its repetition.
    #[inline(never)]
    fn new_text_of(&mut self, kind: Option<Kind>, bytes: &[u8]) -> PyResult<Value> {
        match kind {
            Some(Kind::Bytes) => self.new_bytes(bytes),
            Some(Kind::ByteArray) => self.new_bytearray(bytes),
            _ => self.new_str_utf8(bytes),
        }
    }

    /// UNARY_OP: 0 neg, 1 pos, 2 invert, 3 not.
    pub fn unary_op(&mut self, op: u32, a: Value) -> PyResult<Value> {
        if op == 3 {
            return Ok(Value::bool(!self.truthy(a)?));
        }
        if self.is_int(a) {
            return match op {
                0 => self.int_neg(a),
                1 => Ok(match a {
                    Value::TRUE => Value::small(1),
                    Value::FALSE => Value::small(0),
                    _ => a,
                }),
                _ => {
                    let n = self.int_neg(a)?;
                    self.pin(n);
                    let r = self.int_binop(IntOp::Sub, n, Value::small(1));
                    self.unpin(1);
                    r
                }
            };
        }
        if let Some(f) = self.float_val(a) {
            return match op {
                0 => self.new_float(-f),
                1 => Ok(a),
                _ => Err(self.type_error(crate::packed!("bad operand type for unary ~: 'float'"))),
            };
        }
        #[cfg(feature = "complex")]
        if let Some((re, im)) = self.complex_val(a) {
            return match op {
                0 => self.new_complex(-re, -im),
                1 => Ok(a),
                _ => {
                    Err(self.type_error(crate::packed!("bad operand type for unary ~: 'complex'")))
                }
            };
        }
        let name = [Q___NEG__, Q___POS__, Q___INVERT__][op as usize % 3];
        if let Some(r) = self.call_special(a, name, &[])? {
            return Ok(r);
        }
        if let Some(b) = self.base_value(a) {
            return self.unary_op(op, b);
        }
        let sym = ["-", "+", "~"][op as usize % 3];
        Err(self.type_error_with(
            "bad operand type for unary {}: '{}'",
            &[sym.arg(), self.type_name(a).arg()],
        ))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: Value, item: Value) -> PyResult<bool> {
        if self.is_str(container) {
            if !self.is_str(item) {
                return Err(self.type_error_naming(
                    "'in <string>' requires string as left operand, not ",
                    item,
                    "",
                ));
            }
            let (h, n) = (
                self.str_text(container).unwrap_or(""),
                self.str_text(item).unwrap_or(""),
            );
            return Ok(crate::builtins::next_match(h, n, 0).is_some());
        }
        match self.kind(container) {
            Some(Kind::Tuple) | Some(Kind::List) => {
                let n = self.seq_len(container);
                for i in 0..n {
                    let x = self.seq_get(container, i);
                    if x == item || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Some(Kind::Dict) | Some(Kind::Set) | Some(Kind::FrozenSet) => {
                Ok(self.dict_get(container, item)?.is_some())
            }
            Some(Kind::DictView) if self.heap.aux(Runtime::blk(container)) == 0 => {
                let d = self.heap.val(Runtime::blk(container), VIEW_DICT);
                Ok(self.dict_get(d, item)?.is_some())
            }
            Some(Kind::DictView) if self.heap.aux(Runtime::blk(container)) == 2 => {
                let d = self.heap.val(Runtime::blk(container), VIEW_DICT);
                if self.kind(item) != Some(Kind::Tuple) || self.seq_len(item) != 2 {
                    return Ok(false);
                }
                let (k, v) = (self.seq_get(item, 0), self.seq_get(item, 1));
                match self.dict_get(d, k)? {
                    Some(x) => self.eq(x, v),
                    None => Ok(false),
                }
            }
            Some(Kind::Range) if !self.range_is_small(container) || !item.is_small() => {
                Ok(self.range_position(container, item).is_some())
            }
            Some(Kind::Range) => {
                let Some(i) = self.to_i64(item) else {
                    return Ok(false);
                };
                let (start, stop, step) = self.range_parts(container);
                let inside = if step > 0 {
                    start <= i && i < stop
                } else {
                    stop < i && i <= start
                };
                // Small ints and a step never zero: `checked_rem` is `%` without its panics.
                Ok(inside && (i - start).checked_rem(step) == Some(0))
            }
            Some(Kind::Bytes) | Some(Kind::ByteArray) => {
                if self.is_int(item) {
                    let Some(b) = self.to_i64(item).and_then(|b| u8::try_from(b).ok()) else {
                        return Err(
                            self.value_error(crate::packed!("byte must be in range(0, 256)"))
                        );
                    };
                    return Ok(self.bytes_of(container).unwrap_or(&[]).contains(&b));
                }
                let Some(needle) = self.buffer_bytes(item) else {
                    return Err(self.type_error_naming(
                        "a bytes-like object is required, not '",
                        item,
                        "'",
                    ));
                };
                let hay = self.bytes_of(container).unwrap_or(&[]);
                Ok(needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle.as_slice()))
            }
            _ => {
                if let Some(r) = self.call_special(container, Q___CONTAINS__, &[item])? {
                    return self.truthy(r);
                }
                if self.special(container, Q___ITER__).is_none() {
                    // A subclass of a builtin container searches its builtin value; one of a
                    // number falls through, so the error names the subclass.
                    let numeric = |rt: &Self, b: Value| {
                        rt.is_int(b) || matches!(rt.kind(b), Some(Kind::Float | Kind::Complex))
                    };
                    if let Some(b) = self.base_value(container).filter(|&b| !numeric(self, b)) {
                        return self.contains(b, item);
                    }
                }
                let Some(it) = self.iter_of(container)? else {
                    return Err(self.type_error_naming(
                        "argument of type '",
                        container,
                        "' is not iterable",
                    ));
                };
                self.pin(it);
                let r = loop {
                    match self.iter_next(it) {
                        Ok(Some(x)) => match self.eq(x, item) {
                            Ok(true) => break Ok(true),
                            Ok(false) => {}
                            Err(e) => break Err(e),
                        },
                        Ok(None) => break Ok(false),
                        Err(e) => break Err(e),
                    }
                };
                self.unpin(1);
                r
            }
        }
    }

    /// `except T` matching: `t` is a class or a tuple of classes.
    pub fn exception_matches(&mut self, exc: Value, t: Value) -> PyResult<bool> {
        // Like CPython, a tuple holds classes: nested tuples are refused, not searched.
        let classes = if self.kind(t) == Some(Kind::Tuple) {
            self.seq_len(t)
        } else {
            1
        };
        let mut matched = false;
        for i in 0..classes {
            let c = if classes == 1 && self.kind(t) != Some(Kind::Tuple) {
                t
            } else {
                self.seq_get(t, i)
            };
            if self.kind(c) != Some(Kind::Class) {
                return Err(self.type_error(crate::packed!(
                    "catching classes that do not inherit from BaseException is not allowed"
                )));
            }
            matched = matched || self.is_instance(exc, c);
        }
        Ok(matched)
    }

    /// The exception to raise for `raise v`: instances as they are, classes instantiated.
    pub fn make_exception(&mut self, v: Value) -> PyResult<Value> {
        if self.is_exception(v) {
            return Ok(v);
        }
        if self.kind(v) == Some(Kind::Class)
            && self.is_subclass(v, self.exc_class_if_made(ExcKind::BaseException))
        {
            return self.call(v, &[], Value::NULL);
        }
        Err(self.type_error(crate::packed!("exceptions must derive from BaseException")))
    }

    /// `StopIteration(...).value`.
    pub fn stop_iteration_value(&mut self, e: Value) -> Value {
        let args = self.exc_args(e);
        if self.seq_len(args) > 0 {
            self.seq_get(args, 0)
        } else {
            Value::NONE
        }
    }
}

/// `dict_keys` and `dict_items` compare like sets (with sets and with each other).
impl Runtime {
    /// Is `v` a keys or items view (not a values view)?
    fn set_like_view(&self, v: Value) -> bool {
        self.kind(v) == Some(Kind::DictView) && self.heap.aux(Runtime::blk(v)) != 1
    }

    /// Both operands as sets when each is a set, frozenset or set-like view; `None` otherwise.
    fn views_as_sets(&mut self, a: Value, b: Value) -> PyResult<Option<(Value, Value)>> {
        let ok = |rt: &Runtime, v: Value| rt.is_set(v) || rt.set_like_view(v);
        if !ok(self, a) || !ok(self, b) {
            return Ok(None);
        }
        let x = self.view_set(a)?;
        self.pin(x);
        let y = self.view_set(b);
        self.unpin(1);
        Ok(Some((x, y?)))
    }

    fn view_set(&mut self, v: Value) -> PyResult<Value> {
        if self.is_set(v) {
            return Ok(v);
        }
        let s = self.new_dict_kind(Kind::Set, 0)?;
        self.pin(s);
        let r = self.set_update(s, v);
        self.unpin(1);
        r.map(|_| s)
    }
}
