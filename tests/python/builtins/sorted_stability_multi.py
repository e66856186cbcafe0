# Sorting is stable: multi-pass sorts, reverse keeps ties in order, keys of mixed kinds.
people = [("ann", 30, "x"), ("bob", 25, "y"), ("cat", 30, "z"), ("dan", 25, "w"), ("eve", 35, "v")]
by_age = sorted(people, key=lambda p: p[1])
print([p[0] for p in by_age])
print([p[0] for p in sorted(people, key=lambda p: p[1], reverse=True)])
two_pass = sorted(sorted(people, key=lambda p: p[2]), key=lambda p: p[1])
print([p[0] for p in two_pass])
words = ["bb", "a", "ccc", "dd", "e", "fff", "gg"]
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
nums = [3, -1, 2, -3, 1, -2, 0]
print(sorted(nums, key=abs), sorted(nums, key=lambda v: v * v, reverse=True))
l = [(1, "b"), (0, "a"), (1, "a"), (0, "b")]
l.sort(key=lambda t: t[0])
print(l)
l.sort(key=lambda t: t[1], reverse=True)
print(l)
print(sorted([1.5, 1, True, 0.5, False]), sorted(["b", "B", "a", "A"]), sorted(["b", "B", "a", "A"], key=str.lower))
big = [(i % 7, i) for i in range(40)]
s = sorted(big, key=lambda t: t[0])
print(all(s[i][1] < s[i + 1][1] for i in range(len(s) - 1) if s[i][0] == s[i + 1][0]))
print(s[:6])
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError", e)
print(sorted({3: "c", 1: "a", 2: "b"}.items(), key=lambda kv: kv[1], reverse=True))
print(min(people, key=lambda p: p[1]), max(people, key=lambda p: p[1]))
