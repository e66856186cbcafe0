# iter and next, with default and the sentinel form.
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(iter(it) is it)
data = [3, 2, 1, 0, 5]
pos = [0]
def read():
    v = data[pos[0]]
    pos[0] += 1
    return v
print(list(iter(read, 0)))
d = iter({"a": 1, "b": 2})
print(next(d), next(d))
s = iter("xy")
print(list(s), list(s))
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5)
except TypeError as e:
    print(type(e).__name__, e)
