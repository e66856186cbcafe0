# Chaos game: points thrown at random (a fixed linear congruential generator) through the
# affine maps of a fern-like iterated function system, each map's offset taken from a point
# on a cubic B-spline; the visits are binned on a grid. Vector objects, float arithmetic.
class Vec2:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, o):
        return Vec2(self.x + o.x, self.y + o.y)

    def __sub__(self, o):
        return Vec2(self.x - o.x, self.y - o.y)

    def __mul__(self, k):
        return Vec2(self.x * k, self.y * k)


class BSpline:
    """A uniform cubic B-spline through the given control points."""

    def __init__(self, points):
        self.points = points

    def at(self, u):
        """The point at u in [0, 1)."""
        segments = len(self.points) - 3
        s = u * segments
        i = int(s)
        t = s - i
        p0, p1, p2, p3 = self.points[i : i + 4]
        t2 = t * t
        t3 = t2 * t
        w0 = (1 - t) * (1 - t) * (1 - t) / 6
        w1 = (3 * t3 - 6 * t2 + 4) / 6
        w2 = (-3 * t3 + 3 * t2 + 3 * t + 1) / 6
        w3 = t3 / 6
        return p0 * w0 + p1 * w1 + p2 * w2 + p3 * w3


class Random:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        """A float in [0, 1)."""
        self.state = (self.state * 1103515245 + 12345) & 0x7FFFFFFF
        return self.state / 2147483648


class Map:
    def __init__(self, a, b, c, d, offset, weight):
        self.a, self.b, self.c, self.d = a, b, c, d
        self.offset = offset
        self.weight = weight

    def apply(self, p):
        return Vec2(self.a * p.x + self.b * p.y, self.c * p.x + self.d * p.y) + self.offset


def game(size, throws, seed):
    curve = BSpline([Vec2(0.0, 0.0), Vec2(0.1, 0.9), Vec2(0.5, 1.2), Vec2(0.9, 0.8),
                     Vec2(1.0, 0.1), Vec2(0.6, -0.2), Vec2(0.2, 0.1)])
    maps = []
    shapes = ((0.0, 0.0, 0.0, 0.16, 0.01), (0.85, 0.04, -0.04, 0.85, 0.85),
              (0.2, -0.26, 0.23, 0.22, 0.07), (-0.15, 0.28, 0.26, 0.24, 0.07))
    for k, (a, b, c, d, weight) in enumerate(shapes):
        maps.append(Map(a, b, c, d, curve.at(k / len(shapes)) * 0.3, weight))
    rng = Random(seed)
    grid = [[0] * size for _ in range(size)]
    p = Vec2(0.5, 0.5)
    lo_x = lo_y = 1e9
    hi_x = hi_y = -1e9
    for n in range(throws):
        pick = rng.next()
        for m in maps:
            pick -= m.weight
            if pick < 0:
                break
        p = m.apply(p)
        # A small step along the spline keeps the orbit from settling on a fixed pattern.
        p = p + (curve.at(rng.next()) - p) * 0.01
        if n < 20:
            continue
        lo_x, hi_x = min(lo_x, p.x), max(hi_x, p.x)
        lo_y, hi_y = min(lo_y, p.y), max(hi_y, p.y)
        gx = int(p.x / 1.5 * size)
        gy = int((p.y - 0.1) / 1.7 * size)
        if 0 <= gx < size and 0 <= gy < size:
            grid[gy][gx] += 1
    return grid, (lo_x, hi_x, lo_y, hi_y)


grid, box = game(64, 60000, 1234)
filled = sum(1 for row in grid for v in row if v)
check = 0
for row in grid:
    for v in row:
        check = (check * 131 + v) % 1000000007
print(filled, check, max(max(row) for row in grid), "%.6f %.6f %.6f %.6f" % box)
