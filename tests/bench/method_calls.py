# Method calls on instances: attribute reads/writes, bound methods, inheritance.
class Counter:
    def __init__(self):
        self.value = 0
        self.step = 1
    def inc(self):
        self.value += self.step
        return self
    def get(self):
        return self.value
class FastCounter(Counter):
    def __init__(self):
        super().__init__()
        self.step = 3
    def inc(self):
        self.value += self.step
        return self
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def add(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def norm1(self):
        return abs(self.x) + abs(self.y)
def run(n):
    c = Counter()
    f = FastCounter()
    for _ in range(n):
        c.inc()
        f.inc().inc()
    p = Point(0, 0)
    d = Point(1, -2)
    for _ in range(n // 4):
        p = p.add(d)
    return c.get(), f.get(), p.norm1()
print(run(2000000))
