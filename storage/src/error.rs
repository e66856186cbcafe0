//! Filesystem errors: values with errno-style kinds, never panics.

/// What went wrong, in the terms of POSIX `errno`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// `ENOENT`: no file or directory by that path.
    NotFound,
    /// `EEXIST`: the path already exists.
    Exists,
    /// `ENOTDIR`: a path component is a file.
    NotADirectory,
    /// `EISDIR`: a file operation was asked of a directory.
    IsADirectory,
    /// `ENOTEMPTY`: the directory still has entries.
    NotEmpty,
    /// `ENOSPC`: the flash is full; everything committed before is intact.
    NoSpace,
    /// `ENAMETOOLONG`: a path component is longer than [`crate::MAX_NAME_LEN`] bytes.
    NameTooLong,
    /// `EBADF`: the descriptor is not open, or not open for this kind of access.
    BadDescriptor,
    /// `EINVAL`: a malformed path or argument (empty name, `..`, moving a directory into itself).
    InvalidInput,
    /// `EBUSY`: the file is open for writing elsewhere, or open while being removed.
    Busy,
    /// `EMFILE`: all descriptors are in use.
    TooManyOpenFiles,
    /// `EFBIG`: the file would outgrow the filesystem's 4 GiB addressing.
    FileTooLarge,
    /// `EIO`: the flash itself failed (or power was cut in the simulator).
    Io,
    /// The flash does not hold a mote filesystem, or its records are damaged.
    Corrupt,
    /// `EOPNOTSUPP`: the partition has layout version 3, which this build does not mount
    /// (the `v3` feature does); `mote image migrate OLD NEW` converts an image of it.
    OldLayout,
}

impl Error {
    /// The Linux `errno` value of this kind (MicroPython uses the same numbers).
    pub fn errno(self) -> i32 {
        match self {
            Error::NotFound => 2,
            Error::Io => 5,
            Error::BadDescriptor => 9,
            Error::Exists => 17,
            Error::NotADirectory => 20,
            Error::IsADirectory => 21,
            Error::InvalidInput => 22,
            Error::TooManyOpenFiles => 24,
            Error::FileTooLarge => 27,
            Error::NoSpace => 28,
            Error::Busy => 16,
            Error::NameTooLong => 36,
            Error::NotEmpty => 39,
            Error::Corrupt => 117,
            Error::OldLayout => 95,
        }
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let text = match self {
            Error::NotFound => "no such file or directory",
            Error::Exists => "file exists",
            Error::NotADirectory => "not a directory",
            Error::IsADirectory => "is a directory",
            Error::NotEmpty => "directory not empty",
            Error::NoSpace => "no space left on device",
            Error::NameTooLong => "file name too long",
            Error::BadDescriptor => "bad file descriptor",
            Error::InvalidInput => "invalid argument",
            Error::Busy => "file is busy",
            Error::TooManyOpenFiles => "too many open files",
            Error::FileTooLarge => "file too large",
            Error::Io => "flash I/O error",
            Error::Corrupt => "filesystem is corrupt or not formatted",
            Error::OldLayout => {
                "filesystem has layout 3: convert it with `mote image migrate OLD NEW`"
            }
        };
        f.write_str(text)
    }
}

impl<E> From<sequential_storage::Error<E>> for Error {
    fn from(e: sequential_storage::Error<E>) -> Self {
        match e {
            sequential_storage::Error::FullStorage => Error::NoSpace,
            sequential_storage::Error::Storage { .. } => Error::Io,
            _ => Error::Corrupt,
        }
    }
}

/// Result of filesystem operations.
pub type Result<T> = core::result::Result<T, Error>;
