//! The `itertools` module: count, cycle, repeat, accumulate, chain (with `from_iterable`), compress, dropwhile,
//! takewhile, filterfalse, groupby, islice, starmap, tee, zip_longest, product, permutations,
//! combinations, combinations_with_replacement and pairwise, with CPython's semantics.
//!
//! They are Python (`frozen/itertools.py`), one section per name, and a section is compiled and
//! run when a program first reads that name from the module ([`Runtime::frozen_def`]): the
//! source stays in flash and a program pays heap only for what it uses. (The iterators are
//! generators, so their `repr` and `type` differ from CPython's; what they yield does not.)

use super::{Attr, ModuleDef};
#[cfg(doc)]
use crate::runtime::Runtime;

/// The module's Python source, in sections.
const SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/frozen/itertools.py"));

/// The `itertools` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "itertools",
    natives: &crate::builtins::native::NO_NATIVES,
    attrs: &[
        (
            "count",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "count")),
        ),
        (
            "cycle",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "cycle")),
        ),
        (
            "repeat",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "repeat")),
        ),
        (
            "accumulate",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "accumulate")),
        ),
        (
            "chain",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "chain")),
        ),
        (
            "compress",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "compress")),
        ),
        (
            "dropwhile",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "dropwhile")),
        ),
        (
            "takewhile",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "takewhile")),
        ),
        (
            "filterfalse",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "filterfalse")),
        ),
        (
            "groupby",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "groupby")),
        ),
        (
            "islice",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "islice")),
        ),
        (
            "starmap",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "starmap")),
        ),
        (
            "tee",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "tee")),
        ),
        (
            "zip_longest",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "zip_longest")),
        ),
        (
            "product",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "product")),
        ),
        (
            "permutations",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "permutations")),
        ),
        (
            "combinations",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "combinations")),
        ),
        (
            "combinations_with_replacement",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "combinations_with_replacement")),
        ),
        (
            "pairwise",
            Attr::Made(|rt| rt.frozen_def("itertools", SOURCE, "pairwise")),
        ),
    ],
    init: None,
};
