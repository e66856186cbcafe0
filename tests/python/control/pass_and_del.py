# pass in blocks, del of names, items, slices and attributes.
def empty():
    pass
class Empty:
    pass
print(empty(), Empty.__name__)
x = 1
del x
try:
    print(x)
except NameError as e:
    print(type(e).__name__, e)
lst = [1, 2, 3, 4, 5]
del lst[0], lst[-1]
print(lst)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print(type(e).__name__, e)
o = Empty()
o.attr = 5
del o.attr
print(hasattr(o, "attr"))
try:
    del o.attr
except AttributeError as e:
    print(type(e).__name__)
a, b = 1, 2
del a, b
print("a" in dir(), "b" in dir())
for i in range(3):
    pass
if True:
    pass
else:
    pass
print("ok")
