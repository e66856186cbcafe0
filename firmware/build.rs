//! The chip binaries link with esp-hal's linker script (memory map, sections, ROM functions):
//! through rust-lld on RISC-V, through GNU ld (Espressif's GCC) on Xtensa. The library and the
//! host builds need nothing.
fn main() {
    if std::env::var_os("CARGO_FEATURE_ESP").is_none() {
        return;
    }
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("xtensa") {
        println!("cargo:rustc-link-arg-bins=-Wl,-Tlinkall.x");
        println!("cargo:rustc-link-arg-bins=-nostartfiles");
    } else {
        println!("cargo:rustc-link-arg-bins=-Tlinkall.x");
    }
}
