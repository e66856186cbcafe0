//! Native functions: the `builtins` module, the methods of builtin types, and the type
//! constructors. Every native is a static value (`Runtime::native(id)`) indexing one table, so
//! builtin functions and methods never allocate to exist.
//!
//! A native receives its positional arguments followed by its keyword values; `kwnames` (a
//! tuple, or NULL) names the trailing keyword values. Arguments stay rooted by the caller.

mod bytes_methods;
mod dunder;
mod funcs;
mod methods;
mod num_methods;
mod str_more;
mod types;
mod view_methods;

use crate::modules::fs_natives::FS_NATIVE_BASE;
use crate::modules::net_natives::NET_NATIVE_BASE;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::vec::Vec;

/// A native function.
pub type NativeFn = fn(&mut Runtime, &[Value], Value) -> PyResult<Value>;

macro_rules! natives {
    ($($id:ident = $name:literal => $f:path),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum NIdx { $($id),* }
        $(#[doc = concat!("Native `", $name, "`.")] pub const $id: u32 = NIdx::$id as u32;)*
        static TABLE: &[(&str, NativeFn)] = &[$(($name, $f)),*];
    };
}

natives! {
    N_PRINT = "print" => funcs::print,
    N_LEN = "len" => funcs::len,
    N_REPR = "repr" => funcs::repr,
    N_ASCII = "ascii" => funcs::ascii,
    N_HASH = "hash" => funcs::hash,
    N_ID = "id" => funcs::id,
    N_ISINSTANCE = "isinstance" => funcs::isinstance,
    N_ISSUBCLASS = "issubclass" => funcs::issubclass,
    N_GETATTR = "getattr" => funcs::getattr,
    N_SETATTR = "setattr" => funcs::setattr,
    N_HASATTR = "hasattr" => funcs::hasattr,
    N_DELATTR = "delattr" => funcs::delattr,
    N_ITER = "iter" => funcs::iter,
    N_NEXT = "next" => funcs::next,
    N_CHR = "chr" => funcs::chr,
    N_ORD = "ord" => funcs::ord,
    N_HEX = "hex" => funcs::hex,
    N_OCT = "oct" => funcs::oct,
    N_BIN = "bin" => funcs::bin,
    N_CALLABLE = "callable" => funcs::callable,
    N_ABS = "abs" => funcs::abs,
    N_DIVMOD = "divmod" => funcs::divmod,
    N_POW = "pow" => funcs::pow,
    N_ROUND = "round" => funcs::round,
    N_SUM = "sum" => funcs::sum,
    N_ANY = "any" => funcs::any,
    N_ALL = "all" => funcs::all,
    N_MIN = "min" => funcs::min,
    N_MAX = "max" => funcs::max,
    N_SORTED = "sorted" => funcs::sorted,
    N_ENUMERATE = "enumerate" => funcs::enumerate,
    N_ZIP = "zip" => funcs::zip,
    N_MAP = "map" => funcs::map,
    N_FILTER = "filter" => funcs::filter,
    N_REVERSED = "reversed" => funcs::reversed,
    N_GLOBALS = "globals" => funcs::globals,
    N_LOCALS = "locals" => funcs::locals,
    N_EXEC = "exec" => funcs::exec,
    N_EVAL = "eval" => funcs::eval,
    N_FORMAT = "format" => funcs::format,
    N_DIR = "dir" => funcs::dir,
    N_SUPER = "super" => types::super_,
    N___BUILD_CLASS__ = "__build_class__" => types::build_class,
    N___IMPORT__ = "__import__" => funcs::import,
    N_OBJECT_INIT = "__init__" => types::object_init,
    N_OBJECT_REPR = "__repr__" => types::object_repr,
    N_OBJECT_STR = "__str__" => types::object_str,
    N_OBJECT_EQ = "__eq__" => types::object_eq,
    N_OBJECT_NE = "__ne__" => types::object_ne,
    N_OBJECT_HASH = "__hash__" => types::object_hash,
    N_PROP_GETTER = "getter" => types::prop_getter,
    N_PROP_SETTER = "setter" => types::prop_setter,
    N_PROP_DELETER = "deleter" => types::prop_deleter,
    N_GEN_NEXT = "__next__" => methods::gen_next,
    N_GEN_SEND = "send" => methods::gen_send,
    N_GEN_THROW = "throw" => methods::gen_throw,
    N_GEN_CLOSE = "close" => methods::gen_close,
    N_ITER_NEXT = "__next__" => methods::iter_next,
    N_ITER_ITER = "__iter__" => methods::iter_iter,
    N_STR_SPLIT = "split" => methods::str_split,
    N_STR_RSPLIT = "rsplit" => methods::str_rsplit,
    N_STR_JOIN = "join" => methods::str_join,
    N_STR_STRIP = "strip" => methods::str_strip,
    N_STR_LSTRIP = "lstrip" => methods::str_lstrip,
    N_STR_RSTRIP = "rstrip" => methods::str_rstrip,
    N_STR_REPLACE = "replace" => methods::str_replace,
    N_STR_FIND = "find" => methods::str_find,
    N_STR_RFIND = "rfind" => methods::str_rfind,
    N_STR_INDEX = "index" => methods::str_index,
    N_STR_RINDEX = "rindex" => methods::str_rindex,
    N_STR_COUNT = "count" => methods::str_count,
    N_STR_STARTSWITH = "startswith" => methods::str_startswith,
    N_STR_ENDSWITH = "endswith" => methods::str_endswith,
    N_STR_UPPER = "upper" => methods::str_upper,
    N_STR_LOWER = "lower" => methods::str_lower,
    N_STR_FORMAT = "format" => methods::str_format,
    N_STR_ENCODE = "encode" => str_more::str_encode,
    N_STR_ISDIGIT = "isdigit" => methods::str_isdigit,
    N_STR_ISALPHA = "isalpha" => methods::str_isalpha,
    N_STR_ISALNUM = "isalnum" => methods::str_isalnum,
    N_STR_ISSPACE = "isspace" => methods::str_isspace,
    N_STR_ISUPPER = "isupper" => methods::str_isupper,
    N_STR_ISLOWER = "islower" => methods::str_islower,
    N_STR_TITLE = "title" => methods::str_title,
    N_STR_CAPITALIZE = "capitalize" => methods::str_capitalize,
    N_STR_SWAPCASE = "swapcase" => methods::str_swapcase,
    N_STR_CENTER = "center" => methods::str_center,
    N_STR_LJUST = "ljust" => methods::str_ljust,
    N_STR_RJUST = "rjust" => methods::str_rjust,
    N_STR_ZFILL = "zfill" => methods::str_zfill,
    N_STR_SPLITLINES = "splitlines" => methods::str_splitlines,
    N_STR_PARTITION = "partition" => methods::str_partition,
    N_STR_RPARTITION = "rpartition" => methods::str_rpartition,
    N_STR_REMOVEPREFIX = "removeprefix" => methods::str_removeprefix,
    N_STR_REMOVESUFFIX = "removesuffix" => methods::str_removesuffix,
    N_LIST_APPEND = "append" => methods::list_append,
    N_LIST_EXTEND = "extend" => methods::list_extend,
    N_LIST_INSERT = "insert" => methods::list_insert,
    N_LIST_POP = "pop" => methods::list_pop,
    N_LIST_REMOVE = "remove" => methods::list_remove,
    N_SEQ_INDEX = "index" => methods::seq_index,
    N_SEQ_COUNT = "count" => methods::seq_count,
    N_LIST_SORT = "sort" => methods::list_sort,
    N_LIST_REVERSE = "reverse" => methods::list_reverse,
    N_LIST_CLEAR = "clear" => methods::list_clear,
    N_LIST_COPY = "copy" => methods::list_copy,
    N_DICT_KEYS = "keys" => methods::dict_keys,
    N_DICT_VALUES = "values" => methods::dict_values,
    N_DICT_ITEMS = "items" => methods::dict_items,
    N_DICT_GET = "get" => methods::dict_get,
    N_DICT_POP = "pop" => methods::dict_pop,
    N_DICT_SETDEFAULT = "setdefault" => methods::dict_setdefault,
    N_DICT_UPDATE = "update" => methods::dict_update,
    N_DICT_CLEAR = "clear" => methods::dict_clear,
    N_DICT_COPY = "copy" => methods::dict_copy,
    N_DICT_POPITEM = "popitem" => methods::dict_popitem,
    N_DICT_FROMKEYS = "fromkeys" => methods::dict_fromkeys,
    N_SET_ADD = "add" => methods::set_add,
    N_SET_REMOVE = "remove" => methods::set_remove,
    N_SET_DISCARD = "discard" => methods::set_discard,
    N_SET_POP = "pop" => methods::set_pop,
    N_SET_UPDATE = "update" => methods::set_update,
    N_SET_UNION = "union" => methods::set_union,
    N_SET_INTERSECTION = "intersection" => methods::set_intersection,
    N_SET_DIFFERENCE = "difference" => methods::set_difference,
    N_SET_SYMDIFF = "symmetric_difference" => methods::set_symdiff,
    N_SET_ISSUBSET = "issubset" => methods::set_issubset,
    N_SET_ISSUPERSET = "issuperset" => methods::set_issuperset,
    N_SET_ISDISJOINT = "isdisjoint" => methods::set_isdisjoint,
    N_SET_COPY = "copy" => methods::set_copy,
    N_INT_BIT_LENGTH = "bit_length" => methods::int_bit_length,
    N_INT_TO_BYTES = "to_bytes" => methods::int_to_bytes,
    N_INT_FROM_BYTES = "from_bytes" => methods::int_from_bytes,
    N_FLOAT_IS_INTEGER = "is_integer" => methods::float_is_integer,
    N_BYTES_DECODE = "decode" => bytes_methods::bytes_decode,
    N_BYTES_HEX = "hex" => methods::bytes_hex,
    N_BYTEARRAY_APPEND = "append" => methods::bytearray_append,
    N_EXC_WITH_TRACEBACK = "with_traceback" => methods::exc_with_traceback,
    N_EXC_INIT = "__init__" => methods::exc_init,
    N_OBJECT_SETATTR = "__setattr__" => types::object_setattr,
    N_VARS = "vars" => funcs::vars,
    N_SET_INTERSECTION_UPDATE = "intersection_update" => methods::set_intersection_update,
    N_SET_DIFFERENCE_UPDATE = "difference_update" => methods::set_difference_update,
    N_SET_SYMDIFF_UPDATE = "symmetric_difference_update" => methods::set_symdiff_update,
    N_SLICE_INDICES = "indices" => methods::slice_indices,
    N_STR_ISTITLE = "istitle" => methods::str_istitle,
    N_STR_ISIDENTIFIER = "isidentifier" => methods::str_isidentifier,
    N_STR_EXPANDTABS = "expandtabs" => methods::str_expandtabs,
    N_STR_CASEFOLD = "casefold" => methods::str_lower,
    N_STR_ISPRINTABLE = "isprintable" => methods::str_isprintable,
    N_STR_ISASCII = "isascii" => str_more::str_isascii,
    N_STR_TRANSLATE = "translate" => str_more::str_translate,
    N_STR_MAKETRANS = "maketrans" => str_more::str_maketrans,
    N_BYTES_REPLACE = "replace" => bytes_methods::bytes_replace,
    N_BYTES_FIND = "find" => bytes_methods::bytes_find,
    N_BYTES_RFIND = "rfind" => bytes_methods::bytes_rfind,
    N_BYTES_INDEX = "index" => bytes_methods::bytes_index,
    N_BYTES_RINDEX = "rindex" => bytes_methods::bytes_rindex,
    N_BYTES_COUNT = "count" => bytes_methods::bytes_count,
    N_BYTES_STARTSWITH = "startswith" => bytes_methods::bytes_startswith,
    N_BYTES_ENDSWITH = "endswith" => bytes_methods::bytes_endswith,
    N_BYTES_PARTITION = "partition" => bytes_methods::bytes_partition,
    N_BYTES_RPARTITION = "rpartition" => bytes_methods::bytes_rpartition,
    N_BYTES_CENTER = "center" => bytes_methods::bytes_center,
    N_BYTES_LJUST = "ljust" => bytes_methods::bytes_ljust,
    N_BYTES_RJUST = "rjust" => bytes_methods::bytes_rjust,
    N_BYTES_ZFILL = "zfill" => bytes_methods::bytes_zfill,
    N_BYTES_REMOVEPREFIX = "removeprefix" => bytes_methods::bytes_removeprefix,
    N_BYTES_REMOVESUFFIX = "removesuffix" => bytes_methods::bytes_removesuffix,
    N_BYTES_EXPANDTABS = "expandtabs" => bytes_methods::bytes_expandtabs,
    N_BYTES_SPLITLINES = "splitlines" => bytes_methods::bytes_splitlines,
    N_BYTES_SPLIT = "split" => bytes_methods::bytes_split,
    N_BYTES_RSPLIT = "rsplit" => bytes_methods::bytes_rsplit,
    N_BYTES_STRIP = "strip" => bytes_methods::bytes_strip,
    N_BYTES_LSTRIP = "lstrip" => bytes_methods::bytes_lstrip,
    N_BYTES_RSTRIP = "rstrip" => bytes_methods::bytes_rstrip,
    N_BYTES_JOIN = "join" => bytes_methods::bytes_join,
    N_BYTES_UPPER = "upper" => bytes_methods::bytes_upper,
    N_BYTES_LOWER = "lower" => bytes_methods::bytes_lower,
    N_BYTES_SWAPCASE = "swapcase" => bytes_methods::bytes_swapcase,
    N_BYTES_CAPITALIZE = "capitalize" => bytes_methods::bytes_capitalize,
    N_BYTES_TITLE = "title" => bytes_methods::bytes_title,
    N_BYTES_ISDIGIT = "isdigit" => bytes_methods::bytes_isdigit,
    N_BYTES_ISALPHA = "isalpha" => bytes_methods::bytes_isalpha,
    N_BYTES_ISALNUM = "isalnum" => bytes_methods::bytes_isalnum,
    N_BYTES_ISSPACE = "isspace" => bytes_methods::bytes_isspace,
    N_BYTES_ISUPPER = "isupper" => bytes_methods::bytes_isupper,
    N_BYTES_ISLOWER = "islower" => bytes_methods::bytes_islower,
    N_BYTES_ISASCII = "isascii" => bytes_methods::bytes_isascii,
    N_BYTES_FROMHEX = "fromhex" => bytes_methods::bytes_fromhex,
    N_BYTEARRAY_FROMHEX = "fromhex" => bytes_methods::bytearray_fromhex,
    N_BYTEARRAY_EXTEND = "extend" => bytes_methods::bytearray_extend,
    N_BYTEARRAY_POP = "pop" => bytes_methods::bytearray_pop,
    N_BYTEARRAY_INSERT = "insert" => bytes_methods::bytearray_insert,
    N_BYTEARRAY_REMOVE = "remove" => bytes_methods::bytearray_remove,
    N_BYTEARRAY_REVERSE = "reverse" => bytes_methods::bytearray_reverse,
    N_BYTEARRAY_CLEAR = "clear" => bytes_methods::bytearray_clear,
    N_BYTEARRAY_COPY = "copy" => bytes_methods::bytearray_copy,
    N_FLOAT_AS_INTEGER_RATIO = "as_integer_ratio" => num_methods::float_as_integer_ratio,
    N_FLOAT_HEX = "hex" => num_methods::float_hex,
    N_FLOAT_FROMHEX = "fromhex" => num_methods::float_fromhex,
    N_NUM_CONJUGATE = "conjugate" => num_methods::num_conjugate,
    N_INT_BIT_COUNT = "bit_count" => num_methods::int_bit_count,
    N_INT_AS_INTEGER_RATIO = "as_integer_ratio" => num_methods::int_as_integer_ratio,
    N_DUNDER_ADD = "__add__" => dunder::d_add,
    N_DUNDER_SUB = "__sub__" => dunder::d_sub,
    N_DUNDER_MUL = "__mul__" => dunder::d_mul,
    N_DUNDER_TRUEDIV = "__truediv__" => dunder::d_truediv,
    N_DUNDER_FLOORDIV = "__floordiv__" => dunder::d_floordiv,
    N_DUNDER_MOD = "__mod__" => dunder::d_mod,
    N_DUNDER_POW = "__pow__" => dunder::d_pow,
    N_DUNDER_LSHIFT = "__lshift__" => dunder::d_lshift,
    N_DUNDER_RSHIFT = "__rshift__" => dunder::d_rshift,
    N_DUNDER_AND = "__and__" => dunder::d_and,
    N_DUNDER_OR = "__or__" => dunder::d_or,
    N_DUNDER_XOR = "__xor__" => dunder::d_xor,
    N_DUNDER_LT = "__lt__" => dunder::d_lt,
    N_DUNDER_LE = "__le__" => dunder::d_le,
    N_DUNDER_EQ = "__eq__" => dunder::d_eq,
    N_DUNDER_NE = "__ne__" => dunder::d_ne,
    N_DUNDER_GT = "__gt__" => dunder::d_gt,
    N_DUNDER_GE = "__ge__" => dunder::d_ge,
    N_DUNDER_LEN = "__len__" => dunder::d_len,
    N_DUNDER_CONTAINS = "__contains__" => dunder::d_contains,
    N_DUNDER_GETITEM = "__getitem__" => dunder::d_getitem,
    N_DUNDER_ITER = "__iter__" => dunder::d_iter,
    N_DUNDER_HASH = "__hash__" => dunder::d_hash,
    N_DUNDER_REPR = "__repr__" => dunder::d_repr,
    N_DUNDER_STR = "__str__" => dunder::d_str,
    N_DUNDER_BOOL = "__bool__" => dunder::d_bool,
    N_DUNDER_NEG = "__neg__" => dunder::d_neg,
    N_DUNDER_ABS = "__abs__" => dunder::d_abs,
    N_DUNDER_INT = "__int__" => dunder::d_int,
    N_DUNDER_FLOAT = "__float__" => dunder::d_float,
    N_DUNDER_INDEX = "__index__" => dunder::d_index,
    N_DUNDER_SETITEM = "__setitem__" => dunder::d_setitem,
    N_VIEW_ISDISJOINT = "isdisjoint" => view_methods::view_isdisjoint,
    N_DUNDER_DELITEM = "__delitem__" => dunder::d_delitem,
    N_OBJECT_NEW = "__new__" => types::object_new,
    N_BUILTIN_INIT = "__init__" => types::builtin_init,
    N_CLASS_MRO = "mro" => types::class_mro,
    N_SYS_EXIT = "exit" => crate::modules::sys::exit,
    N_SYS_PRINT_EXCEPTION = "print_exception" => crate::modules::sys::print_exception,
    N_STREAM_WRITE = "write" => crate::modules::sys::stream_write,
    N_GC_COLLECT = "collect" => crate::modules::gc::collect,
    N_GC_MEM_FREE = "mem_free" => crate::modules::gc::mem_free,
    N_GC_MEM_ALLOC = "mem_alloc" => crate::modules::gc::mem_alloc,
    N_GC_ENABLE = "enable" => crate::modules::gc::enable,
    N_GC_DISABLE = "disable" => crate::modules::gc::disable,
    N_GC_ISENABLED = "isenabled" => crate::modules::gc::isenabled,
    N_TIME_TIME = "time" => crate::modules::time::time,
    N_TIME_SLEEP = "sleep" => crate::modules::time::sleep,
    N_TIME_SLEEP_MS = "sleep_ms" => crate::modules::time::sleep_ms,
    N_TIME_SLEEP_US = "sleep_us" => crate::modules::time::sleep_us,
    N_TIME_TICKS_MS = "ticks_ms" => crate::modules::time::ticks_ms,
    N_TIME_TICKS_US = "ticks_us" => crate::modules::time::ticks_us,
    N_TIME_TICKS_DIFF = "ticks_diff" => crate::modules::time::ticks_diff,
    N_TIME_TICKS_ADD = "ticks_add" => crate::modules::time::ticks_add,
    N_TIME_MONOTONIC = "monotonic" => crate::modules::time::monotonic,
    N_MP_CONST = "const" => crate::modules::micropython::const_,
    N_MP_MEM_INFO = "mem_info" => crate::modules::micropython::mem_info,
}

/// Call native `id`.
pub fn call_native(rt: &mut Runtime, id: u32, args: &[Value], kwnames: Value) -> PyResult<Value> {
    if id >= UNBOUND_BASE {
        return call_unbound(rt, id, args, kwnames);
    }
    if let Some(f) = id.checked_sub(NET_NATIVE_BASE) {
        return crate::modules::net_natives::call(rt, f, args, kwnames);
    }
    if let Some(f) = id.checked_sub(FS_NATIVE_BASE) {
        return crate::modules::fs_natives::call(rt, f, args, kwnames);
    }
    if !kwnames.is_null() && rt.seq_len(kwnames) > 0 && !takes_keywords(id) {
        let msg = alloc::format!("{}() takes no keyword arguments", native_name(id));
        return Err(rt.type_error(&msg));
    }
    if args.is_empty() && is_method_id(id) {
        let msg = alloc::format!("unbound method {}() needs an argument", native_name(id));
        return Err(rt.type_error(&msg));
    }
    match TABLE.get(id as usize) {
        Some((_, f)) => f(rt, args, kwnames),
        None => crate::modules::math::call(rt, id - table_len(), args, kwnames),
    }
}

/// Native ids from here on are methods reached unbound through their type (`list.clear`):
/// `UNBOUND_BASE + type * UNBOUND_STRIDE + native`, so the call can check the receiver.
const UNBOUND_BASE: u32 = 0x10_0000;
/// Spacing of the unbound ids of one type (more than the number of natives).
const UNBOUND_STRIDE: u32 = 0x1000;

/// The unbound form of method native `id` of builtin type `t`.
fn unbound(t: TypeId, id: u32) -> Value {
    Runtime::native(UNBOUND_BASE + t as u32 * UNBOUND_STRIDE + id)
}

/// `(type, native)` of an unbound method id.
fn unbound_parts(id: u32) -> (Option<TypeId>, u32) {
    let rel = id - UNBOUND_BASE;
    let t = TypeId::from_value(Value::stat(
        crate::value::STATIC_TYPE_BASE + rel / UNBOUND_STRIDE,
    ));
    (t, rel % UNBOUND_STRIDE)
}

/// Call an unbound method: the receiver must be an instance of the builtin type itself (the
/// natives read its representation directly).
fn call_unbound(rt: &mut Runtime, id: u32, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (t, native) = unbound_parts(id);
    let Some(t) = t else {
        return Err(rt.type_error("bad unbound method"));
    };
    // `list.append(stack, x)` on a list subclass works on the list the instance wraps.
    if let Some(base) = args.first().and_then(|r| rt.base_value(*r)) {
        let mut a2 = args.to_vec();
        a2[0] = base;
        return call_unbound(rt, id, &a2, kwnames);
    }
    let ok = args.first().is_some_and(|r| {
        let rt_type = TypeId::from_value(rt.type_of(*r));
        rt_type == Some(t)
            || (t == TypeId::Int && rt_type == Some(TypeId::Bool))
            || (t == TypeId::Set && rt_type == Some(TypeId::FrozenSet) && native != N_SET_ADD)
            || matches!(native, N_DICT_FROMKEYS | N_INT_FROM_BYTES)
    });
    if !ok {
        let got = match args.first() {
            Some(r) => alloc::format!("a '{}' object", rt.type_name(*r)),
            None => "no arguments".into(),
        };
        let msg = alloc::format!(
            "descriptor '{}' for '{}' objects doesn't apply to {got}",
            native_name(native),
            t.name()
        );
        return Err(rt.type_error(&msg));
    }
    call_native(rt, native, args, kwnames)
}

/// Is native `id` a method of a builtin type (so `args[0]` is its receiver)? Reached unbound
/// through the type (`str.upper()`), it may be called with no arguments at all.
fn is_method_id(id: u32) -> bool {
    (N_GEN_NEXT..=N_EXC_INIT).contains(&id)
        || (N_SET_INTERSECTION_UPDATE..=N_CLASS_MRO).contains(&id)
}

/// Does native `id` accept keyword arguments?
fn takes_keywords(id: u32) -> bool {
    matches!(
        id,
        N_PRINT
            | N_SORTED
            | N_MIN
            | N_MAX
            | N_SUM
            | N_ENUMERATE
            | N_ROUND
            | N___BUILD_CLASS__
            | N___IMPORT__
            | N_STR_SPLIT
            | N_STR_RSPLIT
            | N_STR_FORMAT
            | N_LIST_SORT
            | N_DICT_UPDATE
            | N_INT_TO_BYTES
            | N_INT_FROM_BYTES
            | N_OBJECT_INIT
            | N_EXC_INIT
            | N_OBJECT_NEW
            | N_BUILTIN_INIT
            | N_STR_ENCODE
            | N_STR_SPLITLINES
            | N_BYTES_DECODE
            | N_BYTES_SPLIT
            | N_BYTES_RSPLIT
            | N_BYTES_SPLITLINES
    )
}

/// Name of native `id`.
pub fn native_name(id: u32) -> &'static str {
    if id >= UNBOUND_BASE {
        return native_name(unbound_parts(id).1);
    }
    if let Some(f) = id.checked_sub(NET_NATIVE_BASE) {
        return crate::modules::net_natives::name(f);
    }
    if let Some(f) = id.checked_sub(FS_NATIVE_BASE) {
        return crate::modules::fs_natives::name(f);
    }
    match TABLE.get(id as usize) {
        Some((n, _)) => n,
        None => crate::modules::math::name(id.wrapping_sub(table_len())),
    }
}

/// Number of natives in the main table (math functions follow).
pub fn table_len() -> u32 {
    TABLE.len() as u32
}

/// An integral float as an int (for `math.floor` and friends).
pub fn float_to_int_pub(rt: &mut Runtime, f: f64) -> PyResult<Value> {
    funcs::float_to_int(rt, f)
}

/// The items of dict `d` as a list: keys (0), values (1) or items (2).
pub fn view_list_pub(rt: &mut Runtime, d: Value, which: u8) -> PyResult<Value> {
    methods::view_list(rt, &[d], which)
}

/// Call a type constructor (`int(x)`, `list(it)`, …).
pub fn construct(rt: &mut Runtime, t: TypeId, args: &[Value], kwnames: Value) -> PyResult<Value> {
    types::construct(rt, t, args, kwnames)
}

/// The native implementing method `q` of builtin type `t`.
pub fn method_of(t: TypeId, q: u32) -> Option<Value> {
    methods::lookup(t, q)
        .or_else(|| dunder::lookup(q).filter(|id| dunder::type_has(t, *id)))
        .map(Runtime::native)
}

/// `T.name` for a builtin type (unbound methods are the natives themselves).
pub fn type_attr(t: TypeId, q: u32) -> Option<Value> {
    if t == TypeId::Dict && q == Q_FROMKEYS {
        return Some(Runtime::native(N_DICT_FROMKEYS));
    }
    if t == TypeId::Int && q == Q_FROM_BYTES {
        return Some(Runtime::native(N_INT_FROM_BYTES));
    }
    if t == TypeId::ByteArray && q == Q_FROMHEX {
        return Some(Runtime::native(N_BYTEARRAY_FROMHEX));
    }
    if t == TypeId::Object {
        return object_method(q);
    }
    if q == Q___NEW__ && crate::obj::builtin_sub::subclassable(t) {
        return Some(Runtime::native(N_OBJECT_NEW));
    }
    if t == TypeId::Str && q == Q_MAKETRANS {
        return Some(Runtime::native(N_STR_MAKETRANS));
    }
    let id = methods::lookup(t, q)
        .or_else(|| dunder::lookup(q).filter(|id| dunder::type_has(t, *id)))?;
    // Class methods take the type, not an instance, as their first argument.
    if matches!(id, N_BYTES_FROMHEX | N_FLOAT_FROMHEX) {
        if t == TypeId::ByteArray {
            return Some(Runtime::native(N_BYTEARRAY_FROMHEX));
        }
        return Some(Runtime::native(id));
    }
    Some(unbound(t, id))
}

/// The static qstrs naming attributes of builtin type `t` (for `dir`).
pub fn type_attr_names(t: TypeId) -> Vec<u32> {
    (0..crate::qstr::STATIC.len() as u32)
        .filter(|q| *q != Q_EMPTY && type_attr(t, *q).is_some())
        .collect()
}

/// `T.__init__` for a builtin type `T` found on the MRO of a subclass (`super().__init__(...)`):
/// re-initialises the wrapped value. Bind it to the instance.
pub fn builtin_init_method() -> Value {
    Runtime::native(N_BUILTIN_INIT)
}

/// `object.__init__` and friends, for `super().__init__()` and class attribute fallbacks.
pub fn object_method(q: u32) -> Option<Value> {
    let id = match q {
        Q___INIT__ => N_OBJECT_INIT,
        Q___REPR__ => N_OBJECT_REPR,
        Q___STR__ => N_OBJECT_STR,
        Q___EQ__ => N_OBJECT_EQ,
        Q___NE__ => N_OBJECT_NE,
        Q___HASH__ => N_OBJECT_HASH,
        Q___SETATTR__ => N_OBJECT_SETATTR,
        Q___NEW__ => N_OBJECT_NEW,
        Q___INIT_SUBCLASS__ => N_OBJECT_INIT,
        _ => return None,
    };
    Some(Runtime::native(id))
}

/// Is `v` a native that binds like a method when found on a class (`BaseException.__init__`,
/// the `object` methods)?
pub fn is_method_native(v: Value) -> bool {
    let Some(id) = v
        .as_static()
        .and_then(|s| s.checked_sub(crate::value::STATIC_NATIVE_BASE))
    else {
        return false;
    };
    (N_OBJECT_INIT..=N_OBJECT_HASH).contains(&id)
        || id == N_EXC_INIT
        || id == N_OBJECT_SETATTR
        || id
            .checked_sub(FS_NATIVE_BASE)
            .is_some_and(crate::modules::fs_natives::is_method)
}

/// `property.getter/setter/deleter`.
pub fn property_method(q: u32) -> Value {
    Runtime::native(match q {
        Q_GETTER => N_PROP_GETTER,
        Q_SETTER => N_PROP_SETTER,
        _ => N_PROP_DELETER,
    })
}

/// Split call arguments into positional ones and `(name, value)` keyword pairs.
pub fn split_kw(rt: &Runtime, args: &[Value], kwnames: Value) -> (Vec<Value>, Vec<(Value, Value)>) {
    if kwnames.is_null() {
        return (args.to_vec(), Vec::new());
    }
    let nkw = rt.seq_len(kwnames);
    let npos = args.len() - nkw;
    let kw = (0..nkw)
        .map(|i| (rt.seq_get(kwnames, i), args[npos + i]))
        .collect();
    (args[..npos].to_vec(), kw)
}

/// The keyword argument named `q`, if given.
pub fn kwarg(rt: &Runtime, kw: &[(Value, Value)], q: u32) -> Option<Value> {
    let name = rt.qstr_text(q);
    kw.iter()
        .find(|(k, _)| *k == Value::qstr(q) || rt.str_text(*k) == Some(name))
        .map(|e| e.1)
}

/// The builtin names: `(name, value)` of every entry of the `builtins` namespace.
pub fn builtin_names() -> Vec<(&'static str, Value)> {
    let mut v: Vec<(&'static str, Value)> = Vec::new();
    for id in 0..=N___IMPORT__ {
        v.push((TABLE[id as usize].0, Runtime::native(id)));
    }
    for t in [
        TypeId::Object,
        TypeId::Type,
        TypeId::Bool,
        TypeId::Int,
        TypeId::Float,
        TypeId::Str,
        TypeId::Bytes,
        TypeId::ByteArray,
        TypeId::Tuple,
        TypeId::List,
        TypeId::Dict,
        TypeId::Set,
        TypeId::FrozenSet,
        TypeId::Range,
        TypeId::Slice,
        TypeId::Property,
        TypeId::StaticMethod,
        TypeId::ClassMethod,
    ] {
        v.push((t.name(), t.value()));
    }
    v.push(("vars", Runtime::native(N_VARS)));
    v.push((
        "open",
        crate::modules::fs_natives::native(crate::modules::fs_natives::F_OPEN),
    ));
    v.push(("NotImplemented", Value::NOT_IMPLEMENTED));
    v.push(("Ellipsis", Value::ELLIPSIS));
    v
}
