# namedtuple: _fields, _make, _replace, _asdict, defaults, rename, unpacking, comparison.
from collections import namedtuple
P = namedtuple("P", ["x", "y"])
p = P(1, y=2)
print(p, p.x, p[1], P._fields, len(p), tuple(p), p == (1, 2))
x, y = p
print(x + y, P._make([3, 4]), p._replace(x=9), p._asdict())
Q = namedtuple("Q", "a b c", defaults=[10, 20])
print(Q(1), Q(1, 2), Q._fields, getattr(Q, "_field_defaults", None))
R = namedtuple("R", ["ok", "def", "ok"], rename=True)
print(R._fields)
print(sorted([P(2, 1), P(1, 5), P(1, 2)]), hash(P(1, 2)) == hash((1, 2)))
for bad in (lambda: P(1), lambda: P(1, 2, 3), lambda: P(1, 2, x=3), lambda: namedtuple("Bad", "a def")):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
try:
    p.x = 5
except AttributeError as e:
    print(type(e).__name__)
