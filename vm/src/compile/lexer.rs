//! The lexer: Python 3 source text to [`Token`]s, one at a time (the parser pulls; nothing
//! buffers the whole token stream, so memory stays proportional to the largest single token).
//!
//! It tracks indentation (INDENT/DEDENT, tabs to multiples of 8 and checked for consistency
//! against tabs of width 1, as CPython does), implicit line joining inside brackets, backslash
//! continuation, and decodes every literal form. f-strings are split into parts here; their
//! expressions are lexed again by an *embedded* lexer that starts inside an implicit bracket
//! and reports positions relative to the enclosing file.
//!
//! Invariants: at most [`MAX_INDENT`] indentation levels and [`MAX_BRACKETS`] open brackets
//! (both are errors beyond), and f-string fields nest at most two deep, so nothing here
//! recurses more than a constant number of times.

use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use super::error::{message, ErrorKind, Result, SyntaxError};
use super::token::{FPart, Field, Kw, Op, Tok, Token};
use crate::format::message::{fill, push_filled, ToArg};
use crate::format::push_hex;

/// Most indentation levels a file may use (CPython's limit too).
pub const MAX_INDENT: usize = 100;
/// Most brackets that may be open at once (CPython's tokenizer takes 200 too).
pub const MAX_BRACKETS: usize = 200;
/// Most digits in a decimal int literal (CPython's default `int_max_str_digits`), which keeps
/// the quadratic decimal-to-binary conversion bounded.
pub const MAX_DECIMAL_DIGITS: usize = 4300;

/// Every operator's spelling (padded with NULs, which match any byte) and token, longer
/// spellings before their prefixes (`**=` before `**` before `*`), so the first row that
/// starts the input is the longest match. 4 bytes a row: less code and data than a decision
/// tree over three bytes.
const OPERATORS: [([u8; 3], Op); 47] = [
    (*b"**=", Op::DoubleStarEqual),
    (*b"//=", Op::DoubleSlashEqual),
    (*b"<<=", Op::LeftShiftEqual),
    (*b">>=", Op::RightShiftEqual),
    (*b"...", Op::Ellipsis),
    (*b"**\0", Op::DoubleStar),
    (*b"//\0", Op::DoubleSlash),
    (*b"<<\0", Op::LeftShift),
    (*b">>\0", Op::RightShift),
    (*b"==\0", Op::EqEqual),
    (*b"!=\0", Op::NotEqual),
    (*b"<=\0", Op::LessEqual),
    (*b">=\0", Op::GreaterEqual),
    (*b"+=\0", Op::PlusEqual),
    (*b"-=\0", Op::MinEqual),
    (*b"*=\0", Op::StarEqual),
    (*b"/=\0", Op::SlashEqual),
    (*b"%=\0", Op::PercentEqual),
    (*b"&=\0", Op::AmperEqual),
    (*b"|=\0", Op::VBarEqual),
    (*b"^=\0", Op::CircumflexEqual),
    (*b"@=\0", Op::AtEqual),
    (*b"->\0", Op::RArrow),
    (*b":=\0", Op::ColonEqual),
    (*b"(\0\0", Op::LPar),
    (*b")\0\0", Op::RPar),
    (*b"[\0\0", Op::LSqb),
    (*b"]\0\0", Op::RSqb),
    (*b"{\0\0", Op::LBrace),
    (*b"}\0\0", Op::RBrace),
    (*b":\0\0", Op::Colon),
    (*b",\0\0", Op::Comma),
    (*b";\0\0", Op::Semi),
    (*b"+\0\0", Op::Plus),
    (*b"-\0\0", Op::Minus),
    (*b"*\0\0", Op::Star),
    (*b"/\0\0", Op::Slash),
    (*b"|\0\0", Op::VBar),
    (*b"&\0\0", Op::Amper),
    (*b"<\0\0", Op::Less),
    (*b">\0\0", Op::Greater),
    (*b"=\0\0", Op::Equal),
    (*b".\0\0", Op::Dot),
    (*b"%\0\0", Op::Percent),
    (*b"~\0\0", Op::Tilde),
    (*b"^\0\0", Op::Circumflex),
    (*b"@\0\0", Op::At),
];

/// Pulls tokens out of source text.
pub struct Lexer<'s> {
    src: &'s str,
    pos: usize,
    line: u32,
    line_start: usize,
    /// Byte column of `src[0]` in the file (non-zero for embedded f-string expressions).
    first_col: u32,
    indents: Vec<(u32, u32)>,
    pending_dedents: u32,
    brackets: Vec<(u8, u32, u32)>,
    at_line_start: bool,
    /// The current logical line has produced a token (so a NEWLINE is due at its end).
    line_has_token: bool,
    /// An f-string expression: newlines never end a line, no indentation.
    embedded: bool,
    finished: bool,
}

impl<'s> Lexer<'s> {
    /// A lexer over a whole file (or REPL input).
    pub fn new(src: &'s str) -> Lexer<'s> {
        Lexer {
            src,
            pos: 0,
            line: 1,
            line_start: 0,
            first_col: 0,
            indents: Vec::new(),
            pending_dedents: 0,
            brackets: Vec::new(),
            at_line_start: true,
            line_has_token: false,
            embedded: false,
            finished: false,
        }
    }

    /// A lexer over an f-string expression found at `line`, byte column `col` of the file.
    pub fn embedded(src: &'s str, line: u32, col: u32) -> Lexer<'s> {
        let mut lexer = Lexer::new(src);
        lexer.line = line;
        lexer.first_col = col;
        lexer.embedded = true;
        lexer.at_line_start = false;
        lexer
    }

    /// Number of brackets currently open.
    pub fn open_brackets(&self) -> usize {
        self.brackets.len()
    }

    fn col_of(&self, pos: usize) -> u32 {
        let col = (pos - self.line_start) as u32;
        if self.line_start == 0 {
            col + self.first_col
        } else {
            col
        }
    }

    fn peek_byte(&self, ahead: usize) -> u8 {
        self.src
            .as_bytes()
            .get(self.pos + ahead)
            .copied()
            .unwrap_or(0)
    }

    fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    fn error_at(&self, msg: impl Into<String>, pos: usize) -> Box<SyntaxError> {
        SyntaxError::syntax(msg, self.line, self.col_of(pos))
    }

    fn newline(&mut self) {
        self.line += 1;
        self.line_start = self.pos;
    }

    fn token(&mut self, tok: Tok, start: usize) -> Result<Token> {
        self.line_has_token = true;
        Ok(self.token_at(tok, start))
    }

    /// `tok` on the current line at byte `pos`, out of line: one copy for the tokens built
    /// here and the layout tokens (newlines, indents, dedents, end).
    #[inline(never)]
    fn token_at(&self, tok: Tok, pos: usize) -> Token {
        Token {
            tok,
            line: self.line,
            col: self.col_of(pos),
        }
    }

    /// The next token; after `Eof` it keeps returning `Eof`.
    pub fn next_token(&mut self) -> Result<Token> {
        loop {
            if self.pending_dedents > 0 {
                self.pending_dedents -= 1;
                let pos = self.pos;
                return Ok(self.token_at(Tok::Dedent, pos));
            }
            if self.at_line_start {
                if let Some(tok) = self.indentation()? {
                    return Ok(tok);
                }
                continue;
            }
            self.skip_blanks()?;
            if self.at_end() {
                return self.end_of_input();
            }
            let start = self.pos;
            let c = self.peek_byte(0);
            if c == b'\n' {
                self.pos += 1;
                if self.brackets.is_empty() && !self.embedded {
                    let tok = self.token_at(Tok::Newline, start);
                    self.newline();
                    self.at_line_start = true;
                    if self.line_has_token {
                        self.line_has_token = false;
                        return Ok(tok);
                    }
                } else {
                    self.newline();
                }
                continue;
            }
            return self.lex_token(start, c);
        }
    }

    fn end_of_input(&mut self) -> Result<Token> {
        if let Some(&(ch, line, col)) = self.brackets.last() {
            if !self.embedded {
                let msg = fill("'{}' was never closed", &[(ch as char).arg()]);
                return Err(SyntaxError::syntax(msg, line, col).incomplete());
            }
        }
        let pos = self.pos;
        if self.line_has_token && !self.embedded {
            self.line_has_token = false;
            return Ok(self.token_at(Tok::Newline, pos));
        }
        if !self.finished {
            self.finished = true;
            self.pending_dedents = self.indents.len() as u32;
            self.indents.clear();
            if self.pending_dedents > 0 {
                return self.next_token();
            }
        }
        Ok(self.token_at(Tok::Eof, pos))
    }

    /// Measures the indentation of a new line; returns INDENT/DEDENT when it changes, `None`
    /// for blank lines (consumed) and unchanged indentation.
    fn indentation(&mut self) -> Result<Option<Token>> {
        let mut col: u32 = 0;
        let mut alt: u32 = 0;
        loop {
            match self.peek_byte(0) {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                b'\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.pos += 1;
        }
        match self.peek_byte(0) {
            b'#' | b'\n' => {
                while !self.at_end() && self.peek_byte(0) != b'\n' {
                    self.pos += 1;
                }
                if !self.at_end() {
                    self.pos += 1;
                    self.newline();
                }
                return Ok(None);
            }
            b'\\' if matches!(self.peek_byte(1), b'\n') => {
                // A continuation right after the indentation joins the next line to this one.
                self.at_line_start = false;
                return self.indent_change(col, alt);
            }
            _ if self.at_end() => {
                self.at_line_start = false;
                return Ok(None);
            }
            _ => {}
        }
        self.at_line_start = false;
        self.indent_change(col, alt)
    }

    fn indent_change(&mut self, col: u32, alt: u32) -> Result<Option<Token>> {
        let (cur, cur_alt) = self.indents.last().copied().unwrap_or((0, 0));
        let pos = self.pos;
        // Built only when raised: this runs on every line.
        let fail = |lexer: &Self, kind, msg| {
            Err(SyntaxError::new(kind, msg, lexer.line, lexer.col_of(pos)))
        };
        let tab_error = crate::packed!("inconsistent use of tabs and spaces in indentation");
        if col == cur {
            if alt != cur_alt {
                return fail(self, ErrorKind::Tab, tab_error);
            }
            return Ok(None);
        }
        if col > cur {
            if alt <= cur_alt {
                return fail(self, ErrorKind::Tab, tab_error);
            }
            if self.indents.len() >= MAX_INDENT {
                return fail(
                    self,
                    ErrorKind::Indentation,
                    crate::packed!("too many levels of indentation"),
                );
            }
            self.indents.push((col, alt));
            return Ok(Some(self.token_at(Tok::Indent, pos)));
        }
        let mut dedents = 0;
        while let Some(&(c, _)) = self.indents.last() {
            if c <= col {
                break;
            }
            self.indents.pop();
            dedents += 1;
        }
        let (now, now_alt) = self.indents.last().copied().unwrap_or((0, 0));
        if now != col {
            let msg = crate::packed!("unindent does not match any outer indentation level");
            return fail(self, ErrorKind::Indentation, msg);
        }
        if now_alt != alt {
            return fail(self, ErrorKind::Tab, tab_error);
        }
        self.pending_dedents = dedents;
        Ok(None)
    }

    /// Skips spaces, comments and backslash continuations.
    fn skip_blanks(&mut self) -> Result<()> {
        loop {
            match self.peek_byte(0) {
                b' ' | b'\t' | b'\x0c' => self.pos += 1,
                b'#' => {
                    if self.embedded {
                        return Err(self.error_at(
                            crate::packed!("f-string expression part cannot include '#'"),
                            self.pos,
                        ));
                    }
                    while !self.at_end() && self.peek_byte(0) != b'\n' {
                        self.pos += 1;
                    }
                }
                b'\\' => {
                    let at = self.pos;
                    match self.peek_byte(1) {
                        b'\n' => {
                            self.pos += 2;
                            self.newline();
                            if self.at_end() {
                                return Err(self
                                    .error_at(
                                        crate::packed!("unexpected EOF while parsing"),
                                        self.pos,
                                    )
                                    .incomplete());
                            }
                        }
                        _ if self.pos + 1 >= self.src.len() => {
                            return Err(self
                                .error_at(crate::packed!("unexpected EOF while parsing"), at)
                                .incomplete());
                        }
                        _ => {
                            return Err(self.error_at(
                                crate::packed!(
                                    "unexpected character after line continuation character"
                                ),
                                at + 1,
                            ))
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    fn lex_token(&mut self, start: usize, c: u8) -> Result<Token> {
        if c.is_ascii_digit() || (c == b'.' && self.peek_byte(1).is_ascii_digit()) {
            let tok = self.lex_number()?;
            return self.token(tok, start);
        }
        if c == b'"' || c == b'\'' {
            self.line_has_token = true;
            return self.lex_string(start, StrPrefix::default());
        }
        if c == b'_' || c.is_ascii_alphabetic() || c >= 0x80 {
            let word = self.lex_word()?;
            if let Some(prefix) = StrPrefix::parse(word) {
                let q = self.peek_byte(0);
                if q == b'"' || q == b'\'' {
                    self.line_has_token = true;
                    return self.lex_string(start, prefix);
                }
            }
            let tok = match Kw::from_word(word) {
                Some(kw) => Tok::Kw(kw),
                None => Tok::Name(String::from(word)),
            };
            return self.token(tok, start);
        }
        let op = self.lex_operator(start)?;
        self.token(Tok::Op(op), start)
    }

    fn lex_word(&mut self) -> Result<&'s str> {
        let start = self.pos;
        let src = self.src;
        for (i, ch) in slice(src, start, src.len()).char_indices() {
            let ok = if i == 0 {
                crate::format::is_identifier_start(ch)
            } else {
                crate::format::is_identifier_char(ch)
            };
            if !ok {
                if i == 0 {
                    let mut code = String::new();
                    push_hex(&mut code, ch as u32, 4);
                    code.make_ascii_uppercase();
                    return Err(self.error_at(
                        fill("invalid character '{}' (U+{})", &[ch.arg(), code.arg()]),
                        start,
                    ));
                }
                self.pos = start + i;
                return Ok(slice(src, start, start + i));
            }
        }
        self.pos = src.len();
        Ok(slice(src, start, src.len()))
    }

    fn lex_operator(&mut self, start: usize) -> Result<Op> {
        let b = |i| self.peek_byte(i);
        let found = OPERATORS
            .iter()
            .find(|(text, _)| (0..3).all(|i| text[i] == 0 || text[i] == b(i)));
        let Some(&(text, op)) = found else {
            return Err(self.error_at(crate::packed!("invalid syntax"), start));
        };
        let len = text.iter().take_while(|&&c| c != 0).count();
        match op {
            Op::LPar | Op::LSqb | Op::LBrace => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(self.error_at(crate::packed!("too many nested parentheses"), start));
                }
                let col = self.col_of(start);
                self.brackets.push((b(0), self.line, col));
            }
            Op::RPar | Op::RSqb | Op::RBrace => {
                let close = b(0);
                match self.brackets.pop() {
                    None if self.embedded => {}
                    None => return Err(self.error_at(unmatched("", close), start)),
                    Some((open, line, _)) => {
                        if closing(open) != close {
                            let open_line = (line != self.line).then_some(line);
                            let msg = bracket_mismatch("", close, open, open_line);
                            return Err(self.error_at(msg, start));
                        }
                    }
                }
            }
            _ => {}
        }
        self.pos += len;
        Ok(op)
    }

    fn lex_number(&mut self) -> Result<Tok> {
        let start = self.pos;
        let radix = match (self.peek_byte(0), self.peek_byte(1) | 0x20) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            _ => 10,
        };
        if radix != 10 {
            self.pos += 2;
            return self.lex_radix_int(start, radix);
        }
        let int_start = self.pos;
        self.digits(start)?;
        let int_end = self.pos;
        let mut is_float = false;
        if self.peek_byte(0) == b'.' {
            is_float = true;
            self.pos += 1;
            if self.peek_byte(0).is_ascii_digit() {
                self.digits(start)?;
            }
        }
        if self.peek_byte(0) | 0x20 == b'e' {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek_byte(0), b'+' | b'-') {
                self.pos += 1;
            }
            if self.peek_byte(0).is_ascii_digit() {
                is_float = true;
                self.digits(start)?;
            } else {
                self.pos = save;
                return Err(self.error_at(crate::packed!("invalid decimal literal"), start));
            }
        }
        if self.peek_byte(0) | 0x20 == b'j' {
            if !cfg!(feature = "complex") {
                return Err(
                    self.error_at(crate::packed!("complex numbers are not supported"), start)
                );
            }
            let cleaned = without_underscores(slice(self.src, start, self.pos));
            self.pos += 1;
            if !self.number_end_ok() {
                return Err(self.error_at(crate::packed!("invalid imaginary literal"), start));
            }
            return crate::format::parse_decimal(&cleaned)
                .map(Tok::Imag)
                .ok_or(())
                .map_err(|_| self.error_at(crate::packed!("invalid imaginary literal"), start));
        }
        if !self.number_end_ok() {
            return Err(self.error_at(crate::packed!("invalid decimal literal"), start));
        }
        if is_float {
            let cleaned = without_underscores(slice(self.src, start, self.pos));
            return crate::format::parse_decimal(&cleaned)
                .map(Tok::Float)
                .ok_or(())
                .map_err(|_| self.error_at(crate::packed!("invalid decimal literal"), start));
        }
        let digits = slice(self.src, int_start, int_end);
        // One pass for the digit count and whether a digit other than 0 follows a leading 0.
        let mut count = 0;
        let mut nonzero = false;
        for d in digits.bytes() {
            if d != b'_' {
                count += 1;
                nonzero |= d != b'0';
            }
        }
        if nonzero && digits.as_bytes().first() == Some(&b'0') {
            return Err(self.error_at(
                crate::packed!("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
                start,
            ));
        }
        if count > MAX_DECIMAL_DIGITS {
            return Err(self.error_at(
                fill("Exceeds the limit ({} digits) for integer string conversion: value has {} digits", &[MAX_DECIMAL_DIGITS.arg(), count.arg()]),
                start,
            ));
        }
        Ok(int_token(digits, 10))
    }

    /// Consumes digits with single underscores between them.
    fn digits(&mut self, start: usize) -> Result<()> {
        loop {
            while self.peek_byte(0).is_ascii_digit() {
                self.pos += 1;
            }
            if self.peek_byte(0) == b'_' {
                self.pos += 1;
                if !self.peek_byte(0).is_ascii_digit() {
                    let at = self.pos.max(start + 1) - 1;
                    return Err(self.error_at(crate::packed!("invalid decimal literal"), at));
                }
            } else {
                return Ok(());
            }
        }
    }

    /// A number may be followed directly by a keyword (`1if x else 2`) but not by a name.
    fn number_end_ok(&mut self) -> bool {
        let c = self.peek_byte(0);
        if c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80 {
            let save = self.pos;
            let word = self.lex_word();
            self.pos = save;
            return matches!(word, Ok(w) if Kw::from_word(w).is_some());
        }
        true
    }

    fn lex_radix_int(&mut self, start: usize, radix: u32) -> Result<Tok> {
        let digits_start = self.pos;
        loop {
            if self.peek_byte(0) == b'_' {
                self.pos += 1;
            }
            if !(self.peek_byte(0) as char).is_digit(radix) {
                return Err(self.radix_error(start, radix));
            }
            while (self.peek_byte(0) as char).is_digit(radix) {
                self.pos += 1;
            }
            if self.peek_byte(0) != b'_' {
                break;
            }
        }
        if self.peek_byte(0).is_ascii_digit() || !self.number_end_ok() {
            return Err(self.radix_error(start, radix));
        }
        Ok(int_token(slice(self.src, digits_start, self.pos), radix))
    }

    /// The error of a `radix` literal starting at `start` that stops here: a decimal digit
    /// here is an invalid digit, anything else makes the literal invalid. Built only when
    /// raised, in one place for every way such a literal goes wrong.
    #[cold]
    #[inline(never)]
    fn radix_error(&self, start: usize, radix: u32) -> Box<SyntaxError> {
        let kind = match radix {
            16 => "hexadecimal",
            8 => "octal",
            _ => "binary",
        };
        let c = self.peek_byte(0);
        if c.is_ascii_digit() {
            let msg = fill(
                "invalid digit '{}' in {} literal",
                &[(c as char).arg(), kind.arg()],
            );
            return self.error_at(msg, self.pos);
        }
        self.error_at(fill("invalid {} literal", &[kind.arg()]), start)
    }

    fn lex_string(&mut self, start: usize, prefix: StrPrefix) -> Result<Token> {
        let start_line = self.line;
        let start_col = self.col_of(start);
        let bytes = self.src.as_bytes();
        let quote = self.peek_byte(0);
        let triple = tripled(bytes, self.pos, quote);
        let qlen = if triple { 3 } else { 1 };
        self.pos += qlen;
        let body_start = self.pos;
        let body_line = self.line;
        let body_line_start = self.line_start;
        let body_end;
        loop {
            // A line end ends a single-quoted string as the input's end does.
            let c = match bytes.get(self.pos) {
                Some(b'\n') if !triple => None,
                c => c.copied(),
            };
            let Some(c) = c else {
                let what = if triple {
                    "unterminated triple-quoted string literal"
                } else {
                    "unterminated string literal"
                };
                let msg = fill("{} (detected at line {})", &[what.arg(), self.line.arg()]);
                let err = SyntaxError::syntax(msg, start_line, start_col);
                return Err(if triple { err.incomplete() } else { err });
            };
            match c {
                b'\\' => {
                    if bytes.get(self.pos + 1) == Some(&b'\n') {
                        self.pos += 2;
                        self.newline();
                    } else {
                        self.pos += 2;
                    }
                }
                b'\n' => {
                    self.pos += 1;
                    self.newline();
                }
                _ if c == quote && (!triple || tripled(bytes, self.pos, quote)) => {
                    body_end = self.pos;
                    self.pos += qlen;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        let body_end = body_end.min(self.src.len());
        let body = slice(self.src, body_start, body_end);
        let at = (start_line, start_col);
        let tok = if prefix.bytes {
            if !body.is_ascii() {
                return Err(SyntaxError::syntax(
                    crate::packed!("bytes can only contain ASCII literal characters"),
                    start_line,
                    start_col,
                ));
            }
            if prefix.raw {
                Tok::Bytes(body.as_bytes().to_vec())
            } else {
                Tok::Bytes(decode_bytes(body, at)?)
            }
        } else if prefix.format {
            let mut cursor = Cursor {
                base: body_start,
                line: body_line,
                line_start: body_line_start,
                first_col: if body_line_start == 0 {
                    self.first_col
                } else {
                    0
                },
                scanned: body_start,
            };
            let mut parser = FStringScanner {
                src: self.src,
                raw: prefix.raw,
                at,
                cursor: &mut cursor,
            };
            Tok::FString(parser.parts(body_start, body_end, 0)?.0)
        } else if prefix.raw {
            Tok::Str(String::from(body))
        } else {
            let mut text = String::with_capacity(body.len());
            decode_str(&mut text, body, at)?;
            Tok::Str(text)
        };
        Ok(Token {
            tok,
            line: start_line,
            col: start_col,
        })
    }
}

/// The letters before a string's opening quote.
#[derive(Clone, Copy, Debug, Default)]
struct StrPrefix {
    raw: bool,
    bytes: bool,
    format: bool,
}

impl StrPrefix {
    fn parse(word: &str) -> Option<StrPrefix> {
        if word.len() > 2 {
            return None;
        }
        let mut p = StrPrefix::default();
        let mut unicode = false;
        for c in word.bytes() {
            let flag = match c | 0x20 {
                b'r' => &mut p.raw,
                b'b' => &mut p.bytes,
                b'f' => &mut p.format,
                b'u' => &mut unicode,
                _ => return None,
            };
            if *flag {
                return None;
            }
            *flag = true;
        }
        let ok = !(p.bytes && p.format) && !(unicode && (p.raw || p.bytes || p.format));
        ok.then_some(p)
    }
}

/// Turns a validated digit string (`_` separators allowed) into `Int` or `BigInt`. Every
/// literal is accumulated into 32-bit limbs, a chunk of digits at a time, and one that fits
/// `i64` is made an `Int` at the end: one path, rather than a checked `u64` one for small
/// literals beside the limbs for big ones.
fn int_token(digits: &str, radix: u32) -> Tok {
    let mut limbs: Vec<u32> = Vec::new();
    let mut chunk: u64 = 0;
    let mut chunk_mul: u64 = 1;
    let chunk_limit: u64 = if radix == 10 { 1_000_000_000 } else { 1 << 28 };
    let flush = |limbs: &mut Vec<u32>, mul: u64, add: u64| {
        let mut carry = add;
        for limb in limbs.iter_mut() {
            let v = u64::from(*limb) * mul + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        while carry > 0 {
            limbs.push(carry as u32);
            carry >>= 32;
        }
    };
    for d in digits.bytes().filter(|&d| d != b'_') {
        let v = u64::from((d as char).to_digit(radix).unwrap_or(0));
        chunk = chunk * u64::from(radix) + v;
        chunk_mul *= u64::from(radix);
        if chunk_mul >= chunk_limit {
            flush(&mut limbs, chunk_mul, chunk);
            chunk = 0;
            chunk_mul = 1;
        }
    }
    if chunk_mul > 1 {
        flush(&mut limbs, chunk_mul, chunk);
    }
    while limbs.last() == Some(&0) {
        limbs.pop();
    }
    match *limbs.as_slice() {
        [] => Tok::Int(0),
        [lo] => Tok::Int(i64::from(lo)),
        [lo, hi] if hi < 1 << 31 => Tok::Int(i64::from(hi) << 32 | i64::from(lo)),
        _ => Tok::BigInt(limbs),
    }
}

/// CPython's message for a closing bracket that does not match the open one, after `prefix`,
/// naming the opening bracket's line when it is not the closing one's. One formatting site
/// for the lexer's and the f-string scanner's.
#[cold]
#[inline(never)]
fn bracket_mismatch(prefix: &str, close: u8, open: u8, open_line: Option<u32>) -> String {
    let (close, open) = (close as char, open as char);
    let mut msg = fill(
        "{}closing parenthesis '{}' does not match opening parenthesis '{}'",
        &[prefix.arg(), close.arg(), open.arg()],
    );
    if let Some(line) = open_line {
        push_filled(&mut msg, " on line {}", &[line.arg()]);
    }
    msg
}

/// CPython's message for a closing bracket nothing opened, after `prefix`.
#[cold]
#[inline(never)]
fn unmatched(prefix: &str, close: u8) -> String {
    fill("{}unmatched '{}'", &[prefix.arg(), (close as char).arg()])
}

/// `text`'s bytes without the `_` separators of a number literal.
fn without_underscores(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for c in text.bytes() {
        if c != b'_' {
            out.push(c);
        }
    }
    out
}

/// `text[start..end]`. Out of line and without `#[track_caller]`: one bounds check for the
/// lexer's many slices of its source instead of a panic location at each.
#[inline(never)]
fn slice(text: &str, start: usize, end: usize) -> &str {
    &text[start..end]
}

/// A `(unicode error)` of a str literal's escape at `at`; the messages are packed whole.
fn unicode_error(msg: crate::format::packed::Packed, at: (u32, u32)) -> Box<SyntaxError> {
    SyntaxError::syntax(msg, at.0, at.1)
}

fn hex_value(text: &[u8]) -> Option<u32> {
    let mut v: u32 = 0;
    for &c in text {
        v = v.checked_mul(16)? + (c as char).to_digit(16)?;
    }
    Some(v)
}

/// The one-letter escapes such as `\n` and the bytes they stand for, in str and bytes
/// literals alike: a table searched in order is less code than a `match`.
const SIMPLE_ESCAPES: [[u8; 2]; 10] = [
    *b"\\\\",
    *b"''",
    *b"\"\"",
    [b'a', 7],
    [b'b', 8],
    [b'f', 12],
    [b'n', b'\n'],
    [b'r', b'\r'],
    [b't', b'\t'],
    [b'v', 11],
];

/// The byte the escape `\c` stands for, if it is one of [`SIMPLE_ESCAPES`].
fn simple_escape(c: u8) -> Option<u8> {
    SIMPLE_ESCAPES
        .iter()
        .find(|&&[letter, _]| letter == c)
        .map(|&[_, byte]| byte)
}

/// Whether the two bytes after `pos` are `quote` too (the quote at `pos` opens or closes a
/// triple-quoted string): one copy for the lexer's and the f-string scanner's four checks.
fn tripled(bytes: &[u8], pos: usize, quote: u8) -> bool {
    bytes.get(pos + 1) == Some(&quote) && bytes.get(pos + 2) == Some(&quote)
}

/// The bracket closing `open` (one of `([{`).
fn closing(open: u8) -> u8 {
    match open {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// The value of the octal escape `esc` starts with (after its backslash; its first byte is an
/// octal digit) and how many digits it takes, at most 3.
fn octal_escape(esc: &[u8]) -> (u32, usize) {
    let mut v = 0;
    let mut used = 0;
    while let Some(&d @ b'0'..=b'7') = esc.get(used) {
        if used == 3 {
            break;
        }
        v = v * 8 + u32::from(d - b'0');
        used += 1;
    }
    (v, used)
}

/// Appends a non-raw str literal body to `out`, its escapes decoded.
fn decode_str(out: &mut String, body: &str, at: (u32, u32)) -> Result<()> {
    let mut rest = body;
    while let Some(i) = rest.find('\\') {
        out.push_str(slice(rest, 0, i));
        let esc = &rest.as_bytes()[i + 1..];
        let Some(&c) = esc.first() else {
            out.push('\\');
            rest = "";
            break;
        };
        let mut used = 1;
        match c {
            b'\n' => {}
            b'0'..=b'7' => {
                let v;
                (v, used) = octal_escape(esc);
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            b'x' | b'u' | b'U' => {
                // The escape's form as its error names it: the letter then one X per digit.
                let kind = match c {
                    b'x' => "\\xXX",
                    b'u' => "\\uXXXX",
                    _ => "\\UXXXXXXXX",
                };
                let n = kind.len() - 2;
                let digits = esc
                    .get(1..1 + n)
                    .filter(|d| d.iter().all(u8::is_ascii_hexdigit));
                let Some(v) = digits.and_then(hex_value) else {
                    let msg = message("(unicode error) truncated ", kind, " escape");
                    return Err(SyntaxError::syntax(msg, at.0, at.1));
                };
                used += n;
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None if (0xd800..0xe000).contains(&v) => {
                        return Err(unicode_error(
                            crate::packed!(
                                "(unicode error) surrogate code points are not supported"
                            ),
                            at,
                        ))
                    }
                    None => {
                        return Err(unicode_error(
                            crate::packed!("(unicode error) illegal Unicode character"),
                            at,
                        ))
                    }
                }
            }
            b'N' => {
                return Err(unicode_error(
                    crate::packed!("(unicode error) \\N{...} escapes are not supported"),
                    at,
                ))
            }
            _ => match simple_escape(c) {
                Some(b) => out.push(char::from(b)),
                None => {
                    out.push('\\');
                    used = 0;
                }
            },
        }
        rest = slice(rest, i + 1 + used, rest.len());
    }
    out.push_str(rest);
    Ok(())
}

/// Decodes the escapes of a non-raw bytes literal body (already known to be ASCII).
fn decode_bytes(body: &str, at: (u32, u32)) -> Result<Vec<u8>> {
    let b = body.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let c = b[i + 1];
        i += 2;
        match c {
            b'\n' => {}
            b'0'..=b'7' => {
                let (v, used) = octal_escape(b.get(i - 1..).unwrap_or_default());
                i += used.saturating_sub(1);
                out.push(v as u8);
            }
            b'x' => {
                let Some(v) = b.get(i..i + 2).and_then(hex_value) else {
                    return Err(SyntaxError::syntax(
                        crate::packed!("(value error) invalid \\x escape"),
                        at.0,
                        at.1,
                    ));
                };
                out.push(v as u8);
                i += 2;
            }
            _ => match simple_escape(c) {
                Some(b) => out.push(b),
                None => {
                    out.push(b'\\');
                    out.push(c);
                }
            },
        }
    }
    Ok(out)
}

/// Maps byte offsets inside a string body to file lines and columns, moving forward only.
struct Cursor {
    base: usize,
    line: u32,
    line_start: usize,
    first_col: u32,
    scanned: usize,
}

impl Cursor {
    fn locate(&mut self, src: &str, pos: usize) -> (u32, u32) {
        let from = self.scanned.max(self.base);
        if pos > from {
            for (i, c) in src
                .as_bytes()
                .get(from..pos)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                if *c == b'\n' {
                    self.line += 1;
                    self.line_start = from + i + 1;
                    self.first_col = 0;
                }
            }
            self.scanned = pos;
        }
        let col = (pos - self.line_start) as u32 + self.first_col;
        (self.line, col)
    }
}

/// Splits an f-string body into literal parts and replacement fields.
struct FStringScanner<'a, 's> {
    src: &'s str,
    raw: bool,
    at: (u32, u32),
    cursor: &'a mut Cursor,
}

impl FStringScanner<'_, '_> {
    fn error(&self, msg: impl Into<String>) -> Box<SyntaxError> {
        SyntaxError::syntax(msg, self.at.0, self.at.1)
    }

    /// Appends the literal text `src[start..end]`, its escapes decoded unless raw. One copy
    /// for the scanner's four places that end a run of literal text.
    fn literal(&self, lit: &mut String, start: usize, end: usize) -> Result<()> {
        let text = slice(self.src, start, end);
        if self.raw {
            lit.push_str(text);
        } else {
            decode_str(lit, text, self.at)?;
        }
        Ok(())
    }

    /// Parts from `pos` up to `end` (level 0) or up to the `}` closing the enclosing field
    /// (levels 1 and 2, a format spec); returns them and where scanning stopped.
    fn parts(&mut self, mut pos: usize, end: usize, level: u32) -> Result<(Vec<FPart>, usize)> {
        let bytes = self.src.as_bytes();
        let mut parts = Vec::new();
        let mut lit = String::new();
        let mut lit_start = pos;
        while pos < end {
            let Some(&c) = bytes.get(pos) else { break };
            match c {
                // `{{` and `}}` stand for one brace.
                b'{' | b'}' if level == 0 && bytes.get(pos + 1) == Some(&c) && pos + 1 < end => {
                    self.literal(&mut lit, lit_start, pos)?;
                    lit.push(char::from(c));
                    pos += 2;
                    lit_start = pos;
                }
                b'}' if level > 0 => break,
                b'}' => {
                    return Err(self.error(crate::packed!("f-string: single '}' is not allowed")))
                }
                b'{' => {
                    self.literal(&mut lit, lit_start, pos)?;
                    if !lit.is_empty() {
                        parts.push(FPart::Lit(core::mem::take(&mut lit)));
                    }
                    if level >= 2 {
                        return Err(
                            self.error(crate::packed!("f-string: expressions nested too deeply"))
                        );
                    }
                    let (field, next) = self.field(pos + 1, end, level)?;
                    parts.push(FPart::Field(field));
                    pos = next;
                    lit_start = pos;
                }
                _ => pos += 1,
            }
        }
        self.literal(&mut lit, lit_start, pos)?;
        if !lit.is_empty() {
            parts.push(FPart::Lit(lit));
        }
        Ok((parts, pos))
    }

    /// A replacement field starting just after its `{`; returns it and the offset after `}`.
    fn field(&mut self, start: usize, end: usize, level: u32) -> Result<(Field, usize)> {
        let bytes = self.src.as_bytes();
        let mut pos = start;
        let mut depth: Vec<u8> = Vec::new();
        let mut quote: Option<(u8, bool)> = None;
        let expecting = crate::packed!("f-string: expecting '}'");
        loop {
            let c = match bytes.get(pos) {
                Some(&c) if pos < end => c,
                _ => return Err(self.error(expecting)),
            };
            if let Some((q, triple)) = quote {
                if c == q && (!triple || tripled(bytes, pos, q)) {
                    quote = None;
                    pos += if triple { 3 } else { 1 };
                } else {
                    pos += 1;
                }
                continue;
            }
            match c {
                b'\\' => {
                    return Err(self.error(crate::packed!(
                        "f-string expression part cannot include a backslash"
                    )))
                }
                b'#' => {
                    return Err(self.error(crate::packed!(
                        "f-string expression part cannot include '#'"
                    )))
                }
                b'\'' | b'"' => {
                    let triple = tripled(bytes, pos, c);
                    quote = Some((c, triple));
                    pos += if triple { 3 } else { 1 };
                    continue;
                }
                b'(' | b'[' | b'{' => {
                    if depth.len() >= MAX_BRACKETS {
                        return Err(
                            self.error(crate::packed!("f-string: too many nested parenthesis"))
                        );
                    }
                    depth.push(c);
                }
                b')' | b']' | b'}' if !depth.is_empty() => {
                    let open = depth.pop().unwrap_or(b'(');
                    if c != closing(open) {
                        return Err(self.error(bracket_mismatch("f-string: ", c, open, None)));
                    }
                }
                b')' | b']' => return Err(self.error(unmatched("f-string: ", c))),
                b'}' => break,
                b':' | b'!' if !depth.is_empty() => {}
                b':' => break,
                b'!' if bytes.get(pos + 1) == Some(&b'=') => pos += 1,
                b'!' => break,
                b'=' | b'<' | b'>' if bytes.get(pos + 1) == Some(&b'=') => pos += 1,
                b'=' if depth.is_empty() => break,
                _ => {}
            }
            pos += 1;
        }
        let expr = slice(self.src, start, pos);
        if expr.bytes().all(|b| b.is_ascii_whitespace()) {
            return Err(self.error(crate::packed!("f-string: empty expression not allowed")));
        }
        let (line, col) = self.cursor.locate(self.src, start);
        let mut debug_text = None;
        if bytes.get(pos) == Some(&b'=') {
            pos += 1;
            while pos < end && matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\n' | b'\x0c')) {
                pos += 1;
            }
            debug_text = Some(String::from(slice(self.src, start, pos)));
        }
        let mut conversion = None;
        if pos < end && bytes.get(pos) == Some(&b'!') {
            match bytes.get(pos + 1) {
                Some(&c @ (b's' | b'r' | b'a')) if pos + 1 < end => conversion = Some(c),
                Some(b'}' | b':') | None => return Err(self.error(expecting)),
                _ => {
                    return Err(self.error(crate::packed!(
                        "f-string: invalid conversion character: expected 's', 'r', or 'a'"
                    )))
                }
            }
            pos += 2;
        }
        let mut spec = None;
        if pos < end && bytes.get(pos) == Some(&b':') {
            let (parts, next) = self.parts(pos + 1, end, level + 1)?;
            spec = Some(parts);
            pos = next;
        }
        if pos >= end || bytes.get(pos) != Some(&b'}') {
            return Err(self.error(expecting));
        }
        if debug_text.is_some() && conversion.is_none() && spec.is_none() {
            conversion = Some(b'r');
        }
        Ok((
            Field {
                expr: String::from(expr),
                line,
                col,
                conversion,
                debug_text,
                spec,
            },
            pos + 1,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn toks(src: &str) -> Vec<Tok> {
        let mut lexer = Lexer::new(src);
        let mut out = Vec::new();
        loop {
            let t = lexer.next_token().unwrap();
            if t.tok == Tok::Eof {
                return out;
            }
            out.push(t.tok);
        }
    }

    fn lex_err(src: &str) -> SyntaxError {
        let mut lexer = Lexer::new(src);
        loop {
            match lexer.next_token() {
                Ok(t) if t.tok == Tok::Eof => panic!("no error for {src:?}"),
                Ok(_) => {}
                Err(e) => return *e,
            }
        }
    }

    fn name(s: &str) -> Tok {
        Tok::Name(s.into())
    }

    #[test]
    fn every_operator_lexes_as_written_and_the_longest_spelling_wins() {
        for (_, op) in OPERATORS {
            let text = op.text();
            // Brackets must balance, or the closing one is an "unmatched" error.
            let src = match op {
                Op::LPar => "()",
                Op::LSqb => "[]",
                Op::LBrace => "{}",
                Op::RPar | Op::RSqb | Op::RBrace => continue,
                _ => text,
            };
            assert_eq!(toks(src).first(), Some(&Tok::Op(op)), "{text}");
        }
        assert_eq!(
            toks("a**=b//c<<=-1>>d...!=e"),
            vec![
                name("a"),
                Tok::Op(Op::DoubleStarEqual),
                name("b"),
                Tok::Op(Op::DoubleSlash),
                name("c"),
                Tok::Op(Op::LeftShiftEqual),
                Tok::Op(Op::Minus),
                Tok::Int(1),
                Tok::Op(Op::RightShift),
                name("d"),
                Tok::Op(Op::Ellipsis),
                Tok::Op(Op::NotEqual),
                name("e"),
                Tok::Newline,
            ]
        );
        assert_eq!(lex_err("a $ b").msg, "invalid syntax");
    }

    #[test]
    fn indentation_produces_indent_and_dedent() {
        let src = "if x:\n    y\n\n  # comment\n    z\nw\n";
        assert_eq!(
            toks(src),
            vec![
                Tok::Kw(Kw::If),
                name("x"),
                Tok::Op(Op::Colon),
                Tok::Newline,
                Tok::Indent,
                name("y"),
                Tok::Newline,
                name("z"),
                Tok::Newline,
                Tok::Dedent,
                name("w"),
                Tok::Newline,
            ]
        );
    }

    #[test]
    fn dedents_at_end_of_input_without_newline() {
        assert_eq!(
            toks("def f():\n  if a:\n    b"),
            vec![
                Tok::Kw(Kw::Def),
                name("f"),
                Tok::Op(Op::LPar),
                Tok::Op(Op::RPar),
                Tok::Op(Op::Colon),
                Tok::Newline,
                Tok::Indent,
                Tok::Kw(Kw::If),
                name("a"),
                Tok::Op(Op::Colon),
                Tok::Newline,
                Tok::Indent,
                name("b"),
                Tok::Newline,
                Tok::Dedent,
                Tok::Dedent,
            ]
        );
    }

    #[test]
    fn brackets_join_lines_and_backslash_continues() {
        assert_eq!(
            toks("x = (1,\n  2)\ny = 1 + \\\n 2\n"),
            vec![
                name("x"),
                Tok::Op(Op::Equal),
                Tok::Op(Op::LPar),
                Tok::Int(1),
                Tok::Op(Op::Comma),
                Tok::Int(2),
                Tok::Op(Op::RPar),
                Tok::Newline,
                name("y"),
                Tok::Op(Op::Equal),
                Tok::Int(1),
                Tok::Op(Op::Plus),
                Tok::Int(2),
                Tok::Newline,
            ]
        );
    }

    #[test]
    fn tabs_and_spaces_must_agree() {
        let e = lex_err("if x:\n\ty\n        z\n");
        assert_eq!(e.kind, ErrorKind::Tab);
        assert_eq!(e.line, 3);
        let e = lex_err("if x:\n    y\n  z\n");
        assert_eq!(e.kind, ErrorKind::Indentation);
        assert_eq!(e.msg, "unindent does not match any outer indentation level");
        // A tab counts to the next multiple of 8 and as one column in the check: consistent.
        assert_eq!(toks("if x:\n\ty\n\tz\n").len(), 10);
    }

    #[test]
    fn numbers_in_every_base() {
        assert_eq!(
            toks("0 00 1_000 0x_fF 0o17 0b1_01 1.5 1_000.5 1e3 .5 1.e-2 5."),
            vec![
                Tok::Int(0),
                Tok::Int(0),
                Tok::Int(1000),
                Tok::Int(255),
                Tok::Int(15),
                Tok::Int(5),
                Tok::Float(1.5),
                Tok::Float(1000.5),
                Tok::Float(1000.0),
                Tok::Float(0.5),
                Tok::Float(0.01),
                Tok::Float(5.0),
                Tok::Newline,
            ]
        );
    }

    #[test]
    fn unicode_escape_errors_keep_their_messages() {
        for (src, msg) in [
            (
                r#""\N{DASH}""#,
                r"(unicode error) \N{...} escapes are not supported",
            ),
            (
                r#""\ud800""#,
                "(unicode error) surrogate code points are not supported",
            ),
            (
                r#""\U00110000""#,
                "(unicode error) illegal Unicode character",
            ),
            (r#""\x4""#, r"(unicode error) truncated \xXX escape"),
        ] {
            assert_eq!(lex_err(src).msg, msg, "{src}");
        }
    }

    #[test]
    fn ints_that_fit_i64_are_ints() {
        for (src, v) in [
            ("0", 0),
            ("0x0", 0),
            ("0b1_0", 2),
            ("0o777", 511),
            ("4294967295", 0xffff_ffff),
            ("4294967296", 1 << 32),
            ("0x7fff_ffff_ffff_ffff", i64::MAX),
        ] {
            assert_eq!(toks(src)[0], Tok::Int(v), "{src}");
        }
    }

    #[test]
    fn big_ints_become_limbs() {
        // 2**64 + 5 and 16**20 (printed by CPython: hex(2**64+5) == '0x10000000000000005').
        assert_eq!(toks("18446744073709551621")[0], Tok::BigInt(vec![5, 0, 1]));
        assert_eq!(toks("0x10000000000000005")[0], Tok::BigInt(vec![5, 0, 1]));
        assert_eq!(toks("9223372036854775807")[0], Tok::Int(i64::MAX));
        assert_eq!(
            toks("9223372036854775808")[0],
            Tok::BigInt(vec![0, 0x8000_0000])
        );
        // 10**28, limbs printed by CPython.
        assert_eq!(
            toks("1_000_000_000_000_000_000_000_000_000_0")[0],
            Tok::BigInt(vec![0x1000_0000, 0x3e25_0261, 0x204f_ce5e])
        );
    }

    #[test]
    fn number_errors_match_cpython() {
        assert_eq!(
            lex_err("0777").msg,
            "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"
        );
        assert_eq!(lex_err("1__0").msg, "invalid decimal literal");
        assert_eq!(lex_err("1_").msg, "invalid decimal literal");
        assert_eq!(lex_err("0x").msg, "invalid hexadecimal literal");
        assert_eq!(lex_err("0b102").msg, "invalid digit '2' in binary literal");
        assert_eq!(lex_err("1abc").msg, "invalid decimal literal");
        if cfg!(feature = "complex") {
            assert_eq!(
                toks("2j 1.5J 1_0e1j")[..3],
                [Tok::Imag(2.0), Tok::Imag(1.5), Tok::Imag(100.0)]
            );
            assert_eq!(lex_err("2jx").msg, "invalid imaginary literal");
        } else {
            assert_eq!(lex_err("2j").msg, "complex numbers are not supported");
        }
        assert_eq!(toks("1if x else 2")[1], Tok::Kw(Kw::If));
    }

    #[test]
    fn string_forms_and_escapes() {
        assert_eq!(
            toks(
                r#"'a\n' "b\x41\101\u00e9\U0001F600" r'\n' b'\xff\777' rb'\d' '''x
y''' "\q""#
            ),
            vec![
                Tok::Str("a\n".into()),
                Tok::Str("bAAé😀".into()),
                Tok::Str("\\n".into()),
                Tok::Bytes(vec![0xff, 0xff]),
                Tok::Bytes(b"\\d".to_vec()),
                Tok::Str("x\ny".into()),
                Tok::Str("\\q".into()),
                Tok::Newline,
            ]
        );
        assert_eq!(toks("'\\777'")[0], Tok::Str("\u{1ff}".into()));
        assert_eq!(toks("'\\18\\0'")[0], Tok::Str("\u{1}8\0".into()));
        assert_eq!(
            toks("b'\\0\\101\\1234\\7'")[0],
            Tok::Bytes(b"\0A\x534\x07".to_vec())
        );
        assert_eq!(toks("'a\\\nb'")[0], Tok::Str("ab".into()));
    }

    #[test]
    fn string_errors() {
        let e = lex_err("x = 'abc\n");
        assert_eq!(e.msg, "unterminated string literal (detected at line 1)");
        assert_eq!((e.line, e.column, e.incomplete_input), (1, 5, false));
        let e = lex_err("'''abc\n\n");
        assert_eq!(
            e.msg,
            "unterminated triple-quoted string literal (detected at line 3)"
        );
        assert!(e.incomplete_input);
        assert_eq!(
            lex_err("b'é'").msg,
            "bytes can only contain ASCII literal characters"
        );
        assert!(lex_err("'\\N{DASH}'").msg.starts_with("(unicode error)"));
        assert!(lex_err("'\\x4'").msg.contains("truncated \\xXX escape"));
        assert!(lex_err("'\\ud800'").msg.contains("surrogate"));
    }

    #[test]
    fn fstring_parts() {
        let t = toks("f'a{x!r:>{w}}b{{c}}{y=}'");
        let Tok::FString(parts) = &t[0] else {
            panic!("{t:?}")
        };
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[0], FPart::Lit("a".into()));
        let FPart::Field(f) = &parts[1] else { panic!() };
        assert_eq!(
            (f.expr.as_str(), f.conversion, f.line, f.col),
            ("x", Some(b'r'), 1, 4)
        );
        let spec = f.spec.as_ref().unwrap();
        assert_eq!(spec[0], FPart::Lit(">".into()));
        let FPart::Field(w) = &spec[1] else { panic!() };
        assert_eq!((w.expr.as_str(), w.col), ("w", 10));
        assert_eq!(parts[2], FPart::Lit("b{c}".into()));
        let FPart::Field(y) = &parts[3] else { panic!() };
        assert_eq!(
            (y.debug_text.as_deref(), y.conversion),
            (Some("y="), Some(b'r'))
        );
    }

    #[test]
    fn fstring_expressions_may_hold_strings_and_comparisons() {
        let t = toks("f\"{d['k']!s} {a != b} {x:=1} {y[1:2]} {f(a!=b)}\"");
        let Tok::FString(parts) = &t[0] else { panic!() };
        let exprs: Vec<&str> = parts
            .iter()
            .filter_map(|p| match p {
                FPart::Field(f) => Some(f.expr.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(exprs, vec!["d['k']", "a != b", "x", "y[1:2]", "f(a!=b)"]);
    }

    #[test]
    fn fstring_errors_match_cpython() {
        assert_eq!(
            lex_err("f'{}'").msg,
            "f-string: empty expression not allowed"
        );
        assert_eq!(
            lex_err("f'{x!z}'").msg,
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(
            lex_err("f'{x:{y:{z}}}'").msg,
            "f-string: expressions nested too deeply"
        );
        assert_eq!(
            lex_err("f'{a\\n}'").msg,
            "f-string expression part cannot include a backslash"
        );
        assert_eq!(lex_err("f'}'").msg, "f-string: single '}' is not allowed");
        assert_eq!(lex_err("f'{x'").msg, "f-string: expecting '}'");
    }

    #[test]
    fn bracket_errors() {
        let e = lex_err("x = (1,\n");
        assert_eq!(
            (e.msg.as_str(), e.incomplete_input),
            ("'(' was never closed", true)
        );
        assert_eq!(lex_err("x)").msg, "unmatched ')'");
        assert_eq!(
            lex_err("(]").msg,
            "closing parenthesis ']' does not match opening parenthesis '('"
        );
        let deep = "(".repeat(10_000);
        assert_eq!(lex_err(&deep).msg, "too many nested parentheses");
        assert!(lex_err("x = 1 \\").incomplete_input);
        let e = lex_err("x = 1 + \\\n");
        assert_eq!(
            (e.msg.as_str(), e.incomplete_input),
            ("unexpected EOF while parsing", true)
        );
    }

    #[test]
    fn too_many_indentation_levels() {
        let mut src = String::new();
        for i in 0..=MAX_INDENT + 1 {
            src.push_str(&" ".repeat(i));
            src.push_str("if x:\n");
        }
        assert_eq!(lex_err(&src).msg, "too many levels of indentation");
    }

    #[test]
    fn unicode_identifiers_and_positions() {
        let mut lexer = Lexer::new("é = 1\n  \n\tπ");
        let t = lexer.next_token().unwrap();
        assert_eq!((t.tok, t.line, t.col), (name("é"), 1, 0));
        let t = lexer.next_token().unwrap();
        assert_eq!((t.tok, t.col), (Tok::Op(Op::Equal), 3));
        assert_eq!(lex_err("a $").msg, "invalid syntax");
    }
}
