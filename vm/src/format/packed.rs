//! Exception messages stored packed: the words and phrases that recur across the VM's
//! messages ("argument", " must be ", "takes exactly ", …) are replaced by one- or two-byte
//! codes when the program is compiled ([`packed!`](crate::packed) runs [`pack`] in a
//! constant), and a message is expanded again only when it is raised ([`Packed`] goes to
//! `Runtime::raise`, or becomes a `String` for the compiler's `SyntaxError` and the formatter's
//! `FormatError`). MicroPython compresses its ROM messages the same way; here it saves about
//! 2.5 KB of the modules-off build on riscv32 (`scripts/rv32_size.py`), 4 KB of the full one.
//!
//! Codes are ASCII control bytes: the bytes 1–8, 11, 12 and 14–31 (not tab, newline or
//! carriage return) stand for the first 28 words of [`WORDS`], and DEL (127) followed by a
//! printable byte (32–126) for the next ones. A message that holds one of those bytes itself
//! fails to compile in `packed!`. Packed text has its own type, so text made at run time
//! (which may hold any byte) is never expanded by mistake.

use alloc::borrow::Cow;
use alloc::string::String;

/// The dictionary, `|`-separated: words and phrases picked one at a time by the bytes they save
/// over the packed messages of the modules-off build (each pick's occurrences removed before
/// the next), then ordered by bytes saved, so those that save most get the one-byte codes.
const WORDS: &str = " argument| must be |not |string|expected |takes exactly |format specifier|\
integer|at least |allowed|expression |too large|(0 given)|negative|assignment|supported|character|\
function|invalid |format |memoryview: |convert |takes |division by zero|requires |class|\
out of range|object|in range(0|internal compiler error: no |Negative zero coercion (z) |needs |\
expressions |for |multiple |too many | must |descriptor |memoryview |bytes|only |\
Alternate form (#) |outside |starred |decimal |can't |complex |empty |number|keys in translate |\
specifier|super(): |' encountered in |async |float |field |arg |conversion |operand |from |\
at module level|complex() |unpacking |comprehension |should return |have |single |method |\
attribute|int |are |parenthesized|without |use |index |slice |statements |parentheses|length |\
too |nested |__index__ |operation |division |iterable |relative |__hash__ |bytearray|got |\
contain |include |follows |illegal |pop |here|most |count|zero";

/// How many words [`WORDS`] holds.
const COUNT: usize = count_words();
/// Words with a one-byte code.
const SHORT: usize = 28;
/// The byte that starts a two-byte code.
const LONG: u8 = 0x7f;

const _: () = assert!(COUNT > SHORT && COUNT - SHORT <= 95);

/// Where each word starts in [`WORDS`], and one past the end of the last plus its separator.
const STARTS: [u16; COUNT + 1] = starts();

const fn count_words() -> usize {
    let bytes = WORDS.as_bytes();
    let mut count = 1;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'|' {
            count += 1;
        }
        i += 1;
    }
    count
}

const fn starts() -> [u16; COUNT + 1] {
    let bytes = WORDS.as_bytes();
    let mut out = [0u16; COUNT + 1];
    let mut word = 1;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'|' {
            out[word] = (i + 1) as u16;
            word += 1;
        }
        i += 1;
    }
    out[COUNT] = (bytes.len() + 1) as u16;
    out
}

/// The bytes of word `k` (`k < COUNT`), as a range of [`WORDS`].
const fn word_range(k: usize) -> (usize, usize) {
    (STARTS[k] as usize, STARTS[k + 1] as usize - 1)
}

/// The code byte of word `k < SHORT`.
const fn short_code(k: usize) -> u8 {
    match k {
        0..=7 => k as u8 + 1,
        8 | 9 => k as u8 + 3,
        _ => k as u8 + 4,
    }
}

/// The word a one-byte code stands for, if `b` is one.
fn short_word(b: u8) -> Option<usize> {
    match b {
        1..=8 => Some(b as usize - 1),
        11 | 12 => Some(b as usize - 3),
        14..=31 => Some(b as usize - 4),
        _ => None,
    }
}

/// The longest word that `text` holds at `at`, if any.
const fn word_at(text: &[u8], at: usize) -> Option<usize> {
    let words = WORDS.as_bytes();
    let mut best: Option<usize> = None;
    let mut best_len = 0;
    let mut k = 0;
    while k < COUNT {
        let (start, end) = word_range(k);
        let len = end - start;
        if len > best_len && at + len <= text.len() {
            let mut i = 0;
            while i < len && text[at + i] == words[start + i] {
                i += 1;
            }
            if i == len {
                best = Some(k);
                best_len = len;
            }
        }
        k += 1;
    }
    best
}

/// The packed length of `text` (what [`pack`] needs as `N`).
pub const fn packed_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut len = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        assert!(
            b == b'\t' || b == b'\n' || b == b'\r' || (b >= 32 && b != LONG),
            "a packed message cannot hold control bytes or DEL"
        );
        match word_at(bytes, at) {
            Some(k) => {
                let (start, end) = word_range(k);
                at += end - start;
                len += if k < SHORT { 1 } else { 2 };
            }
            None => {
                at += 1;
                len += 1;
            }
        }
    }
    len
}

/// `text` packed, `N` being [`packed_len`] of it.
pub const fn pack<const N: usize>(text: &str) -> [u8; N] {
    let bytes = text.as_bytes();
    let mut out = [0u8; N];
    let mut len = 0;
    let mut at = 0;
    while at < bytes.len() {
        match word_at(bytes, at) {
            Some(k) => {
                let (start, end) = word_range(k);
                at += end - start;
                if k < SHORT {
                    out[len] = short_code(k);
                    len += 1;
                } else {
                    out[len] = LONG;
                    out[len + 1] = (k - SHORT) as u8 + 32;
                    len += 2;
                }
            }
            None => {
                out[len] = bytes[at];
                at += 1;
                len += 1;
            }
        }
    }
    out
}

/// A message packed by [`packed!`](crate::packed).
#[derive(Clone, Copy, Debug)]
pub struct Packed(&'static str);

impl Packed {
    /// Wraps text packed by [`pack`] (what `packed!` does).
    #[doc(hidden)]
    pub const fn new(text: &'static str) -> Packed {
        Packed(text)
    }

    /// The message as written.
    pub fn text(self) -> Cow<'static, str> {
        unpack(self.0)
    }
}

impl From<Packed> for String {
    fn from(msg: Packed) -> String {
        msg.text().into_owned()
    }
}

/// A message as written, from its packed form (text without codes comes back borrowed).
fn unpack(text: &str) -> Cow<'_, str> {
    let is_code = |b: u8| b == LONG || short_word(b).is_some();
    if !text.bytes().any(is_code) {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() * 2);
    let mut plain = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // A code: the word it stands for (`None` when truncated or unknown) and its length.
        let code = match short_word(b) {
            Some(k) => Some((Some(k), 1)),
            None if b == LONG => {
                let k = bytes
                    .get(at + 1)
                    .map(|&c| usize::from(c.wrapping_sub(32)) + SHORT);
                Some((k, 2))
            }
            None => None,
        };
        let Some((word, len)) = code else {
            at += 1;
            continue;
        };
        // Code bytes are ASCII, so `plain..at` ends on a character boundary.
        out.push_str(text.get(plain..at).unwrap_or(""));
        if let Some(k) = word.filter(|&k| k < COUNT) {
            let (start, end) = word_range(k);
            out.push_str(WORDS.get(start..end).unwrap_or(""));
        }
        at += len;
        plain = at;
    }
    out.push_str(text.get(plain..).unwrap_or(""));
    Cow::Owned(out)
}

/// A string literal packed at compile time (see the module doc), as a [`Packed`].
#[macro_export]
#[doc(hidden)]
macro_rules! packed {
    ($text:literal) => {{
        const PACKED: &str = {
            const BYTES: &[u8] = &$crate::format::packed::pack::<
                { $crate::format::packed::packed_len($text) },
            >($text);
            match core::str::from_utf8(BYTES) {
                Ok(text) => text,
                Err(_) => panic!("a packed message is ASCII where it was"),
            }
        };
        $crate::format::packed::Packed::new(PACKED)
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_come_back_as_written_and_shorter() {
        let cases: [(Packed, &str); 5] = [
            (
                crate::packed!("expected at least one argument, got 0"),
                "expected at least one argument, got 0",
            ),
            (
                crate::packed!("memoryview: invalid slice key"),
                "memoryview: invalid slice key",
            ),
            (crate::packed!("a b: xyz 123"), "a b: xyz 123"),
            (
                crate::packed!("caf\u{e9} \u{2192} string\targs\n"),
                "caf\u{e9} \u{2192} string\targs\n",
            ),
            (crate::packed!(""), ""),
        ];
        for (packed, plain) in cases {
            assert_eq!(packed.text(), plain);
            assert_eq!(String::from(packed), plain);
        }
        assert!(cases[0].0 .0.len() < cases[0].1.len() / 2);
        assert!(matches!(cases[2].0.text(), Cow::Borrowed(_)));
    }

    #[test]
    fn every_word_packs_to_its_code_and_back() {
        for k in 0..COUNT {
            let (start, end) = word_range(k);
            let word = &WORDS[start..end];
            assert!(!word.is_empty() && !word.contains('|'));
            let mut packed = alloc::vec::Vec::new();
            if k < SHORT {
                packed.push(short_code(k));
                assert_eq!(short_word(short_code(k)), Some(k));
            } else {
                packed.extend([LONG, (k - SHORT) as u8 + 32]);
            }
            let packed = core::str::from_utf8(&packed).unwrap();
            assert_eq!(unpack(packed), word, "word {k}");
        }
    }

    #[test]
    fn raised_messages_read_as_written_and_run_time_text_is_never_expanded() {
        use crate::obj::exception::ExcKind;
        use crate::runtime::Runtime;
        let mut rt = Runtime::new(
            1 << 16,
            alloc::boxed::Box::new(crate::tests::TestHost::default()),
        );
        let message = |rt: &mut Runtime| {
            let exc = rt.exc;
            rt.exc_str(exc).unwrap()
        };
        let _ = rt.type_error(crate::packed!("takes exactly one argument (0 given)"));
        assert_eq!(message(&mut rt), "takes exactly one argument (0 given)");
        // Text made at run time may hold the code bytes themselves.
        let made = alloc::format!("{}\u{7f}!{}", '\u{1}', '\u{2}');
        let _ = rt.raise(ExcKind::ValueError, &made);
        assert_eq!(message(&mut rt), made);
        let _ = rt.value_error("\u{3}");
        assert_eq!(message(&mut rt), "\u{3}");
    }

    #[test]
    fn codes_never_stand_for_tab_newline_or_return() {
        for k in 0..SHORT {
            assert!(!matches!(short_code(k), b'\t' | b'\n' | b'\r' | 0));
        }
        // A truncated or unknown long code expands to nothing rather than failing.
        assert_eq!(unpack("a\u{7f}"), "a");
        assert_eq!(unpack("a\u{7f}~b"), "ab");
    }
}
