//! The code generator: AST plus symbol table to [`CodeObject`]s, following CPython 3.11's
//! shapes (see `vm/BYTECODE.md`).
//!
//! Each function-like scope is a *unit*: a list of [`Instr`] with symbolic labels. Exception
//! handling is positional: every instruction records the innermost handler active when it was
//! emitted, and the assembler turns runs of equal handlers into the exception table. The
//! handler's stack depth is known here because statements always start at a depth fixed by
//! the enclosing constructs (`depth`): a `for` keeps its iterator, a `with` its exit, an
//! `except` body the previous exception. `return`/`break`/`continue` unwind those constructs
//! inline (`unwind`), running `finally` bodies and `__exit__` calls on the way out.
//!
//! Invariant: recursion follows the AST (bounded by the parser) and is checked against the
//! stack guard.

use super::name_map::NameMap;
use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec::Vec;

use super::assemble::{assemble, Handler, Instr, Label, NO_HANDLER};
use super::ast::*;
use super::error::{message, Result, SyntaxError};
use super::stack::StackGuard;
use super::symtable::{first_component, mangle, Resolved, Scope, ScopeKind, SymbolTable, Top};
use super::Mode;
use crate::bytecode::code::{CodeFlags, CodeObject};
use crate::bytecode::opcode::{Flow, Opcode, BINARY_OP_INPLACE};

/// Instructions allowed per source byte (plus [`INSTR_BUDGET_BASE`]). Real code emits well
/// under one per byte; the budget only stops the one construct whose output is not linear in
/// its source, `finally` bodies copied onto every exit path of nested `try` statements, so
/// memory stays proportional to the source.
const INSTRS_PER_SOURCE_BYTE: usize = 8;
const INSTR_BUDGET_BASE: usize = 4096;

/// Displays and calls with more items than this are built incrementally, so the value stack
/// stays small however long the literal (CPython's `STACK_USE_GUIDELINE`).
const STACK_USE_GUIDELINE: usize = 30;

/// A construct that `return`/`break`/`continue` must leave cleanly.
#[derive(Clone, Copy)]
enum FBlock<'a> {
    /// A `while` loop: `continue` target, `break` target.
    While(Label, Label),
    /// A `for` loop (iterator on the stack): `continue` target, `break` target.
    For(Label, Label),
    /// The `try` body of a `try/except` (its handler is active).
    TryExcept,
    /// The `try` body of a `try/finally` (its handler is active; the body runs on exit).
    FinallyTry(&'a [Stmt]),
    /// The exceptional copy of a `finally` body: previous and current exception on the stack.
    FinallyEnd,
    /// A `with` body (`async with` when true): `__exit__` (`__aexit__`) on the stack.
    With(bool),
    /// An `except` body: previous exception on the stack; the bound name, if any.
    HandlerCleanup(Option<&'a str>),
    /// A `finally` body copied onto a `return` path: the return value is on the stack, so a
    /// `break`/`continue`/`return` inside that copy must drop it.
    PopValue,
}

#[derive(Clone, Copy)]
struct FBlockEntry<'a> {
    kind: FBlock<'a>,
    /// Handler stack length outside this block.
    handlers_outside: usize,
}

/// One code object under construction. Its blocks are on [`Compiler::fblocks`] above
/// `fblock_floor`: a unit borrowing nothing of the tree moves between a module's statements
/// as it is (a lifetime here made the module's unit be rebuilt after each statement).
struct Unit {
    scope: usize,
    instrs: Vec<Instr>,
    labels: Vec<u32>,
    handlers: Vec<Handler>,
    handler_stack: Vec<u32>,
    /// Length of [`Compiler::fblocks`] outside this unit.
    fblock_floor: usize,
    consts: Vec<crate::bytecode::Const>,
    /// Str constants by their bytes and int constants by 0xff and their value's bytes (no
    /// UTF-8 text starts with 0xff): one map for both.
    const_index: NameMap,
    names: Vec<String>,
    name_index: NameMap,
    varnames: Vec<String>,
    var_index: NameMap,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    cell_index: NameMap,
    line: u32,
    /// Stack depth at statement boundaries.
    depth: u32,
    /// A label is bound at the current end of `instrs`.
    label_here: bool,
    /// The unit's docstring went in as `consts[0]`.
    has_doc: bool,
}

const UNBOUND: u32 = u32::MAX;

impl Unit {
    fn new(scope: usize, line: u32, fblock_floor: usize) -> Unit {
        Unit {
            scope,
            instrs: Vec::new(),
            labels: Vec::new(),
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            fblock_floor,
            consts: Vec::new(),
            const_index: NameMap::new(),
            names: Vec::new(),
            name_index: NameMap::new(),
            varnames: Vec::new(),
            var_index: NameMap::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            cell_index: NameMap::new(),
            line,
            depth: 0,
            label_here: false,
            has_doc: false,
        }
    }

    fn emit(&mut self, op: Opcode, arg: u32) {
        self.label_here = false;
        let handler = self.handler_stack.last().copied().unwrap_or(NO_HANDLER);
        self.instrs.push(Instr {
            op,
            arg,
            line: self.line,
            handler,
        });
    }

    /// [`Self::emit`] of an instruction without operand, out of line (the zero set once).
    #[inline(never)]
    fn emit_op(&mut self, op: Opcode) {
        self.emit(op, 0);
    }

    /// Calls the `__exit__` of the `with` block below the top of the stack with three `None`s
    /// (awaited for `async with`) and drops its result.
    fn exit_with(&mut self, is_async: bool) {
        self.emit_op(Opcode::LOAD_NONE);
        self.emit_op(Opcode::LOAD_NONE);
        self.emit_op(Opcode::LOAD_NONE);
        self.emit(Opcode::CALL_FUNCTION, 3);
        if is_async {
            self.emit_await();
        }
        self.emit_op(Opcode::POP_TOP);
    }

    /// `await` the value on top of the stack.
    fn emit_await(&mut self) {
        self.emit_op(Opcode::GET_AWAITABLE);
        self.emit_op(Opcode::LOAD_NONE);
        self.emit_op(Opcode::YIELD_FROM);
    }

    fn label(&mut self) -> Label {
        self.labels.push(UNBOUND);
        Label(self.labels.len() as u32 - 1)
    }

    fn bind(&mut self, l: Label) {
        if let Some(at) = self.labels.get_mut(l.0 as usize) {
            *at = self.instrs.len() as u32;
        }
        self.label_here = true;
    }

    /// Whether the next instruction can be reached by falling through (so a `JUMP` there is
    /// needed): not right after an unconditional jump, return or raise, unless a label is
    /// bound here.
    fn reachable(&self) -> bool {
        self.label_here
            || self
                .instrs
                .last()
                .is_none_or(|i| matches!(i.op.flow(), Flow::Next | Flow::Branch { .. }))
    }

    /// `JUMP target`, unless the current position cannot be reached.
    fn jump_out(&mut self, target: Label) {
        if self.reachable() {
            self.jump(Opcode::JUMP, target);
        }
    }

    fn jump(&mut self, op: Opcode, l: Label) {
        self.emit(op, l.0);
    }

    fn push_handler(&mut self, label: Label, depth: u32) {
        self.handlers.push(Handler { label, depth });
        self.handler_stack.push(self.handlers.len() as u32 - 1);
    }

    fn pop_handler(&mut self) {
        self.handler_stack.pop();
    }

    fn name(&mut self, name: &str) -> u32 {
        if let Some(i) = self.name_index.get(name) {
            return i;
        }
        self.names.push(name.to_owned());
        let i = self.names.len() as u32 - 1;
        self.name_index.insert(name, i);
        i
    }

    fn constant(&mut self, c: crate::bytecode::Const) -> u32 {
        use crate::bytecode::Const as C;
        let mut int_key = [0xff; 9];
        let key: &[u8] = match &c {
            C::Str(s) => s.as_bytes(),
            C::Int(v) => {
                int_key[1..].copy_from_slice(&v.to_le_bytes());
                &int_key
            }
            _ => {
                self.consts.push(c);
                return self.consts.len() as u32 - 1;
            }
        };
        if let Some(i) = self.const_index.get_bytes(key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.const_index.insert_bytes(key, i);
        self.consts.push(c);
        i
    }

    fn var(&mut self, name: &str) -> u32 {
        if let Some(i) = self.var_index.get(name) {
            return i;
        }
        self.varnames.push(name.to_owned());
        let i = self.varnames.len() as u32 - 1;
        self.var_index.insert(name, i);
        i
    }
}

/// Generates a module's code object one part at a time: a part is a top-level statement with
/// its own symbol table ([`super::symtable::build_part`]), whose tree and table may be dropped
/// once [`ModuleGen::part`] returns, or the whole of a REPL input or `eval` expression. Only
/// the module's own unit (its instructions, names and constants, with the finished code objects
/// of the functions and classes defined so far) lives from one part to the next.
pub struct ModuleGen {
    /// The module's unit, from the first part on (and, after an error, the units it left
    /// open).
    units: Vec<Unit>,
    filename: Rc<str>,
    guard: StackGuard,
    mode: Mode,
    finished_instrs: usize,
    instr_budget: usize,
}

impl ModuleGen {
    /// A generator for a module of `source_len` bytes (which sets the instruction budget).
    pub fn new(filename: &str, source_len: usize, guard: StackGuard, mode: Mode) -> ModuleGen {
        ModuleGen {
            units: Vec::new(),
            filename: Rc::from(filename),
            guard,
            mode,
            finished_instrs: 0,
            instr_budget: source_len
                .saturating_mul(INSTRS_PER_SOURCE_BYTE)
                .saturating_add(INSTR_BUDGET_BASE),
        }
    }

    /// A code generator over `table` continuing the module's unit (opened if it is not).
    fn compiler<'t>(&mut self, table: &'t SymbolTable) -> Compiler<'t> {
        let mut c = Compiler {
            table,
            filename: self.filename.clone(),
            units: core::mem::take(&mut self.units),
            fblocks: Vec::new(),
            guard: self.guard,
            interactive: self.mode == Mode::Single,
            private: None,
            finished_instrs: self.finished_instrs,
            instr_budget: self.instr_budget,
        };
        if c.units.is_empty() {
            c.push_unit(0, 1);
        }
        c
    }

    /// Generates the code of one part, analysed as `table`: statements, or the expression
    /// whose value an `eval` returns.
    pub fn part<'t>(&mut self, top: Top<'t>, table: &'t SymbolTable) -> Result<()> {
        let mut c = self.compiler(table);
        let done = match top {
            Top::Stmts(body) => c.stmts(body),
            Top::Expr(e) => {
                c.unit().line = e.line;
                let value = c.expr(e);
                c.emit_op(Opcode::RETURN_VALUE);
                value
            }
        };
        self.finished_instrs = c.finished_instrs;
        self.units = c.units;
        done
    }

    /// The module's code object.
    pub fn finish(mut self) -> Result<CodeObject> {
        let table = super::symtable::build(Top::Stmts(&[]), self.guard)?;
        let mut c = self.compiler(&table);
        if self.mode != Mode::Eval {
            c.emit_op(Opcode::LOAD_NONE);
            c.emit_op(Opcode::RETURN_VALUE);
        }
        c.finish_unit(CodeFlags::MODULE, 0, 0, 0, 1)
    }
}

struct Compiler<'t> {
    table: &'t SymbolTable,
    filename: Rc<str>,
    units: Vec<Unit>,
    /// The blocks `return`/`break`/`continue` must leave, of every open unit (each unit's
    /// above its `fblock_floor`).
    fblocks: Vec<FBlockEntry<'t>>,
    guard: StackGuard,
    interactive: bool,
    /// Name of the innermost enclosing class, for mangling.
    private: Option<String>,
    /// Instructions in units already finished.
    finished_instrs: usize,
    instr_budget: usize,
}

fn err(msg: impl Into<String>, line: u32, col: u32) -> Box<SyntaxError> {
    SyntaxError::syntax(msg, line, col)
}

enum NameOp {
    Fast,
    Deref,
    ClassDeref,
    Name,
    Global,
}

impl<'t> Compiler<'t> {
    /// The current unit. `self` goes through `black_box`: reading nothing but `units`, this
    /// and its callers (`emit`, `label`, `bind`, ...) would otherwise get `units`' pointer and
    /// length as two arguments from LLVM, loaded at each of their hundreds of call sites
    /// instead of one register copy (about 1 KB of riscv32 code).
    #[inline(never)]
    fn unit(&mut self) -> &mut Unit {
        let this = core::hint::black_box(self);
        let n = this.units.len();
        &mut this.units[n - 1]
    }

    // The current unit's emit, label, bind, jumps, handlers and constants, one call each: the
    // code generator makes hundreds of these, and writing `self.unit().emit(..)` at each site
    // repeats the unit lookup there (about 2 KB of riscv32 code).
    #[inline(never)]
    fn emit(&mut self, op: Opcode, arg: u32) {
        self.unit().emit(op, arg);
    }

    /// [`Self::emit`] of an instruction without operand: the zero is passed once, here,
    /// instead of at each of about 70 sites.
    #[inline(never)]
    fn emit_op(&mut self, op: Opcode) {
        self.unit().emit(op, 0);
    }

    #[inline(never)]
    fn label(&mut self) -> Label {
        self.unit().label()
    }

    #[inline(never)]
    fn bind(&mut self, l: Label) {
        self.unit().bind(l);
    }

    #[inline(never)]
    fn jump(&mut self, op: Opcode, l: Label) {
        self.unit().jump(op, l);
    }

    #[inline(never)]
    fn jump_out(&mut self, target: Label) {
        self.unit().jump_out(target);
    }

    #[inline(never)]
    fn push_handler(&mut self, label: Label, depth: u32) {
        self.unit().push_handler(label, depth);
    }

    #[inline(never)]
    fn pop_handler(&mut self) {
        self.unit().pop_handler();
    }

    /// `LOAD_CONST c` (every constant the generator adds is loaded where it is added).
    #[inline(never)]
    fn load_constant(&mut self, c: Const) {
        let unit = self.unit();
        let i = unit.constant(c);
        unit.emit(Opcode::LOAD_CONST, i);
    }

    fn scope(&self) -> &'t Scope {
        let id = self.units.last().map_or(0, |u| u.scope);
        self.table.scope(id)
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

    fn check_budget(&self, line: u32, col: u32) -> Result<()> {
        let open: usize = self.units.iter().map(|u| u.instrs.len()).sum();
        if self.finished_instrs.saturating_add(open) > self.instr_budget {
            return Err(err(crate::packed!("code too complex"), line, col));
        }
        Ok(())
    }

    fn push_unit(&mut self, scope_id: usize, line: u32) {
        let scope = self.table.scope(scope_id);
        let mut unit = Unit::new(scope_id, line, self.fblocks.len());
        unit.cellvars = scope.cellvars();
        unit.freevars = scope.freevars();
        for name in scope.varnames() {
            unit.var(name);
        }
        let cells = unit.cellvars.iter().chain(unit.freevars.iter());
        for (i, name) in cells.enumerate() {
            if !unit.cell_index.contains(name) {
                unit.cell_index.insert(name, i as u32);
            }
        }
        self.units.push(unit);
    }

    fn finish_unit(
        &mut self,
        mut flags: CodeFlags,
        argcount: u16,
        posonly: u16,
        kwonly: u16,
        first_line: u32,
    ) -> Result<CodeObject> {
        // The unit is finished where it lies and dropped there: popped, all of it was copied
        // out first.
        let Some(unit) = self.units.last_mut() else {
            return Err(err(
                crate::packed!("internal compiler error: no unit"),
                first_line,
                0,
            ));
        };
        self.finished_instrs += unit.instrs.len();
        let scope = self.table.scope(unit.scope);
        let assembled = assemble(&unit.instrs, &unit.labels, &unit.handlers);
        if scope.generator {
            flags.insert(CodeFlags::GENERATOR);
        }
        if unit.has_doc {
            flags.insert(CodeFlags::HAS_DOC);
        }
        if scope.coroutine {
            flags.insert(CodeFlags::COROUTINE);
        }
        let mut cell_args = Vec::new();
        for (arg, name) in scope.params.iter().enumerate() {
            if let Some(cell) = unit.cellvars.iter().position(|c| c == name) {
                cell_args.push((cell as u16, arg as u16));
            }
        }
        let mut code = CodeObject {
            name: scope.name.clone(),
            qualname: scope.qualname.clone(),
            filename: self.filename.clone(),
            first_line,
            flags,
            argcount,
            posonlyargcount: posonly,
            kwonlyargcount: kwonly,
            varnames: core::mem::take(&mut unit.varnames),
            cellvars: core::mem::take(&mut unit.cellvars),
            freevars: core::mem::take(&mut unit.freevars),
            cell_args,
            names: core::mem::take(&mut unit.names),
            consts: core::mem::take(&mut unit.consts),
            code: Vec::new(),
            max_stack: 0,
            exception_table: Vec::new(),
            line_table: Vec::new(),
        };
        self.units.truncate(self.units.len().saturating_sub(1));
        // Both failures leave by one exit: each exit drops the code object, so a second one
        // would repeat that. Only a stack deeper than `max_stack` can hold fails `max_depth`:
        // the compiler's output passes every other check.
        let depth = assembled.ok().and_then(|a| {
            code.code = a.code;
            code.exception_table = a.exception_table;
            code.line_table = a.line_table;
            crate::bytecode::verify::max_depth(&code).ok()
        });
        match depth {
            Some(depth) => {
                code.max_stack = depth;
                Ok(code)
            }
            None => Err(err(crate::packed!("code too complex"), first_line, 0)),
        }
    }

    // ----- names -----

    /// `op` with the `names` index of `name` as its operand.
    #[inline(never)]
    fn emit_name(&mut self, op: Opcode, name: &str) {
        let unit = self.unit();
        let i = unit.name(name);
        unit.emit(op, i);
    }

    /// [`Self::emit_name`] of attribute `attr`, mangled inside a class.
    #[inline(never)]
    fn emit_attr(&mut self, op: Opcode, attr: &str) {
        let attr = mangle(self.private.as_deref(), attr);
        self.emit_name(op, &attr);
    }

    fn name_op(&mut self, name: &str) -> (NameOp, u32) {
        let mangled = mangle(self.private.as_deref(), name);
        let name = mangled.as_str();
        let scope = self.scope();
        let resolved = scope.resolve(name);
        let op = match (scope.kind, resolved) {
            (_, Resolved::GlobalExplicit) => NameOp::Global,
            (ScopeKind::Module, _) => NameOp::Name,
            (ScopeKind::Class, Resolved::Free) => NameOp::ClassDeref,
            (ScopeKind::Class, _) => NameOp::Name,
            (_, Resolved::Local) => NameOp::Fast,
            (_, Resolved::Cell | Resolved::Free) => NameOp::Deref,
            (_, Resolved::GlobalImplicit) => NameOp::Global,
        };
        let unit = self.unit();
        let index = match op {
            NameOp::Fast => unit.var(name),
            NameOp::Deref | NameOp::ClassDeref => unit.cell_index.get(name).unwrap_or(0),
            NameOp::Name | NameOp::Global => unit.name(name),
        };
        (op, index)
    }

    fn load_name(&mut self, name: &str) {
        let (op, i) = self.name_op(name);
        let op = match op {
            NameOp::Fast => Opcode::LOAD_FAST,
            NameOp::Deref => Opcode::LOAD_DEREF,
            NameOp::ClassDeref => Opcode::LOAD_CLASSDEREF,
            NameOp::Name => Opcode::LOAD_NAME,
            NameOp::Global => Opcode::LOAD_GLOBAL,
        };
        self.emit(op, i);
    }

    fn store_name(&mut self, name: &str) {
        let (op, i) = self.name_op(name);
        let op = match op {
            NameOp::Fast => Opcode::STORE_FAST,
            NameOp::Deref | NameOp::ClassDeref => Opcode::STORE_DEREF,
            NameOp::Name => Opcode::STORE_NAME,
            NameOp::Global => Opcode::STORE_GLOBAL,
        };
        self.emit(op, i);
    }

    fn delete_name(&mut self, name: &str) {
        let (op, i) = self.name_op(name);
        let op = match op {
            NameOp::Fast => Opcode::DELETE_FAST,
            NameOp::Deref | NameOp::ClassDeref => Opcode::DELETE_DEREF,
            NameOp::Name => Opcode::DELETE_NAME,
            NameOp::Global => Opcode::DELETE_GLOBAL,
        };
        self.emit(op, i);
    }

    fn load_const(&mut self, c: &Const) {
        let unit = self.unit();
        match c {
            Const::None => unit.emit_op(Opcode::LOAD_NONE),
            Const::True => unit.emit_op(Opcode::LOAD_TRUE),
            Const::False => unit.emit_op(Opcode::LOAD_FALSE),
            Const::Int(v) if i16::try_from(*v).is_ok() => {
                unit.emit(Opcode::LOAD_SMALL_INT, u32::from(*v as i16 as u16))
            }
            other => {
                let i = unit.constant(other.clone());
                unit.emit(Opcode::LOAD_CONST, i);
            }
        }
    }

    // ----- statements -----

    fn stmts(&mut self, body: &'t [Stmt]) -> Result<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'t Stmt) -> Result<()> {
        self.check_stack(s.line, s.col)?;
        self.check_budget(s.line, s.col)?;
        self.unit().line = s.line;
        match &s.kind {
            StmtKind::FunctionDef(f) => self.function_def(f, s.line)?,
            StmtKind::ClassDef(c) => self.class_def(c, s.line)?,
            // The symbol table has refused a `return` outside a function.
            StmtKind::Return(value) => {
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.emit_op(Opcode::LOAD_NONE),
                }
                let saved = self.unwind(None, true)?;
                self.emit_op(Opcode::RETURN_VALUE);
                self.restore(saved);
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Assign { targets, value } => {
                if let Some((items, values)) = swap_assign(targets, value) {
                    // `a, b = x, y`: no tuple is built; the values are reversed on the stack
                    // and stored in order, after all of them are evaluated, as CPython does.
                    for v in values {
                        self.expr(v)?;
                    }
                    if values.len() == 3 {
                        self.emit_op(Opcode::ROT_THREE);
                    }
                    self.emit_op(Opcode::ROT_TWO);
                    for t in items {
                        self.store(t)?;
                    }
                    return Ok(());
                }
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit_op(Opcode::DUP_TOP);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store(target)?;
                }
            }
            StmtKind::For(f) => self.for_stmt(f)?,
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse)?,
            StmtKind::If { branches, orelse } => {
                let end = self.label();
                for (test, body) in branches {
                    let next = self.label();
                    self.unit().line = test.line;
                    self.jump_if(test, false, next)?;
                    self.stmts(body)?;
                    self.jump_out(end);
                    self.bind(next);
                }
                self.stmts(orelse)?;
                self.bind(end);
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => self.with_stmt(items, body, s, *is_async)?,
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Opcode::RAISE_VARARGS, n);
            }
            StmtKind::Try(t) => {
                let Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                } = &**t;
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.label();
                self.jump_if(test, true, end)?;
                self.emit_op(Opcode::LOAD_ASSERTION_ERROR);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Opcode::CALL_FUNCTION, 1);
                }
                self.emit(Opcode::RAISE_VARARGS, 1);
                self.bind(end);
            }
            StmtKind::Import(names) => {
                for alias in names {
                    self.emit_op(Opcode::LOAD_SMALL_INT);
                    self.emit_op(Opcode::LOAD_NONE);
                    self.emit_name(Opcode::IMPORT_NAME, &alias.name);
                    match &alias.asname {
                        Some(asname) => {
                            // Each component after the first, as `split('.').skip(1)` would.
                            let mut rest = alias.name.as_str();
                            while let Some(dot) = rest.bytes().position(|b| b == b'.') {
                                rest = rest.get(dot + 1..).unwrap_or("");
                                self.emit_name(Opcode::IMPORT_FROM, first_component(rest));
                                self.emit_op(Opcode::ROT_TWO);
                                self.emit_op(Opcode::POP_TOP);
                            }
                            self.store_name(asname);
                        }
                        None => self.store_name(first_component(&alias.name)),
                    }
                }
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let level = u16::try_from(*level)
                    .ok()
                    .filter(|l| *l <= i16::MAX as u16)
                    .ok_or_else(|| {
                        err(
                            crate::packed!("too many dots in relative import"),
                            s.line,
                            s.col,
                        )
                    })?;
                self.emit(Opcode::LOAD_SMALL_INT, u32::from(level));
                let mut fromlist = Vec::new();
                for a in names {
                    fromlist.push(Const::Str(a.name.clone()));
                }
                self.load_constant(Const::Tuple(fromlist));
                let module = module.as_deref().unwrap_or("");
                self.emit_name(Opcode::IMPORT_NAME, module);
                if names.len() == 1 && names[0].name == "*" {
                    self.emit_op(Opcode::IMPORT_STAR);
                } else {
                    for alias in names {
                        self.emit_name(Opcode::IMPORT_FROM, &alias.name);
                        self.store_name(alias.asname.as_ref().unwrap_or(&alias.name));
                    }
                    self.emit_op(Opcode::POP_TOP);
                }
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) | StmtKind::Pass => {}
            StmtKind::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(e)?;
                    self.emit_op(Opcode::PRINT_EXPR);
                } else if !matches!(e.kind, ExprKind::Constant(_)) {
                    self.expr(e)?;
                    self.emit_op(Opcode::POP_TOP);
                }
            }
            StmtKind::Break | StmtKind::Continue => {
                let is_break = matches!(s.kind, StmtKind::Break);
                let Some((target, start, end, is_for)) = self.innermost_loop() else {
                    let msg = if is_break {
                        crate::packed!("'break' outside loop")
                    } else {
                        crate::packed!("'continue' not properly in loop")
                    };
                    return Err(err(msg, s.line, s.col));
                };
                let saved = self.unwind(Some(target), false)?;
                if is_break && is_for {
                    self.emit_op(Opcode::POP_TOP);
                }
                self.jump(Opcode::JUMP, if is_break { end } else { start });
                self.restore(saved);
            }
        }
        Ok(())
    }

    /// The innermost loop: its block's index, its `continue` and `break` targets, and whether
    /// it is a `for` (whose iterator a `break` pops).
    fn innermost_loop(&mut self) -> Option<(usize, Label, Label, bool)> {
        let floor = self.unit().fblock_floor;
        self.fblocks
            .iter()
            .enumerate()
            .skip(floor)
            .rev()
            .find_map(|(i, f)| match f.kind {
                FBlock::For(start, end) => Some((i, start, end, true)),
                FBlock::While(start, end) => Some((i, start, end, false)),
                _ => None,
            })
    }

    /// Emits the exit code of every block above `stop` (all blocks when `None`), innermost
    /// first, keeping the value on top of the stack when `preserve_tos`. The handler stack is
    /// left as it is outside the unwound blocks, for the jump or return the caller emits next;
    /// the returned state goes back with [`Self::restore`] after that.
    fn unwind(&mut self, stop: Option<usize>, preserve_tos: bool) -> Result<(Vec<u32>, u32)> {
        let floor = stop.map_or(self.unit().fblock_floor, |s| s + 1);
        let saved_handlers = self.unit().handler_stack.clone();
        let saved_depth = self.unit().depth;
        // Blocks are popped as they are unwound (a `finally` copy compiled on the way must
        // not unwind them again) and put back at the end.
        let saved_fblocks = self.fblocks.clone();
        if preserve_tos {
            self.unit().depth += 1;
        }
        while self.fblocks.len() > floor {
            let Some(FBlockEntry {
                kind,
                handlers_outside,
            }) = self.fblocks.pop()
            else {
                break;
            };
            let unit = self.unit();
            match kind {
                FBlock::While(..) => {}
                FBlock::For(..) | FBlock::PopValue => {
                    if preserve_tos {
                        unit.emit_op(Opcode::ROT_TWO);
                    }
                    unit.emit_op(Opcode::POP_TOP);
                    unit.depth = unit.depth.saturating_sub(1);
                }
                FBlock::TryExcept => unit.handler_stack.truncate(handlers_outside),
                FBlock::FinallyTry(body) => {
                    unit.handler_stack.truncate(handlers_outside);
                    // Compile the body without this block, so a `return` inside it does not
                    // run it again; a value being returned must be dropped by any jump out.
                    if preserve_tos {
                        let outside = self.unit().handler_stack.len();
                        self.push_fblock(FBlock::PopValue, outside);
                    }
                    let saved_line = self.unit().line;
                    let result = self.stmts(body);
                    if preserve_tos {
                        self.fblocks.pop();
                    }
                    self.unit().line = saved_line;
                    result?;
                }
                FBlock::FinallyEnd => {
                    if preserve_tos {
                        unit.emit_op(Opcode::ROT_TWO);
                    }
                    unit.emit_op(Opcode::POP_TOP);
                    if preserve_tos {
                        unit.emit_op(Opcode::ROT_TWO);
                    }
                    unit.handler_stack.truncate(handlers_outside);
                    unit.emit_op(Opcode::POP_EXCEPT);
                    unit.depth = unit.depth.saturating_sub(2);
                }
                FBlock::With(is_async) => {
                    unit.handler_stack.truncate(handlers_outside);
                    if preserve_tos {
                        unit.emit_op(Opcode::ROT_TWO);
                    }
                    unit.exit_with(is_async);
                    unit.depth = unit.depth.saturating_sub(1);
                }
                FBlock::HandlerCleanup(name) => {
                    unit.handler_stack.truncate(handlers_outside);
                    if let Some(name) = name {
                        self.unbind(name);
                    }
                    let unit = self.unit();
                    if preserve_tos {
                        unit.emit_op(Opcode::ROT_TWO);
                    }
                    unit.emit_op(Opcode::POP_EXCEPT);
                    unit.depth = unit.depth.saturating_sub(1);
                }
            }
        }
        self.fblocks = saved_fblocks;
        self.unit().depth = saved_depth;
        Ok((saved_handlers, saved_depth))
    }

    fn restore(&mut self, saved: (Vec<u32>, u32)) {
        let unit = self.unit();
        unit.handler_stack = saved.0;
        unit.depth = saved.1;
    }

    /// Enters a block; `handlers_outside` is the handler stack length where the statement
    /// began (before it pushed its own handlers).
    fn push_fblock(&mut self, kind: FBlock<'t>, handlers_outside: usize) {
        self.fblocks.push(FBlockEntry {
            kind,
            handlers_outside,
        });
    }

    fn pop_fblock(&mut self) {
        self.fblocks.pop();
    }

    fn while_stmt(&mut self, test: &'t Expr, body: &'t [Stmt], orelse: &'t [Stmt]) -> Result<()> {
        let start = self.label();
        let orelse_label = self.label();
        let end = self.label();
        self.bind(start);
        self.jump_if(test, false, orelse_label)?;
        let outside = self.unit().handler_stack.len();
        self.push_fblock(FBlock::While(start, end), outside);
        self.stmts(body)?;
        self.pop_fblock();
        self.jump_out(start);
        self.bind(orelse_label);
        self.stmts(orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `for`, or `async for`: there each step awaits `__anext__()` under a handler that ends
    /// the loop on StopAsyncIteration (END_ASYNC_FOR) and re-raises anything else. One
    /// function for both: everything around the step is the same.
    fn for_stmt(&mut self, f: &'t For) -> Result<()> {
        let start = self.label();
        let exhausted = self.label();
        let end = self.label();
        let depth = self.unit().depth;
        self.expr(&f.iter)?;
        if f.is_async {
            self.emit_op(Opcode::GET_AITER);
            self.bind(start);
            self.push_handler(exhausted, depth + 1);
            self.emit_op(Opcode::GET_ANEXT);
            self.emit_op(Opcode::LOAD_NONE);
            self.emit_op(Opcode::YIELD_FROM);
            self.pop_handler();
        } else {
            self.emit_op(Opcode::GET_ITER);
            self.bind(start);
            self.jump(Opcode::FOR_ITER, exhausted);
        }
        let outside = self.unit().handler_stack.len();
        self.push_fblock(FBlock::For(start, end), outside);
        self.unit().depth += 1;
        self.store(&f.target)?;
        self.stmts(&f.body)?;
        self.unit().depth = self.unit().depth.saturating_sub(1);
        self.pop_fblock();
        self.jump_out(start);
        self.bind(exhausted);
        if f.is_async {
            self.emit_op(Opcode::END_ASYNC_FOR);
        }
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// Unbinds an `except` clause's name (`LOAD_NONE`, store, delete, as CPython does).
    fn unbind(&mut self, name: &str) {
        self.emit_op(Opcode::LOAD_NONE);
        self.store_name(name);
        self.delete_name(name);
    }

    /// Emits `ROT_TWO; POP_EXCEPT; RERAISE` at `label`: the landing pad that restores the
    /// previous exception when an exception escapes an `except`/`finally` body.
    fn cleanup_pad(&mut self, label: Label) {
        let unit = self.unit();
        unit.bind(label);
        unit.emit_op(Opcode::ROT_TWO);
        unit.emit_op(Opcode::POP_EXCEPT);
        unit.emit_op(Opcode::RERAISE);
    }

    fn try_except(
        &mut self,
        body: &'t [Stmt],
        handlers: &'t [ExceptHandler],
        orelse: &'t [Stmt],
    ) -> Result<()> {
        let handler = self.label();
        let cleanup = self.label();
        let end = self.label();
        let depth = self.unit().depth;
        let outside = self.unit().handler_stack.len();
        self.push_handler(handler, depth);
        self.push_fblock(FBlock::TryExcept, outside);
        self.stmts(body)?;
        self.pop_fblock();
        self.pop_handler();
        self.stmts(orelse)?;
        self.jump_out(end);

        self.bind(handler);
        self.emit_op(Opcode::PUSH_EXC_INFO);
        self.push_handler(cleanup, depth + 1);
        for (i, h) in handlers.iter().enumerate() {
            self.unit().line = h.line;
            let next = self.label();
            match &h.typ {
                Some(t) => {
                    self.expr(t)?;
                    self.emit_op(Opcode::CHECK_EXC_MATCH);
                    self.jump(Opcode::POP_JUMP_IF_FALSE, next);
                }
                None if i + 1 < handlers.len() => {
                    return Err(err(
                        crate::packed!("default 'except:' must be last"),
                        h.line,
                        h.col,
                    ));
                }
                None => {}
            }
            self.unit().depth = depth + 1;
            // With a name, the body runs under a handler that unbinds it before re-raising.
            let name_cleanup = match &h.name {
                Some(name) => {
                    self.store_name(name);
                    let name_cleanup = self.label();
                    self.push_handler(name_cleanup, depth + 1);
                    Some((name, name_cleanup))
                }
                None => {
                    self.emit_op(Opcode::POP_TOP);
                    None
                }
            };
            self.push_fblock(FBlock::HandlerCleanup(h.name.as_deref()), outside);
            self.stmts(&h.body)?;
            self.pop_fblock();
            if name_cleanup.is_some() {
                self.pop_handler();
            }
            self.pop_handler();
            self.emit_op(Opcode::POP_EXCEPT);
            if let Some((name, _)) = name_cleanup {
                self.unbind(name);
            }
            self.jump(Opcode::JUMP, end);
            self.push_handler(cleanup, depth + 1);
            if let Some((name, name_cleanup)) = name_cleanup {
                self.bind(name_cleanup);
                self.unbind(name);
                self.emit_op(Opcode::RERAISE);
            }
            self.unit().depth = depth;
            self.bind(next);
        }
        self.emit_op(Opcode::RERAISE);
        self.pop_handler();
        self.cleanup_pad(cleanup);
        self.bind(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'t [Stmt],
        handlers: &'t [ExceptHandler],
        orelse: &'t [Stmt],
        finalbody: &'t [Stmt],
    ) -> Result<()> {
        let handler = self.label();
        let cleanup = self.label();
        let end = self.label();
        let depth = self.unit().depth;
        let outside = self.unit().handler_stack.len();
        self.push_handler(handler, depth);
        self.push_fblock(FBlock::FinallyTry(finalbody), outside);
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.pop_fblock();
        self.pop_handler();
        self.stmts(finalbody)?;
        self.jump(Opcode::JUMP, end);

        self.bind(handler);
        self.emit_op(Opcode::PUSH_EXC_INFO);
        self.push_handler(cleanup, depth + 1);
        self.push_fblock(FBlock::FinallyEnd, outside);
        self.unit().depth = depth + 2;
        self.stmts(finalbody)?;
        self.unit().depth = depth;
        self.pop_fblock();
        self.emit_op(Opcode::RERAISE);
        self.pop_handler();
        self.cleanup_pad(cleanup);
        self.bind(end);
        Ok(())
    }

    fn with_stmt(
        &mut self,
        items: &'t [WithItem],
        body: &'t [Stmt],
        s: &'t Stmt,
        is_async: bool,
    ) -> Result<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let handler = self.label();
        let cleanup = self.label();
        let end = self.label();
        let depth = self.unit().depth;
        self.expr(&item.context_expr)?;
        if is_async {
            self.emit_op(Opcode::BEFORE_ASYNC_WITH);
            self.emit_op(Opcode::LOAD_NONE);
            self.emit_op(Opcode::YIELD_FROM);
        } else {
            self.emit_op(Opcode::BEFORE_WITH);
        }
        let outside = self.unit().handler_stack.len();
        self.push_handler(handler, depth + 1);
        self.push_fblock(FBlock::With(is_async), outside);
        self.unit().depth = depth + 1;
        match &item.optional_vars {
            Some(t) => self.store(t)?,
            None => self.emit_op(Opcode::POP_TOP),
        }
        if rest.is_empty() {
            self.stmts(body)?;
        } else {
            self.with_stmt(rest, body, s, is_async)?;
        }
        self.unit().depth = depth;
        self.pop_fblock();
        self.pop_handler();
        self.unit().line = s.line;
        let unit = self.unit();
        unit.exit_with(is_async);
        unit.jump(Opcode::JUMP, end);

        let swallow = unit.label();
        unit.bind(handler);
        unit.emit_op(Opcode::PUSH_EXC_INFO);
        unit.push_handler(cleanup, depth + 2);
        unit.emit_op(Opcode::WITH_EXCEPT_START);
        if is_async {
            unit.emit_await();
        }
        unit.jump(Opcode::POP_JUMP_IF_TRUE, swallow);
        unit.emit_op(Opcode::RERAISE);
        unit.pop_handler();
        unit.bind(swallow);
        unit.emit_op(Opcode::POP_TOP);
        unit.emit_op(Opcode::POP_EXCEPT);
        unit.emit_op(Opcode::POP_TOP);
        unit.jump(Opcode::JUMP, end);
        self.cleanup_pad(cleanup);
        self.bind(end);
        Ok(())
    }

    fn function_def(&mut self, f: &'t FunctionDef, line: u32) -> Result<()> {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let scope = self.table.scope_for(f, line, 0)?;
        self.make_function(scope, &f.args, line, &mut |c| {
            let body = match f.body.split_first() {
                Some((first, rest)) => match docstring(first) {
                    Some(doc) => {
                        // The unit is fresh, so this is constant 0.
                        let unit = c.unit();
                        if unit.consts.is_empty() {
                            unit.constant(Const::Str(doc.clone()));
                            unit.has_doc = true;
                        }
                        rest
                    }
                    None => &f.body[..],
                },
                None => &f.body[..],
            };
            c.stmts(body)?;
            if c.unit().reachable() {
                c.emit_op(Opcode::LOAD_NONE);
                c.emit_op(Opcode::RETURN_VALUE);
            }
            Ok(())
        })?;
        for _ in &f.decorators {
            self.emit(Opcode::CALL_FUNCTION, 1);
        }
        self.store_name(&f.name);
        Ok(())
    }

    /// Emits defaults, closure and `MAKE_FUNCTION` for the scope `scope_id`, whose body
    /// `body` compiles into the new unit. The body is a `dyn` closure so that this and
    /// [`Self::compile_scope`] have one copy for functions, lambdas and comprehensions.
    fn make_function(
        &mut self,
        scope_id: usize,
        args: &'t Arguments,
        line: u32,
        body: &mut dyn FnMut(&mut Self) -> Result<()>,
    ) -> Result<()> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            self.display(&args.defaults, Opcode::BUILD_TUPLE)?;
            flags |= 1;
        }
        if args.kw_defaults.iter().any(Option::is_some) {
            self.emit_op(Opcode::BUILD_MAP);
            for (a, d) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
                let Some(d) = d else { continue };
                let key = mangle(self.private.as_deref(), &a.name);
                self.load_constant(Const::Str(key));
                self.expr(d)?;
                self.emit(Opcode::MAP_ADD, 1);
            }
            flags |= 2;
        }
        self.compile_scope(scope_id, Some(args), line, body, flags)
    }

    /// Finishes the current unit (see [`Self::finish_unit`]) and loads its code as a function:
    /// its closure tuple first when it has free variables, then `MAKE_FUNCTION` with `flags`
    /// (plus the closure's). One place for functions, lambdas, comprehensions and class
    /// bodies: the code object is not copied out to each.
    fn finish_function(
        &mut self,
        code_flags: CodeFlags,
        argcount: u16,
        posonly: u16,
        kwonly: u16,
        line: u32,
        mut flags: u32,
    ) -> Result<()> {
        let code = self.finish_unit(code_flags, argcount, posonly, kwonly, line)?;
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let i = self.unit().cell_index.get(name).unwrap_or(0);
                self.emit(Opcode::LOAD_CLOSURE, i);
            }
            self.unit()
                .emit(Opcode::BUILD_TUPLE, code.freevars.len() as u32);
            flags |= 8;
        }
        self.load_constant(Const::Code(Rc::new(code)));
        self.emit(Opcode::MAKE_FUNCTION, flags);
        Ok(())
    }

    /// Compiles a function-like scope and loads it as a function (`MAKE_FUNCTION` with
    /// `make_flags`, see [`Self::finish_function`]): its code object goes from here to the
    /// function, not back through each caller. `args` is `None` for a comprehension, whose
    /// one parameter is `.0` (no parameter list is built for it).
    fn compile_scope(
        &mut self,
        scope_id: usize,
        args: Option<&Arguments>,
        line: u32,
        body: &mut dyn FnMut(&mut Self) -> Result<()>,
        make_flags: u32,
    ) -> Result<()> {
        self.push_unit(scope_id, line);
        let scope = self.table.scope(scope_id);
        if scope.generator || scope.coroutine {
            self.emit_op(Opcode::RETURN_GENERATOR);
        }
        body(self)?;
        let mut flags = CodeFlags::NEWLOCALS;
        let (mut argcount, mut posonly, mut kwonly) = (1, 0, 0);
        if let Some(args) = args {
            if args.vararg.is_some() {
                flags.insert(CodeFlags::VARARGS);
            }
            if args.kwarg.is_some() {
                flags.insert(CodeFlags::VARKEYWORDS);
            }
            posonly = args.posonlyargs.len();
            argcount = posonly + args.args.len();
            kwonly = args.kwonlyargs.len();
        }
        // `posonly` is at most `argcount`, so two checks cover all three.
        if argcount.max(kwonly) > usize::from(u16::MAX) {
            return Err(err(crate::packed!("too many arguments"), line, 0));
        }
        let (argcount, posonly, kwonly) = (argcount as u16, posonly as u16, kwonly as u16);
        self.finish_function(flags, argcount, posonly, kwonly, line, make_flags)
    }

    fn class_def(&mut self, c: &'t ClassDef, line: u32) -> Result<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        let scope_id = self.table.scope_for(c, line, 0)?;
        self.emit_op(Opcode::LOAD_BUILD_CLASS);
        self.push_unit(scope_id, line);
        let outer_private = self.private.replace(c.name.clone());
        let scope = self.table.scope(scope_id);
        self.emit_name(Opcode::LOAD_NAME, "__name__");
        self.emit_name(Opcode::STORE_NAME, "__module__");
        self.load_constant(Const::Str(scope.qualname.clone()));
        self.emit_name(Opcode::STORE_NAME, "__qualname__");
        let body = match c.body.split_first() {
            Some((first, rest)) if docstring(first).is_some() => rest,
            _ => &c.body[..],
        };
        self.stmts(body)?;
        if scope.needs_class_cell {
            let cell = self.unit().cell_index.get("__class__").unwrap_or(0);
            self.emit(Opcode::LOAD_CLOSURE, cell);
            self.emit_name(Opcode::STORE_NAME, "__classcell__");
        }
        self.emit_op(Opcode::LOAD_NONE);
        self.emit_op(Opcode::RETURN_VALUE);
        let made = self.finish_function(CodeFlags::CLASS_BODY, 0, 0, 0, line, 0);
        self.private = outer_private;
        made?;
        self.load_constant(Const::Str(c.name.clone()));
        self.call_tail(&c.bases, &c.keywords, 2, line)?;
        for _ in &c.decorators {
            self.emit(Opcode::CALL_FUNCTION, 1);
        }
        self.store_name(&c.name);
        Ok(())
    }

    // ----- targets -----

    fn store(&mut self, t: &'t Expr) -> Result<()> {
        self.check_stack(t.line, t.col)?;
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                self.emit_attr(Opcode::STORE_ATTR, attr);
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit_op(Opcode::STORE_SUBSCR);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let star = items
                    .iter()
                    .position(|i| matches!(i.kind, ExprKind::Starred(_)));
                match star {
                    None => {
                        self.unit()
                            .emit(Opcode::UNPACK_SEQUENCE, items.len() as u32);
                    }
                    Some(before) => {
                        let after = items.len() - before - 1;
                        if before > 0xff || after > 0xff_ffff {
                            return Err(err(
                                crate::packed!("too many expressions in star-unpacking assignment"),
                                t.line,
                                t.col,
                            ));
                        }
                        let arg = before as u32 | (after as u32) << 8;
                        self.emit(Opcode::UNPACK_EX, arg);
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => self.store(inner)?,
                        _ => self.store(item)?,
                    }
                }
            }
            _ => {
                return Err(err(
                    message("cannot assign to ", t.describe(), ""),
                    t.line,
                    t.col,
                ))
            }
        }
        Ok(())
    }

    fn delete(&mut self, t: &'t Expr) -> Result<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                self.emit_attr(Opcode::DELETE_ATTR, attr);
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit_op(Opcode::DELETE_SUBSCR);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete(i)?;
                }
            }
            _ => {
                return Err(err(
                    message("cannot delete ", t.describe(), ""),
                    t.line,
                    t.col,
                ))
            }
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'t Expr, op: BinOp, value: &'t Expr) -> Result<()> {
        let arg = op as u32 | BINARY_OP_INPLACE;
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Opcode::BINARY_OP, arg);
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit_op(Opcode::DUP_TOP);
                self.emit_attr(Opcode::LOAD_ATTR, attr);
                self.expr(value)?;
                self.emit(Opcode::BINARY_OP, arg);
                self.emit_op(Opcode::ROT_TWO);
                self.emit_attr(Opcode::STORE_ATTR, attr);
            }
            ExprKind::Subscript { value: obj, slice } => {
                self.expr(obj)?;
                self.expr(slice)?;
                self.emit_op(Opcode::DUP_TOP_TWO);
                self.emit_op(Opcode::BINARY_SUBSCR);
                self.expr(value)?;
                self.emit(Opcode::BINARY_OP, arg);
                self.emit_op(Opcode::ROT_THREE);
                self.emit_op(Opcode::STORE_SUBSCR);
            }
            _ => {
                return Err(err(
                    message(
                        "'",
                        target.describe(),
                        "' is an illegal expression for augmented assignment",
                    ),
                    target.line,
                    target.col,
                ))
            }
        }
        Ok(())
    }

    // ----- expressions -----

    /// Evaluates `e` and jumps to `label` when its truth equals `cond` (popping it either way).
    fn jump_if(&mut self, e: &'t Expr, cond: bool, label: Label) -> Result<()> {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !cond, label),
            ExprKind::BoolOp { op, values } => {
                let is_and = *op == BoolOp::And;
                // `a and b` jumps on false as soon as one is false; on true only at the end.
                if is_and != cond {
                    for v in values {
                        self.jump_if(v, cond, label)?;
                    }
                } else {
                    let skip = self.label();
                    let (last, rest) = values.split_last().ok_or_else(|| {
                        err(crate::packed!("empty boolean operation"), e.line, e.col)
                    })?;
                    for v in rest {
                        self.jump_if(v, !cond, skip)?;
                    }
                    self.jump_if(last, cond, label)?;
                    self.bind(skip);
                }
                return Ok(());
            }
            ExprKind::Constant(Const::True) if cond => {
                self.jump(Opcode::JUMP, label);
                return Ok(());
            }
            ExprKind::Constant(Const::True) if !cond => return Ok(()),
            _ => {}
        }
        self.expr(e)?;
        let op = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.jump(op, label);
        Ok(())
    }

    fn expr(&mut self, e: &'t Expr) -> Result<()> {
        self.check_stack(e.line, e.col)?;
        if self.unit().line != e.line && e.line != 0 {
            self.unit().line = e.line;
        }
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Constant(c) => self.load_const(c),
            ExprKind::JoinedStr(parts) => self.joined_str(parts)?,
            ExprKind::FormattedValue { .. } => self.joined_str(core::slice::from_ref(e))?,
            ExprKind::BoolOp { op, values } => {
                let end = self.label();
                let jump = match op {
                    BoolOp::And => Opcode::JUMP_IF_FALSE_OR_POP,
                    BoolOp::Or => Opcode::JUMP_IF_TRUE_OR_POP,
                };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.jump(jump, end);
                    }
                }
                self.bind(end);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit_op(Opcode::DUP_TOP);
                self.store(target)?;
            }
            ExprKind::BinOp { .. } => {
                // A chain `a + b + c …` is a left spine as long as the source: walked in a loop.
                let mut spine = Vec::new();
                let mut first = e;
                while let ExprKind::BinOp { left, .. } = &first.kind {
                    spine.push(first);
                    first = left;
                }
                self.expr(first)?;
                for link in spine.into_iter().rev() {
                    if let ExprKind::BinOp { op, right, .. } = &link.kind {
                        self.expr(right)?;
                        self.emit(Opcode::BINARY_OP, *op as u32);
                    }
                }
            }
            ExprKind::UnaryOp { op, operand } => {
                if *op == UnaryOp::USub {
                    if let Some(c) = negated_constant(operand) {
                        self.load_const(&c);
                        return Ok(());
                    }
                }
                self.expr(operand)?;
                self.emit(Opcode::UNARY_OP, *op as u32);
            }
            ExprKind::Lambda { args, body } => {
                let scope = self.table.scope_for(e, e.line, e.col)?;
                self.make_function(scope, args, e.line, &mut |c| {
                    c.expr(body)?;
                    c.emit_op(Opcode::RETURN_VALUE);
                    Ok(())
                })?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                let other = self.label();
                let end = self.label();
                self.jump_if(test, false, other)?;
                self.expr(body)?;
                self.jump(Opcode::JUMP, end);
                self.bind(other);
                self.expr(orelse)?;
                self.bind(end);
            }
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::Set(items) => self.display(items, Opcode::BUILD_SET)?,
            ExprKind::List(items) => self.display(items, Opcode::BUILD_LIST)?,
            ExprKind::Tuple(items) => {
                if let Some(c) = constant_tuple(items) {
                    self.load_constant(c);
                } else {
                    self.display(items, Opcode::BUILD_TUPLE)?;
                }
            }
            ExprKind::ListComp { generators, .. }
            | ExprKind::SetComp { generators, .. }
            | ExprKind::DictComp { generators, .. }
            | ExprKind::GeneratorExp { generators, .. } => self.comprehension(e, generators)?,
            ExprKind::Await(v) => {
                self.expr(v)?;
                self.unit().emit_await();
            }
            ExprKind::Yield(v) => {
                match v {
                    Some(v) => self.expr(v)?,
                    None => self.emit_op(Opcode::LOAD_NONE),
                }
                self.emit_op(Opcode::YIELD_VALUE);
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v)?;
                self.emit_op(Opcode::GET_YIELD_FROM_ITER);
                self.emit_op(Opcode::LOAD_NONE);
                self.emit_op(Opcode::YIELD_FROM);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords, e.line)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                self.emit_attr(Opcode::LOAD_ATTR, attr);
            }
            ExprKind::Subscript { value, slice } => {
                self.expr(value)?;
                self.expr(slice)?;
                self.emit_op(Opcode::BINARY_SUBSCR);
            }
            ExprKind::Starred(_) => {
                return Err(err(
                    crate::packed!("can't use starred expression here"),
                    e.line,
                    e.col,
                ))
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(p) => self.expr(p)?,
                        None => self.emit_op(Opcode::LOAD_NONE),
                    }
                }
                let n = match step {
                    Some(s) => {
                        self.expr(s)?;
                        3
                    }
                    None => 2,
                };
                self.emit(Opcode::BUILD_SLICE, n);
            }
        }
        Ok(())
    }

    fn compare(&mut self, left: &'t Expr, ops: &[CmpOp], comparators: &'t [Expr]) -> Result<()> {
        self.expr(left)?;
        if let ([op], [right]) = (ops, comparators) {
            self.expr(right)?;
            self.emit(Opcode::COMPARE_OP, *op as u32);
            return Ok(());
        }
        let cleanup = self.label();
        let end = self.label();
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            self.expr(right)?;
            if i + 1 < ops.len() {
                self.emit_op(Opcode::DUP_TOP);
                self.emit_op(Opcode::ROT_THREE);
                self.emit(Opcode::COMPARE_OP, *op as u32);
                self.jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
            } else {
                self.emit(Opcode::COMPARE_OP, *op as u32);
            }
        }
        self.jump(Opcode::JUMP, end);
        self.bind(cleanup);
        self.emit_op(Opcode::ROT_TWO);
        self.emit_op(Opcode::POP_TOP);
        self.bind(end);
        Ok(())
    }

    /// Pushes `items` and builds them with `build` (a `BUILD_*` taking a count), all at once
    /// when short and free of `*`, else incrementally into a list (or set).
    fn display(&mut self, items: &'t [Expr], build: Opcode) -> Result<()> {
        let starred = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !starred && items.len() <= STACK_USE_GUIDELINE {
            for i in items {
                self.expr(i)?;
            }
            self.emit(build, items.len() as u32);
            return Ok(());
        }
        let (start, add, extend) = match build {
            Opcode::BUILD_SET => (Opcode::BUILD_SET, Opcode::SET_ADD, Opcode::SET_UPDATE),
            _ => (Opcode::BUILD_LIST, Opcode::LIST_APPEND, Opcode::LIST_EXTEND),
        };
        self.emit(start, 0);
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(extend, 1);
                }
                _ => {
                    self.expr(i)?;
                    self.emit(add, 1);
                }
            }
        }
        if build == Opcode::BUILD_TUPLE {
            self.emit_op(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'t [Option<Expr>], values: &'t [Expr]) -> Result<()> {
        let simple = keys.iter().all(Option::is_some) && keys.len() <= STACK_USE_GUIDELINE;
        if simple {
            for (k, v) in keys.iter().zip(values) {
                if let Some(k) = k {
                    self.expr(k)?;
                }
                self.expr(v)?;
            }
            self.emit(Opcode::BUILD_MAP, keys.len() as u32);
            return Ok(());
        }
        self.emit_op(Opcode::BUILD_MAP);
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Opcode::MAP_ADD, 1);
                }
                None => {
                    self.expr(v)?;
                    self.emit(Opcode::DICT_UPDATE, 1);
                }
            }
        }
        Ok(())
    }

    fn joined_str(&mut self, parts: &'t [Expr]) -> Result<()> {
        if parts.is_empty() {
            self.load_constant(Const::Str(String::new()));
            return Ok(());
        }
        let chunked = parts.len() > STACK_USE_GUIDELINE;
        for (i, part) in parts.iter().enumerate() {
            match &part.kind {
                ExprKind::FormattedValue {
                    value,
                    conversion,
                    spec,
                } => {
                    self.expr(value)?;
                    let mut flags = u32::from(*conversion);
                    if let Some(spec) = spec {
                        match &spec.kind {
                            ExprKind::JoinedStr(p) => self.joined_str(p)?,
                            _ => self.expr(spec)?,
                        }
                        flags |= 4;
                    }
                    self.emit(Opcode::FORMAT_VALUE, flags);
                }
                _ => self.expr(part)?,
            }
            if chunked && i > 0 {
                self.emit(Opcode::BUILD_STRING, 2);
            }
        }
        if !chunked && parts.len() > 1 {
            self.emit(Opcode::BUILD_STRING, parts.len() as u32);
        }
        Ok(())
    }

    fn call(
        &mut self,
        func: &'t Expr,
        args: &'t [Expr],
        keywords: &'t [Keyword],
        line: u32,
    ) -> Result<()> {
        let simple = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            && keywords.iter().all(|k| k.arg.is_some())
            && args.len() + keywords.len() <= STACK_USE_GUIDELINE;
        if let (ExprKind::Attribute { value, attr }, true) = (&func.kind, simple) {
            self.expr(value)?;
            self.emit_attr(Opcode::LOAD_METHOD, attr);
            for a in args {
                self.expr(a)?;
            }
            let n = (args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.unit().line = line;
                self.emit(Opcode::CALL_METHOD, n);
            } else {
                self.keyword_values(keywords)?;
                self.unit().line = line;
                self.emit(Opcode::CALL_METHOD_KW, n);
            }
            return Ok(());
        }
        self.expr(func)?;
        self.call_tail(args, keywords, 0, line)
    }

    /// Pushes keyword values and then the tuple of their names.
    fn keyword_values(&mut self, keywords: &'t [Keyword]) -> Result<()> {
        let mut names = Vec::with_capacity(keywords.len());
        for k in keywords {
            self.expr(&k.value)?;
            names.push(Const::Str(k.arg.clone().unwrap_or_default()));
        }
        self.load_constant(Const::Tuple(names));
        Ok(())
    }

    /// With the callable and `pushed` leading arguments already on the stack, pushes `args`
    /// and `keywords` and calls.
    fn call_tail(
        &mut self,
        args: &'t [Expr],
        keywords: &'t [Keyword],
        pushed: usize,
        line: u32,
    ) -> Result<()> {
        let simple = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            && keywords.iter().all(|k| k.arg.is_some())
            && pushed + args.len() + keywords.len() <= STACK_USE_GUIDELINE;
        if simple {
            for a in args {
                self.expr(a)?;
            }
            let n = (pushed + args.len() + keywords.len()) as u32;
            if keywords.is_empty() {
                self.unit().line = line;
                self.emit(Opcode::CALL_FUNCTION, n);
            } else {
                self.keyword_values(keywords)?;
                self.unit().line = line;
                self.emit(Opcode::CALL_FUNCTION_KW, n);
            }
            return Ok(());
        }
        // General form: positional arguments into a tuple, keywords into a dict.
        self.emit(Opcode::BUILD_LIST, pushed as u32);
        for a in args {
            match &a.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Opcode::LIST_EXTEND, 1);
                }
                _ => {
                    self.expr(a)?;
                    self.emit(Opcode::LIST_APPEND, 1);
                }
            }
        }
        self.emit_op(Opcode::LIST_TO_TUPLE);
        let mut flags = 0;
        if !keywords.is_empty() {
            flags = 1;
            self.emit_op(Opcode::BUILD_MAP);
            let mut run = 0u32;
            for k in keywords {
                match &k.arg {
                    Some(name) => {
                        self.load_constant(Const::Str(name.clone()));
                        self.expr(&k.value)?;
                        run += 1;
                        if run as usize == STACK_USE_GUIDELINE {
                            self.emit(Opcode::BUILD_MAP, run);
                            self.emit(Opcode::DICT_MERGE, 1);
                            run = 0;
                        }
                    }
                    None => {
                        if run > 0 {
                            self.emit(Opcode::BUILD_MAP, run);
                            self.emit(Opcode::DICT_MERGE, 1);
                            run = 0;
                        }
                        self.expr(&k.value)?;
                        self.emit(Opcode::DICT_MERGE, 1);
                    }
                }
            }
            if run > 0 {
                self.emit(Opcode::BUILD_MAP, run);
                self.emit(Opcode::DICT_MERGE, 1);
            }
        }
        self.unit().line = line;
        self.emit(Opcode::CALL_FUNCTION_EX, flags);
        Ok(())
    }

    fn comprehension(&mut self, e: &'t Expr, generators: &'t [Comprehension]) -> Result<()> {
        let scope = self.table.scope_for(e, e.line, e.col)?;
        let Some(first) = generators.first() else {
            return Err(err(
                crate::packed!("comprehension without 'for'"),
                e.line,
                e.col,
            ));
        };
        self.compile_scope(
            scope,
            None,
            e.line,
            &mut |c| c.comprehension_body(e, generators),
            0,
        )?;
        self.expr(&first.iter)?;
        self.emit_op(Opcode::GET_ITER);
        self.emit(Opcode::CALL_FUNCTION, 1);
        Ok(())
    }

    fn comprehension_body(&mut self, e: &'t Expr, generators: &'t [Comprehension]) -> Result<()> {
        // The result's builder (none for a generator), the opcode adding one item, and the
        // item's expressions.
        let (build, add, elt, value) = match &e.kind {
            ExprKind::ListComp { elt, .. } => {
                (Some(Opcode::BUILD_LIST), Opcode::LIST_APPEND, elt, None)
            }
            ExprKind::SetComp { elt, .. } => (Some(Opcode::BUILD_SET), Opcode::SET_ADD, elt, None),
            ExprKind::DictComp { key, value, .. } => {
                (Some(Opcode::BUILD_MAP), Opcode::MAP_ADD, key, Some(value))
            }
            ExprKind::GeneratorExp { elt, .. } => (None, Opcode::YIELD_VALUE, elt, None),
            _ => return Ok(()),
        };
        if let Some(b) = build {
            self.emit(b, 0);
        }
        let mut loops: Vec<(Label, Label)> = Vec::with_capacity(generators.len());
        for (i, g) in generators.iter().enumerate() {
            let start = self.label();
            let end = self.label();
            if i == 0 {
                let dot0 = self.unit().var(".0");
                self.emit(Opcode::LOAD_FAST, dot0);
            } else {
                self.expr(&g.iter)?;
                self.emit_op(Opcode::GET_ITER);
            }
            self.bind(start);
            self.jump(Opcode::FOR_ITER, end);
            self.store(&g.target)?;
            for cond in &g.ifs {
                self.jump_if(cond, false, start)?;
            }
            loops.push((start, end));
        }
        self.expr(elt)?;
        if let Some(value) = value {
            self.expr(value)?;
        }
        if build.is_some() {
            self.emit(add, generators.len() as u32 + 1);
        } else {
            self.emit_op(add);
            self.emit_op(Opcode::POP_TOP);
        }
        for (start, end) in loops.into_iter().rev() {
            self.jump(Opcode::JUMP, start);
            self.bind(end);
        }
        if build.is_none() {
            self.emit_op(Opcode::LOAD_NONE);
        }
        self.emit_op(Opcode::RETURN_VALUE);
        Ok(())
    }
}

/// `-literal` as one constant (so `-1` is `LOAD_SMALL_INT -1` and `-2**63` fits an `Int`).
/// The docstring, if `first` (a body's first statement) is a string constant.
fn docstring(first: &Stmt) -> Option<&String> {
    match &first.kind {
        StmtKind::Expr(e) => match &e.kind {
            ExprKind::Constant(Const::Str(doc)) => Some(doc),
            _ => None,
        },
        _ => None,
    }
}

fn negated_constant(operand: &Expr) -> Option<Const> {
    match &operand.kind {
        ExprKind::Constant(Const::Int(v)) => Some(Const::Int(-v)),
        ExprKind::Constant(Const::Float(f)) => Some(Const::Float(-f)),
        ExprKind::Constant(Const::BigInt(false, limbs)) => {
            if limbs.as_slice() == [0, 0x8000_0000] {
                Some(Const::Int(i64::MIN))
            } else {
                Some(Const::BigInt(true, limbs.clone()))
            }
        }
        _ => None,
    }
}

/// A tuple display whose items are all constants, as one constant.
fn constant_tuple(items: &[Expr]) -> Option<Const> {
    let mut out = Vec::with_capacity(items.len());
    for i in items {
        match &i.kind {
            ExprKind::Constant(c) => out.push(c.clone()),
            ExprKind::Tuple(inner) => out.push(constant_tuple(inner)?),
            _ => return None,
        }
    }
    Some(Const::Tuple(out))
}

/// The targets and values of `a, b = x, y` (two or three of each, none starred), which compile
/// to stack rotations instead of a tuple built and unpacked.
fn swap_assign<'t>(targets: &'t [Expr], value: &'t Expr) -> Option<(&'t [Expr], &'t [Expr])> {
    let [target] = targets else { return None };
    let (ExprKind::Tuple(items) | ExprKind::List(items)) = &target.kind else {
        return None;
    };
    let ExprKind::Tuple(values) = &value.kind else {
        return None;
    };
    let plain = |e: &Expr| !matches!(e.kind, ExprKind::Starred(_));
    (matches!(items.len(), 2 | 3)
        && items.len() == values.len()
        && items.iter().all(plain)
        && values.iter().all(plain))
    .then_some((items, values))
}
