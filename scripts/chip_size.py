#!/usr/bin/env python3
"""Print the memory figures of a chip firmware ELF and check them against the targets.

usage: chip_size.py FIRMWARE.elf [--max-image BYTES] [--budget-image BYTES] [--target-image BYTES]
                    [--min-heap BYTES] [--min-stack-margin BYTES] [--top N]

- image: what the flash image holds, the bytes of every loaded section (code and read-only
  data run from flash; .data and the RAM code are copied from it at boot), plus the
  ESP-IDF image format's headers (one per section, the image header, the checksum and
  the SHA-256 digest). espflash's image packs the same sections; it may differ by its
  padding, a few hundred bytes.
- static RAM: .data + .bss (the static Python heap region is in .bss), and the code that
  must run from RAM, which takes its share of the same SRAM.
- stack: the .stack section (what DRAM has left).
- Python heap: the value of the firmware's MOTE_PYTHON_HEAP_BYTES symbol.
- the VM's stack budget (MOTE_VM_STACK_BUDGET_BYTES) and what the stack has beside it.
- where the image's bytes go: the loaded bytes of the symbols of each crate (from the symbol
  names: Rust's legacy `_ZN` and v0 `_R` manglings), the C libraries (Espressif's closed Wi-Fi
  and PHY libraries, unmangled names), anonymous constants (strings, tables) and what no
  symbol covers; then the largest symbols. Inlined code counts for the function it is in.

Exits 1 when the image is larger than --max-image (the app slot it must fit) or than
--budget-image (the size CI holds it to), the Python heap smaller than --min-heap, or the
stack leaves less than --min-stack-margin beside the VM's budget; an image over
--target-image (the size aimed at) is reported. Reads the ELF itself (32-bit little-endian),
so it needs no binutils.
"""

import argparse
import collections
import re
import struct
import sys

SHT_NOBITS = 8
SHF_ALLOC = 0x2
# ESP-IDF image format: 24-byte image header, 8 bytes per segment, a checksum byte padded to
# 16 bytes, and the 32-byte SHA-256 digest.
IMAGE_HEADER, SEGMENT_HEADER, CHECKSUM, DIGEST = 24, 8, 16, 32


def sections(elf):
    if elf[:4] != b"\x7fELF" or elf[4] != 1 or elf[5] != 1:
        raise ValueError("not a 32-bit little-endian ELF")
    shoff, = struct.unpack_from("<I", elf, 0x20)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", elf, 0x2E)
    headers = []
    for i in range(shnum):
        name, kind, flags, addr, offset, size, link, _, _, entsize = struct.unpack_from(
            "<IIIIIIIIII", elf, shoff + i * shentsize
        )
        headers.append((name, kind, flags, addr, offset, size, link, entsize))
    strtab = headers[shstrndx][4]

    def cstr(at):
        return elf[at : elf.index(b"\0", at)].decode()

    return [
        dict(name=cstr(strtab + h[0]), kind=h[1], flags=h[2], addr=h[3], offset=h[4],
             size=h[5], link=h[6], entsize=h[7])
        for h in headers
    ]


def symbols(elf, secs):
    """`(name, size, section index)` of every sized symbol in .symtab."""
    found = []
    for sec in secs:
        if sec["name"] != ".symtab":
            continue
        names = secs[sec["link"]]["offset"]
        for at in range(sec["offset"], sec["offset"] + sec["size"], 16):
            name, _, size, _, _, shndx = struct.unpack_from("<IIIBBH", elf, at)
            if size == 0 or shndx >= len(secs):
                continue
            end = elf.index(b"\0", names + name)
            found.append((elf[names + name : end].decode(errors="replace"), size, shndx))
    return found


# Legacy mangling's escapes, for the few names the report prints.
LEGACY_ESCAPES = [("$LT$", "<"), ("$GT$", ">"), ("$RF$", "&"), ("$BP$", "*"), ("$u20$", " "),
                  ("$C$", ","), ("$u7b$", "{"), ("$u7d$", "}"), ("$u5b$", "["), ("$u5d$", "]"),
                  ("..", "::")]


def legacy_path(name):
    """The path of a legacy-mangled Rust name (`_ZN7mote_vm3obj3ops...E`), hash dropped."""
    parts, at = [], 3
    while at < len(name) and name[at].isdigit():
        digits = re.match(r"\d+", name[at:]).group()
        at += len(digits)
        parts.append(name[at : at + int(digits)])
        at += int(digits)
    if parts and re.fullmatch(r"h[0-9a-f]{16}", parts[-1]):
        parts.pop()
    path = "::".join(parts)
    for code, text in LEGACY_ESCAPES:
        path = path.replace(code, text)
    return path.replace("_<", "<")


def owner(name):
    """Who a symbol's bytes are charged to: a crate, the C libraries, or anonymous constants."""
    if name.startswith(".L"):
        return "(anonymous constants: strings, tables)"
    if name.startswith("_ZN"):
        path = legacy_path(name)
        # `<impl Trait for Type>` and `<Type as Trait>` paths: charge the type's crate.
        crate = re.match(r"[<&*\s]*(?:impl )?(?:mut |dyn )?([A-Za-z_][A-Za-z0-9_]*)(::)?", path)
        if crate is None:
            return "(other Rust)"
        return crate.group(1) if crate.group(2) else "core"
    if name.startswith("_R"):
        crate = re.search(r"C(?:s[0-9A-Za-z_]*?_)?(\d+)([A-Za-z_])", name)
        if crate is None:
            return "(other Rust)"
        start = crate.start(2)
        return name[start : start + int(crate.group(1))]
    return "(C: Espressif Wi-Fi/PHY libraries, ROM glue)"


def display_name(name):
    return legacy_path(name) if name.startswith("_ZN") else name


def contributors(elf, secs, loaded, top):
    """Print the image's bytes by owner and its largest symbols."""
    loaded_index = {secs.index(s) for s in loaded}
    by_owner, largest, covered = collections.Counter(), [], 0
    seen = set()
    for name, size, shndx in symbols(elf, secs):
        if shndx not in loaded_index or (name, shndx) in seen:
            continue
        seen.add((name, shndx))
        by_owner[owner(name)] += size
        largest.append((size, display_name(name)))
        covered += size
    by_owner["(no symbol: merged strings, padding)"] = max(
        0, sum(s["size"] for s in loaded) - covered)
    total = sum(s["size"] for s in loaded)
    print(f"where the image's {total} loaded bytes go (largest first):")
    for who, size in by_owner.most_common(top):
        print(f"  {size:9d}  {100 * size / total:5.1f}%  {who}")
    rest = sum(size for _, size in by_owner.most_common()[top:])
    if rest:
        print(f"  {rest:9d}  {100 * rest / total:5.1f}%  (the other {len(by_owner) - top})")
    print("largest symbols:")
    for size, name in sorted(largest, reverse=True)[:top]:
        print(f"  {size:9d}  {name[:100]}")


def symbol_value(elf, secs, wanted):
    """The 4-byte little-endian value stored at symbol `wanted`, or None."""
    for sec in secs:
        if sec["name"] != ".symtab":
            continue
        names = secs[sec["link"]]["offset"]
        for at in range(sec["offset"], sec["offset"] + sec["size"], 16):
            name, value, size, _, _, shndx = struct.unpack_from("<IIIBBH", elf, at)
            end = elf.index(b"\0", names + name)
            if elf[names + name : end].decode() != wanted or shndx >= len(secs):
                continue
            home = secs[shndx]
            if home["kind"] == SHT_NOBITS:
                return None
            return struct.unpack_from("<I", elf, home["offset"] + value - home["addr"])[0]
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("elf")
    parser.add_argument("--max-image", type=int)
    parser.add_argument("--budget-image", type=int)
    parser.add_argument("--target-image", type=int)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--min-heap", type=int)
    parser.add_argument("--min-stack-margin", type=int)
    args = parser.parse_args()
    elf = open(args.elf, "rb").read()
    secs = sections(elf)
    loaded = [s for s in secs if s["flags"] & SHF_ALLOC and s["kind"] != SHT_NOBITS and s["size"]]
    image = IMAGE_HEADER + CHECKSUM + DIGEST + sum(SEGMENT_HEADER + s["size"] for s in loaded)
    size_of = {s["name"]: s["size"] for s in secs}

    def total(prefix):
        return sum(v for k, v in size_of.items() if k == prefix or k.startswith(prefix + "."))

    data, bss = total(".data"), total(".bss")
    ram_code = total(".rwtext") + total(".trap")
    stack = size_of.get(".stack", 0)
    heap = symbol_value(elf, secs, "MOTE_PYTHON_HEAP_BYTES")
    budget = symbol_value(elf, secs, "MOTE_VM_STACK_BUDGET_BYTES")

    def kib(n):
        return f"{n} bytes ({n / 1024:.1f} KiB)"

    print(f"image:       {kib(image)}")
    print(f"static RAM:  {kib(data + bss)} (.data {data}, .bss {bss}; the static heap is in .bss)")
    print(f"RAM code:    {kib(ram_code)} (.rwtext, .trap: in the same SRAM)")
    print(f"stack:       {kib(stack)}")
    if budget is not None:
        print(f"VM stack:    {kib(budget)} budget; {kib(stack - budget)} beside it")
    print(f"Python heap: {kib(heap) if heap is not None else 'unknown (no MOTE_PYTHON_HEAP_BYTES)'}")
    if args.target_image is not None:
        over = image - args.target_image
        verdict = f"over by {over} bytes" if over > 0 else f"{-over} bytes under"
        print(f"image target {args.target_image} bytes: {verdict}")
    if args.budget_image is not None:
        print(f"image budget {args.budget_image} bytes: {args.budget_image - image} bytes left")
    contributors(elf, secs, loaded, args.top)
    failed = False
    if args.max_image is not None and image > args.max_image:
        print(f"FAIL: the image is over {args.max_image} bytes (its app slot)", file=sys.stderr)
        failed = True
    if args.budget_image is not None and image > args.budget_image:
        print(f"FAIL: the image is over its budget of {args.budget_image} bytes", file=sys.stderr)
        failed = True
    if args.min_heap is not None and (heap is None or heap < args.min_heap):
        print(f"FAIL: the Python heap is under {args.min_heap} bytes", file=sys.stderr)
        failed = True
    if args.min_stack_margin is not None and (
        budget is None or stack - budget < args.min_stack_margin
    ):
        print(f"FAIL: under {args.min_stack_margin} bytes of stack beside the VM's budget",
              file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
