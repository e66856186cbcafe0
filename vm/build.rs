//! Stores the frozen Python modules (`src/modules/frozen/*.py`) minified in `OUT_DIR/frozen/`,
//! where the VM includes them from: they live in the chip's flash, and the minified form has
//! the same tokens on the same lines (see `build/minify_python.rs`).

extern crate alloc;

#[path = "build/minify_python.rs"]
mod minify_python;

use std::path::Path;
use std::{env, fs};

fn main() {
    let frozen = Path::new("src/modules/frozen");
    println!("cargo:rerun-if-changed={}", frozen.display());
    println!("cargo:rerun-if-changed=build/minify_python.rs");
    let out_dir = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = Path::new(&out_dir).join("frozen");
    fs::create_dir_all(&out).expect("create OUT_DIR/frozen");
    let entries = fs::read_dir(frozen).expect("read src/modules/frozen");
    for entry in entries {
        let path = entry.expect("list src/modules/frozen").path();
        if path.extension().is_none_or(|e| e != "py") {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let source = fs::read_to_string(&path).expect("read a frozen module's source");
        let name = path.file_name().expect("a file name");
        fs::write(out.join(name), minify_python::minify(&source))
            .expect("write a minified frozen module");
    }
}
