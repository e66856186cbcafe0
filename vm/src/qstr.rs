//! Interned names (qstrs): a static table compiled into the VM plus names interned at run time.
//!
//! A qstr is a `Value` tag, so an interned short name never allocates on use. The constant
//! qstrs (named here, and the frozen modules' names from `build.rs`) are constant data with
//! their hashes and their order by hash, all computed at compile time: on a board they live in
//! flash and start-up builds nothing. Dynamic qstrs keep their text in heap `str` objects that
//! the table roots; their open-addressed index lives beside the arena as VM bookkeeping.

use crate::value::Value;
use alloc::vec;
use alloc::vec::Vec;

macro_rules! static_qstrs {
    ($($id:ident = $s:literal),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[repr(u32)]
        enum QIdx { $($id),* }
        // A named qstr's id is its rank by hash (see `NAMED_BY_HASH`), not its place here.
        $(#[doc = concat!("The static qstr `", $s, "`.")]
        pub const $id: u32 = NAMED_RANK[QIdx::$id as usize] as u32;)*
        /// The texts of the named qstrs end to end, in the order they are declared.
        const DECLARED_TEXT: &str = concat!($($s),*);
        /// Where each declared text ends in [`DECLARED_TEXT`].
        const DECLARED_ENDS: [u16; [$($s),*].len()] = text_ends([$($s.len()),*]);
    };
}

/// The end offsets of texts of lengths `lens` laid end to end.
const fn text_ends<const N: usize>(lens: [usize; N]) -> [u16; N] {
    let mut ends = [0u16; N];
    let (mut at, mut i) = (0, 0);
    while i < N {
        at += lens[i];
        assert!(at <= u16::MAX as usize, "static qstr text past 64 KiB");
        ends[i] = at as u16;
        i += 1;
    }
    ends
}

/// Text `i` of `text`, whose texts end at `ends`.
fn nth_text(text: &'static str, ends: &[u16], i: usize) -> Option<&'static str> {
    let end = usize::from(*ends.get(i)?);
    let start = i
        .checked_sub(1)
        .and_then(|before| ends.get(before))
        .map_or(0, |&e| usize::from(e));
    text.get(start..end)
}

/// Bytes of text `i` of `text`, whose texts end at `ends`, at compile time.
const fn const_nth_bytes(text: &'static str, ends: &[u16], i: usize) -> &'static [u8] {
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    let (head, _) = text.as_bytes().split_at(ends[i] as usize);
    head.split_at(start).1
}

static_qstrs! {
    Q_EMPTY = "", Q___INIT__ = "__init__", Q___NEW__ = "__new__", Q___REPR__ = "__repr__",
    Q___STR__ = "__str__", Q___EQ__ = "__eq__", Q___NE__ = "__ne__", Q___LT__ = "__lt__",
    Q___LE__ = "__le__", Q___GT__ = "__gt__", Q___GE__ = "__ge__", Q___HASH__ = "__hash__",
    Q___LEN__ = "__len__", Q___GETITEM__ = "__getitem__", Q___SETITEM__ = "__setitem__",
    Q___DELITEM__ = "__delitem__", Q___CONTAINS__ = "__contains__", Q___ITER__ = "__iter__",
    Q___NEXT__ = "__next__", Q___CALL__ = "__call__", Q___ENTER__ = "__enter__",
    Q___EXIT__ = "__exit__", Q___BOOL__ = "__bool__", Q___GETATTR__ = "__getattr__",
    Q___NAME__ = "__name__", Q___QUALNAME__ = "__qualname__", Q___MODULE__ = "__module__",
    Q___CLASS__ = "__class__", Q___DICT__ = "__dict__", Q___DOC__ = "__doc__",
    Q___SLOTS__ = "__slots__",
    Q___CLASSCELL__ = "__classcell__", Q___MAIN__ = "__main__", Q___FILE__ = "__file__",
    Q___BUILD_CLASS__ = "__build_class__", Q___TRACEBACK__ = "__traceback__",
    Q___CAUSE__ = "__cause__", Q___CONTEXT__ = "__context__", Q___NEG__ = "__neg__",
    Q___POS__ = "__pos__", Q___INVERT__ = "__invert__", Q___ABS__ = "__abs__",
    Q___INDEX__ = "__index__", Q___INT__ = "__int__", Q___FLOAT__ = "__float__",
    Q___BASES__ = "__bases__", Q___MRO__ = "__mro__", Q___PATH__ = "__path__",
    Q___ADD__ = "__add__", Q___SUB__ = "__sub__", Q___MUL__ = "__mul__",
    Q___TRUEDIV__ = "__truediv__", Q___FLOORDIV__ = "__floordiv__", Q___MOD__ = "__mod__",
    Q___POW__ = "__pow__", Q___LSHIFT__ = "__lshift__", Q___RSHIFT__ = "__rshift__",
    Q___AND__ = "__and__", Q___OR__ = "__or__", Q___XOR__ = "__xor__", Q___MATMUL__ = "__matmul__",
    Q___RADD__ = "__radd__", Q___RSUB__ = "__rsub__", Q___RMUL__ = "__rmul__",
    Q___RTRUEDIV__ = "__rtruediv__", Q___RFLOORDIV__ = "__rfloordiv__", Q___RMOD__ = "__rmod__",
    Q___RPOW__ = "__rpow__", Q___RLSHIFT__ = "__rlshift__", Q___RRSHIFT__ = "__rrshift__",
    Q___RAND__ = "__rand__", Q___ROR__ = "__ror__", Q___RXOR__ = "__rxor__",
    Q___RMATMUL__ = "__rmatmul__",
    Q___IADD__ = "__iadd__", Q___ISUB__ = "__isub__", Q___IMUL__ = "__imul__",
    Q___ITRUEDIV__ = "__itruediv__", Q___IFLOORDIV__ = "__ifloordiv__", Q___IMOD__ = "__imod__",
    Q___IPOW__ = "__ipow__", Q___ILSHIFT__ = "__ilshift__", Q___IRSHIFT__ = "__irshift__",
    Q___IAND__ = "__iand__", Q___IOR__ = "__ior__", Q___IXOR__ = "__ixor__",
    Q___IMATMUL__ = "__imatmul__", Q___SET_NAME__ = "__set_name__",
    Q___INIT_SUBCLASS__ = "__init_subclass__", Q___DELATTR__ = "__delattr__",
    Q___SETATTR__ = "__setattr__", Q___FORMAT__ = "__format__", Q___REVERSED__ = "__reversed__",
    Q___DIR__ = "__dir__", Q___IMPORT__ = "__import__",
    Q_ARGS = "args", Q_STRERROR = "strerror", Q___SUPPRESS_CONTEXT__ = "__suppress_context__",
    Q___ROUND__ = "__round__", Q_ISPRINTABLE = "isprintable", Q_VARS = "vars", Q_BASE = "base", Q_MAXSPLIT = "maxsplit", Q_VALUE = "value", Q_ERRNO = "errno", Q_CODE = "code", Q_MSG = "msg",
    Q_FILENAME = "filename", Q_LINENO = "lineno", Q_OFFSET = "offset", Q_TEXT = "text",
    Q_NAME = "name", Q_SELF = "self", Q_KEY = "key", Q_REVERSE = "reverse", Q_DEFAULT = "default",
    Q_SEP = "sep", Q_END = "end", Q_FILE = "file", Q_FLUSH = "flush", Q_START = "start",
    Q_APPEND = "append", Q_EXTEND = "extend", Q_INSERT = "insert", Q_POP = "pop",
    Q_REMOVE = "remove", Q_INDEX = "index", Q_COUNT = "count", Q_SORT = "sort",
    Q_CLEAR = "clear", Q_COPY = "copy", Q_KEYS = "keys", Q_VALUES = "values", Q_ITEMS = "items",
    Q_GET = "get", Q_UPDATE = "update", Q_SETDEFAULT = "setdefault", Q_POPITEM = "popitem",
    Q_FROMKEYS = "fromkeys", Q_ADD = "add", Q_DISCARD = "discard", Q_UNION = "union",
    Q_INTERSECTION = "intersection", Q_DIFFERENCE = "difference",
    Q_SYMMETRIC_DIFFERENCE = "symmetric_difference", Q_ISSUBSET = "issubset",
    Q_ISSUPERSET = "issuperset", Q_ISDISJOINT = "isdisjoint",
    Q_INTERSECTION_UPDATE = "intersection_update", Q_DIFFERENCE_UPDATE = "difference_update",
    Q_SYMMETRIC_DIFFERENCE_UPDATE = "symmetric_difference_update",
    Q_SPLIT = "split", Q_RSPLIT = "rsplit", Q_JOIN = "join", Q_STRIP = "strip",
    Q_LSTRIP = "lstrip", Q_RSTRIP = "rstrip", Q_REPLACE = "replace", Q_FIND = "find",
    Q_RFIND = "rfind", Q_RINDEX = "rindex", Q_STARTSWITH = "startswith",
    Q_ENDSWITH = "endswith", Q_UPPER = "upper", Q_LOWER = "lower", Q_FORMAT = "format",
    Q_ENCODE = "encode", Q_DECODE = "decode", Q_ISDIGIT = "isdigit", Q_ISALPHA = "isalpha",
    Q_ISALNUM = "isalnum", Q_ISSPACE = "isspace", Q_ISUPPER = "isupper", Q_ISLOWER = "islower",
    Q_ISDECIMAL = "isdecimal", Q_ISNUMERIC = "isnumeric", Q_ISIDENTIFIER = "isidentifier",
    Q_TITLE = "title", Q_CAPITALIZE = "capitalize", Q_SWAPCASE = "swapcase",
    Q_CENTER = "center", Q_LJUST = "ljust", Q_RJUST = "rjust", Q_ZFILL = "zfill",
    Q_SPLITLINES = "splitlines", Q_PARTITION = "partition", Q_RPARTITION = "rpartition",
    Q_TOBYTES = "tobytes", Q_TOLIST = "tolist", Q_RELEASE = "release", Q_READONLY = "readonly",
    Q_NBYTES = "nbytes", Q_ITEMSIZE = "itemsize", Q_CAST = "cast",
    Q_HEX = "hex", Q_FROMHEX = "fromhex", Q_CASEFOLD = "casefold", Q_EXPANDTABS = "expandtabs",
    Q_ISTITLE = "istitle", Q_REMOVEPREFIX = "removeprefix", Q_REMOVESUFFIX = "removesuffix",
    Q_BIT_LENGTH = "bit_length", Q_TO_BYTES = "to_bytes", Q_FROM_BYTES = "from_bytes",
    Q_CONJUGATE = "conjugate", Q_REAL = "real", Q_IMAG = "imag", Q_IS_INTEGER = "is_integer",
    Q_NUMERATOR = "numerator", Q_DENOMINATOR = "denominator",
    Q_ISASCII = "isascii", Q_TRANSLATE = "translate", Q_MAKETRANS = "maketrans",
    Q_ENCODING = "encoding", Q_ERRORS = "errors", Q_KEEPENDS = "keepends",
    Q_AS_INTEGER_RATIO = "as_integer_ratio", Q_BIT_COUNT = "bit_count",
    Q___MISSING__ = "__missing__", Q___DEFAULTS__ = "__defaults__",
    Q___KWDEFAULTS__ = "__kwdefaults__", Q___CODE__ = "__code__", Q___GLOBALS__ = "__globals__",
    Q___CLOSURE__ = "__closure__", Q___GET__ = "__get__", Q___SET__ = "__set__",
    Q___DELETE__ = "__delete__", Q___ANNOTATIONS__ = "__annotations__",
    Q_SEND = "send", Q_THROW = "throw", Q_CLOSE = "close", Q_WRITE = "write",
    Q_INDICES = "indices", Q_STEP = "step", Q_STOP = "stop",
    Q_GETTER = "getter", Q_SETTER = "setter", Q_DELETER = "deleter", Q_FGET = "fget",
    Q_FSET = "fset", Q_FDEL = "fdel", Q_MRO = "mro", Q___FUNC__ = "__func__",
    Q___SELF__ = "__self__", Q_WITH_TRACEBACK = "with_traceback", Q_TB_LINENO = "tb_lineno",
    Q_ARGV = "argv", Q_PATH = "path", Q_MODULES = "modules", Q_STDOUT = "stdout",
    Q_STDERR = "stderr", Q_STDIN = "stdin", Q_BYTEORDER = "byteorder", Q_LITTLE = "little",
    Q_BIG = "big", Q_SIGNED = "signed", Q_ASCII = "ascii", Q_UTF_8 = "utf-8",
    Q_BUILTINS = "builtins", Q_SYS = "sys", Q_GC = "gc", Q_MATH = "math", Q_TIME = "time",
    Q_MICROPYTHON = "micropython", Q_MOTE = "mote", Q__ = "_",
    Q_LAMBDA = "<lambda>", Q_MODULE = "<module>", Q_LISTCOMP = "<listcomp>",
    Q_GENEXPR = "<genexpr>", Q___AWAIT__ = "__await__", Q___AENTER__ = "__aenter__",
    Q___AEXIT__ = "__aexit__", Q___AITER__ = "__aiter__", Q___ANEXT__ = "__anext__",
    Q___COMPLEX__ = "__complex__",
    // The bases of the MemoryError instance `Runtime::init` makes: constant, so start-up
    // interns nothing for them even without the frozen modules that name them.
    Q_BASEEXCEPTION = "BaseException", Q_EXCEPTION = "Exception",
}

include!(concat!(env!("OUT_DIR"), "/frozen_qstrs.rs"));

/// Number of the qstrs named above (`Q_…`, ids from 0).
pub const NNAMED: usize = DECLARED_ENDS.len();

/// Number of qstrs whose text is constant data: the ones named above, then the frozen
/// modules' names ([`FROZEN_TEXT`], ids from [`NNAMED`]). Dynamic qstrs follow.
pub const NSTATIC: usize = NNAMED + FROZEN_ENDS.len();

/// Text of constant qstr `id` (one of the first [`NSTATIC`]).
#[inline]
pub fn static_text(id: u32) -> Option<&'static str> {
    let i = id as usize;
    match i.checked_sub(NNAMED) {
        None => nth_text(STATIC_TEXT, &STATIC_ENDS, i),
        Some(frozen) => nth_text(FROZEN_TEXT, FROZEN_ENDS, frozen),
    }
}

/// The hashes of the named qstrs in the order they are declared.
const DECLARED_HASHES: [u32; NNAMED] = {
    let mut hashes = [0; NNAMED];
    let mut i = 0;
    while i < NNAMED {
        hashes[i] = hash_bytes(const_nth_bytes(DECLARED_TEXT, &DECLARED_ENDS, i));
        i += 1;
    }
    hashes
};

/// The hashes of the frozen modules' names by id less [`NNAMED`].
const FROZEN_HASHES: [u32; NSTATIC - NNAMED] = {
    let mut hashes = [0; NSTATIC - NNAMED];
    let mut i = 0;
    while i < hashes.len() {
        hashes[i] = hash_bytes(const_nth_bytes(FROZEN_TEXT, FROZEN_ENDS, i));
        i += 1;
    }
    hashes
};

/// The indices `0..N` ordered by `hashes[i]` (a heap sort: compile-time code has no `sort`).
const fn order_by_hash<const N: usize>(hashes: &[u32; N]) -> [u16; N] {
    assert!(N <= u16::MAX as usize, "more constant qstrs than u16 ids");
    let mut ids = [0u16; N];
    let mut i = 0;
    while i < N {
        ids[i] = i as u16;
        i += 1;
    }
    let mut end = N;
    let mut start = N / 2;
    while end > 1 {
        if start > 0 {
            start -= 1;
        } else {
            end -= 1;
            let top = ids[0];
            ids[0] = ids[end];
            ids[end] = top;
        }
        let mut parent = start;
        loop {
            let mut child = 2 * parent + 1;
            if child >= end {
                break;
            }
            if child + 1 < end && hashes[ids[child + 1] as usize] > hashes[ids[child] as usize] {
                child += 1;
            }
            if hashes[ids[child] as usize] <= hashes[ids[parent] as usize] {
                break;
            }
            let swap = ids[parent];
            ids[parent] = ids[child];
            ids[child] = swap;
            parent = child;
        }
    }
    ids
}

/// The declaration indices of the named qstrs in order of hash: entry `id` is the named qstr
/// with id `id`. Numbering them so makes the ids themselves the order to search by halves,
/// with no table of ids in flash.
const NAMED_BY_HASH: [u16; NNAMED] = order_by_hash(&DECLARED_HASHES);

/// The id of each named qstr by declaration index (the inverse of [`NAMED_BY_HASH`]).
const NAMED_RANK: [u16; NNAMED] = {
    let mut rank = [0u16; NNAMED];
    let mut id = 0;
    while id < NNAMED {
        rank[NAMED_BY_HASH[id] as usize] = id as u16;
        id += 1;
    }
    rank
};

/// The named qstrs' texts end to end in id order (natives tables take their names from it
/// where they can, see `builtins::native::names_layout`).
pub(crate) const NAMED_TEXT: [u8; DECLARED_TEXT.len()] = {
    let mut text = [0u8; DECLARED_TEXT.len()];
    let (mut at, mut id) = (0, 0);
    while id < NNAMED {
        let bytes = const_nth_bytes(DECLARED_TEXT, &DECLARED_ENDS, NAMED_BY_HASH[id] as usize);
        let mut j = 0;
        while j < bytes.len() {
            text[at] = bytes[j];
            at += 1;
            j += 1;
        }
        id += 1;
    }
    text
};

/// The texts of the named qstrs end to end, in id order.
pub(crate) static STATIC_TEXT: &str = match core::str::from_utf8(&NAMED_TEXT) {
    Ok(text) => text,
    Err(_) => panic!("the named qstrs' texts are whole strs laid end to end"),
};

/// Where each named qstr's text ends in [`STATIC_TEXT`]: two bytes each where a table of
/// `&str` took eight.
static STATIC_ENDS: [u16; NNAMED] = NAMED_ENDS;

/// [`STATIC_ENDS`] at compile time (natives tables look their names up in it).
pub(crate) const NAMED_ENDS: [u16; NNAMED] = {
    let mut ends = [0u16; NNAMED];
    let (mut at, mut id) = (0, 0);
    while id < NNAMED {
        let i = NAMED_BY_HASH[id] as usize;
        at += const_nth_bytes(DECLARED_TEXT, &DECLARED_ENDS, i).len();
        ends[id] = at as u16;
        id += 1;
    }
    ends
};

/// String hashes of the constant qstrs by id (ascending over the named ones), computed at
/// compile time so that they live in flash: a board's RAM holds no table for them.
static STATIC_HASHES: [u32; NSTATIC] = {
    let mut hashes = [0; NSTATIC];
    let mut id = 0;
    while id < NNAMED {
        hashes[id] = DECLARED_HASHES[NAMED_BY_HASH[id] as usize];
        id += 1;
    }
    while id < NSTATIC {
        hashes[id] = FROZEN_HASHES[id - NNAMED];
        id += 1;
    }
    hashes
};

/// The frozen modules' names (ids less [`NNAMED`]) in order of hash, searched by halves.
static FROZEN_BY_HASH: [u16; NSTATIC - NNAMED] = order_by_hash(&FROZEN_HASHES);

/// The constant qstr with text `text` (hash `hash`).
fn find_static(text: &[u8], hash: u32) -> Option<u32> {
    // Read with `get`, not indexing: every id is below NSTATIC, and this spares the panics.
    let hash_of = |id: u32| STATIC_HASHES.get(id as usize).copied();
    let is_text = |id: &u32| static_text(*id).is_some_and(|s| s.as_bytes() == text);
    let named = STATIC_HASHES.get(..NNAMED).unwrap_or_default();
    let first = named.partition_point(|&h| h < hash) as u32;
    if let Some(id) = (first..NNAMED as u32)
        .take_while(|&id| hash_of(id) == Some(hash))
        .find(is_text)
    {
        return Some(id);
    }
    let first =
        FROZEN_BY_HASH.partition_point(|&f| hash_of(NNAMED as u32 + u32::from(f)) < Some(hash));
    FROZEN_BY_HASH
        .get(first..)
        .unwrap_or_default()
        .iter()
        .map(|&f| NNAMED as u32 + u32::from(f))
        .take_while(|&id| hash_of(id) == Some(hash))
        .find(is_text)
}

/// Enter dynamic qstr `id` (string hash `hash`) in open-addressed `index` (a power of two
/// long, with a free slot), walked with `get` rather than indexing: no bounds-check panics.
fn insert_into(index: &mut [u32], hash: u32, id: u32) {
    let mask = index.len().wrapping_sub(1);
    let mut i = hash as usize & mask;
    while let Some(slot) = index.get_mut(i) {
        if *slot == 0 {
            *slot = id + 1;
            return;
        }
        i = (i + 1) & mask;
    }
}

/// The qstr table: the constant qstrs are found by their hashes (see [`find_static`]), the dynamic ones
/// through an open-addressed index of their own.
pub struct Qstrs {
    /// Heap `str` objects of the dynamic qstrs, id `NSTATIC + i`.
    pub dynamic: Vec<Value>,
    hashes: Vec<u32>,
    /// Slots of `NSTATIC + i + 1` for dynamic qstr `i`, 0 for an empty slot; empty until the
    /// first dynamic qstr.
    index: Vec<u32>,
}

/// The string hash used by `str`, qstrs and dicts (FNV-1a, folded to 30 bits so it fits a
/// small int).
pub const fn hash_bytes(b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u32;
        h = h.wrapping_mul(0x0100_0193);
        i += 1;
    }
    h & 0x3fff_ffff
}

impl Default for Qstrs {
    fn default() -> Self {
        Self::new()
    }
}

impl Qstrs {
    /// A table holding the constant qstrs (and no dynamic ones: it allocates nothing).
    pub fn new() -> Qstrs {
        Qstrs {
            dynamic: Vec::new(),
            hashes: Vec::new(),
            index: Vec::new(),
        }
    }

    /// Index slots for `n` dynamic qstrs: at most two thirds full.
    fn index_len(n: usize) -> usize {
        (n * 3 / 2 + 1).next_power_of_two()
    }

    /// The string hash of qstr `id`.
    #[inline]
    pub fn hash(&self, id: u32) -> u32 {
        let i = id as usize;
        match STATIC_HASHES.get(i) {
            Some(h) => *h,
            None => self.hashes.get(i - NSTATIC).copied().unwrap_or(0),
        }
    }

    /// Number of qstrs.
    pub fn len(&self) -> usize {
        NSTATIC + self.dynamic.len()
    }

    /// Is the table empty (never: the static names are always there)?
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Find `text`; `text_of` yields the text of a dynamic qstr's heap string.
    pub fn find<'a>(&'a self, text: &[u8], text_of: &dyn Fn(Value) -> &'a [u8]) -> Option<u32> {
        let hash = hash_bytes(text);
        if let Some(id) = find_static(text, hash) {
            return Some(id);
        }
        if self.index.is_empty() {
            return None;
        }
        let mask = self.index.len() - 1;
        let mut i = hash as usize & mask;
        // Slots and strings are read with `get`, not indexing: no bounds-check panics.
        while let Some(&slot) = self.index.get(i) {
            if slot == 0 {
                return None;
            }
            let id = slot - 1;
            let string = self.dynamic.get((id as usize).wrapping_sub(NSTATIC));
            if string.is_some_and(|&s| text_of(s) == text) {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
        None
    }

    /// Add a dynamic qstr whose text (hash `hash`) is in heap string `s`; the caller checked
    /// that it is new.
    pub fn add(&mut self, hash: u32, s: Value) -> u32 {
        let id = self.len() as u32;
        self.dynamic.push(s);
        self.hashes.push(hash);
        if Qstrs::index_len(self.dynamic.len()) > self.index.len() {
            self.index = vec![0; Qstrs::index_len(self.dynamic.len())];
            for (i, &h) in self.hashes.iter().enumerate() {
                insert_into(&mut self.index, h, (NSTATIC + i) as u32);
            }
        } else {
            insert_into(&mut self.index, hash, id);
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_constant_qstr_is_found_with_its_own_id_and_hash() {
        let q = Qstrs::new();
        let no_heap = |_: Value| -> &[u8] { unreachable!("no dynamic qstrs") };
        for id in 0..NSTATIC as u32 {
            let text = static_text(id).expect("a constant qstr's text");
            let found = q.find(text.as_bytes(), &no_heap).expect("found");
            assert_eq!(static_text(found), Some(text), "id {id}");
            assert_eq!(q.hash(id), hash_bytes(text.as_bytes()), "id {id}");
        }
        assert_eq!(q.find(b"no such name here", &no_heap), None);
    }

    #[test]
    fn dynamic_qstrs_grow_their_own_index_and_never_shadow_constant_ones() {
        // Stand-ins for heap strings: small int `i` is the text `texts[i]`.
        let texts: Vec<alloc::string::String> =
            (0..500).map(|i| alloc::format!("name_{i}")).collect();
        let find = |q: &Qstrs, text: &[u8]| {
            q.find(text, &|v: Value| {
                texts[v.as_small().unwrap_or(0) as usize].as_bytes()
            })
        };
        let mut q = Qstrs::new();
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(find(&q, t.as_bytes()), None);
            let id = q.add(hash_bytes(t.as_bytes()), Value::small(i as i32));
            assert_eq!(id as usize, NSTATIC + i);
        }
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(find(&q, t.as_bytes()), Some((NSTATIC + i) as u32));
            assert_eq!(q.hash((NSTATIC + i) as u32), hash_bytes(t.as_bytes()));
        }
        assert_eq!(find(&q, b"__init__"), Some(Q___INIT__));
        assert_eq!(q.len(), NSTATIC + texts.len());
    }

    #[test]
    fn the_named_ids_are_ordered_by_hash_and_the_frozen_index_covers_the_rest() {
        let named = &STATIC_HASHES[..NNAMED];
        assert!(named.windows(2).all(|w| w[0] <= w[1]));
        let frozen: Vec<u32> = FROZEN_BY_HASH
            .iter()
            .map(|&f| STATIC_HASHES[NNAMED + usize::from(f)])
            .collect();
        assert!(frozen.windows(2).all(|w| w[0] <= w[1]));
        let mut ids: Vec<u16> = FROZEN_BY_HASH.to_vec();
        ids.sort_unstable();
        assert!(ids.iter().copied().eq(0..(NSTATIC - NNAMED) as u16));
        assert_eq!(static_text(Q___INIT__), Some("__init__"));
        assert_eq!(static_text(Q_EMPTY), Some(""));
        assert_eq!(static_text(Q_EXCEPTION), Some("Exception"));
    }
}
