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
def dropped(n):
    try:
        yield 1
    finally:
        print("dropped finally", n)
g = dropped(1)
next(g)
del g
gc.collect()
print("after collect")
def make():
    for i in range(3):
        h = dropped(i + 10)
        next(h)
make()
gc.collect()
print("after collect 2")
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
