# __eq__, __lt__ and friends, reflected comparisons, sorting custom objects.
class V:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return isinstance(other, V) and self.n == other.n
    def __lt__(self, other):
        return self.n < other.n
    def __le__(self, other):
        return self.n <= other.n
    def __hash__(self):
        return hash(self.n)
    def __repr__(self):
        return "V%d" % self.n
a, b = V(1), V(2)
print(a == V(1), a != V(1), a == b, a != b, a == 1)
print(a < b, b < a, a <= V(1), b > a, a >= b)
print(sorted([V(3), V(1), V(2)]), max(V(5), V(9)), min([V(4), V(0)]))
print(V(1) in [V(0), V(1)], {V(1): "x"}[V(1)], len({V(1), V(1), V(2)}))
class NoOrder:
    pass
try:
    NoOrder() < NoOrder()
except TypeError as e:
    print(type(e).__name__, e)
x = NoOrder()
print(x == x, x == NoOrder(), x != NoOrder())
class AlwaysEq:
    def __eq__(self, other):
        return True
print(AlwaysEq() == 5, 5 == AlwaysEq(), AlwaysEq() != 5)
class Rev:
    def __gt__(self, other):
        return "Rev.__gt__ called"
print(3 < Rev())
