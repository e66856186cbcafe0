//! Whether a friendly-REPL input needs another line: MicroPython's rule (a compound statement
//! goes on until an empty line; an open bracket, an open triple quote or a trailing backslash
//! goes on), decided on the text alone so an incomplete line never reaches the compiler.

const COMPOUND: [&[u8]; 8] = [
    b"if", b"while", b"for", b"try", b"with", b"def", b"class", b"async",
];

/// Whether `input` (the lines so far, joined by `\n`) continues on the next line.
pub fn continues(input: &[u8]) -> bool {
    let Some(&last) = input.last() else {
        return false;
    };
    let compound =
        input.first() == Some(&b'@') || COMPOUND.iter().any(|w| starts_with_word(input, w));
    let mut depth = 0i32;
    let mut quote = Quote::None;
    let mut i = 0;
    while let Some(&c) = input.get(i) {
        let triple = input.get(i + 1) == Some(&c) && input.get(i + 2) == Some(&c);
        match c {
            b'\'' | b'"' => {
                let (one, three) = if c == b'\'' {
                    (Quote::Single, Quote::TripleSingle)
                } else {
                    (Quote::Double, Quote::TripleDouble)
                };
                if (quote == Quote::None || quote == three) && triple {
                    i += 2;
                    quote = if quote == three { Quote::None } else { three };
                } else if quote == Quote::None {
                    quote = one;
                } else if quote == one {
                    quote = Quote::None;
                }
            }
            b'\\'
                if quote != Quote::None
                    && matches!(input.get(i + 1), Some(b'\'' | b'"' | b'\\')) =>
            {
                i += 1;
            }
            b'(' | b'[' | b'{' if quote == Quote::None => depth += 1,
            b')' | b']' | b'}' if quote == Quote::None => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    if matches!(quote, Quote::TripleSingle | Quote::TripleDouble) {
        return true;
    }
    if depth > 0 && quote == Quote::None {
        return true;
    }
    last == b'\\' || (compound && last != b'\n')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Single,
    Double,
    TripleSingle,
    TripleDouble,
}

/// `input` starts with keyword `word` followed by a non-identifier byte or the end.
fn starts_with_word(input: &[u8], word: &[u8]) -> bool {
    input.starts_with(word)
        && input
            .get(word.len())
            .is_none_or(|&c| !(c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80))
}

#[cfg(test)]
mod tests {
    use super::continues;

    #[test]
    fn simple_statements_end_at_the_line() {
        assert!(!continues(b""));
        assert!(!continues(b"x = 1"));
        assert!(!continues(b"iffy = 2"));
        assert!(!continues(b"print('(')"));
    }

    #[test]
    fn blocks_brackets_quotes_and_backslashes_continue() {
        assert!(continues(b"if x:"));
        assert!(continues(b"for i in r:\n    print(i)"));
        assert!(!continues(b"for i in r:\n    print(i)\n"));
        assert!(continues(b"@deco"));
        assert!(continues(b"x = (1,"));
        assert!(continues(b"x = [1,\n2"));
        assert!(!continues(b"x = [1,\n2]"));
        assert!(continues(b"s = '''abc"));
        assert!(!continues(b"s = '''abc'''"));
        assert!(continues(b"x = 1 + \\"));
        assert!(!continues(b"s = 'it\\'s'"));
        assert!(!continues(b"s = '('"));
    }
}
