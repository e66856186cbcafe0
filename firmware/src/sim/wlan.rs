//! The simulated board's Wi-Fi behind `network.WLAN`: the board's link (the host's loopback,
//! or its TAP device) stands in for the station.
//!
//! The station is "joined" while it is active: `ifconfig()` gives the board's settings as its
//! network has them now (`127.0.0.1/8` on host sockets; on TAP the address from DHCP or the
//! static fallback, its netmask, gateway and DNS server), `status()` `STAT_GOT_IP` once there
//! is an address, and its MAC is the unique id (as the ESP32's station MAC is its base MAC).
//! `connect(ssid, key)` joins at once and records the name; the settings cannot be changed
//! from Python (they are the link's). The access-point interface exists, so boot scripts that
//! switch it off run unchanged, but cannot be brought up. Taking the station down changes what
//! Python is told, not the board's link.

use alloc::string::String;
use alloc::vec::Vec;
use mote_vm::net::EOPNOTSUPP;
use mote_vm::wlan::{status, AccessPoint, IfConfig, Wlan};

use super::ip_config::BoardIpConfig;

/// `ENOTCONN`-like "Wi-Fi not started": connecting an interface that is down.
const EPERM: i32 = 1;

/// One interface of the simulated board.
pub struct SimWlan {
    access_point: bool,
    active: bool,
    connected: bool,
    ssid: String,
    mac: [u8; 6],
    hostname: String,
    link: BoardIpConfig,
}

impl SimWlan {
    /// The station of a board called `name` with `unique_id`, up and joined to the board's
    /// `link` (`ssid` is the configured network, shown by `config('ssid')`).
    pub fn station(name: &str, unique_id: [u8; 6], ssid: &str, link: BoardIpConfig) -> SimWlan {
        SimWlan {
            access_point: false,
            active: true,
            connected: true,
            ssid: ssid.into(),
            mac: unique_id,
            hostname: name.into(),
            link,
        }
    }

    /// The access point of the same board: down, and it stays down.
    pub fn access_point(name: &str, unique_id: [u8; 6], link: BoardIpConfig) -> SimWlan {
        let mut mac = unique_id;
        mac[5] = mac[5].wrapping_add(1);
        SimWlan {
            access_point: true,
            active: false,
            connected: false,
            ssid: String::new(),
            mac,
            hostname: name.into(),
            link,
        }
    }
}

impl Wlan for SimWlan {
    fn active(&self) -> bool {
        self.active
    }

    fn set_active(&mut self, on: bool) -> Result<(), i32> {
        if on && self.access_point {
            return Err(EOPNOTSUPP);
        }
        self.active = on;
        self.connected = on;
        Ok(())
    }

    fn connect(&mut self, ssid: &str, _key: &str) -> Result<(), i32> {
        if self.access_point {
            return Err(EOPNOTSUPP);
        }
        if !self.active {
            return Err(EPERM);
        }
        if !ssid.is_empty() {
            self.ssid = ssid.into();
        }
        self.connected = true;
        Ok(())
    }

    fn disconnect(&mut self) {
        self.connected = false;
    }

    fn is_connected(&self) -> bool {
        self.active && self.connected && self.link.get().address != [0; 4]
    }

    fn status(&self) -> i32 {
        match (self.active && self.connected, self.is_connected()) {
            (_, true) => status::GOT_IP,
            // Joined, but the network has given no address yet (DHCP still asking).
            (true, false) => status::CONNECTING,
            (false, _) => status::IDLE,
        }
    }

    fn ifconfig(&self) -> IfConfig {
        if self.is_connected() {
            self.link.get()
        } else {
            IfConfig::default()
        }
    }

    fn set_ifconfig(&mut self, config: IfConfig) -> Result<(), i32> {
        // The settings are the link's; only the ones in use can be "set".
        if config == self.link.get() && !self.access_point {
            Ok(())
        } else {
            Err(EOPNOTSUPP)
        }
    }

    fn mac(&self) -> [u8; 6] {
        self.mac
    }

    fn ssid(&self) -> String {
        self.ssid.clone()
    }

    fn hostname(&self) -> String {
        self.hostname.clone()
    }

    fn scan(&mut self) -> Vec<AccessPoint> {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::sim::ip_config::LOOPBACK;

    #[test]
    fn the_station_follows_active_connect_and_disconnect() {
        let link = BoardIpConfig::new(LOOPBACK);
        let mut sta = SimWlan::station("b", [1, 2, 3, 4, 5, 6], "home", link.clone());
        assert!(sta.is_connected());
        assert_eq!(sta.status(), status::GOT_IP);
        assert_eq!(sta.ifconfig(), LOOPBACK);
        sta.disconnect();
        assert_eq!(sta.status(), status::IDLE);
        assert_eq!(sta.ifconfig(), IfConfig::default());
        sta.set_active(false).unwrap();
        assert_eq!(sta.connect("x", "k"), Err(EPERM));
        sta.set_active(true).unwrap();
        sta.connect("other", "k").unwrap();
        assert_eq!((sta.ssid().as_str(), sta.is_connected()), ("other", true));
        let mut ap = SimWlan::access_point("b", [1, 2, 3, 4, 5, 6], link);
        assert_eq!(ap.mac(), [1, 2, 3, 4, 5, 7]);
        assert_eq!(ap.set_active(true), Err(EOPNOTSUPP));
        assert_eq!(ap.set_active(false), Ok(()));
    }

    #[test]
    fn the_station_reports_the_links_settings_as_they_change() {
        let link = BoardIpConfig::new(IfConfig::default());
        let mut sta = SimWlan::station("b", [1, 2, 3, 4, 5, 6], "home", link.clone());
        // On TAP before DHCP answers: joined, no address yet.
        assert_eq!(
            (sta.status(), sta.ifconfig()),
            (status::CONNECTING, IfConfig::default())
        );
        let lease = IfConfig {
            address: [10, 77, 0, 9],
            netmask: [255, 255, 255, 0],
            gateway: [10, 77, 0, 1],
            dns: [10, 77, 0, 1],
        };
        link.set(lease);
        assert_eq!((sta.status(), sta.ifconfig()), (status::GOT_IP, lease));
        assert_eq!(sta.set_ifconfig(lease), Ok(()));
        assert_eq!(sta.set_ifconfig(LOOPBACK), Err(EOPNOTSUPP));
    }
}
