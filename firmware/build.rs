//! The chip binaries link with esp-hal's linker script (memory map, sections, ROM functions);
//! the library and the host builds need nothing.
fn main() {
    if std::env::var_os("CARGO_FEATURE_ESP").is_some() {
        println!("cargo:rustc-link-arg-bins=-Tlinkall.x");
    }
}
