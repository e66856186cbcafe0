# itertools.pairwise: overlapping pairs.
from itertools import pairwise
print(list(pairwise('ABCDEFG')), list(pairwise([])), list(pairwise([1])), list(pairwise([1, 2])))
print([b - a for a, b in pairwise([1, 4, 9, 16, 25])])
it = pairwise(iter(range(4)))
print(next(it), list(it))
