//! The `io` module: `open` and the file classes, whose methods are this module's natives (their
//! bodies live with the file objects in `crate::obj::file`), and the in-memory streams
//! `StringIO` and `BytesIO`.
//!
//! An in-memory stream is an instance with a bytearray buffer (`_buf`, UTF-8 for `StringIO`),
//! a byte position (`_pos`), `_text` and `closed`; writing at the end grows the buffer
//! geometrically. `StringIO` positions (`tell`, `seek`) count characters, as CPython's do.

use super::{Attr, ModuleDef};
use crate::builtins::arg;
use crate::builtins::native::native_id;
use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::file::methods as file;
use crate::obj::kind::Kind;
use crate::qstr::Q___MODULE__;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::vec::Vec;

crate::native_table! {
    /// The natives of `io`: the methods of its file classes.
    pub static NATIVES;
    READ = "read" (0..=1) => file::read, module method;
    READLINE = "readline" (0..=1) => file::readline, module method;
    READLINES = "readlines" (0..=1) => file::readlines, module method;
    READINTO = "readinto" (1) => file::readinto, module method;
    WRITE = "write" (1) => file::write, module method;
    SEEK = "seek" (1..=2) => file::seek, module method;
    TELL = "tell" (0) => file::tell, module method;
    FLUSH = "flush" (0) => file::flush, module method;
    CLOSE = "close" (0) => file::close, module method;
    ENTER = "__enter__" => file::enter, module method;
    EXIT = "__exit__" => file::exit, module method;
    ITER = "__iter__" => file::iter, module method;
    NEXT = "__next__" => file::next, module method;
    FILENO = "fileno" => file::fileno, module method;
    READABLE = "readable" (0) => file::readable, module method;
    WRITABLE = "writable" (0) => file::writable, module method;
    REPR = "__repr__" => file::repr, module method;
    STRINGIO_INIT = "__init__" => string_io_init, module method;
    BYTESIO_INIT = "__init__" => bytes_io_init, module method;
    M_READ = "read" (0..=1) => mem_read, module method;
    M_READLINE = "readline" (0..=1) => mem_readline, module method;
    M_READLINES = "readlines" (0..=1) => mem_readlines, module method;
    M_WRITE = "write" (1) => mem_write, module method;
    M_GETVALUE = "getvalue" (0) => mem_getvalue, module method;
    M_SEEK = "seek" (1..=2) => mem_seek, module method;
    M_TELL = "tell" (0) => mem_tell, module method;
    M_TRUNCATE = "truncate" (0..=1) => mem_truncate, module method;
    M_CLOSE = "close" (0) => mem_close, module method;
    M_FLUSH = "flush" (0) => mem_flush, module method;
    M_ENTER = "__enter__" => mem_enter, module method;
    M_EXIT = "__exit__" => mem_exit, module method;
    M_ITER = "__iter__" => mem_enter, module method;
    M_NEXT = "__next__" => mem_next, module method;
    M_READABLE = "readable" (0) => mem_true, module method;
    M_WRITABLE = "writable" (0) => mem_true, module method;
    M_SEEKABLE = "seekable" (0) => mem_true, module method;
    M_READINTO = "readinto" (1) => mem_readinto, module method;
}

/// First row of the in-memory stream methods (they run to the end of the table).
const MEM_FIRST: u32 = M_READ;

/// Is row `i` one of the file object methods (`crate::obj::file` puts those in its classes)?
pub fn is_file_method(i: u32) -> bool {
    i <= REPR
}

/// The `io` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "io",
    natives: &NATIVES,
    attrs: &[
        ("open", Attr::Native(crate::builtins::N_OPEN)),
        ("TextIOWrapper", Attr::Made(|rt| Ok(rt.io_classes()?.text))),
        ("FileIO", Attr::Made(|rt| Ok(rt.io_classes()?.binary))),
        (
            "UnsupportedOperation",
            Attr::Made(|rt| Ok(rt.io_classes()?.unsupported)),
        ),
        (
            "StringIO",
            Attr::Made(|rt| mem_class(rt, "StringIO", STRINGIO_INIT)),
        ),
        (
            "BytesIO",
            Attr::Made(|rt| mem_class(rt, "BytesIO", BYTESIO_INIT)),
        ),
    ],
    init: None,
};

/// A stream class: the shared stream methods and its own `__init__`.
fn mem_class(rt: &mut Runtime, name: &str, init: u32) -> PyResult<Value> {
    let n = rt.intern(name)?;
    let bases = rt.new_tuple(&[crate::runtime::TypeId::Object.value()])?;
    rt.pin(bases);
    let r = (|| {
        let ns = rt.new_dict()?;
        rt.pin(ns);
        let r = (|| {
            let t = super::table::IO;
            // `readinto` is BytesIO's alone, as in CPython.
            let rows = (MEM_FIRST..NATIVES.len() as u32)
                .filter(|&i| i != M_READINTO || init == BYTESIO_INIT)
                .chain([init]);
            for i in rows {
                let k = rt.intern(NATIVES.name_of(&NATIVES[i as usize]))?;
                rt.dict_set(ns, k, Runtime::native(native_id(t, i)))?;
            }
            let mq = rt.intern("io")?;
            rt.dict_set(ns, Value::qstr(Q___MODULE__), mq)?;
            rt.new_class(n, bases, ns)
        })();
        rt.unpin(1);
        r
    })();
    rt.unpin(1);
    r
}

/// The parts of an in-memory stream.
struct Mem {
    buf: Value,
    pos: usize,
    text: bool,
}

fn key(rt: &mut Runtime, name: &str) -> PyResult<Value> {
    rt.intern(name)
}

fn mem_of(rt: &mut Runtime, obj: Value) -> PyResult<Mem> {
    let (kb, kp, kt, kc) = (
        key(rt, "_buf")?,
        key(rt, "_pos")?,
        key(rt, "_text")?,
        key(rt, "closed")?,
    );
    let buf = rt
        .instance_attr(obj, kb)
        .filter(|b| rt.kind(*b) == Some(Kind::ByteArray));
    let pos = rt.instance_attr(obj, kp).and_then(|p| p.as_small());
    let (Some(buf), Some(pos)) = (buf, pos) else {
        return Err(rt.type_error(crate::packed!("not an in-memory stream")));
    };
    let text = rt.instance_attr(obj, kt) == Some(Value::TRUE);
    if rt.instance_attr(obj, kc) == Some(Value::TRUE) {
        // CPython's two classes word it differently: StringIO's has no full stop.
        let msg = "I/O operation on closed file.";
        let msg = msg.get(..msg.len() - usize::from(text)).unwrap_or(msg);
        return Err(rt.value_error(msg));
    }
    Ok(Mem {
        buf,
        pos: pos.max(0) as usize,
        text,
    })
}

fn set_pos(rt: &mut Runtime, obj: Value, pos: usize) -> PyResult<()> {
    let k = key(rt, "_pos")?;
    let v = rt.new_int(pos as i64)?;
    rt.set_attr_dict(obj, k, v)
}

/// Set up stream `obj` over `init`.
fn init_mem(rt: &mut Runtime, obj: Value, init: &[u8], text: bool) -> PyResult<Value> {
    // Names first: interning may allocate, and the new buffer is rooted only once stored.
    let k = key(rt, "_buf")?;
    let buf = rt.new_bytearray(init)?;
    rt.set_attr_dict(obj, k, buf)?;
    set_pos(rt, obj, 0)?;
    let k = key(rt, "_text")?;
    rt.set_attr_dict(obj, k, Value::bool(text))?;
    let k = key(rt, "closed")?;
    rt.set_attr_dict(obj, k, Value::FALSE)?;
    Ok(Value::NONE)
}

/// `io.StringIO(initial_value='')`.
pub fn string_io_init(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let init: Vec<u8> = match args.get(1) {
        None => Vec::new(),
        Some(v) if *v == Value::NONE => Vec::new(),
        Some(v) => match rt.str_text(*v) {
            Some(s) => s.as_bytes().to_vec(),
            None => {
                return Err(rt.type_error_naming(
                    "initial_value must be str or None, not ",
                    *v,
                    "",
                ));
            }
        },
    };
    init_mem(rt, arg(args, 0), &init, true)
}

fn bytes_like(rt: &mut Runtime, v: Value) -> PyResult<Vec<u8>> {
    match rt.kind(v) {
        Some(Kind::Bytes | Kind::ByteArray | Kind::MemView) => {
            Ok(rt.bytes_of(v).unwrap_or(&[]).to_vec())
        }
        _ => Err(rt.type_error_naming("a bytes-like object is required, not '", v, "'")),
    }
}

/// `io.BytesIO(initial_bytes=b'')`.
pub fn bytes_io_init(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let init = match args.get(1) {
        None => Vec::new(),
        Some(v) if *v == Value::NONE => Vec::new(),
        Some(v) => bytes_like(rt, *v)?,
    };
    init_mem(rt, arg(args, 0), &init, false)
}

/// A result slice of the buffer as str or bytes.
fn piece(rt: &mut Runtime, m: &Mem, bytes: &[u8]) -> PyResult<Value> {
    if m.text {
        rt.new_str(core::str::from_utf8(bytes).unwrap_or(""))
    } else {
        rt.new_bytes(bytes)
    }
}

/// The byte length of the first `n` characters of `b` (or all of it).
fn char_bytes(b: &[u8], n: usize) -> usize {
    let s = core::str::from_utf8(b).unwrap_or("");
    s.char_indices().nth(n).map_or(b.len(), |(i, _)| i)
}

fn size_arg(rt: &mut Runtime, args: &[Value]) -> PyResult<Option<usize>> {
    match args.get(1) {
        None => Ok(None),
        Some(v) if *v == Value::NONE => Ok(None),
        Some(v) => {
            let n = rt.int_arg(*v)?;
            Ok(if n < 0 { None } else { Some(n as usize) })
        }
    }
}

/// `read(size=-1)`.
pub fn mem_read(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let size = size_arg(rt, args)?;
    let all = rt.bytes_of(m.buf).unwrap_or(&[]).to_vec();
    let rest = all.get(m.pos..).unwrap_or_default();
    let take = match size {
        None => rest.len(),
        Some(n) if m.text => char_bytes(rest, n),
        Some(n) => n.min(rest.len()),
    };
    let v = piece(rt, &m, rest.get(..take).unwrap_or(rest))?;
    rt.pin(v);
    let r = set_pos(rt, arg(args, 0), m.pos + take);
    rt.unpin(1);
    r.map(|_| v)
}

/// `BytesIO.readinto(buf)`: fill a bytearray or writable memoryview from the position.
pub fn mem_readinto(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let buf = crate::obj::file::readinto_target(rt, args)?;
    let room = rt.memview_len_or_bytes(buf);
    let all = rt.bytes_of(m.buf).unwrap_or(&[]);
    let rest = all.get(m.pos..).unwrap_or_default();
    let data = rest.get(..room).unwrap_or(rest).to_vec();
    if rt.kind(buf) == Some(Kind::MemView) {
        rt.memview_write(buf, 0, &data);
    } else {
        for (k, b) in data.iter().enumerate() {
            rt.bytearray_set(buf, k, *b);
        }
    }
    set_pos(rt, arg(args, 0), m.pos + data.len())?;
    rt.new_int(data.len() as i64)
}

/// The next line from the position (with its newline), and the position after it.
fn next_line(rt: &mut Runtime, m: &Mem, limit: Option<usize>) -> (Vec<u8>, usize) {
    let all = rt.bytes_of(m.buf).unwrap_or(&[]);
    let rest = all.get(m.pos..).unwrap_or_default();
    let mut end = rest
        .iter()
        .position(|c| *c == b'\n')
        .map_or(rest.len(), |i| i + 1);
    if let Some(n) = limit {
        end = end.min(if m.text { char_bytes(rest, n) } else { n });
    }
    let line = rest.get(..end).unwrap_or(rest);
    (line.to_vec(), m.pos + line.len())
}

/// `readline(size=-1)`.
pub fn mem_readline(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let size = size_arg(rt, args)?;
    let (line, pos) = next_line(rt, &m, size);
    let v = piece(rt, &m, &line)?;
    rt.pin(v);
    let r = set_pos(rt, arg(args, 0), pos);
    rt.unpin(1);
    r.map(|_| v)
}

/// `readlines()`.
pub fn mem_readlines(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let mut m = mem_of(rt, arg(args, 0))?;
    let l = rt.new_list(&[])?;
    rt.pin(l);
    let r = (|| {
        loop {
            let (line, pos) = next_line(rt, &m, None);
            if line.is_empty() {
                break;
            }
            let v = piece(rt, &m, &line)?;
            rt.pin(v);
            let r = rt.list_append(l, v);
            rt.unpin(1);
            r?;
            m.pos = pos;
        }
        set_pos(rt, arg(args, 0), m.pos)
    })();
    rt.unpin(1);
    r.map(|_| l)
}

/// `__next__()`: the next line, or StopIteration at the end.
pub fn mem_next(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let (line, pos) = next_line(rt, &m, None);
    if line.is_empty() {
        let cls = rt.exc_class(ExcKind::StopIteration)?;
        let e = rt.new_exception(cls, &[])?;
        return Err(rt.raise_value(e));
    }
    let v = piece(rt, &m, &line)?;
    rt.pin(v);
    let r = set_pos(rt, arg(args, 0), pos);
    rt.unpin(1);
    r.map(|_| v)
}

/// `write(s)`: at the position, overwriting and extending (a gap past the end is zeros).
pub fn mem_write(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let (obj, data) = (arg(args, 0), arg(args, 1));
    let m = mem_of(rt, obj)?;
    let (bytes, count) = if m.text {
        match rt.str_text(data) {
            Some(s) => (s.as_bytes().to_vec(), s.chars().count()),
            None => {
                return Err(rt.type_error_naming("string argument expected, got '", data, "'"));
            }
        }
    } else {
        let b = bytes_like(rt, data)?;
        let n = b.len();
        (b, n)
    };
    let len = rt.bytes_of(m.buf).map_or(0, |b| b.len());
    if m.pos > len {
        let gap = alloc::vec![0u8; m.pos - len];
        rt.bytearray_write_at(m.buf, len, &gap)?;
    }
    rt.bytearray_write_at(m.buf, m.pos, &bytes)?;
    set_pos(rt, obj, m.pos + bytes.len())?;
    rt.new_int(count as i64)
}

/// `getvalue()`.
pub fn mem_getvalue(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let all = rt.bytes_of(m.buf).unwrap_or(&[]).to_vec();
    piece(rt, &m, &all)
}

/// The position in the stream's units (characters for `StringIO`).
fn units(rt: &mut Runtime, m: &Mem, byte_pos: usize) -> usize {
    let all = rt.bytes_of(m.buf).unwrap_or(&[]);
    if !m.text {
        return byte_pos;
    }
    let upto = &all[..byte_pos.min(all.len())];
    let chars = core::str::from_utf8(upto).map_or(upto.len(), |s| s.chars().count());
    chars + byte_pos.saturating_sub(all.len())
}

/// The byte offset of position `n` in the stream's units.
fn bytes_at(rt: &mut Runtime, m: &Mem, n: usize) -> usize {
    let all = rt.bytes_of(m.buf).unwrap_or(&[]);
    if !m.text {
        return n;
    }
    let s = core::str::from_utf8(all).unwrap_or("");
    let chars = s.chars().count();
    if n >= chars {
        all.len() + (n - chars)
    } else {
        char_bytes(all, n)
    }
}

/// `tell()`.
pub fn mem_tell(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let u = units(rt, &m, m.pos);
    rt.new_int(u as i64)
}

/// `seek(pos, whence=0)`.
pub fn mem_seek(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let Some(&off) = args.get(1) else {
        return Err(rt.type_error(crate::packed!("seek() takes at least 1 argument (0 given)")));
    };
    let off = rt.int_arg(off)?;
    let whence = match args.get(2) {
        Some(w) => rt.int_arg(*w)?,
        None => 0,
    };
    if !(0..=2).contains(&whence) {
        return Err(
            rt.value_error_with("Invalid whence ({}, should be 0, 1 or 2)", &[whence.arg()])
        );
    }
    if m.text && whence != 0 && off != 0 {
        let msg = if whence == 1 {
            "Can't do nonzero cur-relative seeks"
        } else {
            "Can't do nonzero end-relative seeks"
        };
        return Err(rt.raise(ExcKind::OSError, msg));
    }
    let len = rt.bytes_of(m.buf).map_or(0, |b| b.len());
    let here = units(rt, &m, m.pos) as i64;
    let end = units(rt, &m, len) as i64;
    let target = match whence {
        0 => off,
        1 => here + off,
        _ => end + off,
    };
    if target < 0 {
        return Err(if m.text {
            rt.value_error_with("Negative seek position {}", &[off.arg()])
        } else {
            rt.value_error_with("negative seek value {}", &[target.arg()])
        });
    }
    let b = bytes_at(rt, &m, target as usize);
    set_pos(rt, arg(args, 0), b)?;
    rt.new_int(target)
}

/// `truncate(size=None)`: cut at `size` (default the position); the position stays.
pub fn mem_truncate(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let m = mem_of(rt, arg(args, 0))?;
    let size = match args.get(1) {
        Some(v) if *v != Value::NONE => {
            let n = rt.int_arg(*v)?;
            if n < 0 {
                return Err(rt.value_error_with("Negative size value {}", &[n.arg()]));
            }
            n as usize
        }
        _ => units(rt, &m, m.pos),
    };
    let b = bytes_at(rt, &m, size);
    rt.bytearray_truncate(m.buf, b);
    rt.new_int(size as i64)
}

/// `close()`.
pub fn mem_close(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let k = key(rt, "closed")?;
    rt.set_attr_dict(arg(args, 0), k, Value::TRUE)?;
    Ok(Value::NONE)
}

/// `flush()`.
pub fn mem_flush(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    mem_of(rt, arg(args, 0))?;
    Ok(Value::NONE)
}

/// `__enter__()` / `__iter__()`: the stream itself.
pub fn mem_enter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    mem_of(rt, arg(args, 0))?;
    Ok(arg(args, 0))
}

/// `__exit__(*exc)`: close.
pub fn mem_exit(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    mem_close(rt, args.get(..1).unwrap_or_default(), Value::NULL)?;
    Ok(Value::FALSE)
}

/// `readable()`, `writable()`, `seekable()`.
pub fn mem_true(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    mem_of(rt, arg(args, 0))?;
    Ok(Value::TRUE)
}
