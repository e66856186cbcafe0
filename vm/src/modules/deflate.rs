//! MicroPython's `deflate` module: `DeflateIO(stream, format=AUTO, wbits=0, close=False)`, a
//! stream that decompresses what it reads from `stream` and compresses what is written to it,
//! in the raw, zlib or gzip format (`RAW`, `ZLIB`, `GZIP`; `AUTO` detects zlib or gzip when
//! reading and writes raw).
//!
//! Decompression is `miniz_oxide`'s inflate into a wrapping window of `2**wbits` bytes (`wbits`
//! 5..15; by default 8 for raw, the header's for zlib, 15 for gzip), fed one byte at a time
//! from `stream.read(1)` as MicroPython does, so the wrapped stream is never read past the end
//! of the compressed data. Headers and trailers are ours: a bad header, bad data or a wrong
//! checksum is `OSError(EINVAL)`, input that ends early `EOFError`. A raw stream whose
//! back-references reach further than the window decompresses wrongly rather than failing
//! (zlib and gzip catch it by their checksum), a limit MicroPython documents as an error.
//!
//! Compression is our own small LZ77 (hash chains over the `2**wbits` window, 8 by default)
//! with fixed Huffman codes in one block, like MicroPython's: `miniz_oxide`'s compressor
//! needs about 300 KB, more than a board has.
//!
//! The Rust state of each stream (the inflater's tables, the window) lives outside the Python
//! heap, keyed by the stream object, and is dropped when the object is closed or collected;
//! all streams together may hold at most the Python heap's size.

use super::{Attr, ModuleDef};
use crate::fs::{FsError, EINVAL};
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use miniz_oxide::inflate::core::{decompress_with_limit, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

crate::native_table! {
    /// The natives of `deflate` (all methods of `DeflateIO`).
    pub static NATIVES;
    INIT = "__init__" (1..=4) => init, module method;
    READ = "read" (0..=1) => read, module method;
    READINTO = "readinto" (1..=2) => readinto, module method;
    READLINE = "readline" (0..=1) => readline, module method;
    WRITE = "write" (1) => write, module method;
    CLOSE = "close" (0) => close, module method;
    ENTER = "__enter__" (0) => enter, module method;
    EXIT = "__exit__" (0..) => exit, module method;
}

const AUTO: u8 = 0;
const RAW: u8 = 1;
const ZLIB: u8 = 2;
const GZIP: u8 = 3;

/// The `deflate` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "deflate",
    natives: &NATIVES,
    attrs: &[
        ("AUTO", Attr::Int(AUTO as i32)),
        ("RAW", Attr::Int(RAW as i32)),
        ("ZLIB", Attr::Int(ZLIB as i32)),
        ("GZIP", Attr::Int(GZIP as i32)),
        ("DeflateIO", Attr::Made(deflateio_class)),
    ],
    init: None,
};

fn deflateio_class(rt: &mut Runtime) -> PyResult<Value> {
    super::native_class(
        rt,
        "DeflateIO",
        Some("deflate"),
        super::table::DEFLATE,
        &NATIVES,
        &[],
    )
}

/// Window size when `wbits` is 0 (raw reading, all writing), as MicroPython.
const DEFAULT_WBITS: u8 = 8;

/// A running checksum of the uncompressed data.
#[derive(Clone, Copy)]
enum Check {
    None,
    Adler(u32),
    /// CRC-32 and length (gzip).
    Crc(u32, u32),
}

impl Check {
    fn update(&mut self, data: &[u8]) {
        match self {
            Check::None => {}
            Check::Adler(a) => *a = adler32(*a, data),
            Check::Crc(c, n) => {
                *c = super::binascii::crc32_update(*c, data);
                *n = n.wrapping_add(data.len() as u32);
            }
        }
    }
}

fn adler32(adler: u32, data: &[u8]) -> u32 {
    let (mut a, mut b) = (adler & 0xffff, adler >> 16);
    for chunk in data.chunks(5552) {
        for &x in chunk {
            a += x as u32;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

/// The decompressing half.
struct Reader {
    inflater: Box<DecompressorOxide>,
    window: Vec<u8>,
    out_pos: usize,
    check: Check,
    /// The trailer to read after the last block (4 bytes zlib, 8 gzip).
    trailer: usize,
    eof: bool,
}

/// The compressing half: LZ77 over the window, fixed Huffman codes, one final block.
struct Writer {
    window: Vec<u8>,
    /// Per window slot: distance back to the previous position with the same hash (0: none).
    prev: Vec<u16>,
    /// Per hash: the latest position + 1 (0: none).
    head: Vec<u64>,
    /// Bytes compressed so far (positions are absolute).
    pos: u64,
    bits: u32,
    nbits: u32,
    out: Vec<u8>,
    check: Check,
}

/// One `DeflateIO` object's Rust state.
struct Stream {
    owner: Value,
    format: u8,
    wbits: u8,
    close_inner: bool,
    closed: bool,
    reader: Option<Reader>,
    writer: Option<Writer>,
}

impl Stream {
    fn host_bytes(&self) -> usize {
        let r = self.reader.as_ref().map_or(0, |r| {
            core::mem::size_of::<DecompressorOxide>() + r.window.len()
        });
        let w = self
            .writer
            .as_ref()
            .map_or(0, |w| w.window.len() * 3 + w.head.len() * 8);
        r + w
    }
}

#[derive(Default)]
struct Streams {
    list: Vec<Stream>,
}

const HASH_BITS: u32 = 9;
const MAX_CHAIN: usize = 64;

/// Drop the state of streams the collector found unreachable. Runs between marking and
/// sweeping, so the owners' blocks have not been reused yet.
pub(crate) fn drop_unreachable(rt: &mut Runtime) {
    let Some(mut s) = rt.take_module_state::<Streams>(super::table::DEFLATE) else {
        return;
    };
    s.list.retain(|st| {
        st.owner.as_heap().is_some_and(|b| {
            (b as usize) < rt.heap.nblocks() && rt.heap.state(b as usize) == crate::heap::MARK
        })
    });
    rt.set_module_state(super::table::DEFLATE, s);
}

/// Run `f` on the state of `this` (a `DeflateIO`), taken out of the runtime meanwhile.
fn with_stream<T>(
    rt: &mut Runtime,
    this: Value,
    f: impl FnOnce(&mut Runtime, &mut Stream) -> PyResult<T>,
) -> PyResult<T> {
    let mut all = rt
        .take_module_state::<Streams>(super::table::DEFLATE)
        .unwrap_or_default();
    let Some(i) = all.list.iter().position(|s| s.owner == this) else {
        rt.set_module_state(super::table::DEFLATE, all);
        return Err(rt.type_error(crate::packed!("DeflateIO object was not initialised")));
    };
    let mut st = all.list.swap_remove(i);
    rt.set_module_state(super::table::DEFLATE, all);
    let r = f(rt, &mut st);
    let mut all = rt
        .take_module_state::<Streams>(super::table::DEFLATE)
        .unwrap_or_default();
    all.list.push(st);
    rt.set_module_state(super::table::DEFLATE, all);
    r
}

/// Refuse state that would take the host more than the Python heap's size in all.
fn reserve(rt: &mut Runtime, bytes: usize) -> PyResult<()> {
    let budget = rt.heap.nblocks() * crate::heap::BLOCK_BYTES;
    for attempt in 0..2 {
        let used: usize = rt
            .take_module_state::<Streams>(super::table::DEFLATE)
            .map_or(0, |s| {
                let n = s.list.iter().map(Stream::host_bytes).sum();
                rt.set_module_state(super::table::DEFLATE, s);
                n
            });
        if used.saturating_add(bytes) <= budget {
            return Ok(());
        }
        if attempt == 0 {
            rt.collect();
        }
    }
    Err(rt.raise(
        ExcKind::MemoryError,
        crate::packed!("memory allocation failed"),
    ))
}

fn einval(rt: &mut Runtime) -> crate::runtime::Raised {
    rt.os_error(FsError(EINVAL), None)
}

fn stream_of(rt: &mut Runtime, this: Value) -> PyResult<Value> {
    let k = rt.intern("_stream")?;
    Ok(rt.instance_attr(this, k).unwrap_or(Value::NONE))
}

fn this(rt: &mut Runtime, args: &[Value]) -> PyResult<Value> {
    match args.first() {
        Some(&v) if rt.kind(v) == Some(Kind::Instance) => Ok(v),
        _ => Err(rt.type_error(crate::packed!("DeflateIO method needs a DeflateIO object"))),
    }
}

fn init(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = this(rt, args)?;
    let stream = args.get(1).copied().unwrap_or(Value::NONE);
    let format = match args.get(2) {
        Some(&v) => rt.int_arg(v)?,
        None => AUTO as i64,
    };
    let wbits = match args.get(3) {
        Some(&v) => rt.int_arg(v)?,
        None => 0,
    };
    let close_inner = match args.get(4) {
        Some(&v) => rt.truthy(v)?,
        None => false,
    };
    if !(AUTO as i64..=GZIP as i64).contains(&format) {
        return Err(rt.value_error(crate::packed!("format")));
    }
    if wbits != 0 && !(5..=15).contains(&wbits) {
        return Err(rt.value_error(crate::packed!("wbits")));
    }
    let k = rt.intern("_stream")?;
    rt.set_attr(this, k, stream)?;
    let mut all = rt
        .take_module_state::<Streams>(super::table::DEFLATE)
        .unwrap_or_default();
    all.list.retain(|s| s.owner != this);
    all.list.push(Stream {
        owner: this,
        format: format as u8,
        wbits: wbits as u8,
        close_inner,
        closed: false,
        reader: None,
        writer: None,
    });
    rt.set_module_state(super::table::DEFLATE, all);
    Ok(Value::NONE)
}

/// One byte of the wrapped stream (`EOFError` at its end).
fn next_byte(rt: &mut Runtime, stream: Value) -> PyResult<u8> {
    let q = rt.intern("read")?.as_qstr().unwrap_or(0);
    let b = rt.call_method(stream, q, &[Value::small(1)])?;
    match rt.bytes_of(b).map(|b| b.first().copied()) {
        Some(Some(c)) => Ok(c),
        Some(None) => Err(rt.raise(ExcKind::EOFError, crate::packed!(""))),
        None if b == Value::NONE => Err(rt.raise(ExcKind::EOFError, crate::packed!(""))),
        None => Err(einval(rt)),
    }
}

/// Read and check the zlib or gzip header: the checksum to keep, the trailer length and the
/// header's window bits; `None` when it is not the expected format.
fn read_header(
    rt: &mut Runtime,
    stream: Value,
    format: u8,
) -> PyResult<Option<(Check, usize, u8)>> {
    let cmf = next_byte(rt, stream)?;
    let flg = next_byte(rt, stream)?;
    if cmf == 0x1f && flg == 0x8b {
        if format == ZLIB || next_byte(rt, stream)? != 8 {
            return Ok(None);
        }
        let flags = next_byte(rt, stream)?;
        if flags & 0xe0 != 0 {
            return Ok(None);
        }
        for _ in 0..6 {
            next_byte(rt, stream)?;
        }
        if flags & 4 != 0 {
            let lo = next_byte(rt, stream)? as usize;
            let hi = next_byte(rt, stream)? as usize;
            for _ in 0..(lo | hi << 8) {
                next_byte(rt, stream)?;
            }
        }
        for flag in [8, 16] {
            if flags & flag != 0 {
                while next_byte(rt, stream)? != 0 {}
            }
        }
        if flags & 2 != 0 {
            next_byte(rt, stream)?;
            next_byte(rt, stream)?;
        }
        return Ok(Some((Check::Crc(0, 0), 8, 15)));
    }
    let valid = (256 * cmf as u32 + flg as u32).is_multiple_of(31)
        && cmf & 0x0f == 8
        && cmf >> 4 <= 7
        && flg & 0x20 == 0;
    if format == GZIP || !valid {
        return Ok(None);
    }
    Ok(Some((Check::Adler(1), 4, (cmf >> 4) + 8)))
}

/// Set up the reading half on the first read.
fn start_reading(rt: &mut Runtime, st: &mut Stream, stream: Value) -> PyResult<()> {
    if st.reader.is_some() {
        return Ok(());
    }
    let (check, trailer, wbits) = if st.format == RAW {
        let w = if st.wbits == 0 {
            DEFAULT_WBITS
        } else {
            st.wbits
        };
        (Check::None, 0, w)
    } else {
        let Some((check, trailer, header_wbits)) = read_header(rt, stream, st.format)? else {
            return Err(einval(rt));
        };
        let w = if st.wbits == 0 || header_wbits < st.wbits {
            header_wbits
        } else {
            st.wbits
        };
        (check, trailer, w)
    };
    let size = 1usize << wbits;
    reserve(rt, core::mem::size_of::<DecompressorOxide>() + size)?;
    st.reader = Some(Reader {
        inflater: Box::default(),
        window: vec![0; size],
        out_pos: 0,
        check,
        trailer,
        eof: false,
    });
    Ok(())
}

/// Decompress up to `want` bytes (all that is left when `None`) into `out`.
fn inflate_into(
    rt: &mut Runtime,
    this: Value,
    want: Option<usize>,
    out: &mut Vec<u8>,
    line: bool,
) -> PyResult<()> {
    let stream = stream_of(rt, this)?;
    with_stream(rt, this, |rt, st| {
        if st.closed {
            return Err(einval(rt));
        }
        start_reading(rt, st, stream)?;
        let Some(r) = st.reader.as_mut() else {
            return Err(einval(rt));
        };
        let mut input: Option<u8> = None;
        let flags = inflate_flags::TINFL_FLAG_HAS_MORE_INPUT;
        while !r.eof && want.is_none_or(|w| out.len() < w) {
            if line && out.last() == Some(&b'\n') {
                break;
            }
            let room = r.window.len() - r.out_pos;
            let mut limit = want.map_or(room, |w| room.min(w - out.len()));
            if line {
                limit = 1;
            }
            rt.check_room(out.len().saturating_add(limit))?;
            let in_buf = input.as_slice();
            let (status, used, n) = decompress_with_limit(
                &mut r.inflater,
                in_buf,
                &mut r.window,
                r.out_pos,
                limit,
                flags,
            );
            if used > 0 {
                input = None;
            }
            let produced = &r.window[r.out_pos..r.out_pos + n];
            r.check.update(produced);
            out.extend_from_slice(produced);
            r.out_pos = (r.out_pos + n) & (r.window.len() - 1);
            match status {
                TINFLStatus::Done => {
                    finish_reading(rt, r, stream)?;
                }
                TINFLStatus::NeedsMoreInput => {
                    if input.is_none() {
                        input = Some(next_byte(rt, stream)?);
                    }
                }
                TINFLStatus::HasMoreOutput => {}
                _ => return Err(einval(rt)),
            }
        }
        Ok(())
    })
}

/// After the last block: read the trailer and compare it with the checksum.
fn finish_reading(rt: &mut Runtime, r: &mut Reader, stream: Value) -> PyResult<()> {
    let mut t = [0u8; 8];
    for b in t.iter_mut().take(r.trailer) {
        *b = next_byte(rt, stream)?;
    }
    let ok = match r.check {
        Check::None => true,
        Check::Adler(a) => u32::from_be_bytes([t[0], t[1], t[2], t[3]]) == a,
        Check::Crc(c, n) => {
            u32::from_le_bytes([t[0], t[1], t[2], t[3]]) == c
                && u32::from_le_bytes([t[4], t[5], t[6], t[7]]) == n
        }
    };
    if !ok {
        return Err(einval(rt));
    }
    r.eof = true;
    Ok(())
}

/// The optional size of `read(size)`/`readline(size)`: `None` (absent, None or negative) reads
/// to the end.
fn size_arg(rt: &mut Runtime, args: &[Value]) -> PyResult<Option<usize>> {
    match args.get(1) {
        None => Ok(None),
        Some(&v) if v == Value::NONE => Ok(None),
        Some(&v) => Ok(usize::try_from(rt.int_arg(v)?).ok()),
    }
}

fn read(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = this(rt, args)?;
    let want = size_arg(rt, args)?;
    let mut out = Vec::new();
    inflate_into(rt, this, want, &mut out, false)?;
    rt.new_bytes(&out)
}

fn readline(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = this(rt, args)?;
    let want = size_arg(rt, args)?;
    let mut out = Vec::new();
    inflate_into(rt, this, want, &mut out, true)?;
    rt.new_bytes(&out)
}

fn readinto(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = this(rt, args)?;
    let buf = crate::obj::file::readinto_target(rt, args)?;
    let mut n = rt.bytes_of(buf).map_or(0, <[u8]>::len);
    if let Some(&v) = args.get(2) {
        n = n.min(usize::try_from(rt.int_arg(v)?).unwrap_or(0));
    }
    let mut out = Vec::new();
    inflate_into(rt, this, Some(n), &mut out, false)?;
    if rt.kind(buf) == Some(Kind::MemView) {
        rt.memview_write(buf, 0, &out);
    } else {
        for (k, b) in out.iter().enumerate() {
            rt.bytearray_set(buf, k, *b);
        }
    }
    rt.new_int(out.len() as i64)
}

/// Hand `data` to the wrapped stream's `write`.
fn write_out(rt: &mut Runtime, stream: Value, data: &[u8]) -> PyResult<()> {
    if data.is_empty() {
        return Ok(());
    }
    let q = rt.intern("write")?.as_qstr().unwrap_or(0);
    let b = rt.new_bytes(data)?;
    rt.pin(b);
    let r = rt.call_method(stream, q, &[b]);
    rt.unpin(1);
    let r = r?;
    if rt.to_i64(r).is_some_and(|n| n < 0) {
        return Err(einval(rt));
    }
    Ok(())
}

impl Writer {
    fn new(wbits: u8, check: Check) -> Writer {
        let size = 1usize << wbits;
        Writer {
            window: vec![0; size],
            prev: vec![0; size],
            head: vec![0; 1 << HASH_BITS],
            pos: 0,
            bits: 0,
            nbits: 0,
            out: Vec::new(),
            check,
        }
    }

    fn put(&mut self, bits: u32, n: u32) {
        self.bits |= bits << self.nbits;
        self.nbits += n;
        while self.nbits >= 8 {
            self.out.push(self.bits as u8);
            self.bits >>= 8;
            self.nbits -= 8;
        }
    }

    /// A Huffman code (written most significant bit first).
    fn put_code(&mut self, code: u32, len: u32) {
        self.put(code.reverse_bits() >> (32 - len), len);
    }

    /// Literal/length symbol `s` in the fixed code.
    fn put_symbol(&mut self, s: u32) {
        match s {
            0..=143 => self.put_code(0x30 + s, 8),
            144..=255 => self.put_code(0x190 + s - 144, 9),
            256..=279 => self.put_code(s - 256, 7),
            _ => self.put_code(0xc0 + s - 280, 8),
        }
    }

    fn put_match(&mut self, len: usize, dist: usize) {
        let i = LEN_BASE
            .iter()
            .rposition(|&b| b as usize <= len)
            .unwrap_or(0);
        self.put_symbol(257 + i as u32);
        self.put((len - LEN_BASE[i] as usize) as u32, LEN_EXTRA[i] as u32);
        let j = DIST_BASE
            .iter()
            .rposition(|&b| b as usize <= dist)
            .unwrap_or(0);
        self.put_code(j as u32, 5);
        self.put((dist - DIST_BASE[j] as usize) as u32, DIST_EXTRA[j] as u32);
    }

    fn hash(a: u8, b: u8, c: u8) -> usize {
        let h = (a as u32) << 16 | (b as u32) << 8 | c as u32;
        (h.wrapping_mul(2_654_435_761) >> (32 - HASH_BITS)) as usize
    }

    /// Compress `data`, matching against the window and earlier bytes of `data`.
    fn compress(&mut self, data: &[u8]) {
        self.check.update(data);
        let mask = self.window.len() as u64 - 1;
        let base = self.pos;
        let byte_at = |w: &Writer, q: u64| -> u8 {
            if q >= base {
                data[(q - base) as usize]
            } else {
                w.window[(q & mask) as usize]
            }
        };
        let limit = self.window.len() as u64;
        let mut i = 0;
        while i < data.len() {
            let p = base + i as u64;
            let (mut best_len, mut best_dist) = (0usize, 0u64);
            if i + 3 <= data.len() {
                let h = Self::hash(data[i], data[i + 1], data[i + 2]);
                let max_len = (data.len() - i).min(258);
                let mut cand = self.head[h];
                for _ in 0..MAX_CHAIN {
                    if cand == 0 || p - (cand - 1) >= limit {
                        break;
                    }
                    let c = cand - 1;
                    let mut n = 0;
                    while n < max_len && byte_at(self, c + n as u64) == data[i + n] {
                        n += 1;
                    }
                    if n > best_len {
                        best_len = n;
                        best_dist = p - c;
                        if n == max_len {
                            break;
                        }
                    }
                    let back = self.prev[(c & mask) as usize] as u64;
                    if back == 0 {
                        break;
                    }
                    cand = c - back + 1;
                }
            }
            let step = if best_len >= 3 {
                self.put_match(best_len, best_dist as usize);
                best_len
            } else {
                self.put_symbol(data[i] as u32);
                1
            };
            for k in i..i + step {
                if k + 3 <= data.len() {
                    let h = Self::hash(data[k], data[k + 1], data[k + 2]);
                    let q = base + k as u64;
                    let last = self.head[h];
                    let back = if last != 0 && q - (last - 1) < limit {
                        q - (last - 1)
                    } else {
                        0
                    };
                    self.prev[(q & mask) as usize] = back as u16;
                    self.head[h] = q + 1;
                }
            }
            i += step;
        }
        let keep = data.len().min(self.window.len());
        for (k, &b) in data[data.len() - keep..].iter().enumerate() {
            let q = base + (data.len() - keep + k) as u64;
            self.window[(q & mask) as usize] = b;
        }
        self.pos = base + data.len() as u64;
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];

fn write(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = this(rt, args)?;
    let v = args.get(1).copied().unwrap_or(Value::NONE);
    let data: Vec<u8> = match rt.bytes_of(v) {
        Some(b) => b.to_vec(),
        None => match rt.str_text(v) {
            Some(s) => s.as_bytes().to_vec(),
            None => {
                return Err(rt.type_error_naming(
                    "object with buffer protocol required, not ",
                    v,
                    "",
                ));
            }
        },
    };
    let stream = stream_of(rt, this)?;
    let out = with_stream(rt, this, |rt, st| {
        if st.closed {
            return Err(einval(rt));
        }
        let mut header: Vec<u8> = Vec::new();
        if st.writer.is_none() {
            let wbits = if st.wbits == 0 {
                DEFAULT_WBITS
            } else {
                st.wbits
            };
            let check = match st.format {
                ZLIB => {
                    let cmf = 0x08 | (wbits.saturating_sub(8).max(1) << 4);
                    let flg = 0x80u8;
                    let fcheck = 31 - ((cmf as u32 * 256 + flg as u32) % 31);
                    header.extend_from_slice(&[cmf, flg | fcheck as u8]);
                    Check::Adler(1)
                }
                GZIP => {
                    header.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 3]);
                    Check::Crc(0, 0)
                }
                _ => Check::None,
            };
            let size = 1usize << wbits;
            reserve(rt, size * 3 + (8 << HASH_BITS))?;
            let mut w = Writer::new(wbits, check);
            // One final block of fixed Huffman codes: BFINAL=1, BTYPE=01.
            w.put(0b011, 3);
            st.writer = Some(w);
        }
        let Some(w) = st.writer.as_mut() else {
            return Err(einval(rt));
        };
        rt.check_room(data.len())?;
        w.compress(&data);
        header.append(&mut w.out);
        Ok(header)
    })?;
    write_out(rt, stream, &out)?;
    rt.new_int(data.len() as i64)
}

fn close(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let this = this(rt, args)?;
    let stream = stream_of(rt, this)?;
    let (tail, close_inner) = with_stream(rt, this, |_, st| {
        if st.closed {
            return Ok((Vec::new(), false));
        }
        st.closed = true;
        st.reader = None;
        let mut tail = Vec::new();
        if let Some(mut w) = st.writer.take() {
            w.put_symbol(256);
            if w.nbits > 0 {
                w.put(0, 8 - w.nbits);
            }
            tail.append(&mut w.out);
            match w.check {
                Check::Adler(a) => tail.extend_from_slice(&a.to_be_bytes()),
                Check::Crc(c, n) => {
                    tail.extend_from_slice(&c.to_le_bytes());
                    tail.extend_from_slice(&n.to_le_bytes());
                }
                Check::None => {}
            }
        }
        Ok((tail, st.close_inner))
    })?;
    write_out(rt, stream, &tail)?;
    if close_inner {
        rt.call_method(stream, crate::qstr::Q_CLOSE, &[])?;
    }
    Ok(Value::NONE)
}

fn enter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    this(rt, args)
}

fn exit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    close(rt, &args[..1.min(args.len())], Value::NULL)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inflate_raw(data: &[u8]) -> Vec<u8> {
        miniz_oxide::inflate::decompress_to_vec(data).unwrap_or_default()
    }

    #[test]
    fn compressed_data_inflates_back() {
        let mut input = Vec::new();
        for i in 0..3000u32 {
            input.extend_from_slice(alloc::format!("line {} {}\n", i % 17, i % 5).as_bytes());
        }
        for wbits in [5u8, 8, 10, 15] {
            let mut w = Writer::new(wbits, Check::None);
            w.put(0b011, 3);
            for chunk in input.chunks(777) {
                w.compress(chunk);
            }
            w.put_symbol(256);
            if w.nbits > 0 {
                w.put(0, 8 - w.nbits);
            }
            assert_eq!(inflate_raw(&w.out), input, "wbits {wbits}");
            // A 32-byte window sees little more than the line before.
            let ratio = if wbits >= 8 { 3 } else { 1 };
            assert!(
                w.out.len() < input.len() / ratio,
                "wbits {wbits}: {}",
                w.out.len()
            );
        }
    }

    #[test]
    fn adler32_matches_zlib() {
        // zlib.adler32(b'Wikipedia') == 0x11E60398
        assert_eq!(adler32(1, b"Wikipedia"), 0x11e6_0398);
    }
}
