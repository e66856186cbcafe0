#!/usr/bin/env python3
"""Instruction counts of the benchmark programs on bare-metal riscv32 under QEMU (issue 17).

usage: rv32_bench.py [--elf PATH] [--no-build] [--timeout SECS] [NAMES...]

Runs each program of PROGRAMS (tests/bench, with its workload made smaller: see there) on
mote-qemu-virt (qemu-virt/, the VM with its compiler built with the firmware's `chip`
profile) under `qemu-system-riscv32 -M virt -bios none -icount shift=0`, where the guest's
`minstret` is an exact, deterministic count of guest instructions. A program's figure is the
instructions to compile and run it less those to compile and run an empty program in the same
VM (mote-qemu-virt prints both). Its output must equal CPython's (python3 runs the same
source), or the row is marked and the command fails.

With MOTE_MPY_FIRMWARE set to the firmware.elf of MicroPython's qemu port built with
BOARD=VIRT_RV32 (built outside this repository; MICROPY_HEAP_SIZE=262144 gives it mote's
heap), each program also runs there, in the same QEMU with the same count: the program's
source is sent over the UART in MicroPython's raw REPL inside a wrapper that reads
`minstret` (two words of `@micropython.asm_rv32` code) before and after `exec(source)`, and
after and before `exec("")`; the difference is the figure. Then mote/MicroPython ratios and
their geometric mean are printed (issue 17's target: at most 0.7). MicroPython's output may
differ from CPython's (its floats are 32-bit); such rows are marked, not failed.

Builds the full-featured binary first (cargo, from qemu-virt/) unless --no-build or --elf.
Exits 1 when a program fails or disagrees with CPython on mote, 2 on bad arguments.
"""

import argparse
import math
import os
import re
import select
import struct
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DIR = os.path.join(ROOT, "tests", "bench")
ELF = os.path.join(ROOT, "target", "riscv32imc-unknown-none-elf", "chip", "mote-qemu-virt")
QEMU = ["qemu-system-riscv32", "-M", "virt", "-bios", "none", "-display", "none",
        "-monitor", "none", "-serial", "stdio", "-icount", "shift=0"]
# Where mote-qemu-virt reads its script (qemu-virt/link.x, qemu-virt/src/script.rs).
SCRIPT_ADDR = 0x87F00000
SCRIPT_MAGIC = b"MOTE"
MOTE_FIGURES = re.compile(rb"mote-qemu-virt: startup=(\d+) empty=(\d+) script=(\d+) heap=(\d+)\n$")
MPY_FIGURES = re.compile(rb"mpy-rv32: empty=(\d+) script=(\d+)\n$")

# The classic programs of tests/bench that MicroPython's VIRT_RV32 build can run (not the
# asyncio ones: it has no asyncio; not json_work: it needs 12 MB of heap), each with its
# workload cut so a run takes seconds rather than minutes under QEMU: (text in the program,
# what replaces it). The text must occur exactly once.
PROGRAMS = {
    "fib": ("print(fib(33))", "print(fib(22))"),
    "nqueens": ("range(4, 13)", "range(4, 9)"),
    "int_loops": ("print(run(4000000))", "print(run(40000))"),
    "list_work": ("print(run(100, 5000))", "print(run(4, 5000))"),
    "dict_work": ("print(run(200, 5000))", "print(run(8, 2000))"),
    "method_calls": ("print(run(2000000))", "print(run(20000))"),
    "string_build": ("print(run(80, 10000))", "print(run(4, 1000))"),
    "float_mandelbrot": ("print(mandel(400, 300, 100))", "print(mandel(40, 30, 100))"),
    "float_nbody": ("advance(BODIES, 0.01, 100000)", "advance(BODIES, 0.01, 1000)"),
    "bigint_pidigits": ("pi_digits(3300)", "pi_digits(300)"),
    "struct_work": ("range(100000)", "range(2000)"),
    "re_sub": ("while n < 100_000:", "while n < 5_000:"),
    "sha256_work": ("for _ in range(256):", "for _ in range(16):"),
}

# Run by MicroPython around the program: `minstret` read by two RV32 instructions given as
# data (csrr a0, minstret / csrr a0, minstreth), the high word read on both sides of the low
# one so a carry between them is seen.
MPY_WRAPPER = """\
@micropython.asm_rv32
def _lo():
    data(4, 0xB0202573)
@micropython.asm_rv32
def _hi():
    data(4, 0xB8202573)
def _instret():
    h = _hi() & 0xFFFFFFFF
    l = _lo() & 0xFFFFFFFF
    if _hi() & 0xFFFFFFFF != h:
        h = _hi() & 0xFFFFFFFF
        l = _lo() & 0xFFFFFFFF
    return (h << 32) | l
def _measure(source):
    g = {"__name__": "__main__"}
    t = _instret()
    exec(source, g)
    return _instret() - t
_empty = _measure("")
_script = _measure(_SOURCE)
print("mpy-rv32: empty=%d script=%d" % (_empty, _script))
"""


def last_line(text):
    """The last line of a failure's output (a traceback's exception line)."""
    lines = [line for line in text.decode(errors="replace").splitlines()
             if line.strip() and not line.startswith("mote-qemu-virt:")]
    return lines[-1].strip() if lines else "no output"


def workload(name):
    """The program's source with its workload cut (PROGRAMS)."""
    with open(os.path.join(BENCH_DIR, name + ".py")) as f:
        source = f.read()
    old, new = PROGRAMS[name]
    if source.count(old) != 1:
        raise SystemExit(f"{name}.py no longer contains {old!r} once: update PROGRAMS")
    return source.replace(old, new)


def run_mote(elf, source, timeout):
    """(output, instructions, startup) of `source` on mote-qemu-virt, or (why, None, None)."""
    data = source.encode()
    with tempfile.NamedTemporaryFile(suffix=".bin") as script:
        script.write(SCRIPT_MAGIC + struct.pack("<II", 0, len(data)) + data)
        script.flush()
        loader = f"loader,file={script.name},addr={SCRIPT_ADDR:#x},force-raw=on"
        try:
            done = subprocess.run(QEMU + ["-kernel", elf, "-device", loader],
                                  capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return f"timed out after {timeout} s", None, None
    figures = MOTE_FIGURES.search(done.stdout)
    if done.returncode != 0 or not figures:
        return f"exit status {done.returncode}: {last_line(done.stdout + done.stderr)}", None, None
    output = done.stdout[: figures.start()].decode(errors="replace")
    return output, int(figures[3]) - int(figures[2]), int(figures[1])


class Uart:
    """QEMU's `-serial stdio` of a running guest, read with a deadline."""

    def __init__(self, command, deadline):
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.deadline = deadline
        self.seen = b""

    def send(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def until(self, marker):
        """Everything up to and including `marker` (later bytes are kept for the next read)."""
        while marker not in self.seen:
            left = self.deadline - time.monotonic()
            ready, _, _ = select.select([self.proc.stdout], [], [], max(left, 0))
            chunk = os.read(self.proc.stdout.fileno(), 65536) if ready else b""
            if not chunk:
                raise TimeoutError(self.seen[-300:].decode(errors="replace"))
            self.seen += chunk
        at = self.seen.index(marker) + len(marker)
        taken, self.seen = self.seen[:at], self.seen[at:]
        return taken

    def close(self):
        self.proc.kill()
        self.proc.wait()


def run_micropython(firmware, source, timeout):
    """(output, instructions) of `source` on MicroPython's VIRT_RV32 port, or (why, None)."""
    uart = Uart(QEMU + ["-kernel", firmware], time.monotonic() + timeout)
    try:
        uart.send(b"\r\x03\x03\x01")
        uart.until(b"raw REPL; CTRL-B to exit\r\n>")
        uart.send(f"_SOURCE = {source!r}\n{MPY_WRAPPER}".encode() + b"\x04")
        uart.until(b"OK")
        output = uart.until(b"\x04")[:-1].replace(b"\r\n", b"\n")
        error = uart.until(b"\x04")[:-1].decode(errors="replace")
    except TimeoutError as stalled:
        return f"stopped or timed out: {last_line(str(stalled).encode())}", None
    finally:
        uart.close()
    figures = MPY_FIGURES.search(output)
    if error or not figures:
        return f"failed: {last_line((error or output.decode(errors='replace')).encode())}", None
    return output[: figures.start()].decode(errors="replace"), int(figures[2]) - int(figures[1])


def cpython(source):
    """What CPython prints for `source`, run from the benchmark folder."""
    done = subprocess.run([sys.executable, "-"], input=source, capture_output=True, text=True,
                          cwd=BENCH_DIR)
    return done.stdout if done.returncode == 0 else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--elf", help="run this mote-qemu-virt binary (and build nothing)")
    parser.add_argument("--no-build", action="store_true", help="run the binary already built")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("names", nargs="*", help="programs to run (default: all)")
    args = parser.parse_args()
    names = [n.removesuffix(".py") for n in args.names] or list(PROGRAMS)
    unknown = [n for n in names if n not in PROGRAMS]
    if unknown:
        print(f"unknown programs: {', '.join(unknown)} (known: {', '.join(PROGRAMS)})",
              file=sys.stderr)
        return 2
    elf = args.elf or ELF
    if not args.elf and not args.no_build:
        subprocess.run(["cargo", "build", "--profile", "chip"], cwd=os.path.join(ROOT, "qemu-virt"),
                       check=True)
    firmware = os.environ.get("MOTE_MPY_FIRMWARE")
    if firmware and not os.path.isfile(firmware):
        print(f"MOTE_MPY_FIRMWARE: no file {firmware}", file=sys.stderr)
        return 2
    columns = f"{'program':18} {'mote':>14}"
    if firmware:
        columns += f" {'MicroPython':>14} {'mote/MPy':>9}"
    print(f"guest instructions to compile and run each program (less an empty one), "
          f"qemu-system-riscv32 -icount shift=0")
    print(columns)
    failed, ratios, startup = False, [], None
    for name in names:
        source = workload(name)
        expected = cpython(source)
        output, mote, startup_now = run_mote(elf, source, args.timeout)
        startup = startup_now or startup
        row = f"{name:18} {mote if mote is not None else '-':>14}"
        notes = []
        if mote is None:
            notes.append(f"mote {output}")
            failed = True
        elif output != expected:
            notes.append("mote's output differs from CPython's")
            failed = True
        if firmware:
            mpy_output, mpy = run_micropython(firmware, source, args.timeout)
            row += f" {mpy if mpy is not None else '-':>14}"
            if mpy is None:
                notes.append(f"MicroPython {mpy_output}")
            elif mpy_output != expected:
                notes.append("MicroPython's output differs from CPython's")
            if mote is not None and mpy is not None and output == expected:
                ratios.append(mote / mpy)
                row += f" {mote / mpy:9.2f}"
        print(row + ("  " + "; ".join(notes) if notes else ""), flush=True)
    if startup is not None:
        print(f"mote's start-up (Vm::new, 256 KiB heap): {startup} instructions")
    if ratios:
        mean = math.exp(sum(map(math.log, ratios)) / len(ratios))
        print(f"geometric mean mote/MicroPython over {len(ratios)} programs: {mean:.2f} "
              f"(issue 17's target: at most 0.7)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
