//! Short names kept end to end in one text, with where each one ends: two bytes a name, where
//! a table of `&str` takes eight on 32-bit targets. The builtin types' names and the heap
//! kinds' names are kept this way.

/// Names end to end, and where each ends in the text. Made by [`name_table!`](crate::name_table).
pub struct NameTable<const N: usize> {
    text: &'static str,
    ends: [u16; N],
}

impl<const N: usize> NameTable<N> {
    /// The table of the names `text` holds end to end, `lens` their lengths.
    pub const fn new(text: &'static str, lens: [usize; N]) -> NameTable<N> {
        let mut ends = [0u16; N];
        let (mut at, mut i) = (0, 0);
        while i < N {
            at += lens[i];
            assert!(at <= u16::MAX as usize, "a name table past 64 KiB");
            ends[i] = at as u16;
            i += 1;
        }
        assert!(at == text.len());
        NameTable { text, ends }
    }

    /// Name `i`, or "?" past the end.
    pub fn get(&self, i: usize) -> &'static str {
        let end = self.ends.get(i).map_or(0, |&e| usize::from(e));
        let start = i
            .checked_sub(1)
            .and_then(|j| self.ends.get(j))
            .map_or(0, |&e| usize::from(e));
        self.text.get(start..end).unwrap_or("?")
    }
}

/// A [`NameTable`] of the literal names given, in order.
#[macro_export]
#[doc(hidden)]
macro_rules! name_table {
    ($($n:literal),* $(,)?) => {
        $crate::format::name_table::NameTable::new(concat!($($n),*), [$($n.len()),*])
    };
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_come_back_in_order_and_past_the_end_is_a_question_mark() {
        const T: super::NameTable<3> = crate::name_table!("object", "", "type");
        assert_eq!(
            (T.get(0), T.get(1), T.get(2), T.get(3)),
            ("object", "", "type", "?")
        );
    }
}
