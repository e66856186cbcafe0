# itertools pieces working together.
import itertools
print(list(itertools.islice(itertools.count(10, 5), 3)), list(itertools.repeat("x", 3)))
print(list(itertools.islice(itertools.cycle("ab"), 5)), list(itertools.chain.from_iterable(["ab", "c"])))
print(list(itertools.accumulate([1, 2, 3, 4], lambda a, b: a * b)), list(itertools.accumulate([1, 2], initial=10)))
print(list(itertools.product("ab", repeat=2)), len(list(itertools.permutations(range(4), 2))))
print(list(itertools.combinations("abcd", 3)), list(itertools.combinations_with_replacement("ab", 2)))
print([(k, list(g)) for k, g in itertools.groupby("aabbbc")], list(itertools.zip_longest("ab", "xyz", fillvalue=0)))
print(list(itertools.takewhile(lambda x: x < 3, [1, 2, 5, 1])), list(itertools.dropwhile(lambda x: x < 3, [1, 5, 1])))
print(list(itertools.compress("abcdef", [1, 0, 1, 0, 1])), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.filterfalse(None, [0, 1, "", "a"])))
