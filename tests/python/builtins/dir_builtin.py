# dir() lists names; only check membership so results are portable.
class C:
    cls_attr = 1
    def method(self):
        pass
c = C()
c.inst = 2
names = dir(c)
print("cls_attr" in names, "method" in names, "inst" in names, names == sorted(names))
print("append" in dir([]), "upper" in dir(""), "keys" in dir({}))
import math
print("sqrt" in dir(math), "pi" in dir(math))
def f():
    local_a = 1
    local_b = 2
    return dir()
print(f())
