def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# itertools.permutations: r, order, r larger than the pool.
from itertools import permutations
print(list(permutations('ABC')), list(permutations(range(3), 2)))
print(list(permutations([1, 2], 0)), list(permutations([], 0)), list(permutations('ab', 3)))
print(len(list(permutations(range(5)))), [''.join(p) for p in permutations('abc', 1)])
print(sorted(set(permutations('aab'))))
t(lambda: list(permutations('ab', -1)))
