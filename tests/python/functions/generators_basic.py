# Generator functions: yield, laziness, exhaustion, return value.
def count_up(n):
    print("start")
    for i in range(n):
        yield i
    print("end")
g = count_up(3)
print(type(g).__name__)
print(next(g))
print(list(g))
print(next(g, "exhausted"))
def with_return():
    yield 1
    return "result"
g = with_return()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value", e.value)
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
f = fib()
print([next(f) for _ in range(10)])
def empty():
    return
    yield
print(list(empty()))
def gen_in_loop():
    for c in "ab":
        yield c
        yield c.upper()
print(list(gen_in_loop()), "".join(gen_in_loop()))
g = count_up(0)
print(list(g))
