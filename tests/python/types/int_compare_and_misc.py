# Comparisons among small and big ints, and min/max/sorted of mixed sizes.
vals = [2 ** 64, -(2 ** 64), 0, 1, -1, 2 ** 31, -(2 ** 31), 10 ** 30]
print(sorted(vals))
print(min(vals), max(vals))
print(2 ** 64 > 2 ** 63, -(2 ** 64) < -(2 ** 63), 2 ** 64 == 2 ** 64)
print(2 ** 64 != 2 ** 64 + 1)
print(str(2 ** 64), repr(-(2 ** 64)))
print(len(str(2 ** 1000)))
print(int(str(7 ** 77)) == 7 ** 77)
print(sum(range(1, 10001)), sum(i * i for i in range(1000)))
print(abs(-(10 ** 40)) == 10 ** 40)
print((10 ** 40) // (10 ** 20 + 1))
