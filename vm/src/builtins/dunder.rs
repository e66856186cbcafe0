//! The special methods of builtin types as callables (`(7).__add__(3)`, `"ab".__len__()`,
//! `int.__add__`): each forwards to the operation the interpreter runs for the operator, so they
//! agree with it by construction. A binary arithmetic or ordering method given an operand its
//! type does not handle returns `NotImplemented`, as in CPython.

use super::*;
use crate::obj::exception::ExcKind;

/// The qstr of each special method row, in row order from `N_DUNDER_ADD`.
const QSTRS: [u32; (N_DUNDER_DELITEM - N_DUNDER_ADD + 1) as usize] = [
    Q___ADD__,
    Q___SUB__,
    Q___MUL__,
    Q___TRUEDIV__,
    Q___FLOORDIV__,
    Q___MOD__,
    Q___POW__,
    Q___LSHIFT__,
    Q___RSHIFT__,
    Q___AND__,
    Q___OR__,
    Q___XOR__,
    Q___LT__,
    Q___LE__,
    Q___EQ__,
    Q___NE__,
    Q___GT__,
    Q___GE__,
    Q___LEN__,
    Q___CONTAINS__,
    Q___GETITEM__,
    Q___ITER__,
    Q___HASH__,
    Q___REPR__,
    Q___STR__,
    Q___BOOL__,
    Q___NEG__,
    Q___ABS__,
    Q___INT__,
    Q___FLOAT__,
    Q___INDEX__,
    Q___SETITEM__,
    Q___DELITEM__,
];

/// [`QSTRS`] as 16-bit ids: a scan of them is a fraction of the code of a compare tree.
static NAMES: [u16; QSTRS.len()] = {
    let mut out = [0; QSTRS.len()];
    let mut i = 0;
    while i < QSTRS.len() {
        assert!(QSTRS[i] < crate::qstr::NNAMED as u32);
        out[i] = QSTRS[i] as u16;
        i += 1;
    }
    out
};

/// A bit per named qstr, set for those in [`QSTRS`]: attribute lookups on builtin objects
/// (modules' functions among them) ask here after a miss on the type's methods, and most
/// are answered by this one test rather than by a scan.
static IS_DUNDER: [u8; crate::qstr::NNAMED.div_ceil(8)] = {
    let mut bits = [0; crate::qstr::NNAMED.div_ceil(8)];
    let mut i = 0;
    while i < QSTRS.len() {
        bits[QSTRS[i] as usize / 8] |= 1 << (QSTRS[i] % 8);
        i += 1;
    }
    bits
};

/// The native implementing special method `q` for instances of builtin types.
pub fn lookup(q: u32) -> Option<u32> {
    let bits = *IS_DUNDER.get(q as usize / 8)?;
    if bits & 1 << (q % 8) == 0 {
        return None;
    }
    NAMES
        .iter()
        .position(|&n| u32::from(n) == q)
        .map(|i| N_DUNDER_ADD + i as u32)
}

/// Does builtin type `t` have special method native `id`? (Only what CPython's type has, so
/// `hasattr(1, "__len__")` stays false.) Read from [`TYPES_WITH`] (the match in [`has`] was a
/// jump table plus code per arm).
pub fn type_has(t: TypeId, id: u32) -> bool {
    let Some(&mask) = TYPES_WITH.get(id.wrapping_sub(N_DUNDER_ADD) as usize) else {
        return false;
    };
    mask == EVERY_TYPE || (t as u32) < 16 && mask >> (t as u32) & 1 != 0
}

/// The types with special methods beyond those every type has; all below 16, so a `u16`
/// holds a bit for each.
const SOME_TYPES: [TypeId; 12] = {
    use TypeId::*;
    let types = [
        Bool, Int, Float, Str, Bytes, ByteArray, Tuple, List, Dict, Set, FrozenSet, Range,
    ];
    let mut i = 0;
    while i < types.len() {
        assert!((types[i] as u32) < 15);
        i += 1;
    }
    types
};

/// The [`TYPES_WITH`] row of a special method every type has (no type is bit 15).
const EVERY_TYPE: u16 = u16::MAX;

/// A bit per type of [`SOME_TYPES`] (by type id) for each special method row, or
/// [`EVERY_TYPE`].
static TYPES_WITH: [u16; QSTRS.len()] = {
    let mut out = [0; QSTRS.len()];
    let mut i = 0;
    while i < QSTRS.len() {
        let id = N_DUNDER_ADD + i as u32;
        if has(TypeId::Object, id) {
            out[i] = EVERY_TYPE;
        } else {
            let mut j = 0;
            while j < SOME_TYPES.len() {
                if has(SOME_TYPES[j], id) {
                    out[i] |= 1 << SOME_TYPES[j] as u32;
                }
                j += 1;
            }
        }
        i += 1;
    }
    out
};

/// [`type_has`], evaluated at compile time.
const fn has(t: TypeId, id: u32) -> bool {
    use TypeId::*;
    let numeric = matches!(t, Int | Bool | Float);
    let integral = matches!(t, Int | Bool);
    let seq = matches!(t, Str | Bytes | ByteArray | Tuple | List | Range);
    let container = seq || matches!(t, Dict | Set | FrozenSet);
    match id {
        N_DUNDER_EQ | N_DUNDER_NE | N_DUNDER_HASH | N_DUNDER_REPR | N_DUNDER_STR => true,
        N_DUNDER_LT | N_DUNDER_LE | N_DUNDER_GT | N_DUNDER_GE => {
            numeric || matches!(t, Str | Bytes | ByteArray | Tuple | List | Set | FrozenSet)
        }
        N_DUNDER_ADD | N_DUNDER_MUL => {
            numeric || matches!(t, Str | Bytes | ByteArray | Tuple | List)
        }
        N_DUNDER_MOD => numeric || matches!(t, Str | Bytes | ByteArray),
        N_DUNDER_SUB | N_DUNDER_AND | N_DUNDER_OR | N_DUNDER_XOR => {
            integral || (id == N_DUNDER_SUB && matches!(t, Float)) || matches!(t, Set | FrozenSet)
        }
        N_DUNDER_TRUEDIV | N_DUNDER_FLOORDIV | N_DUNDER_POW | N_DUNDER_NEG | N_DUNDER_ABS
        | N_DUNDER_BOOL | N_DUNDER_INT | N_DUNDER_FLOAT => numeric,
        N_DUNDER_LSHIFT | N_DUNDER_RSHIFT | N_DUNDER_INDEX => integral,
        N_DUNDER_LEN | N_DUNDER_CONTAINS | N_DUNDER_ITER => container,
        N_DUNDER_GETITEM => seq || matches!(t, Dict),
        N_DUNDER_SETITEM | N_DUNDER_DELITEM => matches!(t, List | Dict | ByteArray),
        _ => false,
    }
}

/// The receiver and operand of a binary special method. The call checked the count against
/// the method's row, so only `__pow__`, which also takes a modulus, can have another one.
fn args2(rt: &mut Runtime, args: &[Value]) -> PyResult<(Value, Value)> {
    match *args {
        [a, b] => Ok((a, b)),
        _ => Err(rt.type_error(crate::packed!("expected 1 argument for __pow__, got 2"))),
    }
}

/// A TypeError from the operation means the operand types do not combine: `NotImplemented`.
fn not_implemented_on_type_error(rt: &mut Runtime, r: PyResult<Value>) -> PyResult<Value> {
    match r {
        Err(e) => {
            if rt.exc_matches(rt.exc, ExcKind::TypeError) {
                rt.exc = Value::NULL;
                return Ok(Value::NOT_IMPLEMENTED);
            }
            Err(e)
        }
        ok => ok,
    }
}

/// Is `b` an operand the builtin method of `a` does not handle, so it returns NotImplemented?
/// An int's methods take only ints (`(1).__add__(1.5)`: the float's reflected method does the
/// work), a float's take ints and floats, and comparisons of other types take their own type.
fn foreign(rt: &Runtime, a: Value, b: Value, compare: bool) -> bool {
    let (ai, bi) = (rt.is_int(a), rt.is_int(b));
    let (af, bf) = (rt.float_val(a).is_some(), rt.float_val(b).is_some());
    if ai {
        return !bi && (compare || bf);
    }
    if af {
        return !(bi || bf);
    }
    compare && rt.type_of(a) != rt.type_of(b) && !(rt.is_set(a) && rt.is_set(b))
}

fn binary(rt: &mut Runtime, args: &[Value], op: u32) -> PyResult<Value> {
    let (a, b) = args2(rt, args)?;
    if foreign(rt, a, b, false) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let r = rt.binary_op(op, a, b);
    not_implemented_on_type_error(rt, r)
}

fn compare(rt: &mut Runtime, args: &[Value], op: u32) -> PyResult<Value> {
    let (a, b) = args2(rt, args)?;
    if foreign(rt, a, b, true) {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let r = rt.compare(op, a, b);
    not_implemented_on_type_error(rt, r)
}

macro_rules! binaries {
    ($($f:ident = $kind:ident $op:literal $name:literal;)*) => {
        $(
            #[doc = concat!("`", $name, "` of a builtin type.")]
            pub(super) fn $f(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
                $kind(rt, args, $op)
            }
        )*
    };
}

binaries! {
    d_add = binary 0 "__add__";
    d_sub = binary 1 "__sub__";
    d_mul = binary 2 "__mul__";
    d_truediv = binary 3 "__truediv__";
    d_floordiv = binary 4 "__floordiv__";
    d_mod = binary 5 "__mod__";
    d_pow = binary 6 "__pow__";
    d_lshift = binary 7 "__lshift__";
    d_rshift = binary 8 "__rshift__";
    d_and = binary 9 "__and__";
    d_or = binary 10 "__or__";
    d_xor = binary 11 "__xor__";
    d_lt = compare 0 "__lt__";
    d_le = compare 1 "__le__";
    d_eq = compare 2 "__eq__";
    d_ne = compare 3 "__ne__";
    d_gt = compare 4 "__gt__";
    d_ge = compare 5 "__ge__";
}

/// `__len__`.
pub(super) fn d_len(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    let n = funcs::len_of(rt, a)?;
    rt.new_int(n as i64)
}

/// `__contains__`.
pub(super) fn d_contains(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, b) = args2(rt, args)?;
    Ok(Value::bool(rt.contains(a, b)?))
}

/// `__getitem__`.
pub(super) fn d_getitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, b) = args2(rt, args)?;
    rt.getitem(a, b)
}

/// `__iter__`.
pub(super) fn d_iter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    rt.get_iter(a)
}

/// `__hash__`.
pub(super) fn d_hash(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    let h = rt.py_hash(a)?;
    rt.new_int(h)
}

/// `__repr__`.
pub(super) fn d_repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    rt.repr(a)
}

/// `__str__`.
pub(super) fn d_str(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    rt.to_str(a)
}

/// `__bool__`.
pub(super) fn d_bool(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    Ok(Value::bool(rt.truthy(a)?))
}

/// `__neg__`.
pub(super) fn d_neg(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    rt.unary_op(0, a)
}

/// `__abs__`.
pub(super) fn d_abs(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    funcs::abs(rt, &[a], Value::NULL)
}

/// `__int__` and `__index__` (the int value; bool gives 0 or 1).
pub(super) fn d_int(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    construct(rt, TypeId::Int, &[a], Value::NULL)
}

/// `__index__`.
pub(super) fn d_index(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    if !rt.is_int(a) {
        return Err(rt.type_error(crate::packed!("__index__ requires an int")));
    }
    construct(rt, TypeId::Int, &[a], Value::NULL)
}

/// `__float__`.
pub(super) fn d_float(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let a = arg(args, 0);
    construct(rt, TypeId::Float, &[a], Value::NULL)
}

/// `__setitem__`.
pub(super) fn d_setitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    match args {
        [a, k, v] => rt.setitem(*a, *k, *v).map(|_| Value::NONE),
        _ => Err(rt.type_error(crate::packed!("expected 2 arguments for __setitem__"))),
    }
}

/// `__delitem__`.
pub(super) fn d_delitem(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (a, k) = args2(rt, args)?;
    rt.delitem(a, k).map(|_| Value::NONE)
}
