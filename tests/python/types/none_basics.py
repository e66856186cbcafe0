# None: identity, truth, repr, comparisons.
x = None
print(x, repr(x), str(x), type(x).__name__)
print(x is None, x == None, x is not None)
print(bool(x), not x)
def f():
    pass
print(f() is None)
print([None, None].count(None))
print({None: 1}[None])
try:
    None < 1
except TypeError as e:
    print(type(e).__name__, e)
print(None == 0, None == False, None == "")
