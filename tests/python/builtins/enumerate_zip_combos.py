# enumerate and zip combined with unpacking and dict building.
names = ["ann", "bob", "cy"]
scores = [90, 85]
for i, (n, s) in enumerate(zip(names, scores), start=1):
    print(i, n, s)
print(dict(enumerate(names)), list(zip(*[(1, 2, 3), (4, 5, 6)])))
print([i * v for i, v in enumerate(range(5, 10))])
print(list(zip(names, range(10), "XY")))
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([list(col) for col in zip(*matrix)], [sum(r) for r in zip(*matrix)])
