# frozenset: immutable and hashable, mixes with set operations.
f = frozenset("abc")
g = frozenset("bcd")
print(sorted(f | g), sorted(f & g), sorted(f - g), sorted(f ^ g))
print(type(f | g).__name__, type(f & {"a"}).__name__, f <= frozenset("abcd"))
groups = {frozenset({1, 2}): "one-two", frozenset({3}): "three"}
print(groups[frozenset({2, 1})], frozenset({3}) in groups)
s = {frozenset({1}), frozenset({1}), frozenset({2})}
print(len(s))
print(frozenset() == frozenset([]), len(frozenset(range(100))), 5 in frozenset(range(10)))
print(sorted(frozenset([3, 1, 2]).union([0])), f.isdisjoint("xyz"), f.issuperset("ab"))
try:
    f.add("z")
except AttributeError:
    print("frozenset has no add")
