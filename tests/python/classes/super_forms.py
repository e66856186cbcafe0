# super() with zero and two arguments, in methods and classmethods.
class Base:
    def __init__(self):
        self.log = ["Base"]
    def f(self):
        return "Base.f"
    @classmethod
    def make(cls):
        return "made " + cls.__name__
class Mid(Base):
    def __init__(self):
        super().__init__()
        self.log.append("Mid")
    def f(self):
        return "Mid.f/" + super(Mid, self).f()
    @classmethod
    def make(cls):
        return "Mid:" + super().make()
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__()
        self.log.append("Leaf")
    def f(self):
        return "Leaf.f/" + super().f()
    def skip(self):
        return super(Mid, self).f()
obj = Leaf()
print(obj.log, obj.f(), obj.skip())
print(Leaf.make(), Mid.make())
class Cooperative:
    def __init__(self, **kw):
        self.rest = kw
class P(Cooperative):
    def __init__(self, p=0, **kw):
        self.p = p
        super().__init__(**kw)
class Q(Cooperative):
    def __init__(self, q=0, **kw):
        self.q = q
        super().__init__(**kw)
class PQ(P, Q):
    pass
o = PQ(p=1, q=2, r=3)
print(o.p, o.q, o.rest)
