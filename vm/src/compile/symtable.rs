//! Scope analysis (CPython's `symtable.c`): which names are local, global, free or cells in
//! each module, class, function, lambda and comprehension scope.
//!
//! Two passes: [`build`] walks the AST recording how every name is used in every scope (and
//! reports misplaced `return`/`yield`/`await`/`nonlocal`/`global`); the analysis then resolves
//! each name against the enclosing function scopes. Scopes are found again by the code
//! generator through the address of the AST node that opened them, which stays put because
//! the tree is only borrowed between the passes.
//!
//! Invariant: recursion follows the AST, whose height is bounded by the parser, and is also
//! checked against the stack guard.

use super::name_map::NameMap;
use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::ast::*;
use super::error::{message, Result, SyntaxError};
use super::stack::StackGuard;
use crate::format::message::{fill, ToArg};

/// What kind of code a scope compiles to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    /// Module top level (also REPL input and `eval`).
    Module,
    /// A class body.
    Class,
    /// A `def` or `async def`.
    Function,
    /// A `lambda`.
    Lambda,
    /// A list/set/dict comprehension or generator expression.
    Comprehension,
}

/// Where a name lives, once resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A fast local (function scopes) or a locals-mapping entry (module and class scopes).
    Local,
    /// A local captured by an inner scope: a cell of this scope.
    Cell,
    /// A variable of an enclosing function scope.
    Free,
    /// Declared `global`.
    GlobalExplicit,
    /// Not bound anywhere visible: a global or builtin.
    GlobalImplicit,
}

const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;
/// A class-body local that inner scopes also see as a free variable of an outer function.
const DEF_FREE_CLASS: u8 = 32;

/// One name in one scope.
#[derive(Clone, Debug)]
pub struct Symbol {
    /// The name.
    pub name: String,
    flags: u8,
    /// Where it lives.
    pub resolved: Resolved,
}

impl Symbol {
    /// Whether a class body uses the name locally and also passes it to inner scopes.
    pub fn is_free_class(&self) -> bool {
        self.flags & DEF_FREE_CLASS != 0
    }
}

/// One scope and its symbols.
#[derive(Clone, Debug)]
pub struct Scope {
    /// Kind of scope.
    pub kind: ScopeKind,
    /// `__name__` of the code object.
    pub name: String,
    /// `__qualname__` of the code object.
    pub qualname: String,
    /// Line where the scope starts.
    pub line: u32,
    /// Symbols in first-seen order.
    pub symbols: Vec<Symbol>,
    index: NameMap,
    /// Parameters in frame-slot order.
    pub params: Vec<String>,
    /// Inner scopes in source order.
    pub children: Vec<usize>,
    parent: Option<usize>,
    /// Contains `yield` (or is a generator expression).
    pub generator: bool,
    /// An `async def`.
    pub coroutine: bool,
    /// A class body whose methods use `super` or `__class__`.
    pub needs_class_cell: bool,
}

impl Scope {
    /// Adds a new scope to `scopes`; its id. Out of line: built for the module and every
    /// nested scope, inlined it costs a copy each; and built in the call that pushes it, not
    /// returned to be copied into the list.
    #[inline(never)]
    fn push(
        scopes: &mut Vec<Scope>,
        kind: ScopeKind,
        name: String,
        qualname: String,
        line: u32,
        parent: Option<usize>,
    ) -> usize {
        scopes.push(Scope {
            kind,
            name,
            qualname,
            line,
            symbols: Vec::new(),
            index: NameMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            parent,
            generator: false,
            coroutine: false,
            needs_class_cell: false,
        });
        scopes.len() - 1
    }

    /// Whether names here are fast locals (function-like scopes).
    pub fn is_function(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }

    /// The symbol for `name`, if the scope mentions it.
    pub fn symbol(&self, name: &str) -> Option<&Symbol> {
        self.index
            .get(name)
            .and_then(|i| self.symbols.get(i as usize))
    }

    /// Where `name` lives (names a scope never mentions are implicit globals).
    pub fn resolve(&self, name: &str) -> Resolved {
        self.symbol(name)
            .map_or(Resolved::GlobalImplicit, |s| s.resolved)
    }

    /// Cell variables, in slot order.
    pub fn cellvars(&self) -> Vec<String> {
        let mut cells = self.names_where(|s| s.resolved == Resolved::Cell);
        if self.needs_class_cell {
            cells.push(String::from("__class__"));
        }
        cells
    }

    /// Free variables, in slot order after the cells.
    pub fn freevars(&self) -> Vec<String> {
        self.names_where(|s| s.resolved == Resolved::Free || s.is_free_class())
    }

    /// The names of the symbols `keep` accepts, in order (a function pointer: one copy of the
    /// collecting loop for cells and free variables).
    fn names_where(&self, keep: fn(&Symbol) -> bool) -> Vec<String> {
        self.symbols
            .iter()
            .filter(|s| keep(s))
            .map(|s| s.name.clone())
            .collect()
    }

    /// Fast locals: the parameters, then every other local in first-seen order (borrowed: the
    /// code generator copies each into its unit's table anyway).
    pub fn varnames(&self) -> impl Iterator<Item = &str> {
        let function = self.is_function();
        let others = self.symbols.iter().filter(move |s| {
            function
                && matches!(s.resolved, Resolved::Local | Resolved::Cell)
                && s.flags & DEF_PARAM == 0
        });
        self.params
            .iter()
            .map(String::as_str)
            .chain(others.map(|s| s.name.as_str()))
    }

    fn add(&mut self, name: &str, flag: u8) -> &mut Symbol {
        let i = match self.index.get(name) {
            Some(i) => i as usize,
            None => {
                self.symbols.push(Symbol {
                    name: name.to_owned(),
                    flags: 0,
                    resolved: Resolved::GlobalImplicit,
                });
                let i = self.symbols.len() - 1;
                self.index.insert(name, i as u32);
                i
            }
        };
        let sym = &mut self.symbols[i];
        sym.flags |= flag;
        sym
    }
}

/// Every scope of one compilation, the module scope first.
#[derive(Debug)]
pub struct SymbolTable {
    /// All scopes; index 0 is the top level.
    pub scopes: Vec<Scope>,
    /// Scope ids by the address of the AST node that opens them.
    by_node: NameMap,
}

impl SymbolTable {
    /// Scope `id` (an id this table handed out). Out of line and without `#[track_caller]`:
    /// one bounds check for the passes' many lookups instead of a panic location at each.
    /// `self` goes through `black_box` so that LLVM passes the table, not `scopes`' pointer
    /// and length loaded at each call site.
    #[inline(never)]
    pub fn scope(&self, id: usize) -> &Scope {
        &core::hint::black_box(self).scopes[id]
    }

    /// [`Self::scope`], mutable.
    #[inline(never)]
    fn scope_mut(&mut self, id: usize) -> &mut Scope {
        &mut core::hint::black_box(self).scopes[id]
    }

    /// The scope opened by the AST node at `node` (a `FunctionDef`, `ClassDef` or `Expr`); an
    /// internal error at `line`, `col` if it opened none.
    pub fn scope_for<T>(&self, node: &T, line: u32, col: u32) -> Result<usize> {
        self.scope_at(address(node), line, col)
    }

    /// [`Self::scope_for`] by the node's address: one copy of the lookup and its error for
    /// every kind of node.
    #[inline(never)]
    fn scope_at(&self, at: usize, line: u32, col: u32) -> Result<usize> {
        match self.by_node.get_bytes(&at.to_le_bytes()) {
            Some(i) => Ok(i as usize),
            None => Err(err(
                crate::packed!("internal compiler error: no scope"),
                line,
                col,
            )),
        }
    }
}

/// The address of an AST node, by which the code generator finds the scope it opened.
fn address<T>(node: &T) -> usize {
    node as *const T as usize
}

/// What to analyse: statements (module, REPL input) or one expression (`eval`).
#[derive(Clone, Copy)]
pub enum Top<'a> {
    /// A module or interactive input.
    Stmts(&'a [Stmt]),
    /// An `eval` expression.
    Expr(&'a Expr),
}

/// CPython's private name mangling: inside class `private`, `__name` (not ending in `__`)
/// becomes `_Private__name` (leading underscores of the class name dropped); the name owned, as
/// every caller keeps it past the class name it borrows.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let class = private.map_or("", |class| class.trim_start_matches('_'));
    if class.is_empty()
        || !name.starts_with("__")
        || name.ends_with("__")
        || name.as_bytes().contains(&b'.')
    {
        return String::from(name);
    }
    ["_", class, name].concat()
}

/// A dotted name's part before its first dot (all of it without one), by a byte scan: core's
/// char splitting is more code at each use.
pub(crate) fn first_component(name: &str) -> &str {
    let end = name.bytes().position(|b| b == b'.').unwrap_or(name.len());
    name.get(..end).unwrap_or(name)
}

/// Builds and resolves the symbol table of a module.
pub fn build(top: Top<'_>, guard: StackGuard) -> Result<SymbolTable> {
    build_with(top, &mut ModuleNames::default(), guard)
}

/// How the top-level statements of a module analysed so far used each module-level name, so
/// the next statement can be analysed alone ([`build_part`]): a later `global x` must still
/// see that `x` was assigned before it, and names declared `global` stay global.
#[derive(Default)]
pub struct ModuleNames {
    flags: NameMap,
}

/// Builds and resolves the symbol table of one top-level statement (or `;`-joined group) of a
/// module, after the statements `earlier` has seen; adds this one's module-level names to it.
/// Every scope other than the module's lies inside one top-level statement, so the tables of
/// the parts resolve every name as the table of the whole module would.
pub fn build_part(
    body: &[Stmt],
    earlier: &mut ModuleNames,
    guard: StackGuard,
) -> Result<SymbolTable> {
    build_with(Top::Stmts(body), earlier, guard)
}

fn build_with(top: Top<'_>, earlier: &mut ModuleNames, guard: StackGuard) -> Result<SymbolTable> {
    let mut scopes = Vec::new();
    Scope::push(
        &mut scopes,
        ScopeKind::Module,
        String::from("<module>"),
        String::from("<module>"),
        1,
        None,
    );
    let mut b = Builder {
        earlier: &mut earlier.flags,
        table: SymbolTable {
            scopes,
            by_node: NameMap::new(),
        },
        current: 0,
        private: None,
        guard,
    };
    for (name, flags) in b.earlier.iter() {
        if flags & u32::from(DEF_GLOBAL) != 0 {
            b.table.scope_mut(0).add(name, DEF_GLOBAL);
        }
    }
    match top {
        Top::Stmts(body) => b.stmts(body)?,
        Top::Expr(e) => b.expr(e)?,
    }
    // The builder's table and names are used where they lie (moved out, each was a copy).
    for s in &b.table.scope(0).symbols {
        let was = b.earlier.get(&s.name).unwrap_or(0);
        b.earlier.insert(&s.name, was | u32::from(s.flags));
    }
    analyze(
        &mut b.table,
        0,
        &NameMap::new(),
        &NameMap::new(),
        &mut NameMap::new(),
        guard,
    )?;
    Ok(b.table)
}

struct Builder<'e> {
    /// Module-level names of earlier top-level statements, with their flags.
    earlier: &'e mut NameMap,
    table: SymbolTable,
    current: usize,
    /// Name of the innermost enclosing class, for mangling.
    private: Option<String>,
    guard: StackGuard,
}

fn err(msg: impl Into<String>, line: u32, col: u32) -> Box<SyntaxError> {
    SyntaxError::syntax(msg, line, col)
}

impl Builder<'_> {
    fn scope(&mut self) -> &mut Scope {
        self.table.scope_mut(self.current)
    }

    fn check_stack(&self, line: u32, col: u32) -> Result<()> {
        if self.guard.exhausted() {
            return Err(err(
                crate::packed!("too many nested parentheses"),
                line,
                col,
            ));
        }
        Ok(())
    }

    /// Opens the scope of the node at address `at` (see [`SymbolTable::scope_for`]); the
    /// address, not the node: a generic function was a copy per node type, two of them
    /// inlined into `stmt`.
    #[inline(never)]
    fn push_scope(&mut self, at: usize, kind: ScopeKind, name: &str, line: u32) -> usize {
        let parent = self.scope();
        let qualname = match parent.kind {
            ScopeKind::Module => name.to_owned(),
            kind => {
                let sep = if kind == ScopeKind::Class {
                    "."
                } else {
                    ".<locals>."
                };
                [parent.qualname.as_str(), sep, name].concat()
            }
        };
        let parent = Some(self.current);
        let id = Scope::push(
            &mut self.table.scopes,
            kind,
            name.to_owned(),
            qualname,
            line,
            parent,
        );
        self.table.scope_mut(self.current).children.push(id);
        self.table
            .by_node
            .insert_bytes(&at.to_le_bytes(), id as u32);
        let outer = self.current;
        self.current = id;
        outer
    }

    fn add(&mut self, name: &str, flag: u8) {
        let name = mangle(self.private.as_deref(), name);
        self.scope().add(&name, flag);
    }

    fn def(&mut self, name: &str) {
        self.add(name, DEF_LOCAL);
    }

    fn use_name(&mut self, name: &str) {
        self.add(name, USE);
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    /// Walks each of `items`: one out-of-line loop for the many lists of expressions.
    #[inline(never)]
    fn exprs(&mut self, items: &[Expr]) -> Result<()> {
        for e in items {
            self.expr(e)?;
        }
        Ok(())
    }

    fn params(&mut self, args: &Arguments) {
        for a in args.all() {
            let name = mangle(self.private.as_deref(), &a.name);
            self.scope().add(&name, DEF_PARAM | DEF_LOCAL);
            self.scope().params.push(name);
        }
    }

    fn defaults(&mut self, args: &Arguments) -> Result<()> {
        for d in args
            .defaults
            .iter()
            .chain(args.kw_defaults.iter().flatten())
        {
            self.expr(d)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<()> {
        self.check_stack(s.line, s.col)?;
        match &s.kind {
            StmtKind::FunctionDef(f) => {
                self.exprs(&f.decorators)?;
                self.defaults(&f.args)?;
                self.def(&f.name);
                let outer = self.push_scope(address(&**f), ScopeKind::Function, &f.name, s.line);
                self.scope().coroutine = f.is_async;
                self.params(&f.args);
                self.stmts(&f.body)?;
                let scope = self.scope();
                if scope.coroutine && scope.generator {
                    return Err(err(
                        crate::packed!("async generators are not supported"),
                        s.line,
                        s.col,
                    ));
                }
                self.current = outer;
            }
            StmtKind::ClassDef(c) => {
                self.exprs(&c.decorators)?;
                self.exprs(&c.bases)?;
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.def(&c.name);
                let outer = self.push_scope(address(&**c), ScopeKind::Class, &c.name, s.line);
                let outer_private = self.private.replace(c.name.clone());
                self.stmts(&c.body)?;
                self.private = outer_private;
                self.current = outer;
            }
            StmtKind::Return(value) => {
                if !self.scope().is_function() {
                    return Err(err(
                        crate::packed!("'return' outside function"),
                        s.line,
                        s.col,
                    ));
                }
                if let Some(v) = value {
                    self.expr(v)?;
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n);
                }
                self.target(target)?;
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                self.target(target)?;
            }
            StmtKind::For(f) => {
                let For {
                    target,
                    iter,
                    body,
                    orelse,
                    is_async,
                } = &**f;
                if *is_async && !self.scope().coroutine {
                    return Err(err(
                        crate::packed!("'async for' outside async function"),
                        s.line,
                        s.col,
                    ));
                }
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)?;
            }
            StmtKind::If { branches, orelse } => {
                for (test, body) in branches {
                    self.expr(test)?;
                    self.stmts(body)?;
                }
                self.stmts(orelse)?;
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async && !self.scope().coroutine {
                    return Err(err(
                        crate::packed!("'async with' outside async function"),
                        s.line,
                        s.col,
                    ));
                }
                for item in items {
                    self.expr(&item.context_expr)?;
                    if let Some(t) = &item.optional_vars {
                        self.target(t)?;
                    }
                }
                self.stmts(body)?;
            }
            StmtKind::Raise { exc, cause } => {
                for e in exc.iter().chain(cause) {
                    self.expr(e)?;
                }
            }
            StmtKind::Try(t) => {
                let Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } = &**t;
                self.stmts(body)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.def(n);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(orelse)?;
                self.stmts(finalbody)?;
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                if let Some(m) = msg {
                    self.expr(m)?;
                }
            }
            StmtKind::Import(names) => {
                for a in names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str(),
                        None => first_component(&a.name),
                    };
                    self.def(bound);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.scope().kind != ScopeKind::Module {
                            return Err(err(
                                crate::packed!("import * only allowed at module level"),
                                s.line,
                                s.col,
                            ));
                        }
                        continue;
                    }
                    self.def(a.asname.as_ref().unwrap_or(&a.name));
                }
            }
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                let global = matches!(s.kind, StmtKind::Global(_));
                let kind = self.scope().kind;
                if !global && kind == ScopeKind::Module {
                    return Err(err(
                        crate::packed!("nonlocal declaration not allowed at module level"),
                        s.line,
                        s.col,
                    ));
                }
                let what = if global { "global" } else { "nonlocal" };
                for name in names {
                    let name = &*mangle(self.private.as_deref(), name);
                    let mut flags = self.scope().symbol(name).map_or(0, |s| s.flags);
                    if self.current == 0 {
                        flags |= self.earlier.get(name).unwrap_or(0) as u8;
                    }
                    // What is wrong, around the declaration's kind: one message built for all.
                    let other = if global { DEF_NONLOCAL } else { DEF_GLOBAL };
                    let problem = if flags & DEF_PARAM != 0 {
                        Some(("is parameter and ", what, ""))
                    } else if flags & other != 0 {
                        Some(("is nonlocal and global", "", ""))
                    } else if flags & DEF_LOCAL != 0 {
                        Some(("is assigned to before ", what, " declaration"))
                    } else if flags & USE != 0 {
                        Some(("is used prior to ", what, " declaration"))
                    } else {
                        None
                    };
                    if let Some((before, kind, after)) = problem {
                        let msg = fill(
                            "name '{}' {}{}{}",
                            &[name.arg(), before.arg(), kind.arg(), after.arg()],
                        );
                        return Err(err(msg, s.line, s.col));
                    }
                    let flag = if global { DEF_GLOBAL } else { DEF_NONLOCAL };
                    self.scope().add(name, flag);
                }
            }
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
        Ok(())
    }

    /// A binding target: names are defined, everything else is evaluated.
    fn target(&mut self, t: &Expr) -> Result<()> {
        match &t.kind {
            ExprKind::Name(n) => {
                self.def(n);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(t),
        }
    }

    fn comprehension(
        &mut self,
        node: &Expr,
        name: &str,
        generators: &[Comprehension],
        elts: &[&Expr],
    ) -> Result<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        self.expr(&first.iter)?;
        let outer = self.push_scope(address(node), ScopeKind::Comprehension, name, node.line);
        self.scope().add(".0", DEF_PARAM | DEF_LOCAL);
        self.scope().params.push(String::from(".0"));
        if name == "<genexpr>" {
            self.scope().generator = true;
        }
        for (i, g) in generators.iter().enumerate() {
            if i > 0 {
                self.expr(&g.iter)?;
            }
            self.target(&g.target)?;
            self.exprs(&g.ifs)?;
        }
        for e in elts {
            self.expr(e)?;
        }
        self.current = outer;
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> Result<()> {
        self.check_stack(e.line, e.col)?;
        match &e.kind {
            ExprKind::Name(n) => {
                self.use_name(n);
                let scope = self.scope();
                if n == "super" && scope.is_function() {
                    self.use_name("__class__");
                }
            }
            ExprKind::Constant(_) => {}
            ExprKind::JoinedStr(v)
            | ExprKind::Set(v)
            | ExprKind::List(v)
            | ExprKind::Tuple(v)
            | ExprKind::BoolOp { values: v, .. } => {
                self.exprs(v)?;
            }
            ExprKind::FormattedValue { value, spec, .. } => {
                self.expr(value)?;
                if let Some(s) = spec {
                    self.expr(s)?;
                }
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                let ExprKind::Name(n) = &target.kind else {
                    return Err(err(
                        crate::packed!("cannot use assignment expressions here"),
                        e.line,
                        e.col,
                    ));
                };
                let n = &*mangle(self.private.as_deref(), n);
                // PEP 572: the target binds in the nearest enclosing non-comprehension scope.
                let mut scope = self.current;
                while self.table.scope(scope).kind == ScopeKind::Comprehension {
                    if self
                        .table
                        .scope(scope)
                        .symbol(n)
                        .is_some_and(|s| s.flags & DEF_LOCAL != 0 && s.flags & DEF_NONLOCAL == 0)
                    {
                        return Err(err(
                            message(
                                "assignment expression cannot rebind comprehension iteration variable '",
                                n,
                                "'",
                            ),
                            e.line,
                            e.col,
                        ));
                    }
                    self.table.scope_mut(scope).add(n, DEF_NONLOCAL);
                    scope = self.table.scope(scope).parent.unwrap_or(0);
                }
                if scope != self.current {
                    if self.table.scope(scope).kind == ScopeKind::Class {
                        return Err(err(
                            crate::packed!("assignment expression within a comprehension cannot be used in a class body"),
                            e.line,
                            e.col,
                        ));
                    }
                    if self.table.scope(scope).kind == ScopeKind::Module {
                        let mut inner = self.current;
                        while inner != scope {
                            let sym = self.table.scope_mut(inner).add(n, 0);
                            sym.flags = (sym.flags & !DEF_NONLOCAL) | DEF_GLOBAL;
                            inner = self.table.scope(inner).parent.unwrap_or(0);
                        }
                    }
                }
                self.table.scope_mut(scope).add(n, DEF_LOCAL);
            }
            ExprKind::BinOp { .. } => {
                // Left spines of chains are walked in a loop (see the code generator).
                let mut rights = Vec::new();
                let mut first = e;
                while let ExprKind::BinOp { left, right, .. } = &first.kind {
                    rights.push(&**right);
                    first = left;
                }
                self.expr(first)?;
                for right in rights.into_iter().rev() {
                    self.expr(right)?;
                }
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda { args, body } => {
                self.defaults(args)?;
                let outer = self.push_scope(address(e), ScopeKind::Lambda, "<lambda>", e.line);
                self.params(args);
                self.expr(body)?;
                self.current = outer;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)?;
            }
            ExprKind::Dict { keys, values } => {
                for k in keys.iter().flatten() {
                    self.expr(k)?;
                }
                self.exprs(values)?;
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, "<listcomp>", generators, &[elt])?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, "<setcomp>", generators, &[elt])?
            }
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, "<genexpr>", generators, &[elt])?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, "<dictcomp>", generators, &[key, value])?,
            ExprKind::Await(v) => {
                let scope = self.scope();
                let msg = match scope.kind {
                    ScopeKind::Module | ScopeKind::Class => Some("'await' outside function"),
                    ScopeKind::Comprehension => {
                        Some("'await' inside a comprehension is not supported")
                    }
                    _ if !scope.coroutine => Some("'await' outside async function"),
                    _ => None,
                };
                if let Some(msg) = msg {
                    return Err(err(msg, e.line, e.col));
                }
                self.expr(v)?;
            }
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => {
                let scope = self.scope();
                match scope.kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        return Err(err(
                            crate::packed!("'yield' outside function"),
                            e.line,
                            e.col,
                        ))
                    }
                    ScopeKind::Comprehension => {
                        // The scope's name is `<listcomp>`, `<setcomp>`, `<dictcomp>` or
                        // `<genexpr>`: its second byte tells them apart.
                        let what = match scope.name.as_bytes().get(1) {
                            Some(b'l') => "list comprehension",
                            Some(b's') => "set comprehension",
                            Some(b'd') => "dict comprehension",
                            _ => "generator expression",
                        };
                        return Err(err(message("'yield' inside ", what, ""), e.line, e.col));
                    }
                    _ => {}
                }
                if scope.coroutine {
                    if matches!(e.kind, ExprKind::YieldFrom(_)) {
                        return Err(err(
                            crate::packed!("'yield from' inside async function"),
                            e.line,
                            e.col,
                        ));
                    }
                    return Err(err(
                        crate::packed!("async generators are not supported"),
                        e.line,
                        e.col,
                    ));
                }
                self.scope().generator = true;
                match &e.kind {
                    ExprKind::Yield(Some(v)) | ExprKind::YieldFrom(v) => self.expr(v)?,
                    _ => {}
                }
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                self.exprs(comparators)?;
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                self.exprs(args)?;
                for k in keywords {
                    self.expr(&k.value)?;
                }
            }
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
            }
            ExprKind::Starred(v) => self.expr(v)?,
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
            }
        }
        Ok(())
    }
}

/// Resolves the names of scope `id` given the names `bound` in enclosing function scopes and
/// the names declared global there; adds the free names this scope needs from outside to
/// `free` (its parent's set of what its children need, filled by each child in place).
fn analyze(
    table: &mut SymbolTable,
    id: usize,
    bound: &NameMap,
    globals: &NameMap,
    free: &mut NameMap,
    guard: StackGuard,
) -> Result<()> {
    let line = table.scope(id).line;
    if guard.exhausted() {
        return Err(err(crate::packed!("too many nested parentheses"), line, 0));
    }
    let mut local = NameMap::new();
    let mut new_globals = globals.clone();
    let mut new_bound = bound.clone();
    let kind = table.scope(id).kind;
    for sym in &mut table.scope_mut(id).symbols {
        let name = &sym.name;
        sym.resolved = if sym.flags & DEF_GLOBAL != 0 {
            new_globals.add(name);
            new_bound.remove(name);
            Resolved::GlobalExplicit
        } else if sym.flags & DEF_NONLOCAL != 0 {
            if !bound.contains(name) {
                return Err(err(
                    message("no binding for nonlocal '", name, "' found"),
                    line,
                    0,
                ));
            }
            free.add(name);
            Resolved::Free
        } else if sym.flags & (DEF_LOCAL | DEF_PARAM) != 0 {
            local.add(name);
            new_globals.remove(name);
            Resolved::Local
        } else if bound.contains(name) {
            free.add(name);
            Resolved::Free
        } else {
            Resolved::GlobalImplicit
        };
    }
    match kind {
        ScopeKind::Class => {
            new_bound.add("__class__");
        }
        ScopeKind::Module => {}
        _ => {
            for (name, _) in local.iter() {
                new_bound.add(name);
            }
        }
    }
    let mut child_free = NameMap::new();
    let children = table.scope(id).children.clone();
    for child in children {
        analyze(
            table,
            child,
            &new_bound,
            &new_globals,
            &mut child_free,
            guard,
        )?;
    }
    let scope = table.scope_mut(id);
    if kind == ScopeKind::Class && child_free.remove("__class__") {
        scope.needs_class_cell = true;
    }
    let is_function = scope.is_function();
    for (name, _) in child_free.iter() {
        let known = scope
            .index
            .get(name)
            .and_then(|i| scope.symbols.get_mut(i as usize));
        match known {
            Some(sym) if is_function && sym.resolved == Resolved::Local => {
                sym.resolved = Resolved::Cell;
            }
            Some(sym) if sym.resolved == Resolved::GlobalExplicit => {}
            Some(sym) if kind == ScopeKind::Class && sym.resolved == Resolved::Local => {
                sym.flags |= DEF_FREE_CLASS;
                free.add(name);
            }
            Some(sym) if sym.resolved == Resolved::GlobalImplicit => {
                sym.resolved = Resolved::Free;
                free.add(name);
            }
            Some(_) => {
                free.add(name);
            }
            None => {
                scope.add(name, 0).resolved = Resolved::Free;
                free.add(name);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::parser::parse_module;
    use crate::compile::stack::DEFAULT_STACK_BUDGET;

    fn table(src: &str) -> Result<SymbolTable> {
        let guard = StackGuard::new(DEFAULT_STACK_BUDGET);
        let body = parse_module(src, guard)?;
        build(Top::Stmts(&body), guard)
    }

    fn scope<'a>(t: &'a SymbolTable, qualname: &str) -> &'a Scope {
        t.scopes
            .iter()
            .find(|s| s.qualname == qualname)
            .unwrap_or_else(|| panic!("no scope {qualname}"))
    }

    #[test]
    fn locals_cells_and_free_variables() {
        let t = table(
            "g = 1\ndef f(a):\n    b = a\n    def h():\n        return a + b + g\n    return h\n",
        )
        .unwrap();
        let f = scope(&t, "f");
        assert_eq!(f.resolve("a"), Resolved::Cell);
        assert_eq!(f.resolve("b"), Resolved::Cell);
        assert_eq!(f.varnames().collect::<Vec<_>>(), ["a", "b", "h"]);
        assert_eq!(f.cellvars(), ["a", "b"]);
        let h = scope(&t, "f.<locals>.h");
        assert_eq!(h.resolve("a"), Resolved::Free);
        assert_eq!(h.resolve("g"), Resolved::GlobalImplicit);
        assert_eq!(h.freevars(), ["a", "b"]);
        assert_eq!(t.scopes[0].resolve("g"), Resolved::Local);
    }

    #[test]
    fn free_variables_pass_through_intermediate_scopes() {
        let t = table("def f():\n x = 1\n def g():\n  def h():\n   return x\n").unwrap();
        assert_eq!(scope(&t, "f").resolve("x"), Resolved::Cell);
        assert_eq!(scope(&t, "f.<locals>.g").freevars(), ["x"]);
        assert_eq!(scope(&t, "f.<locals>.g.<locals>.h").freevars(), ["x"]);
    }

    #[test]
    fn global_and_nonlocal_declarations() {
        let t = table("def f():\n global x\n x = 1\n y = 2\n def g():\n  nonlocal y\n  y = 3\n")
            .unwrap();
        assert_eq!(scope(&t, "f").resolve("x"), Resolved::GlobalExplicit);
        assert_eq!(scope(&t, "f").resolve("y"), Resolved::Cell);
        assert_eq!(scope(&t, "f.<locals>.g").resolve("y"), Resolved::Free);
    }

    #[test]
    fn class_scopes_are_not_visible_to_methods() {
        let t = table("class A:\n x = 1\n def m(self):\n  return x\n").unwrap();
        assert_eq!(scope(&t, "A.m").resolve("x"), Resolved::GlobalImplicit);
        assert!(!scope(&t, "A").needs_class_cell);
    }

    #[test]
    fn super_gives_the_class_a_class_cell() {
        let t = table("class A(B):\n def m(self):\n  return super().m()\n").unwrap();
        assert!(scope(&t, "A").needs_class_cell);
        assert_eq!(scope(&t, "A").cellvars(), ["__class__"]);
        assert_eq!(scope(&t, "A.m").freevars(), ["__class__"]);
    }

    #[test]
    fn class_local_also_free_for_methods() {
        let t =
            table("def f():\n x = 1\n class A:\n  x = 2\n  def m(self):\n   return x\n").unwrap();
        let a = scope(&t, "f.<locals>.A");
        assert_eq!(a.resolve("x"), Resolved::Local);
        assert_eq!(a.freevars(), ["x"]);
        assert_eq!(scope(&t, "f").resolve("x"), Resolved::Cell);
    }

    #[test]
    fn private_names_are_mangled_inside_classes() {
        assert_eq!(mangle(Some("_A"), "__x"), "_A__x");
        assert_eq!(mangle(Some("A"), "__x__"), "__x__");
        assert_eq!(mangle(Some("__"), "__x"), "__x");
        assert_eq!(mangle(None, "__x"), "__x");
        let t = table("class A:\n __x = 1\n def __m(self, __p):\n  return __p\n").unwrap();
        assert_eq!(scope(&t, "A").resolve("_A__x"), Resolved::Local);
        assert_eq!(scope(&t, "A").resolve("_A__m"), Resolved::Local);
        assert_eq!(scope(&t, "A.__m").params, ["self", "_A__p"]);
        assert_eq!(t.scopes[0].resolve("A"), Resolved::Local);
    }

    #[test]
    fn comprehensions_are_function_scopes() {
        let t = table("def f(n):\n return [i * n for i in range(n) if (last := i)]\n").unwrap();
        let comp = scope(&t, "f.<locals>.<listcomp>");
        assert_eq!(comp.kind, ScopeKind::Comprehension);
        assert_eq!(comp.params, [".0"]);
        assert_eq!(comp.resolve("i"), Resolved::Local);
        assert_eq!(comp.resolve("n"), Resolved::Free);
        assert_eq!(comp.resolve("last"), Resolved::Free);
        assert_eq!(comp.resolve("range"), Resolved::GlobalImplicit);
        assert_eq!(scope(&t, "f").resolve("last"), Resolved::Cell);
        let t = table("[y := i for i in x]\n").unwrap();
        assert_eq!(
            scope(&t, "<listcomp>").resolve("y"),
            Resolved::GlobalExplicit
        );
    }

    #[test]
    fn generators_and_coroutines_are_marked() {
        let t = table("def g():\n yield 1\nasync def c():\n await g()\n").unwrap();
        assert!(scope(&t, "g").generator);
        assert!(scope(&t, "c").coroutine);
        assert!(!scope(&t, "c").generator);
        let t = table("x = (i for i in y)\n").unwrap();
        assert!(scope(&t, "<genexpr>").generator);
    }

    /// Messages checked against CPython 3.11.
    #[test]
    fn scope_errors() {
        let cases = [
            (
                "nonlocal x",
                "nonlocal declaration not allowed at module level",
            ),
            ("return 1", "'return' outside function"),
            ("x = (yield)", "'yield' outside function"),
            ("await x", "'await' outside function"),
            ("def f(): await x", "'await' outside async function"),
            (
                "def f():\n async for x in y: pass",
                "'async for' outside async function",
            ),
            ("async with x: pass", "'async with' outside async function"),
            (
                "def f():\n x = 1\n global x",
                "name 'x' is assigned to before global declaration",
            ),
            (
                "def f():\n print(x)\n global x",
                "name 'x' is used prior to global declaration",
            ),
            ("def f(x):\n global x", "name 'x' is parameter and global"),
            (
                "def f(x):\n nonlocal x",
                "name 'x' is parameter and nonlocal",
            ),
            (
                "def f():\n x = 1\n def g():\n  global x\n  nonlocal x",
                "name 'x' is nonlocal and global",
            ),
            (
                "def f():\n x = 1\n def g():\n  x = 2\n  nonlocal x",
                "name 'x' is assigned to before nonlocal declaration",
            ),
            ("def f():\n nonlocal x", "no binding for nonlocal 'x' found"),
            (
                "def f(): from x import *",
                "import * only allowed at module level",
            ),
            (
                "def f(): [(yield) for x in y]",
                "'yield' inside list comprehension",
            ),
            (
                "class A: [(y := 1) for x in z]",
                "assignment expression within a comprehension cannot be used in a class body",
            ),
        ];
        for (src, msg) in cases {
            let e = table(src).unwrap_err();
            assert_eq!(e.msg, msg, "{src:?}");
        }
    }
}
