# Exceptions raised in handlers and finally blocks replace the original.
def handler_raises():
    try:
        raise ValueError("original")
    except ValueError:
        raise KeyError("from handler")
try:
    handler_raises()
except KeyError as e:
    print(repr(e), repr(e.__context__))
def finally_raises():
    try:
        raise ValueError("lost")
    finally:
        raise IndexError("from finally")
try:
    finally_raises()
except IndexError as e:
    print(repr(e), repr(e.__context__))
def handled_then_finally():
    try:
        try:
            raise TypeError("inner")
        except TypeError:
            return "handled"
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(handled_then_finally())
