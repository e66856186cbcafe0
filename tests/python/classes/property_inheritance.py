# Properties are inherited, can be overridden, and can call the base property.
class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @property
    def name(self):
        return "base"
class Child(Base):
    @property
    def v(self):
        return Base.v.fget(self) * 10
    @v.setter
    def v(self, value):
        self._v = value
class Grand(Child):
    @property
    def name(self):
        return "grand/" + super().name
c = Child()
print(c.v, c.name)
c.v = 5
print(c.v, c._v)
g = Grand()
print(g.name, g.v)
b = Base()
try:
    b.v = 3
except AttributeError:
    print("Base.v is read-only")
print(isinstance(Base.v, property), Child.v.fset is not None, Base.v.fset is None)
