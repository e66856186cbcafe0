# raise ... from ...: __cause__, __suppress_context__ and from None.
try:
    try:
        int("x")
    except ValueError as e:
        raise RuntimeError("conversion failed") from e
except RuntimeError as e:
    print(type(e).__name__, e)
    print(type(e.__cause__).__name__, e.__cause__)
    print(e.__suppress_context__, e.__context__ is e.__cause__)
try:
    try:
        {}["k"]
    except KeyError:
        raise ValueError("clean") from None
except ValueError as e:
    print(e.__cause__, e.__suppress_context__, type(e.__context__).__name__)
try:
    raise TypeError("t") from OSError("os")
except TypeError as e:
    print(repr(e.__cause__))
e = ValueError("fresh")
print(e.__cause__, e.__context__, e.__suppress_context__)
