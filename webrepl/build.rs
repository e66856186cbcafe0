//! Builds the board's page: `page/index.html` with the style sheets and scripts it links
//! inlined (so the page is one request and needs nothing else), gzipped at the best level
//! into `$OUT_DIR/index.html.gz`, which `src/page.rs` embeds. The sources stay readable;
//! the firmware carries only the compressed page.

use std::{env, fs, io::Write, path::Path};

use flate2::{write::GzEncoder, Compression};

fn main() {
    let page = Path::new("page");
    println!("cargo:rerun-if-changed=page");
    let html = match assemble(page) {
        Ok(html) => html,
        Err(message) => panic!("webrepl/page: {message}"),
    };
    let mut encoder = GzEncoder::new(Vec::new(), Compression::best());
    let gzipped = encoder
        .write_all(html.as_bytes())
        .and_then(|()| encoder.finish())
        .unwrap_or_else(|error| panic!("gzip of the page: {error}"));
    let out = env::var_os("OUT_DIR").unwrap_or_else(|| panic!("OUT_DIR is not set"));
    let out = Path::new(&out);
    for (name, bytes) in [("index.html", html.as_bytes()), ("index.html.gz", &gzipped)] {
        fs::write(out.join(name), bytes).unwrap_or_else(|error| panic!("writing {name}: {error}"));
    }
}

/// `index.html` with each `<link rel="stylesheet" href="F">` replaced by `<style>` holding F
/// and each `<script src="F"></script>` by `<script>` holding F.
fn assemble(page: &Path) -> Result<String, String> {
    let read = |name: &str| {
        println!("cargo:rerun-if-changed=page/{name}");
        fs::read_to_string(page.join(name)).map_err(|error| format!("{name}: {error}"))
    };
    let mut html = read("index.html")?;
    for (open, close, tag) in [
        ("<link rel=\"stylesheet\" href=\"", "\">", "style"),
        ("<script src=\"", "\"></script>", "script"),
    ] {
        while let Some(start) = html.find(open) {
            let name_start = start + open.len();
            let name_len = html[name_start..]
                .find(close)
                .ok_or_else(|| format!("unclosed {open}"))?;
            let name = html[name_start..name_start + name_len].to_string();
            let body = read(&name)?;
            if body.contains(&format!("</{tag}")) {
                return Err(format!("{name} contains </{tag}"));
            }
            let inlined = format!("<{tag}>\n{}</{tag}>", body);
            html.replace_range(start..name_start + name_len + close.len(), &inlined);
        }
    }
    Ok(html)
}
