//! Builtin modules and the import machinery.
//!
//! Every builtin module is one file here declaring a [`ModuleDef`]: its natives table (a
//! `static` array, so it costs flash, not heap), its constant attributes, and optionally an
//! `init` hook for what a table cannot express (values that depend on the host).
//! [`registry!`] lists them; importing a registered module (also under its MicroPython `u`
//! name: `uos`, `utime`…) makes an empty module object that remembers its table. An attribute
//! enters the module's namespace when a program first reads it (`Runtime::module_lazy_attr`),
//! and everything at once for what lists the namespace (`dir`, `import *`, `__dict__`): an
//! import costs a module object and its name, and a program pays heap only for the functions
//! and classes it uses. Classes and other built values are `Attr::Made` rows, made then.
//!
//! # How to add a native module
//! 1. Write `vm/src/modules/<name>.rs`: the functions (`fn f(rt: &mut Runtime, args: &[Value],
//!    kwnames: Value) -> PyResult<Value>`), then their table and the module:
//!    ```text
//!    crate::native_table! {
//!        /// The natives of `<name>`.
//!        pub static NATIVES;
//!        DUMPS = "dumps" => dumps, module kw;      // kw: accepts keyword arguments
//!        LOADS = "loads" => loads, module;
//!        READ = "read" => reader_read, module method; // a method of one of the module's
//!                                                     // classes: args[0] is the receiver,
//!                                                     // not exported, binds on a class
//!    }
//!    /// The `<name>` module.
//!    pub static MODULE: ModuleDef = ModuleDef {
//!        name: "<name>",
//!        natives: &NATIVES,
//!        attrs: &[("VERSION", Attr::Int(1)), ("sep", Attr::Str("/"))],
//!        init: None, // or Some(init): fn(&mut Runtime, module: Value) -> PyResult<()>
//!    };
//!    ```
//! 2. Add `pub mod <name>;` and one line `NAME = <name>::MODULE;` to [`registry!`] below (both
//!    under `#[cfg(feature = "<name>")]`, with a line `<name> = []` in `vm/Cargo.toml` added to
//!    `default`, if the module is optional).
//! 3. Natives of the module's classes are reached as `Runtime::native(native_id(table::NAME,
//!    READ))`; a builtin native re-exported by a module is `Attr::Native(id)`.
//! 4. Write conformance programs under `tests/python/modules/` and get their `.exp` from
//!    CPython (`python3 tests/python/regen.py modules/<name>`).
//!
//! What a module usually needs besides its table:
//! - arguments: `crate::builtins::{split_kw, kwarg}`; errors: `rt.type_error(msg)`,
//!   `rt.value_error(msg)`, `rt.raise(ExcKind::…, msg)`;
//! - its own exception class: an `Attr::Made` row calling `rt.new_module_exception("json",
//!   "JSONDecodeError", ExcKind::ValueError)`, raised with `rt.raise_module_exception(..)`
//!   (see `struct`, `binascii`);
//! - classes with native methods: an `Attr::Made` row making (once, `rt.module_class`) a class
//!   whose namespace holds the `method` rows, with an `__init__` row as its constructor (see
//!   `collections`, `array`, `io`'s `StringIO`);
//! - Rust state outside the Python heap: `rt.take_module_state::<T>(table::NAME)` /
//!   `rt.set_module_state(..)` (see `random`);
//! - parts simpler in Python: a frozen file of `# ---- name` sections and `Attr::Made` rows
//!   calling `rt.frozen_def(module, SOURCE, name)`, which compiles a section when its name is
//!   first read (see `itertools`, `functools`).
//!
//! Rooting: a value held across an allocation must be reachable or pinned (`rt.pin` /
//! `rt.unpin`); interning a name may allocate, so intern names before allocating the value to
//! store under them. `cargo test -p mote-vm --features gc-stress` collects on every
//! allocation and finds what was missed (add the module to
//! `native_modules_keep_their_values_rooted`). Never recurse on the Rust stack over nested
//! Python data: walk it with an explicit stack bounded by `rt.max_depth` (see `json`).

#[cfg(feature = "array")]
pub mod array;
#[cfg(feature = "binascii")]
pub mod binascii;
#[cfg(feature = "bisect")]
pub mod bisect;
#[cfg(feature = "complex")]
pub mod cmath;
#[cfg(feature = "collections")]
pub mod collections;
#[cfg(feature = "deflate")]
pub mod deflate;
#[cfg(feature = "errno")]
pub mod errno;
pub mod frozen;
#[cfg(feature = "functools")]
pub mod functools;
pub mod gc;
#[cfg(feature = "hashlib")]
pub mod hashlib;
#[cfg(any(feature = "heapq", feature = "bisect"))]
pub mod heapq;
pub mod import;
pub mod io;
#[cfg(feature = "itertools")]
pub mod itertools;
#[cfg(feature = "json")]
pub mod json;
pub mod machine;
#[cfg(feature = "math")]
pub mod math;
pub mod micropython;
/// `_net`, the native layer under the frozen `socket`, `select` and `asyncio`.
#[cfg(feature = "net")]
pub mod net_natives;
#[cfg(feature = "net")]
pub mod network;
pub mod os;
#[cfg(feature = "os-uname")]
pub mod os_uname;
#[cfg(feature = "random")]
pub mod random;
#[cfg(feature = "re")]
pub mod re;
#[cfg(feature = "struct")]
pub mod r#struct;
pub mod sys;
pub mod time;

use crate::builtins::native::{native_id, Natives, NO_NATIVES};
use crate::format::message::{fill, ToArg};
use crate::obj::kind::Kind;
use crate::obj::layout::MOD_GLOBALS;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;

/// A builtin module: everything its module object is built from.
pub struct ModuleDef {
    /// The import name (also importable as `u` + name).
    pub name: &'static str,
    /// Its natives (rows without `method` become module attributes).
    pub natives: &'static Natives,
    /// Constant attributes.
    pub attrs: &'static [(&'static str, Attr)],
    /// Run on the new module object after natives and attributes are set.
    pub init: Option<fn(&mut Runtime, Value) -> PyResult<()>>,
}

/// A constant module attribute.
#[derive(Clone, Copy, Debug)]
pub enum Attr {
    /// An int (32 bits and the float by reference keep a row at 4-byte alignment: an
    /// `i64` or `f64` in it made every row of every module's table 24 bytes rather than 20).
    Int(i32),
    /// A float.
    Float(&'static crate::format::Float),
    /// An (interned) str.
    Str(&'static str),
    /// A native by id (for a builtin a module re-exports, like `io.open`).
    Native(u32),
    /// A value built on first access (a class, an exception class, a stream), then kept in
    /// the module's namespace.
    Made(fn(&mut Runtime) -> PyResult<Value>),
}

/// Declares the registered modules: a table number per module (`table::NAME`) and the lookup
/// from table number to [`ModuleDef`].
macro_rules! registry {
    ($($(#[$m:meta])* $id:ident = $def:path;)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms, dead_code)]
        #[repr(u32)]
        enum RegistryIndex { Builtins, $($(#[$m])* $id,)* End }

        /// Natives table numbers of the registered modules (table 0 is the builtins).
        pub mod table {
            $($(#[$m])* #[doc = concat!("Table of `", stringify!($def), "`.")]
            pub const $id: u32 = super::RegistryIndex::$id as u32;)*
        }

        /// The module whose natives are table `t`.
        #[inline]
        pub fn module_def(t: u32) -> Option<&'static ModuleDef> {
            match t {
                $($(#[$m])* table::$id => Some(&$def),)*
                _ => None,
            }
        }

        /// One past the last table number.
        pub(crate) const TABLES_END: u32 = RegistryIndex::End as u32;
    };
}

registry! {
    SYS = sys::MODULE;
    GC = gc::MODULE;
    #[cfg(feature = "math")]
    MATH = math::MODULE;
    #[cfg(feature = "complex")]
    CMATH = cmath::MODULE;
    TIME = time::MODULE;
    MICROPYTHON = micropython::MODULE;
    OS = os::MODULE;
    #[cfg(feature = "errno")]
    ERRNO = errno::MODULE;
    IO = io::MODULE;
    #[cfg(feature = "net")]
    NET = net_natives::MODULE;
    #[cfg(feature = "re")]
    RE = re::MODULE;
    #[cfg(feature = "struct")]
    STRUCT = r#struct::MODULE;
    #[cfg(feature = "binascii")]
    BINASCII = binascii::MODULE;
    #[cfg(feature = "json")]
    JSON = json::MODULE;
    #[cfg(feature = "collections")]
    COLLECTIONS = collections::MODULE;
    #[cfg(feature = "random")]
    RANDOM = random::MODULE;
    #[cfg(feature = "heapq")]
    HEAPQ = heapq::MODULE;
    #[cfg(feature = "bisect")]
    BISECT = bisect::MODULE;
    #[cfg(feature = "hashlib")]
    HASHLIB = hashlib::MODULE;
    #[cfg(feature = "itertools")]
    ITERTOOLS = itertools::MODULE;
    #[cfg(feature = "functools")]
    FUNCTOOLS = functools::MODULE;
    #[cfg(feature = "array")]
    ARRAY = array::MODULE;
    #[cfg(feature = "deflate")]
    DEFLATE = deflate::MODULE;
    MACHINE = machine::MODULE;
    #[cfg(feature = "net")]
    NETWORK = network::MODULE;
}

/// The module whose natives are table `t`: a registered one, or one the embedder added.
#[inline]
pub fn module_of(rt: &Runtime, t: u32) -> Option<&'static ModuleDef> {
    match t.checked_sub(TABLES_END) {
        None => module_def(t),
        Some(i) => rt.embedded.get(i as usize).copied(),
    }
}

/// A class named `name` whose namespace holds the method rows of `natives` (table `t`), the
/// integer `constants`, and `__module__` when `module` is given: the classes native modules
/// define (`machine.Pin`, `network.WLAN`, hashlib's hash objects).
pub(crate) fn native_class(
    rt: &mut Runtime,
    name: &str,
    module: Option<&str>,
    t: u32,
    natives: &Natives,
    constants: &[(&str, i32)],
) -> PyResult<Value> {
    let bases = rt.new_tuple(&[crate::runtime::TypeId::Object.value()])?;
    rt.pin(bases);
    let r = (|| {
        let ns = rt.new_dict()?;
        rt.pin(ns);
        let r = (|| {
            for (i, n) in natives.iter().enumerate().filter(|(_, n)| n.is_method()) {
                let k = rt.intern(natives.name_of(n))?;
                rt.dict_set(ns, k, Runtime::native(native_id(t, i as u32)))?;
            }
            for &(k, v) in constants {
                let k = rt.intern(k)?;
                rt.dict_set(ns, k, Value::small(v))?;
            }
            if let Some(module) = module {
                let mq = rt.intern(module)?;
                rt.dict_set(ns, Value::qstr(crate::qstr::Q___MODULE__), mq)?;
            }
            let name = rt.intern(name)?;
            rt.new_class(name, bases, ns)
        })();
        rt.unpin(1);
        r
    })();
    rt.unpin(1);
    r
}

/// The table number and definition of the module imported as `name` (or its `u` name).
pub fn find(rt: &Runtime, name: &str) -> Option<(u32, &'static ModuleDef)> {
    let plain = name.strip_prefix('u');
    let end = TABLES_END + rt.embedded.len() as u32;
    (1..end).find_map(|t| {
        let d = module_of(rt, t)?;
        (d.name == name || plain == Some(d.name)).then_some((t, d))
    })
}

impl Runtime {
    /// A new module object `[hdr, name, globals]` with `__name__` set.
    pub fn new_module(&mut self, name: &str) -> PyResult<Value> {
        let n = self.intern(name)?;
        let g = self.new_dict()?;
        self.pin(g);
        let r = (|| {
            self.dict_set(g, Value::qstr(crate::qstr::Q___NAME__), n)?;
            let m = self.new_wrapper(Kind::Module, &[n, g])?;
            Ok(m)
        })();
        self.unpin(1);
        r
    }

    /// Build the module object of registered module `t`: its namespace fills from the table
    /// on use (see [`Runtime::module_lazy_attr`]).
    pub fn make_module(&mut self, t: u32, def: &ModuleDef) -> PyResult<Value> {
        let m = self.new_module(def.name)?;
        self.heap.set_aux(Runtime::blk(m), t);
        self.pin(m);
        let r = match def.init {
            Some(init) => init(self, m).map(|_| m),
            None => Ok(m),
        };
        self.unpin(1);
        r
    }

    /// The table of builtin module `m` (0 for a module written in Python).
    fn module_table(&self, m: Value) -> u32 {
        if self.kind(m) == Some(Kind::Module) {
            self.heap.aux(Runtime::blk(m))
        } else {
            0
        }
    }

    /// The value of row `a` of a module's attributes.
    fn attr_value(&mut self, a: Attr) -> PyResult<Value> {
        match a {
            Attr::Int(i) => self.new_int(i.into()),
            Attr::Float(f) => self.new_float(*f),
            Attr::Str(s) => self.intern(s),
            Attr::Native(id) => Ok(Runtime::native(id)),
            Attr::Made(make) => make(self),
        }
    }

    /// Attribute `name` (an interned name) of builtin module `m` that its namespace does not
    /// hold yet: from its table, then kept in the namespace. `None` if the table has no such
    /// row (or `m` is not a builtin module).
    pub fn module_lazy_attr(&mut self, m: Value, name: Value) -> PyResult<Option<Value>> {
        let t = self.module_table(m);
        let (Some(def), Some(q)) = (module_of(self, t).filter(|_| t > 0), name.as_qstr()) else {
            return Ok(None);
        };
        let text = self.qstr_text(q);
        let native = def
            .natives
            .iter()
            .position(|n| !n.is_method() && def.natives.name_of(n) == text);
        let v = match native {
            Some(i) => Runtime::native(native_id(t, i as u32)),
            None => match def.attrs.iter().find(|(n, _)| *n == text) {
                Some(&(_, a)) => self.attr_value(a)?,
                None => return Ok(None),
            },
        };
        self.pin(v);
        let g = self.heap.val(Runtime::blk(m), MOD_GLOBALS);
        let r = self.dict_set(g, name, v);
        self.unpin(1);
        r.map(|_| Some(v))
    }

    /// Put every attribute of builtin module `m` into its namespace (for what lists it).
    pub fn fill_module(&mut self, m: Value) -> PyResult<()> {
        let t = self.module_table(m);
        let Some(def) = module_of(self, t).filter(|_| t > 0) else {
            return Ok(());
        };
        let names = def
            .natives
            .iter()
            .filter(|n| !n.is_method())
            .map(|n| def.natives.name_of(n))
            .chain(def.attrs.iter().map(|a| a.0));
        for n in names {
            let k = self.intern(n)?;
            let g = self.heap.val(Runtime::blk(m), MOD_GLOBALS);
            if self.dict_get_q(g, k).is_none() {
                self.module_lazy_attr(m, k)?;
            }
        }
        Ok(())
    }

    /// A new exception class `module.name` deriving from builtin exception `base` (for a
    /// module's `error` classes; raise it with [`Runtime::raise_module_exception`]).
    pub fn new_module_exception(
        &mut self,
        module: &str,
        name: &str,
        base: crate::obj::exception::ExcKind,
    ) -> PyResult<Value> {
        let base = self.exc_class(base)?;
        let bases = self.new_tuple(&[base])?;
        self.pin(bases);
        let r = (|| {
            let ns = self.new_dict()?;
            self.pin(ns);
            let r = (|| {
                let m = self.intern(module)?;
                self.dict_set(ns, Value::qstr(crate::qstr::Q___MODULE__), m)?;
                let n = self.intern(name)?;
                self.new_class(n, bases, ns)
            })();
            self.unpin(1);
            r
        })();
        self.unpin(1);
        r
    }

    /// Attribute `name` of the imported module `module`, if both exist.
    pub fn imported_module_attr(&mut self, module: &str, name: &str) -> Option<Value> {
        let m = self.intern(module).ok()?;
        let m = self.dict_get_q(self.modules, m)?;
        let d = self.attr_dict(m);
        let k = self.intern(name).ok()?;
        if !d.is_heap() {
            return None;
        }
        match self.dict_get_q(d, k) {
            Some(v) => Some(v),
            None => self.module_lazy_attr(m, k).ok().flatten(),
        }
    }

    /// Raise `module.class(msg)`: an exception class a native module defines (`struct.error`).
    /// Falls back to `ValueError` if the class is gone.
    pub fn raise_module_exception(&mut self, module: &str, class: &str, msg: &str) -> Raised {
        let cls = self
            .imported_module_attr(module, class)
            .filter(|c| self.kind(*c) == Some(Kind::Class));
        let Some(cls) = cls else {
            return self.value_error(msg);
        };
        self.pin(cls);
        let r = self.new_str(msg).and_then(|s| {
            self.pin(s);
            let e = self.new_exception(cls, &[s]);
            self.unpin(1);
            e
        });
        self.unpin(1);
        match r {
            Ok(e) => self.raise_value(e),
            Err(raised) => raised,
        }
    }

    /// Definition `name` of a module written in Python as sections (`# ---- name` starts each,
    /// the section runs to the next marker): the section alone is compiled and run in a fresh
    /// namespace of module `module` and its `name` returned. For [`Attr::Made`] rows, so a
    /// program pays heap (and compiled code) only for the definitions it uses; a section that
    /// needs another one imports it from its module.
    pub fn frozen_def(
        &mut self,
        module: &str,
        source: &'static str,
        name: &str,
    ) -> PyResult<Value> {
        let marker = fill("# ---- {}\n", &[name.arg()]);
        let Some(at) = source.find(&marker) else {
            return Err(self.raise(crate::obj::exception::ExcKind::AttributeError, name));
        };
        let (before, body) = source.split_at_checked(at).unwrap_or((source, ""));
        let end = body
            .get(marker.len()..)
            .and_then(|rest| rest.find("\n# ---- "))
            .map_or(body.len(), |e| e + marker.len() + 1);
        // Blank lines before the section keep its line numbers those of the file.
        let line = before.matches('\n').count();
        let mut text = alloc::string::String::with_capacity(line + end);
        for _ in 0..line {
            text.push('\n');
        }
        text.push_str(body.get(..end).unwrap_or(body));
        let g = self.new_dict()?;
        self.pin(g);
        let r = (|| {
            let m = self.intern(module)?;
            self.dict_set(g, Value::qstr(crate::qstr::Q___NAME__), m)?;
            let file = fill("<frozen {}>", &[module.arg()]);
            self.run_source_in(&text, &file, crate::source::Mode::Exec, g, g)?;
            let k = self.intern(name)?;
            match self.dict_get_q(g, k) {
                Some(v) => Ok(v),
                None => Err(self.raise(crate::obj::exception::ExcKind::AttributeError, name)),
            }
        })();
        self.unpin(1);
        r
    }

    /// Take the Rust state of the module whose natives are table `t`, if set and of type
    /// `T` (a module's state that is not Python values, like a random generator's); put it
    /// back with [`Runtime::set_module_state`].
    pub fn take_module_state<T: 'static>(&mut self, t: u32) -> Option<alloc::boxed::Box<T>> {
        self.module_states
            .get_mut(t as usize)?
            .take()?
            .downcast::<T>()
            .ok()
    }

    /// Set the Rust state of the module whose natives are table `t`.
    pub fn set_module_state(&mut self, t: u32, state: alloc::boxed::Box<dyn core::any::Any>) {
        let i = t as usize;
        if self.module_states.len() <= i {
            self.module_states.resize_with(i + 1, || None);
        }
        if let Some(slot) = self.module_states.get_mut(i) {
            *slot = Some(state);
        }
    }

    /// The class `name` (subclassing `base`) whose namespace holds rows `rows` of module table
    /// `t`, made on first use and kept for the runtime's life (so importing a module costs no
    /// heap for classes a script never uses).
    pub fn module_class(
        &mut self,
        t: u32,
        rows: core::ops::Range<u32>,
        name: &str,
        base: Value,
    ) -> PyResult<Value> {
        let key = native_id(t, rows.start);
        if let Some(&(_, c)) = self.module_classes.iter().find(|(k, _)| *k == key) {
            return Ok(c);
        }
        let natives: &Natives = module_def(t).map_or(&NO_NATIVES, |d| d.natives);
        let bases = self.new_tuple(&[base])?;
        self.pin(bases);
        let r = (|| {
            let ns = self.new_dict()?;
            self.pin(ns);
            let r = (|| {
                for i in rows {
                    if let Some(n) = natives.get(i as usize) {
                        let k = self.intern(natives.name_of(n))?;
                        self.dict_set(ns, k, Runtime::native(native_id(t, i)))?;
                    }
                }
                let n = self.intern(name)?;
                self.new_class(n, bases, ns)
            })();
            self.unpin(1);
            r
        })();
        self.unpin(1);
        let c = r?;
        self.module_classes.push((key, c));
        Ok(c)
    }

    /// Set `module.name = v`.
    pub fn module_set(&mut self, m: Value, name: &str, v: Value) -> PyResult<()> {
        self.pin(v);
        let r = self.intern(name).and_then(|k| {
            let g = self.heap.val(Runtime::blk(m), MOD_GLOBALS);
            self.dict_set(g, k, v)
        });
        self.unpin(1);
        r
    }

    /// Register module `m` in `sys.modules` under `name`.
    pub fn register_module(&mut self, name: &str, m: Value) -> PyResult<()> {
        self.pin(m);
        let r = self.intern(name).and_then(|k| {
            let mods = self.modules;
            self.dict_set(mods, k, m)
        });
        self.unpin(1);
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builtins::native::TABLE_MAX;

    #[test]
    fn every_registered_module_is_found_by_both_names() {
        let rt = Runtime::new(
            4096,
            alloc::boxed::Box::new(crate::tests::TestHost::default()),
        );
        for t in 1..TABLES_END {
            let d = module_def(t).expect("table numbers are dense");
            assert!(d.natives.len() <= TABLE_MAX, "{}: table too long", d.name);
            assert_eq!(find(&rt, d.name).map(|f| f.0), Some(t));
            let u = alloc::format!("u{}", d.name);
            assert_eq!(find(&rt, &u).map(|f| f.0), Some(t));
        }
        assert!(find(&rt, "nosuchmodule").is_none());
    }
}
