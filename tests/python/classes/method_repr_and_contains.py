class A:
    def m(self): pass
    @classmethod
    def c(cls): pass
    def __repr__(self): return 'A()'
print(repr(A().m))
print(repr(A.c).startswith("<bound method A.c of <class '__main__.A'>>"))
print(repr([].append).startswith('<built-in method append of list object at 0x'))
class B:
    def m(self): pass
print(repr(B().m).startswith('<bound method B.m of <__main__.B object at 0x'))
class R:
    def __repr__(self): return repr(self.__repr__)
try:
    repr(R())
except RecursionError as e:
    print('RecursionError')
class I(int): pass
class F(float): pass
class LL(list): pass
class S(str): pass
for c in (I(3), F(1.5)):
    try:
        1 in c
    except TypeError as e:
        print(e)
print(1 in LL([1, 2]), 'a' in S('abc'), 3 in LL())
