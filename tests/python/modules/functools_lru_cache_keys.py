# lru_cache: keyword and positional calls, typed keys, unbounded caches, cache_clear.
import functools
calls = []
@functools.lru_cache(maxsize=None)
def f(a, b=1):
    calls.append((a, b))
    return a + b
print(f(1), f(1), f(1, 1), f(a=1), f(1, b=1), f(2.0), f(2))
print(len(calls), f.cache_info().hits, f.cache_info().misses)
f.cache_clear()
print(f(1), len(calls), f.cache_info())
@functools.lru_cache(maxsize=1)
def g(x):
    calls.append(x)
    return x * 2
g(1), g(2), g(1)
print(calls[-3:], g.cache_info().currsize)
@functools.lru_cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().misses)
try:
    f([1])
except TypeError as e:
    print(type(e).__name__)
