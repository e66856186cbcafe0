# collections.namedtuple: fields, defaults, rename, _make/_replace/_asdict, tuple behaviour.
from collections import namedtuple


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


P = namedtuple('P', 'x y')
p = P(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), p == (1, 2), isinstance(p, tuple))
x, y = p
print(x, y, list(p), p + (3,), p._asdict(), P._fields, P.__name__)
print(P._make([3, 4]), p._replace(y=5), p, hash(p) == hash((1, 2)))
Q = namedtuple('Q', ['a', 'b', 'c'], defaults=[10, 20])
print(Q(1), Q(1, 2), Q(1, 2, 3), Q._field_defaults)
R = namedtuple('R', 'one, two', rename=True)
print(R(1, 2))
S = namedtuple('S', 'a def _b a', rename=True)
print(S._fields)
One = namedtuple('One', 'v')
print(One(7), One(v=8).v)
print(sorted([P(2, 1), P(1, 5), P(1, 2)]), max(P(1, 2), P(0, 9)))
d = {P(1, 2): 'a'}
print(d[(1, 2)], P(1, 2) in d)
t(lambda: P(1))
t(lambda: P(1, 2, 3))
t(lambda: P(1, z=2))
t(lambda: P(1, x=2))
t(lambda: P._make([1]))
t(lambda: p._replace(z=1))
t(lambda: namedtuple('P', 'x _y'))
t(lambda: namedtuple('P', 'x x'))
t(lambda: namedtuple('P', 'x def'))
t(lambda: namedtuple('1P', 'x'))
t(lambda: namedtuple('P', 'x y', defaults=(1, 2, 3)))
try:
    p.x = 5
except AttributeError:
    print('read-only field')
