# Unpacking in assignment, including starred targets and nesting.
a, b = 1, 2
a, b = b, a
print(a, b)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
x, *mid, y = range(6)
print(x, mid, y)
p, *q = [9]
print(p, q)
(c, d), e = (1, 2), 3
print(c, d, e)
[f, [g, *h]] = [1, [2, 3, 4]]
print(f, g, h)
i, j, k = "xyz"
print(i, j, k)
m, n = {"k1": 1, "k2": 2}
print(m, n)
try:
    u, v = [1, 2, 3]
except ValueError as err:
    print(type(err).__name__, err)
try:
    u, v, w = [1, 2]
except ValueError as err:
    print(type(err).__name__, err)
try:
    u, *v, w = [1]
except ValueError as err:
    print(type(err).__name__, err)
for idx, (key, *vals) in enumerate([("a", 1, 2), ("b",)]):
    print(idx, key, vals)
