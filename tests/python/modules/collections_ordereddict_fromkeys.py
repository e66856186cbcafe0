# OrderedDict and dict subclasses: fromkeys builds the subclass; move_to_end, popitem.
from collections import OrderedDict, defaultdict
class Tracking(OrderedDict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)
d = Tracking.fromkeys("ab", 0)
print(type(d).__name__, d)
o = OrderedDict.fromkeys([3, 1, 2])
print(type(o).__name__, o, list(o))
o.move_to_end(3)
o.move_to_end(2, last=False)
print(list(o), o.popitem(), o.popitem(last=False), o)
class MyDict(dict):
    pass
m = MyDict.fromkeys(range(3), [])
print(type(m).__name__, m, m[0] is m[2])
print(type(dict.fromkeys("xy")).__name__, dict.fromkeys("xy", 1))
dd = defaultdict(list)
dd["k"].append(1)
print(type(dd).__name__, dict(dd))
print(OrderedDict([(1, 2)]) == OrderedDict([(1, 2)]), OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1))
print(OrderedDict(a=1, b=2) == {"b": 2, "a": 1})
try:
    Tracking.fromkeys()
except TypeError as e:
    print(type(e).__name__)
