//! Where the two slots and the boot state live on the flash.

use super::Slot;

/// Bytes of one boot-state record; the flash's read and write units must divide it.
pub(crate) const RECORD_LEN: usize = 32;
/// Bytes programmed at once while an image streams in; a multiple of every unit allowed.
pub(crate) const PAGE_LEN: usize = 256;

/// The byte ranges the updater owns on a flash of sector size `E` (the flash's erase size).
///
/// Each slot ends with one *trailer* sector holding the image's header and signature, so a
/// slot's payload starts at the slot's first byte (where ESP-IDF's bootloader expects an app)
/// and holds at most `slot_len - E` bytes. The state area is two sectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Offset of the two state sectors.
    pub state: u32,
    /// Offsets of slots A and B.
    pub slots: [u32; 2],
    /// Bytes in each slot, trailer included.
    pub slot_len: u32,
}

/// Why a [`Layout`] does not fit a flash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutError {
    /// An offset or the slot length is not a whole number of sectors.
    NotAligned,
    /// A slot is smaller than two sectors (one for payload, one for the trailer).
    SlotTooSmall,
    /// Two of the regions overlap.
    Overlap,
    /// A region reaches past the end of the flash.
    OutOfBounds,
    /// The flash's read or write unit does not divide 32 bytes, or its sector is too small.
    UnsupportedUnits,
}

impl Layout {
    /// The state sectors at `base`, then slot A, then slot B, each `slot_len` bytes.
    pub const fn contiguous(base: u32, slot_len: u32, erase_size: u32) -> Layout {
        let a = base + 2 * erase_size;
        Layout {
            state: base,
            slots: [a, a + slot_len],
            slot_len,
        }
    }

    /// Bytes the layout spans from its lowest to its highest offset, on sectors of
    /// `erase_size` bytes.
    pub fn end(&self, erase_size: u32) -> u64 {
        let ends = [
            u64::from(self.state) + 2 * u64::from(erase_size),
            u64::from(self.slots[0]) + u64::from(self.slot_len),
            u64::from(self.slots[1]) + u64::from(self.slot_len),
        ];
        ends.into_iter().max().unwrap_or(0)
    }

    /// Checks the layout against a flash of `capacity` bytes with the given units.
    pub fn check(
        &self,
        capacity: usize,
        read_size: usize,
        write_size: usize,
        erase_size: usize,
    ) -> Result<(), LayoutError> {
        if read_size == 0
            || write_size == 0
            || !RECORD_LEN.is_multiple_of(read_size)
            || !RECORD_LEN.is_multiple_of(write_size)
            || erase_size < PAGE_LEN
            || !erase_size.is_multiple_of(PAGE_LEN)
        {
            return Err(LayoutError::UnsupportedUnits);
        }
        let e = erase_size as u64;
        let regions = [
            (u64::from(self.state), 2 * e),
            (u64::from(self.slots[0]), u64::from(self.slot_len)),
            (u64::from(self.slots[1]), u64::from(self.slot_len)),
        ];
        if regions.iter().any(|&(at, len)| at % e != 0 || len % e != 0) {
            return Err(LayoutError::NotAligned);
        }
        if u64::from(self.slot_len) < 2 * e {
            return Err(LayoutError::SlotTooSmall);
        }
        if regions.iter().any(|&(at, len)| at + len > capacity as u64) {
            return Err(LayoutError::OutOfBounds);
        }
        for (i, &(a, alen)) in regions.iter().enumerate() {
            for &(b, blen) in &regions[i + 1..] {
                if a < b + blen && b < a + alen {
                    return Err(LayoutError::Overlap);
                }
            }
        }
        Ok(())
    }

    /// Offset of `slot`.
    pub fn slot(&self, slot: Slot) -> u32 {
        self.slots[slot.index()]
    }

    /// Offset of `slot`'s trailer sector.
    pub fn trailer(&self, slot: Slot, erase_size: u32) -> u32 {
        self.slot(slot) + self.slot_len - erase_size
    }

    /// The largest payload a slot holds.
    pub fn payload_capacity(&self, erase_size: u32) -> u32 {
        self.slot_len - erase_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const E: u32 = 4096;

    #[test]
    fn contiguous_layout_fits_exactly() {
        let l = Layout::contiguous(0, 4 * E, E);
        assert_eq!(l.end(E), 10 * u64::from(E));
        assert_eq!(l.check(10 * E as usize, 1, 4, 4096), Ok(()));
        assert_eq!(
            l.check(10 * E as usize - 1, 1, 4, 4096),
            Err(LayoutError::OutOfBounds)
        );
        assert_eq!(l.payload_capacity(E), 3 * E);
        assert_eq!(l.trailer(Slot::B, E), 9 * E);
    }

    #[test]
    fn bad_layouts_are_named() {
        let cap = 1 << 20;
        let ok = Layout::contiguous(0, 4 * E, E);
        let check = |l: Layout| l.check(cap, 1, 4, 4096);
        assert_eq!(
            check(Layout { slot_len: E, ..ok }),
            Err(LayoutError::SlotTooSmall)
        );
        assert_eq!(
            check(Layout { state: 100, ..ok }),
            Err(LayoutError::NotAligned)
        );
        assert_eq!(
            check(Layout {
                slots: [2 * E, 3 * E],
                ..ok
            }),
            Err(LayoutError::Overlap)
        );
        assert_eq!(
            check(Layout { state: 3 * E, ..ok }),
            Err(LayoutError::Overlap)
        );
        assert_eq!(
            ok.check(cap, 1, 64, 4096),
            Err(LayoutError::UnsupportedUnits)
        );
        assert_eq!(
            ok.check(cap, 3, 4, 4096),
            Err(LayoutError::UnsupportedUnits)
        );
    }
}
