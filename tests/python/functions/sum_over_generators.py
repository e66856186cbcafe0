# sum() over generators: small ints past the small range, floats, starts, items that are not
# numbers, yield from, errors inside the generator and in the addition, nesting.
def count(n, step=1):
    i = 0
    while i < n:
        yield i * step
        i += 1
    return "ignored"


print(sum(count(10)), sum(count(5), 100), sum(count(4), 0.5), sum(count(3, 0.25)))
print(sum(count(4, 2 ** 29)), sum(count(4, 2 ** 62)), sum(count(3, -(2 ** 30))))
print(sum(x * 0.1 for x in range(10)), sum((x for x in (1, 2.5, True, 2 ** 70)), 1.0))
print(sum(sum(count(i)) for i in range(6)), sum(count(0)), sum(count(0), 7.5))
print(sum(([i] for i in range(3)), []), sum((c for c in (1, 2)), start=5))


def chain():
    yield from count(3)
    yield from [10, 20]
    yield 100


print(sum(chain()), sum(chain(), -1))


class Money:
    def __init__(self, c):
        self.c = c

    def __radd__(self, o):
        return Money(o + self.c) if isinstance(o, int) else Money(o.c + self.c)

    def __add__(self, o):
        return Money(self.c + o.c)


print(sum(Money(i) for i in range(5)).c)


def guarded():
    try:
        yield 1
        yield "x"
        yield 2
    except TypeError:
        print("generator saw the TypeError")
        yield 3
    finally:
        print("finally runs")


g = guarded()
try:
    sum(g)
except TypeError as e:
    print(type(e).__name__, e)
print(next(g))
g.close()


def failing():
    yield 1
    raise KeyError("boom")


try:
    sum(failing())
except KeyError as e:
    print("KeyError", e)
g = count(5)
next(g)
print(sum(g), sum(g))


def self_sum():
    yield sum(me)


me = self_sum()
try:
    next(me)
except ValueError as e:
    print(type(e).__name__, e)
try:
    sum(count(3), "s")
except TypeError as e:
    print(type(e).__name__, e)
