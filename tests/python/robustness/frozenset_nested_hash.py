# A frozenset caches its hash (it never changes), so frozensets nested 30,000 deep, each
# hashed as it is put in the next, build in linear time; methods of set do not apply to
# frozensets (they would change a hashed value).
a = frozenset()
for i in range(30000):
    a = frozenset([a, i % 7])
print(len(a), hash(a) == hash(a), a in {a: 1}, frozenset([a]) == frozenset([a]))
a = None
b = frozenset([1, 2])
d = {b: "b"}
print(d[frozenset([2, 1])], hash(b) == hash(frozenset([2, 1])))
for name in ["discard", "remove", "add", "update", "union", "issubset", "clear"]:
    try:
        getattr(set, name)(b, 1) if name != "clear" else set.clear(b)
        print(name, "no error", sorted(b))
    except TypeError as e:
        print(name, "TypeError", e)
print(sorted(b), frozenset.union(b, [3]) == {1, 2, 3}, d[b])
