//! The friendly REPL's line editor, MicroPython's readline: one input (several lines when a
//! statement continues) edited on a VT100 terminal. Left/right/home/end, backspace/delete, the
//! emacs keys (Ctrl-A/B/E/F/K/N/P/U), history on up/down, auto-indent after a colon and Tab
//! completion. The screen is redrawn from the cursor only, as MicroPython does, so a serial
//! terminal sees the same bytes. Text is UTF-8: a character's bytes are gathered before it is
//! inserted, the cursor steps over whole characters and the terminal is moved by characters
//! (one column each).

use super::complete::{complete, format_matches, Completer, Completion};
use crate::format::message::{fill, ToArg};
use alloc::string::String;
use alloc::vec::Vec;

/// Lines kept in the history.
const HISTORY: usize = 32;

const AUTO_INDENT_ENABLED: u8 = 1;
const AUTO_INDENT_JUST_ADDED: u8 = 2;

/// What a byte finished, when it finished something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Enter: the line is complete (the caller decides whether the input continues).
    Newline,
    /// A control key for the REPL: Ctrl-C always, Ctrl-A..Ctrl-E on an empty line.
    Control(u8),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    None,
    Esc,
    Bracket,
    BracketDigit(u8),
    O,
}

/// The line being edited and the editor's state across lines.
pub struct LineEditor {
    buf: Vec<u8>,
    /// Start of the line being edited (earlier lines of a continued input come before).
    start: usize,
    cursor: usize,
    escape: Escape,
    history: Vec<String>,
    /// Index into `history` shown now; `None` when editing a fresh line.
    hist_cur: Option<usize>,
    /// The newline byte just seen, so `\r\n` counts as one newline.
    last_nl: u8,
    auto_indent: u8,
    prompt: &'static str,
    limit: usize,
    /// The bytes of a UTF-8 character still being typed, and how many it has in all.
    partial: ([u8; 4], usize, usize),
}

impl LineEditor {
    /// An editor whose input is at most `limit` bytes (further typing is ignored).
    pub fn new(limit: usize) -> LineEditor {
        LineEditor {
            buf: Vec::new(),
            start: 0,
            cursor: 0,
            escape: Escape::None,
            history: Vec::new(),
            hist_cur: None,
            last_nl: 0,
            auto_indent: 0,
            prompt: "",
            limit,
            partial: ([0; 4], 0, 0),
        }
    }

    /// The input so far.
    pub fn text(&self) -> &[u8] {
        &self.buf
    }

    /// The history, most recent first.
    pub fn history(&self) -> &[String] {
        &self.history
    }

    /// Replace the history with `lines` (most recent first; the oldest beyond the limit are
    /// dropped).
    pub fn set_history(&mut self, mut lines: Vec<String>) {
        lines.truncate(HISTORY);
        self.history = lines;
    }

    /// Whether the line being edited is empty.
    pub fn line_is_empty(&self) -> bool {
        self.buf.len() == self.start
    }

    /// Start a fresh input: print `prompt`.
    pub fn begin(&mut self, prompt: &'static str, out: &mut Vec<u8>) {
        self.buf.clear();
        self.start = 0;
        self.cursor = 0;
        self.escape = Escape::None;
        self.hist_cur = None;
        self.prompt = prompt;
        self.auto_indent = AUTO_INDENT_ENABLED;
        out.extend_from_slice(prompt.as_bytes());
    }

    /// Continue the input on a new line: print `prompt` and indent as the last line asks.
    pub fn continue_line(&mut self, prompt: &'static str, out: &mut Vec<u8>) {
        self.buf.push(b'\n');
        self.start = self.buf.len();
        self.cursor = self.start;
        self.hist_cur = None;
        self.prompt = prompt;
        out.extend_from_slice(prompt.as_bytes());
        self.indent(out);
    }

    /// Auto-indent: the new line gets the previous line's indent, one level more after a
    /// colon; two blank lines in a row stop it.
    fn indent(&mut self, out: &mut Vec<u8>) {
        if self.auto_indent & AUTO_INDENT_ENABLED == 0 || self.buf.len() < 2 {
            return;
        }
        let body = &self.buf[..self.buf.len() - 1];
        let line_start = body.iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
        let line = &body[line_start..];
        let spaces = line.iter().take_while(|&&c| c == b' ').count();
        if line_start > 0 && spaces == line.len() {
            let before = &body[..line_start - 1];
            let prev_start = before
                .iter()
                .rposition(|&c| c == b'\n')
                .map_or(0, |i| i + 1);
            if prev_start > 0 && before[prev_start..].iter().all(|&c| c == b' ') {
                return;
            }
        }
        let mut levels = spaces / 4;
        if line.last() == Some(&b':') {
            levels += 1;
        }
        for _ in 0..levels {
            self.buf.extend_from_slice(b"    ");
            out.extend_from_slice(b"    ");
            self.cursor += 4;
            self.auto_indent |= AUTO_INDENT_JUST_ADDED;
        }
    }

    /// Newline bytes: `\r`, `\n`, and `\r\n` or `\n\r` as one.
    fn is_newline(&mut self, c: u8) -> bool {
        if (c == b'\r' || c == b'\n') && (self.last_nl == 0 || self.last_nl == c) {
            self.last_nl = c;
            return true;
        }
        self.last_nl = 0;
        false
    }

    /// Process one input byte, echoing and redrawing into `out`.
    pub fn process(
        &mut self,
        c: u8,
        out: &mut Vec<u8>,
        completer: &mut dyn Completer,
    ) -> Option<Key> {
        let old_len = self.buf.len();
        let mut back = 0;
        // The columns `back` spans, when its bytes are gone from the buffer already.
        let mut back_columns = None;
        let mut redraw = false;
        let mut forward = 0;
        if c.is_ascii() {
            self.partial.2 = 0;
        }
        match self.escape {
            Escape::None => match c {
                1..=5 if self.line_is_empty() => return Some(Key::Control(c)),
                3 => return Some(Key::Control(c)),
                1 => back = self.cursor - self.start,
                2 => back = self.cursor - self.char_before(self.cursor),
                4 => redraw = self.delete_at_cursor(),
                5 => forward = self.buf.len() - self.cursor,
                6 => forward = self.char_after(self.cursor) - self.cursor,
                11 => {
                    self.buf.truncate(self.cursor);
                    redraw = true;
                }
                14 => (back, back_columns, redraw, forward) = self.history_down(),
                16 => (back, back_columns, redraw, forward) = self.history_up(),
                21 => {
                    back_columns = Some(columns(&self.buf[self.start..self.cursor]));
                    self.buf.drain(self.start..self.cursor);
                    back = self.cursor - self.start;
                    redraw = true;
                }
                _ if self.is_newline(c) => {
                    out.extend_from_slice(b"\r\n");
                    self.push_history();
                    return Some(Key::Newline);
                }
                27 => self.escape = Escape::Esc,
                8 | 127 if self.cursor > self.start => {
                    let typed = &self.buf[self.start..self.cursor];
                    let n = if typed.len() >= 4 && typed.iter().all(|&c| c == b' ') {
                        4
                    } else {
                        self.cursor - self.char_before(self.cursor)
                    };
                    back_columns = Some(columns(&self.buf[self.cursor - n..self.cursor]));
                    self.buf.drain(self.cursor - n..self.cursor);
                    back = n;
                    redraw = true;
                }
                b'\t' | b' ' if self.auto_indent & AUTO_INDENT_JUST_ADDED != 0 => {
                    // Typing (or pasting) indentation after an auto-indent: stop indenting
                    // for this input; a space keeps one of the four added.
                    self.auto_indent = 0;
                    if c == b' ' {
                        self.buf.truncate(self.buf.len() - 3);
                        back = 3;
                        back_columns = Some(3);
                    }
                }
                b'\t' => (redraw, forward) = self.tab(out, completer),
                32..=126 if self.buf.len() < self.limit => {
                    self.buf.insert(self.cursor, c);
                    redraw = true;
                    forward = 1;
                }
                0x80..=0xFF => {
                    if let Some(n) = self.utf8_byte(c) {
                        redraw = true;
                        forward = n;
                    }
                }
                _ => {}
            },
            Escape::Esc => {
                self.escape = match c {
                    b'[' => Escape::Bracket,
                    b'O' => Escape::O,
                    _ => Escape::None,
                }
            }
            Escape::Bracket => {
                self.escape = Escape::None;
                match c {
                    b'0'..=b'9' => self.escape = Escape::BracketDigit(c),
                    b'A' => (back, back_columns, redraw, forward) = self.history_up(),
                    b'B' => (back, back_columns, redraw, forward) = self.history_down(),
                    b'C' => forward = self.char_after(self.cursor) - self.cursor,
                    b'D' => back = self.cursor - self.char_before(self.cursor),
                    b'H' => back = self.cursor - self.start,
                    b'F' => forward = self.buf.len() - self.cursor,
                    _ => {}
                }
            }
            Escape::BracketDigit(d) => {
                self.escape = Escape::None;
                if c == b'~' {
                    match d {
                        b'1' | b'7' => back = self.cursor - self.start,
                        b'4' | b'8' => forward = self.buf.len() - self.cursor,
                        b'3' => redraw = self.delete_at_cursor(),
                        _ => {}
                    }
                }
            }
            Escape::O => {
                self.escape = Escape::None;
                match c {
                    b'H' => back = self.cursor - self.start,
                    b'F' => forward = self.buf.len() - self.cursor,
                    _ => {}
                }
            }
        }
        if back > 0 {
            let n =
                back_columns.unwrap_or_else(|| columns(&self.buf[self.cursor - back..self.cursor]));
            move_back(n, out);
            self.cursor -= back;
        }
        if redraw {
            if self.buf.len() < old_len {
                out.extend_from_slice(b"\x1b[K");
            }
            out.extend_from_slice(&self.buf[self.cursor..]);
            move_back(columns(&self.buf[self.cursor + forward..]), out);
            self.cursor += forward;
        } else if forward > 0 {
            out.extend_from_slice(&self.buf[self.cursor..self.cursor + forward]);
            self.cursor += forward;
        }
        self.auto_indent &= !AUTO_INDENT_JUST_ADDED;
        None
    }

    fn delete_at_cursor(&mut self) -> bool {
        let end = self.char_after(self.cursor);
        self.buf.drain(self.cursor..end);
        end > self.cursor
    }

    /// Where the character before byte `at` starts (not before the line's start).
    fn char_before(&self, at: usize) -> usize {
        let mut i = at;
        while i > self.start {
            i -= 1;
            if !is_continuation(self.buf[i]) {
                break;
            }
        }
        i
    }

    /// Where the character at byte `at` ends.
    fn char_after(&self, at: usize) -> usize {
        let mut i = at;
        if i < self.buf.len() {
            i += 1;
            while i < self.buf.len() && is_continuation(self.buf[i]) {
                i += 1;
            }
        }
        i
    }

    /// A byte of a multi-byte UTF-8 character: gather it; when the character is complete
    /// (and fits), insert it at the cursor and return its length. Malformed input is dropped.
    fn utf8_byte(&mut self, c: u8) -> Option<usize> {
        let (bytes, have, need) = &mut self.partial;
        match c {
            0xC2..=0xDF => (*have, *need) = (1, 2),
            0xE0..=0xEF => (*have, *need) = (1, 3),
            0xF0..=0xF4 => (*have, *need) = (1, 4),
            0x80..=0xBF if *need > *have => *have += 1,
            _ => {
                *need = 0;
                return None;
            }
        }
        bytes[*have - 1] = c;
        if *have < *need {
            return None;
        }
        let n = *need;
        *need = 0;
        let text = bytes[..n].to_vec();
        if core::str::from_utf8(&text).is_err() || self.buf.len() + n > self.limit {
            return None;
        }
        self.buf.splice(self.cursor..self.cursor, text);
        Some(n)
    }

    /// Tab: four spaces after whitespace, otherwise complete the name before the cursor.
    fn tab(&mut self, out: &mut Vec<u8>, completer: &mut dyn Completer) -> (bool, usize) {
        let after_space = self.cursor > 0 && self.buf[self.cursor - 1].is_ascii_whitespace();
        let insert = if after_space {
            String::from("    ")
        } else {
            let line = core::str::from_utf8(&self.buf[self.start..self.cursor]).unwrap_or("");
            match complete(line, completer) {
                Completion::None => return (false, 0),
                Completion::Insert(text) => text,
                Completion::Many(matches) => {
                    format_matches(&matches, out);
                    out.extend_from_slice(self.prompt.as_bytes());
                    out.extend_from_slice(&self.buf[self.start..self.cursor]);
                    return (true, 0);
                }
            }
        };
        let insert =
            &insert.as_bytes()[..insert.len().min(self.limit.saturating_sub(self.buf.len()))];
        let at = self.cursor;
        self.buf.splice(at..at, insert.iter().copied());
        (true, insert.len())
    }

    fn push_history(&mut self) {
        let Ok(line) = core::str::from_utf8(&self.buf[self.start..]) else {
            return;
        };
        if line.is_empty() || self.history.first().is_some_and(|h| h == line) {
            return;
        }
        self.history.insert(0, String::from(line));
        self.history.truncate(HISTORY);
    }

    fn history_up(&mut self) -> (usize, Option<usize>, bool, usize) {
        let next = self.hist_cur.map_or(0, |i| i + 1);
        let Some(entry) = self.history.get(next) else {
            return (0, None, false, 0);
        };
        self.hist_cur = Some(next);
        self.show(entry.clone().as_bytes())
    }

    fn history_down(&mut self) -> (usize, Option<usize>, bool, usize) {
        let Some(cur) = self.hist_cur else {
            return (0, None, false, 0);
        };
        self.hist_cur = cur.checked_sub(1);
        let entry = match self.hist_cur {
            Some(i) => self.history.get(i).cloned().unwrap_or_default(),
            None => String::new(),
        };
        self.show(entry.as_bytes())
    }

    /// Replace the line with `text`; the redraw steps to show it (bytes and columns back to
    /// the line's start, redraw, bytes forward).
    fn show(&mut self, text: &[u8]) -> (usize, Option<usize>, bool, usize) {
        let back = self.cursor - self.start;
        let back_columns = columns(&self.buf[self.start..self.cursor]);
        self.buf.truncate(self.start);
        self.buf.extend_from_slice(text);
        // Move back to the line's start, redraw it, and end with the cursor after it.
        (back, Some(back_columns), true, text.len())
    }
}

/// A UTF-8 continuation byte (not the first of a character).
fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The terminal columns `text` takes: one per character.
fn columns(text: &[u8]) -> usize {
    text.iter().filter(|&&b| !is_continuation(b)).count()
}

/// Move the terminal cursor back `n` columns: backspaces for a few, `ESC [ n D` beyond.
fn move_back(n: usize, out: &mut Vec<u8>) {
    if n == 0 {
        return;
    }
    if n <= 4 {
        out.extend(core::iter::repeat_n(b'\x08', n));
    } else {
        out.extend_from_slice(fill("\x1b[{}D", &[n.arg()]).as_bytes());
    }
}
