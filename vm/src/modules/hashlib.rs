//! The `hashlib` module (also `uhashlib`): `md5`, `sha1`, `sha224`, `sha256`, `sha384`,
//! `sha512` and `new(name)`, each object with `update`, `digest`, `hexdigest`, `copy`, `name`,
//! `digest_size` and `block_size`.
//!
//! The block functions are the `sha2` and `sha1` crates' (MD5's, a few lines, is here). A hash
//! object keeps its whole state in a 202-byte bytearray on the Python heap (chaining words,
//! the partial block, the length), so it needs no finalizer and `copy()` is a byte copy.

use super::{Attr, ModuleDef};
use crate::builtins::arg;
use crate::format::message::{fill, ToArg};
use crate::obj::kind::Kind;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;
use sha2::digest::generic_array::GenericArray;

crate::native_table! {
    /// The natives of `hashlib`.
    pub static NATIVES;
    MD5 = "md5" (0..=1) => md5, module kw;
    SHA1 = "sha1" (0..=1) => sha1, module kw;
    SHA224 = "sha224" (0..=1) => sha224, module kw;
    SHA256 = "sha256" (0..=1) => sha256, module kw;
    SHA384 = "sha384" (0..=1) => sha384, module kw;
    SHA512 = "sha512" (0..=1) => sha512, module kw;
    NEW = "new" (1..=2) => new, module kw;
    UPDATE = "update" (1) => update, module method;
    DIGEST = "digest" (0) => digest, module method;
    HEXDIGEST = "hexdigest" (0) => hexdigest, module method;
    COPY = "copy" (0) => copy, module method;
}

/// The `hashlib` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "hashlib",
    natives: &NATIVES,
    attrs: &[("_HASH", Attr::Made(hash_class))],
    init: None,
};

/// The class of hash objects, with the method natives in its namespace.
fn hash_class(rt: &mut Runtime) -> PyResult<Value> {
    let t = super::table::HASHLIB;
    super::native_class(rt, "HASH", Some("hashlib"), t, &NATIVES, &[])
}

/// The algorithms: name, digest size, block size.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Algo {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

const ALGOS: [Algo; 6] = [
    Algo::Md5,
    Algo::Sha1,
    Algo::Sha224,
    Algo::Sha256,
    Algo::Sha384,
    Algo::Sha512,
];

impl Algo {
    fn name(self) -> &'static str {
        match self {
            Algo::Md5 => "md5",
            Algo::Sha1 => "sha1",
            Algo::Sha224 => "sha224",
            Algo::Sha256 => "sha256",
            Algo::Sha384 => "sha384",
            Algo::Sha512 => "sha512",
        }
    }

    fn digest_size(self) -> usize {
        match self {
            Algo::Md5 => 16,
            Algo::Sha1 => 20,
            Algo::Sha224 => 28,
            Algo::Sha256 => 32,
            Algo::Sha384 => 48,
            Algo::Sha512 => 64,
        }
    }

    fn block_size(self) -> usize {
        match self {
            Algo::Sha384 | Algo::Sha512 => 128,
            _ => 64,
        }
    }

    fn initial(self) -> [u64; 8] {
        match self {
            Algo::Md5 => [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0, 0, 0, 0],
            Algo::Sha1 => [
                0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0, 0, 0, 0,
            ],
            Algo::Sha224 => [
                0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7,
                0xbefa4fa4,
            ],
            Algo::Sha256 => [
                0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
                0x5be0cd19,
            ],
            Algo::Sha384 => [
                0xcbbb9d5dc1059ed8,
                0x629a292a367cd507,
                0x9159015a3070dd17,
                0x152fecd8f70e5939,
                0x67332667ffc00b31,
                0x8eb44a8768581511,
                0xdb0c2e0d64f98fa7,
                0x47b5481dbefa4fa4,
            ],
            Algo::Sha512 => [
                0x6a09e667f3bcc908,
                0xbb67ae8584caa73b,
                0x3c6ef372fe94f82b,
                0xa54ff53a5f1d36f1,
                0x510e527fade682d1,
                0x9b05688c2b3e6c1f,
                0x1f83d9abfb41bd6b,
                0x5be0cd19137e2179,
            ],
        }
    }
}

/// A hash computation in progress.
#[derive(Clone)]
struct State {
    algo: Algo,
    h: [u64; 8],
    buf: [u8; 128],
    buf_len: usize,
    total: u64,
}

/// Bytes of a serialized [`State`].
const STATE_BYTES: usize = 1 + 64 + 128 + 1 + 8;

impl State {
    fn new(algo: Algo) -> State {
        State {
            algo,
            h: algo.initial(),
            buf: [0; 128],
            buf_len: 0,
            total: 0,
        }
    }

    fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(STATE_BYTES);
        out.push(self.algo as u8);
        for w in self.h {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.buf);
        out.push(self.buf_len as u8);
        out.extend_from_slice(&self.total.to_le_bytes());
        out
    }

    fn from_bytes(b: &[u8]) -> Option<State> {
        if b.len() != STATE_BYTES {
            return None;
        }
        let algo = *ALGOS.get(b[0] as usize)?;
        let mut h = [0u64; 8];
        for (k, w) in h.iter_mut().enumerate() {
            *w = u64::from_le_bytes(b[1 + 8 * k..9 + 8 * k].try_into().ok()?);
        }
        let mut buf = [0u8; 128];
        buf.copy_from_slice(&b[65..193]);
        let buf_len = b[193] as usize;
        if buf_len >= algo.block_size() {
            return None;
        }
        let total = u64::from_le_bytes(b[194..202].try_into().ok()?);
        Some(State {
            algo,
            h,
            buf,
            buf_len,
            total,
        })
    }

    /// Run the block function over whole blocks.
    fn blocks(&mut self, data: &[u8]) {
        match self.algo {
            Algo::Md5 => {
                let mut s = [
                    self.h[0] as u32,
                    self.h[1] as u32,
                    self.h[2] as u32,
                    self.h[3] as u32,
                ];
                for block in data.chunks_exact(64) {
                    md5_block(&mut s, block);
                }
                for (k, w) in s.iter().enumerate() {
                    self.h[k] = *w as u64;
                }
            }
            Algo::Sha1 => {
                let mut s = [0u32; 5];
                for (k, w) in s.iter_mut().enumerate() {
                    *w = self.h[k] as u32;
                }
                let blocks: Vec<GenericArray<u8, _>> = data
                    .chunks_exact(64)
                    .map(GenericArray::clone_from_slice)
                    .collect();
                sha1::compress(&mut s, &blocks);
                for (k, w) in s.iter().enumerate() {
                    self.h[k] = *w as u64;
                }
            }
            Algo::Sha224 | Algo::Sha256 => {
                let mut s = [0u32; 8];
                for (k, w) in s.iter_mut().enumerate() {
                    *w = self.h[k] as u32;
                }
                let blocks: Vec<GenericArray<u8, _>> = data
                    .chunks_exact(64)
                    .map(GenericArray::clone_from_slice)
                    .collect();
                sha2::compress256(&mut s, &blocks);
                for (k, w) in s.iter().enumerate() {
                    self.h[k] = *w as u64;
                }
            }
            Algo::Sha384 | Algo::Sha512 => {
                let blocks: Vec<GenericArray<u8, _>> = data
                    .chunks_exact(128)
                    .map(GenericArray::clone_from_slice)
                    .collect();
                sha2::compress512(&mut self.h, &blocks);
            }
        }
    }

    fn update(&mut self, mut data: &[u8]) {
        let bs = self.algo.block_size();
        self.total = self.total.wrapping_add(data.len() as u64);
        if self.buf_len > 0 {
            let take = (bs - self.buf_len).min(data.len());
            self.buf[self.buf_len..self.buf_len + take].copy_from_slice(&data[..take]);
            self.buf_len += take;
            data = &data[take..];
            if self.buf_len < bs {
                return;
            }
            let block = self.buf;
            self.blocks(&block[..bs]);
            self.buf_len = 0;
        }
        // Whole blocks in bounded batches (the block lists above are short-lived).
        let whole = data.len() / bs * bs;
        for chunk in data[..whole].chunks(bs * 64) {
            self.blocks(chunk);
        }
        let rest = &data[whole..];
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buf_len = rest.len();
    }

    fn finish(&self) -> Vec<u8> {
        let mut s = self.clone();
        let bs = s.algo.block_size();
        let len_bytes = if bs == 128 { 16 } else { 8 };
        let bits = self.total.wrapping_mul(8);
        let mut pad = alloc::vec![0x80u8];
        let used = (s.buf_len + 1) % bs;
        let zeros = (bs + bs - len_bytes - used) % bs;
        pad.resize(1 + zeros, 0);
        if s.algo == Algo::Md5 {
            pad.extend_from_slice(&bits.to_le_bytes());
        } else {
            if len_bytes == 16 {
                pad.extend_from_slice(&[0u8; 8]);
            }
            pad.extend_from_slice(&bits.to_be_bytes());
        }
        let total = s.total;
        s.update(&pad);
        s.total = total;
        let mut out = Vec::new();
        match s.algo {
            Algo::Md5 => {
                for w in &s.h[..4] {
                    out.extend_from_slice(&(*w as u32).to_le_bytes());
                }
            }
            Algo::Sha1 | Algo::Sha224 | Algo::Sha256 => {
                for w in &s.h {
                    out.extend_from_slice(&(*w as u32).to_be_bytes());
                }
            }
            Algo::Sha384 | Algo::Sha512 => {
                for w in &s.h {
                    out.extend_from_slice(&w.to_be_bytes());
                }
            }
        }
        out.truncate(s.algo.digest_size());
        out
    }
}

/// MD5's additive constants: the integer part of 2**32 * |sin(i + 1)|.
const MD5_K: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

/// MD5's block function (RFC 1321).
fn md5_block(s: &mut [u32; 4], block: &[u8]) {
    const SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
    let mut m = [0u32; 16];
    for (k, w) in m.iter_mut().enumerate() {
        *w = u32::from_le_bytes([
            block[4 * k],
            block[4 * k + 1],
            block[4 * k + 2],
            block[4 * k + 3],
        ]);
    }
    let [mut a, mut b, mut c, mut d] = *s;
    for i in 0..64 {
        let (f, g) = match i / 16 {
            0 => ((b & c) | (!b & d), i),
            1 => ((d & b) | (!d & c), (5 * i + 1) % 16),
            2 => (b ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (b | !d), (7 * i) % 16),
        };
        let sum = a.wrapping_add(f).wrapping_add(MD5_K[i]).wrapping_add(m[g]);
        let shift = SHIFTS[(i / 16) * 4 + i % 4];
        a = d;
        d = c;
        c = b;
        b = b.wrapping_add(sum.rotate_left(shift));
    }
    s[0] = s[0].wrapping_add(a);
    s[1] = s[1].wrapping_add(b);
    s[2] = s[2].wrapping_add(c);
    s[3] = s[3].wrapping_add(d);
}

fn data_of(rt: &mut Runtime, v: Value) -> PyResult<Vec<u8>> {
    if rt.is_str(v) {
        return Err(rt.type_error(crate::packed!("Strings must be encoded before hashing")));
    }
    match rt.kind(v) {
        Some(Kind::Bytes | Kind::ByteArray | Kind::MemView) => {
            Ok(rt.bytes_of(v).unwrap_or(&[]).to_vec())
        }
        _ => {
            #[cfg(feature = "array")]
            if let Some(buf) = super::array::buffer_of(rt, v) {
                return Ok(rt.bytes_of(buf).unwrap_or(&[]).to_vec());
            }
            Err(rt.type_error(crate::packed!("object supporting the buffer API required")))
        }
    }
}

fn state_key(rt: &mut Runtime) -> PyResult<Value> {
    rt.intern("_state")
}

/// A new hash object of `algo` holding `state`.
fn make(rt: &mut Runtime, state: &State) -> PyResult<Value> {
    let Some(cls) = rt
        .imported_module_attr("hashlib", "_HASH")
        .filter(|c| rt.kind(*c) == Some(Kind::Class))
    else {
        return Err(rt.raise(
            crate::obj::exception::ExcKind::RuntimeError,
            "hashlib._HASH is gone",
        ));
    };
    let base = rt.pins.len();
    let r = (|| {
        rt.pin(cls);
        let obj = rt.new_instance(cls)?;
        rt.pin(obj);
        // The name first: interning may allocate, and the buffer is rooted once stored.
        let k = state_key(rt)?;
        let bytes = rt.new_bytearray(&state.to_bytes())?;
        rt.set_attr_dict(obj, k, bytes)?;
        let n = rt.intern(state.algo.name())?;
        let k = rt.intern("name")?;
        rt.set_attr_dict(obj, k, n)?;
        let k = rt.intern("digest_size")?;
        rt.set_attr_dict(obj, k, Value::small(state.algo.digest_size() as i32))?;
        let k = rt.intern("block_size")?;
        rt.set_attr_dict(obj, k, Value::small(state.algo.block_size() as i32))?;
        Ok(obj)
    })();
    rt.pins.truncate(base);
    r
}

/// The state of hash object `obj` and its bytearray.
fn state_of(rt: &mut Runtime, obj: Value) -> PyResult<(State, Value)> {
    let k = state_key(rt)?;
    let ba = rt
        .instance_attr(obj, k)
        .filter(|b| rt.kind(*b) == Some(Kind::ByteArray));
    let state = ba.and_then(|b| rt.bytes_of(b).and_then(State::from_bytes));
    match (state, ba) {
        (Some(s), Some(b)) => Ok((s, b)),
        _ => Err(rt.type_error(crate::packed!("not a hash object"))),
    }
}

fn construct(rt: &mut Runtime, algo: Algo, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = crate::builtins::split_kw(rt, args, kwnames);
    let data_q = rt.intern("string")?.as_qstr().unwrap_or(0);
    let data = pos
        .first()
        .copied()
        .or_else(|| crate::builtins::kwarg(rt, &kw, data_q));
    let mut state = State::new(algo);
    if let Some(d) = data {
        let bytes = data_of(rt, d)?;
        state.update(&bytes);
    }
    make(rt, &state)
}

macro_rules! constructors {
    ($($f:ident => $algo:ident),*) => {$(
        #[doc = concat!("`hashlib.", stringify!($f), "(string=b'')`.")]
        pub fn $f(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
            construct(rt, Algo::$algo, args, kwnames)
        }
    )*};
}

constructors!(md5 => Md5, sha1 => Sha1, sha224 => Sha224, sha256 => Sha256, sha384 => Sha384, sha512 => Sha512);

/// `hashlib.new(name, string=b'')`.
pub fn new(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let Some(&name) = args.first() else {
        return Err(rt.type_error(crate::packed!(
            "new() missing required argument 'name' (pos 1)"
        )));
    };
    let Some(text) = rt.str_text(name).map(|s| s.to_ascii_lowercase()) else {
        return Err(rt.type_error(crate::packed!("new() argument 'name' must be str")));
    };
    match ALGOS.iter().find(|a| a.name() == text) {
        Some(a) => construct(rt, *a, args.get(1..).unwrap_or_default(), kwnames),
        None => {
            let msg = fill(
                "unsupported hash type {}",
                &[rt.str_text(name).unwrap_or("").arg()],
            );
            Err(rt.value_error(&msg))
        }
    }
}

/// `h.update(data)`.
pub fn update(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let [obj, data] = args else {
        return Err(rt.type_error(crate::packed!("update() takes exactly one argument")));
    };
    let bytes = data_of(rt, *data)?;
    let (mut state, ba) = state_of(rt, *obj)?;
    state.update(&bytes);
    rt.bytearray_set_all(ba, &state.to_bytes())?;
    Ok(Value::NONE)
}

/// `h.digest()`.
pub fn digest(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (state, _) = state_of(rt, arg(args, 0))?;
    rt.new_bytes(&state.finish())
}

/// `h.hexdigest()`.
pub fn hexdigest(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (state, _) = state_of(rt, arg(args, 0))?;
    let hex = crate::format::hex_of_bytes(&state.finish());
    rt.new_str(&hex)
}

/// `h.copy()`.
pub fn copy(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (state, _) = state_of(rt, arg(args, 0))?;
    make(rt, &state)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    fn hex(algo: Algo, data: &[u8]) -> String {
        let mut s = State::new(algo);
        s.update(data);
        s.finish().iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn digests_match_the_standard_vectors() {
        assert_eq!(hex(Algo::Md5, b""), "d41d8cd98f00b204e9800998ecf8427e");
        assert_eq!(hex(Algo::Md5, b"abc"), "900150983cd24fb0d6963f7d28e17f72");
        assert_eq!(
            hex(Algo::Sha1, b"abc"),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(Algo::Sha256, b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(Algo::Sha224, b"abc"),
            "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"
        );
        assert!(hex(Algo::Sha512, b"abc").starts_with("ddaf35a193617aba"));
        assert!(hex(Algo::Sha384, b"abc").starts_with("cb00753f45a35e8b"));
        // Split updates across block boundaries agree with one update.
        let data: Vec<u8> = (0..1000u32).map(|i| i as u8).collect();
        for algo in ALGOS {
            let mut s = State::new(algo);
            for piece in data.chunks(37) {
                s.update(piece);
            }
            let one = hex(algo, &data);
            let split: String = s.finish().iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(one, split);
            let back = State::from_bytes(&s.to_bytes()).map(|t| t.finish());
            assert_eq!(back, Some(s.finish()));
        }
    }
}
