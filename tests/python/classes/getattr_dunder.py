# __getattr__ fallback and __setattr__ interception.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "log", [])
    def __getattr__(self, name):
        self.log.append(name)
        return getattr(self.target, name)
    def __setattr__(self, name, value):
        self.log.append("set " + name)
        setattr(self.target, name, value)
class T:
    x = 1
t = T()
p = Proxy(t)
print(p.x)
p.y = 5
print(t.y, p.y, p.log)
try:
    p.missing
except AttributeError as e:
    print(type(e).__name__)
class Default:
    real = "real"
    def __getattr__(self, name):
        return "default for " + name
d = Default()
print(d.real, d.anything, getattr(d, "other"), hasattr(d, "whatever"))
