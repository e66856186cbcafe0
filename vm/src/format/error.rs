//! The error every formatting and parsing function returns: a Python exception class and its
//! message, already worded exactly as CPython 3.11 words it, for the runtime to raise.

use alloc::string::String;

/// Which Python exception a [`FormatError`] becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `ValueError`: a malformed spec, template, literal or an option that does not apply.
    Value,
    /// `TypeError`: a value of the wrong kind for a directive (`'%c' % 'ab'`).
    Type,
    /// `OverflowError`: a number out of range (`'%c' % 0x110000`, an int too large for a float).
    Overflow,
    /// `IndexError`: a `str.format` field numbering past the positional arguments.
    Index,
    /// `ZeroDivisionError`: float `//`, `%`, `divmod` by zero, `0.0 ** negative`.
    ZeroDivision,
    /// `MemoryError`: the result would not fit in memory (a width or precision from the
    /// script too large to allocate); the message is empty.
    Memory,
}

/// A formatting or parsing failure, carrying CPython's message text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// The exception class to raise.
    pub kind: ErrorKind,
    /// The exception message, exactly as CPython prints it.
    pub message: String,
}

impl FormatError {
    /// A `ValueError` with `message`.
    pub fn value(message: impl Into<String>) -> Self {
        FormatError {
            kind: ErrorKind::Value,
            message: message.into(),
        }
    }

    /// A `TypeError` with `message`.
    pub fn type_error(message: impl Into<String>) -> Self {
        FormatError {
            kind: ErrorKind::Type,
            message: message.into(),
        }
    }

    /// An `OverflowError` with `message`.
    pub fn overflow(message: impl Into<String>) -> Self {
        FormatError {
            kind: ErrorKind::Overflow,
            message: message.into(),
        }
    }
}
