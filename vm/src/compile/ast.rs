//! The abstract syntax tree the parser builds and the symbol table and code generator walk.
//!
//! It follows CPython's `ast` module closely (names included) minus what mote drops:
//! annotations, docstrings as such, `match`, `async for`/`async with`. Whether a name or
//! attribute is loaded, stored or deleted follows from where it sits, so there is no context
//! field.
//!
//! Invariant: every [`Expr`] records its `height` (1 for a leaf), and the parser refuses trees
//! taller than [`MAX_EXPR_HEIGHT`]; statements nest at most `lexer::MAX_INDENT` deep. Every
//! recursive walk (symbol table, code generator, `Drop`) is therefore bounded. The left operand
//! of a binary operator adds no height: those walks loop along such chains (`Drop` unlinks
//! every loop-built chain), so `1+1+…` is not nesting.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

pub use crate::bytecode::Const;

/// Tallest expression tree the parser accepts.
pub const MAX_EXPR_HEIGHT: u16 = 1000;

/// A binary operator; the value is the `BINARY_OP` operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BinOp {
    Add = 0,
    Sub = 1,
    Mult = 2,
    Div = 3,
    FloorDiv = 4,
    Mod = 5,
    Pow = 6,
    LShift = 7,
    RShift = 8,
    BitAnd = 9,
    BitOr = 10,
    BitXor = 11,
    MatMult = 12,
}

/// A unary operator; the value is the `UNARY_OP` operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum UnaryOp {
    USub = 0,
    UAdd = 1,
    Invert = 2,
    Not = 3,
}

/// A comparison operator; the value is the `COMPARE_OP` operand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum CmpOp {
    Lt = 0,
    LtE = 1,
    Eq = 2,
    NotEq = 3,
    Gt = 4,
    GtE = 5,
    In = 6,
    NotIn = 7,
    Is = 8,
    IsNot = 9,
}

/// `and` / `or`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum BoolOp {
    And,
    Or,
}

/// `Box::new(e)` out of line: the allocation and the move of the 48-byte node once, instead
/// of both at each of the parser's many boxed operands.
#[inline(never)]
pub(crate) fn boxed(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// An expression with its position and tree height.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// 1-based line of its first token.
    pub line: u32,
    /// 0-based byte column of its first token.
    pub col: u32,
    /// Height of the tree rooted here (a leaf is 1).
    pub height: u16,
}

/// `name=value` in a call, or `**value` when `arg` is `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// The keyword, `None` for `**mapping`.
    pub arg: Option<String>,
    /// The value.
    pub value: Expr,
}

/// One `for … in … if …` clause of a comprehension.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// Loop target.
    pub target: Expr,
    /// Iterated expression.
    pub iter: Expr,
    /// Filters.
    pub ifs: Vec<Expr>,
}

/// A parameter name with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// The name.
    pub name: String,
    /// Line of the name.
    pub line: u32,
}

/// A parameter list (of a `def` or a `lambda`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arguments {
    /// Positional-only parameters (before `/`).
    pub posonlyargs: Vec<Arg>,
    /// Ordinary positional-or-keyword parameters.
    pub args: Vec<Arg>,
    /// `*name`.
    pub vararg: Option<Arg>,
    /// Keyword-only parameters.
    pub kwonlyargs: Vec<Arg>,
    /// Defaults of the keyword-only parameters, one per parameter.
    pub kw_defaults: Vec<Option<Expr>>,
    /// `**name`.
    pub kwarg: Option<Arg>,
    /// Defaults of the last positional parameters.
    pub defaults: Vec<Expr>,
}

impl Arguments {
    /// Every parameter in frame-slot order: positional, keyword-only, `*args`, `**kwargs`.
    pub fn all(&self) -> impl Iterator<Item = &Arg> {
        self.posonlyargs
            .iter()
            .chain(&self.args)
            .chain(&self.kwonlyargs)
            .chain(&self.vararg)
            .chain(&self.kwarg)
    }

    fn max_height(&self) -> u16 {
        max_of(&self.defaults).max(max_of_present(&self.kw_defaults))
    }
}

/// Expression variants, as in CPython's `ast`.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum ExprKind {
    Name(String),
    Constant(Const),
    /// An f-string: `Constant(Str)` and `FormattedValue` parts.
    JoinedStr(Vec<Expr>),
    /// `{value!conversion:spec}`; conversion is the `FORMAT_VALUE` flag (0 none, 1 s, 2 r, 3 a).
    FormattedValue {
        value: Box<Expr>,
        conversion: u8,
        spec: Option<Box<Expr>>,
    },
    BoolOp {
        op: BoolOp,
        values: Vec<Expr>,
    },
    NamedExpr {
        target: Box<Expr>,
        value: Box<Expr>,
    },
    BinOp {
        left: Box<Expr>,
        op: BinOp,
        right: Box<Expr>,
    },
    UnaryOp {
        op: UnaryOp,
        operand: Box<Expr>,
    },
    Lambda {
        args: Box<Arguments>,
        body: Box<Expr>,
    },
    IfExp {
        test: Box<Expr>,
        body: Box<Expr>,
        orelse: Box<Expr>,
    },
    /// `keys[i] == None` marks `**values[i]`.
    Dict {
        keys: Vec<Option<Expr>>,
        values: Vec<Expr>,
    },
    Set(Vec<Expr>),
    List(Vec<Expr>),
    Tuple(Vec<Expr>),
    ListComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    SetComp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    DictComp {
        key: Box<Expr>,
        value: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    GeneratorExp {
        elt: Box<Expr>,
        generators: Vec<Comprehension>,
    },
    Await(Box<Expr>),
    Yield(Option<Box<Expr>>),
    YieldFrom(Box<Expr>),
    Compare {
        left: Box<Expr>,
        ops: Vec<CmpOp>,
        comparators: Vec<Expr>,
    },
    Call {
        func: Box<Expr>,
        args: Vec<Expr>,
        keywords: Vec<Keyword>,
    },
    Attribute {
        value: Box<Expr>,
        attr: String,
    },
    Subscript {
        value: Box<Expr>,
        slice: Box<Expr>,
    },
    Starred(Box<Expr>),
    Slice {
        lower: Option<Box<Expr>>,
        upper: Option<Box<Expr>>,
        step: Option<Box<Expr>>,
    },
}

// The height helpers are plain loops over slices: `Iterator::max` over each kind of
// iterator was a generic copy per call site.

/// Height of the tallest of `items` (0 for none).
fn max_of(items: &[Expr]) -> u16 {
    let mut max = 0;
    for e in items {
        max = max.max(e.height);
    }
    max
}

/// [`max_of`] over the items present.
fn max_of_present(items: &[Option<Expr>]) -> u16 {
    let mut max = 0;
    for e in items.iter().flatten() {
        max = max.max(e.height);
    }
    max
}

fn comps_height(generators: &[Comprehension]) -> u16 {
    let mut max = 0;
    for g in generators {
        max = max.max(g.target.height.max(g.iter.height).max(max_of(&g.ifs)));
    }
    max
}

impl ExprKind {
    /// Height of the tallest direct child (0 for leaves).
    fn child_height(&self) -> u16 {
        let opt = |e: &Option<Box<Expr>>| e.as_ref().map_or(0, |e| e.height);
        match self {
            ExprKind::Name(_) | ExprKind::Constant(_) => 0,
            ExprKind::JoinedStr(v)
            | ExprKind::Set(v)
            | ExprKind::List(v)
            | ExprKind::Tuple(v)
            | ExprKind::BoolOp { values: v, .. } => max_of(v),
            ExprKind::FormattedValue { value, spec, .. } => value.height.max(opt(spec)),
            ExprKind::NamedExpr {
                target: a,
                value: b,
            } => a.height.max(b.height),
            // The passes walk a chain's left spine in a loop (and `Drop` unlinks it), so only
            // the right operands add height: `1+1+…+1` is as tall as `1+1`.
            ExprKind::BinOp { left, right, .. } => left.height.saturating_sub(1).max(right.height),
            ExprKind::UnaryOp { operand: e, .. }
            | ExprKind::Await(e)
            | ExprKind::YieldFrom(e)
            | ExprKind::Starred(e)
            | ExprKind::Attribute { value: e, .. } => e.height,
            ExprKind::Lambda { args, body } => args.max_height().max(body.height),
            ExprKind::IfExp { test, body, orelse } => {
                test.height.max(body.height).max(orelse.height)
            }
            ExprKind::Dict { keys, values } => max_of_present(keys).max(max_of(values)),
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                elt.height.max(comps_height(generators))
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => key.height.max(value.height).max(comps_height(generators)),
            ExprKind::Yield(e) => opt(e),
            ExprKind::Compare {
                left, comparators, ..
            } => left.height.max(max_of(comparators)),
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let mut max = func.height.max(max_of(args));
                for k in keywords {
                    max = max.max(k.value.height);
                }
                max
            }
            ExprKind::Subscript { value, slice } => value.height.max(slice.height),
            ExprKind::Slice { lower, upper, step } => opt(lower).max(opt(upper)).max(opt(step)),
        }
    }
}

impl Expr {
    /// A node at `line`/`col`, its height computed from its children.
    pub fn new(kind: ExprKind, line: u32, col: u32) -> Expr {
        let height = kind.child_height().saturating_add(1);
        Expr {
            kind,
            line,
            col,
            height,
        }
    }

    /// What CPython calls this expression in "cannot assign to …" messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            ExprKind::Name(_) => "name",
            ExprKind::Constant(Const::None) => "None",
            ExprKind::Constant(Const::True) => "True",
            ExprKind::Constant(Const::False) => "False",
            ExprKind::Constant(Const::Ellipsis) => "ellipsis",
            ExprKind::Constant(_) => "literal",
            ExprKind::JoinedStr(_) | ExprKind::FormattedValue { .. } => "f-string expression",
            ExprKind::BoolOp { .. }
            | ExprKind::BinOp { .. }
            | ExprKind::UnaryOp { .. }
            | ExprKind::Slice { .. } => "expression",
            ExprKind::NamedExpr { .. } => "named expression",
            ExprKind::Lambda { .. } => "lambda",
            ExprKind::IfExp { .. } => "conditional expression",
            ExprKind::Dict { .. } => "dict literal",
            ExprKind::Set(_) => "set display",
            ExprKind::List(_) => "list",
            ExprKind::Tuple(_) => "tuple",
            ExprKind::ListComp { .. } => "list comprehension",
            ExprKind::SetComp { .. } => "set comprehension",
            ExprKind::DictComp { .. } => "dict comprehension",
            ExprKind::GeneratorExp { .. } => "generator expression",
            ExprKind::Await(_) => "await expression",
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
            ExprKind::Compare { .. } => "comparison",
            ExprKind::Call { .. } => "function call",
            ExprKind::Attribute { .. } => "attribute",
            ExprKind::Subscript { .. } => "subscript",
            ExprKind::Starred(_) => "starred",
        }
    }
}

/// `name` or `name as asname` in an import.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// Dotted module name, or the imported name (`*` for a star import).
    pub name: String,
    /// The `as` name.
    pub asname: Option<String>,
}

/// One `except` clause.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// The matched type (`None` for a bare `except:`).
    pub typ: Option<Expr>,
    /// `as name`.
    pub name: Option<String>,
    /// The handler body.
    pub body: Vec<Stmt>,
    /// Line of the `except`.
    pub line: u32,
    /// Column of the `except`.
    pub col: u32,
}

/// One item of a `with` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// The context manager.
    pub context_expr: Expr,
    /// `as target`.
    pub optional_vars: Option<Expr>,
}

/// A `def` or `async def`.
#[derive(Clone, Debug, PartialEq)]
pub struct FunctionDef {
    /// Function name.
    pub name: String,
    /// Parameters.
    pub args: Arguments,
    /// Body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
    /// `async def`.
    pub is_async: bool,
}

/// A `class` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDef {
    /// Class name.
    pub name: String,
    /// Base class expressions (may include `*args`).
    pub bases: Vec<Expr>,
    /// Keywords (`metaclass=`, `**kw`).
    pub keywords: Vec<Keyword>,
    /// Body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// `for`, or `async for` when `is_async`.
#[derive(Clone, Debug, PartialEq)]
pub struct For {
    /// The loop target.
    pub target: Expr,
    /// The iterated expression.
    pub iter: Expr,
    /// The loop body.
    pub body: Vec<Stmt>,
    /// `else`.
    pub orelse: Vec<Stmt>,
    /// `async for`.
    pub is_async: bool,
}

/// A `try` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Try {
    /// The guarded block.
    pub body: Vec<Stmt>,
    /// The `except` clauses.
    pub handlers: Vec<ExceptHandler>,
    /// `else`.
    pub orelse: Vec<Stmt>,
    /// `finally`.
    pub finalbody: Vec<Stmt>,
}

/// A statement with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// 1-based line of its first token.
    pub line: u32,
    /// 0-based byte column of its first token.
    pub col: u32,
}

/// Statement variants, as in CPython's `ast`.
///
/// Expressions are boxed here: an inline [`Expr`] (48 B on riscv32, aligned to 8 by
/// [`Const`]) made every statement 136 B, and the parser and passes move statements by value.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)]
pub enum StmtKind {
    FunctionDef(Box<FunctionDef>),
    ClassDef(Box<ClassDef>),
    Return(Option<Box<Expr>>),
    Delete(Vec<Expr>),
    Assign {
        targets: Vec<Expr>,
        value: Box<Expr>,
    },
    AugAssign {
        target: Box<Expr>,
        op: BinOp,
        value: Box<Expr>,
    },
    /// An annotated assignment (the annotation is dropped); `simple` for a bare name target.
    AnnAssign {
        target: Box<Expr>,
        value: Option<Box<Expr>>,
        simple: bool,
    },
    /// Boxed, as [`StmtKind::Try`]: inline it made every statement 44 B.
    For(Box<For>),
    While {
        test: Box<Expr>,
        body: Vec<Stmt>,
        orelse: Vec<Stmt>,
    },
    /// `if`/`elif` branches kept flat (a long `elif` chain must not nest), then `else`.
    If {
        branches: Vec<(Expr, Vec<Stmt>)>,
        orelse: Vec<Stmt>,
    },
    /// `with`, or `async with` when `is_async`.
    With {
        items: Vec<WithItem>,
        body: Vec<Stmt>,
        is_async: bool,
    },
    Raise {
        exc: Option<Box<Expr>>,
        cause: Option<Box<Expr>>,
    },
    /// Boxed: its four blocks inline made every statement 56 B.
    Try(Box<Try>),
    Assert {
        test: Box<Expr>,
        msg: Option<Box<Expr>>,
    },
    Import(Vec<Alias>),
    ImportFrom {
        module: Option<String>,
        names: Vec<Alias>,
        level: u32,
    },
    Global(Vec<String>),
    Nonlocal(Vec<String>),
    Expr(Box<Expr>),
    Pass,
    Break,
    Continue,
}

/// Loop-built chains (`1+1+…`, `a.b.c…`, `f()()…`, `x[0][0]…`, `a<b<…`) can be far longer than
/// the recursion limits allow for nesting; dropping one would recurse once per link. So the
/// left spine is unlinked in a loop, leaving each link with a leaf before it is dropped.
impl Drop for Expr {
    fn drop(&mut self) {
        let mut next = spine_child(self).map(take_leaf);
        while let Some(mut link) = next {
            next = spine_child(&mut link).map(take_leaf);
        }
    }
}

/// The left child a chain continues through, if `e` is a chain link.
fn spine_child(e: &mut Expr) -> Option<&mut Expr> {
    match &mut e.kind {
        ExprKind::BinOp { left, .. }
        | ExprKind::Compare { left, .. }
        | ExprKind::Call { func: left, .. }
        | ExprKind::Attribute { value: left, .. }
        | ExprKind::Subscript { value: left, .. } => Some(&mut **left),
        _ => None,
    }
}

/// Moves `e` out, leaving a leaf in its place.
fn take_leaf(e: &mut Expr) -> Expr {
    core::mem::replace(
        e,
        Expr {
            kind: ExprKind::Constant(Const::None),
            line: 0,
            col: 0,
            height: 1,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf() -> Expr {
        Expr::new(ExprKind::Name("x".into()), 1, 0)
    }

    #[test]
    fn height_grows_by_one_per_level() {
        let a = Expr::new(
            ExprKind::BinOp {
                left: Box::new(leaf()),
                op: BinOp::Add,
                right: Box::new(leaf()),
            },
            1,
            0,
        );
        assert_eq!(a.height, 2);
        let call = Expr::new(
            ExprKind::Call {
                func: Box::new(leaf()),
                args: alloc::vec![a],
                keywords: Vec::new(),
            },
            1,
            0,
        );
        assert_eq!(call.height, 3);
    }
}
