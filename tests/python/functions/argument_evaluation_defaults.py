# Default values are evaluated once, left to right, when the def statement runs.
log = []
def val(tag):
    log.append(tag)
    return tag
def f(a=val("a"), b=val("b"), *, c=val("c")):
    return a, b, c
print(log)
print(f(), f(1), f(c=3), log)
def g(x, acc=[]):
    acc.append(x)
    return len(acc)
print([g(i) for i in range(4)])
class K:
    def m(self, x=val("method default")):
        return x
print(log[-1], K().m())
lam = lambda v=val("lambda default"): v
print(lam(), lam(0), log[-1])
