# A small matrix class using several operators together.
class M:
    def __init__(self, rows):
        self.rows = [list(r) for r in rows]
    def __mul__(self, other):
        if isinstance(other, M):
            cols = list(zip(*other.rows))
            return M([[sum(a * b for a, b in zip(r, c)) for c in cols] for r in self.rows])
        return M([[v * other for v in r] for r in self.rows])
    __rmul__ = __mul__
    def __add__(self, other):
        return M([[a + b for a, b in zip(r, s)] for r, s in zip(self.rows, other.rows)])
    def __eq__(self, other):
        return self.rows == other.rows
    def __getitem__(self, ij):
        i, j = ij
        return self.rows[i][j]
    def __repr__(self):
        return "M(%r)" % (self.rows,)
a = M([[1, 2], [3, 4]])
i = M([[1, 0], [0, 1]])
print(a * i == a, a * a, 2 * a, a * 3, a + i, a[1, 0])
p = i
for _ in range(10):
    p = p * a
print(p)
