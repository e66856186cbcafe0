# getattr, setattr, hasattr, delattr.
class C:
    x = 1
    def m(self):
        return "method"
c = C()
print(getattr(c, "x"), getattr(c, "y", "default"), getattr(c, "m")())
setattr(c, "y", 2)
print(c.y, hasattr(c, "y"), hasattr(c, "zz"), hasattr(C, "m"))
delattr(c, "y")
print(hasattr(c, "y"))
try:
    getattr(c, "missing")
except AttributeError as e:
    print(type(e).__name__, e)
try:
    delattr(c, "missing")
except AttributeError as e:
    print(type(e).__name__)
setattr(C, "class_level", "cl")
print(c.class_level)
print(getattr([1, 2], "index")(2), getattr("abc", "upper")())
name = "dyn"
setattr(c, name + "_attr", 5)
print(c.dyn_attr)
try:
    getattr(c, 5)
except TypeError as e:
    print(type(e).__name__, e)
