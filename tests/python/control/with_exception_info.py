# __exit__ receives type, value and traceback; returning True suppresses.
class Inspect:
    def __exit__(self, t, v, tb):
        print("type:", t.__name__ if t else None)
        print("value:", repr(v))
        print("traceback present:", tb is not None)
        return t is not None and issubclass(t, ArithmeticError)
    def __enter__(self):
        return self
with Inspect():
    pass
with Inspect():
    1 / 0
try:
    with Inspect():
        [].pop()
except IndexError as e:
    print("escaped:", e)
with Inspect() as i:
    print(type(i).__name__)
