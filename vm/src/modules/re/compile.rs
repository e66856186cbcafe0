//! Pattern text to program: a recursive-descent parser building a small syntax tree, then an
//! emitter writing the flat program the backtracking engine (`super::engine`) runs.
//!
//! The program is a `Vec<u32>`; word 0 holds the number of loop registers, word 1 the number
//! of capture slots, and instructions follow (opcode word, then operands; jump targets are
//! absolute word indices). `{m,n}` is compiled by repeating its operand, so program size is
//! checked against [`MAX_PROGRAM`] and parser nesting against [`MAX_NESTING`]: a pattern can make
//! neither the host stack nor host memory grow without bound.

use crate::format::message::{fill, ToArg};
use alloc::boxed::Box;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// `re.IGNORECASE`.
pub const IGNORECASE: u32 = 2;
/// `re.LOCALE` (accepted, no effect).
pub const LOCALE: u32 = 4;
/// `re.MULTILINE`.
pub const MULTILINE: u32 = 8;
/// `re.DOTALL`.
pub const DOTALL: u32 = 16;
/// `re.UNICODE` (the default for str patterns).
pub const UNICODE: u32 = 32;
/// `re.VERBOSE`.
pub const VERBOSE: u32 = 64;
/// `re.ASCII`.
pub const ASCII: u32 = 256;

/// Most words a program may have ("pattern too large" beyond).
pub const MAX_PROGRAM: usize = 1 << 16;
/// Deepest nesting of groups (and lookarounds) a pattern may have.
pub const MAX_NESTING: usize = 64;
/// Most capture groups.
pub const MAX_GROUPS: usize = 100;

/// Opcodes. Operands are listed after each.
pub mod op {
    /// `c`: one char equal to `c`.
    pub const CHAR: u32 = 1;
    /// `c`: one char whose lower case is `c`.
    pub const CHAR_I: u32 = 2;
    /// Any char but `\n`.
    pub const ANY: u32 = 3;
    /// Any char.
    pub const ANY_ALL: u32 = 4;
    /// `n, flags, (lo, hi)×n`: one char in (or, with `flags & 1`, not in) the ranges; a `lo` at
    /// or above [`super::CAT_BASE`] is a category (`\d`…); `flags & 2`: ignore case.
    pub const CLASS: u32 = 5;
    /// `a, b`: continue at `a`, on failure at `b`.
    pub const SPLIT: u32 = 6;
    /// `a`: continue at `a`.
    pub const JMP: u32 = 7;
    /// `slot`: record the position in capture slot `slot`.
    pub const SAVE: u32 = 8;
    /// `kind`: a zero-width assertion ([`super::assert`]).
    pub const ASSERT: u32 = 9;
    /// `kind, width, end`: lookaround over the sub-program that follows (ending in `MATCH`);
    /// `kind` bit 0 negative, bit 1 behind (`width` chars back); continue at `end`.
    pub const LOOK: u32 = 10;
    /// `r`: record the position in loop register `r`.
    pub const MARK: u32 = 11;
    /// `r, exit`: leave the loop for `exit` unless the position moved since `MARK r` (so an
    /// iteration matching empty is the last, as in CPython).
    pub const PROGRESS: u32 = 12;
    /// `group, icase`: the text group `group` matched.
    pub const BACKREF: u32 = 13;
    /// The whole pattern (or a lookaround's sub-pattern) matched.
    pub const MATCH: u32 = 14;
}

/// Zero-width assertion kinds.
pub mod assert {
    /// `^`: start of text.
    pub const START: u32 = 0;
    /// `^` with MULTILINE: start of a line.
    pub const BOL: u32 = 1;
    /// `$`: end of text or before a final `\n`.
    pub const END_NL: u32 = 2;
    /// `$` with MULTILINE: end of a line.
    pub const EOL: u32 = 3;
    /// `\Z`: end of text.
    pub const END: u32 = 4;
    /// `\b` (plus [`super::ASCII_BIT`] for ASCII word chars).
    pub const WORD_B: u32 = 5;
    /// `\B` (plus [`super::ASCII_BIT`]).
    pub const NOT_WORD_B: u32 = 6;
}

/// First category code in a class range's `lo`.
pub const CAT_BASE: u32 = 0x11_0000;
/// Category codes (add to [`CAT_BASE`]; plus [`ASCII_BIT`] for the ASCII-only variant).
pub mod cat {
    /// `\d`.
    pub const DIGIT: u32 = 0;
    /// `\D`.
    pub const NOT_DIGIT: u32 = 1;
    /// `\w`.
    pub const WORD: u32 = 2;
    /// `\W`.
    pub const NOT_WORD: u32 = 3;
    /// `\s`.
    pub const SPACE: u32 = 4;
    /// `\S`.
    pub const NOT_SPACE: u32 = 5;
}
/// Marks a category or word boundary as ASCII-only.
pub const ASCII_BIT: u32 = 8;

/// A pattern that does not compile: `re.error`'s message and position (in chars).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReError {
    /// What is wrong.
    pub msg: String,
    /// Where, if known.
    pub pos: Option<usize>,
}

impl core::fmt::Display for ReError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{} at position {}", self.msg, p),
            None => f.write_str(&self.msg),
        }
    }
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The program (see the module doc).
    pub code: Vec<u32>,
    /// Number of capture groups (not counting group 0).
    pub groups: usize,
    /// Named groups: `(name, group number)` in order of appearance.
    pub names: Vec<(String, usize)>,
    /// The effective flags (argument, inline flags, `UNICODE` for str patterns).
    pub flags: u32,
}

#[derive(Debug)]
enum Node {
    Empty,
    Char(u32, bool),
    Any(bool),
    Class(Box<ClassSet>),
    Assert(u32),
    Group(Option<usize>, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
        greedy: bool,
    },
    Backref(usize, bool),
    Look {
        neg: bool,
        behind: bool,
        node: Box<Node>,
    },
}

#[derive(Debug)]
struct ClassSet {
    neg: bool,
    icase: bool,
    ranges: Vec<(u32, u32)>,
}

/// Largest `{m,n}` count.
const MAX_REPEAT: u32 = 65535;

struct Parser<'a> {
    chars: &'a [u32],
    pos: usize,
    flags: u32,
    is_str: bool,
    groups: usize,
    names: Vec<(String, usize)>,
    depth: usize,
}

fn err<T>(msg: String, pos: usize) -> Result<T, ReError> {
    Err(ReError {
        msg,
        pos: Some(pos),
    })
}

fn show(c: u32) -> String {
    char::from_u32(c).map_or_else(|| format!("\\x{c:x}"), String::from)
}

/// Compile `pattern` (chars: Unicode scalars for a str pattern, bytes for a bytes pattern).
pub fn compile(pattern: &[u32], is_str: bool, flags: u32) -> Result<Compiled, ReError> {
    let mut p = Parser {
        chars: pattern,
        pos: 0,
        flags,
        is_str,
        groups: 0,
        names: Vec::new(),
        depth: 0,
    };
    let node = p.alternation()?;
    if p.pos < p.chars.len() {
        // Only an unmatched `)` stops the top level early.
        return err("unbalanced parenthesis".into(), p.pos);
    }
    let mut flags = p.flags;
    if is_str {
        if flags & ASCII == 0 {
            flags |= UNICODE;
        }
    } else if flags & UNICODE != 0 {
        return Err(ReError {
            msg: "cannot use UNICODE flag with a bytes pattern".into(),
            pos: None,
        });
    }
    if flags & ASCII != 0 && flags & UNICODE != 0 {
        return Err(ReError {
            msg: "ASCII and UNICODE flags are incompatible".into(),
            pos: None,
        });
    }
    check_refs(&node, p.groups)?;
    let mut e = Emitter {
        code: Vec::new(),
        regs: 0,
    };
    e.code.extend_from_slice(&[0, 0]);
    e.word(op::SAVE)?;
    e.word(0)?;
    e.emit(&node)?;
    e.word(op::SAVE)?;
    e.word(1)?;
    e.word(op::MATCH)?;
    // The two header words were reserved first.
    if let [regs, slots, ..] = e.code.as_mut_slice() {
        *regs = e.regs;
        *slots = 2 * (p.groups as u32 + 1);
    }
    Ok(Compiled {
        code: e.code,
        groups: p.groups,
        names: p.names,
        flags,
    })
}

fn check_refs(n: &Node, groups: usize) -> Result<(), ReError> {
    match n {
        Node::Group(_, b) | Node::Look { node: b, .. } | Node::Repeat { node: b, .. } => {
            check_refs(b, groups)
        }
        Node::Concat(v) | Node::Alt(v) => v.iter().try_for_each(|x| check_refs(x, groups)),
        Node::Backref(g, _) if *g > groups => Err(ReError {
            msg: fill("invalid group reference {}", &[g.arg()]),
            pos: None,
        }),
        _ => Ok(()),
    }
}

impl Parser<'_> {
    fn peek(&self) -> Option<u32> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<u32> {
        self.chars.get(self.pos + k).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c as u32) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn icase(&self) -> bool {
        self.flags & IGNORECASE != 0
    }

    fn ascii(&self) -> bool {
        !self.is_str || self.flags & ASCII != 0
    }

    fn skip_verbose(&mut self) {
        if self.flags & VERBOSE == 0 {
            return;
        }
        while let Some(c) = self.peek() {
            if c == '#' as u32 {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == '\n' as u32 {
                        break;
                    }
                }
            } else if matches!(c, 0x20 | 0x09..=0x0d) {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn alternation(&mut self) -> Result<Node, ReError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return err("too many nested groups".into(), self.pos);
        }
        let mut alts = Vec::new();
        loop {
            alts.push(self.concat()?);
            if !self.eat('|') {
                break;
            }
        }
        self.depth -= 1;
        Ok(if alts.len() == 1 {
            alts.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self) -> Result<Node, ReError> {
        let mut items = Vec::new();
        loop {
            self.skip_verbose();
            match self.peek() {
                None => break,
                Some(c) if c == '|' as u32 || c == ')' as u32 => break,
                _ => {}
            }
            let atom = self.atom()?;
            let atom = self.quantifiers(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(items),
        })
    }

    fn quantifiers(&mut self, atom: Node) -> Result<Node, ReError> {
        self.skip_verbose();
        let here = self.pos;
        let Some((min, max)) = self.quantifier()? else {
            return Ok(atom);
        };
        if matches!(atom, Node::Assert(_)) {
            return err("nothing to repeat".into(), here);
        }
        let greedy = !self.eat('?');
        self.skip_verbose();
        let after = self.pos;
        if self.quantifier()?.is_some() {
            return err("multiple repeat".into(), after);
        }
        if self.eat('+') {
            return err("multiple repeat".into(), after);
        }
        Ok(Node::Repeat {
            node: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    /// A quantifier at the cursor: `*`, `+`, `?` or a well-formed `{m,n}` (else a literal `{`).
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, ReError> {
        let start = self.pos;
        match self.peek() {
            Some(c) if c == '*' as u32 => {
                self.pos += 1;
                Ok(Some((0, None)))
            }
            Some(c) if c == '+' as u32 => {
                self.pos += 1;
                Ok(Some((1, None)))
            }
            Some(c) if c == '?' as u32 => {
                self.pos += 1;
                Ok(Some((0, Some(1))))
            }
            Some(c) if c == '{' as u32 => {
                self.pos += 1;
                let lo = self.number();
                let (min, max) = if self.eat(',') {
                    (lo.unwrap_or(0), self.number())
                } else {
                    match lo {
                        Some(n) => (n, Some(n)),
                        None => {
                            self.pos = start;
                            return Ok(None);
                        }
                    }
                };
                if !self.eat('}') {
                    self.pos = start;
                    return Ok(None);
                }
                if min > MAX_REPEAT || max.is_some_and(|m| m > MAX_REPEAT) {
                    return err("the repetition number is too large".into(), start + 1);
                }
                if max.is_some_and(|m| m < min) {
                    return err("min repeat greater than max repeat".into(), start + 1);
                }
                Ok(Some((min, max)))
            }
            _ => Ok(None),
        }
    }

    fn number(&mut self) -> Option<u32> {
        let mut n: Option<u32> = None;
        while let Some(d) = self.peek().and_then(|c| char::from_u32(c)?.to_digit(10)) {
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d));
            self.pos += 1;
        }
        n
    }

    fn atom(&mut self) -> Result<Node, ReError> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Ok(Node::Empty);
        };
        self.pos += 1;
        let ch = char::from_u32(c).unwrap_or('\0');
        Ok(match ch {
            '(' => return self.group(start),
            '[' => return self.class(start),
            '.' => Node::Any(self.flags & DOTALL != 0),
            '^' => Node::Assert(if self.flags & MULTILINE != 0 {
                assert::BOL
            } else {
                assert::START
            }),
            '$' => Node::Assert(if self.flags & MULTILINE != 0 {
                assert::EOL
            } else {
                assert::END_NL
            }),
            '*' | '+' | '?' => return err("nothing to repeat".into(), start),
            '{' => {
                self.pos = start;
                if self.quantifier()?.is_some() {
                    return err("nothing to repeat".into(), start);
                }
                self.pos = start + 1;
                self.literal(c)
            }
            '\\' => return self.escape(start),
            _ => self.literal(c),
        })
    }

    fn literal(&self, c: u32) -> Node {
        if self.icase() {
            Node::Char(fold(c), true)
        } else {
            Node::Char(c, false)
        }
    }

    fn group(&mut self, start: usize) -> Result<Node, ReError> {
        if !self.eat('?') {
            if self.groups >= MAX_GROUPS {
                return err("too many groups".into(), start);
            }
            self.groups += 1;
            let g = self.groups;
            let body = self.alternation()?;
            return self.close(start, Node::Group(Some(g), Box::new(body)));
        }
        let Some(c) = self.peek() else {
            return err("unexpected end of pattern".into(), self.pos);
        };
        self.pos += 1;
        let ch = char::from_u32(c).unwrap_or('\0');
        match ch {
            ':' => {
                let body = self.alternation()?;
                self.close(start, Node::Group(None, Box::new(body)))
            }
            'P' => {
                if self.eat('<') {
                    let name = self.group_name('>')?;
                    if self.groups >= MAX_GROUPS {
                        return err("too many groups".into(), start);
                    }
                    self.groups += 1;
                    let g = self.groups;
                    if let Some((_, was)) = self.names.iter().find(|(n, _)| *n == name) {
                        return err(
                            fill(
                                "redefinition of group name '{}' as group {}; was group {}",
                                &[name.arg(), g.arg(), was.arg()],
                            ),
                            start + 4,
                        );
                    }
                    self.names.push((name, g));
                    let body = self.alternation()?;
                    self.close(start, Node::Group(Some(g), Box::new(body)))
                } else if self.eat('=') {
                    let at = self.pos;
                    let name = self.group_name(')')?;
                    match self.names.iter().find(|(n, _)| *n == name) {
                        Some((_, g)) => Ok(Node::Backref(*g, self.icase())),
                        None => err(fill("unknown group name '{}'", &[name.arg()]), at),
                    }
                } else {
                    let at = self.pos;
                    let what = self.peek().map(show).unwrap_or_default();
                    err(fill("unknown extension ?P{}", &[what.arg()]), at - 2)
                }
            }
            '=' | '!' => {
                let body = self.alternation()?;
                self.close(
                    start,
                    Node::Look {
                        neg: ch == '!',
                        behind: false,
                        node: Box::new(body),
                    },
                )
            }
            '<' if matches!(self.peek(), Some(c) if c == '=' as u32 || c == '!' as u32) => {
                let neg = self.peek() == Some('!' as u32);
                self.pos += 1;
                let body = self.alternation()?;
                if width(&body).is_none() {
                    return Err(ReError {
                        msg: "look-behind requires fixed-width pattern".into(),
                        pos: None,
                    });
                }
                self.close(
                    start,
                    Node::Look {
                        neg,
                        behind: true,
                        node: Box::new(body),
                    },
                )
            }
            '#' => {
                while let Some(c) = self.peek() {
                    self.pos += 1;
                    if c == ')' as u32 {
                        return Ok(Node::Empty);
                    }
                }
                err("missing ), unterminated comment".into(), start)
            }
            _ if flag_bit(ch).is_some() || ch == '-' => {
                self.pos -= 1;
                self.inline_flags(start)
            }
            _ => err(fill("unknown extension ?{}", &[show(c).arg()]), start + 1),
        }
    }

    fn inline_flags(&mut self, start: usize) -> Result<Node, ReError> {
        let mut on = 0;
        let mut off = 0;
        let mut minus = false;
        loop {
            let Some(c) = self.peek() else {
                return err("missing -, : or )".into(), self.pos);
            };
            self.pos += 1;
            let ch = char::from_u32(c).unwrap_or('\0');
            if ch == ')' {
                if minus {
                    return err("missing :".into(), self.pos - 1);
                }
                if start != 0 {
                    return err(
                        "global flags not at the start of the expression".into(),
                        start,
                    );
                }
                self.flags |= on;
                return Ok(Node::Empty);
            }
            if ch == ':' {
                let saved = self.flags;
                self.flags = (self.flags | on) & !off;
                let body = self.alternation();
                self.flags = saved;
                return self.close(start, Node::Group(None, Box::new(body?)));
            }
            if ch == '-' && !minus {
                minus = true;
                continue;
            }
            match flag_bit(ch) {
                Some(b) if minus => off |= b,
                Some(b) => on |= b,
                None => {
                    let msg = if minus {
                        "unknown flag"
                    } else {
                        "missing -, : or )"
                    };
                    return err(msg.into(), self.pos - 1);
                }
            }
        }
    }

    fn close(&mut self, start: usize, node: Node) -> Result<Node, ReError> {
        if self.eat(')') {
            Ok(node)
        } else {
            err("missing ), unterminated subpattern".into(), start)
        }
    }

    fn group_name(&mut self, end: char) -> Result<String, ReError> {
        let at = self.pos;
        let mut name = String::new();
        loop {
            match self.peek() {
                None => return err("missing >, unterminated name".into(), at),
                Some(c) if c == end as u32 => {
                    self.pos += 1;
                    break;
                }
                Some(c) => {
                    name.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    self.pos += 1;
                }
            }
        }
        if name.is_empty() {
            return err("missing group name".into(), at);
        }
        let mut cs = name.chars();
        let ok = cs.next().is_some_and(crate::format::is_identifier_start)
            && cs.all(crate::format::is_identifier_char);
        if !ok {
            return err(fill("bad character in group name '{}'", &[name.arg()]), at);
        }
        Ok(name)
    }

    fn escape(&mut self, start: usize) -> Result<Node, ReError> {
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)".into(), start);
        };
        self.pos += 1;
        let ch = char::from_u32(c).unwrap_or('\0');
        let ascii = if self.ascii() { ASCII_BIT } else { 0 };
        Ok(match ch {
            'A' => Node::Assert(assert::START),
            'Z' => Node::Assert(assert::END),
            'b' => Node::Assert(assert::WORD_B + ascii),
            'B' => Node::Assert(assert::NOT_WORD_B + ascii),
            'd' | 'D' | 'w' | 'W' | 's' | 'S' => Node::Class(Box::new(ClassSet {
                neg: false,
                icase: false,
                ranges: alloc::vec![(CAT_BASE + category(ch) + ascii, 0)],
            })),
            '1'..='9' => {
                let mut g = ch as u32 - '0' as u32;
                if let Some(d) = self.peek().and_then(|c| char::from_u32(c)?.to_digit(10)) {
                    // `\12` is group 12; three octal digits are an octal escape.
                    if self.peek_at(1).is_some_and(|c| (0x30..0x38).contains(&c)) && g < 8 && d < 8
                    {
                        let v = g * 64 + d * 8 + (self.peek_at(1).unwrap_or(0x30) - 0x30);
                        self.pos += 2;
                        if v > 0o377 {
                            return err(
                                format!("octal escape value \\{:o} outside of range 0-0o377", v),
                                start,
                            );
                        }
                        return Ok(self.literal(v));
                    }
                    g = g * 10 + d;
                    self.pos += 1;
                }
                if g as usize > self.groups {
                    return err(fill("invalid group reference {}", &[g.arg()]), start + 1);
                }
                Node::Backref(g as usize, self.icase())
            }
            _ => {
                self.pos -= 1;
                let v = self.char_escape(start, false)?;
                self.literal(v)
            }
        })
    }

    /// A char escape after `\` (cursor on the char after the backslash).
    fn char_escape(&mut self, start: usize, in_class: bool) -> Result<u32, ReError> {
        let Some(c) = self.peek() else {
            return err("bad escape (end of pattern)".into(), start);
        };
        self.pos += 1;
        let ch = char::from_u32(c).unwrap_or('\0');
        Ok(match ch {
            'n' => 10,
            't' => 9,
            'r' => 13,
            'f' => 12,
            'v' => 11,
            'a' => 7,
            'b' if in_class => 8,
            '0' => {
                let mut v = 0;
                for _ in 0..2 {
                    match self.peek() {
                        Some(d) if (0x30..0x38).contains(&d) => {
                            v = v * 8 + d - 0x30;
                            self.pos += 1;
                        }
                        _ => break,
                    }
                }
                v
            }
            'x' => self.hex(start, 2)?,
            'u' if self.is_str => self.hex(start, 4)?,
            'U' if self.is_str => {
                let v = self.hex(start, 8)?;
                if v > 0x10ffff {
                    return err(format!("bad escape \\U{v:08x}"), start);
                }
                v
            }
            _ if ch.is_ascii_alphanumeric() => {
                return err(fill("bad escape \\{}", &[ch.arg()]), start);
            }
            _ => c,
        })
    }

    fn hex(&mut self, start: usize, n: usize) -> Result<u32, ReError> {
        let mut v = 0u32;
        let mut text = String::new();
        for _ in 0..n {
            match self.peek().and_then(|c| char::from_u32(c)?.to_digit(16)) {
                Some(d) => {
                    v = v * 16 + d;
                    text.push(char::from_u32(self.peek().unwrap_or(0)).unwrap_or('0'));
                    self.pos += 1;
                }
                None => {
                    let kind = char::from_u32(self.chars.get(start + 1).copied().unwrap_or(0))
                        .unwrap_or('x');
                    return err(
                        fill("incomplete escape \\{}{}", &[kind.arg(), text.arg()]),
                        start,
                    );
                }
            }
        }
        Ok(v)
    }

    fn class(&mut self, start: usize) -> Result<Node, ReError> {
        let neg = self.eat('^');
        let mut ranges = Vec::new();
        let first = self.pos;
        let ascii = if self.ascii() { ASCII_BIT } else { 0 };
        loop {
            let at = self.pos;
            let Some(c) = self.peek() else {
                return err("unterminated character set".into(), start);
            };
            if c == ']' as u32 && at > first {
                self.pos += 1;
                break;
            }
            self.pos += 1;
            let lo = if c == '\\' as u32 {
                match self.peek().and_then(char::from_u32) {
                    Some(k @ ('d' | 'D' | 'w' | 'W' | 's' | 'S')) => {
                        self.pos += 1;
                        if self.peek() == Some('-' as u32)
                            && self.peek_at(1).is_some_and(|c| c != ']' as u32)
                        {
                            return err(fill("bad character range \\{}-", &[k.arg()]), at);
                        }
                        ranges.push((CAT_BASE + category(k) + ascii, 0));
                        continue;
                    }
                    _ => self.char_escape(at, true)?,
                }
            } else {
                c
            };
            if self.peek() == Some('-' as u32) && self.peek_at(1).is_some_and(|c| c != ']' as u32) {
                self.pos += 1;
                let hat = self.pos;
                let Some(h) = self.peek() else {
                    return err("unterminated character set".into(), start);
                };
                self.pos += 1;
                let hi = if h == '\\' as u32 {
                    if let Some(k @ ('d' | 'D' | 'w' | 'W' | 's' | 'S')) =
                        self.peek().and_then(char::from_u32)
                    {
                        return err(
                            fill("bad character range {}-\\{}", &[show(lo).arg(), k.arg()]),
                            at,
                        );
                    }
                    self.char_escape(hat, true)?
                } else {
                    h
                };
                if hi < lo {
                    return err(
                        fill(
                            "bad character range {}-{}",
                            &[show(lo).arg(), show(hi).arg()],
                        ),
                        at,
                    );
                }
                ranges.push((lo, hi));
            } else {
                ranges.push((lo, lo));
            }
        }
        let icase = self.icase();
        if icase {
            // Matching folds the text char; fold single chars here so both sides agree.
            for r in ranges.iter_mut() {
                if r.0 == r.1 && r.0 < CAT_BASE {
                    r.0 = fold(r.0);
                    r.1 = r.0;
                }
            }
        }
        if let [(lo, hi)] = ranges[..] {
            if !neg && !icase && lo == hi {
                return Ok(Node::Char(lo, false));
            }
        }
        Ok(Node::Class(Box::new(ClassSet { neg, icase, ranges })))
    }
}

fn flag_bit(c: char) -> Option<u32> {
    Some(match c {
        'a' => ASCII,
        'i' => IGNORECASE,
        'L' => LOCALE,
        'm' => MULTILINE,
        's' => DOTALL,
        'u' => UNICODE,
        'x' => VERBOSE,
        _ => return None,
    })
}

fn category(c: char) -> u32 {
    match c {
        'd' => cat::DIGIT,
        'D' => cat::NOT_DIGIT,
        'w' => cat::WORD,
        'W' => cat::NOT_WORD,
        's' => cat::SPACE,
        _ => cat::NOT_SPACE,
    }
}

/// The simple lower-case fold of a char, as matching compares case-insensitively.
pub fn fold(c: u32) -> u32 {
    if c < 0x80 {
        return (c as u8).to_ascii_lowercase() as u32;
    }
    crate::format::case_map::lower_char(c)
}

/// The width in chars every match of `n` has, if fixed.
fn width(n: &Node) -> Option<u32> {
    match n {
        Node::Empty | Node::Assert(_) | Node::Look { .. } => Some(0),
        Node::Char(..) | Node::Any(_) | Node::Class(_) => Some(1),
        Node::Group(_, b) => width(b),
        Node::Concat(v) => v.iter().try_fold(0u32, |a, x| a.checked_add(width(x)?)),
        Node::Alt(v) => {
            let w = width(v.first()?)?;
            v.iter().all(|x| width(x) == Some(w)).then_some(w)
        }
        Node::Repeat { node, min, max, .. } if Some(*min) == *max => width(node)?.checked_mul(*min),
        Node::Repeat { .. } | Node::Backref(..) => None,
    }
}

/// Can `n` match the empty string?
fn nullable(n: &Node) -> bool {
    match n {
        Node::Empty | Node::Assert(_) | Node::Look { .. } | Node::Backref(..) => true,
        Node::Char(..) | Node::Any(_) | Node::Class(_) => false,
        Node::Group(_, b) => nullable(b),
        Node::Concat(v) => v.iter().all(nullable),
        Node::Alt(v) => v.iter().any(nullable),
        Node::Repeat { node, min, .. } => *min == 0 || nullable(node),
    }
}

struct Emitter {
    code: Vec<u32>,
    regs: u32,
}

fn too_large() -> ReError {
    ReError {
        msg: "pattern too large".into(),
        pos: None,
    }
}

impl Emitter {
    fn word(&mut self, w: u32) -> Result<(), ReError> {
        if self.code.len() >= MAX_PROGRAM {
            return Err(too_large());
        }
        self.code.push(w);
        Ok(())
    }

    fn here(&self) -> u32 {
        self.code.len() as u32
    }

    fn patch(&mut self, at: u32, v: u32) {
        if let Some(w) = self.code.get_mut(at as usize) {
            *w = v;
        }
    }

    /// Emit `SPLIT` preferring the next instruction if `greedy`, else `other`; returns the
    /// index of the word to patch with `other`.
    fn split(&mut self, greedy: bool) -> Result<u32, ReError> {
        self.word(op::SPLIT)?;
        let at = self.here();
        let next = at + 2;
        if greedy {
            self.word(next)?;
            self.word(0)?;
            Ok(at + 1)
        } else {
            self.word(0)?;
            self.word(next)?;
            Ok(at)
        }
    }

    fn emit(&mut self, n: &Node) -> Result<(), ReError> {
        match n {
            Node::Empty => Ok(()),
            Node::Char(c, icase) => {
                self.word(if *icase { op::CHAR_I } else { op::CHAR })?;
                self.word(*c)
            }
            Node::Any(all) => self.word(if *all { op::ANY_ALL } else { op::ANY }),
            Node::Class(set) => {
                self.word(op::CLASS)?;
                self.word(set.ranges.len() as u32)?;
                self.word(set.neg as u32 | (set.icase as u32) << 1)?;
                for &(lo, hi) in &set.ranges {
                    self.word(lo)?;
                    self.word(hi)?;
                }
                Ok(())
            }
            Node::Assert(k) => {
                self.word(op::ASSERT)?;
                self.word(*k)
            }
            Node::Group(g, body) => {
                if let Some(g) = g {
                    self.word(op::SAVE)?;
                    self.word(2 * *g as u32)?;
                }
                self.emit(body)?;
                if let Some(g) = g {
                    self.word(op::SAVE)?;
                    self.word(2 * *g as u32 + 1)?;
                }
                Ok(())
            }
            Node::Concat(v) => v.iter().try_for_each(|x| self.emit(x)),
            Node::Alt(v) => {
                let mut ends = Vec::new();
                for (i, alt) in v.iter().enumerate() {
                    if i + 1 < v.len() {
                        let other = self.split(true)?;
                        self.emit(alt)?;
                        self.word(op::JMP)?;
                        ends.push(self.here());
                        self.word(0)?;
                        let h = self.here();
                        self.patch(other, h);
                    } else {
                        self.emit(alt)?;
                    }
                }
                let h = self.here();
                for e in ends {
                    self.patch(e, h);
                }
                Ok(())
            }
            Node::Repeat {
                node,
                min,
                max,
                greedy,
            } => {
                for _ in 0..*min {
                    self.emit(node)?;
                }
                match max {
                    None => {
                        let guard = nullable(node);
                        let top = self.here();
                        let out = self.split(*greedy)?;
                        let reg = self.regs;
                        if guard {
                            self.regs += 1;
                            self.word(op::MARK)?;
                            self.word(reg)?;
                        }
                        self.emit(node)?;
                        let mut exit = None;
                        if guard {
                            self.word(op::PROGRESS)?;
                            self.word(reg)?;
                            exit = Some(self.here());
                            self.word(0)?;
                        }
                        self.word(op::JMP)?;
                        self.word(top)?;
                        let h = self.here();
                        self.patch(out, h);
                        if let Some(e) = exit {
                            self.patch(e, h);
                        }
                    }
                    Some(max) => {
                        // As in a loop, an optional copy matching empty is the last one.
                        let guard = nullable(node) && max > min;
                        let reg = self.regs;
                        if guard {
                            self.regs += 1;
                        }
                        let mut outs = Vec::new();
                        for _ in *min..*max {
                            outs.push(self.split(*greedy)?);
                            if guard {
                                self.word(op::MARK)?;
                                self.word(reg)?;
                            }
                            self.emit(node)?;
                            if guard {
                                self.word(op::PROGRESS)?;
                                self.word(reg)?;
                                outs.push(self.here());
                                self.word(0)?;
                            }
                        }
                        let h = self.here();
                        for o in outs {
                            self.patch(o, h);
                        }
                    }
                }
                Ok(())
            }
            Node::Backref(g, icase) => {
                self.word(op::BACKREF)?;
                self.word(*g as u32)?;
                self.word(*icase as u32)
            }
            Node::Look { neg, behind, node } => {
                self.word(op::LOOK)?;
                self.word(*neg as u32 | (*behind as u32) << 1)?;
                self.word(width(node).unwrap_or(0))?;
                let end = self.here();
                self.word(0)?;
                self.emit(node)?;
                self.word(op::MATCH)?;
                let h = self.here();
                self.patch(end, h);
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<u32> {
        s.chars().map(|c| c as u32).collect()
    }

    fn error(p: &str) -> String {
        alloc::string::ToString::to_string(&compile(&chars(p), true, 0).unwrap_err())
    }

    #[test]
    fn errors_name_what_and_where() {
        assert_eq!(error("*a"), "nothing to repeat at position 0");
        assert_eq!(error("a**"), "multiple repeat at position 2");
        assert_eq!(
            error("(a"),
            "missing ), unterminated subpattern at position 0"
        );
        assert_eq!(error("a)"), "unbalanced parenthesis at position 1");
        assert_eq!(error("[a"), "unterminated character set at position 0");
        assert_eq!(error("[z-a]"), "bad character range z-a at position 1");
        assert_eq!(error(r"\q"), "bad escape \\q at position 0");
        assert_eq!(error(r"(a)\2"), "invalid group reference 2 at position 4");
        assert_eq!(
            error("a{3,2}"),
            "min repeat greater than max repeat at position 2"
        );
    }

    #[test]
    fn nesting_and_size_are_bounded() {
        let deep = "(".repeat(10_000) + &")".repeat(10_000);
        assert!(error(&deep).starts_with("too many nested groups"));
        assert_eq!(error("(?:a{65535}){65535}"), "pattern too large");
    }

    #[test]
    fn groups_and_names_are_counted() {
        let c = compile(&chars("(?P<x>a)(b)(?:c)"), true, 0).unwrap();
        assert_eq!(c.groups, 2);
        assert_eq!(c.names, alloc::vec![(String::from("x"), 1)]);
        assert_eq!(c.flags, UNICODE);
        assert_eq!(c.code[1], 6);
    }
}
