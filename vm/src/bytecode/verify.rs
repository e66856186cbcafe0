//! The bytecode verifier: checks that a code object (and every code object nested in it) is
//! safe to run, so the interpreter can trust it without per-instruction checks.
//!
//! It decodes every instruction, checks every operand against its table, and walks all paths
//! (jumps, fall-through and exception handlers) tracking the stack depth: it must be the same
//! whichever path reaches an instruction, never below what an instruction pops, never above
//! `max_stack`, and control must never run off the end of the code. The compiler runs it over
//! every code object it emits (taking `max_stack` from the walk, see `max_depth`); the
//! runtime runs it on precompiled code at load time.
//!
//! Cost is linear in the code size (plus a logarithmic factor for the exception table), and
//! nested code objects are visited with an explicit work list, not recursion.

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use super::code::{CodeFlags, CodeObject, Const};
use super::opcode::{
    decode, DecodeError, Flow, Opcode, Operand, BINARY_OP_COUNT, BINARY_OP_INPLACE,
    COMPARE_OP_COUNT, UNARY_OP_COUNT,
};

/// Why a code object was rejected; offsets are byte offsets into its code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// Bytes that do not decode.
    Decode(DecodeError),
    /// An operand out of range for its table or meaning.
    BadOperand(u32),
    /// A jump to something other than an instruction start.
    BadJumpTarget(u32),
    /// An instruction pops more than the stack holds.
    StackUnderflow(u32),
    /// The stack grows beyond `max_stack`.
    StackOverflow(u32),
    /// Two paths reach this instruction with different stack depths.
    InconsistentDepth(u32),
    /// Execution can run past the last instruction.
    FallsOffEnd(u32),
    /// An exception-table entry with bad bounds, handler or depth (its index).
    BadExceptionEntry(usize),
    /// `RETURN_GENERATOR` misplaced, or missing from a generator.
    BadGenerator,
    /// Argument counts, cell arguments or the line table are inconsistent.
    BadHeader,
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The text, then the offset or index it names: one formatting call for all.
        let (text, at) = match *self {
            VerifyError::Decode(ref e) => return fmt::Display::fmt(e, f),
            VerifyError::BadOperand(pc) => ("operand out of range at ", pc as usize),
            VerifyError::BadJumpTarget(pc) => ("bad jump target at ", pc as usize),
            VerifyError::StackUnderflow(pc) => ("stack underflow at ", pc as usize),
            VerifyError::StackOverflow(pc) => ("stack above max_stack at ", pc as usize),
            VerifyError::InconsistentDepth(pc) => ("inconsistent stack depth at ", pc as usize),
            VerifyError::FallsOffEnd(pc) => ("execution runs off the end after ", pc as usize),
            VerifyError::BadExceptionEntry(i) => ("bad exception table entry ", i),
            VerifyError::BadGenerator => return f.write_str("misplaced RETURN_GENERATOR"),
            VerifyError::BadHeader => return f.write_str("inconsistent code object header"),
        };
        f.write_str(text)?;
        fmt::Display::fmt(&at, f)
    }
}

/// Verifies `code` and every code object among its constants.
pub fn verify(code: &CodeObject) -> Result<(), VerifyError> {
    let mut work = vec![code];
    while let Some(code) = work.pop() {
        walk(code, u64::from(code.max_stack))?;
        for c in &code.consts {
            if let Const::Code(inner) = c {
                work.push(inner);
            }
        }
    }
    Ok(())
}

fn operand_ok(code: &CodeObject, op: Opcode, arg: u32) -> bool {
    let arg_us = arg as usize;
    match op.operand() {
        Operand::None | Operand::Count | Operand::Jump => true,
        Operand::SmallInt => arg <= 0xffff,
        Operand::Const => arg_us < code.consts.len(),
        Operand::Local => arg_us < code.varnames.len(),
        Operand::Cell => arg_us < code.ncells(),
        Operand::Name => arg_us < code.names.len(),
        Operand::Depth => arg >= 1,
        Operand::BinaryOp => (arg & !BINARY_OP_INPLACE) < BINARY_OP_COUNT,
        Operand::UnaryOp => arg < UNARY_OP_COUNT,
        Operand::CompareOp => arg < COMPARE_OP_COUNT,
        Operand::Flags => match op {
            Opcode::FORMAT_VALUE => arg <= 7,
            Opcode::MAKE_FUNCTION => arg & !(1 | 2 | 8) == 0,
            Opcode::CALL_FUNCTION_EX => arg <= 1,
            _ => false,
        },
    }
}

/// The deepest stack `code` reaches (its `max_stack` is not read), once it passes every other
/// check: the compiler's `max_stack` comes from the same walk that will check it.
pub(crate) fn max_depth(code: &CodeObject) -> Result<u16, VerifyError> {
    walk(code, u64::from(u16::MAX)).map(|max| max as u16)
}

/// `depth_at` marks for offsets where no instruction starts, and for instructions no path has
/// reached yet; every other entry is a depth, at most `u16::MAX`.
const NOT_START: u32 = u32::MAX;
const UNSEEN: u32 = u32::MAX - 1;
/// `handler_of` mark for offsets no exception-table entry covers.
const NO_ENTRY: u32 = u32::MAX;

/// Checks `code` alone against a stack limit of `max`; the deepest stack it reaches.
///
/// Every table is indexed by byte offset and instructions are decoded where they are needed,
/// so no list of decoded instructions or offset-to-index map is built.
fn walk(code: &CodeObject, max: u64) -> Result<u64, VerifyError> {
    let bytes = &code.code;
    let len = bytes.len();
    if len > u32::MAX as usize - 1 {
        return Err(VerifyError::BadHeader);
    }
    check_header(code)?;
    let decoded = |at: u32| decode(bytes, at).map_err(VerifyError::Decode);
    let mut depth_at = vec![NOT_START; len + 1];
    let mut starts_with_rg = false;
    let mut pc = 0u32;
    while (pc as usize) < len {
        let insn = decoded(pc)?;
        if let Some(d) = depth_at.get_mut(pc as usize) {
            *d = UNSEEN;
        }
        if !operand_ok(code, insn.opcode, insn.arg) {
            return Err(VerifyError::BadOperand(pc));
        }
        let extra_ok = match insn.opcode {
            Opcode::BUILD_SLICE => insn.arg == 2 || insn.arg == 3,
            Opcode::RAISE_VARARGS => insn.arg <= 2,
            Opcode::RETURN_GENERATOR => pc == 0,
            _ => true,
        };
        if !extra_ok {
            return Err(if insn.opcode == Opcode::RETURN_GENERATOR {
                VerifyError::BadGenerator
            } else {
                VerifyError::BadOperand(pc)
            });
        }
        starts_with_rg |= insn.opcode == Opcode::RETURN_GENERATOR;
        pc = insn.next();
    }
    let generator =
        code.flags.contains(CodeFlags::GENERATOR) || code.flags.contains(CodeFlags::COROUTINE);
    if generator != starts_with_rg {
        return Err(VerifyError::BadGenerator);
    }
    let is_start = |at: u32| depth_at.get(at as usize).is_some_and(|&d| d != NOT_START);
    let mut pc = 0u32;
    while (pc as usize) < len {
        let insn = decoded(pc)?;
        if insn.opcode.is_jump() && !is_start(insn.arg) {
            return Err(VerifyError::BadJumpTarget(pc));
        }
        pc = insn.next();
    }
    for (i, e) in code.exception_table.iter().enumerate() {
        let ok = e.start < e.end
            && is_start(e.start)
            && (e.end as usize == len || is_start(e.end))
            && is_start(e.handler);
        if !ok {
            return Err(VerifyError::BadExceptionEntry(i));
        }
    }
    let handler_of = innermost_handlers(code, len);
    let mut deepest = 0;
    let mut work: Vec<u32> = Vec::new();
    // Jump targets and handlers were checked to be instruction starts above.
    let reach = |at: u32, depth: u64, from: u32, depth_at: &mut Vec<u32>, work: &mut Vec<u32>| {
        if depth > max {
            return Err(VerifyError::StackOverflow(from));
        }
        match depth_at.get_mut(at as usize) {
            Some(d) if *d == UNSEEN => {
                *d = depth as u32;
                work.push(at);
                Ok(())
            }
            Some(d) if u64::from(*d) == depth => Ok(()),
            _ => Err(VerifyError::InconsistentDepth(at)),
        }
    };
    if len > 0 {
        reach(0, 0, 0, &mut depth_at, &mut work)?;
    }
    while let Some(pc) = work.pop() {
        let (Some(&depth), Some(&handler)) =
            (depth_at.get(pc as usize), handler_of.get(pc as usize))
        else {
            continue;
        };
        let insn = decoded(pc)?;
        let depth = u64::from(depth);
        deepest = deepest.max(depth);
        if let Some(e) = code.exception_table.get(handler as usize) {
            if u64::from(e.depth) > depth {
                return Err(VerifyError::StackUnderflow(pc));
            }
            reach(
                e.handler,
                u64::from(e.depth) + 1,
                pc,
                &mut depth_at,
                &mut work,
            )?;
        }
        let effect = insn.opcode.stack_effect(insn.arg);
        if effect.pop > depth {
            return Err(VerifyError::StackUnderflow(pc));
        }
        let after = depth - effect.pop + effect.push;
        let next = |work: &mut Vec<u32>, depth_at: &mut Vec<u32>| {
            if insn.next() as usize >= len {
                return Err(VerifyError::FallsOffEnd(pc));
            }
            reach(insn.next(), after, pc, depth_at, work)
        };
        match insn.opcode.flow() {
            Flow::Next => next(&mut work, &mut depth_at)?,
            Flow::Goto => reach(insn.arg, depth, pc, &mut depth_at, &mut work)?,
            Flow::Branch { pop, push } => {
                next(&mut work, &mut depth_at)?;
                if u64::from(pop) > depth {
                    return Err(VerifyError::StackUnderflow(pc));
                }
                let jumped = depth - u64::from(pop) + u64::from(push);
                reach(insn.arg, jumped, pc, &mut depth_at, &mut work)?;
            }
            Flow::Stop => {}
        }
    }
    Ok(deepest)
}

fn check_header(code: &CodeObject) -> Result<(), VerifyError> {
    let extra = usize::from(code.flags.contains(CodeFlags::VARARGS))
        + usize::from(code.flags.contains(CodeFlags::VARKEYWORDS));
    let params = usize::from(code.argcount) + usize::from(code.kwonlyargcount) + extra;
    let ok = code.posonlyargcount <= code.argcount
        && params <= code.varnames.len()
        && code.cell_args.iter().all(|&(cell, arg)| {
            usize::from(cell) < code.cellvars.len() && usize::from(arg) < params
        })
        && code.line_table.windows(2).all(|w| w[0].0 <= w[1].0);
    if ok {
        Ok(())
    } else {
        Err(VerifyError::BadHeader)
    }
}

/// For each byte offset, the index of the first exception-table entry covering it (or
/// [`NO_ENTRY`]): the entries in table order each claim the offsets in their range not yet
/// claimed, found by skipping claimed runs (`next_free`), so the whole takes about
/// O((len + entries) log len).
fn innermost_handlers(code: &CodeObject, len: usize) -> Vec<u32> {
    let mut out = vec![NO_ENTRY; len];
    // `next_free[j]` leads, through a chain, to the first unclaimed offset from `j` on (`len`
    // when none is).
    let mut next_free: Vec<u32> = (0..=len as u32).collect();
    for (i, e) in code.exception_table.iter().enumerate() {
        let mut j = first_free(&mut next_free, e.start);
        while j < e.end {
            let (Some(handler), Some(free)) =
                (out.get_mut(j as usize), next_free.get_mut(j as usize))
            else {
                break;
            };
            *handler = i as u32;
            *free = j + 1;
            j = first_free(&mut next_free, j + 1);
        }
    }
    out
}

/// The first unclaimed offset at or after `j`, shortening the chains it walks.
fn first_free(next_free: &mut [u32], mut j: u32) -> u32 {
    while let Some(&n) = next_free.get(j as usize) {
        if n == j {
            break;
        }
        let skip = next_free.get(n as usize).copied().unwrap_or(n);
        if let Some(at) = next_free.get_mut(j as usize) {
            *at = skip;
        }
        j = skip;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::code::ExceptionEntry;
    use crate::bytecode::opcode::encode;
    use alloc::rc::Rc;
    use alloc::string::String;

    fn code(ops: &[(Opcode, u32)], max_stack: u16) -> CodeObject {
        let mut bytes = Vec::new();
        for &(op, arg) in ops {
            encode(&mut bytes, op, arg);
        }
        CodeObject {
            name: String::from("t"),
            qualname: String::from("t"),
            filename: Rc::from("t"),
            first_line: 1,
            flags: CodeFlags::MODULE,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varnames: vec![String::from("x")],
            cellvars: vec![],
            freevars: vec![],
            cell_args: vec![],
            names: vec![String::from("n")],
            consts: vec![Const::None],
            code: bytes,
            max_stack,
            exception_table: vec![],
            line_table: vec![(0, 1)],
        }
    }

    #[test]
    fn accepts_well_formed_code() {
        let c = code(
            &[
                (Opcode::LOAD_CONST, 0),
                (Opcode::POP_JUMP_IF_FALSE, 6),
                (Opcode::LOAD_NONE, 0),
                (Opcode::RETURN_VALUE, 0),
            ],
            1,
        );
        assert_eq!(verify(&c), Ok(()));
    }

    #[test]
    fn errors_read_as_text() {
        use alloc::string::ToString;
        let cases = [
            (VerifyError::StackUnderflow(7), "stack underflow at 7"),
            (
                VerifyError::BadExceptionEntry(2),
                "bad exception table entry 2",
            ),
            (VerifyError::BadHeader, "inconsistent code object header"),
            (
                VerifyError::Decode(DecodeError::Truncated(3)),
                "truncated instruction at 3",
            ),
            (
                VerifyError::Decode(DecodeError::UnknownOpcode(13, 250)),
                "unknown opcode byte 250 at 13",
            ),
        ];
        for (e, text) in cases {
            assert_eq!(e.to_string(), text);
        }
    }

    #[test]
    fn rejects_each_kind_of_defect() {
        let ret = (Opcode::RETURN_VALUE, 0);
        assert_eq!(
            verify(&code(&[(Opcode::POP_TOP, 0), ret], 1)),
            Err(VerifyError::StackUnderflow(0))
        );
        assert_eq!(
            verify(&code(
                &[(Opcode::LOAD_NONE, 0), (Opcode::LOAD_NONE, 0), ret],
                1
            )),
            Err(VerifyError::StackOverflow(1))
        );
        assert_eq!(
            verify(&code(&[(Opcode::LOAD_CONST, 1), ret], 1)),
            Err(VerifyError::BadOperand(0))
        );
        assert_eq!(
            verify(&code(&[(Opcode::LOAD_FAST, 1), ret], 1)),
            Err(VerifyError::BadOperand(0))
        );
        assert_eq!(
            verify(&code(&[(Opcode::BINARY_OP, 13)], 2)),
            Err(VerifyError::BadOperand(0))
        );
        assert_eq!(
            verify(&code(&[(Opcode::JUMP, 1)], 0)),
            Err(VerifyError::BadJumpTarget(0))
        );
        assert_eq!(
            verify(&code(&[(Opcode::LOAD_NONE, 0)], 1)),
            Err(VerifyError::FallsOffEnd(0))
        );
        assert_eq!(
            verify(&code(&[(Opcode::LIST_APPEND, 0)], 2)),
            Err(VerifyError::BadOperand(0))
        );
        // Two paths into offset 5 with depths 0 and 1.
        let c = code(
            &[
                (Opcode::LOAD_TRUE, 0),
                (Opcode::JUMP_IF_TRUE_OR_POP, 5),
                (Opcode::NOP, 0),
                (Opcode::LOAD_NONE, 0),
                ret,
            ],
            2,
        );
        assert_eq!(verify(&c), Err(VerifyError::InconsistentDepth(5)));
        let mut g = code(&[(Opcode::LOAD_NONE, 0), ret], 1);
        g.flags = CodeFlags::GENERATOR;
        assert_eq!(verify(&g), Err(VerifyError::BadGenerator));
    }

    #[test]
    fn checks_exception_handlers() {
        let mut c = code(
            &[
                (Opcode::LOAD_NONE, 0),
                (Opcode::POP_TOP, 0),
                (Opcode::LOAD_NONE, 0),
                (Opcode::RETURN_VALUE, 0),
                (Opcode::RERAISE, 0),
            ],
            1,
        );
        c.exception_table = vec![ExceptionEntry {
            start: 0,
            end: 2,
            handler: 4,
            depth: 0,
        }];
        assert_eq!(verify(&c), Ok(()));
        c.exception_table[0].handler = 2;
        assert_eq!(verify(&c), Err(VerifyError::InconsistentDepth(2)));
        c.exception_table[0] = ExceptionEntry {
            start: 0,
            end: 9,
            handler: 4,
            depth: 0,
        };
        assert_eq!(verify(&c), Err(VerifyError::BadExceptionEntry(0)));
        c.exception_table[0] = ExceptionEntry {
            start: 0,
            end: 2,
            handler: 4,
            depth: 1,
        };
        assert_eq!(verify(&c), Err(VerifyError::StackUnderflow(0)));
    }
}
