# Slice assignment and deletion with steps, negative steps, growth and shrink, errors.
a = list(range(10))
a[::2] = "abcde"
print(a)
a[1::2] = [None] * 5
print(a)
a[::-3] = [7, 8, 9, 10]
print(a)
b = list(range(6))
b[1:4] = []
print(b)
b[1:1] = ["x", "y", "z"]
print(b)
b[:] = range(3)
print(b)
b[5:10] = [99]
print(b)
b[-1:] = (1, 2)
print(b)
c = list(range(10))
del c[::3]
print(c)
del c[-1:-4:-1]
print(c)
del c[10:]
print(c)
try:
    c[::2] = [1]
except ValueError as e:
    print("ValueError", e)
try:
    c[::0] = []
except ValueError as e:
    print("ValueError", e)
d = list(range(5))
d[3:1] = ["in"]
print(d)
e = [1, 2, 3]
e[0:2] = e
print(e)
f = list(range(8))
f[::-2] = "abcd"
print(f)
g = bytearray(b"abcdef")
g[::2] = b"XYZ"
del g[1::2]
print(g)
