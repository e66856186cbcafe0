# A class body runs once at definition time, in its own namespace.
print("before class")
class C:
    print("inside class body")
    x = 1
    y = x + 1
    items = [x, y]
    for i in range(3):
        items.append(i)
    del i
    def method(self):
        return C.y
    if y > 1:
        flag = "set conditionally"
    class Inner:
        z = 3
print("after class")
print(C.x, C.y, C.items, C.flag, C.Inner.z, C().method(), hasattr(C, "i"))
print(C.Inner.__name__, type(C.Inner()).__name__)
def make(n):
    class Local:
        value = n
        def get(self):
            return self.value
    return Local
A, B = make(1), make(2)
print(A().get(), B().get(), A is B, A.__name__)
x = "module x"
class D:
    x = "class x"
    def m(self):
        return x
print(D().m())
