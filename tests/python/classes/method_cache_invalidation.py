# Method and attribute lookups that repeat in a loop still see every change to the classes:
# rebinding, adding to a base later, deleting, shadowing by an instance attribute, new
# classes, __init__/__new__ added after the first instantiations, and properties added late.
class Base:
    def who(self):
        return "base"
class Mid(Base):
    pass
class Leaf(Mid):
    pass
obj = Leaf()
seen = []
for step in range(8):
    seen.append(obj.who())
    if step == 1:
        Mid.who = lambda self: "mid"
    elif step == 2:
        Leaf.who = lambda self: "leaf"
    elif step == 3:
        del Leaf.who
    elif step == 4:
        obj.who = lambda: "instance"
    elif step == 5:
        del obj.who
    elif step == 6:
        setattr(Mid, "who", Base.who)
print(seen)
class P:
    pass
made = []
for i in range(5):
    p = P()
    made.append(getattr(p, "tag", None))
    if i == 1:
        def init(self):
            self.tag = "init"
        P.__init__ = init
    if i == 2:
        del P.__init__
    if i == 3:
        P.tag = property(lambda self: "prop")
print(made)
class Counter:
    def __init__(self):
        self.n = 0
    def bump(self):
        self.n += 1
        return self.n
c = Counter()
out = [c.bump() for _ in range(3)]
Counter.bump = lambda self: -1
out.append(c.bump())
c.n = 10
out.append(c.n)
print(out)
class A:
    def f(self):
        return "A"
calls = [A().f()]
for i in range(3):
    D = type("D", (A,), {"f": lambda self, i=i: "D%d" % i})
    calls.append(D().f())
print(calls)
class Guard:
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 2)
g = Guard()
for v in range(3):
    g.x = v
print(g.x)
class Late:
    def __init__(self):
        self.v = 1
late = Late()
vals = []
for i in range(4):
    vals.append(late.v)
    if i == 1:
        Late.v = property(lambda self: "p")
print(vals)
