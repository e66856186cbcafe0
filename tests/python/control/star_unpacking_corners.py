# Star unpacking corners: middle and end stars, nesting, in for loops, errors.
a, *b, c = range(5)
print(a, b, c)
*a, b = "xy"
print(a, b)
a, *b = [1]
print(a, b)
(a, b), *rest = [(1, 2), (3, 4), (5, 6)]
print(a, b, rest)
for first, *others in [(1, 2, 3), (4,), "ab"]:
    print(first, others)
x, *y, z = (i * i for i in range(6))
print(x, y, z)
[p, *q] = {"k": 1, "m": 2}
print(p, q)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError", e)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError", e)
try:
    a, b, c = [1, 2]
except ValueError as e:
    print("ValueError", e)
print([*range(3), *"ab"], (*[1], 2), {*"aa", "b"} == {"a", "b"})
print({**{"a": 1}, "b": 2, **{"a": 3}})
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*[1, 2], 3, *(), **{"x": 1}, y=2))
head, *_ = "hello"
print(head, _)
