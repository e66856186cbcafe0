# yield from: delegation and return values.
def inner():
    yield 1
    yield 2
    return "inner done"
def outer():
    result = yield from inner()
    print("inner returned", result)
    yield 3
print(list(outer()))
def chain(*its):
    for it in its:
        yield from it
print(list(chain([1, 2], "ab", range(2))))
def tree(n):
    if n:
        yield from tree(n - 1)
        yield n
        yield from tree(n - 1)
print(list(tree(3)))
def delegate_send():
    got = yield from echo()
    yield "final " + str(got)
def echo():
    total = 0
    while True:
        v = yield total
        if v is None:
            return total
        total += v
g = delegate_send()
print(next(g), g.send(5), g.send(10), g.send(None))
