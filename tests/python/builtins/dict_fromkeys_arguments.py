# dict.fromkeys through dict, a dict, and a dict subclass (which gets cls() filled by __setitem__):
# CPython's errors for no keys argument and for too many arguments.
class D(dict):
    pass
tests = [lambda: dict.fromkeys(), lambda: {}.fromkeys(), lambda: D.fromkeys(), lambda: D().fromkeys(),
         lambda: dict.fromkeys("ab"), lambda: dict.fromkeys([1], 2), lambda: D.fromkeys("x", 0), lambda: type(D.fromkeys("x")).__name__,
         lambda: dict.fromkeys([1], 2, 3)]
for t in tests:
    try:
        print(t())
    except TypeError as e:
        print(type(e).__name__, e)
