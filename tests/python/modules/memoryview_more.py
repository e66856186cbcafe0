def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# memoryview: slicing without copies, writes through, tobytes/tolist, comparisons, release.
data = bytearray(b'abcdef')
m = memoryview(data)
s = m[1:4]
s[0] = ord('B')
print(data, bytes(s), s.tobytes(), s.tolist(), len(s), s[-1])
print(m == b'aBcdef', m[1:3] == bytearray(b'Bc'), m.readonly, memoryview(b'x').readonly)
m[4:6] = b'EF'
print(data)
r = memoryview(b'ro')


def set_ro():
    r[0] = 1


def set_wrong_size():
    m[0:2] = b'abc'


t(set_ro)
t(set_wrong_size)
t(lambda: memoryview('str'))
m.release()
t(lambda: m[0])
