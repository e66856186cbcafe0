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

/// `core::fmt` onto the UART.
pub struct Console;

impl core::fmt::Write for Console {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        write(s.as_bytes());
        Ok(())
    }
}
