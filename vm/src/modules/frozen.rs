//! Modules written in Python and frozen into the VM as source: compiled when first imported
//! (so they cost flash, not RAM, until used). They are built on the native `_net` module.
//! The VM holds each file of `frozen/` as `build.rs` minified it (no comments, one space per
//! indentation level, the same lines: `build/minify_python.rs`).
//! `asyncio` keeps its less used parts in `_asyncio_stream`, `_asyncio_sync` and
//! `_asyncio_loop`, which its `__getattr__` imports on first use; their names are constant
//! qstrs (see `build.rs`).

/// `(name, source)` of every frozen module (sources minified by `build.rs`).
const FROZEN: &[(&str, &str)] = &[
    (
        "asyncio",
        include_str!(concat!(env!("OUT_DIR"), "/frozen/asyncio.py")),
    ),
    (
        "_asyncio_sync",
        include_str!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_sync.py")),
    ),
    (
        "_asyncio_loop",
        include_str!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_loop.py")),
    ),
    (
        "_asyncio_stream",
        include_str!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_stream.py")),
    ),
    (
        "socket",
        include_str!(concat!(env!("OUT_DIR"), "/frozen/socket.py")),
    ),
    (
        "select",
        include_str!(concat!(env!("OUT_DIR"), "/frozen/select.py")),
    ),
];

/// The names of the frozen modules.
pub fn names() -> impl Iterator<Item = &'static str> {
    FROZEN.iter().map(|(n, _)| *n)
}

/// The canonical name and source of frozen module `name` (MicroPython's `u` aliases too).
pub fn find(name: &str) -> Option<(&'static str, &'static str)> {
    let name = match name {
        "uasyncio" => "asyncio",
        "usocket" => "socket",
        "uselect" => "select",
        n => n,
    };
    FROZEN.iter().copied().find(|(n, _)| *n == name)
}
