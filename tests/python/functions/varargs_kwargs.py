# *args and **kwargs collection and forwarding.
def f(*args, **kwargs):
    return args, kwargs
print(f(), f(1, 2), f(a=1), f(1, b=2, c=3))
def g(first, *rest, sep="-", **opts):
    return first, rest, sep, sorted(opts.items())
print(g(1), g(1, 2, 3), g(1, sep="+", z=1, y=2))
def wrapper(*args, **kwargs):
    return f(*args, **kwargs)
print(wrapper(1, x=2))
def total(*nums):
    s = 0
    for n in nums:
        s += n
    return s
print(total(), total(1, 2, 3), total(*range(101)))
def show(**kw):
    return list(kw.keys())
print(show(z=1, a=2, m=3))
print(type(f(1)[0]).__name__, type(f(a=1)[1]).__name__)
