# NameError and UnboundLocalError in different scopes.
def f():
    print(undefined_in_f)
try:
    f()
except NameError as e:
    print(type(e).__name__, e)
counter = 0
def g():
    counter += 1
try:
    g()
except UnboundLocalError as e:
    print(type(e).__name__, isinstance(e, NameError))
def h():
    def inner():
        return later
    try:
        return inner()
    except NameError as e:
        return type(e).__name__
print(h())
def k():
    x = 1
    del x
    return x
try:
    k()
except UnboundLocalError as e:
    print(type(e).__name__)
