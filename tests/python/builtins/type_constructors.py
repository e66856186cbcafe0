# Constructors of builtin types from various inputs.
print(int(), int("12"), int(12.9), int("-0b11", 0), int(" 1_0 "))
print(float(), float("2.5"), float(3), float(" -1e2 "))
print(str(), str(5), str([1]), str(b"b"), str(b"b", "ascii"), str(None))
print(bool(), bool(3), bool(""), bool([0]))
print(list(), list("ab"), list((1, 2)), list({"k": 0}), list(range(2)), list(x for x in [9]))
print(tuple(), tuple([1, 2]), tuple("ab"), tuple({1: 2}))
print(dict(), dict(a=1), dict([("b", 2)]), dict({"c": 3}), dict(zip("de", (4, 5))), dict([("x", 1)], y=2))
print(sorted(set("hello")), set(), sorted(set([3, 1, 3])), sorted(frozenset("aba")), frozenset() == set())
print(bytes(), bytes(2), bytes([65, 66]), bytes("é", "utf-8"), bytes(b"ab"), bytes(bytearray(b"cd")))
print(bytearray(), bytearray(2), bytearray([1]), bytearray(b"x"), bytearray("hi", "ascii"))
print(type(int()).__name__, list(list("ab")), str(str("s")), tuple(tuple("t")))
try:
    dict([1, 2])
except TypeError as e:
    print(type(e).__name__)
try:
    list(5)
except TypeError as e:
    print(type(e).__name__, e)
