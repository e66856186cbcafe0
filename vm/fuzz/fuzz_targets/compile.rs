//! Fuzz target: arbitrary bytes as Python source through lexer, parser, symbol table and code
//! generator in every mode. Compiling must never panic or overflow the stack, and whatever
//! compiles must pass the bytecode verifier (and disassemble).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_vm::bytecode::disasm::disassemble;
use mote_vm::bytecode::verify::verify;
use mote_vm::compile::{compile, Mode};

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    for mode in [Mode::Exec, Mode::Eval, Mode::Single] {
        if let Ok(code) = compile(&source, "<fuzz>", mode) {
            if let Err(e) = verify(&code) {
                panic!("{e}\n{}", disassemble(&code));
            }
        }
    }
});
