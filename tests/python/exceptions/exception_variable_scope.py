# The 'as' name is deleted at the end of the handler.
e = "before"
try:
    raise ValueError("inside")
except ValueError as e:
    print(e)
try:
    print(e)
except NameError as err:
    print(type(err).__name__)
saved = None
try:
    raise KeyError("keep")
except KeyError as exc:
    saved = exc
print(repr(saved))
def f():
    try:
        raise TypeError("t")
    except TypeError as local_e:
        return local_e
print(repr(f()))
