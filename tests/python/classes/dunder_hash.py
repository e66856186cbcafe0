# __hash__ and __eq__ together; unhashable classes.
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return self.k == o.k
    def __hash__(self):
        return hash(self.k)
d = {Key("a"): 1}
d[Key("a")] = 2
print(len(d), d[Key("a")])
class EqOnly:
    def __eq__(self, o):
        return True
try:
    hash(EqOnly())
except TypeError as e:
    print(type(e).__name__, e)
print(EqOnly.__hash__ is None)
class Plain:
    pass
p = Plain()
print(hash(p) == hash(p), {p: 1}[p], p == Plain())
s = {Key(1), Key(1), Key(2)}
print(len(s))
print(hash(Key("z")) == hash("z"))
