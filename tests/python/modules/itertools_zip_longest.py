# itertools.zip_longest with fillvalue, uneven and empty inputs.
from itertools import zip_longest
print(list(zip_longest('ABCD', 'xy', fillvalue='-')), list(zip_longest('ab', [1, 2, 3])))
print(list(zip_longest()), list(zip_longest([])), list(zip_longest('a', '', 'bc')))
print(list(zip_longest(range(3), range(5), fillvalue=0)))
print(dict(zip_longest('abc', [1])))


def g():
    yield 1
    yield 2


print(list(zip_longest(g(), 'wxyz', g(), fillvalue=None)))
