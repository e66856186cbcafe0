# Bytes literals, their escapes, and that indexing gives ints.
b = b"hello"
print(b, type(b).__name__, len(b))
print(b[0], b[-1], b[1:3])
print(b"\x00\xff\n\t", len(b"\x00\xff\n\t"))
print(B"upper prefix", b'single', b"""triple""")
print(b"a" b"b" b"c")
print(list(b"abc"))
print(b"\\", repr(b"'"), repr(b'"'), repr(b"'\""))
print(b"\x7f\x80", bytes([127, 128]) == b"\x7f\x80")
print(b"" == bytes(), b"abc" < b"abd")
print(b"\101\102")
