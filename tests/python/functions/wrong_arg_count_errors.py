# TypeError messages for calls with the wrong arguments.
def f(a, b):
    return a + b
def g(a, b=1, *, c):
    return a
def h():
    return 0
class K:
    def m(self, x):
        return x
tests = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, c=2),
    lambda: f(1, 2, a=3),
    lambda: g(1),
    lambda: h(1),
    lambda: h(x=1),
    lambda: K().m(),
    lambda: K().m(1, 2),
    lambda: len(),
    lambda: len(1, 2),
]
for t in tests:
    try:
        t()
        print("no error")
    except TypeError as e:
        print(type(e).__name__, e)
def p(a, b, c):
    return a
for args in [(), (1,), (1, 2), (1, 2, 3, 4)]:
    try:
        p(*args)
    except TypeError as e:
        print(e)
