//! The raw REPL and raw-paste, byte for byte as MicroPython's `pyexec.c` answers them.

use super::{Console, Repl, Reset, State, CTRL_A, CTRL_B, CTRL_C, CTRL_D, RAW_PASTE_WINDOW};
use crate::source::Mode;
use crate::vm::Vm;
use alloc::string::String;
use alloc::vec::Vec;

impl Repl {
    /// Enter the raw REPL: its banner and prompt.
    pub(super) fn enter_raw(&mut self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"raw REPL; CTRL-B to exit\r\n>");
        self.raw_mode = true;
        self.code.clear();
        self.overflow = false;
        self.state = State::Raw;
    }

    pub(super) fn raw_byte<H: Console>(&mut self, vm: &mut Vm<H>, c: u8, out: &mut Vec<u8>) {
        match c {
            CTRL_A => {
                if let [0x05, kind] = self.code[..] {
                    self.code.clear();
                    if kind == b'A' {
                        out.extend_from_slice(b"R\x01");
                        out.extend_from_slice(&RAW_PASTE_WINDOW.to_le_bytes());
                        out.push(0x01);
                        self.state = State::RawPaste {
                            remaining: RAW_PASTE_WINDOW,
                        };
                    } else {
                        // A raw-paste variant this device does not know.
                        out.extend_from_slice(b"R\x00>");
                    }
                } else {
                    self.enter_raw(out);
                }
            }
            CTRL_B => {
                out.extend_from_slice(b"\r\n");
                self.code.clear();
                self.friendly_banner(vm, out);
            }
            CTRL_C => {
                self.code.clear();
                self.overflow = false;
            }
            CTRL_D => {
                out.extend_from_slice(b"OK");
                if self.code.is_empty() && !self.overflow {
                    out.extend_from_slice(b"\r\n");
                    self.state = State::Reset(Reset::CtrlD);
                } else if self.overflow {
                    self.report_overflow(vm, true, out);
                } else {
                    self.run_code(vm, out);
                }
            }
            _ => {
                self.push_code(c);
            }
        }
    }

    pub(super) fn raw_paste_byte<H: Console>(
        &mut self,
        vm: &mut Vm<H>,
        c: u8,
        remaining: u16,
        out: &mut Vec<u8>,
    ) {
        match c {
            CTRL_D => {
                out.push(CTRL_D);
                if self.overflow {
                    self.report_overflow(vm, true, out);
                } else {
                    self.run_code(vm, out);
                }
            }
            CTRL_C => {
                out.push(CTRL_D);
                self.code.clear();
                self.state = State::Running { raw: true };
                self.finish_with_error(vm, true, "KeyboardInterrupt\n", out);
            }
            _ => {
                if !self.push_code(c) {
                    // Over the limit: end the paste now (the host answers Ctrl-D), as
                    // MicroPython does when it stops reading early.
                    out.push(CTRL_D);
                    self.state = State::RawPasteDrain;
                    return;
                }
                let remaining = if remaining <= 1 {
                    out.push(0x01);
                    RAW_PASTE_WINDOW
                } else {
                    remaining - 1
                };
                self.state = State::RawPaste { remaining };
            }
        }
    }

    pub(super) fn raw_paste_drain_byte<H: Console>(
        &mut self,
        vm: &mut Vm<H>,
        c: u8,
        out: &mut Vec<u8>,
    ) {
        if c == CTRL_C || c == CTRL_D {
            self.report_overflow(vm, true, out);
        }
    }

    fn run_code<H: Console>(&mut self, vm: &mut Vm<H>, out: &mut Vec<u8>) {
        let source = String::from_utf8_lossy(&self.code).into_owned();
        self.code.clear();
        self.run(vm, &source, Mode::Exec, true, out);
    }
}
