# Closures capture variables, not values (late binding).
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
fs = []
for i in range(3):
    fs.append(lambda i=i: i)
print([f() for f in fs])
def make():
    funcs = []
    for k in range(3):
        def f():
            return k
        funcs.append(f)
    return funcs
print([f() for f in make()])
def make_fixed():
    def bind(k):
        return lambda: k
    return [bind(k) for k in range(3)]
print([f() for f in make_fixed()])
def rebinding():
    x = "first"
    get = lambda: x
    x = "second"
    return get()
print(rebinding())
