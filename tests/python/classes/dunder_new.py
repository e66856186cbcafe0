# __new__: custom construction, singletons, immutable subclasses, __init__ skipping.
class Singleton:
    _instance = None
    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.count = 0
        return cls._instance
    def __init__(self, *args):
        self.count += 1
a = Singleton()
b = Singleton(1, 2)
print(a is b, a.count)

class Meters(float):
    def __new__(cls, value, unit="m"):
        factor = {"m": 1.0, "km": 1000.0, "cm": 0.01}[unit]
        return super().__new__(cls, value * factor)
    def __repr__(self):
        return "Meters(%r)" % float(self)
d = Meters(2, "km")
print(d, d + 1, isinstance(d, float), repr(Meters(50, "cm")))

class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    @property
    def first(self):
        return self[0]
p = Pair(1, 2)
print(p, p.first, p[1], len(p), p == (1, 2), type(p).__name__)

class NotMine:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never runs")
print(NotMine())

class Tracked:
    created = []
    def __new__(cls, name):
        obj = object.__new__(cls)
        Tracked.created.append(name)
        return obj
    def __init__(self, name):
        self.name = name
t1, t2 = Tracked("a"), Tracked("b")
print(Tracked.created, t1.name, t2.name)

class Upper(str):
    def __new__(cls, text):
        return str.__new__(cls, text.upper())
u = Upper("shout")
print(u, len(u), u.lower(), u + "!", isinstance(u, str))

class Base:
    def __new__(cls, *args, **kwargs):
        inst = super().__new__(cls)
        inst.tag = cls.__name__
        return inst
class Child(Base):
    def __init__(self, v):
        self.v = v
c = Child(5)
print(c.tag, c.v)
