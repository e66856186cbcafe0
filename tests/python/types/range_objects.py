# range: len, index, containment, negative step, slicing, equality.
r = range(10)
print(r, len(r), r[0], r[-1], list(r[2:5]), r[::2], r[::-1])
print(range(5, 0, -1), list(range(5, 0, -1)), list(range(0, 10, 3)), list(range(10, 0, -3)))
print(len(range(0)), len(range(5, 2)), len(range(0, 10, 3)), len(range(10, 0, -3)))
print(5 in r, 10 in r, -1 in r, 3 in range(0, 10, 3), 4 in range(0, 10, 3))
print(r.index(7), range(0, 20, 5).index(15), range(10).count(3))
try:
    r.index(42)
except ValueError as e:
    print(type(e).__name__, e)
try:
    r[10]
except IndexError as e:
    print(type(e).__name__, e)
try:
    range(0, 10, 0)
except ValueError as e:
    print(type(e).__name__, e)
print(range(0) == range(5, 2), range(0, 3) == range(3), range(1, 10, 2)[1:3])
big = range(0, 10 ** 20, 7)
print(big[-1], big[3], 10 ** 19 in big, 7 * 10 ** 15 in big)
print(r.start, r.stop, r.step, range(1, 8, 2)[::-1])
print(list(range(-5, 5, 4)), list(reversed(range(3))), sum(range(101)))
