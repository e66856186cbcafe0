//! Deterministic pseudo-random strings for the "never panics on any input" tests: every
//! parser here takes text straight from scripts.

use alloc::string::String;

/// Yields `count` strings of up to `max_len` characters drawn from `alphabet`
/// (xorshift64, fixed seed, so failures reproduce).
pub(crate) fn arbitrary_strings(
    alphabet: &str,
    max_len: usize,
    count: usize,
) -> impl Iterator<Item = String> + '_ {
    let chars: alloc::vec::Vec<char> = alphabet.chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count).map(move |_| {
        let len = (next() % (max_len as u64 + 1)) as usize;
        (0..len)
            .map(|_| chars[(next() % chars.len() as u64) as usize])
            .collect()
    })
}
