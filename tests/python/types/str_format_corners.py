# str.format corners: indexing, attributes, conversions, nested specs, braces, errors.
class P:
    x = 3
    def __str__(self):
        return "P-str"
    def __repr__(self):
        return "P-repr"
print("{0[1]} {0[0]} {1[k]}".format([10, 20], {"k": "v"}))
print("{p.x} {p!s} {p!r} {p!a}".format(p=P()))
print("{:>{w}}|{:<{w}}|{:^{w}}".format("a", "b", "c", w=5))
print("{:{fill}{align}{width}}".format("mid", fill="*", align="^", width=9))
print("{{literal}} {} {{{}}}".format(1, 2))
print("{0}{1}{0}".format("ab", "-"), "{}{}".format(*"xy"), "{a}{b}".format(**{"a": 1, "b": 2}))
print("{:.3}|{:.0f}|{:+.2e}|{:08.3f}|{:,}|{:_}".format("abcdef", 2.5, 12345.678, -3.14159, 1234567, 1234567))
print("{!r:>8}|{:x}|{:#o}|{:b}".format("q", 255, 8, 5))
print("{0:{1}}".format(3.14159, ".2f"), format(0.5, "%"), "{:.1%}".format(0.123))
for bad in ["{", "}", "{0} {}", "{x}", "{0[}"]:
    try:
        print(bad.format(1))
    except (ValueError, KeyError, IndexError) as e:
        print(type(e).__name__, e)
try:
    "{:d}".format("s")
except ValueError as e:
    print("ValueError", e)
print("{:s}".format("plain"), "{}".format(None), "{:>6}".format(True), "{:d}".format(True))
print(format("x", ""), format(42), format(3.0), "{:10}|".format(7), "{:10}|".format("s"))
