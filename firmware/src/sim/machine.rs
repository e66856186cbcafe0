//! The simulated board's hardware behind `machine`: its unique id, a CPU clock setting, the
//! reset cause, a reset request, and 22 GPIOs (as the ESP32-C3) held as values.

use alloc::vec::Vec;
use mote_vm::modules::machine::{HARD_RESET, PWRON_RESET, SOFT_RESET_CAUSE};
use mote_vm::Machine;

/// GPIOs of the simulated board (the ESP32-C3 has GPIO0..GPIO21).
pub const PINS: usize = 22;

/// Why the board (re)started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResetCause {
    /// The process started.
    PowerOn,
    /// `machine.reset()`.
    Hard,
    /// Ctrl-D or `machine.soft_reset()`.
    Soft,
}

/// The board's hardware state.
pub struct SimMachine {
    unique_id: [u8; 6],
    freq: u32,
    cause: ResetCause,
    pins: [bool; PINS],
    reset_requested: bool,
}

impl SimMachine {
    /// A board with `unique_id`, just started for `cause`.
    pub fn new(unique_id: [u8; 6], cause: ResetCause) -> SimMachine {
        SimMachine {
            unique_id,
            freq: 160_000_000,
            cause,
            pins: [false; PINS],
            reset_requested: false,
        }
    }

    /// Whether `machine.reset()` asked for a restart (and forget it).
    pub fn take_reset_request(&mut self) -> bool {
        core::mem::take(&mut self.reset_requested)
    }

    /// A soft reset happened: the cause Python sees next.
    pub fn soft_reset(&mut self) {
        self.cause = ResetCause::Soft;
    }
}

impl Machine for SimMachine {
    fn unique_id(&self) -> Vec<u8> {
        self.unique_id.to_vec()
    }

    fn freq(&self) -> u32 {
        self.freq
    }

    fn set_freq(&mut self, hz: u32) -> bool {
        // The ESP32-C3's CPU clock choices.
        let ok = matches!(hz, 80_000_000 | 160_000_000);
        if ok {
            self.freq = hz;
        }
        ok
    }

    fn reset_cause(&self) -> u32 {
        let cause = match self.cause {
            ResetCause::PowerOn => PWRON_RESET,
            ResetCause::Hard => HARD_RESET,
            ResetCause::Soft => SOFT_RESET_CAUSE,
        };
        cause as u32
    }

    fn request_reset(&mut self) {
        self.reset_requested = true;
    }

    fn pin(&mut self, id: u32) -> Option<bool> {
        self.pins.get(id as usize).copied()
    }

    fn set_pin(&mut self, id: u32, level: bool) -> bool {
        match self.pins.get_mut(id as usize) {
            Some(p) => {
                *p = level;
                true
            }
            None => false,
        }
    }
}
