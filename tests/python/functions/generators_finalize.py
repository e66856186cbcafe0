# close() through `yield from` closes the delegate first; a suspended generator that becomes
# unreachable runs its finally when collected.
import gc
def inner():
    try:
        yield 1
        yield 2
    finally:
        print("inner finally")
def outer():
    try:
        yield from inner()
    finally:
        print("outer finally")
g = outer()
next(g)
g.close()
print("closed")
def inner2():
    try:
        yield 1
    finally:
        raise KeyError("k")
def outer2():
    try:
        yield from inner2()
    except KeyError as e:
        print("outer2 got", repr(e))
g = outer2()
next(g)
g.close()
print("closed2")
finalized = []
def dropped(n):
    try:
        yield 1
    finally:
        finalized.append(n)
g = dropped(1)
next(g)
del g
gc.collect()
print("after collect", finalized)
def make():
    for i in range(3):
        h = dropped(i + 10)
        next(h)
make()
gc.collect()
# Which of several unreachable generators is closed first is the collector's business.
print("after collect 2", sorted(finalized))
def once():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit")
        raise
g = once()
next(g)
g = None
gc.collect()
print("end")
