# Keyword-only parameters after * or *args.
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=4, b=5))
try:
    f(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(1)
except TypeError as e:
    print(type(e).__name__, e)
def g(*args, key, reverse=False):
    return sorted(args, key=key, reverse=reverse)
print(g(3, 1, 2, key=lambda v: v), g("bb", "a", key=len, reverse=True))
def h(a, b=2, *, c, d=4, **rest):
    return a, b, c, d, rest
print(h(1, c=3), h(1, 5, c=6, d=7, e=8))
try:
    h(1, 2, 3)
except TypeError as e:
    print(type(e).__name__, e)
