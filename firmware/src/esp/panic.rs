//! The chip's panic handler: the code addresses found on the stack, then a reset.
//!
//! It reads nothing from the panic's `PanicInfo`. With `panic = "abort"`, a handler that
//! prints the message or the location keeps every panic site's message, its formatting
//! arguments and its `Location` (file name, line, column) in the image: about 105 KB of the
//! ESP32-C3 image (`scripts/chip_size.py`). The return addresses still on the stack say where
//! instead: `espflash monitor` prints the function and line of each address it sees, from the
//! ELF; `addr2line -e` does the same offline. A board in the field is better restarted than
//! halted, so the handler resets the chip.

use core::panic::PanicInfo;
use esp_hal::delay::Delay;
use esp_println::Printer;

/// Where code runs from on the chip: the instruction RAM and the flash's instruction window.
/// Stack words in these ranges are (mostly) return addresses.
const CODE: [core::ops::Range<u32>; 2] = [0x4037_C000..0x403E_0000, 0x4200_0000..0x4280_0000];

/// The chip's data RAM, which holds every task's stack.
const DRAM: core::ops::Range<u32> = 0x3FC8_0000..0x3FCE_0000;

/// How far up the stack to look, and how many addresses to print at most.
const SCAN_BYTES: u32 = 2048;
const MAX_ADDRESSES: usize = 24;

/// How long the report stays in the port's buffer before the reset.
const RESET_DELAY_MS: u32 = 100;

#[panic_handler]
fn panic(_info: &PanicInfo) -> ! {
    Printer::write_bytes(b"\r\npanic; code addresses on the stack:");
    let sp = stack_pointer();
    let end = DRAM.end.min(sp.saturating_add(SCAN_BYTES));
    let mut printed = 0;
    let mut at = sp & !3;
    while at < end && printed < MAX_ADDRESSES {
        if DRAM.contains(&at) {
            // SAFETY: `at` is a word-aligned address inside the chip's data RAM, which is
            // always readable; a volatile read of a word there has no other effect.
            let word = unsafe { (at as *const u32).read_volatile() };
            if CODE.iter().any(|code| code.contains(&word)) {
                Printer::write_bytes(b" 0x");
                write_hex(word);
                printed += 1;
            }
        }
        at += 4;
    }
    Printer::write_bytes(b"\r\nresetting\r\n");
    // The reset also resets the USB-serial/JTAG port: give the host time to read the lines.
    Delay::new().delay_millis(RESET_DELAY_MS);
    esp_hal::system::software_reset()
}

/// The current stack pointer.
fn stack_pointer() -> u32 {
    let sp: u32;
    // SAFETY: copies the stack pointer register into a general register; no memory is
    // touched and no state changes.
    unsafe {
        core::arch::asm!("mv {0}, sp", out(reg) sp, options(nomem, nostack, preserves_flags))
    };
    sp
}

/// Write `word` as eight hex digits, without `core::fmt`.
fn write_hex(word: u32) {
    let mut digits = [0u8; 8];
    for (i, digit) in digits.iter_mut().enumerate() {
        let nibble = (word >> (28 - 4 * i)) & 0xF;
        *digit = b"0123456789abcdef"[nibble as usize];
    }
    Printer::write_bytes(&digits);
}
