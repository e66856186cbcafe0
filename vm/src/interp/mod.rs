//! The interpreter: frames, the run loop, calls.

pub mod call;
pub mod exec;
pub mod frame;
pub mod gen_finalize;
pub mod global_cache;
pub mod nesting;
