def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# array slicing and slice assignment; equality and concatenation.
from array import array
a = array('i', range(10))
print(a[2:5], a[::3], a[::-1], a[5:2], a[-3:])
a[1:3] = array('i', [100, 200, 300])
print(a)
a[::2] = array('i', [0] * 6)
print(a)
print(a == array('i', a), a == array('h', a), array('i', [1]) == [1], array('b', [1]) + array('b', [2]))
b = array('d', [1.0])
b += array('d', [2.5])
print(b, b * 1 if False else b)
t(lambda: a.__setitem__(slice(0, 2), [1, 2]))
t(lambda: a.__setitem__(slice(None, None, 2), array('i', [1])))
t(lambda: array('i') + [1])
