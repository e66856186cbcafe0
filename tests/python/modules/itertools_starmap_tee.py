# itertools.starmap and tee.
from itertools import starmap, tee
print(list(starmap(pow, [(2, 5), (3, 2), (10, 3)])), list(starmap(max, [[1, 5, 2], 'zab'])))
print(list(starmap(lambda *a: sum(a), [(), (1,), (1, 2, 3)])))
a, b = tee(iter([1, 2, 3, 4]))
print(next(a), next(a), list(b), list(a))
x, y, z = tee('abc', 3)
print(list(x), list(z), list(y))
print(tee([1], 0), len(tee(range(3))))


def gen():
    for i in range(3):
        print('made', i)
        yield i


p, q = tee(gen())
print(next(p), next(p), next(q), list(q), list(p))
