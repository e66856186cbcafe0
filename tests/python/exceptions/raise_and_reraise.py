# raise with classes and instances, bare re-raise, raising non-exceptions.
try:
    raise ValueError
except ValueError as e:
    print(type(e).__name__, repr(str(e)), e.args)
try:
    raise ValueError("msg", 2)
except ValueError as e:
    print(e.args, str(e))
def reraiser():
    try:
        1 / 0
    except ZeroDivisionError:
        print("handling, then re-raising")
        raise
try:
    reraiser()
except ZeroDivisionError as e:
    print("outer got", e)
try:
    raise 42
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise
except RuntimeError as e:
    print(type(e).__name__, e)
err = KeyError("saved")
try:
    raise err
except KeyError as e:
    print(e is err)
def nested_reraise():
    try:
        raise IndexError("first")
    except IndexError:
        try:
            raise KeyError("second")
        except KeyError:
            pass
        raise
try:
    nested_reraise()
except Exception as e:
    print(type(e).__name__, e)
