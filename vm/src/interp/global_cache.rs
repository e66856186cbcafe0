//! A small two-way cache for global and builtin name lookups (`LOAD_GLOBAL`, `LOAD_NAME`'s
//! fallback), so a hot loop does not hash the name and probe the module dict, and then the
//! builtins dict, on every use. A name may be in either slot of its pair, the one used last
//! first: two names of one loop that map to the same pair, common among a module-level loop's
//! ten or so names, then both stay remembered instead of evicting each other on every use.
//!
//! An entry remembers where the name was found: an entry number in the globals dict, or (for a
//! name absent from the globals) an entry number in the builtins dict. A hit is checked before
//! it is used: the entry must still be live and hold the same interned name, and dict keys are
//! unique, so the value read there is the dict's current one. A name absent from the globals
//! stays absent until some dict gains a key, which bumps [`Runtime::dict_epoch`]; entries of the
//! builtins kind are valid only for the epoch they were made in. Nothing else needs
//! invalidating: deletions and resizes are caught by the entry check. Only a key added to a
//! dict that some builtins entry was made for (as its globals) can make a name absent from it
//! present, so the epoch is bumped only for dicts in [`Runtime::builtin_globals`], a 32-bit
//! summary of those dicts (a key added to an instance's attributes does not forget the
//! builtins its module uses).

use crate::runtime::{PyResult, Runtime};
use crate::value::Value;

/// Cache slots (a power of two).
pub const SLOTS: usize = 32;

/// One remembered lookup.
#[derive(Clone, Copy)]
pub struct Slot {
    globals: Value,
    name: Value,
    /// Entry number, with `BUILTIN` set when it is one of the builtins dict.
    entry: u32,
    /// `Runtime::dict_epoch` when a builtins entry was made.
    epoch: u32,
}

const BUILTIN: u32 = 1 << 31;

impl Slot {
    /// An unused slot (NULL never matches a name).
    pub const EMPTY: Slot = Slot {
        globals: Value::NULL,
        name: Value::NULL,
        entry: 0,
        epoch: 0,
    };
}

/// The bit of dict `d` in [`Runtime::builtin_globals`] (bits are shared: a dict may share
/// one with a globals dict, which costs only a needless bump of the epoch).
#[inline(always)]
fn summary_bit(d: Value) -> u32 {
    1 << ((d.0 >> 3) & 31)
}

/// The first of the two slots that may remember `name` looked up in `globals`.
#[inline]
fn slot_of(globals: Value, name: Value) -> usize {
    ((name.0 >> 1) ^ (globals.0 >> 2)) as usize & (SLOTS - 2)
}

impl Runtime {
    /// `name` (an interned name) in `globals`, then in the builtins; `None` if in neither.
    #[inline]
    pub fn lookup_global(&mut self, globals: Value, name: Value) -> Option<Value> {
        let i = slot_of(globals, name);
        self.lookup_slot(i, globals, name)
            .or_else(|| self.lookup_global_second(globals, name, i))
    }

    /// The value slot `i` remembers for `name` in `globals`, if it is that name's and the
    /// entry check passes.
    #[inline(always)]
    fn lookup_slot(&self, i: usize, globals: Value, name: Value) -> Option<Value> {
        let s = self.global_cache[i];
        if s.globals == globals && s.name == name {
            let hit = if s.entry & BUILTIN == 0 {
                self.dict_entry_inline(globals, s.entry as usize)
            } else if s.epoch == self.dict_epoch {
                self.dict_entry_inline(self.builtins, (s.entry & !BUILTIN) as usize)
            } else {
                None
            };
            if let Some((k, v)) = hit {
                if k == name {
                    return Some(v);
                }
            }
        }
        None
    }

    /// `lookup_global` when the first slot of pair `i` missed: the second, then the dicts
    /// (out of line, so that a first-slot hit costs what a one-slot cache's does).
    #[inline(never)]
    fn lookup_global_second(&mut self, globals: Value, name: Value, i: usize) -> Option<Value> {
        self.lookup_slot(i ^ 1, globals, name)
            .or_else(|| self.lookup_global_dicts(globals, name, i))
    }

    /// Remember `slot` first in pair `i`, the pair's previous first moving to second (unless
    /// it was `slot`'s own name, now stale).
    fn remember(&mut self, i: usize, slot: Slot) {
        let old = self.global_cache[i];
        if old.globals != slot.globals || old.name != slot.name {
            self.global_cache[i ^ 1] = old;
        }
        self.global_cache[i] = slot;
    }

    /// `lookup_global` on a cache miss: search the dicts and remember the answer in pair `i`.
    #[inline(never)]
    fn lookup_global_dicts(&mut self, globals: Value, name: Value, i: usize) -> Option<Value> {
        if let Some(e) = self.dict_index_q(globals, name) {
            let (k, v) = self.dict_entry(globals, e)?;
            if k == name && e < BUILTIN as usize {
                self.remember(
                    i,
                    Slot {
                        globals,
                        name,
                        entry: e as u32,
                        epoch: 0,
                    },
                );
            }
            return Some(v);
        }
        let b = self.builtins;
        let e = self.dict_index_q(b, name)?;
        let (k, v) = self.dict_entry(b, e)?;
        if k == name && e < BUILTIN as usize {
            self.remember(
                i,
                Slot {
                    globals,
                    name,
                    entry: e as u32 | BUILTIN,
                    epoch: self.dict_epoch,
                },
            );
            self.builtin_globals |= summary_bit(globals);
        }
        Some(v)
    }

    /// `ns[name] = v` for a namespace dict `ns` (globals, or a class body's or module's
    /// locals): in place when the cache knows the entry of `ns` holding `name` (the entry
    /// check is `lookup_global`'s), else as `dict_set` does.
    #[inline]
    pub fn store_global(&mut self, ns: Value, name: Value, v: Value) -> PyResult<()> {
        let i = slot_of(ns, name);
        let s = self.global_cache[i];
        let s = if s.globals == ns && s.name == name {
            Some(s)
        } else {
            let s = self.global_cache[i ^ 1];
            (s.globals == ns && s.name == name).then_some(s)
        };
        if let Some(s) = s {
            if s.entry & BUILTIN == 0 {
                if let Some((k, _)) = self.dict_entry_inline(ns, s.entry as usize) {
                    if k == name {
                        self.dict_entry_set_value(ns, s.entry as usize, v);
                        return Ok(());
                    }
                }
            }
        }
        self.dict_set(ns, name, v)
    }

    /// Note that dict `d` gained a key: names found missing from it, if it is a globals dict,
    /// may be there now.
    #[inline]
    pub fn note_dict_key_added(&mut self, d: Value) {
        // A dict no builtins entry was made for (none of them has its bit) cannot falsify one.
        if self.builtin_globals & summary_bit(d) == 0 {
            return;
        }
        self.dict_epoch = self.dict_epoch.wrapping_add(1);
        if self.dict_epoch == 0 {
            // After a wrap an old epoch could match again: forget everything instead.
            self.global_cache = [Slot::EMPTY; SLOTS];
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::TestHost;
    use crate::vm::{Config, Outcome, Vm};

    #[test]
    fn a_name_added_to_a_globals_dict_hides_the_builtin_cached_for_it() {
        let mut vm = Vm::new(Config::default(), TestHost::default()).expect("a VM");
        let src = "class C:\n    pass\n\
                   def f():\n    return len([1, 2])\n\
                   print(f())\n\
                   c = C()\nc.x = 1\nc.y = 2\n\
                   print(f())\n\
                   g = {}\nexec('def h():\\n    return abs(-3)\\n', g)\n\
                   print(g['h']())\ng['abs'] = str\nprint(g['h']())\n\
                   d = C().__dict__\nexec('def k():\\n    return min(4, 5)\\n', d)\n\
                   print(d['k']())\nd['min'] = max\nprint(d['k']())\n\
                   o = C()\no.p = 0\nexec('def m():\\n    return round(2.5)\\n', o.__dict__)\n\
                   print(o.m())\no.round = abs\nprint(o.m())\n";
        assert_eq!(vm.run_source(src, "t.py"), Outcome::Ok);
        assert_eq!(
            alloc::string::String::from_utf8_lossy(&vm.host().out),
            "2\n2\n3\n-3\n4\n5\n2\n2.5\n"
        );
    }
}
