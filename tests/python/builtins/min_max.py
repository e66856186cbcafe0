# min and max with iterables, several arguments, key and default.
print(min([3, 1, 2]), max([3, 1, 2]), min(3, 1, 2), max(3, 1, 2), min("hello"), max("hello"))
print(min([], default="empty"), max([], default=None), max([5], default=0))
print(min(["bb", "a", "ccc"], key=len), max(["bb", "a", "ccc"], key=len), max("a", "bb", key=len))
print(max([1, 3, 3, 2], key=lambda v: v % 3), min([(1, "b"), (1, "a")]))
print(max([2, 1, 2, 1], key=lambda v: -v), max(1, 2.5, True), min(-0.0, 0))
try:
    min([])
except ValueError as e:
    print(type(e).__name__, e)
try:
    max(1)
except TypeError as e:
    print(type(e).__name__, e)
print(max({"a": 3, "b": 1}), max({"a": 3, "b": 1}, key={"a": 3, "b": 1}.get))
print(max(range(10 ** 5)), min(x * x - 10 * x for x in range(20)))
