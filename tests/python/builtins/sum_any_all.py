# sum with start, any and all with short-circuiting.
print(sum([]), sum([1, 2, 3]), sum([1, 2, 3], 10), sum((0.5, 0.25)), sum(range(101), start=-5050))
print(sum([[1], [2, 3]], []), sum([(1,), (2,)], ()))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(type(e).__name__, e)
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any("a"), all(["", "x"]))
calls = []
def check(v):
    calls.append(v)
    return v
print(any(check(v) for v in [0, 2, 3]), calls)
calls.clear()
print(all(check(v) for v in [1, 0, 3]), calls)
print(sum(x for x in range(5) if x % 2), sum([True, True, False]))
print(sum([10 ** 20, 1]), sum([1.5, 2]))
