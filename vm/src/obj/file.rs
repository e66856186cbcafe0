//! File objects (`open()`): instances of the builtin classes `TextIOWrapper` (text, `str`)
//! and `FileIO` (binary, `bytes`) over a descriptor of the host's [`FileSystem`], plus the
//! state the VM keeps for the filesystem: the current directory and the table of open files.
//!
//! Invariants: every open descriptor has exactly one entry in [`Files::open`], naming the
//! instance that owns it; the entry goes when the file is closed, explicitly (`close`,
//! `with`), when the collector finds its owner unreachable (so the descriptor is closed before
//! the owner's blocks are reused), or when the runtime is dropped. Bytes read ahead (for
//! `readline`) sit in the entry, so `tell` and `seek` account for them.

use crate::format::message::ToArg;
use crate::fs::{FileSystem, FsError, FsResult, OpenMode, Whence, EBUSY, EMFILE, ENODEV, ENOENT};
use crate::fs::{EACCES, EEXIST, EISDIR, ENOTDIR};
use crate::heap::MARK;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::qstr::*;
use crate::runtime::{PyResult, Raised, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

/// Bytes read from the filesystem at a time when looking for a line end (one flash chunk).
const READ_CHUNK: usize = 2048;
/// Most bytes one filesystem read asks for (whatever size Python asked for).
const MAX_READ: usize = 4096;

/// One open file.
struct OpenFile {
    owner: Value,
    fd: u32,
    binary: bool,
    readable: bool,
    writable: bool,
    /// Bytes read from the descriptor but not yet handed to Python (a deque: lines are taken
    /// from the front without moving the rest).
    ahead: Vec<u8>,
    /// Line ends of a text file.
    newline: Newline,
}

/// The VM's filesystem state: current directory, open files, the file classes.
#[derive(Default)]
pub struct Files {
    /// The current directory (absolute, normalised); empty until first asked for.
    cwd: String,
    open: Vec<OpenFile>,
    /// The io classes, created on first use (rooted by `extra_roots`).
    classes: Option<IoClasses>,
}

impl Files {
    /// The open file at slot `i`, an index `file_slot` gave since the last collection.
    /// Out of line so the dozens of callers share one bounds check and panic location.
    #[inline(never)]
    fn slot(&mut self, i: usize) -> &mut OpenFile {
        &mut self.open[i]
    }
}

/// The classes of the `io` module.
#[derive(Clone, Copy)]
pub struct IoClasses {
    /// Text files.
    pub text: Value,
    /// Binary files.
    pub binary: Value,
    /// `io.UnsupportedOperation(OSError, ValueError)`: reading a write-only file and such.
    pub unsupported: Value,
}

impl Runtime {
    /// Run `op` on the host's filesystem (`ENODEV` if it has none).
    pub fn with_fs<T>(
        &mut self,
        op: impl FnOnce(&mut dyn FileSystem) -> FsResult<T>,
    ) -> Result<T, FsError> {
        match self.host.fs() {
            Some(fs) => op(fs),
            None => Err(FsError(ENODEV)),
        }
    }

    /// Run `op` on the filesystem; if it fails because files are busy or all descriptors are
    /// taken, collect (closing the unreachable files that hold them) and try once more.
    pub fn with_fs_retry<T>(
        &mut self,
        mut op: impl FnMut(&mut dyn FileSystem) -> FsResult<T>,
    ) -> Result<T, FsError> {
        match self.with_fs(&mut op) {
            Err(FsError(EMFILE | EBUSY)) if !self.files.open.is_empty() => {
                self.collect();
                self.with_fs(op)
            }
            r => r,
        }
    }

    /// The current directory.
    pub fn cwd(&mut self) -> String {
        if self.files.cwd.is_empty() {
            let start = self.host.fs().map(|fs| fs.initial_dir());
            self.files.cwd = crate::fs::normalize("/", &start.unwrap_or_default());
        }
        self.files.cwd.clone()
    }

    /// Set the current directory (absolute, normalised).
    pub fn set_cwd(&mut self, dir: String) {
        self.files.cwd = dir;
    }

    /// The absolute path named by `path` (a `str`), resolved against the current directory.
    pub fn fs_path(&mut self, path: Value) -> PyResult<String> {
        let Some(text) = self.str_text(path) else {
            return Err(self.type_error_naming(
                "expected str, bytes or os.PathLike object, not ",
                path,
                "",
            ));
        };
        if text.is_empty() {
            return Err(self.os_error(FsError(ENOENT), Some(path)));
        }
        if text.as_bytes().contains(&0) {
            return Err(self.value_error(crate::packed!("embedded null byte")));
        }
        let text: String = text.into();
        let cwd = self.cwd();
        Ok(crate::fs::normalize(&cwd, &text))
    }

    /// Raise the `OSError` subclass CPython uses for `e`, with `args == (errno, strerror)` and
    /// `filename` when given.
    pub fn os_error(&mut self, e: FsError, filename: Option<Value>) -> Raised {
        let kind = match e.0 {
            ENOENT => ExcKind::FileNotFoundError,
            EEXIST => ExcKind::FileExistsError,
            EISDIR => ExcKind::IsADirectoryError,
            ENOTDIR => ExcKind::NotADirectoryError,
            EACCES => ExcKind::PermissionError,
            crate::net::ETIMEDOUT => ExcKind::TimeoutError,
            crate::net::EPIPE => ExcKind::BrokenPipeError,
            crate::net::ECONNRESET => ExcKind::ConnectionResetError,
            crate::net::ECONNREFUSED => ExcKind::ConnectionRefusedError,
            crate::net::ECONNABORTED => ExcKind::ConnectionAbortedError,
            _ => ExcKind::OSError,
        };
        let text = e.message();
        let r = (|| {
            let cls = self.exc_class(kind)?;
            let msg = self.new_str(text)?;
            self.pin(msg);
            let errno = self.new_int(i64::from(e.0));
            let exc = errno.and_then(|errno| self.new_exception(cls, &[errno, msg]));
            self.unpin(1);
            let exc = exc?;
            if let Some(f) = filename {
                self.pin(exc);
                let r = self.set_attr_dict(exc, Value::qstr(Q_FILENAME), f);
                self.unpin(1);
                r?;
            }
            Ok(exc)
        })();
        match r {
            Ok(exc) => self.raise_value(exc),
            Err(raised) => raised,
        }
    }

    /// The `io` classes (created on first use).
    pub fn io_classes(&mut self) -> PyResult<IoClasses> {
        if let Some(c) = self.files.classes {
            return Ok(c);
        }
        let base = self.pins.len();
        let r = (|| {
            let text = self.new_file_class("TextIOWrapper")?;
            self.pin(text);
            let binary = self.new_file_class("FileIO")?;
            self.pin(binary);
            let os_error = self.exc_class(ExcKind::OSError)?;
            let value_error = self.exc_class(ExcKind::ValueError)?;
            let bases = self.new_tuple(&[os_error, value_error])?;
            self.pin(bases);
            let ns = self.new_dict()?;
            self.pin(ns);
            let n = self.intern("UnsupportedOperation")?;
            let unsupported = self.new_class(n, bases, ns)?;
            Ok(IoClasses {
                text,
                binary,
                unsupported,
            })
        })();
        self.pins.truncate(base);
        let c = r?;
        self.extra_roots
            .extend_from_slice(&[c.text, c.binary, c.unsupported]);
        self.files.classes = Some(c);
        Ok(c)
    }

    fn new_file_class(&mut self, name: &str) -> PyResult<Value> {
        let n = self.intern(name)?;
        let bases = self.new_tuple(&[TypeId::Object.value()])?;
        self.pin(bases);
        let ns = self.new_dict();
        let r = ns.and_then(|ns| {
            self.pin(ns);
            let r = (|| {
                let io = crate::modules::table::IO;
                for (i, n) in crate::modules::io::NATIVES
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| crate::modules::io::is_file_method(*i as u32))
                {
                    let k = self.intern(crate::modules::io::NATIVES.name_of(n))?;
                    let f = Runtime::native(crate::builtins::native::native_id(io, i as u32));
                    self.dict_set(ns, k, f)?;
                }
                self.new_class(n, bases, ns)
            })();
            self.unpin(1);
            r
        });
        self.unpin(1);
        r
    }

    /// `open(path, mode, newline=…)` (the mode already parsed; `name` and `mode_text` become
    /// attributes).
    pub fn open_file(
        &mut self,
        name: Value,
        mode: OpenMode,
        mode_text: Value,
        newline: Newline,
    ) -> PyResult<Value> {
        let path = self.fs_path(name)?;
        let classes = self.io_classes()?;
        let r = self.with_fs_retry(|fs| fs.open(&path, mode));
        let fd = r.map_err(|e| self.os_error(e, Some(name)))?;
        if mode.append {
            // Python starts an appending file at its end (writes go there whatever the position).
            let _ = self.with_fs(|fs| fs.seek(fd, 0, Whence::End));
        }
        let inst = self.new_instance(if mode.binary {
            classes.binary
        } else {
            classes.text
        });
        let inst = match inst {
            Ok(i) => i,
            Err(e) => {
                let _ = self.with_fs(|fs| fs.close(fd));
                return Err(e);
            }
        };
        self.files.open.push(OpenFile {
            owner: inst,
            fd,
            binary: mode.binary,
            readable: mode.read,
            writable: mode.write,
            ahead: Vec::new(),
            newline,
        });
        self.pin(inst);
        let r = (|| {
            self.set_attr_dict(inst, Value::qstr(Q_NAME), name)?;
            let k = self.intern("mode")?;
            self.set_attr_dict(inst, k, mode_text)?;
            let k = self.intern("closed")?;
            self.set_attr_dict(inst, k, Value::FALSE)
        })();
        self.unpin(1);
        r.map(|_| inst)
    }

    /// Index of the open-file entry of file object `f` (`ValueError` if it is closed).
    fn file_slot(&mut self, f: Value) -> PyResult<usize> {
        if let Some(i) = self.files.open.iter().position(|o| o.owner == f) {
            return Ok(i);
        }
        let is_file = self.files.classes.is_some_and(|c| {
            let t = self.type_of(f);
            t == c.text || t == c.binary
        });
        if is_file {
            Err(self.value_error(crate::packed!("I/O operation on closed file.")))
        } else {
            Err(self.type_error(crate::packed!("descriptor requires a file object")))
        }
    }

    fn unsupported(&mut self, what: &str) -> Raised {
        let r = (|| {
            let cls = self.io_classes()?.unsupported;
            let msg = self.new_str(what)?;
            self.new_exception(cls, &[msg])
        })();
        match r {
            Ok(e) => self.raise_value(e),
            Err(raised) => raised,
        }
    }

    /// Read more bytes into slot `i`'s read-ahead buffer; returns how many came (0 at end).
    /// What is read ahead must fit the Python heap once handed over, so a read larger than
    /// the heap's free space is a `MemoryError` rather than an unbounded Rust allocation.
    fn fill(&mut self, i: usize, n: usize) -> PyResult<usize> {
        if self.files.slot(i).ahead.len() > self.heap.bytes_free() {
            self.exc = self.memory_error;
            return Err(Raised);
        }
        let n = n.clamp(1, MAX_READ);
        let fd = self.files.slot(i).fd;
        let mut buf = alloc::vec![0u8; n];
        let got = self
            .with_fs(|fs| fs.read(fd, &mut buf))
            .map_err(|e| self.os_error(e, None))?;
        buf.truncate(got);
        self.files.slot(i).ahead.extend_from_slice(&buf);
        Ok(buf.len())
    }

    fn check_readable(&mut self, i: usize) -> PyResult<()> {
        if self.files.slot(i).readable {
            Ok(())
        } else {
            // CPython's messages: the binary layer names the call, the text layer the mode.
            let binary = self.files.slot(i).binary;
            Err(self.unsupported(if binary { "read" } else { "not readable" }))
        }
    }

    /// Read up to `n` bytes (or characters in text mode; everything for `None`).
    fn file_read_raw(&mut self, i: usize, n: Option<usize>) -> PyResult<Vec<u8>> {
        self.check_readable(i)?;
        if !self.files.slot(i).binary {
            return self.file_take_text(i, n, false);
        }
        loop {
            let have = self.files.slot(i).ahead.len();
            if n.is_some_and(|n| have >= n) {
                break;
            }
            let want = match n {
                Some(n) => n - have,
                None => READ_CHUNK.max(have),
            };
            if self.fill(i, want)? == 0 {
                break;
            }
        }
        let have = &mut self.files.slot(i).ahead;
        Ok(take_front(have, n.unwrap_or(usize::MAX)))
    }

    /// Read one line (through `\n`), at most `limit` bytes/characters.
    fn file_readline_raw(&mut self, i: usize, limit: Option<usize>) -> PyResult<Vec<u8>> {
        let binary = self.files.slot(i).binary;
        if binary && limit == Some(0) {
            // As CPython's binary files: nothing asked, nothing checked.
            return Ok(Vec::new());
        }
        self.check_readable(i)?;
        if !binary {
            return self.file_take_text(i, limit, true);
        }
        let mut searched = 0;
        loop {
            let have = self.files.slot(i).ahead.as_slice();
            let nl = have
                .iter()
                .skip(searched)
                .position(|b| *b == b'\n')
                .map(|p| searched + p + 1);
            let cut = match (nl, limit) {
                (Some(c), Some(l)) => Some(c.min(l)),
                (None, Some(l)) if have.len() >= l => Some(l),
                (c, _) => c,
            };
            if let Some(c) = cut {
                return Ok(take_front(&mut self.files.slot(i).ahead, c));
            }
            searched = have.len();
            if self.fill(i, READ_CHUNK.max(searched))? == 0 {
                let have = &mut self.files.slot(i).ahead;
                return Ok(core::mem::take(have));
            }
        }
    }

    /// Text mode: take up to `max` characters (through the first line end if `line`), with
    /// universal newlines (`\r\n` and `\r` read as `\n`), as CPython's default `newline=None`.
    fn file_take_text(&mut self, i: usize, max: Option<usize>, line: bool) -> PyResult<Vec<u8>> {
        let mut eof = false;
        loop {
            let nl = self.files.slot(i).newline;
            let have = self.files.slot(i).ahead.as_slice();
            if let Some((used, text)) = take_text(have, max, line, eof, nl) {
                take_front(&mut self.files.slot(i).ahead, used);
                return Ok(text);
            }
            let want = READ_CHUNK.max(have.len());
            eof = self.fill(i, want)? == 0;
        }
    }

    /// The Python value of bytes read from slot `i`: `bytes`, or `str` in text mode.
    fn file_value(&mut self, i: usize, data: &[u8]) -> PyResult<Value> {
        if self.files.slot(i).binary {
            self.new_bytes(data)
        } else {
            self.new_str_utf8(data)
        }
    }

    /// Give back read-ahead bytes so the descriptor's position is the file object's.
    fn file_unread(&mut self, i: usize) -> PyResult<()> {
        let back = self.files.slot(i).ahead.len();
        if back == 0 {
            return Ok(());
        }
        let fd = self.files.slot(i).fd;
        self.files.slot(i).ahead.clear();
        self.with_fs(|fs| fs.seek(fd, -(back as i64), Whence::Current))
            .map(|_| ())
            .map_err(|e| self.os_error(e, None))
    }

    /// Close the file at slot `i` and mark its owner closed.
    fn file_close_slot(&mut self, i: usize) -> PyResult<()> {
        let f = self.files.open.remove(i);
        let r = self.with_fs(|fs| fs.close(f.fd));
        let k = self.intern("closed")?;
        self.set_attr_dict(f.owner, k, Value::TRUE)?;
        r.map_err(|e| self.os_error(e, None))
    }
}

/// A text file's line ends: `open()`'s `newline` argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Newline {
    /// `None` (the default): `\r\n`, `\r` and `\n` end lines and read as `\n`.
    Universal,
    /// `''`: the same line ends, returned as they are.
    Untranslated,
    /// `'\n'`: only `\n` ends a line.
    Lf,
    /// `'\r'`: only `\r` ends a line; written `\n` become `\r`.
    Cr,
    /// `'\r\n'`: only `\r\n` ends a line; written `\n` become `\r\n`.
    CrLf,
}

impl Newline {
    /// The mode for a `newline` argument (`None` for Python's `None`); `None` if invalid.
    pub fn parse(arg: Option<&str>) -> Option<Newline> {
        Some(match arg {
            None => Newline::Universal,
            Some("") => Newline::Untranslated,
            Some("\n") => Newline::Lf,
            Some("\r") => Newline::Cr,
            Some("\r\n") => Newline::CrLf,
            Some(_) => return None,
        })
    }

    /// What a written `\n` becomes, if anything else.
    fn written(self) -> Option<&'static [u8]> {
        match self {
            Newline::Cr => Some(b"\r"),
            Newline::CrLf => Some(b"\r\n"),
            _ => None,
        }
    }
}

/// From the bytes read ahead `b`, the text a text-mode read returns and how many bytes it
/// uses: up to `max` characters, stopping after a line end if `line`, with the line ends and
/// translation of `nl`. `None` when more bytes are needed to decide (a `\r` or a partial
/// UTF-8 character at the end, or too few characters) and `eof` is not set.
fn take_text(
    b: &[u8],
    max: Option<usize>,
    line: bool,
    eof: bool,
    nl: Newline,
) -> Option<(usize, Vec<u8>)> {
    let mut out = Vec::new();
    let (mut pos, mut chars) = (0, 0);
    while let Some(rest @ [c, ..]) = b.get(pos..) {
        let room = max.map_or(usize::MAX, |m| m.saturating_sub(chars));
        if room == 0 {
            return Some((pos, out));
        }
        // A run of plain ASCII (no line end, one byte per character) is copied at once.
        let run = rest
            .iter()
            .take(room)
            .take_while(|c| **c < 0x80 && **c != b'\r' && **c != b'\n')
            .count();
        if run > 0 {
            out.extend_from_slice(rest.get(..run).unwrap_or(rest));
            pos += run;
            chars += run;
            continue;
        }
        let c = *c;
        let next = rest.get(1).copied();
        let cr_matters = c == b'\r'
            && match nl {
                Newline::Universal | Newline::CrLf => true,
                Newline::Untranslated => line && room >= 2,
                Newline::Lf | Newline::Cr => false,
            };
        if cr_matters && next.is_none() && !eof {
            return None;
        }
        let crlf = c == b'\r' && next == Some(b'\n');
        // (bytes used, characters they make, ends a line, read as "\n")
        let (len, n, ends, as_lf) = match (c, nl) {
            (b'\r', Newline::Universal) => (1 + usize::from(crlf), 1, true, true),
            (b'\r', Newline::Untranslated) if crlf && cr_matters => (2, 2, true, false),
            (b'\r', Newline::Untranslated | Newline::Cr) => (1, 1, true, false),
            (b'\r', Newline::CrLf) if crlf => (2, 2, room >= 2, false),
            (b'\n', Newline::Universal | Newline::Untranslated | Newline::Lf) => {
                (1, 1, true, false)
            }
            (0xc0..=0xdf, _) => (2, 1, false, false),
            (0xe0..=0xef, _) => (3, 1, false, false),
            (0xf0..=0xf7, _) => (4, 1, false, false),
            _ => (1, 1, false, false),
        };
        let (len, n, ends) = if n > room {
            (1, 1, false)
        } else {
            (len, n, ends)
        };
        if pos + len > b.len() {
            if !eof {
                return None;
            }
            // A truncated character at the end of the file: kept, so decoding reports it.
            out.extend_from_slice(rest);
            return Some((b.len(), out));
        }
        if as_lf {
            out.push(b'\n');
        } else {
            out.extend_from_slice(&b[pos..pos + len]);
        }
        pos += len;
        chars += n;
        if line && ends {
            return Some((pos, out));
        }
    }
    if eof || max.is_some_and(|m| chars >= m) {
        Some((pos, out))
    } else {
        None
    }
}

/// The first `n` bytes of `ahead` (all of it if shorter), the rest left in `ahead`: one
/// helper for every read instead of `Vec::split_off` and `Vec::drain` instantiated for bytes.
fn take_front(ahead: &mut Vec<u8>, n: usize) -> Vec<u8> {
    let rest = ahead.get(n..).unwrap_or(&[]).to_vec();
    let mut front = core::mem::replace(ahead, rest);
    front.truncate(n);
    front
}

/// Close the descriptors whose owners the collector found unreachable. Runs between marking
/// and sweeping, so the owners' blocks have not been reused yet.
pub(crate) fn close_unreachable(rt: &mut Runtime) {
    let (heap, host) = (&rt.heap, &mut rt.host);
    rt.files.open.retain(|f| {
        let marked = f
            .owner
            .as_heap()
            .is_some_and(|b| (b as usize) < heap.nblocks() && heap.state(b as usize) == MARK);
        if !marked {
            if let Some(fs) = host.fs() {
                let _ = fs.close(f.fd);
            }
        }
        marked
    });
}

impl Drop for Runtime {
    fn drop(&mut self) {
        for f in core::mem::take(&mut self.files.open) {
            let _ = self.with_fs(|fs| fs.close(f.fd));
        }
    }
}

/// The file object methods, each taking the file as its first argument.
pub mod methods {
    use super::*;

    fn this(rt: &mut Runtime, args: &[Value]) -> PyResult<usize> {
        match args.first() {
            Some(f) => rt.file_slot(*f),
            None => Err(rt.type_error(crate::packed!("method needs a file object"))),
        }
    }

    /// An optional size argument: `None`/missing/negative mean "all".
    fn size_arg(rt: &mut Runtime, args: &[Value], at: usize) -> PyResult<Option<usize>> {
        match args.get(at) {
            None => Ok(None),
            Some(v) if *v == Value::NONE => Ok(None),
            Some(v) => {
                let n = rt.int_arg(*v)?;
                Ok(usize::try_from(n).ok())
            }
        }
    }

    /// `f.read([size])`.
    pub fn read(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        rt.check_readable(i)?;
        if rt.files.slot(i).binary {
            if let Some(v) = args.get(1).filter(|v| **v != Value::NONE) {
                if rt.int_arg(*v)? < -1 {
                    return Err(
                        rt.value_error(crate::packed!("read length must be non-negative or -1"))
                    );
                }
            }
        }
        let n = size_arg(rt, args, 1)?;
        let data = rt.file_read_raw(i, n)?;
        rt.file_value(i, &data)
    }

    /// `f.readline([size])`.
    pub fn readline(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let n = size_arg(rt, args, 1)?;
        let data = rt.file_readline_raw(i, n)?;
        rt.file_value(i, &data)
    }

    /// `f.readlines()`.
    pub fn readlines(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        this(rt, args)?;
        let f = args.first().copied().unwrap_or(Value::NONE);
        let l = rt.new_list(&[])?;
        rt.pin(l);
        let r = (|| loop {
            // Allocations may collect and close other files, which moves the slots.
            let i = rt.file_slot(f)?;
            let data = rt.file_readline_raw(i, None)?;
            if data.is_empty() {
                return Ok(l);
            }
            let v = rt.file_value(i, &data)?;
            rt.pin(v);
            let r = rt.list_append(l, v);
            rt.unpin(1);
            r?;
        })();
        rt.unpin(1);
        r
    }

    /// `f.readinto(buf)`: fill a `bytearray` (binary files); returns the count.
    pub fn readinto(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let buf = readinto_target(rt, args)?;
        if !rt.files.slot(i).binary {
            return Err(rt.unsupported("readinto"));
        }
        let n = rt.bytes_of(buf).map_or(0, <[u8]>::len);
        let data = rt.file_read_raw(i, Some(n))?;
        if rt.kind(buf) == Some(Kind::MemView) {
            rt.memview_write(buf, 0, &data);
        } else {
            for (k, b) in data.iter().enumerate() {
                rt.bytearray_set(buf, k, *b);
            }
        }
        rt.new_int(data.len() as i64)
    }

    /// `f.write(data)`: `str` in text mode, bytes-like in binary mode; returns the count.
    pub fn write(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let v = args.get(1).copied().unwrap_or(Value::NONE);
        let OpenFile {
            binary, newline, ..
        } = *rt.files.slot(i);
        let (data, count): (Vec<u8>, usize) = if binary {
            match rt.bytes_of(v) {
                Some(b) => (b.to_vec(), b.len()),
                None => {
                    return Err(rt.type_error_naming(
                        "a bytes-like object is required, not '",
                        v,
                        "'",
                    ));
                }
            }
        } else {
            match rt.str_text(v) {
                Some(s) => {
                    let data = match newline.written() {
                        Some(sep) => {
                            let mut data = Vec::with_capacity(s.len());
                            for &b in s.as_bytes() {
                                if b == b'\n' {
                                    data.extend_from_slice(sep);
                                } else {
                                    data.push(b);
                                }
                            }
                            data
                        }
                        None => s.as_bytes().to_vec(),
                    };
                    (data, s.chars().count())
                }
                None => {
                    return Err(rt.type_error_naming("write() argument must be str, not ", v, ""));
                }
            }
        };
        if !rt.files.slot(i).writable {
            return Err(rt.unsupported(if binary { "write" } else { "not writable" }));
        }
        rt.file_unread(i)?;
        let fd = rt.files.slot(i).fd;
        rt.with_fs(|fs| fs.write(fd, &data))
            .map_err(|e| rt.os_error(e, None))?;
        rt.new_int(count as i64)
    }

    /// `f.seek(offset[, whence])`.
    pub fn seek(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let Some(off) = args.get(1) else {
            return Err(rt.type_error(crate::packed!("seek() takes at least 1 argument (0 given)")));
        };
        let mut off = rt.int_arg(*off)?;
        let whence = match args.get(2) {
            None => 0,
            Some(w) => rt.int_arg(*w)?,
        };
        let whence = match whence {
            0 => Whence::Start,
            1 => Whence::Current,
            2 => Whence::End,
            _ => return Err(rt.value_error(crate::packed!("invalid whence"))),
        };
        if whence == Whence::Start && off < 0 {
            return Err(rt.value_error_with("negative seek position {}", &[off.arg()]));
        }
        if whence == Whence::Current {
            off = off.saturating_sub(rt.files.slot(i).ahead.len() as i64);
        }
        let fd = rt.files.slot(i).fd;
        let pos = rt
            .with_fs(|fs| fs.seek(fd, off, whence))
            .map_err(|e| rt.os_error(e, None))?;
        // Only a seek that happened drops what was read ahead (a failed one moves nothing).
        rt.files.slot(i).ahead.clear();
        rt.new_int(pos as i64)
    }

    /// `f.tell()`.
    pub fn tell(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let fd = rt.files.slot(i).fd;
        let pos = rt
            .with_fs(|fs| fs.tell(fd))
            .map_err(|e| rt.os_error(e, None))?;
        let ahead = rt.files.slot(i).ahead.len() as u64;
        rt.new_int(pos.saturating_sub(ahead) as i64)
    }

    /// `f.flush()`.
    pub fn flush(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let fd = rt.files.slot(i).fd;
        rt.with_fs(|fs| fs.flush(fd))
            .map_err(|e| rt.os_error(e, None))?;
        Ok(Value::NONE)
    }

    /// `f.close()` (closing a closed file does nothing).
    pub fn close(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let f = args.first().copied().unwrap_or(Value::NONE);
        if let Some(i) = rt.files.open.iter().position(|o| o.owner == f) {
            rt.file_close_slot(i)?;
        }
        Ok(Value::NONE)
    }

    /// `f.__enter__()`.
    pub fn enter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        this(rt, args)?;
        Ok(args.first().copied().unwrap_or(Value::NONE))
    }

    /// `f.__exit__(*exc_info)`: close; exceptions propagate.
    pub fn exit(rt: &mut Runtime, args: &[Value], kw: Value) -> PyResult<Value> {
        close(rt, &args[..args.len().min(1)], kw)
    }

    /// `f.__iter__()`.
    pub fn iter(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        this(rt, args)?;
        Ok(args.first().copied().unwrap_or(Value::NONE))
    }

    /// `f.__next__()`: the next line, `StopIteration` at the end.
    pub fn next(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let data = rt.file_readline_raw(i, None)?;
        if data.is_empty() {
            return Err(rt.raise(ExcKind::StopIteration, crate::packed!("")));
        }
        rt.file_value(i, &data)
    }

    /// `f.fileno()`: the filesystem's descriptor number.
    pub fn fileno(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        let fd = rt.files.slot(i).fd;
        rt.new_int(i64::from(fd))
    }

    /// `repr(f)`: `<io.TextIOWrapper name='x' mode='r'>` (also once closed).
    pub fn repr(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let Some(f) = args.first().copied() else {
            return Err(rt.type_error(crate::packed!("method needs a file object")));
        };
        let mut out = rt.type_name(f);
        out.insert_str(0, "<io.");
        let mode = rt.intern("mode")?;
        for (label, key) in [("name", Value::qstr(Q_NAME)), ("mode", mode)] {
            if let Some(v) = rt.instance_attr(f, key) {
                out.push(' ');
                out.push_str(label);
                out.push('=');
                rt.write_repr(&mut out, v)?;
            }
        }
        out.push('>');
        rt.new_str(&out)
    }

    /// `f.readable()`.
    pub fn readable(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        Ok(Value::bool(rt.files.slot(i).readable))
    }

    /// `f.writable()`.
    pub fn writable(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
        let i = this(rt, args)?;
        Ok(Value::bool(rt.files.slot(i).writable))
    }
}

/// The buffer a `readinto(buf)` method fills (`args[1]`): a bytearray or a writable memoryview,
/// else CPython's TypeError.
pub(crate) fn readinto_target(rt: &mut Runtime, args: &[Value]) -> PyResult<Value> {
    let buf = args.get(1).copied().unwrap_or(Value::NONE);
    let writable = match rt.kind(buf) {
        Some(Kind::ByteArray) => true,
        Some(Kind::MemView) => !rt.memview_parts(buf)?.3,
        _ => false,
    };
    if !writable {
        return Err(rt.type_error_naming(
            "readinto() argument must be read-write bytes-like object, not ",
            buf,
            "",
        ));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::TestHost;
    use crate::vm::{Config, Outcome, Vm};

    #[test]
    fn a_host_without_a_filesystem_gives_enodev() {
        let mut vm = Vm::new(Config::default(), TestHost::default()).unwrap();
        let src = "import os\n\
                   for op in [lambda: open('x'), os.listdir, lambda: os.remove('x')]:\n    \
                   try:\n        op()\n    except OSError as e:\n        print(e.errno, e)\n\
                   print(os.getcwd())\n";
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        let out = String::from_utf8_lossy(&vm.host().out).into_owned();
        assert_eq!(
            out,
            "19 [Errno 19] No such device: 'x'\n19 [Errno 19] No such device: '.'\n\
             19 [Errno 19] No such device: 'x'\n/\n"
        );
    }

    const U: Newline = Newline::Universal;

    #[test]
    fn newline_arguments_choose_line_ends() {
        let b = b"a\r\nb\rc\nd";
        let lines = |nl| {
            let mut rest: &[u8] = b;
            let mut out = Vec::new();
            while let Some((used, text)) = take_text(rest, None, true, true, nl) {
                if used == 0 {
                    break;
                }
                out.push(String::from_utf8(text).unwrap());
                rest = &rest[used..];
            }
            out
        };
        assert_eq!(lines(Newline::Universal), ["a\n", "b\n", "c\n", "d"]);
        assert_eq!(lines(Newline::Untranslated), ["a\r\n", "b\r", "c\n", "d"]);
        assert_eq!(lines(Newline::Lf), ["a\r\n", "b\rc\n", "d"]);
        assert_eq!(lines(Newline::Cr), ["a\r", "\nb\r", "c\nd"]);
        assert_eq!(lines(Newline::CrLf), ["a\r\n", "b\rc\nd"]);
        assert_eq!(Newline::parse(Some("x")), None);
    }

    #[test]
    fn text_reads_count_characters_and_translate_line_ends() {
        let s = "aé€😀".as_bytes();
        assert_eq!(
            take_text(s, Some(2), false, false, U),
            Some((3, "aé".into()))
        );
        assert_eq!(
            take_text(s, Some(9), false, false, U),
            None,
            "more bytes may come"
        );
        assert_eq!(
            take_text(s, Some(9), false, true, U),
            Some((s.len(), s.to_vec()))
        );
        let partial = &s[..s.len() - 2];
        assert_eq!(
            take_text(partial, Some(3), false, false, U),
            Some((6, "aé€".into()))
        );
        assert_eq!(take_text(partial, Some(4), false, false, U), None);
        assert_eq!(
            take_text(b"a\r\nb\rc\n", None, false, true, U),
            Some((7, b"a\nb\nc\n".to_vec()))
        );
        assert_eq!(
            take_text(b"a\r\nb", None, true, false, U),
            Some((3, b"a\n".to_vec()))
        );
        assert_eq!(
            take_text(b"a\r", None, true, false, U),
            None,
            "\\r\\n may be split"
        );
        assert_eq!(
            take_text(b"a\r", None, true, true, U),
            Some((2, b"a\n".to_vec()))
        );
        assert_eq!(
            take_text(b"ab\rc", Some(2), true, false, U),
            Some((2, b"ab".to_vec()))
        );
        assert_eq!(
            take_text(b"", Some(0), false, false, U),
            Some((0, Vec::new()))
        );
        assert_eq!(take_text(b"", None, false, true, U), Some((0, Vec::new())));
    }
}
