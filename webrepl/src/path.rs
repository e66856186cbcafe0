//! File names from the network, checked before any reaches the file store.

/// The longest path the file store is asked about.
pub const MAX_PATH_LEN: usize = 255;

/// Why a name from a client is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathError {
    /// Longer than the route allows.
    TooLong,
    /// Not UTF-8.
    NotUtf8,
    /// A NUL, a control character or a backslash.
    BadCharacter,
    /// An empty, `.` or `..` component (`a//b`, `/../x`, `x/.`).
    BadComponent,
}

/// A checked path, relative to the file store's root: components separated by single `/`, none
/// empty, `.` or `..`, no NUL, control character or backslash. The root is the empty path.
///
/// One leading `/` is accepted and dropped (`/boot.py` and `boot.py` name the same file, as
/// both clients send absolute names); nothing can climb out of the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilePath<'a> {
    path: &'a str,
}

impl<'a> FilePath<'a> {
    /// The store's root folder.
    pub const ROOT: FilePath<'static> = FilePath { path: "" };

    /// Checks `name` (at most `max_len` bytes, and never over [`MAX_PATH_LEN`]).
    pub fn parse(name: &'a [u8], max_len: usize) -> Result<FilePath<'a>, PathError> {
        if name.len() > max_len.min(MAX_PATH_LEN) {
            return Err(PathError::TooLong);
        }
        let name = core::str::from_utf8(name).map_err(|_| PathError::NotUtf8)?;
        if name.bytes().any(|b| b < 0x20 || b == 0x7f || b == b'\\') {
            return Err(PathError::BadCharacter);
        }
        let path = name.strip_prefix('/').unwrap_or(name);
        if !path.is_empty()
            && path
                .split('/')
                .any(|part| part.is_empty() || part == "." || part == "..")
        {
            return Err(PathError::BadComponent);
        }
        Ok(FilePath { path })
    }

    /// The path, without a leading `/`; empty for the root.
    pub fn as_str(&self) -> &'a str {
        self.path
    }

    /// Whether this is the root folder.
    pub fn is_root(&self) -> bool {
        self.path.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_and_relative_names() {
        assert_eq!(
            FilePath::parse(b"/boot.py", 64).unwrap().as_str(),
            "boot.py"
        );
        assert_eq!(
            FilePath::parse(b"app/main.py", 64).unwrap().as_str(),
            "app/main.py"
        );
        assert!(FilePath::parse(b"/", 64).unwrap().is_root());
        assert!(FilePath::parse(b"", 64).unwrap().is_root());
    }

    #[test]
    fn refuses_tricks() {
        for bad in [
            &b"/../x"[..],
            b"..",
            b"a/../../b",
            b"//etc/passwd",
            b"a//b",
            b"./x",
            b"a/",
        ] {
            assert_eq!(
                FilePath::parse(bad, 64),
                Err(PathError::BadComponent),
                "{bad:?}"
            );
        }
        assert_eq!(FilePath::parse(b"a\0b", 64), Err(PathError::BadCharacter));
        assert_eq!(
            FilePath::parse(b"a\\..\\b", 64),
            Err(PathError::BadCharacter)
        );
        assert_eq!(FilePath::parse(b"\xff", 64), Err(PathError::NotUtf8));
        assert_eq!(FilePath::parse(&[b'a'; 65], 64), Err(PathError::TooLong));
        assert!(FilePath::parse(&[b'a'; 64], 64).is_ok());
    }
}
