# object(): a featureless instance; object methods on user classes.
o = object()
print(type(o).__name__, o == o, o != object(), isinstance(o, object))
try:
    o.attr = 1
except AttributeError as e:
    print(type(e).__name__)
class C:
    pass
c = C()
print(c.__eq__(c), c.__ne__(c), c.__eq__(1) is NotImplemented)
print(object.__name__, issubclass(C, object), C.__bases__[0] is object)
print(str(c) == repr(c), isinstance(str(c), str))
