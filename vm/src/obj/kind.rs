//! The kinds of heap object, stored in the low byte of every object's header word.
//!
//! The kind tells the collector how to scan an object: raw kinds hold no values, a frame holds
//! values up to its stack pointer, every other kind holds only values after its header.

/// What a heap object is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Kind {
    /// UTF-8 text: `[hdr(len), hash, bytes…]`.
    Str = 1,
    /// Immutable bytes: `[hdr(len), hash, bytes…]`.
    Bytes,
    /// Arbitrary-precision int: `[hdr(nlimbs), sign, limbs…]`.
    BigInt,
    /// A `format::Float`: `[hdr, lo, hi]`.
    Float,
    /// Growable byte buffer of a `bytearray`: raw bytes.
    RawBytes,
    /// A backing array of values (list items, dict entries): `[hdr(cap), values…]`.
    Array,
    /// `tuple`: `[hdr(len), items…]`.
    Tuple,
    /// `list`: `[hdr, len, items Array]`.
    List,
    /// `dict`: `[hdr(used entries, flag), len, entries Array, index RawBytes|NULL]`.
    Dict,
    /// `set`: same layout as dict.
    Set,
    /// `frozenset`: same layout as dict.
    FrozenSet,
    /// `bytearray`: `[hdr, len, RawBytes]`.
    ByteArray,
    /// `range`: `[hdr, start, stop, step]`.
    Range,
    /// `slice`: `[hdr, start, stop, step]`.
    Slice,
    /// A loaded code object: `[hdr, registry index, …, consts…, names…, varnames…]`.
    Code,
    /// A Python function.
    Function,
    /// A bound method: `[hdr, self, func]`.
    BoundMethod,
    /// A closure cell: `[hdr, value]`.
    Cell,
    /// A user (or builtin exception) class.
    Class,
    /// An instance of a class: `[hdr, class, attrs Dict]`.
    Instance,
    /// A module: `[hdr, name, globals Dict]`.
    Module,
    /// A call frame.
    Frame,
    /// A generator: `[hdr, frame, state]`.
    Generator,
    /// `property`: `[hdr, fget, fset, fdel]`.
    Property,
    /// `staticmethod`: `[hdr, func]`.
    StaticMethod,
    /// `classmethod`: `[hdr, func]`.
    ClassMethod,
    /// A builtin iterator: `[hdr(iter kind), fields…]`.
    Iter,
    /// `super` object: `[hdr, class, self]`.
    Super,
    /// `dict_keys`/`dict_values`/`dict_items`: `[hdr(0 keys, 1 values, 2 items), dict]`.
    DictView,
    /// `memoryview`: `[hdr(flags), base bytes/bytearray, start, len]`, flags in
    /// `crate::obj::memview`.
    MemView,
    /// `complex`: `[hdr, re lo, re hi, im lo, im hi]`.
    Complex,
}

impl Kind {
    /// Number of kinds.
    pub const COUNT: usize = 31;

    /// The kind stored in a header word, if valid.
    pub fn from_header(word: u32) -> Option<Kind> {
        use Kind::*;
        // A match, which LLVM folds to a range check (each kind is its own number): no table
        // to read at the many places this is inlined.
        Some(match word & 0xff {
            1 => Str,
            2 => Bytes,
            3 => BigInt,
            4 => Float,
            5 => RawBytes,
            6 => Array,
            7 => Tuple,
            8 => List,
            9 => Dict,
            10 => Set,
            11 => FrozenSet,
            12 => ByteArray,
            13 => Range,
            14 => Slice,
            15 => Code,
            16 => Function,
            17 => BoundMethod,
            18 => Cell,
            19 => Class,
            20 => Instance,
            21 => Module,
            22 => Frame,
            23 => Generator,
            24 => Property,
            25 => StaticMethod,
            26 => ClassMethod,
            27 => Iter,
            28 => Super,
            29 => DictView,
            30 => MemView,
            31 => Complex,
            _ => return None,
        })
    }

    /// The kind's name as written in this enum (`micropython.mem_info(1)` lists objects by it).
    pub fn name(self) -> &'static str {
        const NAMES: crate::format::name_table::NameTable<{ Kind::COUNT }> = crate::name_table!(
            "Str",
            "Bytes",
            "BigInt",
            "Float",
            "RawBytes",
            "Array",
            "Tuple",
            "List",
            "Dict",
            "Set",
            "FrozenSet",
            "ByteArray",
            "Range",
            "Slice",
            "Code",
            "Function",
            "BoundMethod",
            "Cell",
            "Class",
            "Instance",
            "Module",
            "Frame",
            "Generator",
            "Property",
            "StaticMethod",
            "ClassMethod",
            "Iter",
            "Super",
            "DictView",
            "MemView",
            "Complex",
        );
        NAMES.get(self as usize - 1)
    }

    /// Does this kind hold no values (so the collector skips its body)?
    pub fn is_raw(self) -> bool {
        matches!(
            self,
            Kind::Str | Kind::Bytes | Kind::BigInt | Kind::Float | Kind::RawBytes | Kind::Complex
        )
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn each_kind_is_named_as_in_the_enum() {
        for header in 1..=Kind::COUNT as u32 {
            let kind = Kind::from_header(header).expect("a kind for each header");
            assert_eq!(kind.name(), alloc::format!("{kind:?}"));
        }
        assert_eq!(Kind::from_header(Kind::COUNT as u32 + 1), None);
    }
}
