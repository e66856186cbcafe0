# Class attributes are shared; instance attributes shadow them.
class C:
    shared = []
    count = 0
    def __init__(self, v):
        self.v = v
        C.count += 1
a, b = C(1), C(2)
a.shared.append("x")
print(b.shared, C.count, a.count)
a.count = 100
print(a.count, b.count, C.count)
del a.count
print(a.count)
print(a.__dict__, b.__dict__)
a.new_attr = "dynamic"
print(a.__dict__, hasattr(b, "new_attr"))
C.added_later = "class level"
print(a.added_later, b.added_later)
print("shared" in C.__dict__, "v" in C.__dict__)
try:
    b.missing
except AttributeError as e:
    print(type(e).__name__, e)
def method(self):
    return self.v * 10
C.method = method
print(a.method(), b.method())
