//! The board's own page, served at `/` and built into the firmware.

/// The page: HTML with its script and style inline, so it needs nothing from the internet.
pub const INDEX_HTML: &str = include_str!("../page/index.html");
