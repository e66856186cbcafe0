//! The natives registry: one row per native function, declaring everything a call needs.
//!
//! A native is a Rust function with a row in a table: its name, its owner (the builtins module,
//! builtin types, or the module whose table it sits in) and how it is called: whether it is a
//! method (its receiver is `args[0]`, so a call without arguments is refused before it runs) and
//! whether it accepts keyword arguments (MicroPython's `MP_DEFINE_CONST_FUN_OBJ_KW`). Tables are
//! `static`s (flash on a board), and the [`native_table!`](crate::native_table) macro that
//! declares one also names the index of every row, so no other table has to agree with it.
//!
//! A native's id is `table << TABLE_SHIFT | index`: table 0 is the builtins and builtin-type
//! methods (`crate::builtins`), every other table is a registered module's
//! (`crate::modules::table`). Embedders declare their own modules the same way and register them
//! with `Vm::register_module`.

use crate::runtime::{PyResult, Runtime, TypeId};
use crate::value::Value;

/// A native function: receives the positional arguments followed by the keyword values;
/// `kwnames` (a tuple, or NULL) names the trailing keyword values. Arguments stay rooted by the
/// caller.
pub type NativeFn = fn(&mut Runtime, &[Value], Value) -> PyResult<Value>;

/// Who a native belongs to (what finds it by name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// A function of the `builtins` module.
    Builtins,
    /// A method of these builtin types (from [`types`]; kept in test builds only, see
    /// [`TypeBits`]).
    Types(TypeBits),
    /// `__next__`/`__iter__` of every builtin iterator (and generators).
    Iterators,
    /// A special method of builtin types (`dunder::type_has` says which types have it).
    Dunder,
    /// Stored in class namespaces (`object`, `BaseException`) and bound to instances there.
    Classes,
    /// A function or method of the module whose table holds it.
    Module,
}

// `Owner::Types` holds a bit per builtin type (in test builds).
const _: () = assert!(crate::runtime::NTYPES <= 64);
// Outside tests a row takes two words on 32-bit targets (see `TypeBits`, `Native` and `Natives`).
#[cfg(all(target_pointer_width = "32", not(test)))]
const _: () = assert!(core::mem::size_of::<Native>() == 8);

/// The builtin types a method row of [`Owner::Types`] belongs to. Methods are found at run
/// time by the per-type index (`methods::lookup`, `dunder::lookup`), never by these sets: they
/// are the rows' declaration of their types, which the VM's unit tests check that index
/// against (`method_index_agrees_with_the_rows`). So only test builds keep the bits (a `u64`);
/// elsewhere the set is empty and takes no room in a [`Native`] row.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeBits(u64);

/// The builtin types a method row belongs to: empty outside test builds (see the test
/// build's `TypeBits`).
#[cfg(not(test))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeBits;

#[cfg(test)]
impl TypeBits {
    /// Is the builtin type numbered `i` in the set?
    pub fn has(self, i: usize) -> bool {
        i < 64 && self.0 & (1 << i) != 0
    }
}

/// The set of builtin types `ts`, for [`Owner::Types`].
#[cfg(test)]
pub const fn types(ts: &[TypeId]) -> TypeBits {
    let mut m = 0u64;
    let mut i = 0;
    while i < ts.len() {
        m |= 1 << (ts[i] as u32);
        i += 1;
    }
    TypeBits(m)
}

/// The set of builtin types `ts`, for [`Owner::Types`] (kept in test builds only).
#[cfg(not(test))]
pub const fn types(ts: &[TypeId]) -> TypeBits {
    let _ = ts;
    TypeBits
}

/// How a row is called, as written in [`native_table!`](crate::native_table).
#[derive(Clone, Copy)]
pub enum Flag {
    /// Receiver in `args[0]`: a call with no arguments is a TypeError before the native runs.
    /// In a module's table, a method belongs to the module's classes: it is not exported by
    /// name and binds when found on a class.
    Method,
    /// Accepts keyword arguments (without it, a call with keywords is a TypeError).
    Kw,
}

/// Refusal bit: the call has no arguments (set on methods).
pub const REFUSE_NO_ARGS: u8 = 1;
/// Refusal bit: the call names keywords (set unless the native takes keywords).
pub const REFUSE_KW: u8 = 2;

/// The refusal bits of a row with these flags.
pub const fn refusals(flags: &[Flag]) -> u8 {
    let mut r = REFUSE_KW;
    let mut i = 0;
    while i < flags.len() {
        match flags[i] {
            Flag::Method => r |= REFUSE_NO_ARGS,
            Flag::Kw => r &= !REFUSE_KW,
        }
        i += 1;
    }
    r
}

/// One row of a natives table.
#[derive(Clone, Copy)]
pub struct Native {
    /// The implementation.
    pub f: NativeFn,
    /// Where the Python-visible name (`__name__`, error messages, the module attribute) starts:
    /// in the named qstrs' text with [`IN_QSTR_TEXT`] set, else in its table's
    /// [`Natives::names`]; read it with [`Natives::name_of`]. Bits 0-13 are the offset; bit 14
    /// is the sixth bit of the name's length, whose other five are in `shape`.
    pub name_at: u16,
    /// Everything else about the row in one halfword (read through the methods): the refusal
    /// bits (bits 0-1), the fewest positional arguments (2-3), the most (4-7, [`MAX_ANY`]: no
    /// limit), the name's length but for its sixth bit (8-12) and the owner (13-15). Separate
    /// bytes made a row 12 bytes on 32-bit targets, this one 8 (about 1.2 KB of flash over the
    /// minimal VM's rows); the arity check of a call stays a few shifts.
    shape: u16,
    /// The builtin types of an [`Owner::Types`] row (test builds only, see [`TypeBits`]).
    #[cfg(test)]
    types: TypeBits,
}

/// The 4-bit `max_args` field of a row that takes any number of positional arguments.
const MAX_ANY: u16 = 15;

/// A natives table: its rows and their names. The names lie end to end in one text rather than
/// as a `&str` in every row (two words), which would make the rows half as large again.
/// `&Natives<[Native; N]>` coerces to `&Natives` and derefs to the rows.
pub struct Natives<T: ?Sized = [Native]> {
    /// The rows' names end to end.
    pub names: &'static str,
    /// The rows.
    pub rows: T,
}

/// The table of a module without natives.
pub static NO_NATIVES: Natives<[Native; 0]> = Natives {
    names: "",
    rows: [],
};

/// Bit of [`Native::name_at`]: the name lies in the named qstrs' text, not the table's.
pub const IN_QSTR_TEXT: u16 = 1 << 15;

/// The bits of [`Native::name_at`] that hold the name's offset in its text.
const NAME_OFFSET: u16 = (1 << 14) - 1;

impl<T: ?Sized> Natives<T> {
    /// The name of row `n` (one of this table's).
    pub fn name_of(&self, n: &Native) -> &'static str {
        let text = if n.name_at & IN_QSTR_TEXT != 0 {
            crate::qstr::STATIC_TEXT
        } else {
            self.names
        };
        let at = n.name_at & NAME_OFFSET;
        let at = usize::from(at);
        text.get(at..at + n.name_len()).unwrap_or("")
    }
}

impl<const N: usize> core::ops::Deref for Natives<[Native; N]> {
    type Target = [Native];
    fn deref(&self) -> &[Native] {
        &self.rows
    }
}

impl core::ops::Deref for Natives {
    type Target = [Native];
    fn deref(&self) -> &[Native] {
        &self.rows
    }
}

/// Total length of `names`, for [`native_table!`](crate::native_table).
pub const fn names_len(names: &[&str]) -> usize {
    let (mut len, mut i) = (0, 0);
    while i < names.len() {
        len += names[i].len();
        i += 1;
    }
    len
}

/// Where the named qstr whose text is `b` starts in their text, at compile time. Whole
/// qstrs only: a search of the whole text for every name takes the compiler too long.
const fn find_qstr(b: &[u8]) -> Option<usize> {
    let (text, ends) = (&crate::qstr::NAMED_TEXT, &crate::qstr::NAMED_ENDS);
    let mut id = 0;
    while id < ends.len() {
        let start = if id == 0 { 0 } else { ends[id - 1] as usize };
        if ends[id] as usize - start == b.len() {
            let mut m = 0;
            while m < b.len() && text[start + m] == b[m] {
                m += 1;
            }
            if m == b.len() {
                return Some(start);
            }
        }
        id += 1;
    }
    None
}

/// Where `b` occurs in `text` (its first `len` bytes), at compile time.
const fn find_bytes(text: &[u8], len: usize, b: &[u8]) -> Option<usize> {
    let mut at = 0;
    while at + b.len() <= len {
        let mut m = 0;
        while m < b.len() && text[at + m] == b[m] {
            m += 1;
        }
        if m == b.len() {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// `names` laid out for [`native_table!`](crate::native_table): where each starts, the
/// table's own text (in a buffer `L` long) and its length. A name that is a named qstr (a
/// method's, a dunder's) is read from their text ([`IN_QSTR_TEXT`]); the others go in the
/// table's text longest first, each reusing a copy already there (its own or inside a longer
/// one: `find` in `rfind`). Equal names in several rows (`pop`, `copy`) and the names the
/// qstrs hold would otherwise cost more than the rows' literals did, which the compiler merged.
pub const fn names_layout<const N: usize, const L: usize>(
    names: &[&str; N],
) -> ([u16; N], [u8; L], usize) {
    let mut starts = [0u16; N];
    let mut text = [0u8; L];
    let mut len = 0;
    let mut placed = [false; N];
    let mut k = 0;
    while k < N {
        let mut i = N;
        let mut j = 0;
        while j < N {
            if !placed[j] && (i == N || names[j].len() > names[i].len()) {
                i = j;
            }
            j += 1;
        }
        placed[i] = true;
        let b = names[i].as_bytes();
        assert!(
            b.len() <= u8::MAX as usize,
            "a native's name over 255 bytes"
        );
        let at = if let Some(at) = find_qstr(b) {
            assert!(
                at <= NAME_OFFSET as usize,
                "the named qstrs' text past 16 KiB"
            );
            at | IN_QSTR_TEXT as usize
        } else if let Some(at) = find_bytes(&text, len, b) {
            at
        } else {
            let mut m = 0;
            while m < b.len() {
                text[len + m] = b[m];
                m += 1;
            }
            len += b.len();
            assert!(
                len <= NAME_OFFSET as usize + 1,
                "a natives table's names past 16 KiB"
            );
            len - b.len()
        };
        starts[i] = at as u16;
        k += 1;
    }
    (starts, text, len)
}

/// The first `L` bytes of `text`, for [`native_table!`](crate::native_table).
pub const fn text_prefix<const L: usize>(text: &[u8]) -> [u8; L] {
    let mut out = [0u8; L];
    let mut i = 0;
    while i < L {
        out[i] = text[i];
        i += 1;
    }
    out
}

/// `max_args` of a native that takes any number of positional arguments.
pub const ANY_ARGS: u8 = u8::MAX;

/// `(min_args, max_args)` of a row declared to take `min..=max` positional arguments besides
/// its receiver (`max` [`ANY_ARGS`]: no limit).
pub const fn arity(flags: &[Flag], min: u8, max: u8) -> (u8, u8) {
    let recv = (refusals(flags) & REFUSE_NO_ARGS != 0) as u8;
    let max = if max == ANY_ARGS {
        ANY_ARGS
    } else {
        max + recv
    };
    (min + recv, max)
}

impl Native {
    /// A row (for [`native_table!`](crate::native_table)): `refuse` from [`refusals`], `min`
    /// and `max` from [`arity`].
    #[allow(clippy::too_many_arguments)]
    pub const fn new(
        f: NativeFn,
        name_at: u16,
        name_len: usize,
        owner: Owner,
        refuse: u8,
        min: u8,
        max: u8,
    ) -> Native {
        assert!(name_len < 64, "a native's name over 63 bytes");
        assert!(min < 4, "a native taking at least 4 positional arguments");
        let max = if max == ANY_ARGS {
            MAX_ANY
        } else {
            assert!(
                (max as u16) < MAX_ANY,
                "a native with a bound of 15 or more positional arguments"
            );
            max as u16
        };
        let (owner_bits, types) = match owner {
            Owner::Builtins => (0, None),
            Owner::Types(t) => (1, Some(t)),
            Owner::Iterators => (2, None),
            Owner::Dunder => (3, None),
            Owner::Classes => (4, None),
            Owner::Module => (5, None),
        };
        #[cfg(not(test))]
        let _ = types;
        Native {
            f,
            name_at: name_at | ((name_len >> 5) as u16) << 14,
            shape: refuse as u16
                | (min as u16) << 2
                | max << 4
                | (name_len as u16 & 31) << 8
                | owner_bits << 13,
            #[cfg(test)]
            types: match types {
                Some(t) => t,
                None => TypeBits(0),
            },
        }
    }

    /// Which shapes of call are refused before `f` runs: [`REFUSE_NO_ARGS`] | [`REFUSE_KW`]. A
    /// call computes the same bits for itself, so the check is one AND.
    #[inline(always)]
    pub const fn refuse(&self) -> u8 {
        (self.shape & 3) as u8
    }

    /// Fewest positional arguments, the receiver of a method included.
    #[inline(always)]
    pub const fn min_args(&self) -> u8 {
        (self.shape >> 2 & 3) as u8
    }

    /// Most positional arguments, the receiver included, as stored: 15 when there is no
    /// limit, so a call with more arguments than that takes the checked path, which reads
    /// [`Native::max_args`].
    #[inline(always)]
    pub const fn max_args_field(&self) -> u8 {
        (self.shape >> 4 & 15) as u8
    }

    /// Most positional arguments, the receiver included ([`ANY_ARGS`]: no limit).
    pub const fn max_args(&self) -> u8 {
        match self.shape >> 4 & 15 {
            MAX_ANY => ANY_ARGS,
            m => m as u8,
        }
    }

    /// Length of the name.
    pub const fn name_len(&self) -> usize {
        (self.shape >> 8 & 31) as usize | ((self.name_at >> 14 & 1) as usize * 32)
    }

    /// Who finds it by name.
    pub const fn owner(&self) -> Owner {
        match self.shape >> 13 {
            0 => Owner::Builtins,
            #[cfg(test)]
            1 => Owner::Types(self.types),
            #[cfg(not(test))]
            1 => Owner::Types(TypeBits),
            2 => Owner::Iterators,
            3 => Owner::Dunder,
            4 => Owner::Classes,
            _ => Owner::Module,
        }
    }

    /// Is the receiver `args[0]`?
    #[inline]
    pub const fn is_method(&self) -> bool {
        self.refuse() & REFUSE_NO_ARGS != 0
    }

    /// Does it accept keyword arguments?
    #[inline]
    pub const fn takes_keywords(&self) -> bool {
        self.refuse() & REFUSE_KW == 0
    }
}

/// Bits of a native id that hold its index in its table.
pub const TABLE_SHIFT: u32 = 10;
/// Most rows a table may have.
pub const TABLE_MAX: usize = 1 << TABLE_SHIFT;

/// The id of row `index` of table `table`.
#[inline]
pub const fn native_id(table: u32, index: u32) -> u32 {
    (table << TABLE_SHIFT) | index
}

/// Declare a natives table: `pub static $table: Natives<[Native; rows]>` and a `pub const` index
/// per row.
///
/// ```text
/// native_table! {
///     /// The natives of the `gc` module.
///     pub static NATIVES;
///     COLLECT = "collect" => collect, module;
///     OPEN = "open" => os::open, module kw;          // takes keywords
///     READ = "read" => file::read, module method;    // a method of the module's class
///     N_LIST_POP = "pop" => methods::list_pop, [List] method;   // owner: builtin types
///     #[cfg(feature = "x")] X = "x" => x, module;   // a row only with feature `x`
/// }
/// ```
/// Owners: `builtins`, `module`, `dunder`, `classes`, `iterators`, or `[Type | Type…]`.
/// A row may start with `#[cfg(…)]`: its native is then compiled in only with that feature.
/// Flags after the owner: `method`, `kw`. After the name, in parentheses, the positional
/// arguments the native takes besides a method's receiver: `(0)`, `(1..=3)`, `(2..)`; every call
/// outside that range is a TypeError (CPython's wording) before the native runs, so a native
/// never sees arguments it would ignore. A row without it takes any number (kept for natives
/// whose receiver is not `args[0]` in every call, e.g. class methods reached through the type).
#[macro_export]
macro_rules! native_table {
    ($(#[$doc:meta])* pub static $table:ident;
     $($(#[$cfg:meta])* $id:ident = $name:literal $(($($arity:tt)*))? => $f:path, $owner:tt $($flag:ident)*;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[repr(u32)]
        enum TableIndex { $($(#[$cfg])* $id,)* RowCount }
        $(#[doc = concat!("Row of native `", $name, "`.")]
        #[allow(dead_code)]
        $(#[$cfg])*
        pub const $id: u32 = TableIndex::$id as u32;)*
        $(#[$doc])*
        pub static $table: $crate::builtins::native::Natives<
            [$crate::builtins::native::Native; TableIndex::RowCount as usize]
        > = {
            const NAMES: [&str; TableIndex::RowCount as usize] = [$($(#[$cfg])* $name),*];
            const LAYOUT: (
                [u16; TableIndex::RowCount as usize],
                [u8; $crate::builtins::native::names_len(&NAMES)],
                usize,
            ) = $crate::builtins::native::names_layout(&NAMES);
            const TEXT: [u8; LAYOUT.2] = $crate::builtins::native::text_prefix(&LAYOUT.1);
            $crate::builtins::native::Natives {
                names: match core::str::from_utf8(&TEXT) {
                    Ok(text) => text,
                    Err(_) => panic!("the names are whole strs laid end to end"),
                },
                rows: [$(
                    $(#[$cfg])*
                    $crate::builtins::native::Native::new(
                        $f,
                        LAYOUT.0[TableIndex::$id as usize],
                        $name.len(),
                        $crate::native_table!(@owner $owner),
                        $crate::builtins::native::refusals(&[
                            $($crate::native_table!(@flag $flag)),*
                        ]),
                        $crate::native_table!(@arity [$($crate::native_table!(@flag $flag)),*]
                            $($($arity)*)?).0,
                        $crate::native_table!(@arity [$($crate::native_table!(@flag $flag)),*]
                            $($($arity)*)?).1,
                    )
                ),*],
            }
        };
    };
    (@owner builtins) => { $crate::builtins::native::Owner::Builtins };
    (@owner module) => { $crate::builtins::native::Owner::Module };
    (@owner dunder) => { $crate::builtins::native::Owner::Dunder };
    (@owner classes) => { $crate::builtins::native::Owner::Classes };
    (@owner iterators) => { $crate::builtins::native::Owner::Iterators };
    (@owner [$($t:ident)|+]) => {
        $crate::builtins::native::Owner::Types($crate::builtins::native::types(&[
            $($crate::runtime::TypeId::$t),+
        ]))
    };
    (@arity [$($f:expr),*]) => { (0, $crate::builtins::native::ANY_ARGS) };
    (@arity [$($f:expr),*] $n:literal) => { $crate::builtins::native::arity(&[$($f),*], $n, $n) };
    (@arity [$($f:expr),*] $a:literal ..= $b:literal) => {
        $crate::builtins::native::arity(&[$($f),*], $a, $b)
    };
    (@arity [$($f:expr),*] $a:literal ..) => {
        $crate::builtins::native::arity(&[$($f),*], $a, $crate::builtins::native::ANY_ARGS)
    };
    (@flag method) => { $crate::builtins::native::Flag::Method };
    (@flag kw) => { $crate::builtins::native::Flag::Kw };
}

#[cfg(test)]
mod tests {
    use crate::runtime::{PyResult, Runtime};
    use crate::value::Value;

    fn none(_rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
        Ok(Value::NONE)
    }

    crate::native_table! {
        /// Rows whose names and arities reach the packed fields' limits.
        pub static LIMITS;
        LONG = "mark_app_invalid_rollback_and_reboot" (3..=14) => none, module kw;
        SHORT = "x" (0..) => none, [Str] method;
    }

    /// A name's length (six bits, over two fields), the arity bounds, the owner and the
    /// flags come back from a row as declared.
    #[test]
    fn packed_rows_read_back() {
        let long = &LIMITS[LONG as usize];
        assert_eq!(LIMITS.name_of(long), "mark_app_invalid_rollback_and_reboot");
        assert_eq!((long.min_args(), long.max_args()), (3, 14));
        assert_eq!(long.owner(), super::Owner::Module);
        assert!(long.takes_keywords() && !long.is_method());
        let short = &LIMITS[SHORT as usize];
        assert_eq!(LIMITS.name_of(short), "x");
        assert_eq!((short.min_args(), short.max_args()), (1, super::ANY_ARGS));
        assert!(matches!(short.owner(), super::Owner::Types(_)));
        assert!(!short.takes_keywords() && short.is_method());
    }
}
