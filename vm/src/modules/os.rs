//! The `os` module (also importable as `uos`) with MicroPython's filesystem functions, and the
//! `open()` builtin. Everything goes through the host's
//! [`crate::fs::FileSystem`]; paths are resolved against the VM's current directory.

use super::{Attr, ModuleDef};
use crate::builtins::{arg, kwarg, split_kw};
use crate::format::message::{fill, ToArg};
use crate::fs::{parse_mode, DirEntry, FsError, ModeError, Stat, ENOTDIR};
use crate::obj::file::Newline;
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::string::String;

/// `stat` mode bits of a directory, as MicroPython reports them.
const S_IFDIR: i64 = 0x4000;
/// `stat` mode bits of a regular file.
const S_IFREG: i64 = 0x8000;

crate::native_table! {
    /// The natives of `os`.
    pub static NATIVES;
    LISTDIR = "listdir" (0..=1) => listdir, module;
    ILISTDIR = "ilistdir" (0..=1) => ilistdir, module;
    REMOVE = "remove" (1) => remove, module;
    UNLINK = "unlink" (1) => remove, module;
    RENAME = "rename" (2) => rename, module;
    MKDIR = "mkdir" (1..=2) => mkdir, module;
    RMDIR = "rmdir" (1) => rmdir, module;
    STAT = "stat" (1) => stat, module;
    STATVFS = "statvfs" (1) => statvfs, module;
    #[cfg(feature = "os-uname")]
    UNAME = "uname" (0) => super::os_uname::uname, module;
    #[cfg(feature = "os-uname")]
    UNAME_RESULT_GETATTR = "__getattr__" => super::os_uname::uname_result_getattr, module method;
    #[cfg(feature = "os-uname")]
    UNAME_RESULT_REPR = "__repr__" => super::os_uname::uname_result_repr, module method;
    URANDOM = "urandom" (1) => urandom, module;
    GETCWD = "getcwd" (0) => getcwd, module;
    CHDIR = "chdir" (1) => chdir, module;
}

/// The `os` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "os",
    natives: &NATIVES,
    attrs: &[
        ("sep", Attr::Str("/")),
        (
            "error",
            Attr::Made(|rt| rt.exc_class(crate::obj::exception::ExcKind::OSError)),
        ),
    ],
    init: None,
};

/// The path argument at `i` (default `.`), resolved.
fn path_or_cwd(rt: &mut Runtime, args: &[Value], i: usize) -> PyResult<(String, Value)> {
    let v = match args.get(i) {
        Some(v) => *v,
        None => rt.intern(".")?,
    };
    Ok((rt.fs_path(v)?, v))
}

/// A filesystem operation on one or two paths, as `path_op` runs it.
type PathOp = fn(&mut dyn crate::fs::FileSystem, &str, &str) -> Result<(), FsError>;

/// `op` on the path `arg(args, 0)` (and, for `rename`, `arg(args, 1)`), an OSError naming
/// the first if it fails. One body for `remove`, `rename`, `mkdir` and `rmdir`: the retrying
/// filesystem call is instantiated once, not per operation.
fn path_op(rt: &mut Runtime, args: &[Value], two: bool, op: PathOp) -> PyResult<Value> {
    let name = arg(args, 0);
    let path = rt.fs_path(name)?;
    let to = if two {
        rt.fs_path(arg(args, 1))?
    } else {
        String::new()
    };
    rt.with_fs_retry(|fs| op(fs, &path, &to))
        .map_err(|e| rt.os_error(e, Some(name)))?;
    Ok(Value::NONE)
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)`.
pub fn open(rt: &mut Runtime, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let (pos, kw) = split_kw(rt, args, kwnames);
    let Some(file) = pos.first().copied().or_else(|| kwarg(rt, &kw, Q_FILE)) else {
        return Err(rt.type_error(crate::packed!(
            "open() missing required argument 'file' (pos 1)"
        )));
    };
    let mode_v = match pos.get(1).copied() {
        Some(m) => m,
        None => match kw.iter().find(|(k, _)| rt.str_text(*k) == Some("mode")) {
            Some((_, m)) => *m,
            None => rt.intern("r")?,
        },
    };
    let Some(mode_text) = rt.str_text(mode_v) else {
        return Err(rt.type_error_naming("open() argument 'mode' must be str, not ", mode_v, ""));
    };
    let mode = match parse_mode(mode_text) {
        Ok(m) => m,
        Err(ModeError::Invalid) => {
            let msg = fill("invalid mode: '{}'", &[mode_text.arg()]);
            return Err(rt.value_error(&msg));
        }
        Err(e) => return Err(rt.value_error(e.message())),
    };
    let newline = match kw.iter().find(|(k, _)| rt.str_text(*k) == Some("newline")) {
        Some((_, v)) if *v != Value::NONE => {
            let Some(text) = rt.str_text(*v) else {
                return Err(rt.type_error_naming(
                    "open() argument 'newline' must be str or None, not ",
                    *v,
                    "",
                ));
            };
            match Newline::parse(Some(text)) {
                Some(n) => n,
                None => {
                    let msg = fill("illegal newline value: {}", &[text.arg()]);
                    return Err(rt.value_error(&msg));
                }
            }
        }
        _ => Newline::Universal,
    };
    if mode.binary && newline != Newline::Universal {
        return Err(rt.value_error(crate::packed!(
            "binary mode doesn't take a newline argument"
        )));
    }
    rt.open_file(file, mode, mode_v, newline)
}

/// `os.listdir(path='.')`: the names in a directory.
pub fn listdir(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    entry_list(rt, args, |_rt, _e, name| Ok(name))
}

/// `os.ilistdir(path='.')`: an iterator of `(name, type, inode, size)` as MicroPython gives.
pub fn ilistdir(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let l = entry_list(rt, args, |rt, e, name| {
        let kind = Value::small(if e.is_dir { S_IFDIR } else { S_IFREG } as i32);
        let size = rt.new_int(e.size.min(i64::MAX as u64) as i64)?;
        rt.pin(size);
        let t = rt.new_tuple(&[name, kind, Value::small(0), size]);
        rt.unpin(1);
        t
    })?;
    rt.pin(l);
    let it = rt.get_iter(l);
    rt.unpin(1);
    it
}

/// A list with one item per entry of the directory named by `args[0]` (the cwd if absent):
/// `item` turns an entry and its already-allocated (and pinned) name into the list's item.
fn entry_list(
    rt: &mut Runtime,
    args: &[Value],
    item: impl Fn(&mut Runtime, &DirEntry, Value) -> PyResult<Value>,
) -> PyResult<Value> {
    let (path, name) = path_or_cwd(rt, args, 0)?;
    let entries = rt
        .with_fs(|fs| fs.listdir(&path))
        .map_err(|e| rt.os_error(e, Some(name)))?;
    let l = rt.new_list_cap(entries.len())?;
    rt.pin(l);
    let r = (|| {
        for e in &entries {
            let s = rt.new_str(&e.name)?;
            rt.pin(s);
            let r = item(rt, e, s).and_then(|v| {
                rt.pin(v);
                let r = rt.list_append(l, v);
                rt.unpin(1);
                r
            });
            rt.unpin(1);
            r?;
        }
        Ok(l)
    })();
    rt.unpin(1);
    r
}

/// `os.remove(path)`.
pub fn remove(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    path_op(rt, args, false, |fs, path, _| fs.remove(path))
}

/// `os.rename(old, new)`.
pub fn rename(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    path_op(rt, args, true, |fs, from, to| fs.rename(from, to))
}

/// `os.mkdir(path)`.
pub fn mkdir(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    path_op(rt, args, false, |fs, path, _| fs.mkdir(path))
}

/// `os.rmdir(path)`.
pub fn rmdir(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    path_op(rt, args, false, |fs, path, _| fs.rmdir(path))
}

fn stat_of(rt: &mut Runtime, name: Value) -> PyResult<Stat> {
    let path = rt.fs_path(name)?;
    rt.with_fs(|fs| fs.stat(&path))
        .map_err(|e| rt.os_error(e, Some(name)))
}

/// A tuple of non-negative ints.
fn int_tuple(rt: &mut Runtime, items: &[u64]) -> PyResult<Value> {
    let base = rt.pins.len();
    let r = (|| {
        for x in items {
            let v = rt.new_int((*x).min(i64::MAX as u64) as i64)?;
            rt.pin(v);
        }
        let vals: alloc::vec::Vec<Value> = rt.pins.get(base..).unwrap_or_default().to_vec();
        rt.new_tuple(&vals)
    })();
    rt.pins.truncate(base);
    r
}

/// `os.stat(path)`: `(mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime)`.
pub fn stat(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let name = arg(args, 0);
    let st = stat_of(rt, name)?;
    let mode = if st.is_dir { S_IFDIR } else { S_IFREG } as u64;
    int_tuple(
        rt,
        &[mode, 0, 0, 0, 0, 0, st.size, st.mtime, st.mtime, st.mtime],
    )
}

/// `os.statvfs(path)`: `(bsize, frsize, blocks, bfree, bavail, files, ffree, favail, flag,
/// namemax)`.
pub fn statvfs(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let name = arg(args, 0);
    let path = rt.fs_path(name)?;
    let s = rt
        .with_fs(|fs| fs.statvfs(&path))
        .map_err(|e| rt.os_error(e, Some(name)))?;
    int_tuple(
        rt,
        &[
            s.bsize, s.frsize, s.blocks, s.bfree, s.bavail, s.files, s.ffree, s.favail, s.flag,
            s.namemax,
        ],
    )
}

/// `os.getcwd()`.
pub fn getcwd(rt: &mut Runtime, _args: &[Value], _kw: Value) -> PyResult<Value> {
    let cwd = rt.cwd();
    rt.new_str(&cwd)
}

/// `os.chdir(path)`.
pub fn chdir(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let name = arg(args, 0);
    let st = stat_of(rt, name)?;
    if !st.is_dir {
        return Err(rt.os_error(FsError(ENOTDIR), Some(name)));
    }
    let path = rt.fs_path(name)?;
    rt.set_cwd(path);
    Ok(Value::NONE)
}

/// `os.urandom(n)`: `n` bytes from the host's entropy source (`OSError(ENODEV)` on a host
/// without one: never predictable bytes).
pub fn urandom(rt: &mut Runtime, args: &[Value], _kw: Value) -> PyResult<Value> {
    let n = rt.int_arg(arg(args, 0))?;
    if n < 0 {
        return Err(rt.value_error(crate::packed!("negative argument not allowed")));
    }
    let n = Runtime::size_of_count(n);
    rt.check_room(n)?;
    let mut buf = alloc::vec![0u8; n];
    if !rt.host.random_bytes(&mut buf) {
        return Err(rt.os_error(FsError(crate::fs::ENODEV), None));
    }
    rt.new_bytes(&buf)
}
