# __slots__ restricts instance attributes (AttributeError, no __dict__; a subclass without
# __slots__ or '__dict__' in them gives one back; a slot may not be a class variable), and
# obj.__class__ = B with CPython's checks (a class, the same layout, not a builtin instance).
class P:
    __slots__ = ("x", "y")
    def __init__(self): self.x = 1
class Q(P):
    __slots__ = "z"
class R(P):
    pass
class S:
    __slots__ = ("a", "__dict__")
p = P()
print(p.x)
for f in [lambda: p.y, lambda: setattr(p, "w", 1), lambda: p.__dict__]:
    try: print(f())
    except AttributeError as e: print("AttributeError", e)
q = Q(); q.z = 3; q.y = 2
print(q.x, q.y, q.z)
try: q.w = 1
except AttributeError as e: print("AttributeError", e)
r = R(); r.w = 5; print(r.w, r.__dict__["w"])
s = S(); s.a = 1; s.b = 2; print(s.a, s.b, s.__dict__["b"])
try:
    class T:
        __slots__ = ("v",)
        v = 1
except ValueError as e: print("ValueError", e)
del p.x
try: p.x
except AttributeError as e: print("AttributeError", e)
class A: pass
class B: pass
a = A(); a.k = 1; a.__class__ = B; print(type(a).__name__, a.k, isinstance(a, B))
for target in [int, 5, P]:
    try: a.__class__ = target
    except TypeError as e: print("TypeError", e)
try: p.__class__ = A
except TypeError as e: print("TypeError", e)
class P2:
    __slots__ = ("x", "y")
p.__class__ = P2; print(type(p).__name__)
try: (1).__class__ = bool
except TypeError as e: print("TypeError", e)
class E(Exception): pass
e = E(); 
try: e.__class__ = A
except TypeError as x: print("TypeError", x)
class E2(Exception): pass
e.__class__ = E2; print(type(e).__name__)
