//! `import`: builtin modules, then `.py` files and packages (`pkg/__init__.py`) along
//! `sys.path`, read through the host.

use crate::format::message::ToArg;
use crate::obj::exception::ExcKind;
use crate::obj::kind::Kind;
use crate::obj::layout::{MOD_GLOBALS, MOD_NAME};
use crate::qstr::*;
use crate::runtime::{PyResult, Runtime};
use crate::value::Value;
use alloc::string::String;
use alloc::vec::Vec;

impl Runtime {
    /// IMPORT_NAME.
    pub fn import_name(
        &mut self,
        name: Value,
        fromlist: Value,
        level: Value,
        globals: Value,
    ) -> PyResult<Value> {
        let mut full: String = self.display_name(name);
        let level = level.as_small().unwrap_or(0);
        if level > 0 {
            let me = self
                .dict_get_q(globals, Value::qstr(Q___NAME__))
                .map(|v| self.display_name(v))
                .unwrap_or_default();
            let is_pkg = self.dict_get_q(globals, Value::qstr(Q___PATH__)).is_some();
            // `me`'s dotted parts less the last `drop`: the text before its `keep`-th dot.
            let drop = if is_pkg { level - 1 } else { level };
            let parts = me.bytes().filter(|&b| b == b'.').count() + 1;
            let Some(keep) = usize::try_from(drop)
                .ok()
                .and_then(|d| parts.checked_sub(d))
            else {
                return Err(self.raise(
                    ExcKind::ImportError,
                    crate::packed!("attempted relative import beyond top-level package"),
                ));
            };
            let end = match keep {
                0 => 0,
                _ => me
                    .bytes()
                    .enumerate()
                    .filter(|&(_, b)| b == b'.')
                    .nth(keep - 1)
                    .map_or(me.len(), |(i, _)| i),
            };
            let mut b = String::from(me.get(..end).unwrap_or_default());
            if !full.is_empty() {
                if !b.is_empty() {
                    b.push('.');
                }
                b.push_str(&full);
            }
            full = b;
        }
        let mut top = Value::NONE;
        let mut leaf = Value::NONE;
        let mut prefix = String::new();
        for (i, p) in full.split('.').enumerate() {
            if i > 0 {
                prefix.push('.');
            }
            prefix.push_str(p);
            let parent = leaf;
            leaf = self.load_module(&prefix, parent)?;
            if i > 0 && self.kind(parent) == Some(Kind::Module) {
                self.pin(leaf);
                let k = self.intern(p);
                let r = k.and_then(|k| self.set_attr(parent, k, leaf));
                self.unpin(1);
                r?;
            }
            if i == 0 {
                top = leaf;
                self.pin(top);
            }
        }
        // `split` yields at least one part, so `top` was pinned.
        self.unpin(1);
        let want_leaf =
            fromlist != Value::NONE && !fromlist.is_null() && self.seq_len(fromlist) > 0;
        Ok(if want_leaf { leaf } else { top })
    }

    fn load_module(&mut self, full: &str, parent: Value) -> PyResult<Value> {
        let key = self.intern(full)?;
        let mods = self.modules;
        if let Some(m) = self.dict_get_q(mods, key) {
            return Ok(m);
        }
        if full == "builtins" {
            let m = self.builtins_module()?;
            self.register_module(full, m)?;
            return Ok(m);
        }
        if let Some((t, def)) = super::find(self, full) {
            // `ustruct` and `struct` are one module object, registered under both names.
            let canonical = self.intern(def.name)?;
            let m = match self.dict_get_q(mods, canonical) {
                Some(m) => m,
                None => {
                    let m = self.make_module(t, def)?;
                    self.register_module(def.name, m)?;
                    m
                }
            };
            self.register_module(full, m)?;
            return Ok(m);
        }
        if let Some(frozen) = super::frozen::find(full) {
            let name = frozen.name;
            let canonical = self.intern(name)?;
            let m = match self.dict_get_q(mods, canonical) {
                Some(m) => m,
                None => {
                    let src = frozen.source();
                    self.exec_module_source(name, &src, &["<frozen ", name, ">"].concat(), None)?
                }
            };
            if full != name {
                self.register_module(full, m)?;
            }
            return Ok(m);
        }
        let leaf = match full.as_bytes().iter().rposition(|&b| b == b'.') {
            Some(dot) => full.get(dot + 1..).unwrap_or(full),
            None => full,
        };
        // A package searches its `__path__` (a non-str entry as "?"), anything else sys.path
        // (non-str entries skipped).
        let (path, package) = if parent.is_heap() && parent != Value::NONE {
            (self.get_attr_opt(parent, Value::qstr(Q___PATH__))?, true)
        } else {
            (Some(self.sys_path), false)
        };
        let mut dirs: Vec<String> = Vec::new();
        for v in path.and_then(|p| self.seq_items(p)).unwrap_or_default() {
            match self.str_text(v) {
                Some(text) => dirs.push(String::from(text)),
                None if package => dirs.push(String::from("?")),
                None => {}
            }
        }
        for d in &dirs {
            let sep = if d.is_empty() || d.ends_with('/') {
                ""
            } else {
                "/"
            };
            let file = [d.as_str(), sep, leaf, ".py"].concat();
            if self.host.is_file(&file) {
                return self.exec_module(full, &file, None);
            }
            let pkg_dir = [d.as_str(), sep, leaf].concat();
            let init = [pkg_dir.as_str(), "/__init__.py"].concat();
            if self.host.is_file(&init) {
                return self.exec_module(full, &init, Some(&pkg_dir));
            }
        }
        Err(self.raise_with(
            ExcKind::ModuleNotFoundError,
            "No module named '{}'",
            &[full.arg()],
        ))
    }

    fn exec_module(&mut self, full: &str, file: &str, pkg_dir: Option<&str>) -> PyResult<Value> {
        let src = match self.host.read_file(file) {
            Ok(b) => b,
            Err(_) => {
                return Err(self.raise_with(
                    ExcKind::ImportError,
                    "No module named '{}'",
                    &[full.arg()],
                ));
            }
        };
        let Ok(src) = core::str::from_utf8(crate::source::without_bom(&src)) else {
            return Err(self.raise(
                ExcKind::UnicodeError,
                crate::packed!("source is not valid UTF-8"),
            ));
        };
        self.exec_module_source(full, src, file, pkg_dir)
    }

    /// Run `src` as the body of a new module `full` registered in `sys.modules` (removed
    /// again if it raises).
    fn exec_module_source(
        &mut self,
        full: &str,
        src: &str,
        file: &str,
        pkg_dir: Option<&str>,
    ) -> PyResult<Value> {
        let m = self.new_module(full)?;
        self.pin(m);
        let r = (|| {
            let g = self.heap.val(Runtime::blk(m), MOD_GLOBALS);
            let f = self.const_str(file)?;
            self.dict_set(g, Value::qstr(Q___FILE__), f)?;
            if let Some(dir) = pkg_dir {
                let d = self.new_str(dir)?;
                let l = self.new_list(&[d])?;
                self.dict_set(g, Value::qstr(Q___PATH__), l)?;
            }
            self.register_module(full, m)?;
            let r = self.run_source_in(src, file, crate::source::Mode::Exec, g, g);
            if r.is_ok() {
                self.dict_shrink(g);
            }
            if r.is_err() {
                let exc = self.exc;
                let key = self.intern(full)?;
                let mods = self.modules;
                let _ = self.dict_del(mods, key);
                self.exc = exc;
            }
            r.map(|_| m)
        })();
        self.unpin(1);
        r
    }

    /// IMPORT_FROM.
    pub fn import_from(&mut self, m: Value, name: Value) -> PyResult<Value> {
        if let Some(v) = self.get_attr_opt(m, name)? {
            return Ok(v);
        }
        if self.kind(m) == Some(Kind::Module) {
            let mname = self.display_name(self.heap.val(Runtime::blk(m), MOD_NAME));
            let full = [mname.as_str(), ".", &self.display_name(name)].concat();
            if self.get_attr_opt(m, Value::qstr(Q___PATH__))?.is_some() {
                let sub = self.load_module(&full, m)?;
                self.pin(sub);
                let r = self.set_attr(m, name, sub);
                self.unpin(1);
                r?;
                return Ok(sub);
            }
            return Err(self.raise_with(
                ExcKind::ImportError,
                "cannot import name '{}' from '{}'",
                &[self.display_name(name).arg(), mname.arg()],
            ));
        }
        Err(self.raise_with(
            ExcKind::ImportError,
            "cannot import name '{}'",
            &[self.display_name(name).arg()],
        ))
    }

    /// IMPORT_STAR.
    pub fn import_star(&mut self, m: Value, ns: Value) -> PyResult<()> {
        self.fill_module(m)?;
        let g = self.attr_dict(m);
        if !g.is_heap() {
            return Ok(());
        }
        for (k, v) in self.dict_items(g) {
            if self.str_text(k).is_some_and(|s| !s.starts_with('_')) {
                self.dict_set(ns, k, v)?;
            }
        }
        Ok(())
    }

    fn builtins_module(&mut self) -> PyResult<Value> {
        self.fill_builtins()?;
        let n = self.intern("builtins")?;
        let b = self.builtins;
        self.new_wrapper(Kind::Module, &[n, b])
    }
}
