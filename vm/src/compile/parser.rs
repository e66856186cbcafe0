//! The parser: tokens to [`ast`](super::ast), by recursive descent with one precedence-climbing
//! function for the binary operators.
//!
//! Error messages follow CPython 3.11 where it has a specific one; everything else is "invalid
//! syntax" at the offending token. An error found at the end of the input is marked
//! `incomplete_input` so a REPL can ask for another line.
//!
//! Invariant: recursion is bounded. Every recursive entry (expression, unary operator, `**`,
//! `await`, block) counts against [`MAX_DEPTH`], and every node's height against
//! [`MAX_EXPR_HEIGHT`] (left-leaning chains such as `a.b.c…` or `1+1+…` are built by loops, so
//! only their height bounds them; a chain of binary operators adds no height, since every pass
//! walks it in a loop, so `1+1+…` may be any length).

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::ast::*;
use super::error::{message, ErrorKind, Result, SyntaxError};
use super::lexer::Lexer;
use super::stack::StackGuard;
use super::token::{FPart, Field, Kw, Op, Tok, Token};
use crate::format::message::{fill, ToArg};

/// Deepest recursion the parser allows (brackets, unary operators, blocks, … combined).
pub const MAX_DEPTH: u32 = 1000;

/// Where an assignment target appears (for CPython's error wording).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Assign,
    Nested,
    Del,
}

/// The parser state: the lexer and two tokens of lookahead.
pub struct Parser<'s> {
    lexer: Lexer<'s>,
    tok: Token,
    next: Option<Token>,
    depth: u32,
    /// Inside an f-string expression (errors say "f-string: …").
    fstring: bool,
    guard: StackGuard,
}

/// Parses a whole module.
pub fn parse_module(src: &str, guard: StackGuard) -> Result<Vec<Stmt>> {
    let mut p = Statements::new(src, guard)?;
    let mut body = Vec::new();
    while let Some(mut part) = p.next_statement()? {
        body.append(&mut part);
    }
    Ok(body)
}

/// A module's top-level statements one at a time, so a caller can compile each and drop its
/// tree before the next is parsed (the compiler's memory then follows the largest statement,
/// not the whole source).
pub struct Statements<'s> {
    parser: Parser<'s>,
}

impl<'s> Statements<'s> {
    /// Starts parsing `src` as a module.
    pub fn new(src: &'s str, guard: StackGuard) -> Result<Statements<'s>> {
        Ok(Statements {
            parser: Parser::new(Lexer::new(src), 0, guard)?,
        })
    }

    /// The next top-level statement (several for simple statements joined by `;`), or `None`
    /// at the end of the module.
    pub fn next_statement(&mut self) -> Result<Option<Vec<Stmt>>> {
        let p = &mut self.parser;
        loop {
            match p.tok.tok {
                Tok::Eof => return Ok(None),
                Tok::Newline => {
                    p.skip()?;
                }
                _ => {
                    let mut part = Vec::new();
                    p.statement(&mut part)?;
                    return Ok(Some(part));
                }
            }
        }
    }
}

/// Parses one interactive input (one statement, simple statements joined by `;` included).
pub fn parse_single(src: &str, guard: StackGuard) -> Result<Vec<Stmt>> {
    Statements::new(src, guard)?.single()
}

/// Parses a single expression (`eval` input), trailing newlines allowed.
pub fn parse_eval(src: &str, guard: StackGuard) -> Result<Expr> {
    Statements::new(src, guard)?.eval()
}

impl Statements<'_> {
    /// The source as one interactive input ([`parse_single`]). The compiler starts every mode
    /// with [`Statements::new`], so the parser is set up in one place.
    pub fn single(mut self) -> Result<Vec<Stmt>> {
        // Borrowed, not moved out: the parser is over 100 bytes.
        let p = &mut self.parser;
        let mut body = Vec::new();
        p.skip_newlines()?;
        if matches!(p.tok.tok, Tok::Eof) {
            return Ok(body);
        }
        p.statement(&mut body)?;
        p.skip_newlines()?;
        if !matches!(p.tok.tok, Tok::Eof) {
            return Err(p.error(crate::packed!(
                "multiple statements found while compiling a single statement"
            )));
        }
        Ok(body)
    }

    /// The source as one expression ([`parse_eval`]).
    pub fn eval(mut self) -> Result<Expr> {
        let p = &mut self.parser;
        p.skip_newlines()?;
        let e = p.star_expressions()?;
        p.skip_newlines()?;
        if !matches!(p.tok.tok, Tok::Eof) {
            return Err(p.invalid());
        }
        Ok(e)
    }
}

/// The infix operators written as one operator token, and what each stands for: a table
/// searched in order is less code than a `match` on the token.
const OP_INFIX: [(Op, Pending); 19] = [
    (Op::DoubleStar, Pending::Bin(BinOp::Pow)),
    (Op::Less, Pending::Cmp(CmpOp::Lt)),
    (Op::LessEqual, Pending::Cmp(CmpOp::LtE)),
    (Op::EqEqual, Pending::Cmp(CmpOp::Eq)),
    (Op::NotEqual, Pending::Cmp(CmpOp::NotEq)),
    (Op::Greater, Pending::Cmp(CmpOp::Gt)),
    (Op::GreaterEqual, Pending::Cmp(CmpOp::GtE)),
    (Op::VBar, Pending::Bin(BinOp::BitOr)),
    (Op::Circumflex, Pending::Bin(BinOp::BitXor)),
    (Op::Amper, Pending::Bin(BinOp::BitAnd)),
    (Op::LeftShift, Pending::Bin(BinOp::LShift)),
    (Op::RightShift, Pending::Bin(BinOp::RShift)),
    (Op::Plus, Pending::Bin(BinOp::Add)),
    (Op::Minus, Pending::Bin(BinOp::Sub)),
    (Op::Star, Pending::Bin(BinOp::Mult)),
    (Op::Slash, Pending::Bin(BinOp::Div)),
    (Op::DoubleSlash, Pending::Bin(BinOp::FloorDiv)),
    (Op::Percent, Pending::Bin(BinOp::Mod)),
    (Op::At, Pending::Bin(BinOp::MatMult)),
];

const PREC_OR: u8 = 1;
const PREC_AND: u8 = 2;
const PREC_NOT: u8 = 3;
const PREC_CMP: u8 = 4;
const PREC_BITOR: u8 = 5;
const PREC_UNARY: u8 = 11;
const PREC_POW: u8 = 12;
const PREC_AWAIT: u8 = 13;

/// An operator waiting on the operator stack of [`Parser::operators`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pending {
    Bool(BoolOp),
    Unary(UnaryOp),
    Cmp(CmpOp),
    Bin(BinOp),
    Await,
}

impl Pending {
    fn prec(self) -> u8 {
        match self {
            Pending::Bool(BoolOp::Or) => PREC_OR,
            Pending::Bool(BoolOp::And) => PREC_AND,
            Pending::Unary(UnaryOp::Not) => PREC_NOT,
            Pending::Unary(_) => PREC_UNARY,
            Pending::Cmp(_) => PREC_CMP,
            Pending::Bin(BinOp::Pow) => PREC_POW,
            Pending::Bin(op) => binop_prec(op),
            Pending::Await => PREC_AWAIT,
        }
    }
}

/// Where a token was.
#[derive(Clone, Copy)]
struct Pos {
    line: u32,
    col: u32,
}

/// A pending operator and where it was written.
struct Positioned {
    op: Pending,
    line: u32,
    col: u32,
}

trait PushWith {
    fn push_with(&mut self, op: Pending, line: u32, col: u32);
}

impl PushWith for Vec<Positioned> {
    fn push_with(&mut self, op: Pending, line: u32, col: u32) {
        self.push(Positioned { op, line, col });
    }
}

fn binop_prec(op: BinOp) -> u8 {
    match op {
        BinOp::BitOr => 5,
        BinOp::BitXor => 6,
        BinOp::BitAnd => 7,
        BinOp::LShift | BinOp::RShift => 8,
        BinOp::Add | BinOp::Sub => 9,
        BinOp::Pow => PREC_POW,
        _ => 10,
    }
}

/// The augmented assignment operators and their binary operators (a table, as [`OP_INFIX`]).
const AUGASSIGN: [(Op, BinOp); 13] = [
    (Op::PlusEqual, BinOp::Add),
    (Op::MinEqual, BinOp::Sub),
    (Op::StarEqual, BinOp::Mult),
    (Op::SlashEqual, BinOp::Div),
    (Op::DoubleSlashEqual, BinOp::FloorDiv),
    (Op::PercentEqual, BinOp::Mod),
    (Op::DoubleStarEqual, BinOp::Pow),
    (Op::LeftShiftEqual, BinOp::LShift),
    (Op::RightShiftEqual, BinOp::RShift),
    (Op::AmperEqual, BinOp::BitAnd),
    (Op::VBarEqual, BinOp::BitOr),
    (Op::CircumflexEqual, BinOp::BitXor),
    (Op::AtEqual, BinOp::MatMult),
];

fn augassign_of(tok: &Tok) -> Option<BinOp> {
    let Tok::Op(op) = tok else { return None };
    AUGASSIGN.iter().find(|(o, _)| o == op).map(|&(_, b)| b)
}

fn can_start_expr(tok: &Tok) -> bool {
    match tok {
        Tok::Name(_)
        | Tok::Int(_)
        | Tok::BigInt(_)
        | Tok::Float(_)
        | Tok::Imag(_)
        | Tok::Str(_)
        | Tok::Bytes(_)
        | Tok::FString(_) => true,
        Tok::Kw(kw) => matches!(
            kw,
            Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await | Kw::Yield
        ),
        Tok::Op(op) => matches!(
            op,
            Op::LPar
                | Op::LSqb
                | Op::LBrace
                | Op::Minus
                | Op::Plus
                | Op::Tilde
                | Op::Star
                | Op::Ellipsis
        ),
        _ => false,
    }
}

/// The repeated name CPython reports, found in O(n): with `first_repeat`, the first name that
/// repeats an earlier one (parameters); otherwise the first name that comes again later
/// (keyword arguments).
fn find_duplicate<'a>(names: impl Iterator<Item = &'a str>, first_repeat: bool) -> Option<&'a str> {
    let mut seen = super::name_map::NameMap::new();
    let mut found: Option<(u32, &str)> = None;
    for (i, name) in names.enumerate() {
        match seen.get(name) {
            Some(_) if first_repeat => return Some(name),
            Some(first) => {
                if found.is_none_or(|(at, _)| first < at) {
                    found = Some((first, name));
                }
            }
            None => {
                seen.insert(name, i as u32);
            }
        }
    }
    found.map(|(_, name)| name)
}

impl<'s> Parser<'s> {
    fn new(mut lexer: Lexer<'s>, depth: u32, guard: StackGuard) -> Result<Parser<'s>> {
        let tok = lexer.next_token()?;
        Ok(Parser {
            lexer,
            tok,
            next: None,
            depth,
            fstring: false,
            guard,
        })
    }

    fn bump(&mut self) -> Result<Token> {
        let next = match self.next.take() {
            Some(t) => t,
            None => self.lexer.next_token()?,
        };
        Ok(core::mem::replace(&mut self.tok, next))
    }

    /// Move past the current token, dropping it; where it was. One out-of-line copy of the
    /// token's drop instead of one at each of the parser's many steps over a keyword or
    /// delimiter (about 3 KB of riscv32 code).
    #[inline(never)]
    fn skip(&mut self) -> Result<Pos> {
        let tok = self.bump()?;
        Ok(Pos {
            line: tok.line,
            col: tok.col,
        })
    }

    /// Moves past blank lines (the start and end of `eval` and single inputs).
    #[inline(never)]
    fn skip_newlines(&mut self) -> Result<()> {
        while matches!(self.tok.tok, Tok::Newline) {
            self.skip()?;
        }
        Ok(())
    }

    fn peek2(&mut self) -> Result<&Tok> {
        if self.next.is_none() {
            self.next = Some(self.lexer.next_token()?);
        }
        Ok(self.next.as_ref().map_or(&Tok::Eof, |t| &t.tok))
    }

    fn at_op(&self, op: Op) -> bool {
        matches!(self.tok.tok, Tok::Op(o) if o == op)
    }

    fn at_kw(&self, kw: Kw) -> bool {
        matches!(self.tok.tok, Tok::Kw(k) if k == kw)
    }

    fn eat_op(&mut self, op: Op) -> Result<bool> {
        if self.at_op(op) {
            self.skip()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn eat_kw(&mut self, kw: Kw) -> Result<bool> {
        if self.at_kw(kw) {
            self.skip()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn error_at(&self, msg: impl Into<String>, line: u32, col: u32) -> Box<SyntaxError> {
        self.error_text_at(msg.into(), line, col)
    }

    /// [`Self::error_at`] without its type parameter: one copy for every kind of message.
    fn error_text_at(&self, mut msg: String, line: u32, col: u32) -> Box<SyntaxError> {
        if self.fstring && !msg.starts_with("f-string") {
            msg = message("f-string: ", &msg, "");
        }
        SyntaxError::syntax(msg, line, col)
    }

    fn error(&self, msg: impl Into<String>) -> Box<SyntaxError> {
        self.error_text(msg.into())
    }

    /// [`Self::error`] without its type parameter.
    fn error_text(&self, msg: String) -> Box<SyntaxError> {
        let e = self.error_text_at(msg, self.tok.line, self.tok.col);
        if matches!(self.tok.tok, Tok::Eof) && !self.fstring {
            e.incomplete()
        } else {
            e
        }
    }

    fn invalid(&self) -> Box<SyntaxError> {
        match self.tok.tok {
            Tok::Indent => SyntaxError::new(
                ErrorKind::Indentation,
                crate::packed!("unexpected indent"),
                self.tok.line,
                self.tok.col,
            ),
            _ => self.error(crate::packed!("invalid syntax")),
        }
    }

    fn expect_op(&mut self, op: Op) -> Result<()> {
        if self.at_op(op) {
            return self.skip().map(drop);
        }
        if op == Op::Colon {
            return Err(self.error(crate::packed!("expected ':'")));
        }
        Err(self.invalid())
    }

    fn expect_name(&mut self) -> Result<String> {
        if let Tok::Name(_) = self.tok.tok {
            if let Tok::Name(n) = self.bump()?.tok {
                return Ok(n);
            }
        }
        Err(self.invalid())
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || self.guard.exhausted() {
            return Err(self.error(crate::packed!("too many nested parentheses")));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn node(&self, kind: ExprKind, line: u32, col: u32) -> Result<Expr> {
        let e = Expr::new(kind, line, col);
        if e.height > MAX_EXPR_HEIGHT {
            return Err(self.error_at(crate::packed!("expression too deeply nested"), line, col));
        }
        Ok(e)
    }

    /// [`Self::node`] appended to `out`: one copy of the node's move out of its result,
    /// instead of one at each site that collects nodes.
    #[inline(never)]
    fn push_node(&self, out: &mut Vec<Expr>, kind: ExprKind, line: u32, col: u32) -> Result<()> {
        let e = self.node(kind, line, col)?;
        out.push(e);
        Ok(())
    }

    /// What `parse` parses, appended to `out`: one copy of the result's move and push for the
    /// parser's item loops.
    #[inline(never)]
    fn push_parsed(
        &mut self,
        out: &mut Vec<Expr>,
        parse: fn(&mut Self) -> Result<Expr>,
    ) -> Result<()> {
        let e = parse(self)?;
        out.push(e);
        Ok(())
    }

    // ----- statements -----

    fn statement(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        let (line, col) = (self.tok.line, self.tok.col);
        let compound = match self.tok.tok {
            Tok::Kw(Kw::If) => self.if_stmt()?,
            Tok::Kw(Kw::While) => self.while_stmt()?,
            Tok::Kw(Kw::For) => self.for_stmt(false)?,
            Tok::Kw(Kw::Try) => self.try_stmt()?,
            Tok::Kw(Kw::With) => self.with_stmt(false)?,
            // Undecorated definitions too: their decorator list is empty.
            Tok::Kw(Kw::Def | Kw::Class | Kw::Async) | Tok::Op(Op::At) => self.decorated()?,
            Tok::Name(ref n) if n == "match" => {
                if self.is_match_stmt()? {
                    return Err(self.error(crate::packed!("'match' statements are not supported")));
                }
                return self.simple_stmts(out);
            }
            _ => return self.simple_stmts(out),
        };
        out.push(Stmt {
            kind: compound,
            line,
            col,
        });
        Ok(())
    }

    /// `match` is a soft keyword: only `match <subject>:` at line end starts a statement.
    fn is_match_stmt(&mut self) -> Result<bool> {
        let next = self.peek2()?;
        Ok(can_start_expr(next)
            && !matches!(
                next,
                Tok::Op(Op::LPar | Op::LSqb | Op::Minus | Op::Plus | Op::Star | Op::Tilde)
            ))
    }

    /// `:` and the indented block or simple statements after it (`what` and `line` name the
    /// statement in the indentation error).
    fn block(&mut self, what: &str, line: u32) -> Result<Vec<Stmt>> {
        self.expect_op(Op::Colon)?;
        self.enter()?;
        let mut body = Vec::new();
        if matches!(self.tok.tok, Tok::Newline) {
            self.skip()?;
            if !matches!(self.tok.tok, Tok::Indent) {
                let e = SyntaxError::new(
                    ErrorKind::Indentation,
                    fill(
                        "expected an indented block after {} on line {}",
                        &[what.arg(), line.arg()],
                    ),
                    self.tok.line,
                    self.tok.col,
                );
                return Err(if matches!(self.tok.tok, Tok::Eof) {
                    e.incomplete()
                } else {
                    e
                });
            }
            self.skip()?;
            while !matches!(self.tok.tok, Tok::Dedent | Tok::Eof) {
                self.statement(&mut body)?;
            }
            self.skip()?;
        } else {
            self.simple_stmts(&mut body)?;
        }
        self.leave();
        Ok(body)
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> Result<()> {
        loop {
            let (line, col) = (self.tok.line, self.tok.col);
            let kind = self.simple_stmt()?;
            out.push(Stmt { kind, line, col });
            if self.eat_op(Op::Semi)? {
                if matches!(self.tok.tok, Tok::Newline) {
                    break;
                }
                continue;
            }
            break;
        }
        if !matches!(self.tok.tok, Tok::Newline) {
            return Err(self.invalid());
        }
        self.skip()?;
        Ok(())
    }

    fn simple_stmt(&mut self) -> Result<StmtKind> {
        // Every keyword statement starts by stepping over its keyword: one step for all.
        let kw = match self.tok.tok {
            Tok::Kw(
                kw @ (Kw::Pass
                | Kw::Break
                | Kw::Continue
                | Kw::Return
                | Kw::Raise
                | Kw::Global
                | Kw::Nonlocal
                | Kw::Del
                | Kw::Assert
                | Kw::Import
                | Kw::From),
            ) => kw,
            _ => return self.expr_stmt(),
        };
        self.skip()?;
        Ok(match kw {
            Kw::Break => StmtKind::Break,
            Kw::Continue => StmtKind::Continue,
            Kw::Return => {
                let value = if can_start_expr(&self.tok.tok) {
                    Some(self.boxed_parsed(Self::star_expressions)?)
                } else {
                    None
                };
                StmtKind::Return(value)
            }
            Kw::Raise => {
                let mut exc = None;
                let mut cause = None;
                if can_start_expr(&self.tok.tok) {
                    exc = Some(self.boxed_expression()?);
                    if self.eat_kw(Kw::From)? {
                        cause = Some(self.boxed_expression()?);
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            Kw::Global | Kw::Nonlocal => {
                let mut names = Vec::new();
                loop {
                    names.push(self.expect_name()?);
                    if !self.eat_op(Op::Comma)? {
                        break;
                    }
                }
                if kw == Kw::Global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Kw::Del => {
                let targets = self.del_targets()?;
                for t in &targets {
                    self.check_target(t, Target::Del)?;
                }
                StmtKind::Delete(targets)
            }
            Kw::Assert => {
                let test = self.boxed_expression()?;
                let msg = if self.eat_op(Op::Comma)? {
                    Some(self.boxed_expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            Kw::Import => {
                let mut names = Vec::new();
                loop {
                    let name = self.dotted_name()?;
                    self.alias(name, &mut names)?;
                    if !self.eat_op(Op::Comma)? {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            Kw::From => self.import_from()?,
            _ => StmtKind::Pass,
        })
    }

    /// `name` with its `as` name, if one follows, appended to `names` (one copy of the move
    /// and push for both kinds of import).
    fn alias(&mut self, name: String, names: &mut Vec<Alias>) -> Result<()> {
        let asname = if self.eat_kw(Kw::As)? {
            Some(self.expect_name()?)
        } else {
            None
        };
        names.push(Alias { name, asname });
        Ok(())
    }

    fn dotted_name(&mut self) -> Result<String> {
        let mut name = self.expect_name()?;
        while self.eat_op(Op::Dot)? {
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    /// `from … import …`, after `from`.
    fn import_from(&mut self) -> Result<StmtKind> {
        let mut level = 0u32;
        loop {
            if self.eat_op(Op::Dot)? {
                level += 1;
            } else if self.eat_op(Op::Ellipsis)? {
                level += 3;
            } else {
                break;
            }
        }
        let module = if matches!(self.tok.tok, Tok::Name(_)) {
            Some(self.dotted_name()?)
        } else if level == 0 {
            return Err(self.invalid());
        } else {
            None
        };
        if !self.eat_kw(Kw::Import)? {
            return Err(self.invalid());
        }
        let mut names = Vec::new();
        if self.eat_op(Op::Star)? {
            names.push(Alias {
                name: String::from("*"),
                asname: None,
            });
            return Ok(StmtKind::ImportFrom {
                module,
                names,
                level,
            });
        }
        let parens = self.eat_op(Op::LPar)?;
        loop {
            let name = self.expect_name()?;
            self.alias(name, &mut names)?;
            if !self.eat_op(Op::Comma)? {
                break;
            }
            if parens && self.at_op(Op::RPar) {
                break;
            }
            if !parens && !matches!(self.tok.tok, Tok::Name(_)) {
                return Err(self.error(crate::packed!(
                    "trailing comma not allowed without surrounding parentheses"
                )));
            }
        }
        if parens {
            self.expect_op(Op::RPar)?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    fn expr_or_yield(&mut self) -> Result<Expr> {
        if self.at_kw(Kw::Yield) {
            self.yield_expr()
        } else {
            self.star_expressions()
        }
    }

    fn expr_stmt(&mut self) -> Result<StmtKind> {
        let first = self.expr_or_yield()?;
        if self.at_op(Op::Equal) {
            // A push onto an empty vector, here and in the other lists started by a first item:
            // `vec![first]` is its own allocation and move each time, the push is shared code.
            let mut targets = Vec::new();
            targets.push(first);
            // Every `=` operand goes onto the list; the last is the value.
            while self.eat_op(Op::Equal)? {
                self.push_parsed(&mut targets, Self::expr_or_yield)?;
            }
            let value = self.pop_operand(&mut targets)?;
            for t in &targets {
                self.check_target(t, Target::Assign)?;
            }
            return Ok(StmtKind::Assign { targets, value });
        }
        // Every other statement boxes its first expression: one box for all.
        let first = boxed(first);
        if let Some(op) = augassign_of(&self.tok.tok) {
            if !matches!(
                first.kind,
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) {
                let msg = message(
                    "'",
                    first.describe(),
                    "' is an illegal expression for augmented assignment",
                );
                return Err(self.error_at(msg, first.line, first.col));
            }
            self.skip()?;
            let value = self.boxed_parsed(Self::expr_or_yield)?;
            return Ok(StmtKind::AugAssign {
                target: first,
                op,
                value,
            });
        }
        if self.at_op(Op::Colon) {
            match first.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                ExprKind::Tuple(_) => {
                    return Err(self.error_at(
                        crate::packed!("only single target (not tuple) can be annotated"),
                        first.line,
                        first.col,
                    ))
                }
                _ => {
                    return Err(self.error_at(
                        crate::packed!("illegal target for annotation"),
                        first.line,
                        first.col,
                    ))
                }
            }
            self.skip()?;
            self.expression()?;
            let value = if self.eat_op(Op::Equal)? {
                Some(self.boxed_parsed(Self::expr_or_yield)?)
            } else {
                None
            };
            let simple = matches!(first.kind, ExprKind::Name(_));
            return Ok(StmtKind::AnnAssign {
                target: first,
                value,
                simple,
            });
        }
        Ok(StmtKind::Expr(first))
    }

    /// Checks that `e` can be assigned to (or deleted).
    fn check_target(&self, e: &Expr, ctx: Target) -> Result<()> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut starred = 0;
                for item in items {
                    if let ExprKind::Starred(inner) = &item.kind {
                        if ctx == Target::Del {
                            return Err(self.error_at(
                                crate::packed!("cannot delete starred"),
                                item.line,
                                item.col,
                            ));
                        }
                        starred += 1;
                        if starred > 1 {
                            return Err(self.error_at(
                                crate::packed!("multiple starred expressions in assignment"),
                                e.line,
                                e.col,
                            ));
                        }
                        self.check_target(inner, Target::Nested)?;
                    } else {
                        let inner = if ctx == Target::Del {
                            ctx
                        } else {
                            Target::Nested
                        };
                        self.check_target(item, inner)?;
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) if ctx == Target::Del => {
                Err(self.error_at(crate::packed!("cannot delete starred"), e.line, e.col))
            }
            ExprKind::Starred(_) => Err(self.error_at(
                crate::packed!("starred assignment target must be in a list or tuple"),
                e.line,
                e.col,
            )),
            ExprKind::Yield(_) | ExprKind::YieldFrom(_) if ctx == Target::Assign => Err(self
                .error_at(
                    crate::packed!("assignment to yield expression not possible"),
                    e.line,
                    e.col,
                )),
            _ => {
                let (before, after) = match ctx {
                    Target::Del => ("cannot delete ", ""),
                    Target::Assign
                        if matches!(
                            e.kind,
                            ExprKind::Call { .. }
                                | ExprKind::BinOp { .. }
                                | ExprKind::UnaryOp { .. }
                                | ExprKind::BoolOp { .. }
                                | ExprKind::Compare { .. }
                                | ExprKind::Constant(
                                    Const::Int(_)
                                        | Const::BigInt(..)
                                        | Const::Float(_)
                                        | Const::Imag(_)
                                        | Const::Str(_)
                                        | Const::Bytes(_)
                                )
                        ) =>
                    {
                        (
                            "cannot assign to ",
                            " here. Maybe you meant '==' instead of '='?",
                        )
                    }
                    _ => ("cannot assign to ", ""),
                };
                Err(self.error_at(message(before, e.describe(), after), e.line, e.col))
            }
        }
    }

    fn if_stmt(&mut self) -> Result<StmtKind> {
        let mut branches = Vec::new();
        let mut what = "'if' statement";
        loop {
            let line = self.skip()?.line;
            let test = self.named_expression()?;
            let body = self.block(what, line)?;
            branches.push((test, body));
            if self.at_kw(Kw::Elif) {
                what = "'elif' statement";
                continue;
            }
            let orelse = self.else_block()?;
            return Ok(StmtKind::If { branches, orelse });
        }
    }

    fn else_block(&mut self) -> Result<Vec<Stmt>> {
        if self.at_kw(Kw::Else) {
            return self.clause("'else' statement");
        }
        Ok(Vec::new())
    }

    /// A keyword and its block (`what` names the statement in the indentation error).
    fn clause(&mut self, what: &str) -> Result<Vec<Stmt>> {
        let line = self.skip()?.line;
        self.block(what, line)
    }

    fn while_stmt(&mut self) -> Result<StmtKind> {
        let line = self.skip()?.line;
        let test = self.boxed_parsed(Self::named_expression)?;
        let body = self.block("'while' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::While { test, body, orelse })
    }

    fn for_stmt(&mut self, is_async: bool) -> Result<StmtKind> {
        let line = self.skip()?.line;
        let target = self.for_target()?;
        let iter = self.star_expressions()?;
        let body = self.block("'for' statement", line)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For(Box::new(For {
            target,
            iter,
            body,
            orelse,
            is_async,
        })))
    }

    /// A `for` loop's or clause's target, checked, and the `in` after it.
    fn for_target(&mut self) -> Result<Expr> {
        let target = self.target_list()?;
        self.check_target(&target, Target::Nested)?;
        if !self.eat_kw(Kw::In)? {
            return Err(self.invalid());
        }
        Ok(target)
    }

    fn try_stmt(&mut self) -> Result<StmtKind> {
        let body = self.clause("'try' statement")?;
        let mut handlers = Vec::new();
        while self.at_kw(Kw::Except) {
            let tok = self.skip()?;
            if self.at_op(Op::Star) {
                return Err(self.error(crate::packed!("'except*' is not supported")));
            }
            let mut typ = None;
            let mut name = None;
            if !self.at_op(Op::Colon) {
                let t = self.expression()?;
                if self.at_op(Op::Comma) {
                    return Err(self.error_at(
                        crate::packed!("multiple exception types must be parenthesized"),
                        t.line,
                        t.col,
                    ));
                }
                typ = Some(t);
                if self.eat_kw(Kw::As)? {
                    name = Some(self.expect_name()?);
                }
            }
            let body = self.block("'except' statement", tok.line)?;
            handlers.push(ExceptHandler {
                typ,
                name,
                body,
                line: tok.line,
                col: tok.col,
            });
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let mut finalbody = Vec::new();
        if self.at_kw(Kw::Finally) {
            finalbody = self.clause("'finally' statement")?;
        } else if handlers.is_empty() {
            return Err(self.error(crate::packed!("expected 'except' or 'finally' block")));
        }
        Ok(StmtKind::Try(Box::new(Try {
            body,
            handlers,
            orelse,
            finalbody,
        })))
    }

    /// One `with` item, appended to `items`: one copy of the item's move into the vector for
    /// the statement's three item loops.
    fn with_item(&mut self, items: &mut Vec<WithItem>) -> Result<()> {
        let context_expr = self.expression()?;
        self.with_as(context_expr, items)
    }

    /// `context_expr` and the checked target after its `as`, if one follows, appended to
    /// `items` (for [`Self::with_item`] and a parenthesized `with (a, b) as c`).
    fn with_as(&mut self, context_expr: Expr, items: &mut Vec<WithItem>) -> Result<()> {
        let optional_vars = if self.eat_kw(Kw::As)? {
            let t = self.target()?;
            self.check_target(&t, Target::Nested)?;
            Some(t)
        } else {
            None
        };
        items.push(WithItem {
            context_expr,
            optional_vars,
        });
        Ok(())
    }

    fn with_stmt(&mut self, is_async: bool) -> Result<StmtKind> {
        let line = self.skip()?.line;
        let mut items = Vec::new();
        if self.at_op(Op::LPar) {
            let open = self.skip()?;
            let mut trailing = false;
            while !self.at_op(Op::RPar) {
                self.with_item(&mut items)?;
                trailing = self.eat_op(Op::Comma)?;
                if !trailing {
                    break;
                }
            }
            self.expect_op(Op::RPar)?;
            let plain = items.iter().all(|i| i.optional_vars.is_none());
            if self.at_kw(Kw::As) && plain {
                // `with (a, b) as c:` / `with (a) as c:`: the parentheses held one expression.
                // A loop: a draining collect is several times the code.
                let context_expr = if items.len() == 1 && !trailing {
                    items.pop().ok_or_else(|| self.invalid())?.context_expr
                } else {
                    let mut exprs = Vec::new();
                    for item in core::mem::take(&mut items) {
                        exprs.push(item.context_expr);
                    }
                    self.node(ExprKind::Tuple(exprs), open.line, open.col)?
                };
                self.with_as(context_expr, &mut items)?;
            } else if items.is_empty() {
                return Err(self.invalid());
            }
        } else {
            self.with_item(&mut items)?;
        }
        while self.eat_op(Op::Comma)? {
            self.with_item(&mut items)?;
        }
        let body = self.block("'with' statement", line)?;
        Ok(StmtKind::With {
            items,
            body,
            is_async,
        })
    }

    fn decorated(&mut self) -> Result<StmtKind> {
        let mut decorators = Vec::new();
        while self.eat_op(Op::At)? {
            self.push_parsed(&mut decorators, Self::named_expression)?;
            if !matches!(self.tok.tok, Tok::Newline) {
                return Err(self.invalid());
            }
            self.skip()?;
        }
        match self.tok.tok {
            Tok::Kw(Kw::Def) => self.funcdef(decorators, false),
            Tok::Kw(Kw::Class) => self.classdef(decorators),
            Tok::Kw(Kw::Async) => self.async_stmt(decorators),
            _ => Err(self.invalid()),
        }
    }

    fn async_stmt(&mut self, decorators: Vec<Expr>) -> Result<StmtKind> {
        self.skip()?;
        match self.tok.tok {
            Tok::Kw(Kw::Def) => self.funcdef(decorators, true),
            Tok::Kw(Kw::For) if decorators.is_empty() => self.for_stmt(true),
            Tok::Kw(Kw::With) if decorators.is_empty() => self.with_stmt(true),
            _ => Err(self.invalid()),
        }
    }

    fn funcdef(&mut self, decorators: Vec<Expr>, is_async: bool) -> Result<StmtKind> {
        let line = self.skip()?.line;
        let name = self.expect_name()?;
        self.expect_op(Op::LPar)?;
        let args = self.parameters(false)?;
        if self.eat_op(Op::RArrow)? {
            self.expression()?;
        }
        let body = self.block("function definition", line)?;
        Ok(StmtKind::FunctionDef(Box::new(FunctionDef {
            name,
            args,
            body,
            decorators,
            is_async,
        })))
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> Result<StmtKind> {
        let line = self.skip()?.line;
        let name = self.expect_name()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at_op(Op::LPar) {
            let open = self.skip()?;
            let (args, kws) = self.call_args(open.line, open.col)?;
            bases = args;
            keywords = kws;
        }
        let body = self.block("class definition", line)?;
        Ok(StmtKind::ClassDef(Box::new(ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators,
        })))
    }

    /// Parameters up to `)` (a `def`, consumed) or `:` (a `lambda`, not consumed).
    fn parameters(&mut self, lambda: bool) -> Result<Arguments> {
        let close = if lambda { Op::Colon } else { Op::RPar };
        let mut a = Arguments::default();
        let mut seen_star = false;
        let mut bare_star: Option<(u32, u32)> = None;
        let mut seen_slash = false;
        let mut seen_kwarg = false;
        while !self.at_op(close) {
            if seen_kwarg {
                return Err(self.error(crate::packed!(
                    "arguments cannot follow var-keyword argument"
                )));
            }
            let (line, col) = (self.tok.line, self.tok.col);
            if self.eat_op(Op::Slash)? {
                if seen_slash {
                    return Err(self.error_at(crate::packed!("/ may appear only once"), line, col));
                }
                if seen_star {
                    return Err(self.error_at(crate::packed!("/ must be ahead of *"), line, col));
                }
                if a.args.is_empty() {
                    return Err(self.error_at(
                        crate::packed!("at least one argument must precede /"),
                        line,
                        col,
                    ));
                }
                seen_slash = true;
                a.posonlyargs = core::mem::take(&mut a.args);
            } else if self.eat_op(Op::Star)? {
                if seen_star {
                    return Err(self.error_at(
                        crate::packed!("* argument may appear only once"),
                        line,
                        col,
                    ));
                }
                seen_star = true;
                if matches!(self.tok.tok, Tok::Name(_)) {
                    a.vararg = Some(self.parameter(lambda)?);
                } else {
                    bare_star = Some((line, col));
                }
            } else if self.eat_op(Op::DoubleStar)? {
                a.kwarg = Some(self.parameter(lambda)?);
                seen_kwarg = true;
            } else {
                let arg = self.parameter(lambda)?;
                let default = if self.eat_op(Op::Equal)? {
                    Some(self.expression()?)
                } else {
                    None
                };
                if seen_star {
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default);
                } else {
                    match default {
                        Some(d) => a.defaults.push(d),
                        None if !a.defaults.is_empty() => {
                            return Err(self.error_at(
                                crate::packed!("non-default argument follows default argument"),
                                line,
                                col,
                            ))
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        if let Some((line, col)) = bare_star {
            if a.kwonlyargs.is_empty() {
                return Err(self.error_at(
                    crate::packed!("named arguments must follow bare *"),
                    line,
                    col,
                ));
            }
        }
        if !lambda {
            self.expect_op(Op::RPar)?;
        } else if !self.at_op(Op::Colon) {
            return Err(self.invalid());
        }
        if let Some(dup) = find_duplicate(a.all().map(|a| a.name.as_str()), true) {
            return Err(self.error(message(
                "duplicate argument '",
                dup,
                "' in function definition",
            )));
        }
        Ok(a)
    }

    /// A parameter's name and, in a `def`, its annotation (parsed, then dropped).
    fn parameter(&mut self, lambda: bool) -> Result<Arg> {
        let line = self.tok.line;
        let name = self.expect_name()?;
        if !lambda && self.eat_op(Op::Colon)? {
            self.expression()?;
        }
        Ok(Arg { name, line })
    }

    // ----- expressions -----

    /// `expression (',' expression)* [',']`, with `*` items, as a tuple when there is a comma.
    pub(crate) fn star_expressions(&mut self) -> Result<Expr> {
        let ends = |p: &Self| !can_start_expr(&p.tok.tok) || p.at_kw(Kw::Yield);
        self.comma_list(Self::star_expression, ends)
    }

    /// What `parse` parses, separated by commas, a trailing comma allowed where `ends` accepts
    /// the token after it: the item alone, or a tuple when there is a comma. One copy for
    /// expression lists and subscripts.
    fn comma_list(
        &mut self,
        parse: fn(&mut Self) -> Result<Expr>,
        ends: fn(&Self) -> bool,
    ) -> Result<Expr> {
        let (line, col) = (self.tok.line, self.tok.col);
        let first = parse(self)?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut items = Vec::new();
        items.push(first);
        while self.eat_op(Op::Comma)? {
            if ends(self) {
                break;
            }
            self.push_parsed(&mut items, parse)?;
        }
        self.node(ExprKind::Tuple(items), line, col)
    }

    fn star_expression(&mut self) -> Result<Expr> {
        if self.at_op(Op::Star) {
            return self.starred();
        }
        self.expression()
    }

    /// `*` and a `bitor`-level expression, at the `*`.
    fn starred(&mut self) -> Result<Expr> {
        let tok = self.skip()?;
        let e = self.boxed_parsed(Self::bitor)?;
        self.node(ExprKind::Starred(e), tok.line, tok.col)
    }

    fn star_named_expression(&mut self) -> Result<Expr> {
        if self.at_op(Op::Star) {
            return self.starred();
        }
        self.named_expression()
    }

    /// A loop or `with` target: a `bitor`-level item list (so `in` is not a comparison).
    fn target_list(&mut self) -> Result<Expr> {
        self.comma_list(Self::target, |p| p.at_kw(Kw::In))
    }

    fn target(&mut self) -> Result<Expr> {
        if self.at_op(Op::Star) {
            return self.starred();
        }
        self.bitor()
    }

    /// `del`'s targets, separated by commas, a trailing comma allowed at the statement's end.
    fn del_targets(&mut self) -> Result<Vec<Expr>> {
        let mut items = Vec::new();
        self.push_parsed(&mut items, Self::target)?;
        while self.eat_op(Op::Comma)? {
            if matches!(self.tok.tok, Tok::Newline | Tok::Op(Op::Semi)) {
                break;
            }
            self.push_parsed(&mut items, Self::target)?;
        }
        Ok(items)
    }

    fn yield_expr(&mut self) -> Result<Expr> {
        let tok = self.skip()?;
        if self.eat_kw(Kw::From)? {
            let e = self.boxed_expression()?;
            return self.node(ExprKind::YieldFrom(e), tok.line, tok.col);
        }
        let value = if can_start_expr(&self.tok.tok) && !self.at_kw(Kw::Yield) {
            Some(self.boxed_parsed(Self::star_expressions)?)
        } else {
            None
        };
        self.node(ExprKind::Yield(value), tok.line, tok.col)
    }

    fn named_expression(&mut self) -> Result<Expr> {
        let e = self.expression()?;
        if !self.at_op(Op::ColonEqual) {
            return Ok(e);
        }
        if !matches!(e.kind, ExprKind::Name(_)) {
            return Err(self.error_at(
                message("cannot use assignment expressions with ", e.describe(), ""),
                e.line,
                e.col,
            ));
        }
        self.skip()?;
        let value = self.boxed_expression()?;
        let (line, col) = (e.line, e.col);
        self.node(
            ExprKind::NamedExpr {
                target: boxed(e),
                value,
            },
            line,
            col,
        )
    }

    /// [`Self::expression`] boxed, out of line: the result's move and the box once for the
    /// statements' and slices' optional parts.
    #[inline(never)]
    fn boxed_expression(&mut self) -> Result<Box<Expr>> {
        self.expression().map(boxed)
    }

    /// What `parse` parses, boxed: [`Self::boxed_expression`] for the other parse functions.
    #[inline(never)]
    fn boxed_parsed(&mut self, parse: fn(&mut Self) -> Result<Expr>) -> Result<Box<Expr>> {
        parse(self).map(boxed)
    }

    /// `lambda`, or a disjunction with an optional `if … else …`.
    pub(crate) fn expression(&mut self) -> Result<Expr> {
        self.enter()?;
        let r = self.expression_inner();
        self.leave();
        r
    }

    fn expression_inner(&mut self) -> Result<Expr> {
        if self.at_kw(Kw::Lambda) {
            let tok = self.skip()?;
            let args = self.parameters(true)?;
            self.expect_op(Op::Colon)?;
            let body = self.boxed_expression()?;
            return self.node(
                ExprKind::Lambda {
                    args: Box::new(args),
                    body,
                },
                tok.line,
                tok.col,
            );
        }
        let body = self.disjunction()?;
        if !self.at_kw(Kw::If) {
            return Ok(body);
        }
        self.skip()?;
        let test = self.boxed_parsed(Self::disjunction)?;
        if !self.eat_kw(Kw::Else)? {
            return Err(self.error_at(
                crate::packed!("expected 'else' after 'if' expression"),
                body.line,
                body.col,
            ));
        }
        let orelse = self.boxed_expression()?;
        let (line, col) = (body.line, body.col);
        self.node(
            ExprKind::IfExp {
                test,
                body: boxed(body),
                orelse,
            },
            line,
            col,
        )
    }

    /// `or`-level expression without `if`/`lambda` (a `disjunction` in CPython's grammar).
    fn disjunction(&mut self) -> Result<Expr> {
        self.operators(PREC_OR)
    }

    /// A `bitor`-level expression: no comparisons or boolean operators (targets, `*x`).
    fn bitor(&mut self) -> Result<Expr> {
        self.operators(PREC_BITOR)
    }

    /// Operator precedence parsing of everything between `or` and `await`, with explicit
    /// operand and operator stacks: chains of unary operators, `**` and binary operators cost
    /// no recursion, so only brackets nest the Rust stack.
    fn operators(&mut self, min: u8) -> Result<Expr> {
        let mut operands: Vec<Expr> = Vec::new();
        let mut pending: Vec<Positioned> = Vec::new();
        loop {
            // Operand position: prefix operators, then a primary.
            loop {
                let prefix = match self.tok.tok {
                    Tok::Op(Op::Minus) => Pending::Unary(UnaryOp::USub),
                    Tok::Op(Op::Plus) => Pending::Unary(UnaryOp::UAdd),
                    Tok::Op(Op::Tilde) => Pending::Unary(UnaryOp::Invert),
                    Tok::Kw(Kw::Not)
                        if min <= PREC_NOT
                            && pending.last().is_none_or(|p| p.op.prec() <= PREC_NOT) =>
                    {
                        Pending::Unary(UnaryOp::Not)
                    }
                    Tok::Kw(Kw::Await) => Pending::Await,
                    _ => break,
                };
                let tok = self.skip()?;
                if pending.len() >= MAX_DEPTH as usize {
                    return Err(self.error(crate::packed!("too many nested parentheses")));
                }
                pending.push_with(prefix, tok.line, tok.col);
            }
            self.primary(&mut operands)?;
            // Operator position.
            let Some((prec, infix)) = self.infix(min)? else {
                break;
            };
            while let Some(top) = pending.last() {
                let top_prec = top.op.prec();
                let chains = top_prec == prec && matches!(prec, PREC_CMP | PREC_AND | PREC_OR);
                let right_assoc = prec == PREC_POW && top_prec == PREC_POW;
                if top_prec < prec || chains || right_assoc {
                    break;
                }
                self.reduce(&mut operands, &mut pending)?;
            }
            let tok = self.skip()?;
            if matches!(infix, Pending::Cmp(CmpOp::NotIn | CmpOp::IsNot)) {
                self.skip()?;
            }
            pending.push_with(infix, tok.line, tok.col);
        }
        while !pending.is_empty() {
            self.reduce(&mut operands, &mut pending)?;
        }
        operands.pop().ok_or_else(|| self.invalid())
    }

    /// The infix operator at the current token, if it binds at least as tightly as `min`.
    fn infix(&mut self, min: u8) -> Result<Option<(u8, Pending)>> {
        let op = match &self.tok.tok {
            Tok::Kw(Kw::Or) => Pending::Bool(BoolOp::Or),
            Tok::Kw(Kw::And) => Pending::Bool(BoolOp::And),
            Tok::Kw(Kw::In) => Pending::Cmp(CmpOp::In),
            Tok::Kw(Kw::Is) => {
                if matches!(self.peek2()?, Tok::Kw(Kw::Not)) {
                    Pending::Cmp(CmpOp::IsNot)
                } else {
                    Pending::Cmp(CmpOp::Is)
                }
            }
            Tok::Kw(Kw::Not) => {
                if !matches!(self.peek2()?, Tok::Kw(Kw::In)) {
                    return Ok(None);
                }
                Pending::Cmp(CmpOp::NotIn)
            }
            Tok::Op(op) => match OP_INFIX.iter().find(|(o, _)| o == op) {
                Some(&(_, pending)) => pending,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        let prec = op.prec();
        Ok((prec >= min).then_some((prec, op)))
    }

    /// Pops the top operator and its operands (a whole chain for comparisons and `and`/`or`)
    /// and pushes the node built from them.
    fn reduce(&self, operands: &mut Vec<Expr>, pending: &mut Vec<Positioned>) -> Result<()> {
        let Some(top) = pending.pop() else {
            return Err(self.invalid());
        };
        let missing = || self.invalid();
        // The node's kind and position, built into a node once after the match.
        let (kind, line, col) = match top.op {
            Pending::Unary(op) => {
                let operand = self.pop_operand(operands)?;
                let kind = ExprKind::UnaryOp { op, operand };
                (kind, top.line, top.col)
            }
            Pending::Await => {
                let operand = self.pop_operand(operands)?;
                (ExprKind::Await(operand), top.line, top.col)
            }
            Pending::Bin(op) => {
                let right = self.pop_operand(operands)?;
                let left = self.pop_operand(operands)?;
                let (line, col) = (left.line, left.col);
                (ExprKind::BinOp { left, op, right }, line, col)
            }
            Pending::Cmp(last) => {
                // The chain's other operators are the comparisons below it, in order.
                let keep = pending
                    .iter()
                    .rposition(|p| !matches!(p.op, Pending::Cmp(_)))
                    .map_or(0, |i| i + 1);
                let mut ops = Vec::new();
                for p in pending.iter().skip(keep) {
                    if let Pending::Cmp(op) = p.op {
                        ops.push(op);
                    }
                }
                ops.push(last);
                pending.truncate(keep);
                let split = operands.len().checked_sub(ops.len()).ok_or_else(missing)?;
                let comparators = operands.split_off(split.min(operands.len()));
                let left = self.pop_operand(operands)?;
                let (line, col) = (left.line, left.col);
                let kind = ExprKind::Compare {
                    left,
                    ops,
                    comparators,
                };
                (kind, line, col)
            }
            Pending::Bool(op) => {
                let mut count = 1;
                while matches!(pending.last(), Some(Positioned { op: Pending::Bool(o), .. }) if *o == op)
                {
                    pending.pop();
                    count += 1;
                }
                let split = operands.len().checked_sub(count + 1).ok_or_else(missing)?;
                let values = operands.split_off(split.min(operands.len()));
                let (line, col) = values
                    .first()
                    .map_or((top.line, top.col), |v| (v.line, v.col));
                (ExprKind::BoolOp { op, values }, line, col)
            }
        };
        self.push_node(operands, kind, line, col)
    }

    /// The top operand, boxed for its operator's node: one copy of the pop, its check and the
    /// move into the box for every operand `reduce` takes.
    #[inline(never)]
    fn pop_operand(&self, operands: &mut Vec<Expr>) -> Result<Box<Expr>> {
        match operands.pop() {
            Some(e) => Ok(boxed(e)),
            None => Err(self.invalid()),
        }
    }

    /// An atom and its trailers, appended to `out`. The atoms and every link of the chain go
    /// onto the operand vector and come off it boxed (`pop_operand`), so no parse function
    /// returns a node by value through the inlined atom parsers: each such return was a copy
    /// of the node.
    fn primary(&mut self, out: &mut Vec<Expr>) -> Result<()> {
        self.atom(out)?;
        // Every link of the chain is where its atom is.
        let (line, col) = out.last().map_or((0, 0), |e| (e.line, e.col));
        loop {
            // One node built after the match, not one per kind of trailer.
            let kind = match self.tok.tok {
                Tok::Op(Op::Dot) => {
                    self.skip()?;
                    let attr = self.expect_name()?;
                    ExprKind::Attribute {
                        value: self.pop_operand(out)?,
                        attr,
                    }
                }
                Tok::Op(Op::LPar) => {
                    let open = self.skip()?;
                    let (args, keywords) = self.call_args(open.line, open.col)?;
                    ExprKind::Call {
                        func: self.pop_operand(out)?,
                        args,
                        keywords,
                    }
                }
                Tok::Op(Op::LSqb) => {
                    self.skip()?;
                    let slice = self.boxed_parsed(Self::slices)?;
                    self.expect_op(Op::RSqb)?;
                    ExprKind::Subscript {
                        value: self.pop_operand(out)?,
                        slice,
                    }
                }
                _ => return Ok(()),
            };
            self.push_node(out, kind, line, col)?;
        }
    }

    fn slices(&mut self) -> Result<Expr> {
        self.comma_list(Self::slice, |p| p.at_op(Op::RSqb))
    }

    fn slice(&mut self) -> Result<Expr> {
        let (line, col) = (self.tok.line, self.tok.col);
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let e = self.star_named_expression()?;
            if !self.at_op(Op::Colon) {
                return Ok(e);
            }
            Some(boxed(e))
        };
        self.expect_op(Op::Colon)?;
        let ends = |p: &Self| p.at_op(Op::Colon) || p.at_op(Op::RSqb) || p.at_op(Op::Comma);
        let upper = if ends(self) {
            None
        } else {
            Some(self.boxed_expression()?)
        };
        let mut step = None;
        if self.eat_op(Op::Colon)? && !(self.at_op(Op::RSqb) || self.at_op(Op::Comma)) {
            step = Some(self.boxed_expression()?);
        }
        self.node(ExprKind::Slice { lower, upper, step }, line, col)
    }

    /// Arguments after `(` up to and including `)`.
    fn call_args(&mut self, line: u32, col: u32) -> Result<(Vec<Expr>, Vec<Keyword>)> {
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_double_star = false;
        let mut genexp = false;
        while !self.at_op(Op::RPar) {
            let (aline, acol) = (self.tok.line, self.tok.col);
            if self.eat_op(Op::Star)? {
                if seen_double_star {
                    return Err(self.error_at(
                        crate::packed!(
                            "iterable argument unpacking follows keyword argument unpacking"
                        ),
                        aline,
                        acol,
                    ));
                }
                let e = self.boxed_expression()?;
                if self.at_kw(Kw::For) {
                    return Err(self.error_at(
                        crate::packed!("iterable unpacking cannot be used in comprehension"),
                        aline,
                        acol,
                    ));
                }
                self.push_node(&mut args, ExprKind::Starred(e), aline, acol)?;
            } else if self.eat_op(Op::DoubleStar)? {
                seen_double_star = true;
                self.keyword(None, &mut keywords)?;
            } else {
                let mut e = self.named_expression()?;
                if self.at_op(Op::Equal) {
                    let ExprKind::Name(name) = &mut e.kind else {
                        return Err(match e.kind {
                            ExprKind::Constant(Const::True | Const::False | Const::None) => {
                                let msg = message("cannot assign to ", e.describe(), "");
                                self.error_at(msg, aline, acol)
                            }
                            _ => self.error_at(
                                crate::packed!(
                                    "expression cannot contain assignment, perhaps you meant \"==\"?"
                                ),
                                aline,
                                acol,
                            ),
                        });
                    };
                    let name = core::mem::take(name);
                    self.skip()?;
                    self.keyword(Some(name), &mut keywords)?;
                } else if self.at_kw(Kw::For) {
                    let generators = self.comp_for()?;
                    let kind = ExprKind::GeneratorExp {
                        elt: boxed(e),
                        generators,
                    };
                    self.push_node(&mut args, kind, aline, acol)?;
                    genexp = true;
                } else {
                    if !keywords.is_empty() {
                        let msg = if seen_double_star {
                            crate::packed!("positional argument follows keyword argument unpacking")
                        } else {
                            crate::packed!("positional argument follows keyword argument")
                        };
                        return Err(self.error_at(msg, aline, acol));
                    }
                    args.push(e);
                }
            }
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        self.expect_op(Op::RPar)?;
        if genexp && args.len() + keywords.len() > 1 {
            return Err(self.error_at(
                crate::packed!("Generator expression must be parenthesized"),
                line,
                col + 1,
            ));
        }
        if let Some(dup) = find_duplicate(keywords.iter().filter_map(|k| k.arg.as_deref()), false) {
            let msg = message("keyword argument repeated: ", dup, "");
            return Err(self.error_at(msg, line, col));
        }
        Ok((args, keywords))
    }

    /// A keyword argument's value, appended with its name (`None` for `**`) to `keywords`:
    /// one copy of the parse, move and push for both kinds.
    fn keyword(&mut self, arg: Option<String>, keywords: &mut Vec<Keyword>) -> Result<()> {
        let value = self.expression()?;
        keywords.push(Keyword { arg, value });
        Ok(())
    }

    fn comp_for(&mut self) -> Result<Vec<Comprehension>> {
        let mut generators = Vec::new();
        loop {
            if self.at_kw(Kw::Async) {
                return Err(self.error(crate::packed!(
                    "asynchronous comprehensions are not supported"
                )));
            }
            if !self.eat_kw(Kw::For)? {
                return Ok(generators);
            }
            let target = self.for_target()?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If)? {
                self.push_parsed(&mut ifs, Self::disjunction)?;
            }
            generators.push(Comprehension { target, iter, ifs });
        }
    }

    fn atom(&mut self, out: &mut Vec<Expr>) -> Result<()> {
        let (line, col) = (self.tok.line, self.tok.col);
        let kind = match &self.tok.tok {
            // A leaf: one step over its token, then the token's value moved into the node.
            Tok::Name(_)
            | Tok::Int(_)
            | Tok::BigInt(_)
            | Tok::Float(_)
            | Tok::Imag(_)
            | Tok::Kw(Kw::None | Kw::True | Kw::False)
            | Tok::Op(Op::Ellipsis) => match self.bump()?.tok {
                Tok::Name(n) => ExprKind::Name(n),
                Tok::Int(i) => ExprKind::Constant(Const::Int(i)),
                Tok::BigInt(limbs) => ExprKind::Constant(Const::BigInt(false, limbs)),
                Tok::Float(f) => ExprKind::Constant(Const::Float(f)),
                Tok::Imag(f) => ExprKind::Constant(Const::Imag(f)),
                Tok::Kw(Kw::True) => ExprKind::Constant(Const::True),
                Tok::Kw(Kw::False) => ExprKind::Constant(Const::False),
                Tok::Op(_) => ExprKind::Constant(Const::Ellipsis),
                _ => ExprKind::Constant(Const::None),
            },
            Tok::Str(_) | Tok::Bytes(_) | Tok::FString(_) => return self.strings(out),
            Tok::Op(Op::LPar) => return self.paren(out),
            Tok::Op(Op::LSqb) => return self.list_display(out),
            Tok::Op(Op::LBrace) => return self.brace_display(out),
            _ => return Err(self.invalid()),
        };
        self.push_node(out, kind, line, col)
    }

    fn paren(&mut self, out: &mut Vec<Expr>) -> Result<()> {
        let open = self.skip()?;
        let (line, col) = (open.line, open.col);
        if self.eat_op(Op::RPar)? {
            return self.push_node(out, ExprKind::Tuple(Vec::new()), line, col);
        }
        if self.at_kw(Kw::Yield) {
            self.push_parsed(out, Self::yield_expr)?;
            return self.expect_op(Op::RPar);
        }
        self.push_parsed(out, Self::star_named_expression)?;
        if !self.at_comp_for() && !self.at_op(Op::Comma) {
            self.expect_op(Op::RPar)?;
            if let Some(first) = out.last() {
                if matches!(first.kind, ExprKind::Starred(_)) {
                    return Err(self.error_at(
                        crate::packed!("cannot use starred expression here"),
                        first.line,
                        first.col,
                    ));
                }
            }
            return Ok(());
        }
        let comp = |elt, generators| ExprKind::GeneratorExp { elt, generators };
        self.display_rest(out, Op::RPar, comp, ExprKind::Tuple, line, col)
    }

    /// At the `for` (or a refused `async for`) that makes a display a comprehension.
    fn at_comp_for(&self) -> bool {
        self.at_kw(Kw::For) || self.at_kw(Kw::Async)
    }

    /// A tuple, list or set display after its first item (the last of `out`), up to `close`
    /// (consumed), in place of that item: the comprehension `comp` makes when a `for` follows,
    /// else the items `items` makes. One copy for the three kinds of bracket.
    fn display_rest(
        &mut self,
        out: &mut Vec<Expr>,
        close: Op,
        comp: fn(Box<Expr>, Vec<Comprehension>) -> ExprKind,
        items: fn(Vec<Expr>) -> ExprKind,
        line: u32,
        col: u32,
    ) -> Result<()> {
        let kind = if self.at_comp_for() {
            let first = self.pop_operand(out)?;
            self.no_starred(&first)?;
            let generators = self.comp_for()?;
            self.expect_op(close)?;
            comp(first, generators)
        } else {
            let mut list = out.split_off(out.len().saturating_sub(1));
            while self.eat_op(Op::Comma)? {
                if self.at_op(close) {
                    break;
                }
                self.push_parsed(&mut list, Self::star_named_expression)?;
            }
            self.expect_op(close)?;
            items(list)
        };
        self.push_node(out, kind, line, col)
    }

    fn no_starred(&self, e: &Expr) -> Result<()> {
        if matches!(e.kind, ExprKind::Starred(_)) {
            return Err(self.error_at(
                crate::packed!("iterable unpacking cannot be used in comprehension"),
                e.line,
                e.col,
            ));
        }
        Ok(())
    }

    fn list_display(&mut self, out: &mut Vec<Expr>) -> Result<()> {
        let open = self.skip()?;
        let (line, col) = (open.line, open.col);
        if self.eat_op(Op::RSqb)? {
            return self.push_node(out, ExprKind::List(Vec::new()), line, col);
        }
        self.push_parsed(out, Self::star_named_expression)?;
        let comp = |elt, generators| ExprKind::ListComp { elt, generators };
        self.display_rest(out, Op::RSqb, comp, ExprKind::List, line, col)
    }

    fn brace_display(&mut self, out: &mut Vec<Expr>) -> Result<()> {
        let open = self.skip()?;
        let (line, col) = (open.line, open.col);
        let mut keys = Vec::new();
        let mut values = Vec::new();
        while !self.at_op(Op::RBrace) {
            if self.eat_op(Op::DoubleStar)? {
                keys.push(None);
                self.push_parsed(&mut values, Self::bitor)?;
            } else if keys.is_empty() {
                // The first item tells a set from a dict, and either from its comprehension.
                self.push_parsed(out, Self::star_named_expression)?;
                if !self.eat_op(Op::Colon)? {
                    let comp = |elt, generators| ExprKind::SetComp { elt, generators };
                    return self.display_rest(out, Op::RBrace, comp, ExprKind::Set, line, col);
                }
                let first = self.pop_operand(out)?;
                if matches!(first.kind, ExprKind::Starred(_)) {
                    return Err(self.invalid());
                }
                self.push_parsed(&mut values, Self::expression)?;
                if self.at_comp_for() {
                    let value = self.pop_operand(&mut values)?;
                    let generators = self.comp_for()?;
                    self.expect_op(Op::RBrace)?;
                    return self.push_node(
                        out,
                        ExprKind::DictComp {
                            key: first,
                            value,
                            generators,
                        },
                        line,
                        col,
                    );
                }
                keys.push(Some(*first));
            } else {
                keys.push(Some(self.expression()?));
                self.expect_op(Op::Colon)?;
                self.push_parsed(&mut values, Self::expression)?;
            }
            if !self.eat_op(Op::Comma)? {
                break;
            }
        }
        self.expect_op(Op::RBrace)?;
        self.push_node(out, ExprKind::Dict { keys, values }, line, col)
    }

    /// Adjacent string literals, concatenated (f-strings joined part by part).
    fn strings(&mut self, out: &mut Vec<Expr>) -> Result<()> {
        let (line, col) = (self.tok.line, self.tok.col);
        let mut bytes: Option<Vec<u8>> = None;
        let mut text = String::new();
        let mut parts: Vec<Expr> = Vec::new();
        let mut any_f = false;
        let mut any_str = false;
        loop {
            let is_bytes = match &self.tok.tok {
                Tok::Bytes(_) => true,
                Tok::Str(_) | Tok::FString(_) => false,
                _ => break,
            };
            if (is_bytes && any_str) || (!is_bytes && bytes.is_some()) {
                return Err(self.error_at(
                    crate::packed!("cannot mix bytes and nonbytes literals"),
                    line,
                    col,
                ));
            }
            match self.bump()?.tok {
                Tok::Bytes(b) => bytes.get_or_insert_with(Vec::new).extend_from_slice(&b),
                Tok::Str(s) => {
                    any_str = true;
                    text.push_str(&s);
                }
                Tok::FString(fparts) => {
                    any_str = true;
                    any_f = true;
                    self.fstring_parts(fparts, &mut text, &mut parts, line, col)?;
                }
                _ => return Err(self.invalid()),
            }
        }
        let kind = if let Some(b) = bytes {
            ExprKind::Constant(Const::Bytes(b))
        } else if !any_f {
            ExprKind::Constant(Const::Str(text))
        } else {
            self.flush_text(&mut text, &mut parts, line, col)?;
            ExprKind::JoinedStr(parts)
        };
        self.push_node(out, kind, line, col)
    }

    /// Appends an f-string's (or a format spec's) parts: literal text to `text`, fields to
    /// `parts`. One copy for f-strings and their specs.
    fn fstring_parts(
        &mut self,
        fparts: Vec<FPart>,
        text: &mut String,
        parts: &mut Vec<Expr>,
        line: u32,
        col: u32,
    ) -> Result<()> {
        for part in fparts {
            match part {
                FPart::Lit(s) => text.push_str(&s),
                FPart::Field(field) => self.field(field, text, parts, line, col)?,
            }
        }
        Ok(())
    }

    /// The pending literal text, if any, appended to `parts` as a str constant (and taken from
    /// `text`): one copy for an f-string's end, its spec's end and the text before a field.
    fn flush_text(
        &self,
        text: &mut String,
        parts: &mut Vec<Expr>,
        line: u32,
        col: u32,
    ) -> Result<()> {
        if text.is_empty() {
            return Ok(());
        }
        let lit = core::mem::take(text);
        self.push_node(parts, ExprKind::Constant(Const::Str(lit)), line, col)
    }

    /// Appends the parts for one replacement field (flushing pending literal text first).
    fn field(
        &mut self,
        field: Field,
        text: &mut String,
        parts: &mut Vec<Expr>,
        line: u32,
        col: u32,
    ) -> Result<()> {
        if let Some(debug) = &field.debug_text {
            text.push_str(debug);
        }
        self.flush_text(text, parts, line, col)?;
        self.enter()?;
        let value = self.field_expr(&field);
        self.leave();
        let value = value?;
        let conversion = match field.conversion {
            Some(b's') => 1,
            Some(b'r') => 2,
            Some(b'a') => 3,
            _ => 0,
        };
        let spec = match field.spec {
            None => None,
            Some(spec_parts) => {
                let mut spec_text = String::new();
                let mut spec_exprs = Vec::new();
                self.fstring_parts(spec_parts, &mut spec_text, &mut spec_exprs, line, col)?;
                self.flush_text(&mut spec_text, &mut spec_exprs, line, col)?;
                Some(boxed(self.node(
                    ExprKind::JoinedStr(spec_exprs),
                    line,
                    col,
                )?))
            }
        };
        let kind = ExprKind::FormattedValue {
            value: boxed(value),
            conversion,
            spec,
        };
        self.push_node(parts, kind, line, col)
    }

    fn field_expr(&mut self, field: &Field) -> Result<Expr> {
        let mut lexer = Lexer::embedded(&field.expr, field.line, field.col);
        // Built in place rather than by Parser::new: its result was one more copy of the
        // parser.
        let tok = lexer.next_token()?;
        let mut sub = Parser {
            lexer,
            tok,
            next: None,
            depth: self.depth,
            fstring: true,
            guard: self.guard,
        };
        let e = if sub.at_kw(Kw::Yield) {
            sub.yield_expr()?
        } else {
            sub.star_expressions()?
        };
        if let ExprKind::Starred(_) = e.kind {
            return Err(sub.error_at(
                crate::packed!("f-string: can't use starred expression here"),
                e.line,
                e.col,
            ));
        }
        if !matches!(sub.tok.tok, Tok::Eof) {
            return Err(sub.error(crate::packed!("f-string: invalid syntax")));
        }
        Ok(e)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::compile::stack::DEFAULT_STACK_BUDGET;

    fn parse_module(src: &str) -> Result<Vec<Stmt>> {
        super::parse_module(src, StackGuard::new(DEFAULT_STACK_BUDGET))
    }

    fn parse_single(src: &str) -> Result<Vec<Stmt>> {
        super::parse_single(src, StackGuard::new(DEFAULT_STACK_BUDGET))
    }

    fn err(src: &str) -> SyntaxError {
        match parse_module(src) {
            Ok(ast) => panic!("{src:?} parsed: {ast:?}"),
            Err(e) => *e,
        }
    }

    fn expr(src: &str) -> Expr {
        parse_eval(src, StackGuard::new(DEFAULT_STACK_BUDGET)).unwrap()
    }

    /// A program touching every construct the parser accepts.
    pub(crate) const SAMPLE: &str = r#"
import a.b as c, d
from .. x import (y as z, w,)
from m import *
@dec.orator(1)
@other
class K(Base, *more, metaclass=Meta, **kw):
    attr: int = 3
    def method(self, a, /, b=2, *args, c, d=4, **kwargs) -> "r":
        global g
        x = y = [i * 2 for i in range(10) if i % 2 if i > 3]
        x[1:2, ::3] += {k: v for k, v in pairs}
        del x[0], self.a
        return super().method(*args, **kwargs)
async def coro(q):
    await q.get()
    return await q.put(1)
def gen():
    nonlocal_free = 1
    def inner():
        nonlocal nonlocal_free
        nonlocal_free += 1
        yield from range(3)
    lam = lambda a, *b, c=1, **d: (a, b, c, d)
    a, *b, (c, d) = 1, 2, 3, (4, 5)
    if (n := len(b)) > 1: pass
    elif n: pass
    else:
        pass
    while True:
        break
    else:
        pass
    for i, in [(1,)]:
        continue
    try:
        raise ValueError("x") from None
    except (TypeError, ValueError) as e:
        raise
    except Exception:
        pass
    else:
        pass
    finally:
        pass
    with open(f) as fh, lock:
        pass
    with (open(f) as fh, lock,):
        pass
    assert x, "message"
    s = f"{x!r:>{width}} {y=} {{}} " 'plain' f'{z:.{p}f}'
    t = -2 ** -1, not a < b <= c is not d not in e, a if b else c
    u = {*a, b}, {**d, 'k': 1}, {}, (), [*a], 1 < 2
    return x[...], b'bytes' rb'\raw', 0x_ff, 1_0.5e-3
"#;

    #[test]
    fn sample_program_parses() {
        let body = parse_module(SAMPLE).unwrap();
        assert_eq!(body.len(), 6);
        let StmtKind::ClassDef(class) = &body[3].kind else {
            panic!("{:?}", body[3])
        };
        assert_eq!(class.decorators.len(), 2);
        assert_eq!(class.bases.len(), 2);
        assert_eq!(class.keywords.len(), 2);
        let StmtKind::FunctionDef(method) = &class.body[1].kind else {
            panic!()
        };
        let a = &method.args;
        assert_eq!(
            (
                a.posonlyargs.len(),
                a.args.len(),
                a.defaults.len(),
                a.kwonlyargs.len()
            ),
            (2, 1, 1, 2)
        );
        assert_eq!(a.vararg.as_ref().map(|v| v.name.as_str()), Some("args"));
        assert_eq!(a.kwarg.as_ref().map(|v| v.name.as_str()), Some("kwargs"));
    }

    #[test]
    fn precedence_and_associativity() {
        let e = expr("1 + 2 * 3 ** -4 ** 5");
        let ExprKind::BinOp {
            op: BinOp::Add,
            right,
            ..
        } = &e.kind
        else {
            panic!()
        };
        let ExprKind::BinOp {
            op: BinOp::Mult,
            right,
            ..
        } = &right.kind
        else {
            panic!()
        };
        let ExprKind::BinOp {
            op: BinOp::Pow,
            right,
            ..
        } = &right.kind
        else {
            panic!()
        };
        let ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } = &right.kind
        else {
            panic!()
        };
        assert!(matches!(
            operand.kind,
            ExprKind::BinOp { op: BinOp::Pow, .. }
        ));
        let e = expr("a - b - c");
        let ExprKind::BinOp {
            left,
            op: BinOp::Sub,
            ..
        } = &e.kind
        else {
            panic!()
        };
        assert!(matches!(left.kind, ExprKind::BinOp { op: BinOp::Sub, .. }));
        let e = expr("not a == b and c or d");
        let ExprKind::BoolOp {
            op: BoolOp::Or,
            values,
        } = &e.kind
        else {
            panic!()
        };
        assert!(matches!(
            values[0].kind,
            ExprKind::BoolOp {
                op: BoolOp::And,
                ..
            }
        ));
        let e = expr("a < b not in c is not d");
        let ExprKind::Compare { ops, .. } = &e.kind else {
            panic!()
        };
        assert_eq!(*ops, alloc::vec![CmpOp::Lt, CmpOp::NotIn, CmpOp::IsNot]);
    }

    #[test]
    fn strings_concatenate_and_fstrings_join() {
        assert_eq!(
            expr("'a' \"b\" '''c'''").kind,
            ExprKind::Constant(Const::Str("abc".into()))
        );
        assert_eq!(
            expr("b'a' b'b'").kind,
            ExprKind::Constant(Const::Bytes(b"ab".to_vec()))
        );
        let e = expr("'a' f'b{x}c' 'd'");
        let ExprKind::JoinedStr(parts) = &e.kind else {
            panic!()
        };
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].kind, ExprKind::Constant(Const::Str("ab".into())));
        assert!(matches!(
            parts[1].kind,
            ExprKind::FormattedValue { conversion: 0, .. }
        ));
        assert_eq!(parts[2].kind, ExprKind::Constant(Const::Str("cd".into())));
        let e = expr("f'{x = }'");
        let ExprKind::JoinedStr(parts) = &e.kind else {
            panic!()
        };
        assert_eq!(parts[0].kind, ExprKind::Constant(Const::Str("x = ".into())));
        assert!(matches!(
            parts[1].kind,
            ExprKind::FormattedValue { conversion: 2, .. }
        ));
        assert_eq!(
            err("x = b'a' 'b'").msg,
            "cannot mix bytes and nonbytes literals"
        );
    }

    #[test]
    fn fstring_expression_positions_and_errors() {
        let e = err("x = 1\ny = f'{a b}'");
        assert_eq!((e.msg.as_str(), e.line), ("f-string: invalid syntax", 2));
        let e = err("f'''\n{\n 1 +}'''");
        assert_eq!(e.line, 3);
        assert_eq!(
            err("f'{*a}'").msg,
            "f-string: can't use starred expression here"
        );
    }

    /// Messages checked against CPython 3.11 `compile(src, 'f', 'exec')`.
    #[test]
    fn the_duplicate_named_is_cpythons() {
        let cases = [
            (
                "def f(c, b, a, c, a): pass",
                "duplicate argument 'c' in function definition",
            ),
            (
                "def f(b, a, a, b): pass",
                "duplicate argument 'a' in function definition",
            ),
            ("f(b=1, a=1, a=2, b=2)", "keyword argument repeated: b"),
            ("f(a=1, b=1, c=2, b=2, a=3)", "keyword argument repeated: a"),
        ];
        for (src, msg) in cases {
            assert_eq!(err(src).msg, msg, "{src:?}");
        }
    }

    #[test]
    fn error_messages_match_cpython() {
        let cases: &[(&str, &str, u32, u32)] = &[
            (
                "f() = 1",
                "cannot assign to function call here. Maybe you meant '==' instead of '='?",
                1,
                1,
            ),
            (
                "1 = x",
                "cannot assign to literal here. Maybe you meant '==' instead of '='?",
                1,
                1,
            ),
            ("(a, f()) = 1", "cannot assign to function call", 1, 5),
            ("None = 1", "cannot assign to None", 1, 1),
            (
                "x() += 1",
                "'function call' is an illegal expression for augmented assignment",
                1,
                1,
            ),
            ("for f() in x: pass", "cannot assign to function call", 1, 5),
            ("del f()", "cannot delete function call", 1, 5),
            (
                "with a as f(): pass",
                "cannot assign to function call",
                1,
                11,
            ),
            ("[x for f() in y]", "cannot assign to function call", 1, 8),
            (
                "(f() := 1)",
                "cannot use assignment expressions with function call",
                1,
                2,
            ),
            (
                "f(x.y=1)",
                "expression cannot contain assignment, perhaps you meant \"==\"?",
                1,
                3,
            ),
            ("f(True=1)", "cannot assign to True", 1, 3),
            (
                "f(a=1, b)",
                "positional argument follows keyword argument",
                1,
                8,
            ),
            (
                "f(**a, b)",
                "positional argument follows keyword argument unpacking",
                1,
                8,
            ),
            (
                "f(**a, *b)",
                "iterable argument unpacking follows keyword argument unpacking",
                1,
                8,
            ),
            (
                "def f(a=1, b): pass",
                "non-default argument follows default argument",
                1,
                12,
            ),
            (
                "def f(*, **k): pass",
                "named arguments must follow bare *",
                1,
                7,
            ),
            ("def f(*): pass", "named arguments must follow bare *", 1, 7),
            (
                "*a = b",
                "starred assignment target must be in a list or tuple",
                1,
                1,
            ),
            (
                "a, *b, *c = d",
                "multiple starred expressions in assignment",
                1,
                1,
            ),
            (
                "(a, b): int",
                "only single target (not tuple) can be annotated",
                1,
                1,
            ),
            (
                "try:\n pass\nexcept E, F:\n pass",
                "multiple exception types must be parenthesized",
                3,
                8,
            ),
            (
                "a = yield = 3",
                "assignment to yield expression not possible",
                1,
                5,
            ),
            (
                "print(*a for a in b)",
                "iterable unpacking cannot be used in comprehension",
                1,
                7,
            ),
            ("del *a", "cannot delete starred", 1, 5),
            ("del (a, *b)", "cannot delete starred", 1, 9),
            ("a if b", "expected 'else' after 'if' expression", 1, 1),
            ("(*a)", "cannot use starred expression here", 1, 2),
            (
                "def f(/, a): pass",
                "at least one argument must precede /",
                1,
                7,
            ),
            ("def f(*a, /): pass", "/ must be ahead of *", 1, 11),
            ("a := 1", "invalid syntax", 1, 3),
            ("x: int, y = 1", "invalid syntax", 1, 7),
        ];
        for &(src, msg, line, col) in cases {
            let e = err(src);
            assert_eq!(
                (e.msg.as_str(), e.line, e.column),
                (msg, line, col),
                "{src:?}"
            );
            assert!(!e.incomplete_input, "{src:?}");
        }
    }

    #[test]
    fn indentation_errors() {
        let e = err("class A:\npass");
        assert_eq!(e.kind, ErrorKind::Indentation);
        assert_eq!(
            e.msg,
            "expected an indented block after class definition on line 1"
        );
        let e = err("x = 1\n  y = 2\n");
        assert_eq!(
            (e.kind, e.msg.as_str()),
            (ErrorKind::Indentation, "unexpected indent")
        );
        let e = err("try:\n  pass\n");
        assert_eq!(e.msg, "expected 'except' or 'finally' block");
    }

    #[test]
    fn incomplete_input_is_flagged() {
        for src in [
            "if x:\n",
            "def f(a,\n",
            "x = '''abc\n",
            "@d\n",
            "for x in y:\n  pass\nelse:\n",
            "(1 +\n",
        ] {
            let e = err(src);
            assert!(e.incomplete_input, "{src:?}: {e:?}");
        }
        for src in ["x = \n", "if x:\npass\n", "x = (1 +) \n"] {
            assert!(!err(src).incomplete_input, "{src:?}");
        }
    }

    #[test]
    fn single_mode_takes_one_statement() {
        assert_eq!(parse_single("x = 1; y = 2\n").unwrap().len(), 2);
        assert_eq!(parse_single("if x:\n  y\n\n").unwrap().len(), 1);
        let e = parse_single("x = 1\ny = 2\n").unwrap_err();
        assert_eq!(
            e.msg,
            "multiple statements found while compiling a single statement"
        );
    }

    #[test]
    fn match_is_a_clean_error_and_async_blocks_parse() {
        assert_eq!(
            err("match x:\n case 1: pass").msg,
            "'match' statements are not supported"
        );
        assert!(parse_module("match(x)\nmatch = 1\n").is_ok());
        let ast =
            parse_module("async def f():\n async for x in y: pass\n async with a as b: pass\n")
                .unwrap();
        let StmtKind::FunctionDef(f) = &ast[0].kind else {
            panic!("not a def: {ast:?}");
        };
        assert!(matches!(&f.body[0].kind, StmtKind::For(f) if f.is_async));
        assert!(matches!(
            f.body[1].kind,
            StmtKind::With { is_async: true, .. }
        ));
        assert_eq!(err("async x = 1").msg, "invalid syntax");
    }

    fn run_on_small_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        run_on_small_stack(|| {
            let parse_module = |src: &str| super::parse_module(src, StackGuard::new(128 * 1024));
            let cases = [
                "(".repeat(10_000),
                "[".repeat(10_000) + &"]".repeat(10_000),
                "-".repeat(10_000) + "x",
                "not ".repeat(10_000) + "x",
                String::from("x") + &"**x".repeat(10_000),
                String::from("x") + &".a".repeat(10_000),
                String::from("x") + &"()".repeat(10_000),
                "lambda: ".repeat(10_000) + "x",
                "x if y else ".repeat(10_000) + "x",
                "f'{".repeat(100) + &"}'".repeat(100),
            ];
            for src in cases {
                assert!(parse_module(&src).is_err(), "{}", &src[..20]);
            }
        });
    }

    #[test]
    fn chains_of_binary_operators_have_no_length_limit() {
        // Left-associative chains are loops in every pass, not nesting: 100,000 links compile
        // on a small stack in an unoptimised build, and so does each link being nested.
        run_on_small_stack(|| {
            for src in [
                String::from("x") + &"+x".repeat(100_000),
                String::from("1") + &" - 2 * y".repeat(50_000),
                String::from("(") + &"+(a|b)".repeat(20_000) + ")",
            ] {
                let code = crate::compile::compile_with_budget(
                    &src,
                    "<chain>",
                    crate::compile::Mode::Eval,
                    128 * 1024,
                );
                assert!(code.is_ok(), "{}", &src[..20]);
            }
        });
    }

    #[test]
    fn long_flat_sequences_are_fine() {
        let mut src = String::from("if a: pass\n");
        for _ in 0..5000 {
            src.push_str("elif a: pass\n");
        }
        src.push_str("x = [");
        for _ in 0..5000 {
            src.push_str("1, ");
        }
        src.push_str("]\n");
        src.push_str(&"a and ".repeat(5000));
        src.push_str("b\n");
        assert_eq!(parse_module(&src).unwrap().len(), 3);
    }
}
