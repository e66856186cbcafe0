# Reflected (__radd__ ...) and in-place (__iadd__ ...) operators, NotImplemented.
class Money:
    def __init__(self, c):
        self.c = c
    def __repr__(self):
        return "Money(%d)" % self.c
    def __add__(self, o):
        if isinstance(o, Money):
            return Money(self.c + o.c)
        if isinstance(o, int):
            return Money(self.c + o)
        return NotImplemented
    def __radd__(self, o):
        print("radd with", o)
        return self.__add__(o)
    def __rsub__(self, o):
        return Money(o - self.c)
    def __rmul__(self, o):
        return Money(self.c * o)
    def __iadd__(self, o):
        print("iadd")
        self.c += o.c if isinstance(o, Money) else o
        return self
    def __imul__(self, k):
        return Money(self.c * k)
m = Money(5)
print(m + 1, 1 + m, 10 - m, 3 * m)
print(sum([Money(1), Money(2), Money(3)]))
alias = m
m += 10
print(m, alias, m is alias)
m *= 2
print(m, alias, m is alias)
try:
    m + "x"
except TypeError as e:
    print(type(e).__name__, e)
class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)
o = OnlyAdd(1)
keep = o
o += 5
print(o.v, keep.v, o is keep)
class Sub(Money):
    def __radd__(self, o):
        return "Sub.__radd__ wins"
print(Money(1) + Sub(2))
