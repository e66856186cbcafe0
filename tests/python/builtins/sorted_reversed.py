# sorted (key, reverse) and reversed on several types.
print(sorted([3, 1, 2]), sorted("cab"), sorted((2, 1)), sorted({"b": 1, "a": 2}), sorted({3, 1}))
print(sorted([3, 1, 2], reverse=True), sorted(["bb", "a", "ccc"], key=len))
print(sorted([-3, 1, -2], key=abs), sorted([-3, 1, -2], key=abs, reverse=True))
print(sorted([("b", 2), ("a", 2), ("c", 1)], key=lambda t: t[1]))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))), list(reversed((1, 2))))
class R:
    def __reversed__(self):
        return iter("custom")
    def __len__(self):
        return 0
print(list(reversed(R())))
class S:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return i * 2
print(list(reversed(S())))
try:
    reversed({1, 2})
except TypeError as e:
    print(type(e).__name__)
lst = [1, 2]
print(sorted(lst) is lst, sorted(lst) == lst)
