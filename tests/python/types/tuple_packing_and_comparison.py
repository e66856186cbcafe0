# Tuple packing, nested tuples, lexicographic comparison and use as keys.
point = 3, 4
x, y = point
print(point, x, y, type(point).__name__)
records = [("bob", 25), ("ann", 30), ("bob", 20)]
print(sorted(records), min(records), max(records, key=lambda r: r[1]))
print((1, 2, 3) < (1, 2, 4), (1, 2) < (1, 2, 0), (0, "z") < (1, "a"), () < (0,))
grid = {(r, c): r * 3 + c for r in range(2) for c in range(3)}
print(grid[(1, 2)], grid[0, 1], sorted(grid)[:3])
t = (1, [2, 3], "s")
t[1].append(4)
print(t, len(t), t.count(1), 4 in t[1])
print(tuple(reversed((1, 2, 3))), (1, 2) * 2, (1,) + (2,))
