# type(name, bases, dict) builds classes dynamically.
def init(self, v):
    self.v = v
Base = type("Base", (), {"kind": "base", "__init__": init, "show": lambda self: "v=%r" % self.v})
b = Base(3)
print(type(b).__name__, b.kind, b.show(), Base.__name__)
Child = type("Child", (Base,), {"kind": "child"})
c = Child("x")
print(c.kind, c.show(), isinstance(c, Base), [k.__name__ for k in Child.__mro__])
Empty = type("Empty", (), {})
print(Empty.__name__, type(Empty()).__name__, type(Empty).__name__)
print(type(1) is int, type("s") is str, type(type) is type, type(None).__name__)
Dyn = type("Dyn", (object,), {"__repr__": lambda self: "<Dyn>", "__len__": lambda self: 7})
print(Dyn(), len(Dyn()))
