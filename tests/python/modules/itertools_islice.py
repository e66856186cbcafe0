def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# itertools.islice: start/stop/step, None, consumption, and the errors.
from itertools import islice, count
print(list(islice('ABCDEFG', 2)), list(islice('ABCDEFG', 2, 4)), list(islice('ABCDEFG', 2, None)))
print(list(islice('ABCDEFG', 0, None, 2)), list(islice(range(100), 10, 30, 7)), list(islice([], 3)))
print(list(islice(count(), 3, 12, 4)), list(islice('abc', None)), list(islice('abc', 5, 10)))
it = iter(range(10))
print(list(islice(it, 3)), next(it), list(islice(it, 0)), next(it))
t(lambda: list(islice('abc', -1)))
t(lambda: list(islice('abc', 1, -1)))
t(lambda: list(islice('abc', 0, 2, 0)))
t(lambda: list(islice('abc', 'x')))
