# itertools recipes built from the module's functions.
import itertools


def take(n, iterable):
    return list(itertools.islice(iterable, n))


def flatten(list_of_lists):
    return itertools.chain.from_iterable(list_of_lists)


def grouper(iterable, n, fillvalue=None):
    args = [iter(iterable)] * n
    return itertools.zip_longest(*args, fillvalue=fillvalue)


def powerset(iterable):
    s = list(iterable)
    return itertools.chain.from_iterable(itertools.combinations(s, r) for r in range(len(s) + 1))


def unique_justseen(iterable):
    return [k for k, _ in itertools.groupby(iterable)]


print(take(3, itertools.count(7)), list(flatten([[1, 2], [3], []])))
print(list(grouper('ABCDEFG', 3, 'x')), list(powerset([1, 2, 3])))
print(unique_justseen('AAAABBBCCDAABBB'), sum(itertools.starmap(lambda a, b: a * b, zip([1, 2], [3, 4]))))
print(list(itertools.accumulate(itertools.repeat(2, 5), lambda a, b: a * b)))
