# __call__ and __bool__ (and __len__ as the truth fallback).
class Adder:
    def __init__(self, n):
        self.n = n
    def __call__(self, x, *rest):
        return x + self.n + sum(rest)
add3 = Adder(3)
print(add3(1), add3(1, 10, 100), callable(add3), callable(Adder), callable(3))
print(list(map(Adder(10), [1, 2])))
class Flag:
    def __init__(self, v):
        self.v = v
    def __bool__(self):
        return self.v
print(bool(Flag(True)), bool(Flag(False)), not Flag(False))
print("yes" if Flag(True) else "no", Flag(False) or "fallback")
class Sized:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(bool(Sized(0)), bool(Sized(2)))
class Both:
    def __bool__(self):
        return False
    def __len__(self):
        return 5
print(bool(Both()))
class BadBool:
    def __bool__(self):
        return 1
try:
    bool(BadBool())
except TypeError as e:
    print(type(e).__name__, e)
