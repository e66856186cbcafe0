# type() of values, type identity, type of types.
for v in [1, 1.0, "s", b"b", [], (), {}, set(), frozenset(), None, True, range(1), len, type,
          bytearray(), slice(1), iter([]), (x for x in [])]:
    print(type(v).__name__)
print(type(1) is int, type(True) is bool, type(True) is int, type(type(1)) is type)
class A:
    pass
print(type(A()) is A, type(A) is type, type(A).__name__)
print(int.__name__, str.__name__, type(int).__name__, object.__name__)
