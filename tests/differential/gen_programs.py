"""Random programs for the mote/CPython differential test, deterministic from a seed.

    python3 tests/differential/gen_programs.py SEED COUNT OUTDIR

writes OUTDIR/prog_<n>.py. Each program evaluates random expressions over ints at the
small-int boundaries (2**30, 2**31, 2**32, 2**63 and neighbours) and over random ints of up to
1,000 bits (every operator, true division, divmod, pow with a modulus and the inverse, float
conversion and comparison, gcd, hex), slices with big and negative bounds, generators (close, send, yield from) and user classes with dunders, and
prints every result or the name of the exception it raised.
"""
import os
import random
import sys

EDGES = ["2**30", "-2**30", "2**30-1", "-2**30-1", "2**31", "-2**31", "2**32", "2**63",
         "-2**63", "0", "1", "-1", "2", "-2", "3", "7", "2**100", "-2**100"]
BINOPS = ["+", "-", "*", "//", "%", "<<", ">>", "&", "|", "^", "**"]
UNARY = ["-", "~", "abs", "+"]


def int_expr(r):
    a, b = r.choice(EDGES), r.choice(EDGES)
    k = r.random()
    if k < 0.6:
        op = r.choice(BINOPS)
        if op == "<<":
            b = str(r.choice([0, 1, 2, 31, 33, 64]))
        if op == "**":
            b = str(r.choice([0, 1, 2, 3, 5]))
        return f"({a}) {op} ({b})"
    if k < 0.8:
        u = r.choice(UNARY)
        return f"abs({a})" if u == "abs" else f"{u}({a})"
    if k < 0.9:
        return f"divmod({a}, {b})"
    return f"pow({a}, {r.choice([2, 3])})"


def big_int(r):
    """A random int of up to 1,000 bits, at times all ones, of either sign."""
    bits = r.choice([31, 32, 33, 63, 64, 65, 96, 127, 128, 129, 200, 521, 1000])
    v = r.getrandbits(bits)
    if r.random() < 0.3:
        v = (1 << bits) - r.choice([1, 2])
    return str(-v if r.random() < 0.5 else v)


def big_int_expr(r):
    a, b = big_int(r), big_int(r)
    op = r.choice(BINOPS + ["/", "divmod", "pow3", "float", "cmp", "gcd", "inv", "hex"])
    if op in ("<<", ">>"):
        return f"({a}) {op} {r.choice([1, 31, 32, 33, 64, 100, 1000])}"
    if op == "**":
        return f"({a}) ** {r.choice([2, 3])}"
    if op == "divmod":
        return f"divmod({a}, {b})"
    if op == "pow3":
        return f"pow({a}, {big_int(r).lstrip('-')}, {b})"
    if op == "float":
        return f"float({a})"
    if op == "cmp":
        return f"(({a}) < ({b}), ({a}) == ({b}), ({a}) < {r.choice(['1e300', '-1e300', '2.0**70'])})"
    if op == "gcd":
        return f"math.gcd({a}, {b})"
    if op == "inv":
        return f"pow({a}, -1, {b})"
    if op == "hex":
        return f"(hex({a}), oct({a}), ({a}).bit_length(), ~({a}))"
    return f"({a}) {op} ({b})"


def slice_expr(r):
    seq = r.choice(["[1, 2, 3, 4, 5]", "'abcdef'", "(9, 8, 7)", "range(10)", "range(-5, 50, 3)",
                    "b'xyz'"])
    def bound():
        return r.choice(["None", "0", "1", "-1", "2", "-3", "2**100", "-2**100", "2**31", "10"])
    step = r.choice(["None", "1", "-1", "2", "-2", "3", "2**100", "-2**100", "0"])
    return f"{seq}[{bound()}:{bound()}:{step}]"


def gen_block(r, n):
    lines = [
        f"def inner{n}():",
        "    try:",
        f"        yield {r.choice(EDGES)}",
        "        yield 2",
        "    finally:",
        f"        print('inner{n} finally')",
        f"def outer{n}():",
        "    try:",
        f"        x = yield from inner{n}()",
        "        yield x",
        "    finally:",
        f"        print('outer{n} finally')",
        f"g = outer{n}()",
        "print(next(g))",
    ]
    lines.append(r.choice(["g.close()", "print(next(g))", "print(g.send(None))",
                           "print(list(g))"]))
    # Collect at once, so a generator left suspended is finalized at the same point on both.
    lines.extend(["del g", "gc.collect()", "print('done')"])
    return lines


def dunder_block(r, n):
    ret = r.choice(["3", "1.5", "'x'", "-1", "True", "2**100"])
    return [
        f"class D{n}:",
        f"    def __len__(self): return {ret}",
        f"    def __index__(self): return {r.choice(['1', '-1', '2**40'])}",
        f"    def __format__(self, spec): return {r.choice(['spec', '5', 'None', repr('f')])}",
        "    @property",
        "    def p(self): raise AttributeError('p')",
        "    def __getattr__(self, name): return 'ga-' + name",
        f"d = D{n}()",
        "show(lambda: len(d))",
        "show(lambda: [10, 20, 30][d])",
        "show(lambda: format(d, 'q'))",
        "show(lambda: d.p)",
    ]


def program(r):
    out = [
        "import gc",
        "import math",
        "def show(f):",
        "    try:",
        "        print(repr(f()))",
        "    except Exception as e:",
        "        print(type(e).__name__)",
    ]
    for n in range(r.randint(8, 16)):
        k = r.random()
        if k < 0.4:
            out.append(f"show(lambda: {int_expr(r)})")
        elif k < 0.55:
            out.append(f"show(lambda: {big_int_expr(r)})")
        elif k < 0.8:
            out.append(f"show(lambda: {slice_expr(r)})")
        elif k < 0.9:
            out.extend(gen_block(r, n))
        else:
            out.extend(dunder_block(r, n))
    return "\n".join(out) + "\n"


def main():
    seed, count, outdir = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    r = random.Random(seed)
    os.makedirs(outdir, exist_ok=True)
    for n in range(count):
        with open(os.path.join(outdir, f"prog_{n}.py"), "w") as f:
            f.write(program(r))


if __name__ == "__main__":
    main()
