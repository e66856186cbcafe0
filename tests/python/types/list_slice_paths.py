# Slicing and slice assignment of lists and tuples: steps, clamping, aliasing, growth,
# shrinking, iterators, and an __index__ that empties the list before its length is read.
a = list(range(10))
print(a[:], a[2:5], a[::-1], a[8:2:-2], a[-3:], a[:-3], a[100:], a[-100:2], a[5:1])
t = tuple(a)
print(t[:], t[2:5], t[::-1], t[8:2:-2], t[::3])
b = a[:]
b[2:5] = [9, 9]
print(b)
b[2:3] = (7, 7, 7, 7)
print(b)
b[:] = b
print(b)
b[1:1] = b
print(b)
b[::2] = range(len(b[::2]))
print(b)
try:
    b[::2] = [1]
except ValueError as e:
    print(e)
b[3:] = iter([1, 2])
print(b)
b[5:2] = "ab"
print(b)
b[100:] = [0]
print(b)
b[-100:1] = []
print(b)
c = []
c[:] = []
c[0:0] = [1]
print(c)
class I:
    def __index__(self):
        c.clear()
        return 1
c = [1, 2, 3]
print(c[I():])
c = [1, 2, 3]
c[:I()] = [5]
print(c)
d = [1, 2, 3, 4]
d[1:3] = d
print(d)
d[::-1] = d
print(d)
for i in range(3000):
    e = d[:] * 20
    e[2:40] = e[10:20]
    e[1:2] = e
print(len(e), e[:5])
f = list(range(12))
f[1:7:2] = [0, 0, 0]
f[2:4] = (5, 6)
f[::-3] = (1, 2, 3, 4)
print(f, f[::-2], tuple(f)[5:1:-1], f[None:3], f[2:None:None])
for bad in ("f[::0]", "f[::0] = []", "f[1:5:2] = [1]", "f[1.0:2]"):
    try:
        exec(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class L(list):
    def __getitem__(self, k):
        return ("L", k.start, k.stop, k.step)
    def __setitem__(self, k, v):
        print("set", k.start, k.stop, k.step, v)
g = L([1, 2, 3])
print(g[1:2], g[::-1])
g[0:1] = [9]
g[::2] = (1, 2)
