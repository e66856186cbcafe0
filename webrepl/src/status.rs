//! The board status seam: what `GET /info` reports.

/// A snapshot of the board, for `GET /info`.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct BoardInfo<'a> {
    /// The board's name (its hostname on the network).
    pub name: &'a str,
    /// A unique id (e.g. the MAC address in hex).
    pub unique_id: &'a str,
    /// The firmware version.
    pub firmware_version: &'a str,
    /// The slot the firmware runs from (`ota_0` or `ota_1`, ESP-IDF's names), if the board
    /// has OTA slots.
    pub firmware_slot: Option<&'a str>,
    /// The running image's OTA state: `factory` (as flashed), `trial` (booted after an update,
    /// not yet confirmed) or `confirmed`, if the board has OTA slots.
    pub firmware_state: Option<&'a str>,
    /// Free VM heap in bytes.
    pub free_heap: u64,
    /// Free filesystem space in bytes.
    pub free_flash: u64,
    /// Milliseconds since boot.
    pub uptime_ms: u64,
    /// The board's IPv4 address (JSON: text, `"10.0.0.5"`; 0.0.0.0 while it has none).
    pub ip: core::net::Ipv4Addr,
}

/// The board's status, read when `GET /info` asks.
pub trait BoardStatus {
    /// The board now.
    fn info(&self) -> BoardInfo<'_>;
}
