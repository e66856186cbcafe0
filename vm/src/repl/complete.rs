//! Tab completion as MicroPython's REPL does it: the dotted name before the cursor is looked
//! up from `__main__` (then the builtins), and the last part is completed against the names
//! found there, or `dir()` of the object the rest names.

use alloc::string::String;
use alloc::vec::Vec;

/// Where the names to complete come from (the VM, or a list in tests).
pub trait Completer {
    /// The names visible at `path`: with an empty `path` the globals and builtins, otherwise
    /// the attributes of the object `path` names (`["os", "path"]` is `os.path`).
    fn names(&mut self, path: &[&str]) -> Vec<String>;
}

/// What pressing Tab does.
#[derive(Debug, PartialEq, Eq)]
pub enum Completion {
    /// Nothing matches.
    None,
    /// Insert this text at the cursor (one match, or the longest common prefix of several).
    Insert(String),
    /// Several matches and no longer common prefix: list them.
    Many(Vec<String>),
}

const IMPORT: &str = "import ";

/// Completes the end of `line` (the current line up to the cursor).
pub fn complete(line: &str, completer: &mut dyn Completer) -> Completion {
    let start = line
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| i + 1);
    let chain = &line[start..];
    let mut parts: Vec<&str> = chain.split('.').collect();
    let word = parts.pop().unwrap_or("");
    if parts.iter().any(|p| p.is_empty()) {
        return Completion::None;
    }
    let mut matches: Vec<String> = completer
        .names(&parts)
        .into_iter()
        .filter(|n| n.starts_with(word) && !(word.is_empty() && n.starts_with('_')))
        .collect();
    crate::sort::sort_strs(&mut matches);
    matches.dedup();
    let Some(first) = matches.first() else {
        // With nothing better, the line's first word may be the start of `import`.
        if start == 0 && parts.is_empty() && !word.is_empty() && IMPORT.starts_with(word) {
            return Completion::Insert(String::from(&IMPORT[word.len()..]));
        }
        return Completion::None;
    };
    let mut common = first.len();
    for m in &matches[1..] {
        common = first
            .bytes()
            .zip(m.bytes())
            .take(common)
            .take_while(|(a, b)| a == b)
            .count();
    }
    if matches.len() == 1 || common > word.len() {
        Completion::Insert(String::from(&first[word.len()..common]))
    } else {
        Completion::Many(matches)
    }
}

/// The list of matches as MicroPython prints it: 16-column slots, lines of at most 64
/// columns, starting on a new line.
pub fn format_matches(matches: &[String], out: &mut Vec<u8>) {
    const SLOT: usize = 16;
    const LINE: usize = 4 * SLOT;
    let mut used = LINE;
    for name in matches {
        let mut gap = used.div_ceil(SLOT) * SLOT - used;
        if gap < 2 {
            gap += SLOT;
        }
        if used + gap + name.len() <= LINE {
            out.extend(core::iter::repeat_n(b' ', gap));
            used += gap + name.len();
        } else {
            out.extend_from_slice(b"\r\n");
            used = name.len();
        }
        out.extend_from_slice(name.as_bytes());
    }
    out.extend_from_slice(b"\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    struct Names;

    impl Completer for Names {
        fn names(&mut self, path: &[&str]) -> Vec<String> {
            let list: &[&str] = match path {
                [] => &["print", "prime", "property", "_hidden", "os"],
                ["os"] => &["listdir", "remove", "rename", "uname"],
                _ => &[],
            };
            list.iter().map(|s| String::from(*s)).collect()
        }
    }

    #[test]
    fn one_match_completes() {
        assert_eq!(
            complete("x = pro", &mut Names),
            Completion::Insert("perty".into())
        );
        assert_eq!(
            complete("os.li", &mut Names),
            Completion::Insert("stdir".into())
        );
    }

    #[test]
    fn common_prefix_then_list() {
        assert_eq!(
            complete("pr", &mut Names),
            Completion::Many(vec!["prime".into(), "print".into(), "property".into()])
        );
        assert_eq!(
            complete("os.re", &mut Names),
            Completion::Many(vec!["remove".into(), "rename".into()])
        );
    }

    #[test]
    fn underscore_names_only_when_asked_and_import_keyword() {
        assert_eq!(
            complete("_h", &mut Names),
            Completion::Insert("idden".into())
        );
        match complete("", &mut Names) {
            Completion::Many(m) => assert!(!m.iter().any(|n| n.starts_with('_'))),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            complete("imp", &mut Names),
            Completion::Insert("ort ".into())
        );
        assert_eq!(complete("nothing.x", &mut Names), Completion::None);
    }

    #[test]
    fn matches_are_laid_out_in_slots() {
        let mut out = Vec::new();
        format_matches(
            &[
                "abc".into(),
                "defgh".into(),
                "x".into(),
                "y".into(),
                "z".into(),
            ],
            &mut out,
        );
        let want = alloc::format!(
            "\r\nabc{}defgh{}x{}y\r\nz\r\n",
            " ".repeat(13),
            " ".repeat(11),
            " ".repeat(15)
        );
        assert_eq!(out, want.as_bytes());
    }
}
