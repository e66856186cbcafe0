# set and frozenset operators; printed through sorted().
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, a < a, a <= a, {1} < a, a >= {1, 2}, a > {9})
print(a == {4, 3, 2, 1}, a != b, 3 in a, 9 not in a, len(a))
print(a.isdisjoint({7, 8}), a.isdisjoint(b), a.issubset(range(10)), a.issuperset([1, 2]))
print(sorted(a.union([9], (10,))), sorted(a.intersection(b, {4})), sorted(a.difference(b)))
print(sorted(a.symmetric_difference(b)))
f = frozenset([1, 2, 2, 3])
print(sorted(f), len(f), type(f | {4}).__name__, type({4} | f).__name__)
print(f == {1, 2, 3}, hash(f) == hash(frozenset({3, 2, 1})))
print({f: "frozen key"}[frozenset([3, 1, 2])])
print(sorted({x % 5 for x in range(20)}), sorted(set("mississippi")))
print(set(), frozenset(), repr(set()), len({()}))
print({1, 1.0, True}, len({1, 1.0, True}), {0, False, 0.0} == {0})
try:
    {[1]}
except TypeError as e:
    print(type(e).__name__, e)
