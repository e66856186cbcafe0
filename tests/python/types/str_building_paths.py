# The string paths string-building code leans on: concatenation of interned and heap strings,
# case mapping (ASCII and not), startswith/endswith (tuples, bounds, bad types), str() and %d
# of small ints at the edges, %s with precision, %-errors in CPython's order, list growth.
a = "ab"
b = "".join(["c", "d"])
print(a + b, b + a, a + "", "" + b, (a + b) * 2, "x" + "é" + "ß")
print("Hello, World 123".upper(), "Hello, World 123".lower(), "straße".upper(), "ÀÉÎ".lower())
print("".upper() == "", "abc".upper() == "ABC")
for s in ("W12-3", "w12", "", "W1"):
    print(s.startswith("W1"), s.endswith("3"), s.startswith(("x", "W")), s.endswith(("", "z")),
          s.startswith("1", 1), s.startswith("2", 1, 3), s.endswith("2", 0, -1))
for bad in (1, ("x", 2), None):
    try:
        "abc".startswith(bad)
    except TypeError as e:
        print("TypeError", e)
    try:
        "abc".endswith(bad)
    except TypeError as e:
        print("TypeError", e)
for i in (0, 7, -7, 9, 10, -10, 1073741823, -1073741824, 1073741824, -1073741825, 10**20):
    print(str(i), repr(i), "%d" % i, "%i|%s|%r" % (i, i, i), "%5d|%-5d|%05d|%+d" % (i, i, i, i))
print("%s|%.2s|%.9s|%5s|%-5s|" % ("abc", "abcdef", "ab", "x", "y"), "%s" % "é" * 2)
print("w%d" % 5, "%d%%" % 50, "%(a)s-%(b)d" % {"a": "A", "b": 2})
for fmt, args in (("%d %z", ("a",)), ("%z %d", (1,)), ("%d %", (1,)), ("%d %d", (1,)),
                  ("%d", (1, 2)), ("%s", ())):
    try:
        print(fmt % args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
parts = []
for i in range(5000):
    parts.append("w%d" % (i % 97))
    if i % 1000 == 0:
        parts.append(parts[-1].upper() + "-" + str(i * 7 % 13))
print(len(parts), parts[:3], parts[-2:], len(",".join(parts)))
class S(str):
    def __str__(self):
        return "custom"
print(str(S("x")), "%s" % S("y"), S("ab") + "c", S("ab").upper())
