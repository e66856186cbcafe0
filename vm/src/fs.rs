//! The VM's filesystem interface: what `open()` and the `os` module need from the embedder.
//!
//! A board implements [`FileSystem`] over its flash filesystem, `mote run` over the host's
//! files ([`crate::fs_std::StdFs`]). Paths handed to a `FileSystem` are always absolute and
//! normalised ([`normalize`]): the VM keeps the current directory and resolves relative paths
//! itself, so a filesystem never sees `.`, `..`, empty components or a trailing `/`.
//! Errors are errno numbers, as MicroPython's (Linux values), so `OSError.errno` is the same
//! on every board.

use alloc::string::String;
use alloc::vec::Vec;

use crate::format::name_table::NameTable;
use crate::host::HostError;

/// An errno value carried by a failed filesystem operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FsError(pub i32);

/// `ENOENT`: no such file or directory.
pub const ENOENT: i32 = 2;
/// `EIO`: the medium failed.
pub const EIO: i32 = 5;
/// `EBADF`: bad file descriptor.
pub const EBADF: i32 = 9;
/// `EACCES`: permission denied.
pub const EACCES: i32 = 13;
/// `EBUSY`: the file is in use.
pub const EBUSY: i32 = 16;
/// `EEXIST`: the path exists.
pub const EEXIST: i32 = 17;
/// `ENODEV`: no filesystem is mounted.
pub const ENODEV: i32 = 19;
/// `ENOTDIR`: a path component is not a directory.
pub const ENOTDIR: i32 = 20;
/// `EISDIR`: the path is a directory.
pub const EISDIR: i32 = 21;
/// `EINVAL`: invalid argument.
pub const EINVAL: i32 = 22;
/// `EMFILE`: too many open files.
pub const EMFILE: i32 = 24;
/// `EFBIG`: the file is too large.
pub const EFBIG: i32 = 27;
/// `ENOSPC`: no space left.
pub const ENOSPC: i32 = 28;
/// `ENAMETOOLONG`: a name is too long.
pub const ENAMETOOLONG: i32 = 36;
/// `ENOTEMPTY`: the directory is not empty.
pub const ENOTEMPTY: i32 = 39;

/// `(name, value)` of every errno the `errno` module exports.
pub const ERRNO_NAMES: &[(&str, i32)] = &[
    ("ENOENT", ENOENT),
    ("EIO", EIO),
    ("EBADF", EBADF),
    ("EACCES", EACCES),
    ("EBUSY", EBUSY),
    ("EEXIST", EEXIST),
    ("ENODEV", ENODEV),
    ("ENOTDIR", ENOTDIR),
    ("EISDIR", EISDIR),
    ("EINVAL", EINVAL),
    ("EMFILE", EMFILE),
    ("EFBIG", EFBIG),
    ("ENOSPC", ENOSPC),
    ("ENAMETOOLONG", ENAMETOOLONG),
    ("ENOTEMPTY", ENOTEMPTY),
];

impl FsError {
    /// The message CPython (glibc's `strerror`) gives for this errno, the filesystem's or the
    /// network's.
    pub fn message(self) -> &'static str {
        let i = MESSAGE_ERRNOS
            .iter()
            .position(|&e| i32::from(e) == self.0)
            .unwrap_or(MESSAGE_ERRNOS.len());
        MESSAGES.get(i)
    }
}

/// The errnos that have a message, in [`MESSAGES`]'s order (all below 256): a byte each and
/// one search, where a `match` made jump tables and eight bytes of `&str` an errno.
const MESSAGE_ERRNOS: [u8; 33] = {
    use crate::net::{
        EADDRINUSE, EADDRNOTAVAIL, EAGAIN, EALREADY, ECONNABORTED, ECONNREFUSED, ECONNRESET,
        EHOSTUNREACH, EINPROGRESS, EISCONN, ENETUNREACH, ENOBUFS, ENOMEM, ENOTCONN, EOPNOTSUPP,
        EPERM, EPIPE, ETIMEDOUT,
    };
    let errnos = [
        ENOENT,
        EIO,
        EBADF,
        EACCES,
        EBUSY,
        EEXIST,
        ENODEV,
        ENOTDIR,
        EISDIR,
        EINVAL,
        EMFILE,
        EFBIG,
        ENOSPC,
        ENAMETOOLONG,
        ENOTEMPTY,
        EPERM,
        EAGAIN,
        ENOMEM,
        EPIPE,
        EOPNOTSUPP,
        EADDRINUSE,
        EADDRNOTAVAIL,
        ENETUNREACH,
        ECONNABORTED,
        ECONNRESET,
        ENOBUFS,
        EISCONN,
        ENOTCONN,
        ETIMEDOUT,
        ECONNREFUSED,
        EHOSTUNREACH,
        EALREADY,
        EINPROGRESS,
    ];
    let mut out = [0u8; 33];
    let mut i = 0;
    while i < out.len() {
        assert!(errnos[i] > 0 && errnos[i] < 256);
        out[i] = errnos[i] as u8;
        i += 1;
    }
    out
};

/// The messages of [`MESSAGE_ERRNOS`], then the one of any other errno.
const MESSAGES: NameTable<34> = crate::name_table!(
    "No such file or directory",
    "Input/output error",
    "Bad file descriptor",
    "Permission denied",
    "Device or resource busy",
    "File exists",
    "No such device",
    "Not a directory",
    "Is a directory",
    "Invalid argument",
    "Too many open files",
    "File too large",
    "No space left on device",
    "File name too long",
    "Directory not empty",
    "Operation not permitted",
    "Resource temporarily unavailable",
    "Cannot allocate memory",
    "Broken pipe",
    "Operation not supported",
    "Address already in use",
    "Cannot assign requested address",
    "Network is unreachable",
    "Software caused connection abort",
    "Connection reset by peer",
    "No buffer space available",
    "Transport endpoint is already connected",
    "Transport endpoint is not connected",
    "Connection timed out",
    "Connection refused",
    "No route to host",
    "Operation already in progress",
    "Operation now in progress",
    "Unknown error",
);

/// Result of a filesystem operation.
pub type FsResult<T> = Result<T, FsError>;

/// How a file is opened (parsed from a Python mode string by [`parse_mode`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OpenMode {
    /// Reads are allowed.
    pub read: bool,
    /// Writes are allowed.
    pub write: bool,
    /// Every write goes to the end of the file.
    pub append: bool,
    /// Create the file if missing.
    pub create: bool,
    /// Empty the file on open.
    pub truncate: bool,
    /// Fail with `EEXIST` if the file exists.
    pub exclusive: bool,
    /// Binary (`b`): the file object reads and writes `bytes`, not `str`.
    pub binary: bool,
}

/// Why a mode string is not valid (Python raises `ValueError`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModeError {
    /// An unknown or repeated letter.
    Invalid,
    /// Both `t` and `b`.
    TextAndBinary,
    /// More than one of `r w a x`.
    SeveralKinds,
    /// None of `r w a x`.
    NoKind,
}

impl ModeError {
    /// CPython's message (for `Invalid`, the caller adds the mode: `invalid mode: 'q'`).
    pub fn message(self) -> &'static str {
        match self {
            ModeError::Invalid => "invalid mode",
            ModeError::TextAndBinary => "can't have text and binary mode at once",
            ModeError::SeveralKinds => "must have exactly one of create/read/write/append mode",
            ModeError::NoKind => {
                "Must have exactly one of create/read/write/append mode and at most one plus"
            }
        }
    }
}

/// Parse a Python `open()` mode as CPython does: letters from `rwxabt+`, each at most once;
/// exactly one of `r w a x`; not both `b` and `t`.
pub fn parse_mode(mode: &str) -> Result<OpenMode, ModeError> {
    const FLAGS: &[u8] = b"rwxabt+";
    let mut m = OpenMode::default();
    // Bit i: FLAGS[i] was given. Each may appear once; anything else is invalid.
    let mut seen = 0u8;
    for &c in mode.as_bytes() {
        let Some(bit) = FLAGS.iter().position(|&f| f == c) else {
            return Err(ModeError::Invalid);
        };
        if seen & (1 << bit) != 0 {
            return Err(ModeError::Invalid);
        }
        seen |= 1 << bit;
    }
    let has = |c: char| {
        FLAGS
            .iter()
            .position(|&f| char::from(f) == c)
            .is_some_and(|bit| seen & (1 << bit) != 0)
    };
    if has('t') && has('b') {
        return Err(ModeError::TextAndBinary);
    }
    let kinds = ['r', 'w', 'a', 'x'].iter().filter(|c| has(**c)).count();
    if kinds > 1 {
        return Err(ModeError::SeveralKinds);
    }
    if kinds == 0 {
        return Err(ModeError::NoKind);
    }
    m.read = has('r') || has('+');
    m.write = !has('r') || has('+');
    m.create = !has('r');
    m.truncate = has('w');
    m.append = has('a');
    m.exclusive = has('x');
    m.binary = has('b');
    Ok(m)
}

/// Where a seek measures from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whence {
    /// From the start of the file.
    Start,
    /// From the current position.
    Current,
    /// From the end of the file.
    End,
}

/// What `stat` reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stat {
    /// A directory (else a regular file).
    pub is_dir: bool,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, seconds since the epoch (0 where the filesystem keeps none).
    pub mtime: u64,
}

/// One entry of a directory listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    /// The entry's name (no path).
    pub name: String,
    /// A directory (else a regular file).
    pub is_dir: bool,
    /// Size in bytes (0 for directories).
    pub size: u64,
}

/// What `statvfs` reports, as the fields of POSIX `struct statvfs` MicroPython fills.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatVfs {
    /// Block size.
    pub bsize: u64,
    /// Fragment size.
    pub frsize: u64,
    /// Size in `frsize` units.
    pub blocks: u64,
    /// Free blocks.
    pub bfree: u64,
    /// Free blocks for unprivileged users.
    pub bavail: u64,
    /// Inodes.
    pub files: u64,
    /// Free inodes.
    pub ffree: u64,
    /// Free inodes for unprivileged users.
    pub favail: u64,
    /// Mount flags.
    pub flag: u64,
    /// Longest name.
    pub namemax: u64,
}

/// A filesystem the VM's `open()` and `os` module work over. Descriptors are small numbers the
/// filesystem chooses; the VM closes every descriptor it opened (explicitly, when the file
/// object is collected, or when the VM is dropped).
pub trait FileSystem {
    /// The directory the VM starts in (absolute, normalised).
    fn initial_dir(&mut self) -> String {
        String::from("/")
    }
    /// Open `path`.
    fn open(&mut self, path: &str, mode: OpenMode) -> FsResult<u32>;
    /// Read up to `buf.len()` bytes at the descriptor's position; 0 at the end.
    fn read(&mut self, fd: u32, buf: &mut [u8]) -> FsResult<usize>;
    /// Write `data` at the descriptor's position (the end in append mode); returns the count.
    fn write(&mut self, fd: u32, data: &[u8]) -> FsResult<usize>;
    /// Move the position; returns the new position.
    fn seek(&mut self, fd: u32, offset: i64, whence: Whence) -> FsResult<u64>;
    /// The position.
    fn tell(&mut self, fd: u32) -> FsResult<u64>;
    /// Commit what was written.
    fn flush(&mut self, fd: u32) -> FsResult<()>;
    /// Commit and release the descriptor.
    fn close(&mut self, fd: u32) -> FsResult<()>;
    /// Kind and size of `path`.
    fn stat(&mut self, path: &str) -> FsResult<Stat>;
    /// The entries of directory `path`.
    fn listdir(&mut self, path: &str) -> FsResult<Vec<DirEntry>>;
    /// Remove file `path`.
    fn remove(&mut self, path: &str) -> FsResult<()>;
    /// Rename `from` to `to` (replacing a file `to`).
    fn rename(&mut self, from: &str, to: &str) -> FsResult<()>;
    /// Create directory `path`.
    fn mkdir(&mut self, path: &str) -> FsResult<()>;
    /// Remove empty directory `path`.
    fn rmdir(&mut self, path: &str) -> FsResult<()>;
    /// Capacity and free space of the filesystem holding `path`.
    fn statvfs(&mut self, path: &str) -> FsResult<StatVfs>;
}

/// Read the whole file `path` from `fs` (what a board's [`Host::read_file`] does for
/// `import`): a missing file is [`HostError::NotFound`], every other failure
/// [`HostError::Io`].
///
/// [`Host::read_file`]: crate::Host::read_file
pub fn read_whole_file<F: FileSystem + ?Sized>(
    fs: &mut F,
    path: &str,
) -> Result<Vec<u8>, HostError> {
    let mode = OpenMode {
        read: true,
        binary: true,
        ..OpenMode::default()
    };
    let fd = fs.open(path, mode).map_err(|e| match e.0 {
        ENOENT => HostError::NotFound,
        _ => HostError::Io,
    })?;
    let mut out = Vec::new();
    let mut buf = [0u8; 256];
    let read = loop {
        match fs.read(fd, &mut buf) {
            Ok(0) => break Ok(()),
            Ok(n) => out.extend_from_slice(buf.get(..n).unwrap_or(&buf)),
            Err(_) => break Err(HostError::Io),
        }
    };
    // A file only read has nothing to lose if its close fails.
    let _ = fs.close(fd);
    read.map(|_| out)
}

/// Join `path` onto directory `cwd` (absolute) and normalise: resolve `.` and `..` (`..` at
/// the root stays at the root, as POSIX does), drop empty components and trailing `/`.
pub fn normalize(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let base = if path.starts_with('/') { "" } else { cwd };
    for p in base.split('/').chain(path.split('/')) {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(p),
        }
    }
    let mut out = String::new();
    for p in &parts {
        out.push('/');
        out.push_str(p);
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse_as_python_does() {
        let r = parse_mode("r").unwrap();
        assert!(r.read && !r.write && !r.binary);
        let w = parse_mode("wb").unwrap();
        assert!(w.write && w.create && w.truncate && w.binary && !w.read);
        let a = parse_mode("a+").unwrap();
        assert!(a.append && a.read && a.write);
        let x = parse_mode("xt").unwrap();
        assert!(x.exclusive && x.create);
        assert!(parse_mode("r+b").unwrap().write);
        assert_eq!(parse_mode("q"), Err(ModeError::Invalid));
        assert_eq!(parse_mode("r++"), Err(ModeError::Invalid));
        assert_eq!(parse_mode("rbt"), Err(ModeError::TextAndBinary));
        assert_eq!(parse_mode("rw"), Err(ModeError::SeveralKinds));
        assert_eq!(parse_mode(""), Err(ModeError::NoKind));
        assert_eq!(parse_mode("b+"), Err(ModeError::NoKind));
    }

    #[test]
    fn paths_normalise_against_the_cwd() {
        assert_eq!(normalize("/", "a.txt"), "/a.txt");
        assert_eq!(normalize("/d", "a.txt"), "/d/a.txt");
        assert_eq!(normalize("/d/e", "../a"), "/d/a");
        assert_eq!(normalize("/d", "/x/./y/"), "/x/y");
        assert_eq!(normalize("/", "../../a"), "/a");
        assert_eq!(normalize("/d", ".."), "/");
        assert_eq!(normalize("/d", ""), "/d");
        assert_eq!(normalize("/a", "b//c"), "/a/b/c");
    }

    #[test]
    fn errno_messages_match_strerror() {
        assert_eq!(FsError(ENOENT).message(), "No such file or directory");
        assert_eq!(FsError(ENOTEMPTY).message(), "Directory not empty");
        assert_eq!(FsError(9999).message(), "Unknown error");
        assert_eq!(FsError(0).message(), "Unknown error");
        assert_eq!(FsError(256 + ENOENT).message(), "Unknown error");
        assert_eq!(
            FsError(crate::net::EPERM).message(),
            "Operation not permitted"
        );
        assert_eq!(
            FsError(crate::net::EINPROGRESS).message(),
            "Operation now in progress"
        );
    }
}
