# Slice assignment and deletion on lists, including extended slices.
a = list(range(10))
a[2:5] = ["x"]
print(a)
a[1:1] = [100, 101]
print(a)
a[:] = a[::-1]
print(a)
a[::2] = [0] * len(a[::2])
print(a)
try:
    a[::2] = [1, 2]
except ValueError as e:
    print(type(e).__name__, e)
b = list(range(10))
del b[::3]
print(b)
del b[1:3]
print(b)
del b[::-1]
print(b)
c = [1, 2, 3]
c[5:] = [9]
print(c)
c[-1:] = []
print(c)
c[:0] = "ab"
print(c)
d = list(range(6))
d[4:1:-1] = ["p", "q", "r"]
print(d)
e = list(range(5))
e[1:4] = range(3)
print(e)
del e[:]
print(e)
