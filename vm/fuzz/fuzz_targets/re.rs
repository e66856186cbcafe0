//! Fuzz target: arbitrary bytes as a regular expression and a text for `re`'s compiler and
//! backtracking engine. The first byte picks the flags and str-or-bytes; the rest splits at the
//! first NUL into pattern and text. Compiling must reject or accept without panicking, and
//! matching must end (a match, no match, or a budget stop), never panic or overflow the stack.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mote_vm::modules::re::compile::compile;
use mote_vm::modules::re::engine::{Budget, Matcher, Mode};

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let (pat, text) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &b""[..]),
    };
    let is_str = head & 1 == 0;
    // IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII from the flag bits.
    let flags = [2u32, 8, 16, 64, 256]
        .iter()
        .enumerate()
        .filter(|(i, _)| head & (2 << i) != 0)
        .fold(0, |a, (_, f)| a | f);
    let (chars, text): (Vec<u32>, Vec<u8>) = if is_str {
        let p = String::from_utf8_lossy(pat);
        let t = String::from_utf8_lossy(text);
        (p.chars().map(|c| c as u32).collect(), t.into_owned().into_bytes())
    } else {
        (pat.iter().map(|&b| b as u32).collect(), text.to_vec())
    };
    let Ok(c) = compile(&chars, is_str, flags) else {
        return;
    };
    let budget = Budget {
        steps: 200_000,
        max_stack: 10_000,
    };
    let mut m = Matcher::new(&c.code, &text, is_str, budget);
    let _ = m.search(0, Mode::default());
    let mut m = Matcher::new(&c.code, &text, is_str, budget);
    let full = Mode {
        full: true,
        must_advance: true,
    };
    if let Ok(true) = m.match_at(0, full) {
        assert!(m.caps[0] == 0 && m.caps[1] == text.len());
    }
});
