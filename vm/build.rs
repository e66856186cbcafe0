//! Prepares the frozen Python modules (`src/modules/frozen/*.py`) for the VM:
//! - stores each minified in `OUT_DIR/frozen/`, where the VM includes it from: they live in the
//!   chip's flash, and the minified form has the same tokens on the same lines
//!   (`build/minify_python.rs`);
//! - collects the names and literals they use, and their file names, into
//!   `OUT_DIR/frozen_qstrs.rs`, a static qstr table whose texts point into those minified
//!   sources (`build/frozen_qstrs.rs`).

extern crate alloc;

#[path = "build/frozen_qstrs.rs"]
mod frozen_qstrs;
#[path = "build/minify_python.rs"]
mod minify_python;

use std::path::Path;
use std::{env, fs};

/// Frozen modules compiled in only with the feature of their name.
const FEATURE_GATED: &[&str] = &["functools", "itertools"];

fn main() {
    let frozen = Path::new("src/modules/frozen");
    println!("cargo:rerun-if-changed={}", frozen.display());
    println!("cargo:rerun-if-changed=src/qstr.rs");
    println!("cargo:rerun-if-changed=build/minify_python.rs");
    println!("cargo:rerun-if-changed=build/frozen_qstrs.rs");
    let out_dir = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out_dir).join("frozen");
    fs::create_dir_all(&out).expect("create OUT_DIR/frozen");
    let mut files: Vec<_> = fs::read_dir(frozen)
        .expect("read src/modules/frozen")
        .map(|entry| entry.expect("list src/modules/frozen").path())
        .filter(|path| path.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    let mut sources = Vec::new();
    let mut modules = Vec::new();
    let mut stored = Vec::new();
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(path).expect("read a frozen module's source");
        let name = path.file_name().expect("a file name");
        let minified = minify_python::minify(&source);
        fs::write(out.join(name), &minified).expect("write a minified frozen module");
        let stem = path.file_stem().expect("a file stem").to_string_lossy();
        // A module behind a feature that is off is not in the VM: neither its names nor its
        // source belong in the table.
        let feature = format!("CARGO_FEATURE_{}", stem.to_uppercase());
        if FEATURE_GATED.contains(&&*stem) && env::var_os(feature).is_none() {
            continue;
        }
        stored.push((out.join(name).to_string_lossy().into_owned(), minified));
        sources.push(source);
        modules.push(stem.into_owned());
    }
    let qstr_table = fs::read_to_string("src/qstr.rs").expect("read src/qstr.rs");
    fs::write(
        Path::new(&out_dir).join("frozen_qstrs.rs"),
        frozen_qstrs::table(&sources, &modules, &stored, &qstr_table),
    )
    .expect("write frozen_qstrs.rs");
}
