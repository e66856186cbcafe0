#!/usr/bin/env python3
"""Size report of mote's VM on bare-metal riscv32 (issue 17), checked against its budget.

usage: rv32_size.py [--variant full|minimal]... [--top N] [--budget FILE] [--elf VARIANT=PATH]...

Builds qemu-virt/ (the VM with its compiler on QEMU's riscv32 virt machine, the firmware's
`chip` profile; calls relaxed and identical functions folded at link time, see
qemu-virt/.cargo/config.toml and build.rs) in each variant: `full` (the VM's default features, every builtin module) and
`minimal` (`--no-default-features --features float32`: modules off and 32-bit floats, the
feature set closest to MicroPython's VIRT_RV32 build, whose floats are binary32). Each build is copied to
target/riscv32imc-unknown-none-elf/chip/mote-qemu-virt-VARIANT, `full` last, so the binary
cargo leaves is the full one that scripts/rv32_bench.py runs. `--elf VARIANT=PATH` reports a
binary built elsewhere instead of building.

For each it prints `.text`, `.rodata`, `.data` and `.bss`, the bytes of code and constant data
by crate (from the mangled symbol names: generic code counts for the crate that defines it,
so `alloc`'s share includes Vec and BTreeMap code made for the VM's types; code the linker
outlined, `OUTLINED_FUNCTION_*`, and constants without a symbol are listed as such), and the
largest symbols. It exits 1 when a variant's `.text + .rodata` is over its budget in
qemu-virt/size-budget.toml. Reads the ELF itself (scripts/chip_size.py's parser).
"""

import argparse
import collections
import os
import re
import shutil
import struct
import subprocess
import sys
import tomllib

from chip_size import SHF_ALLOC, sections

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRATE_DIR = os.path.join(ROOT, "qemu-virt")
BUILT = os.path.join(ROOT, "target", "riscv32imc-unknown-none-elf", "chip", "mote-qemu-virt")
VARIANTS = {"full": [], "minimal": ["--no-default-features", "--features", "float32"]}
SHT_SYMTAB = 2
STT_FUNC, STT_OBJECT = 2, 1
# Escapes of the legacy Rust mangling, as they appear inside identifiers.
ESCAPES = {"$LT$": "<", "$GT$": ">", "$C$": ",", "$RF$": "&", "$BP$": "*", "$SP$": "@",
           "$u20$": " ", "$u27$": "'", "$u5b$": "[", "$u5d$": "]", "$u7b$": "{", "$u7d$": "}",
           "$u3b$": ";", "$u2b$": "+", "$u22$": '"', "$LP$": "(", "$RP$": ")"}


def symbols(elf, secs):
    """(name, value, size, section name) of every sized function and data symbol."""
    out = []
    for sec in secs:
        if sec["kind"] != SHT_SYMTAB:
            continue
        names = secs[sec["link"]]["offset"]
        for at in range(sec["offset"], sec["offset"] + sec["size"], 16):
            name, value, size, info, _, shndx = struct.unpack_from("<IIIBBH", elf, at)
            if not size or info & 0xF not in (STT_FUNC, STT_OBJECT) or shndx >= len(secs):
                continue
            end = elf.index(b"\0", names + name)
            out.append((elf[names + name : end].decode(errors="replace"), value, size,
                        secs[shndx]["name"]))
    return out


def demangle(name):
    """A Rust symbol name as a path without its hash (legacy `_ZN...E` and, roughly, v0
    `_R...`: its path up to the first generic argument); other names as they are. A suffix
    LLVM gives a local copy (`...E.81`, `...E.llvm.123`) is dropped."""
    if name.startswith("_ZN"):
        name = re.sub(r"E\.[0-9A-Za-z_.]+$", "E", name)
    if name.startswith("_ZN") and name.endswith("E"):
        parts, at = [], 3
        while digits := re.match(r"\d+", name[at:]):
            at += len(digits.group())
            parts.append(name[at : at + int(digits.group())])
            at += int(digits.group())
        if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
            parts.pop()
        path = "::".join(p[1:] if p.startswith("_$") else p for p in parts)
        for escape, char in ESCAPES.items():
            path = path.replace(escape, char)
        return path.replace("..", "::")
    if name.startswith("_R"):
        parts, at = [], 2
        while at < len(name):
            if name[at] == "N":  # a nested path: its namespace letter follows
                at += 2
            elif name[at] in "IMXY":  # generic or impl: the path it is in follows
                at += 1
                if name[at : at + 1] == "s":
                    at = name.index("_", at) + 1
            elif name[at] == "C":  # the crate root, with a disambiguator `s<base62>_`
                at += 1
                if name[at : at + 1] == "s":
                    at = name.index("_", at) + 1
            elif digits := re.match(r"\d+_?", name[at:]):
                length = int(digits.group().rstrip("_"))
                at += len(digits.group())
                parts.append(name[at : at + length])
                at += length
            else:
                break
        return "::".join(parts) or name
    return name


def crate_of(path):
    """The crate a demangled symbol belongs to: its first path segment; for an impl
    `<T as Trait>` of a generic or primitive `T`, the trait's crate."""
    if path.startswith("OUTLINED_FUNCTION"):
        return "(outlined by the linker)"
    if path.startswith(".Lanon."):
        return "(anonymous constants)"
    head = re.sub(r"^(<|&|\*|mut |const |dyn |impl )+", "", path)
    own, _, trait = head.partition(" as ")
    if "::" not in own.split("<")[0] and trait:
        head = re.sub(r"^(<|&|\*|mut |const |dyn )+", "", trait)
    crate = re.match(r"[A-Za-z_][A-Za-z0-9_]*(?=::)", head)
    return crate.group() if crate else "(no crate)"


def module_of(path, crate):
    """For mote's own crates, the module a symbol is in (two levels under `modules` and
    `builtins`, one elsewhere); None for other crates."""
    if not crate.startswith("mote_"):
        return None
    head = re.sub(r"^(<|&|\*|mut |const |dyn |impl )+", "", path)
    segments = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", head.split("<")[0])
    depth = 3 if segments[1:2] in (["modules"], ["builtins"]) else 2
    return "::".join(segments[:depth])


def preview(elf, secs, section, value, size):
    """An anonymous constant shown by its first bytes when they are text (frozen Python
    source is), else as such."""
    sec = next(s for s in secs if s["name"] == section)
    head = elf[sec["offset"] + value - sec["addr"] :][: min(size, 48)]
    if all(32 <= b < 127 or b in b"\n\t" for b in head):
        return "(anonymous text) " + repr(head.decode())
    return "(anonymous constant)"


def cargo_env():
    """The environment for building qemu-virt/: the checkout's and cargo's own directories
    renamed in the binary. The panic locations that relaxed calls keep (see
    qemu-virt/.cargo/config.toml) name their source files, so without this the size would grow
    by about 70 bytes per character of the path the repository is cloned to. Cargo adds these
    flags to the config file's."""
    cargo_home = os.environ.get("CARGO_HOME") or os.path.join(os.path.expanduser("~"), ".cargo")
    flags = f"--remap-path-prefix={ROOT}=mote --remap-path-prefix={cargo_home}=cargo"
    return dict(os.environ, CARGO_TARGET_RISCV32IMC_UNKNOWN_NONE_ELF_RUSTFLAGS=flags)


def build(variant):
    """Build `variant` in qemu-virt/ and copy it beside the usual output; its path."""
    subprocess.run(["cargo", "build", "--profile", "chip", *VARIANTS[variant]],
                   cwd=CRATE_DIR, env=cargo_env(), check=True)
    path = f"{BUILT}-{variant}"
    shutil.copyfile(BUILT, path)
    return path


def kind_of(section):
    """The output section a section counts in: `.text.foo` in `.text` (a C build keeps
    function sections apart), the small-data sections in their kind."""
    base = "." + section.lstrip(".").split(".")[0]
    return {".srodata": ".rodata", ".sdata": ".data", ".sbss": ".bss"}.get(base, base)


def report(variant, path, budget, top):
    """Print the report of one binary; True when it is within its budget."""
    elf = open(path, "rb").read()
    secs = sections(elf)
    size_of = collections.Counter()
    for s in secs:
        if s["flags"] & SHF_ALLOC and s["size"]:
            size_of[kind_of(s["name"])] += s["size"]
    text, rodata = size_of[".text"], size_of[".rodata"]
    total = text + rodata
    print(f"== {variant}: {path}")
    print(f".text {text}  .rodata {rodata}  .data {size_of['.data']}  .bss {size_of['.bss']}"
          f"  (.stack {size_of['.stack']})")
    by_crate = collections.Counter()
    by_module = collections.Counter()
    by_symbol = []
    placed = collections.Counter()
    seen = set()
    for name, value, size, section in symbols(elf, secs):
        home = kind_of(section)
        # Aliases (two names for one address) count once.
        if home not in (".text", ".rodata") or (home, value) in seen:
            continue
        seen.add((home, value))
        path_name = demangle(name)
        crate = crate_of(path_name)
        if crate == "(anonymous constants)":
            path_name = preview(elf, secs, section, value, size)
        by_crate[crate, home] += size
        module = module_of(path_name, crate)
        if module:
            by_module[module] += size
        placed[home] += size
        by_symbol.append((size, home, path_name))
    print("by crate (bytes of .text / .rodata):")
    crates = sorted({c for c, _ in by_crate}, key=lambda c: -(by_crate[c, ".text"]
                                                              + by_crate[c, ".rodata"]))
    for crate in crates[:top]:
        print(f"  {by_crate[crate, '.text']:8} {by_crate[crate, '.rodata']:8}  {crate}")
    print(f"  {text - placed['.text']:8} {rodata - placed['.rodata']:8}  (no symbol)")
    print("mote's own code and constants by module (bytes):")
    for module, size in by_module.most_common(top):
        print(f"  {size:8}  {module}")
    print("largest symbols:")
    for size, home, name in sorted(by_symbol, reverse=True)[:top]:
        print(f"  {size:8} {home:8} {name[:110]}")
    if budget is None:
        print(f".text + .rodata {total} bytes (no budget for {variant})")
        return True
    verdict = f"{budget - total} bytes under" if total <= budget else f"OVER by {total - budget}"
    print(f".text + .rodata {total} bytes; budget {budget}: {verdict}")
    return total <= budget


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS),
                        help="build and report only this variant (default: both)")
    parser.add_argument("--elf", action="append", default=[], metavar="VARIANT=PATH",
                        help="report this binary as VARIANT instead of building")
    parser.add_argument("--top", type=int, default=20, help="crates and symbols to list")
    parser.add_argument("--budget", default=os.path.join(CRATE_DIR, "size-budget.toml"))
    args = parser.parse_args()
    with open(args.budget, "rb") as f:
        budgets = tomllib.load(f)
    given = dict(e.split("=", 1) for e in args.elf)
    if not given:
        # `full` last: the binary cargo leaves is the one the bench runs.
        chosen = [v for v in ("minimal", "full") if v in (args.variant or VARIANTS)]
        given = {v: build(v) for v in chosen}
    ok = True
    for variant, path in given.items():
        ok &= report(variant, path, budgets.get(variant), args.top)
    if not ok:
        print("FAIL: a build is over its size budget (qemu-virt/size-budget.toml)",
              file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
