//! The boot state and its on-flash record.
//!
//! A record is 32 bytes, integers little-endian:
//!
//! | offset | size | field |
//! |---|---|---|
//! | 0 | 4 | sequence number (the highest valid one is the state) |
//! | 4 | 1 | record format tag `0xB1` |
//! | 5 | 1 | phase: 0 idle, 1 downloaded, 2 testing, 3 confirmed, 4 reverted |
//! | 6 | 1 | current slot (0 = A, 1 = B): the confirmed image |
//! | 7 | 1 | boot attempts left (testing only) |
//! | 8 | 4 | installed security counter (the lowest an update may carry) |
//! | 12 | 4 | the candidate's security counter (downloaded and testing) |
//! | 16 | 12 | zero |
//! | 28 | 4 | CRC-32 of bytes 0..28 |
//!
//! The CRC is last, so a record whose programming was cut off never checks out.

use super::Slot;
use crate::crc::crc32;

use super::layout::RECORD_LEN;

const TAG: u8 = 0xB1;

/// Byte offsets of the record fields.
mod field {
    use core::ops::Range;

    pub const SEQ: Range<usize> = 0..4;
    pub const TAG: usize = 4;
    pub const PHASE: usize = 5;
    pub const CURRENT: usize = 6;
    pub const ATTEMPTS: usize = 7;
    pub const INSTALLED_COUNTER: Range<usize> = 8..12;
    pub const CANDIDATE_COUNTER: Range<usize> = 12..16;
    pub const CRC: Range<usize> = 28..32;
}

/// Where an update stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// No update has happened: the current slot runs.
    Idle,
    /// A verified image waits in the other slot; the next boot tries it.
    Downloaded,
    /// The other slot's image has booted and is on trial: it runs until confirmed, rejected,
    /// or out of boot attempts.
    Testing {
        /// Boots left after this one before the image is reverted.
        attempts_left: u8,
    },
    /// The last update was confirmed: its slot is the current one.
    Confirmed,
    /// The last update was rejected or never confirmed: the current slot runs again.
    Reverted,
}

/// The state of both slots, as the latest record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootState {
    /// The slot holding the confirmed image.
    pub current: Slot,
    /// Where the update stands.
    pub phase: Phase,
    /// The lowest security counter an update may carry (that of the confirmed image).
    pub installed_security_counter: u32,
    /// The security counter of the image in the other slot (while downloaded or testing).
    pub candidate_security_counter: u32,
}

impl BootState {
    /// The state of a flash with no records: slot A, nothing pending.
    pub const INITIAL: BootState = BootState {
        current: Slot::A,
        phase: Phase::Idle,
        installed_security_counter: 0,
        candidate_security_counter: 0,
    };

    /// The slot whose image is running (or will run at the next boot, while downloaded).
    pub fn running(&self) -> Slot {
        match self.phase {
            Phase::Testing { .. } => self.current.other(),
            _ => self.current,
        }
    }

    pub(crate) fn encode(&self, seq: u32) -> [u8; RECORD_LEN] {
        let mut r = [0u8; RECORD_LEN];
        r[field::SEQ].copy_from_slice(&seq.to_le_bytes());
        r[field::TAG] = TAG;
        let (phase, attempts) = match self.phase {
            Phase::Idle => (0, 0),
            Phase::Downloaded => (1, 0),
            Phase::Testing { attempts_left } => (2, attempts_left),
            Phase::Confirmed => (3, 0),
            Phase::Reverted => (4, 0),
        };
        r[field::PHASE] = phase;
        r[field::CURRENT] = self.current.index() as u8;
        r[field::ATTEMPTS] = attempts;
        r[field::INSTALLED_COUNTER].copy_from_slice(&self.installed_security_counter.to_le_bytes());
        r[field::CANDIDATE_COUNTER].copy_from_slice(&self.candidate_security_counter.to_le_bytes());
        let crc = crc32(&r[..field::CRC.start]);
        r[field::CRC].copy_from_slice(&crc.to_le_bytes());
        r
    }

    /// The sequence number and state of a record, if it is whole and valid.
    pub(crate) fn decode(r: &[u8; RECORD_LEN]) -> Option<(u32, BootState)> {
        let u32_at = |at: core::ops::Range<usize>| {
            let b = &r[at];
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        };
        if u32_at(field::CRC) != crc32(&r[..field::CRC.start]) || r[field::TAG] != TAG {
            return None;
        }
        let phase = match r[field::PHASE] {
            0 => Phase::Idle,
            1 => Phase::Downloaded,
            2 => Phase::Testing {
                attempts_left: r[field::ATTEMPTS],
            },
            3 => Phase::Confirmed,
            4 => Phase::Reverted,
            _ => return None,
        };
        let current = match r[field::CURRENT] {
            0 => Slot::A,
            1 => Slot::B,
            _ => return None,
        };
        let state = BootState {
            current,
            phase,
            installed_security_counter: u32_at(field::INSTALLED_COUNTER),
            candidate_security_counter: u32_at(field::CANDIDATE_COUNTER),
        };
        Some((u32_at(field::SEQ), state))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_sit_where_the_record_table_says() {
        let state = BootState {
            current: Slot::B,
            phase: Phase::Testing { attempts_left: 3 },
            installed_security_counter: 0x0102_0304,
            candidate_security_counter: 0x0506_0708,
        };
        let r = state.encode(0x0A0B_0C0D);
        assert_eq!(
            r[..16],
            [0x0D, 0x0C, 0x0B, 0x0A, 0xB1, 2, 1, 3, 4, 3, 2, 1, 8, 7, 6, 5]
        );
        assert_eq!(r[16..28], [0; 12]);
        assert_eq!(r[28..], crc32(&r[..28]).to_le_bytes());
    }

    #[test]
    fn records_round_trip_and_any_damage_is_rejected() {
        let state = BootState {
            current: Slot::B,
            phase: Phase::Testing { attempts_left: 2 },
            installed_security_counter: 5,
            candidate_security_counter: 6,
        };
        let r = state.encode(41);
        assert_eq!(BootState::decode(&r), Some((41, state)));
        for byte in 0..RECORD_LEN {
            for bit in 0..8 {
                let mut bad = r;
                bad[byte] ^= 1 << bit;
                assert_eq!(BootState::decode(&bad), None, "byte {byte} bit {bit}");
            }
        }
        // A record cut off while being programmed: a prefix, the rest still erased.
        for len in 0..RECORD_LEN {
            let mut torn = [0xFF; RECORD_LEN];
            torn[..len].copy_from_slice(&r[..len]);
            assert_eq!(BootState::decode(&torn), None, "prefix {len}");
        }
    }
}
