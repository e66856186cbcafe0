# staticmethod and classmethod, called on the class and on instances.
class Shape:
    sides = 0
    registry = []
    def __init__(self, name):
        self.name = name
    @staticmethod
    def describe(n):
        return "%d sides" % n
    @classmethod
    def create(cls, name):
        obj = cls(name)
        cls.registry.append(name)
        return obj
    @classmethod
    def info(cls):
        return cls.__name__ + " " + Shape.describe(cls.sides)
class Square(Shape):
    sides = 4
s = Square.create("sq")
print(type(s).__name__, s.name, Shape.registry)
print(Shape.describe(3), s.describe(5), Square.info(), s.info(), Shape.info())
class Counter:
    n = 0
    @classmethod
    def bump(cls):
        cls.n += 1
        return cls.n
print(Counter.bump(), Counter().bump(), Counter.n)
def plain(x):
    return x
class Holder:
    f = staticmethod(plain)
    g = classmethod(lambda cls: cls.__name__)
print(Holder.f(7), Holder().f(8), Holder.g())
