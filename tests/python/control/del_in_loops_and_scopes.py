# del inside functions makes the name unbound again.
def f():
    x = 1
    del x
    try:
        return x
    except NameError as e:
        return type(e).__name__
print(f())
def g():
    items = {"a": 1, "b": 2, "c": 3}
    for k in list(items):
        if k != "b":
            del items[k]
    return items
print(g())
lst = list(range(10))
while lst:
    del lst[::2]
    print(lst)
class A:
    x = 1
    y = 2
    del y
print(hasattr(A, "x"), hasattr(A, "y"))
