# sum() over floats mixed with ints, bools, big ints, float subclasses and other types: the
# unboxed float total must give what repeated `+` gives; zip and enumerate tuples.
class F(float):
    def __add__(self, o):
        return "F+"
    def __radd__(self, o):
        return "+F"
print(sum([1.0, 2, True, 3.5]))
print(sum([0.1] * 10), sum([0.1] * 10, 0.0), sum([-0.0]), sum([-0.0], -0.0))
print(sum([1.5, 2 ** 70, 0.25]))
print(sum([1.0, F(2.0)]))
print(sum((x / 3 for x in range(10)), 0.5))
print(sum([1, 2, 3.0, 4, 5]))
print(sum([1e308, 1e308, -1e308]))
print(sum([float("inf"), 1, float("-inf")]))
try:
    sum([1.0, "a"])
except TypeError as e:
    print("TypeError", e)
print(sum([1.0, 2.0], start=10))
print(sum([[1], [2.0]], []))
print(sum([1.5, 3 + 0j, 2.0]))
big = 2 ** 62
print(list(enumerate("abc", big - 1)), list(enumerate("ab", -1)), list(enumerate([], 5)))
print(list(zip("abc", range(10), [1.0, 2.0])), list(zip()), list(zip("ab")))
print([(i, t) for i, t in enumerate(zip("xy", "zw"))])
