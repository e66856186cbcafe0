# functools: partial of partial, reduce with initial, lru_cache statistics, wraps metadata.
import functools
def f(a, b, c=0, *, d=1):
    return (a, b, c, d)
p = functools.partial(f, 1, d=5)
q = functools.partial(p, 2)
print(q(), q(c=3), p(9, 8), q.args, sorted(q.keywords.items()))
print(functools.reduce(lambda a, b: a + b, [1, 2, 3]), functools.reduce(lambda a, b: a * b, [], 7))
@functools.lru_cache(maxsize=2)
def sq(n):
    print("compute", n)
    return n * n
print(sq(2), sq(2), sq(3), sq(4), sq(2))
print(sq.cache_info())
def deco(fn):
    @functools.wraps(fn)
    def inner(*a):
        return fn(*a)
    return inner
@deco
def named(x):
    "doc text"
    return x
print(named.__name__, named.__doc__, named(4))
try:
    functools.reduce(max, [])
except TypeError as e:
    print(type(e).__name__)
