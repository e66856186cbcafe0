# Float objects: many small instances of a point class built from sin/cos, each normalised,
# then folded into the componentwise maximum (attribute access, math calls, float boxing).
from math import cos, sin, sqrt


class Point:
    __slots__ = ("x", "y", "z")

    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = x * x / 2

    def normalize(self):
        length = sqrt(self.x * self.x + self.y * self.y + self.z * self.z)
        self.x /= length
        self.y /= length
        self.z /= length

    def maximize(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def run(n):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    rest = iter(points)
    best = next(rest)
    for p in rest:
        best = best.maximize(p)
    return best


ROUNDS, POINTS = 80, 5000
total = 0.0
for _ in range(ROUNDS):
    best = run(POINTS)
    total += best.x + best.y + best.z
print("%.9f %.9f %.9f %.9f" % (best.x, best.y, best.z, total))
