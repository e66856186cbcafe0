//! Attribute access: `getattr`/`setattr`/`delattr` and LOAD_METHOD for every kind of object,
//! with descriptors (`property`, `staticmethod`, `classmethod`, functions binding to
//! instances), `super`, and builtin methods looked up by qstr in native tables.

use crate::format::message::ToArg;
use crate::interp::frame::*;
use crate::obj::class::*;
use crate::obj::exception::ExcKind;
use crate::obj::func::*;
use crate::obj::kind::Kind;
use crate::obj::layout::{
    BOUND_FUNC, BOUND_SELF, GEN_FRAME, INST_CLASS, INST_DICT, MOD_GLOBALS, MOD_NAME, PROP_FDEL,
    PROP_FGET, PROP_FSET, SUPER_CLASS, SUPER_SELF, WRAPPED_FUNC,
};
use crate::qstr::*;
use crate::runtime::{PyResult, Raised, Runtime, TypeId};
use crate::value::Value;
use alloc::string::String;

impl Runtime {
    fn attr_error(&mut self, obj: Value, name: Value) -> Raised {
        let (before, owner) = match self.kind(obj) {
            Some(Kind::Module) => {
                let m = self.heap.val(Runtime::blk(obj), MOD_NAME);
                ("module '", self.display_name(m))
            }
            Some(Kind::Class) => ("type object '", self.class_name(obj)),
            _ if TypeId::from_value(obj).is_some() => ("type object '", self.class_name(obj)),
            _ => return self.object_attr_error(self.type_name(obj), name),
        };
        self.attribute_error_text(before, owner, "' has no attribute '", name)
    }

    /// `AttributeError: 'T' object has no attribute 'name'`, `T` being `type_name`.
    pub(crate) fn object_attr_error(&mut self, type_name: String, name: Value) -> Raised {
        self.attribute_error_text("'", type_name, "' object has no attribute '", name)
    }

    /// `AttributeError(before + owner + after + name + "'")`, built by pushing text (one
    /// copy for the several messages of this form).
    #[inline(never)]
    fn attribute_error_text(
        &mut self,
        before: &str,
        mut owner: String,
        after: &str,
        name: Value,
    ) -> Raised {
        owner.insert_str(0, before);
        owner.push_str(after);
        owner.push_str(self.str_text(name).unwrap_or("?"));
        owner.push('\'');
        self.raise(ExcKind::AttributeError, &owner)
    }

    /// Bind a class attribute found for instance `obj`.
    fn bind(&mut self, obj: Value, cls: Value, ca: Value) -> PyResult<Value> {
        match self.kind(ca) {
            Some(Kind::Function) => self.new_bound(obj, ca),
            Some(Kind::ClassMethod) => {
                let f = self.heap.val(Runtime::blk(ca), WRAPPED_FUNC);
                self.new_bound(cls, f)
            }
            Some(Kind::StaticMethod) => Ok(self.heap.val(Runtime::blk(ca), WRAPPED_FUNC)),
            None if crate::builtins::is_method_native(self, ca) => self.new_bound(obj, ca),
            Some(Kind::Property) => {
                let g = self.heap.val(Runtime::blk(ca), PROP_FGET);
                if g == Value::NONE || g.is_null() {
                    return Err(self.raise(
                        ExcKind::AttributeError,
                        crate::packed!("unreadable attribute"),
                    ));
                }
                self.call(g, &[obj], Value::NULL)
            }
            Some(Kind::Instance) => Ok(self.descriptor_get(ca, obj, cls)?.unwrap_or(ca)),
            _ => Ok(ca),
        }
    }

    /// `getattr(obj, name)` (name is a str value).
    pub fn get_attr(&mut self, obj: Value, name: Value) -> PyResult<Value> {
        let hook_raises = self.kind(obj) == Some(Kind::Module);
        let missing = match self.attr_lookup(obj, name, hook_raises) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => None,
            Err(e) => Some(e),
        };
        // `__getattr__` answers for a missing name, and also when the normal lookup (a
        // property, say) raised AttributeError.
        if let Some(e) = missing {
            if !self.exc_matches(self.exc, ExcKind::AttributeError) {
                return Err(e);
            }
        }
        if self.kind(obj) == Some(Kind::Instance) {
            if let Some(ga) = self.special(obj, Q___GETATTR__) {
                self.exc = Value::NULL;
                self.pins.extend_from_slice(&[ga, name]);
                let r = self.call(ga, &[obj, name], Value::NULL);
                self.unpin(2);
                return r;
            }
        }
        match missing {
            Some(e) => Err(e),
            None => Err(self.attr_error(obj, name)),
        }
    }

    /// A module's `__getattr__(name)` (PEP 562) for a name its namespace lacks; its
    /// AttributeError means the name is missing. Frozen asyncio loads its less used parts so.
    fn module_getattr_hook(
        &mut self,
        globals: Value,
        name: Value,
        hook_raises: bool,
    ) -> PyResult<Option<Value>> {
        if name.as_qstr() == Some(Q___GETATTR__) {
            return Ok(None);
        }
        let Some(hook) = self.dict_get_q(globals, Value::qstr(Q___GETATTR__)) else {
            return Ok(None);
        };
        self.pins.extend_from_slice(&[hook, name]);
        let r = self.call(hook, &[name], Value::NULL);
        self.unpin(2);
        match r {
            Err(_) if !hook_raises && self.exc_matches(self.exc, ExcKind::AttributeError) => {
                self.exc = Value::NULL;
                Ok(None)
            }
            r => r.map(Some),
        }
    }

    /// `getattr` that returns `None` instead of raising AttributeError for a missing name.
    pub fn get_attr_opt(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        self.attr_lookup(obj, name, false)
    }

    /// `get_attr_opt`; with `hook_raises`, the AttributeError a module's `__getattr__` raises
    /// is passed on (what `getattr` shows) rather than taken for a missing name.
    fn attr_lookup(
        &mut self,
        obj: Value,
        name: Value,
        hook_raises: bool,
    ) -> PyResult<Option<Value>> {
        let name = if name.is_qstr() {
            name
        } else {
            self.intern_value(name)?
        };
        let q = name.as_qstr().unwrap_or(0);
        match self.kind(obj) {
            Some(Kind::Instance) => {
                let cls = self.heap.val(Runtime::blk(obj), INST_CLASS);
                if self.class_flags(cls) & CLASS_HAS_PROPERTY == 0 {
                    if let Some(v) = self.instance_attr(obj, name) {
                        return Ok(Some(v));
                    }
                }
                let ca = self.class_lookup(cls, name);
                if let Some(ca) = ca {
                    if self.kind(ca) == Some(Kind::Property) || self.is_data_descriptor(ca) {
                        return self.bind(obj, cls, ca).map(Some);
                    }
                }
                if let Some(v) = self.instance_attr(obj, name) {
                    return Ok(Some(v));
                }
                if let Some(ca) = ca {
                    return self.bind(obj, cls, ca).map(Some);
                }
                match q {
                    Q___CLASS__ => Ok(Some(cls)),
                    Q___DICT__ if self.class_flags_cold(cls) & CLASS_SLOTS != 0 => Ok(None),
                    Q___DICT__ => {
                        let d = self.attr_dict(obj);
                        if d.is_null() {
                            let d = self.new_dict()?;
                            self.heap.set_val(Runtime::blk(obj), INST_DICT, d);
                            return Ok(Some(d));
                        }
                        Ok(Some(d))
                    }
                    Q___TRACEBACK__ | Q___CAUSE__ | Q___CONTEXT__ if self.is_exception(obj) => {
                        Ok(Some(Value::NONE))
                    }
                    // `OSError(msg)` has no errno; `(errno, strerror, ...)` sets it, and so
                    // does a lone int, as MicroPython code raises `OSError(errno.EAGAIN)`.
                    Q_ERRNO if self.exc_matches(obj, ExcKind::OSError) => {
                        let args = self.exc_args(obj);
                        let first = (self.seq_len(args) >= 1).then(|| self.seq_get(args, 0));
                        Ok(Some(match first {
                            Some(v) if self.seq_len(args) >= 2 || self.is_int(v) => v,
                            _ => Value::NONE,
                        }))
                    }
                    Q_VALUE | Q_CODE | Q_ERRNO if self.is_exception(obj) => {
                        let e = self.stop_iteration_value(obj);
                        Ok(Some(e))
                    }
                    Q_FILENAME if self.exc_matches(obj, ExcKind::OSError) => Ok(Some(Value::NONE)),
                    Q_STRERROR if self.is_exception(obj) => {
                        let args = self.exc_args(obj);
                        Ok(Some(if self.seq_len(args) >= 2 {
                            self.seq_get(args, 1)
                        } else {
                            Value::NONE
                        }))
                    }
                    Q___SUPPRESS_CONTEXT__ if self.is_exception(obj) => Ok(Some(Value::FALSE)),
                    Q___NEW__ => Ok(crate::builtins::object_method(q)),
                    _ if q != Q___GETATTR__ && self.base_value(obj).is_some() => {
                        let base = self.base_value(obj).unwrap_or(obj);
                        match self.builtin_attr(base, name)? {
                            Some(v) => Ok(Some(v)),
                            None => match crate::builtins::object_method(q) {
                                Some(m) => self.new_bound(obj, m).map(Some),
                                None => Ok(None),
                            },
                        }
                    }
                    _ if q != Q___GETATTR__ => match crate::builtins::object_method(q) {
                        Some(m) => self.new_bound(obj, m).map(Some),
                        None => Ok(None),
                    },
                    _ => Ok(None),
                }
            }
            Some(Kind::Class) => {
                if let Some(ca) = self.class_lookup(obj, name) {
                    return Ok(Some(match self.kind(ca) {
                        Some(Kind::ClassMethod) => {
                            let f = self.heap.val(Runtime::blk(ca), WRAPPED_FUNC);
                            self.new_bound(obj, f)?
                        }
                        Some(Kind::StaticMethod) => self.heap.val(Runtime::blk(ca), WRAPPED_FUNC),
                        Some(Kind::Instance) => {
                            self.descriptor_get(ca, Value::NONE, obj)?.unwrap_or(ca)
                        }
                        _ => ca,
                    }));
                }
                // `OrderedDict.fromkeys`, `MyDict.fromkeys`: dict's alternative constructor,
                // bound to the subclass so it builds one.
                if q == Q_FROMKEYS && self.builtin_base(obj) == Some(TypeId::Dict) {
                    let m = Runtime::native(crate::builtins::N_DICT_FROMKEYS);
                    return self.new_bound(obj, m).map(Some);
                }
                let b = Runtime::blk(obj);
                Ok(match q {
                    Q___NAME__ | Q___QUALNAME__ => Some(self.heap.val(b, C_NAME)),
                    Q___BASES__ => Some(self.heap.val(b, C_BASES)),
                    Q___MRO__ => Some(self.heap.val(b, C_MRO)),
                    Q___DICT__ => Some(self.heap.val(b, C_DICT)),
                    Q___CLASS__ => Some(TypeId::Type.value()),
                    Q_MRO => {
                        Some(self.new_bound(obj, Runtime::native(crate::builtins::N_CLASS_MRO))?)
                    }
                    Q___INIT__ | Q___REPR__ | Q___STR__ | Q___EQ__ | Q___HASH__ | Q___NE__
                    | Q___NEW__ => Some(crate::builtins::object_method(q).unwrap_or(Value::NONE)),
                    _ => None,
                })
            }
            Some(Kind::Module) => {
                let g = self.heap.val(Runtime::blk(obj), MOD_GLOBALS);
                if q == Q___DICT__ {
                    self.fill_module(obj)?;
                    return Ok(Some(g));
                }
                if let Some(v) = self.dict_get_q(g, name) {
                    return Ok(Some(v));
                }
                if let Some(v) = self.module_lazy_attr(obj, name)? {
                    return Ok(Some(v));
                }
                self.module_getattr_hook(g, name, hook_raises)
            }
            Some(Kind::Function) => {
                let b = Runtime::blk(obj);
                let d = self.fn_get(b, FN_DICT);
                if d.is_heap() {
                    if let Some(v) = self.dict_get_q(d, name) {
                        return Ok(Some(v));
                    }
                }
                match q {
                    Q___NAME__ => {
                        let codev = self.heap.val(b, FN_CODE);
                        let n = self
                            .code_of(codev)
                            .map(|c| c.name.clone())
                            .unwrap_or_default();
                        return self.intern(&n).map(Some);
                    }
                    Q___QUALNAME__ => return self.function_qualname(obj).map(Some),
                    Q___MODULE__ => return Ok(Some(self.function_module(obj))),
                    Q___DOC__ => return Ok(Some(self.function_doc(obj))),
                    Q___DEFAULTS__ | Q___KWDEFAULTS__ | Q___CLOSURE__ | Q___GLOBALS__
                    | Q___CODE__ => {
                        let v = match q {
                            Q___DEFAULTS__ => self.fn_get(b, FN_DEFAULTS),
                            Q___KWDEFAULTS__ => self.fn_get(b, FN_KWDEFAULTS),
                            Q___CLOSURE__ => self.fn_get(b, FN_CLOSURE),
                            Q___GLOBALS__ => self.heap.val(b, FN_GLOBALS),
                            _ => self.heap.val(b, FN_CODE),
                        };
                        return Ok(Some(if v.is_null() { Value::NONE } else { v }));
                    }
                    Q___DICT__ => {
                        let d = self.func_dict(obj)?;
                        return Ok(Some(d));
                    }
                    _ => {}
                }
                let d = self.fn_get(b, FN_DICT);
                if d.is_heap() {
                    return Ok(self.dict_get_q(d, name));
                }
                Ok(None)
            }
            Some(Kind::BoundMethod) => {
                let b = Runtime::blk(obj);
                match q {
                    Q___SELF__ => Ok(Some(self.heap.val(b, BOUND_SELF))),
                    Q___FUNC__ => Ok(Some(self.heap.val(b, BOUND_FUNC))),
                    _ => {
                        let f = self.heap.val(b, BOUND_FUNC);
                        self.get_attr_opt(f, name)
                    }
                }
            }
            Some(Kind::Super) => self.super_attr(obj, name),
            Some(Kind::Property) => {
                let b = Runtime::blk(obj);
                Ok(match q {
                    Q_FGET => Some(self.heap.val(b, PROP_FGET)),
                    Q_FSET => Some(self.heap.val(b, PROP_FSET)),
                    Q_FDEL => Some(self.heap.val(b, PROP_FDEL)),
                    Q_GETTER | Q_SETTER | Q_DELETER => {
                        let id = crate::builtins::property_method(q);
                        Some(self.new_bound(obj, id)?)
                    }
                    _ => None,
                })
            }
            Some(Kind::MemView) if matches!(q, Q_READONLY | Q_NBYTES | Q_ITEMSIZE | Q_FORMAT) => {
                let (_, _, len, ro) = self.memview_parts(obj)?;
                let size = self.memview_itemsize(obj);
                Ok(Some(match q {
                    Q_READONLY => Value::bool(ro),
                    Q_NBYTES => Value::small((len * size) as i32),
                    Q_ITEMSIZE => Value::small(size as i32),
                    _ => {
                        let f = [self.memview_format(obj)];
                        self.new_str(core::str::from_utf8(&f).unwrap_or("B"))?
                    }
                }))
            }
            Some(Kind::Slice) | Some(Kind::Range) => {
                let b = Runtime::blk(obj);
                let i = match q {
                    Q_START => 1,
                    Q_STOP => 2,
                    Q_STEP => 3,
                    _ => return self.builtin_attr(obj, name),
                };
                Ok(Some(self.heap.val(b, i)))
            }
            Some(Kind::Generator) if q == Q___NAME__ => {
                let fr = self.heap.val(Runtime::blk(obj), GEN_FRAME);
                let codev = self.heap.val(Runtime::blk(fr), F_CODE);
                let n = self
                    .code_of(codev)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.intern(&n).map(Some)
            }
            _ => {
                if let Some(t) = TypeId::from_value(obj) {
                    if q == Q___NAME__ || q == Q___QUALNAME__ {
                        return self.intern(t.name()).map(Some);
                    }
                    return Ok(crate::builtins::type_attr(t, q));
                }
                if let Some(id) = obj.as_static() {
                    if id >= crate::value::STATIC_NATIVE_BASE && q == Q___NAME__ {
                        let n = crate::builtins::native_name(
                            self,
                            id - crate::value::STATIC_NATIVE_BASE,
                        );
                        return self.intern(n).map(Some);
                    }
                }
                self.builtin_attr(obj, name)
            }
        }
    }

    fn builtin_attr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let q = name.as_qstr().unwrap_or(0);
        if q == Q___CLASS__ {
            return Ok(Some(self.type_of(obj)));
        }
        let t = TypeId::from_value(self.type_of(obj)).unwrap_or(TypeId::Object);
        if let Some(m) = crate::builtins::method_of(t, q) {
            return self.new_bound(obj, m).map(Some);
        }
        #[cfg(feature = "complex")]
        if let Some((re, im)) = self.complex_val(obj) {
            match q {
                Q_REAL => return self.new_float(re).map(Some),
                Q_IMAG => return self.new_float(im).map(Some),
                _ => {}
            }
        }
        if self.is_int(obj) || self.kind(obj) == Some(Kind::Float) {
            match q {
                Q_REAL => return Ok(Some(obj)),
                Q_IMAG if !self.is_int(obj) => return self.new_float(0.0).map(Some),
                Q_IMAG => return Ok(Some(Value::small(0))),
                Q_NUMERATOR if self.is_int(obj) => return Ok(Some(obj)),
                Q_DENOMINATOR if self.is_int(obj) => return Ok(Some(Value::small(1))),
                _ => {}
            }
        }
        Ok(None)
    }

    /// LOAD_METHOD: `(function, self)` for methods found on the type, else `(attr, NULL)`.
    pub fn load_method(&mut self, obj: Value, name: Value) -> PyResult<(Value, Value)> {
        match self.kind(obj) {
            Some(Kind::Instance) => {
                let cls = self.heap.val(Runtime::blk(obj), INST_CLASS);
                if let Some(ca) = self.class_lookup(cls, name) {
                    if self.kind(ca) == Some(Kind::Function)
                        && self.instance_attr(obj, name).is_none()
                    {
                        return Ok((ca, obj));
                    }
                }
            }
            // `module.function(...)`: a name the module's namespace holds is the answer, read
            // at once rather than through `get_attr`'s general lookup.
            Some(Kind::Module) if name.is_qstr() && name != Value::qstr(Q___DICT__) => {
                let g = self.heap.val(Runtime::blk(obj), MOD_GLOBALS);
                if let Some(v) = self.dict_get_q(g, name) {
                    return Ok((v, Value::NULL));
                }
            }
            Some(Kind::Class)
            | Some(Kind::Module)
            | Some(Kind::Function)
            | Some(Kind::Super)
            | Some(Kind::BoundMethod) => {}
            _ => {
                if TypeId::from_value(obj).is_none() {
                    let t = TypeId::from_value(self.type_of(obj)).unwrap_or(TypeId::Object);
                    if let Some(m) = name
                        .as_qstr()
                        .and_then(|q| crate::builtins::method_of(t, q))
                    {
                        return Ok((m, obj));
                    }
                }
            }
        }
        let v = self.get_attr(obj, name)?;
        Ok((v, Value::NULL))
    }

    /// `setattr(obj, name, v)`.
    pub fn set_attr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        let name = if name.is_qstr() {
            name
        } else {
            self.intern_value(name)?
        };
        match self.kind(obj) {
            Some(Kind::Instance) => {
                let cls = self.heap.val(Runtime::blk(obj), INST_CLASS);
                if name == Value::qstr(Q___CAUSE__) && self.is_exception(obj) {
                    // Setting a cause hides the context in tracebacks, as `raise … from` does.
                    self.set_attr_dict(obj, Value::qstr(Q___SUPPRESS_CONTEXT__), Value::TRUE)?;
                }
                let flags = self.class_flags(cls);
                if flags & (CLASS_HAS_PROPERTY | CLASS_HAS_SETATTR) == 0 {
                    return self.set_attr_dict(obj, name, v);
                }
                if let Some(sa) = self.class_lookup(cls, Value::qstr(Q___SETATTR__)) {
                    if self.kind(sa) == Some(Kind::Function) {
                        self.call(sa, &[obj, name, v], Value::NULL)?;
                        return Ok(());
                    }
                }
                if let Some(ca) = self.class_lookup(cls, name) {
                    if let Some(s) = self.special(ca, Q___SET__) {
                        self.pin(s);
                        let r = self.call(s, &[ca, obj, v], Value::NULL);
                        self.unpin(1);
                        return r.map(|_| ());
                    }
                    if self.kind(ca) == Some(Kind::Property) {
                        let s = self.heap.val(Runtime::blk(ca), PROP_FSET);
                        if s == Value::NONE || s.is_null() {
                            return Err(self.raise_with(
                                ExcKind::AttributeError,
                                "can't set attribute '{}'",
                                &[self.display_name(name).arg()],
                            ));
                        }
                        self.call(s, &[obj, v], Value::NULL)?;
                        return Ok(());
                    }
                }
                self.set_attr_dict(obj, name, v)
            }
            Some(Kind::Class) => {
                self.class_note_attr(obj, name, v);
                self.set_attr_dict(obj, name, v)
            }
            Some(Kind::Module) => self.set_attr_dict(obj, name, v),
            Some(Kind::Function) => {
                let d = self.func_dict(obj)?;
                self.dict_set(d, name, v)
            }
            _ if name == Value::qstr(Q___CLASS__) => Err(self.type_error(crate::packed!(
                "__class__ assignment only supported for mutable types or ModuleType subclasses"
            ))),
            _ => Err(self.object_attr_error(self.type_name(obj), name)),
        }
    }

    /// `delattr(obj, name)`.
    pub fn del_attr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        let name = if name.is_qstr() {
            name
        } else {
            self.intern_value(name)?
        };
        if self.kind(obj) == Some(Kind::Instance) {
            let cls = self.heap.val(Runtime::blk(obj), INST_CLASS);
            if let Some(ca) = self.class_lookup(cls, name) {
                if let Some(d) = self.special(ca, Q___DELETE__) {
                    self.pin(d);
                    let r = self.call(d, &[ca, obj], Value::NULL);
                    self.unpin(1);
                    return r.map(|_| ());
                }
                if self.kind(ca) == Some(Kind::Property) {
                    let d = self.heap.val(Runtime::blk(ca), PROP_FDEL);
                    if d.is_heap()
                        || d.as_static()
                            .is_some_and(|s| s >= crate::value::STATIC_NATIVE_BASE)
                    {
                        self.call(d, &[obj], Value::NULL)?;
                        return Ok(());
                    }
                }
            }
        }
        let d = self.attr_dict(obj);
        if d.is_heap() && self.dict_del(d, name)?.is_some() {
            return Ok(());
        }
        Err(self.attr_error(obj, name))
    }

    fn func_dict(&mut self, f: Value) -> PyResult<Value> {
        let b = Runtime::blk(f);
        let d = self.fn_get(b, FN_DICT);
        if d.is_heap() {
            return Ok(d);
        }
        self.pin(f);
        let r = self.new_dict();
        let d = match r {
            Ok(d) => d,
            Err(e) => {
                self.unpin(1);
                return Err(e);
            }
        };
        let r = self.fn_set(f, FN_DICT, d);
        self.unpin(1);
        r.map(|()| d)
    }

    fn super_attr(&mut self, sup: Value, name: Value) -> PyResult<Option<Value>> {
        let b = Runtime::blk(sup);
        let cls = self.heap.val(b, SUPER_CLASS);
        let this = self.heap.val(b, SUPER_SELF);
        let start = if self.kind(this) == Some(Kind::Class) {
            this
        } else {
            self.type_of(this)
        };
        if self.kind(start) != Some(Kind::Class) {
            return Ok(None);
        }
        let mro = self.heap.val(Runtime::blk(start), C_MRO);
        let n = self.seq_len(mro);
        let mut found = false;
        for i in 0..n {
            let c = self.seq_get(mro, i);
            if found {
                if self.kind(c) == Some(Kind::Class) {
                    let d = self.heap.val(Runtime::blk(c), C_DICT);
                    if let Some(v) = self.dict_get_q(d, name) {
                        if self.kind(this) == Some(Kind::Class) {
                            return Ok(Some(match self.kind(v) {
                                Some(Kind::ClassMethod) => {
                                    let f = self.heap.val(Runtime::blk(v), WRAPPED_FUNC);
                                    self.new_bound(this, f)?
                                }
                                Some(Kind::StaticMethod) => {
                                    self.heap.val(Runtime::blk(v), WRAPPED_FUNC)
                                }
                                _ => v,
                            }));
                        }
                        return self.bind(this, start, v).map(Some);
                    }
                } else if let Some(q) = name.as_qstr() {
                    if let Some(r) = self.super_builtin_attr(c, this, q)? {
                        return Ok(Some(r));
                    }
                    if q == Q___NEW__ {
                        return Ok(crate::builtins::object_method(q));
                    }
                    if let Some(m) = crate::builtins::object_method(q) {
                        return self.new_bound(this, m).map(Some);
                    }
                }
            } else if c == cls {
                found = true;
            }
        }
        Ok(None)
    }

    /// `super().name` resolved on builtin type `t` of the MRO (other than `object`): `__new__`
    /// stays unbound, `__init__` re-initialises the wrapped value, other methods bind to it.
    fn super_builtin_attr(&mut self, t: Value, this: Value, q: u32) -> PyResult<Option<Value>> {
        let Some(t) = TypeId::from_value(t).filter(|t| *t != TypeId::Object) else {
            return Ok(None);
        };
        match q {
            Q___NEW__ => Ok(crate::builtins::type_attr(t, q)),
            Q___INIT__ => self
                .new_bound(this, crate::builtins::builtin_init_method())
                .map(Some),
            _ => match self.base_value(this) {
                Some(base) => match crate::builtins::method_of(t, q) {
                    Some(m) => self.new_bound(base, m).map(Some),
                    None => Ok(None),
                },
                None => Ok(None),
            },
        }
    }
}
