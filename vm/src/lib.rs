//! `mote-vm`: the Python 3 virtual machine at the heart of mote.
//!
//! Source text is compiled (`compile`: lexer → parser → AST → code generator) into compact
//! bytecode (`bytecode`), which the interpreter runs over a fixed-size garbage-collected heap that
//! the embedder hands in at start. The VM is `no_std` + `alloc` and knows nothing of networks or
//! flash: the embedder supplies a small host interface (console, clock, filesystem, signals).
#![no_std]

extern crate alloc;

pub mod bytecode;
pub mod compile;
pub mod format;
pub mod heap;
pub mod obj;
pub mod value;
