//! Bytecode: the opcode table and the code objects the compiler emits and the interpreter runs.
//!
//! `opcode` is the one table everything else derives from; `code` holds the compiled units;
//! `disasm` lists them. The contract is described in `vm/BYTECODE.md`.

pub mod code;
pub mod disasm;
pub mod opcode;
pub mod verify;

pub use code::{CodeFlags, CodeObject, Const, ExceptionEntry};
pub use opcode::{Instruction, Opcode, Operand};
