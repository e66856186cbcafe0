# memoryview of array.array: typed items, writes through to the array
from array import array

for code in "bBhHiIlqfd":
    a = array(code, [1, 2, 3, 4, 5])
    m = memoryview(a)
    print(code, m.format, len(m), m[1], m[-1], m.tolist(), m.readonly)
    m[1] = 7
    print(a[1], m[::2].tolist(), m[::-2].tolist(), list(m[1:3]), len(m[1:3]))
    if code != "l":
        print(m.itemsize, m.nbytes, m[::2].nbytes, m.tobytes() == a.tobytes())
    for bad in ["x", 1.5, 2**70, -1, 300] + [2**31] * (code != "l"):
        try:
            m[0] = bad
            print("ok", bad, a[0])
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    try:
        m[5]
    except IndexError as e:
        print("IndexError", e)

m = memoryview(array("i", [1, 2, 3]))
print(m == array("i", [1, 2, 3]), m == memoryview(array("b", [1, 2, 3])))
print(m == [1, 2, 3], m == m.tobytes(), m == memoryview(array("i", [1, 2, 4])))
print(memoryview(array("f", [1.5])) == memoryview(array("d", [1.5])))
m[0:2] = array("i", [9, 8])
print(m.tolist(), m.hex())
m[::2] = memoryview(array("i", [5, 6]))
print(m.tolist())
for rhs in [b"12345678", array("h", [1, 2]), array("i", [1])]:
    try:
        m[0:2] = rhs
    except ValueError as e:
        print("ValueError", e)
try:
    m[0:2] = [1, 2]
except TypeError as e:
    print("TypeError", e)
s = m[1:]
print(s.format, s.itemsize, s.tolist(), bytes(s) == array("i", [8, 6]).tobytes())
b = memoryview(bytearray(b"abc"))
print(b.format, b.itemsize, b.nbytes, b.readonly, memoryview(b"xy").readonly)
e = memoryview(array("h"))
print(len(e), e.tolist(), e.nbytes, e.format)
# cast: to and from byte formats, over the same memory
i = memoryview(array("i", [1, 2]))
b = i.cast("B")
b[0] = 5
print(b.format, len(b), b.tolist(), i.tolist(), b.cast("i").tolist(), i.cast("b").format)
r = memoryview(b"abcdefgh").cast("I")
print(r.readonly, r.tolist(), r.cast("B").tolist()[:3], memoryview(bytearray(8)).cast("q").tolist())
for f in ["x", "ii", "h", 5]:
    try:
        i.cast(f)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for m, f in [(b[::2], "B"), (memoryview(bytearray(7)), "i")]:
    try:
        m.cast(f)
    except TypeError as e:
        print("TypeError", e)
print(hash(r.cast("b")) == hash(b"abcdefgh"))
try:
    hash(r)
except ValueError as e:
    print("ValueError", e)
