# Functions are objects: names, docstrings, attributes, passing around.
def documented(x):
    "Doubles x."
    return x * 2
print(documented.__name__, documented.__doc__)
documented.tag = "custom"
print(documented.tag)
def apply(fn, *args):
    return fn(*args)
print(apply(documented, 4), apply(max, 1, 9, 3))
table = {"double": documented, "neg": lambda v: -v}
print([table[k](5) for k in ("double", "neg")])
def nothing():
    pass
print(nothing.__doc__, nothing(), callable(nothing))
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer() is outer())
print(type(documented).__name__)
