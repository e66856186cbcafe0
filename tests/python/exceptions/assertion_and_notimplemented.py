# AssertionError, NotImplementedError and NotImplemented.
class Shape:
    def area(self):
        raise NotImplementedError("subclass must implement area")
class Sq(Shape):
    def area(self):
        return 4
for s in (Shape(), Sq()):
    try:
        print(s.area())
    except NotImplementedError as e:
        print(type(e).__name__, e)
print(issubclass(NotImplementedError, RuntimeError), type(NotImplemented).__name__)
print(NotImplemented is NotImplemented, repr(NotImplemented))
try:
    assert 0, "zero"
except AssertionError as e:
    print(repr(e))
