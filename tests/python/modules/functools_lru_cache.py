def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# functools.lru_cache and cache: memoisation, bounded size, cache_info/cache_clear.
from functools import lru_cache, cache
calls = []


@lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x


print(sq(2), sq(3), sq(2), sq(4), sq(3), calls)
print(sq.cache_info())
sq.cache_clear()
print(sq.cache_info(), sq(2), calls)


@lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


print(fib(60), fib.cache_info().hits, fib.__name__)


@cache
def f(a, b=1):
    calls.append((a, b))
    return a + b


print(f(1), f(1), f(1, b=2), f(1, b=2), calls[-2:])


@lru_cache(maxsize=None)
def g(x):
    return [x]


print(g(1) is g(1), g.cache_info().maxsize)
t(lambda: lru_cache('x'))
