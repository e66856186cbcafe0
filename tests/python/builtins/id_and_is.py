# id() identity comparisons and the is operator.
a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), a is b, a is c, a == c)
print(type(id(a)).__name__)
x = None
print(id(x) == id(None), x is None)
def f():
    return a
print(id(f()) == id(a))
class O:
    pass
o1, o2 = O(), O()
print(id(o1) == id(o1), id(o1) == id(o2))
t = (a, a)
print(id(t[0]) == id(t[1]))
print(True is True, () == (), [] is not [])
