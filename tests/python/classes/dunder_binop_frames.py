# Binary operators whose __op__ is a plain Python method: results, NotImplemented falling
# back to another class's reflected method or a TypeError, exceptions raised inside caught by
# the caller, in-place operators without __iop__, generators, recursion through operators.
class V:
    def __init__(self, x):
        self.x = x

    def __add__(self, o):
        if isinstance(o, V):
            return V(self.x + o.x)
        return NotImplemented if o == 0 else V(self.x + o)

    def __sub__(self, o):
        if o == 99:
            raise ValueError("no 99")
        return V(self.x - (o.x if isinstance(o, V) else o))

    def __mul__(self, k):
        return V(self.x * k)

    def __radd__(self, o):
        return "radd " + type(o).__name__

    def __repr__(self):
        return "V(%r)" % (self.x,)


class Z:
    def __add__(self, o):
        return NotImplemented

    def __radd__(self, o):
        return "Z radd"

    def __mul__(self, o):
        return Z() + o

    def __truediv__(self, o):
        return V(2) + V(o)


def attempt(f):
    try:
        print(f())
    except (TypeError, ValueError, RecursionError) as e:
        print(type(e).__name__, e)


a, b = V(1), V(2)
print(a + b, a - b, a * 3, a * 1.5, (a + b) * 2 - 1, Z() / 5)
attempt(lambda: a + 0)
attempt(lambda: a - 99)
# The same class's __radd__ is not tried; another class's is.
attempt(lambda: Z() + Z())
attempt(lambda: Z() * 4)
print(Z() + V(1), V(1) + Z(), Z() * V(3))
c = V(10)
c += 5
c -= V(1)
c *= 2
print(c)
d = Z()
try:
    d += 1
except TypeError as e:
    print(type(e).__name__, e)


def gen(n):
    v = V(0)
    for i in range(n):
        v = v + (i + 1)
        yield v


class R:
    def __init__(self, n):
        self.n = n

    def __add__(self, o):
        return o if self.n == 0 else R(self.n - 1) + (o + 1)


class Deep:
    def __add__(self, o):
        return self + o


print(list(gen(4)), R(200) + 0, sum([V(1), V(2)], V(0)))
attempt(lambda: Deep() + 1)
