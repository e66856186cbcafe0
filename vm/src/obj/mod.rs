//! Heap object layouts and the operations on each builtin type, one type per file.

pub mod kind;
