//! `mote-vm`: the Python 3 virtual machine at the heart of mote.
//!
//! Source text is compiled (`compile`: lexer → parser → AST → code generator) into compact
//! bytecode (`bytecode`), which the interpreter runs over a fixed-size garbage-collected heap that
//! the embedder hands in at start. The VM is `no_std` + `alloc` and knows nothing of networks or
//! flash: the embedder supplies a small host interface (console, clock, filesystem, signals).
#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod builtins;
pub mod bytecode;
pub mod compile;
pub mod format;
pub mod heap;
pub mod host;
pub mod interp;
pub mod modules;
pub mod obj;
pub mod qstr;
pub mod runtime;
pub mod source;
#[cfg(feature = "std")]
pub mod std_host;
pub mod value;
pub mod vm;

pub use host::{Host, HostError};
pub use vm::{Config, Outcome, Poll, Vm, VmError};

#[cfg(test)]
mod tests;
