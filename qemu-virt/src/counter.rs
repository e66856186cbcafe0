//! The instruction counter: `minstret`. Under `qemu-system-riscv32 -icount shift=0`, QEMU
//! counts guest instructions exactly (a CSR read ends its translation block, so the count is
//! exact at the read), and `minstret` reads that count, so the difference between two reads
//! is the number of instructions between them, the same on every run.

/// Instructions retired since reset.
pub fn instret() -> u64 {
    loop {
        let (hi, lo, again): (u32, u32, u32);
        // SAFETY: reading the counter CSRs has no side effect; the program runs in machine
        // mode, where they are readable.
        unsafe {
            core::arch::asm!(
                "csrr {0}, minstreth",
                "csrr {1}, minstret",
                "csrr {2}, minstreth",
                out(reg) hi,
                out(reg) lo,
                out(reg) again,
            );
        }
        // The low half wrapped between the reads of the high half: read again.
        if hi == again {
            return (u64::from(hi) << 32) | u64::from(lo);
        }
    }
}
