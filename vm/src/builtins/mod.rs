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

use crate::format::message::{fill, ToArg};
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;
use alloc::vec::Vec;
pub(crate) use methods::next_match;
pub use native::NativeFn;
use native::{Native, Natives, Owner, TABLE_MAX, TABLE_SHIFT};

crate::native_table! {
    /// The builtins and the methods of builtin types (table 0).
    pub static TABLE;
    N_PRINT = "print" (0..) => funcs::print, builtins kw;
    N_LEN = "len" (1) => funcs::len, builtins;
    N_REPR = "repr" (1) => funcs::repr, builtins;
    N_ASCII = "ascii" (1) => funcs::ascii, builtins;
    N_HASH = "hash" (1) => funcs::hash, builtins;
    N_ID = "id" (1) => funcs::id, builtins;
    N_ISINSTANCE = "isinstance" (2) => funcs::isinstance, builtins;
    N_ISSUBCLASS = "issubclass" (2) => funcs::issubclass, builtins;
    N_GETATTR = "getattr" (2..=3) => funcs::getattr, builtins;
    N_SETATTR = "setattr" (3) => funcs::setattr, builtins;
    N_HASATTR = "hasattr" (2) => funcs::hasattr, builtins;
    N_DELATTR = "delattr" (2) => funcs::delattr, builtins;
    N_ITER = "iter" (1..=2) => funcs::iter, builtins;
    N_NEXT = "next" (1..=2) => funcs::next, builtins;
    N_CHR = "chr" (1) => funcs::chr, builtins;
    N_ORD = "ord" (1) => funcs::ord, builtins;
    N_HEX = "hex" (1) => funcs::hex, builtins;
    N_OCT = "oct" (1) => funcs::oct, builtins;
    N_BIN = "bin" (1) => funcs::bin, builtins;
    N_CALLABLE = "callable" (1) => funcs::callable, builtins;
    N_ABS = "abs" (1) => funcs::abs, builtins;
    N_DIVMOD = "divmod" (2) => funcs::divmod, builtins;
    N_POW = "pow" (2..=3) => funcs::pow, builtins;
    N_ROUND = "round" (1..=2) => funcs::round, builtins kw;
    N_SUM = "sum" (1..=2) => funcs::sum, builtins kw;
    N_ANY = "any" (1) => funcs::any, builtins;
    N_ALL = "all" (1) => funcs::all, builtins;
    N_MIN = "min" (1..) => funcs::min, builtins kw;
    N_MAX = "max" (1..) => funcs::max, builtins kw;
    N_SORTED = "sorted" (1) => funcs::sorted, builtins kw;
    N_ENUMERATE = "enumerate" (1..=2) => funcs::enumerate, builtins kw;
    N_ZIP = "zip" (0..) => funcs::zip, builtins;
    N_MAP = "map" (2..) => funcs::map, builtins;
    N_FILTER = "filter" (2) => funcs::filter, builtins;
    N_REVERSED = "reversed" (1) => funcs::reversed, builtins;
    N_GLOBALS = "globals" (0) => funcs::globals, builtins;
    N_LOCALS = "locals" (0) => funcs::locals, builtins;
    N_EXEC = "exec" (1..=3) => funcs::exec, builtins;
    N_EVAL = "eval" (1..=3) => funcs::eval, builtins;
    N_COMPILE = "compile" (3..=6) => funcs::compile, builtins kw;
    N_INPUT = "input" (0..=1) => funcs::input, builtins;
    N_FORMAT = "format" (1..=2) => funcs::format, builtins;
    N_DIR = "dir" (0..=1) => funcs::dir, builtins;
    N_HELP = "help" (0..=1) => help::help, builtins;
    N_SUPER = "super" (0..=2) => types::super_, builtins;
    N___BUILD_CLASS__ = "__build_class__" => types::build_class, builtins kw;
    N___IMPORT__ = "__import__" (1..=5) => funcs::import, builtins kw;
    N_OBJECT_INIT = "__init__" => types::object_init, classes kw;
    N_OBJECT_REPR = "__repr__" => types::object_repr, classes;
    N_OBJECT_STR = "__str__" => types::object_str, classes;
    N_OBJECT_EQ = "__eq__" => types::object_eq, classes;
    N_OBJECT_NE = "__ne__" => types::object_ne, classes;
    N_OBJECT_HASH = "__hash__" => types::object_hash, classes;
    N_PROP_GETTER = "getter" => types::prop_getter, [Property];
    N_PROP_SETTER = "setter" => types::prop_setter, [Property];
    N_PROP_DELETER = "deleter" => types::prop_deleter, [Property];
    N_GEN_NEXT = "__next__" (0) => methods::gen_next, [Generator] method;
    N_GEN_SEND = "send" (1) => methods::gen_send, [Generator | Coroutine] method;
    N_GEN_THROW = "throw" (1..=3) => methods::gen_throw, [Generator | Coroutine] method;
    N_GEN_CLOSE = "close" (0) => methods::gen_close, [Generator | Coroutine] method;
    N_ITER_NEXT = "__next__" (0) => methods::iter_next, iterators method;
    N_ITER_ITER = "__iter__" (0) => methods::iter_iter, iterators method;
    N_STR_SPLIT = "split" (0..=2) => methods::str_split, [Str] method kw;
    N_STR_RSPLIT = "rsplit" (0..=2) => methods::str_rsplit, [Str] method kw;
    N_STR_JOIN = "join" (1) => methods::str_join, [Str] method;
    N_STR_STRIP = "strip" (0..=1) => methods::str_strip, [Str] method;
    N_STR_LSTRIP = "lstrip" (0..=1) => methods::str_lstrip, [Str] method;
    N_STR_RSTRIP = "rstrip" (0..=1) => methods::str_rstrip, [Str] method;
    N_STR_REPLACE = "replace" (2..=3) => methods::str_replace, [Str] method;
    N_STR_FIND = "find" (1..=3) => methods::str_find, [Str] method;
    N_STR_RFIND = "rfind" (1..=3) => methods::str_rfind, [Str] method;
    N_STR_INDEX = "index" (1..=3) => methods::str_index, [Str] method;
    N_STR_RINDEX = "rindex" (1..=3) => methods::str_rindex, [Str] method;
    N_STR_COUNT = "count" (1..=3) => methods::str_count, [Str] method;
    N_STR_STARTSWITH = "startswith" (1..=3) => methods::str_startswith, [Str] method;
    N_STR_ENDSWITH = "endswith" (1..=3) => methods::str_endswith, [Str] method;
    N_STR_UPPER = "upper" (0) => methods::str_upper, [Str] method;
    N_STR_LOWER = "lower" (0) => methods::str_lower, [Str] method;
    N_STR_FORMAT = "format" (0..) => methods::str_format, [Str] method kw;
    N_STR_ENCODE = "encode" (0..=2) => str_more::str_encode, [Str] method kw;
    N_STR_ISDIGIT = "isdigit" (0) => methods::str_isdigit, [Str] method;
    N_STR_ISALPHA = "isalpha" (0) => methods::str_isalpha, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_ISALNUM = "isalnum" (0) => methods::str_isalnum, [Str] method;
    N_STR_ISSPACE = "isspace" (0) => methods::str_isspace, [Str] method;
    N_STR_ISUPPER = "isupper" (0) => methods::str_isupper, [Str] method;
    N_STR_ISLOWER = "islower" (0) => methods::str_islower, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_TITLE = "title" (0) => methods::str_title, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_CAPITALIZE = "capitalize" (0) => methods::str_capitalize, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_SWAPCASE = "swapcase" (0) => methods::str_swapcase, [Str] method;
    N_STR_CENTER = "center" (1..=2) => methods::str_center, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_LJUST = "ljust" (1..=2) => methods::str_ljust, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_RJUST = "rjust" (1..=2) => methods::str_rjust, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_ZFILL = "zfill" (1) => methods::str_zfill, [Str] method;
    N_STR_SPLITLINES = "splitlines" (0..=1) => methods::str_splitlines, [Str] method kw;
    N_STR_PARTITION = "partition" (1) => methods::str_partition, [Str] method;
    N_STR_RPARTITION = "rpartition" (1) => methods::str_rpartition, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_REMOVEPREFIX = "removeprefix" (1) => methods::str_removeprefix, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_REMOVESUFFIX = "removesuffix" (1) => methods::str_removesuffix, [Str] method;
    N_LIST_APPEND = "append" (1) => methods::list_append, [List] method;
    N_LIST_EXTEND = "extend" (1) => methods::list_extend, [List] method;
    N_LIST_INSERT = "insert" (2) => methods::list_insert, [List] method;
    N_LIST_POP = "pop" (0..=1) => methods::list_pop, [List] method;
    N_LIST_REMOVE = "remove" (1) => methods::list_remove, [List] method;
    N_SEQ_INDEX = "index" (1..=3) => methods::seq_index, [List | Tuple | Range] method;
    N_SEQ_COUNT = "count" (1) => methods::seq_count, [List | Tuple | Range] method;
    N_LIST_SORT = "sort" (0) => methods::list_sort, [List] method kw;
    N_LIST_REVERSE = "reverse" (0) => methods::list_reverse, [List] method;
    N_LIST_CLEAR = "clear" (0) => methods::list_clear, [List] method;
    N_LIST_COPY = "copy" (0) => methods::list_copy, [List] method;
    N_DICT_KEYS = "keys" (0) => methods::dict_keys, [Dict] method;
    N_DICT_VALUES = "values" (0) => methods::dict_values, [Dict] method;
    N_DICT_ITEMS = "items" (0) => methods::dict_items, [Dict] method;
    N_DICT_GET = "get" (1..=2) => methods::dict_get, [Dict] method;
    N_DICT_POP = "pop" (1..=2) => methods::dict_pop, [Dict] method;
    N_DICT_SETDEFAULT = "setdefault" (1..=2) => methods::dict_setdefault, [Dict] method;
    N_DICT_UPDATE = "update" (0..=1) => methods::dict_update, [Dict] method kw;
    N_DICT_CLEAR = "clear" (0) => methods::dict_clear, [Dict | Set] method;
    N_DICT_COPY = "copy" (0) => methods::dict_copy, [Dict] method;
    N_DICT_POPITEM = "popitem" (0) => methods::dict_popitem, [Dict] method;
    N_DICT_FROMKEYS = "fromkeys" => methods::dict_fromkeys, [Dict] method;
    N_SET_ADD = "add" (1) => methods::set_add, [Set | FrozenSet] method;
    N_SET_REMOVE = "remove" (1) => methods::set_remove, [Set | FrozenSet] method;
    N_SET_DISCARD = "discard" (1) => methods::set_discard, [Set | FrozenSet] method;
    N_SET_POP = "pop" (0) => methods::set_pop, [Set | FrozenSet] method;
    N_SET_UPDATE = "update" (0..) => methods::set_update, [Set | FrozenSet] method;
    N_SET_UNION = "union" (0..) => methods::set_union, [Set | FrozenSet] method;
    N_SET_INTERSECTION = "intersection" (0..) => methods::set_intersection, [Set | FrozenSet] method;
    N_SET_DIFFERENCE = "difference" (0..) => methods::set_difference, [Set | FrozenSet] method;
    N_SET_SYMDIFF = "symmetric_difference" (1) => methods::set_symdiff, [Set | FrozenSet] method;
    N_SET_ISSUBSET = "issubset" (1) => methods::set_issubset, [Set | FrozenSet] method;
    N_SET_ISSUPERSET = "issuperset" (1) => methods::set_issuperset, [Set | FrozenSet] method;
    N_SET_ISDISJOINT = "isdisjoint" (1) => methods::set_isdisjoint, [Set | FrozenSet] method;
    N_SET_COPY = "copy" (0) => methods::set_copy, [Set | FrozenSet] method;
    N_INT_BIT_LENGTH = "bit_length" (0) => methods::int_bit_length, [Int | Bool] method;
    N_INT_TO_BYTES = "to_bytes" (0..=2) => methods::int_to_bytes, [Int | Bool] method kw;
    N_INT_FROM_BYTES = "from_bytes" => methods::int_from_bytes, [Int | Bool] method kw;
    #[cfg(feature = "extra-methods")]
    N_FLOAT_IS_INTEGER = "is_integer" (0) => methods::float_is_integer, [Float] method;
    N_BYTES_DECODE = "decode" (0..=2) => bytes_methods::bytes_decode, [Bytes | ByteArray] method kw;
    N_BYTES_HEX = "hex" (0..=2) => methods::bytes_hex, [Bytes | ByteArray] method;
    N_BYTEARRAY_APPEND = "append" (1) => methods::bytearray_append, [ByteArray] method;
    N_EXC_WITH_TRACEBACK = "with_traceback" (1) => methods::exc_with_traceback, [Object] method;
    N_EXC_INIT = "__init__" => methods::exc_init, classes method kw;
    N_OBJECT_SETATTR = "__setattr__" => types::object_setattr, classes;
    N_VARS = "vars" (0..=1) => funcs::vars, builtins;
    N_OPEN = "open" (1..=8) => crate::modules::os::open, builtins kw;
    N_SET_INTERSECTION_UPDATE = "intersection_update" (0..) => methods::set_intersection_update, [Set | FrozenSet] method;
    N_SET_DIFFERENCE_UPDATE = "difference_update" (0..) => methods::set_difference_update, [Set | FrozenSet] method;
    N_SET_SYMDIFF_UPDATE = "symmetric_difference_update" (1) => methods::set_symdiff_update, [Set | FrozenSet] method;
    N_SLICE_INDICES = "indices" (1) => methods::slice_indices, [Slice] method;
    N_MV_TOBYTES = "tobytes" (0..=1) => memview_methods::tobytes, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_MV_TOLIST = "tolist" (0) => memview_methods::tolist, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_MV_HEX = "hex" (0..=2) => memview_methods::hex, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_MV_CAST = "cast" (1) => memview_methods::cast, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_MV_RELEASE = "release" (0) => memview_methods::release, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_MV_ENTER = "__enter__" (0) => memview_methods::enter, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_MV_EXIT = "__exit__" (0..) => memview_methods::exit, [MemoryView] method;
    #[cfg(feature = "extra-methods")]
    N_STR_ISTITLE = "istitle" (0) => methods::str_istitle, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_ISIDENTIFIER = "isidentifier" (0) => methods::str_isidentifier, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_EXPANDTABS = "expandtabs" (0..=1) => methods::str_expandtabs, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_CASEFOLD = "casefold" (0) => methods::str_casefold, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_ISPRINTABLE = "isprintable" (0) => methods::str_isprintable, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_ISASCII = "isascii" (0) => str_more::str_isascii, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_TRANSLATE = "translate" (1) => str_more::str_translate, [Str] method;
    #[cfg(feature = "extra-methods")]
    N_STR_MAKETRANS = "maketrans" => str_more::str_maketrans, [Str] method;
    N_BYTES_REPLACE = "replace" (2..=3) => bytes_methods::bytes_replace, [Bytes | ByteArray] method;
    N_BYTES_FIND = "find" (1..=3) => bytes_methods::bytes_find, [Bytes | ByteArray] method;
    N_BYTES_RFIND = "rfind" (1..=3) => bytes_methods::bytes_rfind, [Bytes | ByteArray] method;
    N_BYTES_INDEX = "index" (1..=3) => bytes_methods::bytes_index, [Bytes | ByteArray] method;
    N_BYTES_RINDEX = "rindex" (1..=3) => bytes_methods::bytes_rindex, [Bytes | ByteArray] method;
    N_BYTES_COUNT = "count" (1..=3) => bytes_methods::bytes_count, [Bytes | ByteArray] method;
    N_BYTES_STARTSWITH = "startswith" (1..=3) => bytes_methods::bytes_startswith, [Bytes | ByteArray] method;
    N_BYTES_ENDSWITH = "endswith" (1..=3) => bytes_methods::bytes_endswith, [Bytes | ByteArray] method;
    N_BYTES_PARTITION = "partition" (1) => bytes_methods::bytes_partition, [Bytes | ByteArray] method;
    N_BYTES_RPARTITION = "rpartition" (1) => bytes_methods::bytes_rpartition, [Bytes | ByteArray] method;
    N_BYTES_CENTER = "center" (1..=2) => bytes_methods::bytes_center, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_LJUST = "ljust" (1..=2) => bytes_methods::bytes_ljust, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_RJUST = "rjust" (1..=2) => bytes_methods::bytes_rjust, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_ZFILL = "zfill" (1) => bytes_methods::bytes_zfill, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_REMOVEPREFIX = "removeprefix" (1) => bytes_methods::bytes_removeprefix, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_REMOVESUFFIX = "removesuffix" (1) => bytes_methods::bytes_removesuffix, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_EXPANDTABS = "expandtabs" (0..=1) => bytes_methods::bytes_expandtabs, [Bytes | ByteArray] method;
    N_BYTES_SPLITLINES = "splitlines" (0..=1) => bytes_methods::bytes_splitlines, [Bytes | ByteArray] method kw;
    N_BYTES_SPLIT = "split" (0..=2) => bytes_methods::bytes_split, [Bytes | ByteArray] method kw;
    N_BYTES_RSPLIT = "rsplit" (0..=2) => bytes_methods::bytes_rsplit, [Bytes | ByteArray] method kw;
    N_BYTES_STRIP = "strip" (0..=1) => bytes_methods::bytes_strip, [Bytes | ByteArray] method;
    N_BYTES_LSTRIP = "lstrip" (0..=1) => bytes_methods::bytes_lstrip, [Bytes | ByteArray] method;
    N_BYTES_RSTRIP = "rstrip" (0..=1) => bytes_methods::bytes_rstrip, [Bytes | ByteArray] method;
    N_BYTES_JOIN = "join" (1) => bytes_methods::bytes_join, [Bytes | ByteArray] method;
    N_BYTES_UPPER = "upper" (0) => bytes_methods::bytes_upper, [Bytes | ByteArray] method;
    N_BYTES_LOWER = "lower" (0) => bytes_methods::bytes_lower, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_SWAPCASE = "swapcase" (0) => bytes_methods::bytes_swapcase, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_CAPITALIZE = "capitalize" (0) => bytes_methods::bytes_capitalize, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_TITLE = "title" (0) => bytes_methods::bytes_title, [Bytes | ByteArray] method;
    N_BYTES_ISDIGIT = "isdigit" (0) => bytes_methods::bytes_isdigit, [Bytes | ByteArray] method;
    N_BYTES_ISALPHA = "isalpha" (0) => bytes_methods::bytes_isalpha, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_ISALNUM = "isalnum" (0) => bytes_methods::bytes_isalnum, [Bytes | ByteArray] method;
    N_BYTES_ISSPACE = "isspace" (0) => bytes_methods::bytes_isspace, [Bytes | ByteArray] method;
    N_BYTES_ISUPPER = "isupper" (0) => bytes_methods::bytes_isupper, [Bytes | ByteArray] method;
    N_BYTES_ISLOWER = "islower" (0) => bytes_methods::bytes_islower, [Bytes | ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_BYTES_ISASCII = "isascii" (0) => bytes_methods::bytes_isascii, [Bytes | ByteArray] method;
    N_BYTES_FROMHEX = "fromhex" => bytes_methods::bytes_fromhex, [Bytes | ByteArray] method;
    N_BYTEARRAY_FROMHEX = "fromhex" => bytes_methods::bytearray_fromhex, [ByteArray] method;
    N_BYTEARRAY_EXTEND = "extend" (1) => bytes_methods::bytearray_extend, [ByteArray] method;
    N_BYTEARRAY_POP = "pop" (0..=1) => bytes_methods::bytearray_pop, [ByteArray] method;
    N_BYTEARRAY_INSERT = "insert" (2) => bytes_methods::bytearray_insert, [ByteArray] method;
    N_BYTEARRAY_REMOVE = "remove" (1) => bytes_methods::bytearray_remove, [ByteArray] method;
    N_BYTEARRAY_REVERSE = "reverse" (0) => bytes_methods::bytearray_reverse, [ByteArray] method;
    N_BYTEARRAY_CLEAR = "clear" (0) => bytes_methods::bytearray_clear, [ByteArray] method;
    N_BYTEARRAY_COPY = "copy" (0) => bytes_methods::bytearray_copy, [ByteArray] method;
    #[cfg(feature = "extra-methods")]
    N_FLOAT_AS_INTEGER_RATIO = "as_integer_ratio" (0) => num_methods::float_as_integer_ratio, [Float] method;
    #[cfg(feature = "extra-methods")]
    N_FLOAT_HEX = "hex" (0) => num_methods::float_hex, [Float] method;
    #[cfg(feature = "extra-methods")]
    N_FLOAT_FROMHEX = "fromhex" => num_methods::float_fromhex, [Float] method;
    N_NUM_CONJUGATE = "conjugate" (0) => num_methods::num_conjugate, [Int | Bool | Float | Complex] method;
    #[cfg(feature = "extra-methods")]
    N_INT_BIT_COUNT = "bit_count" (0) => num_methods::int_bit_count, [Int | Bool] method;
    #[cfg(feature = "extra-methods")]
    N_INT_AS_INTEGER_RATIO = "as_integer_ratio" (0) => num_methods::int_as_integer_ratio, [Int | Bool] method;
    N_DUNDER_ADD = "__add__" (1) => dunder::d_add, dunder method;
    N_DUNDER_SUB = "__sub__" (1) => dunder::d_sub, dunder method;
    N_DUNDER_MUL = "__mul__" (1) => dunder::d_mul, dunder method;
    N_DUNDER_TRUEDIV = "__truediv__" (1) => dunder::d_truediv, dunder method;
    N_DUNDER_FLOORDIV = "__floordiv__" (1) => dunder::d_floordiv, dunder method;
    N_DUNDER_MOD = "__mod__" (1) => dunder::d_mod, dunder method;
    N_DUNDER_POW = "__pow__" (1..=2) => dunder::d_pow, dunder method;
    N_DUNDER_LSHIFT = "__lshift__" (1) => dunder::d_lshift, dunder method;
    N_DUNDER_RSHIFT = "__rshift__" (1) => dunder::d_rshift, dunder method;
    N_DUNDER_AND = "__and__" (1) => dunder::d_and, dunder method;
    N_DUNDER_OR = "__or__" (1) => dunder::d_or, dunder method;
    N_DUNDER_XOR = "__xor__" (1) => dunder::d_xor, dunder method;
    N_DUNDER_LT = "__lt__" (1) => dunder::d_lt, dunder method;
    N_DUNDER_LE = "__le__" (1) => dunder::d_le, dunder method;
    N_DUNDER_EQ = "__eq__" (1) => dunder::d_eq, dunder method;
    N_DUNDER_NE = "__ne__" (1) => dunder::d_ne, dunder method;
    N_DUNDER_GT = "__gt__" (1) => dunder::d_gt, dunder method;
    N_DUNDER_GE = "__ge__" (1) => dunder::d_ge, dunder method;
    N_DUNDER_LEN = "__len__" (0) => dunder::d_len, dunder method;
    N_DUNDER_CONTAINS = "__contains__" (1) => dunder::d_contains, dunder method;
    N_DUNDER_GETITEM = "__getitem__" (1) => dunder::d_getitem, dunder method;
    N_DUNDER_ITER = "__iter__" (0) => dunder::d_iter, dunder method;
    N_DUNDER_HASH = "__hash__" (0) => dunder::d_hash, dunder method;
    N_DUNDER_REPR = "__repr__" (0) => dunder::d_repr, dunder method;
    N_DUNDER_STR = "__str__" (0) => dunder::d_str, dunder method;
    N_DUNDER_BOOL = "__bool__" (0) => dunder::d_bool, dunder method;
    N_DUNDER_NEG = "__neg__" (0) => dunder::d_neg, dunder method;
    N_DUNDER_ABS = "__abs__" (0) => dunder::d_abs, dunder method;
    N_DUNDER_INT = "__int__" (0) => dunder::d_int, dunder method;
    N_DUNDER_FLOAT = "__float__" (0) => dunder::d_float, dunder method;
    N_DUNDER_INDEX = "__index__" (0) => dunder::d_index, dunder method;
    N_DUNDER_SETITEM = "__setitem__" (2) => dunder::d_setitem, dunder method;
    N_DUNDER_DELITEM = "__delitem__" (1) => dunder::d_delitem, dunder method;
    N_VIEW_ISDISJOINT = "isdisjoint" (1) => view_methods::view_isdisjoint, [DictKeys | DictItems] method;
    N_OBJECT_NEW = "__new__" => types::object_new, [Object] method kw;
    N_BUILTIN_INIT = "__init__" => types::builtin_init, [Object] method kw;
    N_CLASS_MRO = "mro" (0) => types::class_mro, [Type] method;
}

/// The table holding native `id` (not an unbound-method id).
fn table_of(rt: &Runtime, id: u32) -> Option<&'static Natives> {
    let t = id >> TABLE_SHIFT;
    if t == 0 {
        Some(&TABLE)
    } else {
        Some(crate::modules::module_of(rt, t)?.natives)
    }
}

/// The row of native `id` (not an unbound-method id). Not through [`table_of`]: this is
/// every native call's path, kept to one inlined lookup.
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
        Some(n)
            if n.refuse() & shape == 0
                && kwnames.is_null()
                && (n.min_args() as usize..=n.max_args_field() as usize).contains(&args.len()) =>
        {
            (n.f)(rt, args, kwnames)
        }
        _ => call_checked(rt, id, args, kwnames),
    }
}

/// The calls the fast path leaves: unbound methods, unknown ids, and calls the row may refuse
/// (keywords given, a method without its receiver, positional arguments out of its range).
#[cold]
#[inline(never)]
fn call_checked(rt: &mut Runtime, id: u32, args: &[Value], kwnames: Value) -> PyResult<Value> {
    if id >= UNBOUND_BASE {
        return call_unbound(rt, id, args, kwnames);
    }
    let Some(n) = row(rt, id) else {
        return Err(rt.type_error(crate::packed!("unknown native")));
    };
    let nkw = if kwnames.is_null() {
        0
    } else {
        rt.seq_len(kwnames)
    };
    if !n.takes_keywords() && nkw > 0 {
        return Err(rt.type_error_with(
            "{}() takes no keyword arguments",
            &[qualname(rt, id, n, args).arg()],
        ));
    }
    // `dict.fromkeys` is found on the type as this plain native (a classmethod): called
    // with nothing it reports its own missing argument, as CPython does.
    if id == N_DICT_FROMKEYS && args.is_empty() {
        return methods::dict_fromkeys(rt, args, kwnames);
    }
    if n.is_method() && args.is_empty() {
        return Err(rt.type_error_with(
            "unbound method {}() needs an argument",
            &[native_name(rt, id).arg()],
        ));
    }
    let positional = args.len().saturating_sub(nkw);
    // Keywords may name required parameters, so only the upper bound holds when they are given.
    let too_few = nkw == 0 && positional < n.min_args() as usize;
    if too_few || (n.max_args() != native::ANY_ARGS && positional > n.max_args() as usize) {
        return Err(arity_error(rt, id, n, args, positional));
    }
    (n.f)(rt, args, kwnames)
}

/// `module.name`, `type.name` or `name`: how CPython names a native in its call errors.
fn qualname(rt: &Runtime, id: u32, n: &Native, args: &[Value]) -> alloc::string::String {
    let owner = match (n.owner(), args.first()) {
        // A method of a module's class is named after the class (`deque.append`).
        (Owner::Module, Some(r)) if n.is_method() => Some(rt.type_name(*r)),
        (Owner::Module, _) => {
            crate::modules::module_of(rt, id >> TABLE_SHIFT).map(|m| m.name.into())
        }
        (Owner::Builtins, _) | (_, None) => None,
        (_, Some(r)) if n.is_method() => Some(rt.type_name(*r)),
        _ => None,
    };
    let name = native_name(rt, id);
    match owner {
        Some(o) => [o.as_str(), ".", name].concat(),
        None => name.into(),
    }
}

/// CPython's TypeError for a call with `given` positional arguments (receiver included) outside
/// what row `n` takes.
#[cold]
fn arity_error(
    rt: &mut Runtime,
    id: u32,
    n: &Native,
    args: &[Value],
    given: usize,
) -> crate::runtime::Raised {
    let recv = n.is_method() as usize;
    let (given, min, max) = (
        given - recv,
        n.min_args() as usize - recv,
        (n.max_args() != native::ANY_ARGS).then(|| n.max_args() as usize - recv),
    );
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if max == Some(0) || (min == 1 && max == Some(1)) {
        // METH_NOARGS / METH_O: the qualified name.
        let takes = if max == Some(0) {
            "no arguments"
        } else {
            "exactly one argument"
        };
        let name = qualname(rt, id, n, args);
        rt.type_error_with(
            "{}() takes {} ({} given)",
            &[name.arg(), takes.arg(), given.arg()],
        )
    } else if n.takes_keywords() && n.is_method() {
        // Argument Clinic's wording, which CPython's methods with keywords use.
        let (bound, k) = match max {
            Some(m) if given > m => ("most", m),
            _ => ("least", min),
        };
        rt.type_error_with(
            "{}() takes at {} {} argument{} ({} given)",
            &[
                native_name(rt, id).arg(),
                bound.arg(),
                k.arg(),
                plural(k).arg(),
                given.arg(),
            ],
        )
    } else {
        let (bound, k) = match max {
            Some(m) if m == min => ("", min),
            Some(m) if given > m => ("at most ", m),
            _ => ("at least ", min),
        };
        rt.type_error_with(
            "{} expected {}{} argument{}, got {}",
            &[
                native_name(rt, id).arg(),
                bound.arg(),
                k.arg(),
                plural(k).arg(),
                given.arg(),
            ],
        )
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
        return Err(rt.type_error(crate::packed!("bad unbound method")));
    };
    // `list.append(stack, x)` on a list subclass works on the list the instance wraps.
    if let Some(base) = args.first().and_then(|r| rt.base_value(*r)) {
        let mut a2 = args.to_vec();
        if let Some(receiver) = a2.first_mut() {
            *receiver = base;
        }
        return call_unbound(rt, id, &a2, kwnames);
    }
    let ok = args.first().is_some_and(|r| {
        let rt_type = TypeId::from_value(rt.type_of(*r));
        rt_type == Some(t)
            || (t == TypeId::Int && rt_type == Some(TypeId::Bool))
            || matches!(native, N_DICT_FROMKEYS | N_INT_FROM_BYTES)
    });
    if !ok {
        let got = match args.first() {
            Some(r) => fill("a '{}' object", &[rt.type_name(*r).arg()]),
            None => "no arguments".into(),
        };
        return Err(rt.type_error_with(
            "descriptor '{}' for '{}' objects doesn't apply to {}",
            &[native_name(rt, native).arg(), t.name().arg(), got.arg()],
        ));
    }
    call_native(rt, native, args, kwnames)
}

/// Name of native `id`.
pub fn native_name(rt: &Runtime, id: u32) -> &'static str {
    if id >= UNBOUND_BASE {
        return native_name(rt, unbound_parts(id).1);
    }
    match (table_of(rt, id), row(rt, id)) {
        (Some(t), Some(n)) => t.name_of(n),
        _ => "?",
    }
}

/// An integral float as an int (for `math.floor` and friends).
pub fn float_to_int_pub(rt: &mut Runtime, f: crate::format::Float) -> PyResult<Value> {
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
    #[cfg(feature = "extra-methods")]
    if t == TypeId::Str && q == Q_MAKETRANS {
        return Some(Runtime::native(N_STR_MAKETRANS));
    }
    let id = methods::lookup(t, q)
        .or_else(|| dunder::lookup(q).filter(|id| dunder::type_has(t, *id)))?;
    // Class methods take the type, not an instance, as their first argument.
    #[cfg(feature = "extra-methods")]
    if id == N_FLOAT_FROMHEX {
        return Some(Runtime::native(id));
    }
    if id == N_BYTES_FROMHEX {
        if t == TypeId::ByteArray {
            return Some(Runtime::native(N_BYTEARRAY_FROMHEX));
        }
        return Some(Runtime::native(id));
    }
    Some(unbound(t, id))
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
    row(rt, id).is_some_and(|n| {
        n.owner() == Owner::Classes || (n.owner() == Owner::Module && n.is_method())
    })
}

/// `property.getter/setter/deleter`.
pub fn property_method(q: u32) -> Value {
    Runtime::native(match q {
        Q_GETTER => N_PROP_GETTER,
        Q_SETTER => N_PROP_SETTER,
        _ => N_PROP_DELETER,
    })
}

/// Split call arguments into positional ones and `(name, value)` keyword pairs. The
/// positional ones are the front of `args`, borrowed: no copy, and nothing for the many
/// early returns of the callers to drop.
pub fn split_kw<'a>(
    rt: &Runtime,
    args: &'a [Value],
    kwnames: Value,
) -> (&'a [Value], Vec<(Value, Value)>) {
    if kwnames.is_null() {
        return (args, Vec::new());
    }
    let nkw = rt.seq_len(kwnames).min(args.len());
    let (pos, values) = args
        .split_at_checked(args.len() - nkw)
        .unwrap_or((args, &[]));
    let kw = values
        .iter()
        .enumerate()
        .map(|(i, v)| (rt.seq_get(kwnames, i), *v))
        .collect();
    (pos, kw)
}

/// Argument `i` of a native, for an `i` its row's arity guarantees (the call checked it before
/// the native ran). Indexing would keep a bounds-check panic at every site, its location and
/// call costing about 25 bytes of flash each; an argument missing anyway reads as `None`.
#[inline(always)]
pub(crate) fn arg(args: &[Value], i: usize) -> Value {
    match args.get(i) {
        Some(v) => *v,
        None => Value::NONE,
    }
}

/// `b` decoded as UTF-8 with each invalid sequence replaced by `replacement`, as
/// `String::from_utf8_lossy` does with U+FFFD (`""` drops them). Written over
/// `core::str::from_utf8`, which the image has anyway: the lossy decoder's chunk iterator
/// is about 1 KB of code used only here.
pub(crate) fn lossy_text(mut b: &[u8], replacement: &str) -> alloc::string::String {
    let mut out = alloc::string::String::new();
    loop {
        match core::str::from_utf8(b) {
            Ok(s) => {
                out.push_str(s);
                return out;
            }
            Err(e) => {
                let (valid, rest) = b.split_at_checked(e.valid_up_to()).unwrap_or((b, &[]));
                out.push_str(core::str::from_utf8(valid).unwrap_or_default());
                out.push_str(replacement);
                // No error length: the bytes end inside a sequence, all replaced at once.
                b = rest
                    .get(e.error_len().map_or(rest.len(), usize::from)..)
                    .unwrap_or_default();
            }
        }
    }
}

/// CPython's TypeError for method `name` of type `of` called on something else: one
/// out-of-line format for the natives that check their receiver.
#[cold]
#[inline(never)]
pub(crate) fn descriptor_error(rt: &mut Runtime, name: &str, of: &str) -> crate::runtime::Raised {
    rt.type_error_with(
        "descriptor '{}' requires a '{}' object",
        &[name.arg(), of.arg()],
    )
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
    each_builtin(&mut |name, value| {
        v.push((name, value));
        false
    });
    v
}

/// Call `f` with `(name, value)` of every entry of the `builtins` namespace until it answers
/// true. A lookup stops at its name and builds no list (it runs once per builtin a program
/// names); the callback is `dyn` so that one copy serves both users.
fn each_builtin(f: &mut dyn FnMut(&'static str, Value) -> bool) {
    for (id, n) in TABLE.iter().enumerate() {
        if n.owner() == Owner::Builtins && f(TABLE.name_of(n), Runtime::native(id as u32)) {
            return;
        }
    }
    for &t in BUILTIN_TYPES {
        if f(t.name(), t.value()) {
            return;
        }
    }
    if !f("NotImplemented", Value::NOT_IMPLEMENTED) {
        f("Ellipsis", Value::ELLIPSIS);
    }
}

/// The builtin types the `builtins` namespace names, in a `static`: an array written in the
/// loop was stored to the stack one element at a time at every call.
static BUILTIN_TYPES: &[TypeId] = &[
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
    #[cfg(feature = "complex")]
    TypeId::Complex,
];

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
        let mut found = None;
        each_builtin(&mut |n, v| {
            found = Some(v).filter(|_| n == text);
            found.is_some()
        });
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
    /// `dir(builtins)`).
    pub fn fill_builtins(&mut self) -> PyResult<()> {
        for n in builtin_texts() {
            let k = self.intern(n)?;
            if self.dict_get_q(self.builtins, k).is_none() {
                self.builtin_lazy(k)?;
            }
        }
        Ok(())
    }
}

/// The names of every builtin, whether it has entered the builtins namespace or not (REPL
/// completion lists them without making the exception classes).
pub fn builtin_texts() -> impl Iterator<Item = &'static str> {
    builtin_names()
        .into_iter()
        .map(|(n, _)| n)
        .chain(crate::obj::exception::EXC_TABLE.iter().map(|e| e.1))
        .chain(["IOError", "EnvironmentError"])
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
            for q in 0..crate::qstr::NNAMED as u32 {
                if let Some(id) = methods::lookup(t, q) {
                    let n = &TABLE[id as usize];
                    assert!(
                        n.is_method(),
                        "{t:?}.{} is not a method row",
                        TABLE.name_of(n)
                    );
                    let owned = match n.owner() {
                        Owner::Types(set) => set.has(i as usize),
                        Owner::Iterators => t.is_iterator() || t == TypeId::Generator,
                        _ => false,
                    };
                    assert!(
                        owned,
                        "{t:?}.{} is owned by {:?}",
                        TABLE.name_of(n),
                        n.owner()
                    );
                }
                if let Some(id) = dunder::lookup(q) {
                    assert_eq!(TABLE[id as usize].owner(), Owner::Dunder);
                    assert_eq!(
                        Some(TABLE.name_of(&TABLE[id as usize])),
                        crate::qstr::static_text(q)
                    );
                }
            }
        }
        for (name, v) in builtin_names() {
            if let Some(id) = v
                .as_static()
                .and_then(|s| s.checked_sub(crate::value::STATIC_NATIVE_BASE))
            {
                assert_eq!(TABLE.name_of(&TABLE[id as usize]), name);
            }
        }
    }
}
