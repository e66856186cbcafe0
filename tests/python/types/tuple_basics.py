# tuples: creation, indexing, immutability, methods, comparisons.
t = (1, "two", 3.0)
print(t, len(t), t[1], t[-1], t[1:])
print((), (1,), tuple(), tuple([1, 2]), tuple("ab"))
print(t.index("two"), (1, 1, 2).count(1))
try:
    t[0] = 5
except TypeError as e:
    print(type(e).__name__, e)
print((1, 2) + (3,), (1,) * 3, (1, 2) < (1, 3), (1, 2) == (1, 2), (2,) > (1, 9))
a, b, c = t
print(a, b, c)
nested = ((1, 2), (3, (4, 5)))
print(nested[1][1][0])
print(hash((1, 2)) == hash((1, 2)), {(1, 2): "pt"}[(1, 2)])
x = 1,
print(x, type(x).__name__)
print(tuple(i * i for i in range(5)))
tl = ([1],)
tl[0].append(2)
print(tl)
try:
    hash(([1],))
except TypeError as e:
    print(type(e).__name__, e)
print(max((3, 1), (2, 9)), sorted([(2, "b"), (1, "z"), (2, "a")]))
