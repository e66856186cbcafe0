# memoryview step-1 slices share memory; indexing, tolist, tobytes, release.
b = bytearray(b"abcdefgh")
m = memoryview(b)
s = m[2:6]
print(len(s), s.tobytes(), s.tolist(), bytes(s[1:3]), s[0], s[-1])
s[0] = ord("X")
s[1:3] = b"YZ"
print(b, m.readonly, memoryview(b"abc").readonly)
print(m[::1].tobytes(), m[5:2].tobytes(), m[-3:].tobytes())
print(m == b"abXYZfgh", m[:2] == memoryview(b"ab"))
r = memoryview(b"const")
try:
    r[0] = 1
except TypeError as e:
    print(type(e).__name__)
try:
    s[0:2] = b"toolong"
except ValueError as e:
    print(type(e).__name__)
try:
    m[99]
except IndexError as e:
    print(type(e).__name__)
with memoryview(b) as v:
    print(v[0])
try:
    v[0]
except ValueError as e:
    print(type(e).__name__)
