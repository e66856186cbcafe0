# Attribute lookup order: instance dict, class, bases; methods vs data.
class Base:
    a = "Base.a"
    b = "Base.b"
    def m(self):
        return "Base.m"
class Derived(Base):
    b = "Derived.b"
    def m(self):
        return "Derived.m"
obj = Derived()
print(obj.a, obj.b, obj.m())
obj.b = "instance b"
print(obj.b, Derived.b, Base.b)
Base.a = "changed Base.a"
print(obj.a)
Base.new = "added to Base"
print(obj.new)
del Derived.b
print(Derived.b, obj.b)
del obj.b
print(obj.b)
class WithData:
    items = []
    def add(self, v):
        self.items = self.items + [v]
w1, w2 = WithData(), WithData()
w1.add(1)
print(w1.items, w2.items, WithData.items)
