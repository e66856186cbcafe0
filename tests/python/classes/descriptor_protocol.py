# User-defined descriptors: __get__, __set__, __delete__, __set_name__, data vs non-data.
class Typed:
    def __set_name__(self, owner, name):
        self.name = "_" + name
        self.owner = owner.__name__
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError("expected int for " + self.name)
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        delattr(obj, self.name)

class Lazy:
    def __init__(self, fn):
        self.fn = fn
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        value = self.fn(obj)
        obj.__dict__[self.fn.__name__] = value
        return value

class Point:
    x = Typed()
    y = Typed()
    def __init__(self, x, y):
        self.x = x
        self.y = y
    @Lazy
    def norm(self):
        print("computing")
        return abs(self.x) + abs(self.y)

p = Point(3, -4)
print(p.x, p.y, Point.x.name, Point.y.owner, type(Point.x).__name__)
print(p.norm, p.norm, "norm" in p.__dict__)
try:
    p.x = "bad"
except TypeError as e:
    print("TypeError", e)
del p.x
print(p.x, sorted(k for k in p.__dict__))
p.x = 10
print(p.x, p._x)

class Const:
    def __get__(self, obj, objtype=None):
        return 42
class Holder:
    c = Const()
h = Holder()
print(h.c, Holder.c)
h.__dict__["c"] = "own"
print(h.c)
