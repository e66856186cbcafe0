# TypeErrors that name the offending type, and ord() of bytes of the wrong length (CPython
# reports the length as for str).
import sys

tests = [
    lambda: ord([]),
    lambda: ord(b"ab"),
    lambda: ord(bytearray(b"")),
    lambda: ord(b"a"),
    lambda: ord(bytearray(b"z")),
    lambda: ord("xyz"),
    lambda: hex(1.5),
    lambda: oct("x"),
    lambda: bin(None),
    lambda: divmod(1j, 2),
    lambda: divmod(2, 1j),
    lambda: sys.stdout.write(1),
    lambda: b"a".find("a"),
    lambda: b"a".count("a"),
    lambda: b"a".replace("a", b"b"),
    lambda: bytearray(b"a").rfind("a"),
]
for t in tests:
    try:
        print(t())
    except TypeError as e:
        print(type(e).__name__, e)
