# Multiple inheritance and the C3 method resolution order, including a diamond.
class A:
    def who(self):
        return "A"
class B(A):
    def who(self):
        return "B>" + super().who()
class C(A):
    def who(self):
        return "C>" + super().who()
class D(B, C):
    def who(self):
        return "D>" + super().who()
print([c.__name__ for c in D.__mro__])
print(D().who())
class X: pass
class Y: pass
class Z(X, Y): pass
class W(Z, Y): pass
print([c.__name__ for c in W.__mro__])
class M1:
    tag = "m1"
class M2:
    tag = "m2"
    extra = "only m2"
class Both(M1, M2):
    pass
print(Both.tag, Both.extra)
try:
    class Bad(A, B):
        pass
except TypeError as e:
    print(type(e).__name__)
print([c.__name__ for c in B.mro()])
