//! The chip's hardware behind Python's `machine`: the unique id from the eFuse MAC, the CPU
//! clock, why the chip last reset, `machine.reset()`, and the GPIOs the binary hands over
//! (`machine.Pin`): a pin is an input until Python drives it, and reads back its level.

use alloc::vec::Vec;
use esp_hal::gpio::{Flex, Level};
use esp_hal::rtc_cntl::SocResetReason;
use mote_vm::modules::machine::{
    DEEPSLEEP_RESET, HARD_RESET, PWRON_RESET, SOFT_RESET_CAUSE, WDT_RESET,
};
use mote_vm::Machine;

/// The chip as `machine` sees it. It outlives soft resets (the pins stay as they were).
pub struct EspMachine {
    unique_id: [u8; 6],
    soft_reset: bool,
    reset_requested: bool,
    pins: Vec<(u32, Flex<'static>)>,
}

impl EspMachine {
    /// The chip, just started, with the GPIOs Python may use (by number).
    pub fn new(pins: Vec<(u32, Flex<'static>)>) -> EspMachine {
        let mut pins = pins;
        for (_, pin) in &mut pins {
            pin.set_input_enable(true);
        }
        EspMachine {
            unique_id: unique_id(),
            soft_reset: false,
            reset_requested: false,
            pins,
        }
    }

    /// A soft reset happened: the cause Python sees next.
    pub fn soft_reset(&mut self) {
        self.soft_reset = true;
    }

    fn flex(&mut self, id: u32) -> Option<&mut Flex<'static>> {
        self.pins
            .iter_mut()
            .find(|(n, _)| *n == id)
            .map(|(_, pin)| pin)
    }

    /// Whether `machine.reset()` asked for a restart.
    pub fn reset_requested(&self) -> bool {
        self.reset_requested
    }
}

/// The chip's unique id: its factory MAC address in eFuse.
pub fn unique_id() -> [u8; 6] {
    let mut id = [0u8; 6];
    let mac = esp_hal::efuse::base_mac_address();
    for (to, from) in id.iter_mut().zip(mac.as_bytes()) {
        *to = *from;
    }
    id
}

impl Machine for EspMachine {
    fn unique_id(&self) -> Vec<u8> {
        self.unique_id.to_vec()
    }

    fn freq(&self) -> u32 {
        esp_hal::clock::cpu_clock().as_hz()
    }

    fn set_freq(&mut self, hz: u32) -> bool {
        // The clock is chosen at start-up; Python may only ask for the one it runs at.
        hz == self.freq()
    }

    fn reset_cause(&self) -> u32 {
        if self.soft_reset {
            return SOFT_RESET_CAUSE as u32;
        }
        let cause = match esp_hal::system::reset_reason() {
            Some(SocResetReason::ChipPowerOn) | None => PWRON_RESET,
            Some(SocResetReason::CoreDeepSleep) => DEEPSLEEP_RESET,
            Some(
                SocResetReason::CoreMwdt0 | SocResetReason::CoreRtcWdt | SocResetReason::SysRtcWdt,
            ) => WDT_RESET,
            Some(_) => HARD_RESET,
        };
        cause as u32
    }

    fn request_reset(&mut self) {
        self.reset_requested = true;
    }

    fn pin(&mut self, id: u32) -> Option<bool> {
        self.flex(id).map(|pin| pin.is_high())
    }

    fn set_pin(&mut self, id: u32, level: bool) -> bool {
        match self.flex(id) {
            Some(pin) => {
                pin.set_level(Level::from(level));
                pin.set_output_enable(true);
                true
            }
            None => false,
        }
    }
}
