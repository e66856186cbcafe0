# __len__, __getitem__, __setitem__, __delitem__, __contains__, __iter__.
class Bag:
    def __init__(self):
        self.items = {}
    def __len__(self):
        return len(self.items)
    def __getitem__(self, k):
        return self.items[k]
    def __setitem__(self, k, v):
        self.items[k] = v
    def __delitem__(self, k):
        del self.items[k]
    def __contains__(self, k):
        return k in self.items
    def __iter__(self):
        return iter(sorted(self.items))
b = Bag()
b["x"] = 1
b["a"] = 2
b["m"] = 3
print(len(b), b["x"], "a" in b, "q" in b, "q" not in b, list(b))
del b["x"]
print(len(b), list(b), bool(b))
try:
    b["nope"]
except KeyError as e:
    print(type(e).__name__, e)
for k in b:
    print(k, b[k])
class Grid:
    def __getitem__(self, pos):
        r, c = pos
        return r * 10 + c
    def __setitem__(self, pos, v):
        print("set", pos, v)
g = Grid()
print(g[1, 2], g[3, 4])
g[0, 0] = "v"
class Sliceable:
    def __getitem__(self, s):
        return list(range(10))[s]
print(Sliceable()[2:8:2])
class Empty:
    def __len__(self):
        return 0
print(bool(Empty()), len(Empty()))
