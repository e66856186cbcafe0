# What dunders return is checked as CPython checks it; a property raising AttributeError
# falls back to __getattr__.
class P:
    @property
    def x(self):
        raise AttributeError("no x")
    @property
    def y(self):
        raise ValueError("bad y")
    def __getattr__(self, n):
        return "getattr:" + n
p = P()
print(p.x, p.missing, getattr(p, "x"), hasattr(p, "x"))
try:
    p.y
except ValueError as e:
    print("ValueError", e)
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
class Idx:
    def __index__(self):
        return 4
for n in (3, True, Idx(), 1.5, "3", -1, 2**100):
    try:
        print(len(L(n)))
    except Exception as e:
        print(type(e).__name__, e)
class F:
    def __init__(self, r):
        self.r = r
    def __format__(self, spec):
        return self.r
class S(str):
    pass
for r in ("ok", S("sub"), 5, None):
    try:
        print(format(F(r), ""), f"{F(r)}", "{}".format(F(r)))
    except TypeError as e:
        print("TypeError", e)
