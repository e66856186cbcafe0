//! `SyntaxError` as the compiler reports it: a value, never a panic.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// Which Python exception class a [`SyntaxError`] stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`
    Syntax,
    /// `IndentationError` (a `SyntaxError` subclass)
    Indentation,
    /// `TabError` (an `IndentationError` subclass)
    Tab,
}

impl ErrorKind {
    /// The Python class name.
    pub fn class_name(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::Tab => "TabError",
        }
    }
}

/// A compile error with CPython's attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, CPython's wording where it has one.
    pub msg: String,
    /// The file name given to `compile`.
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (CPython's `offset`), counted in characters.
    pub column: u32,
    /// The offending source line, without its newline.
    pub text: String,
    /// True when the only problem is that the input ended too early (an open bracket, block,
    /// or triple-quoted string): a REPL should read more lines.
    pub incomplete_input: bool,
}

impl SyntaxError {
    /// An error at `line`, byte column `col` (0-based); `filename` and `text` are filled in by
    /// [`super::compile`].
    pub(crate) fn new(
        kind: ErrorKind,
        msg: impl Into<String>,
        line: u32,
        col: u32,
    ) -> Box<SyntaxError> {
        SyntaxError::with_text(kind, msg.into(), line, col)
    }

    /// [`SyntaxError::new`] without its type parameter: one copy for every kind of message.
    fn with_text(kind: ErrorKind, msg: String, line: u32, col: u32) -> Box<SyntaxError> {
        Box::new(SyntaxError {
            kind,
            msg,
            filename: String::new(),
            line,
            column: col + 1,
            text: String::new(),
            incomplete_input: false,
        })
    }

    /// A plain `SyntaxError`.
    pub(crate) fn syntax(msg: impl Into<String>, line: u32, col: u32) -> Box<SyntaxError> {
        SyntaxError::new(ErrorKind::Syntax, msg, line, col)
    }

    /// Marks the error as "the input ended too early".
    pub(crate) fn incomplete(mut self: Box<Self>) -> Box<SyntaxError> {
        self.incomplete_input = true;
        self
    }

    /// Fills in the file name and the source line, converting the byte column to characters.
    /// `source` has `\n` line ends only (the compiler's input after newline normalization).
    pub(crate) fn locate(mut self: Box<Self>, filename: &str, source: &str) -> Box<SyntaxError> {
        self.filename = String::from(filename);
        // The line's bounds by one scan of the bytes (a `split` iterator's `nth` is more code).
        let want = self.line.saturating_sub(1) as usize;
        let (mut newlines, mut start, mut end) = (0, 0, source.len());
        for (i, b) in source.bytes().enumerate() {
            if b == b'\n' {
                if newlines == want {
                    end = i;
                    break;
                }
                newlines += 1;
                start = i + 1;
            }
        }
        let line = source.get(start..end).filter(|_| newlines == want);
        if let Some(text) = line {
            let byte_col = self.column.saturating_sub(1) as usize;
            // The characters starting before the byte column: its bytes that are not UTF-8
            // continuation bytes.
            let chars = text
                .bytes()
                .take(byte_col)
                .filter(|&b| (b as i8) >= -0x40)
                .count();
            self.column = chars as u32 + 1;
            self.text = String::from(text);
        }
        self
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} ({}, line {})",
            self.kind.class_name(),
            self.msg,
            self.filename,
            self.line
        )
    }
}

/// `before`, `what` and `after` as one message. Out of line: a call with three strings is
/// less code than a `format!` at each of the compiler's messages that name something.
#[inline(never)]
pub(crate) fn message(before: &str, what: &str, after: &str) -> String {
    let mut msg = String::with_capacity(before.len() + what.len() + after.len());
    msg.push_str(before);
    msg.push_str(what);
    msg.push_str(after);
    msg
}

/// Result type of the compiler passes (the error boxed, to keep the recursive parser's frames
/// small).
pub type Result<T> = core::result::Result<T, Box<SyntaxError>>;
