# with statement and custom context managers.
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.suppress
with CM("a") as value:
    print("body", value)
with CM("b", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with CM("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", repr(e))
with CM("outer"), CM("inner") as i:
    print("both", i)
try:
    with CM("x") as x, CM("y", suppress=True) as y:
        raise RuntimeError("inner suppresses")
    print("after", x, y)
except RuntimeError:
    print("not reached")
def early():
    with CM("ret"):
        return "returned"
print(early())
for k in range(2):
    with CM("loop%d" % k):
        if k == 0:
            continue
        break
