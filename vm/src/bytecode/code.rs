//! Code objects: the compiler's output and the interpreter's input (see `vm/BYTECODE.md`).
//!
//! Invariants (checked by [`super::verify`]): every operand indexes its table, jump targets and
//! exception-table bounds are instruction starts, the stack never goes below zero nor above
//! `max_stack`, and `line_table` is sorted by `pc`.

use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

/// Properties of a code object, as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct CodeFlags(pub u16);

impl CodeFlags {
    /// A generator function body (starts with `RETURN_GENERATOR`).
    pub const GENERATOR: CodeFlags = CodeFlags(1);
    /// An `async def` body (starts with `RETURN_GENERATOR`).
    pub const COROUTINE: CodeFlags = CodeFlags(2);
    /// Takes `*args`.
    pub const VARARGS: CodeFlags = CodeFlags(4);
    /// Takes `**kwargs`.
    pub const VARKEYWORDS: CodeFlags = CodeFlags(8);
    /// A function scope: fresh fast locals, no locals mapping.
    pub const NEWLOCALS: CodeFlags = CodeFlags(16);
    /// Module top level (or a REPL input / `eval` expression).
    pub const MODULE: CodeFlags = CodeFlags(32);
    /// A class body, run by `__build_class__` with the class namespace as its locals.
    pub const CLASS_BODY: CodeFlags = CodeFlags(64);
    /// The function has a docstring, held as `consts[0]` (as in CPython).
    pub const HAS_DOC: CodeFlags = CodeFlags(128);

    /// No flags.
    pub const fn empty() -> CodeFlags {
        CodeFlags(0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: CodeFlags) {
        self.0 |= other.0;
    }
}

impl core::ops::BitOr for CodeFlags {
    type Output = CodeFlags;

    fn bitor(self, rhs: CodeFlags) -> CodeFlags {
        CodeFlags(self.0 | rhs.0)
    }
}

/// A constant in a code object's `consts` table.
#[derive(Clone, Debug, PartialEq)]
pub enum Const {
    /// `None`
    None,
    /// `True`
    True,
    /// `False`
    False,
    /// `...`
    Ellipsis,
    /// An int that fits in 64 bits.
    Int(i64),
    /// An int beyond 64 bits: `negative`, then the magnitude as 32-bit limbs, least significant
    /// first, without trailing zero limbs.
    BigInt(bool, Vec<u32>),
    /// A float.
    Float(crate::format::Float),
    /// A complex with a zero real part (an imaginary literal): its imaginary part.
    Imag(crate::format::Float),
    /// A str.
    Str(String),
    /// A bytes object.
    Bytes(Vec<u8>),
    /// A tuple of constants (keyword-name tuples, `fromlist`, constant default tuples).
    Tuple(Vec<Const>),
    /// A nested function, lambda, comprehension or class body.
    Code(Rc<CodeObject>),
}

/// One exception-table entry: an exception raised at `pc` in `start..end` unwinds the stack to
/// `depth`, pushes the exception and continues at `handler`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    /// First covered byte offset.
    pub start: u32,
    /// One past the last covered byte offset.
    pub end: u32,
    /// Handler offset.
    pub handler: u32,
    /// Stack depth to unwind to before pushing the exception.
    pub depth: u16,
}

/// A compiled unit: module, function, lambda, comprehension or class body.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    /// `__name__` of the function (`<module>`, `<lambda>`, `<listcomp>`, …).
    pub name: String,
    /// `__qualname__` of the function.
    pub qualname: String,
    /// Source file name, shared by all code objects of one compilation.
    pub filename: Rc<str>,
    /// Line of the `def`/`class`/`lambda` (1 for modules).
    pub first_line: u32,
    /// Properties.
    pub flags: CodeFlags,
    /// Number of positional parameters (positional-only included).
    pub argcount: u16,
    /// Number of positional-only parameters.
    pub posonlyargcount: u16,
    /// Number of keyword-only parameters.
    pub kwonlyargcount: u16,
    /// Fast locals: parameters first (positional, keyword-only, `*args`, `**kwargs`).
    pub varnames: Vec<String>,
    /// Locals captured by inner scopes (cell slots `0..`).
    pub cellvars: Vec<String>,
    /// Variables captured from enclosing scopes (cell slots after `cellvars`).
    pub freevars: Vec<String>,
    /// `(cell slot, argument index)` for parameters that are also cells, copied at frame start.
    pub cell_args: Vec<(u16, u16)>,
    /// Names used by `*_NAME`, `*_GLOBAL`, `*_ATTR`, `LOAD_METHOD`, `IMPORT_*`.
    pub names: Vec<String>,
    /// Constants used by `LOAD_CONST`.
    pub consts: Vec<Const>,
    /// The instruction stream.
    pub code: Vec<u8>,
    /// Largest value-stack depth reached on any path.
    pub max_stack: u16,
    /// Exception handlers, inner entries first.
    pub exception_table: Vec<ExceptionEntry>,
    /// `(pc, line)` pairs sorted by `pc`: the line of `pc` is the last entry with `entry.pc <= pc`.
    pub line_table: Vec<(u32, u32)>,
}

impl CodeObject {
    /// The source line of the instruction at `pc` (`first_line` when the table has no entry).
    pub fn line_for_pc(&self, pc: u32) -> u32 {
        let after = self.line_table.partition_point(|&(at, _)| at <= pc);
        after
            .checked_sub(1)
            .and_then(|i| self.line_table.get(i))
            .map_or(self.first_line, |&(_, line)| line)
    }

    /// The innermost exception-table entry covering `pc`, if any.
    pub fn handler_for_pc(&self, pc: u32) -> Option<&ExceptionEntry> {
        self.exception_table
            .iter()
            .find(|e| e.start <= pc && pc < e.end)
    }

    /// Number of cell slots (`cellvars` then `freevars`).
    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// Name of cell slot `i` (a cellvar or a freevar).
    pub fn cell_name(&self, i: usize) -> Option<&str> {
        match self.cellvars.get(i) {
            Some(name) => Some(name),
            None => self
                .freevars
                .get(i - self.cellvars.len())
                .map(String::as_str),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn empty_code() -> CodeObject {
        CodeObject {
            name: "f".into(),
            qualname: "f".into(),
            filename: Rc::from("<test>"),
            first_line: 3,
            flags: CodeFlags::NEWLOCALS,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varnames: vec![],
            cellvars: vec!["a".into()],
            freevars: vec!["b".into()],
            cell_args: vec![],
            names: vec![],
            consts: vec![],
            code: vec![],
            max_stack: 0,
            exception_table: vec![
                ExceptionEntry {
                    start: 4,
                    end: 8,
                    handler: 20,
                    depth: 1,
                },
                ExceptionEntry {
                    start: 0,
                    end: 12,
                    handler: 30,
                    depth: 0,
                },
            ],
            line_table: vec![(0, 4), (6, 5), (10, 7)],
        }
    }

    #[test]
    fn line_for_pc_takes_last_entry_at_or_before() {
        let code = empty_code();
        assert_eq!(code.line_for_pc(0), 4);
        assert_eq!(code.line_for_pc(5), 4);
        assert_eq!(code.line_for_pc(6), 5);
        assert_eq!(code.line_for_pc(100), 7);
        let mut bare = empty_code();
        bare.line_table.clear();
        assert_eq!(bare.line_for_pc(2), 3);
    }

    #[test]
    fn handler_lookup_prefers_first_entry() {
        let code = empty_code();
        assert_eq!(code.handler_for_pc(5).map(|e| e.handler), Some(20));
        assert_eq!(code.handler_for_pc(9).map(|e| e.handler), Some(30));
        assert_eq!(code.handler_for_pc(12), None);
    }

    #[test]
    fn cell_names_span_cellvars_then_freevars() {
        let code = empty_code();
        assert_eq!(code.ncells(), 2);
        assert_eq!(code.cell_name(0), Some("a"));
        assert_eq!(code.cell_name(1), Some("b"));
        assert_eq!(code.cell_name(2), None);
    }
}
