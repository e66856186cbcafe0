# Methods and attributes added, replaced and removed on classes at run time.
class Shape:
    def area(self):
        return 0
s = Shape()
print(s.area())
Shape.area = lambda self: 42
print(s.area())
def perimeter(self):
    return "perimeter of " + type(self).__name__
Shape.perimeter = perimeter
print(s.perimeter())
class Square(Shape):
    pass
print(Square().area(), Square().perimeter())
del Shape.perimeter
print(hasattr(s, "perimeter"), hasattr(Square(), "perimeter"))
s.area = lambda: "instance override"
print(s.area(), Shape().area())
del s.area
print(s.area())
Shape.__repr__ = lambda self: "<a shape>"
print(s, [Square()])
