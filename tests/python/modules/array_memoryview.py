# memoryview over an array: writable and sharing the array's memory.
from array import array
a = array('B', [1, 2, 3, 4])
m = memoryview(a)
m[0] = 100
m[1:3] = b'\x07\x08'
print(a, len(m), m.readonly, bytes(m[1:]))
m.release()
b = array('b', [0, 0])
with memoryview(b) as v:
    v[1] = 5
print(b)
