//! Human-readable listing of a code object, nested code objects and exception tables included
//! (for tests, `mote dis`, and debugging the compiler).
//!
//! Each instruction is one line: `line offset NAME arg (meaning)`, the line column filled only
//! where the source line changes. Undecodable bytes end the listing of that code object with an
//! `<error>` line instead of failing, so broken code can be inspected too.

use alloc::collections::VecDeque;
use alloc::string::String;
use core::fmt::Write;

use super::code::{CodeObject, Const};
use super::opcode::{
    instructions, Instruction, Opcode, Operand, BINARY_OP_INPLACE, BINARY_OP_NAMES,
    COMPARE_OP_NAMES, UNARY_OP_NAMES,
};

/// Lists `code` and then, breadth first, every code object among its constants.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    let mut queue: VecDeque<&CodeObject> = VecDeque::new();
    queue.push_back(code);
    let mut first = true;
    while let Some(code) = queue.pop_front() {
        if !first {
            out.push('\n');
        }
        first = false;
        disassemble_one(code, &mut out);
        for c in &code.consts {
            if let Const::Code(inner) = c {
                queue.push_back(inner);
            }
        }
    }
    out
}

/// Lists the instructions of `code` alone.
pub fn disassemble_one(code: &CodeObject, out: &mut String) {
    // Writing into a String cannot fail.
    let _ = writeln!(out, "code {} (line {}):", code.qualname, code.first_line);
    let mut last_line = None;
    for item in instructions(&code.code) {
        let insn = match item {
            Ok(insn) => insn,
            Err(e) => {
                let _ = writeln!(out, "  <error: {e}>");
                break;
            }
        };
        let line = code.line_for_pc(insn.offset);
        if last_line != Some(line) {
            let _ = write!(out, "{line:>4} ");
            last_line = Some(line);
        } else {
            out.push_str("     ");
        }
        let _ = write!(out, "{:>5} {}", insn.offset, insn.opcode.name());
        if insn.opcode.operand().has_arg() {
            write_operand(code, &insn, out);
        }
        out.push('\n');
    }
    for e in &code.exception_table {
        let _ = writeln!(
            out,
            "  exception {} to {} -> {} [{}]",
            e.start, e.end, e.handler, e.depth
        );
    }
}

fn write_operand(code: &CodeObject, insn: &Instruction, out: &mut String) {
    let arg = insn.arg as usize;
    if insn.opcode.operand() == Operand::SmallInt {
        let _ = write!(out, " {}", insn.signed_arg());
        return;
    }
    let _ = write!(out, " {arg}");
    match insn.opcode.operand() {
        Operand::Const => {
            if let Some(c) = code.consts.get(arg) {
                out.push_str(" (");
                write_const(c, out);
                out.push(')');
            }
        }
        Operand::Local => {
            if let Some(name) = code.varnames.get(arg) {
                let _ = write!(out, " ({name})");
            }
        }
        Operand::Cell => {
            if let Some(name) = code.cell_name(arg) {
                let _ = write!(out, " ({name})");
            }
        }
        Operand::Name => {
            if let Some(name) = code.names.get(arg) {
                let _ = write!(out, " ({name})");
            }
        }
        Operand::BinaryOp => {
            let inplace = insn.arg & BINARY_OP_INPLACE != 0;
            if let Some(name) = BINARY_OP_NAMES.get(arg & !(BINARY_OP_INPLACE as usize)) {
                let _ = write!(out, " ({name}{})", if inplace { "=" } else { "" });
            }
        }
        Operand::UnaryOp => {
            if let Some(name) = UNARY_OP_NAMES.get(arg) {
                let _ = write!(out, " ({name})");
            }
        }
        Operand::CompareOp => {
            if let Some(name) = COMPARE_OP_NAMES.get(arg) {
                let _ = write!(out, " ({name})");
            }
        }
        Operand::Count if insn.opcode == Opcode::UNPACK_EX => {
            let _ = write!(out, " ({} before, {} after)", arg & 0xff, arg >> 8);
        }
        _ => {}
    }
}

/// Writes a short `repr`-like form of a constant (nested tuples are listed flat, by depth, so
/// a hostile constant cannot make this recurse deeply).
fn write_const(c: &Const, out: &mut String) {
    match c {
        Const::None => out.push_str("None"),
        Const::True => out.push_str("True"),
        Const::False => out.push_str("False"),
        Const::Ellipsis => out.push_str("Ellipsis"),
        Const::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Const::BigInt(neg, limbs) => {
            let _ = write!(
                out,
                "{}<bigint {} limbs>",
                if *neg { "-" } else { "" },
                limbs.len()
            );
        }
        Const::Float(f) => {
            let _ = write!(out, "{f:?}");
        }
        Const::Imag(f) => {
            let _ = write!(out, "{f:?}j");
        }
        Const::Str(s) => {
            let _ = write!(out, "{s:?}");
        }
        Const::Bytes(b) => {
            out.push_str("b\"");
            for &byte in b {
                let _ = write!(out, "{}", core::ascii::escape_default(byte));
            }
            out.push('"');
        }
        Const::Tuple(items) => {
            out.push('(');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match item {
                    Const::Tuple(inner) => {
                        let _ = write!(out, "<tuple of {}>", inner.len());
                    }
                    other => write_const(other, out),
                }
            }
            if items.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Const::Code(code) => {
            let _ = write!(out, "<code {}>", code.qualname);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::code::CodeFlags;
    use crate::bytecode::opcode::encode;
    use alloc::rc::Rc;
    use alloc::vec;
    use alloc::vec::Vec;

    #[test]
    fn lists_operands_with_their_meaning() {
        let mut bytes = Vec::new();
        encode(&mut bytes, Opcode::LOAD_CONST, 0);
        encode(&mut bytes, Opcode::LOAD_SMALL_INT, 0xffff);
        encode(&mut bytes, Opcode::BINARY_OP, 16);
        encode(&mut bytes, Opcode::STORE_NAME, 0);
        encode(&mut bytes, Opcode::RETURN_VALUE, 0);
        bytes.push(250);
        let code = CodeObject {
            name: "<module>".into(),
            qualname: "<module>".into(),
            filename: Rc::from("t.py"),
            first_line: 1,
            flags: CodeFlags::MODULE,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            varnames: vec![],
            cellvars: vec![],
            freevars: vec![],
            cell_args: vec![],
            names: vec!["x".into()],
            consts: vec![Const::Str("a".into())],
            code: bytes,
            max_stack: 2,
            exception_table: vec![],
            line_table: vec![(0, 1), (9, 2)],
        };
        let text = disassemble(&code);
        let expected = "code <module> (line 1):\n   1     0 LOAD_CONST 0 (\"a\")\n         3 LOAD_SMALL_INT -1\n         6 BINARY_OP 16 (+=)\n   2     9 STORE_NAME 0 (x)\n        12 RETURN_VALUE\n  <error: unknown opcode byte 250 at 13>\n";
        assert_eq!(text, expected);
    }
}
