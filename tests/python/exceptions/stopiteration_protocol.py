# StopIteration ends iteration; inside generators it becomes RuntimeError.
it = iter([1])
print(next(it))
try:
    next(it)
except StopIteration as e:
    print(type(e).__name__, e.value)
def bad_gen():
    yield 1
    raise StopIteration("inside")
try:
    list(bad_gen())
except RuntimeError as e:
    print(type(e).__name__, e)
def gen_ret():
    yield 1
    return 5
g = gen_ret()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)
