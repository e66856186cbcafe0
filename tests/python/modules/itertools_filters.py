# itertools.compress, dropwhile, takewhile, filterfalse.
from itertools import compress, dropwhile, takewhile, filterfalse
print(list(compress('ABCDEF', [1, 0, 1, 0, 1, 1])), list(compress(range(10), [0, 1] * 3)))
print(list(compress([1, 2], [])), list(compress([], [1, 1])))
print(list(dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(dropwhile(bool, [1, 2])))
print(list(takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])), list(takewhile(bool, [])))
print(list(filterfalse(lambda x: x % 2, range(10))), list(filterfalse(None, [0, '', 'a', [], [0]])))
print(list(takewhile(str.isdigit, '123abc456')), ''.join(dropwhile(str.isspace, '   hi  ')))
calls = []


def pred(x):
    calls.append(x)
    return x < 3


print(list(takewhile(pred, [1, 2, 3, 4])), calls)
