# array: every portable typecode, buffer round trips, arithmetic on items.
from array import array
for code, vals in [("b", [-1, 2]), ("B", [255, 0]), ("h", [-300, 7]), ("H", [65535, 1]),
                   ("i", [-70000, 3]), ("I", [70000, 0]), ("q", [-2 ** 40, 1]), ("Q", [2 ** 40, 5]),
                   ("f", [1.5, -0.25]), ("d", [1e100, 2.5])]:
    a = array(code, vals)
    b = array(code, bytes(a))
    print(code, a.itemsize, list(a), a == b, len(bytes(a)))
a = array("i", range(5))
a.append(10)
a.extend([20, 30])
a[0] = -1
print(a, a[2:4], a[::-1], a.index(10), a.count(20), sum(a))
print(array("Q", [2 ** 64 - 1, 2 ** 63]), bytes(array("Q", [2 ** 63])).hex())
for bad in (lambda: array("Q", [2 ** 64]), lambda: array("B", [256]), lambda: array("z"), lambda: array("i", [1.5])):
    try:
        bad()
    except (OverflowError, ValueError, TypeError) as e:
        print(type(e).__name__)
