# str() and repr() of exceptions in several forms.
class E(Exception):
    pass
cases = [E(), E("x"), E("x", "y"), E(1), E([1, 2]), KeyError("k"), KeyError(1, 2),
         IndexError("list index out of range"), ZeroDivisionError("division by zero")]
for c in cases:
    print(type(c).__name__, "|", str(c), "|", repr(c))
print(str(Exception("a\nb")), repr(Exception("a\nb")))
