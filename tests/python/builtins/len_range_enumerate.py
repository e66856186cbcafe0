# len, range and enumerate.
print(len(""), len("abc"), len([1, 2]), len((1,)), len({"a": 1}), len({1, 2, 3}), len(b"xy"), len(range(7)))
print(list(range(3)), list(range(2, 5)), list(range(0, 10, 4)), list(range(3, 0, -1)))
print(list(enumerate("abc")), list(enumerate("abc", 1)), list(enumerate([], 5)))
print(list(enumerate(["x", "y"], start=-1)))
for i, (a, b) in enumerate(zip("ab", "cd"), 10):
    print(i, a, b)
e = enumerate("hi")
print(next(e), next(e), next(e, "stop"))
class L:
    def __len__(self):
        return 42
print(len(L()))
