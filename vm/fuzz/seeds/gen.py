def g():
    x = yield 1
    yield from x
    return 2
