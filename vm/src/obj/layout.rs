//! Where each heap object kind keeps its fields: the word index of every slot, in one place
//! for the object code, the interpreter and the collector (which scans every word after the
//! header except in raw kinds and frames, see `crate::heap::gc`). Word 0 is the header (kind
//! and an aux value, see [`crate::obj::kind`]).

// Str / Bytes: `[hdr(len), hash, bytes…]`.
/// Str: the hash (small int), inverted (negative) when its text is not all ASCII; bytes: 0
/// (its hash is computed when asked for).
pub const STR_HASH: usize = 1;
/// Str/bytes: first word of the bytes.
pub const STR_DATA: usize = 2;

/// RawBytes / Array: first word of the payload (bytes or values).
pub const RAW_DATA: usize = 1;

/// Tuple: first item.
pub const TUPLE_ITEMS: usize = 1;

/// List: length (small int).
pub const LIST_LEN: usize = 1;
/// List: items `Array`.
pub const LIST_ITEMS: usize = 2;

/// Dict/set/frozenset: number of live entries (small int). The entries used, live or
/// deleted, are the header's aux above bit 0 (bit 0: `DICT_CLASS_NS`), so a dict is one block.
pub const DICT_LEN: usize = 1;
/// Dict/set/frozenset: entries `Array` (key, value pairs).
pub const DICT_ENTRIES: usize = 2;
/// Dict/set/frozenset: hash index (raw bytes), or NULL while small.
pub const DICT_INDEX: usize = 3;
/// Frozenset: its hash once computed (small int), else NULL. Frozensets never change after
/// they are built, so a frozenset of frozensets hashes in time linear in its own size.
pub const DICT_HASH: usize = 4;
/// Words of a dict or set object (one block).
pub const DICT_WORDS: usize = 4;
/// Words of a frozenset object (with its hash).
pub const FROZENSET_WORDS: usize = 5;

/// Bytearray: length (small int).
pub const BYTEARRAY_LEN: usize = 1;
/// Bytearray: its `RawBytes` buffer, or NULL.
pub const BYTEARRAY_RAW: usize = 2;

/// Range/slice: start.
pub const RANGE_START: usize = 1;
/// Range/slice: stop.
pub const RANGE_STOP: usize = 2;
/// Range/slice: step.
pub const RANGE_STEP: usize = 3;

/// Bound method: the receiver.
pub const BOUND_SELF: usize = 1;
/// Bound method: the function.
pub const BOUND_FUNC: usize = 2;

/// Cell: its value (NULL when empty).
pub const CELL_VALUE: usize = 1;

/// Instance: its class.
pub const INST_CLASS: usize = 1;
/// Instance: attribute dict, or NULL until the first attribute.
pub const INST_DICT: usize = 2;
/// Instance of a builtin-type subclass: the wrapped builtin value.
pub const INST_BASE: usize = 3;

/// Module: name (qstr).
pub const MOD_NAME: usize = 1;
/// Module: globals dict.
pub const MOD_GLOBALS: usize = 2;

/// Generator: its frame.
pub const GEN_FRAME: usize = 1;
/// Generator: state (small int: created, suspended, running, done).
pub const GEN_STATE: usize = 2;
/// Coroutine: the registry index of its code (small int), for the warning when it is
/// collected without ever having started; NULL in other generators. The fourth word of the
/// generator's one block, so it costs no heap.
pub const GEN_CORO_CODE: usize = 3;

/// Property: getter.
pub const PROP_FGET: usize = 1;
/// Property: setter.
pub const PROP_FSET: usize = 2;
/// Property: deleter.
pub const PROP_FDEL: usize = 3;

/// Staticmethod/classmethod: the wrapped function.
pub const WRAPPED_FUNC: usize = 1;

/// Super: the class the lookup starts after.
pub const SUPER_CLASS: usize = 1;
/// Super: the bound object (instance or class).
pub const SUPER_SELF: usize = 2;

/// Dict view (keys/values/items by aux): the dict.
pub const VIEW_DICT: usize = 1;

/// Memoryview: the viewed `bytes` or `bytearray`.
pub const MV_BASE: usize = 1;
/// Memoryview: first viewed byte of the base (small int).
pub const MV_START: usize = 2;
/// Memoryview: number of viewed bytes (small int).
pub const MV_LEN: usize = 3;

/// Builtin iterator (`crate::obj::iter::IterKind` in aux): first field (what it walks).
pub const ITER_A: usize = 1;
/// Builtin iterator: second field (usually the position).
pub const ITER_B: usize = 2;
/// Builtin iterator: third field.
pub const ITER_C: usize = 3;
/// Iterator field D (dict iterators: items still to come).
pub const ITER_D: usize = 4;

/// Code field: registry index. A code object holds its tables inline: its header and the six
/// fields below, then its constants, its names and its variable names (one object instead of
/// four: the compiled code stays beside the heap, see `crate::obj::func`).
pub const CO_INDEX: usize = 1;
/// Code field: frame shape for the fast call path, a small int
/// `slots | max_stack << SHAPE_STACK_SHIFT | SHAPE_HAS_FREE` (`slots`: locals then free
/// variables; the flag when there are free variables), or -1 when calls need full argument
/// binding (cell variables, keyword-only parameters, `*args`/`**kwargs`, generators,
/// oversized frames).
pub const CO_FAST_SHAPE: usize = 2;
/// Code field: positional parameter count (small int).
pub const CO_ARGCOUNT: usize = 3;
/// Code field: number of free variables (small int), the last `slots` of the fast shape, which
/// the fast call path fills from the function's closure.
pub const CO_NFREE: usize = 4;
/// Code field: the word where its names start (small int); its variable names follow them.
pub const CO_NAMES: usize = 5;
/// Code field: the first constant.
pub const CO_CONSTS: usize = 6;

/// Function field: code. A function is these four words (one block): its `__qualname__`
/// comes from its code and `__module__` from its globals when asked, unless assigned (then
/// they are in its attribute dict).
pub const FN_CODE: usize = 1;
/// Function field: globals dict.
pub const FN_GLOBALS: usize = 2;
/// Function field: NULL, its defaults tuple, or an `Array` of the fields below (when it has
/// keyword-only defaults, a closure or an attribute dict), read and written through
/// `Runtime::fn_get`/`fn_set`.
pub const FN_EXTRA: usize = 3;
/// Words of a function object.
pub const FN_WORDS: usize = 4;
/// Function extra field: defaults tuple or NULL.
pub const FN_DEFAULTS: usize = 1;
/// Function extra field: keyword-only defaults dict or NULL.
pub const FN_KWDEFAULTS: usize = 2;
/// Function extra field: closure tuple or NULL.
pub const FN_CLOSURE: usize = 3;
/// Function extra field: attribute dict or NULL.
pub const FN_DICT: usize = 4;

/// Class field: name.
pub const C_NAME: usize = 1;
/// Class field: bases tuple.
pub const C_BASES: usize = 2;
/// Class field: MRO tuple (the class first).
pub const C_MRO: usize = 3;
/// Class field: namespace dict.
pub const C_DICT: usize = 4;

/// Frame word: stack pointer (small int).
pub const F_SP: usize = 1;
/// Frame word: heap code object.
pub const F_CODE: usize = 2;
/// Frame word: globals dict.
pub const F_GLOBALS: usize = 3;
/// Frame word: locals dict (module and class bodies) or NULL.
pub const F_LOCALS: usize = 4;
/// Frame word: calling frame or NULL.
pub const F_BACK: usize = 5;
/// Frame word: saved pc (small int).
pub const F_PC: usize = 6;
/// Frame word: flags (small int): continuation kind, entry, generator.
pub const F_FLAGS: usize = 7;
/// Frame word: continuation argument.
pub const F_CONT: usize = 8;
/// Frame word: owning generator or NULL.
pub const F_GEN: usize = 9;
/// First fast-local word.
pub const F_LOCALS0: usize = 10;
