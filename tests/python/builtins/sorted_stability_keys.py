# sorted is stable with keys, reverse keeps stability, and sorts tuples, strings and mixed numbers.
people = [("ann", 30), ("bob", 25), ("cy", 30), ("dee", 25), ("eve", 35), ("fay", 30)]
by_age = sorted(people, key=lambda p: p[1])
print(by_age)
print(sorted(people, key=lambda p: p[1], reverse=True))
print(sorted(sorted(people), key=lambda p: -p[1]))
print(sorted([3, 1.5, True, -2, 0.0, 2 ** 40]), sorted("The quick Brown fox".split(), key=str.lower))
print(sorted([[2, 1], [1, 2], [1, 1, 0], []]), sorted([(1, "b"), (1, "a"), (0, "z")]))
print(sorted(range(10), key=lambda v: (v % 2, -v)))
items = list(range(30))
print(sorted(items, key=lambda v: v // 10, reverse=True) == sorted(items, key=lambda v: -(v // 10)))
