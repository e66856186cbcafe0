//! The board's own page, served at `/` and built into the firmware: log in, a terminal on the
//! REPL, the file list, an editor, run/stop and the board's status. Plain HTML, CSS and script
//! from `webrepl/page/`, inlined into one document and gzipped by `build.rs`; it loads nothing
//! else, so it works on a network without the internet.

/// The page, gzipped: served with `Content-Encoding: gzip` (every browser accepts it; use
/// `curl --compressed`). The firmware carries only this copy.
pub const INDEX_HTML_GZ: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/index.html.gz"));

/// The headers that go with [`INDEX_HTML_GZ`].
pub const INDEX_HEADERS: &[(&str, &str)] =
    &[("Content-Encoding", "gzip"), ("Cache-Control", "no-cache")];

/// The page's HTTP service.
pub const INDEX: picoserve::response::File =
    picoserve::response::File::with_content_type_and_headers(
        picoserve::response::File::MIME_HTML,
        INDEX_HTML_GZ,
        INDEX_HEADERS,
    );

#[cfg(test)]
mod tests {
    extern crate std;

    use std::{io::Read, string::String};

    use super::*;

    /// The page as `build.rs` assembled it, before compression.
    const ASSEMBLED: &str = include_str!(concat!(env!("OUT_DIR"), "/index.html"));

    fn unzipped() -> String {
        let mut html = String::new();
        flate2::read::GzDecoder::new(INDEX_HTML_GZ)
            .read_to_string(&mut html)
            .unwrap();
        html
    }

    #[test]
    fn the_gzipped_page_is_the_assembled_page() {
        assert_eq!(unzipped(), ASSEMBLED);
    }

    #[test]
    fn scripts_and_styles_are_inlined() {
        let html = unzipped();
        assert!(html.contains("<script>") && html.contains("<style>"));
        assert!(!html.contains("<script src=") && !html.contains("<link"));
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let html = unzipped();
        for outside in [
            "http://",
            "https://",
            "src=\"//",
            "href=\"//",
            "@import",
            "url(",
        ] {
            assert!(!html.contains(outside), "the page refers to {outside}");
        }
    }

    #[test]
    fn the_page_stays_small_enough_for_the_chip() {
        // `cargo test -p mote-webrepl page -- --nocapture` prints the sizes.
        std::println!(
            "the page: {} bytes, {} gzipped",
            ASSEMBLED.len(),
            INDEX_HTML_GZ.len()
        );
        assert!(
            INDEX_HTML_GZ.len() < 32 * 1024,
            "{} bytes",
            INDEX_HTML_GZ.len()
        );
    }
}
