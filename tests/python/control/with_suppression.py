# with: __exit__ returning true suppresses, false re-raises; enter errors; nesting order.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress

with CM("a", suppress=True) as v:
    print("body", v)
    raise ValueError("boom")
print("after a")

try:
    with CM("b") as v:
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))

with CM("outer", True), CM("inner"):
    raise IndexError("deep")
print("after nested")

def f():
    with CM("ret"):
        return "returned"
print(f())

for i in range(3):
    with CM("loop%d" % i, True):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)

class BadEnter:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("not called")
try:
    with BadEnter():
        print("not run")
except RuntimeError as e:
    print("RuntimeError", e)

class Truthy:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return 1
with Truthy():
    1 / 0
print("suppressed by truthy value")
