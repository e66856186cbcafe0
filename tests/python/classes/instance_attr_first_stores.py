# Attributes stored on fresh instances: the first store makes the table, later ones append
# while it has room and grow it after; slots, __class__, properties, __setattr__ and names
# built at run time take the general path with the same results.
class P:
    def __init__(self, a, b, c):
        self.a = a
        self.b = b
        self.c = c


p = P(1, 2, 3)
print(p.a, p.b, p.c, sorted(vars(p).items()))
p.d = 4
p.e = 5
p.a = 10
print(sorted(vars(p).items()), len(vars(p)))
for i in range(12):
    setattr(p, "x" + str(i), i)
p.x3 = "three"
print(len(vars(p)), p.x3, p.x11, getattr(p, "x" + "0"))

q = P(1, 2, 3)
key = "".join(["f", "o", "o"])
q.__dict__[key] = "runtime key"
q.foo = "rebound"
print(q.__dict__["foo"], q.foo, len(q.__dict__))


class S:
    __slots__ = ("x",)

    def __init__(self):
        self.x = 1


s = S()
print(s.x)
try:
    s.y = 2
except AttributeError as e:
    print("AttributeError", e)


class A:
    pass


class B:
    def hello(self):
        return "B"


a = A()
a.__class__ = B
a.z = 1
print(type(a).__name__, a.hello(), a.z)


class Prop:
    def __init__(self):
        self.v = 5

    @property
    def v(self):
        return self._v * 2

    @v.setter
    def v(self, x):
        self._v = x


print(Prop().v)


class Logged:
    def __init__(self):
        self.a = 1

    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)


print(Logged().a)


class E(Exception):
    def __init__(self, m):
        self.m = m


try:
    try:
        raise KeyError("k")
    except KeyError as k:
        err = E("m")
        err.__cause__ = k
        raise err
except E as e:
    print(e.m, repr(e.__cause__), e.__suppress_context__)
