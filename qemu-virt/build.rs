//! Links the binary with `link.x`, the memory map of QEMU's virt machine, folding identical
//! functions.

fn main() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    println!("cargo:rustc-link-arg-bins=-T{dir}/link.x");
    // Identical functions (drop glue, index and closure shims instantiated for different
    // types) folded into one: about 1.3 KB. Rust does not promise distinct function addresses.
    println!("cargo:rustc-link-arg-bins=--icf=all");
    println!("cargo:rerun-if-changed=link.x");
}
