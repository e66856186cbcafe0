# Exceptions raised by __exit__ itself replace the body's exception.
class Failing:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        raise RuntimeError("exit failed while handling %s" % (t.__name__ if t else "nothing"))
try:
    with Failing():
        pass
except RuntimeError as e:
    print(e, e.__context__)
try:
    with Failing():
        raise ValueError("body")
except RuntimeError as e:
    print(e, repr(e.__context__))
class Converting:
    def __enter__(self):
        return self
    def __exit__(self, t, v, tb):
        if t is KeyError:
            raise LookupError("converted") from v
try:
    with Converting():
        {}["k"]
except LookupError as e:
    print(type(e).__name__, e, repr(e.__cause__))
