# Indexing, slicing, len, find/count/startswith with bounds, and hashing of strs that are all
# ASCII beside strs that are not (built by literals, concatenation, join, slicing, upper,
# decode and str()), including long texts walked by a parser-like loop.
texts = ["plain ascii", "caf\u00e9 cr\u00e8me", "\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8",
         "mix \U0001f600 end", "", "a"]
built = ["plain " + "ascii", "caf\u00e9" + " cr\u00e8me", "".join(["\u65e5\u672c", "\u8a9e\u30c6\u30ad\u30b9\u30c8"]),
         "xmix \U0001f600 endx"[1:-1], "", "A".lower()]
for t, b in zip(texts, built):
    print(t == b, hash(t) == hash(b), len(t), len(b), {t: 1}.get(b), t in {b}, b in {t: 0})
    print(repr(b[0:3]), repr(b[-3:]), repr(b[::2]), repr(b[::-1]), repr(b[1:100]))
    if b:
        print(repr(b[0]), repr(b[-1]), repr(b[len(b) // 2]))
    print(b.find("e"), b.find("e", 3), b.rfind("e", 0, -1), b.count("e", 2), b.find("", 100))
    print(b.startswith("ca", 0), b.startswith("\u00e9", 3), b.endswith("e", 0, 9),
          b.startswith(("x", "m"), 0, 2), b.upper(), b.encode().decode() == b)
    try:
        b.index("zz", 1)
    except ValueError as e:
        print(type(e).__name__, e)
    try:
        print(b[len(b)])
    except IndexError as e:
        print(type(e).__name__, e)
    try:
        b.find("a", "1")
    except TypeError as e:
        print(type(e).__name__, e)
keys = {}
for i in range(40):
    k = ("k\u00e9y" if i % 2 else "key") + str(i)
    keys[k] = i
print(sum(keys["k\u00e9y" + str(i) if i % 2 else "key" + str(i)] for i in range(40)))
print(sorted(keys)[:3], str(12345)[1:4], ("%s|%s" % ("\u00e9t\u00e9", "ete"))[2:7])
for long in ("x" * 3000 + "\u00e9" + "y" * 3000, "x" * 6000 + "[tail]"):
    pos, n = 0, 0
    while pos < len(long):
        if long[pos] != "x" and long.startswith("y", pos):
            n += 1
        pos += 1
    print(len(long), n, long[2998:3003], long.find("[", 10), long[5999:], long.count("y", 5000))
for s in ("abc", "\u00e9b\u00e7"):
    print(s.find("", 3), s.find("", 4), s.count("", 4), s.count("", 2, 1), s.startswith("", 3),
          s.startswith("", 4), s.endswith("", 2, 1), s.find("b", -10**30, 10**30),
          s.startswith(("q", "\u00e9"), -(10**20)), s.rfind("", 1, 2))
    try:
        s.startswith(5, 10)
    except TypeError as e:
        print(type(e).__name__, e)
print(b"abc".find(b"", 4), b"abc".count(b"", 4), b"abc".startswith(b"", 4), b"a\xe9c".find(b"c", 1))
