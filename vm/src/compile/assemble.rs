//! The assembler: a code unit's instruction list (with symbolic labels and per-instruction
//! exception handlers) to bytes, exception table, line table and `max_stack`.
//!
//! Jumps are encoded with `EXTENDED_ARG` only when their target needs it; sizes are settled by
//! iterating until no jump grows (each pass can only grow instructions, so it terminates).
//! `max_stack` is left to the verifier's walk (see `bytecode::verify::max_depth`), which
//! checks the whole unit as it measures it.

use alloc::vec;
use alloc::vec::Vec;

use crate::bytecode::code::ExceptionEntry;
use crate::bytecode::opcode::{encode, encoded_len, Opcode};

/// A jump target, resolved when the unit is assembled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Label(pub u32);

/// No exception handler covers the instruction.
pub const NO_HANDLER: u32 = u32::MAX;

/// One instruction before assembly.
#[derive(Clone, Copy, Debug)]
pub struct Instr {
    /// The operation.
    pub op: Opcode,
    /// Operand; for jumps, a label number.
    pub arg: u32,
    /// Source line.
    pub line: u32,
    /// Index into the unit's handler list, or [`NO_HANDLER`].
    pub handler: u32,
}

/// An exception handler: where it starts and the stack depth it unwinds to.
#[derive(Clone, Copy, Debug)]
pub struct Handler {
    /// Handler code.
    pub label: Label,
    /// Depth to unwind to before pushing the exception.
    pub depth: u32,
}

/// What assembly produces.
pub struct Assembled {
    /// Bytes.
    pub code: Vec<u8>,
    /// Exception table.
    pub exception_table: Vec<ExceptionEntry>,
    /// `(pc, line)` pairs.
    pub line_table: Vec<(u32, u32)>,
}

/// Why a unit could not be assembled (only for inputs whose code is too big to encode).
#[derive(Debug, PartialEq, Eq)]
pub struct TooComplex;

/// Assembles `instrs`; `labels[i]` is the instruction index label `i` is bound to.
pub fn assemble(
    instrs: &[Instr],
    labels: &[u32],
    handlers: &[Handler],
) -> Result<Assembled, TooComplex> {
    let target = |arg: u32| labels.get(arg as usize).copied().unwrap_or(0) as usize;
    // Offsets, growing jumps that need a prefix until stable. Lookups go through `get`: every
    // index is in range, and a panic location at each would cost more code than the fallback.
    let mut wide = vec![false; instrs.len()];
    let mut offsets = vec![0u32; instrs.len() + 1];
    loop {
        let mut pc: u64 = 0;
        for ((ins, offset), &wide) in instrs.iter().zip(offsets.iter_mut()).zip(&wide) {
            *offset = u32::try_from(pc).map_err(|_| TooComplex)?;
            let arg = if wide { 0x1_0000 } else { ins.arg.min(0xffff) };
            let arg = if ins.op.is_jump() { arg } else { ins.arg };
            pc += u64::from(encoded_len(ins.op, arg));
        }
        if let Some(end) = offsets.last_mut() {
            *end = u32::try_from(pc).map_err(|_| TooComplex)?;
        }
        let offset_at = |i: usize| offsets.get(i).copied().unwrap_or(0);
        let mut grew = false;
        for (ins, wide) in instrs.iter().zip(wide.iter_mut()) {
            if ins.op.is_jump() && !*wide && offset_at(target(ins.arg)) > 0xffff {
                *wide = true;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let offset_at = |i: usize| offsets.get(i).copied().unwrap_or(0);
    let mut code = Vec::with_capacity(offset_at(instrs.len()) as usize);
    let mut line_table: Vec<(u32, u32)> = Vec::new();
    for ((ins, &offset), &wide) in instrs.iter().zip(&offsets).zip(&wide) {
        if line_table.last().map(|l| l.1) != Some(ins.line) {
            line_table.push((offset, ins.line));
        }
        let arg = if ins.op.is_jump() {
            let to = offset_at(target(ins.arg));
            if wide && to <= 0xffff {
                // Keep the size settled above: an explicit zero prefix.
                encode(&mut code, Opcode::EXTENDED_ARG, 0);
            }
            to
        } else {
            ins.arg
        };
        encode(&mut code, ins.op, arg);
    }
    // Exception table: maximal runs of instructions sharing a handler.
    let mut exception_table: Vec<ExceptionEntry> = Vec::new();
    let mut i = 0;
    for run in instrs.chunk_by(|a, b| a.handler == b.handler) {
        let j = i + run.len();
        if let Some(handler) = run
            .first()
            .and_then(|ins| handlers.get(ins.handler as usize))
        {
            exception_table.push(ExceptionEntry {
                start: offset_at(i),
                end: offset_at(j),
                handler: offset_at(target(handler.label.0)),
                depth: u16::try_from(handler.depth).map_err(|_| TooComplex)?,
            });
        }
        i = j;
    }
    Ok(Assembled {
        code,
        exception_table,
        line_table,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ins(op: Opcode, arg: u32) -> Instr {
        Instr {
            op,
            arg,
            line: 1,
            handler: NO_HANDLER,
        }
    }

    #[test]
    fn jumps_resolve_to_byte_offsets() {
        let instrs = [
            ins(Opcode::LOAD_TRUE, 0),
            ins(Opcode::POP_JUMP_IF_FALSE, 0),
            ins(Opcode::LOAD_SMALL_INT, 1),
            ins(Opcode::RETURN_VALUE, 0),
            ins(Opcode::LOAD_NONE, 0),
            ins(Opcode::RETURN_VALUE, 0),
        ];
        let a = assemble(&instrs, &[4], &[]).unwrap();
        assert_eq!(a.code[1..4], [Opcode::POP_JUMP_IF_FALSE as u8, 8, 0]);
    }

    #[test]
    fn far_jumps_get_a_prefix() {
        let mut instrs = alloc::vec![ins(Opcode::JUMP, 0)];
        for _ in 0..30_000 {
            instrs.push(ins(Opcode::NOP, 0));
            instrs.push(ins(Opcode::NOP, 0));
            instrs.push(ins(Opcode::NOP, 0));
        }
        instrs.push(ins(Opcode::LOAD_NONE, 0));
        instrs.push(ins(Opcode::RETURN_VALUE, 0));
        let a = assemble(&instrs, &[90_001], &[]).unwrap();
        assert_eq!(a.code[0], Opcode::EXTENDED_ARG as u8);
        let insn = crate::bytecode::opcode::decode(&a.code, 0).unwrap();
        assert_eq!(insn.arg, 6 + 90_000);
    }

    #[test]
    fn explicit_zero_prefix_bytes() {
        // What `assemble` writes for a jump widened in an earlier pass whose target ends up
        // below 0x10000.
        let mut code = alloc::vec::Vec::new();
        encode(&mut code, Opcode::EXTENDED_ARG, 0);
        encode(&mut code, Opcode::JUMP, 5);
        assert_eq!(
            code,
            [Opcode::EXTENDED_ARG as u8, 0, 0, Opcode::JUMP as u8, 5, 0]
        );
    }

    #[test]
    fn handlers_become_table_entries_with_depth() {
        let mut body = ins(Opcode::LOAD_NONE, 0);
        body.handler = 0;
        let mut pop = ins(Opcode::POP_TOP, 0);
        pop.handler = 0;
        let instrs = [
            body,
            pop,
            ins(Opcode::LOAD_NONE, 0),
            ins(Opcode::RETURN_VALUE, 0),
            ins(Opcode::RERAISE, 0),
        ];
        let handlers = [Handler {
            label: Label(0),
            depth: 0,
        }];
        let a = assemble(&instrs, &[4], &handlers).unwrap();
        assert_eq!(
            a.exception_table,
            [ExceptionEntry {
                start: 0,
                end: 2,
                handler: 4,
                depth: 0
            }]
        );
    }
}
