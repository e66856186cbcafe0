def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# functools.partial: positional and keyword freezing, nesting, attributes.
from functools import partial
base2 = partial(int, base=2)
print(base2('1010'), base2('11', base=3), base2.func is int, base2.args, base2.keywords)
add3 = partial(lambda a, b, c: a * 100 + b * 10 + c, 1)
print(add3(2, 3), partial(add3, 4)(5))
p = partial(partial(max, 1), 5)
print(p(3), p.args, p.func is max)
def kw(**k):
    return sorted(k.items())
print(partial(kw, a=1)(b=2), partial(kw, a=1)(a=3))
print(list(map(partial(pow, 2), range(5))))
t(lambda: partial(5))
t(lambda: partial(lambda a, b: a - b, 1, 2, 3)() and None)
