def f(a, b=1, *c, d, **e):
    return a + b
