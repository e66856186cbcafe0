# hash: equal values hash equal; unhashable types raise.
print(hash(1) == hash(1.0), hash(True) == hash(1), hash(0) == hash(0.0) == hash(False))
print(hash((1, 2)) == hash((1, 2)), hash("abc") == hash("ab" + "c"), hash(b"x") == hash(b"x"))
print(hash(2 ** 70) == hash(2 ** 70), hash(frozenset([1, 2])) == hash(frozenset([2, 1])))
print(hash(1.5) == hash(1.5), hash(None) == hash(None), type(hash("s")).__name__)
print(hash(-1) == hash(-1.0), hash(10 ** 20) == hash(float(10 ** 20)))
for bad in ([], {}, set(), bytearray()):
    try:
        hash(bad)
    except TypeError as e:
        print(type(e).__name__, e)
d = {1: "int"}
d[1.0] = "float"
d[True] = "bool"
print(d)
