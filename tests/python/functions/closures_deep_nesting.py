# Closures over several enclosing levels, with nonlocal writes at different depths.
def level1():
    a = 1
    def level2():
        b = 10
        def level3():
            nonlocal a, b
            c = 100
            def level4():
                nonlocal c
                c += 1
                return a + b + c
            a += 1
            b += 1
            return level4() + level4()
        return level3
    return level2()
f = level1()
print(f(), f(), f())
def make_chain(n):
    fns = []
    total = 0
    for i in range(n):
        def add(x, i=i):
            nonlocal total
            total += x * i
            return total
        fns.append(add)
    return fns
chain = make_chain(4)
print([fn(1) for fn in chain], [fn(2) for fn in chain])
def outer(x):
    def mid(y):
        def inner(z):
            return (x, y, z)
        return inner
    return mid
print(outer(1)(2)(3), outer("a")("b")("c"))
