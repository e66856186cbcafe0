# __class__, __name__, __dict__, __module__ of classes and instances.
class Thing:
    cls_attr = 1
    def __init__(self):
        self.a = 1
        self.b = "two"
    def method(self):
        return 0
t = Thing()
print(t.__class__.__name__, t.__class__ is Thing, Thing.__name__)
print(t.__dict__)
t.c = [3]
print(t.__dict__, sorted(vars(t)))
t.__dict__["d"] = 4
print(t.d)
print("method" in Thing.__dict__, "cls_attr" in Thing.__dict__, "a" in Thing.__dict__)
print(Thing.__module__, type(t).__module__)
print(getattr(t, "b"), getattr(Thing, "cls_attr"))
print(type(Thing.method).__name__, type(t.method).__name__)
print(t.method.__self__ is t, t.method.__func__ is Thing.method)
print(isinstance(Thing, type), isinstance(t, object), issubclass(Thing, object))
