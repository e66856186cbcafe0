# Generator expressions: lazy, single-use, as sole call argument.
g = (x * x for x in range(5))
print(next(g), next(g), list(g), list(g))
print(sum(x for x in range(10) if x % 2), max(len(s) for s in ["a", "abc"]))
print(sorted((v for v in [3, 1, 2]), reverse=True))
seen = []
def src():
    for i in range(3):
        seen.append(i)
        yield i
lazy = (v * 10 for v in src())
print(seen)
print(next(lazy), seen)
print(list(lazy), seen)
pairs = ((a, b) for a in range(3) for b in range(a))
print(list(pairs))
print(dict((k, k * k) for k in range(3)), set(c for c in "aab") == {"a", "b"})
print("-".join(str(i) for i in range(5)))
try:
    (1 / x for x in [1, 0]).__next__()
    print("first ok")
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print(type(e).__name__, e)
