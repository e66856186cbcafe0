# range with bounds beyond 64 bits, indexing, containment, equality and repr.
big = range(10 ** 20, 10 ** 20 + 30, 7)
print(big, len(big), big[0], big[-1], big[2], list(big))
print(10 ** 20 + 14 in big, 10 ** 20 + 15 in big, 5 in big, 1e20 in range(10 ** 19, 10 ** 21, 10 ** 19))
huge = range(-10 ** 30, 10 ** 30, 10 ** 29)
print(huge[5], huge[-1], huge.index(0), huge.count(10 ** 29), 0 in huge)
try:
    len(range(10 ** 30))
except OverflowError as e:
    print("OverflowError")
print(range(0, 10 ** 25, 10 ** 24)[3], range(10 ** 20).stop, range(1, 10 ** 20).start)
print(range(10 ** 20, 10 ** 20) == range(5, 5), range(10 ** 20, 10 ** 20 + 1) == range(10 ** 20, 10 ** 20 + 1, 9))
print(bool(range(10 ** 20, 0)), bool(range(10 ** 20)), range(2 ** 64)[2 ** 63])
try:
    range(10 ** 20)[10 ** 20]
except IndexError as e:
    print("IndexError", e)
print(range(3) == range(0, 3, 1), range(0, 6, 2) == range(0, 5, 2), range(1, 2, 5) == range(1, 2, 7))
print(range(0, -10, -3)[1:], list(range(10)[::-3]), range(5).index(4), range(-3, 3)[-2])
