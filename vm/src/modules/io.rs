//! The `io` module: `open` and the file classes, whose methods are this module's natives (their
//! bodies live with the file objects in `crate::obj::file`).

use super::{Attr, ModuleDef};
use crate::obj::file::methods as file;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

crate::native_table! {
    /// The natives of `io`: the methods of its file classes.
    pub static NATIVES;
    READ = "read" => file::read, module method;
    READLINE = "readline" => file::readline, module method;
    READLINES = "readlines" => file::readlines, module method;
    READINTO = "readinto" => file::readinto, module method;
    WRITE = "write" => file::write, module method;
    SEEK = "seek" => file::seek, module method;
    TELL = "tell" => file::tell, module method;
    FLUSH = "flush" => file::flush, module method;
    CLOSE = "close" => file::close, module method;
    ENTER = "__enter__" => file::enter, module method;
    EXIT = "__exit__" => file::exit, module method;
    ITER = "__iter__" => file::iter, module method;
    NEXT = "__next__" => file::next, module method;
    FILENO = "fileno" => file::fileno, module method;
    READABLE = "readable" => file::readable, module method;
    WRITABLE = "writable" => file::writable, module method;
    REPR = "__repr__" => file::repr, module method;
}

/// The `io` module.
pub static MODULE: ModuleDef = ModuleDef {
    name: "io",
    natives: &NATIVES,
    attrs: &[("open", Attr::Native(crate::builtins::N_OPEN))],
    init: Some(init),
};

fn init(rt: &mut Runtime, m: Value) -> PyResult<()> {
    let classes = rt.io_classes()?;
    rt.module_set(m, "TextIOWrapper", classes.text)?;
    rt.module_set(m, "FileIO", classes.binary)?;
    rt.module_set(m, "UnsupportedOperation", classes.unsupported)
}
