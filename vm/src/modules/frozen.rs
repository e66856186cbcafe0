//! Modules written in Python and frozen into the VM as source: compiled when first imported
//! (so they cost flash, not RAM, until used). They are built on the native `_net` module.
//! The VM holds each file of `frozen/` as `build.rs` minified it (no comments, one space per
//! indentation level, the same lines: `build/minify_python.rs`) and then packed it (LZSS:
//! `build/pack_frozen.rs`, which describes the format); [`Frozen::source`] unpacks a module's
//! source into the heap for the compiler, as an import from a file reads it.
//! `asyncio` keeps its less used parts in `_asyncio_stream`, `_asyncio_sync` and
//! `_asyncio_loop`, which its `__getattr__` imports on first use; their names are constant
//! qstrs (see `build.rs`).

use alloc::string::String;
use alloc::vec::Vec;

/// `(name, packed source)` of every frozen module: the network side, with the `net` feature.
const FROZEN: &[(&str, &[u8])] = &[
    #[cfg(feature = "net")]
    (
        "asyncio",
        include_bytes!(concat!(env!("OUT_DIR"), "/frozen/asyncio.lz")),
    ),
    #[cfg(feature = "net")]
    (
        "_asyncio_sync",
        include_bytes!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_sync.lz")),
    ),
    #[cfg(feature = "net")]
    (
        "_asyncio_loop",
        include_bytes!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_loop.lz")),
    ),
    #[cfg(feature = "net")]
    (
        "_asyncio_stream",
        include_bytes!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_stream.lz")),
    ),
    #[cfg(feature = "net")]
    (
        "socket",
        include_bytes!(concat!(env!("OUT_DIR"), "/frozen/socket.lz")),
    ),
    #[cfg(feature = "net")]
    (
        "select",
        include_bytes!(concat!(env!("OUT_DIR"), "/frozen/select.lz")),
    ),
];

/// The names of the frozen modules.
pub fn names() -> impl Iterator<Item = &'static str> {
    FROZEN.iter().map(|(n, _)| *n)
}

/// A frozen module, its source still packed.
#[derive(Clone, Copy)]
pub struct Frozen {
    /// The module's canonical name.
    pub name: &'static str,
    packed: &'static [u8],
}

impl Frozen {
    /// The module's source, unpacked into the heap.
    pub fn source(&self) -> String {
        String::from_utf8(unpack(self.packed)).unwrap_or_default()
    }
}

/// Frozen module `name` (MicroPython's `u` aliases too).
pub fn find(name: &str) -> Option<Frozen> {
    let name = match name {
        "uasyncio" => "asyncio",
        "usocket" => "socket",
        "uselect" => "select",
        n => n,
    };
    let (name, packed) = FROZEN.iter().copied().find(|(n, _)| *n == name)?;
    Some(Frozen { name, packed })
}

/// The bytes `build/pack_frozen.rs` packed into `packed`. The stream is the build's own
/// output, so it is well formed; a malformed one would end the bytes early, never read out of
/// bounds.
fn unpack(packed: &[u8]) -> Vec<u8> {
    let (len, stream) = packed.split_at_checked(4).unwrap_or((&[], packed));
    let len = len.try_into().map_or(0, u32::from_le_bytes) as usize;
    let mut out: Vec<u8> = Vec::with_capacity(len);
    let mut bytes = stream.iter().copied();
    'groups: while let Some(flags) = bytes.next() {
        for item in 0..8 {
            if out.len() >= len {
                break 'groups;
            }
            if flags >> item & 1 == 0 {
                let Some(b) = bytes.next() else { break 'groups };
                out.push(b);
                continue;
            }
            let (Some(lo), Some(hi)) = (bytes.next(), bytes.next()) else {
                break 'groups;
            };
            let dist = (usize::from(hi >> 4) << 8 | usize::from(lo)) + 1;
            let Some(from) = out.len().checked_sub(dist) else {
                break 'groups;
            };
            // Byte by byte: a copy may overlap the bytes it writes.
            for at in from..from + usize::from(hi & 15) + 3 {
                let Some(&b) = out.get(at) else { break 'groups };
                out.push(b);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unpack;
    #[cfg(feature = "net")]
    use super::{find, names};
    use crate::pack_frozen::pack;
    use alloc::vec::Vec;

    #[test]
    #[cfg(feature = "net")]
    fn every_frozen_module_unpacks_to_its_minified_source() {
        let minified = [
            include_str!(concat!(env!("OUT_DIR"), "/frozen/asyncio.py")),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_sync.py")),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_loop.py")),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/_asyncio_stream.py")),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/socket.py")),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/select.py")),
        ];
        let (mut packed, mut plain) = (0, 0);
        for (name, text) in names().zip(minified) {
            let source = find(name).expect("a frozen module").source();
            assert_eq!(source, text, "{name}");
            packed += super::FROZEN
                .iter()
                .find(|(n, _)| *n == name)
                .map_or(0, |m| m.1.len());
            plain += text.len();
        }
        assert!(packed < plain / 2, "packed {packed} of {plain} bytes");
        assert_eq!(find("uasyncio").map(|m| m.name), Some("asyncio"));
        assert!(find("nothing").is_none());
    }

    #[test]
    fn packing_round_trips_runs_long_texts_and_every_byte() {
        let mut long = Vec::new();
        for i in 0..5_000u32 {
            long.extend_from_slice(&(i % 251).to_le_bytes()[..1 + (i % 3) as usize]);
        }
        let every_byte: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        let texts: [&[u8]; 6] = [
            b"",
            b"a",
            b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            b"abcabcabcabd abcabcabcabd xyz abc",
            &long,
            &every_byte,
        ];
        for text in texts {
            assert_eq!(unpack(&pack(text)), text);
        }
        assert!(pack(&long).len() < long.len() / 2);
    }

    #[test]
    fn a_truncated_or_garbled_stream_ends_the_text_early() {
        let text = b"def f(self):\n return self.x+self.y+self.z\n";
        let packed = pack(text);
        for cut in 0..packed.len() {
            assert!(text.starts_with(&unpack(&packed[..cut])), "cut at {cut}");
        }
        // A copy reaching back before the start of the text.
        assert_eq!(unpack(&[9, 0, 0, 0, 0b10, b'x', 0xff, 0xf0]), b"x");
    }
}
