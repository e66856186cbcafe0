//! Native functions: the `builtins` module, the methods of builtin types, and the type
//! constructors. Every native is a static value (`Runtime::native(id)`) indexing one table, so
//! builtin functions and methods never allocate to exist.
//!
//! A native receives its positional arguments followed by its keyword values; `kwnames` (a
//! tuple, or NULL) names the trailing keyword values. Arguments stay rooted by the caller.

mod bytes_methods;
mod dunder;
pub(crate) mod funcs;
mod help;
mod memview_methods;
mod methods;
pub mod native;
mod num_methods;
mod str_more;
mod types;
mod view_methods;

use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::vec::Vec;
pub use native::NativeFn;
use native::{Native, Owner, TABLE_MAX, TABLE_SHIFT};

crate::native_table! {
    /// The builtins and the methods of builtin types (table 0).
    pub static TABLE;
    N_PRINT = "print" => funcs::print, builtins kw;
    N_LEN = "len" => funcs::len, builtins;
    N_REPR = "repr" => funcs::repr, builtins;
    N_ASCII = "ascii" => funcs::ascii, builtins;
    N_HASH = "hash" => funcs::hash, builtins;
    N_ID = "id" => funcs::id, builtins;
    N_ISINSTANCE = "isinstance" => funcs::isinstance, builtins;
    N_ISSUBCLASS = "issubclass" => funcs::issubclass, builtins;
    N_GETATTR = "getattr" => funcs::getattr, builtins;
    N_SETATTR = "setattr" => funcs::setattr, builtins;
    N_HASATTR = "hasattr" => funcs::hasattr, builtins;
    N_DELATTR = "delattr" => funcs::delattr, builtins;
    N_ITER = "iter" => funcs::iter, builtins;
    N_NEXT = "next" => funcs::next, builtins;
    N_CHR = "chr" => funcs::chr, builtins;
    N_ORD = "ord" => funcs::ord, builtins;
    N_HEX = "hex" => funcs::hex, builtins;
    N_OCT = "oct" => funcs::oct, builtins;
    N_BIN = "bin" => funcs::bin, builtins;
    N_CALLABLE = "callable" => funcs::callable, builtins;
    N_ABS = "abs" => funcs::abs, builtins;
    N_DIVMOD = "divmod" => funcs::divmod, builtins;
    N_POW = "pow" => funcs::pow, builtins;
    N_ROUND = "round" => funcs::round, builtins kw;
    N_SUM = "sum" => funcs::sum, builtins kw;
    N_ANY = "any" => funcs::any, builtins;
    N_ALL = "all" => funcs::all, builtins;
    N_MIN = "min" => funcs::min, builtins kw;
    N_MAX = "max" => funcs::max, builtins kw;
    N_SORTED = "sorted" => funcs::sorted, builtins kw;
    N_ENUMERATE = "enumerate" => funcs::enumerate, builtins kw;
    N_ZIP = "zip" => funcs::zip, builtins;
    N_MAP = "map" => funcs::map, builtins;
    N_FILTER = "filter" => funcs::filter, builtins;
    N_REVERSED = "reversed" => funcs::reversed, builtins;
    N_GLOBALS = "globals" => funcs::globals, builtins;
    N_LOCALS = "locals" => funcs::locals, builtins;
    N_EXEC = "exec" => funcs::exec, builtins;
    N_EVAL = "eval" => funcs::eval, builtins;
    N_COMPILE = "compile" => funcs::compile, builtins kw;
    N_INPUT = "input" => funcs::input, builtins;
    N_FORMAT = "format" => funcs::format, builtins;
    N_DIR = "dir" => funcs::dir, builtins;
    N_HELP = "help" => help::help, builtins;
    N_SUPER = "super" => types::super_, builtins;
    N___BUILD_CLASS__ = "__build_class__" => types::build_class, builtins kw;
    N___IMPORT__ = "__import__" => funcs::import, builtins kw;
    N_OBJECT_INIT = "__init__" => types::object_init, classes kw;
    N_OBJECT_REPR = "__repr__" => types::object_repr, classes;
    N_OBJECT_STR = "__str__" => types::object_str, classes;
    N_OBJECT_EQ = "__eq__" => types::object_eq, classes;
    N_OBJECT_NE = "__ne__" => types::object_ne, classes;
    N_OBJECT_HASH = "__hash__" => types::object_hash, classes;
    N_PROP_GETTER = "getter" => types::prop_getter, [Property];
    N_PROP_SETTER = "setter" => types::prop_setter, [Property];
    N_PROP_DELETER = "deleter" => types::prop_deleter, [Property];
    N_GEN_NEXT = "__next__" => methods::gen_next, [Generator] method;
    N_GEN_SEND = "send" => methods::gen_send, [Generator | Coroutine] method;
    N_GEN_THROW = "throw" => methods::gen_throw, [Generator | Coroutine] method;
    N_GEN_CLOSE = "close" => methods::gen_close, [Generator | Coroutine] method;
    N_ITER_NEXT = "__next__" => methods::iter_next, iterators method;
    N_ITER_ITER = "__iter__" => methods::iter_iter, iterators method;
    N_STR_SPLIT = "split" => methods::str_split, [Str] method kw;
    N_STR_RSPLIT = "rsplit" => methods::str_rsplit, [Str] method kw;
    N_STR_JOIN = "join" => methods::str_join, [Str] method;
    N_STR_STRIP = "strip" => methods::str_strip, [Str] method;
    N_STR_LSTRIP = "lstrip" => methods::str_lstrip, [Str] method;
    N_STR_RSTRIP = "rstrip" => methods::str_rstrip, [Str] method;
    N_STR_REPLACE = "replace" => methods::str_replace, [Str] method;
    N_STR_FIND = "find" => methods::str_find, [Str] method;
    N_STR_RFIND = "rfind" => methods::str_rfind, [Str] method;
    N_STR_INDEX = "index" => methods::str_index, [Str] method;
    N_STR_RINDEX = "rindex" => methods::str_rindex, [Str] method;
    N_STR_COUNT = "count" => methods::str_count, [Str] method;
    N_STR_STARTSWITH = "startswith" => methods::str_startswith, [Str] method;
    N_STR_ENDSWITH = "endswith" => methods::str_endswith, [Str] method;
    N_STR_UPPER = "upper" => methods::str_upper, [Str] method;
    N_STR_LOWER = "lower" => methods::str_lower, [Str] method;
    N_STR_FORMAT = "format" => methods::str_format, [Str] method kw;
    N_STR_ENCODE = "encode" => str_more::str_encode, [Str] method kw;
    N_STR_ISDIGIT = "isdigit" => methods::str_isdigit, [Str] method;
    N_STR_ISALPHA = "isalpha" => methods::str_isalpha, [Str] method;
    N_STR_ISALNUM = "isalnum" => methods::str_isalnum, [Str] method;
    N_STR_ISSPACE = "isspace" => methods::str_isspace, [Str] method;
    N_STR_ISUPPER = "isupper" => methods::str_isupper, [Str] method;
    N_STR_ISLOWER = "islower" => methods::str_islower, [Str] method;
    N_STR_TITLE = "title" => methods::str_title, [Str] method;
    N_STR_CAPITALIZE = "capitalize" => methods::str_capitalize, [Str] method;
    N_STR_SWAPCASE = "swapcase" => methods::str_swapcase, [Str] method;
    N_STR_CENTER = "center" => methods::str_center, [Str] method;
    N_STR_LJUST = "ljust" => methods::str_ljust, [Str] method;
    N_STR_RJUST = "rjust" => methods::str_rjust, [Str] method;
    N_STR_ZFILL = "zfill" => methods::str_zfill, [Str] method;
    N_STR_SPLITLINES = "splitlines" => methods::str_splitlines, [Str] method kw;
    N_STR_PARTITION = "partition" => methods::str_partition, [Str] method;
    N_STR_RPARTITION = "rpartition" => methods::str_rpartition, [Str] method;
    N_STR_REMOVEPREFIX = "removeprefix" => methods::str_removeprefix, [Str] method;
    N_STR_REMOVESUFFIX = "removesuffix" => methods::str_removesuffix, [Str] method;
    N_LIST_APPEND = "append" => methods::list_append, [List] method;
    N_LIST_EXTEND = "extend" => methods::list_extend, [List] method;
    N_LIST_INSERT = "insert" => methods::list_insert, [List] method;
    N_LIST_POP = "pop" => methods::list_pop, [List] method;
    N_LIST_REMOVE = "remove" => methods::list_remove, [List] method;
    N_SEQ_INDEX = "index" => methods::seq_index, [List | Tuple | Range] method;
    N_SEQ_COUNT = "count" => methods::seq_count, [List | Tuple | Range] method;
    N_LIST_SORT = "sort" => methods::list_sort, [List] method kw;
    N_LIST_REVERSE = "reverse" => methods::list_reverse, [List] method;
    N_LIST_CLEAR = "clear" => methods::list_clear, [List] method;
    N_LIST_COPY = "copy" => methods::list_copy, [List] method;
    N_DICT_KEYS = "keys" => methods::dict_keys, [Dict] method;
    N_DICT_VALUES = "values" => methods::dict_values, [Dict] method;
    N_DICT_ITEMS = "items" => methods::dict_items, [Dict] method;
    N_DICT_GET = "get" => methods::dict_get, [Dict] method;
    N_DICT_POP = "pop" => methods::dict_pop, [Dict] method;
    N_DICT_SETDEFAULT = "setdefault" => methods::dict_setdefault, [Dict] method;
    N_DICT_UPDATE = "update" => methods::dict_update, [Dict] method kw;
    N_DICT_CLEAR = "clear" => methods::dict_clear, [Dict | Set] method;
    N_DICT_COPY = "copy" => methods::dict_copy, [Dict] method;
    N_DICT_POPITEM = "popitem" => methods::dict_popitem, [Dict] method;
    N_DICT_FROMKEYS = "fromkeys" => methods::dict_fromkeys, [Dict] method;
    N_SET_ADD = "add" => methods::set_add, [Set | FrozenSet] method;
    N_SET_REMOVE = "remove" => methods::set_remove, [Set | FrozenSet] method;
    N_SET_DISCARD = "discard" => methods::set_discard, [Set | FrozenSet] method;
    N_SET_POP = "pop" => methods::set_pop, [Set | FrozenSet] method;
    N_SET_UPDATE = "update" => methods::set_update, [Set | FrozenSet] method;
    N_SET_UNION = "union" => methods::set_union, [Set | FrozenSet] method;
    N_SET_INTERSECTION = "intersection" => methods::set_intersection, [Set | FrozenSet] method;
    N_SET_DIFFERENCE = "difference" => methods::set_difference, [Set | FrozenSet] method;
    N_SET_SYMDIFF = "symmetric_difference" => methods::set_symdiff, [Set | FrozenSet] method;
    N_SET_ISSUBSET = "issubset" => methods::set_issubset, [Set | FrozenSet] method;
    N_SET_ISSUPERSET = "issuperset" => methods::set_issuperset, [Set | FrozenSet] method;
    N_SET_ISDISJOINT = "isdisjoint" => methods::set_isdisjoint, [Set | FrozenSet] method;
    N_SET_COPY = "copy" => methods::set_copy, [Set | FrozenSet] method;
    N_INT_BIT_LENGTH = "bit_length" => methods::int_bit_length, [Int | Bool] method;
    N_INT_TO_BYTES = "to_bytes" => methods::int_to_bytes, [Int | Bool] method kw;
    N_INT_FROM_BYTES = "from_bytes" => methods::int_from_bytes, [Int | Bool] method kw;
    N_FLOAT_IS_INTEGER = "is_integer" => methods::float_is_integer, [Float] method;
    N_BYTES_DECODE = "decode" => bytes_methods::bytes_decode, [Bytes | ByteArray] method kw;
    N_BYTES_HEX = "hex" => methods::bytes_hex, [Bytes | ByteArray] method;
    N_BYTEARRAY_APPEND = "append" => methods::bytearray_append, [ByteArray] method;
    N_EXC_WITH_TRACEBACK = "with_traceback" => methods::exc_with_traceback, [Object] method;
    N_EXC_INIT = "__init__" => methods::exc_init, classes method kw;
    N_OBJECT_SETATTR = "__setattr__" => types::object_setattr, classes;
    N_VARS = "vars" => funcs::vars, builtins;
    N_OPEN = "open" => crate::modules::os::open, builtins kw;
    N_SET_INTERSECTION_UPDATE = "intersection_update" => methods::set_intersection_update, [Set | FrozenSet] method;
    N_SET_DIFFERENCE_UPDATE = "difference_update" => methods::set_difference_update, [Set | FrozenSet] method;
    N_SET_SYMDIFF_UPDATE = "symmetric_difference_update" => methods::set_symdiff_update, [Set | FrozenSet] method;
    N_SLICE_INDICES = "indices" => methods::slice_indices, [Slice] method;
    N_MV_TOBYTES = "tobytes" => memview_methods::tobytes, [MemoryView] method;
    N_MV_TOLIST = "tolist" => memview_methods::tolist, [MemoryView] method;
    N_MV_HEX = "hex" => memview_methods::hex, [MemoryView] method;
    N_MV_RELEASE = "release" => memview_methods::release, [MemoryView] method;
    N_MV_ENTER = "__enter__" => memview_methods::enter, [MemoryView] method;
    N_MV_EXIT = "__exit__" => memview_methods::exit, [MemoryView] method;
    N_STR_ISTITLE = "istitle" => methods::str_istitle, [Str] method;
    N_STR_ISIDENTIFIER = "isidentifier" => methods::str_isidentifier, [Str] method;
    N_STR_EXPANDTABS = "expandtabs" => methods::str_expandtabs, [Str] method;
    N_STR_CASEFOLD = "casefold" => methods::str_lower, [Str] method;
    N_STR_ISPRINTABLE = "isprintable" => methods::str_isprintable, [Str] method;
    N_STR_ISASCII = "isascii" => str_more::str_isascii, [Str] method;
    N_STR_TRANSLATE = "translate" => str_more::str_translate, [Str] method;
    N_STR_MAKETRANS = "maketrans" => str_more::str_maketrans, [Str] method;
    N_BYTES_REPLACE = "replace" => bytes_methods::bytes_replace, [Bytes | ByteArray] method;
    N_BYTES_FIND = "find" => bytes_methods::bytes_find, [Bytes | ByteArray] method;
    N_BYTES_RFIND = "rfind" => bytes_methods::bytes_rfind, [Bytes | ByteArray] method;
    N_BYTES_INDEX = "index" => bytes_methods::bytes_index, [Bytes | ByteArray] method;
    N_BYTES_RINDEX = "rindex" => bytes_methods::bytes_rindex, [Bytes | ByteArray] method;
    N_BYTES_COUNT = "count" => bytes_methods::bytes_count, [Bytes | ByteArray] method;
    N_BYTES_STARTSWITH = "startswith" => bytes_methods::bytes_startswith, [Bytes | ByteArray] method;
    N_BYTES_ENDSWITH = "endswith" => bytes_methods::bytes_endswith, [Bytes | ByteArray] method;
    N_BYTES_PARTITION = "partition" => bytes_methods::bytes_partition, [Bytes | ByteArray] method;
    N_BYTES_RPARTITION = "rpartition" => bytes_methods::bytes_rpartition, [Bytes | ByteArray] method;
    N_BYTES_CENTER = "center" => bytes_methods::bytes_center, [Bytes | ByteArray] method;
    N_BYTES_LJUST = "ljust" => bytes_methods::bytes_ljust, [Bytes | ByteArray] method;
    N_BYTES_RJUST = "rjust" => bytes_methods::bytes_rjust, [Bytes | ByteArray] method;
    N_BYTES_ZFILL = "zfill" => bytes_methods::bytes_zfill, [Bytes | ByteArray] method;
    N_BYTES_REMOVEPREFIX = "removeprefix" => bytes_methods::bytes_removeprefix, [Bytes | ByteArray] method;
    N_BYTES_REMOVESUFFIX = "removesuffix" => bytes_methods::bytes_removesuffix, [Bytes | ByteArray] method;
    N_BYTES_EXPANDTABS = "expandtabs" => bytes_methods::bytes_expandtabs, [Bytes | ByteArray] method;
    N_BYTES_SPLITLINES = "splitlines" => bytes_methods::bytes_splitlines, [Bytes | ByteArray] method kw;
    N_BYTES_SPLIT = "split" => bytes_methods::bytes_split, [Bytes | ByteArray] method kw;
    N_BYTES_RSPLIT = "rsplit" => bytes_methods::bytes_rsplit, [Bytes | ByteArray] method kw;
    N_BYTES_STRIP = "strip" => bytes_methods::bytes_strip, [Bytes | ByteArray] method;
    N_BYTES_LSTRIP = "lstrip" => bytes_methods::bytes_lstrip, [Bytes | ByteArray] method;
    N_BYTES_RSTRIP = "rstrip" => bytes_methods::bytes_rstrip, [Bytes | ByteArray] method;
    N_BYTES_JOIN = "join" => bytes_methods::bytes_join, [Bytes | ByteArray] method;
    N_BYTES_UPPER = "upper" => bytes_methods::bytes_upper, [Bytes | ByteArray] method;
    N_BYTES_LOWER = "lower" => bytes_methods::bytes_lower, [Bytes | ByteArray] method;
    N_BYTES_SWAPCASE = "swapcase" => bytes_methods::bytes_swapcase, [Bytes | ByteArray] method;
    N_BYTES_CAPITALIZE = "capitalize" => bytes_methods::bytes_capitalize, [Bytes | ByteArray] method;
    N_BYTES_TITLE = "title" => bytes_methods::bytes_title, [Bytes | ByteArray] method;
    N_BYTES_ISDIGIT = "isdigit" => bytes_methods::bytes_isdigit, [Bytes | ByteArray] method;
    N_BYTES_ISALPHA = "isalpha" => bytes_methods::bytes_isalpha, [Bytes | ByteArray] method;
    N_BYTES_ISALNUM = "isalnum" => bytes_methods::bytes_isalnum, [Bytes | ByteArray] method;
    N_BYTES_ISSPACE = "isspace" => bytes_methods::bytes_isspace, [Bytes | ByteArray] method;
    N_BYTES_ISUPPER = "isupper" => bytes_methods::bytes_isupper, [Bytes | ByteArray] method;
    N_BYTES_ISLOWER = "islower" => bytes_methods::bytes_islower, [Bytes | ByteArray] method;
    N_BYTES_ISASCII = "isascii" => bytes_methods::bytes_isascii, [Bytes | ByteArray] method;
    N_BYTES_FROMHEX = "fromhex" => bytes_methods::bytes_fromhex, [Bytes | ByteArray] method;
    N_BYTEARRAY_FROMHEX = "fromhex" => bytes_methods::bytearray_fromhex, [ByteArray] method;
    N_BYTEARRAY_EXTEND = "extend" => bytes_methods::bytearray_extend, [ByteArray] method;
    N_BYTEARRAY_POP = "pop" => bytes_methods::bytearray_pop, [ByteArray] method;
    N_BYTEARRAY_INSERT = "insert" => bytes_methods::bytearray_insert, [ByteArray] method;
    N_BYTEARRAY_REMOVE = "remove" => bytes_methods::bytearray_remove, [ByteArray] method;
    N_BYTEARRAY_REVERSE = "reverse" => bytes_methods::bytearray_reverse, [ByteArray] method;
    N_BYTEARRAY_CLEAR = "clear" => bytes_methods::bytearray_clear, [ByteArray] method;
    N_BYTEARRAY_COPY = "copy" => bytes_methods::bytearray_copy, [ByteArray] method;
    N_FLOAT_AS_INTEGER_RATIO = "as_integer_ratio" => num_methods::float_as_integer_ratio, [Float] method;
    N_FLOAT_HEX = "hex" => num_methods::float_hex, [Float] method;
    N_FLOAT_FROMHEX = "fromhex" => num_methods::float_fromhex, [Float] method;
    N_NUM_CONJUGATE = "conjugate" => num_methods::num_conjugate, [Int | Bool | Float] method;
    N_INT_BIT_COUNT = "bit_count" => num_methods::int_bit_count, [Int | Bool] method;
    N_INT_AS_INTEGER_RATIO = "as_integer_ratio" => num_methods::int_as_integer_ratio, [Int | Bool] method;
    N_DUNDER_ADD = "__add__" => dunder::d_add, dunder method;
    N_DUNDER_SUB = "__sub__" => dunder::d_sub, dunder method;
    N_DUNDER_MUL = "__mul__" => dunder::d_mul, dunder method;
    N_DUNDER_TRUEDIV = "__truediv__" => dunder::d_truediv, dunder method;
    N_DUNDER_FLOORDIV = "__floordiv__" => dunder::d_floordiv, dunder method;
    N_DUNDER_MOD = "__mod__" => dunder::d_mod, dunder method;
    N_DUNDER_POW = "__pow__" => dunder::d_pow, dunder method;
    N_DUNDER_LSHIFT = "__lshift__" => dunder::d_lshift, dunder method;
    N_DUNDER_RSHIFT = "__rshift__" => dunder::d_rshift, dunder method;
    N_DUNDER_AND = "__and__" => dunder::d_and, dunder method;
    N_DUNDER_OR = "__or__" => dunder::d_or, dunder method;
    N_DUNDER_XOR = "__xor__" => dunder::d_xor, dunder method;
    N_DUNDER_LT = "__lt__" => dunder::d_lt, dunder method;
    N_DUNDER_LE = "__le__" => dunder::d_le, dunder method;
    N_DUNDER_EQ = "__eq__" => dunder::d_eq, dunder method;
    N_DUNDER_NE = "__ne__" => dunder::d_ne, dunder method;
    N_DUNDER_GT = "__gt__" => dunder::d_gt, dunder method;
    N_DUNDER_GE = "__ge__" => dunder::d_ge, dunder method;
    N_DUNDER_LEN = "__len__" => dunder::d_len, dunder method;
    N_DUNDER_CONTAINS = "__contains__" => dunder::d_contains, dunder method;
    N_DUNDER_GETITEM = "__getitem__" => dunder::d_getitem, dunder method;
    N_DUNDER_ITER = "__iter__" => dunder::d_iter, dunder method;
    N_DUNDER_HASH = "__hash__" => dunder::d_hash, dunder method;
    N_DUNDER_REPR = "__repr__" => dunder::d_repr, dunder method;
    N_DUNDER_STR = "__str__" => dunder::d_str, dunder method;
    N_DUNDER_BOOL = "__bool__" => dunder::d_bool, dunder method;
    N_DUNDER_NEG = "__neg__" => dunder::d_neg, dunder method;
    N_DUNDER_ABS = "__abs__" => dunder::d_abs, dunder method;
    N_DUNDER_INT = "__int__" => dunder::d_int, dunder method;
    N_DUNDER_FLOAT = "__float__" => dunder::d_float, dunder method;
    N_DUNDER_INDEX = "__index__" => dunder::d_index, dunder method;
    N_DUNDER_SETITEM = "__setitem__" => dunder::d_setitem, dunder method;
    N_VIEW_ISDISJOINT = "isdisjoint" => view_methods::view_isdisjoint, [DictKeys | DictItems] method;
    N_DUNDER_DELITEM = "__delitem__" => dunder::d_delitem, dunder method;
    N_OBJECT_NEW = "__new__" => types::object_new, [Object] method kw;
    N_BUILTIN_INIT = "__init__" => types::builtin_init, [Object] method kw;
    N_CLASS_MRO = "mro" => types::class_mro, [Type] method;
}

/// The row of native `id` (not an unbound-method id).
#[inline]
fn row(rt: &Runtime, id: u32) -> Option<&'static Native> {
    let t = id >> TABLE_SHIFT;
    let table: &[Native] = if t == 0 {
        &TABLE
    } else {
        crate::modules::module_of(rt, t)?.natives
    };
    table.get((id & (TABLE_MAX as u32 - 1)) as usize)
}

/// Call native `id`.
#[inline]
pub fn call_native(rt: &mut Runtime, id: u32, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let shape = (!kwnames.is_null() as u8 * native::REFUSE_KW)
        | (args.is_empty() as u8 * native::REFUSE_NO_ARGS);
    match row(rt, id) {
        Some(n) if n.refuse & shape == 0 => (n.f)(rt, args, kwnames),
        _ => call_checked(rt, id, args, kwnames),
    }
}

/// The calls the fast path leaves: unbound methods, unknown ids, and calls the row may refuse
/// (keywords given, a method without its receiver).
#[cold]
#[inline(never)]
fn call_checked(rt: &mut Runtime, id: u32, args: &[Value], kwnames: Value) -> PyResult<Value> {
    if id >= UNBOUND_BASE {
        return call_unbound(rt, id, args, kwnames);
    }
    let Some(n) = row(rt, id) else {
        return Err(rt.type_error("unknown native"));
    };
    if !n.takes_keywords() && !kwnames.is_null() && rt.seq_len(kwnames) > 0 {
        let msg = alloc::format!("{}() takes no keyword arguments", n.name);
        return Err(rt.type_error(&msg));
    }
    if n.is_method() && args.is_empty() {
        let msg = alloc::format!("unbound method {}() needs an argument", n.name);
        return Err(rt.type_error(&msg));
    }
    (n.f)(rt, args, kwnames)
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
            native_name(rt, native),
            t.name()
        );
        return Err(rt.type_error(&msg));
    }
    call_native(rt, native, args, kwnames)
}

/// Name of native `id`.
pub fn native_name(rt: &Runtime, id: u32) -> &'static str {
    if id >= UNBOUND_BASE {
        return native_name(rt, unbound_parts(id).1);
    }
    row(rt, id).map_or("?", |n| n.name)
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
/// the `object` methods, the methods of a module's classes)?
pub fn is_method_native(rt: &Runtime, v: Value) -> bool {
    let Some(id) = v
        .as_static()
        .and_then(|s| s.checked_sub(crate::value::STATIC_NATIVE_BASE))
        .filter(|id| *id < UNBOUND_BASE)
    else {
        return false;
    };
    row(rt, id)
        .is_some_and(|n| n.owner == Owner::Classes || (n.owner == Owner::Module && n.is_method()))
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
    for (id, n) in TABLE.iter().enumerate() {
        if n.owner == Owner::Builtins {
            v.push((n.name, Runtime::native(id as u32)));
        }
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
        TypeId::MemoryView,
        TypeId::Property,
        TypeId::StaticMethod,
        TypeId::ClassMethod,
    ] {
        v.push((t.name(), t.value()));
    }
    v.push(("NotImplemented", Value::NOT_IMPLEMENTED));
    v.push(("Ellipsis", Value::ELLIPSIS));
    v
}

impl Runtime {
    /// The builtin called `name` (an interned name) when the builtins namespace does not hold
    /// it: a builtin function, type or constant (static values), or a builtin exception class
    /// (made now if it is the first use). The namespace starts empty, which keeps the heap a
    /// program starts with small (MicroPython keeps its builtins in a table in flash the same
    /// way). The builtin enters the namespace when there is room, so the next lookup is a dict
    /// probe; when the heap is full it is still found (a program that filled the heap can
    /// still call `len` and catch `MemoryError`), only not remembered.
    pub fn builtin_lazy(&mut self, name: Value) -> PyResult<Option<Value>> {
        let Some(q) = name.as_qstr() else {
            return Ok(None);
        };
        let text = self.qstr_text(q);
        let found = builtin_names()
            .into_iter()
            .find(|(n, _)| *n == text)
            .map(|(_, v)| v);
        let v = match found {
            Some(v) => v,
            None => {
                let text: alloc::string::String = text.into();
                match self.exc_class_named(&text)? {
                    Some(c) => c,
                    None => return Ok(None),
                }
            }
        };
        let (b, pending) = (self.builtins, self.exc);
        self.pin(v);
        if self.dict_set(b, name, v).is_err() {
            self.exc = pending;
        }
        self.unpin(1);
        Ok(Some(v))
    }

    /// Put every builtin into the builtins namespace (for what lists it: `import builtins`,
    /// `dir(builtins)`, completion).
    pub fn fill_builtins(&mut self) -> PyResult<()> {
        let names = builtin_names()
            .into_iter()
            .map(|(n, _)| n)
            .chain(crate::obj::exception::EXC_TABLE.iter().map(|e| e.1))
            .chain(["IOError", "EnvironmentError"]);
        for n in names {
            let k = self.intern(n)?;
            if self.dict_get_q(self.builtins, k).is_none() {
                self.builtin_lazy(k)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runtime::NTYPES;

    fn type_of_id(i: u32) -> TypeId {
        TypeId::from_value(Value::stat(crate::value::STATIC_TYPE_BASE + i)).expect("dense type ids")
    }

    /// The per-type name index (`methods::lookup`, `dunder::lookup`) only answers with
    /// natives whose row says they are methods owned by that type.
    #[test]
    fn method_index_agrees_with_the_rows() {
        assert!(TABLE.len() <= TABLE_MAX);
        for i in 0..NTYPES {
            let t = type_of_id(i);
            for q in 0..crate::qstr::STATIC.len() as u32 {
                if let Some(id) = methods::lookup(t, q) {
                    let n = &TABLE[id as usize];
                    assert!(n.is_method(), "{t:?}.{} is not a method row", n.name);
                    let owned = match n.owner {
                        Owner::Types(mask) => mask & (1 << i) != 0,
                        Owner::Iterators => t.is_iterator() || t == TypeId::Generator,
                        _ => false,
                    };
                    assert!(owned, "{t:?}.{} is owned by {:?}", n.name, n.owner);
                }
                if let Some(id) = dunder::lookup(q) {
                    assert_eq!(TABLE[id as usize].owner, Owner::Dunder);
                }
            }
        }
        for (name, v) in builtin_names() {
            if let Some(id) = v
                .as_static()
                .and_then(|s| s.checked_sub(crate::value::STATIC_NATIVE_BASE))
            {
                assert_eq!(TABLE[id as usize].name, name);
            }
        }
    }
}
