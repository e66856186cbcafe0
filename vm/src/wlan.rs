//! A Wi-Fi interface as `network.WLAN` sees it: the seam between the VM and a board's radio
//! (the ESP32-C3's Wi-Fi driver; on the simulated board, the host link standing in for the
//! station). The host hands one out per interface with [`crate::Host::wlan`].

use alloc::string::String;
use alloc::vec::Vec;

/// `network.STA_IF`: the station interface (joins an access point).
pub const STA_IF: u32 = 0;
/// `network.AP_IF`: the access-point interface.
pub const AP_IF: u32 = 1;

/// `WLAN.status()` values, as MicroPython's ESP32 port numbers them.
pub mod status {
    /// Not connected and not trying.
    pub const IDLE: i32 = 1000;
    /// Joining an access point.
    pub const CONNECTING: i32 = 1001;
    /// Joined, with an address.
    pub const GOT_IP: i32 = 1010;
    /// The access point stopped answering.
    pub const BEACON_TIMEOUT: i32 = 200;
    /// No access point has the SSID.
    pub const NO_AP_FOUND: i32 = 201;
    /// The access point refused the passphrase.
    pub const WRONG_PASSWORD: i32 = 202;
    /// Association failed.
    pub const ASSOC_FAIL: i32 = 203;
    /// The key handshake timed out.
    pub const HANDSHAKE_TIMEOUT: i32 = 204;
}

/// An interface's IPv4 settings: `ifconfig()`'s `(address, netmask, gateway, dns)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IfConfig {
    /// The interface's address.
    pub address: [u8; 4],
    /// Its netmask.
    pub netmask: [u8; 4],
    /// The default gateway.
    pub gateway: [u8; 4],
    /// The DNS server.
    pub dns: [u8; 4],
}

/// An access point found by a scan: `scan()`'s `(ssid, bssid, channel, RSSI, security,
/// hidden)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessPoint {
    /// Its network name.
    pub ssid: Vec<u8>,
    /// Its MAC address.
    pub bssid: [u8; 6],
    /// The radio channel.
    pub channel: u8,
    /// Signal strength in dBm.
    pub rssi: i8,
    /// Authentication mode (0 open, MicroPython's numbering).
    pub security: u8,
    /// Whether it hides its SSID.
    pub hidden: bool,
}

/// One Wi-Fi interface. Errors are errno values (`OSError` in Python).
pub trait Wlan {
    /// Whether the interface is up.
    fn active(&self) -> bool;
    /// Bring it up or down.
    fn set_active(&mut self, on: bool) -> Result<(), i32>;
    /// Start joining `ssid` with passphrase `key` (station only).
    fn connect(&mut self, ssid: &str, key: &str) -> Result<(), i32>;
    /// Leave the access point.
    fn disconnect(&mut self);
    /// Joined and addressed.
    fn is_connected(&self) -> bool;
    /// One of [`status`]'s values.
    fn status(&self) -> i32;
    /// The IPv4 settings in use (all zero when not connected).
    fn ifconfig(&self) -> IfConfig;
    /// Use static IPv4 settings.
    fn set_ifconfig(&mut self, config: IfConfig) -> Result<(), i32>;
    /// The interface's MAC address.
    fn mac(&self) -> [u8; 6];
    /// The network joined (station) or offered (access point); empty for none.
    fn ssid(&self) -> String;
    /// The name the interface gives DHCP.
    fn hostname(&self) -> String;
    /// Access points in range (station only).
    fn scan(&mut self) -> Vec<AccessPoint>;
}
