def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# functools.reduce: folds, initial values, and the empty case.
from functools import reduce


def add(a, b):
    return a + b


def mul(a, b):
    return a * b


print(reduce(add, [1, 2, 3, 4, 5]), reduce(mul, range(1, 7)), reduce(max, [3, 9, 2]))
print(reduce(lambda a, b: a + [b], 'abc', []), reduce(add, [], 0), reduce(add, [5]))
print(reduce(lambda acc, kv: {**acc, kv[0]: kv[1]}, [('a', 1), ('b', 2)], {}))
print(reduce(add, ['ab', 'cd', 'ef']), reduce(lambda a, b: a * 2 + b, (1, 0, 1, 1), 0))
t(lambda: reduce(add, []))
t(lambda: reduce(add, 5))
t(lambda: reduce(add, [1, 'a']))
