# callable() on functions, classes, instances, builtins and others.
class WithCall:
    def __call__(self):
        return "called"
class Without:
    pass
def f():
    pass
for obj in [f, len, lambda: 0, WithCall, WithCall(), Without, Without(), 1, "s", None, [].append, str.upper]:
    print(callable(obj))
