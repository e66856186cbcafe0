# Implicit chaining (__context__), explicit (__cause__), raise from None, suppress_context.
def show(e):
    c = e.__context__
    k = e.__cause__
    print(type(e).__name__, e, "| context:", type(c).__name__ if c else None,
          "| cause:", type(k).__name__ if k else None, "| suppress:", e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("while handling")
except ValueError as e:
    show(e)

try:
    try:
        {}["k"]
    except KeyError as ke:
        raise RuntimeError("wrapped") from ke
except RuntimeError as e:
    show(e)
    print(e.__cause__ is e.__context__)

try:
    try:
        int("x")
    except ValueError:
        raise TypeError("clean") from None
except TypeError as e:
    show(e)

try:
    try:
        raise OSError("first")
    finally:
        pass
except OSError as e:
    show(e)

def nested():
    try:
        raise KeyError("a")
    except KeyError:
        try:
            raise IndexError("b")
        except IndexError:
            raise AttributeError("c")
try:
    nested()
except AttributeError as e:
    show(e)
    show(e.__context__)

e = ValueError("manual")
e.__cause__ = KeyError("k")
print(type(e.__cause__).__name__, e.__suppress_context__)
try:
    raise e
except ValueError as got:
    print(got is e, type(got.__cause__).__name__)
