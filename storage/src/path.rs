//! Paths: `/`-separated names from the root; empty components and `.` are skipped, `..` is
//! refused (there are no parent links to follow).

use crate::error::{Error, Result};
use crate::layout::Name;

/// The components of `path`, each checked for length.
pub(crate) fn components(path: &str) -> impl Iterator<Item = Result<Name>> + '_ {
    path.split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .map(|c| {
            if c == ".." {
                Err(Error::InvalidInput)
            } else {
                Name::new(c.as_bytes())
            }
        })
}

/// Whether the directory `inner` lies inside (or is) the directory `outer`.
pub(crate) fn is_within(outer: &str, inner: &str) -> Result<bool> {
    let mut inner_parts = components(inner);
    for part in components(outer) {
        match inner_parts.next() {
            Some(p) if p? == part? => {}
            Some(_) | None => return Ok(false),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_checks_components() {
        let parts: Result<std::vec::Vec<Name>> = components("//a/./bc/").collect();
        let parts = parts.unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[1].as_str(), "bc");
        assert!(components("a/../b").any(|c| c == Err(Error::InvalidInput)));
        let long = std::format!("/{}", "x".repeat(65));
        assert!(components(&long).any(|c| c == Err(Error::NameTooLong)));
    }

    #[test]
    fn detects_subtrees() {
        assert!(is_within("/a", "/a/b").unwrap());
        assert!(is_within("a", "/a").unwrap());
        assert!(!is_within("/a", "/ab").unwrap());
        assert!(!is_within("/a/b", "/a").unwrap());
    }
}
