//! The compiler: Python source text to bytecode.

pub mod error;
pub mod lexer;
pub mod token;

pub use error::{ErrorKind, SyntaxError};
