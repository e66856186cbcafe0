# isinstance and issubclass with tuples, builtins and user classes.
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(b, C), isinstance(b, (C, A)))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(A, A))
print(isinstance(1, int), isinstance(True, int), isinstance(1.0, (int, float)), isinstance("s", bytes))
print(isinstance([], list), isinstance((), tuple), isinstance({}, dict), isinstance(set(), frozenset))
print(issubclass(bool, int), issubclass(int, object), issubclass(type, object), issubclass(object, type))
print(isinstance(int, type), isinstance(A, type), isinstance(A, object))
print(isinstance(b, ()), issubclass(B, ()))
try:
    isinstance(b, 5)
except TypeError as e:
    print(type(e).__name__)
try:
    issubclass(b, A)
except TypeError as e:
    print(type(e).__name__, e)
