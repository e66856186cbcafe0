def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


# itertools.product: cartesian products, repeat, empty pools.
from itertools import product
print(list(product('AB', 'xy')), list(product(range(2), repeat=3)))
print(list(product()), list(product('ab', [])), list(product([1, 2], repeat=0)))
print(list(product('ab', (1,), repeat=2)), len(list(product(range(3), range(4), range(5)))))
print([''.join(p) for p in product('01', repeat=3)])
t(lambda: list(product('ab', repeat=-1)))
