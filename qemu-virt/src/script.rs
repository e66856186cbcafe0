//! The script to run, which the runner places in RAM before the hart starts (QEMU's
//! `-device loader,file=F,addr=0x87F00000,force-raw=on`, see `scripts/rv32_bench.py`):
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | magic, the bytes `MOTE` |
//! | 4 | 4 | Python heap bytes, little-endian; 0 for [`DEFAULT_HEAP`] |
//! | 8 | 4 | script length in bytes, little-endian |
//! | 12 | length | the script, UTF-8 |
//!
//! One binary thus runs any program, and what is measured is the binary the size report
//! measures.

/// The header's first four bytes.
pub const MAGIC: [u8; 4] = *b"MOTE";
/// Bytes before the script.
pub const HEADER_BYTES: usize = 12;
/// The Python heap when the header asks for none: MicroPython's VIRT_RV32 port builds
/// with 140 KiB; the comparison builds it with this.
pub const DEFAULT_HEAP: usize = 256 * 1024;

extern "C" {
    static _script: u8;
}

/// Bytes `link.x` reserves for the script and its header (the region ends RAM).
const REGION_BYTES: usize = 1024 * 1024;

/// A script as the runner placed it.
pub struct Script {
    /// The Python heap it asks for.
    pub heap_bytes: usize,
    /// Its source.
    pub source: &'static str,
}

/// The script the runner placed, or `None` when there is none (no magic, a length past the
/// region, or text that is not UTF-8).
pub fn loaded() -> Option<Script> {
    // SAFETY: `_script` starts the last MiB of RAM, which `link.x` gives to nothing else and
    // the program never writes: it is the runner's bytes (or zeros) for the whole run.
    let region: &'static [u8] =
        unsafe { core::slice::from_raw_parts(core::ptr::addr_of!(_script), REGION_BYTES) };
    let (header, rest) = region.split_at(HEADER_BYTES);
    let word = |at: usize| {
        let mut bytes = [0; 4];
        bytes.copy_from_slice(&header[at..at + 4]);
        u32::from_le_bytes(bytes) as usize
    };
    if header[..4] != MAGIC {
        return None;
    }
    let heap_bytes = match word(4) {
        0 => DEFAULT_HEAP,
        n => n,
    };
    let source = core::str::from_utf8(rest.get(..word(8))?).ok()?;
    Some(Script { heap_bytes, source })
}
