//! Ending the run: the virt machine's SiFive test device ("finisher") at `0x10_0000` makes
//! QEMU exit, with status 0 on a pass and with the given code on a failure.

/// The finisher's register.
const FINISHER: *mut u32 = 0x10_0000 as *mut u32;
/// Written alone: QEMU exits with status 0.
const PASS: u32 = 0x5555;
/// In the low half, with the exit status in the high half: QEMU exits with that status.
const FAIL: u32 = 0x3333;

/// The script raised an exception it did not catch (its traceback is on the console), as a
/// Python process exits with status 1.
pub const EXCEPTION: u8 = 1;
/// No script was loaded where the runner places it, or it is not UTF-8. This and the codes
/// below are rarely chosen by `sys.exit`; the console says which it was.
pub const NO_SCRIPT: u8 = 121;
/// The VM could not start (its heap is too small or too large).
pub const NO_VM: u8 = 122;
/// The CPU trapped.
pub const TRAP: u8 = 123;
/// Rust panicked.
pub const PANIC: u8 = 124;

/// End QEMU with status 0.
pub fn pass() -> ! {
    finish(PASS)
}

/// End QEMU with status `code` (not 0).
pub fn fail(code: u8) -> ! {
    finish((u32::from(code.max(1)) << 16) | FAIL)
}

fn finish(word: u32) -> ! {
    // SAFETY: FINISHER is the test device's register at its fixed address on the virt
    // machine; a word write is the access it expects.
    unsafe { core::ptr::write_volatile(FINISHER, word) };
    // Not reached under QEMU; a machine without the device stops here.
    loop {
        core::hint::spin_loop();
    }
}
