# global and nonlocal declarations.
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump()
print(counter)
def make_global():
    global created_later
    created_later = "made"
make_global()
print(created_later)
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 10
        return x
    inner()
    inner()
    return x
print(outer())
def outer2():
    a = "outer"
    def middle():
        def inner():
            nonlocal a
            a = "inner changed it"
        inner()
    middle()
    return a
print(outer2())
x = "global x"
def shadow():
    x = "local x"
    def read():
        return x
    return read()
print(shadow(), x)
def reads_global():
    return counter * 100
print(reads_global())
