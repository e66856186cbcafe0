# vars() of instances and modules, attributes set in loops.
class Rec:
    pass
r = Rec()
for i, name in enumerate(["alpha", "beta", "gamma"]):
    setattr(r, name, i)
print(vars(r), vars(r) is r.__dict__)
vars(r)["delta"] = 3
print(r.delta)
print(sorted(k for k in vars(Rec) if not k.startswith("__")))
class Pt:
    def __init__(self, x, y):
        self.x = x
        self.y = y
print(vars(Pt(1, 2)))
