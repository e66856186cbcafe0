# **kwargs keeps the call's keyword order; a fresh dict is made for each call.
def f(**kw):
    return kw
print(f(z=1, a=2, m=3), list(f(b=1, a=2)))
d = {"x": 1, "y": 2}
r = f(**d)
print(r == d, r is d)
r["x"] = 100
print(d)
def g(*args):
    return args
t = (1, 2)
print(g(*t) == t, type(g(*[1])).__name__)
def h(a, **kw):
    kw["added"] = a
    return kw
base = {"k": 0}
print(h(1, **base), base)
print(f(**{"a": 1}, **{"b": 2}), f(**dict(c=3), d=4))
