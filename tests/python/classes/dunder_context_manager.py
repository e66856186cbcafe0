# __enter__ and __exit__ on a resource-like class.
class Resource:
    opened = 0
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        Resource.opened += 1
        print("open", self.name, Resource.opened)
        return self
    def __exit__(self, exc_type, exc_value, traceback):
        Resource.opened -= 1
        print("close", self.name, Resource.opened, exc_type is not None)
        return isinstance(exc_value, LookupError)
with Resource("r1") as r:
    print("using", r.name)
with Resource("r2"):
    {}["missing"]
print("after suppressed KeyError")
try:
    with Resource("r3"):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped", e)
with Resource("a") as a, Resource("b") as b:
    print(a.name + b.name)
print(Resource.opened)
