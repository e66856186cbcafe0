//! Python source made smaller for freezing into the VM, with the same tokens on the same lines.
//!
//! `build.rs` passes every file of `src/modules/frozen/` through [`minify`] before the VM
//! includes it: the frozen sources are stored in flash, and their comments, four-space
//! indentation and spaces around operators were about a third of their bytes. Line numbers
//! stay those of the file (tracebacks and `Runtime::frozen_def`'s sections rely on it), so
//! every line is kept, emptied when it held only a comment. What is kept:
//! - string literals (docstrings too) byte for byte, including strings spanning lines;
//! - `# ---- name` section markers at the start of a line, which `frozen_def` looks up;
//! - one space per indentation level at the start of each logical line;
//! - a space between two word characters or next to a quote or a dot (`not x`, `b 'x'`,
//!   `1 .real`); other spaces, comments and trailing blanks go.
//!
//! The VM's tests compile each frozen file both ways and compare the code objects.

use alloc::string::String;
use alloc::vec::Vec;

/// The section marker line prefix `Runtime::frozen_def` searches for.
const SECTION_MARKER: &str = "# ---- ";

/// An open string literal: its quote character and whether it is triple-quoted.
#[derive(Clone, Copy)]
struct OpenString {
    quote: char,
    triple: bool,
}

/// State carried from one physical line to the next.
struct Scanner {
    /// Open brackets: lines inside them continue the logical line.
    depth: usize,
    /// The previous line ended in a backslash outside a string.
    continued: bool,
    /// A string literal still open at the end of the previous line.
    open: Option<OpenString>,
    /// Indentation widths of the enclosing blocks, innermost last (`0` at the bottom).
    indents: Vec<usize>,
}

/// `source` with comments, extra spaces and wide indentation removed; same lines, same tokens.
pub fn minify(source: &str) -> String {
    let mut scanner = Scanner {
        depth: 0,
        continued: false,
        open: None,
        indents: Vec::from([0]),
    };
    let mut out = String::with_capacity(source.len());
    for (i, line) in source.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        scanner.line(line, &mut out);
    }
    out
}

impl Scanner {
    fn line(&mut self, line: &str, out: &mut String) {
        let chars: Vec<char> = line.chars().collect();
        let mut at = 0;
        if let Some(open) = self.open {
            at = copy_string_body(&chars, 0, open, out, &mut self.open);
        } else if self.depth == 0 && !self.continued {
            let body = line.trim_start_matches([' ', '\t']);
            if body.is_empty() || body.starts_with('#') {
                if line.starts_with(SECTION_MARKER) {
                    out.push_str(line);
                }
                return;
            }
            let width = indent_width(&line[..line.len() - body.len()]);
            while self.indents.len() > 1 && width < *self.indents.last().unwrap_or(&0) {
                self.indents.pop();
            }
            if width > *self.indents.last().unwrap_or(&0) {
                self.indents.push(width);
            }
            out.extend(core::iter::repeat_n(' ', self.indents.len() - 1));
            at = chars.len() - body.chars().count();
        } else {
            while at < chars.len() && (chars[at] == ' ' || chars[at] == '\t') {
                at += 1;
            }
        }
        self.continued = false;
        self.tokens(&chars, at, out);
    }

    /// Copy the code from `chars[at..]`, dropping comments and spaces that separate nothing.
    fn tokens(&mut self, chars: &[char], mut at: usize, out: &mut String) {
        let mut pending_space = false;
        while at < chars.len() {
            if let Some(open) = self.open {
                at = copy_string_body(chars, at, open, out, &mut self.open);
                continue;
            }
            let c = chars[at];
            match c {
                ' ' | '\t' => {
                    pending_space = true;
                    at += 1;
                    continue;
                }
                '#' => break,
                _ => {}
            }
            if pending_space && space_needed(out.chars().last(), c) {
                out.push(' ');
            }
            pending_space = false;
            match c {
                '\'' | '"' => {
                    let triple = chars.get(at + 1) == Some(&c) && chars.get(at + 2) == Some(&c);
                    let quotes = if triple { 3 } else { 1 };
                    out.extend(core::iter::repeat_n(c, quotes));
                    at += quotes;
                    self.open = Some(OpenString { quote: c, triple });
                    continue;
                }
                '(' | '[' | '{' => self.depth += 1,
                ')' | ']' | '}' => self.depth = self.depth.saturating_sub(1),
                '\\' if chars[at + 1..].iter().all(|&c| c == ' ' || c == '\t') => {
                    self.continued = true;
                }
                _ => {}
            }
            out.push(c);
            at += 1;
        }
    }
}

/// Copy a string literal's body from `chars[at..]` up to and including its closing quotes
/// (then `*open` is `None`) or to the end of the line; the index after what was copied.
fn copy_string_body(
    chars: &[char],
    mut at: usize,
    string: OpenString,
    out: &mut String,
    open: &mut Option<OpenString>,
) -> usize {
    while at < chars.len() {
        let c = chars[at];
        out.push(c);
        at += 1;
        if c == '\\' {
            if let Some(&escaped) = chars.get(at) {
                out.push(escaped);
                at += 1;
            }
            continue;
        }
        if c != string.quote {
            continue;
        }
        if !string.triple {
            *open = None;
            return at;
        }
        if chars.get(at) == Some(&c) && chars.get(at + 1) == Some(&c) {
            out.push(c);
            out.push(c);
            *open = None;
            return at + 2;
        }
    }
    at
}

/// The column a run of spaces and tabs reaches (tabs to the next multiple of 8, as Python).
fn indent_width(indent: &str) -> usize {
    indent.chars().fold(0, |width, c| match c {
        '\t' => (width / 8 + 1) * 8,
        _ => width + 1,
    })
}

/// Whether a space between `before` (the last character kept) and `next` must stay.
fn space_needed(before: Option<char>, next: char) -> bool {
    let Some(before) = before else {
        return false;
    };
    let word = |c: char| c.is_alphanumeric() || c == '_' || !c.is_ascii();
    let sticky = |c: char| c == '\'' || c == '"' || c == '.';
    (word(before) || sticky(before)) && (word(next) || sticky(next))
}

#[cfg(test)]
mod tests {
    use super::minify;
    use crate::compile::{compile, Mode};

    /// What the VM holds (minified by `build.rs`) beside the files it came from.
    const FROZEN: [(&str, &str, &str); 5] = [
        (
            "asyncio",
            include_str!("../src/modules/frozen/asyncio.py"),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/asyncio.py")),
        ),
        (
            "socket",
            include_str!("../src/modules/frozen/socket.py"),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/socket.py")),
        ),
        (
            "select",
            include_str!("../src/modules/frozen/select.py"),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/select.py")),
        ),
        (
            "functools",
            include_str!("../src/modules/frozen/functools.py"),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/functools.py")),
        ),
        (
            "itertools",
            include_str!("../src/modules/frozen/itertools.py"),
            include_str!(concat!(env!("OUT_DIR"), "/frozen/itertools.py")),
        ),
    ];

    #[test]
    fn frozen_modules_compile_to_the_same_code_minified() {
        for (name, source, stored) in FROZEN {
            assert_eq!(
                stored,
                minify(source),
                "{name}: build.rs stored another text"
            );
            assert_eq!(
                stored.matches('\n').count(),
                source.matches('\n').count(),
                "{name}: lines moved"
            );
            assert!(
                stored.len() < source.len() * 9 / 10,
                "{name}: barely smaller"
            );
            let original = compile(source, name, Mode::Exec);
            let minified = compile(stored, name, Mode::Exec);
            assert!(original.is_ok(), "{name} does not compile");
            assert_eq!(original, minified, "{name}: minified code differs");
        }
    }

    #[test]
    fn comments_and_blank_lines_are_emptied_and_lines_kept() {
        let source = "# header\n\nx = 1  # one\n    # indented comment\ny = 2\n";
        assert_eq!(minify(source), "\n\nx=1\n\ny=2\n");
    }

    #[test]
    fn indentation_becomes_one_space_per_level() {
        let source = "def f(a):\n    if a:\n        return 1\n    return 2\n";
        assert_eq!(minify(source), "def f(a):\n if a:\n  return 1\n return 2\n");
    }

    #[test]
    fn spaces_stay_between_words_and_next_to_quotes_and_dots() {
        let source = "x = not a in b\ny = b 'q' if 1 .real else \"s\"\nz = [a , -1]\n";
        assert_eq!(
            minify(source),
            "x=not a in b\ny=b 'q' if 1 .real else \"s\"\nz=[a,-1]\n"
        );
    }

    #[test]
    fn strings_are_copied_as_they_are() {
        let source = "s = 'a # b'  # c\nt = \"x  \\\" # y\"\n";
        assert_eq!(minify(source), "s='a # b'\nt=\"x  \\\" # y\"\n");
    }

    #[test]
    fn triple_quoted_strings_span_lines_untouched() {
        let source = "def f():\n    '''doc\n    # not a comment\n        deep'''\n    return 1\n";
        assert_eq!(
            minify(source),
            "def f():\n '''doc\n    # not a comment\n        deep'''\n return 1\n"
        );
    }

    #[test]
    fn lines_inside_brackets_and_after_backslashes_continue() {
        let source = "x = [\n    1,  # one\n    # alone\n        2,\n]\ny = 1 + \\\n    2\nz = 3\n";
        assert_eq!(minify(source), "x=[\n1,\n\n2,\n]\ny=1+\\\n2\nz=3\n");
    }

    #[test]
    fn section_markers_stay() {
        let source = "# The module.\n\n# ---- count\ndef count():\n    pass\n";
        assert_eq!(minify(source), "\n\n# ---- count\ndef count():\n pass\n");
    }

    #[test]
    fn dedent_to_an_outer_block() {
        let source =
            "class A:\n    def f(self):\n        if x:\n            pass\n    y = 1\nz = 2\n";
        assert_eq!(
            minify(source),
            "class A:\n def f(self):\n  if x:\n   pass\n y=1\nz=2\n"
        );
    }
}
