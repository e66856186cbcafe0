# List comprehensions: filters, nesting, scoping.
print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(i, j) for i in range(3) for j in range(i)])
print([[j for j in range(i)] for i in range(4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([v for row in matrix for v in row if v % 2])
x = "outer"
print([x for x in "ab"], x)
print([c.upper() for c in "hey"], [len(w) for w in "a bb ccc".split()])
print([a + b for a, b in zip([1, 2], [10, 20])])
print([y for y in []], [None for _ in range(2)])
n = 3
print([n * i for i in range(n)])
print([(lambda: i)() for i in range(3)])
