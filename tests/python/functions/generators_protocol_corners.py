# Generator protocol corners: send before start, throw/close states, return values, yield from.
def echo():
    got = yield "ready"
    while True:
        got = yield "got %r" % (got,)

g = echo()
try:
    g.send(1)
except TypeError as e:
    print("TypeError", e)
print(next(g), g.send(5), g.send(None))
g.close()
try:
    next(g)
except StopIteration:
    print("closed")

def catcher():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)
    yield 3
c = catcher()
print(next(c), c.throw(ValueError("v")), next(c))
try:
    c.throw(KeyError("late"))
except KeyError as e:
    print("propagated", repr(e))

def with_return():
    yield 1
    return "done"
r = with_return()
next(r)
try:
    next(r)
except StopIteration as e:
    print("value", e.value)

def delegate():
    result = yield from with_return()
    yield "inner said " + result
print(list(delegate()))

def inner():
    x = yield "i1"
    print("inner got", x)
    try:
        yield "i2"
    except ZeroDivisionError:
        yield "inner handled"
def outer():
    yield from inner()
    yield "outer end"
o = outer()
print(next(o), o.send("hello"), o.throw(ZeroDivisionError()), next(o))

def cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup ran")
cl = cleanup()
next(cl)
cl.close()
print(cl.close())

def refuses():
    try:
        yield 1
    except GeneratorExit:
        yield 2
rf = refuses()
next(rf)
try:
    rf.close()
except RuntimeError as e:
    print("RuntimeError", e)

u = (x for x in range(3))
u.close()
print(list(u))
try:
    next(iter_gen := (y for y in []))
except StopIteration:
    print("empty genexpr")
