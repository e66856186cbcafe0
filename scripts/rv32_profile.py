#!/usr/bin/env python3
"""Where mote's instructions go on riscv32: guest instructions per function for one program.

usage: rv32_profile.py [--elf PATH] [--top N] [--timeout SECS] NAME

Runs benchmark program NAME (scripts/rv32_bench.py's PROGRAMS, with the same cut workload)
on mote-qemu-virt under `qemu-system-riscv32 -icount shift=0` with QEMU's `-d in_asm,exec,
nochain` log: each translated block is logged once with its instructions and each execution
of it once, so a function's count is the sum over its blocks of instructions times
executions. The total includes the VM's start-up, the empty program and the script, and is
printed beside the exact `minstret` figures to show how closely the log accounts for them
(a block cut short by a trap or I/O counts whole). Code the linker outlined
(`OUTLINED_FUNCTION_*`) is listed as such. The log is read as QEMU writes it (a FIFO), never
stored; QEMU runs several times slower while logging.

Runs the binary cargo last built with the `chip` profile (scripts/rv32_bench.py builds it)
unless --elf names another.
"""

import argparse
import bisect
import collections
import os
import re
import sys
import tempfile
import threading

from chip_size import sections
from rv32_bench import BUILT, MOTE_FIGURES, PROGRAMS, qemu_mote, workload
from rv32_size import demangle, kind_of, symbols

TRACE = re.compile(rb"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
INSN = re.compile(rb"^0x([0-9a-f]+):\s")


def functions(elf_path):
    """(start addresses, [(start, end, name)]) of the binary's functions, sorted."""
    elf = open(elf_path, "rb").read()
    found = sorted({(value, value + size, demangle(name))
                    for name, value, size, section in symbols(elf, sections(elf))
                    if kind_of(section) == ".text"})
    return [f[0] for f in found], found


def count_blocks(log_path, executed):
    """Read QEMU's log at `log_path` to its end, adding each block's instructions to
    `executed[block start]` at every execution."""
    size, block = {}, None
    with open(log_path, "rb") as log:
        for line in log:
            if line.startswith(b"IN:"):
                block = "next"
            elif (insn := INSN.match(line)) and block is not None:
                if block == "next":
                    block = int(insn[1], 16)
                    size[block] = 0
                size[block] += 1
            elif trace := TRACE.match(line):
                block = None
                pc = int(trace[1], 16)
                executed[pc] += size.get(pc, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--elf", default=BUILT.format(profile="chip"))
    parser.add_argument("--top", type=int, default=30, help="functions to list")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds for the run")
    parser.add_argument("name", choices=sorted(PROGRAMS))
    args = parser.parse_args()
    starts, found = functions(args.elf)
    executed = collections.Counter()
    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, "qemu.log")
        os.mkfifo(fifo)
        reader = threading.Thread(target=count_blocks, args=(fifo, executed))
        reader.start()
        status, console = qemu_mote(args.elf, workload(args.name), args.timeout,
                                    qemu_options=["-d", "in_asm,exec,nochain", "-D", fifo])
        reader.join()
    figures = MOTE_FIGURES.search(console)
    if status != 0 or not figures:
        print(f"{args.name} failed (exit status {status}): {console[-300:]!r}", file=sys.stderr)
        return 1
    by_function = collections.Counter()
    for pc, n in executed.items():
        at = bisect.bisect_right(starts, pc) - 1
        inside = at >= 0 and pc < found[at][1]
        by_function[found[at][2] if inside else f"{pc:#x} (no symbol)"] += n
    total = sum(by_function.values())
    exact = sum(int(figures[i]) for i in (1, 2, 3))
    print(f"{args.name}: {total} instructions in the log; minstret: start-up {figures[1].decode()}"
          f" + empty {figures[2].decode()} + script {figures[3].decode()} = {exact}")
    for name, n in by_function.most_common(args.top):
        print(f"  {n:12} {100 * n / total:5.1f}%  {name[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
