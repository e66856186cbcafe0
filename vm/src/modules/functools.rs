//! The `functools` module: partial, reduce, wraps, update_wrapper, lru_cache, cache, cmp_to_key and
//! total_ordering, with CPython's semantics.
//!
//! They are Python (`frozen/functools.py`), one section per name, and a section is compiled and
//! run when a program first reads that name from the module ([`Runtime::frozen_def`]): the
//! source stays in flash and a program pays heap only for what it uses. (The iterators are
//! generators, so their `repr` and `type` differ from CPython's; what they yield does not.)

use super::{Attr, ModuleDef};
#[cfg(doc)]
use crate::runtime::Runtime;

/// The module's Python source, in sections.
const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/frozen/functools.py"));

/// The `functools` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "functools",
    natives: &crate::builtins::native::NO_NATIVES,
    attrs: &[
        (
            "reduce",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "reduce")),
        ),
        (
            "partial",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "partial")),
        ),
        (
            "update_wrapper",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "update_wrapper")),
        ),
        (
            "WRAPPER_ASSIGNMENTS",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "WRAPPER_ASSIGNMENTS")),
        ),
        (
            "WRAPPER_UPDATES",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "WRAPPER_UPDATES")),
        ),
        (
            "wraps",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "wraps")),
        ),
        (
            "lru_cache",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "lru_cache")),
        ),
        (
            "cache",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "cache")),
        ),
        (
            "cmp_to_key",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "cmp_to_key")),
        ),
        (
            "total_ordering",
            Attr::Made(|rt| rt.frozen_def("functools", SOURCE, "total_ordering")),
        ),
    ],
    init: None,
};
