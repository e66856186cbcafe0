# bytes methods, decode, indexing gives ints.
b = b"Hello, World"
print(b[0], b[-1], type(b[0]).__name__, b[0:5], b[::-1], b[::2])
print(b.upper(), b.lower(), b.split(b", "), b.replace(b"l", b"L"))
print(b.find(b"o"), b.rfind(b"o"), b.index(b"W"), b.count(b"l"), b.find(111))
print(b.startswith(b"He"), b.endswith(b"ld"), b"o" in b, 111 in b)
print(b.strip(b"Hd"), b"  x ".strip(), b"-".join([b"a", b"b"]))
print(b.decode(), b.decode("utf-8"), b"caf\xc3\xa9".decode("utf-8"), len(b"caf\xc3\xa9"))
print(b + b"!", b * 2, b"ab" < b"b", b == bytes(b"Hello, World"))
print(b.hex(), bytes.fromhex("4142"), b"12".isdigit(), b"ab".isalpha())
print(bytes(3), bytes([1, 2, 3]), bytes("hé", "utf-8"), bytes(b"copy"), bytes(range(3)))
try:
    b"\xff".decode("utf-8")
except UnicodeDecodeError as e:
    print(type(e).__name__)
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
print(list(b"abc"), tuple(b"\x00\xff"), b"a\x00b".split(b"\x00"))
print(b"abc".partition(b"b"), b"x".center(5, b"*"), b"5".zfill(3))
