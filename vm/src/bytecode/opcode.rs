//! The opcode table: the single source of truth for every opcode's byte value, name, operand
//! kind, stack effect and control flow. The decoder, the verifier, the disassembler and the
//! compiler's stack-depth computation are all derived from it, so they cannot disagree.
//!
//! Invariant: byte values are part of the on-disk format; once published an opcode keeps its
//! byte and its name (see `vm/BYTECODE.md`).

use core::fmt;

/// What an instruction's 16-bit operand means (its format in `BYTECODE.md` follows from it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operand {
    /// No operand: the instruction is one byte.
    None,
    /// Index into `consts`.
    Const,
    /// A signed 16-bit integer value (format `i`).
    SmallInt,
    /// Index of a fast local (`varnames`).
    Local,
    /// Index of a cell slot (`cellvars` then `freevars`).
    Cell,
    /// Index into `names`.
    Name,
    /// A count of stack items (or the packed `UNPACK_EX` counts).
    Count,
    /// A stack distance (`LIST_APPEND` and friends), at least 1.
    Depth,
    /// An absolute byte offset into the code (format `j`).
    Jump,
    /// A `BINARY_OP` operator number.
    BinaryOp,
    /// A `UNARY_OP` operator number.
    UnaryOp,
    /// A `COMPARE_OP` operator number.
    CompareOp,
    /// A bit set whose meaning is given by the opcode.
    Flags,
}

impl Operand {
    /// The operand format letter used in `BYTECODE.md`: `-`, `u`, `i` or `j`.
    pub fn format(self) -> char {
        match self {
            Operand::None => '-',
            Operand::SmallInt => 'i',
            Operand::Jump => 'j',
            _ => 'u',
        }
    }

    /// Whether an instruction with this operand carries the 16-bit operand bytes.
    pub fn has_arg(self) -> bool {
        self != Operand::None
    }
}

/// How control leaves an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Continues with the next instruction.
    Next,
    /// Always jumps to its target (stack effect on the jump: none).
    Goto,
    /// Either continues (with the table's stack effect) or jumps to its target popping `pop`
    /// and pushing `push`.
    Branch {
        /// Items consumed when the jump is taken.
        pop: u8,
        /// Items produced when the jump is taken.
        push: u8,
    },
    /// Leaves the frame or raises: no successor in this code.
    Stop,
}

impl Flow {
    /// The flow in one byte, for the table by opcode: 0 `Next`, 1 `Goto`, 2 `Stop`, and
    /// `0x80 | pop << 4 | push` a `Branch` (three bytes each in the table otherwise).
    const fn packed(self) -> u8 {
        match self {
            Flow::Next => 0,
            Flow::Goto => 1,
            Flow::Stop => 2,
            Flow::Branch { pop, push } => {
                assert!(pop < 8 && push < 16);
                0x80 | pop << 4 | push
            }
        }
    }

    /// The flow [`Self::packed`] made `byte`.
    fn unpacked(byte: u8) -> Flow {
        match byte {
            0 => Flow::Next,
            1 => Flow::Goto,
            2 => Flow::Stop,
            _ => Flow::Branch {
                pop: (byte >> 4) & 7,
                push: byte & 15,
            },
        }
    }
}

/// Items an instruction pops and then pushes on the fall-through path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StackEffect {
    /// Items consumed (all must be present).
    pub pop: u64,
    /// Items produced.
    pub push: u64,
}

/// An unknown opcode byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownOpcode(pub u8);

impl fmt::Display for UnknownOpcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown opcode byte {}", self.0)
    }
}

/// A [`Opcode::stack_effect`] table entry for an effect not linear in the operand.
const NONLINEAR: [u8; 2] = [u8::MAX; 2];

/// Operands at which an effect must match the line through its values at 0 and 1 to go in
/// the table: every bit a flag operand uses, and the extremes.
const LINEARITY_SAMPLES: [u64; 13] = [
    0,
    1,
    2,
    3,
    4,
    5,
    8,
    16,
    0xff,
    0x100,
    0x101,
    0xffff,
    0xffff_ffff,
];

/// The table entry of an effect whose pop and push counts are `at0` at operand 0, `at1` at 1,
/// and `samples` at [`LINEARITY_SAMPLES`]: each count's value at 0 in the low nibble, its
/// growth per operand unit in the high one; [`NONLINEAR`] unless both counts are linear with
/// small terms.
const fn linear_effect(
    at0: (u64, u64),
    at1: (u64, u64),
    samples: [(u64, u64); LINEARITY_SAMPLES.len()],
) -> [u8; 2] {
    if at1.0 < at0.0 || at1.1 < at0.1 {
        return NONLINEAR;
    }
    let (pop0, pop1) = (at0.0, at1.0 - at0.0);
    let (push0, push1) = (at0.1, at1.1 - at0.1);
    if pop0 > 15 || pop1 > 14 || push0 > 15 || push1 > 14 {
        return NONLINEAR;
    }
    let mut i = 0;
    while i < samples.len() {
        let x = LINEARITY_SAMPLES[i];
        if samples[i].0 != pop0 + pop1 * x || samples[i].1 != push0 + push1 * x {
            return NONLINEAR;
        }
        i += 1;
    }
    [(pop0 | pop1 << 4) as u8, (push0 | push1 << 4) as u8]
}

macro_rules! opcodes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $byte:literal, $operand:ident, |$arg:tt| ($($effect:tt)*), $flow:expr;
    )*) => {
        /// A bytecode operation. The discriminant is the byte in the code stream.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name = $byte, )*
        }

        /// One more than the largest opcode byte: the length of the tables by opcode.
        const TABLE_LEN: usize = {
            let mut len = 0;
            $( if $byte + 1 > len {
                len = $byte + 1;
            } )*
            len
        };

        // The opcodes' properties as tables indexed by byte, made at compile time: a `match`
        // over the opcodes is a jump table of four bytes a byte value and code for each arm.

        /// The opcode of each byte value up to the largest.
        const BY_BYTE: [Option<Opcode>; TABLE_LEN] = {
            let mut table = [None; TABLE_LEN];
            $( table[$byte] = Some(Opcode::$name); )*
            table
        };

        /// [`Opcode::operand`] by opcode byte.
        const OPERANDS: [Operand; TABLE_LEN] = {
            let mut table = [Operand::None; TABLE_LEN];
            $( table[$byte] = Operand::$operand; )*
            table
        };

        /// [`Opcode::flow`] by opcode byte, one byte each (see [`Flow::packed`]).
        const FLOWS: [u8; TABLE_LEN] = {
            let mut table = [STOP.packed(); TABLE_LEN];
            $( table[$byte] = $flow.packed(); )*
            table
        };

        impl Opcode {
            /// Every opcode, in table order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// The opcode for `byte`, or an error for a byte no opcode uses.
            pub fn from_byte(byte: u8) -> Result<Opcode, UnknownOpcode> {
                BY_BYTE
                    .get(usize::from(byte))
                    .copied()
                    .flatten()
                    .ok_or(UnknownOpcode(byte))
            }

            /// The opcode's name as written in `BYTECODE.md`.
            pub fn name(self) -> &'static str {
                match self { $( Opcode::$name => stringify!($name), )* }
            }

            /// What the operand means.
            pub fn operand(self) -> Operand {
                OPERANDS.get(self as usize).copied().unwrap_or(Operand::None)
            }

            /// Stack effect on the fall-through path for operand `arg`.
            pub fn stack_effect(self, arg: u32) -> StackEffect {
                // The effects linear in the operand (all but a few bit-flag ones) come from a
                // table made at compile time, two bytes an opcode: a match over all opcodes
                // was a jump table of four bytes an opcode and code for each effect.
                const LINEAR: [[u8; 2]; TABLE_LEN] = {
                    let mut table = [NONLINEAR; TABLE_LEN];
                    $( table[$byte] = linear_effect(
                        {
                            let $arg = 0u64;
                            let effect: (u64, u64) = ($($effect)*);
                            effect
                        },
                        {
                            let $arg = 1u64;
                            let effect: (u64, u64) = ($($effect)*);
                            effect
                        },
                        {
                            let mut samples = [(0u64, 0u64); LINEARITY_SAMPLES.len()];
                            let mut i = 0;
                            while i < samples.len() {
                                let $arg = LINEARITY_SAMPLES[i];
                                samples[i] = ($($effect)*);
                                i += 1;
                            }
                            samples
                        },
                    ); )*
                    table
                };
                let arg = u64::from(arg);
                let [pop, push] = LINEAR.get(self as usize).copied().unwrap_or(NONLINEAR);
                if [pop, push] != NONLINEAR {
                    return StackEffect {
                        pop: u64::from(pop & 15) + u64::from(pop >> 4) * arg,
                        push: u64::from(push & 15) + u64::from(push >> 4) * arg,
                    };
                }
                // The few others, each compared only if the table left it out.
                $( if const { LINEAR[$byte][0] == NONLINEAR[0] } && self as u8 == $byte {
                    let $arg = arg;
                    let (pop, push) = ($($effect)*);
                    return StackEffect { pop, push };
                } )*
                // Not reached: every opcode the table leaves out has its comparison above. A
                // pop no stack has makes the verifier refuse the code rather than guess.
                StackEffect {
                    pop: u64::MAX,
                    push: 0,
                }
            }

            /// [`Self::stack_effect`] evaluated straight from the opcode table, which the
            /// `LINEAR` table is tested against.
            #[cfg(test)]
            fn table_stack_effect(self, arg: u32) -> StackEffect {
                let arg = u64::from(arg);
                let (pop, push) = match self {
                    $( Opcode::$name => {
                        let $arg = arg;
                        ($($effect)*)
                    } )*
                };
                StackEffect { pop, push }
            }

            /// How control leaves the instruction.
            pub fn flow(self) -> Flow {
                Flow::unpacked(FLOWS.get(self as usize).copied().unwrap_or(STOP.packed()))
            }
        }
    };
}

const NEXT: Flow = Flow::Next;
const STOP: Flow = Flow::Stop;

opcodes! {
    /// Does nothing.
    NOP = 0, None, |_| (0, 0), NEXT;
    /// `a ->`
    POP_TOP = 1, None, |_| (1, 0), NEXT;
    /// `a b -> b a`
    ROT_TWO = 2, None, |_| (2, 2), NEXT;
    /// `a b c -> c a b`
    ROT_THREE = 3, None, |_| (3, 3), NEXT;
    /// `a b c d -> d a b c`
    ROT_FOUR = 4, None, |_| (4, 4), NEXT;
    /// `a -> a a`
    DUP_TOP = 5, None, |_| (1, 2), NEXT;
    /// `a b -> a b a b`
    DUP_TOP_TWO = 6, None, |_| (2, 4), NEXT;
    /// `-> consts[arg]`
    LOAD_CONST = 7, Const, |_| (0, 1), NEXT;
    /// `-> int(arg as i16)`
    LOAD_SMALL_INT = 8, SmallInt, |_| (0, 1), NEXT;
    /// `-> None`
    LOAD_NONE = 9, None, |_| (0, 1), NEXT;
    /// `-> True`
    LOAD_TRUE = 10, None, |_| (0, 1), NEXT;
    /// `-> False`
    LOAD_FALSE = 11, None, |_| (0, 1), NEXT;
    /// Supplies the high 16 bits of the next instruction's operand.
    EXTENDED_ARG = 12, Count, |_| (0, 0), NEXT;

    /// `-> local`; `UnboundLocalError` when unbound.
    LOAD_FAST = 16, Local, |_| (0, 1), NEXT;
    /// `v ->` into a local.
    STORE_FAST = 17, Local, |_| (1, 0), NEXT;
    /// Unbinds a local.
    DELETE_FAST = 18, Local, |_| (0, 0), NEXT;
    /// `-> cell contents`
    LOAD_DEREF = 19, Cell, |_| (0, 1), NEXT;
    /// `v ->` into a cell.
    STORE_DEREF = 20, Cell, |_| (1, 0), NEXT;
    /// Empties a cell.
    DELETE_DEREF = 21, Cell, |_| (0, 0), NEXT;
    /// Class body: the class namespace first, then the cell.
    LOAD_CLASSDEREF = 22, Cell, |_| (0, 1), NEXT;
    /// `-> cell` (the cell object itself).
    LOAD_CLOSURE = 23, Cell, |_| (0, 1), NEXT;
    /// Locals, then globals, then builtins.
    LOAD_NAME = 24, Name, |_| (0, 1), NEXT;
    /// `v ->` into the locals mapping.
    STORE_NAME = 25, Name, |_| (1, 0), NEXT;
    /// Deletes from the locals mapping.
    DELETE_NAME = 26, Name, |_| (0, 0), NEXT;
    /// Globals, then builtins.
    LOAD_GLOBAL = 27, Name, |_| (0, 1), NEXT;
    /// `v ->` into globals.
    STORE_GLOBAL = 28, Name, |_| (1, 0), NEXT;
    /// Deletes from globals.
    DELETE_GLOBAL = 29, Name, |_| (0, 0), NEXT;

    /// `obj -> obj.name`
    LOAD_ATTR = 32, Name, |_| (1, 1), NEXT;
    /// `value obj ->`
    STORE_ATTR = 33, Name, |_| (2, 0), NEXT;
    /// `obj ->`
    DELETE_ATTR = 34, Name, |_| (1, 0), NEXT;
    /// `obj -> meth self` (`self` NULL when `meth` is not an unbound method).
    LOAD_METHOD = 35, Name, |_| (1, 2), NEXT;
    /// `container key -> value`
    BINARY_SUBSCR = 36, None, |_| (2, 1), NEXT;
    /// `value container key ->`
    STORE_SUBSCR = 37, None, |_| (3, 0), NEXT;
    /// `container key ->`
    DELETE_SUBSCR = 38, None, |_| (2, 0), NEXT;
    /// `start stop [step] -> slice` (arg 2 or 3).
    BUILD_SLICE = 39, Count, |n| (n, 1), NEXT;
    /// `a b -> a op b`
    BINARY_OP = 40, BinaryOp, |_| (2, 1), NEXT;
    /// `a -> op a`
    UNARY_OP = 41, UnaryOp, |_| (1, 1), NEXT;
    /// `a b -> a op b`
    COMPARE_OP = 42, CompareOp, |_| (2, 1), NEXT;
    /// `exc type -> exc bool`
    CHECK_EXC_MATCH = 43, None, |_| (2, 2), NEXT;

    /// Jumps unconditionally.
    JUMP = 48, Jump, |_| (0, 0), Flow::Goto;
    /// `v ->`, jumps when `v` is false.
    POP_JUMP_IF_FALSE = 49, Jump, |_| (1, 0), Flow::Branch { pop: 1, push: 0 };
    /// `v ->`, jumps when `v` is true.
    POP_JUMP_IF_TRUE = 50, Jump, |_| (1, 0), Flow::Branch { pop: 1, push: 0 };
    /// `v -> v` and jump when false, else `v ->`.
    JUMP_IF_FALSE_OR_POP = 51, Jump, |_| (1, 0), Flow::Branch { pop: 1, push: 1 };
    /// `v -> v` and jump when true, else `v ->`.
    JUMP_IF_TRUE_OR_POP = 52, Jump, |_| (1, 0), Flow::Branch { pop: 1, push: 1 };
    /// `obj -> iter`
    GET_ITER = 53, None, |_| (1, 1), NEXT;
    /// `iter -> iter next`; on exhaustion pops `iter` and jumps.
    FOR_ITER = 54, Jump, |_| (1, 2), Flow::Branch { pop: 1, push: 0 };
    /// `v ->` and leave the frame.
    RETURN_VALUE = 55, None, |_| (1, 0), STOP;

    /// `n items -> tuple`
    BUILD_TUPLE = 64, Count, |n| (n, 1), NEXT;
    /// `n items -> list`
    BUILD_LIST = 65, Count, |n| (n, 1), NEXT;
    /// `n items -> set`
    BUILD_SET = 66, Count, |n| (n, 1), NEXT;
    /// `k1 v1 … kn vn -> dict`
    BUILD_MAP = 67, Count, |n| (2 * n, 1), NEXT;
    /// `v1 … vn keys -> dict`
    BUILD_CONST_KEY_MAP = 68, Count, |n| (n + 1, 1), NEXT;
    /// `n strs -> str`
    BUILD_STRING = 69, Count, |n| (n, 1), NEXT;
    /// `… list (d-1 items) v -> … list (d-1 items)`
    LIST_APPEND = 70, Depth, |d| (d + 1, d), NEXT;
    /// `… set (d-1 items) v -> … set (d-1 items)`
    SET_ADD = 71, Depth, |d| (d + 1, d), NEXT;
    /// `… dict (d-1 items) k v -> … dict (d-1 items)`
    MAP_ADD = 72, Depth, |d| (d + 2, d), NEXT;
    /// `… list (d-1 items) iterable -> … list (d-1 items)`
    LIST_EXTEND = 73, Depth, |d| (d + 1, d), NEXT;
    /// `… set (d-1 items) iterable -> … set (d-1 items)`
    SET_UPDATE = 74, Depth, |d| (d + 1, d), NEXT;
    /// `… dict (d-1 items) mapping -> … dict (d-1 items)`
    DICT_UPDATE = 75, Depth, |d| (d + 1, d), NEXT;
    /// As `DICT_UPDATE`, `TypeError` on a duplicate key.
    DICT_MERGE = 76, Depth, |d| (d + 1, d), NEXT;
    /// `list -> tuple`
    LIST_TO_TUPLE = 77, None, |_| (1, 1), NEXT;
    /// `value [spec] -> str`; flags & 3 conversion, flags & 4 spec present.
    FORMAT_VALUE = 78, Flags, |f| (1 + ((f >> 2) & 1), 1), NEXT;
    /// `seq -> item_n … item_1`
    UNPACK_SEQUENCE = 79, Count, |n| (1, n), NEXT;
    /// `seq -> after… list before…` with arg `before | after << 8`.
    UNPACK_EX = 80, Count, |n| (1, (n & 0xff) + 1 + (n >> 8)), NEXT;

    /// `[defaults] [kwdefaults] [closure] code -> func`; flags 1, 2, 8.
    MAKE_FUNCTION = 96, Flags, |f| (1 + (f & 1) + ((f >> 1) & 1) + ((f >> 3) & 1), 1), NEXT;
    /// `f a1 … an -> r`
    CALL_FUNCTION = 97, Count, |n| (n + 1, 1), NEXT;
    /// `f a1 … an names -> r`
    CALL_FUNCTION_KW = 98, Count, |n| (n + 2, 1), NEXT;
    /// `f args [kwargs] -> r`; flags 1: kwargs present.
    CALL_FUNCTION_EX = 99, Flags, |f| (2 + (f & 1), 1), NEXT;
    /// `meth self a1 … an -> r`
    CALL_METHOD = 100, Count, |n| (n + 2, 1), NEXT;
    /// `meth self a1 … an names -> r`
    CALL_METHOD_KW = 101, Count, |n| (n + 3, 1), NEXT;
    /// `-> __build_class__`
    LOAD_BUILD_CLASS = 102, None, |_| (0, 1), NEXT;
    /// `-> AssertionError`
    LOAD_ASSERTION_ERROR = 103, None, |_| (0, 1), NEXT;
    /// `v ->`, REPL echo.
    PRINT_EXPR = 104, None, |_| (1, 0), NEXT;

    /// 0: re-raise; 1: `exc ->`; 2: `exc cause ->`.
    RAISE_VARARGS = 112, Count, |n| (n, 0), STOP;
    /// `exc -> prev_exc exc`
    PUSH_EXC_INFO = 113, None, |_| (1, 2), NEXT;
    /// `prev_exc ->`
    POP_EXCEPT = 114, None, |_| (1, 0), NEXT;
    /// `exc ->` and raise it again.
    RERAISE = 115, None, |_| (1, 0), STOP;
    /// `mgr -> exit enter_result`
    BEFORE_WITH = 116, None, |_| (1, 2), NEXT;
    /// `exit prev_exc exc -> exit prev_exc exc r`
    WITH_EXCEPT_START = 117, None, |_| (3, 4), NEXT;
    /// `mgr -> aexit aenter_awaitable`
    BEFORE_ASYNC_WITH = 118, None, |_| (1, 2), NEXT;

    /// First instruction of a generator or coroutine.
    RETURN_GENERATOR = 128, None, |_| (0, 0), NEXT;
    /// `v -> sent`
    YIELD_VALUE = 129, None, |_| (1, 1), NEXT;
    /// `obj -> iter`
    GET_YIELD_FROM_ITER = 130, None, |_| (1, 1), NEXT;
    /// `iter sent -> result` (suspending in between as often as the iterator yields).
    YIELD_FROM = 131, None, |_| (2, 1), NEXT;
    /// `obj -> awaitable`
    GET_AWAITABLE = 132, None, |_| (1, 1), NEXT;
    /// `level fromlist -> module`
    IMPORT_NAME = 133, Name, |_| (2, 1), NEXT;
    /// `module -> module attr`
    IMPORT_FROM = 134, Name, |_| (1, 2), NEXT;
    /// `module ->`
    IMPORT_STAR = 135, None, |_| (1, 0), NEXT;
    /// `obj -> aiter`
    GET_AITER = 136, None, |_| (1, 1), NEXT;
    /// `aiter -> aiter awaitable`
    GET_ANEXT = 137, None, |_| (1, 2), NEXT;
    /// `aiter exc ->` when `exc` is StopAsyncIteration, else raise `exc` again.
    END_ASYNC_FOR = 138, None, |_| (2, 0), NEXT;
}

impl Opcode {
    /// Whether the operand is a jump target.
    pub fn is_jump(self) -> bool {
        self.operand() == Operand::Jump
    }
}

impl fmt::Display for Opcode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// `BINARY_OP` operand for the in-place form of an operator.
pub const BINARY_OP_INPLACE: u32 = 16;
/// Number of binary operators (`BINARY_OP` operands `0..BINARY_OP_COUNT` and the in-place range).
pub const BINARY_OP_COUNT: u32 = 13;
/// Number of `UNARY_OP` operators.
pub const UNARY_OP_COUNT: u32 = 4;
/// Number of `COMPARE_OP` operators.
pub const COMPARE_OP_COUNT: u32 = 10;

/// Names of the `BINARY_OP` operators (index = operand, without the in-place bit).
pub const BINARY_OP_NAMES: [&str; 13] = [
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@",
];
/// Names of the `UNARY_OP` operators.
pub const UNARY_OP_NAMES: [&str; 4] = ["-", "+", "~", "not"];
/// Names of the `COMPARE_OP` operators.
pub const COMPARE_OP_NAMES: [&str; 10] = [
    "<", "<=", "==", "!=", ">", ">=", "in", "not in", "is", "is not",
];

/// One decoded instruction, with any `EXTENDED_ARG` prefix folded in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// Offset of the first byte (the prefix, if any).
    pub offset: u32,
    /// The operation (never `EXTENDED_ARG`).
    pub opcode: Opcode,
    /// The full operand (0 when the opcode takes none).
    pub arg: u32,
    /// Encoded length in bytes, prefix included.
    pub len: u32,
}

impl Instruction {
    /// The operand read as a signed 16-bit value (for `LOAD_SMALL_INT`).
    pub fn signed_arg(&self) -> i32 {
        i32::from(self.arg as u16 as i16)
    }

    /// Offset of the following instruction.
    pub fn next(&self) -> u32 {
        self.offset + self.len
    }
}

/// Why bytes could not be decoded as an instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The byte at this offset is not an opcode.
    UnknownOpcode(u32, u8),
    /// The code ends inside the instruction at this offset.
    Truncated(u32),
    /// More than one `EXTENDED_ARG` prefix, or a prefix on an opcode without an operand.
    BadExtendedArg(u32),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text, then the offset: one formatting call for all.
        let (text, at) = match *self {
            DecodeError::UnknownOpcode(at, b) => {
                f.write_str("unknown opcode byte ")?;
                // As a u32: the offset's formatting call, not a second one inlined for u8.
                fmt::Display::fmt(&u32::from(b), f)?;
                (" at ", at)
            }
            DecodeError::Truncated(at) => ("truncated instruction at ", at),
            DecodeError::BadExtendedArg(at) => ("misplaced EXTENDED_ARG at ", at),
        };
        f.write_str(text)?;
        fmt::Display::fmt(&at, f)
    }
}

/// Decodes the instruction starting at `offset` in `code`.
pub fn decode(code: &[u8], offset: u32) -> Result<Instruction, DecodeError> {
    let mut pc = offset as usize;
    let mut high: u32 = 0;
    let mut prefixed = false;
    loop {
        let byte = *code.get(pc).ok_or(DecodeError::Truncated(offset))?;
        let opcode =
            Opcode::from_byte(byte).map_err(|_| DecodeError::UnknownOpcode(pc as u32, byte))?;
        let arg = if opcode.operand().has_arg() {
            let lo = *code.get(pc + 1).ok_or(DecodeError::Truncated(offset))?;
            let hi = *code.get(pc + 2).ok_or(DecodeError::Truncated(offset))?;
            u32::from(u16::from_le_bytes([lo, hi]))
        } else {
            0
        };
        let width = if opcode.operand().has_arg() { 3 } else { 1 };
        if opcode == Opcode::EXTENDED_ARG {
            if prefixed {
                return Err(DecodeError::BadExtendedArg(offset));
            }
            prefixed = true;
            high = arg << 16;
            pc += width;
            continue;
        }
        if prefixed && !opcode.operand().has_arg() {
            return Err(DecodeError::BadExtendedArg(offset));
        }
        let end = pc + width;
        return Ok(Instruction {
            offset,
            opcode,
            arg: high | arg,
            len: (end - offset as usize) as u32,
        });
    }
}

/// Iterates over the instructions of `code` from offset 0, stopping at the first error.
pub fn instructions(code: &[u8]) -> Instructions<'_> {
    Instructions {
        code,
        pc: 0,
        failed: false,
    }
}

/// Iterator returned by [`instructions`].
pub struct Instructions<'a> {
    code: &'a [u8],
    pc: u32,
    failed: bool,
}

impl Iterator for Instructions<'_> {
    type Item = Result<Instruction, DecodeError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed || self.pc as usize >= self.code.len() {
            return None;
        }
        let item = decode(self.code, self.pc);
        match &item {
            Ok(insn) => self.pc = insn.next(),
            Err(_) => self.failed = true,
        }
        Some(item)
    }
}

/// Appends the encoding of `opcode` with operand `arg` (adding `EXTENDED_ARG` when needed).
pub fn encode(out: &mut alloc::vec::Vec<u8>, opcode: Opcode, arg: u32) {
    if !opcode.operand().has_arg() {
        out.push(opcode as u8);
        return;
    }
    if arg > 0xffff {
        out.push(Opcode::EXTENDED_ARG as u8);
        out.extend_from_slice(&((arg >> 16) as u16).to_le_bytes());
    }
    out.push(opcode as u8);
    out.extend_from_slice(&(arg as u16).to_le_bytes());
}

/// Encoded length of `opcode` with operand `arg`.
pub fn encoded_len(opcode: Opcode, arg: u32) -> u32 {
    match (opcode.operand().has_arg(), arg > 0xffff) {
        (false, _) => 1,
        (true, false) => 3,
        (true, true) => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    #[test]
    fn from_byte_round_trips_and_rejects_unknown_bytes() {
        let mut known = 0;
        for byte in 0..=255u8 {
            match Opcode::from_byte(byte) {
                Ok(op) => {
                    assert_eq!(op as u8, byte);
                    known += 1;
                }
                Err(e) => assert_eq!(e, UnknownOpcode(byte)),
            }
        }
        assert_eq!(known, Opcode::ALL.len());
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in Opcode::ALL.iter().enumerate() {
            for b in &Opcode::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
            }
        }
    }

    #[test]
    fn encode_decode_round_trip_with_extended_arg() {
        let mut code = Vec::new();
        encode(&mut code, Opcode::LOAD_CONST, 7);
        encode(&mut code, Opcode::JUMP, 0x12345);
        encode(&mut code, Opcode::POP_TOP, 0);
        let insns: Vec<_> = instructions(&code).collect::<Result<_, _>>().unwrap();
        assert_eq!(insns.len(), 3);
        assert_eq!(
            (insns[0].opcode, insns[0].arg, insns[0].len),
            (Opcode::LOAD_CONST, 7, 3)
        );
        assert_eq!(
            (insns[1].opcode, insns[1].arg, insns[1].len),
            (Opcode::JUMP, 0x12345, 6)
        );
        assert_eq!(insns[1].len, encoded_len(Opcode::JUMP, 0x12345));
        assert_eq!((insns[2].opcode, insns[2].offset), (Opcode::POP_TOP, 9));
    }

    #[test]
    fn decode_errors_are_values() {
        assert_eq!(decode(&[255], 0), Err(DecodeError::UnknownOpcode(0, 255)));
        assert_eq!(
            decode(&[Opcode::LOAD_CONST as u8, 1], 0),
            Err(DecodeError::Truncated(0))
        );
        let double = [12, 0, 0, 12, 0, 0, 7, 0, 0];
        assert_eq!(decode(&double, 0), Err(DecodeError::BadExtendedArg(0)));
        assert_eq!(
            decode(&[12, 1, 0, 1], 0),
            Err(DecodeError::BadExtendedArg(0))
        );
    }

    #[test]
    fn flows_pack_into_a_byte_and_back() {
        let mut flows = alloc::vec![Flow::Next, Flow::Goto, Flow::Stop];
        for pop in 0..8 {
            for push in 0..16 {
                flows.push(Flow::Branch { pop, push });
            }
        }
        for flow in flows {
            assert_eq!(Flow::unpacked(flow.packed()), flow);
        }
        assert_eq!(
            Opcode::JUMP_IF_TRUE_OR_POP.flow(),
            Flow::Branch { pop: 1, push: 1 }
        );
        assert_eq!(Opcode::RERAISE.flow(), Flow::Stop);
    }

    #[test]
    fn stack_effect_tables_agree_with_the_opcode_table() {
        let mut args: Vec<u32> = (0..=600).collect();
        args.extend([
            0xfff,
            0x1000,
            0x1001,
            0xffff,
            0x1_0000,
            0x1_0101,
            u32::MAX - 1,
            u32::MAX,
        ]);
        for &op in Opcode::ALL {
            for &arg in &args {
                assert_eq!(
                    op.stack_effect(arg),
                    op.table_stack_effect(arg),
                    "{op:?} {arg}"
                );
            }
        }
    }

    #[test]
    fn stack_effects_follow_operands() {
        let e = Opcode::CALL_METHOD_KW.stack_effect(2);
        assert_eq!((e.pop, e.push), (5, 1));
        let e = Opcode::MAKE_FUNCTION.stack_effect(1 | 2 | 8);
        assert_eq!((e.pop, e.push), (4, 1));
        let e = Opcode::UNPACK_EX.stack_effect(2 | 3 << 8);
        assert_eq!((e.pop, e.push), (1, 6));
        let e = Opcode::FORMAT_VALUE.stack_effect(4 | 2);
        assert_eq!((e.pop, e.push), (2, 1));
        let e = Opcode::BUILD_MAP.stack_effect(u32::MAX);
        assert_eq!(e.pop, 2 * u64::from(u32::MAX));
    }
}
