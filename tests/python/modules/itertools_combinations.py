def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# itertools.combinations and combinations_with_replacement.
from itertools import combinations, combinations_with_replacement as cwr
print(list(combinations('ABCD', 2)), list(combinations(range(4), 3)))
print(list(combinations('ab', 0)), list(combinations('ab', 3)), list(combinations([], 0)))
print(list(cwr('ABC', 2)), list(cwr([1, 2], 3)), list(cwr([], 0)), list(cwr([], 2)))
print(len(list(combinations(range(10), 4))), len(list(cwr(range(5), 3))))
t(lambda: list(combinations('ab', -2)))
t(lambda: list(cwr('ab', -1)))
