//! LZSS packing of the frozen Python sources: `build.rs` packs each minified file, the VM
//! unpacks a module's source when it is imported (`modules::frozen`). Minified Python still
//! repeats itself (`self.`, `def `, `await `, indentation, names): packed, the chip's frozen
//! modules take about 43% of their bytes in flash.
//!
//! The format, which [`pack`] writes and `modules::frozen::unpack` reads:
//! - 4 bytes: the unpacked length, little-endian;
//! - then groups of one flag byte and up to 8 items, the flag's bit `i` (least significant
//!   first) saying what item `i` is: `0` a literal byte, `1` a copy of 2 bytes `lo, hi`:
//!   `LEN = (hi & 15) + 3` bytes from `DIST = ((hi >> 4) << 8 | lo) + 1` bytes back in the
//!   output (a copy may overlap what it writes).
//!
//! The parse is optimal for this format (the fewest bits to the end from every position,
//! computed backwards), which packs about 3% smaller than taking the longest match each time.

use alloc::vec;
use alloc::vec::Vec;

/// The shortest copy worth its two bytes.
const MIN_COPY: usize = 3;
/// The longest copy (4 bits of length).
const MAX_COPY: usize = MIN_COPY + 15;
/// How far back a copy reaches (12 bits of distance).
const WINDOW: usize = 4096;

/// `src` packed (see the module doc).
pub fn pack(src: &[u8]) -> Vec<u8> {
    let n = src.len();
    // For every position: the fewest bits to the end, and the copy (length, distance) that
    // starts the best way there (`(0, 0)`: a literal).
    let mut bits = vec![0usize; n + 1];
    let mut step = vec![(0usize, 0usize); n];
    for i in (0..n).rev() {
        bits[i] = 9 + bits[i + 1];
        let (len, dist) = longest_copy(src, i);
        for l in MIN_COPY..=len {
            if 17 + bits[i + l] < bits[i] {
                bits[i] = 17 + bits[i + l];
                step[i] = (l, dist);
            }
        }
    }
    let len = u32::try_from(n).expect("a frozen module under 4 GiB");
    let mut out = Vec::from(len.to_le_bytes());
    let mut flag_at = 0;
    let mut items = 8;
    let mut i = 0;
    while i < n {
        if items == 8 {
            flag_at = out.len();
            out.push(0);
            items = 0;
        }
        let (l, dist) = step[i];
        if l == 0 {
            out.push(src[i]);
            i += 1;
        } else {
            out[flag_at] |= 1 << items;
            let d = dist - 1;
            out.push(d as u8);
            out.push(((d >> 8) << 4 | (l - MIN_COPY)) as u8);
            i += l;
        }
        items += 1;
    }
    out
}

/// The longest earlier copy of the bytes at `i` (length, distance), `(0, 0)` when none is
/// [`MIN_COPY`] long.
fn longest_copy(src: &[u8], i: usize) -> (usize, usize) {
    let limit = MAX_COPY.min(src.len() - i);
    let mut best = (0, 0);
    for j in i.saturating_sub(WINDOW)..i {
        let l = (0..limit).take_while(|&k| src[j + k] == src[i + k]).count();
        if l >= MIN_COPY && l >= best.0 {
            best = (l, i - j);
        }
    }
    best
}
