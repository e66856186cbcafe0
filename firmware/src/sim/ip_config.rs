//! [`BoardIpConfig`]: the board's IPv4 settings as its network has them now, for those who
//! report them (`GET /info`, `network.WLAN().ifconfig()`). On host sockets they are the host's
//! loopback for good; on TAP the network thread sets them whenever the stack's configuration
//! changes (DHCP, the static fallback, a lost lease: all zeros while there is none).

use std::net::Ipv4Addr;
use std::sync::{Arc, Mutex, PoisonError};

use mote_vm::wlan::IfConfig;

/// The settings of a board on host sockets: it is reached on the host's loopback.
pub const LOOPBACK: IfConfig = IfConfig {
    address: [127, 0, 0, 1],
    netmask: [255, 0, 0, 0],
    gateway: [127, 0, 0, 1],
    dns: [127, 0, 0, 1],
};

/// A shared handle to the board's IPv4 settings.
#[derive(Clone, Debug)]
pub struct BoardIpConfig(Arc<Mutex<IfConfig>>);

impl BoardIpConfig {
    /// Settings that are `config` until [`set`](Self::set).
    pub fn new(config: IfConfig) -> BoardIpConfig {
        BoardIpConfig(Arc::new(Mutex::new(config)))
    }

    /// The settings now.
    pub fn get(&self) -> IfConfig {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The address now (0.0.0.0: none).
    pub fn address(&self) -> Ipv4Addr {
        Ipv4Addr::from(self.get().address)
    }

    /// The network has new settings.
    pub fn set(&self, config: IfConfig) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = config;
    }
}

/// The netmask of a `/prefix` network.
pub fn netmask(prefix: u8) -> [u8; 4] {
    let bits = u32::MAX
        .checked_shl(32 - u32::from(prefix.min(32)))
        .unwrap_or(0);
    bits.to_be_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_handle_sees_the_last_settings_set() {
        let a = BoardIpConfig::new(LOOPBACK);
        let b = a.clone();
        assert_eq!(b.address(), Ipv4Addr::LOCALHOST);
        let tap = IfConfig {
            address: [10, 77, 0, 2],
            netmask: [255, 255, 255, 0],
            gateway: [10, 77, 0, 1],
            dns: [10, 77, 0, 1],
        };
        a.set(tap);
        assert_eq!((b.address(), b.get()), (Ipv4Addr::new(10, 77, 0, 2), tap));
    }

    #[test]
    fn netmasks_follow_the_prefix() {
        assert_eq!(netmask(0), [0, 0, 0, 0]);
        assert_eq!(netmask(8), [255, 0, 0, 0]);
        assert_eq!(netmask(20), [255, 255, 240, 0]);
        assert_eq!(netmask(32), [255; 4]);
        assert_eq!(netmask(40), [255; 4]);
    }
}
