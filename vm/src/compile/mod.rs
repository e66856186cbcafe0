//! The compiler: Python source text to bytecode.
