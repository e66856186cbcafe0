# str/bytes search and split corners: overlapping separators split from the right (rsplit
# scans from the end, with or without maxsplit), empty needles in replace/count/find, and
# whitespace splits that keep the unsplit rest's outer whitespace.

for s, sep in [("aaa", "aa"), ("aaaa", "aa"), ("a,b,,c,", ","), (",", ","), ("", ","), ("ééaéé", "é")]:
    for m in (-1, 0, 1, 2):
        print(repr(s), repr(sep), m, s.split(sep, m), s.rsplit(sep, m))
    print(s.rsplit(sep), s.count(sep), s.find(sep), s.rfind(sep), s.partition(sep), s.rpartition(sep))

for s in ["", " ", "  a  b   c  ", "\t\na\x0bb\x0c c\r", "x\x1cy\x1fz", "é è  ü"]:
    for m in (-1, 0, 1, 2):
        print(repr(s), m, s.split(None, m), s.rsplit(None, m))
    print(s.split(maxsplit=1), s.rsplit(maxsplit=1))

for s, old, new in [("abc", "", "-"), ("héllo", "", "|"), ("aaaa", "aa", "x"), ("", "", "x"), ("ééé", "é", "e")]:
    print(repr(s), [s.replace(old, new, c) for c in (-1, 0, 1, 2)], s.count(old), s.count(old, 1, 2))

for s in ["héllo wörld", "aaa", ""]:
    for sub in ["", "l", "ö", "aa"]:
        print(repr(s), repr(sub), s.find(sub), s.rfind(sub), s.find(sub, 2, 4), s.rfind(sub, 0, -1), s.rfind(sub, 10))

for b in [b"  a  b   c  ", b"a\x1cb \x85c\xa0d", bytearray(b" x y "), b"aaa", b"a,b,,c"]:
    for m in (-1, 0, 1):
        print(b, m, b.split(None, m), b.rsplit(None, m), b.split(b",", m), b.rsplit(b"aa", m))
    print(b.replace(b"", b"-"), b.count(b""), b.find(97), b.rfind(b""))

for bad in [lambda: "a".split(""), lambda: "a".rsplit(""), lambda: b"a".rsplit(b""), lambda: "a".rpartition("")]:
    try:
        print(bad())
    except ValueError as e:
        print(type(e).__name__, e)
