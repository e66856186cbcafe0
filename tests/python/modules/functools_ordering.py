# functools.cmp_to_key and total_ordering.
from functools import cmp_to_key, total_ordering


def by_len_then_alpha(a, b):
    if len(a) != len(b):
        return len(a) - len(b)
    return (a > b) - (a < b)


print(sorted(['ccc', 'a', 'bb', 'aa', 'b'], key=cmp_to_key(by_len_then_alpha)))
print(sorted([5, 1, 4], key=cmp_to_key(lambda a, b: b - a)), max([1, 3, 2], key=cmp_to_key(lambda a, b: a - b)))


@total_ordering
class Version:
    def __init__(self, *parts):
        self.parts = parts

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return 'v' + '.'.join(map(str, self.parts))


a, b = Version(1, 2), Version(1, 10)
print(a < b, a <= b, a > b, a >= b, a == Version(1, 2), sorted([b, a, Version(0, 9)]))


@total_ordering
class Desc:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return self.n == other.n

    def __gt__(self, other):
        return self.n < other.n


print(Desc(1) > Desc(2), Desc(1) < Desc(2), Desc(1) >= Desc(1), Desc(3) <= Desc(2))
try:
    total_ordering(type('E', (), {}))
except ValueError as e:
    print('ValueError', e)
