//! The interpreter loop: one loop runs every Python frame; a Python call pushes a heap frame
//! and the loop continues with it, a return pops it. The loop can stop between any two
//! instructions (fuel, `time.sleep`) and resume later from `Runtime::frame`.
//!
//! Each frame's flags say what its return (or yield) means to the caller (see `frame.rs`):
//! push the value, replace it by the new instance (`__init__`), jump (FOR_ITER over a
//! generator), continue a `yield from`, or leave this loop (a native caller's nested run).

use super::frame::*;
use crate::bytecode::code::CodeObject;
use crate::bytecode::opcode::Opcode;
use crate::format::message::{fill, ToArg};
use crate::obj::exception::ExcKind;
use crate::obj::func::*;
use crate::obj::kind::Kind;
use crate::obj::layout::{CELL_VALUE, GEN_FRAME, GEN_STATE};
use crate::qstr;
use crate::runtime::{PyResult, Raised, Runtime};
use crate::value::Value;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// Why the loop stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// The entry frame returned this value.
    Return(Value),
    /// The entry frame (a generator) yielded this value.
    Yield(Value),
    /// Fuel ran out; `Runtime::frame` resumes.
    Fuel,
    /// `time.sleep` parked the VM until `Runtime::sleep_until`.
    Sleep,
}

/// Generator state: created, not started.
pub const GEN_CREATED: i32 = 0;
/// Generator state: suspended at a yield.
pub const GEN_SUSPENDED: i32 = 1;
/// Generator state: running.
pub const GEN_RUNNING: i32 = 2;
/// Generator state: finished.
pub const GEN_DONE: i32 = 3;

/// Instructions (estimated from bytecode length) between checks of the host's interrupt flag.
pub(crate) const INTERRUPT_EVERY: u32 = 1024;

/// What a call site gets back from `prepare_call`.
pub enum Prepared {
    /// A new frame to run, with its continuation kind and argument.
    Frame(Value, u32, Value),
    /// The call already finished with this value.
    Done(Value),
}

impl Runtime {
    /// Link `frame` on top of the current frame with continuation `cont`/`arg`.
    #[inline]
    pub(crate) fn link_frame(&mut self, frame: Value, flags: u32, arg: Value) -> PyResult<()> {
        if self.depth >= self.max_depth {
            if self.heap.val(Runtime::blk(frame), F_GEN).is_null() {
                self.heap.free(Runtime::blk(frame));
            }
            return Err(self.raise(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        let f = Runtime::blk(frame);
        self.heap.set_val(f, F_BACK, self.frame);
        let keep = self.frame_flags(f) & FLAG_GEN;
        self.set_frame_flags(f, flags | keep);
        self.heap.set_val(f, F_CONT, arg);
        self.frame = frame;
        self.depth += 1;
        Ok(())
    }

    /// Link a frame fresh from `fast_frame` (a plain call: its flags, continuation and
    /// generator words are already right) on top of the current frame.
    #[inline(always)]
    fn link_fresh_frame(&mut self, f: u32) -> PyResult<()> {
        if self.depth >= self.max_depth {
            return self.link_frame(Value::handle(f), CONT_CALL, Value::NULL);
        }
        self.heap.set_val(f, F_BACK, self.frame);
        self.frame = Value::handle(f);
        self.depth += 1;
        Ok(())
    }

    /// Run the loop from the current frame. `budget` makes it spend `fuel` (top level only).
    pub(crate) fn run(&mut self, fuel: &mut u32, budget: bool, throw: bool) -> PyResult<Exit> {
        let mut pending: Option<Raised> = if throw { Some(Raised) } else { None };
        'outer: loop {
            if self.frame.is_null() {
                return Ok(Exit::Return(Value::NONE));
            }
            // Entering a frame is a safe point: every frame's state is saved.
            if self.gen_finalizers.pending() && pending.is_none() {
                self.run_generator_finalizers();
            }
            let fv = self.frame;
            let f = Runtime::blk(fv);
            let fb = crate::heap::Heap::base(f);
            // The frame's fixed words and its code's header, each read after one bounds
            // check: every call and return comes through here.
            let head: Option<&[u32; F_LOCALS0]> = self
                .heap
                .words
                .get(fb..fb + F_LOCALS0)
                .and_then(|h| h.try_into().ok());
            let Some((hdr, codev, pc, sp)) =
                head.map(|h| (h[0], Value(h[F_CODE]), Value(h[F_PC]), Value(h[F_SP])))
            else {
                return Err(self.type_error("frame outside the heap"));
            };
            let cb = Runtime::blk(codev);
            let cw = crate::heap::Heap::base(cb);
            let co: Option<&[u32; CO_CONSTS]> = self
                .heap
                .words
                .get(cw..cw + CO_CONSTS)
                .and_then(|h| h.try_into().ok());
            // `code_of`, inlined, without taking a count of the `Rc`.
            let code = match co.and_then(|co| Value(co[CO_INDEX]).as_small()) {
                Some(i) => match self.codes.get(i as usize) {
                    Some(Some(c)) => Some(Rc::as_ptr(c)),
                    _ => None,
                },
                None => None,
            };
            let (Some(code), Some(co)) = (code, co) else {
                return Err(self.type_error("frame without code"));
            };
            // The code object holds its constants from `CO_CONSTS` and its names from there.
            let names = Value(co[CO_NAMES]).known_small() as usize;
            // SAFETY: the registry's `Rc` of this code is dropped only when the collector
            // sweeps the heap code object `codev`; this frame refers to it (`F_CODE`, never
            // rewritten) and is the current frame, reachable from `self.frame`, for as long as
            // this loop runs it: an instruction that unlinks it leaves with `continue 'outer`
            // or a return, and the unwinding below takes its own `Rc` before anything can
            // collect.
            let code_rc: &CodeObject = unsafe { &*code };
            let sb = fb + (hdr >> 8) as usize;
            let l0 = fb + F_LOCALS0;
            let pc = pc.known_small() as usize;
            let sp = sp.known_small() as usize;
            let bytes: &[u8] = &code_rc.code;
            let code_at = bytes.as_ptr();
            // The next instruction as a pointer into the code, so that reading an opcode or an
            // operand is one access at a constant offset; `pc!()` is its index, stored in the
            // frame as `F_PC`. It moves only by `wrapping_add`/`wrapping_sub` (a resumed
            // frame's pc is checked below before anything is read there).
            let mut ip: *const u8 = code_at.wrapping_add(pc);
            macro_rules! pc {
                () => {
                    (ip as usize).wrapping_sub(code_at as usize)
                };
            }
            // The value stack and the fast locals are read and written without bounds checks.
            // Sound because: every code object the loop runs has passed the verifier (the
            // compiler's output: checked over the conformance suite and by the `compile` fuzz
            // target; precompiled code at load time), which proves each instruction keeps
            // `0 <= sp <= max_stack` and each local index below `varnames.len()`; every frame
            // is allocated with `max_stack + 1` words from `sb`, its locals below `sb`, inside
            // the arena (a heap block).
            // The frame fits its code by construction, so entering it (every call and every
            // return) checks nothing more: each frame is allocated in one heap block by
            // `new_fast_frame`, `make_frame` or `make_module_frame` as `base + max_stack + 1`
            // words of the code in its `F_CODE` (never rewritten), with its stack base `base`
            // (the header's aux) past its locals and cells; and the heap code object, also one
            // block, is laid out by `load_code` as `CO_CONSTS`, the constants, then its names
            // from `names` (and its variable names after them). A return frees the frame by the
            // same size.
            let max_stack = code_rc.max_stack as usize;
            debug_assert!(
                sb + max_stack < self.heap.words.len() && l0 + code_rc.varnames.len() <= sb
            );
            debug_assert!(
                CO_CONSTS + code_rc.consts.len() == names
                    && cw + names + code_rc.names.len() <= self.heap.words.len()
            );

            // The frame's words, its fast locals and its value stack as raw pointers into the
            // arena, so that a push or a local's load is one address computation.
            // SAFETY (every use below): the arena is allocated once and never moves or grows
            // (heap/mod.rs), so these stay valid for the whole run of this frame; a frame is
            // only freed when this loop leaves it (`continue 'outer` or return); and no
            // reference into the arena is held across the accesses.
            let arena = self.heap.words.as_mut_ptr();
            // SAFETY: `fb <= l0 <= sb <= sb + max_stack + 1 <= words.len()` (see above).
            let (frame_w, locals, stack) = unsafe { (arena.add(fb), arena.add(l0), arena.add(sb)) };
            // SAFETY: `cw + names + names.len() <= words.len()` (see above).
            let code_w = unsafe { arena.add(cw) };
            // The top of the value stack as a pointer (one past the top item), so that a push,
            // a pop or an operand's read is one access at a constant offset with no index
            // arithmetic; `depth!()` is its index, stored in the frame as `F_SP`. It moves only
            // by `wrapping_add`/`wrapping_sub`, and the verifier keeps it within the stack.
            let mut sp: *mut u32 = stack.wrapping_add(sp);
            macro_rules! depth {
                () => {{
                    // SAFETY: `sp` and `stack` point into the same frame, `sp` a whole number of
                    // words at or above `stack` (see above).
                    unsafe { sp.offset_from(stack) as usize }
                }};
            }

            macro_rules! push {
                ($v:expr) => {{
                    let v: Value = $v;
                    debug_assert!(depth!() <= max_stack);
                    // SAFETY: `depth!() <= max_stack`, inside the frame (see above).
                    unsafe { *sp = v.0 };
                    sp = sp.wrapping_add(1);
                }};
            }
            macro_rules! pop {
                () => {{
                    debug_assert!(depth!() >= 1 && depth!() <= max_stack + 1);
                    sp = sp.wrapping_sub(1);
                    // SAFETY: the verifier proves the stack holds what an instruction pops.
                    Value(unsafe { *sp })
                }};
            }
            macro_rules! top {
                () => {{
                    debug_assert!(depth!() >= 1 && depth!() <= max_stack + 1);
                    // SAFETY: as for `pop!`.
                    Value(unsafe { *sp.sub(1) })
                }};
            }
            macro_rules! peek {
                ($n:expr) => {{
                    debug_assert!(depth!() > $n && depth!() <= max_stack + 1);
                    // SAFETY: as for `pop!`.
                    Value(unsafe { *sp.sub(1 + $n) })
                }};
            }
            // The frame's fixed words lie below its locals: `fb + F_PC < l0 <= sb`, and `sb` is
            // inside the arena (both by construction, above).
            macro_rules! save {
                () => {{
                    let d = depth!();
                    // SAFETY: `F_SP < F_PC < l0 - fb`, inside the frame (see above).
                    unsafe {
                        *frame_w.add(F_PC) = Value::small(pc!() as i32).0;
                        *frame_w.add(F_SP) = Value::small(d as i32).0;
                    }
                }};
            }
            // Store the live stack pointer so the collector sees every operand.
            macro_rules! sync {
                () => {{
                    let d = depth!();
                    // SAFETY: as for `save!`.
                    unsafe { *frame_w.add(F_SP) = Value::small(d as i32).0 };
                }};
            }

            // A fixed word of the frame (reads through `frame_w`, so the loop keeps no index
            // arithmetic of the frame's position live across instructions).
            macro_rules! frame_word {
                ($i:expr) => {{
                    // SAFETY: as for `save!` (every fixed word lies below `l0`).
                    Value(unsafe { *frame_w.add($i) })
                }};
            }
            // The frame's positions as heap word indexes, computed where an instruction needs
            // them from the arena's address (a load) rather than kept from the entry above:
            // every value the loop keeps across instructions is computed and stored to the
            // Rust stack on each call and return, and these are needed only by a few arms.
            macro_rules! fb {
                () => {{
                    // SAFETY: `frame_w` points into the arena (see above).
                    unsafe { frame_w.cast_const().offset_from(self.heap.words.as_ptr()) as usize }
                }};
            }
            macro_rules! f {
                () => {
                    (fb!() / crate::heap::BLOCK_WORDS) as u32
                };
            }
            macro_rules! sb {
                () => {{
                    // SAFETY: `stack` points into the arena (see above).
                    unsafe { stack.cast_const().offset_from(self.heap.words.as_ptr()) as usize }
                }};
            }
            macro_rules! l0 {
                () => {
                    fb!() + F_LOCALS0
                };
            }
            macro_rules! c0 {
                () => {
                    l0!() + code_rc.varnames.len()
                };
            }
            // Name `$a` of the code (a verified operand: below `names.len()`).
            macro_rules! name {
                ($a:expr) => {{
                    debug_assert!($a < code_rc.names.len());
                    // SAFETY: `names + $a` is inside the code object (see above).
                    Value(unsafe { *code_w.add(names + $a) })
                }};
            }

            let err: Raised = 'run: {
                if let Some(r) = pending.take() {
                    break 'run r;
                }
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(r) => break 'run r,
                        }
                    };
                }
                // Fuel and the interrupt check are charged where control can come back to
                // the same code: on entering a frame and on backward jumps (by the jump's
                // length in bytes, about the instructions it repeats), not per instruction.
                // `$at` is the `ip` the interrupt is raised at (the handler is looked up at the
                // pc before it); on running out of fuel the frame resumes at `ip`.
                macro_rules! charge {
                    ($n:expr, $at:expr) => {{
                        let n: u32 = $n;
                        if budget {
                            if *fuel < n {
                                *fuel = 0;
                                save!();
                                return Ok(Exit::Fuel);
                            }
                            *fuel -= n;
                        }
                        self.ticks += n;
                        if self.ticks >= INTERRUPT_EVERY {
                            self.ticks = 0;
                            if core::mem::take(&mut self.interrupt_pending)
                                || self.host.take_interrupt()
                            {
                                ip = $at;
                                sync!();
                                break 'run self.raise(ExcKind::KeyboardInterrupt, "");
                            }
                        }
                    }};
                }
                charge!(1, ip.wrapping_add(1));
                // Instructions are read without bounds checks. Sound because the verifier
                // (which every code object passes before it can run: `load_code`) decodes every
                // instruction with its operand inside the code and proves that control never
                // runs off its end and that every jump, handler and continuation lands on an
                // instruction start; the pcs stored in frames are such starts, and this check
                // keeps a resumed frame's pc inside the code.
                if pc!() >= code_rc.code.len() {
                    sync!();
                    break 'run self.raise(ExcKind::RuntimeError, "pc out of range");
                }
                // The high bits EXTENDED_ARG prefixes gave the next operand.
                let mut ext: u32 = 0;
                // An instruction's 16-bit operand, read by its own arm (so the common path
                // decodes no operand it does not use), with its prefixes' bits.
                macro_rules! operand {
                    () => {{
                        debug_assert!(pc!() + 2 <= code_rc.code.len());
                        // SAFETY: the verifier decoded this instruction with its operand
                        // inside the code (see above).
                        let lo = unsafe { u16::from_le_bytes([*ip, *ip.add(1)]) };
                        ip = ip.wrapping_add(2);
                        core::mem::take(&mut ext) | lo as u32
                    }};
                }
                // Hides from the optimiser that every arm's `sp`, `ip` and `ext` are the values
                // the dispatch had: otherwise it computes the addresses and sums several arms
                // use (`sp - 1`, `sp - 2`, `ip + 2`, `ext << 2`, ...) once before the jump, and
                // every bytecode pays for all of them.
                macro_rules! fresh {
                    () => {{
                        // The template reads no memory: the pointer only passes through a
                        // register. An arm that leaves the frame (a return) never reads `ext`
                        // again.
                        #[cfg(target_arch = "riscv32")]
                        #[allow(clippy::pointers_in_nomem_asm_block, unused_assignments)]
                        // SAFETY: an empty template: the registers come out as they went in.
                        unsafe {
                            core::arch::asm!(
                                "/* {0} {1} {2} */",
                                inout(reg) sp,
                                inout(reg) ip,
                                inout(reg) ext,
                                options(pure, nomem, nostack, preserves_flags)
                            );
                        }
                    }};
                }
                loop {
                    debug_assert!(pc!() < code_rc.code.len());
                    // SAFETY: `ip` is an instruction start inside the code (see above).
                    let byte = unsafe { *ip };
                    debug_assert!(Opcode::from_byte(byte).is_ok());
                    // SAFETY: `Opcode` is `repr(u8)` with the bytes of the code stream as its
                    // discriminants, and the verifier decoded every instruction start as one
                    // of them (see the check of a resumed pc). Taking the byte as it is, rather
                    // than through a table with a case for unknown bytes, saves 8 of the about 33
                    // guest instructions riscv32 spent dispatching each bytecode.
                    let op = unsafe { core::mem::transmute::<u8, Opcode>(byte) };
                    ip = ip.wrapping_add(1);
                    // The collector scans a frame up to its stored stack pointer, and the loop
                    // keeps the live one in a local. Every arm that can allocate, call or raise
                    // stores it first (`sync!()`), so all its operands are rooted; the others
                    // never allocate, or store it themselves before their slow paths. Leaving
                    // the store out of the common instructions keeps them cheap. A stored
                    // pointer above the live one is harmless: the stale slots hold values that
                    // are either live or freed (a freed block is not a head and is not marked).
                    match op {
                        Opcode::EXTENDED_ARG => {
                            fresh!();
                            ext = operand!() << 16;
                        }
                        Opcode::NOP => {}
                        Opcode::POP_TOP => {
                            fresh!();
                            sp = sp.wrapping_sub(1);
                        }
                        Opcode::ROT_TWO => {
                            fresh!();
                            let x = pop!();
                            let y = pop!();
                            push!(x);
                            push!(y);
                        }
                        Opcode::ROT_THREE => {
                            fresh!();
                            let c = pop!();
                            let b = pop!();
                            let a = pop!();
                            push!(c);
                            push!(a);
                            push!(b);
                        }
                        Opcode::ROT_FOUR => {
                            fresh!();
                            let d = pop!();
                            let c = pop!();
                            let b = pop!();
                            let a = pop!();
                            push!(d);
                            push!(a);
                            push!(b);
                            push!(c);
                        }
                        Opcode::DUP_TOP => {
                            fresh!();
                            let v = top!();
                            push!(v);
                        }
                        Opcode::DUP_TOP_TWO => {
                            fresh!();
                            let b = peek!(0);
                            let a = peek!(1);
                            push!(a);
                            push!(b);
                        }
                        Opcode::LOAD_CONST => {
                            fresh!();
                            let a = operand!() as usize;
                            debug_assert!(a < code_rc.consts.len());
                            // SAFETY: a verified constant index, inside the code object
                            // (see above).
                            push!(Value(unsafe { *code_w.add(CO_CONSTS + a) }));
                        }
                        Opcode::LOAD_SMALL_INT => {
                            fresh!();
                            let arg = operand!();
                            push!(Value::small(arg as u16 as i16 as i32));
                        }
                        Opcode::LOAD_NONE => {
                            fresh!();
                            push!(Value::NONE);
                        }
                        Opcode::LOAD_TRUE => {
                            fresh!();
                            push!(Value::TRUE);
                        }
                        Opcode::LOAD_FALSE => {
                            fresh!();
                            push!(Value::FALSE);
                        }
                        Opcode::LOAD_FAST => {
                            fresh!();
                            let a = operand!() as usize;
                            debug_assert!(a < code_rc.varnames.len());
                            // SAFETY: `l0 + a < sb`: a verified local index (see above).
                            let v = Value(unsafe { *locals.add(a) });
                            if v.is_null() {
                                sync!();
                                break 'run self.unbound_local(code_rc, a);
                            }
                            push!(v);
                        }
                        Opcode::STORE_FAST => {
                            fresh!();
                            let a = operand!() as usize;
                            let v = pop!();
                            debug_assert!(a < code_rc.varnames.len());
                            // SAFETY: as for LOAD_FAST.
                            unsafe { *locals.add(a) = v.0 };
                        }
                        Opcode::DELETE_FAST => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            if Value(self.heap.word(l0!() + a)).is_null() {
                                break 'run self.unbound_local(code_rc, a);
                            }
                            *self.heap.word_mut(l0!() + a) = Value::NULL.0;
                        }
                        Opcode::LOAD_DEREF | Opcode::LOAD_CLASSDEREF => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            if op == Opcode::LOAD_CLASSDEREF {
                                let locals = frame_word!(F_LOCALS);
                                let n = code_rc.cell_name(a).unwrap_or("");
                                let q = tri!(self.intern(n));
                                if locals.is_heap() {
                                    if let Some(v) = tri!(self.dict_get(locals, q)) {
                                        push!(v);
                                        continue;
                                    }
                                }
                            }
                            let cell = Value(self.heap.word(c0!() + a));
                            let v = self.heap.val(Runtime::blk(cell), CELL_VALUE);
                            if v.is_null() {
                                break 'run self.unbound_free(code_rc, a);
                            }
                            push!(v);
                        }
                        Opcode::STORE_DEREF => {
                            fresh!();
                            let a = operand!() as usize;
                            let v = pop!();
                            let cell = Value(self.heap.word(c0!() + a));
                            self.heap.set_val(Runtime::blk(cell), CELL_VALUE, v);
                        }
                        Opcode::DELETE_DEREF => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let cell = Value(self.heap.word(c0!() + a));
                            self.heap
                                .set_val(Runtime::blk(cell), CELL_VALUE, Value::NULL);
                        }
                        Opcode::LOAD_CLOSURE => {
                            fresh!();
                            let a = operand!() as usize;
                            push!(Value(self.heap.word(c0!() + a)));
                        }
                        Opcode::LOAD_NAME => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let locals = frame_word!(F_LOCALS);
                            let mut found = None;
                            // At module level the locals are the globals: the cached global
                            // lookup answers for both.
                            if locals.is_heap() && locals != frame_word!(F_GLOBALS) {
                                found = self.dict_get_q(locals, name);
                            }
                            let v = match found {
                                Some(v) => v,
                                None => tri!(self.load_global(frame_word!(F_GLOBALS), name)),
                            };
                            push!(v);
                        }
                        Opcode::STORE_NAME => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let mut ns = frame_word!(F_LOCALS);
                            if !ns.is_heap() {
                                ns = frame_word!(F_GLOBALS);
                            }
                            let v = top!();
                            tri!(self.store_global(ns, name, v));
                            sp = sp.wrapping_sub(1);
                        }
                        Opcode::DELETE_NAME | Opcode::DELETE_GLOBAL => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let mut ns = frame_word!(F_LOCALS);
                            if op == Opcode::DELETE_GLOBAL || !ns.is_heap() {
                                ns = frame_word!(F_GLOBALS);
                            }
                            if tri!(self.dict_del(ns, name)).is_none() {
                                break 'run self.name_error(name);
                            }
                        }
                        Opcode::LOAD_GLOBAL => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let v = tri!(self.load_global(frame_word!(F_GLOBALS), name));
                            push!(v);
                        }
                        Opcode::STORE_GLOBAL => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let g = frame_word!(F_GLOBALS);
                            let v = top!();
                            tri!(self.store_global(g, name, v));
                            sp = sp.wrapping_sub(1);
                        }
                        Opcode::LOAD_ATTR => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let obj = top!();
                            if let Some(v) = self.load_attr_fast(obj, name) {
                                sp = sp.wrapping_sub(1);
                                push!(v);
                                continue;
                            }
                            let v = tri!(self.get_attr(obj, name));
                            sp = sp.wrapping_sub(1);
                            push!(v);
                        }
                        Opcode::STORE_ATTR => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let obj = peek!(0);
                            let v = peek!(1);
                            if tri!(self.store_attr_fast(obj, name, v)) {
                                sp = sp.wrapping_sub(2);
                                continue;
                            }
                            tri!(self.set_attr(obj, name, v));
                            sp = sp.wrapping_sub(2);
                        }
                        Opcode::DELETE_ATTR => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let obj = top!();
                            tri!(self.del_attr(obj, name));
                            sp = sp.wrapping_sub(1);
                        }
                        Opcode::LOAD_METHOD => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let obj = top!();
                            if let Some(m) = self.load_method_fast(obj, name) {
                                sp = sp.wrapping_sub(1);
                                push!(m);
                                push!(obj);
                                continue;
                            }
                            let (m, s) = tri!(self.load_method(obj, name));
                            sp = sp.wrapping_sub(1);
                            push!(m);
                            push!(s);
                        }
                        Opcode::BINARY_SUBSCR => {
                            fresh!();
                            sync!();
                            let k = peek!(0);
                            let c = peek!(1);
                            // A list or tuple (not a subclass) at an in-range small int.
                            if let (Some(i), Some((b, s, len))) =
                                (k.as_small(), self.seq_raw_inline(c))
                            {
                                if let Some(i) = seq_slot(i, len) {
                                    sp = sp.wrapping_sub(2);
                                    push!(self.heap.val(b, s + i));
                                    continue;
                                }
                            }
                            let v = tri!(self.getitem(c, k));
                            sp = sp.wrapping_sub(2);
                            push!(v);
                        }
                        Opcode::STORE_SUBSCR => {
                            fresh!();
                            sync!();
                            let k = peek!(0);
                            let c = peek!(1);
                            let v = peek!(2);
                            if let (Some(i), true) =
                                (k.as_small(), self.heap.is_kind(c, Kind::List))
                            {
                                if let Some((b, s, len)) = self.seq_raw_inline(c) {
                                    if let Some(i) = seq_slot(i, len) {
                                        self.heap.set_val(b, s + i, v);
                                        sp = sp.wrapping_sub(3);
                                        continue;
                                    }
                                }
                            }
                            tri!(self.setitem(c, k, v));
                            sp = sp.wrapping_sub(3);
                        }
                        Opcode::DELETE_SUBSCR => {
                            fresh!();
                            sync!();
                            let k = peek!(0);
                            let c = peek!(1);
                            tri!(self.delitem(c, k));
                            sp = sp.wrapping_sub(2);
                        }
                        Opcode::BUILD_SLICE => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            // `c[i:j:k]` read from or stored into a list or tuple: done
                            // here without a slice object where the helper can.
                            let bounds = match a {
                                3 => [peek!(2), peek!(1), peek!(0)],
                                _ => [peek!(1), peek!(0), Value::NONE],
                            };
                            let next = code_rc.code.get(pc!()).copied();
                            if next == Some(Opcode::BINARY_SUBSCR as u8) {
                                if let Some(v) = tri!(self.seq_slice_bounds(peek!(a), bounds)) {
                                    ip = ip.wrapping_add(1);
                                    sp = sp.wrapping_sub(a + 1);
                                    push!(v);
                                    continue;
                                }
                            } else if next == Some(Opcode::STORE_SUBSCR as u8)
                                && self.list_store_slice_bounds(peek!(a), bounds, peek!(a + 1))
                            {
                                ip = ip.wrapping_add(1);
                                sp = sp.wrapping_sub(a + 2);
                                continue;
                            }
                            let step = if a == 3 { pop!() } else { Value::NONE };
                            let stop = peek!(0);
                            let start = peek!(1);
                            sp = sp.wrapping_add(if a == 3 { 1 } else { 0 });
                            let s = tri!(self.new_wrapper(Kind::Slice, &[start, stop, step]));
                            sp = sp.wrapping_sub(if a == 3 { 3 } else { 2 });
                            push!(s);
                        }
                        Opcode::BINARY_OP => {
                            fresh!();
                            let arg = operand!();
                            let y = peek!(0);
                            let x = peek!(1);
                            if let (Some(i), Some(j)) = (x.as_small(), y.as_small()) {
                                // Small ints have 31 bits: a sum or difference fits an i32.
                                let r = match arg & 15 {
                                    0 => Value::try_small_i32(i + j),
                                    1 => Value::try_small_i32(i - j),
                                    2 => i.checked_mul(j).and_then(Value::try_small_i32),
                                    4 if j != 0 => {
                                        // `-2**30 // -1` leaves the small range: promote.
                                        let q = i / j;
                                        Value::try_small(if i % j != 0 && ((i < 0) != (j < 0)) {
                                            q as i64 - 1
                                        } else {
                                            q as i64
                                        })
                                    }
                                    5 if j != 0 => {
                                        let m = i % j;
                                        Some(Value::small(if m != 0 && ((m < 0) != (j < 0)) {
                                            m + j
                                        } else {
                                            m
                                        }))
                                    }
                                    7 if (0..32).contains(&j) => Value::try_small((i as i64) << j),
                                    8 if j >= 0 => Some(Value::small(i >> j.min(31))),
                                    9 => Some(Value::small(i & j)),
                                    10 => Some(Value::small(i | j)),
                                    11 => Some(Value::small(i ^ j)),
                                    _ => None,
                                };
                                if let Some(r) = r {
                                    sp = sp.wrapping_sub(2);
                                    push!(r);
                                    continue;
                                }
                            }
                            sync!();
                            // Two small ints take the float path only for `/`.
                            let both_int = x.is_small() && y.is_small();
                            let floats = if both_int && arg & 15 != 3 {
                                None
                            } else {
                                self.fast_float(x).zip(self.fast_float(y))
                            };
                            if let Some((fx, fy)) = floats {
                                let r = match arg & 15 {
                                    0 => Some(fx + fy),
                                    1 => Some(fx - fy),
                                    2 => Some(fx * fy),
                                    3 if fy != 0.0 => Some(fx / fy),
                                    // A positive base has a real power; a non-finite one (an
                                    // overflow, say) takes the slow path for its error.
                                    6 if fx > 0.0 => Some(crate::format::FloatMath::pow(fx, fy))
                                        .filter(|r| r.is_finite()),
                                    _ => None,
                                };
                                if let Some(r) = r {
                                    let v = tri!(self.new_float(r));
                                    sp = sp.wrapping_sub(2);
                                    push!(v);
                                    continue;
                                }
                            }
                            // A Python `__op__` runs in this loop, like a call.
                            if let Some(nf) = tri!(self.binop_frame(arg, sb!() + depth!() - 2)) {
                                save!();
                                tri!(self.link_fresh_frame(nf));
                                continue 'outer;
                            }
                            let r = tri!(self.binary_op(arg, x, y));
                            sp = sp.wrapping_sub(2);
                            push!(r);
                        }
                        Opcode::UNARY_OP => {
                            fresh!();
                            sync!();
                            let arg = operand!();
                            let x = top!();
                            let r = tri!(self.unary_op(arg, x));
                            sp = sp.wrapping_sub(1);
                            push!(r);
                        }
                        Opcode::COMPARE_OP => {
                            fresh!();
                            let arg = operand!();
                            let y = peek!(0);
                            let x = peek!(1);
                            // A bool, or what a rich comparison returned.
                            let r: Result<bool, Value> = 'r: {
                                if let (Some(i), Some(j)) = (x.as_small(), y.as_small()) {
                                    let r = match arg {
                                        0 => Some(i < j),
                                        1 => Some(i <= j),
                                        2 | 8 => Some(i == j),
                                        3 | 9 => Some(i != j),
                                        4 => Some(i > j),
                                        5 => Some(i >= j),
                                        _ => None,
                                    };
                                    if let Some(r) = r {
                                        break 'r Ok(r);
                                    }
                                }
                                sync!();
                                if arg <= 5 {
                                    if let Some((fx, fy)) =
                                        self.fast_float(x).zip(self.fast_float(y))
                                    {
                                        break 'r Ok(match arg {
                                            0 => fx < fy,
                                            1 => fx <= fy,
                                            2 => fx == fy,
                                            3 => fx != fy,
                                            4 => fx > fy,
                                            _ => fx >= fy,
                                        });
                                    }
                                }
                                let r = tri!(self.compare(arg, x, y));
                                if r == Value::TRUE || r == Value::FALSE {
                                    break 'r Ok(r == Value::TRUE);
                                }
                                Err(r)
                            };
                            let r = match r {
                                Ok(r) => r,
                                Err(v) => {
                                    sp = sp.wrapping_sub(2);
                                    push!(v);
                                    continue;
                                }
                            };
                            // The bool replaces the operands; when the next instruction is a
                            // POP_JUMP_IF_FALSE/TRUE (an `if` or a loop's test) that jump is
                            // taken or not at once, and the bool is never pushed.
                            sp = sp.wrapping_sub(2);
                            // SAFETY: COMPARE_OP is never the code's last instruction (control
                            // does not run off the end: see the check of a resumed pc), so `ip`
                            // is the start of the next one, inside the code.
                            let next = unsafe { *ip };
                            if next == Opcode::POP_JUMP_IF_FALSE as u8
                                || next == Opcode::POP_JUMP_IF_TRUE as u8
                            {
                                ip = ip.wrapping_add(1);
                                let a = operand!() as usize;
                                if r == (next == Opcode::POP_JUMP_IF_TRUE as u8) {
                                    let at = ip;
                                    ip = code_at.wrapping_add(a);
                                    if ip < at {
                                        charge!(
                                            (((at as usize) - (ip as usize)) as u32 / 2).max(1),
                                            at
                                        );
                                    }
                                }
                            } else {
                                push!(Value::bool(r));
                            }
                        }
                        Opcode::CHECK_EXC_MATCH => {
                            fresh!();
                            sync!();
                            let t = pop!();
                            let e = top!();
                            let m = tri!(self.exception_matches(e, t));
                            push!(Value::bool(m));
                        }
                        Opcode::JUMP => {
                            fresh!();
                            let a = operand!() as usize;
                            let at = ip;
                            ip = code_at.wrapping_add(a);
                            if ip < at {
                                charge!((((at as usize) - (ip as usize)) as u32 / 2).max(1), at);
                            }
                        }
                        Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                            fresh!();
                            let a = operand!() as usize;
                            let v = pop!();
                            let t = match v {
                                Value::TRUE => true,
                                Value::FALSE | Value::NONE => false,
                                _ => {
                                    sp = sp.wrapping_add(1);
                                    sync!();
                                    let t = tri!(self.truthy(v));
                                    sp = sp.wrapping_sub(1);
                                    t
                                }
                            };
                            if t == (op == Opcode::POP_JUMP_IF_TRUE) {
                                let at = ip;
                                ip = code_at.wrapping_add(a);
                                if ip < at {
                                    charge!(
                                        (((at as usize) - (ip as usize)) as u32 / 2).max(1),
                                        at
                                    );
                                }
                            }
                        }
                        Opcode::JUMP_IF_FALSE_OR_POP | Opcode::JUMP_IF_TRUE_OR_POP => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let v = top!();
                            let t = tri!(self.truthy(v));
                            if t == (op == Opcode::JUMP_IF_TRUE_OR_POP) {
                                let at = ip;
                                ip = code_at.wrapping_add(a);
                                if ip < at {
                                    charge!(
                                        (((at as usize) - (ip as usize)) as u32 / 2).max(1),
                                        at
                                    );
                                }
                            } else {
                                sp = sp.wrapping_sub(1);
                            }
                        }
                        Opcode::GET_ITER => {
                            fresh!();
                            sync!();
                            let v = top!();
                            let it = tri!(self.get_iter(v));
                            sp = sp.wrapping_sub(1);
                            push!(it);
                        }
                        Opcode::FOR_ITER => {
                            fresh!();
                            let a = operand!() as usize;
                            let it = top!();
                            if self.heap.is_kind(it, Kind::Iter) {
                                if let Some(r) = self.fast_next(it) {
                                    match r {
                                        Some(v) => push!(v),
                                        None => {
                                            sp = sp.wrapping_sub(1);
                                            ip = code_at.wrapping_add(a);
                                        }
                                    }
                                    continue;
                                }
                            }
                            sync!();
                            if self.heap.is_kind(it, Kind::Generator) {
                                save!();
                                match tri!(self.gen_enter(it, Value::NONE, CONT_FORITER, a)) {
                                    true => continue 'outer,
                                    false => {
                                        sp = sp.wrapping_sub(1);
                                        ip = code_at.wrapping_add(a);
                                        continue;
                                    }
                                }
                            }
                            match tri!(self.iter_next(it)) {
                                Some(v) => push!(v),
                                None => {
                                    sp = sp.wrapping_sub(1);
                                    ip = code_at.wrapping_add(a);
                                }
                            }
                        }
                        Opcode::RETURN_VALUE => {
                            fresh!();
                            let v = pop!();
                            // A plain call's return (not a generator, `__init__` or a native
                            // caller's entry frame): free the frame and push `v` on the caller's
                            // stack. Freeing cannot collect, so `v` needs no root.
                            // SAFETY: as for `save!`.
                            let (back, flags) =
                                unsafe { (Value(*frame_w.add(F_BACK)), *frame_w.add(F_FLAGS)) };
                            // A binary operator's method that gave a result replaces its
                            // two operands on the caller's stack.
                            let drop = if flags == Value::small(CONT_CALL as i32).0 {
                                0
                            } else if flags == Value::small(CONT_BINOP as i32).0
                                && v != Value::NOT_IMPLEMENTED
                            {
                                2
                            } else {
                                -1
                            };
                            if drop >= 0 && back.is_heap() {
                                self.depth = self.depth.saturating_sub(1);
                                // Its size is what `alloc_frame` was asked for (see frame.rs).
                                // SAFETY: as for `save!` (the header is word 0 of the frame).
                                let nwords = unsafe { (*frame_w >> 8) as usize }
                                    + code_rc.max_stack as usize
                                    + 1;
                                self.heap.free_frame_sized(f!(), nwords);
                                self.frame = back;
                                let bw = crate::heap::Heap::base(Runtime::blk(back));
                                // SAFETY: `back` is the caller's frame, a live heap block, so
                                // its fixed words are inside the arena; its stored stack
                                // pointer is where its call left the callee (with `drop`
                                // operands below it), a slot of its stack (verifier), which
                                // starts at its header's aux. The arena never moves.
                                unsafe {
                                    let caller = self.heap.words.as_mut_ptr().add(bw);
                                    let bsp = Value(*caller.add(F_SP)).known_small() - drop;
                                    let stack_base = (*caller >> 8) as usize;
                                    *caller.add(stack_base + bsp as usize) = v.0;
                                    *caller.add(F_SP) = Value::small(bsp + 1).0;
                                }
                                continue 'outer;
                            }
                            save!();
                            match self.frame_return(v) {
                                Ok(Some(exit)) => return Ok(exit),
                                Ok(None) => continue 'outer,
                                // Raised in the caller (a `send` that finished, a bad
                                // `__init__` result): this frame is gone already.
                                Err(r) => {
                                    pending = Some(r);
                                    continue 'outer;
                                }
                            }
                        }
                        Opcode::BUILD_TUPLE => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            // The items stay rooted on the stack while the tuple is allocated.
                            let t = tri!(self.alloc(Kind::Tuple, a as u32, 1 + a));
                            let w = crate::heap::Heap::base(t) + 1;
                            let top = sb!() + depth!();
                            self.heap.words.copy_within(top - a..top, w);
                            sp = sp.wrapping_sub(a);
                            push!(Value::handle(t));
                        }
                        Opcode::BUILD_LIST | Opcode::BUILD_SET => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let items: Vec<Value> = (0..a)
                                .map(|i| Value(self.heap.word(sb!() + depth!() - a + i)))
                                .collect();
                            let r = match op {
                                Opcode::BUILD_LIST => self.new_list(&items),
                                _ => self.new_set_from(&items, Kind::Set),
                            };
                            let r = tri!(r);
                            sp = sp.wrapping_sub(a);
                            push!(r);
                        }
                        Opcode::BUILD_MAP => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let d = tri!(self.new_dict_kind(Kind::Dict, a));
                            push!(d);
                            // A key's `__hash__`/`__eq__` may run Python and collect: root `d`.
                            sync!();
                            for i in 0..a {
                                let k = Value(self.heap.word(sb!() + depth!() - 1 - 2 * a + 2 * i));
                                let v =
                                    Value(self.heap.word(sb!() + depth!() - 1 - 2 * a + 2 * i + 1));
                                tri!(self.dict_set(d, k, v));
                            }
                            sp = sp.wrapping_sub(2 * a + 1);
                            push!(d);
                        }
                        Opcode::BUILD_CONST_KEY_MAP => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let keys = top!();
                            let d = tri!(self.new_dict_kind(Kind::Dict, a));
                            push!(d);
                            // A key's `__hash__`/`__eq__` may run Python and collect: root `d`.
                            sync!();
                            for i in 0..a {
                                let k = self.seq_get(keys, i);
                                let v = Value(self.heap.word(sb!() + depth!() - 2 - a + i));
                                tri!(self.dict_set(d, k, v));
                            }
                            sp = sp.wrapping_sub(a + 2);
                            push!(d);
                        }
                        Opcode::BUILD_STRING => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let r = tri!(self.concat_words(sb!() + depth!() - a, a));
                            sp = sp.wrapping_sub(a);
                            push!(r);
                        }
                        Opcode::LIST_APPEND
                        | Opcode::SET_ADD
                        | Opcode::LIST_EXTEND
                        | Opcode::SET_UPDATE
                        | Opcode::DICT_UPDATE
                        | Opcode::DICT_MERGE => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let v = top!();
                            let coll = peek!(a);
                            tri!(match op {
                                Opcode::LIST_APPEND => self.list_append(coll, v),
                                Opcode::SET_ADD => self.set_add(coll, v),
                                Opcode::LIST_EXTEND => self.list_extend(coll, v),
                                Opcode::SET_UPDATE => self.set_update(coll, v),
                                Opcode::DICT_UPDATE => self.dict_update(coll, v, false),
                                _ => self.dict_update(coll, v, true),
                            });
                            sp = sp.wrapping_sub(1);
                        }
                        Opcode::MAP_ADD => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let v = peek!(0);
                            let k = peek!(1);
                            let d = peek!(a + 1);
                            tri!(self.dict_set(d, k, v));
                            sp = sp.wrapping_sub(2);
                        }
                        Opcode::LIST_TO_TUPLE => {
                            fresh!();
                            sync!();
                            let l = top!();
                            let items = self.seq_items_or_empty(l);
                            let t = tri!(self.new_tuple(&items));
                            sp = sp.wrapping_sub(1);
                            push!(t);
                        }
                        Opcode::FORMAT_VALUE => {
                            fresh!();
                            sync!();
                            let arg = operand!();
                            let spec = if arg & 4 != 0 { pop!() } else { Value::NULL };
                            let v = top!();
                            if arg & 4 != 0 {
                                push!(spec);
                            }
                            let conv = match arg & 3 {
                                1 => tri!(self.to_str(v)),
                                2 => tri!(self.repr(v)),
                                3 => tri!(self.ascii(v)),
                                _ => v,
                            };
                            push!(conv);
                            // `__format__` may run Python and collect: root `conv`.
                            sync!();
                            let r = tri!(self.format(conv, spec));
                            sp = sp.wrapping_sub(if arg & 4 != 0 { 3 } else { 2 });
                            push!(r);
                        }
                        Opcode::UNPACK_SEQUENCE => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let seq = top!();
                            if let Some((b, s, len)) = self.seq_raw_inline(seq) {
                                if len == a {
                                    sp = sp.wrapping_sub(1);
                                    for i in (0..a).rev() {
                                        push!(self.heap.val(b, s + i));
                                    }
                                    continue;
                                }
                            }
                            let pins = self.pins.len();
                            let items = self.unpack(seq, a, None);
                            self.pins.truncate(pins);
                            let items = tri!(items);
                            sp = sp.wrapping_sub(1);
                            for v in items.iter().rev() {
                                push!(*v);
                            }
                        }
                        Opcode::UNPACK_EX => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let before = a & 0xff;
                            let after = a >> 8;
                            let seq = top!();
                            let pins = self.pins.len();
                            let items = self.unpack(seq, before, Some(after));
                            let mid = items.as_ref().map_err(|e| *e).and_then(|items| {
                                self.new_list(&items[before..items.len() - after])
                            });
                            self.pins.truncate(pins);
                            let items = tri!(items);
                            let mid = tri!(mid);
                            sp = sp.wrapping_sub(1);
                            for v in items[items.len() - after..].iter().rev() {
                                push!(*v);
                            }
                            push!(mid);
                            for v in items[..before].iter().rev() {
                                push!(*v);
                            }
                        }
                        Opcode::MAKE_FUNCTION => {
                            fresh!();
                            sync!();
                            let arg = operand!();
                            let codev = top!();
                            let g = frame_word!(F_GLOBALS);
                            let func = tri!(self.new_function(codev, g));
                            // Operands stay on the stack (rooted) until the function holds them.
                            let mut below = 1;
                            for (bit, field) in
                                [(8, FN_CLOSURE), (2, FN_KWDEFAULTS), (1, FN_DEFAULTS)]
                            {
                                if arg & bit != 0 {
                                    tri!(self.fn_set(func, field, peek!(below)));
                                    below += 1;
                                }
                            }
                            sp = sp.wrapping_sub(below);
                            push!(func);
                        }
                        Opcode::CALL_FUNCTION
                        | Opcode::CALL_FUNCTION_KW
                        | Opcode::CALL_METHOD
                        | Opcode::CALL_METHOD_KW => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let kw =
                                matches!(op, Opcode::CALL_FUNCTION_KW | Opcode::CALL_METHOD_KW);
                            let meth = matches!(op, Opcode::CALL_METHOD | Opcode::CALL_METHOD_KW);
                            let kwnames = if kw { top!() } else { Value::NULL };
                            let top_end = depth!() - kw as usize;
                            let mut first = top_end - a;
                            let callee_slot;
                            if meth {
                                callee_slot = first - 2;
                                // SAFETY: as for `pop!` (the receiver's slot or NULL).
                                if !Value(unsafe { *stack.add(first - 1) }).is_null() {
                                    first -= 1;
                                }
                            } else {
                                callee_slot = first - 1;
                            }
                            // SAFETY: as for `pop!` (the verifier proves the callee and its
                            // arguments are on the stack).
                            let callee = Value(unsafe { *stack.add(callee_slot) });
                            let n = top_end - first;
                            if !kw {
                                if let Some(nf) = tri!(self.fast_frame(callee, sb!() + first, n)) {
                                    sp = stack.wrapping_add(callee_slot);
                                    save!();
                                    tri!(self.link_fresh_frame(nf));
                                    continue 'outer;
                                }
                            }
                            let mut buf = [Value::NULL; 8];
                            let heap_args: Vec<Value>;
                            let args: &[Value] = if n <= buf.len() {
                                for (i, slot) in buf[..n].iter_mut().enumerate() {
                                    // SAFETY: as for the callee.
                                    *slot = Value(unsafe { *stack.add(first + i) });
                                }
                                &buf[..n]
                            } else {
                                heap_args = (first..top_end)
                                    .map(|i| Value(self.heap.word(sb!() + i)))
                                    .collect();
                                &heap_args
                            };
                            let p = tri!(self.prepare_call(callee, args, kwnames));
                            sp = stack.wrapping_add(callee_slot);
                            match p {
                                Prepared::Done(v) => {
                                    push!(v);
                                    if self.sleep_until.is_some() {
                                        save!();
                                        if let Some(exit) = tri!(self.sleep_point()) {
                                            return Ok(exit);
                                        }
                                    }
                                }
                                Prepared::Frame(nf, cont, carg) => {
                                    save!();
                                    tri!(self.link_frame(nf, cont, carg));
                                    continue 'outer;
                                }
                            }
                        }
                        Opcode::CALL_FUNCTION_EX => {
                            fresh!();
                            sync!();
                            let arg = operand!();
                            let kwargs = if arg & 1 != 0 { top!() } else { Value::NULL };
                            let n = 2 + (arg & 1) as usize;
                            let argst = peek!(n - 2);
                            let callee = peek!(n - 1);
                            let mut args = self.seq_items_or_empty(argst);
                            let mut kwnames = Value::NULL;
                            if kwargs.is_heap() {
                                let items = self.dict_items(kwargs);
                                let keys: Vec<Value> = items.iter().map(|e| e.0).collect();
                                args.extend(items.iter().map(|e| e.1));
                                kwnames = tri!(self.new_tuple(&keys));
                                push!(kwnames);
                                // Making the frame allocates: root the new names tuple.
                                sync!();
                            }
                            // The stored stack pointer predates the kwnames push: pin them.
                            self.pin(kwnames);
                            let p = self.prepare_call(callee, &args, kwnames);
                            self.unpin(1);
                            if kwargs.is_heap() {
                                sp = sp.wrapping_sub(1);
                            }
                            let p = tri!(p);
                            sp = sp.wrapping_sub(n);
                            match p {
                                Prepared::Done(v) => {
                                    push!(v);
                                    if self.sleep_until.is_some() {
                                        save!();
                                        if let Some(exit) = tri!(self.sleep_point()) {
                                            return Ok(exit);
                                        }
                                    }
                                }
                                Prepared::Frame(nf, cont, carg) => {
                                    save!();
                                    tri!(self.link_frame(nf, cont, carg));
                                    continue 'outer;
                                }
                            }
                        }
                        Opcode::LOAD_BUILD_CLASS => {
                            fresh!();
                            sync!();
                            push!(Runtime::native(crate::builtins::N___BUILD_CLASS__))
                        }
                        Opcode::LOAD_ASSERTION_ERROR => {
                            fresh!();
                            sync!();
                            let c = tri!(self.exc_class(ExcKind::AssertionError));
                            push!(c)
                        }
                        Opcode::PRINT_EXPR => {
                            fresh!();
                            sync!();
                            let v = top!();
                            if v != Value::NONE {
                                let r = tri!(self.repr(v));
                                push!(r);
                                let mut s: alloc::string::String =
                                    self.str_text(r).unwrap_or("").into();
                                s.push('\n');
                                self.host.write_stdout(s.as_bytes());
                                sp = sp.wrapping_sub(1);
                                let b = self.builtins;
                                tri!(self.dict_set(b, Value::qstr(qstr::Q__), v));
                            }
                            sp = sp.wrapping_sub(1);
                        }
                        Opcode::RAISE_VARARGS => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            if a == 0 {
                                if self.handling.is_null() {
                                    break 'run self.raise(
                                        ExcKind::RuntimeError,
                                        "No active exception to reraise",
                                    );
                                }
                                self.exc = self.handling;
                                self.reraise = true;
                                break 'run Raised;
                            }
                            let cause = if a == 2 { peek!(0) } else { Value::NULL };
                            let e = if a == 2 { peek!(1) } else { peek!(0) };
                            let exc = tri!(self.make_exception(e));
                            if a == 2 {
                                push!(exc);
                                // Building the cause may run Python and collect: root `exc`.
                                sync!();
                                let c = if cause == Value::NONE {
                                    Value::NONE
                                } else {
                                    tri!(self.make_exception(cause))
                                };
                                tri!(self.set_attr_dict(exc, Value::qstr(qstr::Q___CAUSE__), c));
                                tri!(self.set_attr_dict(
                                    exc,
                                    Value::qstr(qstr::Q___SUPPRESS_CONTEXT__),
                                    Value::TRUE
                                ));
                            }
                            break 'run self.raise_value(exc);
                        }
                        Opcode::PUSH_EXC_INFO => {
                            fresh!();
                            sync!();
                            let e = pop!();
                            push!(if self.handling.is_null() {
                                Value::NONE
                            } else {
                                self.handling
                            });
                            push!(e);
                            self.handling = e;
                        }
                        Opcode::POP_EXCEPT => {
                            fresh!();
                            sync!();
                            let prev = pop!();
                            self.handling = if prev == Value::NONE {
                                Value::NULL
                            } else {
                                prev
                            };
                        }
                        Opcode::RERAISE => {
                            fresh!();
                            sync!();
                            let e = pop!();
                            self.exc = e;
                            self.reraise = true;
                            break 'run Raised;
                        }
                        Opcode::BEFORE_WITH => {
                            fresh!();
                            sync!();
                            let mgr = top!();
                            let exit = tri!(self.get_attr(mgr, Value::qstr(qstr::Q___EXIT__)));
                            push!(exit);
                            // Attribute lookups and `__enter__` may run Python and collect.
                            sync!();
                            let enter = tri!(self.get_attr(mgr, Value::qstr(qstr::Q___ENTER__)));
                            push!(enter);
                            sync!();
                            let r = tri!(self.call(enter, &[], Value::NULL));
                            sp = sp.wrapping_sub(3);
                            push!(exit);
                            push!(r);
                        }
                        Opcode::WITH_EXCEPT_START => {
                            fresh!();
                            sync!();
                            let e = peek!(0);
                            let exit = peek!(2);
                            let t = self.type_of(e);
                            let tb = self
                                .instance_attr(e, Value::qstr(qstr::Q___TRACEBACK__))
                                .unwrap_or(Value::NONE);
                            let r = tri!(self.call(exit, &[t, e, tb], Value::NULL));
                            push!(r);
                        }
                        Opcode::RETURN_GENERATOR => {}
                        Opcode::YIELD_VALUE => {
                            fresh!();
                            sync!();
                            // Under `sum`: add the item and go on in this frame, as if the
                            // generator had been resumed with None.
                            if frame_word!(F_FLAGS).as_small().unwrap_or(0) & 7 == CONT_SUM as i32
                                && self.sum_add_inline(top!())
                            {
                                sp = sp.wrapping_sub(1);
                                push!(Value::NONE);
                                continue;
                            }
                            let v = pop!();
                            save!();
                            match self.frame_yield(v) {
                                Ok(Some(exit)) => return Ok(exit),
                                Ok(None) => continue 'outer,
                                Err(r) => {
                                    pending = Some(r);
                                    continue 'outer;
                                }
                            }
                        }
                        Opcode::GET_YIELD_FROM_ITER => {
                            fresh!();
                            sync!();
                            let v = top!();
                            if !self.heap.is_kind(v, Kind::Generator) {
                                let it = tri!(self.get_iter(v));
                                sp = sp.wrapping_sub(1);
                                push!(it);
                            } else if self.is_coroutine(v) {
                                break 'run self.type_error(
                                    "cannot 'yield from' a coroutine object in a non-coroutine generator",
                                );
                            }
                        }
                        Opcode::GET_AWAITABLE => {
                            fresh!();
                            sync!();
                            let v = top!();
                            let aw = tri!(self.awaitable(v));
                            sp = sp.wrapping_sub(1);
                            push!(aw);
                        }
                        Opcode::BEFORE_ASYNC_WITH => {
                            fresh!();
                            sync!();
                            let mgr = top!();
                            if self.special(mgr, qstr::Q___AENTER__).is_none()
                                || self.special(mgr, qstr::Q___AEXIT__).is_none()
                            {
                                break 'run self.type_error_naming("'", mgr, "' object does not support the asynchronous context manager protocol");
                            }
                            let exit = tri!(self.get_attr(mgr, Value::qstr(qstr::Q___AEXIT__)));
                            push!(exit);
                            sync!();
                            let enter = tri!(self.get_attr(mgr, Value::qstr(qstr::Q___AENTER__)));
                            push!(enter);
                            sync!();
                            let r = tri!(self.call(enter, &[], Value::NULL));
                            push!(r);
                            sync!();
                            let aw = tri!(self.awaitable(r));
                            sp = sp.wrapping_sub(4);
                            push!(exit);
                            push!(aw);
                        }
                        Opcode::GET_AITER => {
                            fresh!();
                            sync!();
                            let v = top!();
                            let Some(m) = self.special(v, qstr::Q___AITER__) else {
                                break 'run self.type_error_naming(
                                    "'async for' requires an object with __aiter__ method, got ",
                                    v,
                                    "",
                                );
                            };
                            let it = tri!(self.call(m, &[v], Value::NULL));
                            if self.special(it, qstr::Q___ANEXT__).is_none() {
                                break 'run self.type_error_naming("'async for' received an object from __aiter__ that does not implement __anext__: ", it, "");
                            }
                            sp = sp.wrapping_sub(1);
                            push!(it);
                        }
                        Opcode::GET_ANEXT => {
                            fresh!();
                            sync!();
                            let it = top!();
                            let Some(m) = self.special(it, qstr::Q___ANEXT__) else {
                                break 'run self.type_error_naming(
                                    "'async for' requires an iterator with __anext__ method, got ",
                                    it,
                                    "",
                                );
                            };
                            let r = tri!(self.call(m, &[it], Value::NULL));
                            push!(r);
                            sync!();
                            let aw = tri!(self.awaitable(r));
                            sp = sp.wrapping_sub(1);
                            push!(aw);
                        }
                        Opcode::END_ASYNC_FOR => {
                            fresh!();
                            sync!();
                            let e = top!();
                            if !self.exc_matches(e, ExcKind::StopAsyncIteration) {
                                self.exc = e;
                                self.reraise = true;
                                break 'run Raised;
                            }
                            sp = sp.wrapping_sub(2);
                        }
                        Opcode::YIELD_FROM => {
                            fresh!();
                            sync!();
                            let sent = peek!(0);
                            let it = peek!(1);
                            let start = ip.wrapping_sub(1);
                            if self.heap.is_kind(it, Kind::Generator) {
                                sp = sp.wrapping_sub(1);
                                ip = start;
                                save!();
                                match tri!(self.gen_enter(it, sent, CONT_YIELDFROM, 0)) {
                                    true => continue 'outer,
                                    false => {
                                        ip = start.wrapping_add(1);
                                        sp = sp.wrapping_sub(1);
                                        push!(self.stop_value);
                                        continue;
                                    }
                                }
                            }
                            self.stop_value = Value::NONE;
                            let r = if sent == Value::NONE {
                                self.iter_next(it)
                            } else {
                                self.call_method(it, qstr::Q_SEND, &[sent]).map(Some)
                            };
                            match r {
                                Ok(Some(v)) => {
                                    sp = sp.wrapping_sub(1);
                                    ip = start;
                                    save!();
                                    match self.frame_yield(v) {
                                        Ok(Some(exit)) => return Ok(exit),
                                        Ok(None) => continue 'outer,
                                        Err(r) => {
                                            pending = Some(r);
                                            continue 'outer;
                                        }
                                    }
                                }
                                Ok(None) => {
                                    sp = sp.wrapping_sub(2);
                                    push!(self.stop_value);
                                }
                                Err(r) => {
                                    if self.exc_matches(self.exc, ExcKind::StopIteration) {
                                        let e = self.exc;
                                        let v = self.stop_iteration_value(e);
                                        self.exc = Value::NULL;
                                        sp = sp.wrapping_sub(2);
                                        push!(v);
                                    } else {
                                        break 'run r;
                                    }
                                }
                            }
                        }
                        Opcode::IMPORT_NAME => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let fromlist = peek!(0);
                            let level = peek!(1);
                            let g = frame_word!(F_GLOBALS);
                            let m = tri!(self.import_name(name, fromlist, level, g));
                            sp = sp.wrapping_sub(2);
                            push!(m);
                        }
                        Opcode::IMPORT_FROM => {
                            fresh!();
                            sync!();
                            let a = operand!() as usize;
                            let name = name!(a);
                            let m = top!();
                            let v = tri!(self.import_from(m, name));
                            push!(v);
                        }
                        Opcode::IMPORT_STAR => {
                            fresh!();
                            sync!();
                            let m = top!();
                            let mut ns = frame_word!(F_LOCALS);
                            if !ns.is_heap() {
                                ns = frame_word!(F_GLOBALS);
                            }
                            tri!(self.import_star(m, ns));
                            sp = sp.wrapping_sub(1);
                        }
                    }
                }
            };
            // Unwind: find a handler in this frame or pop it.
            let _ = err;
            save!();
            let exc = self.exc;
            // The loop's own count of the code: adding the traceback and the context
            // allocates, and may collect.
            let codev = frame_word!(F_CODE);
            let Some(code_rc) = self.code_of(codev) else {
                return Err(self.type_error("frame without code"));
            };
            if !self.reraise {
                let line = code_rc.line_for_pc(pc!().saturating_sub(1) as u32);
                let _ = self.add_traceback(exc, codev, line);
                if !self.handling.is_null() && self.handling != exc && self.is_exception(exc) {
                    let key = Value::qstr(qstr::Q___CONTEXT__);
                    if self.instance_attr(exc, key).is_none() {
                        let h = self.handling;
                        let _ = self.set_attr_dict(exc, key, h);
                    }
                }
            }
            self.reraise = false;
            self.exc = exc;
            if let Some(h) = code_rc.handler_for_pc(pc!().saturating_sub(1) as u32) {
                let depth = h.depth as usize;
                *self.heap.word_mut(sb!() + depth) = exc.0;
                *self.heap.word_mut(fb!() + F_SP) = Value::small(depth as i32 + 1).0;
                *self.heap.word_mut(fb!() + F_PC) = Value::small(h.handler as i32).0;
                self.exc = Value::NULL;
                continue 'outer;
            }
            // No handler here: pop the frame and re-raise in the caller.
            let f = f!();
            let flags = self.frame_flags(f);
            let mut exc = exc;
            if flags & FLAG_GEN != 0 && self.exc_matches(exc, ExcKind::StopIteration) {
                self.pin(exc);
                let _ = self.raise(ExcKind::RuntimeError, "generator raised StopIteration");
                self.unpin(1);
                let new = self.exc;
                let _ = self.set_attr_dict(new, Value::qstr(qstr::Q___CAUSE__), exc);
                exc = new;
            }
            let back = self.heap.val(f, F_BACK);
            self.finish_frame(f, flags);
            self.frame = back;
            self.exc = exc;
            if flags & FLAG_ENTRY != 0 || back.is_null() {
                return Err(Raised);
            }
            pending = Some(Raised);
        }
    }

    /// `UnboundLocalError` for fast local `a` of `code`. Out of line, as is the one below:
    /// formatting in the loop's arms makes it keep the formatter's address in a register.
    #[cold]
    #[inline(never)]
    fn unbound_local(&mut self, code: &CodeObject, a: usize) -> Raised {
        let n = code.varnames.get(a).map_or("", |n| n.as_str());
        let msg = fill(
            "cannot access local variable '{}' where it is not associated with a value",
            &[n.arg()],
        );
        self.raise(ExcKind::UnboundLocalError, &msg)
    }

    /// `NameError` for cell or free variable `a` of `code`, still empty.
    #[cold]
    #[inline(never)]
    fn unbound_free(&mut self, code: &CodeObject, a: usize) -> Raised {
        let n = code.cell_name(a).unwrap_or("");
        let msg = fill("cannot access free variable '{}' where it is not associated with a value in enclosing scope", &[n.arg()]);
        self.raise(ExcKind::NameError, &msg)
    }

    /// Detach the finished frame `f` (mark its generator done, or free it).
    fn finish_frame(&mut self, f: u32, flags: u32) {
        self.depth = self.depth.saturating_sub(1);
        if flags & FLAG_GEN != 0 {
            let g = self.heap.val(f, F_GEN);
            if let Some(gb) = g.as_heap() {
                self.heap.set_val(gb, GEN_STATE, Value::small(GEN_DONE));
            }
            self.heap.set_val(f, F_BACK, Value::NULL);
        } else {
            self.heap.free_frame(f);
        }
    }

    /// Pop the current frame returning `v`; deliver it to the caller.
    #[inline(never)]
    fn frame_return(&mut self, v: Value) -> PyResult<Option<Exit>> {
        let f = Runtime::blk(self.frame);
        let flags = self.frame_flags(f);
        let back = self.heap.val(f, F_BACK);
        let cont = self.heap.val(f, F_CONT);
        // A generator under `sum` returns the total.
        let v = if flags & 7 == CONT_SUM { cont } else { v };
        // Freeing the frame cannot collect, so `v` needs no pin here.
        self.finish_frame(f, flags);
        self.frame = back;
        if flags & FLAG_ENTRY != 0 {
            return Ok(Some(Exit::Return(v)));
        }
        if back.is_null() {
            return Ok(Some(Exit::Return(v)));
        }
        let bb = Runtime::blk(back);
        let sp = self.heap.val(bb, F_SP).as_small().unwrap_or(0) as usize;
        let sbase = crate::heap::Heap::base(bb) + self.heap.aux(bb) as usize;
        match flags & 7 {
            CONT_INIT => {
                if v != Value::NONE {
                    return Err(self.type_error_naming(
                        "__init__() should return None, not '",
                        v,
                        "'",
                    ));
                }
                *self.heap.word_mut(sbase + sp) = cont.0;
                self.heap.set_val(bb, F_SP, Value::small(sp as i32 + 1));
            }
            CONT_FORITER => {
                self.heap.set_val(bb, F_SP, Value::small(sp as i32 - 1));
                self.heap.set_val(bb, F_PC, cont);
            }
            CONT_YIELDFROM => {
                *self.heap.word_mut(sbase + sp - 1) = v.0;
                let pc = self.heap.val(bb, F_PC).as_small().unwrap_or(0);
                self.heap.set_val(bb, F_PC, Value::small(pc + 1));
            }
            CONT_BINOP => {
                let x = Value(self.heap.word(sbase + sp - 2));
                let y = Value(self.heap.word(sbase + sp - 1));
                // The operands stay rooted on the caller's stack while the operator's other
                // methods run.
                let r = match v {
                    Value::NOT_IMPLEMENTED => {
                        let op = cont.as_small().unwrap_or(0) as u32;
                        self.binary_op_after_forward(op, x, y)?
                    }
                    _ => v,
                };
                *self.heap.word_mut(sbase + sp - 2) = r.0;
                self.heap.set_val(bb, F_SP, Value::small(sp as i32 - 1));
            }
            CONT_SEND => {
                self.pin(v);
                let cls = self.exc_class(ExcKind::StopIteration);
                let cls = match cls {
                    Ok(c) => c,
                    Err(e) => {
                        self.unpin(1);
                        return Err(e);
                    }
                };
                let e = if v == Value::NONE {
                    self.new_exception(cls, &[])
                } else {
                    self.new_exception(cls, &[v])
                };
                self.unpin(1);
                return Err(self.raise_value(e?));
            }
            _ => {
                *self.heap.word_mut(sbase + sp) = v.0;
                self.heap.set_val(bb, F_SP, Value::small(sp as i32 + 1));
            }
        }
        Ok(None)
    }

    /// Suspend the current (generator) frame yielding `v`; deliver it to the resumer (under
    /// `sum`, add it and resume the generator). An error from `sum`'s addition is raised in
    /// the resumer, the generator left suspended, as CPython's `sum` does.
    fn frame_yield(&mut self, v: Value) -> PyResult<Option<Exit>> {
        loop {
            let f = Runtime::blk(self.frame);
            let flags = self.frame_flags(f);
            let mut failed = None;
            if flags & 7 == CONT_SUM {
                match self.sum_yield(f, v) {
                    Ok(()) => return Ok(None),
                    Err(r) => failed = Some(r),
                }
            }
            let back = self.heap.val(f, F_BACK);
            let g = self.heap.val(f, F_GEN);
            if let Some(gb) = g.as_heap() {
                self.heap
                    .set_val(gb, GEN_STATE, Value::small(GEN_SUSPENDED));
            }
            self.heap.set_val(f, F_BACK, Value::NULL);
            self.depth = self.depth.saturating_sub(1);
            self.frame = back;
            if let Some(r) = failed {
                return Err(r);
            }
            if flags & FLAG_ENTRY != 0 || back.is_null() {
                return Ok(Some(Exit::Yield(v)));
            }
            let bb = Runtime::blk(back);
            let sp = self.heap.val(bb, F_SP).as_small().unwrap_or(0) as usize;
            let sbase = crate::heap::Heap::base(bb) + self.heap.aux(bb) as usize;
            match flags & 7 {
                // The caller yields the same value to its own resumer, staying on its
                // YIELD_FROM so that the next send goes back down the chain.
                CONT_YIELDFROM => continue,
                _ => {
                    *self.heap.word_mut(sbase + sp) = v.0;
                    self.heap.set_val(bb, F_SP, Value::small(sp as i32 + 1));
                    return Ok(None);
                }
            }
        }
    }

    /// Resume generator `g` with `sent`, linking its frame with continuation `cont` (jump
    /// target `target` for FOR_ITER). Returns false if it is already finished (then
    /// `stop_value` holds None).
    pub(crate) fn gen_enter(
        &mut self,
        g: Value,
        sent: Value,
        cont: u32,
        target: usize,
    ) -> PyResult<bool> {
        match self.gen_prepare(g, sent)? {
            Some(fr) => {
                self.link_frame(fr, cont, Value::small(target as i32))?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Make generator `g` ready to resume with `sent` and return its frame for the caller to
    /// link; `None` if it is already finished (then `stop_value` holds None). A finished
    /// coroutine is an error, as in CPython.
    pub(crate) fn gen_prepare(&mut self, g: Value, sent: Value) -> PyResult<Option<Value>> {
        let gb = Runtime::blk(g);
        let state = self.heap.val(gb, GEN_STATE).as_small().unwrap_or(GEN_DONE);
        match state {
            GEN_DONE if self.is_coroutine(g) => {
                return Err(self.raise(
                    ExcKind::RuntimeError,
                    "cannot reuse already awaited coroutine",
                ))
            }
            GEN_DONE => {
                self.stop_value = Value::NONE;
                return Ok(None);
            }
            GEN_RUNNING => return Err(self.value_error("generator already executing")),
            GEN_CREATED if sent != Value::NONE => {
                let msg = if self.is_coroutine(g) {
                    "can't send non-None value to a just-started coroutine"
                } else {
                    "can't send non-None value to a just-started generator"
                };
                return Err(self.type_error(msg));
            }
            _ => {}
        }
        let fr = self.heap.val(gb, GEN_FRAME);
        let f = Runtime::blk(fr);
        if state == GEN_SUSPENDED {
            let sp = self.heap.val(f, F_SP).as_small().unwrap_or(0) as usize;
            let sbase = crate::heap::Heap::base(f) + self.heap.aux(f) as usize;
            *self.heap.word_mut(sbase + sp) = sent.0;
            self.heap.set_val(f, F_SP, Value::small(sp as i32 + 1));
        }
        self.heap.set_val(gb, GEN_STATE, Value::small(GEN_RUNNING));
        Ok(Some(fr))
    }

    /// Create the generator owning the fresh frame `fv` of a generator function; the frame
    /// starts after its RETURN_GENERATOR.
    pub(crate) fn make_generator(&mut self, fv: Value) -> PyResult<Value> {
        let g = self.new_wrapper(Kind::Generator, &[fv, Value::small(GEN_CREATED)])?;
        let f = Runtime::blk(fv);
        self.heap.set_val(f, F_GEN, g);
        self.heap.set_val(f, F_PC, Value::small(1));
        let flags = self.frame_flags(f);
        self.set_frame_flags(f, flags | FLAG_GEN);
        let codev = self.heap.val(f, F_CODE);
        let cb = Runtime::blk(codev);
        if self.heap.aux(cb) & crate::bytecode::CodeFlags::COROUTINE.0 as u32 != 0 {
            let index = self.heap.val(cb, crate::obj::layout::CO_INDEX);
            self.heap
                .set_val(Runtime::blk(g), crate::obj::layout::GEN_CORO_CODE, index);
        }
        let code = self.code_of(codev);
        if code.is_some_and(|c| !c.exception_table.is_empty()) {
            self.watch_generator(g);
        }
        Ok(g)
    }

    /// What `await v` iterates: a coroutine itself, or the iterator `v.__await__()` returns;
    /// CPython's TypeErrors for anything else.
    pub fn awaitable(&mut self, v: Value) -> PyResult<Value> {
        if self.heap.is_kind(v, Kind::Generator) {
            if !self.is_coroutine(v) {
                return Err(self.type_error("object generator can't be used in 'await' expression"));
            }
            let state = self
                .heap
                .val(Runtime::blk(v), GEN_STATE)
                .as_small()
                .unwrap_or(GEN_DONE);
            if state == GEN_DONE {
                return Err(self.raise(
                    ExcKind::RuntimeError,
                    "cannot reuse already awaited coroutine",
                ));
            }
            return Ok(v);
        }
        if self.heap.is_kind(v, Kind::Iter)
            && self.heap.aux(Runtime::blk(v)) == crate::obj::iter::IterKind::Suspend as u32
        {
            return Ok(v);
        }
        let Some(m) = self.special(v, qstr::Q___AWAIT__) else {
            return Err(self.type_error_naming(
                "object ",
                v,
                " can't be used in 'await' expression",
            ));
        };
        self.pin(v);
        let r = self.call(m, &[v], Value::NULL);
        self.unpin(1);
        let it = r?;
        let iterator = match self.kind(it) {
            Some(Kind::Iter) => true,
            Some(Kind::Generator) => {
                if self.is_coroutine(it) {
                    return Err(self.type_error("__await__() returned a coroutine"));
                }
                true
            }
            _ => self.special(it, qstr::Q___NEXT__).is_some(),
        };
        if !iterator {
            return Err(self.type_error_naming(
                "__await__() returned non-iterator of type '",
                it,
                "'",
            ));
        }
        Ok(it)
    }

    /// Is generator object `g` a coroutine (its code an `async def` body)?
    pub fn is_coroutine(&self, g: Value) -> bool {
        let fr = self.heap.val(Runtime::blk(g), 1);
        if !self.heap.is_kind(fr, Kind::Frame) {
            return false;
        }
        let codev = self.heap.val(Runtime::blk(fr), F_CODE);
        if !self.heap.is_kind(codev, Kind::Code) {
            return false;
        }
        let flags = crate::bytecode::code::CodeFlags(self.heap.aux(Runtime::blk(codev)) as u16);
        flags.contains(crate::bytecode::code::CodeFlags::COROUTINE)
    }

    /// A native caller resumes generator `g` in a nested loop: `Ok(Some(v))` for a yield,
    /// `Ok(None)` when it returned (its value in `stop_value`).
    pub(crate) fn gen_resume_nested(
        &mut self,
        g: Value,
        sent: Value,
        throw: bool,
    ) -> PyResult<Option<Value>> {
        if !throw && !self.gen_enter(g, sent, FLAG_ENTRY, 0)? {
            return Ok(None);
        }
        if throw {
            let gb = Runtime::blk(g);
            let state = self.heap.val(gb, GEN_STATE).as_small().unwrap_or(GEN_DONE);
            if state == GEN_DONE {
                return Err(Raised);
            }
            self.heap.set_val(gb, GEN_STATE, Value::small(GEN_RUNNING));
            let fr = self.heap.val(gb, GEN_FRAME);
            let exc = self.exc;
            self.link_frame(fr, FLAG_ENTRY, Value::NULL)?;
            self.exc = exc;
        }
        self.nested_enter()?;
        let mut fuel = 0;
        let r = self.run(&mut fuel, false, throw);
        self.nested -= 1;
        match r? {
            Exit::Yield(v) => Ok(Some(v)),
            Exit::Return(v) => {
                self.stop_value = v;
                Ok(None)
            }
            Exit::Fuel | Exit::Sleep => Ok(Some(Value::NONE)),
        }
    }

    /// After a native call asked to sleep: park at top level, or block when nested (see the
    /// crate docs). A blocking wait ends early with `KeyboardInterrupt` on an interrupt.
    fn sleep_point(&mut self) -> PyResult<Option<Exit>> {
        if self.nested == 0 {
            return Ok(Some(Exit::Sleep));
        }
        if let Some(t) = self.sleep_until {
            while self.host.ticks_us() < t && !self.io_ready() {
                if self.host.take_interrupt() {
                    self.end_wait();
                    return Err(self.raise(ExcKind::KeyboardInterrupt, ""));
                }
                if self.io_wait.is_empty() {
                    self.host.wait_until(t);
                } else {
                    let interest = core::mem::take(&mut self.io_wait);
                    self.host.wait_io(&interest, t);
                    self.io_wait = interest;
                }
            }
        }
        self.end_wait();
        Ok(None)
    }

    /// Is a socket of the current I/O wait ready?
    pub fn io_ready(&mut self) -> bool {
        // Taken whatever the wait, so a host that wakes on a pending signal does not spin.
        self.signals |= self.host.take_signals();
        if self.wait_signals && self.signals != 0 {
            return true;
        }
        let Some(net) = self.host.net() else {
            return false;
        };
        self.io_wait
            .iter()
            .any(|&(s, bits)| net.ready(s) & (bits | crate::net::ERROR | crate::net::HANGUP) != 0)
    }

    /// Forget the current wait.
    pub fn end_wait(&mut self) {
        self.sleep_until = None;
        self.io_wait.clear();
        self.wait_signals = false;
    }

    /// The value of a float, or of a small int when the other operand is a float (both `Some`
    /// only for float arithmetic that needs no int conversion rules).
    #[inline(always)]
    fn fast_float(&self, v: Value) -> Option<crate::format::Float> {
        if let Some(i) = v.as_small() {
            // Only an exact one: comparisons take it as the int's value, and a binary32 float
            // holds 24 bits (the slow path compares exactly, and rounds for arithmetic).
            if cfg!(feature = "float32") && i.unsigned_abs() > 1 << 24 {
                return None;
            }
            return Some(i as crate::format::Float);
        }
        self.float_val(v)
    }

    /// The frame that runs BINARY_OP `op` on the operands at heap words `at` and `at + 1`
    /// (the caller's stack, which keeps them there) when that is a Python `__op__` method
    /// (see `binop_method`) taking them as its arguments, with `CONT_BINOP`'s flags.
    #[inline(never)]
    fn binop_frame(&mut self, op: u32, at: usize) -> PyResult<Option<u32>> {
        let (x, y) = (Value(self.heap.word(at)), Value(self.heap.word(at + 1)));
        let Some(m) = self.binop_method(op, x, y) else {
            return Ok(None);
        };
        if !self.fast_shaped(m, 2) {
            return Ok(None);
        }
        // `make_frame` takes it by its fast path, as `fast_frame` would: one copy of that
        // path serves both.
        let nf = Runtime::blk(self.make_frame(m, &[x, y], Value::NULL)?);
        self.heap
            .set_val(nf, F_FLAGS, Value::small(CONT_BINOP as i32));
        self.heap.set_val(nf, F_CONT, Value::small(op as i32));
        Ok(Some(nf))
    }

    /// A yield of `v` by the generator of frame `f` under `sum` (not done inline): add it to
    /// the total and let the generator go on as if sent None. The frame stays linked, so the
    /// generator and the total stay rooted while the addition runs. The `+` operator itself:
    /// small ints and floats were tried by `sum_add_inline` first (or come from a
    /// `yield from`), and it gives what those shortcuts give.
    #[inline(never)]
    fn sum_yield(&mut self, f: u32, v: Value) -> PyResult<()> {
        let total = self.heap.val(f, F_CONT);
        self.pin(v);
        let r = self.binary_op(0, total, v);
        self.unpin(1);
        self.heap.set_val(f, F_CONT, r?);
        let sp = self.heap.val(f, F_SP).as_small().unwrap_or(0);
        let at = crate::heap::Heap::base(f) + self.heap.aux(f) as usize;
        *self.heap.word_mut(at + sp as usize) = Value::NONE.0;
        self.heap.set_val(f, F_SP, Value::small(sp + 1));
        Ok(())
    }

    /// The addition of a generator's yield under `sum` done without leaving its frame, when
    /// it is of small ints with a small sum, or of floats (or a float and a small int) and the
    /// float could be allocated; `false` leaves it to `frame_yield`. The item `v` is on the
    /// generator's stack (stored), the total in its frame (`F_CONT`).
    #[inline(never)]
    fn sum_add_inline(&mut self, v: Value) -> bool {
        let f = Runtime::blk(self.frame);
        let total = self.heap.val(f, F_CONT);
        let r = if let (Some(a), Some(b)) = (total.as_small(), v.as_small()) {
            Value::try_small_i32(a + b)
        } else if self.heap.is_kind(total, Kind::Float) || self.heap.is_kind(v, Kind::Float) {
            match self.fast_float(total).zip(self.fast_float(v)) {
                Some((x, y)) => self.new_float(x + y).ok(),
                None => None,
            }
        } else {
            None
        };
        match r {
            Some(r) => {
                self.heap.set_val(f, F_CONT, r);
                true
            }
            None => false,
        }
    }

    /// `NameError` for `name`.
    pub fn name_error(&mut self, name: Value) -> Raised {
        let msg = fill("name '{}' is not defined", &[self.display_name(name).arg()]);
        self.raise(ExcKind::NameError, &msg)
    }

    /// `name` from frame `f`'s globals or the builtins (LOAD_GLOBAL, LOAD_NAME's fallback):
    /// the cached hit inlined, the rest a call.
    #[inline(always)]
    fn load_global(&mut self, g: Value, name: Value) -> PyResult<Value> {
        match self.lookup_global(g, name) {
            Some(v) => Ok(v),
            None => self.load_builtin_lazy(name),
        }
    }

    /// `load_global` when neither dict has `name`: a builtin made on first use, or NameError.
    #[inline(never)]
    fn load_builtin_lazy(&mut self, name: Value) -> PyResult<Value> {
        match self.builtin_lazy(name)? {
            Some(v) => Ok(v),
            None => Err(self.name_error(name)),
        }
    }
}

/// The item slot of index `i` (negative counts from the end) in a sequence of `len` items.
#[inline(always)]
fn seq_slot(i: i32, len: usize) -> Option<usize> {
    // `len` counts heap words, far below `isize::MAX`: the sum cannot overflow.
    let j = if i < 0 {
        len as isize + i as isize
    } else {
        i as isize
    };
    if j >= 0 && (j as usize) < len {
        Some(j as usize)
    } else {
        None
    }
}
