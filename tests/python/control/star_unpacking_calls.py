# * and ** in calls, and in list, tuple, set and dict displays.
def f(a, b, c=0, *args, **kw):
    return (a, b, c, args, kw)
print(f(*[1, 2]))
print(f(*(1, 2, 3, 4, 5)))
print(f(1, *[2], *[3, 4], x=1))
print(f(**{"a": 1, "b": 2}))
print(f(1, **{"b": 2, "z": 9}, y=8))
print(f(*"ab", **dict(c="C")))
print([*range(3), *"ab", 9])
print((*[1, 2], 3), (*"xy",))
print(sorted({*[1, 2], *(2, 3)}))
print({**{"a": 1}, "b": 2, **{"a": 3}})
print(*[1, 2, 3], sep="-")
print(*"abc")
args = (3,)
print(max(*[1, 2], *args))
try:
    f(1, 2, **{"a": 5})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(*[1])
except TypeError as e:
    print(type(e).__name__, e)
