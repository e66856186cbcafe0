//! Bytecode: the opcode table and the code objects the compiler emits and the interpreter runs.
