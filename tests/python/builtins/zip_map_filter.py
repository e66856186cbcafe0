# zip (uneven lengths), map (several iterables), filter (function and None).
print(list(zip([1, 2, 3], "ab")), list(zip()), list(zip([1])), list(zip(range(3), range(10, 13), "xyz")))
print(dict(zip("abc", range(3))))
pairs = [(1, "a"), (2, "b")]
nums, chars = zip(*pairs)
print(nums, chars)
print(list(map(abs, [-1, 2, -3])), list(map(pow, [2, 3], [3, 2])), list(map(lambda a, b: a + b, "ab", "xyz")))
print(list(filter(None, [0, 1, "", "a", [], [0], None, False, True])))
print(list(filter(lambda x: x % 2, range(10))), list(filter(str.isdigit, "a1b2c3")))
m = map(str, [1, 2])
print(next(m), list(m), list(m))
z = zip(iter([1, 2, 3]), iter([4]))
print(list(z))
