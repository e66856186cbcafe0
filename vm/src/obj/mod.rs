//! Heap object layouts and the operations on each builtin type, one concept per file.

pub mod attr;
pub mod attr_fast;
pub mod builtin_sub;
pub mod bytes;
pub mod class;
pub mod class_cache;
pub mod class_hooks;
pub mod dict;
pub mod exception;
pub mod file;
pub mod float;
pub mod func;
pub mod int;
pub mod iter;
pub mod kind;
pub mod layout;
pub mod limbs;
pub mod memview;
pub mod ops;
pub mod range;
pub mod repr;
pub mod seq;
pub mod set;
pub mod slots;
pub mod str;
pub mod subscr;
