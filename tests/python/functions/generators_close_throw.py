# close() and throw() on generators, with finally blocks.
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
g = gen()
print(next(g))
g.close()
print(next(g, "closed"))
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught inside", e)
            yield "recovered"
c = catcher()
print(next(c))
print(c.throw(ValueError("boom")))
print(next(c))
def no_catch():
    yield 1
n = no_catch()
next(n)
try:
    n.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
def on_exit():
    try:
        yield
    except GeneratorExit:
        print("got GeneratorExit")
        raise
e = on_exit()
next(e)
e.close()
fresh = gen()
fresh.close()
print("closing unstarted generator runs no cleanup")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as err:
    print(type(err).__name__, err)
