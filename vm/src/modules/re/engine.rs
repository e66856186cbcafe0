//! The backtracking engine: runs a program from `super::compile` over a text.
//!
//! Backtracking is iterative: alternatives and the capture/register values to restore are
//! entries of an explicit stack, never Rust recursion (only a lookaround runs a nested machine,
//! and lookarounds nest at most [`MAX_NESTING`] deep). Two budgets bound a run whatever the
//! pattern: [`Budget::steps`] (instructions executed, so `(a*)*b` stops instead of running for
//! ages) and [`Budget::max_stack`] (backtrack entries alive, which the caller sizes from the free
//! heap, so host memory stays within what the Python heap could have held).
//!
//! Texts are bytes: a str is matched over its UTF-8 encoding (positions are byte offsets on
//! char boundaries), a bytes object byte by byte.

use super::compile::{assert, cat, fold, op, ASCII_BIT, CAT_BASE, MAX_NESTING};
use alloc::vec;
use alloc::vec::Vec;

/// Capture slot value of a group that did not take part.
pub const UNSET: usize = usize::MAX;

/// Limits of one matching operation.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    /// Instructions left to run.
    pub steps: u64,
    /// Most backtrack entries alive at once.
    pub max_stack: usize,
}

/// Why a run stopped without an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// The step budget ran out.
    Steps,
    /// The backtrack stack reached its limit.
    Memory,
}

/// Bytes of host memory one backtrack entry takes (for sizing [`Budget::max_stack`]).
pub const ENTRY_BYTES: usize = core::mem::size_of::<Entry>();

#[derive(Clone, Copy)]
enum Entry {
    Alt(u32, usize),
    Cap(u32, usize),
    Reg(u32, usize),
}

/// A matcher of one program over one text.
pub struct Matcher<'a> {
    code: &'a [u32],
    text: &'a [u8],
    utf8: bool,
    /// Capture slots (`2*g`, `2*g+1`), [`UNSET`] when not set.
    pub caps: Vec<usize>,
    regs: Vec<usize>,
    budget: Budget,
    live: usize,
    first: Option<u8>,
    anchored: bool,
}

/// How a top-level match must end.
#[derive(Clone, Copy, Default)]
pub struct Mode {
    /// The match must reach the end of the text (`fullmatch`).
    pub full: bool,
    /// The match must not be empty at its start position (after an empty match, in `sub`,
    /// `split`, `findall`…).
    pub must_advance: bool,
}

impl<'a> Matcher<'a> {
    /// A matcher for `code` over `text` (`utf8`: a str's encoding).
    pub fn new(code: &'a [u32], text: &'a [u8], utf8: bool, budget: Budget) -> Matcher<'a> {
        let word = |i: usize| code.get(i).copied().unwrap_or(0) as usize;
        // Sizes come from the program header, capped by its length (a program has a SAVE or
        // MARK per slot or register).
        let regs = word(0).min(code.len());
        let caps = word(1).min(code.len()).max(2);
        let first = (code.get(2..5) == Some(&[op::SAVE, 0, op::CHAR][..]))
            .then(|| code.get(5).copied())
            .flatten()
            .filter(|&c| c < 0x80 || !utf8 && c < 0x100)
            .map(|c| c as u8);
        let anchored = code.get(2..6) == Some(&[op::SAVE, 0, op::ASSERT, assert::START][..]);
        Matcher {
            code,
            text,
            utf8,
            caps: vec![UNSET; caps],
            regs: vec![UNSET; regs],
            budget,
            live: 0,
            first,
            anchored,
        }
    }

    /// Steps left in the budget.
    pub fn steps_left(&self) -> u64 {
        self.budget.steps
    }

    /// Match at `pos` only.
    pub fn match_at(&mut self, pos: usize, mode: Mode) -> Result<bool, Stop> {
        self.caps.iter_mut().for_each(|c| *c = UNSET);
        self.regs.iter_mut().for_each(|c| *c = UNSET);
        Ok(self.run(2, pos, Some((mode, pos)), None, 0)?.is_some())
    }

    /// The first match starting at or after `pos`.
    pub fn search(&mut self, mut pos: usize, mut mode: Mode) -> Result<bool, Stop> {
        let n = self.text.len();
        loop {
            if let Some(b) = self.first {
                match self
                    .text
                    .get(pos..)
                    .and_then(|t| t.iter().position(|&x| x == b))
                {
                    Some(i) => pos += i,
                    None => return Ok(false),
                }
            }
            if self.match_at(pos, mode)? {
                return Ok(true);
            }
            // Only a match at the first position may be refused for being empty.
            mode.must_advance = false;
            if pos >= n || self.anchored {
                return Ok(false);
            }
            pos += self.char_at(pos).map_or(1, |c| c.1);
        }
    }

    fn word(&self, i: u32) -> u32 {
        self.code.get(i as usize).copied().unwrap_or(0)
    }

    /// The char at byte `pos` and its length in bytes.
    #[inline]
    fn char_at(&self, pos: usize) -> Option<(u32, usize)> {
        let b0 = *self.text.get(pos)?;
        if b0 < 0x80 || !self.utf8 {
            return Some((b0 as u32, 1));
        }
        let n = match b0 {
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            _ => 4,
        };
        let mut c = (b0 as u32) & (0x7f >> n);
        for i in 1..n {
            c = (c << 6) | (*self.text.get(pos + i)? as u32 & 0x3f);
        }
        Some((c, n))
    }

    /// The char ending at byte `pos` and its length.
    fn char_before(&self, pos: usize) -> Option<(u32, usize)> {
        if pos == 0 || pos > self.text.len() {
            return None;
        }
        let mut s = pos - 1;
        if self.utf8 {
            while s > 0 && self.text.get(s).is_some_and(|b| b & 0xc0 == 0x80) && pos - s < 4 {
                s -= 1;
            }
        }
        self.char_at(s).map(|(c, _)| (c, pos - s))
    }

    fn is_word(&self, c: u32, ascii: bool) -> bool {
        if c < 0x80 {
            return c == '_' as u32 || (c as u8).is_ascii_alphanumeric();
        }
        !ascii && char::from_u32(c).is_some_and(crate::format::is_alnum)
    }

    fn in_category(&self, k: u32, c: u32) -> bool {
        let ascii = k & ASCII_BIT != 0 || !self.utf8;
        let ch = char::from_u32(c);
        let r = match (k & !ASCII_BIT) & !1 {
            cat::DIGIT => {
                (0x30..0x3a).contains(&c)
                    || (!ascii && c >= 0x80 && ch.is_some_and(crate::format::is_digit))
            }
            cat::WORD => self.is_word(c, ascii),
            _ => {
                matches!(c, 0x09..=0x0d | 0x20)
                    || (!ascii
                        && (matches!(c, 0x1c..=0x1f)
                            || (c >= 0x80 && ch.is_some_and(crate::format::is_space))))
            }
        };
        r != (k & 1 == 1)
    }

    fn class_has(&self, pc: u32, c: u32) -> bool {
        let n = self.word(pc + 1);
        let flags = self.word(pc + 2);
        let icase = flags & 2 != 0;
        let (lc, uc) = if icase {
            (fold(c), crate::format::case_map::upper_char(c))
        } else {
            (c, c)
        };
        let mut hit = false;
        for i in 0..n {
            let lo = self.word(pc + 3 + 2 * i);
            let hi = self.word(pc + 4 + 2 * i);
            hit = if lo >= CAT_BASE {
                self.in_category(lo - CAT_BASE, c)
            } else {
                (lo..=hi).contains(&c)
                    || (icase && ((lo..=hi).contains(&lc) || (lo..=hi).contains(&uc)))
            };
            if hit {
                break;
            }
        }
        hit != (flags & 1 != 0)
    }

    fn assertion(&self, kind: u32, pos: usize) -> bool {
        let n = self.text.len();
        match kind {
            assert::START => pos == 0,
            assert::BOL => pos == 0 || self.text.get(pos - 1) == Some(&b'\n'),
            assert::END_NL => pos == n || (pos + 1 == n && self.text.get(pos) == Some(&b'\n')),
            assert::EOL => pos == n || self.text.get(pos) == Some(&b'\n'),
            assert::END => pos == n,
            // CPython's `\B` never matches in an empty text.
            _ if n == 0 => false,
            _ => {
                let ascii = kind & ASCII_BIT != 0;
                let before = self
                    .char_before(pos)
                    .is_some_and(|(c, _)| self.is_word(c, ascii));
                let after = self
                    .char_at(pos)
                    .is_some_and(|(c, _)| self.is_word(c, ascii));
                (before != after) == (kind & !ASCII_BIT == assert::WORD_B)
            }
        }
    }

    fn backref(&self, g: u32, icase: bool, pos: usize) -> Option<usize> {
        let s = *self.caps.get(2 * g as usize)?;
        let e = *self.caps.get(2 * g as usize + 1)?;
        let want = self.text.get(s..e)?;
        if !icase {
            return (self.text.get(pos..pos + want.len())? == want).then_some(pos + want.len());
        }
        let (mut i, mut p) = (s, pos);
        while i < e {
            let (a, la) = self.char_at(i)?;
            let (b, lb) = self.char_at(p)?;
            if fold(a) != fold(b) {
                return None;
            }
            i += la;
            p += lb;
        }
        Some(p)
    }

    fn push(&mut self, stack: &mut Vec<Entry>, e: Entry) -> Result<(), Stop> {
        if self.live >= self.budget.max_stack {
            return Err(Stop::Memory);
        }
        self.live += 1;
        stack.push(e);
        Ok(())
    }

    /// Run from `pc` at `pos`; the end position on a match. `top`: the mode and start of a
    /// top-level match; `end_at`: a lookbehind's sub-match must end there.
    fn run(
        &mut self,
        mut pc: u32,
        mut pos: usize,
        top: Option<(Mode, usize)>,
        end_at: Option<usize>,
        depth: usize,
    ) -> Result<Option<usize>, Stop> {
        let mut stack: Vec<Entry> = Vec::new();
        let base = self.live;
        let r = self.run_loop(&mut pc, &mut pos, top, end_at, depth, &mut stack);
        self.live = base;
        r
    }

    fn run_loop(
        &mut self,
        pc: &mut u32,
        pos: &mut usize,
        top: Option<(Mode, usize)>,
        end_at: Option<usize>,
        depth: usize,
        stack: &mut Vec<Entry>,
    ) -> Result<Option<usize>, Stop> {
        loop {
            if self.budget.steps == 0 {
                return Err(Stop::Steps);
            }
            self.budget.steps -= 1;
            let ok = match self.word(*pc) {
                op::CHAR | op::CHAR_I => {
                    let want = self.word(*pc + 1);
                    let icase = self.word(*pc) == op::CHAR_I;
                    match self.char_at(*pos) {
                        Some((c, n)) if c == want || (icase && fold(c) == want) => {
                            *pos += n;
                            *pc += 2;
                            true
                        }
                        _ => false,
                    }
                }
                k @ (op::ANY | op::ANY_ALL) => match self.char_at(*pos) {
                    Some((c, n)) if k == op::ANY_ALL || c != '\n' as u32 => {
                        *pos += n;
                        *pc += 1;
                        true
                    }
                    _ => false,
                },
                op::CLASS => match self.char_at(*pos) {
                    Some((c, n)) if self.class_has(*pc, c) => {
                        *pos += n;
                        *pc += 3 + 2 * self.word(*pc + 1);
                        true
                    }
                    _ => false,
                },
                op::SPLIT => {
                    let other = self.word(*pc + 2);
                    self.push(stack, Entry::Alt(other, *pos))?;
                    *pc = self.word(*pc + 1);
                    true
                }
                op::JMP => {
                    *pc = self.word(*pc + 1);
                    true
                }
                op::SAVE => {
                    let s = self.word(*pc + 1);
                    if let Some(&old) = self.caps.get(s as usize) {
                        self.push(stack, Entry::Cap(s, old))?;
                        self.caps[s as usize] = *pos;
                    }
                    *pc += 2;
                    true
                }
                op::MARK => {
                    let r = self.word(*pc + 1);
                    if let Some(&old) = self.regs.get(r as usize) {
                        self.push(stack, Entry::Reg(r, old))?;
                        self.regs[r as usize] = *pos;
                    }
                    *pc += 2;
                    true
                }
                op::PROGRESS => {
                    let r = self.word(*pc + 1) as usize;
                    *pc = if self.regs.get(r) == Some(pos) {
                        self.word(*pc + 2)
                    } else {
                        *pc + 3
                    };
                    true
                }
                op::ASSERT => {
                    let k = self.word(*pc + 1);
                    *pc += 2;
                    self.assertion(k, *pos)
                }
                op::BACKREF => {
                    let g = self.word(*pc + 1);
                    let icase = self.word(*pc + 2) != 0;
                    *pc += 3;
                    match self.backref(g, icase, *pos) {
                        Some(p) => {
                            *pos = p;
                            true
                        }
                        None => false,
                    }
                }
                op::LOOK => self.look(pc, *pos, depth, stack)?,
                op::MATCH => {
                    let ok = match (top, end_at) {
                        (Some((mode, start)), _) => {
                            (!mode.full || *pos == self.text.len())
                                && (!mode.must_advance || *pos != start)
                        }
                        (None, Some(e)) => *pos == e,
                        (None, None) => true,
                    };
                    if ok {
                        return Ok(Some(*pos));
                    }
                    false
                }
                _ => false,
            };
            if ok {
                continue;
            }
            // Fail: undo to the newest alternative.
            loop {
                match stack.pop() {
                    None => return Ok(None),
                    Some(e) => {
                        self.live -= 1;
                        match e {
                            Entry::Alt(p, s) => {
                                *pc = p;
                                *pos = s;
                                break;
                            }
                            Entry::Cap(i, old) => {
                                if let Some(c) = self.caps.get_mut(i as usize) {
                                    *c = old;
                                }
                            }
                            Entry::Reg(i, old) => {
                                if let Some(c) = self.regs.get_mut(i as usize) {
                                    *c = old;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A lookaround at `pc`: on success `pc` moves past it.
    fn look(
        &mut self,
        pc: &mut u32,
        pos: usize,
        depth: usize,
        stack: &mut Vec<Entry>,
    ) -> Result<bool, Stop> {
        if depth >= MAX_NESTING {
            return Err(Stop::Steps);
        }
        let kind = self.word(*pc + 1);
        let width = self.word(*pc + 2);
        let end = self.word(*pc + 3);
        let (neg, behind) = (kind & 1 != 0, kind & 2 != 0);
        let start = if behind {
            let mut s = Some(pos);
            for _ in 0..width {
                s = s.and_then(|p| self.char_before(p).map(|(_, n)| p - n));
            }
            s
        } else {
            Some(pos)
        };
        let saved = self.caps.clone();
        let found = match start {
            Some(s) => self
                .run(*pc + 4, s, None, behind.then_some(pos), depth + 1)?
                .is_some(),
            None => false,
        };
        if found == neg {
            self.caps = saved;
            return Ok(false);
        }
        if neg {
            self.caps = saved;
        } else {
            for (i, &old) in saved.iter().enumerate() {
                if self.caps.get(i) != Some(&old) {
                    self.push(stack, Entry::Cap(i as u32, old))?;
                }
            }
        }
        *pc = end;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::super::compile::compile;
    use super::*;

    const BIG: Budget = Budget {
        steps: 1_000_000,
        max_stack: 100_000,
    };

    fn find(p: &str, t: &str) -> Option<(usize, usize)> {
        let pc: Vec<u32> = p.chars().map(|c| c as u32).collect();
        let c = compile(&pc, true, 0).unwrap();
        let mut m = Matcher::new(&c.code, t.as_bytes(), true, BIG);
        m.search(0, Mode::default())
            .unwrap()
            .then(|| (m.caps[0], m.caps[1]))
    }

    #[test]
    fn basics() {
        assert_eq!(find("b+", "abbbc"), Some((1, 4)));
        assert_eq!(find("b+?", "abbbc"), Some((1, 2)));
        assert_eq!(find("x", "abc"), None);
        assert_eq!(find(r"\bfoo\b", "a foo b"), Some((2, 5)));
        assert_eq!(find("(?<=a)b", "cbab"), Some((3, 4)));
        assert_eq!(find("a(?!b)", "abac"), Some((2, 3)));
        assert_eq!(find(r"(a)\1", "xaa"), Some((1, 3)));
        assert_eq!(find("é+", "aééb"), Some((1, 5)));
        assert_eq!(find("[^a]", "aaé"), Some((2, 4)));
    }

    #[test]
    fn catastrophic_pattern_stops_within_its_budget() {
        let pc: Vec<u32> = "(a*)*b".chars().map(|c| c as u32).collect();
        let c = compile(&pc, true, 0).unwrap();
        let text = "a".repeat(30);
        let mut m = Matcher::new(&c.code, text.as_bytes(), true, BIG);
        assert_eq!(m.search(0, Mode::default()), Err(Stop::Steps));
        assert_eq!(m.steps_left(), 0);
    }

    #[test]
    fn stack_is_bounded() {
        let pc: Vec<u32> = "(?:a|b)*c".chars().map(|c| c as u32).collect();
        let c = compile(&pc, true, 0).unwrap();
        let text = "ab".repeat(10_000);
        let b = Budget {
            steps: u64::MAX,
            max_stack: 1000,
        };
        let mut m = Matcher::new(&c.code, text.as_bytes(), true, b);
        assert_eq!(m.match_at(0, Mode::default()), Err(Stop::Memory));
    }

    #[test]
    fn garbage_programs_do_not_panic() {
        let text = b"aaaa";
        for seed in 0u32..2000 {
            let mut x = seed.wrapping_mul(2_654_435_761);
            let code: Vec<u32> = (0..12)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    x % 20
                })
                .collect();
            let mut m = Matcher::new(&code, text, true, BIG);
            let _ = m.search(0, Mode::default());
        }
    }
}
