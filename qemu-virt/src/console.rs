//! The console: the virt machine's NS16550 UART at `0x1000_0000` (QEMU's `-serial`).

/// The UART's transmit holding register.
const THR: *mut u8 = 0x1000_0000 as *mut u8;
/// Its line status register.
const LSR: *const u8 = 0x1000_0005 as *const u8;
/// LSR bit: the transmit holding register can take a byte.
const LSR_THR_EMPTY: u8 = 1 << 5;

/// Write `bytes` to the UART, waiting for room before each byte as a driver for the real
/// part must (QEMU makes the guest wait when whatever reads its `-serial` falls behind).
pub fn write(bytes: &[u8]) {
    for &b in bytes {
        // SAFETY: THR and LSR are the virt machine's UART registers, mapped at these fixed
        // addresses and accessed with single-byte volatile accesses as the device expects;
        // nothing else in the program drives the UART.
        unsafe {
            while core::ptr::read_volatile(LSR) & LSR_THR_EMPTY == 0 {}
            core::ptr::write_volatile(THR, b);
        }
    }
}

/// Write `n` in decimal. The instrument prints its figures without `core::fmt`, so that the
/// size report counts only the formatting code the VM itself pulls in.
pub fn write_dec(mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    write(&digits[at..]);
}

/// Write `word` as `0x` and eight hex digits.
pub fn write_hex(word: usize) {
    let mut digits = *b"0x00000000";
    for (i, digit) in digits[2..].iter_mut().enumerate() {
        *digit = b"0123456789abcdef"[(word >> (28 - 4 * i)) & 0xF];
    }
    write(&digits);
}
