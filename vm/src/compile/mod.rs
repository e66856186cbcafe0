//! The compiler: Python source text to bytecode.

pub mod ast;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod stack;
pub mod symtable;
pub mod token;

pub use error::{ErrorKind, SyntaxError};
