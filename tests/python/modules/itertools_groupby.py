# itertools.groupby: runs of equal keys, key functions, groups consumed late.
from itertools import groupby
print([(k, list(g)) for k, g in groupby('AAAABBBCCDAABBB')])
print([k for k, g in groupby('AAAABBBCCD')], [(k, len(list(g))) for k, g in groupby([])])
words = ['apple', 'avocado', 'banana', 'blueberry', 'cherry', 'apricot']
print([(k, list(g)) for k, g in groupby(words, key=lambda w: w[0])])
print([(k, list(g)) for k, g in groupby(sorted(words, key=len), len)])
groups = list(groupby('aabbc'))
print([(k, list(g)) for k, g in groups])
it = groupby([1, 1, 2, 3, 3, 3])
k, g = next(it)
print(k, next(g))
k2, g2 = next(it)
print(k2, list(g2), list(g))
print([(k, sum(g)) for k, g in groupby([1, 2, 3, 4, 5, 6], key=lambda x: x > 3)])
