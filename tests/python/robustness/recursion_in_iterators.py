# Wrapper iterators (map, filter, zip, enumerate, iter(callable, sentinel), generators) pass
# next() down the chain; moderate chains work, and errors raised inside them propagate.


def chain(wrap, depth):
    it = iter(range(5))
    for _ in range(depth):
        it = wrap(it)
    return it


print(list(chain(lambda it: map(abs, it), 100)))
print(list(chain(lambda it: filter(None, it), 100)))
print(next(chain(zip, 100)))
print(next(chain(enumerate, 30)))
print(list(chain(lambda it: (x * 1 for x in it), 20)))
print(list(reversed(list(chain(reversed, 0)))))


def boom(x):
    raise KeyError(x)


try:
    next(map(boom, chain(zip, 50)))
except KeyError as e:
    print("KeyError", type(e.args[0]).__name__)

isinstance_tuple = int
for _ in range(100):
    isinstance_tuple = (str, isinstance_tuple)
print(isinstance(1, isinstance_tuple), isinstance(1.0, isinstance_tuple))
print(issubclass(bool, isinstance_tuple), issubclass(float, ((int,), (str, (bytes,)))))
try:
    try:
        raise ValueError("v")
    except (TypeError, (ValueError,)):
        print("nested tuples in except are not allowed")
except TypeError as e:
    print(type(e).__name__, e)
