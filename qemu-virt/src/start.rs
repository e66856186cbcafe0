//! Reset entry, trap entry and panic handler: what runs before and around `main`.
//!
//! With `-bios none`, QEMU starts every hart at the start of RAM in machine mode with the
//! MMU off and interrupts disabled; nothing else has set up a stack or zeroed `.bss`.

use crate::{console, finisher};
use core::fmt::Write;

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
    let _ = write!(
        console::Console,
        "\ntrap: mcause {cause:#x} at mepc {epc:#x} (mtval {tval:#x})\n"
    );
    finisher::fail(finisher::TRAP)
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let _ = writeln!(console::Console, "\npanic: {info}");
    finisher::fail(finisher::PANIC)
}
