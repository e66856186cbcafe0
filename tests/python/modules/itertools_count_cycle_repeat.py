# itertools.count, cycle, repeat: infinite iterators cut with islice/zip.
import itertools
from itertools import count, cycle, repeat, islice
print(list(islice(count(), 5)), list(islice(count(10), 3)), list(islice(count(1, 3), 4)))
print(list(islice(count(2.5, 0.5), 4)), list(islice(count(-1, -2), 3)))
print(list(zip(count(), 'abc')), list(islice(cycle([1, 2, 3]), 8)))
print(list(cycle([])), list(repeat('x', 4)), list(repeat(None, 0)), list(repeat(1, -3)))
print(list(map(pow, range(5), repeat(2))), list(zip(repeat(7), 'ab')))
c = count(5)
print(next(c), next(c), next(c))
cy = cycle('ab')
print([next(cy) for _ in range(5)])
r = repeat([1])
a, b = next(r), next(r)
print(a is b, a)
