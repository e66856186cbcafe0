//! Prepares the frozen Python modules (`src/modules/frozen/*.py`) for the VM:
//! - stores each minified in `OUT_DIR/frozen/NAME.py` (the minified form has the same tokens on
//!   the same lines: `build/minify_python.rs`), and that packed in `OUT_DIR/frozen/NAME.lz`
//!   (`build/pack_frozen.rs`): the VM includes one or the other, and they live in the chip's
//!   flash;
//! - collects the names and literals the modules compiled in use, and their file names, into
//!   `OUT_DIR/frozen_qstrs.rs`, a static qstr table (`build/frozen_qstrs.rs`): `functools.py`
//!   and `itertools.py` only with their features.

extern crate alloc;

#[path = "build/frozen_qstrs.rs"]
mod frozen_qstrs;
#[path = "build/minify_python.rs"]
mod minify_python;
#[path = "build/pack_frozen.rs"]
mod pack_frozen;

use std::path::Path;
use std::{env, fs};

fn main() {
    let frozen = Path::new("src/modules/frozen");
    println!("cargo:rerun-if-changed={}", frozen.display());
    println!("cargo:rerun-if-changed=src/qstr.rs");
    println!("cargo:rerun-if-changed=build/minify_python.rs");
    println!("cargo:rerun-if-changed=build/frozen_qstrs.rs");
    println!("cargo:rerun-if-changed=build/pack_frozen.rs");
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
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(path).expect("read a frozen module's source");
        let name = path.file_name().expect("a file name");
        let minified = minify_python::minify(&source);
        fs::write(out.join(name), &minified).expect("write a minified frozen module");
        fs::write(
            out.join(name).with_extension("lz"),
            pack_frozen::pack(minified.as_bytes()),
        )
        .expect("write a packed frozen module");
        if compiled_in(path) {
            sources.push(source);
            if let Some(stem) = path.file_stem() {
                modules.push(stem.to_string_lossy().into_owned());
            }
        }
    }
    let qstr_table = fs::read_to_string("src/qstr.rs").expect("read src/qstr.rs");
    fs::write(
        Path::new(&out_dir).join("frozen_qstrs.rs"),
        frozen_qstrs::table(&sources, &modules, &qstr_table),
    )
    .expect("write frozen_qstrs.rs");
}

/// Whether the VM compiles in the frozen module at `path`: `functools` and `itertools` come
/// with their features, the others (`asyncio`, `socket`, `select`) with `net`.
fn compiled_in(path: &Path) -> bool {
    let feature = match path.file_stem().and_then(|s| s.to_str()) {
        Some("functools") => "CARGO_FEATURE_FUNCTOOLS",
        Some("itertools") => "CARGO_FEATURE_ITERTOOLS",
        _ => "CARGO_FEATURE_NET",
    };
    env::var_os(feature).is_some()
}
