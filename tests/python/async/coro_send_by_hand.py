# Driving coroutines by hand with send(): values, return, StopIteration.
class Yield:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        got = yield self.v
        return got


async def inner(x):
    a = await Yield(x)
    b = await Yield(x + 1)
    return a + b


async def outer():
    r = await inner(10)
    return r * 2


c = outer()
print(type(c).__name__)
print(c.send(None))
print(c.send(1))
try:
    c.send(2)
except StopIteration as e:
    print("StopIteration", e.value)
try:
    c.send(None)
except RuntimeError as e:
    print("RuntimeError", e)


async def plain():
    return 5


p = plain()
try:
    p.send(None)
except StopIteration as e:
    print("returned", e.value, e.args)


def run(coro):
    # A tiny trampoline: every yielded value is sent back in.
    v = None
    while True:
        try:
            v = coro.send(v)
        except StopIteration as e:
            return e.value


print(run(outer()))
