# complex() from numbers, strings and keywords, and its errors.
print(complex(), complex(2), complex(2.5), complex(1, 2), complex(1.5, -0.5))
print(complex(1j), complex(1j, 1j), complex(1 + 2j, 3 + 4j), complex(0, 1j))
print(complex(real=3), complex(imag=4), complex(real=1, imag=-1))
print(complex(True, False))
for s in ["1", "2j", "1+2j", "1-2j", " 3.5-1e2j ", "(1+1j)", " ( -2j ) ", "j", "-j",
          "+J", "1+j", "1_000+2_0j", "inf", "-infj", "1e-3+.5j", "nan+nanj"]:
    print(repr(s), complex(s))
for s in ["", "1+", "1 + 2j", "(1+2j", "j2", "1jj", "1__0", "abc", "1+2", "++1j", "()"]:
    try:
        complex(s)
    except ValueError as e:
        print(repr(s), type(e).__name__, e)
for args in [("1", 2), (None,), (1, "2"), ([],)]:
    try:
        complex(*args)
    except TypeError as e:
        print(type(e).__name__, e)
class C:
    def __complex__(self):
        return 7 - 1j
class F:
    def __float__(self):
        return 2.5
print(complex(C()), complex(F()), complex(F(), F()))
c = 5 + 6j
print(complex(c) is c)
try:
    int(1j)
except TypeError as e:
    print(type(e).__name__)
try:
    float(1j)
except TypeError as e:
    print(type(e).__name__)
