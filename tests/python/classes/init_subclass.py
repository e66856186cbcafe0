# __init_subclass__ hooks and class registries.
class Plugin:
    registry = []
    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__()
        cls.kind = kwargs.get("kind", "generic")
        Plugin.registry.append(cls.__name__)

class A(Plugin):
    pass
class B(Plugin, kind="fast"):
    pass
class C(B):
    pass
print(Plugin.registry, A.kind, B.kind, C.kind)

class Counted:
    subclasses = 0
    def __init_subclass__(cls):
        Counted.subclasses += 1
        cls.serial = Counted.subclasses
class X(Counted): pass
class Y(Counted): pass
class Z(X): pass
print(Counted.subclasses, X.serial, Y.serial, Z.serial)

class Field:
    def __set_name__(self, owner, name):
        self.name = name
        owner.fields = getattr(owner, "fields", ()) + (name,)
class Record:
    a = Field()
    b = Field()
print(Record.fields, Record.a.name, Record.b.name)
