//! Reset entry, trap entry and panic handler: what runs before and around `main`.
//!
//! With `-bios none`, QEMU starts every hart at the start of RAM in machine mode with the
//! MMU off and interrupts disabled; nothing else has set up a stack or zeroed `.bss`.

use crate::{console, finisher};

// `_start`: harts other than 0 park; hart 0 takes the stack `link.x` reserves, zeroes `.bss`
// (QEMU's loader zeroes it too, but a reset by the guest would not), points traps at
// `_trap`, and calls `main`, which never returns. `_trap` takes the stack afresh, since a
// trap may come from a broken stack, and reports it: the program never resumes after one.
core::arch::global_asm!(
    ".section .text.start, \"ax\"",
    ".global _start",
    "_start:",
    "    csrr t0, mhartid",
    "    bnez t0, 3f",
    "    la sp, _stack_top",
    "    la t0, _bss_start",
    "    la t1, _bss_end",
    "1:  bgeu t0, t1, 2f",
    "    sw zero, 0(t0)",
    "    addi t0, t0, 4",
    "    j 1b",
    "2:  la t0, _trap",
    "    csrw mtvec, t0",
    "    call {main}",
    "3:  wfi",
    "    j 3b",
    ".balign 4",
    "_trap:",
    "    la sp, _stack_top",
    "    j {trap}",
    main = sym crate::main,
    trap = sym trap,
);

/// A trap (an illegal instruction, a misaligned or faulting access, an `ecall`): say which and
/// where, and end QEMU with a failure status.
extern "C" fn trap() -> ! {
    let (cause, epc, tval): (usize, usize, usize);
    // SAFETY: reading machine-mode CSRs has no side effect; the program runs in machine mode.
    unsafe {
        core::arch::asm!(
            "csrr {0}, mcause",
            "csrr {1}, mepc",
            "csrr {2}, mtval",
            out(reg) cause,
            out(reg) epc,
            out(reg) tval,
        );
    }
    console::write(b"\ntrap: mcause ");
    console::write_hex(cause);
    console::write(b" at mepc ");
    console::write_hex(epc);
    console::write(b" (mtval ");
    console::write_hex(tval);
    console::write(b")\n");
    finisher::fail(finisher::TRAP)
}

/// How far up the stack the panic handler looks, and how many code addresses it prints.
const SCAN_BYTES: usize = 2048;
const MAX_ADDRESSES: usize = 24;

/// A panic: the code addresses found on the stack (`addr2line -e` the ELF names their
/// functions and lines), then a failure status. It reads nothing from `PanicInfo`, as the
/// chip's handler (firmware/src/esp/panic.rs): a handler that prints the message or the
/// location keeps every panic site's message, formatting and `Location` in the image (about
/// 33 KB of this binary's `.text + .rodata`), which would count here what the chip never
/// carries.
#[panic_handler]
fn panic(_info: &core::panic::PanicInfo) -> ! {
    extern "C" {
        static _start: u8;
        static _text_end: u8;
        static _stack_top: u8;
    }
    // Only the symbols' addresses are taken, never their contents.
    let code = core::ptr::addr_of!(_start) as usize..core::ptr::addr_of!(_text_end) as usize;
    let stack_top = core::ptr::addr_of!(_stack_top) as usize;
    console::write(b"\npanic; code addresses on the stack:");
    let sp: usize;
    // SAFETY: copies the stack pointer into a register; no memory is touched.
    unsafe { core::arch::asm!("mv {0}, sp", out(reg) sp, options(nomem, nostack)) };
    let end = stack_top.min(sp.saturating_add(SCAN_BYTES));
    let mut printed = 0;
    let mut at = sp & !3;
    while at < end && printed < MAX_ADDRESSES {
        // SAFETY: `at` is word-aligned and between the stack pointer and the top of the
        // stack `link.x` reserves, which is RAM; a volatile read has no other effect.
        let word = unsafe { (at as *const usize).read_volatile() };
        if code.contains(&word) {
            console::write(b" ");
            console::write_hex(word);
            printed += 1;
        }
        at += 4;
    }
    console::write(b"\n");
    finisher::fail(finisher::PANIC)
}
