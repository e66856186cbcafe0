# itertools.chain and chain.from_iterable, lazily over iterators.
from itertools import chain


def gen(n):
    for i in range(n):
        yield i


print(list(chain()), list(chain([1, 2], (3,), 'ab', range(2))), list(chain([], [], [5])))
print(list(chain.from_iterable(['ab', [1], (), gen(3)])))
print(list(chain.from_iterable(gen(i) for i in range(4))))
c = chain('xy', 'z')
print(next(c), next(c), next(c))
try:
    next(c)
except StopIteration:
    print('done')
print(sorted(chain({3, 1}, {2})), dict(chain({'a': 1}.items(), [('b', 2)])))
try:
    list(chain([1], 5))
except TypeError as e:
    print('TypeError', e)
