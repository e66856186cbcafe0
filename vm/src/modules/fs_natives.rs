//! The natives of the filesystem features: `open()`, the file object methods and the `os`
//! functions. They are static values like every native, numbered from [`FS_NATIVE_BASE`] so
//! they need no entry in the main builtins table.

use crate::builtins::split_kw;
use crate::obj::file::methods as file;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Native id of the first filesystem native.
pub const FS_NATIVE_BASE: u32 = 0x8000;

type Native = fn(&mut Runtime, &[Value], Value) -> PyResult<Value>;

macro_rules! fs_natives {
    ($($id:ident = $name:literal => $f:path),* $(,)?) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[repr(u32)]
        enum FIdx { $($id),* }
        $(#[doc = concat!("Filesystem native `", $name, "` (offset from the base).")]
        pub const $id: u32 = FIdx::$id as u32;)*
        static TABLE: &[(&str, Native)] = &[$(($name, $f)),*];
    };
}

fs_natives! {
    F_OPEN = "open" => super::os::open,
    F_READ = "read" => file::read,
    F_READLINE = "readline" => file::readline,
    F_READLINES = "readlines" => file::readlines,
    F_READINTO = "readinto" => file::readinto,
    F_WRITE = "write" => file::write,
    F_SEEK = "seek" => file::seek,
    F_TELL = "tell" => file::tell,
    F_FLUSH = "flush" => file::flush,
    F_CLOSE = "close" => file::close,
    F_ENTER = "__enter__" => file::enter,
    F_EXIT = "__exit__" => file::exit,
    F_ITER = "__iter__" => file::iter,
    F_NEXT = "__next__" => file::next,
    F_FILENO = "fileno" => file::fileno,
    F_READABLE = "readable" => file::readable,
    F_WRITABLE = "writable" => file::writable,
    F_REPR = "__repr__" => file::repr,
    F_LISTDIR = "listdir" => super::os::listdir,
    F_ILISTDIR = "ilistdir" => super::os::ilistdir,
    F_REMOVE = "remove" => super::os::remove,
    F_RENAME = "rename" => super::os::rename,
    F_MKDIR = "mkdir" => super::os::mkdir,
    F_RMDIR = "rmdir" => super::os::rmdir,
    F_STAT = "stat" => super::os::stat,
    F_STATVFS = "statvfs" => super::os::statvfs,
    F_GETCWD = "getcwd" => super::os::getcwd,
    F_CHDIR = "chdir" => super::os::chdir,
}

/// The methods of file objects: `(name, native offset)`.
pub const FILE_METHODS: &[(&str, u32)] = &[
    ("read", F_READ),
    ("readline", F_READLINE),
    ("readlines", F_READLINES),
    ("readinto", F_READINTO),
    ("write", F_WRITE),
    ("seek", F_SEEK),
    ("tell", F_TELL),
    ("flush", F_FLUSH),
    ("close", F_CLOSE),
    ("__enter__", F_ENTER),
    ("__exit__", F_EXIT),
    ("__iter__", F_ITER),
    ("__next__", F_NEXT),
    ("fileno", F_FILENO),
    ("readable", F_READABLE),
    ("writable", F_WRITABLE),
    ("__repr__", F_REPR),
];

/// The static value of filesystem native `offset`.
pub fn native(offset: u32) -> Value {
    Runtime::native(FS_NATIVE_BASE + offset)
}

/// Call filesystem native `offset`. Only `open` takes keyword arguments.
pub fn call(rt: &mut Runtime, offset: u32, args: &[Value], kwnames: Value) -> PyResult<Value> {
    let Some((name, f)) = TABLE.get(offset as usize) else {
        return Err(rt.type_error("unknown native"));
    };
    if offset != F_OPEN && !kwnames.is_null() && !split_kw(rt, args, kwnames).1.is_empty() {
        let msg = alloc::format!("{name}() takes no keyword arguments");
        return Err(rt.type_error(&msg));
    }
    f(rt, args, kwnames)
}

/// Name of filesystem native `offset`.
pub fn name(offset: u32) -> &'static str {
    TABLE.get(offset as usize).map_or("?", |e| e.0)
}

/// Does filesystem native `offset` bind to instances as a method (the file methods)?
pub fn is_method(offset: u32) -> bool {
    (F_READ..=F_REPR).contains(&offset)
}
