# Builtin iterators: type names, iter() of an iterator is itself, exhaustion, __next__.
for obj in [[1], (1,), {1: 2}, {1}, b"a", range(2)]:
    it = iter(obj)
    print(type(it).__name__, iter(it) is it, next(it), next(it, "end"))
print(type(iter("ab")).__name__, type(reversed([1])).__name__, type(enumerate([])).__name__)
print(type(zip()).__name__, type(map(abs, [])).__name__, type(filter(None, [])).__name__)
d = {"a": 1}
print(type(iter(d.values())).__name__, type(iter(d.items())).__name__, type(iter(d.keys())).__name__)
it = iter([1, 2, 3])
print(it.__next__(), list(it), list(it))
e = enumerate("xy", start=5)
print(next(e), list(e))
z = zip([1, 2, 3], "ab")
print(list(z), list(z))
calls = iter([5, 4, 0, 3].pop, 0)
print(type(calls).__name__, list(calls))
r = reversed(range(3))
print(list(r), list(r))
