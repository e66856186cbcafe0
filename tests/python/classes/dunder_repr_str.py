# __repr__ and __str__ and where each is used.
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "(%s, %s)" % (self.x, self.y)
p = Point(1, "a")
print(p)
print(repr(p), str(p), [p], (p,), {"k": p})
print("%s %r" % (p, p), f"{p} {p!r}", "{} {!r}".format(p, p))
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
print(OnlyRepr(), str(OnlyRepr()), [OnlyRepr()])
class OnlyStr:
    def __str__(self):
        return "only str"
print(OnlyStr(), str(OnlyStr()))
class Bad:
    def __repr__(self):
        return 42
try:
    repr(Bad())
except TypeError as e:
    print(type(e).__name__, e)
