# memoryview slices with a step: views without copies, gathering reads, strided writes.
b = bytearray(b"abcdefghij")
m = memoryview(b)
s = m[::2]
print(len(s), s.tobytes(), s.tolist(), bytes(s), bytearray(s), list(s), s.hex(), s[1], s[-1])
print(m[::-1].tobytes(), m[::-3].tolist(), m[1::3][::-1].tobytes(), m[8:1:-2].tobytes(), m[::2][1:4].tobytes())
print(s == b"acegi", s == m[::2], m[::2] == m[1::2], hash(memoryview(b"abcdef")[::2]) == hash(b"ace"))
s[0] = 65
s[1:3] = b"XY"
m[::-5] = b"01"
print(b)
m[::3] = memoryview(b"zzzzzzzz")[::2]
print(b, s.readonly, s.nbytes, memoryview(s).tobytes())
try:
    m[::2] = b"short"[:2]
except ValueError as e:
    print(type(e).__name__, e)
print(m[::100].tolist(), m[5:5:2].tolist(), m[::2][::2].tobytes(), bool(m[5:5:2]))
r = memoryview(b"0123456789")
print(r[::3].tobytes(), r[-1::-4].tolist())
try:
    r[::2] = b"abcde"
except TypeError as e:
    print(type(e).__name__, e)
print([x for x in memoryview(b"hello")[::-1]])
