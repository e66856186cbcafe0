def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# os.urandom: length and type (values are random).
import os
for n in [0, 1, 16, 1000]:
    b = os.urandom(n)
    print(n, type(b).__name__, len(b))
print(os.urandom(32) != os.urandom(32))
t(lambda: os.urandom(-1))
t(lambda: os.urandom('x'))
