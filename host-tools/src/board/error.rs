//! What can go wrong talking to a board, in words a user can act on. No variant carries the
//! password, so no error message can print it.

use std::fmt;

/// A failure reaching or using a board.
#[derive(Debug)]
pub enum BoardError {
    /// `BOARD` is neither an address, a URL nor a known name.
    BadBoard(String),
    /// The config file cannot be used.
    Config(String),
    /// No password was given anywhere.
    NoPassword(String),
    /// The board did not answer (connection refused, no route, timeout).
    Unreachable { board: String, reason: String },
    /// The board refused the password.
    WrongPassword(String),
    /// Another client holds the board's one WebREPL connection.
    Busy(String),
    /// The connection broke while `doing`.
    ConnectionLost { board: String, doing: String },
    /// The board answered something this client does not understand.
    Protocol { board: String, what: String },
    /// A file or folder on the board does not exist.
    NotFound(String),
    /// The board refused a file operation.
    Refused { path: String, reason: String },
    /// A local file could not be read or written.
    Local { path: String, reason: String },
}

impl fmt::Display for BoardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BoardError::BadBoard(board) => write!(
                f,
                "{board:?} is not HOST[:PORT], ws://HOST:PORT/ or a board named in boards.toml"
            ),
            BoardError::Config(message) => f.write_str(message),
            BoardError::NoPassword(board) => write!(
                f,
                "no password for {board}: give --password, set MOTE_PASSWORD, or add the board \
                 to boards.toml in the user's config directory"
            ),
            BoardError::Unreachable { board, reason } => {
                write!(f, "cannot reach the board at {board}: {reason}")
            }
            BoardError::WrongPassword(board) => write!(
                f,
                "the board at {board} refused the password (a board with no password set \
                 refuses every network login)"
            ),
            BoardError::Busy(board) => write!(
                f,
                "the board at {board} has another WebREPL client connected (it takes one at a \
                 time); close that one first"
            ),
            BoardError::ConnectionLost { board, doing } => {
                write!(f, "the connection to {board} was lost while {doing}")
            }
            BoardError::Protocol { board, what } => {
                write!(f, "unexpected answer from {board}: {what}")
            }
            BoardError::NotFound(path) => write!(f, "{path}: no such file or folder on the board"),
            BoardError::Refused { path, reason } => write!(f, "{path}: {reason}"),
            BoardError::Local { path, reason } => write!(f, "{path}: {reason}"),
        }
    }
}

impl std::error::Error for BoardError {}

impl BoardError {
    /// A local file error.
    pub fn local(path: &std::path::Path, error: std::io::Error) -> BoardError {
        BoardError::Local {
            path: path.display().to_string(),
            reason: error.to_string(),
        }
    }
}
