def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# namedtuple: subclassing, field lists, module, _fields on instances, unpacking in loops.
from collections import namedtuple
Point = namedtuple('Point', ['x', 'y'])


class Point3(Point):
    def norm1(self):
        return abs(self.x) + abs(self.y)


p = Point3(3, -4)
print(p, p.norm1(), isinstance(p, Point), p._fields, p._asdict())
pts = [Point(1, 2), Point(3, 4)]
print([x + y for x, y in pts], sum(p.x for p in pts), Point(*range(2)), Point(**{'x': 1, 'y': 0}))
E = namedtuple('E', '')
print(E(), len(E()), E._fields)
M = namedtuple('M', 'a', module='mymod')
print(M.__module__, M(1) == (1,), M(1) < M(2), tuple(M(9)))
T = namedtuple('T', 'a b', defaults=(None,))
print(T(1), T(1, 2), T._field_defaults)
print(Point._make(iter([5, 6])), p._replace(x=0))
t(lambda: Point(1, 2, 3))
t(lambda: T())
t(lambda: Point(x=1))
t(lambda: namedtuple('Bad', ['ok', 'class']))
