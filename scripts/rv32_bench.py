#!/usr/bin/env python3
"""Instruction counts of the benchmark programs on bare-metal riscv32 under QEMU (issue 17).

usage: rv32_bench.py [--elf PATH] [--profile NAME] [--no-build] [--timeout SECS] [--selftest]
                     [--minimal] [NAMES...]

Runs each program of PROGRAMS (tests/bench, with its workload made smaller: see there) on
mote-qemu-virt (qemu-virt/, the VM with its compiler built with the firmware's `chip`
profile) under `qemu-system-riscv32 -M virt -bios none -icount shift=0`, where the guest's
`minstret` is an exact, deterministic count of guest instructions. A program's figure is the
instructions to compile and run it less those to compile and run an empty program in the same
VM (mote-qemu-virt prints both). Its output must equal CPython's (python3 runs the same
source), or the row is marked and the command fails.

With MOTE_MPY_FIRMWARE set to the firmware.elf of MicroPython's qemu port built with
BOARD=VIRT_RV32 outside this repository (MICROPY_HEAP_SIZE=262144 gives it mote's heap;
FROZEN_MANIFEST= leaves out its test modules; with Debian's gcc-riscv64-unknown-elf and
picolibc-riscv64-unknown-elf, RV32_ARCH="rv32imac -misa-spec=2.2" selects their rv32
libraries), each program also runs there, in the same QEMU with the same count: the program's
source is sent over the UART in MicroPython's raw REPL inside a wrapper that reads
`minstret` (two words of `@micropython.asm_rv32` code) before and after `exec(source)`, and
after and before `exec("")`; the difference is the figure. Then mote/MicroPython ratios and
their geometric mean are printed (issue 17's target: at most 0.7). MicroPython's output may
differ from CPython's (its floats are 32-bit); such rows are marked, not failed.

--selftest first checks what qemu-virt/src/main.rs promises: the exit statuses (0, 1 after an
uncaught exception, sys.exit's code, 121 without a script), the heap the runner asks for, and
that two runs of a program count the same instructions; and issue 17's heap figures on this
32-bit core: under 1,536 B of the heap in use at start-up (the `startup_heap` figure, and
`gc.mem_alloc()` when a script's first line runs), and `asyncio.run` of two sleeping tasks in
a 16 KiB heap leaving at least 8 KiB free after `gc.collect()`. With --minimal the binary is
scripts/rv32_size.py's `minimal` variant (modules and the network side compiled out): instead
of asyncio's figure the selftest checks that importing what is compiled out raises
ImportError, that str, bytes and float have MicroPython's methods and ASCII-only character
classes, that `time` and `os` lack what that build's do (gmtime, uname), and that its floats
are binary32 (`float32`): values exact in binary32 print as CPython's, and `0.1 + 0.2 == 0.3`
holds as it does in binary32.

Builds the full-featured binary first (cargo, from qemu-virt/) unless --no-build or --elf,
with the `chip` profile the figures are kept for, or another of qemu-virt/Cargo.toml's
profiles (`--profile release`: opt-level 3, no LTO) to see what size costs in speed; cargo's
CARGO_PROFILE_CHIP_OPT_LEVEL=s (or 2) in the environment builds the chip profile at that
level (then `cargo build --profile chip` in qemu-virt/ again restores the usual binary).
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

from rv32_size import cargo_env

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH_DIR = os.path.join(ROOT, "tests", "bench")
BUILT = os.path.join(ROOT, "target", "riscv32imc-unknown-none-elf", "{profile}", "mote-qemu-virt")
QEMU = ["qemu-system-riscv32", "-M", "virt", "-bios", "none", "-display", "none",
        "-monitor", "none", "-serial", "stdio", "-icount", "shift=0"]
# Where mote-qemu-virt reads its script (qemu-virt/link.x, qemu-virt/src/script.rs).
SCRIPT_ADDR = 0x87F00000
SCRIPT_MAGIC = b"MOTE"
MOTE_FIGURES = re.compile(
    rb"mote-qemu-virt: startup=(\d+) empty=(\d+) script=(\d+) heap=(\d+) startup_heap=(\d+)\n$")
MPY_FIGURES = re.compile(rb"mpy-rv32: empty=(\d+) script=(\d+)\n$")

# The programs of tests/bench that fit this bare-metal VM (not the asyncio ones: it has no
# event loop to wait on sockets or time; not memory: it prints heap figures), each with its
# workload cut so a run takes seconds rather than minutes under QEMU: (text in the program,
# what replaces it). The text must occur exactly once.
PROGRAMS = {
    "pystone": ("result = run(200000)", "result = run(1000)"),
    "richards": ("[run(10000) for _ in range(8)]", "[run(700) for _ in range(1)]"),
    "chaos": ("game(64, 60000, 1234)", "game(64, 600, 1234)"),
    "deltablue": ("for _ in range(60):", "for _ in range(1):"),
    "raytrace": ("W, H = 128, 96", "W, H = 12, 9"),
    "spectral_norm": ("norm(200, 10)", "norm(20, 10)"),
    "fannkuch": ("fannkuch(9)", "fannkuch(6)"),
    "hexiom": ("HINTS = 0", "HINTS = 5"),
    "float": ("ROUNDS, POINTS = 80, 5000", "ROUNDS, POINTS = 3, 500"),
    "generators": ("print(run(64))", "print(run(1))"),
    "json_like": ("print(run(30, 200))", "print(run(2, 40))"),
    "json_work": ("N = 10000", "N = 50"),
    "fib": ("print(fib(33))", "print(fib(22))"),
    "nqueens": ("range(4, 13)", "range(4, 9)"),
    "int_loops": ("print(run(4000000))", "print(run(40000))"),
    "list_work": ("print(run(100, 5000))", "print(run(4, 5000))"),
    "dict_work": ("print(run(200, 5000))", "print(run(8, 2000))"),
    "method_calls": ("print(run(2000000))", "print(run(20000))"),
    "string_build": ("print(run(80, 10000))", "print(run(4, 1000))"),
    "float_mandelbrot": ("print(mandel(400, 300, 100))", "print(mandel(40, 30, 100))"),
    "float_nbody": ("advance(BODIES, 0.01, 100000)", "advance(BODIES, 0.01, 1000)"),
    "float_text": ("for r in range(25):", "for r in range(1):"),
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


def qemu_mote(elf, source, timeout, heap=0, qemu_options=()):
    """(exit status, console bytes) of mote-qemu-virt given `source` (None: no script) and a
    Python heap of `heap` bytes (0: its default), QEMU given `qemu_options` besides."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as script:
        command = QEMU + list(qemu_options) + ["-kernel", elf]
        if source is not None:
            data = source.encode()
            script.write(SCRIPT_MAGIC + struct.pack("<II", heap, len(data)) + data)
            script.flush()
            command += ["-device", f"loader,file={script.name},addr={SCRIPT_ADDR:#x},force-raw=on"]
        done = subprocess.run(command, capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL)
    return done.returncode, done.stdout + done.stderr


def run_mote(elf, source, timeout):
    """(output, instructions, (start-up instructions, start-up heap bytes)) of `source` on
    mote-qemu-virt, or (why, None, None)."""
    try:
        status, console = qemu_mote(elf, source, timeout)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout} s", None, None
    figures = MOTE_FIGURES.search(console)
    if status != 0 or not figures:
        return f"exit status {status}: {last_line(console)}", None, None
    output = console[: figures.start()].decode(errors="replace")
    return output, int(figures[3]) - int(figures[2]), (int(figures[1]), int(figures[5]))


# Issue 17: heap in use at start-up on a 32-bit core, and what a 16 KiB heap keeps free after
# asyncio.run of two sleeping tasks.
STARTUP_HEAP_MAX = 1535
ASYNCIO_16K_FREE_MIN = 8 * 1024
HEAP_AT_START = "import gc\ngc.collect()\nprint('in use', gc.mem_alloc())\n"
ASYNCIO_16K = """import asyncio, gc
async def worker(name, d):
    await asyncio.sleep(d)
    print(name, 'done')
    return name
async def main():
    print(await asyncio.gather(worker('a', 0.002), worker('b', 0.001)))
asyncio.run(main())
gc.collect()
print('free', gc.mem_free())
"""


def printed_figure(console, label):
    """The number printed after `label` on a line of `console`, or None."""
    found = re.search(rb"^" + label.encode() + rb" (\d+)$", console, re.MULTILINE)
    return int(found[1]) if found else None


# What the `minimal` variant compiles out: each import must raise ImportError.
MINIMAL_ABSENT = ("asyncio", "socket", "select", "network", "json", "math")
# ... only ASCII letters have a class and a case, every other character may be in a name, and
# the methods and functions MicroPython's VIRT_RV32 build lacks are absent.
MINIMAL_IMPORTS = "".join(
    f"try:\n    import {m}\n    print('{m} imported')\nexcept ImportError:\n    print('no {m}')\n"
    for m in MINIMAL_ABSENT) + (
    "x\xe9 = 5\nprint('\xe9'.isalpha(), '\xe9'.upper(), x\xe9)\n"
    "print(hasattr('', 'title'), hasattr(b'', 'zfill'), hasattr(1.5, 'hex'), hasattr('', 'center'))\n"
    "import time, os\nprint(hasattr(time, 'gmtime'), hasattr(os, 'uname'), hasattr(time, 'ticks_ms'))\n")
MINIMAL_ASCII = "False \xe9 5\nFalse False False True\nFalse False True\n"


# Floats whose values are all exact in binary32 (and whose shortest digits are the same in
# binary64), so CPython's output is the minimal variant's.
MINIMAL_EXACT_FLOATS = """a, b = 0.5, 1.25
print(a, b, a + b, a - b, 3.0 * 2.5, 7 / 4, 2 ** -3, 1.5 ** 2, 10 / 4, -7 // 2.0, 7.5 % 2)
print(float('1.5'), float(' -2.75 '), float(3), int(2.75), int(-2.75), round(2.5), round(3.5))
print(round(0.375, 2), round(1234.5, -2), 1e10, -0.0, 3e5, 0.0625, 123456.0, 1e10 / 1e5)
inf = float('inf')
print(inf, -inf, inf - inf, repr(float('nan')), 2.0 ** 100 > 1e30, divmod(7.5, 2))
print('%.2f' % 1.5, '%.3e' % 1024.0, '{:g}'.format(0.25), format(1.5, '8.3f'), '%d' % 2.5)
print(repr(0.75), str(6.5), [1.0, 2.5], 1.5 == 1.5, 1.5 < 2, 2 == 2.0, 2.5 > 2, -1.0 < -0.5)
print(hash(2.0) == hash(2), hash(0.5) == hash(0.5), int(1e10), float(2 ** 24), 2 ** 22 + 0.5)
print(abs(-2.5), max(1.5, 2), min(-0.5, 0), sum([0.5, 0.25, 0.125]), float('-inf') < -1e38)
"""
# What binary32 changes, printed; its expected values come from struct's binary32 round trips.
MINIMAL_F32_FLOATS = "print(0.1 + 0.2 == 0.3, 16777216.0 + 1.0 == 16777216.0, 1e39)\n"


def binary32(x):
    """`x` rounded to the nearest binary32 (inf past its range)."""
    try:
        return struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return math.copysign(math.inf, x)


def minimal_f32_expected():
    """What MINIMAL_F32_FLOATS prints with binary32 floats (each sum is exact in binary64, so
    one rounding to binary32 is the binary32 sum's)."""
    tenth, fifth = binary32(0.1), binary32(0.2)
    big = binary32(16777216.0)
    return (f"{binary32(tenth + fifth) == binary32(0.3)} {binary32(big + 1.0) == big} "
            f"{binary32(1e39)}\n")


def minimal_selftest(elf, timeout):
    """The minimal variant's imports of what it compiles out and its binary32 floats; the
    failures, described."""
    status, console = qemu_mote(elf, MINIMAL_IMPORTS, timeout)
    want = ("".join(f"no {m}\n" for m in MINIMAL_ABSENT) + MINIMAL_ASCII).encode()
    if status != 0 or want not in console:
        return [f"minimal variant's imports: exit status {status}, output {console[-300:]!r}"]
    print(f"selftest: {', '.join(MINIMAL_ABSENT)} raise ImportError in the minimal variant, "
          "only ASCII letters are letters, and the methods and functions MicroPython lacks are "
          "absent")
    exact = cpython(MINIMAL_EXACT_FLOATS)
    want = f"{exact}{minimal_f32_expected()}"
    status, console = qemu_mote(elf, MINIMAL_EXACT_FLOATS + MINIMAL_F32_FLOATS, timeout)
    figures = MOTE_FIGURES.search(console)
    output = console[: figures.start()].decode(errors="replace") if figures else ""
    if exact is None or status != 0 or output != want:
        return [f"minimal variant's floats: exit status {status}, output {output!r}, "
                f"wanted {want!r}"]
    print("selftest: the minimal variant's floats are binary32: exact values print as "
          "CPython's, 0.1 + 0.2 == 0.3 as in binary32")
    return []


def heap_selftest(elf, timeout, minimal=False):
    """Issue 17's heap figures on riscv32 (see the module doc); the failures, described."""
    failures = []
    status, console = qemu_mote(elf, HEAP_AT_START, timeout, 16384)
    figures = MOTE_FIGURES.search(console)
    in_use = printed_figure(console, "in use")
    if status != 0 or not figures or in_use is None:
        failures.append(f"start-up heap: exit status {status}, output {console[-200:]!r}")
    else:
        print(f"selftest: heap in use at start-up {figures[5].decode()} B, "
              f"when the first line runs {in_use} B (at most {STARTUP_HEAP_MAX})")
        for what, figure in (("startup_heap", int(figures[5])), ("gc.mem_alloc()", in_use)):
            if figure > STARTUP_HEAP_MAX:
                failures.append(f"start-up heap: {what} {figure} B, over {STARTUP_HEAP_MAX}")
    if minimal:
        return failures + minimal_selftest(elf, timeout)
    status, console = qemu_mote(elf, ASYNCIO_16K, timeout, 16384)
    free = printed_figure(console, "free")
    if status != 0 or b"['a', 'b']\n" not in console or free is None:
        failures.append(f"asyncio in 16 KiB: exit status {status}, output {console[-200:]!r}")
    else:
        print(f"selftest: asyncio.run of two sleeping tasks in a 16 KiB heap leaves {free} B "
              f"(at least {ASYNCIO_16K_FREE_MIN})")
        if free < ASYNCIO_16K_FREE_MIN:
            failures.append(f"asyncio in 16 KiB: {free} B free, under {ASYNCIO_16K_FREE_MIN}")
    return failures


def selftest(elf, timeout, minimal=False):
    """Check mote-qemu-virt's contract (exit statuses, output, heap, repeatable counts) and
    issue 17's heap figures; the failures, described."""
    checks = [
        ('print("ok")', 0, 0, b"ok\n"),
        ('raise ValueError("boom")', 0, 1, b"ValueError: boom\n"),
        ("import sys\nsys.exit(7)", 0, 7, b""),
        ("import sys\nsys.exit(0)", 0, 0, b""),
        ("print(len(bytearray(20000)))", 16384, 1, b"MemoryError"),
        ("x = [0] * 100\nprint(len(x))", 16384, 0, b"100\n"),
        (None, 0, 121, b"mote-qemu-virt: no script loaded\n"),
    ]
    failures = []
    for source, heap, want_status, want_output in checks:
        status, console = qemu_mote(elf, source, timeout, heap)
        if status != want_status or want_output not in console:
            failures.append(f"{source!r} (heap {heap}): exit status {status}, wanted "
                            f"{want_status}; output {console[-200:]!r}")
        elif source is not None and f"heap={heap or 262144}".encode() not in console:
            failures.append(f"{source!r}: figures do not say heap={heap}: {console[-200:]!r}")
    runs = [MOTE_FIGURES.search(qemu_mote(elf, workload("fib"), timeout)[1]) for _ in range(2)]
    if not all(runs) or runs[0].groups() != runs[1].groups():
        failures.append(f"two runs of fib counted differently: {[r and r.groups() for r in runs]}")
    return failures + heap_selftest(elf, timeout, minimal)


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
    parser.add_argument("--profile", default="chip", help="cargo profile to build and run")
    parser.add_argument("--no-build", action="store_true", help="run the binary already built")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per run")
    parser.add_argument("--selftest", action="store_true",
                        help="first check the binary's exit statuses and repeatable counts")
    parser.add_argument("--minimal", action="store_true",
                        help="the binary is the minimal variant (see --selftest)")
    parser.add_argument("names", nargs="*", help="programs to run (default: all)")
    args = parser.parse_args()
    names = [n.removesuffix(".py") for n in args.names] or list(PROGRAMS)
    unknown = [n for n in names if n not in PROGRAMS]
    if unknown:
        print(f"unknown programs: {', '.join(unknown)} (known: {', '.join(PROGRAMS)})",
              file=sys.stderr)
        return 2
    elf = args.elf or BUILT.format(profile="debug" if args.profile == "dev" else args.profile)
    if not args.elf and not args.no_build:
        subprocess.run(["cargo", "build", "--profile", args.profile],
                       cwd=os.path.join(ROOT, "qemu-virt"), env=cargo_env(), check=True)
    if args.selftest:
        failures = selftest(elf, args.timeout, args.minimal)
        for failure in failures:
            print(f"selftest FAILED: {failure}", file=sys.stderr)
        if failures:
            return 1
        print("selftest: exit statuses, heap size, repeatable counts and heap figures as "
              "documented")
    firmware = os.environ.get("MOTE_MPY_FIRMWARE")
    if firmware and not os.path.isfile(firmware):
        print(f"MOTE_MPY_FIRMWARE: no file {firmware}", file=sys.stderr)
        return 2
    columns = f"{'program':18} {'mote':>14}"
    if firmware:
        columns += f" {'MicroPython':>14} {'mote/MPy':>9}"
    print(f"guest instructions to compile and run each program (less an empty one), "
          f"qemu-system-riscv32 -icount shift=0; mote: {os.path.relpath(elf, ROOT)}")
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
        print(f"mote's start-up (Vm::new, 256 KiB heap): {startup[0]} instructions, "
              f"{startup[1]} bytes of heap in use")
    if ratios:
        mean = math.exp(sum(map(math.log, ratios)) / len(ratios))
        print(f"geometric mean mote/MicroPython over {len(ratios)} programs: {mean:.4f} "
              f"(issue 17's target: at most 0.7)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
