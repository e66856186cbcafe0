# __context__ is set implicitly when raising inside a handler.
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during handling")
except KeyError as e:
    print(type(e.__context__).__name__, e.__context__)
    print(e.__cause__)
try:
    try:
        raise ValueError("a")
    finally:
        raise TypeError("b")
except TypeError as e:
    print(type(e.__context__).__name__, e.__context__)
try:
    raise IndexError("no context")
except IndexError as e:
    print(e.__context__)
def chain():
    try:
        raise OSError("one")
    except OSError:
        try:
            raise ValueError("two")
        except ValueError:
            raise RuntimeError("three")
try:
    chain()
except RuntimeError as e:
    names = []
    c = e
    while c is not None:
        names.append(type(c).__name__)
        c = c.__context__
    print(names)
