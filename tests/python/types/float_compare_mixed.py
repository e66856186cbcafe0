# Comparisons between floats and ints, including big ints.
print(1 < 1.5 < 2, 2 ** 53 + 1 > 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53)
print(10 ** 400 > 1e308, -(10 ** 400) < -1e308)
print(0.0 == 0, -0.0 == 0, 0.0 == -0.0)
print(sorted([3, 1.5, -2, 0.0, 2 ** 60, 1e18]))
print(max(1, 1.0), min(1.0, 1), max(2, 1.5))
print(1.0 in [1], 1 in [1.0], {1: "a"}[1.0])
print(float("inf") > 10 ** 1000)
print(round(1.0) == 1, type(1 + 1.0).__name__)
