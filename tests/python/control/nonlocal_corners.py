# nonlocal corners: several levels, loops, closures sharing a cell, nonlocal after use in inner.
def counter():
    n = 0
    def inc(step=1):
        nonlocal n
        n += step
        return n
    def get():
        return n
    return inc, get
inc, get = counter()
inc(); inc(5)
print(get())

def outer():
    x = "outer"
    def middle():
        def inner():
            nonlocal x
            x = "inner"
        inner()
        return x
    r = middle()
    return r, x
print(outer())

def loop_closures():
    fs = []
    for i in range(3):
        def f(i=i):
            return i
        fs.append(f)
    total = 0
    def add(v):
        nonlocal total
        total += v
    for f in fs:
        add(f())
    return total, [f() for f in fs]
print(loop_closures())

def shadow():
    x = 1
    def g():
        x = 2
        def h():
            nonlocal x
            x += 10
            return x
        return h(), x
    return g(), x
print(shadow())

def make_acc():
    data = []
    def acc(v):
        nonlocal data
        data = data + [v]
        return len(data)
    return acc
acc = make_acc()
print(acc(1), acc(2), acc(3))

def gen_nonlocal():
    count = 0
    def g():
        nonlocal count
        for i in range(3):
            count += 1
            yield count
    return list(g()), count
print(gen_nonlocal())
