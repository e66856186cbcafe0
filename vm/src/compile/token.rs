//! Tokens: what the lexer hands the parser.
//!
//! String literals arrive decoded (escapes processed); f-strings arrive split into literal and
//! replacement-field parts whose expressions are still source text, parsed later by the parser
//! with a lexer positioned at their place in the file.

use alloc::string::String;
use alloc::vec::Vec;

/// A reserved word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Kw {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

/// Every keyword and its spelling: a table searched in order is about half the code of a
/// `match` on the word, and the lexer looks words up only while compiling.
const KEYWORDS: [(&str, Kw); 35] = [
    ("False", Kw::False),
    ("None", Kw::None),
    ("True", Kw::True),
    ("and", Kw::And),
    ("as", Kw::As),
    ("assert", Kw::Assert),
    ("async", Kw::Async),
    ("await", Kw::Await),
    ("break", Kw::Break),
    ("class", Kw::Class),
    ("continue", Kw::Continue),
    ("def", Kw::Def),
    ("del", Kw::Del),
    ("elif", Kw::Elif),
    ("else", Kw::Else),
    ("except", Kw::Except),
    ("finally", Kw::Finally),
    ("for", Kw::For),
    ("from", Kw::From),
    ("global", Kw::Global),
    ("if", Kw::If),
    ("import", Kw::Import),
    ("in", Kw::In),
    ("is", Kw::Is),
    ("lambda", Kw::Lambda),
    ("nonlocal", Kw::Nonlocal),
    ("not", Kw::Not),
    ("or", Kw::Or),
    ("pass", Kw::Pass),
    ("raise", Kw::Raise),
    ("return", Kw::Return),
    ("try", Kw::Try),
    ("while", Kw::While),
    ("with", Kw::With),
    ("yield", Kw::Yield),
];

impl Kw {
    /// The keyword spelled `word`, if it is one.
    pub fn from_word(word: &str) -> Option<Kw> {
        KEYWORDS.iter().find(|(w, _)| *w == word).map(|&(_, kw)| kw)
    }
}

/// An operator or delimiter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum Op {
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
}

impl Op {
    /// The operator as written.
    pub fn text(self) -> &'static str {
        match self {
            Op::LPar => "(",
            Op::RPar => ")",
            Op::LSqb => "[",
            Op::RSqb => "]",
            Op::LBrace => "{",
            Op::RBrace => "}",
            Op::Colon => ":",
            Op::Comma => ",",
            Op::Semi => ";",
            Op::Plus => "+",
            Op::Minus => "-",
            Op::Star => "*",
            Op::Slash => "/",
            Op::VBar => "|",
            Op::Amper => "&",
            Op::Less => "<",
            Op::Greater => ">",
            Op::Equal => "=",
            Op::Dot => ".",
            Op::Percent => "%",
            Op::EqEqual => "==",
            Op::NotEqual => "!=",
            Op::LessEqual => "<=",
            Op::GreaterEqual => ">=",
            Op::Tilde => "~",
            Op::Circumflex => "^",
            Op::LeftShift => "<<",
            Op::RightShift => ">>",
            Op::DoubleStar => "**",
            Op::PlusEqual => "+=",
            Op::MinEqual => "-=",
            Op::StarEqual => "*=",
            Op::SlashEqual => "/=",
            Op::PercentEqual => "%=",
            Op::AmperEqual => "&=",
            Op::VBarEqual => "|=",
            Op::CircumflexEqual => "^=",
            Op::LeftShiftEqual => "<<=",
            Op::RightShiftEqual => ">>=",
            Op::DoubleStarEqual => "**=",
            Op::DoubleSlash => "//",
            Op::DoubleSlashEqual => "//=",
            Op::At => "@",
            Op::AtEqual => "@=",
            Op::RArrow => "->",
            Op::Ellipsis => "...",
            Op::ColonEqual => ":=",
        }
    }
}

/// One piece of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub enum FPart {
    /// Literal text, escapes already processed.
    Lit(String),
    /// A replacement field `{expr!c:spec}`.
    Field(Field),
}

/// A replacement field of an f-string.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The expression's source text.
    pub expr: String,
    /// Line and byte column of the expression text in the file.
    pub line: u32,
    /// See `line`.
    pub col: u32,
    /// `!s`, `!r` or `!a`.
    pub conversion: Option<u8>,
    /// For `{expr=}`: the text to print before the value (`expr=` with its spacing).
    pub debug_text: Option<String>,
    /// The format spec, itself made of parts (nested fields allowed one level down).
    pub spec: Option<Vec<FPart>>,
}

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier (not a keyword).
    Name(String),
    /// An int literal that fits in `i64`.
    Int(i64),
    /// A larger int literal: its magnitude as 32-bit limbs, least significant first.
    BigInt(Vec<u32>),
    /// A float literal.
    Float(crate::format::Float),
    /// An imaginary literal (`2j`): its imaginary part.
    Imag(crate::format::Float),
    /// A str literal, decoded.
    Str(String),
    /// A bytes literal, decoded.
    Bytes(Vec<u8>),
    /// An f-string literal.
    FString(Vec<FPart>),
    /// End of a logical line.
    Newline,
    /// Indentation increased.
    Indent,
    /// Indentation decreased by one level.
    Dedent,
    /// End of input.
    Eof,
    /// A keyword.
    Kw(Kw),
    /// An operator or delimiter.
    Op(Op),
}

/// A token and where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// 1-based line.
    pub line: u32,
    /// 0-based byte column.
    pub col: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_found_by_their_exact_spelling() {
        assert_eq!(Kw::from_word("False"), Some(Kw::False));
        assert_eq!(Kw::from_word("nonlocal"), Some(Kw::Nonlocal));
        assert_eq!(Kw::from_word("yield"), Some(Kw::Yield));
        for word in ["false", "match", "case", "print", "", "yields", "i"] {
            assert_eq!(Kw::from_word(word), None, "{word}");
        }
        for (word, kw) in KEYWORDS {
            assert_eq!(Kw::from_word(word), Some(kw));
        }
    }
}
